// Package ical writes PitchMatch meeting schedules as iCalendar (RFC 5545)
// files that calendar programs import and, on a later import, update: one
// calendar per participant and one for the whole event.
//
// Why a serialiser of its own rather than a general iCalendar library: the
// export must stream tens of thousands of events with bounded memory, keep
// local times with a VTIMEZONE (libraries tend to convert to UTC), and
// guarantee the details calendar programs are strict about, which the tests
// check octet by octet:
//   - every line ends in CRLF;
//   - lines longer than 75 octets are folded (CRLF + space) without ever
//     splitting a UTF-8 encoded character, which matters for Japanese text;
//   - times are in the event's zone (Asia/Tokyo) with a matching VTIMEZONE
//     when that zone keeps one UTC offset over the event, else in UTC;
//   - UID is the meeting's stable UID and SEQUENCE its Sequence, so
//     re-exporting after a reschedule updates the entry instead of adding a
//     second one, and a cancelled meeting goes out as STATUS:CANCELLED.
package ical

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
)

// Options tune an export.
type Options struct {
	// Now is the DTSTAMP of every event (when the file was made); zero
	// means time.Now().
	Now time.Time
	// Progress, if set, is told how many participants or meetings are done.
	Progress docs.Progress
}

// ProdID identifies PitchMatch as the producer of the files.
const ProdID = "-//PitchMatch//PitchMatch Schedule//JA"

// MaxLineOctets is the longest a content line may be, CRLF excluded.
const MaxLineOctets = 75

// Write writes one calendar for scope: every meeting of the event, or one
// participant's meetings seen from their side.
func Write(ctx context.Context, w io.Writer, d *docs.Data, scope docs.Scope, opts Options) error {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	c := newCalWriter(w, ix, opts)
	if scope.All() {
		err = c.event(ctx)
	} else {
		ps, perr := ix.Participants(scope)
		if perr != nil {
			return perr
		}
		opts.Progress.Report("ics", 0, 1)
		if err = c.participant(ctx, ps[0]); err == nil {
			opts.Progress.Report("ics", 1, 1)
		}
	}
	if err != nil {
		return err
	}
	return c.bw.Flush()
}

// WriteZip writes a zip archive holding event.ics (every meeting) and one
// calendar per participant in scope, named startups/startup-ID.ics and
// companies/company-ID.ics. Calendars are written one at a time, so memory
// stays bounded whatever the number of participants.
func WriteZip(ctx context.Context, w io.Writer, d *docs.Data, scope docs.Scope, opts Options) error {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	ps, err := ix.Participants(scope)
	if err != nil {
		return err
	}
	zw := docs.NewZipWriter(w)
	if scope.All() {
		f, err := zw.Create("event.ics")
		if err != nil {
			return err
		}
		c := newCalWriter(f, ix, opts)
		if err := c.event(ctx); err != nil {
			return err
		}
		if err := c.bw.Flush(); err != nil {
			return err
		}
	}
	quiet := opts
	quiet.Progress = nil
	for i, p := range ps {
		if err := ctx.Err(); err != nil {
			return err
		}
		opts.Progress.Report("ics", i, len(ps))
		f, err := zw.Create(p.Folder() + "/" + p.FileName() + ".ics")
		if err != nil {
			return err
		}
		c := newCalWriter(f, ix, quiet)
		if err := c.participant(ctx, p); err != nil {
			return err
		}
		if err := c.bw.Flush(); err != nil {
			return err
		}
	}
	opts.Progress.Report("ics", len(ps), len(ps))
	return zw.Close()
}

// calWriter writes one VCALENDAR.
type calWriter struct {
	bw    *bufio.Writer
	lw    lineWriter
	ix    *docs.Index
	opts  Options
	stamp string
	tz    zone
}

func newCalWriter(w io.Writer, ix *docs.Index, opts Options) *calWriter {
	bw := bufio.NewWriterSize(w, 8<<10)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return &calWriter{bw: bw, lw: lineWriter{w: bw}, ix: ix, opts: opts,
		stamp: now.UTC().Format("20060102T150405Z"), tz: zoneOf(ix.Data.Event, ix.Slots)}
}

