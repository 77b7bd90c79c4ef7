package notify

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// TestProgrammeMails: a decision reaches the startup in its language with
// the company's message; the sessions placed for a pair reach both sides
// as one mail each with the series as .ics; a move and a cancellation are
// mailed once with the same UIDs (SEQUENCE bumped, STATUS:CANCELLED);
// held sessions and notes send nothing; a changed decision is mailed as a
// change; every mail goes through SMTP with a parseable calendar.
func TestProgrammeMails(t *testing.T) {
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f := newFixture(t, addr)
	jst := time.FixedZone("JST", 9*3600)
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	p := &event.Programme{
		Stages:          []event.Stage{{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)}},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}}},
	}
	if err := f.db.SaveProgramme(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	queue := func(want int) []event.Mail {
		t.Helper()
		before, _ := f.db.Outbox(ctx)
		n, err := f.db.QueueProgrammeNotices(ctx, ComposeProgramme)
		if err != nil || n != want {
			t.Fatalf("queued %d %v, want %d", n, err, want)
		}
		after, _ := f.db.Outbox(ctx)
		return after[len(before):]
	}
	queue(0) // nothing decided yet
	a, err := f.db.Apply(ctx, "startup:S1", d(1, 25), "S1", "T1", event.T("術中出血を減らす", "Less bleeding"), nil)
	if err != nil {
		t.Fatal(err)
	}
	queue(0) // applied, not decided
	if _, err := f.db.DecideApplication(ctx, "organizer", a.ID, event.DecisionSelected,
		event.T("採択おめでとうございます。初回は3月です。", "Congratulations; the first session is in March."), 0); err != nil {
		t.Fatal(err)
	}
	ms := queue(1)
	if m := ms[0]; m.Kind != NoticeDecision || m.ToAddr != "info@alpha.example.jp" || m.Lang != event.Ja ||
		!strings.Contains(m.Subject, "選考結果") || !strings.Contains(m.Subject, "手術合併症の解決") ||
		!strings.Contains(m.Body, "採択おめでとうございます") || !strings.Contains(m.Body, "結果: 採択") || !strings.Contains(m.Body, "メドテックα 御中") {
		t.Fatalf("decision mail: %+v", m)
	}
	queue(0)

	placed, _, err := f.db.ScheduleSessions(ctx, "organizer")
	if err != nil || len(placed) != 6 {
		t.Fatalf("placed %d %v", len(placed), err)
	}
	ms = queue(2) // one mail per side with the six sessions
	for _, m := range ms {
		if m.Kind != NoticeSessionScheduled || strings.Count(m.ICS, "BEGIN:VEVENT") != 6 {
			t.Fatalf("scheduled mail: %s %s %d events", m.Kind, m.ToAddr, strings.Count(m.ICS, "BEGIN:VEVENT"))
		}
		for _, s := range placed {
			if !strings.Contains(m.ICS, "UID:"+s.UID) {
				t.Fatalf("mail to %s lacks %s", m.ToAddr, s.UID)
			}
		}
		switch m.ToAddr {
		case "info@alpha.example.jp":
			if !strings.Contains(m.Body, "第1回") || !strings.Contains(m.Body, "(火) 10:00–11:00") || !strings.Contains(m.Body, "大手医療機器") {
				t.Errorf("startup's sessions mail:\n%s", m.Body)
			}
		case "jane@bigdevice.example.com":
			if m.Lang != event.En || !strings.Contains(m.Body, "#6") || !strings.Contains(m.Body, "(Tue) 10:00–11:00") || !strings.Contains(m.Body, "MedTech Alpha") {
				t.Errorf("scout's sessions mail:\n%s", m.Body)
			}
		default:
			t.Errorf("mail to %s", m.ToAddr)
		}
	}
	queue(0)

	moved := placed[1]
	to := moved.Start.Add(2 * 24 * time.Hour)
	if _, err := f.db.StepSession(ctx, "organizer", moved.ID, event.SessionMove, to, "", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.StepSession(ctx, "organizer", placed[2].ID, event.SessionCancel, time.Time{}, "", 0); err != nil {
		t.Fatal(err)
	}
	ms = queue(4)
	kinds := map[string]int{}
	for _, m := range ms {
		kinds[m.Kind]++
		switch m.Kind {
		case NoticeSessionMoved:
			if !strings.Contains(m.ICS, "UID:"+moved.UID) || !strings.Contains(m.ICS, "SEQUENCE:1") || strings.Count(m.ICS, "BEGIN:VEVENT") != 1 ||
				!strings.Contains(m.Body, "→") {
				t.Errorf("moved mail:\n%s\n%s", m.Body, m.ICS)
			}
		case NoticeSessionCancelled:
			if !strings.Contains(m.ICS, "UID:"+placed[2].UID) || !strings.Contains(m.ICS, "STATUS:CANCELLED") {
				t.Errorf("cancelled mail:\n%s", m.ICS)
			}
		}
	}
	if kinds[NoticeSessionMoved] != 2 || kinds[NoticeSessionCancelled] != 2 {
		t.Fatalf("kinds %v", kinds)
	}
	queue(0)
	// Held and a note: no mail.
	if _, err := f.db.StepSession(ctx, "organizer", placed[0].ID, event.SessionHold, time.Time{}, "", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.StepSession(ctx, "organizer", placed[3].ID, event.SessionNote, time.Time{}, "資料を共有", 0); err != nil {
		t.Fatal(err)
	}
	queue(0)
	// A changed decision is mailed as a change, in the startup's portal language.
	if err := f.db.SetPortalLang(ctx, event.KindStartup, "S1", event.En); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.DecideApplication(ctx, "organizer", a.ID, event.DecisionWaitlist, event.T("", "You are on the waiting list."), 0); err != nil {
		t.Fatal(err)
	}
	ms = queue(1)
	if m := ms[0]; m.Lang != event.En || !strings.Contains(m.Subject, "was changed") || !strings.Contains(m.Body, "Result: Waitlist") ||
		!strings.Contains(m.Body, "waiting list") {
		t.Fatalf("changed decision: %+v", m)
	}

	// Everything goes out through SMTP with a calendar that parses.
	sk := startSink(t, addr)
	s := &Sender{Now: func() time.Time { return time.Now().Add(time.Minute) }, Getenv: func(string) string { return "" }}
	rep, err := s.Send(ctx, f.db)
	if err != nil || rep.Sent != 8 {
		t.Fatalf("sent %+v %v, want 8", rep, err)
	}
	calendars := 0
	for _, m := range sk.got() {
		pm := parse(t, m)
		if pm.ics != "" {
			calendars++
			checkICS(t, pm.ics, placed[indexOfUID(pm.ics, placed)].UID)
		}
	}
	if calendars != 6 {
		t.Errorf("%d mails with a calendar, want 6", calendars)
	}
	if rows, _ := f.db.PendingMail(ctx, time.Time{}, 0); len(rows) != 0 {
		t.Errorf("%d mails left", len(rows))
	}
}

func indexOfUID(ics string, l []event.Session) int {
	for i, s := range l {
		if strings.Contains(ics, "UID:"+s.UID) {
			return i
		}
	}
	return 0
}

func TestSessionKindOf(t *testing.T) {
	at := time.Date(2027, 3, 9, 10, 0, 0, 0, time.UTC)
	s := func(st event.SessionStatus, start time.Time) *event.Session {
		return &event.Session{Status: st, Start: start}
	}
	n := func(st event.SessionStatus, start time.Time) *storage.SessionNotice {
		return &storage.SessionNotice{Status: st, Start: start}
	}
	for _, c := range []struct {
		prev *storage.SessionNotice
		s    *event.Session
		want string
	}{
		{nil, s(event.SessionScheduled, at), NoticeSessionScheduled},
		{nil, s(event.SessionHeld, at), ""},
		{nil, s(event.SessionCancelled, at), ""},
		{n(event.SessionScheduled, at), s(event.SessionScheduled, at), ""},
		{n(event.SessionScheduled, at), s(event.SessionScheduled, at.Add(time.Hour)), NoticeSessionMoved},
		{n(event.SessionScheduled, at), s(event.SessionCancelled, at), NoticeSessionCancelled},
		{n(event.SessionCancelled, at), s(event.SessionCancelled, at), ""},
		{n(event.SessionScheduled, at), s(event.SessionHeld, at), ""},
		{n(event.SessionCancelled, at), s(event.SessionScheduled, at), NoticeSessionScheduled},
	} {
		if got := SessionKindOf(c.prev, c.s); got != c.want {
			t.Errorf("%+v → %+v: %q, want %q", c.prev, c.s, got, c.want)
		}
	}
}
