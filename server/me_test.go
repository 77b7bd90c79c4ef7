package server

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func TestPutMeOmittingFieldsIsRefused(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	before := f.me(tok)
	r := f.do("PUT", "/api/v1/me", tok, map[string]any{"version": before.Version, "name": map[string]string{"ja": "新社名", "en": ""}})
	if r.status != 422 {
		t.Fatalf("partial PUT: %d %s", r.status, r.body)
	}
	e := r.apiErr(t)
	var named []string
	for _, fe := range e.Errors {
		if fe.Code != event.FieldRequired || fe.Message.En == "" {
			t.Fatalf("bad field error %+v", fe)
		}
		named = append(named, fe.Field)
	}
	var want []string
	for _, fd := range event.StartupFields() {
		if fd.EditableBy(event.EditorStartup) && fd.Name != "name" {
			want = append(want, fd.Name)
		}
	}
	if !slices.Equal(named, want) {
		t.Fatalf("422 names %v, want every omitted field %v", named, want)
	}
	if after := f.me(tok); after.Version != before.Version || after.ProductSummary != before.ProductSummary || !slices.Equal(after.Areas, before.Areas) {
		t.Fatalf("a refused PUT changed the record: %+v", after)
	}
	// The full body of a GET, sent back with one change, is accepted.
	body := api.StartupBody(before)
	body["headcount"] = 11
	if r := f.do("PUT", "/api/v1/me", tok, body); r.status != 200 {
		t.Fatalf("full PUT: %d %s", r.status, r.body)
	}
	after := f.me(tok)
	if after.Headcount != 11 || after.ProductSummary != before.ProductSummary || after.DevStage != before.DevStage || !slices.Equal(after.Areas, before.Areas) {
		t.Fatalf("full PUT lost fields: %+v", after)
	}
}

func TestPatchMeChangesOnlyWhatItNames(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	before := f.me(tok)
	r := f.do("PATCH", "/api/v1/me", tok, map[string]any{"version": before.Version, "website": "https://alpha.example.jp/"})
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	after := f.me(tok)
	if after.Website != "https://alpha.example.jp/" || after.Name != before.Name || after.ProductSummary != before.ProductSummary ||
		after.DevStage != before.DevStage || !slices.Equal(after.Areas, before.Areas) || after.Version != before.Version+1 {
		t.Fatalf("PATCH changed more than the website: %+v", after)
	}
	// A PATCH with an explicit empty value clears that field only.
	r = f.do("PATCH", "/api/v1/me", tok, map[string]any{"version": after.Version, "areas": []string{}})
	if r.status != 200 {
		t.Fatalf("PATCH clear: %d %s", r.status, r.body)
	}
	if got := f.me(tok); len(got.Areas) != 0 || got.Website != after.Website {
		t.Fatalf("PATCH clear: %+v", got)
	}
}

func TestOrganizerFieldsAreNotWritableFromThePortal(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	s := f.me(tok)
	for _, method := range []string{"PUT", "PATCH"} {
		body := api.StartupBody(s)
		body["max_meetings"] = 1000
		r := f.do(method, "/api/v1/me", tok, body)
		if r.status != 403 || r.apiErr(t).Field != "max_meetings" || r.apiErr(t).Code != event.EForbidden {
			t.Fatalf("%s max_meetings=1000: %d %s", method, r.status, r.body)
		}
		body = api.StartupBody(s)
		body["id"] = "S2"
		if r := f.do(method, "/api/v1/me", tok, body); r.status != 403 {
			t.Fatalf("%s id=S2: %d %s", method, r.status, r.body)
		}
	}
	if got := f.me(tok); got.MaxMeetings != s.MaxMeetings || got.Version != s.Version {
		t.Fatalf("organizer field written: %+v", got)
	}
	// Echoing the stored value (a client sending back what it read) is fine.
	body := api.StartupBody(s)
	body["max_meetings"] = s.MaxMeetings
	if r := f.do("PUT", "/api/v1/me", tok, body); r.status != 200 {
		t.Fatalf("echo of max_meetings: %d %s", r.status, r.body)
	}
}

