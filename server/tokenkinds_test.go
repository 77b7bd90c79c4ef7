package server

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// countingStore counts the token reads of each table.
type countingStore struct {
	*storage.DB
	startup, scout, judge atomic.Int64
}

func (c *countingStore) TokenByHash(ctx context.Context, h string) (*event.Token, error) {
	c.startup.Add(1)
	return c.DB.TokenByHash(ctx, h)
}

func (c *countingStore) ScoutTokenByHash(ctx context.Context, h string) (*event.Token, error) {
	c.scout.Add(1)
	return c.DB.ScoutTokenByHash(ctx, h)
}

func (c *countingStore) JudgeTokenByHash(ctx context.Context, h string) (*event.Token, error) {
	c.judge.Add(1)
	return c.DB.JudgeTokenByHash(ctx, h)
}

// TestTokenKinds: after its first request a scout's token is read from the
// scouts' table alone, a startup's from the startups' table alone, and a
// scout token revoked meanwhile is refused on the next request.
func TestTokenKinds(t *testing.T) {
	f := newFixture(t, Options{})
	cs := &countingStore{DB: f.db}
	srv, err := New(cs, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	get := func(token, path string) int {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec.Code
	}
	reads := func() [3]int64 { return [3]int64{cs.startup.Load(), cs.scout.Load(), cs.judge.Load()} }
	sc := f.scoutInvite("C1", "Scout", time.Hour)
	st := f.invite("S1", time.Hour)
	for i, c := range []struct {
		token, path string
		code        int
		want        [3]int64 // reads of each table by this request
	}{
		{sc, api.PathScoutMe, 200, [3]int64{1, 1, 0}},
		{sc, api.PathScoutMe, 200, [3]int64{0, 1, 0}},
		{st, api.PathMe, 200, [3]int64{1, 0, 0}},
		{sc, api.PathEventInfo, 200, [3]int64{0, 1, 0}},
		{"garbage", api.PathMe, 401, [3]int64{1, 1, 1}},
	} {
		before := reads()
		if code := get(c.token, c.path); code != c.code {
			t.Fatalf("request %d: %d, want %d", i, code, c.code)
		}
		after := reads()
		if got := [3]int64{after[0] - before[0], after[1] - before[1], after[2] - before[2]}; got != c.want {
			t.Fatalf("request %d: token reads %v, want %v", i, got, c.want)
		}
	}
	if err := f.db.RevokeScoutToken(context.Background(), api.HashToken(sc)); err != nil {
		t.Fatal(err)
	}
	if code := get(sc, api.PathScoutMe); code != 401 {
		t.Fatalf("revoked scout token: %d", code)
	}
}
