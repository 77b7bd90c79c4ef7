package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/internal/cputime"
)

// undoFixture is an event file with three meetings, for the undo tests.
func undoFixture(t *testing.T) (*DB, string, []event.Meeting) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	b := seed(t, db, 4, 3)
	var ms []event.Meeting
	for k, p := range [][2]int{{0, 0}, {1, 1}, {2, 2}} {
		m := event.Meeting{StartupID: b.Startups[p[0]].ID, CompanyID: b.Companies[p[1]].ID, ThemeID: b.Themes[p[1]].ID,
			Slot: k, Table: k, Status: event.StatusProposed}
		if err := db.SaveMeeting(ctx, "test", &m); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return db, path, ms
}

// moveChange is the change that moves m to slot and table, locked.
func moveChange(m event.Meeting, slot, table int) event.Change {
	n := m
	n.Slot, n.Table, n.Locked = slot, table, true
	return event.Change{Action: "meeting.move", Label: event.T("移動 "+m.StartupID, "move "+m.StartupID),
		Changes: event.MeetingDiff(&m, &n)}
}

func meetingOf(t *testing.T, db *DB, id int64) event.Meeting {
	t.Helper()
	m, err := meetingByID(context.Background(), db.sql, id)
	if err != nil {
		t.Fatal(err)
	}
	return *m
}

func auditCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM audit").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUndoMoveSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	db, path, ms := undoFixture(t)
	m := ms[0]
	e, err := db.Change(ctx, "desktop", moveChange(m, 5, 7))
	if err != nil {
		t.Fatal(err)
	}
	if got := meetingOf(t, db, m.ID); got.Slot != 5 || got.Table != 7 || !got.Locked || got.Version != m.Version+1 {
		t.Fatalf("after the move: %+v", got)
	}
	// Another program (the CLI, a second window) opens the same file: the
	// history is in the file.
	db.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	u, r, err := db2.UndoHistory(ctx, "desktop")
	if err != nil {
		t.Fatal(err)
	}
	if u == nil || u.ID != e.ID || u.Label.En != "move "+m.StartupID || r != nil {
		t.Fatalf("history after reopening: undo %+v redo %+v", u, r)
	}
	// Another actor's history is its own.
	if u, _, _ := db2.UndoHistory(ctx, "someone else"); u != nil {
		t.Fatalf("another actor sees %+v", u)
	}
	un, err := db2.Undo(ctx, "desktop", e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if un.Undo != event.UndoUndo || un.Undoes != e.ID {
		t.Fatalf("undo entry %+v", un)
	}
	if got := meetingOf(t, db2, m.ID); got.Slot != m.Slot || got.Table != m.Table || got.Locked {
		t.Fatalf("after the undo: %+v", got)
	}
	u, r, _ = db2.UndoHistory(ctx, "desktop")
	if u != nil || r == nil || r.ID != un.ID || r.Label != e.Label {
		t.Fatalf("after the undo: undo %+v redo %+v", u, r)
	}
	re, err := db2.Redo(ctx, "desktop", un.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := meetingOf(t, db2, m.ID); got.Slot != 5 || got.Table != 7 || !got.Locked {
		t.Fatalf("after the redo: %+v", got)
	}
	// The audit log tells the story: the change, its undo, the redo.
	log, err := db2.AuditOf(ctx, "meeting", fmt.Sprint(m.ID), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[0].ID != re.ID || log[0].Undo != event.UndoRedo || log[1].Undo != event.UndoUndo || log[2].Undo != event.UndoChange {
		t.Fatalf("history of the meeting: %+v", log)
	}
	// Undo once more: the redone move goes back again.
	if _, err := db2.Undo(ctx, "desktop", 0); err != nil {
		t.Fatal(err)
	}
	if got := meetingOf(t, db2, m.ID); got.Slot != m.Slot {
		t.Fatalf("second undo: %+v", got)
	}
	if _, err := db2.Undo(ctx, "desktop", 0); event.ErrorCode(err) != event.ENotFound {
		t.Fatalf("undo with nothing left: %v", err)
	}
}

func TestUndoRefusedAfterConcurrentChange(t *testing.T) {
	ctx := context.Background()
	db, path, ms := undoFixture(t)
	m := ms[1]
	e, err := db.Change(ctx, "desktop", moveChange(m, 6, 3))
	if err != nil {
		t.Fatal(err)
	}
	// A second connection moves the same meeting on.
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	cur := meetingOf(t, other, m.ID)
	cur.Slot = 9
	if err := other.SaveMeeting(ctx, "portal", &cur); err != nil {
		t.Fatal(err)
	}
	before := auditCount(t, db)
	_, err = db.Undo(ctx, "desktop", e.ID)
	if event.ErrorCode(err) != event.EConflict {
		t.Fatalf("undo over a concurrent move: %v", err)
	}
	msg := event.ErrorMessage(err, event.Ja)
	if want := fmt.Sprintf("面談 %d はその後に他の場所で変更されています（枠: 「6」のはずが「9」）", m.ID); !strings.Contains(msg, want) {
		t.Fatalf("message %q lacks %q", msg, want)
	}
	if en := event.ErrorMessage(err, event.En); !strings.Contains(en, "was changed elsewhere since") {
		t.Fatalf("English message %q", en)
	}
	if got := meetingOf(t, db, m.ID); got.Slot != 9 || got.Version != cur.Version {
		t.Fatalf("refused undo wrote: %+v", got)
	}
	if auditCount(t, db) != before {
		t.Fatal("refused undo logged an entry")
	}
	// The history still offers the move (it can be undone once the slot is put back).
	if u, _, _ := db.UndoHistory(ctx, "desktop"); u == nil || u.ID != e.ID {
		t.Fatalf("history after the refusal: %+v", u)
	}
	// The menu showed an older step: refused.
	if _, err := db.Undo(ctx, "desktop", e.ID+100); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("undo of a step that is not on top: %v", err)
	}
}

func TestUndoRefusedWhenPlaceTaken(t *testing.T) {
	ctx := context.Background()
	db, _, ms := undoFixture(t)
	a, b := ms[0], ms[1]
	e, err := db.Change(ctx, "desktop", moveChange(a, 8, 8))
	if err != nil {
		t.Fatal(err)
	}
	// Someone puts another meeting where a was.
	cur := meetingOf(t, db, b.ID)
	cur.Slot, cur.Table = a.Slot, a.Table
	if err := db.SaveMeeting(ctx, "cli", &cur); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, "desktop", e.ID); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("undo onto a taken table: %v", err)
	}
	if got := meetingOf(t, db, a.ID); got.Slot != 8 {
		t.Fatalf("refused undo moved the meeting: %+v", got)
	}
}

