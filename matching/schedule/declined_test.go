package schedule

import (
	"testing"

	"pitchmatch/event"
)

// TestBuildInputExcludesDeclined: a declined meeting's pair is excluded
// (never proposed again) and the meeting does not occupy its place; a
// cancelled, unlocked one excludes nothing.
func TestBuildInputExcludesDeclined(t *testing.T) {
	r := buildRecords()
	r.Meetings = []event.Meeting{
		{StartupID: "S1", CompanyID: "C1", Slot: 0, Table: 0, Status: event.StatusDeclined},
		{StartupID: "S2", CompanyID: "C1", Slot: 1, Table: 0, Status: event.StatusCancelled},
	}
	cands := []Candidate{{StartupID: "S1", CompanyID: "C1", Weight: 0.9}, {StartupID: "S2", CompanyID: "C1", Weight: 0.8}}
	in := BuildInput(r, cands, BuildOptions{AllPairs: true})
	if len(in.Excluded) != 1 || in.Excluded[0] != (event.PairKey{StartupID: "S1", CompanyID: "C1"}) {
		t.Errorf("excluded %+v", in.Excluded)
	}
	if len(in.Locked)+len(in.Previous) != 0 {
		t.Errorf("declined or cancelled meetings kept: locked %+v previous %+v", in.Locked, in.Previous)
	}
}
