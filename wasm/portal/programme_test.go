package portal

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// progInfo is a programme laid out around base, seen at now.
func progInfo(base, now time.Time) *api.ProgrammeInfo {
	st := func(k event.StageKind, opens, closes time.Duration) api.StageInfo {
		s := event.Stage{Kind: k, Opens: base.Add(opens), Closes: base.Add(closes)}
		return api.StageInfo{Kind: k, Label: event.StageLabel(k), Opens: s.Opens, Closes: s.Closes, State: s.State(now)}
	}
	info := &api.ProgrammeInfo{Active: true, Now: now, TimeZone: "Asia/Tokyo", Stages: []api.StageInfo{
		st(event.StageThemeCall, -100*time.Hour, -50*time.Hour),
		st(event.StageApplications, -50*time.Hour, 10*time.Hour),
		st(event.StageScreening, 20*time.Hour, 40*time.Hour),
		st(event.StageFinalPitch, 60*time.Hour, 70*time.Hour),
	}}
	for _, s := range info.Stages {
		if s.State == event.StageOpen {
			info.OpenNow = append(info.OpenNow, s.Kind)
		}
	}
	return info
}

func TestBanner(t *testing.T) {
	now := time.Date(2027, 2, 1, 3, 0, 0, 0, time.UTC) // 12:00 in Tokyo
	r, err := NewProgrammeRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		info *api.ProgrammeInfo
		lang event.Lang
		want []string
		not  []string
	}{
		{"applications open", progInfo(now, now), event.Ja, []string{"受付中", "応募受付", "締切 2027年2月1日(月) 22:00", "次: 書類選考", "開始 2027年2月2日(火) 08:00"}, []string{"テーマ公募", "最終ピッチ"}},
		{"in English", progInfo(now, now), event.En, []string{"Open now", "Applications", "until Mon 1 Feb 2027 22:00", "Next: Screening"}, nil},
		{"between stages", progInfo(now, now.Add(15*time.Hour)), event.En, []string{"Nothing is open now", "Next: Screening"}, []string{"Open now"}},
		{"after the last", progInfo(now, now.Add(100*time.Hour)), event.En, []string{"Nothing is open now"}, []string{"Next"}},
		{"no programme", &api.ProgrammeInfo{}, event.Ja, nil, []string{"pg-banner"}},
		{"nil", nil, event.Ja, nil, []string{"pg-banner"}},
	} {
		html, err := r.Render("banner", Banner(c.info, c.lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: %q missing in %s", c.name, w, html)
			}
		}
		for _, w := range c.not {
			if strings.Contains(html, w) {
				t.Errorf("%s: %q in %s", c.name, w, html)
			}
		}
	}
}

func TestApplyView(t *testing.T) {
	m := &api.MyApplications{Open: true, Deadline: time.Date(2027, 2, 10, 0, 0, 0, 0, time.UTC), DeckLimit: 10 << 20,
		Themes: []api.ThemeChoice{{ID: "T1", Title: event.T("手術<合併症>", "Surgery"), Company: event.T("大手", "Big")}, {ID: "T2", Title: event.T("生体信号", "Signals")}},
		Applications: []api.MyApplication{{ID: 7, ThemeID: "T1", Theme: event.T("手術<合併症>", "Surgery"), Proposal: event.T("提案", "Proposal"),
			DeckName: "a.pdf", DeckSize: 2048, Decision: event.DecisionSelected, DecisionLabel: event.DecisionLabel(event.DecisionSelected),
			Message: event.T("おめでとうございます", "Congratulations")}}}
	v := Apply(m, "Asia/Tokyo", "T2", event.Ja)
	if v.DeckHelp != "PDFファイルのみ、10.0 MBまで。" || len(v.Themes) != 2 || !v.Themes[1].On || v.Themes[0].On {
		t.Fatalf("view %+v", v)
	}
	if a := v.Apps[0]; a.Deck != "a.pdf (2 KB)" || a.DecisionCode != "selected" || a.Message != "おめでとうございます" || a.Decision != "採択" {
		t.Errorf("app %+v", a)
	}
	r, _ := NewProgrammeRenderer()
	html, err := r.Render("apply", v)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`id="ap-theme"`, `<option value="T2" selected>`, "手術&lt;合併症&gt;", `accept="application/pdf,.pdf"`, `data-decision="selected"`, "応募締切: 2027年2月10日"} {
		if !strings.Contains(html, w) {
			t.Errorf("%q missing in %s", w, html)
		}
	}
	if strings.Contains(html, "disabled") {
		t.Error("open form disabled")
	}
	closed := Apply(&api.MyApplications{Refusal: "the application deadline (2027-02-10 09:00 JST) has passed", DeckLimit: 1}, "", "", event.En)
	html, _ = r.Render("apply", closed)
	if !strings.Contains(html, `id="ap-closed"`) || !strings.Contains(html, "deadline") || strings.Count(html, "disabled") < 5 || !strings.Contains(html, "No applications yet") {
		t.Errorf("closed form %s", html)
	}
}

