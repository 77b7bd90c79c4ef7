package server

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// TestPerThemeInterestRacesDesktop: the portal's per-theme ticks (over
// HTTP, four at a time) while the desktop — another connection to the same
// file, as another process has — adds and removes the same startup's
// applications on other themes. The server holds no lock of its own: each
// tick is one storage transaction, so both sides' statements all survive.
func TestPerThemeInterestRacesDesktop(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, Options{RateBurst: 100000, RatePerSecond: 1e6})
	for k := 10; k < 30; k++ {
		if err := f.db.SaveTheme(ctx, "test", &event.Theme{ID: fmt.Sprintf("T%d", k), CompanyID: "C1", Title: event.T("テーマ", "Theme")}); err != nil {
			t.Fatal(err)
		}
	}
	desk, err := storage.Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	tok := f.invite("S1", time.Hour)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 2; round++ {
				for k := 10 + g; k < 20; k += 4 {
					for _, state := range []string{"no_thanks", "apply"} {
						if r := f.do("PUT", fmt.Sprintf("/api/v1/me/interests/T%d", k), tok, api.InterestItem{State: state}); r.status != 200 {
							t.Errorf("T%d %s: %d %s", k, state, r.status, r.body)
						}
					}
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for round := 0; round < 2; round++ {
			for k := 20; k < 30; k++ {
				in := event.Interest{Kind: event.InterestApply, StartupID: "S1", ThemeID: fmt.Sprintf("T%d", k), By: event.KindStartup}
				if err := desk.AddInterest(ctx, "organizer", &in); err != nil {
					t.Error(err)
					return
				}
				if round == 0 {
					if err := desk.DeleteInterest(ctx, "organizer", in.ID); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}
	}()
	wg.Wait()
	var got api.Interests
	if r := f.do("GET", "/api/v1/me/interests", tok, nil); r.status != 200 || json.Unmarshal(r.body, &got) != nil {
		t.Fatalf("GET interests: %d %s", r.status, r.body)
	}
	var want []string
	for k := 10; k < 30; k++ {
		want = append(want, fmt.Sprintf("T%d", k))
	}
	slices.Sort(want)
	if !slices.Equal(got.Apply, want) || len(got.NoThanks) != 0 {
		t.Fatalf("after the race: apply %v no_thanks %v, want apply %v", got.Apply, got.NoThanks, want)
	}
}
