package api

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"pitchmatch/event"
)

var (
	start = time.Date(2026, 10, 14, 1, 30, 0, 0, time.UTC)
	pub   = PublicEvent{
		Name: event.T("メドテック・パートナリング2026", "MedTech Partnering 2026"), Venue: event.T("東京ビッグサイト 南1ホール", "Tokyo Big Sight South Hall 1"),
		TimeZone: "Asia/Tokyo", SlotMinutes: 30,
		Days:    []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 12, Breaks: []event.Break{{AfterSlot: 4, Minutes: 60}}}},
		Weights: map[string]float64{"areas": 0.4, "text": 0.2},
	}
	startup = &event.Startup{ID: "S00001", Version: 3, Name: event.T("心臓テック株式会社", "HeartTech Inc."),
		ProductName: event.T("心電AI", "ECG AI"), ProductSummary: event.T("ウェアラブル心電図で不整脈を検出", "arrhythmia detection from a wearable ECG"),
		Areas: []event.Code{"cardiovascular"}}
)

// wire is one value of each type that crosses the wire, every field set,
// with the JSON keys the browser portal and the e2e test rely on.
var wire = []struct {
	name string
	v    any
	new  func() any
	keys string
}{
	{"Error", &Error{Code: event.EInvalid, Message: "名前: 必須です", Field: "name",
		Errors:  []event.FieldError{{Field: "name", Code: event.FieldRequired, Message: event.T("必須です", "is required")}},
		Current: mustJSON(startup)},
		func() any { return &Error{} }, "code current errors field message"},
	{"Interests", &Interests{Apply: []string{"T001", "テーマ2"}, NoThanks: []string{"T003"}},
		func() any { return &Interests{} }, "apply no_thanks"},
	{"PublicEvent", &pub, func() any { return &PublicEvent{} }, "days name slot_minutes time_zone venue weights"},
	{"PublicCompany", &PublicCompany{ID: "C001", Name: event.T("大手医療機器", "BigDevice"), Description: event.T("循環器と内視鏡", "cardiology and endoscopy")},
		func() any { return &PublicCompany{} }, "description id name"},
	{"Themes", &Themes{Event: pub,
		Companies: []PublicCompany{{ID: "C001", Name: event.T("大手医療機器", "BigDevice")}},
		Themes:    []*event.Theme{{ID: "T001", CompanyID: "C001", Version: 1, Title: event.T("循環器の低侵襲デバイス", "Minimally invasive cardio devices")}}},
		func() any { return &Themes{} }, "companies event themes"},
	{"Meeting", &Meeting{ID: 7, UID: "m7-7f3a@pitchmatch", CompanyID: "C001", Company: event.T("大手医療機器", "BigDevice"),
		ThemeID: "T001", Theme: event.T("循環器の低侵襲デバイス", "Minimally invasive cardio devices"), Slot: 3,
		SlotLabel: "10月14日 10:30", Start: start, End: start.Add(30 * time.Minute), Table: 2, Status: event.StatusConfirmed, Sequence: 1},
		func() any { return &Meeting{} }, "company company_id end id sequence slot slot_label start status table theme theme_id uid"},
	{"Meetings", &Meetings{Event: PublicEvent{Name: pub.Name, TimeZone: "Asia/Tokyo", Days: pub.Days},
		Meetings: []Meeting{{ID: 1, UID: "u1", CompanyID: "C002", Company: event.T("製薬", "Pharma"), Theme: event.T("皮膚科", "Dermatology"), Status: event.StatusCancelled}}},
		func() any { return &Meetings{} }, "event meetings"},
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func japanese(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) }

func keys(t *testing.T, b []byte) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, " ")
}

// TestRoundTrip sends each body through JSON and back, Japanese text
// included, and pins its JSON keys.
func TestRoundTrip(t *testing.T) {
	for _, tc := range wire {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.ContainsFunc(string(b), japanese) {
				t.Fatalf("no Japanese text in %s", b)
			}
			if got := keys(t, b); got != tc.keys {
				t.Fatalf("JSON keys %q, want %q (the wire format changed)", got, tc.keys)
			}
			back := tc.new()
			if err := json.Unmarshal(b, back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.v) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", back, tc.v)
			}
			again, _ := json.Marshal(back)
			if string(again) != string(b) {
				t.Fatalf("re-encoded differently:\n%s\n%s", again, b)
			}
		})
	}
}

func TestOptionalFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		keys string
	}{
		{"Error", Error{Status: 404, Code: event.ENotFound, Message: "見つかりません"}, "code field message"},
		{"PublicEvent", PublicEvent{}, "days name slot_minutes time_zone venue"},
		{"Meeting", Meeting{}, "company company_id id sequence slot slot_label status table theme uid"},
	} {
		if got := keys(t, mustJSON(tc.v)); got != tc.keys {
			t.Errorf("%s: JSON keys %q, want %q", tc.name, got, tc.keys)
		}
	}
}