func TestUndoRedoSwap(t *testing.T) {
	ctx := context.Background()
	db, _, ms := undoFixture(t)
	a, b := ms[0], ms[2]
	na, nb := a, b
	na.Slot, na.Table, na.Locked = b.Slot, b.Table, true
	nb.Slot, nb.Table, nb.Locked = a.Slot, a.Table, true
	c := event.Change{Action: "meeting.swap", Label: event.T("入れ替え", "swap"),
		Changes: append(event.MeetingDiff(&a, &na), event.MeetingDiff(&b, &nb)...)}
	e, err := db.Change(ctx, "desktop", c)
	if err != nil {
		t.Fatal(err)
	}
	if e.Entity != "meeting" || e.EntityID != "" {
		t.Fatalf("swap entry about %s %q", e.Entity, e.EntityID)
	}
	check := func(what string, wa, wb event.Meeting) {
		t.Helper()
		ga, gb := meetingOf(t, db, a.ID), meetingOf(t, db, b.ID)
		if ga.Slot != wa.Slot || ga.Table != wa.Table || ga.Locked != wa.Locked || gb.Slot != wb.Slot || gb.Table != wb.Table || gb.Locked != wb.Locked {
			t.Fatalf("%s: %+v %+v", what, ga, gb)
		}
	}
	check("swapped", na, nb)
	un, err := db.Undo(ctx, "desktop", e.ID)
	if err != nil {
		t.Fatal(err)
	}
	check("undone", a, b)
	if _, err := db.Redo(ctx, "desktop", un.ID); err != nil {
		t.Fatal(err)
	}
	check("redone", na, nb)
}

