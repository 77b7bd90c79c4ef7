package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// TestAuthorisationMatrix checks every route against each kind of token:
// the startup's own, another startup's, none, malformed, expired, revoked.
func TestAuthorisationMatrix(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	ctx := context.Background()
	own := f.invite("S1", time.Hour)
	other := f.invite("S2", time.Hour)
	expired := f.invite("S1", time.Minute)
	revoked := f.invite("S1", time.Hour)
	if err := f.db.RevokeToken(ctx, api.HashToken(revoked)); err != nil {
		t.Fatal(err)
	}
	f.clock.t = time.Now().Add(2 * time.Minute) // past expired's expiry, within the others'

	s1 := f.me(own)
	put := api.StartupBody(s1)
	routes := []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/me", nil},
		{"GET", "/api/v1/themes", nil},
		{"GET", "/api/v1/me/interests", nil},
		{"GET", "/api/v1/me/meetings", nil},
		{"GET", "/api/v1/me/meetings.ics", nil},
		{"GET", "/api/v1/startups/S1", nil},
		{"GET", "/api/v1/startups/S1/meetings", nil},
		{"GET", "/api/v1/startups/S1/interests", nil},
		{"PUT", "/api/v1/startups/S1/interests/T1", map[string]any{"state": "apply"}},
		{"PUT", "/api/v1/me/interests/T2", map[string]any{"state": "none"}},
	}
	tokens := []struct {
		name, token string
		want        func(path string) int // status for GET routes
	}{
		{"own", own, func(string) int { return 200 }},
		{"other", other, func(p string) int {
			if strings.HasPrefix(p, "/api/v1/startups/S1") {
				return 403
			}
			return 200
		}},
		{"none", "", func(string) int { return 401 }},
		{"garbage", "not-a-token", func(string) int { return 401 }},
		{"expired", expired, func(string) int { return 401 }},
		{"revoked", revoked, func(string) int { return 401 }},
	}
	for _, tk := range tokens {
		for _, rt := range routes {
			t.Run(tk.name+" "+rt.method+" "+rt.path, func(t *testing.T) {
				r := f.do(rt.method, rt.path, tk.token, rt.body)
				if want := tk.want(rt.path); r.status != want {
					t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
				}
				if r.status != 200 {
					e := r.apiErr(t)
					if e.Code == "" || e.Message == "" {
						t.Fatalf("error without code or message: %s", r.body)
					}
				}
				if r.status == 200 && strings.Contains(string(r.body), "Beta Medical") && tk.name == "own" {
					t.Fatalf("S1's token sees S2's data: %s", r.body)
				}
				if r.status == 200 && tk.name == "other" && (strings.Contains(string(r.body), "MedTech Alpha") || strings.Contains(string(r.body), "メドテックα")) {
					t.Fatalf("S2's token sees S1's data: %s", r.body)
				}
			})
		}
		t.Run(tk.name+" PUT /me", func(t *testing.T) {
			r := f.do("PUT", "/api/v1/startups/S1", tk.token, put)
			want := map[string]int{"own": 200, "other": 403, "none": 401, "garbage": 401, "expired": 401, "revoked": 401}[tk.name]
			if r.status != want {
				t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
			}
			if r.status == 200 {
				var s event.Startup
				json.Unmarshal(r.body, &s)
				put["version"] = s.Version
			}
		})
	}
	// Another startup's token cannot reach S1 by naming it in the body.
	body := map[string]any{"id": "S1", "version": 1, "name": map[string]string{"ja": "乗っ取り"}}
	if r := f.do("PUT", "/api/v1/me", other, body); r.status != 403 {
		t.Fatalf("PUT /me with other id: %d %s", r.status, r.body)
	}
	if s := f.me(own); s.Name.Ja != "メドテックα" {
		t.Fatalf("S1 changed by S2's token: %+v", s.Name)
	}
	// S2's meetings and calendar hold only S2's meeting.
	r := f.do("GET", "/api/v1/me/meetings", other, nil)
	var mr api.Meetings
	if err := json.Unmarshal(r.body, &mr); err != nil {
		t.Fatal(err)
	}
	if len(mr.Meetings) != 1 || mr.Meetings[0].CompanyID != "C2" {
		t.Fatalf("S2 meetings: %+v", mr.Meetings)
	}
	ics := f.do("GET", "/api/v1/me/meetings.ics", other, nil)
	if strings.Contains(string(ics.body), "BigDevice") || strings.Count(string(ics.body), "BEGIN:VEVENT") != 1 {
		t.Fatalf("S2 calendar:\n%s", ics.body)
	}
}