func TestInterestsPerThemeNeverEraseEachOther(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	// Two tabs tick T1 and T2 at the same time.
	var wg sync.WaitGroup
	for _, th := range []string{"T1", "T2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := f.do("PUT", "/api/v1/me/interests/"+th, tok, api.InterestItem{State: "apply"}); r.status != 200 {
				t.Errorf("tick %s: %d %s", th, r.status, r.body)
			}
		}()
	}
	wg.Wait()
	var got api.Interests
	json.Unmarshal(f.do("GET", "/api/v1/me/interests", tok, nil).body, &got)
	if !slices.Equal(got.Apply, []string{"T1", "T2"}) {
		t.Fatalf("after two tabs: %+v", got)
	}
	// A whole-list PUT from a tab that read the list before T2 was ticked
	// is refused, with the stored list.
	stale := api.Interests{Apply: []string{"T1"}, NoThanks: []string{}, Version: api.InterestsVersion([]string{"T1"}, nil)}
	r := f.do("PUT", "/api/v1/me/interests", tok, stale)
	if r.status != 409 || r.apiErr(t).Field != "version" {
		t.Fatalf("stale whole-list PUT: %d %s", r.status, r.body)
	}
	var cur api.Interests
	json.Unmarshal(r.apiErr(t).Current, &cur)
	if !slices.Equal(cur.Apply, []string{"T1", "T2"}) || cur.Version != got.Version {
		t.Fatalf("409 current %+v", cur)
	}
	// none and no_thanks change only that theme.
	r = f.do("PUT", "/api/v1/me/interests/T1", tok, api.InterestItem{State: "no_thanks"})
	json.Unmarshal(r.body, &got)
	if r.status != 200 || !slices.Equal(got.Apply, []string{"T2"}) || !slices.Equal(got.NoThanks, []string{"T1"}) {
		t.Fatalf("no_thanks T1: %d %s", r.status, r.body)
	}
	r = f.do("PUT", "/api/v1/me/interests/T2", tok, api.InterestItem{State: "none"})
	json.Unmarshal(r.body, &got)
	if r.status != 200 || len(got.Apply) != 0 || !slices.Equal(got.NoThanks, []string{"T1"}) {
		t.Fatalf("none T2: %d %s", r.status, r.body)
	}
	for _, c := range []struct {
		path, body string
		status     int
		field      string
	}{
		{"/api/v1/me/interests/T9", `{"state":"apply"}`, 404, ""},
		{"/api/v1/me/interests/T1", `{"state":"maybe"}`, 422, "state"},
		{"/api/v1/me/interests/T1", `{"state":1}`, 400, "state"},
	} {
		r := f.do("PUT", c.path, tok, c.body)
		if r.status != c.status || r.apiErr(t).Field != c.field {
			t.Errorf("%s %s: %d %s", c.path, c.body, r.status, r.body)
		}
	}
}

// storedControl returns the first stored text of S1 holding a control
// character, or "".
func storedControl(t testing.TB, f *fixture) string {
	s, err := f.db.Startup(t.Context(), "S1")
	if err != nil {
		t.Fatal(err)
	}
	fs := event.StartupFields()
	for i := range fs {
		for j, v := range fs[i].Cells(s) {
			for _, r := range v {
				if unicode.IsControl(r) && !(r == '\n' && fs[i].Type == event.TypeLongText) || r >= 0x202a && r <= 0x202e {
					return fmt.Sprintf("%s[%d] = %q", fs[i].Name, j, v)
				}
			}
		}
	}
	return ""
}

// FuzzAPIDecoders sends arbitrary bodies to every route that reads one: no
// answer is a 5xx, nothing stored holds a control character, and every
// refusal names its field.
func FuzzAPIDecoders(f *testing.F) {
	routes := []struct{ method, path string }{
		{"PUT", "/api/v1/me"}, {"PATCH", "/api/v1/me"}, {"PUT", "/api/v1/startups/S1"}, {"PATCH", "/api/v1/startups/S1"},
		{"PUT", "/api/v1/me/interests"}, {"PUT", "/api/v1/startups/S1/interests"},
		{"PUT", "/api/v1/me/interests/T1"}, {"PUT", "/api/v1/startups/S1/interests/T2"},
	}
	seeds := []string{
		`{"version":1,"name":{"ja":"\u200b","en":""}}`,
		`{"version":1,"name":{"ja":"a\u0000b","en":"x"}}`,
		"{\"version\":1,\"product_summary\":{\"ja\":\"\xff\xfe\",\"en\":\"\"}}",
		`{"version":1,"product_summary":{"ja":"line1\r\nline2\u001b","en":""}}`,
		`{"version":1,"website":"https://x.example/\u202e"}`,
		`{"version":1,"max_meetings":1000}`,
		`{"version":1,"headcount":-5,"founded":99999}`,
		`{"version":1,"areas":["cardiovascular","cardiovascular",""]}`,
		`{"apply":["T1","T1"],"no_thanks":["T9"],"version":"x"}`,
		`{"state":"apply"}`, `{"state":"\u0000"}`, `{"state":null}`,
		`{"version":1}`, `{}`, `[]`, `null`, `{"version":1,`, `{"version":1e400}`, `{"version":"1"}`,
		`{"version":1,"name":{"ja":"新しい名前","en":"New"},"product_name":{"ja":"か\u3099","en":""}}`,
		`{"version":1,"headcount":3,"base":{"id":"S1","version":1,"headcount":"x"}}`,
		`{"version":1,"website":"https://a.example/","base":{"id":"S2","version":1,"name":{"ja":"\u0000","en":""}}}`,
	}
	for i, s := range seeds {
		for k := range routes {
			if (i+k)%3 == 0 || k < 2 {
				f.Add(uint8(k), []byte(s))
			}
		}
	}
	fx := newFixture(f, Options{RateBurst: 1 << 30, RatePerSecond: 1 << 20})
	tok := fx.invite("S1", time.Hour)
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		rt := routes[int(route)%len(routes)]
		// Half the time send the stored version, so updates can succeed.
		if s, err := fx.db.Startup(t.Context(), "S1"); err == nil && len(body) > 0 && body[0]%2 == 0 {
			body = []byte(strings.Replace(string(body), `"version":1`, fmt.Sprintf(`"version":%d`, s.Version), 1))
		}
		fx.t = t
		r := fx.do(rt.method, rt.path, tok, body)
		if r.status >= 500 {
			t.Fatalf("%s %s %q: %d %s", rt.method, rt.path, body, r.status, r.body)
		}
		if r.status >= 400 {
			e := r.apiErr(t)
			if e.Field == "" && r.status != 404 {
				t.Fatalf("%s %s %q: refusal names no field: %d %s", rt.method, rt.path, body, r.status, r.body)
			}
		}
		if bad := storedControl(t, fx); bad != "" {
			t.Fatalf("%s %s %q stored a control character: %s", rt.method, rt.path, body, bad)
		}
	})
}

