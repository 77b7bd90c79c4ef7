package server

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

var testPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// programmeFixture is the fixture with a programme whose applications are
// open from a day before the fixture's clock to a day after it.
func programmeFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, Options{})
	now := f.clock.t
	p := &event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageThemeCall, Opens: now.Add(-72 * time.Hour), Closes: now.Add(-24 * time.Hour)},
			{Kind: event.StageApplications, Opens: now.Add(-24 * time.Hour), Closes: now.Add(24 * time.Hour)},
			{Kind: event.StageScreening, Opens: now.Add(-12 * time.Hour), Closes: now.Add(48 * time.Hour)},
			{Kind: event.StageFinalPitch, Opens: now.Add(30 * 24 * time.Hour), Closes: now.Add(31 * 24 * time.Hour)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{
			{ID: "fit", Label: event.T("テーマ適合", "Fit"), Weight: 2}, {ID: "team", Label: event.T("チーム", "Team"), Weight: 1}}},
		PitchRubric:  event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 1}}},
		Pitch:        event.PitchPlan{Start: now.Add(30 * 24 * time.Hour), PitchMinutes: 7, QAMinutes: 5, Awards: 1},
		MaxDeckBytes: 4096,
	}
	if err := f.db.SaveProgramme(context.Background(), "test", p); err != nil {
		t.Fatal(err)
	}
	return f
}

