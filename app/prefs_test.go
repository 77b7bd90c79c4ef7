package app

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

func TestRecentFilesAndWindowSize(t *testing.T) {
	a := test.NewTempApp(t)
	p1, p2 := demoFile(t, smallDemo()), demoFile(t, smallDemo())
	u := New(a, event.En, DefaultServices())
	u.clk = instantClock()
	defer u.Close()
	for _, p := range []string{p1, p2, p1} {
		if err := u.Open(p); err != nil {
			t.Fatal(err)
		}
	}
	if r := u.Recent(); len(r) != 2 || r[0] != p1 || r[1] != p2 {
		t.Fatalf("recent %v, want [%s %s]", r, p1, p2)
	}
	u.Window().Resize(fyne.NewSize(1500, 900))
	u.rememberSize()
	u2 := New(a, event.En, DefaultServices())
	u2.clk = instantClock()
	defer u2.Close()
	if w, h := a.Preferences().Float(prefWidth), a.Preferences().Float(prefHeight); w != 1500 || h != 900 {
		t.Fatalf("remembered %vx%v", w, h)
	}
	if got := u2.Window().Canvas().Size(); got.Width != 1500 || got.Height != 900 {
		t.Fatalf("new window %v, want the remembered size", got)
	}
}

func TestOpenMissingDirectoryFails(t *testing.T) {
	u := New(test.NewTempApp(t), event.Ja, DefaultServices())
	u.clk = instantClock()
	defer u.Close()
	if err := u.Open(t.TempDir() + "/no/such/dir/x.db"); err == nil {
		t.Fatal("opening a file in a missing directory should fail")
	}
	if u.Data() != nil {
		t.Fatal("a failed open must not replace the data")
	}
}

func TestComputePlanStopsWhenCancelled(t *testing.T) {
	d := demoData(smallDemo())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ComputePlan(ctx, d, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	plan, err := ComputePlan(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Meetings) == 0 || len(plan.Meetings) != len(plan.Result.Meetings) {
		t.Fatalf("%d meetings for %d placements", len(plan.Meetings), len(plan.Result.Meetings))
	}
	d2 := NewData(&event.Batch{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes,
		Interests: d.Interests, Availability: d.Availability, Meetings: plan.Meetings})
	// Every planned meeting is a legal position: no move problems in place.
	for i, m := range d2.Meetings {
		if probs := d2.CheckMove(i, m.Slot, m.Table); len(probs) > 0 {
			t.Fatalf("meeting %d (%s–%s) conflicts where it is: %v", i, m.StartupID, m.CompanyID, probs[0].Text(event.En))
		}
	}
}
