package portal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"pitchmatch/event"
)

// Transport sends one HTTP request and returns the status and body. err is
// for failures to reach the server at all (offline), never for HTTP errors.
// In the browser it is fetch(); the token goes in the Authorization header.
type Transport func(ctx context.Context, method, path string, body []byte) (status int, resp []byte, err error)

// ErrOffline wraps transport failures: the request did not reach the server.
var ErrOffline = errors.New("offline")

// APIError is an error answer of the server: {code, message, field} plus
// the field errors of a validation failure and the stored record of a 409.
type APIError struct {
	Status  int                `json:"-"`
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Field   string             `json:"field"`
	Errors  []event.FieldError `json:"errors,omitempty"`
	Current json.RawMessage    `json:"current,omitempty"`
}

func (e *APIError) Error() string {
	if e.Field != "" && !strings.HasPrefix(e.Message, e.Field) {
		return fmt.Sprintf("%d %s: %s: %s", e.Status, e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message)
}

// DecodeError reads an error answer; a body that is not the API's JSON
// still gives an error with the status.
func DecodeError(status int, body []byte) *APIError {
	e := &APIError{}
	if err := json.Unmarshal(body, e); err != nil || e.Code == "" {
		e = &APIError{Code: event.EInternal, Message: strings.TrimSpace(string(body))}
		if e.Message == "" {
			e.Message = fmt.Sprintf("HTTP %d", status)
		}
	}
	e.Status = status
	return e
}

// Interests mirrors the API's interests body.
type Interests struct {
	Apply    []string `json:"apply"`
	NoThanks []string `json:"no_thanks"`
}

// PublicEvent mirrors the event settings the API shares.
type PublicEvent struct {
	Name        event.Text         `json:"name"`
	Venue       event.Text         `json:"venue"`
	TimeZone    string             `json:"time_zone"`
	SlotMinutes int                `json:"slot_minutes"`
	Days        []event.Day        `json:"days"`
	Weights     map[string]float64 `json:"weights,omitempty"`
}

// Event returns the settings as an event.Event.
func (p PublicEvent) Event() *event.Event {
	return &event.Event{Name: p.Name, Venue: p.Venue, TimeZone: p.TimeZone, SlotMinutes: p.SlotMinutes, Days: p.Days, Weights: p.Weights}
}

// Company mirrors what the API shares of a company.
type Company struct {
	ID          string     `json:"id"`
	Name        event.Text `json:"name"`
	Description event.Text `json:"description"`
}

// ThemesData is the body of GET /api/v1/themes.
type ThemesData struct {
	Event     PublicEvent    `json:"event"`
	Companies []Company      `json:"companies"`
	Themes    []*event.Theme `json:"themes"`
}

// Meeting mirrors one of the API's meeting views.
type Meeting struct {
	ID        int64               `json:"id"`
	UID       string              `json:"uid"`
	CompanyID string              `json:"company_id"`
	Company   event.Text          `json:"company"`
	ThemeID   string              `json:"theme_id,omitempty"`
	Theme     event.Text          `json:"theme"`
	Slot      int                 `json:"slot"`
	SlotLabel string              `json:"slot_label"`
	Start     time.Time           `json:"start"`
	End       time.Time           `json:"end"`
	Table     int                 `json:"table"`
	Status    event.MeetingStatus `json:"status"`
}

// MeetingsData is the body of GET /api/v1/me/meetings.
type MeetingsData struct {
	Event    PublicEvent `json:"event"`
	Meetings []Meeting   `json:"meetings"`
}

// Client calls the portal API.
type Client struct {
	Send Transport
	Lang event.Lang
}

func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
		body = b
	}
	if c.Lang != "" {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "lang=" + url.QueryEscape(string(c.Lang))
	}
	status, resp, err := c.Send(ctx, method, path, body)
	if err != nil {
		return fmt.Errorf("%s %s: %w: %w", method, path, ErrOffline, err)
	}
	if status < 200 || status > 299 {
		return DecodeError(status, resp)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp, out); err != nil {
		return fmt.Errorf("%s %s: bad response: %w", method, path, err)
	}
	return nil
}

// DecodeStartup reads an answer of GET /api/v1/me fetched elsewhere (the
// page's loader starts that request while the WebAssembly compiles).
func DecodeStartup(status int, body []byte) (*event.Startup, error) {
	if status < 200 || status > 299 {
		return nil, DecodeError(status, body)
	}
	var s event.Startup
	if err := json.Unmarshal(body, &s); err != nil {
		return nil, fmt.Errorf("GET /api/v1/me: bad response: %w", err)
	}
	return &s, nil
}

// Me loads the link's startup.
func (c *Client) Me(ctx context.Context) (*event.Startup, error) {
	var s event.Startup
	if err := c.call(ctx, "GET", "/api/v1/me", nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// SaveMe stores s (whose Version must be the one loaded). On a stale
// version it returns the stored record and an *APIError with code conflict.
func (c *Client) SaveMe(ctx context.Context, s *event.Startup) (saved, current *event.Startup, err error) {
	var out event.Startup
	err = c.call(ctx, "PUT", "/api/v1/me", s, &out)
	if err == nil {
		return &out, nil, nil
	}
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == event.EConflict && len(ae.Current) > 0 {
		var cur event.Startup
		if json.Unmarshal(ae.Current, &cur) == nil {
			return nil, &cur, err
		}
	}
	return nil, nil, err
}

// Themes loads the themes, companies and event settings.
func (c *Client) Themes(ctx context.Context) (*ThemesData, error) {
	var d ThemesData
	if err := c.call(ctx, "GET", "/api/v1/themes", nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Interests loads the startup's applications.
func (c *Client) Interests(ctx context.Context) (*Interests, error) {
	var in Interests
	if err := c.call(ctx, "GET", "/api/v1/me/interests", nil, &in); err != nil {
		return nil, err
	}
	return &in, nil
}

// SetInterests replaces the startup's applications.
func (c *Client) SetInterests(ctx context.Context, in Interests) (*Interests, error) {
	if in.Apply == nil {
		in.Apply = []string{}
	}
	if in.NoThanks == nil {
		in.NoThanks = []string{}
	}
	var out Interests
	if err := c.call(ctx, "PUT", "/api/v1/me/interests", in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Meetings loads the startup's meetings.
func (c *Client) Meetings(ctx context.Context) (*MeetingsData, error) {
	var d MeetingsData
	if err := c.call(ctx, "GET", "/api/v1/me/meetings", nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// ICSPath is the calendar download route.
const ICSPath = "/api/v1/me/meetings.ics"

// TokenFromFragment returns the private-link token of a URL fragment such as
// "t=abc" (without '#'), or "".
func TokenFromFragment(frag string) string {
	q, err := url.ParseQuery(strings.TrimPrefix(frag, "#"))
	if err != nil {
		return ""
	}
	t := q.Get("t")
	if len(t) > 256 {
		return ""
	}
	return t
}