func TestUndoNoThanksDecision(t *testing.T) {
	ctx := context.Background()
	db, _, ms := undoFixture(t)
	m := ms[0]
	short := &event.Interest{Kind: event.InterestShortlist, StartupID: m.StartupID, CompanyID: m.CompanyID, ThemeID: m.ThemeID,
		By: event.KindCompany, Note: "良い候補"}
	if err := db.AddInterest(ctx, "desktop", short); err != nil {
		t.Fatal(err)
	}
	no := &event.Interest{Kind: event.InterestNoThanks, StartupID: m.StartupID, CompanyID: m.CompanyID, ThemeID: m.ThemeID,
		By: event.KindCompany, Note: "良い候補"}
	c := event.Change{Action: "interest.decide", Label: event.T("見送り", "no thanks"),
		Changes: []event.FieldChange{event.InterestChange(short, nil), event.InterestChange(nil, no)}}
	e, err := db.Change(ctx, "desktop", c)
	if err != nil {
		t.Fatal(err)
	}
	kinds := func() map[event.InterestKind]int64 {
		l, err := db.Interests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[event.InterestKind]int64{}
		for _, in := range l {
			out[in.Kind] = in.ID
		}
		return out
	}
	k := kinds()
	noID, ok := k[event.InterestNoThanks]
	if _, both := k[event.InterestShortlist]; !ok || both || len(k) != 1 {
		t.Fatalf("after no thanks: %v", k)
	}
	if e.Changes[1].ID != fmt.Sprint(noID) {
		t.Fatalf("the logged change names interest %q, stored %d", e.Changes[1].ID, noID)
	}
	un, err := db.Undo(ctx, "desktop", e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if k := kinds(); len(k) != 1 || k[event.InterestShortlist] != short.ID {
		t.Fatalf("after the undo: %v (shortlist was %d)", k, short.ID)
	}
	if _, err := db.Redo(ctx, "desktop", un.ID); err != nil {
		t.Fatal(err)
	}
	if k := kinds(); len(k) != 1 || k[event.InterestNoThanks] != noID {
		t.Fatalf("after the redo: %v", k)
	}
	// A portal removes the no-thanks meanwhile: the undo is refused.
	if err := db.DeleteInterest(ctx, "portal", noID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, "desktop", 0); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("undo of a removed statement: %v", err)
	}
}

func TestUndoCheckInAndNewChangeClearsRedo(t *testing.T) {
	ctx := context.Background()
	db, _, ms := undoFixture(t)
	s := ms[0].StartupID
	in := event.Change{Action: "checkin", Label: event.T("受付", "check-in"),
		Changes: []event.FieldChange{event.CheckInChange(event.KindStartup, s, 1, true)}}
	e, err := db.Change(ctx, "受付係", in)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := db.CheckIns(ctx)
	if len(cs) != 1 || cs[0].By != "受付係" || cs[0].Day != 1 {
		t.Fatalf("check-ins %+v", cs)
	}
	// Checking in twice is refused as a change that no longer applies.
	if _, err := db.Change(ctx, "受付係", in); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("second check-in: %v", err)
	}
	if _, err := db.Undo(ctx, "受付係", e.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.CheckIns(ctx); len(cs) != 0 {
		t.Fatalf("after the undo: %+v", cs)
	}
	// A new change after an undo: nothing to redo any more.
	if _, err := db.Change(ctx, "受付係", moveChange(ms[1], 4, 4)); err != nil {
		t.Fatal(err)
	}
	if _, r, _ := db.UndoHistory(ctx, "受付係"); r != nil {
		t.Fatalf("redo offered after a new change: %+v", r)
	}
	if _, err := db.Redo(ctx, "受付係", 0); event.ErrorCode(err) != event.ENotFound {
		t.Fatalf("redo: %v", err)
	}
	// Unknown fields are refused, nothing written.
	bad := event.Change{Action: "x", Changes: []event.FieldChange{{Entity: "meeting", ID: fmt.Sprint(ms[0].ID), Field: "score", Old: "0", New: "1"}}}
	if _, err := db.Change(ctx, "受付係", bad); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("unknown field: %v", err)
	}
}

