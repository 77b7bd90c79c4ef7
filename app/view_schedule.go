package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
)

// scheduleView shows the slots × tables grid and per-participant agendas,
// runs the scheduler with progress and cancel, reports the gap, and locks,
// unlocks and moves meetings with conflict checking.
type scheduleView struct {
	u    *UI
	root fyne.CanvasObject

	run, cancel *widget.Button
	progress    *widget.ProgressBar
	stage       *widget.Label
	report      *widget.Label
	unplaced    *widget.Label
	counts      *widget.Label
	grid        *widget.Table
	cells       [][]int

	agendaQ   *widget.Entry
	agenda    *widget.List
	agendaFor string
	agendaPDF *widget.Button
	agendaICS *widget.Button
	items     []AgendaItem

	sel             int // selected meeting index, -1 for none
	detail          *widget.Label
	lock            *widget.Button
	toSlot, toTable *widget.Select
	move            *widget.Button
	problems        *widget.Label
	stopRun         context.CancelFunc
	find            *widget.Button // find a free slot for the selected meeting
	history         *widget.Button // the selected meeting's history (app/history.go)
	statusBtns      []*widget.Button
	outcome         *widget.Select
	undoBtn         *widget.Button
	redoBtn         *widget.Button

	cellObjs              []*gridCell // the cell widgets the table created (it recycles them)
	dragFrom              int         // meeting being dragged, -1 when none
	hoverSlot, hoverTable int         // the cell under the pointer while dragging
	dropCache             map[[2]int]int
	pendingRun            *RunChanges // the last re-run offered for confirmation (tests read it)

	reception        *checkInPanel  // the check-in tab (checkin.go)
	arriveS, arriveC *widget.Button // check the selected meeting's startup / company in
	agendaCheck      *widget.Label  // the agenda participant's check-ins
	agendaArrive     *widget.Button
}