func TestCheckDeckUploadAndForm(t *testing.T) {
	if err := CheckDeckUpload(300<<10, 200<<10); event.ErrorCode(err) != event.ETooLarge ||
		!strings.Contains(event.ErrorMessage(err, event.En), "at most 200 KB (this file is 300 KB)") {
		t.Errorf("too large: %v", err)
	}
	if err := CheckDeckUpload(200<<10, 200<<10); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	pdf := []byte("%PDF-1.4\n\x00\xff binary\n%%EOF\n")
	for _, deck := range [][]byte{pdf, nil} {
		body, ctype, err := ApplicationForm("T1", event.T("日本語の提案", "English"), `my "deck".pdf`, deck)
		if err != nil {
			t.Fatal(err)
		}
		mt, params, err := mime.ParseMediaType(ctype)
		if err != nil || mt != "multipart/form-data" {
			t.Fatalf("content type %q: %v", ctype, err)
		}
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		got := map[string]string{}
		file := ""
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(p)
			got[p.FormName()] = string(b)
			if p.FormName() == api.FormDeck {
				file = p.FileName()
			}
		}
		if got[api.FormTheme] != "T1" || got[api.FormProposalJa] != "日本語の提案" || got[api.FormProposalEn] != "English" {
			t.Errorf("fields %v", got)
		}
		if deck != nil && (got[api.FormDeck] != string(pdf) || file != "my deck.pdf") {
			t.Errorf("deck %q named %q", got[api.FormDeck], file)
		}
		if _, ok := got[api.FormDeck]; deck == nil && ok {
			t.Error("a deck part without a deck")
		}
	}
}

var testRubric = event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 2}, {ID: "team", Label: event.T("チーム", "Team"), Weight: 1}}}

func TestScreeningView(t *testing.T) {
	cards := []event.Scorecard{{Reviewer: "佐藤", Scores: map[string]int{"fit": 5, "team": 2}, Comment: "良い"}, {Reviewer: "Jane", Scores: map[string]int{"fit": 3, "team": 3}, Comment: "<b>ok</b>"}}
	sc := &api.Screening{Scout: "佐藤", Rubric: testRubric,
		Decisions: []api.Choice{{Code: "selected", Label: event.DecisionLabel(event.DecisionSelected)}, {Code: "declined", Label: event.DecisionLabel(event.DecisionDeclined)}},
		Applications: []api.ScreeningApp{{ID: 3, Version: 4, Startup: event.T("メドテック", "MedTech"), Theme: event.T("テーマ", "Theme"),
			Proposal: event.T("提案", "Proposal"), DeckName: "d.pdf", DeckSize: 5 << 20, Cards: cards, Aggregate: testRubric.Aggregate(cards), Matching: 0.724,
			Decision: event.DecisionDeclined, DecisionLabel: event.DecisionLabel(event.DecisionDeclined), Message: event.T("残念", "Sorry")}}}
	v := Screening(sc, "Asia/Tokyo", event.Ja)
	a := v.Apps[0]
	if a.Aggregate != "3.50" || a.Reviewers != 2 || a.Matching != 72 || a.Deck != "d.pdf (5.0 MB)" || !a.Scored || a.Comment != "良い" || a.ProposalOther != "Proposal" {
		t.Fatalf("view %+v", a)
	}
	if len(a.Others) != 1 || a.Others[0].Reviewer != "Jane" || a.Others[0].Scores != "適合 3 · チーム 3 (3.00)" {
		t.Errorf("others %+v", a.Others)
	}
	if a.Criteria[0].Scores[4].On != true || a.Criteria[1].Scores[1].On != true || a.Criteria[0].Weight != "×2" {
		t.Errorf("my scores not filled in: %+v", a.Criteria)
	}
	if !a.Decisions[1].On || a.Decisions[0].On || a.MessageJa != "残念" {
		t.Errorf("decision %+v", a)
	}
	r, _ := NewProgrammeRenderer()
	html, err := r.Render("screening", v)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`id="sc-3-fit"`, `id="sc-3-team"`, `data-version="4"`, `id="sa-deck-3"`, "&lt;b&gt;ok&lt;/b&gt;", `<option value="5" selected>5</option>`, `<option value="declined" selected>`} {
		if !strings.Contains(html, w) {
			t.Errorf("%q missing in %s", w, html)
		}
	}
	// Unscored by this scout: empty inputs.
	sc.Scout = "新人"
	if b := Screening(sc, "", event.En).Apps[0]; b.Scored || b.Criteria[0].Scores[4].On || len(b.Others) != 2 {
		t.Errorf("another scout %+v", b)
	}
	sc.Applications = nil
	if html, _ := r.Render("screening", Screening(sc, "", event.En)); !strings.Contains(html, "No applications yet") {
		t.Errorf("empty %s", html)
	}
}

func TestReadScores(t *testing.T) {
	vals := map[string]string{"fit": "4", "team": ""}
	got := ReadScores(&testRubric, func(id string) string { return vals[id] })
	if len(got) != 1 || got["fit"] != 4 {
		t.Errorf("ReadScores = %v", got)
	}
}