func (c *calWriter) begin(name event.Text) {
	c.lw.prop("BEGIN", "VCALENDAR")
	c.lw.prop("VERSION", "2.0")
	c.lw.prop("PRODID", ProdID)
	c.lw.prop("CALSCALE", "GREGORIAN")
	c.lw.prop("METHOD", "PUBLISH")
	c.lw.prop("X-WR-CALNAME", escapeText(docs.Both(name)))
	if c.tz.id != "" {
		c.lw.prop("X-WR-TIMEZONE", c.tz.id)
		c.lw.prop("BEGIN", "VTIMEZONE")
		c.lw.prop("TZID", c.tz.id)
		c.lw.prop("BEGIN", "STANDARD")
		c.lw.prop("DTSTART", "19700101T000000")
		c.lw.prop("TZOFFSETFROM", c.tz.offset)
		c.lw.prop("TZOFFSETTO", c.tz.offset)
		if c.tz.abbr != "" {
			c.lw.prop("TZNAME", escapeText(c.tz.abbr))
		}
		c.lw.prop("END", "STANDARD")
		c.lw.prop("END", "VTIMEZONE")
	}
}

func (c *calWriter) end() error {
	c.lw.prop("END", "VCALENDAR")
	return c.lw.err
}

// event writes every meeting of the event.
func (c *calWriter) event(ctx context.Context) error {
	ev := c.ix.Data.Event
	c.begin(ev.Name)
	total, done := len(c.ix.Data.Meetings), 0
	err := c.ix.Meetings(func(m *event.Meeting) error {
		if done%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			c.opts.Progress.Report("event.ics", done, total)
		}
		done++
		sn, cn := c.ix.StartupName(m.StartupID), c.ix.CompanyName(m.CompanyID)
		summary := fmt.Sprintf("%s × %s", sn.In(event.Ja), cn.In(event.Ja))
		return c.vevent(m, summary)
	})
	if err != nil {
		return err
	}
	c.opts.Progress.Report("event.ics", total, total)
	return c.end()
}

