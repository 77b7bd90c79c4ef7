package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// Outbox is the store's outbox as the sender uses it; *storage.DB
// implements it.
type Outbox interface {
	Event(ctx context.Context) (*event.Event, error)
	PendingMail(ctx context.Context, t time.Time, limit int) ([]event.Mail, error)
	MarkMailSent(ctx context.Context, id int64, t time.Time) error
	MarkMailFailed(ctx context.Context, id int64, cause string, next time.Time) error
	QueueNotices(ctx context.Context, limit int, compose func([]storage.NoticeDue) ([]event.Mail, error)) (int, error)
	QueueProgrammeNotices(ctx context.Context, compose func(*storage.ProgrammeDue) ([]event.Mail, error)) (int, error)
}

// Sender sends the outbox by SMTP.
type Sender struct {
	// Getenv reads the SMTP password (event.SMTPPasswordEnv); default
	// os.Getenv.
	Getenv func(string) string
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Dial opens the connection; default net.DialTimeout with 10 s.
	Dial func(ctx context.Context, addr string) (net.Conn, error)
}

// Backoff is the wait before retry n (1-based): 1, 2, 4 … minutes, at
// most an hour.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Report says what one Send did.
type Report struct {
	Sent, Failed int
	LastError    string
}

// Send delivers the due mails of the outbox, one SMTP session per mail
// (so one refused address does not stop the others). A mail that fails is
// kept with its error and tried again after Backoff. Without SMTP settings
// it sends nothing and says so.
func (s *Sender) Send(ctx context.Context, box Outbox) (Report, error) {
	var rep Report
	ev, err := box.Event(ctx)
	if err != nil {
		return rep, err
	}
	if !ev.SMTP.Configured() {
		return rep, event.Errorf(event.EUnavailable, "SMTPサーバーが設定されていません（.eml に書き出せます）",
			"no SMTP server in the event settings (export the outbox as .eml instead)")
	}
	now := s.now()
	mails, err := box.PendingMail(ctx, now, 200)
	if err != nil {
		return rep, err
	}
	for _, m := range mails {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := s.sendOne(ctx, ev, m); err != nil {
			rep.Failed++
			rep.LastError = err.Error()
			if merr := box.MarkMailFailed(ctx, m.ID, err.Error(), s.now().Add(Backoff(m.Attempts+1))); merr != nil {
				return rep, merr
			}
			continue
		}
		if err := box.MarkMailSent(ctx, m.ID, s.now()); err != nil {
			return rep, err
		}
		rep.Sent++
	}
	return rep, nil
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func from(ev *event.Event) string {
	if ev.SMTP.From != "" {
		return ev.SMTP.From
	}
	if ev.Contact.Email != "" {
		return ev.Contact.Email
	}
	return "pitchmatch@localhost"
}

func (s *Sender) sendOne(ctx context.Context, ev *event.Event, m event.Mail) error {
	cfg := ev.SMTP
	addr := cfg.Addr()
	host, _, _ := net.SplitHostPort(addr)
	dial := s.Dial
	if dial == nil {
		dial = func(ctx context.Context, addr string) (net.Conn, error) {
			d := net.Dialer{Timeout: 10 * time.Second}
			return d.DialContext(ctx, "tcp", addr)
		}
	}
	conn, err := dial(ctx, addr)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	defer c.Close()
	if err := c.Hello("pitchmatch.localhost"); err != nil {
		return fmt.Errorf("smtp %s: hello: %w", addr, err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return fmt.Errorf("smtp %s: starttls: %w", addr, err)
		}
	} else if cfg.StartTLS {
		return fmt.Errorf("smtp %s: the server does not offer STARTTLS, which the settings require", addr)
	}
	if cfg.User != "" {
		get := s.Getenv
		if get == nil {
			get = os.Getenv
		}
		pass := get(event.SMTPPasswordEnv)
		if err := c.Auth(smtp.PlainAuth("", cfg.User, pass, host)); err != nil {
			return fmt.Errorf("smtp %s: login as %s: %w", addr, cfg.User, err)
		}
	}
	sender := from(ev)
	if err := c.Mail(sender); err != nil {
		return fmt.Errorf("smtp %s: MAIL FROM: %w", addr, err)
	}
	if err := c.Rcpt(m.ToAddr); err != nil {
		return fmt.Errorf("smtp %s: RCPT TO %s: %w", addr, m.ToAddr, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp %s: DATA: %w", addr, err)
	}
	if _, err := w.Write(Message(m, sender, s.now())); err != nil {
		return fmt.Errorf("smtp %s: write: %w", addr, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	return c.Quit()
}

// Message is the RFC 5322 message of m: UTF-8 text in the recipient's
// language and, when the mail carries one, the meeting as a text/calendar
// attachment (invite.ics). Lines end in CRLF.
func Message(m event.Mail, sender string, now time.Time) []byte {
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", sender)
	h("To", m.ToAddr)
	h("Subject", mime.BEncoding.Encode("UTF-8", m.Subject))
	h("Date", now.Format(time.RFC1123Z))
	h("Message-ID", fmt.Sprintf("<outbox-%d-%s@pitchmatch>", m.ID, randHex(6)))
	h("MIME-Version", "1.0")
	h("Content-Language", string(m.Lang))
	h("Auto-Submitted", "auto-generated")
	body := base64Lines(m.Body)
	if m.ICS == "" {
		h("Content-Type", "text/plain; charset=UTF-8")
		h("Content-Transfer-Encoding", "base64")
		b.WriteString("\r\n" + body)
		return b.Bytes()
	}
	boundary := "pm-" + randHex(12)
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\n--" + boundary + "\r\n")
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + body)
	b.WriteString("--" + boundary + "\r\n")
	method := "PUBLISH"
	b.WriteString("Content-Type: text/calendar; charset=UTF-8; method=" + method + "; name=\"invite.ics\"\r\n")
	b.WriteString("Content-Disposition: attachment; filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.WriteString(base64Lines(m.ICS))
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}

func base64Lines(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}

func randHex(n int) string {
	buf := make([]byte, n)
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

// ExportEML writes every unsent mail as an .eml file in dir (created if
// missing), named by outbox ID; the mails stay in the outbox. It returns the
// files written.
func ExportEML(ctx context.Context, box Outbox, dir string) ([]string, error) {
	ev, err := box.Event(ctx)
	if err != nil {
		return nil, err
	}
	mails, err := box.PendingMail(ctx, time.Time{}, 0)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export outbox: %w", err)
	}
	var files []string
	for _, m := range mails {
		p := filepath.Join(dir, fmt.Sprintf("%06d-%s-%s.eml", m.ID, m.ToKind, safeName(m.ToID)))
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, Message(m, from(ev), m.CreatedAt), 0o644); err != nil {
			return files, fmt.Errorf("export outbox: %w", err)
		}
		if err := os.Rename(tmp, p); err != nil {
			return files, fmt.Errorf("export outbox: %w", err)
		}
		files = append(files, p)
	}
	return files, nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, s)
}

// Run queues the notices of new changes and sends the outbox every
// interval until ctx ends. Errors are reported to report (and retried on
// the next round); it never stops for them.
func Run(ctx context.Context, box Outbox, s *Sender, interval time.Duration, report func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := box.QueueNotices(ctx, 1000, Compose); err != nil && report != nil {
			report(err)
		}
		if _, err := box.QueueProgrammeNotices(ctx, ComposeProgramme); err != nil && report != nil {
			report(err)
		}
		if ev, err := box.Event(ctx); err == nil && ev.SMTP.Configured() {
			if rep, err := s.Send(ctx, box); err != nil && report != nil {
				report(err)
			} else if rep.Failed > 0 && report != nil {
				report(fmt.Errorf("outbox: %d mails not sent yet: %s", rep.Failed, rep.LastError))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
