package notify

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// sink is a local SMTP server inside the test process: it accepts every
// mail and keeps it.
type sink struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []sunk
	wg   sync.WaitGroup
}

type sunk struct {
	from, to string
	data     []byte
}

func startSink(t *testing.T, addr string) *sink {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &sink{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() { defer s.wg.Done(); s.serve(c) }()
		}
	}()
	t.Cleanup(s.stop)
	return s
}

func (s *sink) stop() { s.ln.Close(); s.wg.Wait() }

func (s *sink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { io.WriteString(c, l+"\r\n") }
	say("220 sink ESMTP")
	var cur sunk
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-sink")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			cur = sunk{from: strings.TrimSpace(line[10:])}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			cur.to = strings.Trim(strings.TrimSpace(line[8:]), "<>")
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var data []byte
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data = append(data, strings.TrimPrefix(l, ".")...)
			}
			cur.data = data
			s.mu.Lock()
			s.msgs = append(s.msgs, cur)
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *sink) got() []sunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sunk(nil), s.msgs...)
}

// parsed is a sunk message read back as a mail client would.
type parsed struct {
	to, subject, lang, body, ics string
}

func parse(t *testing.T, m sunk) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(m.data)))
	if err != nil {
		t.Fatalf("message: %v\n%s", err, m.data)
	}
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	p := parsed{to: msg.Header.Get("To"), subject: subj, lang: msg.Header.Get("Content-Language")}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	readPart := func(r io.Reader, enc string) string {
		b, _ := io.ReadAll(r)
		if strings.EqualFold(enc, "base64") {
			d, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			return string(d)
		}
		return string(b)
	}
	if mt != "multipart/mixed" {
		p.body = readPart(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		content := readPart(part, part.Header.Get("Content-Transfer-Encoding"))
		if strings.HasPrefix(part.Header.Get("Content-Type"), "text/calendar") {
			p.ics = content
		} else {
			p.body = content
		}
	}
	return p
}

// checkICS parses the calendar: balanced components, one VEVENT with the
// meeting's UID and a start.
func checkICS(t *testing.T, ics, uid string) string {
	t.Helper()
	if !strings.Contains(ics, "\r\n") {
		t.Errorf("ics lines must end in CRLF")
	}
	var stack []string
	status := ""
	var sawUID, sawStart bool
	for _, l := range strings.Split(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n") {
		k, v, _ := strings.Cut(l, ":")
		name, _, _ := strings.Cut(k, ";")
		switch name {
		case "BEGIN":
			stack = append(stack, v)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != v {
				t.Fatalf("unbalanced END:%s in %s", v, ics)
			}
			stack = stack[:len(stack)-1]
		case "UID":
			sawUID = sawUID || v == uid
		case "DTSTART":
			sawStart = true
		case "STATUS":
			status = v
		}
	}
	if len(stack) != 0 || !sawUID || !sawStart {
		t.Fatalf("ics: open %v uid %v start %v\n%s", stack, sawUID, sawStart, ics)
	}
	return status
}

type fixture struct {
	db  *storage.DB
	m   *event.Meeting
	now time.Time
}

func newFixture(t *testing.T, smtpAddr string) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	host, port, _ := net.SplitHostPort(smtpAddr)
	p, _ := strconv.Atoi(port)
	b := &event.Batch{
		Event: &event.Event{Name: event.T("ジャパン・ヘルスケアベンチャー・サミット", "Japan Healthcare Venture Summit"), Venue: event.T("パシフィコ横浜", "Pacifico Yokohama"),
			TimeZone: "Asia/Tokyo", SlotMinutes: 30, Tables: 4, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 8}},
			Contact: event.Contact{Name: event.T("事務局", "Secretariat"), Email: "office@jhvs.example.jp"},
			SMTP:    event.SMTPSettings{Host: host, Port: p}, PortalURL: "https://portal.example.jp/"},
		Startups:  []*event.Startup{{ID: "S1", Name: event.T("メドテックα", "MedTech Alpha"), ContactEmail: "info@alpha.example.jp"}},
		Companies: []*event.Company{{ID: "C1", Name: event.T("大手医療機器", "BigDevice Corp")}},
		Themes:    []*event.Theme{{ID: "T1", CompanyID: "C1", Title: event.T("手術合併症の解決", "Surgical complications")}},
	}
	if err := db.Import(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
	if _, err := api.NewScoutInvite(ctx, db, "C1", "Jane Smith", "https://portal.example.jp/", time.Hour,
		api.ScoutContact{Email: "jane@bigdevice.example.com", Lang: event.En}); err != nil {
		t.Fatal(err)
	}
	m := &event.Meeting{StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 2, Table: 1, Status: event.StatusProposed}
	if err := db.SaveMeeting(ctx, "organizer", m); err != nil {
		t.Fatal(err)
	}
	return &fixture{db: db, m: m, now: time.Now()}
}

