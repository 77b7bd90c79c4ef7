package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
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
	items     []AgendaItem

	sel             int // selected meeting index, -1 for none
	detail          *widget.Label
	lock            *widget.Button
	toSlot, toTable *widget.Select
	move            *widget.Button
	problems        *widget.Label
	stopRun         context.CancelFunc
	pendingRun      *RunChanges // the last re-run offered for confirmation (tests read it)
}

func newScheduleView(u *UI) *scheduleView {
	v := &scheduleView{u: u, sel: -1}
	v.run = widget.NewButton(u.t("sc.run"), v.onRun)
	v.run.Importance = widget.HighImportance
	v.cancel = widget.NewButton(u.t("sc.cancel"), func() {
		if v.stopRun != nil {
			v.stopRun()
		}
	})
	v.cancel.Disable()
	v.progress = widget.NewProgressBar()
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
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(v.cellText(id.Row, id.Col))
		})
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
	v.grid.SetColumnWidth(-1, 90)
	v.grid.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.cells) && id.Col >= 0 && id.Col < len(v.cells[id.Row]) {
			v.selectMeeting(v.cells[id.Row][id.Col])
		}
	}

	v.agendaQ = widget.NewEntry()
	v.agendaQ.SetPlaceHolder(u.t("sc.participant"))
	v.agendaQ.OnSubmitted = func(string) { v.showAgenda() }
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
	v.lock = widget.NewButton(u.t("sc.lock"), v.onLock)
	v.toSlot = widget.NewSelect(nil, nil)
	v.toSlot.PlaceHolder = u.t("sc.to_slot")
	v.toTable = widget.NewSelect(nil, nil)
	v.toTable.PlaceHolder = u.t("sc.to_table")
	v.move = widget.NewButton(u.t("sc.move"), v.onMove)
	v.problems = widget.NewLabel("")
	v.problems.Importance = widget.DangerImportance
	v.problems.Wrapping = fyne.TextWrapWord

	runBar := container.NewBorder(nil, nil, container.NewHBox(v.run, v.cancel), container.NewHBox(v.stage, u.exportButton()), v.progress)
	top := container.NewVBox(runBar, v.report, v.counts)
	tabs := container.NewAppTabs(
		container.NewTabItem(u.t("sc.grid"), v.grid),
		container.NewTabItem(u.t("sc.agenda"), container.NewBorder(v.agendaQ, nil, nil, nil, v.agenda)),
	)
	side := container.NewVBox(v.detail, v.lock, widget.NewSeparator(), v.toSlot, v.toTable, v.move, v.problems,
		widget.NewSeparator(), bold(u.t("sc.unplaced")), v.unplaced)
	split := container.NewHSplit(tabs, container.NewVScroll(side))
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
	s := m.StartupID + "⇄" + m.CompanyID
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
	for t := 0; t < d.Event.Tables; t++ {
		v.grid.SetColumnWidth(t, 130)
	}
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
	v.toSlot.SetSelectedIndex(m.Slot)
	v.toTable.SetSelectedIndex(m.Table)
}

func (v *scheduleView) saveMeeting(m event.Meeting, done string) {
	store := v.u.store
	v.u.runBackground(func(ctx context.Context) (func(), error) {
		if err := store.SaveMeeting(ctx, actor, &m); err != nil {
			return nil, err
		}
		d, err := LoadData(ctx, store)
		if err != nil {
			return nil, err
		}
		return func() {
			v.u.data = d
			v.u.setStatus(done)
			v.u.refreshAll()
		}, nil
	})
}

func (v *scheduleView) onLock() {
	if v.sel < 0 || v.u.store == nil {
		return
	}
	m := v.u.data.Meetings[v.sel]
	m.Locked = !m.Locked
	v.saveMeeting(m, v.u.t("app.saved"))
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
	m := d.Meetings[v.sel]
	m.Slot, m.Table = slot, table
	v.saveMeeting(m, v.u.t("sc.moved"))
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
		err := store.ReplaceMeetings(ctx, actor, plan.Meetings)
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
	v.stage.SetText(fmt.Sprintf("%s %d/%d", stage, done, total))
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