// TestUndoRandomHistories runs random sequences of moves, undos and redos
// and checks the stored meetings against a model: stacks of states.
func TestUndoRandomHistories(t *testing.T) {
	ctx := context.Background()
	type state map[int64][2]int
	for seed := range 6 {
		db, _, ms := undoFixture(t)
		r := rand.New(rand.NewPCG(uint64(seed), 99))
		snap := func() state {
			s := state{}
			for _, m := range ms {
				g := meetingOf(t, db, m.ID)
				s[m.ID] = [2]int{g.Slot, g.Table}
			}
			return s
		}
		var undo, redo []state
		cur := snap()
		for step := range 40 {
			op := r.IntN(3)
			switch op {
			case 0:
				m := meetingOf(t, db, ms[r.IntN(len(ms))].ID)
				slot, table := 10+r.IntN(6), r.IntN(3) // often a taken place
				e, err := db.Change(ctx, "desktop", moveChange(m, slot, table))
				if err != nil {
					if event.ErrorCode(err) != event.EInvalid {
						t.Fatalf("seed %d step %d: move: %v", seed, step, err)
					}
					break // the place is taken: refused, nothing changed
				}
				if e.ID == 0 {
					break // already there: nothing written, nothing to undo
				}
				next := state{}
				for k, v := range cur {
					next[k] = v
				}
				next[m.ID] = [2]int{slot, table}
				undo, redo, cur = append(undo, cur), nil, next
			case 1, 2:
				from, to, f := &undo, &redo, db.Undo
				if op == 2 {
					from, to, f = &redo, &undo, db.Redo
				}
				_, err := f(ctx, "desktop", 0)
				if len(*from) == 0 {
					if event.ErrorCode(err) != event.ENotFound {
						t.Fatalf("seed %d step %d: op %d with an empty stack: %v", seed, step, op, err)
					}
					break
				}
				if err != nil {
					t.Fatalf("seed %d step %d: op %d: %v", seed, step, op, err)
				}
				*to = append(*to, cur)
				cur = (*from)[len(*from)-1]
				*from = (*from)[:len(*from)-1]
			}
			if testing.Verbose() {
				t.Logf("seed %d step %d: op %d, model %v", seed, step, op, cur)
			}
			if got := snap(); fmt.Sprint(got) != fmt.Sprint(cur) {
				t.Fatalf("seed %d step %d: stored %v, model %v", seed, step, got, cur)
			}
		}
		// Undo everything: back to the fixture, unlocked.
		for range len(undo) {
			if _, err := db.Undo(ctx, "desktop", 0); err != nil {
				t.Fatalf("seed %d: unwinding: %v", seed, err)
			}
		}
		for _, m := range ms {
			if g := meetingOf(t, db, m.ID); g.Slot != m.Slot || g.Table != m.Table || g.Locked {
				t.Fatalf("seed %d: unwound to %+v, want slot %d table %d", seed, g, m.Slot, m.Table)
			}
		}
	}
}

func TestUndoTableReductionWithMovedMeetings(t *testing.T) {
	ctx := context.Background()
	db, path, ms := undoFixture(t)
	cur, err := db.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Fewer tables: the meeting on table 3 moves to table 1 of a free slot.
	next := *cur
	next.Tables = 2
	m := ms[2]
	moved := m
	moved.Slot, moved.Table, moved.Locked = 20, 1, true
	c := event.Change{Action: "event.reduce", Label: event.T("テーブル数 2", "2 tables"),
		Changes: append(event.RecordChange("event", "", cur, &next), event.MeetingChange(&m, &moved)...)}
	// Without moving the meeting the reduction is refused.
	if _, err := db.Change(ctx, "desktop", event.Change{Action: "event.reduce", Changes: event.RecordChange("event", "", cur, &next)}); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("reduction leaving a meeting on a removed table: %v", err)
	}
	e, err := db.Change(ctx, "desktop", c)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range e.Changes {
		if x.Old == x.New {
			t.Fatalf("a precondition was logged: %+v", x)
		}
	}
	if got, _ := db.Event(ctx); got.Tables != 2 || got.Version != cur.Version+1 {
		t.Fatalf("event after the reduction: %d tables, version %d", got.Tables, got.Version)
	}
	// Another connection renames the event: the undo only puts back what
	// the reduction changed.
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ev, _ := other.Event(ctx)
	ev.Name = event.T("改名", "Renamed")
	if err := other.SaveEvent(ctx, "cli", ev); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, "desktop", e.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Event(ctx)
	if got.Tables != cur.Tables || got.Name.En != "Renamed" {
		t.Fatalf("after the undo: %d tables, name %q", got.Tables, got.Name.En)
	}
	if g := meetingOf(t, db, m.ID); g.Slot != m.Slot || g.Table != m.Table || g.Locked {
		t.Fatalf("meeting after the undo: %+v", g)
	}
	// Another connection lowers the tables again: redo is refused.
	ev, _ = other.Event(ctx)
	ev.Tables = 10
	if err := other.SaveEvent(ctx, "cli", ev); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Redo(ctx, "desktop", 0); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("redo over a changed table count: %v", err)
	}
}

