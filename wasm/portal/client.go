package portal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// Transport sends one HTTP request and returns the status and body. err is
// for failures to reach the server at all (offline), never for HTTP errors.
// In the browser it is fetch(); the token goes in the Authorization header.
type Transport func(ctx context.Context, method, path string, body []byte) (status int, resp []byte, err error)

// ErrOffline wraps transport failures: the request did not reach the server.
var ErrOffline = errors.New("offline")

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
		return api.DecodeError(status, resp)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp, out); err != nil {
		return fmt.Errorf("%s %s: bad response: %w", method, path, err)
	}
	return nil
}

// Me loads the link's startup.
func (c *Client) Me(ctx context.Context) (*event.Startup, error) {
	var s event.Startup
	if err := c.call(ctx, "GET", api.PathMe, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// SaveMe stores s (whose Version must be the one loaded). On a stale
// version it returns the stored record and an *api.Error with code conflict.
func (c *Client) SaveMe(ctx context.Context, s *event.Startup) (saved, current *event.Startup, err error) {
	var out event.Startup
	err = c.call(ctx, "PUT", api.PathMe, api.StartupBody(s), &out)
	if err == nil {
		return &out, nil, nil
	}
	var ae *api.Error
	if errors.As(err, &ae) && ae.Code == event.EConflict {
		if cur, cerr := ae.CurrentStartup(); cerr == nil && cur != nil {
			return nil, cur, err
		}
	}
	return nil, nil, err
}

// Themes loads the themes, companies and event settings.
func (c *Client) Themes(ctx context.Context) (*api.Themes, error) {
	var d api.Themes
	if err := c.call(ctx, "GET", api.PathThemes, nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Interests loads the startup's applications.
func (c *Client) Interests(ctx context.Context) (*api.Interests, error) {
	var in api.Interests
	if err := c.call(ctx, "GET", api.PathInterests, nil, &in); err != nil {
		return nil, err
	}
	return &in, nil
}

// SetInterest sets one theme's statement (api.InterestApply, …NoThanks or
// …None) and returns the startup's statements as stored after it.
func (c *Client) SetInterest(ctx context.Context, themeID, state string) (*api.Interests, error) {
	var out api.Interests
	if err := c.call(ctx, "PUT", api.PathInterests+"/"+url.PathEscape(themeID), api.InterestItem{State: state}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Meetings loads the startup's meetings.
func (c *Client) Meetings(ctx context.Context) (*api.Meetings, error) {
	var d api.Meetings
	if err := c.call(ctx, "GET", api.PathMeetings, nil, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

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
