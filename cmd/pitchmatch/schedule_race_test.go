package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// buildCLI builds the real pitchmatch binary for tests that need a second
// process.
func buildCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary (-short)")
	}
	bin := filepath.Join(t.TempDir(), "pitchmatch")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = os.Environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestScheduleSaveKeepsMeetingsConfirmedDuringSolve: two real processes
// on one file. `schedule --save --lock-confirmed` (the real binary) reads
// the event and solves; at the moment it is about to save (a test barrier,
// no sleeps), this process confirms one meeting the solve moves, moves
// (or cancels) another as the organizer would and declines a third. The save must keep
// all three as stored — nothing confirmed or edited meanwhile is lost,
// cancelled or reverted — place the rest around them, say so, and exit 0
// with a consistent file.
func TestScheduleSaveKeepsMeetingsConfirmedDuringSolve(t *testing.T) {
	bin := buildCLI(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "schedule", "--db", db, "--save"); code != 0 {
		t.Fatalf("first schedule: %d %s", code, errOut)
	}
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
	// The solve will move `confirm` (its startup has since become
	// unavailable in its slot) and would cancel it; the portal confirms it
	// during the solve all the same.
	confirm, move, decline := ms[0], ms[1], ms[2]
	avail, err := st.Availability(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := event.Availability{Kind: event.KindStartup, ID: confirm.StartupID}
	for _, x := range avail {
		if x.Kind == a.Kind && x.ID == a.ID {
			a = x
		}
	}
	a.Unavailable = append(a.Unavailable, confirm.Slot)
	sort.Ints(a.Unavailable)
	if err := st.Import(ctx, "test", &event.Batch{Availability: []event.Availability{a}}); err != nil {
		t.Fatal(err)
	}

	proc := exec.Command(bin, "schedule", "--db", db, "--save", "--lock-confirmed")
	proc.Env = append(os.Environ(), "PITCHMATCH_TEST_SAVE_BARRIER=1", "LANG=en_US.UTF-8")
	stdin, err := proc.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := proc.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	proc.Stdout = &stdout
	if err := proc.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var log strings.Builder
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if lines.Text() == "schedule: ready to save" {
			break
		}
	}

	// The other side, while the solve's result waits to be saved: the
	// portal confirms one meeting, the organizer moves another to a free
	// cell and a scout declines a third.
	confirm.Status = event.StatusConfirmed
	if err := st.SaveMeeting(ctx, "portal", &confirm); err != nil {
		t.Fatal(err)
	}
	if err := freeCell(ctx, st, &move); err != nil {
		// A full grid: the organizer cancels it instead (and locks the
		// cancellation).
		move.Status, move.Locked = event.StatusCancelled, true
	}
	if err := st.SaveMeeting(ctx, "organizer", &move); err != nil {
		t.Fatal(err)
	}
	decline.Status = event.StatusDeclined
	if err := st.SaveMeeting(ctx, "scout", &decline); err != nil {
		t.Fatal(err)
	}

	if _, err := io.WriteString(stdin, "\n"); err != nil {
		t.Fatal(err)
	}
	stdin.Close()
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
	}
	if err := proc.Wait(); err != nil {
		t.Fatalf("schedule --save: %v\n%s", err, log.String())
	}
	t.Logf("stderr:\n%s", log.String())
	if !strings.Contains(log.String(), "3 meetings were changed elsewhere while the timetable was computed") {
		t.Errorf("the save does not say what it kept:\n%s", log.String())
	}
	integrityOK(t, db)
	after, err := st.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]event.Meeting{}
	for _, m := range after {
		byID[m.ID] = m
	}
	for _, want := range []event.Meeting{confirm, move, decline} {
		got := byID[want.ID]
		if got.Status != want.Status || got.Slot != want.Slot || got.Table != want.Table || got.Version != want.Version {
			t.Errorf("meeting %d changed elsewhere was not kept: want %s slot %d table %d v%d, stored %s slot %d table %d v%d",
				want.ID, want.Status, want.Slot, want.Table, want.Version, got.Status, got.Slot, got.Table, got.Version)
		}
	}
	// The save did happen: the rest of the timetable is the new one, and
	// the declined pair was not proposed again.
	active := 0
	for _, m := range after {
		if m.Active() {
			active++
		}
		if m.StartupID == decline.StartupID && m.CompanyID == decline.CompanyID && m.ID != decline.ID && m.Active() {
			t.Errorf("the declined pair was proposed again: %+v", m)
		}
	}
	if active < len(ms)/2 {
		t.Errorf("only %d active meetings after the save (had %d)", active, len(ms))
	}
}

// freeCell moves m to a cell where the placement rules allow it.
func freeCell(ctx context.Context, st *storage.DB, m *event.Meeting) error {
	ev, err := st.Event(ctx)
	if err != nil {
		return err
	}
	cos, err := st.Companies(ctx)
	if err != nil {
		return err
	}
	avail, err := st.Availability(ctx)
	if err != nil {
		return err
	}
	ms, err := st.Meetings(ctx)
	if err != nil {
		return err
	}
	v := event.NewVenue(ev, cos, avail)
	for slot := ev.NumSlots() - 1; slot >= 0; slot-- {
		for table := ev.Tables - 1; table >= 0; table-- {
			if slot != m.Slot && len(v.Check(*m, slot, table, ms, -1)) == 0 {
				m.Slot, m.Table = slot, table
				return nil
			}
		}
	}
	return event.Errorf(event.EInvalid, "", "no free cell for meeting %d", m.ID)
}
