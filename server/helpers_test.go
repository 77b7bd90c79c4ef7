package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// fixture is a real SQLite store in a temp file, seeded with one event, two
// startups (S1, S2), a company with two themes and a meeting for each
// startup, plus a server over it.
type fixture struct {
	t     testing.TB
	db    *storage.DB
	srv   *Server
	http  *httptest.Server
	clock *fakeClock
	path  string // the event file
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func seedBatch() *event.Batch {
	return &event.Batch{
		Event: &event.Event{Name: event.T("ジャパン・ヘルスケアベンチャー・サミット", "Japan Healthcare Venture Summit"),
			Venue: event.T("パシフィコ横浜", "Pacifico Yokohama"), TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: 4,
			Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 8}}},
		Startups: []*event.Startup{
			{ID: "S1", Name: event.T("メドテックα", "MedTech Alpha"), Areas: []string{"cardiovascular"}, DevStage: "prototype",
				ProductSummary: event.T("心電図をAIで解析する", "AI ECG analysis")},
			{ID: "S2", Name: event.T("ベータ医療", "Beta Medical"), Areas: []string{"oncology"}},
		},
		Companies: []*event.Company{{ID: "C1", Name: event.T("大手医療機器", "BigDevice Corp")},
			{ID: "C2", Name: event.T("モニタリング社", "Monitor Inc")}},
		Themes: []*event.Theme{
			{ID: "T1", CompanyID: "C1", Title: event.T("手術合併症の解決", "Solutions to surgical complications"), Areas: []string{"cardiovascular"}},
			{ID: "T2", CompanyID: "C2", Title: event.T("低侵襲で精密な生体信号計測", "Minimally invasive, precise biosignals")},
		},
		Meetings: []event.Meeting{
			{StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 1, Table: 0, Status: event.StatusConfirmed},
			{StartupID: "S2", CompanyID: "C2", ThemeID: "T2", Slot: 2, Table: 1, Status: event.StatusProposed},
		},
	}
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Import(ctx, "test", seedBatch()); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Now()}
	if opts.Now == nil {
		opts.Now = clock.now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv, err := New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &fixture{t: t, db: db, srv: srv, http: hs, clock: clock, path: path}
}

// invite makes a link for id and returns its raw token.
func (f *fixture) invite(id string, ttl time.Duration) string {
	f.t.Helper()
	link, err := api.NewInvite(context.Background(), f.db, id, "http://127.0.0.1:8080", ttl)
	if err != nil {
		f.t.Fatal(err)
	}
	return api.TokenFromLink(link)
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) apiErr(t *testing.T) api.Error {
	t.Helper()
	var e api.Error
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q: %v", r.body, err)
	}
	return e
}

func (f *fixture) do(method, path, token string, body any) resp {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.http.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Accept-Language", "en")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

func (f *fixture) me(token string) *event.Startup {
	f.t.Helper()
	r := f.do("GET", "/api/v1/me", token, nil)
	if r.status != 200 {
		f.t.Fatalf("GET /me: %d %s", r.status, r.body)
	}
	var s event.Startup
	if err := json.Unmarshal(r.body, &s); err != nil {
		f.t.Fatal(err)
	}
	return &s
}
