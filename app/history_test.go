package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

// TestRecordHistory: the history shown for a startup lists its saves with
// each changed field, old → new, and the import that created it.
func TestRecordHistory(t *testing.T) {
	ctx := context.Background()
	u, _ := openUI(t, event.En)
	s := u.data.Startups[0]
	c := *s
	c.Name.En = "Renamed Inc."
	if err := u.store.SaveStartup(ctx, "desk", &c); err != nil {
		t.Fatal(err)
	}
	entries, err := u.store.(auditReader).AuditOf(ctx, "startup", s.ID, historyLimit)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(historyLines("startup", s.ID, entries, event.En, u.ht, nil), "\n")
	for _, want := range []string{"desk  saved [startup.update]", "Company name (English): " + s.Name.En + " → Renamed Inc.", "import of startups [import.startups]", "created"} {
		if !strings.Contains(text, want) {
			t.Errorf("history lacks %q:\n%s", want, text)
		}
	}
	// In Japanese: the actions and the fields by their Japanese labels.
	ja := strings.Join(historyLines("startup", s.ID, entries, event.Ja, func(k string) string { return historyText[k].In(event.Ja) }, nil), "\n")
	for _, want := range []string{"desk  保存 [startup.update]", "社名（英語）: " + s.Name.En + " → Renamed Inc.", "取り込み（スタートアップ） [import.startups]", "作成"} {
		if !strings.Contains(ja, want) {
			t.Errorf("Japanese history lacks %q:\n%s", want, ja)
		}
	}
	if got := historyLines("startup", "S1", nil, event.Ja, u.ht, nil); len(got) != 1 || got[0] != u.ht("none") {
		t.Errorf("empty history %q", got)
	}
	u.showHistory("startup", s.ID) // opens the dialog without error
	u.Wait()
	if idOf(&c) != s.ID || idOf(&event.Company{ID: "C9"}) != "" {
		t.Error("idOf")
	}
}

// TestMeetingHistory: the schedule's History button is enabled for a
// selected meeting; the meeting's history lists a move made in another
// program, and the startup's and company's histories list it too, naming
// the meeting.
func TestMeetingHistory(t *testing.T) {
	ctx := context.Background()
	u, path := openUI(t, event.En)
	u.ShowView("schedule")
	v := u.scheduleV
	if !v.history.Disabled() {
		t.Fatal("History enabled with no meeting selected")
	}
	test.Tap(v.run) // a schedule to look at
	u.Wait()
	other := otherStore(t, path)
	ms, err := other.Meetings(ctx)
	if err != nil || len(ms) == 0 {
		t.Fatalf("demo meetings: %d %v", len(ms), err)
	}
	m := ms[0]
	from := m.Slot
	m.Slot = (m.Slot + 1) % 8
	m.Table = 5
	if err := other.SaveMeeting(ctx, "organizer-2", &m); err != nil {
		// The next slot may be taken: cancel the meeting instead.
		m = ms[0]
		m.Status = event.StatusCancelled
		if err := other.SaveMeeting(ctx, "organizer-2", &m); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	d := u.Data()
	sel := -1
	for i := range d.Meetings {
		if d.Meetings[i].ID == m.ID {
			sel = i
		}
	}
	v.selectMeeting(sel)
	if v.history.Disabled() || v.selectedID() != fmt.Sprint(m.ID) {
		t.Fatalf("selected meeting %d: history disabled %v, id %q", m.ID, v.history.Disabled(), v.selectedID())
	}
	test.Tap(v.history) // opens the dialog without error
	u.Wait()
	r := u.store.(auditReader)
	var want string
	if m.Status == event.StatusCancelled {
		want = "status: " + event.MeetingStatuses.Label(string(ms[0].Status), event.En) + " → " + event.MeetingStatuses.Label("cancelled", event.En)
	} else {
		want = fmt.Sprintf("slot: %s → %s", d.SlotLabel(from), d.SlotLabel(m.Slot))
	}
	for _, c := range []struct{ entity, id, head string }{
		{"meeting", fmt.Sprint(m.ID), "organizer-2  meeting changed [meeting.update]"},
		{"startup", m.StartupID, fmt.Sprintf("organizer-2  meeting changed [meeting.update]  (meeting %d)", m.ID)},
		{"company", m.CompanyID, fmt.Sprintf("organizer-2  meeting changed [meeting.update]  (meeting %d)", m.ID)},
	} {
		entries, err := r.AuditOf(ctx, c.entity, c.id, historyLimit)
		if err != nil {
			t.Fatal(err)
		}
		lines := historyLines(c.entity, c.id, entries, event.En, u.ht, d.SlotLabel)
		if len(lines) < 2 || !strings.HasSuffix(lines[0], c.head) || lines[1] != "    "+want {
			t.Errorf("%s %s history does not begin with %q, %q:\n%s", c.entity, c.id, c.head, want, strings.Join(lines, "\n"))
		}
		// The schedule save that created the meeting names it.
		if c.entity != "meeting" && !slices.Contains(lines, fmt.Sprintf("    meeting %d  created", m.ID)) {
			t.Errorf("%s %s history lacks the meeting's creation:\n%s", c.entity, c.id, strings.Join(lines, "\n"))
		}
	}
}
