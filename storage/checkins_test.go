package storage

import (
	"context"
	"testing"

	"pitchmatch/event"
)

func TestCheckIns(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := seed(t, db, 3, 2)
	s0, s1, c0 := b.Startups[0].ID, b.Startups[1].ID, b.Companies[0].ID
	steps := []struct {
		name    string
		c       event.CheckIn
		in      bool
		changed bool
		kind    string // event error code; "" for success
		want    int    // check-ins stored after the step
	}{
		{"startup day 1", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 0}, true, true, "", 1},
		{"again: kept", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 0}, true, false, "", 1},
		{"same startup day 2", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 1}, true, true, "", 2},
		{"company day 1", event.CheckIn{Kind: event.KindCompany, ID: c0, Day: 0}, true, true, "", 3},
		{"another startup", event.CheckIn{Kind: event.KindStartup, ID: s1, Day: 0}, true, true, "", 4},
		{"taken back", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 1}, false, true, "", 3},
		{"taken back twice", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 1}, false, false, "", 3},
		{"no such day", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 3}, true, false, event.EInvalid, 3},
		{"negative day", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: -1}, true, false, event.EInvalid, 3},
		{"bad kind", event.CheckIn{Kind: "judge", ID: s0, Day: 0}, true, false, event.EInvalid, 3},
		{"unknown startup", event.CheckIn{Kind: event.KindStartup, ID: "S99999", Day: 0}, true, false, event.ENotFound, 3},
		{"a company ID as a startup", event.CheckIn{Kind: event.KindStartup, ID: c0, Day: 0}, true, false, event.ENotFound, 3},
	}
	for _, st := range steps {
		got, changed, err := db.SetCheckIn(ctx, "受付", st.c, st.in)
		if st.kind != "" {
			if event.ErrorCode(err) != st.kind {
				t.Fatalf("%s: error %v, want kind %s", st.name, err, st.kind)
			}
		} else if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if changed != st.changed {
			t.Fatalf("%s: changed %v, want %v", st.name, changed, st.changed)
		}
		if err == nil && st.in && (got.At.IsZero() || got.By != "受付") {
			t.Fatalf("%s: stored %+v", st.name, got)
		}
		all, err := db.CheckIns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != st.want {
			t.Fatalf("%s: %d check-ins stored, want %d: %+v", st.name, len(all), st.want, all)
		}
	}
	all, _ := db.CheckIns(ctx)
	if n := event.CountCheckIns(all, 0); n != (event.CheckInCount{Startups: 2, Companies: 1}) {
		t.Fatalf("day 1 count %+v", n)
	}
	if n := event.CountCheckIns(all, 1); n != (event.CheckInCount{}) {
		t.Fatalf("day 2 count %+v", n)
	}

	// Every change is audited with the field it changed; a repeat is not.
	log, err := db.AuditOf(ctx, "startup", s0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sets, clears int
	for _, e := range log {
		switch e.Action {
		case "checkin.set":
			sets++
			if e.Actor != "受付" || len(e.Changes) != 1 || e.Changes[0].New != "checked in" {
				t.Fatalf("audit entry %+v", e)
			}
		case "checkin.clear":
			clears++
			if len(e.Changes) != 1 || e.Changes[0].Field != "checkin.day2" || e.Changes[0].Old != "checked in" {
				t.Fatalf("audit entry %+v", e)
			}
		}
	}
	if sets != 2 || clears != 1 {
		t.Fatalf("audit: %d check-ins and %d take-backs, want 2 and 1", sets, clears)
	}

	// Deleting a participant deletes its check-ins.
	if _, err := db.DeleteRecord(ctx, "test", event.EntityStartup, s1, true); err != nil {
		t.Fatal(err)
	}
	all, _ = db.CheckIns(ctx)
	for _, c := range all {
		if c.ID == s1 {
			t.Fatalf("check-in of deleted %s kept", s1)
		}
	}
	if len(all) != 2 {
		t.Fatalf("%d check-ins after the delete, want 2", len(all))
	}

	// A read-only file refuses and stores nothing.
	ro, err := OpenWith(ctx, db.path, Options{ReadOnly: true})
	if err == nil {
		defer ro.Close()
		if _, _, err := ro.SetCheckIn(ctx, "x", event.CheckIn{Kind: event.KindStartup, ID: s0, Day: 2}, true); err == nil {
			t.Fatal("a read-only file took a check-in")
		}
		if all, _ := db.CheckIns(ctx); len(all) != 2 {
			t.Fatalf("%d check-ins after the refused write", len(all))
		}
	}
}
