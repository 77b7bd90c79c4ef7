package schedule

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestPhaseTimes prints how long each stage takes at BIO scale; it runs
// only with PITCHMATCH_PHASES=1 (a diagnostic, not a check).
func TestPhaseTimes(t *testing.T) {
	if os.Getenv("PITCHMATCH_PHASES") == "" {
		t.Skip("set PITCHMATCH_PHASES=1")
	}
	in := generate(bioSpec, 42)
	start := time.Now()
	last := ""
	res, err := Solve(context.Background(), in, Options{Progress: func(stage string, done, total int) {
		if stage != last {
			t.Logf("%8.2fs %s", time.Since(start).Seconds(), stage)
			last = stage
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%8.2fs done: gap %.4f%%, %d meetings, %d LNS rounds", time.Since(start).Seconds(), res.Gap, len(res.Meetings), res.Stats.LNSRounds)
}
