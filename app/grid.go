package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// Status colours of the grid cells, chosen so that the theme's foreground
// text keeps at least 4.5:1 against them in the light and the dark theme
// (see TestGridColoursContrast).
func cellColour(m *event.Meeting, dark bool) color.Color {
	type pair struct{ light, dark color.NRGBA }
	var p pair
	switch m.Status {
	case event.StatusConfirmed:
		p = pair{color.NRGBA{0xd6, 0xe6, 0xff, 0xff}, color.NRGBA{0x1e, 0x33, 0x5a, 0xff}}
	case event.StatusHeld:
		p = pair{color.NRGBA{0xd4, 0xf2, 0xdc, 0xff}, color.NRGBA{0x1c, 0x45, 0x2c, 0xff}}
	case event.StatusNoShow:
		p = pair{color.NRGBA{0xff, 0xdd, 0xd6, 0xff}, color.NRGBA{0x5a, 0x24, 0x1e, 0xff}}
	default: // proposed
		p = pair{color.NRGBA{0xf1, 0xf1, 0xf1, 0xff}, color.NRGBA{0x2e, 0x2e, 0x30, 0xff}}
	}
	if dark {
		return p.dark
	}
	return p.light
}

// Drop-target colours while dragging: a free valid place, a valid swap,
// and an invalid place.
var (
	dropOK      = color.NRGBA{0x2e, 0x9d, 0x4f, 0xff}
	dropSwap    = color.NRGBA{0x2f, 0x6f, 0xd6, 0xff}
	dropRefused = color.NRGBA{0xc0, 0x39, 0x2b, 0xff}
)

// gridCell is one slot × table cell: the meeting's short names on its
// status colour, a lock mark, and a border while it is a drop target. It
// selects on tap and moves or swaps its meeting by drag and drop.
type gridCell struct {
	widget.BaseWidget
	v           *scheduleView
	slot, table int
	bg, border  *canvas.Rectangle
	text        *widget.Label
	dragging    bool
	pointer     fyne.Position // absolute pointer position while dragging
}

func newGridCell(v *scheduleView) *gridCell {
	c := &gridCell{v: v, slot: -1, table: -1}
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = 3
	c.border = canvas.NewRectangle(color.Transparent)
	c.border.StrokeWidth = 2
	c.border.CornerRadius = 3
	c.text = widget.NewLabel("")
	c.text.Truncation = fyne.TextTruncateClip
	c.ExtendBaseWidget(c)
	return c
}

// cellWidth is the grid's column width: the template cell's, so the table
// needs no per-column width (setting 2,000 widths redraws the table 2,000
// times).
const cellWidth = 190

// MinSize is the cell's size, which the table takes for every column.
func (c *gridCell) MinSize() fyne.Size {
	return fyne.NewSize(cellWidth, c.BaseWidget.MinSize().Height)
}

func (c *gridCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.border, c.text))
}

// show draws the cell for (slot, table).
func (c *gridCell) show(slot, table int) {
	c.slot, c.table = slot, table
	v := c.v
	d := v.u.data
	idx := -1
	if d != nil && slot < len(v.cells) && table < len(v.cells[slot]) {
		idx = v.cells[slot][table]
	}
	dark := fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	if idx < 0 {
		c.bg.FillColor = color.Transparent
		c.text.SetText("·")
	} else {
		m := &d.Meetings[idx]
		c.bg.FillColor = cellColour(m, dark)
		c.text.SetText(v.cellLabel(slot, table))
	}
	c.border.StrokeColor = color.Transparent
	if v.dragFrom >= 0 {
		switch v.dropState(slot, table) {
		case dropFree:
			c.border.StrokeColor = dropOK
		case dropSwapOK:
			c.border.StrokeColor = dropSwap
		case dropBad:
			if slot == v.hoverSlot && table == v.hoverTable {
				c.border.StrokeColor = dropRefused
			}
		}
	} else if idx >= 0 && idx == v.sel {
		c.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	c.bg.Refresh()
	c.border.Refresh()
}

// Tapped selects the cell's meeting.
func (c *gridCell) Tapped(*fyne.PointEvent) {
	v := c.v
	if c.slot >= 0 && c.slot < len(v.cells) && c.table < len(v.cells[c.slot]) {
		v.selectMeeting(v.cells[c.slot][c.table])
		v.grid.Refresh()
	}
}

// Dragged starts or continues dragging the cell's meeting; the cell under
// the pointer is the target.
func (c *gridCell) Dragged(e *fyne.DragEvent) {
	v := c.v
	if !c.dragging {
		if c.slot < 0 || c.slot >= len(v.cells) || v.cells[c.slot][c.table] < 0 {
			return
		}
		c.dragging = true
		c.pointer = fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(e.Position)
		v.startDrag(v.cells[c.slot][c.table])
	}
	// The pointer is followed by the deltas (the same with every driver).
	c.pointer = c.pointer.Add(fyne.NewPos(e.Dragged.DX, e.Dragged.DY))
	if s, t, ok := v.cellAt(c.pointer); ok && (s != v.hoverSlot || t != v.hoverTable) {
		v.hoverSlot, v.hoverTable = s, t
		v.grid.Refresh()
	}
}

// DragEnd drops the meeting on the cell under the pointer.
func (c *gridCell) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.v.endDrag()
}

