package server

import (
	"reflect"
	"testing"

	"pitchmatch/event"
)

// TestSlotCache: the cached slots are the event's slots after every kind of
// change Slots depends on (time zone, slot length, days, breaks).
func TestSlotCache(t *testing.T) {
	var c slotCache
	ev := &event.Event{TimeZone: "Asia/Tokyo", SlotMinutes: 30, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 4}}}
	for i, change := range []func(){
		func() {},
		func() { ev.SlotMinutes = 20 },
		func() { ev.TimeZone = "Europe/Berlin" },
		func() { ev.Days[0].Start = "09:30" },
		func() { ev.Days[0].Breaks = []event.Break{{AfterSlot: 2, Minutes: 15}} },
		func() { ev.Days[0].Breaks[0].Minutes = 45 },
		func() { ev.Days = append(ev.Days, event.Day{Date: "2026-10-15", Start: "10:00", Slots: 3}) },
		func() { ev.Days[1].Date = "2026-10-16" },
		func() { ev.Days = nil },
	} {
		change()
		slots, infos := c.get(ev)
		want := ev.Slots()
		if !reflect.DeepEqual(slots, want) || len(infos) != len(want) {
			t.Fatalf("change %d: slots %v, want %v", i, slots, want)
		}
		for k, in := range infos {
			if in.Index != want[k].Index || in.Label != want[k].Label() || !in.Start.Equal(want[k].Start) || !in.End.Equal(want[k].End) {
				t.Fatalf("change %d slot %d: %+v, want %+v", i, k, in, want[k])
			}
		}
	}
}