func TestDecodeError(t *testing.T) {
	e := DecodeError(409, []byte(`{"code":"conflict","message":"他で更新されました","field":"","current":`+string(mustJSON(startup))+`}`))
	if e.Status != 409 || e.Code != event.EConflict || e.Message != "他で更新されました" {
		t.Fatalf("%+v", e)
	}
	cur, err := e.CurrentStartup()
	if err != nil || !reflect.DeepEqual(cur, startup) {
		t.Fatalf("current %+v %v", cur, err)
	}
	if cur, err := DecodeError(404, []byte(`{"code":"not_found","message":"x","field":""}`)).CurrentStartup(); cur != nil || err != nil {
		t.Fatalf("no current: %+v %v", cur, err)
	}
	if _, err := (&Error{Current: json.RawMessage(`[1]`)}).CurrentStartup(); err == nil {
		t.Fatal("bad current decoded")
	}
	for _, tc := range []struct {
		status int
		body   string
		msg    string
	}{
		{502, "<html>bad gateway</html>", "<html>bad gateway</html>"},
		{500, "", "HTTP 500"},
		{400, `{"message":"no code"}`, `{"message":"no code"}`},
	} {
		e := DecodeError(tc.status, []byte(tc.body))
		if e.Code != event.EInternal || e.Status != tc.status || e.Message != tc.msg {
			t.Errorf("DecodeError(%d, %q) = %+v", tc.status, tc.body, e)
		}
	}
	var asErr error = &Error{Status: 422, Code: event.EInvalid, Field: "name", Message: "必須です"}
	if got := asErr.Error(); got != "422 invalid: name: 必須です" {
		t.Fatalf("Error() = %q", got)
	}
	var ae *Error
	if !errors.As(asErr, &ae) || ae.Field != "name" {
		t.Fatal("errors.As")
	}
	if got := (&Error{Status: 422, Code: event.EInvalid, Field: "name", Message: "name: 必須です"}).Error(); got != "422 invalid: name: 必須です" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestDecodeStartup(t *testing.T) {
	s, err := DecodeStartup(200, mustJSON(startup))
	if err != nil || !reflect.DeepEqual(s, startup) {
		t.Fatalf("%+v %v", s, err)
	}
	_, err = DecodeStartup(401, []byte(`{"code":"unauthorized","message":"リンクが必要です","field":""}`))
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 401 || ae.Code != event.EUnauthorized {
		t.Fatalf("401: %v", err)
	}
	if _, err := DecodeStartup(200, []byte("<html>")); err == nil || errors.As(err, &ae) {
		t.Fatalf("bad body: %v", err)
	}
}

func TestConversions(t *testing.T) {
	ev := pub.Event()
	if got := PublicEventOf(ev); !reflect.DeepEqual(got, pub) {
		t.Fatalf("PublicEventOf(Event()) = %+v", got)
	}
	if ev.Name.Ja != "メドテック・パートナリング2026" || ev.Location() == nil {
		t.Fatalf("Event() = %+v", ev)
	}
	c := &event.Company{ID: "C001", Version: 4, Name: event.T("大手医療機器", "BigDevice"), Description: event.T("循環器", "cardiology"),
		Scouts: []string{"山田"}, Tables: 2}
	pc := PublicCompanyOf(c)
	if pc != (PublicCompany{ID: "C001", Name: c.Name, Description: c.Description}) {
		t.Fatalf("PublicCompanyOf = %+v", pc)
	}
	if back := pc.Company(); back.ID != c.ID || back.Name != c.Name || back.Description != c.Description || back.Scouts != nil || back.Version != 0 {
		t.Fatalf("Company() = %+v", back)
	}
}

func TestPaths(t *testing.T) {
	for _, p := range []string{PathMe, PathInterests, PathMeetings, PathMeetingsICS, PathThemes, PathStartup} {
		if !strings.HasPrefix(p, Prefix+"v1/") {
			t.Errorf("%s outside %s", p, Prefix)
		}
	}
	if !strings.HasPrefix(PathInterests, PathMe+"/") || !strings.HasPrefix(PathMeetingsICS, PathMeetings) {
		t.Error("the /me routes moved apart")
	}
}

// The organizer's notes are private: neither the startup's own profile
// (GET /me) nor what scouts see carries them.
func TestNotesNeverInAPortal(t *testing.T) {
	s := &event.Startup{ID: "S1", Version: 2, Name: event.T("テスト", ""), Notes: "代表者名: 山田\n要フォロー"}
	for name, m := range map[string]map[string]any{"me": StartupJSON(s), "put body": StartupBody(s)} {
		if _, ok := m[event.NotesField]; ok {
			t.Errorf("%s carries the notes", name)
		}
	}
	ev := &event.Event{}
	if got := event.ScoutStartup(ev, s); got.Notes != "" {
		t.Errorf("scouts see the notes: %q", got.Notes)
	}
	ev.ScoutFields = []string{"name", event.NotesField}
	if got := event.ScoutStartup(ev, s); got.Notes != "" {
		t.Errorf("scouts see the notes when the organizer lists them: %q", got.Notes)
	}
	data, _ := json.Marshal(StartupJSON(s))
	if strings.Contains(string(data), "山田") {
		t.Errorf("GET /me body: %s", data)
	}
}
