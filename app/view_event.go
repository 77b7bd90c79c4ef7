package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching/schedule"
)

// eventView edits the event settings: name, venue, days, slot length,
// breaks, tables and meeting caps.
type eventView struct {
	u    *UI
	root fyne.CanvasObject

	file, summary                    *widget.Label
	nameJa, nameEn, venueJa, venueEn *widget.Entry
	slotMinutes, tables              *widget.Entry
	startupCap, companyCap, fairness *widget.Entry
	moveCost                         *widget.Entry // optional decimal: empty is the scheduler's default
	days                             []dayRow
	daysBox                          *fyne.Container
	save, addDay, removeDay          *widget.Button
	errs                             *fieldErrors
	version                          int64
	pendingReflow                    *Reflow // the last reflow offered for confirmation (tests read it)
	loaded                           *event.Event
	edit                             editState[event.Event] // unsaved edits and their merge (form_merge.go)
}

type dayRow struct{ date, start, slots, breaks *widget.Entry }

func newEventView(u *UI) *eventView {
	v := &eventView{u: u, errs: newFieldErrors(u.lang)}
	v.file = widget.NewLabel("")
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.nameJa, v.nameEn = widget.NewEntry(), widget.NewEntry()
	v.venueJa, v.venueEn = widget.NewEntry(), widget.NewEntry()
	v.slotMinutes, v.tables = widget.NewEntry(), widget.NewEntry()
	v.startupCap, v.companyCap, v.fairness = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.moveCost = widget.NewEntry()
	v.daysBox = container.NewVBox()
	v.save = widget.NewButton(u.t("common.save"), v.onSave)
	v.save.Importance = widget.HighImportance
	v.addDay = widget.NewButton(u.t("event.add_day"), func() {
		d := event.Day{Date: "", Start: "10:00", Slots: 12}
		if n := len(v.days); n > 0 {
			d.Start, d.Slots = v.days[n-1].start.Text, 0
			fmt.Sscan(v.days[n-1].slots.Text, &d.Slots)
		}
		v.appendDay(d)
	})
	v.removeDay = widget.NewButton(u.t("event.remove_day"), func() {
		if n := len(v.days); n > 0 {
			v.days = v.days[:n-1]
			v.daysBox.Remove(v.daysBox.Objects[len(v.daysBox.Objects)-1])
		}
	})
	e := v.errs
	form := widget.NewForm(
		widget.NewFormItem(u.t("event.name_ja"), e.field("name.ja", v.nameJa)),
		widget.NewFormItem(u.t("event.name_en"), e.field("name.en", v.nameEn)),
		widget.NewFormItem(u.t("event.venue_ja"), e.field("venue.ja", v.venueJa)),
		widget.NewFormItem(u.t("event.venue_en"), e.field("venue.en", v.venueEn)),
		widget.NewFormItem(u.t("event.slot_minutes"), e.field("slot_minutes", v.slotMinutes)),
		widget.NewFormItem(u.t("event.tables"), e.field("tables", v.tables)),
		widget.NewFormItem(u.t("event.startup_cap"), e.field("startup_cap", v.startupCap)),
		widget.NewFormItem(u.t("event.company_cap"), e.field("company_cap", v.companyCap)),
		widget.NewFormItem(u.t("event.fairness"), e.field("fairness_floor", v.fairness)),
	)
	// The scheduler's move cost: label and hint from the field schema.
	if f := event.FieldByName(event.EntityEvent, "move_cost"); f != nil {
		v.moveCost.SetPlaceHolder(event.FormatDecimal(&[]float64{schedule.DefaultMoveCost}[0]))
		item := widget.NewFormItem(f.Label.In(u.lang), e.field("move_cost", v.moveCost))
		item.HintText = f.Hint.In(u.lang)
		form.AppendItem(item)
	}
	e.labels["name"] = e.labels["name.ja"]
	daysHeader := container.NewGridWithColumns(5, widget.NewLabel(""), bold(u.t("event.date")), bold(u.t("event.start")), bold(u.t("event.slots")), bold(u.t("event.breaks")))
	daysCard := widget.NewCard(u.t("event.days"), "", container.NewVBox(
		daysHeader, e.field("days", v.daysBox), container.NewHBox(v.addDay, v.removeDay)))
	body := container.NewVBox(v.file, v.summary, e.banner, form, daysCard, container.NewHBox(v.save, v.newMergeControls()))
	v.root = container.NewVScroll(container.NewPadded(body))
	return v
}

