package app

import (
	"pitchmatch/event"
)

// Reflow is what saving new event settings does to the stored meetings. A
// meeting keeps its day and its position within the day; one whose day,
// slot or table no longer exists is affected and is moved to a free place
// of the new grid, or cancelled when there is none.
type Reflow struct {
	Renumbered []event.Meeting // same day and slot, whose slot index changed (an earlier day lost or gained slots)
	Moved      []event.Meeting // affected, at their new place
	Cancelled  []event.Meeting // affected, with no free place: status cancelled
	Affected   []int           // indexes into Data.Meetings of the affected meetings (moved then cancelled)
	Blocked    []int           // held or no-show meetings that have no place: the change is refused
}

// Changes are the meetings to store with the new settings.
func (r *Reflow) Changes() []event.Meeting {
	out := make([]event.Meeting, 0, len(r.Renumbered)+len(r.Moved)+len(r.Cancelled))
	out = append(out, r.Renumbered...)
	out = append(out, r.Moved...)
	return append(out, r.Cancelled...)
}

// placed reports whether m occupies a place in the grid (cancelled and
// declined meetings do not).
func placed(m event.Meeting) bool {
	return m.Status != event.StatusCancelled && m.Status != event.StatusDeclined
}

// ReflowFor works out what saving ne (the edited settings) does to the
// meetings of d.
func (d *Data) ReflowFor(ne *event.Event) *Reflow {
	r := &Reflow{}
	oldStart := dayStarts(d.Event)
	newStart := dayStarts(ne)
	nd := &Data{Event: ne, Companies: d.Companies, companyIdx: d.companyIdx, Availability: d.Availability}
	var affected []int
	for i, m := range d.Meetings {
		if !placed(m) {
			continue
		}
		day, pos := locate(d.Event, oldStart, m.Slot)
		ok := day >= 0 && day < len(ne.Days) && pos < ne.Days[day].Slots && m.Table < ne.Tables
		if !ok {
			affected = append(affected, i)
			continue
		}
		if s := newStart[day] + pos; s != m.Slot {
			m.Slot = s
			r.Renumbered = append(r.Renumbered, m)
		}
		nd.Meetings = append(nd.Meetings, m)
	}
	for _, i := range affected {
		m := d.Meetings[i]
		nd.Meetings = append(nd.Meetings, m)
		k := len(nd.Meetings) - 1
		nd.Meetings[k].Slot, nd.Meetings[k].Table = -1, -1 // free its old place while searching
		slot, table, found := nd.FreePlace(k, -1)
		if found {
			m.Slot, m.Table, m.Locked = slot, table, true
			nd.Meetings[k] = m
			r.Moved = append(r.Moved, m)
			continue
		}
		nd.Meetings = nd.Meetings[:k]
		if m.Status == event.StatusHeld || m.Status == event.StatusNoShow {
			r.Blocked = append(r.Blocked, i)
			continue
		}
		m.Status = event.StatusCancelled
		m.Slot, m.Table = min(m.Slot, max(ne.NumSlots()-1, 0)), min(m.Table, max(ne.Tables-1, 0))
		r.Cancelled = append(r.Cancelled, m)
	}
	// Affected lists the moved ones first, then the cancelled, as shown.
	for _, want := range [][]event.Meeting{r.Moved, r.Cancelled} {
		for _, m := range want {
			for _, i := range affected {
				if d.Meetings[i].ID == m.ID {
					r.Affected = append(r.Affected, i)
				}
			}
		}
	}
	return r
}

// dayStarts is the global index of each day's first slot.
func dayStarts(ev *event.Event) []int {
	out := make([]int, len(ev.Days))
	n := 0
	for i, d := range ev.Days {
		out[i] = n
		n += d.Slots
	}
	return out
}

// locate turns a global slot index into (day, position in the day), day -1
// when the slot does not exist.
func locate(ev *event.Event, starts []int, slot int) (int, int) {
	for i := len(starts) - 1; i >= 0; i-- {
		if slot >= starts[i] {
			if slot-starts[i] < ev.Days[i].Slots {
				return i, slot - starts[i]
			}
			return -1, 0
		}
	}
	return -1, 0
}

// FreePlace finds the first slot and table (slot-major, from slot from+1
// round to from) where meeting idx may go without any conflict (CheckMove
// finds none, ignoring the meeting's own lock).
func (d *Data) FreePlace(idx, from int) (slot, table int, ok bool) {
	n := d.Event.NumSlots()
	if n == 0 || d.Event.Tables == 0 {
		return 0, 0, false
	}
	m := &d.Meetings[idx]
	locked := m.Locked
	m.Locked = false
	defer func() { m.Locked = locked }()
	g := d.Grid()
	for k := 1; k <= n; k++ {
		s := ((from+k)%n + n) % n
		for t := 0; t < d.Event.Tables; t++ {
			if g[s][t] >= 0 { // taken, or the meeting's own place
				continue
			}
			if len(d.CheckMove(idx, s, t)) == 0 {
				return s, t, true
			}
		}
	}
	return 0, 0, false
}
