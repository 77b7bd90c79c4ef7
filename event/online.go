package event

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Contact is how participants reach the organizer (the secretariat).
type Contact struct {
	Name  Text   `json:"name,omitzero"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// SMTPSettings name the server notifications are sent through. The
// password is never stored: it is read from the environment variable
// SMTPPasswordEnv when the outbox is sent.
type SMTPSettings struct {
	Host     string `json:"host,omitempty"`
	Port     int    `json:"port,omitempty"`     // default 587
	StartTLS bool   `json:"starttls,omitempty"` // require STARTTLS
	User     string `json:"user,omitempty"`
	From     string `json:"from,omitempty"` // sender address; default the contact e-mail
}

// SMTPPasswordEnv is the environment variable holding the SMTP password.
const SMTPPasswordEnv = "PITCHMATCH_SMTP_PASSWORD"

// Configured reports whether notifications can be sent by SMTP.
func (s SMTPSettings) Configured() bool { return strings.TrimSpace(s.Host) != "" }

// Addr is host:port, the port 587 when unset.
func (s SMTPSettings) Addr() string {
	p := s.Port
	if p <= 0 {
		p = 587
	}
	return fmt.Sprintf("%s:%d", strings.TrimSpace(s.Host), p)
}

// CheckPortalURL validates the organizer's public portal address: an
// absolute http(s) URL without a fragment.
func CheckPortalURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return Errorf(EInvalid, "ポータルURLは http:// または https:// で始まる絶対URLにしてください",
			"portal URL %q must be an absolute http(s) URL without a fragment", raw)
	}
	return nil
}

// DefaultScoutFields are the startup fields scouts see unless the organizer
// chooses: every profile field but the contact e-mail, the meeting cap and
// the organizer's private notes.
func DefaultScoutFields() []string {
	var out []string
	for _, f := range StartupFields() {
		switch {
		case f.Name == "contact_email", f.Name == "max_meetings", f.Private:
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

// PublishedToScouts is the schema of the startup fields the event
// publishes to scouts (event.ScoutFields, else DefaultScoutFields); the
// meeting cap and private fields (notes) are never among them.
func PublishedToScouts(e *Event) []Field {
	names := e.ScoutFields
	if names == nil {
		names = DefaultScoutFields()
	}
	all := StartupFields()
	var out []Field
	for _, n := range names {
		for _, f := range all {
			if f.Name == n && n != "max_meetings" && !f.Private {
				out = append(out, f)
			}
		}
	}
	return out
}

// ScoutStartup is what a scout may see of s under the event's published
// fields: a copy holding only those fields (always the ID and name).
func ScoutStartup(e *Event, s *Startup) *Startup { return ScoutStartupWith(PublishedToScouts(e), s) }

// ScoutStartupWith is ScoutStartup with the published fields computed once
// (PublishedToScouts), for lists.
func ScoutStartupWith(fields []Field, s *Startup) *Startup {
	out := &Startup{ID: s.ID, Name: s.Name}
	for i := range fields {
		fields[i].Copy(out, s)
	}
	return out
}

// Notification kinds: the changes that concern a participant.
const (
	NoticeRequest   = "request"   // a scout requested a meeting with the startup
	NoticeProposed  = "proposed"  // a meeting was proposed
	NoticeMoved     = "moved"     // a meeting moved to another slot or table
	NoticeConfirmed = "confirmed" // a meeting was confirmed
	NoticeCancelled = "cancelled" // a meeting was cancelled or declined
	NoticeMoveAsked = "move_asked"
)

// Mail is one queued notification e-mail in the event file's outbox. It is
// sent (SMTP) or exported (.eml) later; queueing never waits for a server.
type Mail struct {
	ID        int64           `json:"id"`
	CreatedAt time.Time       `json:"created_at"`
	Kind      string          `json:"kind"` // a Notice… kind
	ToKind    ParticipantKind `json:"to_kind"`
	ToID      string          `json:"to_id"`
	ToAddr    string          `json:"to_addr"`
	Lang      Lang            `json:"lang"`
	Subject   string          `json:"subject"`
	Body      string          `json:"body"`
	ICS       string          `json:"ics,omitempty"` // the meeting as iCalendar, attached
	MeetingID int64           `json:"meeting_id,omitempty"`
	Attempts  int             `json:"attempts"`
	LastError string          `json:"last_error,omitempty"`
	NextAt    time.Time       `json:"next_at"`
	SentAt    time.Time       `json:"sent_at,omitzero"`
}