func TestUnauthorisedMessages(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	tok := f.invite("S1", time.Hour)
	if err := f.db.RevokeStartupTokens(ctx, "S1"); err != nil {
		t.Fatal(err)
	}
	r := f.do("GET", "/api/v1/me", tok, nil)
	if e := r.apiErr(t); r.status != 401 || e.Code != event.EUnauthorized || !strings.Contains(e.Message, "revoked") {
		t.Fatalf("revoked: %d %+v", r.status, e)
	}
	r = f.do("GET", "/api/v1/me", "", nil)
	if e := r.apiErr(t); r.status != 401 || !strings.Contains(e.Message, "private link") {
		t.Fatalf("no token: %d %+v", r.status, e)
	}
}

func TestValidationErrors(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	s := f.me(tok)
	base := func() map[string]any { return api.StartupBody(s) }
	cases := []struct {
		name      string
		body      any
		status    int
		field     string
		fieldCode string
	}{
		{"name too long", func() any {
			b := base()
			b["name"] = map[string]string{"ja": strings.Repeat("あ", event.MaxNameLen+1)}
			return b
		}(), 422, "name.ja", event.FieldTooLong},
		{"name missing", func() any { b := base(); delete(b, "name"); return b }(), 422, "name", event.FieldRequired},
		{"unknown area", func() any { b := base(); b["areas"] = []string{"cardiovascular", "astrology"}; return b }(), 422, "areas[1]", event.FieldUnknown},
		{"bad e-mail", func() any { b := base(); b["contact_email"] = "not an address"; return b }(), 422, "contact_email", event.FieldFormat},
		{"founded out of range", func() any { b := base(); b["founded"] = 1800; return b }(), 422, "founded", event.FieldRange},
		{"no version", func() any { b := base(); delete(b, "version"); return b }(), 422, "version", event.FieldRequired},
		{"unknown field", func() any { b := base(); b["is_admin"] = true; return b }(), 400, "is_admin", ""},
		{"wrong type", func() any { b := base(); b["headcount"] = "many"; return b }(), 400, "headcount", ""},
		{"malformed", `{"version": 1,`, 400, "body", ""},
		{"two objects", `{"version":1}{"version":2}`, 400, "body", ""},
		{"array", `[1,2]`, 400, "body", ""},
		{"invisible name", func() any { b := base(); b["name"] = map[string]string{"ja": "\u200b", "en": "\u202e"}; return b }(), 422, "name.en", event.FieldControl},
		{"zero-width only", func() any { b := base(); b["name"] = map[string]string{"ja": "\u200b\u200b", "en": ""}; return b }(), 422, "name", event.FieldInvisible},
		{"NUL name", func() any { b := base(); b["name"] = map[string]string{"ja": "\x00"}; return b }(), 422, "name.ja", event.FieldControl},
		{"control in summary", func() any { b := base(); b["product_summary"] = map[string]string{"ja": "a\x1bb"}; return b }(), 422, "product_summary.ja", event.FieldControl},
		{"invalid UTF-8", []byte("{\"version\":1,\"name\":{\"ja\":\"\xff\",\"en\":\"\"}}"), 422, "name.ja", event.FieldFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do("PUT", "/api/v1/me", tok, c.body)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			e := r.apiErr(t)
			if e.Field != c.field {
				t.Fatalf("field %q, want %q: %s", e.Field, c.field, r.body)
			}
			if c.fieldCode != "" {
				found := false
				for _, fe := range e.Errors {
					found = found || fe.Field == c.field && fe.Code == c.fieldCode
				}
				if !found || e.Code != event.EInvalid {
					t.Fatalf("want %s/%s in %s", c.field, c.fieldCode, r.body)
				}
			}
		})
	}
	if got := f.me(tok); got.Version != s.Version {
		t.Fatalf("a rejected update was stored: version %d → %d", s.Version, got.Version)
	}
	// Interests: unknown and duplicate themes.
	r := f.do("PUT", "/api/v1/me/interests", tok, map[string]any{"apply": []string{"T1", "T9", "T1"}, "version": "x"})
	e := r.apiErr(t)
	if r.status != 422 || len(e.Errors) != 2 || e.Errors[0].Field != "apply[1]" || e.Errors[1].Code != event.FieldDup {
		t.Fatalf("interests: %d %s", r.status, r.body)
	}
}

