//go:build !js

package matching

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// JSTS (JGLUE) training split, read from the shared data directory beside
// the repository; PITCHMATCH_JSTS names another copy. Licence CC BY-SA 4.0.
const jstsDefaultPath = "../../shared/data/jsts/train-v1.3.json"

type jstsPair struct {
	S1    string  `json:"sentence1"`
	S2    string  `json:"sentence2"`
	Label float64 `json:"label"`
}

func loadJSTS(tb testing.TB) []jstsPair {
	tb.Helper()
	path := os.Getenv("PITCHMATCH_JSTS")
	if path == "" {
		path = jstsDefaultPath
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("JSTS not available (%v); set PITCHMATCH_JSTS", err)
	}
	defer f.Close()
	var ps []jstsPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var p jstsPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatalf("%s line %d: %v", path, n, err)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return ps
}

// spearman is Spearman's rho: Pearson's correlation of the ranks, ties
// sharing their mean rank.
func spearman(x, y []float64) float64 {
	return stat.Correlation(ranks(x), ranks(y), nil)
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j-1)/2 + 1
		for k := i; k < j; k++ {
			r[idx[k]] = mean
		}
		i = j
	}
	return r
}

// jstsFolds assigns each pair to one of k folds by its first sentence, so a
// sentence never sits on both sides of a split.
func jstsFolds(ps []jstsPair, k int) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		h := fnv.New32a()
		h.Write([]byte(p.S1))
		out[i] = int(h.Sum32() % uint32(k))
	}
	return out
}

// BenchmarkJSTS reports Spearman's rho on the JSTS training split: the
// plain character 1–2-gram TF-IDF baseline, every single signal, the text
// model with the committed coefficients (fitted on all pairs: in-sample),
// and the text model refitted by 5-fold cross-validation (the honest
// figure: each fold scored by a model fitted on the other four). It also
// prints the fit on all pairs, which is what DefaultTextModel holds.
//
//	go test -run='^$' -bench=JSTS -benchtime=1x ./matching/
func BenchmarkJSTS(b *testing.B) {
	ps := loadJSTS(b)
	t1 := make([]string, len(ps))
	t2 := make([]string, len(ps))
	labels := make([]float64, len(ps))
	for i, p := range ps {
		t1[i], t2[i], labels[i] = p.S1, p.S2, p.Label
	}
	for b.Loop() {
		base := spearman(plainCharTFIDF(t1, t2), labels)
		b.ReportMetric(base, "rho_baseline_char12")

		pairs := jstsSignals(t1, t2, labels, textOptions{})
		for k := range numKinds {
			x := make([]float64, len(pairs))
			for i, p := range pairs {
				x[i] = p.st[3*k]
			}
			b.Logf("signal %-9s cosine alone: rho %.4f", kindNames[k], spearman(x, labels))
		}
		committed := spearman(scoreAll(DefaultTextModel(), pairs), labels)
		b.ReportMetric(committed, "rho_committed_insample")

		cv, perFold := crossValidateText(b, pairs, labels, jstsFolds(ps, 5), 5)
		b.ReportMetric(cv, "rho_cv5")
		b.Logf("5-fold CV: pooled rho %.4f, per fold %.4f; baseline %.4f", cv, perFold, base)

		all, err := fitTextModel(pairs)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("fit on all pairs: kind weights %v coef %#v (rho %.4f)", fmtWeights(all), all.Coef, spearman(scoreAll(all, pairs), labels))

		got := TextSimilarity(t1, t2)
		if r := spearman(got, labels); math.Abs(r-committed) > 1e-9 {
			b.Errorf("TextSimilarity rho %.6f differs from the signal path %.6f", r, committed)
		}
		if cv <= base {
			b.Errorf("cross-validated rho %.4f is not above the baseline %.4f", cv, base)
		}
		if cv < 0.78 {
			b.Logf("cross-validated rho %.4f is below the issue's target 0.78", cv)
		}
	}
}

func fmtWeights(m *TextModel) string {
	s := ""
	for k := range numKinds {
		s += fmt.Sprintf("%s=%.4f ", kindNames[k], m.KindWeights[k])
	}
	return s
}

// jstsSignals computes the per-kind cosines of each pair with one index
// fitted on all the texts (as TextSimilarity does).
func jstsSignals(t1, t2 []string, labels []float64, opt textOptions) []textPair {
	n := len(t1)
	docs := append(slices.Clone(t1), t2...)
	tfs := analyzeAll(docs, &opt)
	x := fitIndex(tfs, opt, nil)
	pairs := make([]textPair, n)
	parallelFor(n, func(i int) {
		st, both := kindDots(x.vectorOf(tfs[i]), x.vectorOf(tfs[n+i]))
		pairs[i] = textPair{st: st, both: both, label: labels[i] / 5}
	})
	return pairs
}

func scoreAll(m *TextModel, pairs []textPair) []float64 {
	out := make([]float64, len(pairs))
	for i := range pairs {
		out[i] = m.combine(&pairs[i].st, pairs[i].both)
	}
	return out
}

// crossValidateText fits on k-1 folds and scores the held-out one; it
// returns the rho of all held-out scores pooled and the mean rho per fold.
func crossValidateText(tb testing.TB, pairs []textPair, labels []float64, fold []int, k int) (pooled, mean float64) {
	held := make([]float64, len(pairs))
	for f := range k {
		var train []textPair
		var testIdx []int
		for i, p := range pairs {
			if fold[i] == f {
				testIdx = append(testIdx, i)
			} else {
				train = append(train, p)
			}
		}
		m, err := fitTextModel(train)
		if err != nil {
			tb.Fatal(err)
		}
		xs := make([]float64, len(testIdx))
		ys := make([]float64, len(testIdx))
		for j, i := range testIdx {
			held[i] = m.combine(&pairs[i].st, pairs[i].both)
			xs[j], ys[j] = held[i], labels[i]
		}
		mean += spearman(xs, ys) / float64(k)
	}
	return spearman(held, labels), mean
}
