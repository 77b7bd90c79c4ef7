package ical

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"pitchmatch/event"
)

// SessionNames gives the names shown in acceleration-session entries.
type SessionNames struct {
	Startup func(id string) event.Text
	Company func(id string) event.Text
	Theme   func(id string) event.Text
}

// WriteSessions writes acceleration sessions (event.Session) as one
// calendar. Each session keeps its UID across moves and cancellations and
// carries its Sequence, so a calendar that imported an earlier file
// updates the entry instead of adding one; a cancelled session is written
// with STATUS:CANCELLED.
func WriteSessions(ctx context.Context, w io.Writer, ev *event.Event, name event.Text, sessions []event.Session, names SessionNames, opts Options) error {
	bw := bufio.NewWriterSize(w, 8<<10)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	slots := make([]event.Slot, len(sessions))
	for i, s := range sessions {
		slots[i] = event.Slot{Start: s.Start, End: s.End()}
	}
	c := &calWriter{bw: bw, lw: lineWriter{w: bw}, opts: opts, stamp: now.UTC().Format("20060102T150405Z"), tz: zoneOf(ev, slots)}
	c.begin(name)
	for i := range sessions {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s := &sessions[i]
		sn, cn, tt := both(names.Startup(s.StartupID)), both(names.Company(s.CompanyID)), both(names.Theme(s.ThemeID))
		lw := &c.lw
		lw.prop("BEGIN", "VEVENT")
		lw.prop("UID", escapeText(s.UID))
		lw.prop("SEQUENCE", fmt.Sprint(max(s.Sequence, 0)))
		lw.prop("DTSTAMP", c.stamp)
		if !s.UpdatedAt.IsZero() {
			lw.prop("LAST-MODIFIED", s.UpdatedAt.UTC().Format("20060102T150405Z"))
		}
		lw.timeProp("DTSTART", s.Start, c.tz)
		lw.timeProp("DTEND", s.End(), c.tz)
		lw.prop("SUMMARY", escapeText(fmt.Sprintf("アクセラレーション第%d回 Session %d: %s × %s", s.Number, s.Number, sn, cn)))
		mode := event.ModeLabel(s.Mode)
		lw.prop("LOCATION", escapeText(mode.Ja+" / "+mode.En))
		desc := fmt.Sprintf("テーマ Theme: %s\nスタートアップ Startup: %s [%s]\n企業 Company: %s [%s]", tt, sn, s.StartupID, cn, s.CompanyID)
		if s.Note != "" {
			desc += "\nメモ Note: " + s.Note
		}
		lw.prop("DESCRIPTION", escapeText(desc))
		switch s.Status {
		case event.SessionCancelled:
			lw.prop("STATUS", "CANCELLED")
			lw.prop("TRANSP", "TRANSPARENT")
		default:
			lw.prop("STATUS", "CONFIRMED")
			lw.prop("TRANSP", "OPAQUE")
		}
		lw.prop("X-PITCHMATCH-STARTUP", escapeText(s.StartupID))
		lw.prop("X-PITCHMATCH-COMPANY", escapeText(s.CompanyID))
		lw.prop("END", "VEVENT")
	}
	if err := c.end(); err != nil {
		return err
	}
	return bw.Flush()
}

func both(t event.Text) string {
	switch {
	case t.Ja == "" || t.Ja == t.En:
		return t.En
	case t.En == "":
		return t.Ja
	}
	return t.Ja + " / " + t.En
}
