package notify

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
	"pitchmatch/storage"
)

// Programme notification kinds (event.Mail.Kind).
const (
	NoticeDecision         = "decision"          // a company decided on a startup's application
	NoticeSessionScheduled = "session_scheduled" // acceleration sessions were placed
	NoticeSessionMoved     = "session_moved"     // a session moved to another time
	NoticeSessionCancelled = "session_cancelled" // a session was cancelled
)

func progText(key string) event.Text {
	switch key {
	case NoticeDecision:
		return event.T("選考結果のお知らせ", "Your application's screening result")
	case "decision_changed":
		return event.T("選考結果が変更されました", "Your application's screening result was changed")
	case NoticeSessionScheduled:
		return event.T("アクセラレーションセッションの日程が決まりました", "Your acceleration sessions were scheduled")
	case NoticeSessionMoved:
		return event.T("アクセラレーションセッションの日時が変更されました", "An acceleration session was moved")
	case NoticeSessionCancelled:
		return event.T("アクセラレーションセッションが中止になりました", "An acceleration session was cancelled")
	case "applied_to":
		return event.T("応募先", "Applied to")
	case "result":
		return event.T("結果", "Result")
	case "sessions":
		return event.T("セッション", "Sessions")
	case "note":
		return event.T("メモ", "Note")
	case "ics":
		return event.T("カレンダー(.ics)を添付しています。以前に取り込んだ予定は同じ予定として更新されます。",
			"The calendar (.ics) is attached; entries imported earlier are updated, not duplicated.")
	case "portal_result":
		return event.T("詳細はポータルでご確認ください", "See the details in the portal")
	}
	return text(key)
}

// SessionKindOf is the notification a session's change from prev is (prev
// nil: never notified), or "" when it needs no mail (held, a note).
func SessionKindOf(prev *storage.SessionNotice, s *event.Session) string {
	switch {
	case s.Status == event.SessionHeld:
		return ""
	case s.Status == event.SessionCancelled:
		if prev == nil || prev.Status == event.SessionCancelled {
			return ""
		}
		return NoticeSessionCancelled
	case prev == nil || prev.Status == event.SessionCancelled:
		return NoticeSessionScheduled
	case !prev.Start.Equal(s.Start):
		return NoticeSessionMoved
	}
	return ""
}