func TestAvailabilityPerSlotKeepsOtherWriters(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	put := func(body api.AvailabilityBody) api.AvailabilityBody {
		t.Helper()
		r := f.do("PUT", api.PathMyAvailability, tok, body)
		if r.status != 200 {
			t.Fatalf("PUT availability: %d %s", r.status, r.body)
		}
		var got api.AvailabilityBody
		json.Unmarshal(r.body, &got)
		return got
	}
	put(api.AvailabilityBody{Unavailable: []int{1}, Base: []int{}})
	// Two tabs read [1]; one adds 3, the other adds 5 and removes 1.
	put(api.AvailabilityBody{Unavailable: []int{1, 3}, Base: []int{1}})
	got := put(api.AvailabilityBody{Unavailable: []int{5}, Base: []int{1}})
	if !slices.Equal(got.Unavailable, []int{3, 5}) {
		t.Fatalf("per-slot merge: %v, want [3 5]", got.Unavailable)
	}
	if m := api.MergeSlots([]int{1, 2}, []int{2, 4}, []int{1, 2, 7}); !slices.Equal(m, []int{2, 4, 7}) {
		t.Fatalf("MergeSlots %v", m)
	}
}

// A client that sends the record it loaded as "base" gets the server's
// three-way merge: the two-tab case saves both edits, and only a
// field changed on both sides is a 409.
func TestPutMeWithBaseMergesOnTheServer(t *testing.T) {
	f := newFixture(t, Options{RateBurst: 1000})
	tok := f.invite("S1", time.Hour)
	loaded := f.me(tok)
	tab1 := api.StartupBody(loaded)
	tab1["headcount"] = 11
	if r := f.do("PUT", "/api/v1/me", tok, tab1); r.status != 200 {
		t.Fatalf("tab 1: %d %s", r.status, r.body)
	}
	tab2 := api.StartupBody(loaded)
	tab2["website"] = "https://tab2.example.jp/"
	tab2["base"] = api.StartupBody(loaded)
	r := f.do("PUT", "/api/v1/me", tok, tab2)
	if r.status != 200 {
		t.Fatalf("tab 2 with base: %d %s", r.status, r.body)
	}
	got := f.me(tok)
	if got.Headcount != 11 || got.Website != "https://tab2.example.jp/" || got.Version != loaded.Version+2 {
		t.Fatalf("server merge lost an edit: %+v", got)
	}
	// Both change the headcount: a 409 with the stored record, nothing saved.
	tab3 := api.StartupBody(loaded)
	tab3["headcount"] = 99
	tab3["base"] = api.StartupBody(loaded)
	r = f.do("PUT", "/api/v1/me", tok, tab3)
	if r.status != 409 {
		t.Fatalf("real conflict: %d %s", r.status, r.body)
	}
	if after := f.me(tok); after.Headcount != 11 || after.Version != got.Version {
		t.Fatalf("a conflicting save was stored: %+v", after)
	}
	// Without base a stale version is still a plain 409.
	stale := api.StartupBody(loaded)
	stale["product_name"] = map[string]string{"ja": "x", "en": ""}
	if r := f.do("PUT", "/api/v1/me", tok, stale); r.status != 409 {
		t.Fatalf("stale without base: %d %s", r.status, r.body)
	}
}