// drop states of a target cell.
const (
	dropBad = iota
	dropFree
	dropSwapOK
	dropSelf
)

// cellAt finds the grid cell shown at an absolute canvas position.
func (v *scheduleView) cellAt(abs fyne.Position) (slot, table int, ok bool) {
	drv := fyne.CurrentApp().Driver()
	for _, c := range v.cellObjs {
		if c.slot < 0 || !c.Visible() {
			continue
		}
		p := drv.AbsolutePositionForObject(c)
		s := c.Size()
		if abs.X >= p.X && abs.X < p.X+s.Width && abs.Y >= p.Y && abs.Y < p.Y+s.Height {
			return c.slot, c.table, true
		}
	}
	return 0, 0, false
}

func (v *scheduleView) startDrag(idx int) {
	v.dragFrom = idx
	v.dropCache = map[[2]int]int{}
	v.hoverSlot, v.hoverTable = -1, -1
	v.selectMeeting(idx)
	v.grid.Refresh()
}

// dropState says what dropping the dragged meeting on (slot, table) does.
// Results are cached per drag: only cells on screen are ever asked.
func (v *scheduleView) dropState(slot, table int) int {
	k := [2]int{slot, table}
	if st, ok := v.dropCache[k]; ok {
		return st
	}
	d := v.u.data
	st := dropBad
	other := v.cells[slot][table]
	switch {
	case other == v.dragFrom:
		st = dropSelf
	case other < 0:
		if len(organizerProblems(d.CheckMove(v.dragFrom, slot, table))) == 0 {
			st = dropFree
		}
	default:
		if len(organizerProblems(d.CheckSwap(v.dragFrom, other))) == 0 {
			st = dropSwapOK
		}
	}
	v.dropCache[k] = st
	return st
}

func (v *scheduleView) endDrag() {
	from, s, t := v.dragFrom, v.hoverSlot, v.hoverTable
	v.dragFrom, v.dropCache = -1, nil
	defer v.grid.Refresh()
	if from < 0 || s < 0 || t < 0 {
		return
	}
	v.dropOn(from, s, t)
}

// dropOn moves meeting from to (slot, table), swapping with the meeting
// there if any, or says why it cannot.
func (v *scheduleView) dropOn(from, slot, table int) {
	d := v.u.data
	other := v.cells[slot][table]
	if other == from {
		return
	}
	var probs []MoveProblem
	if other < 0 {
		probs = organizerProblems(d.CheckMove(from, slot, table))
	} else {
		probs = organizerProblems(d.CheckSwap(from, other))
	}
	if len(probs) > 0 {
		v.showProblems(probs)
		return
	}
	a := d.Meetings[from]
	a.Slot, a.Table, a.Locked = slot, table, true
	changes := []event.Meeting{a}
	action := "meeting.move"
	label := both(func(l event.Lang) string {
		return tr(l, "sc.moved_to", d.StartupShort(a.StartupID, l), d.CompanyShort(a.CompanyID, l), d.SlotLabel(slot), table+1)
	})
	if other >= 0 {
		b := d.Meetings[other]
		b.Slot, b.Table, b.Locked = d.Meetings[from].Slot, d.Meetings[from].Table, true
		changes = append(changes, b)
		action = "meeting.swap"
		label = both(func(l event.Lang) string {
			return tr(l, "sc.swapped", d.StartupShort(a.StartupID, l), d.CompanyShort(a.CompanyID, l),
				d.StartupShort(b.StartupID, l), d.CompanyShort(b.CompanyID, l))
		})
	}
	v.u.changeMeetings(action, label, changes)
}

// organizerProblems drops the lock: the lock keeps a meeting from the
// scheduler, not from the organizer's own moves.
func organizerProblems(ps []MoveProblem) []MoveProblem {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Key != "mv.locked" {
			out = append(out, p)
		}
	}
	return out
}

func (v *scheduleView) showProblems(probs []MoveProblem) {
	s := ""
	for i, p := range probs {
		if i > 0 {
			s += "\n"
		}
		s += p.Text(v.u.lang)
	}
	v.problems.SetText(s)
}

// changeMeetings stores new versions of meetings (a move, a swap, a lock,
// a status) as one undoable change: the fields that differ from the
// meetings as the view shows them, with every other field of theirs as a
// precondition, so the store refuses the change when someone changed one
// of the meetings in the file since it was read.
func (u *UI) changeMeetings(action string, label event.Text, after []event.Meeting) {
	var cs []event.FieldChange
	for _, m := range after {
		for _, o := range u.data.Meetings {
			if o.ID == m.ID {
				cs = append(cs, event.MeetingChange(&o, &m)...)
			}
		}
	}
	u.change(event.Change{Action: action, Label: label, Changes: cs})
}
