package portal

import (
	"fmt"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// MeetingRow is one meeting as the portal lists it.
type MeetingRow struct {
	When      string
	Company   string
	Theme     string
	Table     string
	Status    string
	Cancelled bool
}

// MeetingRows formats the meetings in the event's time zone (Asia/Tokyo
// by default; a fixed +09:00 where the browser has no zone database).
func MeetingRows(d *api.Meetings, lang event.Lang) []MeetingRow {
	if d == nil {
		return nil
	}
	loc := d.Event.Event().Location()
	rows := make([]MeetingRow, 0, len(d.Meetings))
	for _, m := range d.Meetings {
		r := MeetingRow{Company: m.Company.In(lang), Theme: m.Theme.In(lang),
			Status: event.MeetingStatuses.Label(string(m.Status), lang), Cancelled: m.Status == event.StatusCancelled}
		if r.Company == "" {
			r.Company = m.CompanyID
		}
		if lang == event.Ja {
			r.Table = fmt.Sprintf("%d番", m.Table)
		} else {
			r.Table = fmt.Sprintf("No. %d", m.Table)
		}
		if m.Start.IsZero() {
			r.When = m.SlotLabel
		} else {
			r.When = FormatSlot(m.Start.In(loc), m.End.In(loc), lang)
		}
		rows = append(rows, r)
	}
	return rows
}

// FormatSlot renders a meeting time: "11月25日(火) 10:00–10:30" in Japanese,
// "Tue 25 Nov 10:00–10:30" in English.
func FormatSlot(start, end time.Time, lang event.Lang) string {
	if lang == event.Ja {
		wd := []string{"日", "月", "火", "水", "木", "金", "土"}[start.Weekday()]
		return fmt.Sprintf("%d月%d日(%s) %s–%s", int(start.Month()), start.Day(), wd, start.Format("15:04"), end.Format("15:04"))
	}
	return start.Format("Mon 2 Jan 15:04") + "–" + end.Format("15:04")
}