// apply posts an application form; deck nil sends no file.
func (f *fixture) apply(token string, fields map[string]string, deckName string, deck []byte) resp {
	f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if deck != nil {
		fw, err := mw.CreateFormFile(api.FormDeck, deckName)
		if err != nil {
			f.t.Fatal(err)
		}
		fw.Write(deck)
	}
	mw.Close()
	req, err := http.NewRequest("POST", f.http.URL+api.PathMyApplications, &buf)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", "en")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

func (f *fixture) judgeInvite(id string) string {
	f.t.Helper()
	link, err := api.NewJudgeInvite(context.Background(), f.db, id, "https://portal.example.jp/", time.Hour)
	if err != nil {
		f.t.Fatal(err)
	}
	return api.TokenFromLink(link)
}

func TestProgrammeApplyScreenDecideJudge(t *testing.T) {
	f := programmeFixture(t)
	ctx := context.Background()
	s1, s2 := f.invite("S1", time.Hour), f.invite("S2", 72*time.Hour)
	sc1, sc1b, sc2 := f.scoutInvite("C1", "佐藤", time.Hour), f.scoutInvite("C1", "Jane", time.Hour), f.scoutInvite("C2", "鈴木", time.Hour)

	info := decodeAs[api.ProgrammeInfo](t, f.do("GET", api.PathProgramme, s1, nil))
	if !info.Active || len(info.Stages) != 4 || len(info.OpenNow) != 2 || info.OpenNow[0] != event.StageApplications || info.DeckLimit != 4096 {
		t.Fatalf("programme info %+v", info)
	}
	for _, tok := range []string{sc1} {
		if r := f.do("GET", api.PathProgramme, tok, nil); r.status != 200 {
			t.Errorf("programme for a scout: %d", r.status)
		}
	}

	// A startup applies with a PDF deck.
	mine := decodeAs[api.MyApplications](t, f.do("GET", api.PathMyApplications, s1, nil))
	if !mine.Open || mine.Refusal != "" || len(mine.Themes) != 2 || len(mine.Applications) != 0 {
		t.Fatalf("before applying %+v", mine)
	}
	r := f.apply(s1, map[string]string{api.FormTheme: "T1", api.FormProposalJa: "術後合併症を減らす", api.FormProposalEn: "Fewer complications"}, "資料.pdf", testPDF)
	mine = decodeAs[api.MyApplications](t, r)
	if len(mine.Applications) != 1 || mine.Applications[0].DeckName != "資料.pdf" || mine.Applications[0].DeckSize != len(testPDF) ||
		mine.Applications[0].Proposal.Ja != "術後合併症を減らす" || mine.Applications[0].Company.En != "BigDevice Corp" {
		t.Fatalf("applied %+v", mine.Applications)
	}
	appID := mine.Applications[0].ID
	stored := func() []event.Application {
		l, err := f.db.Applications(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	before := stored()

	// Refusals: nothing stored, a clear message.
	big := append(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 5000)...), "\n%%EOF\n"...)
	huge := append(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 300<<10)...), "\n%%EOF\n"...)
	for name, c := range map[string]struct {
		token  string
		fields map[string]string
		file   string
		deck   []byte
		status int
		msg    string
	}{
		"not a PDF":          {s2, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "x"}, "deck.pdf", []byte("PK\x03\x04 a zip %%EOF"), 400, "must be a PDF file"},
		"too large":          {s2, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "x"}, "deck.pdf", big, 413, "at most 4 KB"},
		"far too large":      {s2, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "x"}, "deck.pdf", huge, 413, "nothing was stored"},
		"replace with a zip": {s1, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "new"}, "x.pdf", []byte("not a pdf at all"), 400, "not a PDF"},
		"no theme":           {s2, map[string]string{api.FormProposalEn: "x"}, "", nil, 400, "choose the theme"},
		"unknown theme":      {s2, map[string]string{api.FormTheme: "T9", api.FormProposalEn: "x"}, "", nil, 404, "T9"},
		"no proposal":        {s2, map[string]string{api.FormTheme: "T1"}, "", nil, 422, "proposal"},
		"unknown field":      {s2, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "x", "decision": "selected"}, "", nil, 400, "decision"},
		"a scout's token":    {sc1, map[string]string{api.FormTheme: "T1", api.FormProposalEn: "x"}, "", nil, 403, "startups' links only"},
	} {
		r := f.apply(c.token, c.fields, c.file, c.deck)
		if r.status != c.status || !strings.Contains(r.apiErr(t).Message, c.msg) {
			t.Errorf("%s: %d %s, want %d %q", name, r.status, r.body, c.status, c.msg)
		}
		if after := stored(); len(after) != len(before) || after[0].Version != before[0].Version || after[0].DeckSHA256 != before[0].DeckSHA256 {
			t.Errorf("%s: stored %+v", name, after)
		}
	}
	if r := f.do("POST", api.PathMyApplications, s2, map[string]string{"theme": "T1"}); r.status != 400 {
		t.Errorf("JSON instead of a form: %d %s", r.status, r.body)
	}

	// Scouts of the theme's company screen it; others cannot see it.
	scr := decodeAs[api.Screening](t, f.do("GET", api.PathScoutScreening, sc1, nil))
	if len(scr.Applications) != 1 || scr.Scout != "佐藤" || len(scr.Rubric.Criteria) != 2 || len(scr.Decisions) != 3 {
		t.Fatalf("screening %+v", scr)
	}
	if a := scr.Applications[0]; a.ID != appID || a.Startup.En != "MedTech Alpha" || a.DeckSize != len(testPDF) || !(a.Matching > 0 && a.Matching <= 1) {
		t.Fatalf("screening app %+v", a)
	}
	if other := decodeAs[api.Screening](t, f.do("GET", api.PathScoutScreening, sc2, nil)); len(other.Applications) != 0 {
		t.Errorf("another company sees %+v", other.Applications)
	}
	deckPath := strings.Replace(api.PathScoutDeck, "{id}", itoa(appID), 1)
	r = f.do("GET", deckPath, sc1, nil)
	if r.status != 200 || !bytes.Equal(r.body, testPDF) || r.header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("deck download: %d %v", r.status, r.header)
	}
	for name, tok := range map[string]string{"another company": sc2, "the startup": s1, "no token": ""} {
		if r := f.do("GET", deckPath, tok, nil); r.status != 403 && r.status != 401 {
			t.Errorf("deck for %s: %d", name, r.status)
		}
	}
	scorePath := strings.Replace(api.PathScoutScreen, "{id}", itoa(appID), 1)
	if r := f.do("PUT", scorePath, sc2, api.ScoreBody{Scores: map[string]int{"fit": 5, "team": 5}}); r.status != 403 {
		t.Errorf("another company's scout scores: %d", r.status)
	}
	if r := f.do("PUT", scorePath, sc1, api.ScoreBody{Scores: map[string]int{"fit": 6, "team": 5}}); r.status != 422 {
		t.Errorf("a 6: %d %s", r.status, r.body)
	}
	if r := f.do("PUT", scorePath, sc1, api.ScoreBody{Scores: map[string]int{"fit": 5}}); r.status != 422 {
		t.Errorf("a missing criterion: %d %s", r.status, r.body)
	}
	decodeAs[api.Screening](t, f.do("PUT", scorePath, sc1, api.ScoreBody{Scores: map[string]int{"fit": 5, "team": 2}, Comment: "良い"}))
	scr = decodeAs[api.Screening](t, f.do("PUT", scorePath, sc1b, api.ScoreBody{Scores: map[string]int{"fit": 3, "team": 3}}))
	agg := scr.Applications[0].Aggregate
	// 佐藤: (2·5+2)/3 = 4; Jane: 3 → mean 3.5.
	if agg.Reviewers != 2 || agg.Score < 3.4999 || agg.Score > 3.5001 || len(scr.Applications[0].Cards) != 2 {
		t.Fatalf("aggregate %+v", agg)
	}

	// The decision with a message, seen by the startup; a stale one refused.
	decPath := strings.Replace(api.PathScoutDecision, "{id}", itoa(appID), 1)
	v := scr.Applications[0].Version
	if r := f.do("PUT", decPath, sc1, api.DecisionBody{Decision: "maybe", Version: v}); r.status != 400 && r.status != 422 {
		t.Errorf("bad decision: %d", r.status)
	}
	scr = decodeAs[api.Screening](t, f.do("PUT", decPath, sc1, api.DecisionBody{Decision: event.DecisionSelected, Message: event.T("採択です", "Selected"), Version: v}))
	if scr.Applications[0].Decision != event.DecisionSelected {
		t.Fatalf("decision %+v", scr.Applications[0])
	}
	if r := f.do("PUT", decPath, sc1b, api.DecisionBody{Decision: event.DecisionDeclined, Version: v}); r.status != 409 {
		t.Errorf("stale decision: %d", r.status)
	}
	mine = decodeAs[api.MyApplications](t, f.do("GET", api.PathMyApplications, s1, nil))
	if a := mine.Applications[0]; a.Decision != event.DecisionSelected || a.Message.Ja != "採択です" || a.DecisionLabel.En != "Selected" {
		t.Errorf("the startup sees %+v", a)
	}

	// Judges: J1 from C1 (sponsors the pair) is conflicted, J2 is not.
	for _, j := range []event.Judge{{ID: "J1", Name: "大手 一郎", CompanyID: "C1"}, {ID: "J2", Name: "Independent Judge"}} {
		if err := f.db.AddJudge(ctx, "test", j); err != nil {
			t.Fatal(err)
		}
	}
	j1, j2 := f.judgeInvite("J1"), f.judgeInvite("J2")
	ei := decodeAs[api.EventInfo](t, f.do("GET", api.PathEventInfo, j2, nil))
	if ei.Role != "judge" || ei.Who.En != "Independent Judge" {
		t.Errorf("event info for a judge %+v", ei)
	}
	me := decodeAs[api.JudgeMe](t, f.do("GET", api.PathJudgeMe, j2, nil))
	if len(me.Pitches) != 1 || me.Pitches[0].Conflict || me.Pitches[0].Startup.En != "MedTech Alpha" || me.Pitches[0].Mine != nil || len(me.Rubric.Criteria) != 1 {
		t.Fatalf("judge J2 %+v", me)
	}
	pitchPath := strings.Replace(api.PathJudgeScore, "{id}", itoa(appID), 1)
	me = decodeAs[api.JudgeMe](t, f.do("PUT", pitchPath, j2, api.ScoreBody{Scores: map[string]int{"impact": 4}, Comment: "clear"}))
	if me.Pitches[0].Mine == nil || me.Pitches[0].Mine.Scores["impact"] != 4 {
		t.Fatalf("judge's card %+v", me.Pitches[0])
	}
	me = decodeAs[api.JudgeMe](t, f.do("GET", api.PathJudgeMe, j1, nil))
	if !me.Pitches[0].Conflict {
		t.Errorf("J1 not conflicted: %+v", me.Pitches[0])
	}
	r = f.do("PUT", pitchPath, j1, api.ScoreBody{Scores: map[string]int{"impact": 5}})
	if r.status != 403 || !strings.Contains(r.apiErr(t).Message, "conflict of interest") {
		t.Errorf("conflicted judge: %d %s", r.status, r.body)
	}
	if cards, _ := f.db.PitchCardsOf(ctx, "J1"); len(cards) != 0 {
		t.Errorf("conflicted judge's card stored: %+v", cards)
	}
	if r := f.do("PUT", pitchPath, j2, api.ScoreBody{Scores: map[string]int{"impact": 0}}); r.status != 422 {
		t.Errorf("a 0: %d", r.status)
	}

	// Every programme route refuses the other roles.
	for _, c := range []struct {
		method, path, token string
		body                any
	}{
		{"GET", api.PathMe, j2, nil},
		{"GET", api.PathMyApplications, j2, nil},
		{"GET", api.PathMyApplications, sc1, nil},
		{"GET", api.PathScoutScreening, s1, nil},
		{"GET", api.PathScoutScreening, j2, nil},
		{"GET", api.PathScoutMe, j2, nil},
		{"PUT", scorePath, j2, api.ScoreBody{}},
		{"PUT", decPath, s1, api.DecisionBody{}},
		{"GET", api.PathJudgeMe, s1, nil},
		{"GET", api.PathJudgeMe, sc1, nil},
		{"PUT", pitchPath, sc1, api.ScoreBody{Scores: map[string]int{"impact": 5}}},
		{"PUT", pitchPath, s1, api.ScoreBody{Scores: map[string]int{"impact": 5}}},
	} {
		if r := f.do(c.method, c.path, c.token, c.body); r.status != 403 {
			t.Errorf("%s %s with another role: %d %s", c.method, c.path, r.status, r.body)
		}
	}
	if _, err := f.db.RevokeJudgeTokens(ctx, "J2"); err != nil {
		t.Fatal(err)
	}
	if r := f.do("GET", api.PathJudgeMe, j2, nil); r.status != 401 {
		t.Errorf("revoked judge link: %d", r.status)
	}

	// After the deadline: refused with the deadline named, nothing stored.
	f.clock.t = f.clock.t.Add(25 * time.Hour)
	mine = decodeAs[api.MyApplications](t, f.do("GET", api.PathMyApplications, s2, nil))
	if mine.Open || !strings.Contains(mine.Refusal, "deadline") {
		t.Errorf("after the deadline %+v", mine)
	}
	n := len(stored())
	r = f.apply(s2, map[string]string{api.FormTheme: "T2", api.FormProposalEn: "late"}, "d.pdf", testPDF)
	if r.status != 403 || !strings.Contains(r.apiErr(t).Message, "deadline") || len(stored()) != n {
		t.Errorf("late application: %d %s", r.status, r.body)
	}
}

