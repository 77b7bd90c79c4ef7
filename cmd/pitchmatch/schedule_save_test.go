package main

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pitchmatch/app"
	"pitchmatch/event"
	"pitchmatch/exchange/kpi"
	"pitchmatch/storage"
)

// TestScheduleSaveSameFromDesktopAndCLI runs one re-run scenario through
// the desktop's code path (app.LoadData, app.ComputePlan, ReplaceMeetings)
// and the command line's (schedule --save) on two copies of one event file
// and compares what is stored, meeting by meeting: slot, table, status,
// calendar UID and sequence. The scenario has the cases the two paths once
// disagreed on: a confirmed meeting the scheduler must move (its startup
// became unavailable in its slot), a cancelled unlocked meeting whose pair
// comes back, a held meeting and a confirmed one that stays.
func TestScheduleSaveSameFromDesktopAndCLI(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if code, _, errOut := cli(t, "demo", "--db", src); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "schedule", "--db", src, "--save"); code != 0 {
		t.Fatalf("first schedule: %d %s", code, errOut)
	}
	st, err := storage.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(ms, func(i, j int) bool {
		return ms[i].Score > ms[j].Score || (ms[i].Score == ms[j].Score && ms[i].ID < ms[j].ID)
	})
	if len(ms) < 10 {
		t.Fatalf("only %d meetings", len(ms))
	}
	moved, cancelled, held, stays := ms[0], ms[1], ms[2], ms[3]
	for _, m := range []*event.Meeting{&moved, &stays} {
		m.Status = event.StatusConfirmed
	}
	held.Status = event.StatusHeld
	cancelled.Status = event.StatusCancelled
	// Outcomes: a held deal counts, a confirmed one with a deal outcome
	// does not (the desktop once counted it and the PDF did not).
	held.Outcome = event.OutcomeDeal
	stays.Outcome = event.OutcomeDeal
	for _, m := range []*event.Meeting{&moved, &cancelled, &held, &stays} {
		if err := st.SaveMeeting(ctx, "test", m); err != nil {
			t.Fatal(err)
		}
	}
	// The moved meeting's startup can no longer attend its slot.
	avail, err := st.Availability(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := event.Availability{Kind: event.KindStartup, ID: moved.StartupID}
	for _, x := range avail {
		if x.Kind == a.Kind && x.ID == a.ID {
			a = x
		}
	}
	a.Unavailable = append(a.Unavailable, moved.Slot)
	sort.Ints(a.Unavailable)
	if err := st.Import(ctx, "test", &event.Batch{Availability: []event.Availability{a}}); err != nil {
		t.Fatal(err)
	}
	before, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	desk, cmd := filepath.Join(dir, "desk.db"), filepath.Join(dir, "cli.db")
	for _, out := range []string{desk, cmd} {
		if err := st.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	// The command line.
	if code, _, errOut := cli(t, "schedule", "--db", cmd, "--save"); code != 0 {
		t.Fatalf("CLI schedule: %d %s", code, errOut)
	}
	// The desktop.
	ds, err := storage.Open(ctx, desk)
	if err != nil {
		t.Fatal(err)
	}
	d, err := app.LoadData(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := app.ComputePlan(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.ReplaceMeetings(ctx, "desktop", plan.Meetings); err != nil {
		t.Fatal(err)
	}
	ds.Close()

	read := func(db string) map[int64]event.Meeting {
		st, err := storage.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ms, err := st.Meetings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]event.Meeting{}
		for _, m := range ms {
			out[m.ID] = m
		}
		return out
	}
	fromDesk, fromCLI := read(desk), read(cmd)
	oldUID := map[string]bool{}
	for _, m := range before {
		oldUID[m.UID] = true
	}
	if len(fromDesk) != len(fromCLI) {
		t.Fatalf("desktop stored %d meetings, CLI %d", len(fromDesk), len(fromCLI))
	}
	for id, x := range fromDesk {
		y, ok := fromCLI[id]
		if !ok {
			t.Fatalf("meeting %d stored by the desktop only", id)
		}
		if x.StartupID != y.StartupID || x.CompanyID != y.CompanyID || x.Slot != y.Slot || x.Table != y.Table ||
			x.Status != y.Status || x.Sequence != y.Sequence || x.Locked != y.Locked {
			t.Errorf("meeting %d: desktop %+v, CLI %+v", id, x, y)
		}
		// New meetings get fresh UIDs on each side; kept ones keep theirs.
		if oldUID[x.UID] || oldUID[y.UID] {
			if x.UID != y.UID {
				t.Errorf("meeting %d: UID %s on the desktop, %s from the CLI", id, x.UID, y.UID)
			}
		}
	}
	// The KPI figures, byte for byte: the CLI's report of each copy, and
	// the desktop's report (what its Reports view and KPI PDF show) of each.
	kpiJSON := func(db string) (fromCLI, fromDesk string) {
		code, out, errOut := cli(t, "kpi", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("kpi %s: %d %s", db, code, errOut)
		}
		st, err := storage.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		d, err := app.LoadData(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := d.KPIReport(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := kpi.WriteJSON(&b, rep); err != nil {
			t.Fatal(err)
		}
		if k := d.KPIs(); k.Deals != rep.Totals.Deals || k.Meetings != rep.Totals.Scheduled || k.Held != rep.Totals.Held {
			t.Errorf("%s: Reports view shows %d meetings, %d held, %d deals; the report %d, %d, %d",
				db, k.Meetings, k.Held, k.Deals, rep.Totals.Scheduled, rep.Totals.Held, rep.Totals.Deals)
		}
		return out, b.String()
	}
	cliOfCLI, deskOfCLI := kpiJSON(cmd)
	cliOfDesk, deskOfDesk := kpiJSON(desk)
	if cliOfCLI != cliOfDesk {
		t.Errorf("KPI after the CLI's save differs from after the desktop's:\n%s\n---\n%s", cliOfCLI, cliOfDesk)
	}
	if deskOfCLI != cliOfCLI || deskOfDesk != cliOfDesk {
		t.Errorf("the desktop's KPI report differs from the CLI's:\n%s\n---\n%s", deskOfCLI, cliOfCLI)
	}
	if !strings.Contains(cliOfCLI, `"deals": 1,`) {
		t.Errorf("want exactly the held deal counted (deals 1), got:\n%s", cliOfCLI)
	}

	// And the rule itself, on the CLI's copy.
	m := fromCLI[moved.ID]
	if !m.Active() || m.Slot == moved.Slot || m.Status != event.StatusProposed || m.UID != moved.UID || m.Sequence <= moved.Sequence {
		t.Errorf("moved confirmed meeting: before %+v, after %+v (want moved, proposed, same UID, higher sequence)", moved, m)
	}
	if m := fromCLI[stays.ID]; m.Status != event.StatusConfirmed || m.Slot != stays.Slot {
		t.Errorf("confirmed meeting that did not move: before %+v, after %+v", stays, m)
	}
	if m := fromCLI[held.ID]; m.Status != event.StatusHeld || m.Slot != held.Slot || m.Table != held.Table {
		t.Errorf("held meeting: before %+v, after %+v", held, m)
	}
	if m := fromCLI[cancelled.ID]; m.Active() && (m.UID != cancelled.UID || m.Status != event.StatusProposed || m.Sequence <= cancelled.Sequence) {
		t.Errorf("cancelled pair proposed again: before %+v, after %+v (want the same record and UID, higher sequence)", cancelled, m)
	} else if !m.Active() {
		t.Logf("the cancelled pair was not proposed again")
	}
	for _, m := range fromCLI {
		if m.StartupID == cancelled.StartupID && m.CompanyID == cancelled.CompanyID && m.ID != cancelled.ID {
			t.Errorf("the cancelled pair got a second record %+v", m)
		}
	}
}

// TestDesktopSavePlanKeepsMeetingsConfirmedMeanwhile: the desktop's save
// (app.SavePlan, schedule.SaveMerged as the CLI) keeps a meeting confirmed
// after the plan was computed, where it is, instead of moving or
// cancelling it.
func TestDesktopSavePlanKeepsMeetingsConfirmedMeanwhile(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "schedule", "--db", db, "--save"); code != 0 {
		t.Fatalf("schedule: %d %s", code, errOut)
	}
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, _ := st.Meetings(ctx)
	m := ms[0]
	// The plan will move m: its startup became unavailable in its slot.
	if err := st.Import(ctx, "portal", &event.Batch{Availability: []event.Availability{{Kind: event.KindStartup, ID: m.StartupID, Unavailable: []int{m.Slot}}}}); err != nil {
		t.Fatal(err)
	}
	d, err := app.LoadData(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := app.ComputePlan(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Confirmed in the portal while the organizer reads the plan.
	m.Status = event.StatusConfirmed
	if err := st.SaveMeeting(ctx, "portal", &m); err != nil {
		t.Fatal(err)
	}
	kept, err := app.SavePlan(ctx, st, "desktop", plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 1 || kept[0].ID != m.ID {
		t.Errorf("kept %+v, want meeting %d", kept, m.ID)
	}
	after, _ := st.Meetings(ctx)
	for _, a := range after {
		if a.ID == m.ID && (a.Status != event.StatusConfirmed || a.Slot != m.Slot || a.Version != m.Version) {
			t.Errorf("meeting confirmed meanwhile changed by the save: %+v, was %+v", a, m)
		}
	}
}