func newScheduleView(u *UI) *scheduleView {
	v := &scheduleView{u: u, sel: -1, dragFrom: -1, hoverSlot: -1, hoverTable: -1}
	v.run = widget.NewButton(u.t("sc.run"), v.onRun)
	v.run.Importance = widget.HighImportance
	v.cancel = widget.NewButton(u.t("sc.cancel"), func() {
		if v.stopRun != nil {
			v.stopRun()
		}
	})
	v.cancel.Disable()
	v.progress = widget.NewProgressBar()
	v.progress.Hide() // shown while the scheduler runs
	v.stage = widget.NewLabel("")
	v.report = widget.NewLabel("")
	v.report.Wrapping = fyne.TextWrapWord
	v.unplaced = widget.NewLabel("")
	v.unplaced.Wrapping = fyne.TextWrapWord
	v.unplaced.Importance = widget.WarningImportance
	v.counts = widget.NewLabel("")

	v.grid = widget.NewTableWithHeaders(
		func() (int, int) {
			if len(v.cells) == 0 {
				return 0, 0
			}
			return len(v.cells), len(v.cells[0])
		},
		func() fyne.CanvasObject {
			c := newGridCell(v)
			v.cellObjs = append(v.cellObjs, c)
			return c
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*gridCell).show(id.Row, id.Col) })
	v.grid.CreateHeader = func() fyne.CanvasObject { return bold("") }
	v.grid.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0:
			l.SetText(u.t("sc.table", id.Col+1))
		case id.Col < 0 && id.Row >= 0 && u.data != nil:
			l.SetText(u.data.SlotLabel(id.Row))
		default:
			l.SetText("")
		}
	}
	v.grid.SetColumnWidth(-1, 150)

	v.agendaQ = widget.NewEntry()
	v.agendaQ.SetPlaceHolder(u.t("sc.participant"))
	v.agendaQ.OnSubmitted = func(string) { v.showAgenda() }
	v.agendaPDF = widget.NewButton(u.t("sc.agenda_pdf"), func() { v.exportAgenda(ExportAgendaPDF, ".pdf") })
	v.agendaICS = widget.NewButton(u.t("sc.agenda_ics"), func() { v.exportAgenda(ExportICal, ".ics") })
	v.agendaPDF.Disable()
	v.agendaICS.Disable()
	v.agenda = widget.NewList(func() int { return len(v.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.items) {
				it := v.items[i]
				lock := ""
				if it.Locked {
					lock = " [" + u.t("sc.lock") + "]"
				}
				if it.OtherIn {
					lock += " ✓" + u.t("ci.other_in")
				}
				o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s  %s  (%s)%s", it.Slot, u.t("sc.table", it.Table), it.With, it.Theme, it.Status, lock))
			}
		})
	v.agenda.OnSelected = func(i widget.ListItemID) {
		if i < len(v.items) {
			v.selectMeeting(v.items[i].MeetingIx)
		}
	}

	v.detail = widget.NewLabel(u.t("sc.no_meeting"))
	v.detail.Wrapping = fyne.TextWrapWord
	v.find = widget.NewButton(u.t("sc.find_free"), v.onFindFree)
	v.history = u.historyButton("meeting", v.selectedID)
	for _, st := range []event.MeetingStatus{event.StatusProposed, event.StatusConfirmed, event.StatusHeld, event.StatusNoShow} {
		b := widget.NewButton(statusLabel(st, u.lang), func() { v.setStatus(st) })
		v.statusBtns = append(v.statusBtns, b)
	}
	var outcomes []string
	for _, o := range []event.Outcome{event.OutcomeDeal, event.OutcomeFollowUp, event.OutcomeNone} {
		outcomes = append(outcomes, event.Outcomes.Label(string(o), u.lang))
	}
	v.outcome = widget.NewSelect(outcomes, nil)
	v.outcome.PlaceHolder = u.t("sc.outcome")
	v.outcome.OnChanged = func(string) { v.onOutcome() }
	v.undoBtn = widget.NewButton(u.t("un.undo"), u.Undo)
	v.redoBtn = widget.NewButton(u.t("un.redo"), u.Redo)
	v.lock = widget.NewButton(u.t("sc.lock"), v.onLock)
	v.toSlot = widget.NewSelect(nil, nil)
	v.toSlot.PlaceHolder = u.t("sc.to_slot")
	v.toTable = widget.NewSelect(nil, nil)
	v.toTable.PlaceHolder = u.t("sc.to_table")
	v.move = widget.NewButton(u.t("sc.move"), v.onMove)
	v.problems = widget.NewLabel("")
	v.problems.Importance = widget.DangerImportance
	v.problems.Wrapping = fyne.TextWrapWord

	v.newArrivalControls()
	runBar := container.NewBorder(nil, nil, container.NewHBox(v.run, v.cancel), container.NewHBox(v.stage, u.exportButton()), v.progress)
	top := container.NewVBox(runBar, v.report, v.counts)
	tabs := container.NewAppTabs(
		container.NewTabItem(u.t("sc.grid"), v.grid),
		container.NewTabItem(u.t("sc.agenda"), container.NewBorder(
			container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(v.agendaPDF, v.agendaICS), v.agendaQ),
				container.NewBorder(nil, nil, nil, v.agendaArrive, v.agendaCheck)), nil, nil, nil, v.agenda)),
		container.NewTabItem(u.t("ci.tab"), v.reception.root),
	)
	// The buttons sit above the detail text, so a long detail never
	// draws over them.
	buttons := container.NewVBox(
		container.NewGridWithColumns(3, v.lock, v.find, v.history),
		container.NewGridWithColumns(4, v.statusBtns[0], v.statusBtns[1], v.statusBtns[2], v.statusBtns[3]),
		container.NewGridWithColumns(2, v.arriveS, v.arriveC),
		v.outcome,
		container.NewGridWithColumns(3, v.toSlot, v.toTable, v.move),
		container.NewGridWithColumns(2, v.undoBtn, v.redoBtn),
		widget.NewSeparator())
	side := container.NewBorder(buttons, nil, nil, nil, container.NewVScroll(container.NewVBox(v.problems, v.detail,
		widget.NewSeparator(), bold(u.t("sc.unplaced")), v.unplaced)))
	split := container.NewHSplit(tabs, side)
	split.Offset = 0.72
	v.root = container.NewBorder(top, nil, nil, nil, split)
	v.selectMeeting(-1)
	return v
}

