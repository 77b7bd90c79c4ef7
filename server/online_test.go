package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/kpi"
	"pitchmatch/storage"
)

func (f *fixture) scoutInvite(company, scout string, ttl time.Duration) string {
	f.t.Helper()
	link, err := api.NewScoutInvite(context.Background(), f.db, company, scout, "https://portal.example.jp/jhvs/", ttl)
	if err != nil {
		f.t.Fatal(err)
	}
	if !strings.HasPrefix(link, "https://portal.example.jp/jhvs/#t=") {
		f.t.Fatalf("link %s", link)
	}
	return api.TokenFromLink(link)
}

func decodeAs[T any](t *testing.T, r resp) T {
	t.Helper()
	var v T
	if r.status < 200 || r.status > 299 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

func (f *fixture) meetingID(startupID, companyID string) int64 {
	f.t.Helper()
	ms, err := f.db.MeetingsOf(context.Background(), event.KindStartup, startupID)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range ms {
		if m.CompanyID == companyID {
			return m.ID
		}
	}
	f.t.Fatalf("no meeting %s–%s", startupID, companyID)
	return 0
}

// TestBothSidesOnline walks the life cycle through the API: a scout
// requests a meeting, the startup sees and accepts the request, both sides
// accept a proposed meeting (confirmed), the startup asks to move it, the
// organizer confirms it again, the scout records a deal and the KPI counts
// it; the startup never sees the scout's note or outcome.
func TestBothSidesOnline(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	s2 := f.invite("S2", time.Hour)
	sc := f.scoutInvite("C2", "佐藤 花子", time.Hour)

	// The scout's view.
	me := decodeAs[api.ScoutMe](t, f.do("GET", api.PathScoutMe, sc, nil))
	if me.Company.ID != "C2" || len(me.Themes) != 1 || me.Themes[0].ID != "T2" || me.Scout != "佐藤 花子" {
		t.Fatalf("scout me %+v", me)
	}
	page := decodeAs[api.RankingPage](t, f.do("GET", "/api/v1/scout/themes/T2/startups", sc, nil))
	if page.All != 2 || page.Total != 2 || page.Pages != 1 || len(page.Rows) != 2 || page.Rows[0].Rank != 1 {
		t.Fatalf("ranking %+v", page)
	}
	for _, row := range page.Rows {
		if row.Startup.ContactEmail != "" || row.Startup.MaxMeetings != 0 || len(row.Features)+len(row.Skipped) == 0 {
			t.Errorf("row %+v: unpublished fields or no features", row)
		}
		sum := 0.0
		for _, c := range row.Features {
			sum += c.Contribution
		}
		if d := sum - row.Score; d > 1e-9 || d < -1e-9 {
			t.Errorf("contributions %v sum to %v, score %v", row.Features, sum, row.Score)
		}
	}
	// Search and pagination.
	q := decodeAs[api.RankingPage](t, f.do("GET", "/api/v1/scout/themes/T2/startups?q=%EF%BC%A2%EF%BD%85%EF%BD%94%EF%BD%81&per=1", sc, nil)) // "Ｂｅｔａ" full width
	if q.Total != 1 || len(q.Rows) != 1 || q.Rows[0].Startup.ID != "S2" {
		t.Fatalf("search %+v", q)
	}
	p2 := decodeAs[api.RankingPage](t, f.do("GET", "/api/v1/scout/themes/T2/startups?per=1&page=2", sc, nil))
	if p2.Page != 2 || p2.Pages != 2 || len(p2.Rows) != 1 || p2.Rows[0].Rank != 2 {
		t.Fatalf("page 2 %+v", p2)
	}

	// Request a meeting; the startup sees it with the message.
	r := f.do("PUT", "/api/v1/scout/startups/S2/marks/request", sc, api.MarkBody{ThemeID: "T2", Message: "ぜひ一度お話を"})
	if r.status != 200 || !strings.Contains(string(r.body), `"request"`) {
		t.Fatalf("request: %d %s", r.status, r.body)
	}
	if ms, _ := f.db.PendingMail(ctx, time.Time{}, 0); len(ms) != 0 {
		t.Errorf("mails without an address: %+v", ms)
	}
	reqs := decodeAs[api.Requests](t, f.do("GET", api.PathMyRequests, s2, nil))
	if len(reqs.Requests) != 1 || reqs.Requests[0].Message != "ぜひ一度お話を" || reqs.Requests[0].Company.En != "Monitor Inc" {
		t.Fatalf("requests %+v", reqs)
	}
	rid := reqs.Requests[0].ID
	reqs = decodeAs[api.Requests](t, f.do("POST", fmt.Sprintf("/api/v1/me/requests/%d", rid), s2, api.Answer{Answer: "accept"}))
	if reqs.Requests[0].Answer != "accept" {
		t.Fatalf("answer %+v", reqs)
	}
	// Undo, then accept again.
	reqs = decodeAs[api.Requests](t, f.do("POST", fmt.Sprintf("/api/v1/me/requests/%d", rid), s2, api.Answer{Answer: "undo"}))
	if reqs.Requests[0].Answer != "" {
		t.Fatalf("undo %+v", reqs)
	}
	decodeAs[api.Requests](t, f.do("POST", fmt.Sprintf("/api/v1/me/requests/%d", rid), s2, api.Answer{Answer: "accept"}))
	ins, _ := f.db.InterestsOf(ctx, event.KindStartup, "S2")
	must := 0
	for _, in := range ins {
		if in.Kind == event.InterestMustMeet && in.CompanyID == "C2" {
			must++
		}
	}
	if must != 1 {
		t.Errorf("must-meets after accept/undo/accept: %d", must)
	}

	// The proposed meeting S2–C2: both accept.
	mid := f.meetingID("S2", "C2")
	step := func(token, path string, act event.MeetingAction) api.OnlineMeetings {
		t.Helper()
		return decodeAs[api.OnlineMeetings](t, f.do("POST", fmt.Sprintf(path, mid), token, api.MeetingStepBody{Action: act, Message: "午後希望"}))
	}
	got := step(s2, "/api/v1/me/meetings/%d/step", event.ActAccept)
	if got.Meetings[0].Status != event.StatusProposed || got.Meetings[0].Response != event.ResponseAccepted {
		t.Fatalf("startup accepted: %+v", got.Meetings[0])
	}
	got = step(sc, "/api/v1/scout/meetings/%d/step", event.ActAccept)
	if got.Meetings[0].Status != event.StatusConfirmed || !got.Meetings[0].OtherAccepted {
		t.Fatalf("both accepted: %+v", got.Meetings[0])
	}
	sm := decodeAs[api.OnlineMeetings](t, f.do("GET", api.PathMyMeetingsDetail, s2, nil)).Meetings[0]
	cm := decodeAs[api.OnlineMeetings](t, f.do("GET", api.PathScoutMeetings, sc, nil)).Meetings[0]
	if sm.Status != event.StatusConfirmed || sm.Slot != cm.Slot || sm.Table != cm.Table || sm.SlotLabel != cm.SlotLabel {
		t.Errorf("the sides disagree: %+v / %+v", sm, cm)
	}
	got = step(s2, "/api/v1/me/meetings/%d/step", event.ActAskMove)
	if got.Meetings[0].Status != event.StatusProposed || got.Meetings[0].Response != event.ResponseMove {
		t.Fatalf("ask to move: %+v", got.Meetings[0])
	}
	if cm := decodeAs[api.OnlineMeetings](t, f.do("GET", api.PathScoutMeetings, sc, nil)).Meetings[0]; !cm.MoveRequested {
		t.Errorf("scout does not see the move request: %+v", cm)
	}
	if _, err := f.db.ActOnMeeting(ctx, "organizer", storage.MeetingStep{ID: mid, By: event.KindOrganizer, Action: event.ActConfirm}); err != nil {
		t.Fatal(err)
	}
	// Outcomes: the scout's deal and private note; the startup's follow-up.
	r = f.do("PUT", fmt.Sprintf("/api/v1/scout/meetings/%d/outcome", mid), sc, api.OutcomeBody{Outcome: event.OutcomeDeal, Note: "社内で共同開発を提案する"})
	cm = decodeAs[api.OnlineMeetings](t, r).Meetings[0]
	if cm.Status != event.StatusHeld || !cm.IsDeal || cm.Note != "社内で共同開発を提案する" {
		t.Fatalf("scout outcome: %+v", cm)
	}
	r = f.do("PUT", fmt.Sprintf("/api/v1/me/meetings/%d/outcome", mid), s2, api.OutcomeBody{Outcome: event.OutcomeFollowUp, Note: "資料送付"})
	sm = decodeAs[api.OnlineMeetings](t, r).Meetings[0]
	if sm.Outcome != event.OutcomeFollowUp || sm.Note != "資料送付" || strings.Contains(string(r.body), "共同開発") {
		t.Fatalf("startup sees %s", r.body)
	}
	// The KPI counts the deal by Meeting.IsDeal.
	b, err := f.db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := kpi.Compute(ctx, &docs.Data{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
		Interests: b.Interests, Meetings: b.Meetings})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Totals.Deals != 1 {
		t.Errorf("KPI deals %d, want 1", rep.Totals.Deals)
	}
	// Who did what and when is in the audit log.
	h, _ := f.db.AuditOf(ctx, "meeting", fmt.Sprint(mid), 0)
	var actors []string
	for _, e := range h {
		actors = append(actors, e.Actor+" "+e.Action)
	}
	want := []string{"scout:C2:佐藤 花子 meeting.outcome", "startup:S2 meeting.ask_move", "scout:C2:佐藤 花子 meeting.accept", "startup:S2 meeting.accept"}
	for _, w := range want {
		if !strings.Contains(strings.Join(actors, "\n"), w) {
			t.Errorf("audit lacks %q: %v", w, actors)
		}
	}

	// Notes: private, undoable.
	n := decodeAs[api.NoteBody](t, f.do("PUT", "/api/v1/scout/startups/S2/note", sc, api.NoteBody{Note: "有望"}))
	if n.Previous != "" {
		t.Errorf("previous %q", n.Previous)
	}
	n = decodeAs[api.NoteBody](t, f.do("PUT", "/api/v1/scout/startups/S2/note", sc, api.NoteBody{Note: "とても有望"}))
	if n.Previous != "有望" {
		t.Errorf("previous %q", n.Previous)
	}
	other := f.scoutInvite("C1", "鈴木", time.Hour)
	if n := decodeAs[api.NoteBody](t, f.do("GET", "/api/v1/scout/startups/S2/note", other, nil)); n.Note != "" {
		t.Errorf("another company's scout reads the note %q", n.Note)
	}
	// Marks are undoable.
	r = f.do("DELETE", "/api/v1/scout/startups/S2/marks/request", sc, nil)
	if r.status != 200 || strings.Contains(string(r.body), `"request"`) {
		t.Errorf("undo request: %d %s", r.status, r.body)
	}
}

func TestScoutScreening(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	s1 := f.invite("S1", time.Hour)
	sc := f.scoutInvite("C1", "山田", time.Hour)
	if r := f.do("PUT", api.PathInterests+"/T1", s1, api.InterestItem{State: api.InterestApply}); r.status != 200 {
		t.Fatalf("apply: %d %s", r.status, r.body)
	}
	apps := decodeAs[api.Applications](t, f.do("GET", api.PathScoutApplications, sc, nil))
	if len(apps.Applications) != 1 || apps.Applications[0].StartupID != "S1" || apps.Applications[0].Score <= 0 ||
		apps.Applications[0].Startup.ContactEmail != "" {
		t.Fatalf("applications %+v", apps)
	}
	id := apps.Applications[0].ID
	apps = decodeAs[api.Applications](t, f.do("POST", fmt.Sprintf("/api/v1/scout/applications/%d", id), sc, api.Answer{Answer: "decline"}))
	if apps.Applications[0].Answer != "decline" {
		t.Fatalf("decline %+v", apps)
	}
	ins, _ := f.db.InterestsOf(ctx, event.KindCompany, "C1")
	found := false
	for _, in := range ins {
		found = found || (in.Kind == event.InterestNoThanks && in.By == event.KindCompany && in.StartupID == "S1")
	}
	if !found {
		t.Error("declining an application stores no no-thanks")
	}
	// Availability grid.
	r := f.do("PUT", api.PathMyAvailability, s1, api.AvailabilityBody{Unavailable: []int{3, 1}})
	if a := decodeAs[api.AvailabilityBody](t, r); len(a.Unavailable) != 2 || a.Unavailable[0] != 1 {
		t.Fatalf("availability %+v", a)
	}
	if r := f.do("PUT", api.PathMyAvailability, s1, api.AvailabilityBody{Unavailable: []int{99}}); r.status != 422 {
		t.Errorf("slot 99: %d %s", r.status, r.body)
	}
	info := decodeAs[api.EventInfo](t, f.do("GET", api.PathEventInfo, s1, nil))
	if info.Name.En != "Japan Healthcare Venture Summit" || len(info.Slots) != 8 || info.Role != "startup" || info.Dates[0] != "2026-10-14" {
		t.Errorf("event info %+v", info)
	}
	// A request queues a mail to the startup in its portal language.
	st, _ := f.db.Startup(ctx, "S1")
	st.ContactEmail = "info@alpha.example.jp"
	if err := f.db.SaveStartup(ctx, "t", st); err != nil {
		t.Fatal(err)
	}
	decodeAs[api.LangBody](t, f.do("PUT", api.PathLang, s1, api.LangBody{Lang: event.En}))
	decodeAs[marksBody](t, f.do("PUT", "/api/v1/scout/startups/S1/marks/request", sc, api.MarkBody{ThemeID: "T1", Message: "Let us talk"}))
	mails, _ := f.db.PendingMail(ctx, time.Time{}, 0)
	if len(mails) != 1 || mails[0].ToAddr != "info@alpha.example.jp" || mails[0].Lang != event.En || mails[0].Kind != event.NoticeRequest ||
		!strings.Contains(mails[0].Body, "Let us talk") {
		t.Errorf("request mail %+v", mails)
	}
	ics := f.do("GET", api.PathScoutMeetingsICS, sc, nil)
	if ics.status != 200 || !strings.Contains(string(ics.body), "BEGIN:VEVENT") || strings.Contains(string(ics.body), "Monitor") {
		t.Errorf("scout ics: %d %s", ics.status, ics.body)
	}
}

// TestOnlineAuthorisation is the authorisation matrix over every route:
// no token, garbage, expired, revoked → 401; the other role → 403; a
// record of another startup or company → 403 (or 404 where the record is
// looked up among the principal's own); the right token → 2xx.
func TestOnlineAuthorisation(t *testing.T) {
	f := newFixture(t, Options{RatePerSecond: 1e6, RateBurst: 1 << 20})
	ctx := context.Background()
	s1 := f.invite("S1", time.Hour)
	s2 := f.invite("S2", time.Hour)
	c1 := f.scoutInvite("C1", "山田", time.Hour)
	c2 := f.scoutInvite("C2", "佐藤", time.Hour)
	expiredS := f.invite("S1", time.Minute)
	expiredC := f.scoutInvite("C1", "山田", time.Minute)
	revokedS := f.invite("S1", time.Hour)
	revokedC := f.scoutInvite("C1", "山田", time.Hour)
	if err := f.db.RevokeToken(ctx, api.HashToken(revokedS)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RevokeScoutToken(ctx, api.HashToken(revokedC)); err != nil {
		t.Fatal(err)
	}
	f.clock.t = f.clock.t.Add(2 * time.Minute)
	m1 := f.meetingID("S1", "C1") // S1's and C1's
	// A request from C1 to S1 (for the request routes).
	req := event.Interest{Kind: event.InterestRequest, StartupID: "S1", CompanyID: "C1", ThemeID: "T1", By: event.KindCompany}
	if err := f.db.AddInterest(ctx, "t", &req); err != nil {
		t.Fatal(err)
	}
	app := event.Interest{Kind: event.InterestApply, StartupID: "S1", CompanyID: "C1", ThemeID: "T1", By: event.KindStartup}
	if err := f.db.AddInterest(ctx, "t", &app); err != nil {
		t.Fatal(err)
	}

	type route struct {
		method, path string
		body         any
		scout        bool   // the route is a scout's (else a startup's; both for EventInfo)
		both         bool   // both roles
		other        string // the same route naming another participant's record ("" when the route names none)
		otherBody    any    // the body for other, when not body
		record       bool   // the path names a record of the principal's
	}
	mp := func(p string, id int64) string { return strings.Replace(p, "{id}", fmt.Sprint(id), 1) }
	step := api.MeetingStepBody{Action: event.ActAccept}
	outcome := api.OutcomeBody{Outcome: event.OutcomeNone}
	routes := []route{
		{method: "GET", path: api.PathEventInfo, both: true},
		{method: "PUT", path: api.PathLang, body: api.LangBody{Lang: event.En}, both: true},
		{method: "GET", path: api.PathMyRequests},
		{method: "POST", path: mp(api.PathMyRequestAnswer, req.ID), body: api.Answer{Answer: "undo"}, record: true},
		{method: "GET", path: api.PathMyMeetingsDetail},
		{method: "POST", path: mp(api.PathMyMeetingAction, m1), body: step, record: true},
		{method: "POST", path: mp(api.PathScoutMeetingAction, m1), body: step, scout: true, record: true},
		{method: "PUT", path: mp(api.PathMyMeetingOutcome, m1), body: outcome, record: true},
		{method: "GET", path: api.PathMyAvailability},
		{method: "PUT", path: api.PathMyAvailability, body: api.AvailabilityBody{Unavailable: []int{}}},
		{method: "GET", path: api.PathMe},
		{method: "GET", path: api.PathInterests},
		{method: "GET", path: api.PathMeetings},
		{method: "GET", path: api.PathMeetingsICS},
		{method: "GET", path: api.PathThemes},
		{method: "GET", path: "/api/v1/startups/S1", record: true},
		{method: "GET", path: "/api/v1/startups/S1/meetings", record: true},

		{method: "GET", path: api.PathScoutMe, scout: true},
		{method: "GET", path: "/api/v1/scout/themes/T1/startups", scout: true, other: "/api/v1/scout/themes/T2/startups"},
		{method: "GET", path: "/api/v1/scout/startups/S1?theme=T1", scout: true, other: "/api/v1/scout/startups/S1?theme=T2"},
		{method: "PUT", path: "/api/v1/scout/startups/S1/marks/shortlist", body: api.MarkBody{ThemeID: "T1"}, scout: true,
			other: "/api/v1/scout/startups/S1/marks/shortlist", otherBody: api.MarkBody{ThemeID: "T2"}},
		{method: "DELETE", path: "/api/v1/scout/startups/S1/marks/shortlist", scout: true},
		{method: "GET", path: "/api/v1/scout/startups/S1/note", scout: true},
		{method: "PUT", path: "/api/v1/scout/startups/S1/note", body: api.NoteBody{Note: "x"}, scout: true},
		{method: "GET", path: api.PathScoutApplications, scout: true},
		{method: "POST", path: mp(api.PathScoutApplicationAnswer, app.ID), body: api.Answer{Answer: "undo"}, scout: true, record: true},
		{method: "GET", path: api.PathScoutMeetings, scout: true},
		{method: "GET", path: api.PathScoutMeetingsICS, scout: true},
		{method: "PUT", path: mp(api.PathScoutMeetingOutcome, m1), body: outcome, scout: true, record: true},
		{method: "GET", path: api.PathScoutAvailability, scout: true},
		{method: "PUT", path: api.PathScoutAvailability, body: api.AvailabilityBody{Unavailable: []int{}}, scout: true},
	}
	for _, rt := range routes {
		name := rt.method + " " + rt.path
		own, otherSide := s1, c1
		expired, revoked := expiredS, revokedS
		if rt.scout {
			own, otherSide, expired, revoked = c1, s1, expiredC, revokedC
		}
		for _, c := range []struct {
			what, token string
			want        int
		}{{"no token", "", 401}, {"garbage", "not-a-token", 401}, {"expired", expired, 401}, {"revoked", revoked, 401}} {
			if r := f.do(rt.method, rt.path, c.token, rt.body); r.status != c.want {
				t.Errorf("%s with %s: %d %s, want %d", name, c.what, r.status, r.body, c.want)
			}
		}
		if !rt.both {
			if r := f.do(rt.method, rt.path, otherSide, rt.body); r.status != 403 {
				t.Errorf("%s with the other role's token: %d %s, want 403", name, r.status, r.body)
			}
		}
		// Another participant of the same role.
		stranger := s2
		if rt.scout {
			stranger = c2
		}
		if rt.record {
			if r := f.do(rt.method, rt.path, stranger, rt.body); r.status != 403 && r.status != 404 {
				t.Errorf("%s with another %s's token: %d %s, want 403 or 404", name, map[bool]string{true: "company", false: "startup"}[rt.scout], r.status, r.body)
			}
		}
		if rt.other != "" {
			body := rt.body
			if rt.otherBody != nil {
				body = rt.otherBody
			}
			if r := f.do(rt.method, rt.other, own, body); r.status != 403 {
				t.Errorf("%s on another company's theme: %d %s, want 403", rt.method+" "+rt.other, r.status, r.body)
			}
		}
		if r := f.do(rt.method, rt.path, own, rt.body); r.status < 200 || r.status > 299 {
			t.Errorf("%s with its own token: %d %s", name, r.status, r.body)
		}
	}
	// Every online route is in the matrix.
	n := 0
	for _, p := range []string{api.PathEventInfo, api.PathLang, api.PathMyRequests, api.PathMyRequestAnswer, api.PathMyMeetingsDetail, api.PathMyMeetingAction,
		api.PathMyMeetingOutcome, api.PathMyAvailability, api.PathScoutMe, api.PathScoutRanking, api.PathScoutStartup, api.PathScoutMark,
		api.PathScoutNote, api.PathScoutApplications, api.PathScoutApplicationAnswer, api.PathScoutMeetings, api.PathScoutMeetingsICS,
		api.PathScoutMeetingAction, api.PathScoutMeetingOutcome, api.PathScoutAvailability} {
		_ = p
		n++
	}
	if n != 20 {
		t.Fatalf("routes %d", n)
	}
	_ = http.MethodGet
}

func TestGzipJSON(t *testing.T) {
	f := newFixture(t, Options{})
	sc := f.scoutInvite("C1", "山田", time.Hour)
	get := func(path, enc string) *http.Response {
		req, _ := http.NewRequest("GET", f.http.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+sc)
		req.Header.Set("Accept-Encoding", enc)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	res := get("/api/v1/scout/themes/T1/startups", "gzip, deflate")
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Fatalf("ranking: %d %v", res.StatusCode, res.Header)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var page api.RankingPage
	if err := json.NewDecoder(zr).Decode(&page); err != nil || page.All != 2 {
		t.Fatalf("decode gzip: %+v %v", page, err)
	}
	if res := get("/api/v1/scout/themes/T1/startups", "identity"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip without Accept-Encoding")
	}
	if res := get("/api/v1/scout/me", "gzip"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("small answers stay plain: %v", res.Header)
	}
}
