package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"pitchmatch/event"
)

// Routes of the portal API. The /me routes act for the startup the bearer
// token reaches.
const (
	// Prefix starts every API route.
	Prefix = "/api/"
	// PathMe is GET, PUT and PATCH of the link's startup: an event.Startup
	// body (GET: [StartupJSON], every field). A PUT must carry the version it
	// loaded and every field the startup may edit ([StartupBody]); one left
	// out is a 422 naming it, never a silent clear. A PATCH changes only the
	// fields it names. A stale version answers 409 with the stored record in
	// [Error.Current], unless the body also carries "base" (the record as
	// loaded): then the server merges three-way (event.Merge) and answers
	// 409 only when a field was changed on both sides. A change to an
	// organizer-owned field (max_meetings, id) answers 403 naming it.
	PathMe = "/api/v1/me"
	// PathInterests is GET and PUT of an [Interests] body.
	PathInterests = "/api/v1/me/interests"
	// PathMeetings is GET of a [Meetings] body.
	PathMeetings = "/api/v1/me/meetings"
	// PathMeetingsICS is GET of the startup's meetings as iCalendar
	// (text/calendar, not JSON).
	PathMeetingsICS = "/api/v1/me/meetings.ics"
	// PathThemes is GET of a [Themes] body.
	PathThemes = "/api/v1/themes"
	// PathStartup is the http.ServeMux pattern of the routes that name a
	// startup (the token's own only): the same bodies as [PathMe], and with
	// "/interests" and "/meetings" appended those of [PathInterests] and
	// [PathMeetings].
	PathStartup = "/api/v1/startups/{id}"
)

// Error is the JSON body of every error answer: {code, message, field}
// plus every field problem of a validation error and, with a 409, the
// stored record.
type Error struct {
	Status  int                `json:"-"` // the HTTP status; not in the body
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Field   string             `json:"field"`
	Errors  []event.FieldError `json:"errors,omitempty"`  // every field problem of a validation error
	Current json.RawMessage    `json:"current,omitempty"` // the stored record, with a 409
}

