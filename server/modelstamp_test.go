package server

import (
	"context"
	"testing"
	"time"

	"pitchmatch/event/api"
)

// TestModelKeptWhileUnchanged: a ranking model that is only old is kept
// when nothing it reads changed (no rebuild of the whole event every
// maxModelAge); a change made outside the server (the desktop) is ranked
// in after maxModelAge.
func TestModelKeptWhileUnchanged(t *testing.T) {
	f := newFixture(t, Options{RatePerSecond: 1e9, RateBurst: 1 << 30})
	ctx := context.Background()
	sc := f.scoutInvite("C1", "Scout", 24*time.Hour)
	rank := func() api.RankingPage {
		return decodeAs[api.RankingPage](t, f.do("GET", "/api/v1/scout/themes/T1/startups", sc, nil))
	}
	model := func() any {
		f.srv.ranks.mu.Lock()
		defer f.srv.ranks.mu.Unlock()
		return f.srv.ranks.model
	}
	rank()
	first := model()
	if first == nil {
		t.Fatal("no model after a ranking")
	}
	for range 3 {
		f.clock.t = f.clock.t.Add(maxModelAge + time.Second)
		rank()
		if model() != first {
			t.Fatal("the model was rebuilt although nothing changed")
		}
	}
	// The desktop renames a startup: the next ranking after maxModelAge
	// shows it.
	st, err := f.db.Startup(ctx, "S1")
	if err != nil {
		t.Fatal(err)
	}
	st.Name.En = "MedTech Alpha Renamed"
	if err := f.db.SaveStartup(ctx, "desktop", st); err != nil {
		t.Fatal(err)
	}
	f.clock.t = f.clock.t.Add(maxModelAge + time.Second)
	page := rank()
	if model() == first {
		t.Fatal("the model was not rebuilt after a change")
	}
	found := false
	for _, r := range page.Rows {
		found = found || r.Startup.ID == "S1" && r.Startup.Name.En == "MedTech Alpha Renamed"
	}
	if !found {
		t.Fatalf("renamed startup not ranked: %+v", page.Rows)
	}
}
