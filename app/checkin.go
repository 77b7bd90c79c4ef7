package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// Check-in at the reception desk on the day of the event: the organizer
// checks startups and companies in per day (stored by storage.SetCheckIn,
// audited, undoable). The grid marks each side of a meeting that has
// arrived that day with ✓, the agenda says whether the participant and each
// counterpart arrived, and Reports counts the arrivals per day.

// checkInReader and checkInWriter are the stores that keep check-ins
// (*storage.DB).
type checkInReader interface {
	CheckIns(ctx context.Context) ([]event.CheckIn, error)
}

type checkInWriter interface {
	SetCheckIn(ctx context.Context, actor string, c event.CheckIn, in bool) (event.CheckIn, bool, error)
}

type checkInKey struct {
	kind event.ParticipantKind
	id   string
	day  int
}

// loadCheckIns reads the check-ins when the store keeps them.
func (d *Data) loadCheckIns(ctx context.Context, store event.Store) error {
	r, ok := store.(checkInReader)
	if !ok {
		return nil
	}
	cs, err := r.CheckIns(ctx)
	if err != nil {
		return fmt.Errorf("read check-ins: %w", err)
	}
	d.CheckIns = cs
	d.indexCheckIns()
	return nil
}

func (d *Data) indexCheckIns() {
	d.checkIdx = make(map[checkInKey]int, len(d.CheckIns))
	for i, c := range d.CheckIns {
		d.checkIdx[checkInKey{c.Kind, c.ID, c.Day}] = i
	}
}

// CheckedIn returns the participant's check-in on day, if any.
func (d *Data) CheckedIn(kind event.ParticipantKind, id string, day int) (event.CheckIn, bool) {
	if i, ok := d.checkIdx[checkInKey{kind, id, day}]; ok {
		return d.CheckIns[i], true
	}
	return event.CheckIn{}, false
}

// meetingArrivals reports whether each side of a meeting has checked in on
// the meeting's day.
func (d *Data) meetingArrivals(m *event.Meeting) (startup, company bool) {
	day := d.Event.DayOfSlot(m.Slot)
	if day < 0 {
		return false, false
	}
	_, startup = d.CheckedIn(event.KindStartup, m.StartupID, day)
	_, company = d.CheckedIn(event.KindCompany, m.CompanyID, day)
	return startup, company
}

// DayOn is the index of the event day whose date is t's date in the event's
// time zone, or 0 (the first day) when t falls on none.
func (d *Data) DayOn(t time.Time) int {
	date := t.In(d.Event.Location()).Format("2006-01-02")
	for i, day := range d.Event.Days {
		if day.Date == date {
			return i
		}
	}
	return 0
}

// dayLabel is "1日目 10/14" / "Day 1 10/14".
func (d *Data) dayLabel(i int, lang event.Lang) string {
	s := tr(lang, "ci.day", i+1)
	if i < len(d.Event.Days) {
		if t, err := time.Parse("2006-01-02", d.Event.Days[i].Date); err == nil {
			s += " " + t.Format("1/2")
		}
	}
	return s
}

// Arrival is one row of the reception list.
type Arrival struct {
	Kind event.ParticipantKind
	ID   string
	Name string
	In   bool
	At   time.Time
}

// ArrivalFilter selects the reception list's rows.
type ArrivalFilter struct {
	Day     int
	Query   string
	Kind    event.ParticipantKind // "" for both sides
	Pending bool                  // only those not checked in yet
}

// Arrivals lists the participants for the reception desk, startups then
// companies, each by ID.
func (d *Data) Arrivals(f ArrivalFilter, lang event.Lang) []Arrival {
	q := normalise(strings.TrimSpace(f.Query))
	var out []Arrival
	add := func(kind event.ParticipantKind, id string, names event.Text) {
		if f.Kind != "" && f.Kind != kind {
			return
		}
		if q != "" && !strings.Contains(normalise(id+"\n"+names.Joined()), q) {
			return
		}
		c, in := d.CheckedIn(kind, id, f.Day)
		if f.Pending && in {
			return
		}
		name := names.In(lang)
		if name == "" {
			name = id
		}
		out = append(out, Arrival{Kind: kind, ID: id, Name: name, In: in, At: c.At})
	}
	for _, s := range d.Startups {
		add(event.KindStartup, s.ID, s.Name)
	}
	for _, c := range d.Companies {
		add(event.KindCompany, c.ID, c.Name)
	}
	return out
}

// setCheckIn checks a participant in (or takes it back) on day as one
// undoable change.
func (u *UI) setCheckIn(kind event.ParticipantKind, id string, day int, in bool) {
	d := u.data
	key, action := "ci.done", "checkin.set"
	if !in {
		key, action = "ci.undone", "checkin.clear"
	}
	label := both(func(l event.Lang) string {
		return tr(l, key, id+" "+d.participantName(kind, id, l), d.dayLabel(day, l))
	})
	u.change(event.Change{Action: action, Label: label,
		Changes: []event.FieldChange{event.CheckInChange(kind, id, day, in)}})
}