func (e *Error) Error() string {
	if e.Field != "" && !strings.HasPrefix(e.Message, e.Field) {
		return fmt.Sprintf("%d %s: %s: %s", e.Status, e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message)
}

// CurrentStartup decodes the stored startup a 409 of [PathMe] carries; it
// is nil when the body has none.
func (e *Error) CurrentStartup() (*event.Startup, error) {
	if len(e.Current) == 0 {
		return nil, nil
	}
	var s event.Startup
	if err := json.Unmarshal(e.Current, &s); err != nil {
		return nil, fmt.Errorf("conflict: stored record: %w", err)
	}
	return &s, nil
}

// DecodeError reads an error answer with its HTTP status; a body that is
// not the API's JSON still gives an error with the status.
func DecodeError(status int, body []byte) *Error {
	e := &Error{}
	if err := json.Unmarshal(body, e); err != nil || e.Code == "" {
		e = &Error{Code: event.EInternal, Message: strings.TrimSpace(string(body))}
		if e.Message == "" {
			e.Message = fmt.Sprintf("HTTP %d", status)
		}
	}
	e.Status = status
	return e
}

// DecodeStartup reads an answer of GET [PathMe]: the startup, or the
// answer's *Error.
func DecodeStartup(status int, body []byte) (*event.Startup, error) {
	if status < 200 || status > 299 {
		return nil, DecodeError(status, body)
	}
	var s event.Startup
	if err := json.Unmarshal(body, &s); err != nil {
		return nil, fmt.Errorf("GET %s: bad response: %w", PathMe, err)
	}
	return &s, nil
}

// Interests is the body of GET and PUT [PathInterests]: theme IDs the
// startup applies to, and those it declines.
type Interests struct {
	Apply    []string `json:"apply"`
	NoThanks []string `json:"no_thanks"`
	// Version is InterestsVersion of the lists as stored (in answers); a
	// whole-list PUT must carry the version it read, else 409.
	Version string `json:"version,omitempty"`
}

// PublicEvent is the part of the event settings a startup may see (no
// embedding endpoint, no past figures).
type PublicEvent struct {
	Name        event.Text         `json:"name"`
	Venue       event.Text         `json:"venue"`
	TimeZone    string             `json:"time_zone"`
	SlotMinutes int                `json:"slot_minutes"`
	Days        []event.Day        `json:"days"`
	Weights     map[string]float64 `json:"weights,omitempty"`
}

// PublicEventOf is what a startup may see of ev, the scoring weights
// included.
func PublicEventOf(ev *event.Event) PublicEvent {
	return PublicEvent{Name: ev.Name, Venue: ev.Venue, TimeZone: ev.TimeZone, SlotMinutes: ev.SlotMinutes,
		Days: ev.Days, Weights: ev.Weights}
}

// Event returns the settings as an event.Event.
func (p PublicEvent) Event() *event.Event {
	return &event.Event{Name: p.Name, Venue: p.Venue, TimeZone: p.TimeZone, SlotMinutes: p.SlotMinutes,
		Days: p.Days, Weights: p.Weights}
}

// PublicCompany is what a startup sees of a company.
type PublicCompany struct {
	ID          string     `json:"id"`
	Name        event.Text `json:"name"`
	Description event.Text `json:"description"`
}

// PublicCompanyOf is what a startup may see of c.
func PublicCompanyOf(c *event.Company) PublicCompany {
	return PublicCompany{ID: c.ID, Name: c.Name, Description: c.Description}
}

// Company returns the company as an event.Company.
func (c PublicCompany) Company() *event.Company {
	return &event.Company{ID: c.ID, Name: c.Name, Description: c.Description}
}

// Themes is the body of GET [PathThemes]: everything the portal needs to
// list themes and compute the fit preview.
type Themes struct {
	Event     PublicEvent     `json:"event"`
	Companies []PublicCompany `json:"companies"`
	Themes    []*event.Theme  `json:"themes"`
}

// Meeting is one of a startup's meetings as the portal shows it.
type Meeting struct {
	ID        int64               `json:"id"`
	UID       string              `json:"uid"`
	CompanyID string              `json:"company_id"`
	Company   event.Text          `json:"company"`
	ThemeID   string              `json:"theme_id,omitempty"`
	Theme     event.Text          `json:"theme"`
	Slot      int                 `json:"slot"`
	SlotLabel string              `json:"slot_label"`
	Start     time.Time           `json:"start,omitzero"`
	End       time.Time           `json:"end,omitzero"`
	Table     int                 `json:"table"` // 1-based table (booth) number
	Status    event.MeetingStatus `json:"status"`
	Sequence  int                 `json:"sequence"`
}

// Meetings is the body of GET [PathMeetings]. Its Event carries no
// weights.
type Meetings struct {
	Event    PublicEvent `json:"event"`
	Meetings []Meeting   `json:"meetings"`
}

// StartupJSON is the body of GET [PathMe]: every field of the schema (but
// the organizer's private notes) with
// its value, zero values included (event.Startup's own JSON leaves them
// out), so that a client can send every field back.
func StartupJSON(s *event.Startup) map[string]any {
	m := startupFields(s, func(f *event.Field) bool { return !f.Private })
	m["version"] = s.Version
	if !s.UpdatedAt.IsZero() {
		m["updated_at"] = s.UpdatedAt
	}
	return m
}

// StartupBody is the body of a PUT of [PathMe] for s: the id, the version
// it was loaded at and every field a startup may edit (event.EditorStartup),
// zero values included. A PUT that leaves one out is refused (422), and
// organizer-owned fields are not sent: the server refuses a change to them
// (403).
func StartupBody(s *event.Startup) map[string]any {
	m := startupFields(s, func(f *event.Field) bool { return f.EditableBy(event.EditorStartup) })
	m["id"] = s.ID
	m["version"] = s.Version
	return m
}

func startupFields(s *event.Startup, keep func(*event.Field) bool) map[string]any {
	fs := event.StartupFields()
	m := make(map[string]any, len(fs)+2)
	for i := range fs {
		f := &fs[i]
		if !keep(f) {
			continue
		}
		switch {
		case f.Type.Bilingual():
			m[f.Name] = *f.Text(s)
		case f.Type.Number():
			m[f.Name] = *f.Int(s)
		case f.Type == event.TypeDecimal:
			m[f.Name] = *f.Decimal(s)
		case f.Type.List():
			l := *f.List(s)
			if l == nil {
				l = []string{}
			}
			m[f.Name] = l
		default:
			m[f.Name] = *f.String(s)
		}
	}
	return m
}

// InterestStates of PUT [PathInterests]/{theme}: one theme's statement.
const (
	InterestApply    = "apply"
	InterestNoThanks = "no_thanks"
	InterestNone     = "none"
)

// InterestItem is the body of PUT [PathInterests]+"/{theme}": the one
// theme's new state (apply, no_thanks or none). Each theme is written on
// its own, so two tabs or a burst of clicks never erase each other.
type InterestItem struct {
	State string `json:"state"`
}

// InterestsVersion is the version of a startup's set of statements: a hash
// of the sorted lists, so a whole-list PUT can be refused when the set
// changed since it was read.
func InterestsVersion(apply, noThanks []string) string {
	a, n := slices.Clone(apply), slices.Clone(noThanks)
	slices.Sort(a)
	slices.Sort(n)
	h := sha256.New()
	for _, id := range a {
		h.Write([]byte("a:" + id + "\n"))
	}
	for _, id := range n {
		h.Write([]byte("n:" + id + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// PathInterest is the http.ServeMux pattern of one theme's statement.
const PathInterest = PathInterests + "/{theme}"