func (v *scheduleView) cellText(slot, table int) string {
	d := v.u.data
	if d == nil || slot >= len(v.cells) || table >= len(v.cells[slot]) {
		return ""
	}
	i := v.cells[slot][table]
	if i < 0 {
		return "·"
	}
	m := d.Meetings[i]
	s := d.StartupShort(m.StartupID, v.u.lang) + " ⇄ " + d.CompanyShort(m.CompanyID, v.u.lang)
	if m.Locked {
		s = "🔒" + s
	}
	return s
}

// cellLabel is a cell's text with ✓ before each side that has checked in
// on the meeting's day.
func (v *scheduleView) cellLabel(slot, table int) string {
	d := v.u.data
	if d == nil || slot >= len(v.cells) || table >= len(v.cells[slot]) || v.cells[slot][table] < 0 {
		return v.cellText(slot, table)
	}
	m := &d.Meetings[v.cells[slot][table]]
	sIn, cIn := d.meetingArrivals(m)
	if !sIn && !cIn {
		return v.cellText(slot, table)
	}
	mark := func(in bool, name string) string {
		if in {
			return "✓" + name
		}
		return name
	}
	s := mark(sIn, d.StartupShort(m.StartupID, v.u.lang)) + " ⇄ " + mark(cIn, d.CompanyShort(m.CompanyID, v.u.lang))
	if m.Locked {
		s = "🔒" + s
	}
	return s
}

func (v *scheduleView) refresh() {
	d := v.u.data
	if d == nil {
		v.cells = nil
		v.grid.Refresh()
		v.run.Disable()
		v.counts.SetText(v.u.t("app.nofile"))
		return
	}
	v.run.Enable()
	v.cells = d.Grid()
	v.grid.Refresh()
	active, confirmed, locked := 0, 0, 0
	for _, m := range d.Meetings {
		if m.Active() {
			active++
			if m.Status == event.StatusConfirmed {
				confirmed++
			}
			if m.Locked {
				locked++
			}
		}
	}
	v.counts.SetText(v.u.t("sc.meetings", active, confirmed, locked))
	slots := make([]string, d.Event.NumSlots())
	for i := range slots {
		slots[i] = d.SlotLabel(i)
	}
	v.toSlot.Options = slots
	tables := make([]string, d.Event.Tables)
	for i := range tables {
		tables[i] = v.u.t("sc.table", i+1)
	}
	v.toTable.Options = tables
	v.toSlot.Refresh()
	v.toTable.Refresh()
	v.reception.refresh()
	if v.agendaFor != "" {
		v.showAgenda()
	}
	if v.sel >= len(d.Meetings) {
		v.sel = -1
	}
	v.selectMeeting(v.sel)
}

func (v *scheduleView) onShow() {}

func (v *scheduleView) showAgenda() {
	d := v.u.data
	if d == nil {
		return
	}
	q := strings.TrimSpace(v.agendaQ.Text)
	id := q
	if d.Startup(q) == nil && d.Company(q) == nil {
		if rows := d.FilterCompanies(q); q != "" && len(rows) > 0 {
			id = d.Companies[rows[0]].ID
		} else if rows := d.FilterStartups(StartupFilter{Query: q}); len(rows) > 0 {
			id = d.Startups[rows[0]].ID
		}
	}
	v.agendaFor = id
	v.items = d.Agenda(id, v.u.lang)
	if d.Startup(id) != nil || d.Company(id) != nil {
		v.agendaPDF.Enable()
		v.agendaICS.Enable()
	} else {
		v.agendaPDF.Disable()
		v.agendaICS.Disable()
	}
	v.showAgendaArrivals()
	v.agenda.UnselectAll()
	v.agenda.Refresh()
}