func TestStaleVersionConflict(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.invite("S1", time.Hour)
	s := f.me(tok)
	v0 := s.Version

	first := *s
	first.ProductName = event.T("心電AI", "ECG AI")
	r := f.do("PUT", "/api/v1/me", tok, api.StartupBody(&first))
	if r.status != 200 {
		t.Fatalf("first save: %d %s", r.status, r.body)
	}
	var saved event.Startup
	json.Unmarshal(r.body, &saved)
	if saved.Version != v0+1 || saved.ProductName.Ja != "心電AI" {
		t.Fatalf("saved %+v", saved)
	}

	second := *s // still carries v0
	second.Headcount = 12
	r = f.do("PUT", "/api/v1/me", tok, api.StartupBody(&second))
	if r.status != 409 {
		t.Fatalf("stale save: %d %s", r.status, r.body)
	}
	e := r.apiErr(t)
	if e.Code != event.EConflict {
		t.Fatalf("code %q", e.Code)
	}
	cur, err := e.CurrentStartup()
	if err != nil || cur == nil {
		t.Fatalf("409 current: %v %s", err, r.body)
	}
	if cur.Version != v0+1 || cur.ProductName.Ja != "心電AI" || cur.Headcount != 0 {
		t.Fatalf("409 current = %+v", cur)
	}
	// Resending on top of the current version keeps both changes.
	cur.Headcount = 12
	if r := f.do("PUT", "/api/v1/me", tok, api.StartupBody(cur)); r.status != 200 {
		t.Fatalf("merged save: %d %s", r.status, r.body)
	}
	if got := f.me(tok); got.Headcount != 12 || got.ProductName.Ja != "心電AI" || got.Version != v0+2 {
		t.Fatalf("after merge: %+v", got)
	}
}

func TestBodyLimit(t *testing.T) {
	f := newFixture(t, Options{MaxBody: 4 << 10})
	tok := f.invite("S1", time.Hour)
	s := f.me(tok)
	big := fmt.Sprintf(`{"version":%d,"name":{"ja":"x"},"product_summary":{"ja":%q}}`, s.Version, strings.Repeat("a", 5<<10))
	r := f.do("PUT", "/api/v1/me", tok, big)
	if r.status != http.StatusRequestEntityTooLarge || r.apiErr(t).Code != event.ETooLarge {
		t.Fatalf("big body: %d %s", r.status, r.body)
	}
	r = f.do("PUT", "/api/v1/me/interests", tok, `{"apply":[`+strings.Repeat(`"T1",`, 2000)+`"T1"]}`)
	if r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("big interests body: %d %s", r.status, r.body)
	}
	// Just under the limit is accepted.
	ok := fmt.Sprintf(`{"version":%d,"name":{"ja":"x"},"product_summary":{"ja":%q}}`, s.Version, strings.Repeat("a", 3<<10))
	if r := f.do("PATCH", "/api/v1/me", tok, ok); r.status != 200 {
		t.Fatalf("body under the limit: %d %s", r.status, r.body)
	}
}