func TestJudgingView(t *testing.T) {
	start := time.Date(2027, 6, 1, 1, 0, 0, 0, time.UTC)
	me := &api.JudgeMe{ID: "J1", Name: "審査 一郎", Rubric: testRubric, Pitches: []api.JudgePitch{
		{Order: 1, ApplicationID: 5, Startup: event.T("A社", "A"), Start: start, QAStart: start.Add(7 * time.Minute), End: start.Add(12 * time.Minute), BreakAfter: 10,
			Mine: &event.Scorecard{Reviewer: "J1", Scores: map[string]int{"fit": 2, "team": 5}, Comment: "c"}},
		{Order: 2, ApplicationID: 6, Startup: event.T("B社", "B"), Conflict: true},
	}}
	v := Judging(me, "Asia/Tokyo", event.Ja)
	if p := v.Pitches[0]; !p.Scored || p.Comment != "c" || !p.Criteria[0].Scores[1].On || p.Break != "休憩 10分" || !strings.Contains(p.When, "10:00–10:12") || !strings.Contains(p.When, "質疑 10:07") {
		t.Errorf("pitch %+v", p)
	}
	if p := v.Pitches[1]; !p.Conflict || p.Criteria != nil {
		t.Errorf("conflicted pitch %+v", p)
	}
	r, _ := NewProgrammeRenderer()
	html, err := r.Render("judging", v)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`id="jd-5-fit"`, `id="jp-save-5"`, `id="jp-conflict-6"`, `data-scored="true"`, "利益相反"} {
		if !strings.Contains(html, w) {
			t.Errorf("%q missing in %s", w, html)
		}
	}
	if strings.Contains(html, `id="jp-save-6"`) || strings.Contains(html, `id="jd-6-fit"`) {
		t.Error("a conflicted pitch has inputs")
	}
}

func TestProgrammeTextsBothLanguages(t *testing.T) {
	for _, k := range []string{"tab_apply", "tab_screening", "tab_judging", "open_now", "conflict", "deck_help", "submit", "aggregate", "matching", "save_decision"} {
		ja, en := PUI(k, event.Ja), PUI(k, event.En)
		if ja == k || en == k || ja == en {
			t.Errorf("%s: ja %q en %q", k, ja, en)
		}
		if OUI(k, event.En) != en {
			t.Errorf("OUI(%s) does not fall back to the programme texts", k)
		}
	}
}

func TestProposalFor(t *testing.T) {
	m := &api.MyApplications{Applications: []api.MyApplication{
		{ThemeID: "T1", Proposal: event.T("案", "Plan"), DeckName: "d.pdf"},
		{ThemeID: "T2", Proposal: event.T("", "Other"), Decision: event.DecisionWaitlist},
	}}
	if p, deck, decided, ok := ProposalFor(m, "T1"); !ok || decided || p.Ja != "案" || deck != "d.pdf" {
		t.Errorf("T1: %v %q %v %v", p, deck, decided, ok)
	}
	if _, _, decided, ok := ProposalFor(m, "T2"); !ok || !decided {
		t.Errorf("T2 decided: %v %v", decided, ok)
	}
	if _, _, _, ok := ProposalFor(m, "T3"); ok {
		t.Error("T3 not applied")
	}
}

func TestSessionsView(t *testing.T) {
	start := time.Date(2027, 3, 9, 1, 0, 0, 0, time.UTC)
	l := []api.SessionInfo{{ID: 1, Number: 1, Start: start, End: start.Add(time.Hour), ModeLabel: event.ModeLabel(event.ModeOnline), Status: event.SessionScheduled,
		Startup: event.T("A社", "A"), Company: event.T("大手", "Major"), Theme: event.T("テーマ", "Theme"), Note: "議題<1>"},
		{ID: 2, Number: 2, Start: start.Add(14 * 24 * time.Hour), End: start.Add(14*24*time.Hour + time.Hour), Status: event.SessionCancelled}}
	v := Sessions(l, "Asia/Tokyo", false, event.Ja)
	if s := v.Sessions[0]; s.Title != "第1回" || s.Who != "大手" || !strings.Contains(s.When, "3月9日(火) 10:00–11:00") || s.Status != "予定" {
		t.Errorf("startup's view %+v", s)
	}
	if s := Sessions(l, "Asia/Tokyo", true, event.En).Sessions[1]; s.Who != "" || s.Status != "Cancelled" || s.Title != "Session 2" {
		t.Errorf("scout's view %+v", s)
	}
	if Sessions(l, "", true, event.En).Sessions[0].Who != "A" {
		t.Error("the scout sees the startup")
	}
	r, _ := NewProgrammeRenderer()
	html, err := r.Render("sessions", v)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`id="ss-ics"`, `id="ss-2"`, `data-status="cancelled"`, "議題&lt;1&gt;"} {
		if !strings.Contains(html, w) {
			t.Errorf("%q missing in %s", w, html)
		}
	}
}
