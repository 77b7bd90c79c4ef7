package matching

import (
	"context"
	"math"
	"testing"
)

// TestThemeOrderMatchesRankTheme: on random events, ThemeOrder lists the
// same startups in the same order as RankTheme, with the scores RankTheme
// explains.
func TestThemeOrderMatchesRankTheme(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 8; seed++ {
		in := randInput(seed, 120, 6, 4, 200)
		m := prepare(t, in)
		for _, th := range in.Themes {
			rs, err := m.RankTheme(ctx, th.ID, Filter{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			ids, scores, err := m.ThemeOrder(ctx, th.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != len(rs) || len(scores) != len(rs) {
				t.Fatalf("seed %d theme %s: %d ids, %d scores, RankTheme %d", seed, th.ID, len(ids), len(scores), len(rs))
			}
			for i, r := range rs {
				if ids[i] != r.StartupID || math.Abs(scores[i]-r.Score) > 1e-9 {
					t.Fatalf("seed %d theme %s row %d: ThemeOrder %s %.12f, RankTheme %s %.12f", seed, th.ID, i, ids[i], scores[i], r.StartupID, r.Score)
				}
			}
		}
	}
	if _, _, err := prepare(t, randInput(1, 5, 1, 1, 0)).ThemeOrder(ctx, "no-such-theme"); err == nil {
		t.Fatal("unknown theme: no error")
	}
}