func TestRateLimitPerToken(t *testing.T) {
	f := newFixture(t, Options{RatePerSecond: 1, RateBurst: 3})
	a := f.invite("S1", time.Hour)
	b := f.invite("S2", time.Hour)
	for i := 0; i < 3; i++ {
		if r := f.do("GET", "/api/v1/me", a, nil); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := f.do("GET", "/api/v1/me", a, nil)
	if r.status != 429 || r.header.Get("Retry-After") == "" || r.apiErr(t).Code != event.ERateLimited {
		t.Fatalf("4th request: %d %v %s", r.status, r.header, r.body)
	}
	if r := f.do("GET", "/api/v1/me", b, nil); r.status != 200 {
		t.Fatalf("another token is limited too: %d", r.status)
	}
	f.clock.t = f.clock.t.Add(1100 * time.Millisecond)
	if r := f.do("GET", "/api/v1/me", a, nil); r.status != 200 {
		t.Fatalf("after refill: %d", r.status)
	}
}

func TestInterestsRoundTrip(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.invite("S1", time.Hour)
	v0 := api.InterestsVersion(nil, nil)
	r := f.do("PUT", "/api/v1/me/interests", tok, api.Interests{Apply: []string{"T2", "T1"}, NoThanks: []string{}, Version: v0})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var got api.Interests
	json.Unmarshal(f.do("GET", "/api/v1/me/interests", tok, nil).body, &got)
	if strings.Join(got.Apply, ",") != "T1,T2" || len(got.NoThanks) != 0 {
		t.Fatalf("interests %+v", got)
	}
	all, err := f.db.Interests(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range all {
		if in.StartupID == "S1" && in.Kind == event.InterestApply && in.By == event.KindStartup {
			n++
			if in.CompanyID == "" {
				t.Fatalf("interest without company: %+v", in)
			}
		}
	}
	if n != 2 {
		t.Fatalf("stored %d applications, want 2", n)
	}
	// Replacing with one application removes the other.
	f.do("PUT", "/api/v1/me/interests", tok, api.Interests{Apply: []string{"T1"}, NoThanks: []string{"T2"}, Version: got.Version})
	json.Unmarshal(f.do("GET", "/api/v1/me/interests", tok, nil).body, &got)
	if strings.Join(got.Apply, ",") != "T1" || strings.Join(got.NoThanks, ",") != "T2" {
		t.Fatalf("after replace %+v", got)
	}
}

func TestMeetingsAndCalendar(t *testing.T) {
	f := newFixture(t, Options{})
	tok := f.invite("S1", time.Hour)
	var mr api.Meetings
	if err := json.Unmarshal(f.do("GET", "/api/v1/me/meetings", tok, nil).body, &mr); err != nil {
		t.Fatal(err)
	}
	if len(mr.Meetings) != 1 {
		t.Fatalf("meetings %+v", mr.Meetings)
	}
	m := mr.Meetings[0]
	// Slot 1 of a day starting 10:00 with 30-minute slots, in Tokyo.
	if m.Start.UTC().Format(time.RFC3339) != "2026-10-14T01:30:00Z" || m.Table != 1 || m.Company.En != "BigDevice Corp" {
		t.Fatalf("meeting %+v", m)
	}
	r := f.do("GET", "/api/v1/me/meetings.ics", tok, nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("ics: %d %v", r.status, r.header)
	}
	body := string(r.body)
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "DTSTART;TZID=Asia/Tokyo:20261014T103000\r\n",
		"DTEND;TZID=Asia/Tokyo:20261014T110000\r\n", "BEGIN:VTIMEZONE\r\n", "UID:" + m.UID + "\r\n", "STATUS:CONFIRMED\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(body, want) {
			t.Fatalf("ics lacks %q:\n%s", want, body)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line over 75 octets: %q", line)
		}
		if strings.Contains(line, "\n") {
			t.Fatalf("bare LF in %q", line)
		}
	}
}