func TestProgrammeRoutesWithoutProgramme(t *testing.T) {
	f := newFixture(t, Options{})
	s1 := f.invite("S1", time.Hour)
	info := decodeAs[api.ProgrammeInfo](t, f.do("GET", api.PathProgramme, s1, nil))
	if info.Active || len(info.Stages) != 0 || len(info.OpenNow) != 0 {
		t.Errorf("no programme: %+v", info)
	}
	if r := f.do("GET", api.PathMyApplications, s1, nil); r.status != 404 {
		t.Errorf("applications without a programme: %d", r.status)
	}
}

func TestDeckName(t *testing.T) {
	for in, want := range map[string]string{
		"deck.pdf": "deck.pdf", `C:\Users\me\資料.pdf`: "資料.pdf", "/tmp/a/b.pdf": "b.pdf", "": "deck.pdf",
		"a\x00b.pdf": "ab.pdf", strings.Repeat("あ", 100) + ".pdf": strings.Repeat("あ", 66),
	} {
		if got := deckName(in); got != want {
			t.Errorf("deckName(%q) = %q, want %q", in, got, want)
		}
	}
}
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestProgrammeRoutesNeedALink(t *testing.T) {
	f := programmeFixture(t)
	expired := f.invite("S1", time.Hour)
	f.clock.t = f.clock.t.Add(2 * time.Hour) // still within the applications stage
	for _, c := range []struct{ method, path string }{
		{"GET", api.PathProgramme}, {"GET", api.PathMyApplications}, {"POST", api.PathMyApplications},
		{"GET", api.PathScoutScreening}, {"PUT", strings.Replace(api.PathScoutScreen, "{id}", "1", 1)},
		{"PUT", strings.Replace(api.PathScoutDecision, "{id}", "1", 1)}, {"GET", strings.Replace(api.PathScoutDeck, "{id}", "1", 1)},
		{"GET", api.PathJudgeMe}, {"PUT", strings.Replace(api.PathJudgeScore, "{id}", "1", 1)},
	} {
		for name, tok := range map[string]string{"no token": "", "garbage": "not-a-token", "expired": expired} {
			if r := f.do(c.method, c.path, tok, nil); r.status != 401 {
				t.Errorf("%s %s with %s: %d %s", c.method, c.path, name, r.status, r.body)
			}
		}
	}
	// A scout's application ID that is not the company's, or unknown: 403
	// either way (an ID reveals nothing).
	sc2 := f.scoutInvite("C2", "鈴木", 72*time.Hour)
	for _, id := range []string{"1", "999", "0", "x"} {
		r := f.do("GET", strings.Replace(api.PathScoutDeck, "{id}", id, 1), sc2, nil)
		if r.status != 403 && r.status != 404 {
			t.Errorf("deck %s for another company: %d", id, r.status)
		}
	}
}

