package schedule

import (
	"testing"

	"pitchmatch/event"
)

func TestMeetingsToSave(t *testing.T) {
	stored := []event.Meeting{
		{ID: 1, UID: "u1", StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0, Status: event.StatusConfirmed, Version: 3, Sequence: 2},
		{ID: 2, UID: "u2", StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, Status: event.StatusConfirmed, Version: 1},
		{ID: 3, UID: "u3", StartupID: "S3", CompanyID: "C1", Slot: 2, Table: 0, Status: event.StatusCancelled, Version: 2, Sequence: 1},
		{ID: 4, UID: "u4", StartupID: "S4", CompanyID: "C1", Slot: 3, Table: 1, Status: event.StatusHeld, Outcome: event.OutcomeDeal, Version: 5, Score: 0.7},
		{ID: 5, UID: "u5", StartupID: "S5", CompanyID: "C1", Slot: 4, Table: 0, Status: event.StatusCancelled, Version: 1},
		{ID: 6, UID: "u6", StartupID: "S5", CompanyID: "C1", Slot: 5, Table: 0, Status: event.StatusProposed, Version: 1, Locked: true},
		{ID: 7, UID: "u7", StartupID: "S6", CompanyID: "C1", Slot: 6, Table: 0, Status: event.StatusCancelled, Version: 1},
		{ID: 8, UID: "u8", StartupID: "S6", CompanyID: "C1", Slot: 6, Table: 1, Status: event.StatusCancelled, Version: 4},
	}
	res := &Result{Meetings: []Placement{
		{StartupID: "S1", CompanyID: "C1", Slot: 5, Table: 2, ThemeID: "T1", Weight: 0.5}, // confirmed, moved
		{StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, ThemeID: "T2", Weight: 0.6}, // confirmed, stays
		{StartupID: "S3", CompanyID: "C1", Slot: 2, Table: 0, ThemeID: "T1", Weight: 0.4}, // cancelled, back
		{StartupID: "S4", CompanyID: "C1", Slot: 3, Table: 1, Weight: 0, Locked: true},    // held
		{StartupID: "S5", CompanyID: "C1", Slot: 5, Table: 0, Weight: 0.3, Locked: true},  // locked record
		{StartupID: "S6", CompanyID: "C1", Slot: 7, Table: 0, ThemeID: "T3", Weight: 0.2}, // two cancelled records
		{StartupID: "S7", CompanyID: "C1", Slot: 0, Table: 1, ThemeID: "T1", Weight: 0.9}, // new
	}}
	got := map[string]event.Meeting{}
	for _, m := range MeetingsToSave(res, stored) {
		got[m.StartupID] = m
	}
	want := map[string]struct {
		id      int64
		uid     string
		status  event.MeetingStatus
		slot    int
		version int64
	}{
		"S1": {1, "u1", event.StatusProposed, 5, 3},
		"S2": {2, "u2", event.StatusConfirmed, 1, 1},
		"S3": {3, "u3", event.StatusProposed, 2, 2},
		"S4": {4, "u4", event.StatusHeld, 3, 5},
		"S5": {6, "u6", event.StatusProposed, 5, 1},
		"S6": {8, "u8", event.StatusProposed, 7, 4},
		"S7": {0, "", event.StatusProposed, 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d meetings, want %d", len(got), len(want))
	}
	for s, w := range want {
		m := got[s]
		if m.ID != w.id || m.UID != w.uid || m.Status != w.status || m.Slot != w.slot || m.Version != w.version {
			t.Errorf("%s: got %+v, want %+v", s, m, w)
		}
	}
	if m := got["S4"]; m.Outcome != event.OutcomeDeal || m.Score != 0.7 {
		t.Errorf("held meeting changed: %+v", m)
	}
	if m := got["S5"]; !m.Locked {
		t.Errorf("locked record lost its lock: %+v", m)
	}
	if m := got["S1"]; m.Table != 2 || m.ThemeID != "T1" || m.Score != 0.5 || m.Sequence != 2 {
		t.Errorf("moved meeting: %+v", m)
	}
}
