package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// smallProgramme makes a demo event (12 startups, 3 companies, 3 themes)
// with a programme stored and returns the file.
func smallProgramme(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "prog.db")
	mustCLI(t, "demo", "--db", db, "--startups", "12", "--companies", "3", "--themes", "3", "--days", "1", "--seed", "5")
	jst := time.FixedZone("JST", 9*3600)
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	prog := event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)},
			{Kind: event.StageScreening, Opens: d(2, 10), Closes: d(3, 1)},
			{Kind: event.StageSessions, Opens: d(3, 8), Closes: d(6, 1)},
			{Kind: event.StageFinalPitch, Opens: d(6, 10), Closes: d(6, 11)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 2}, {ID: "team", Label: event.T("チーム", "Team"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Thursday, Start: "15:00"}}},
		Pitch:     event.PitchPlan{Start: time.Date(2027, 6, 10, 13, 0, 0, 0, jst), PitchMinutes: 7, QAMinutes: 5, Awards: 1},
		PastYears: []event.ProgrammeYear{{Year: 2024, Companies: 4, Themes: 4, Applications: 30, Selected: 5, SessionsHeld: 28, Pitches: 5, Outstanding: 2}},
	}
	pj, _ := json.Marshal(prog)
	pf := filepath.Join(dir, "programme.json")
	if err := os.WriteFile(pf, pj, 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, "programme", "setup", "--db", db, "--file", pf)
	return db
}

func TestProgrammeBusyListRemove(t *testing.T) {
	db := smallProgramme(t)
	ctx := context.Background()
	st, err := openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	startups, _ := st.Startups(ctx)
	companies, _ := st.Companies(ctx)
	st.Close()
	s0, c0 := startups[0].ID, companies[0].ID
	mustCLI(t, "programme", "busy", "--db", db, "--startup", s0, "--from", "2027-03-08 00:00", "--to", "2027-03-10 23:00")
	mustCLI(t, "programme", "busy", "--db", db, "--company", c0, "--from", "2027-04-05", "--to", "2027-04-09")
	mustCLI(t, "programme", "busy", "--db", db, "--startup", startups[1].ID, "--from", "2027-05-01", "--to", "2027-05-02")

	out := mustCLI(t, "programme", "busy", "--db", db, "--list", "--lang", "en")
	for _, want := range []string{s0, c0, startups[1].ID, "2027-03-08 00:00", "2027-04-09 00:00", "no."} {
		if !strings.Contains(out, want) {
			t.Fatalf("list lacks %q:\n%s", want, out)
		}
	}
	var l []storage.BusyEntry
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--startup", s0, "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l) != 1 || l[0].ID != s0 || l[0].Kind != event.KindStartup || l[0].Ref == 0 {
		t.Fatalf("startup's list: %+v", l)
	}
	out = mustCLI(t, "programme", "busy", "--db", db, "--remove", jsonInt(l[0].Ref), "--lang", "ja")
	if !strings.Contains(out, "削除しました") {
		t.Fatalf("remove: %s", out)
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[0].ID != c0 || l[1].ID != startups[1].ID {
		t.Fatalf("after remove: %+v", l)
	}
	// Removing it again, or an unknown number, fails and changes nothing.
	if code, _, errOut := cli(t, "programme", "busy", "--db", db, "--remove", "999", "--lang", "en"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("unknown busy time: exit %d %s", code, errOut)
	}
	if code, _, _ := cli(t, "programme", "busy", "--db", db, "--remove", "1", "--list"); code != 2 {
		t.Fatalf("--remove with --list: exit %d, want 2", code)
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--json")), &l); err != nil || len(l) != 2 {
		t.Fatalf("after refused removals: %+v %v", l, err)
	}
	out = mustCLI(t, "programme", "busy", "--db", db, "--list", "--startup", s0, "--lang", "en")
	if !strings.Contains(out, "no busy times") {
		t.Fatalf("empty list: %s", out)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
