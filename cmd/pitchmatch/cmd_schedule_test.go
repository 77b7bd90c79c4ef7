package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/matching/schedule"
	"pitchmatch/storage"
)

// storedActive reads the active meetings by pair.
func storedActive(t *testing.T, db string) map[event.PairKey]event.Meeting {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[event.PairKey]event.Meeting{}
	for _, m := range ms {
		if m.Active() {
			out[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}] = m
		}
	}
	return out
}

// setStatus changes one stored meeting's status and lock.
func setStatus(t *testing.T, db string, k event.PairKey, status event.MeetingStatus, locked bool) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Active() && m.StartupID == k.StartupID && m.CompanyID == k.CompanyID {
			m.Status, m.Locked = status, locked
			if err := st.SaveMeeting(ctx, "test", &m); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no active meeting for %v", k)
}

// TestScheduleOrganizerCancellation: a meeting cancelled and locked by the
// organizer keeps its pair out of re-runs and the re-run moves few others;
// a cancelled meeting that is not locked does not keep its pair out.
func TestScheduleOrganizerCancellation(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	code, out, errOut := cli(t, "schedule", "--db", db, "--save", "--json")
	if code != 0 {
		t.Fatalf("schedule: %d %s", code, errOut)
	}
	var first schedule.Result
	if err := json.Unmarshal([]byte(out), &first); err != nil {
		t.Fatal(err)
	}
	before := storedActive(t, db)
	if len(before) != len(first.Meetings) || len(before) < 100 {
		t.Fatalf("stored %d meetings, timetable has %d", len(before), len(first.Meetings))
	}
	// The organizer cancels the best-scoring meeting and locks the
	// cancellation: the pair would otherwise surely be proposed again.
	var gone event.PairKey
	best := -1.0
	for k, m := range before {
		if m.Score > best || (m.Score == best && k.StartupID+k.CompanyID < gone.StartupID+gone.CompanyID) {
			gone, best = k, m.Score
		}
	}
	setStatus(t, db, gone, event.StatusCancelled, true)

	code, out, errOut = cli(t, "schedule", "--db", db, "--save")
	if code != 0 {
		t.Fatalf("re-run: %d %s", code, errOut)
	}
	if !strings.Contains(out, "Organizer cancellations / 主催者キャンセル: 1 pairs kept out") {
		t.Errorf("report does not mention the cancellation:\n%s", out)
	}
	m := regexp.MustCompile(`Against the last run:\s+(\d+) moved, (\d+) dropped, (\d+) added`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("report lacks the changes line:\n%s", out)
	}
	moved, _ := strconv.Atoi(m[1])
	dropped, _ := strconv.Atoi(m[2])
	after := storedActive(t, db)
	if _, again := after[gone]; again {
		t.Fatalf("the cancelled pair %v was scheduled again", gone)
	}
	changed := 0
	for k, b := range before {
		if k == gone {
			continue
		}
		if a, ok := after[k]; !ok || a.Slot != b.Slot || a.Table != b.Table {
			changed++
		}
	}
	t.Logf("after the cancellation %d of %d other meetings moved or dropped (report: %d moved, %d dropped)", changed, len(before)-1, moved, dropped)
	if changed != moved+dropped {
		t.Errorf("report says %d moved and %d dropped, the store shows %d changed", moved, dropped, changed)
	}
	if changed*20 > len(before) {
		t.Errorf("%d of %d meetings changed for one cancellation", changed, len(before))
	}
	// The cancellation stands over further re-runs (the stored record is
	// locked, so the store never touches it).
	if code, out, errOut = cli(t, "schedule", "--db", db, "--save", "--json"); code != 0 {
		t.Fatalf("third run: %d %s", code, errOut)
	}
	if _, again := storedActive(t, db)[gone]; again {
		t.Fatalf("the cancelled pair %v came back on the third run", gone)
	}

	// An unlocked cancellation does not exclude its pair: cancel another
	// top meeting without locking it, and the re-run proposes it again.
	now := storedActive(t, db)
	var other event.PairKey
	best = -1.0
	for k, m := range now {
		if !m.Locked && (m.Score > best || (m.Score == best && k.StartupID+k.CompanyID < other.StartupID+other.CompanyID)) {
			other, best = k, m.Score
		}
	}
	setStatus(t, db, other, event.StatusCancelled, false)
	if code, out, errOut = cli(t, "schedule", "--db", db, "--save", "--json"); code != 0 {
		t.Fatalf("fourth run: %d %s", code, errOut)
	}
	if _, ok := storedActive(t, db)[other]; !ok {
		t.Errorf("the pair %v of an unlocked cancellation was not proposed again", other)
	}
}

// TestSchedulePrunesCandidates: on an event with more pairs than the
// timetable can use, the default run keeps fewer candidates than were
// scored and says so; --all-pairs keeps them all; the objectives agree
// within 1%.
func TestSchedulePrunesCandidates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "1500", "--companies", "30", "--themes", "40",
		"--days", "1", "--slots-per-day", "8", "--tables", "60", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	run := func(args ...string) schedule.Result {
		t.Helper()
		code, out, errOut := cli(t, append([]string{"schedule", "--db", db, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("schedule %v: %d %s", args, code, errOut)
		}
		var res schedule.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	pruned, all := run(), run("--all-pairs")
	ps, as := pruned.Stats, all.Stats
	if ps.CandidatesScored == 0 || ps.CandidatesKept >= ps.CandidatesScored {
		t.Fatalf("default run kept %d of %d candidates; want some pruned", ps.CandidatesKept, ps.CandidatesScored)
	}
	if as.CandidatesKept != as.CandidatesScored || as.CandidatesScored != ps.CandidatesScored {
		t.Fatalf("--all-pairs kept %d of %d, the default run scored %d", as.CandidatesKept, as.CandidatesScored, ps.CandidatesScored)
	}
	if pruned.Objective < 0.99*all.Objective {
		t.Fatalf("objective %.3f pruned, %.3f with every pair", pruned.Objective, all.Objective)
	}
	code, out, errOut := cli(t, "schedule", "--db", db)
	if code != 0 {
		t.Fatalf("schedule: %d %s", code, errOut)
	}
	want := "Candidates / 候補ペア:    " + strconv.Itoa(ps.CandidatesKept) + " kept of " + strconv.Itoa(ps.CandidatesScored) + " scored"
	if !strings.Contains(out, want) {
		t.Fatalf("summary lacks %q:\n%s", want, out)
	}
}
