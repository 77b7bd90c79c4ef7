package app

import (
	"context"
	"testing"

	"pitchmatch/event"
)

// TestComputePlanKeepsOrganizerCancellationsOut cancels one planned
// meeting and re-runs the app's scheduler: cancelled and locked (the
// organizer's decision) keeps its pair out; cancelled without the lock (as
// the store cancels meetings a re-run drops) does not.
func TestComputePlanKeepsOrganizerCancellationsOut(t *testing.T) {
	ctx := context.Background()
	d := demoData(smallDemo())
	plan, err := ComputePlan(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The best-scoring unlocked meeting: the one a re-run most wants back.
	gone := -1
	for i, m := range plan.Meetings {
		if !m.Locked && (gone < 0 || m.Score > plan.Meetings[gone].Score) {
			gone = i
		}
	}
	if gone < 0 {
		t.Fatal("no unlocked meeting planned")
	}
	pair := event.PairKey{StartupID: plan.Meetings[gone].StartupID, CompanyID: plan.Meetings[gone].CompanyID}
	proposed := func(p *Plan) bool {
		for _, m := range p.Result.Meetings {
			if m.StartupID == pair.StartupID && m.CompanyID == pair.CompanyID {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		name         string
		locked       bool
		wantProposed bool
	}{
		{"organizer cancellation", true, false},
		{"cancelled by a re-run", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := append([]event.Meeting(nil), plan.Meetings...)
			ms[gone].Status, ms[gone].Locked = event.StatusCancelled, tc.locked
			d2 := NewData(&event.Batch{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes,
				Interests: d.Interests, Availability: d.Availability, Meetings: ms})
			again, err := ComputePlan(ctx, d2, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := proposed(again); got != tc.wantProposed {
				t.Fatalf("pair %s–%s proposed again: %v, want %v", pair.StartupID, pair.CompanyID, got, tc.wantProposed)
			}
			for _, m := range again.Meetings {
				if m.StartupID == pair.StartupID && m.CompanyID == pair.CompanyID && !tc.wantProposed {
					t.Fatalf("plan stores a meeting for the cancelled pair: %+v", m)
				}
			}
		})
	}
}
