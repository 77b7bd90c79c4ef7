package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/internal/cputime"
	"pitchmatch/storage"
)

// benchEvent is an event of the given size stored in a temp file: nS
// startups, nC companies with one theme each, meetings in 48 slots (3 days
// × 16) with one request per startup, and the private links of a few
// startups and scouts.
type benchEvent struct {
	srv      *Server
	startups []string // tokens
	scouts   []string // tokens
	meetingS []int64  // a meeting of each startup token
	themes   []string // the theme of each scout token
}

func newBenchEvent(b *testing.B, nS, nC, nM int) *benchEvent {
	b.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	const slots = 48
	tables := (nM + slots - 1) / slots
	batch := &event.Batch{Event: &event.Event{Name: event.T("ベンチマーク", "Benchmark"), TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: tables,
		Days:       []event.Day{{Date: "2026-10-14", Start: "09:00", Slots: 16}, {Date: "2026-10-15", Start: "09:00", Slots: 16}, {Date: "2026-10-16", Start: "09:00", Slots: 16}},
		StartupCap: 10, CompanyCap: 40}}
	areas := event.Areas.Codes()
	for i := 0; i < nS; i++ {
		batch.Startups = append(batch.Startups, &event.Startup{ID: fmt.Sprintf("S%05d", i), Name: event.T(fmt.Sprintf("株式会社メド%d", i), fmt.Sprintf("Med %d", i)),
			Areas: []string{areas[i%len(areas)]}, DevStage: "prototype", ProductSummary: event.T("心電図をAIで解析する医療機器", "AI ECG analysis device"),
			ContactEmail: fmt.Sprintf("s%d@example.jp", i)})
	}
	for i := 0; i < nC; i++ {
		id := fmt.Sprintf("C%04d", i)
		batch.Companies = append(batch.Companies, &event.Company{ID: id, Name: event.T(fmt.Sprintf("大手%d", i), fmt.Sprintf("Major %d", i))})
		batch.Themes = append(batch.Themes, &event.Theme{ID: fmt.Sprintf("T%04d", i), CompanyID: id, Title: event.T("生体信号計測", "Biosignals"),
			Areas: []string{areas[i%len(areas)]}, StageMin: "concept", StageMax: "approved"})
	}
	for k := 0; k < nM; k++ {
		s, c := k%nS, (k+k/nS)%nC // each startup meets distinct companies
		batch.Meetings = append(batch.Meetings, event.Meeting{StartupID: batch.Startups[s].ID, CompanyID: batch.Companies[c].ID,
			ThemeID: batch.Themes[c].ID, Slot: k / tables, Table: k % tables, Status: event.StatusProposed})
	}
	for i := 0; i < nS; i++ {
		c := (i * 7) % nC
		batch.Interests = append(batch.Interests, event.Interest{Kind: event.InterestRequest, StartupID: batch.Startups[i].ID,
			CompanyID: batch.Companies[c].ID, ThemeID: batch.Themes[c].ID, By: event.KindCompany, Note: "ぜひ"})
	}
	if err := db.Import(ctx, "bench", batch); err != nil {
		b.Fatal(err)
	}
	srv, err := New(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), RatePerSecond: 1e9, RateBurst: 1 << 30, Background: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(srv.Close) // before the store closes (cleanups run last-in first-out)
	be := &benchEvent{srv: srv}
	for i := 0; i < 20; i++ {
		sid := batch.Startups[(i*997)%nS].ID
		link, err := api.NewInvite(ctx, db, sid, "http://127.0.0.1/", time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		be.startups = append(be.startups, api.TokenFromLink(link))
		ms, _ := db.MeetingsOf(ctx, event.KindStartup, sid)
		be.meetingS = append(be.meetingS, ms[0].ID)
		c := batch.Companies[(i*131)%nC]
		link, err = api.NewScoutInvite(ctx, db, c.ID, "Scout", "http://127.0.0.1/", time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		be.scouts = append(be.scouts, api.TokenFromLink(link))
		be.themes = append(be.themes, "T"+c.ID[1:])
	}
	// Warm the ranking model and the themes' orders (built once per model,
	// not per request).
	for i := range be.scouts {
		if code := be.get(be.scouts[i], "/api/v1/scout/themes/"+be.themes[i]+"/startups"); code != 200 {
			b.Fatalf("warm ranking: %d", code)
		}
	}
	return be
}

func (be *benchEvent) get(token, path string) int {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	be.srv.ServeHTTP(rec, req)
	return rec.Code
}

// pageLoads are the routes the startup and scout pages call on load.
func (be *benchEvent) pageLoads(i int) []struct{ token, path string } {
	st, sc := be.startups[i%len(be.startups)], be.scouts[i%len(be.scouts)]
	return []struct{ token, path string }{
		{st, api.PathMe}, {st, api.PathEventInfo}, {st, api.PathMeetings}, {st, api.PathMyMeetingsDetail}, {st, api.PathMyRequests},
		{st, api.PathMyAvailability}, {st, api.PathInterests}, {st, api.PathMeetingsICS},
		{sc, api.PathEventInfo}, {sc, api.PathScoutMe}, {sc, "/api/v1/scout/themes/" + be.themes[i%len(be.themes)] + "/startups"},
		{sc, "/api/v1/scout/themes/" + be.themes[i%len(be.themes)] + "/startups?q=Med%2012&page=2"},
		{sc, api.PathScoutMeetings}, {sc, api.PathScoutApplications}, {sc, api.PathScoutMeetingsICS},
	}
}

var benchSizes = []struct {
	name       string
	nS, nC, nM int
}{
	{"meetings=1000", 210, 63, 1000},
	{"meetings=72000", 15000, 4500, 72000},
}

// BenchmarkOnlineRoutes measures each portal route's server time per
// request (in-process, no network) at 1,000 and at 72,000 meetings
// (15,000 startups, 4,500 companies): the per-participant routes must cost
// the same at both sizes.
func BenchmarkOnlineRoutes(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 72,000-meeting event")
	}
	for _, sz := range benchSizes {
		be := newBenchEvent(b, sz.nS, sz.nC, sz.nM)
		for j, r := range be.pageLoads(0) {
			b.Run(fmt.Sprintf("%s/%02d%s", sz.name, j, r.path), func(b *testing.B) {
				b.ReportAllocs()
				cpu := cputime.Used()
				n := 0
				for i := 0; b.Loop(); i++ {
					rr := be.pageLoads(i)[j]
					if code := be.get(rr.token, rr.path); code != 200 {
						b.Fatalf("%s: %d", rr.path, code)
					}
					n++
				}
				// The process's CPU time per request: unlike ns/op, it
				// hardly grows when other programs load the machine.
				if used := cputime.Used() - cpu; used > 0 && n > 0 {
					b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
				}
			})
		}
	}
}

// BenchmarkOnlineConcurrent200 runs 200 concurrent clients, each loading
// every route of both pages in turn over loopback HTTP, on the
// 72,000-meeting event, and reports the p50/p99 latency of one request.
func BenchmarkOnlineConcurrent200(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 72,000-meeting event")
	}
	sz := benchSizes[1]
	be := newBenchEvent(b, sz.nS, sz.nC, sz.nM)
	hs := httptest.NewServer(be.srv)
	defer hs.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	b.ResetTimer()
	cpu := cputime.Used()
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	for n := 0; n < b.N; n++ {
		var wg sync.WaitGroup
		for c := 0; c < 200; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for _, r := range be.pageLoads(c) {
					req, _ := http.NewRequest("GET", hs.URL+r.path, nil)
					req.Header.Set("Authorization", "Bearer "+r.token)
					t0 := time.Now()
					res, err := client.Do(req)
					if err != nil {
						bad++
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					mine = append(mine, time.Since(t0))
					if res.StatusCode != 200 {
						bad++
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				errs += bad
				mu.Unlock()
			}(c)
		}
		wg.Wait()
	}
	b.StopTimer()
	used := cputime.Used() - cpu
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(len(lat))/float64(b.N), "requests/op")
		// CPU of the whole process (server and the in-process clients)
		// per request.
		b.ReportMetric(float64(used.Microseconds())/1000/float64(len(lat)), "cpu-ms/request")
	}
	if errs > 0 {
		b.Fatalf("%d failed requests", errs)
	}
}