func TestUndoStartupEdit(t *testing.T) {
	ctx := context.Background()
	db, _, _ := undoFixture(t)
	st, err := db.Startups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := st[0]
	edit := *old
	edit.Name = event.T("株式会社 新名称", old.Name.En)
	edit.Areas = []string{"oncology"}
	edit.ProductSummary.Ja = strings.Repeat("長い説明。", 600) // longer than the log's usual 2,000 bytes
	e, err := db.Change(ctx, "desktop", event.Change{Action: "startup.update", Label: event.T("保存", "saved"),
		Changes: event.RecordChange("startup", old.ID, old, &edit)})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Startup(ctx, old.ID); got.Name.Ja != edit.Name.Ja || got.ProductSummary.Ja != edit.ProductSummary.Ja || got.Version != old.Version+1 {
		t.Fatalf("after the edit: %+v", got)
	}
	un, err := db.Undo(ctx, "desktop", e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Startup(ctx, old.ID); len(event.RecordDiff("startup", old.ID, old, got)) != 0 {
		t.Fatalf("after the undo: %+v", event.RecordDiff("startup", old.ID, old, got))
	}
	if _, err := db.Redo(ctx, "desktop", un.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Startup(ctx, old.ID); got.ProductSummary.Ja != edit.ProductSummary.Ja {
		t.Fatal("redo lost the long summary")
	}
	// The startup edits its profile in the portal meanwhile: refused.
	cur, _ := db.Startup(ctx, old.ID)
	cur.Name.Ja = "株式会社 ポータル"
	if err := db.SaveStartup(ctx, "portal", cur); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, "desktop", 0); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("undo over the portal's edit: %v", err)
	}
}

// BenchmarkUndoHistory reads the undo history (what every reload of the
// desktop does) from a log with 1,000 undoable changes among 20,000 other
// entries (portal and CLI writes).
func BenchmarkUndoHistory(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "history.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.write(ctx, "bench log", func(ctx context.Context, tx *sql.Tx) error {
		for k := range 21000 {
			a := event.AuditEntry{At: now(), Actor: "portal", Action: "startup.update", Entity: "startup", EntityID: fmt.Sprint(k)}
			if k%21 == 0 {
				a.Actor, a.Action, a.Undo, a.Label = "desktop", "meeting.move", event.UndoChange, event.T("移動", "move")
				a.Changes = []event.FieldChange{{Entity: "meeting", ID: "1", Field: "slot", Old: "1", New: "2"}}
			}
			if _, err := writeAudit(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cputime.Used()
	for range b.N {
		u, _, err := db.UndoHistory(ctx, "desktop")
		if err != nil || u == nil {
			b.Fatal(u, err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkChangeUndoRedo is one move, its undo and its redo: three write
// transactions with their checks and entries.
func BenchmarkChangeUndoRedo(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "steps.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	bs := seed(b, db, 4, 3)
	m := event.Meeting{StartupID: bs.Startups[0].ID, CompanyID: bs.Companies[0].ID, Slot: 0, Table: 0, Status: event.StatusProposed}
	if err := db.SaveMeeting(ctx, "test", &m); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cputime.Used()
	for i := range b.N {
		cur, err := meetingByID(ctx, db.sql, m.ID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Change(ctx, "desktop", moveChange(*cur, 1+i%30, i%20)); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Undo(ctx, "desktop", 0); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Redo(ctx, "desktop", 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}
