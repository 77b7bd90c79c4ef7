package server

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"pitchmatch/event"
)

// meetingsICS renders a startup's meetings as an RFC 5545 calendar: CRLF line
// ends, lines folded at 75 octets without splitting a UTF-8 sequence, TEXT
// values escaped, times in UTC. UID is the meeting's stable UID and SEQUENCE
// its change counter, so a re-downloaded file updates calendar entries
// rather than duplicating them; cancelled meetings stay, as STATUS:CANCELLED.
//
// TODO(lead): switch to pitchmatch/exchange/ical once it exists; it was not
// in the tree when this was written.
func meetingsICS(ev *event.Event, ms []MeetingView, lang event.Lang, now time.Time) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldICS(s)) }
	stamp := now.UTC().Format("20060102T150405Z")
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//PitchMatch//Startup portal//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if name := ev.Name.In(lang); name != "" {
		line("X-WR-CALNAME:" + escapeICS(name))
	}
	for _, m := range ms {
		if m.Start.IsZero() {
			continue // slot outside the event's days: nothing to put in a calendar
		}
		uid := m.UID
		if uid == "" {
			uid = fmt.Sprintf("meeting-%d@pitchmatch", m.ID)
		}
		summary := m.Company.In(lang)
		if t := m.Theme.In(lang); t != "" {
			summary += " — " + t
		}
		table := fmt.Sprintf("テーブル %d", m.Table)
		if lang == event.En {
			table = fmt.Sprintf("Table %d", m.Table)
		}
		loc := table
		if v := ev.Venue.In(lang); v != "" {
			loc = v + ", " + table
		}
		status := "CONFIRMED"
		switch m.Status {
		case event.StatusProposed:
			status = "TENTATIVE"
		case event.StatusCancelled:
			status = "CANCELLED"
		}
		line("BEGIN:VEVENT")
		line("UID:" + escapeICS(uid))
		line("DTSTAMP:" + stamp)
		line("DTSTART:" + m.Start.UTC().Format("20060102T150405Z"))
		line("DTEND:" + m.End.UTC().Format("20060102T150405Z"))
		line(fmt.Sprintf("SEQUENCE:%d", m.Sequence))
		line("SUMMARY:" + escapeICS(summary))
		line("LOCATION:" + escapeICS(loc))
		line("STATUS:" + status)
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}

// escapeICS escapes a TEXT value (RFC 5545 3.3.11).
func escapeICS(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// foldICS returns the content line with CRLF, folded so no physical line
// exceeds 75 octets; continuation lines start with a space.
func foldICS(s string) string {
	const max = 75
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 3
		}
		if n+size > max {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
