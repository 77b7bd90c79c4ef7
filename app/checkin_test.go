package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// receptionRow draws row i of the reception list and returns its text and
// button.
func receptionRow(p *checkInPanel, i int) (string, *widget.Button) {
	o := p.list.CreateItem()
	p.list.UpdateItem(i, o)
	c := o.(*fyne.Container)
	return c.Objects[0].(*widget.Label).Text, c.Objects[1].(*widget.Button)
}

func storedCheckIns(t *testing.T, path string) []event.CheckIn {
	t.Helper()
	cs, err := otherStore(t, path).CheckIns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestCheckInAtReception checks participants in at the reception tab and
// from the grid's meeting detail and the agenda: stored (another connection
// sees it) and audited, marked in the grid cell and the agenda, counted in
// the reception and in Reports, and undoable.
func TestCheckInAtReception(t *testing.T) {
	u, path := scheduledUI(t, event.Ja)
	u.ShowView("schedule")
	v := u.scheduleV
	d := u.Data()
	p := v.reception
	if len(p.rows) != len(d.Startups)+len(d.Companies) {
		t.Fatalf("reception lists %d, want every startup and company (%d)", len(p.rows), len(d.Startups)+len(d.Companies))
	}
	// A meeting on day 1, and its startup in the reception list.
	mi := -1
	for i, m := range d.Meetings {
		if m.Active() && d.Event.DayOfSlot(m.Slot) == 0 {
			mi = i
			break
		}
	}
	if mi < 0 {
		t.Fatal("no meeting on day 1")
	}
	m := d.Meetings[mi]
	p.query.SetText(m.StartupID)
	if len(p.rows) != 1 || p.rows[0].ID != m.StartupID {
		t.Fatalf("search %s: %+v", m.StartupID, p.rows)
	}
	text, b := receptionRow(p, 0)
	if !strings.HasPrefix(text, "—") || b.Text != tr(event.Ja, "ci.check_in") {
		t.Fatalf("row before check-in %q [%s]", text, b.Text)
	}
	test.Tap(b) // one click
	u.Wait()
	cs := storedCheckIns(t, path)
	if len(cs) != 1 || cs[0].Kind != event.KindStartup || cs[0].ID != m.StartupID || cs[0].Day != 0 || cs[0].By != actor {
		t.Fatalf("stored %+v", cs)
	}
	log, err := otherStore(t, path).AuditOf(context.Background(), "startup", m.StartupID, 0)
	if err != nil || len(log) == 0 || log[0].Action != "checkin.set" {
		t.Fatalf("audit %+v %v", log, err)
	}
	p = v.reception
	if text, b = receptionRow(p, 0); !strings.HasPrefix(text, "✓") || b.Text != tr(event.Ja, "ci.take_back") {
		t.Fatalf("row after check-in %q [%s]", text, b.Text)
	}
	if want := tr(event.Ja, "ci.counts", u.Data().dayLabel(0, event.Ja), 1, len(d.Startups), 0, len(d.Companies)); p.counts.Text != want {
		t.Fatalf("counts %q, want %q", p.counts.Text, want)
	}
	p.query.SetText("")
	p.pending.SetChecked(true)
	if len(p.rows) != len(d.Startups)+len(d.Companies)-1 {
		t.Fatalf("not-arrived filter lists %d", len(p.rows))
	}
	p.pending.SetChecked(false)

	// The grid marks the startup's side of its day-1 meeting.
	if cell := v.cellLabel(m.Slot, m.Table); !strings.Contains(cell, "✓"+u.Data().StartupShort(m.StartupID, event.Ja)) ||
		strings.Contains(cell, "✓"+u.Data().CompanyShort(m.CompanyID, event.Ja)) {
		t.Fatalf("cell %q should mark the startup only", cell)
	}
	// From the meeting's detail: the company arrives in one click.
	for i, x := range u.Data().Meetings {
		if x.ID == m.ID {
			v.selectMeeting(i)
		}
	}
	if !strings.Contains(v.detail.Text, "到着") || v.arriveC.Text != tr(event.Ja, "ci.in_company") || v.arriveS.Text != tr(event.Ja, "ci.out_startup") {
		t.Fatalf("detail %q, buttons %q %q", v.detail.Text, v.arriveS.Text, v.arriveC.Text)
	}
	test.Tap(v.arriveC)
	u.Wait()
	if cs := storedCheckIns(t, path); len(cs) != 2 {
		t.Fatalf("after the company's arrival: %+v", cs)
	}
	if cell := v.cellLabel(m.Slot, m.Table); !strings.Contains(cell, "✓"+u.Data().CompanyShort(m.CompanyID, event.Ja)) {
		t.Fatalf("cell %q should mark the company", cell)
	}
	// The company's agenda says it arrived, and that the startup did.
	v.agendaQ.SetText(m.CompanyID)
	v.showAgenda()
	if !strings.Contains(v.agendaCheck.Text, "到着") || !strings.Contains(v.agendaArrive.Text, tr(event.Ja, "ci.take_back")) {
		t.Fatalf("agenda line %q [%s]", v.agendaCheck.Text, v.agendaArrive.Text)
	}
	found := false
	for i, it := range v.items {
		if it.MeetingIx >= 0 && u.Data().Meetings[it.MeetingIx].ID == m.ID {
			o := v.agenda.CreateItem()
			v.agenda.UpdateItem(i, o)
			found = strings.Contains(o.(*widget.Label).Text, tr(event.Ja, "ci.other_in"))
		}
	}
	if !found {
		t.Fatal("the agenda row does not say the startup arrived")
	}

	// Reports count both sides.
	if k := u.Data().KPIs(); len(k.CheckIns) != len(d.Event.Days) || k.CheckIns[0] != (event.CheckInCount{Startups: 1, Companies: 1}) {
		t.Fatalf("KPI check-ins %+v", k.CheckIns)
	}
	u.ShowView("reports")
	want := fmt.Sprintf("1/%d · 1/%d", len(d.Startups), len(d.Companies))
	if !strings.Contains(figuresText(u.reportsV), want) {
		t.Fatalf("reports lack %q: %s", want, figuresText(u.reportsV))
	}

	// Undo takes the company's check-in back; redo stores it again.
	u.Undo()
	u.Wait()
	if cs := storedCheckIns(t, path); len(cs) != 1 || cs[0].Kind != event.KindStartup {
		t.Fatalf("after undo %+v", cs)
	}
	u.Redo()
	u.Wait()
	if cs := storedCheckIns(t, path); len(cs) != 2 {
		t.Fatalf("after redo %+v", cs)
	}
}

// figuresText joins the labels and values of the Reports figures.
func figuresText(v *reportsView) string {
	var parts []string
	for _, o := range test.LaidOutObjects(v.figures) {
		switch x := o.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *canvas.Text:
			parts = append(parts, x.Text)
		}
	}
	return strings.Join(parts, "\n")
}