// ComposeProgramme is storage.QueueProgrammeNotices' compose: a mail to
// the startup for each decision, with the company's message in the
// startup's language; and for the sessions, one mail per recipient, pair
// and kind of change (the sessions placed for a pair come together), with
// the sessions as an .ics attachment that keeps their UIDs.
func ComposeProgramme(due *storage.ProgrammeDue) ([]event.Mail, error) {
	ev := due.Event
	if ev == nil {
		ev = &event.Event{}
	}
	var out []event.Mail
	for _, d := range due.Decisions {
		for _, r := range d.Recipients {
			out = append(out, decisionMail(ev, &d, r))
		}
	}
	type group struct {
		kind string
		r    storage.Recipient
		due  []storage.SessionDue
	}
	var groups []*group
	index := map[string]*group{}
	for _, d := range due.Sessions {
		kind := SessionKindOf(d.Prev, &d.Session)
		if kind == "" {
			continue
		}
		for _, r := range d.Recipients {
			key := strings.Join([]string{kind, string(r.Kind), r.ID, r.Addr, d.Session.StartupID, d.Session.CompanyID}, "\x00")
			g := index[key]
			if g == nil {
				g = &group{kind: kind, r: r}
				index[key] = g
				groups = append(groups, g)
			}
			g.due = append(g.due, d)
		}
	}
	for _, g := range groups {
		m, err := sessionMail(ev, g.kind, g.r, g.due)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func subjectOf(ev *event.Event, t event.Text, lang event.Lang) string {
	s := t.In(lang)
	if n := ev.Name.In(lang); n != "" {
		s = "[" + n + "] " + s
	}
	return s
}

func footer(b *strings.Builder, ev *event.Event, lang event.Lang) {
	if ev.PortalURL != "" {
		b.WriteString("\n" + progText("portal_result").In(lang) + "\n" + ev.PortalURL + "\n")
	}
	b.WriteString("\n-- \n" + text("footer").In(lang) + "\n")
	if c := ev.Contact; c.Email != "" || c.Name.In(lang) != "" {
		fmt.Fprintf(b, "%s %s %s\n", c.Name.In(lang), c.Email, c.Phone)
	}
}

// inLang is t in lang, else in the other language.
func inLang(t event.Text, lang event.Lang) string {
	if lang == event.En && t.En != "" || lang != event.En && t.Ja != "" {
		return t.In(lang)
	}
	if t.Ja != "" {
		return t.Ja
	}
	return t.En
}

func decisionMail(ev *event.Event, d *storage.DecisionDue, r storage.Recipient) event.Mail {
	lang := langOf(r, ev)
	head := progText(NoticeDecision)
	if d.Prev != "" && d.Prev != d.App.Decision {
		head = progText("decision_changed")
	}
	theme := d.App.ThemeID
	if d.Theme != nil {
		theme = inLang(d.Theme.Title, lang)
	}
	company := d.App.CompanyID
	if d.Company != nil {
		company = inLang(d.Company.Name, lang)
	}
	var b strings.Builder
	if d.Startup != nil {
		if lang == event.Ja {
			fmt.Fprintf(&b, "%s 御中\n\n", inLang(d.Startup.Name, lang))
		} else {
			fmt.Fprintf(&b, "Dear %s,\n\n", inLang(d.Startup.Name, lang))
		}
	}
	b.WriteString(head.In(lang) + "\n\n")
	fmt.Fprintf(&b, "%s: %s — %s\n", progText("applied_to").In(lang), company, theme)
	fmt.Fprintf(&b, "%s: %s\n", progText("result").In(lang), event.DecisionLabel(d.App.Decision).In(lang))
	if msg := inLang(d.App.Message, lang); msg != "" {
		fmt.Fprintf(&b, "\n%s:\n%s\n", text("message").In(lang), msg)
	}
	footer(&b, ev, lang)
	return event.Mail{Kind: NoticeDecision, ToKind: r.Kind, ToID: r.ID, ToAddr: r.Addr, Lang: lang,
		Subject: subjectOf(ev, event.T(head.Ja+": "+inLang(titleOf(d.Theme, d.App.ThemeID), event.Ja), head.En+": "+inLang(titleOf(d.Theme, d.App.ThemeID), event.En)), lang),
		Body:    b.String()}
}

func titleOf(t *event.Theme, id string) event.Text {
	if t == nil || t.Title.IsZero() {
		return event.T(id, id)
	}
	return t.Title
}

// when formats a session time in the event's zone: "2027-03-09 (火) 10:00–11:00".
func when(t time.Time, minutes int, loc *time.Location, lang event.Lang) string {
	t = t.In(loc)
	return docs.DateLabel(t, lang) + " " + t.Format("15:04") + "–" + t.Add(time.Duration(minutes)*time.Minute).Format("15:04")
}

func sessionMail(ev *event.Event, kind string, r storage.Recipient, due []storage.SessionDue) (event.Mail, error) {
	lang := langOf(r, ev)
	loc := ev.Location()
	sort.SliceStable(due, func(i, j int) bool { return due[i].Session.Number < due[j].Session.Number })
	first := due[0]
	other := ""
	if r.Kind == event.KindCompany {
		if first.Startup != nil {
			other = inLang(first.Startup.Name, lang)
		}
	} else if first.Company != nil {
		other = inLang(first.Company.Name, lang)
	}
	var b strings.Builder
	if r.Kind == event.KindCompany && r.Name != "" {
		fmt.Fprintf(&b, "%s %s\n\n", r.Name, map[event.Lang]string{event.Ja: "様", event.En: ""}[lang])
	}
	b.WriteString(progText(kind).In(lang) + "\n\n")
	fmt.Fprintf(&b, "%s: %s\n", text("with").In(lang), other)
	if first.Theme != nil {
		fmt.Fprintf(&b, "%s: %s\n", text("theme").In(lang), inLang(first.Theme.Title, lang))
	}
	fmt.Fprintf(&b, "\n%s:\n", progText("sessions").In(lang))
	sessions := make([]event.Session, len(due))
	for i, d := range due {
		s := d.Session
		sessions[i] = s
		n := fmt.Sprintf("#%d", s.Number)
		if lang == event.Ja {
			n = fmt.Sprintf("第%d回", s.Number)
		}
		switch kind {
		case NoticeSessionMoved:
			fmt.Fprintf(&b, "  %s  %s → %s  %s\n", n, when(d.Prev.Start, s.Minutes, loc, lang), when(s.Start, s.Minutes, loc, lang), event.ModeLabel(s.Mode).In(lang))
		case NoticeSessionCancelled:
			fmt.Fprintf(&b, "  %s  %s  %s\n", n, when(s.Start, s.Minutes, loc, lang), event.T("中止", "cancelled").In(lang))
		default:
			fmt.Fprintf(&b, "  %s  %s  %s\n", n, when(s.Start, s.Minutes, loc, lang), event.ModeLabel(s.Mode).In(lang))
		}
		if s.Note != "" {
			fmt.Fprintf(&b, "      %s: %s\n", progText("note").In(lang), s.Note)
		}
	}
	b.WriteString("\n" + progText("ics").In(lang) + "\n")
	footer(&b, ev, lang)
	names := func(f func(*storage.SessionDue) event.Text) func(string) event.Text {
		return func(string) event.Text { return f(&first) }
	}
	var ics bytes.Buffer
	err := ical.WriteSessions(context.Background(), &ics, ev, event.T("アクセラレーション", "Acceleration sessions"), sessions, ical.SessionNames{
		Startup: names(func(d *storage.SessionDue) event.Text { return nameOr(d.Startup.Name, d.Session.StartupID) }),
		Company: names(func(d *storage.SessionDue) event.Text { return nameOr(d.Company.Name, d.Session.CompanyID) }),
		Theme:   names(func(d *storage.SessionDue) event.Text { return titleOf(d.Theme, d.Session.ThemeID) }),
	}, ical.Options{Now: time.Now()})
	if err != nil {
		return event.Mail{}, fmt.Errorf("calendar of sessions %s: %w", first.Session.UID, err)
	}
	return event.Mail{Kind: kind, ToKind: r.Kind, ToID: r.ID, ToAddr: r.Addr, Lang: lang,
		Subject: subjectOf(ev, progText(kind), lang), Body: b.String(), ICS: ics.String()}, nil
}

func nameOr(t event.Text, id string) event.Text {
	if t.IsZero() {
		return event.T(id, id)
	}
	return t
}
