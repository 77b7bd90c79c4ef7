// Package notify turns the changes that concern a participant (a meeting
// request received; a meeting proposed, moved, confirmed or cancelled) into
// e-mails in the participant's language with the meeting as an .ics
// attachment, queues them in the event file's outbox (storage), and sends
// the outbox through the SMTP server named in the event settings — or
// exports it as .eml files when there is none.
//
// Queueing is a local write; sending runs apart from any request (Run in
// `pitchmatch serve`, or `pitchmatch outbox --send`), is retried with
// back-off, and a mail leaves the outbox only when the server accepted it:
// with the server down nothing is lost and the outbox sends later.
package notify

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
	"pitchmatch/storage"
)

// text is a bilingual text of the mails.
func text(key string) event.Text {
	switch key {
	case event.NoticeRequest:
		return event.T("面談リクエストが届きました", "You received a meeting request")
	case event.NoticeProposed:
		return event.T("面談が提案されました", "A meeting was proposed")
	case event.NoticeMoved:
		return event.T("面談の時間・場所が変更されました", "A meeting was moved")
	case event.NoticeConfirmed:
		return event.T("面談が確定しました", "A meeting was confirmed")
	case event.NoticeCancelled:
		return event.T("面談がキャンセルされました", "A meeting was cancelled")
	case event.NoticeMoveAsked:
		return event.T("面談の時間変更が依頼されました", "A change of time was asked for a meeting")
	case "with":
		return event.T("相手", "With")
	case "when":
		return event.T("日時", "When")
	case "where":
		return event.T("テーブル", "Table")
	case "theme":
		return event.T("テーマ", "Theme")
	case "status":
		return event.T("状態", "Status")
	case "message":
		return event.T("メッセージ", "Message")
	case "portal":
		return event.T("ポータルで承諾・辞退できます", "Accept or decline it in the portal")
	case "footer":
		return event.T("このメールは PitchMatch から自動送信されています。", "This e-mail was sent automatically by PitchMatch.")
	}
	return event.T(key, key)
}

// KindOf is the notification a change from prev to m is (prev nil: never
// notified), or "" when the change needs no mail (held, no-show).
func KindOf(prev *storage.NoticeState, m *event.Meeting) string {
	if prev == nil {
		switch m.Status {
		case event.StatusProposed:
			return event.NoticeProposed
		case event.StatusConfirmed:
			return event.NoticeConfirmed
		}
		return ""
	}
	switch {
	case m.Status == event.StatusCancelled || m.Status == event.StatusDeclined:
		if prev.Status == event.StatusCancelled || prev.Status == event.StatusDeclined {
			return ""
		}
		return event.NoticeCancelled
	case m.Status == event.StatusHeld || m.Status == event.StatusNoShow:
		return ""
	case prev.Slot != m.Slot || prev.Table != m.Table:
		return event.NoticeMoved
	case m.Status == event.StatusConfirmed && prev.Status != event.StatusConfirmed:
		return event.NoticeConfirmed
	case m.Status == event.StatusProposed && prev.Status == event.StatusConfirmed:
		return event.NoticeMoveAsked
	case m.Status == event.StatusProposed && (prev.Status == event.StatusCancelled || prev.Status == event.StatusDeclined):
		return event.NoticeProposed
	}
	return ""
}

func langOf(r storage.Recipient, ev *event.Event) event.Lang {
	if r.Lang != "" {
		return event.ParseLang(string(r.Lang))
	}
	if ev != nil && ev.DefaultLanguage != "" {
		return ev.DefaultLanguage
	}
	return event.Ja
}

// Compose is storage.QueueNotices' compose: one mail per recipient of each
// change that needs one.
func Compose(due []storage.NoticeDue) ([]event.Mail, error) {
	var out []event.Mail
	for _, d := range due {
		kind := KindOf(d.Prev, &d.Meeting)
		if kind == "" || len(d.Recipients) == 0 {
			continue
		}
		for _, r := range d.Recipients {
			lang := langOf(r, d.Event)
			ics, err := MeetingICS(d, r.Kind)
			if err != nil {
				return nil, err
			}
			subj, body := meetingText(kind, d, r, lang)
			out = append(out, event.Mail{Kind: kind, ToKind: r.Kind, ToID: r.ID, ToAddr: r.Addr, Lang: lang, Subject: subj, Body: body,
				ICS: ics, MeetingID: d.Meeting.ID})
		}
	}
	return out, nil
}