func (v *scheduleView) selectMeeting(i int) {
	d := v.u.data
	v.sel = i
	v.problems.SetText("")
	if d == nil || i < 0 || i >= len(d.Meetings) {
		v.sel = -1
		v.detail.SetText(v.u.t("sc.no_meeting"))
		v.lock.Disable()
		v.move.Disable()
		v.find.Disable()
		v.history.Disable()
		v.outcome.Disable()
		for _, b := range v.statusBtns {
			b.Disable()
		}
		v.showMeetingArrivals(nil)
		return
	}
	m := d.Meetings[i]
	l := v.u.lang
	v.detail.SetText(fmt.Sprintf("%s  %s\n%s %s\n%s %s\n%s · %s · %s %.2f",
		d.SlotLabel(m.Slot), v.u.t("sc.table", m.Table+1),
		m.StartupID, d.StartupName(m.StartupID, l),
		m.CompanyID, d.CompanyName(m.CompanyID, l),
		event.MeetingStatuses.Label(string(m.Status), l), d.ThemeLabel(m.ThemeID, l), v.u.t("rk.score"), m.Score))
	if m.Locked {
		v.lock.SetText(v.u.t("sc.unlock"))
	} else {
		v.lock.SetText(v.u.t("sc.lock"))
	}
	v.lock.Enable()
	v.move.Enable()
	v.find.Enable()
	v.history.Enable()
	v.outcome.Enable()
	sts := []event.MeetingStatus{event.StatusProposed, event.StatusConfirmed, event.StatusHeld, event.StatusNoShow}
	for k, b := range v.statusBtns {
		b.Enable()
		b.Importance = widget.MediumImportance
		if sts[k] == m.Status {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	v.outcome.OnChanged = nil
	if m.Outcome != "" {
		v.outcome.SetSelected(event.Outcomes.Label(string(m.Outcome), l))
	} else {
		v.outcome.ClearSelected()
	}
	v.outcome.OnChanged = func(string) { v.onOutcome() }
	v.toSlot.SetSelectedIndex(m.Slot)
	v.toTable.SetSelectedIndex(m.Table)
	v.showMeetingArrivals(&m)
}

// selectedID is the selected meeting's ID, "" when none is selected.
func (v *scheduleView) selectedID() string {
	d := v.u.data
	if d == nil || v.sel < 0 || v.sel >= len(d.Meetings) || d.Meetings[v.sel].ID == 0 {
		return ""
	}
	return fmt.Sprint(d.Meetings[v.sel].ID)
}

func (v *scheduleView) onLock() {
	if v.sel < 0 || v.u.store == nil {
		return
	}
	d := v.u.data
	m := d.Meetings[v.sel]
	m.Locked = !m.Locked
	key := "sc.unlock"
	if m.Locked {
		key = "sc.lock"
	}
	v.u.changeMeetings("meeting.lock", both(func(l event.Lang) string {
		return tr(l, key) + ": " + d.StartupShort(m.StartupID, l) + " ⇄ " + d.CompanyShort(m.CompanyID, l)
	}), []event.Meeting{m})
}

// onMove moves the selected meeting after checking for conflicts.
func (v *scheduleView) onMove() {
	if v.sel < 0 || v.u.store == nil {
		return
	}
	d := v.u.data
	slot, table := v.toSlot.SelectedIndex(), v.toTable.SelectedIndex()
	if probs := d.CheckMove(v.sel, slot, table); len(probs) > 0 {
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = p.Text(v.u.lang)
		}
		v.problems.SetText(strings.Join(lines, "\n"))
		return
	}
	v.dropOn(v.sel, slot, table)
}

// onFindFree moves the selected meeting to the first free place after its
// slot where nothing conflicts, locked.
func (v *scheduleView) onFindFree() {
	d := v.u.data
	if v.sel < 0 || d == nil {
		return
	}
	slot, table, ok := d.FreePlace(v.sel, d.Meetings[v.sel].Slot)
	if !ok {
		v.problems.SetText(v.u.t("sc.no_free"))
		return
	}
	v.dropOn(v.sel, slot, table)
}

// setStatus records the selected meeting's status in one click.
func (v *scheduleView) setStatus(st event.MeetingStatus) {
	d := v.u.data
	if v.sel < 0 || d == nil {
		return
	}
	m := d.Meetings[v.sel]
	if m.Status == st {
		return
	}
	m.Status = st
	if st != event.StatusHeld {
		m.Outcome = ""
	}
	v.u.changeMeetings("meeting.status", both(func(l event.Lang) string {
		return tr(l, "sc.status_set", d.StartupShort(m.StartupID, l), d.CompanyShort(m.CompanyID, l), statusLabel(st, l))
	}), []event.Meeting{m})
}

// onOutcome records the selected meeting's outcome; a meeting with an
// outcome was held (event.CanRecordOutcome).
func (v *scheduleView) onOutcome() {
	d := v.u.data
	i := v.outcome.SelectedIndex()
	if v.sel < 0 || d == nil || i < 0 {
		return
	}
	o := []event.Outcome{event.OutcomeDeal, event.OutcomeFollowUp, event.OutcomeNone}[i]
	m := d.Meetings[v.sel]
	if m.Outcome == o {
		return
	}
	st, err := event.CanRecordOutcome(&m, o)
	if err != nil {
		v.problems.SetText(event.ErrorMessage(err, v.u.lang))
		return
	}
	m.Status, m.Outcome = st, o
	v.u.changeMeetings("meeting.outcome", both(func(l event.Lang) string {
		return tr(l, "sc.outcome_set", d.StartupShort(m.StartupID, l), d.CompanyShort(m.CompanyID, l), event.Outcomes.Label(string(o), l))
	}), []event.Meeting{m})
}

// onRun runs ranking and the scheduler off the UI thread with progress and
// cancel; the new timetable is stored at once when it changes no saved
// meeting, and after a confirmation listing the moved and cancelled
// meetings when it does.
func (v *scheduleView) onRun() {
	d, store := v.u.data, v.u.store
	if d == nil || store == nil {
		return
	}
	ctx, cancel := context.WithCancel(v.u.ctx)
	v.stopRun = cancel
	v.run.Disable()
	v.cancel.Enable()
	v.progress.SetValue(0)
	v.progress.Show()
	v.u.wg.Add(1)
	go func() {
		defer v.u.wg.Done()
		defer cancel()
		var mu sync.Mutex
		due := v.u.clk.throttle(50 * time.Millisecond)
		plan, err := ComputePlan(ctx, d, func(stage string, done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if due(done >= total) {
				fyne.Do(func() { v.setProgress(stage, done, total) })
			}
		})
		cancelled := ctx.Err() != nil
		fyne.Do(func() {
			if v.u.ctx.Err() != nil {
				return
			}
			if err != nil || cancelled {
				v.finished(plan, nil, err, cancelled)
				return
			}
			v.planned(d, plan)
		})
	}()
}

// RunChanges are what storing a plan does to the saved meetings.
type RunChanges struct {
	Moved     []int // indexes into Data.Meetings of active meetings the plan places elsewhere
	Cancelled []int // of active meetings the plan drops (storage cancels them)
	Added     int   // meetings the plan adds
}

// Affected is the number of saved meetings the plan moves or cancels.
func (c RunChanges) Affected() int { return len(c.Moved) + len(c.Cancelled) }

// ChangesOf compares a plan with the saved meetings of d.
func (d *Data) ChangesOf(plan *Plan) RunChanges {
	var c RunChanges
	planned := map[event.PairKey]event.Meeting{}
	for _, m := range plan.Meetings {
		planned[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}] = m
		if m.ID == 0 {
			c.Added++
		}
	}
	for i, m := range d.Meetings {
		if !m.Active() {
			continue
		}
		p, ok := planned[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}]
		switch {
		case !ok && !m.Locked && m.Status != event.StatusHeld && m.Status != event.StatusNoShow:
			c.Cancelled = append(c.Cancelled, i)
		case ok && (p.Slot != m.Slot || p.Table != m.Table):
			c.Moved = append(c.Moved, i)
		}
	}
	return c
}

