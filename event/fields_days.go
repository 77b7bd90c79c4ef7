package event

import (
	"fmt"
	"strings"
	"time"
)

// TimeRange is a span of clock time within a day, such as a lunch break
// 12:00-13:00.
type TimeRange struct {
	Start string // HH:MM
	End   string // HH:MM
}

// clock parses HH:MM (full-width digits and "１２：００" accepted) to
// minutes after midnight.
func clock(s string) (int, bool) {
	s = strings.TrimSpace(FoldWidth(s))
	s = strings.ReplaceAll(s, "：", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		if t, err = time.Parse("15:4", s); err != nil {
			return 0, false
		}
	}
	return t.Hour()*60 + t.Minute(), true
}

func badTime(s string) *Error {
	return &Error{Code: EInvalid, Message: Text{
		Ja: fmt.Sprintf("「%s」は時刻の範囲ではありません（例: 12:00-13:00）", s),
		En: fmt.Sprintf("%q is not a time range (e.g. 12:00-13:00)", s),
	}}
}

// ParseTimeRanges reads breaks written as "12:00-13:00, 15:00-15:15"
// (also with 〜 or ~, separated by commas, 、 or spaces).
func ParseTimeRanges(s string) ([]TimeRange, error) {
	var out []TimeRange
	s = strings.NewReplacer("〜", "-", "~", "-", "～", "-", "－", "-").Replace(FoldWidth(s))
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == ' ' || r == ';' }) {
		a, b, ok := strings.Cut(part, "-")
		x, ok1 := clock(a)
		y, ok2 := clock(b)
		if !ok || !ok1 || !ok2 || x >= y {
			return nil, badTime(part)
		}
		out = append(out, TimeRange{Start: fmt.Sprintf("%02d:%02d", x/60, x%60), End: fmt.Sprintf("%02d:%02d", y/60, y%60)})
	}
	return out, nil
}

// PlanDay lays out one event day from its opening hours: slots of
// slotMinutes from start while they end by end, each break range skipped
// (a slot that would run into a break starts after it). The result is a
// Day with its slot count and its breaks as after-slot pauses.
func PlanDay(date, start, end string, slotMinutes int, breaks []TimeRange) (Day, error) {
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return Day{}, &Error{Code: EInvalid, Message: Text{Ja: fmt.Sprintf("「%s」は日付ではありません（例: 2026-10-14）", date), En: fmt.Sprintf("%q is not a date (e.g. 2026-10-14)", date)}}
	}
	from, ok1 := clock(start)
	to, ok2 := clock(end)
	if !ok1 || !ok2 || from >= to {
		return Day{}, badTime(start + "-" + end)
	}
	if slotMinutes < 5 || slotMinutes > 240 {
		return Day{}, &Error{Code: EInvalid, Message: Text{Ja: "1枠の長さは5〜240分です", En: "the slot length must be 5 to 240 minutes"}}
	}
	type span struct{ a, b int }
	var bs []span
	for _, b := range breaks {
		x, ok1 := clock(b.Start)
		y, ok2 := clock(b.End)
		if !ok1 || !ok2 || x >= y {
			return Day{}, badTime(b.Start + "-" + b.End)
		}
		bs = append(bs, span{x, y})
	}
	d := Day{Date: date, Start: fmt.Sprintf("%02d:%02d", from/60, from%60)}
	t := from
	for {
		// Skip past any break the next slot would overlap.
		moved := true
		for moved {
			moved = false
			for _, b := range bs {
				if t < b.b && t+slotMinutes > b.a {
					t, moved = b.b, true
				}
			}
		}
		if t+slotMinutes > to {
			break
		}
		if d.Slots == 0 && t > from {
			d.Start = fmt.Sprintf("%02d:%02d", t/60, t%60)
		} else if d.Slots > 0 {
			prevEnd := slotEnd(d, from, slotMinutes)
			if t > prevEnd {
				d.Breaks = append(d.Breaks, Break{AfterSlot: d.Slots, Minutes: t - prevEnd})
			}
		}
		d.Slots++
		t += slotMinutes
	}
	if d.Slots == 0 {
		return Day{}, &Error{Code: EInvalid, Message: Text{
			Ja: fmt.Sprintf("%s〜%s には%d分の枠が1つも入りません", start, end, slotMinutes),
			En: fmt.Sprintf("no %d-minute slot fits between %s and %s", slotMinutes, start, end)}}
	}
	return d, nil
}