// TestOutboxThroughSink: each kind of change reaches the sink with the
// right recipient, language and a parseable .ics; with the sink down
// nothing is lost and the outbox sends later; no change is told twice.
func TestOutboxThroughSink(t *testing.T) {
	ctx := context.Background()
	// Reserve an address, then close it: the sink is down at first.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f := newFixture(t, addr)
	clock := f.now
	s := &Sender{Now: func() time.Time { return clock }, Getenv: func(string) string { return "" }}

	n, err := f.db.QueueNotices(ctx, 0, Compose)
	if err != nil || n != 2 {
		t.Fatalf("queued %d %v, want 2 (startup and scout)", n, err)
	}
	if n, _ := f.db.QueueNotices(ctx, 0, Compose); n != 0 {
		t.Fatalf("the same change queued again: %d", n)
	}
	clock = time.Now().Add(time.Second)
	rep, err := s.Send(ctx, f.db)
	if err != nil || rep.Sent != 0 || rep.Failed != 2 {
		t.Fatalf("sink down: %+v %v", rep, err)
	}
	pending, _ := f.db.PendingMail(ctx, time.Time{}, 0)
	if len(pending) != 2 || pending[0].Attempts != 1 || pending[0].LastError == "" {
		t.Fatalf("after failure: %+v", pending)
	}
	// Not due yet: nothing is tried.
	if rep, _ := s.Send(ctx, f.db); rep.Failed+rep.Sent != 0 {
		t.Errorf("retried before the back-off: %+v", rep)
	}
	sk := startSink(t, addr)
	clock = clock.Add(Backoff(1) + time.Second)
	if rep, err := s.Send(ctx, f.db); err != nil || rep.Sent != 2 {
		t.Fatalf("sink up: %+v %v", rep, err)
	}
	if p, _ := f.db.PendingMail(ctx, time.Time{}, 0); len(p) != 0 {
		t.Fatalf("still pending %+v", p)
	}

	// Move, confirm, cancel; and a request received.
	cur, _ := f.db.Meeting(ctx, f.m.ID)
	cur.Slot = 5
	if err := f.db.SaveMeeting(ctx, "organizer", cur); err != nil {
		t.Fatal(err)
	}
	step := func(act event.MeetingAction) {
		if _, err := f.db.QueueNotices(ctx, 0, Compose); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.ActOnMeeting(ctx, "organizer", storage.MeetingStep{ID: f.m.ID, By: event.KindOrganizer, Action: act}); err != nil {
			t.Fatal(err)
		}
	}
	step(event.ActConfirm)
	step(event.ActCancel)
	if _, err := f.db.QueueNotices(ctx, 0, Compose); err != nil {
		t.Fatal(err)
	}
	ev, _ := f.db.Event(ctx)
	st, _ := f.db.Startup(ctx, "S1")
	co, _ := f.db.Company(ctx, "C1")
	th, _ := f.db.Theme(ctx, "T1")
	rm, ok := RequestMail(ev, st, co, th, "ぜひお話を", "")
	if !ok {
		t.Fatal("no request mail")
	}
	if err := f.db.Enqueue(ctx, []event.Mail{rm}); err != nil {
		t.Fatal(err)
	}
	clock = time.Now().Add(time.Second)
	if rep, err := s.Send(ctx, f.db); err != nil || rep.Sent != 7 {
		t.Fatalf("second round: %+v %v", rep, err)
	}
	type key struct{ to, kind string }
	seen := map[key]bool{}
	uid := cur.UID
	for _, m := range sk.got() {
		p := parse(t, m)
		if p.to != m.to {
			t.Errorf("To %q but RCPT %q", p.to, m.to)
		}
		var kind string
		for _, k := range []string{event.NoticeRequest, event.NoticeProposed, event.NoticeMoved, event.NoticeConfirmed, event.NoticeCancelled} {
			tx := text(k)
			if strings.HasSuffix(p.subject, tx.Ja) || strings.HasSuffix(p.subject, tx.En) {
				kind = k
			}
		}
		switch m.to {
		case "info@alpha.example.jp":
			if p.lang != "ja" || !strings.HasPrefix(p.subject, "[ジャパン・ヘルスケアベンチャー・サミット] ") || !strings.Contains(p.body, "大手医療機器") {
				t.Errorf("startup mail not in Japanese: %+v", p)
			}
		case "jane@bigdevice.example.com":
			if p.lang != "en" || !strings.HasPrefix(p.subject, "[Japan Healthcare Venture Summit] ") || !strings.Contains(p.body, "Jane Smith") ||
				!strings.Contains(p.body, "MedTech Alpha") {
				t.Errorf("scout mail not in English: %+v", p)
			}
		default:
			t.Errorf("mail to %q", m.to)
		}
		if kind != event.NoticeRequest {
			status := checkICS(t, p.ics, uid)
			if (kind == event.NoticeCancelled) != (status == "CANCELLED") {
				t.Errorf("%s mail has calendar status %q", kind, status)
			}
		} else if !strings.Contains(p.body, "ぜひお話を") {
			t.Errorf("request mail lacks the message: %s", p.body)
		}
		seen[key{m.to, kind}] = true
	}
	for _, k := range []string{event.NoticeProposed, event.NoticeMoved, event.NoticeConfirmed, event.NoticeCancelled} {
		for _, to := range []string{"info@alpha.example.jp", "jane@bigdevice.example.com"} {
			if !seen[key{to, k}] {
				t.Errorf("no %s mail to %s", k, to)
			}
		}
	}
	if !seen[key{"info@alpha.example.jp", event.NoticeRequest}] {
		t.Error("no request mail")
	}
}