func bold(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

func (v *eventView) appendDay(d event.Day) {
	i := len(v.days)
	r := dayRow{date: entryWith(d.Date), start: entryWith(d.Start), slots: entryWith(itoa(d.Slots)), breaks: entryWith(FormatBreakRanges(d, v.slotLen()))}
	v.days = append(v.days, r)
	p := fmt.Sprintf("days[%d]", i)
	row := container.NewGridWithColumns(5, widget.NewLabel(v.u.t("event.day", i+1)),
		v.errs.field(p+".date", r.date), v.errs.field(p+".start", r.start),
		v.errs.field(p+".slots", r.slots), v.errs.field(p+".breaks", r.breaks))
	v.daysBox.Add(row)
}

func (v *eventView) onShow() {}

// slotLen is the slot length being edited (for showing breaks as times).
func (v *eventView) slotLen() int {
	if n, err := event.ParseWhole(v.slotMinutes.Text); err == nil && n > 0 {
		return n
	}
	return 30
}

func (v *eventView) refresh() {
	d := v.u.data
	enabled := d != nil
	for _, w := range []fyne.Disableable{v.save, v.addDay, v.removeDay} {
		if enabled {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if d == nil {
		v.file.SetText(v.u.t("app.nofile"))
		return
	}
	v.file.SetText(v.u.t("event.file", v.u.path))
	v.loadOrMerge(d.Event)
	v.summary.SetText(v.u.t("event.summary", len(d.Event.Days), d.Event.NumSlots(), d.Event.Tables,
		len(d.Startups), len(d.Companies), len(d.Themes)))
}

func (v *eventView) load(ev *event.Event) {
	v.loaded = ev
	v.version = ev.Version
	v.nameJa.SetText(ev.Name.Ja)
	v.nameEn.SetText(ev.Name.En)
	v.venueJa.SetText(ev.Venue.Ja)
	v.venueEn.SetText(ev.Venue.En)
	v.slotMinutes.SetText(itoa(ev.SlotMinutes))
	v.tables.SetText(itoa(ev.Tables))
	v.startupCap.SetText(itoa(ev.StartupCap))
	v.companyCap.SetText(itoa(ev.CompanyCap))
	v.fairness.SetText(itoa(ev.FairnessFloor))
	v.moveCost.SetText(event.FormatDecimal(ev.MoveCost))
	v.days = nil
	v.daysBox.RemoveAll()
	v.errs.clear()
	for _, d := range ev.Days {
		v.appendDay(d)
	}
}

// read builds the edited event from the form, validating it.
func (v *eventView) read() (*event.Event, error) {
	ev := *v.loaded
	ev.Version = v.version
	p := parser{lang: v.u.lang}
	ev.Name = event.Text{Ja: v.nameJa.Text, En: v.nameEn.Text}
	ev.Venue = event.Text{Ja: v.venueJa.Text, En: v.venueEn.Text}
	ev.SlotMinutes = p.int("slot_minutes", v.slotMinutes.Text)
	ev.Tables = p.int("tables", v.tables.Text)
	ev.StartupCap = p.int("startup_cap", v.startupCap.Text)
	ev.CompanyCap = p.int("company_cap", v.companyCap.Text)
	ev.FairnessFloor = p.int("fairness_floor", v.fairness.Text)
	ev.MoveCost = p.decimal("move_cost", v.moveCost.Text)
	ev.Days = nil
	for i, r := range v.days {
		f := fmt.Sprintf("days[%d]", i)
		d := event.Day{Date: r.date.Text, Start: r.start.Text, Slots: p.int(f+".slots", r.slots.Text)}
		bs, err := ParseBreakRanges(r.breaks.Text, r.start.Text, ev.SlotMinutes)
		if err != nil {
			p.errs = append(p.errs, event.FieldError{Field: f + ".breaks", Code: event.FieldFormat, Message: messages["event.bad_breaks"]})
		}
		d.Breaks = bs
		ev.Days = append(ev.Days, d)
	}
	if err := p.merge("event", ev.Validate()); err != nil {
		return nil, err
	}
	return &ev, nil
}

func (v *eventView) onSave() {
	ev, err := v.read()
	if v.errs.show(err) {
		return
	}
	d := v.u.data
	if d == nil {
		return
	}
	r := d.ReflowFor(ev)
	if len(r.Blocked) > 0 {
		lines := make([]string, len(r.Blocked))
		for i, k := range r.Blocked {
			lines[i] = d.meetingLine(k, v.u)
		}
		v.u.confirmList(v.u.t("cf.reduce_title"), v.u.t("cf.reduce_blocked", len(r.Blocked)), lines, v.u.t("cf.ok"), func() {})
		return
	}
	if len(r.Affected) == 0 {
		v.store(ev, r)
		return
	}
	lines := make([]string, 0, len(r.Affected))
	for i, k := range r.Affected {
		line := d.meetingLine(k, v.u)
		if i < len(r.Moved) {
			m := r.Moved[i]
			nd := &Data{Event: ev}
			line += "  → " + nd.SlotLabel(m.Slot) + " " + v.u.t("sc.table", m.Table+1)
		} else {
			line += "  → " + v.u.t("cf.will_cancel")
		}
		lines = append(lines, line)
	}
	v.pendingReflow = r
	v.u.confirmList(v.u.t("cf.reduce_title"),
		v.u.t("cf.reduce", len(r.Affected), len(r.Moved), len(r.Cancelled)),
		lines, v.u.t("cf.reduce_ok"), func() { v.store(ev, r) })
}

// store saves the settings — with the meetings they move, in one
// transaction (storeReduction) — as one undoable change, after checking no
// one else changed the settings meanwhile.
func (v *eventView) store(ev *event.Event, r *Reflow) {
	store := v.u.store
	changes := r.Changes()
	label := both(func(l event.Lang) string { return tr(l, "un.reduced", len(r.Moved), len(r.Cancelled)) })
	v.u.runBackground(func(ctx context.Context) (func(), error) {
		var err error
		if len(changes) == 0 {
			saved := both(func(l event.Lang) string { return tr(l, "un.event_saved") })
			err = saveEdited(ctx, store, "event", "", &ev.Version, ev, saved,
				func(ctx context.Context, _ string) (*event.Event, error) { return store.Event(ctx) },
				func(x *event.Event) int64 { return x.Version }, store.SaveEvent)
		} else {
			var cur *event.Event
			if cur, err = store.Event(ctx); err == nil && cur.Version != ev.Version {
				err = &event.ConflictError{Entity: "event", Have: ev.Version, Stored: cur.Version, Current: cur}
			}
			if err == nil {
				err = v.u.storeReduction(ctx, store, cur, ev, changes, label)
			}
		}
		return func() {
			v.afterStore(err)
			if err != nil {
				v.errs.show(err)
				return
			}
			if len(r.Affected) > 0 {
				v.u.setStatus(v.u.t("cf.reduced", len(r.Moved), len(r.Cancelled)))
			} else {
				v.u.setStatus(v.u.t("app.saved"))
			}
			v.u.Reload()
		}, nil
	})
}

// storeReduction stores reduced settings ev over cur (as stored) and the
// meetings they move or cancel as one undoable change: Ctrl+Z puts the
// tables, slots or days back and the meetings where they were. A store
// without an undo history takes them in one import.
func (u *UI) storeReduction(ctx context.Context, store Store, cur, ev *event.Event, moved []event.Meeting, label event.Text) error {
	us, ok := store.(undoStore)
	if !ok {
		return store.Import(ctx, actor, &event.Batch{Event: ev, Meetings: moved})
	}
	stored, err := store.Meetings(ctx)
	if err != nil {
		return err
	}
	byID := make(map[int64]*event.Meeting, len(stored))
	for i := range stored {
		byID[stored[i].ID] = &stored[i]
	}
	cs := event.RecordChange("event", "", cur, ev)
	for i := range moved {
		old, ok := byID[moved[i].ID]
		if !ok {
			return event.NotFound("meeting", fmt.Sprint(moved[i].ID))
		}
		if old.Version != moved[i].Version {
			return &event.ConflictError{Entity: "meeting", ID: fmt.Sprint(old.ID), Have: moved[i].Version, Stored: old.Version, Current: old}
		}
		cs = append(cs, event.MeetingChange(old, &moved[i])...)
	}
	_, err = us.Change(ctx, actor, event.Change{Action: "event.reduce", Label: label, Changes: cs})
	return err
}
