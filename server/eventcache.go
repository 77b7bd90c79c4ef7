package server

import (
	"strconv"
	"strings"
	"sync"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// slotCache keeps the event's slots (and their portal labels) for the
// settings they are computed from: every portal page shows them, and
// event.Event.Slots loads the time zone from the zone database each time.
// The zero value is ready.
type slotCache struct {
	mu    sync.Mutex
	key   string
	slots []event.Slot
	infos []api.SlotInfo
}

// slotKey is everything event.Event.Slots reads.
func slotKey(ev *event.Event) string {
	var b strings.Builder
	b.WriteString(ev.TimeZone)
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(ev.SlotMinutes))
	for _, d := range ev.Days {
		b.WriteByte('|')
		b.WriteString(d.Date)
		b.WriteByte(' ')
		b.WriteString(d.Start)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(d.Slots))
		for _, br := range d.Breaks {
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(br.AfterSlot))
			b.WriteByte('+')
			b.WriteString(strconv.Itoa(br.Minutes))
		}
	}
	return b.String()
}

// get returns ev's slots and their labels; callers must not change them.
func (c *slotCache) get(ev *event.Event) ([]event.Slot, []api.SlotInfo) {
	key := slotKey(ev)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots == nil || c.key != key {
		c.key, c.slots = key, ev.Slots()
		c.infos = make([]api.SlotInfo, 0, len(c.slots))
		for _, sl := range c.slots {
			c.infos = append(c.infos, api.SlotInfo{Index: sl.Index, Label: sl.Label(), Start: sl.Start, End: sl.End})
		}
	}
	return c.slots, c.infos
}
