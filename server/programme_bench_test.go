package server

import (
	"context"
	"fmt"
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

// BenchmarkProgrammeRoutes measures the programme's portal routes, server
// time per request in-process, on a MedTech ROUND-sized programme (6
// companies, 40 applications, 10 selected) and on one 50 times larger
// (2,000 applications to 60 companies, 300 selected): the startup's,
// the banner's and the judge's routes should not grow with it; a scout's
// screening page grows with its own company's applications only.
func BenchmarkProgrammeRoutes(b *testing.B) {
	for _, size := range []struct{ apps, companies, selected int }{{40, 6, 10}, {2000, 60, 300}} {
		ctx := context.Background()
		db, err := storage.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		now := time.Now()
		batch := &event.Batch{Event: &event.Event{Name: event.T("ROUND", "ROUND"), TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: 4,
			Days: []event.Day{{Date: "2026-12-01", Start: "09:00", Slots: 8}}}}
		areas := event.Areas.Codes()
		for i := 0; i < size.apps; i++ {
			batch.Startups = append(batch.Startups, &event.Startup{ID: fmt.Sprintf("S%05d", i), Name: event.T(fmt.Sprintf("メド%d", i), fmt.Sprintf("Med %d", i)),
				Areas: []string{areas[i%len(areas)]}, DevStage: "prototype", ProductSummary: event.T("心電図をAIで解析する医療機器", "AI ECG analysis device")})
		}
		for i := 0; i < size.companies; i++ {
			id := fmt.Sprintf("C%03d", i)
			batch.Companies = append(batch.Companies, &event.Company{ID: id, Name: event.T("大手"+id, "Major "+id)})
			batch.Themes = append(batch.Themes, &event.Theme{ID: fmt.Sprintf("T%03d", i), CompanyID: id, Title: event.T("生体信号計測", "Biosignals"),
				Areas: []string{areas[i%len(areas)]}})
		}
		if err := db.Import(ctx, "bench", batch); err != nil {
			b.Fatal(err)
		}
		p := &event.Programme{
			Stages:          []event.Stage{{Kind: event.StageApplications, Opens: now.Add(-time.Hour), Closes: now.Add(time.Hour)}},
			ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 1}}},
			PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("影響", "Impact"), Weight: 1}}},
			Pitch:           event.PitchPlan{Start: now.Add(time.Hour), PitchMinutes: 7, QAMinutes: 5},
		}
		if err := db.SaveProgramme(ctx, "bench", p); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < size.apps; i++ {
			th := batch.Themes[i%size.companies]
			a, err := db.Apply(ctx, "bench", now, batch.Startups[i].ID, th.ID, event.T("提案", "Proposal"), nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := db.ScreenApplication(ctx, "bench", a.ID, th.CompanyID, event.Scorecard{Reviewer: "scout", Scores: map[string]int{"fit": 1 + i%5}}); err != nil {
				b.Fatal(err)
			}
			if i < size.selected {
				if _, err := db.DecideApplication(ctx, "bench", a.ID, event.DecisionSelected, event.Text{}, 0); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := db.AddJudge(ctx, "bench", event.Judge{ID: "J1", Name: "Judge", CompanyID: "C000"}); err != nil {
			b.Fatal(err)
		}
		srv, err := New(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), RatePerSecond: 1e9, RateBurst: 1 << 30, Now: func() time.Time { return now }})
		if err != nil {
			b.Fatal(err)
		}
		startup := mustLink(b)(api.NewInvite(ctx, db, "S00000", "http://127.0.0.1/", time.Hour))
		scout := mustLink(b)(api.NewScoutInvite(ctx, db, "C000", "scout", "http://127.0.0.1/", time.Hour))
		judge := mustLink(b)(api.NewJudgeInvite(ctx, db, "J1", "http://127.0.0.1/", time.Hour))
		for _, rt := range []struct{ name, path, token string }{
			{"GET /programme", api.PathProgramme, startup},
			{"GET /me/applications", api.PathMyApplications, startup},
			{"GET /scout/programme/applications", api.PathScoutScreening, scout},
			{"GET /judge/me", api.PathJudgeMe, judge},
		} {
			b.Run(fmt.Sprintf("%s/%d_applications", rt.name, size.apps), func(b *testing.B) {
				req := httptest.NewRequest("GET", rt.path, nil)
				req.Header.Set("Authorization", "Bearer "+rt.token)
				// Warm the ranking model (the screening page's matching score).
				if w := httptest.NewRecorder(); true {
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", rt.path, w.Code, w.Body)
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d", rt.path, w.Code)
					}
				}
			})
		}
		srv.Close()
		db.Close()
	}
}

func mustLink(b *testing.B) func(string, error) string {
	return func(link string, err error) string {
		if err != nil {
			b.Fatal(err)
		}
		return api.TokenFromLink(link)
	}
}
