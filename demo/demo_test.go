package demo

import (
	"reflect"
	"testing"

	"pitchmatch/event"
)

func TestGenerateDefaultsAreJHVSScale(t *testing.T) {
	b := Generate(Options{})
	if got := len(b.Startups); got != 120 {
		t.Errorf("startups = %d, want 120", got)
	}
	if got := len(b.Companies); got != 25 {
		t.Errorf("companies = %d, want 25", got)
	}
	if got := len(b.Themes); got != 40 {
		t.Errorf("themes = %d, want 40", got)
	}
	if got := b.Event.NumSlots(); got != 36 {
		t.Errorf("slots = %d, want 36", got)
	}
	if b.Event.Tables != 30 {
		t.Errorf("tables = %d, want 30", b.Event.Tables)
	}
	slots := b.Event.Slots()
	if first := slots[0].Start.Format("2006-01-02 15:04 MST"); first != "2026-10-14 10:00 JST" {
		t.Errorf("first slot = %s", first)
	}
	// Lunch break after the fourth slot: the fifth starts at 13:00.
	if fifth := slots[4].Start.Format("15:04"); fifth != "13:00" {
		t.Errorf("fifth slot starts %s, want 13:00", fifth)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(Options{Seed: 7}), Generate(Options{Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different events")
	}
	c := Generate(Options{Seed: 8})
	if reflect.DeepEqual(a.Startups, c.Startups) {
		t.Fatal("different seeds gave the same startups")
	}
}

func TestGenerateIsValidAndConsistent(t *testing.T) {
	for _, opt := range []Options{
		{},
		{Seed: 3, Startups: 500, Companies: 60, Themes: 90, Days: 2, SlotsPerDay: 8, Tables: 40},
		{Seed: 4, Startups: 5, Companies: 2, Themes: 1, Days: 1, SlotsPerDay: 3, Tables: 2},
	} {
		b := Generate(opt)
		if err := b.Event.Validate(); err != nil {
			t.Fatalf("%+v: event: %v", opt, err)
		}
		ids := map[string]bool{}
		companies := map[string]bool{}
		themes := map[string]string{}
		for _, s := range b.Startups {
			if err := s.Validate(); err != nil {
				t.Fatalf("%+v: %v", opt, err)
			}
			if ids[s.ID] {
				t.Fatalf("duplicate startup %s", s.ID)
			}
			ids[s.ID] = true
			if s.Name.Ja == "" {
				t.Fatalf("startup %s has no Japanese name", s.ID)
			}
		}
		for _, c := range b.Companies {
			if err := c.Validate(); err != nil {
				t.Fatalf("%+v: %v", opt, err)
			}
			companies[c.ID] = true
		}
		perCompany := map[string]int{}
		for _, th := range b.Themes {
			if err := th.Validate(); err != nil {
				t.Fatalf("%+v: %v", opt, err)
			}
			if !companies[th.CompanyID] {
				t.Fatalf("theme %s names unknown company %s", th.ID, th.CompanyID)
			}
			themes[th.ID] = th.CompanyID
			perCompany[th.CompanyID]++
		}
		for id := range companies {
			if perCompany[id] == 0 {
				t.Errorf("company %s has no theme", id)
			}
		}
		n := b.Event.NumSlots()
		for _, a := range b.Availability {
			if err := a.Validate(n); err != nil {
				t.Fatalf("%v", err)
			}
			if len(a.Unavailable) >= n {
				t.Fatalf("%s %s is never available", a.Kind, a.ID)
			}
		}
		kinds := map[event.InterestKind]int{}
		for _, in := range b.Interests {
			if err := in.Validate(); err != nil {
				t.Fatalf("%v", err)
			}
			if !ids[in.StartupID] || !companies[in.CompanyID] {
				t.Fatalf("interest names unknown participant: %+v", in)
			}
			if in.ThemeID != "" && themes[in.ThemeID] != in.CompanyID {
				t.Fatalf("interest theme %s is not company %s's", in.ThemeID, in.CompanyID)
			}
			kinds[in.Kind]++
		}
		if len(b.Startups) >= 100 {
			for _, k := range []event.InterestKind{event.InterestApply, event.InterestRequest, event.InterestNoThanks, event.InterestMustMeet, event.InterestConflict} {
				if kinds[k] == 0 {
					t.Errorf("%+v: no %s interests", opt, k)
				}
			}
			if len(b.Availability) == 0 {
				t.Errorf("no availability gaps")
			}
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		opt Options
		ok  bool
	}{
		{Options{}, true},
		{Options{Startups: 20000}, true},
		{Options{Startups: -1}, false},
		{Options{SlotsPerDay: 49}, false},
		{Options{StartDate: "14/10/2026"}, false},
	}
	for _, tt := range tests {
		if err := tt.opt.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tt.opt, err, tt.ok)
		}
	}
}

func BenchmarkGenerate20k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(Options{Startups: 20000, Companies: 600, Themes: 1000})
	}
}
