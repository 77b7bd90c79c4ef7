package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pitchmatch/event"
)

// lifecycleFixture stores a small event and one proposed meeting S00000–C000.
func lifecycleFixture(t *testing.T) (*DB, *event.Meeting) {
	t.Helper()
	db := openTemp(t)
	b := seed(t, db, 3, 2)
	m := &event.Meeting{StartupID: b.Startups[0].ID, CompanyID: b.Companies[0].ID, ThemeID: b.Themes[0].ID,
		Slot: 2, Table: 1, Status: event.StatusProposed}
	if err := db.SaveMeeting(context.Background(), "organizer", m); err != nil {
		t.Fatal(err)
	}
	return db, m
}

func step(t *testing.T, db *DB, actor string, id int64, by event.ParticipantKind, act event.MeetingAction) *event.Meeting {
	t.Helper()
	m, err := db.ActOnMeeting(context.Background(), actor, MeetingStep{ID: id, By: by, Action: act})
	if err != nil {
		t.Fatalf("%s %s: %v", by, act, err)
	}
	return m
}

func TestBothAcceptConfirms(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	if got := step(t, db, "startup:S00000", m.ID, event.KindStartup, event.ActAccept); got.Status != event.StatusProposed {
		t.Fatalf("one side accepted: %s", got.Status)
	}
	got := step(t, db, "scout:C000:yamada", m.ID, event.KindCompany, event.ActAccept)
	if got.Status != event.StatusConfirmed || got.Sequence != m.Sequence+1 {
		t.Fatalf("both accepted: %s seq %d", got.Status, got.Sequence)
	}
	h, err := db.AuditOf(ctx, "meeting", itoa(m.ID), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Action != "meeting.accept" || h[0].Actor != "scout:C000:yamada" ||
		!strings.Contains(h[0].Detail, "proposed → confirmed") || h[1].Actor != "startup:S00000" || h[0].At.IsZero() {
		t.Errorf("audit %+v", h)
	}
	s, err := db.MeetingSide(ctx, m.ID, event.KindStartup)
	if err != nil || s.Response != event.ResponseAccepted {
		t.Errorf("startup side %+v %v", s, err)
	}
}

func itoa(id int64) string { return fmt.Sprint(id) }

// TestMoveLapsesAcceptance: an acceptance counts for the placement it was
// given for; after the meeting moved, the other side's acceptance alone
// does not confirm.
func TestMoveLapsesAcceptance(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	step(t, db, "s", m.ID, event.KindStartup, event.ActAccept)
	cur, _ := db.Meeting(ctx, m.ID)
	cur.Slot = 5
	if err := db.SaveMeeting(ctx, "organizer", cur); err != nil {
		t.Fatal(err)
	}
	if got := step(t, db, "c", m.ID, event.KindCompany, event.ActAccept); got.Status != event.StatusProposed {
		t.Fatalf("stale acceptance confirmed: %s", got.Status)
	}
	if got := step(t, db, "s", m.ID, event.KindStartup, event.ActAccept); got.Status != event.StatusConfirmed {
		t.Fatalf("re-accepted: %s", got.Status)
	}
	// Asking to move withdraws the confirmation.
	got, err := db.ActOnMeeting(ctx, "s", MeetingStep{ID: m.ID, By: event.KindStartup, Action: event.ActAskMove, Message: "午後にしてください"})
	if err != nil || got.Status != event.StatusProposed {
		t.Fatalf("ask to move: %+v %v", got, err)
	}
	s, _ := db.MeetingSide(ctx, m.ID, event.KindStartup)
	if s.Response != event.ResponseMove || s.Message != "午後にしてください" {
		t.Errorf("side %+v", s)
	}
}

// TestDeclinedStandsThroughReplace: a re-run that drops a declined meeting
// leaves it declined (not cancelled), so the scheduler input keeps its pair
// out.
func TestDeclinedStandsThroughReplace(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	if got := step(t, db, "c", m.ID, event.KindCompany, event.ActDecline); got.Status != event.StatusDeclined {
		t.Fatalf("declined: %s", got.Status)
	}
	// The pair may not meet again, but the slot is free for another meeting.
	other := event.Meeting{StartupID: m.StartupID, CompanyID: "C001", Slot: m.Slot, Table: m.Table, Status: event.StatusProposed}
	if err := db.ReplaceMeetings(ctx, "schedule", []event.Meeting{other}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Meeting(ctx, m.ID)
	if got.Status != event.StatusDeclined {
		t.Fatalf("after replace: %s", got.Status)
	}
	if c, _ := db.Counts(ctx); c.Meetings != 1 {
		t.Errorf("active meetings %d", c.Meetings)
	}
	if _, err := db.ActOnMeeting(ctx, "s", MeetingStep{ID: m.ID, By: event.KindStartup, Action: event.ActAccept}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("accepting a declined meeting: %v", err)
	}
}

func TestRecordOutcome(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	if _, err := db.RecordOutcome(ctx, "c", m.ID, event.KindCompany, event.OutcomeDeal, "note"); event.ErrorCode(err) != event.EInvalid {
		t.Fatalf("outcome on a proposed meeting: %v", err)
	}
	step(t, db, "org", m.ID, event.KindOrganizer, event.ActConfirm)
	got, err := db.RecordOutcome(ctx, "s", m.ID, event.KindStartup, event.OutcomeFollowUp, "次回資料送付")
	if err != nil || got.Status != event.StatusHeld || got.Outcome != event.OutcomeFollowUp || got.IsDeal() {
		t.Fatalf("startup outcome: %+v %v", got, err)
	}
	got, err = db.RecordOutcome(ctx, "c", m.ID, event.KindCompany, event.OutcomeDeal, "共同開発を検討\n来月打合せ")
	if err != nil || got.Outcome != event.OutcomeDeal || !got.IsDeal() {
		t.Fatalf("company outcome: %+v %v", got, err)
	}
	s, _ := db.MeetingSide(ctx, m.ID, event.KindStartup)
	c, _ := db.MeetingSide(ctx, m.ID, event.KindCompany)
	if s.Note != "次回資料送付" || c.Note != "共同開発を検討\n来月打合せ" || c.Outcome != event.OutcomeDeal {
		t.Errorf("sides %+v %+v", s, c)
	}
	h, _ := db.AuditOf(ctx, "meeting", itoa(m.ID), 1)
	if len(h) != 1 || h[0].Action != "meeting.outcome" || strings.Contains(h[0].Detail, "共同開発") {
		t.Errorf("audit %+v (the private note must not be logged)", h)
	}
	for _, bad := range []string{"a\x00b", strings.Repeat("長", event.MaxNoteRunes+1), "\xff"} {
		if _, err := db.RecordOutcome(ctx, "c", m.ID, event.KindCompany, event.OutcomeDeal, bad); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("note %q: %v", bad[:min(len(bad), 8)], err)
		}
	}
	if _, err := db.RecordOutcome(ctx, "c", m.ID, event.KindOrganizer, event.OutcomeDeal, ""); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("organizer as a side: %v", err)
	}
}

func TestMeetingsOf(t *testing.T) {
	ctx := context.Background()
	db, m := lifecycleFixture(t)
	for _, c := range []struct {
		kind event.ParticipantKind
		id   string
		n    int
	}{{event.KindStartup, m.StartupID, 1}, {event.KindCompany, m.CompanyID, 1}, {event.KindStartup, "S00001", 0}} {
		ms, err := db.MeetingsOf(ctx, c.kind, c.id)
		if err != nil || len(ms) != c.n {
			t.Errorf("%s %s: %d %v", c.kind, c.id, len(ms), err)
		}
	}
	if _, err := db.MeetingsOf(ctx, "judge", "x"); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("bad kind: %v", err)
	}
}
