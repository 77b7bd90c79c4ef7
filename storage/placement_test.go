package storage

import (
	"context"
	"strings"
	"testing"

	"pitchmatch/event"
)

// TestMeetingPlacementRules: storage applies event.Venue's rules — a
// company beyond its parallel tables is refused; a participant
// unavailable in the slot refuses a new or moved meeting, but a meeting
// already there (the participant declared the slot later) can still be
// confirmed, and a locked one can be put there on purpose.
func TestMeetingPlacementRules(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	seed(t, db, 6, 3)
	cos, err := db.Companies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := cos[0]
	c.Tables = 2
	if err := db.SaveCompany(ctx, "organizer", c); err != nil {
		t.Fatal(err)
	}
	two := []event.Meeting{
		{StartupID: "S00000", CompanyID: c.ID, Slot: 0, Table: 0, Status: event.StatusProposed},
		{StartupID: "S00001", CompanyID: c.ID, Slot: 0, Table: 1, Status: event.StatusProposed},
	}
	if err := db.ReplaceMeetings(ctx, "scheduler", two); err != nil {
		t.Fatalf("two parallel tables: %v", err)
	}
	three := append(append([]event.Meeting(nil), two...), event.Meeting{StartupID: "S00002", CompanyID: c.ID, Slot: 0, Table: 2, Status: event.StatusProposed})
	if err := db.ReplaceMeetings(ctx, "scheduler", three); event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "parallel tables") {
		t.Fatalf("three meetings at two parallel tables: %v", err)
	}
	// S00000 becomes unavailable in slot 0, where its meeting is.
	if err := db.Import(ctx, "portal", &event.Batch{Availability: []event.Availability{{Kind: event.KindStartup, ID: "S00000", Unavailable: []int{0, 3}}}}); err != nil {
		t.Fatal(err)
	}
	ms, err := db.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := ms[0]
	m.Status = event.StatusConfirmed
	if err := db.SaveMeeting(ctx, "organizer", &m); err != nil {
		t.Fatalf("confirming a meeting that stays where it is: %v", err)
	}
	moved := m
	moved.Slot = 3
	if err := db.SaveMeeting(ctx, "organizer", &moved); event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "unavailable") {
		t.Fatalf("moving into an unavailable slot: %v", err)
	}
	moved.Locked = true
	if err := db.SaveMeeting(ctx, "organizer", &moved); err != nil {
		t.Fatalf("a locked meeting put there on purpose: %v", err)
	}
	fresh := []event.Meeting{moved, {StartupID: "S00000", CompanyID: cos[1].ID, Slot: 0, Table: 0, Status: event.StatusProposed}}
	if err := db.ReplaceMeetings(ctx, "scheduler", fresh); event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "unavailable") {
		t.Fatalf("a new meeting in an unavailable slot: %v", err)
	}
}