// slotEnd is the end (minutes after midnight) of the last slot of d.
func slotEnd(d Day, from, slotMinutes int) int {
	start, _ := clock(d.Start)
	t := start
	for k := 0; k < d.Slots; k++ {
		t += slotMinutes
		for _, b := range d.Breaks {
			if b.AfterSlot == k+1 && k+1 < d.Slots {
				t += b.Minutes
			}
		}
	}
	return t
}

// NewEvent is what an organizer gives to start an event from nothing:
// the CLI's `pitchmatch new` and the desktop's New event dialog both build
// the event with Build.
type NewEvent struct {
	Name        Text
	Venue       Text
	Dates       string // "2026-10-14,2026-10-15" or "2026-10-14..2026-10-16"
	DayStart    string // HH:MM
	DayEnd      string // HH:MM
	SlotMinutes int
	Breaks      string // "12:00-13:00, 15:00-15:15"
	Tables      int
	StartupCap  int
	CompanyCap  int
	Floor       int
	TimeZone    string // default Asia/Tokyo
}

// ParseDates reads "2026-10-14,2026-10-15" (also 、 or spaces) or a range
// "2026-10-14..2026-10-16" (also 〜 or ~), in order, without repeats.
func ParseDates(s string) ([]string, error) {
	s = strings.NewReplacer("〜", "..", "~", "..", "～", "..").Replace(FoldWidth(strings.TrimSpace(s)))
	bad := func(x string) error {
		return &Error{Code: EInvalid, Message: Text{Ja: fmt.Sprintf("「%s」は日付ではありません（例: 2026-10-14,2026-10-15 または 2026-10-14..2026-10-16）", x),
			En: fmt.Sprintf("%q is not a date (e.g. 2026-10-14,2026-10-15 or 2026-10-14..2026-10-16)", x)}}
	}
	norm := func(x string) (time.Time, error) {
		x = strings.ReplaceAll(strings.TrimSpace(x), "/", "-")
		t, err := time.Parse("2006-1-2", x)
		if err != nil {
			return t, bad(x)
		}
		return t, nil
	}
	var out []string
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, err := norm(a)
		if err != nil {
			return nil, err
		}
		to, err := norm(b)
		if err != nil {
			return nil, err
		}
		if to.Before(from) || to.Sub(from) > 60*24*time.Hour {
			return nil, bad(s)
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			out = append(out, d.Format("2006-01-02"))
		}
		return out, nil
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == ' ' || r == ';' }) {
		t, err := norm(part)
		if err != nil {
			return nil, err
		}
		d := t.Format("2006-01-02")
		if len(out) > 0 && d <= out[len(out)-1] {
			return nil, &Error{Code: EInvalid, Message: Text{Ja: "日付は早い順に、重複なく並べてください", En: "list the dates in order, each once"}}
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, bad(s)
	}
	return out, nil
}

// Build lays out the days and returns the validated event.
func (n NewEvent) Build() (*Event, error) {
	dates, err := ParseDates(n.Dates)
	if err != nil {
		return nil, err
	}
	breaks, err := ParseTimeRanges(n.Breaks)
	if err != nil {
		return nil, err
	}
	e := &Event{Name: n.Name, Venue: n.Venue, TimeZone: n.TimeZone, SlotMinutes: n.SlotMinutes, Tables: n.Tables,
		StartupCap: n.StartupCap, CompanyCap: n.CompanyCap, FairnessFloor: n.Floor}
	if e.TimeZone == "" {
		e.TimeZone = "Asia/Tokyo"
	}
	for _, d := range dates {
		day, err := PlanDay(d, n.DayStart, n.DayEnd, n.SlotMinutes, breaks)
		if err != nil {
			return nil, err
		}
		e.Days = append(e.Days, day)
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return e, nil
}
