package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/matching/schedule"
	"pitchmatch/storage"
)

// TestScheduleFlags: --must-meet, --floor and --move-cost act on the run
// and are validated; a locked meeting that became infeasible is reported
// with a proposed move (or none) and kept, and --move-conflicts moves it.
func TestScheduleFlags(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	for _, bad := range [][]string{{"--move-cost", "NaN"}, {"--move-cost", "-1"}, {"--floor", "-3"}, {"--must-meet", "S1"},
		{"--must-meet", "NOPE:NOPE"}} {
		if code, _, _ := cli(t, append([]string{"schedule", "--db", db}, bad...)...); code == 0 {
			t.Errorf("schedule %v accepted", bad)
		}
	}
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	startups, _ := st.Startups(ctx)
	companies, _ := st.Companies(ctx)
	sort.Slice(startups, func(i, j int) bool { return startups[i].ID < startups[j].ID })
	// A pair nobody asked for, made a must-meet from the command line.
	pair := event.PairKey{StartupID: startups[len(startups)-1].ID, CompanyID: companies[0].ID}
	code, out, errOut := cli(t, "schedule", "--db", db, "--json", "--must-meet", pair.StartupID+":"+pair.CompanyID, "--floor", "2", "--move-cost", "0")
	if code != 0 {
		t.Fatalf("schedule: %d %s", code, errOut)
	}
	var res schedule.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range res.Meetings {
		found = found || (m.StartupID == pair.StartupID && m.CompanyID == pair.CompanyID)
	}
	if !found && !relaxedMust(res, pair) {
		t.Errorf("the --must-meet pair %v is neither scheduled nor reported relaxed", pair)
	}
	if res.Stats.StartupMeetings.Min < 2 && res.Stats.BelowFloor == 0 {
		t.Errorf("--floor 2: a startup has %d meetings and none is reported below the floor", res.Stats.StartupMeetings.Min)
	}

	// A locked meeting whose startup becomes unavailable in its slot.
	if code, _, errOut := cli(t, "schedule", "--db", db, "--save"); code != 0 {
		t.Fatalf("save: %d %s", code, errOut)
	}
	ms, _ := st.Meetings(ctx)
	m := ms[0]
	m.Locked, m.Status = true, event.StatusConfirmed
	if err := st.SaveMeeting(ctx, "organizer", &m); err != nil {
		t.Fatal(err)
	}
	if err := st.Import(ctx, "portal", &event.Batch{Availability: []event.Availability{{Kind: event.KindStartup, ID: m.StartupID, Unavailable: []int{m.Slot}}}}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, "schedule", "--db", db)
	// The demo's timetable is full, so the proposal may be that there is
	// no free place (the unit test TestConflictsProposeAMove checks a real
	// proposal).
	if code != 0 || !strings.Contains(out, "Conflicts / 競合: 1 locked meetings") ||
		!(strings.Contains(out, "proposed move: slot") || strings.Contains(out, "no free place to move it")) {
		t.Fatalf("conflict not reported with a move: %d %s\n%s", code, errOut, out)
	}
	if code, _, errOut = cli(t, "schedule", "--db", db, "--save", "--move-conflicts"); code != 0 {
		t.Fatalf("--move-conflicts: %d %s", code, errOut)
	}
	after, _ := st.Meetings(ctx)
	for _, a := range after {
		if a.ID == m.ID && (a.Slot == m.Slot || a.Status != event.StatusProposed) {
			t.Errorf("--move-conflicts left the meeting at slot %d (was %d), status %s", a.Slot, m.Slot, a.Status)
		}
	}
}

func relaxedMust(res schedule.Result, k event.PairKey) bool {
	for _, r := range res.Relaxed {
		if r.Kind == schedule.RelaxMustMeet && r.StartupID == k.StartupID && r.CompanyID == k.CompanyID {
			return true
		}
	}
	return false
}
