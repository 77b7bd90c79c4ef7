package matching

import (
	"context"
	"testing"

	"pitchmatch/demo"
)

// TestStreamPairScoresMatchBestTheme: on a demo event with more themes
// than one block of denseCosines and more startups than one chunk, every
// pair the bulk loop streams (accumulated per-kind measures, mean-vector
// cosines four themes at a time) has exactly the score and theme that
// BestTheme computes pair by pair (kindDots, dot32), and the themes' mean
// vectors are there, so the dense path is the one tested.
func TestStreamPairScoresMatchBestTheme(t *testing.T) {
	b := demo.Generate(demo.Options{Seed: 16, Startups: 150, Companies: 260, Themes: 300})
	m, err := Prepare(context.Background(), Input{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes, Interests: b.Interests})
	if err != nil {
		t.Fatal(err)
	}
	tv := m.themeVectors()
	for k := range numVectorSets {
		if len(tv[k]) <= 128 {
			t.Fatalf("vector set %d: %d themes with a mean vector, want more than one block", k, len(tv[k]))
		}
	}
	ps, err := m.PairScores(context.Background(), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) < 150*200 {
		t.Fatalf("%d pairs", len(ps))
	}
	for i, p := range ps {
		if i%5 != 0 {
			continue // BestTheme explains the pair: a fifth of them is enough
		}
		r, err := m.BestTheme(p.StartupID, p.CompanyID)
		if err != nil {
			t.Fatal(err)
		}
		if r.ThemeID != p.ThemeID || r.Score != p.Score {
			t.Fatalf("%s/%s: streamed %s %v, BestTheme %s %v", p.StartupID, p.CompanyID, p.ThemeID, p.Score, r.ThemeID, r.Score)
		}
	}
}