// participant writes one participant's meetings, seen from their side.
func (c *calWriter) participant(ctx context.Context, p docs.Participant) error {
	ev := c.ix.Data.Event
	c.begin(event.T(ev.Name.In(event.Ja)+" – "+p.Name.In(event.Ja), ev.Name.In(event.En)+" – "+p.Name.In(event.En)))
	for _, m := range c.ix.MeetingsOf(p.Kind, p.ID) {
		other := c.ix.OtherParty(p, m)
		summary := "面談: " + docs.Both(other.Name)
		if err := c.vevent(m, summary); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return c.end()
}

// vevent writes one meeting.
func (c *calWriter) vevent(m *event.Meeting, summary string) error {
	slot, err := c.ix.MeetingSlot(m)
	if err != nil {
		return err
	}
	if c.lw.err != nil {
		return c.lw.err
	}
	ev := c.ix.Data.Event
	uid := m.UID
	if uid == "" {
		uid = fmt.Sprintf("meeting-%d@pitchmatch", m.ID)
	}
	table := docs.TableLabel(m.Table)
	location := docs.Both(table)
	if !ev.Venue.IsZero() {
		location += ", " + docs.Both(ev.Venue)
	}
	sn, cn, tt := c.ix.StartupName(m.StartupID), c.ix.CompanyName(m.CompanyID), c.ix.ThemeTitle(m.ThemeID)
	var desc strings.Builder
	fmt.Fprintf(&desc, "%s: %s\n", docs.Header("theme"), docs.Both(tt))
	fmt.Fprintf(&desc, "%s: %s [%s]\n", docs.Header("startup"), docs.Both(sn), m.StartupID)
	fmt.Fprintf(&desc, "%s: %s [%s]\n", docs.Header("company"), docs.Both(cn), m.CompanyID)
	fmt.Fprintf(&desc, "%s: %d\n", docs.Header("table"), m.Table+1)
	fmt.Fprintf(&desc, "%s: %s\n", docs.Header("status"), docs.Both(docs.StatusLabel(m.Status)))
	fmt.Fprintf(&desc, "%s", docs.Both(ev.Name))

	c.lw.prop("BEGIN", "VEVENT")
	c.lw.prop("UID", escapeText(uid))
	c.lw.prop("SEQUENCE", fmt.Sprint(max(m.Sequence, 0)))
	c.lw.prop("DTSTAMP", c.stamp)
	if !m.UpdatedAt.IsZero() {
		c.lw.prop("LAST-MODIFIED", m.UpdatedAt.UTC().Format("20060102T150405Z"))
	}
	c.lw.timeProp("DTSTART", slot.Start, c.tz)
	c.lw.timeProp("DTEND", slot.End, c.tz)
	c.lw.prop("SUMMARY", escapeText(summary))
	c.lw.prop("LOCATION", escapeText(location))
	c.lw.prop("DESCRIPTION", escapeText(desc.String()))
	c.lw.prop("STATUS", statusOf(m.Status))
	if m.Active() {
		c.lw.prop("TRANSP", "OPAQUE")
	} else {
		c.lw.prop("TRANSP", "TRANSPARENT")
	}
	c.lw.prop("X-PITCHMATCH-STARTUP", escapeText(m.StartupID))
	c.lw.prop("X-PITCHMATCH-COMPANY", escapeText(m.CompanyID))
	c.lw.prop("END", "VEVENT")
	return c.lw.err
}

// statusOf maps a meeting status to an RFC 5545 VEVENT status.
func statusOf(s event.MeetingStatus) string {
	switch s {
	case event.StatusCancelled, event.StatusDeclined:
		return "CANCELLED"
	case event.StatusProposed:
		return "TENTATIVE"
	}
	return "CONFIRMED"
}

// zone is how times are written: with a TZID and a one-offset VTIMEZONE,
// or (id "") in UTC.
type zone struct {
	id, offset, abbr string
	loc              *time.Location
}

// zoneOf picks local times with a VTIMEZONE when the event's zone keeps
// one UTC offset across the event's years (Asia/Tokyo has had no daylight
// saving since 1951), and UTC otherwise, because a one-rule VTIMEZONE
// could not describe daylight-saving changes.
func zoneOf(ev *event.Event, slots []event.Slot) zone {
	loc := ev.Location()
	if loc == time.UTC {
		return zone{}
	}
	id := ev.TimeZone
	if id == "" {
		id = "Asia/Tokyo"
	}
	if len(slots) == 0 {
		return zone{}
	}
	abbr, off := slots[0].Start.In(loc).Zone()
	first, last := slots[0].Start.Year(), slots[len(slots)-1].Start.Year()
	for y := first - 1; y <= last+1; y++ {
		for _, mo := range []time.Month{time.January, time.April, time.July, time.October} {
			if _, o := time.Date(y, mo, 1, 12, 0, 0, 0, loc).Zone(); o != off {
				return zone{}
			}
		}
	}
	for _, s := range slots {
		if _, o := s.Start.In(loc).Zone(); o != off {
			return zone{}
		}
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return zone{id: id, offset: fmt.Sprintf("%c%02d%02d", sign, off/3600, off%3600/60), abbr: abbr, loc: loc}
}

// lineWriter writes content lines, folded and CRLF-terminated. The first
// write error sticks and stops further output.
type lineWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

// prop writes "NAME:value"; value must already be escaped as its type
// requires (escapeText for TEXT).
func (lw *lineWriter) prop(name, value string) {
	if lw.err != nil {
		return
	}
	lw.buf = appendFolded(lw.buf[:0], name+":"+value)
	_, lw.err = lw.w.Write(lw.buf)
}

// timeProp writes a DATE-TIME in z: local with TZID, or UTC with "Z".
func (lw *lineWriter) timeProp(name string, t time.Time, z zone) {
	if z.id == "" {
		lw.prop(name, t.UTC().Format("20060102T150405Z"))
		return
	}
	lw.prop(name+";TZID="+z.id, t.In(z.loc).Format("20060102T150405"))
}

// appendFolded appends line to dst folded as RFC 5545 section 3.1 asks: no
// physical line longer than 75 octets (CRLF excluded), continuation lines
// starting with one space, a break never inside a UTF-8 sequence, and CRLF
// after the last part.
func appendFolded(dst []byte, line string) []byte {
	limit := MaxLineOctets
	for len(line) > limit {
		cut := limit
		// Back up to the start of a UTF-8 sequence: continuation bytes are
		// 10xxxxxx.
		for cut > 0 && line[cut]&0xC0 == 0x80 {
			cut--
		}
		dst = append(dst, line[:cut]...)
		dst = append(dst, "\r\n "...)
		line = line[cut:]
		limit = MaxLineOctets - 1 // the leading space counts
	}
	dst = append(dst, line...)
	return append(dst, "\r\n"...)
}

// escapeText escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma are backslash-escaped, line breaks become \n, and other
// control characters, which the format forbids, are dropped.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(ch)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if ch < 0x20 && ch != '\t' || ch == 0x7f {
				continue
			}
			b.WriteByte(ch)
		}
	}
	return b.String()
}