// planned asks before a plan that moves or cancels saved meetings replaces
// them, then stores it.
func (v *scheduleView) planned(d *Data, plan *Plan) {
	c := d.ChangesOf(plan)
	if c.Affected() == 0 {
		v.storePlan(plan)
		return
	}
	lines := make([]string, 0, c.Affected())
	for _, i := range c.Moved {
		m := d.Meetings[i]
		for _, p := range plan.Meetings {
			if p.StartupID == m.StartupID && p.CompanyID == m.CompanyID {
				lines = append(lines, d.meetingLine(i, v.u)+"  → "+d.SlotLabel(p.Slot)+" "+v.u.t("sc.table", p.Table+1))
				break
			}
		}
	}
	for _, i := range c.Cancelled {
		lines = append(lines, d.meetingLine(i, v.u)+"  → "+v.u.t("cf.will_cancel_run"))
	}
	v.pendingRun = &c
	v.u.confirmList(v.u.t("cf.run_title"), v.u.t("cf.run", len(c.Moved), len(c.Cancelled), c.Added), lines,
		v.u.t("cf.run_ok"), func() { v.storePlan(plan) })
	// Until the organizer answers, the run is over but nothing is stored.
	v.run.Enable()
	v.cancel.Disable()
	v.stopRun = nil
	v.stage.SetText(v.u.t("cf.run_waiting"))
}

