package app

import (
	"strings"
	"testing"

	"pitchmatch/demo"
	"pitchmatch/event"
)

func demoData(opt demo.Options) *Data { return NewData(demo.Generate(opt)) }

func TestFilterStartups(t *testing.T) {
	d := demoData(smallDemo())
	s := d.Startups[3]
	cases := []struct {
		name string
		f    StartupFilter
		want func(*event.Startup) bool
	}{
		{"all", StartupFilter{}, func(*event.Startup) bool { return true }},
		{"by id", StartupFilter{Query: strings.ToLower(s.ID)}, func(x *event.Startup) bool {
			return strings.Contains(x.ID, s.ID) || strings.Contains(strings.ToLower(x.Name.Joined()+x.ProductName.Joined()+x.ProductSummary.Joined()), strings.ToLower(s.ID))
		}},
		{"japanese name", StartupFilter{Query: s.Name.Ja}, func(x *event.Startup) bool {
			return strings.Contains(x.Name.Ja+"\n"+x.ProductName.Ja+"\n"+x.ProductSummary.Ja, s.Name.Ja)
		}},
		{"area", StartupFilter{Area: "cardiovascular"}, func(x *event.Startup) bool { return hasCode(x.Areas, "cardiovascular") }},
		{"stage", StartupFilter{Stage: "prototype"}, func(x *event.Startup) bool { return x.DevStage == "prototype" }},
		{"area and stage", StartupFilter{Area: "oncology", Stage: "clinical_trial"}, func(x *event.Startup) bool {
			return hasCode(x.Areas, "oncology") && x.DevStage == "clinical_trial"
		}},
		{"no match", StartupFilter{Query: "zzzz-no-such-startup"}, func(*event.Startup) bool { return false }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := d.FilterStartups(c.f)
			var want []int
			for i, x := range d.Startups {
				if c.want(x) {
					want = append(want, i)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("row %d: got %d, want %d", i, got[i], want[i])
				}
			}
		})
	}
}

func TestFilterIsWidthAndCaseInsensitive(t *testing.T) {
	d := NewData(&event.Batch{Startups: []*event.Startup{
		{ID: "S1", Name: event.T("メドAI株式会社", "MedAI Inc.")},
		{ID: "S2", Name: event.T("心臓デバイス", "Heart Devices")},
	}})
	d.Startups = append(d.Startups, &event.Startup{ID: "S3", Name: event.T("カテーテル工房", "")})
	d = NewData(&event.Batch{Startups: d.Startups})
	for q, want := range map[string]int{"ＭｅｄＡＩ": 1, "medai": 1, "心臓": 1, "s": 3, "none": 0, "ｶﾃｰﾃﾙ": 1, "medai inc": 1, "ＭＥＤＡＩ　ＩＮＣ": 1} {
		if got := len(d.FilterStartups(StartupFilter{Query: q})); got != want {
			t.Errorf("query %q: %d rows, want %d", q, got, want)
		}
	}
}

func TestCheckMove(t *testing.T) {
	ev := &event.Event{SlotMinutes: 30, Tables: 3, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 4}}}
	b := &event.Batch{Event: ev,
		Companies:    []*event.Company{{ID: "C1"}, {ID: "C2", Tables: 2}},
		Startups:     []*event.Startup{{ID: "S1"}, {ID: "S2"}, {ID: "S3"}},
		Availability: []event.Availability{{Kind: event.KindStartup, ID: "S1", Unavailable: []int{3}}},
		Meetings: []event.Meeting{
			{StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0, Status: event.StatusProposed},
			{StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, Status: event.StatusProposed},
			{StartupID: "S3", CompanyID: "C2", Slot: 2, Table: 1, Status: event.StatusProposed},
			{StartupID: "S2", CompanyID: "C2", Slot: 2, Table: 2, Status: event.StatusProposed, Locked: true},
			{StartupID: "S3", CompanyID: "C1", Slot: 2, Table: 0, Status: event.StatusCancelled},
		}}
	d := NewData(b)
	cases := []struct {
		name             string
		idx, slot, table int
		want             []string
	}{
		{"free cell", 0, 2, 0, nil},
		{"table taken", 0, 1, 0, []string{"mv.table_busy", "mv.company_busy"}},
		{"startup busy", 1, 2, 0, []string{"mv.startup_busy"}},
		{"company busy", 0, 1, 1, []string{"mv.company_busy"}},
		{"company with two tables", 2, 1, 2, nil},
		{"unavailable", 0, 3, 0, []string{"mv.unavailable"}},
		{"locked", 3, 0, 2, []string{"mv.locked"}},
		{"out of range", 0, 9, 0, []string{"mv.range"}},
		{"cancelled meetings do not block", 2, 2, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := d.CheckMove(c.idx, c.slot, c.table)
			var keys []string
			for _, p := range got {
				keys = append(keys, p.Key)
				if p.Text(event.Ja) == p.Key || strings.Contains(p.Text(event.Ja), "%!") || strings.Contains(p.Text(event.En), "%!") {
					t.Errorf("bad message for %s: %q / %q", p.Key, p.Text(event.Ja), p.Text(event.En))
				}
			}
			if strings.Join(keys, ",") != strings.Join(c.want, ",") {
				t.Fatalf("got %v, want %v", keys, c.want)
			}
		})
	}
}