func TestExportEML(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "127.0.0.1:1")
	if _, err := f.db.QueueNotices(ctx, 0, Compose); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := ExportEML(ctx, f.db, dir)
	if err != nil || len(files) != 2 {
		t.Fatalf("export %v %v", files, err)
	}
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		p := parse(t, sunk{data: data})
		checkICS(t, p.ics, f.m.UID)
	}
	if p, _ := f.db.PendingMail(ctx, time.Time{}, 0); len(p) != 2 {
		t.Errorf("export must leave the mails in the outbox: %d", len(p))
	}
}

func TestKindOfAndBackoff(t *testing.T) {
	m := &event.Meeting{Status: event.StatusProposed, Slot: 1, Table: 0}
	prev := &storage.NoticeState{Status: event.StatusProposed, Slot: 1}
	for _, c := range []struct {
		prev   *storage.NoticeState
		status event.MeetingStatus
		slot   int
		want   string
	}{
		{nil, event.StatusProposed, 1, event.NoticeProposed},
		{nil, event.StatusHeld, 1, ""},
		{prev, event.StatusProposed, 2, event.NoticeMoved},
		{prev, event.StatusConfirmed, 1, event.NoticeConfirmed},
		{prev, event.StatusDeclined, 1, event.NoticeCancelled},
		{&storage.NoticeState{Status: event.StatusConfirmed, Slot: 1}, event.StatusProposed, 1, event.NoticeMoveAsked},
		{prev, event.StatusHeld, 1, ""},
	} {
		m.Status, m.Slot = c.status, c.slot
		if got := KindOf(c.prev, m); got != c.want {
			t.Errorf("%+v → %s slot %d: %q, want %q", c.prev, c.status, c.slot, got, c.want)
		}
	}
	if Backoff(1) != time.Minute || Backoff(3) != 4*time.Minute || Backoff(20) != time.Hour {
		t.Error("backoff")
	}
}