// storePlan stores plan as the new timetable.
func (v *scheduleView) storePlan(plan *Plan) {
	store := v.u.store
	v.run.Disable()
	v.u.runBackground(func(ctx context.Context) (func(), error) {
		_, err := SavePlan(ctx, store, actor, plan)
		var nd *Data
		if err == nil {
			nd, err = LoadData(ctx, store)
		}
		return func() { v.finished(plan, nd, err, false) }, nil
	})
}

func (v *scheduleView) setProgress(stage string, done, total int) {
	if total > 0 {
		v.progress.SetValue(float64(done) / float64(total))
	}
	v.stage.SetText(v.u.t("sc.stage", stageLabel(stage, v.u.lang), done, total))
}

func (v *scheduleView) finished(plan *Plan, d *Data, err error, cancelled bool) {
	v.run.Enable()
	v.cancel.Disable()
	v.stopRun = nil
	if cancelled {
		v.stage.SetText(v.u.t("sc.cancelled"))
		return
	}
	if err != nil {
		v.u.showError(err)
		return
	}
	v.progress.SetValue(1)
	r := plan.Result
	v.report.SetText(v.u.t("sc.gap", r.Objective, r.Bound, r.Gap, len(r.Meetings), len(r.Unplaced), r.Moved))
	var lines []string
	for i, up := range r.Unplaced {
		if i == 50 {
			lines = append(lines, fmt.Sprintf("… +%d", len(r.Unplaced)-50))
			break
		}
		lines = append(lines, fmt.Sprintf("%s ⇄ %s: %s", up.StartupID, up.CompanyID, up.Message.In(v.u.lang)))
	}
	v.unplaced.SetText(strings.Join(lines, "\n"))
	v.u.data = d
	v.u.refreshAll()
}

// agendaScope is the participant the agenda tab shows.
func (v *scheduleView) agendaScope() (docs.Scope, bool) {
	d := v.u.data
	switch {
	case d == nil:
	case d.Startup(v.agendaFor) != nil:
		return docs.Scope{Kind: event.KindStartup, ID: v.agendaFor}, true
	case d.Company(v.agendaFor) != nil:
		return docs.Scope{Kind: event.KindCompany, ID: v.agendaFor}, true
	}
	return docs.Scope{}, false
}

// exportAgenda saves the shown participant's agenda as a PDF or a
// calendar file (exchange/agenda, exchange/ical).
func (v *scheduleView) exportAgenda(kind, ext string) {
	scope, ok := v.agendaScope()
	if !ok {
		return
	}
	d := v.u.data
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		v.u.setStatus(v.u.t("app.loading"))
		v.u.runBackground(func(ctx context.Context) (func(), error) {
			if err := ExportFileScoped(ctx, d, kind, scope, path); err != nil {
				return nil, err
			}
			return func() { v.u.setStatus(v.u.t("app.saved") + ": " + path) }, nil
		})
	}, v.u.win)
	dlg.SetFileName(scope.ID + "-agenda" + ext)
	dlg.Show()
}