// participantName is the startup's or company's name in lang.
func (d *Data) participantName(kind event.ParticipantKind, id string, lang event.Lang) string {
	if kind == event.KindCompany {
		return d.CompanyName(id, lang)
	}
	return d.StartupName(id, lang)
}

// checkInPanel is the reception desk: a day, a search, the participants
// with their check-in state and a button per row, and the day's counts.
type checkInPanel struct {
	u       *UI
	root    fyne.CanvasObject
	day     *widget.Select
	side    *widget.Select
	query   *widget.Entry
	pending *widget.Check
	counts  *widget.Label
	list    *widget.List
	rows    []Arrival
	dayIdx  int
	dayset  bool // the organizer chose a day (else today's is used)
}

func newCheckInPanel(u *UI) *checkInPanel {
	p := &checkInPanel{u: u}
	p.day = widget.NewSelect(nil, func(string) {
		if i := p.day.SelectedIndex(); i >= 0 {
			p.dayIdx, p.dayset = i, true
		}
		p.show()
	})
	p.side = widget.NewSelect([]string{u.t("ci.both"), u.t("view.startups"), u.t("rp.companies")}, func(string) { p.show() })
	p.side.SetSelectedIndex(0)
	p.query = widget.NewEntry()
	p.query.SetPlaceHolder(u.t("ci.search"))
	p.query.OnChanged = func(string) { p.show() }
	p.pending = widget.NewCheck(u.t("ci.pending_only"), func(bool) { p.show() })
	p.counts = bold("")
	p.counts.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			b := widget.NewButton(u.t("ci.check_in"), nil)
			return container.NewBorder(nil, nil, nil, b, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { p.updateRow(i, o.(*fyne.Container)) })
	top := container.NewVBox(container.NewGridWithColumns(2, p.day, p.side),
		container.NewBorder(nil, nil, nil, p.pending, p.query), p.counts)
	p.root = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

func (p *checkInPanel) updateRow(i int, row *fyne.Container) {
	if i >= len(p.rows) {
		return
	}
	a := p.rows[i]
	l := row.Objects[0].(*widget.Label)
	b := row.Objects[1].(*widget.Button)
	side := p.u.t("ci.startup")
	if a.Kind == event.KindCompany {
		side = p.u.t("ci.company")
	}
	if a.In {
		l.SetText(fmt.Sprintf("✓ %s  %s %s（%s）", a.At.In(p.u.data.Event.Location()).Format("15:04"), a.ID, a.Name, side))
		b.SetText(p.u.t("ci.take_back"))
		b.Importance = widget.MediumImportance
	} else {
		l.SetText(fmt.Sprintf("— %s %s（%s）", a.ID, a.Name, side))
		b.SetText(p.u.t("ci.check_in"))
		b.Importance = widget.HighImportance
	}
	b.OnTapped = func() { p.u.setCheckIn(a.Kind, a.ID, p.dayIdx, !a.In) }
	b.Refresh()
}

// refresh takes a new snapshot: the day list and today's day.
func (p *checkInPanel) refresh() {
	d := p.u.data
	if d == nil {
		p.rows = nil
		p.list.Refresh()
		return
	}
	var days []string
	for i := range d.Event.Days {
		days = append(days, d.dayLabel(i, p.u.lang))
	}
	if !p.dayset || p.dayIdx >= len(days) {
		p.dayIdx = d.DayOn(p.u.clk.now())
	}
	p.day.Options = days
	if p.dayIdx < len(days) {
		p.day.Selected = days[p.dayIdx]
	}
	p.day.Refresh()
	p.show()
}

// show lists the participants under the filters and counts the day.
func (p *checkInPanel) show() {
	d := p.u.data
	if d == nil || p.list == nil || p.pending == nil {
		return
	}
	f := ArrivalFilter{Day: p.dayIdx, Query: p.query.Text, Pending: p.pending.Checked}
	switch p.side.SelectedIndex() {
	case 1:
		f.Kind = event.KindStartup
	case 2:
		f.Kind = event.KindCompany
	}
	p.rows = d.Arrivals(f, p.u.lang)
	n := event.CountCheckIns(d.CheckIns, p.dayIdx)
	p.counts.SetText(p.u.t("ci.counts", d.dayLabel(p.dayIdx, p.u.lang), n.Startups, len(d.Startups), n.Companies, len(d.Companies)))
	p.list.Refresh()
}

// newArrivalControls builds the schedule view's check-in controls: the
// reception tab, the selected meeting's two arrival buttons and the
// agenda participant's line.
func (v *scheduleView) newArrivalControls() {
	u := v.u
	v.reception = newCheckInPanel(u)
	v.arriveS = widget.NewButton(u.t("ci.in_startup"), func() { v.toggleArrival(event.KindStartup) })
	v.arriveC = widget.NewButton(u.t("ci.in_company"), func() { v.toggleArrival(event.KindCompany) })
	v.agendaCheck = widget.NewLabel("")
	v.agendaCheck.Truncation = fyne.TextTruncateEllipsis
	v.agendaArrive = widget.NewButton(u.t("ci.check_in"), v.toggleAgendaArrival)
	v.agendaArrive.Disable()
}

// toggleArrival checks the selected meeting's startup or company in on the
// meeting's day, or takes it back.
func (v *scheduleView) toggleArrival(kind event.ParticipantKind) {
	d := v.u.data
	if d == nil || v.sel < 0 || v.sel >= len(d.Meetings) {
		return
	}
	m := d.Meetings[v.sel]
	day := d.Event.DayOfSlot(m.Slot)
	if day < 0 {
		return
	}
	id := m.StartupID
	if kind == event.KindCompany {
		id = m.CompanyID
	}
	_, in := d.CheckedIn(kind, id, day)
	v.u.setCheckIn(kind, id, day, !in)
}

// showMeetingArrivals adds the meeting's arrivals to its detail and sets
// the two buttons (nil: no meeting selected).
func (v *scheduleView) showMeetingArrivals(m *event.Meeting) {
	d := v.u.data
	if m == nil || d == nil || d.Event.DayOfSlot(m.Slot) < 0 {
		v.arriveS.Disable()
		v.arriveC.Disable()
		return
	}
	day := d.Event.DayOfSlot(m.Slot)
	state := func(kind event.ParticipantKind, id string) (string, bool) {
		if c, ok := d.CheckedIn(kind, id, day); ok {
			return v.u.t("ci.arrived", c.At.In(d.Event.Location()).Format("15:04")), true
		}
		return v.u.t("ci.not_arrived"), false
	}
	s, sIn := state(event.KindStartup, m.StartupID)
	c, cIn := state(event.KindCompany, m.CompanyID)
	v.detail.SetText(v.detail.Text + "\n" + v.u.t("ci.meeting", d.dayLabel(day, v.u.lang), s, c))
	set := func(b *widget.Button, in bool, on, off string) {
		b.Enable()
		if in {
			b.SetText(v.u.t(off))
			b.Importance = widget.MediumImportance
		} else {
			b.SetText(v.u.t(on))
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	set(v.arriveS, sIn, "ci.in_startup", "ci.out_startup")
	set(v.arriveC, cIn, "ci.in_company", "ci.out_company")
}

// agendaKind is the side of the agenda's participant ("" when none).
func (v *scheduleView) agendaKind() event.ParticipantKind {
	d := v.u.data
	switch {
	case d == nil:
		return ""
	case d.Startup(v.agendaFor) != nil:
		return event.KindStartup
	case d.Company(v.agendaFor) != nil:
		return event.KindCompany
	}
	return ""
}

// showAgendaArrivals says on which days the agenda's participant checked
// in, and offers to check it in on the reception's day.
func (v *scheduleView) showAgendaArrivals() {
	d := v.u.data
	kind := v.agendaKind()
	if kind == "" {
		v.agendaCheck.SetText("")
		v.agendaArrive.Disable()
		return
	}
	var parts []string
	for day := range d.Event.Days {
		st := v.u.t("ci.not_arrived")
		if c, ok := d.CheckedIn(kind, v.agendaFor, day); ok {
			st = v.u.t("ci.arrived", c.At.In(d.Event.Location()).Format("15:04"))
		}
		parts = append(parts, d.dayLabel(day, v.u.lang)+" "+st)
	}
	v.agendaCheck.SetText(v.agendaFor + " " + d.participantName(kind, v.agendaFor, v.u.lang) + ": " + strings.Join(parts, " · "))
	day := v.reception.dayIdx
	if _, in := d.CheckedIn(kind, v.agendaFor, day); in {
		v.agendaArrive.SetText(v.u.t("ci.take_back") + " (" + d.dayLabel(day, v.u.lang) + ")")
	} else {
		v.agendaArrive.SetText(v.u.t("ci.check_in") + " (" + d.dayLabel(day, v.u.lang) + ")")
	}
	v.agendaArrive.Enable()
}

// toggleAgendaArrival checks the agenda's participant in on the
// reception's day, or takes it back.
func (v *scheduleView) toggleAgendaArrival() {
	d := v.u.data
	kind := v.agendaKind()
	if kind == "" {
		return
	}
	day := v.reception.dayIdx
	_, in := d.CheckedIn(kind, v.agendaFor, day)
	v.u.setCheckIn(kind, v.agendaFor, day, !in)
}