func TestKPIs(t *testing.T) {
	ev := &event.Event{SlotMinutes: 30, Tables: 2, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 2}}}
	d := NewData(&event.Batch{Event: ev,
		Companies: []*event.Company{{ID: "C1"}},
		Startups:  []*event.Startup{{ID: "S1"}, {ID: "S2"}},
		Meetings: []event.Meeting{
			{StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0, Status: event.StatusHeld, Outcome: event.OutcomeDeal, Score: 0.8},
			{StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, Status: event.StatusConfirmed, Score: 0.4},
			{StartupID: "S2", CompanyID: "C1", Slot: 0, Table: 1, Status: event.StatusCancelled, Score: 0.9},
		}})
	k := d.KPIs()
	if k.Meetings != 2 || k.Held != 1 || k.Confirmed != 1 || k.Deals != 1 || k.StartupsMet != 2 {
		t.Fatalf("counts: %+v", k)
	}
	if k.TableUse != 50 || k.MeanPerStartup != 1 || k.MeanScore < 0.5999 || k.MeanScore > 0.6001 {
		t.Fatalf("ratios: use %.1f mean %.2f score %.3f", k.TableUse, k.MeanPerStartup, k.MeanScore)
	}
	if k.PerCompany[0] != 2 || k.PerSlot[0] != 1 || k.PerSlot[1] != 1 {
		t.Fatalf("distributions: %+v", k)
	}
}

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args    []string
		want    Args
		wantErr bool
	}{
		{nil, Args{}, false},
		{[]string{"ev.db"}, Args{Path: "ev.db"}, false},
		{[]string{"--lang", "ja", "ev.db"}, Args{Path: "ev.db", Lang: event.Ja}, false},
		{[]string{"ev.db", "--lang=en", "--view", "rankings"}, Args{Path: "ev.db", Lang: event.En, View: "rankings"}, false},
		{[]string{"--lang", "fr"}, Args{}, true},
		{[]string{"--view", "nope"}, Args{}, true},
		{[]string{"a.db", "b.db"}, Args{}, true},
		{[]string{"--bogus"}, Args{}, true},
	}
	for _, c := range cases {
		got, err := ParseArgs(c.args)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("ParseArgs(%q) = %+v, %v; want %+v, err %v", c.args, got, err, c.want, c.wantErr)
		}
	}
}

func TestCatalogueIsBilingual(t *testing.T) {
	for k, m := range messages {
		if m.Ja == "" || m.En == "" {
			t.Errorf("%s: missing a language: %+v", k, m)
		}
		if strings.Count(m.Ja, "%") != strings.Count(m.En, "%") {
			t.Errorf("%s: Japanese and English take different arguments", k)
		}
	}
}

func TestBreaks(t *testing.T) {
	bs, err := ParseBreaks("3:15, 6:60")
	if err != nil || len(bs) != 2 || bs[1] != (event.Break{AfterSlot: 6, Minutes: 60}) {
		t.Fatalf("got %v %v", bs, err)
	}
	if FormatBreaks(bs) != "3:15, 6:60" {
		t.Fatalf("format: %q", FormatBreaks(bs))
	}
	if _, err := ParseBreaks("3-15"); err == nil {
		t.Fatal("want an error for 3-15")
	}
}
