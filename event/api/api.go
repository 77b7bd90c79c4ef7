package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
)

// Routes of the portal API. The /me routes act for the startup the bearer
// token reaches.
const (
	// Prefix starts every API route.
	Prefix = "/api/"
	// PathMe is GET and PUT of the link's startup: an event.Startup body.
	// A PUT must carry the version it loaded; a stale one answers 409 with
	// the stored record in [Error.Current].
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
