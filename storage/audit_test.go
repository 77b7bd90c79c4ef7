package storage

import (
	"context"
	"fmt"
	"testing"

	"pitchmatch/event"
)

func changeOf(cs []event.FieldChange, field string) *event.FieldChange {
	for k := range cs {
		if cs[k].Field == field {
			return &cs[k]
		}
	}
	return nil
}

// TestAuditFieldChanges: a save records which fields changed (old → new),
// an import records every record it touched and how, a schedule save which
// meetings it moved; a record's history (AuditOf) includes the batches
// that touched it with only its own changes.
func TestAuditFieldChanges(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := &event.Batch{
		Event:     &event.Event{Name: event.T("イベント", "Event"), TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: 3, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 6}}},
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "Theme")}},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("一", "One"), Areas: []string{"oncology"}}, {ID: "S2", Name: event.T("二", "Two")}},
	}
	if err := db.Import(ctx, "import1", b); err != nil {
		t.Fatal(err)
	}
	s, err := db.Startup(ctx, "S1")
	if err != nil {
		t.Fatal(err)
	}
	s.Name.En = "One Inc."
	s.Areas = []string{"oncology", "cardiovascular"}
	if err := db.SaveStartup(ctx, "portal", s); err != nil {
		t.Fatal(err)
	}
	h, err := db.AuditOf(ctx, "startup", "S1", 0)
	if err != nil || len(h) < 2 {
		t.Fatalf("history %+v %v", h, err)
	}
	if h[0].Action != "startup.update" || len(h[0].Changes) != 2 {
		t.Fatalf("save entry %+v", h[0])
	}
	if c := changeOf(h[0].Changes, "name.en"); c == nil || c.Old != "One" || c.New != "One Inc." {
		t.Errorf("name change %+v", c)
	}
	if c := changeOf(h[0].Changes, "areas"); c == nil || c.Old != `["oncology"]` || c.New != `["oncology","cardiovascular"]` {
		t.Errorf("areas change %+v", c)
	}
	if h[1].Action != "import.startups" || len(h[1].Changes) != 1 || h[1].Changes[0].Field != "" {
		t.Errorf("creating import entry %+v", h[1])
	}

	// A second import changes S2's name and adds S3; S1 is untouched and
	// its history does not gain the entry.
	b2 := &event.Batch{Startups: []*event.Startup{{ID: "S2", Name: event.T("二", "Two Ltd.")}, {ID: "S3", Name: event.T("三", "Three")}}}
	if err := db.Import(ctx, "import2", b2); err != nil {
		t.Fatal(err)
	}
	h2, _ := db.AuditOf(ctx, "startup", "S2", 0)
	if len(h2) != 2 || h2[0].Actor != "import2" || len(h2[0].Changes) != 1 {
		t.Fatalf("S2 history %+v", h2)
	}
	if c := h2[0].Changes[0]; c.Field != "name.en" || c.Old != "Two" || c.New != "Two Ltd." || c.ID != "S2" {
		t.Errorf("S2 import change %+v", c)
	}
	if h3, _ := db.AuditOf(ctx, "startup", "S3", 0); len(h3) != 1 || h3[0].Changes[0].Field != "" {
		t.Errorf("S3 history %+v", h3)
	}
	if h1, _ := db.AuditOf(ctx, "startup", "S1", 0); len(h1) != len(h) {
		t.Errorf("S1 history grew with an import that did not touch it: %d entries", len(h1))
	}

	// Schedule saves: which meetings moved and how.
	ms := []event.Meeting{{StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 0, Table: 0, Status: event.StatusProposed},
		{StartupID: "S2", CompanyID: "C1", ThemeID: "T1", Slot: 1, Table: 0, Status: event.StatusProposed}}
	if err := db.ReplaceMeetings(ctx, "schedule", ms); err != nil {
		t.Fatal(err)
	}
	moved := []event.Meeting{ms[0]}
	moved[0].Slot, moved[0].Table = 3, 2
	if err := db.ReplaceMeetings(ctx, "schedule", moved); err != nil {
		t.Fatal(err)
	}
	hm, err := db.AuditOf(ctx, "meeting", fmt.Sprint(ms[0].ID), 0)
	if err != nil || len(hm) != 2 || hm[0].Action != "meetings.replace" {
		t.Fatalf("meeting history %+v %v", hm, err)
	}
	if c := changeOf(hm[0].Changes, "slot"); c == nil || c.Old != "0" || c.New != "3" {
		t.Errorf("slot change %+v", hm[0].Changes)
	}
	if c := changeOf(hm[0].Changes, "table"); c == nil || c.Old != "1" || c.New != "3" {
		t.Errorf("table change %+v", hm[0].Changes)
	}
	hc, _ := db.AuditOf(ctx, "meeting", fmt.Sprint(ms[1].ID), 0)
	if len(hc) != 2 || changeOf(hc[0].Changes, "status") == nil || changeOf(hc[0].Changes, "status").New != "cancelled" {
		t.Errorf("cancelled meeting history %+v", hc)
	}

	// A single move (the desktop's drag).
	m := moved[0]
	m.Slot = 5
	if err := db.SaveMeeting(ctx, "desk", &m); err != nil {
		t.Fatal(err)
	}
	hm, _ = db.AuditOf(ctx, "meeting", fmt.Sprint(m.ID), 1)
	if len(hm) != 1 || hm[0].Action != "meeting.update" || changeOf(hm[0].Changes, "slot") == nil || changeOf(hm[0].Changes, "slot").Old != "3" {
		t.Errorf("single move history %+v", hm)
	}

	// Imports of interests and availability name the records they touched.
	if err := db.Import(ctx, "import3", &event.Batch{
		Interests:    []event.Interest{{Kind: event.InterestApply, StartupID: "S3", ThemeID: "T1", By: event.KindStartup}},
		Availability: []event.Availability{{Kind: event.KindStartup, ID: "S3", Unavailable: []int{1, 2}}},
	}); err != nil {
		t.Fatal(err)
	}
	h3, _ := db.AuditOf(ctx, "startup", "S3", 2)
	if len(h3) != 2 || changeOf(h3[0].Changes, "interest") == nil || changeOf(h3[1].Changes, "unavailable") == nil {
		t.Errorf("S3 history after interests and availability import %+v", h3)
	}

	// The event's settings.
	ev, _ := db.Event(ctx)
	ev.Tables = 5
	if err := db.SaveEvent(ctx, "desk", ev); err != nil {
		t.Fatal(err)
	}
	he, _ := db.AuditOf(ctx, "event", "", 1)
	if len(he) != 1 || changeOf(he[0].Changes, "tables") == nil || changeOf(he[0].Changes, "tables").New != "5" {
		t.Errorf("event history %+v", he)
	}
}
