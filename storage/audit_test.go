package storage

import (
	"context"
	"fmt"
	"strings"
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

// TestParticipantHistoryIncludesMeetings: an import of meetings records
// each meeting it created or changed; a startup's and a company's history
// include their meetings' entries (import, schedule save, single move,
// life-cycle step) with the meetings' changes, and another startup's
// history none of them.
func TestParticipantHistoryIncludesMeetings(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := &event.Batch{
		Event:     &event.Event{Name: event.T("イベント", "Event"), TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: 3, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 6}}},
		Companies: []*event.Company{{ID: "C1", Name: event.T("企業", "Company")}, {ID: "C2", Name: event.T("企業二", "Company 2")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "Theme")}, {ID: "T2", CompanyID: "C2", Title: event.T("テーマ二", "Theme 2")}},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("一", "One")}, {ID: "S2", Name: event.T("二", "Two")}},
		Meetings: []event.Meeting{
			{UID: "m1@test", StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 0, Table: 0, Status: event.StatusProposed},
			{UID: "m2@test", StartupID: "S2", CompanyID: "C2", ThemeID: "T2", Slot: 1, Table: 0, Status: event.StatusProposed},
		},
	}
	if err := db.Import(ctx, "import1", b); err != nil {
		t.Fatal(err)
	}
	ms, err := db.Meetings(ctx)
	if err != nil || len(ms) != 2 {
		t.Fatal(ms, err)
	}
	m1, m2 := ms[0], ms[1]
	id1 := fmt.Sprint(m1.ID)
	// A second import moves m1 (found by its UID) and leaves m2 as it was.
	if err := db.Import(ctx, "import2", &event.Batch{Meetings: []event.Meeting{
		{UID: "m1@test", StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 4, Table: 2, Status: event.StatusProposed},
		{UID: "m2@test", StartupID: "S2", CompanyID: "C2", ThemeID: "T2", Slot: 1, Table: 0, Status: event.StatusProposed},
	}}); err != nil {
		t.Fatal(err)
	}
	hm, err := db.AuditOf(ctx, "meeting", id1, 0)
	if err != nil || len(hm) != 2 || hm[0].Action != "import.meetings" || hm[1].Action != "import.meetings" {
		t.Fatalf("m1's history after two imports: %+v %v", hm, err)
	}
	if c := changeOf(hm[0].Changes, "slot"); c == nil || c.Old != "0" || c.New != "4" || changeOf(hm[0].Changes, "table").New != "3" {
		t.Errorf("import's move of m1: %+v", hm[0].Changes)
	}
	if len(hm[1].Changes) != 1 || hm[1].Changes[0].Field != "" {
		t.Errorf("import's creation of m1: %+v", hm[1].Changes)
	}
	if h2, _ := db.AuditOf(ctx, "meeting", fmt.Sprint(m2.ID), 0); len(h2) != 1 {
		t.Errorf("m2 unchanged by the second import, history %+v", h2)
	}
	// A meeting the import rewrites unchanged keeps its version and time
	// (clients holding it see no conflict) and is counted as unchanged.
	if after, err := db.Meeting(ctx, m2.ID); err != nil || after.Version != m2.Version || !after.UpdatedAt.Equal(m2.UpdatedAt) {
		t.Errorf("m2 rewritten unchanged: version %d → %d, time %v → %v (%v)", m2.Version, after.Version, m2.UpdatedAt, after.UpdatedAt, err)
	}
	if moved, _ := db.Meeting(ctx, m1.ID); moved.Version != m1.Version+1 {
		t.Errorf("m1 moved: version %d → %d", m1.Version, moved.Version)
	}
	if log, _ := db.Audit(ctx, 1); len(log) != 1 || !strings.Contains(log[0].Detail, "updated 1, unchanged 1") {
		t.Errorf("second import's entry: %+v", log)
	}
	// A single move and a life-cycle step of m1.
	cur, _ := db.Meeting(ctx, m1.ID)
	cur.Slot = 5
	if err := db.SaveMeeting(ctx, "desk", cur); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ActOnMeeting(ctx, "organizer", MeetingStep{ID: m1.ID, By: event.KindOrganizer, Action: event.ActConfirm}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		entity, id string
		actions    []string
	}{
		{"startup", "S1", []string{"meeting.confirm", "meeting.update", "import.meetings", "import.meetings", "import.startups"}},
		{"company", "C1", []string{"meeting.confirm", "meeting.update", "import.meetings", "import.meetings", "import.companies"}},
	} {
		h, err := db.AuditOf(ctx, c.entity, c.id, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h {
			got = append(got, e.Action)
			for _, ch := range e.Changes {
				if ch.Entity == "meeting" && ch.ID != id1 {
					t.Errorf("%s %s: history shows another participant's meeting %s", c.entity, c.id, ch.ID)
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.actions) {
			t.Errorf("%s %s history %v, want %v", c.entity, c.id, got, c.actions)
			continue
		}
		if ch := changeOf(h[0].Changes, "status"); ch == nil || ch.Entity != "meeting" || ch.Old != "proposed" || ch.New != "confirmed" {
			t.Errorf("%s: the confirmation's change %+v", c.entity, h[0].Changes)
		}
		if ch := changeOf(h[1].Changes, "slot"); ch == nil || ch.Old != "4" || ch.New != "5" {
			t.Errorf("%s: the move's change %+v", c.entity, h[1].Changes)
		}
	}
	// S2's history: its creation and its own meeting's creation, nothing
	// of m1.
	h, _ := db.AuditOf(ctx, "startup", "S2", 0)
	var got []string
	for _, e := range h {
		got = append(got, e.Action)
	}
	if fmt.Sprint(got) != "[import.meetings import.startups]" || len(h[0].Changes) != 1 || h[0].Changes[0].ID != fmt.Sprint(m2.ID) {
		t.Errorf("S2 history %v %+v", got, h)
	}
}
