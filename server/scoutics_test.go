package server

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
)

// TestScoutICSFromNames: the scout's calendar, built from the startups'
// names only, is byte for byte the calendar written from their whole
// (published) records, and names each startup met in both languages.
func TestScoutICSFromNames(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	// A second meeting of C1, with another startup.
	if err := f.db.Import(ctx, "test", &event.Batch{Meetings: []event.Meeting{{StartupID: "S2", CompanyID: "C1", ThemeID: "T1", Slot: 3, Table: 2, Status: event.StatusProposed}}}); err != nil {
		t.Fatal(err)
	}
	sc := f.scoutInvite("C1", "Scout", time.Hour)
	got := f.do("GET", api.PathScoutMeetingsICS, sc, nil)
	if got.status != 200 {
		t.Fatalf("%d %s", got.status, got.body)
	}
	ev, _ := f.db.Event(ctx)
	c, _ := f.db.Company(ctx, "C1")
	ths, _ := f.db.ThemesOf(ctx, "C1")
	ms, _ := f.db.MeetingsOf(ctx, event.KindCompany, "C1")
	d := &docs.Data{Event: ev, Companies: []*event.Company{c}, Themes: ths, Meetings: ms}
	fields := event.PublishedToScouts(ev)
	for _, id := range []string{"S1", "S2"} {
		st, err := f.db.Startup(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		d.Startups = append(d.Startups, event.ScoutStartupWith(fields, st))
	}
	var want bytes.Buffer
	if err := ical.Write(ctx, &want, d, docs.Scope{Kind: event.KindCompany, ID: "C1"}, ical.Options{Now: f.clock.now()}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.body, want.Bytes()) {
		t.Fatalf("calendar from names\n%s\nfrom whole records\n%s", got.body, want.Bytes())
	}
	body := string(got.body)
	if strings.Count(body, "BEGIN:VEVENT") != 2 || !strings.Contains(body, "MedTech Alpha") || !strings.Contains(body, "ベータ医療") {
		t.Fatalf("calendar %s", body)
	}
}
