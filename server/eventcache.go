package server

import (
	"bytes"
	"compress/gzip"
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

// bodyCache keeps one encoded answer, raw and gzip-compressed, for the
// stamp of the data it was built from. The zero value is ready.
type bodyCache struct {
	mu    sync.Mutex
	stamp string
	body  *cachedBody
}

type cachedBody struct{ raw, gz []byte }

// get returns the body for stamp, building it (once, however many ask at
// the same time) when the stamp changed.
func (c *bodyCache) get(stamp string, build func() ([]byte, error)) (*cachedBody, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.body != nil && c.stamp == stamp {
		return c.body, nil
	}
	raw, err := build()
	if err != nil {
		return nil, err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	c.stamp, c.body = stamp, &cachedBody{raw: raw, gz: gz.Bytes()}
	return c.body, nil
}