func TestProgrammeSessionsInThePortal(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	now := f.clock.t
	p := &event.Programme{
		Stages:          []event.Stage{{Kind: event.StageApplications, Opens: now.Add(-time.Hour), Closes: now.Add(time.Hour)}},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("影響", "Impact"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: now.Add(7 * 24 * time.Hour), Weeks: 8, Count: 4, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Thursday, Start: "15:00"}}},
	}
	if err := f.db.SaveProgramme(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	a, err := f.db.Apply(ctx, "test", now, "S1", "T1", event.T("提案", ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.DecideApplication(ctx, "test", a.ID, event.DecisionSelected, event.Text{}, 0); err != nil {
		t.Fatal(err)
	}
	placed, unplaced, err := f.db.ScheduleSessions(ctx, "test")
	if err != nil || len(placed) != 4 || len(unplaced) != 0 {
		t.Fatalf("schedule: %d placed, %v unplaced, %v", len(placed), unplaced, err)
	}
	s1, s2 := f.invite("S1", time.Hour), f.invite("S2", time.Hour)
	sc1, sc2 := f.scoutInvite("C1", "佐藤", time.Hour), f.scoutInvite("C2", "鈴木", time.Hour)
	for name, c := range map[string]struct {
		token, path string
		n           int
	}{
		"S1": {s1, api.PathMySessions, 4}, "S2": {s2, api.PathMySessions, 0},
		"C1": {sc1, api.PathScoutSessions, 4}, "C2": {sc2, api.PathScoutSessions, 0},
	} {
		got := decodeAs[api.Sessions](t, f.do("GET", c.path, c.token, nil))
		if len(got.Sessions) != c.n {
			t.Fatalf("%s: %d sessions, want %d", name, len(got.Sessions), c.n)
		}
		for i, x := range got.Sessions {
			if x.Startup.En != "MedTech Alpha" || x.Company.En != "BigDevice Corp" || x.Number != i+1 || x.End.Sub(x.Start) != time.Hour || x.ModeLabel.IsZero() {
				t.Errorf("%s: session %+v", name, x)
			}
		}
	}
	// A move keeps the calendar UID and raises SEQUENCE.
	moved := placed[1]
	if _, err := f.db.StepSession(ctx, "test", moved.ID, event.SessionCancel, time.Time{}, "", 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ token, path string }{{s1, api.PathMySessionsICS}, {sc1, api.PathScoutSessionsICS}} {
		r := f.do("GET", c.path, c.token, nil)
		body := string(r.body)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") || strings.Count(body, "BEGIN:VEVENT") != 4 ||
			!strings.Contains(body, "UID:"+moved.UID) || !strings.Contains(body, "STATUS:CANCELLED") || !strings.Contains(body, "\r\n") {
			t.Errorf("%s: %d %s", c.path, r.status, body)
		}
	}
	for _, c := range []struct{ token, path string }{{sc1, api.PathMySessions}, {s1, api.PathScoutSessions}, {s1, api.PathScoutSessionsICS}} {
		if r := f.do("GET", c.path, c.token, nil); r.status != 403 {
			t.Errorf("%s with the other role: %d", c.path, r.status)
		}
	}
}
