package schedule

import (
	"context"
	"testing"

	"pitchmatch/event"
)

// TestConflictsProposeAMove: a locked meeting whose startup is now
// unavailable in its slot stays there, is reported as a conflict with a
// proposed move into a slot both attend and that the final timetable
// leaves free; BuildOptions.MoveConflicts lets the scheduler move it.
func TestConflictsProposeAMove(t *testing.T) {
	in := Input{NumSlots: 4, TablesPerSlot: 2,
		Startups:  []Participant{{ID: "S1", Unavailable: []int{0}}, {ID: "S2"}},
		Companies: []Participant{{ID: "C1"}, {ID: "C2", Unavailable: []int{2}}},
		Candidates: []Candidate{{StartupID: "S1", CompanyID: "C1", Weight: 0.9}, {StartupID: "S2", CompanyID: "C1", Weight: 0.8},
			{StartupID: "S1", CompanyID: "C2", Weight: 0.7}},
		Locked: []Placement{{StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0}},
	}
	res, err := Solve(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := check(&in, res); err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 {
		t.Fatalf("conflicts %+v", res.Conflicts)
	}
	c := res.Conflicts[0]
	if c.Meeting.StartupID != "S1" || c.Meeting.Slot != 0 || c.Proposed == nil || c.Message.En == "" || c.Message.Ja == "" {
		t.Fatalf("conflict %+v", c)
	}
	// The proposed place is allowed by the placement rules in the final
	// timetable without the meeting itself.
	var others []event.Meeting
	for _, m := range res.Meetings {
		if m.StartupID == "S1" && m.CompanyID == "C1" {
			continue
		}
		others = append(others, event.Meeting{StartupID: m.StartupID, CompanyID: m.CompanyID, Slot: m.Slot, Table: m.Table, Status: event.StatusProposed})
	}
	mv := event.Meeting{StartupID: "S1", CompanyID: "C1", Status: event.StatusProposed}
	if probs := in.Venue().Check(mv, c.Proposed.Slot, c.Proposed.Table, others, -1); len(probs) > 0 {
		t.Fatalf("proposed move %+v breaks %+v", c.Proposed, probs)
	}

	ev := &event.Event{SlotMinutes: 30, Tables: 2, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 3}}}
	r := Records{Event: ev, Startups: []*event.Startup{{ID: "S1"}}, Companies: []*event.Company{{ID: "C1"}},
		Availability: []event.Availability{{Kind: event.KindStartup, ID: "S1", Unavailable: []int{0}}},
		Meetings: []event.Meeting{{ID: 1, StartupID: "S1", CompanyID: "C1", Slot: 0, Status: event.StatusConfirmed, Locked: true},
			{ID: 2, StartupID: "S1", CompanyID: "C1", Slot: 1, Status: event.StatusHeld}}}
	keep := BuildInput(r, nil, BuildOptions{})
	move := BuildInput(r, nil, BuildOptions{MoveConflicts: true})
	if len(keep.Locked) != 2 || len(move.Locked) != 1 || len(move.Previous) != 1 || move.Previous[0].Slot != 0 {
		t.Fatalf("keep %+v / %+v; move %+v / %+v", keep.Locked, keep.Previous, move.Locked, move.Previous)
	}
}

func TestMoveCostFor(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		set  *float64
		want float64
	}{{nil, DefaultMoveCost}, {v(0), -1}, {v(0.5), 0.5}} {
		if got := MoveCostFor(&event.Event{MoveCost: c.set}); got != c.want {
			t.Errorf("MoveCostFor(%v) = %v, want %v", c.set, got, c.want)
		}
	}
}
