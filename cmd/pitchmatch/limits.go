package main

import (
	"fmt"
	"math"
	"os"
	"time"

	"pitchmatch/event"
)

// Limits checked before any work, so that an oversized input or a mistyped
// flag ends with a clear message and exit status 1 or 2 instead of an
// out-of-memory crash or a 200-year link.

// checkUnit refuses NaN, infinities and values outside [0, 1].
func checkUnit(flag string, v float64) error {
	if math.IsNaN(v) || !(v >= 0 && v <= 1) {
		return usagef("%s must be a number between 0 and 1 (got %v)", flag, v)
	}
	return nil
}

// checkPositive refuses NaN, infinities, zero and negative values.
func checkPositive(flag string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return usagef("%s must be a positive number (got %v)", flag, v)
	}
	return nil
}

// checkRange refuses an integer outside [lo, hi].
func checkRange(flag string, v, lo, hi int64) error {
	if v < lo || v > hi {
		return usagef("%s must be between %d and %d (got %d)", flag, lo, hi, v)
	}
	return nil
}

// checkDuration refuses a negative duration or one above max.
func checkDuration(flag string, d, max time.Duration) error {
	if d < 0 || d > max {
		return usagef("%s must be between 0 and %v (got %v)", flag, max, d)
	}
	return nil
}

// bytesPerPair is the peak memory one scored startup–theme pair costs the
// scheduler, measured with /usr/bin/time on `schedule --all-pairs
// --min-score 0` (4,000 startups × 60 themes: 168 MB peak, about 700 bytes
// a pair with the rest of the event).
const bytesPerPair = 700

// defaultMaxPairs keeps the scheduler's peak memory near 1.4 GB: 20,000
// startups × 100 themes.
const defaultMaxPairs = 2_000_000

// bytesPerStreamedPair is the peak memory per scored pair when the
// scheduler prunes the pairs as they are scored (the default): measured
// with /usr/bin/time on the BIO-scale demo (15,000 startups × 4,500
// themes, 55.8 million pairs scored, 1.3 million kept): 1.52 GB peak,
// about 27 bytes a scored pair with the rest of the event.
const bytesPerStreamedPair = 30

// defaultMaxStreamedPairs is the default limit of scored pairs when they
// are pruned as they come (about 3 GB at most).
const defaultMaxStreamedPairs = 100_000_000

// checkSchedulePairs is checkPairs for the schedule command: max 0 is
// the default for how the pairs are held (every pair with allPairs, else
// only the kept ones).
func checkSchedulePairs(c event.Counts, max int64, allPairs bool) error {
	if allPairs {
		if max <= 0 {
			max = defaultMaxPairs
		}
		return checkPairsAt(c, max, bytesPerPair)
	}
	if max <= 0 {
		max = defaultMaxStreamedPairs
	}
	return checkPairsAt(c, max, bytesPerStreamedPair)
}

// checkPairsAt refuses to score more than max startup–theme pairs, with
// the memory estimate at bytes a pair.
func checkPairsAt(c event.Counts, max int64, bytes float64) error {
	pairs := int64(c.Startups) * int64(c.Themes)
	if pairs <= max {
		return nil
	}
	gb := float64(pairs) * bytes / (1 << 30)
	return &event.Error{Code: event.ETooLarge, Message: event.T(
		fmt.Sprintf("スタートアップ %d 社 × テーマ %d 件 = %d ペアは上限 %d ペアを超えています（必要なメモリは約 %.1f GB）。このコンピュータに十分なメモリがある場合は --max-pairs で上限を上げてください",
			c.Startups, c.Themes, pairs, max, gb),
		fmt.Sprintf("%d startups × %d themes = %d pairs to score, more than the limit of %d (about %.1f GB of memory); raise it with --max-pairs N if this machine has the memory",
			c.Startups, c.Themes, pairs, max, gb))}
}

// checkFileSize refuses a file above max bytes before reading it.
func checkFileSize(path string, max int64) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if fi.Size() > max {
		return &event.Error{Code: event.ETooLarge, Message: event.T(
			fmt.Sprintf("%s は %d MB あり、上限 %d MB を超えています。ファイルを分けて取り込んでください", path, fi.Size()>>20, max>>20),
			fmt.Sprintf("%s is %d MB, more than the limit of %d MB; split it and import the parts", path, fi.Size()>>20, max>>20))}
	}
	return nil
}