func meetingText(kind string, d storage.NoticeDue, r storage.Recipient, lang event.Lang) (subject, body string) {
	ev := d.Event
	if ev == nil {
		ev = &event.Event{}
	}
	name := ev.Name.In(lang)
	subject = text(kind).In(lang)
	if name != "" {
		subject = "[" + name + "] " + subject
	}
	other := d.Company.Name.In(lang)
	if r.Kind == event.KindCompany {
		other = d.Startup.Name.In(lang)
	}
	var b strings.Builder
	if r.Kind == event.KindCompany && r.Name != "" {
		fmt.Fprintf(&b, "%s %s\n\n", r.Name, map[event.Lang]string{event.Ja: "様", event.En: ""}[lang])
	}
	b.WriteString(text(kind).In(lang) + "\n\n")
	fmt.Fprintf(&b, "%s: %s\n", text("with").In(lang), other)
	if d.Theme != nil {
		fmt.Fprintf(&b, "%s: %s\n", text("theme").In(lang), d.Theme.Title.In(lang))
	}
	slots := ev.Slots()
	if m := d.Meeting; m.Slot >= 0 && m.Slot < len(slots) {
		s := slots[m.Slot]
		fmt.Fprintf(&b, "%s: %s–%s\n", text("when").In(lang), s.Start.Format("2006-01-02 15:04"), s.End.Format("15:04"))
	}
	fmt.Fprintf(&b, "%s: %d\n", text("where").In(lang), d.Meeting.Table+1)
	fmt.Fprintf(&b, "%s: %s\n", text("status").In(lang), event.MeetingStatuses.Label(string(d.Meeting.Status), lang))
	if ev.Venue.In(lang) != "" {
		fmt.Fprintf(&b, "%s\n", ev.Venue.In(lang))
	}
	if kind == event.NoticeProposed || kind == event.NoticeMoved {
		b.WriteString("\n" + text("portal").In(lang) + "\n")
	}
	if ev.PortalURL != "" {
		b.WriteString(ev.PortalURL + "\n")
	}
	b.WriteString("\n-- \n" + text("footer").In(lang) + "\n")
	if c := ev.Contact; c.Email != "" || c.Name.In(lang) != "" {
		fmt.Fprintf(&b, "%s %s %s\n", c.Name.In(lang), c.Email, c.Phone)
	}
	return subject, b.String()
}

// MeetingICS is the meeting as one iCalendar file for the side (cancelled
// meetings carry STATUS:CANCELLED so calendars drop them).
func MeetingICS(d storage.NoticeDue, side event.ParticipantKind) (string, error) {
	dd := &docs.Data{Event: d.Event, Startups: []*event.Startup{d.Startup}, Companies: []*event.Company{d.Company},
		Meetings: []event.Meeting{d.Meeting}}
	if d.Theme != nil {
		dd.Themes = []*event.Theme{d.Theme}
	}
	if dd.Event == nil {
		dd.Event = &event.Event{}
	}
	id := d.Meeting.StartupID
	if side == event.KindCompany {
		id = d.Meeting.CompanyID
	}
	var buf bytes.Buffer
	if err := ical.Write(context.Background(), &buf, dd, docs.Scope{Kind: side, ID: id}, ical.Options{Now: time.Now()}); err != nil {
		return "", fmt.Errorf("calendar of meeting %d: %w", d.Meeting.ID, err)
	}
	return buf.String(), nil
}

// RequestMail is the mail telling a startup it received a meeting request.
func RequestMail(ev *event.Event, st *event.Startup, co *event.Company, th *event.Theme, message string, lang event.Lang) (event.Mail, bool) {
	if st.ContactEmail == "" {
		return event.Mail{}, false
	}
	if ev == nil {
		ev = &event.Event{}
	}
	if lang == "" {
		lang = langOf(storage.Recipient{}, ev)
	}
	subj := text(event.NoticeRequest).In(lang)
	if n := ev.Name.In(lang); n != "" {
		subj = "[" + n + "] " + subj
	}
	var b strings.Builder
	b.WriteString(text(event.NoticeRequest).In(lang) + "\n\n")
	fmt.Fprintf(&b, "%s: %s\n", text("with").In(lang), co.Name.In(lang))
	if th != nil {
		fmt.Fprintf(&b, "%s: %s\n", text("theme").In(lang), th.Title.In(lang))
	}
	if message != "" {
		fmt.Fprintf(&b, "%s:\n%s\n", text("message").In(lang), message)
	}
	b.WriteString("\n" + text("portal").In(lang) + "\n")
	if ev.PortalURL != "" {
		b.WriteString(ev.PortalURL + "\n")
	}
	b.WriteString("\n-- \n" + text("footer").In(lang) + "\n")
	return event.Mail{Kind: event.NoticeRequest, ToKind: event.KindStartup, ToID: st.ID, ToAddr: st.ContactEmail, Lang: lang,
		Subject: subj, Body: b.String()}, true
}
