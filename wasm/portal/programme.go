package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"mime/multipart"
	"net/textproto"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// The programme in the portal (issue 19): the "open now" banner for every
// role, the startup's application form with a PDF deck, the scouts'
// screening on the rubric (phone-sized first) and the judges' scoring.
// DOM-free; wasm/main/programme.go binds them.

// PUI is a fixed text of the programme views in lang.
func PUI(key string, lang event.Lang) string { return programmeText(key).In(lang) }

func programmeText(key string) event.Text {
	switch key {
	case "tab_apply":
		return event.T("プログラム応募", "Apply")
	case "tab_screening":
		return event.T("書類選考", "Screening")
	case "tab_sessions":
		return event.T("アクセラレーション", "Sessions")
	case "no_sessions":
		return event.T("アクセラレーションのセッションはまだありません", "No acceleration sessions yet")
	case "session_n":
		return event.T("第%d回", "Session %d")
	case "sessions_ics":
		return event.T("セッションのカレンダー(.ics)", "Sessions calendar (.ics)")
	case "st_scheduled":
		return event.T("予定", "Scheduled")
	case "st_held":
		return event.T("実施済み", "Held")
	case "st_cancelled":
		return event.T("中止", "Cancelled")
	case "tab_judging":
		return event.T("ピッチ審査", "Pitch scoring")
	case "open_now":
		return event.T("受付中", "Open now")
	case "nothing_open":
		return event.T("現在受付中の段階はありません", "Nothing is open now")
	case "next":
		return event.T("次", "Next")
	case "until":
		return event.T("締切", "until")
	case "deadline":
		return event.T("応募締切", "Deadline")
	case "opens":
		return event.T("開始", "opens")
	case "theme":
		return event.T("応募するテーマ", "Theme to apply to")
	case "choose":
		return event.T("選んでください", "Choose…")
	case "proposal_ja":
		return event.T("提案内容(日本語)", "Proposal (Japanese)")
	case "proposal_en":
		return event.T("提案内容(英語)", "Proposal (English)")
	case "proposal_help":
		return event.T(fmt.Sprintf("日本語・英語のどちらか一方は必須です(各%d文字以内)。", event.MaxProposalRunes),
			fmt.Sprintf("Japanese or English, or both (up to %d characters each).", event.MaxProposalRunes))
	case "deck":
		return event.T("ピッチ資料(PDF、任意)", "Pitch deck (PDF, optional)")
	case "deck_help":
		return event.T("PDFファイルのみ、%sまで。", "PDF only, up to %s.")
	case "submit":
		return event.T("応募する", "Apply")
	case "reapply":
		return event.T("このテーマには応募済みです。締切までは再送信で内容を差し替えられます(資料は新しいファイルを選んだときだけ差し替えます)。", "You applied to this theme; until the deadline, sending again replaces the proposal (and the deck, only if you choose a new file).")
	case "decided":
		return event.T("このテーマへの応募は選考結果が出ているため変更できません。", "Your application to this theme has been decided and can no longer change.")
	case "sending":
		return event.T("送信中…", "Sending…")
	case "applied":
		return event.T("応募を受け付けました", "Application received")
	case "my_applications":
		return event.T("応募状況", "My applications")
	case "no_applications":
		return event.T("まだ応募していません", "No applications yet")
	case "submitted":
		return event.T("応募日時", "Submitted")
	case "decision":
		return event.T("選考結果", "Decision")
	case "message":
		return event.T("企業からのメッセージ", "Message from the company")
	case "no_screening":
		return event.T("応募はまだありません", "No applications yet")
	case "download_deck":
		return event.T("資料をダウンロード", "Download deck")
	case "no_deck":
		return event.T("資料なし", "No deck")
	case "aggregate":
		return event.T("評価平均", "Screening score")
	case "matching":
		return event.T("マッチング", "Matching")
	case "reviewers":
		return event.T("名が評価", "scouts")
	case "my_scores":
		return event.T("あなたの評価", "Your scores")
	case "comment":
		return event.T("コメント", "Comment")
	case "save_scores":
		return event.T("評価を保存", "Save scores")
	case "others":
		return event.T("他のスカウトの評価", "Other scouts' scores")
	case "decide":
		return event.T("判定", "Decision")
	case "message_ja":
		return event.T("スタートアップへのメッセージ(日本語)", "Message to the startup (Japanese)")
	case "message_en":
		return event.T("スタートアップへのメッセージ(英語)", "Message to the startup (English)")
	case "save_decision":
		return event.T("判定を保存", "Save decision")
	case "saved":
		return event.T("保存しました", "Saved")
	case "no_pitches":
		return event.T("採点するピッチはまだありません", "No pitches to score yet")
	case "conflict":
		return event.T("利益相反のため、このピッチは採点できません(自社が支援する組み合わせです)", "Conflict of interest: you cannot score this pitch (your company sponsors the pair)")
	case "scored":
		return event.T("採点済み", "Scored")
	case "not_scored":
		return event.T("未採点", "Not scored")
	case "save_pitch":
		return event.T("採点を保存", "Save scores")
	case "qa":
		return event.T("質疑", "Q&A")
	case "break":
		return event.T("休憩", "Break")
	case "judge":
		return event.T("審査員", "Judge")
	case "minutes":
		return event.T("分", "min")
	}
	return event.T(key, key)
}

// zone is the event's time zone (Asia/Tokyo when unnamed or unknown).
func zone(tz string) *time.Location { return (&event.Event{TimeZone: tz}).Location() }

// FormatWhen formats a time in the event's zone for the programme views.
func FormatWhen(t time.Time, tz string, lang event.Lang) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone(tz))
	if lang == event.Ja {
		wd := []string{"日", "月", "火", "水", "木", "金", "土"}[t.Weekday()]
		return fmt.Sprintf("%d年%d月%d日(%s) %s", t.Year(), int(t.Month()), t.Day(), wd, t.Format("15:04"))
	}
	return t.Format("Mon 2 Jan 2006 15:04")
}

// ---- the "open now" banner ----

// BannerView is the banner's data: the stages open now with their
// closing time, else the next stage to open.
type BannerView struct {
	Show    bool
	Open    []BannerStage
	Next    *BannerStage
	Nothing bool
	UI      map[string]string
}

// BannerStage is one stage in the banner.
type BannerStage struct {
	Kind, Label, When string
}

// Banner builds the banner from the programme info (Programme.OpenNow on
// the server's clock).
func Banner(info *api.ProgrammeInfo, lang event.Lang) BannerView {
	v := BannerView{UI: puiMap(lang, "open_now", "nothing_open", "next", "until", "opens")}
	if info == nil || !info.Active {
		return v
	}
	v.Show = true
	open := map[event.StageKind]bool{}
	for _, k := range info.OpenNow {
		open[k] = true
	}
	for _, st := range info.Stages {
		switch {
		case open[st.Kind]:
			v.Open = append(v.Open, BannerStage{Kind: string(st.Kind), Label: st.Label.In(lang), When: FormatWhen(st.Closes, info.TimeZone, lang)})
		case v.Next == nil && st.State == event.StageUpcoming:
			v.Next = &BannerStage{Kind: string(st.Kind), Label: st.Label.In(lang), When: FormatWhen(st.Opens, info.TimeZone, lang)}
		}
	}
	v.Nothing = len(v.Open) == 0
	return v
}

func puiMap(lang event.Lang, keys ...string) map[string]string {
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = PUI(k, lang)
	}
	return m
}

// ---- the startup's application ----

// ApplyView is the startup's application form and its applications.
type ApplyView struct {
	Open      bool
	Refusal   string
	Deadline  string
	DeckHelp  string
	DeckLimit int
	Themes    []Option
	Apps      []MyAppView
	UI        map[string]string
}

// MyAppView is one of the startup's applications.
type MyAppView struct {
	ID                     int64
	Theme, Company         string
	Proposal               string
	Deck                   string
	Submitted              string
	Decision, DecisionCode string
	Message                string
}

// Apply builds the application view; chosen is the theme selected in the
// form (kept across re-renders).
func Apply(m *api.MyApplications, tz, chosen string, lang event.Lang) ApplyView {
	v := ApplyView{Open: m.Open, Refusal: m.Refusal, Deadline: FormatWhen(m.Deadline, tz, lang), DeckLimit: m.DeckLimit,
		DeckHelp: fmt.Sprintf(PUI("deck_help", lang), event.SizeLabel(m.DeckLimit)),
		UI: puiMap(lang, "theme", "choose", "proposal_ja", "proposal_en", "proposal_help", "deck", "submit", "my_applications",
			"no_applications", "submitted", "decision", "message", "deadline")}
	for _, t := range m.Themes {
		v.Themes = append(v.Themes, Option{Code: t.ID, Label: t.Title.In(lang) + " — " + t.Company.In(lang), On: t.ID == chosen})
	}
	for _, a := range m.Applications {
		av := MyAppView{ID: a.ID, Theme: a.Theme.In(lang), Company: a.Company.In(lang), Proposal: a.Proposal.In(lang),
			Submitted: FormatWhen(a.SubmittedAt, tz, lang), Decision: a.DecisionLabel.In(lang), DecisionCode: string(a.Decision), Message: a.Message.In(lang)}
		if a.DeckName != "" {
			av.Deck = a.DeckName + " (" + event.SizeLabel(a.DeckSize) + ")"
		}
		if av.DecisionCode == "" {
			av.DecisionCode = "none"
		}
		v.Apps = append(v.Apps, av)
	}
	return v
}

// ProposalFor is the stored proposal of the startup's application to theme,
// for the form to start from when the startup picks a theme it applied to
// (applying again before the deadline replaces it); ok is false when there
// is none, decided true when it was decided and can no longer change.
func ProposalFor(m *api.MyApplications, theme string) (p event.Text, deck string, decided, ok bool) {
	for _, a := range m.Applications {
		if a.ThemeID == theme {
			return a.Proposal, a.DeckName, a.Decision != event.DecisionNone, true
		}
	}
	return event.Text{}, "", false, false
}

// CheckDeckUpload refuses, before uploading, a deck larger than the
// programme's limit (the server refuses it too); the type is the server's
// check (event.CheckDeck).
func CheckDeckUpload(size, limit int) error {
	if limit > 0 && size > limit {
		return event.DeckTooLarge(size, limit)
	}
	return nil
}

// ApplicationForm encodes an application as the multipart/form-data body
// of POST api.PathMyApplications; deck nil sends no file. It returns the
// body and its Content-Type.
func ApplicationForm(theme string, proposal event.Text, deckName string, deck []byte) ([]byte, string, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range [][2]string{{api.FormTheme, theme}, {api.FormProposalJa, proposal.Ja}, {api.FormProposalEn, proposal.En}} {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	if deck != nil {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, api.FormDeck, strings.NewReplacer(`"`, "", "\r", "", "\n", "").Replace(deckName)))
		h.Set("Content-Type", "application/pdf")
		w, err := mw.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if _, err := w.Write(deck); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), mw.FormDataContentType(), nil
}

// ---- rubric inputs (screening and judging) ----

// CriterionInput is one criterion of a rubric as a 1–5 choice.
type CriterionInput struct {
	ID, Label, Weight string
	Scores            []ScoreOption
}

// ScoreOption is one score of a criterion's choice.
type ScoreOption struct {
	Value int
	On    bool
}

func rubricInputs(r *event.Rubric, card *event.Scorecard, lang event.Lang) []CriterionInput {
	out := make([]CriterionInput, 0, len(r.Criteria))
	for _, c := range r.Criteria {
		in := CriterionInput{ID: c.ID, Label: c.Label.In(lang), Weight: fmt.Sprintf("×%g", c.Weight)}
		have := 0
		if card != nil {
			have = card.Scores[c.ID]
		}
		for s := event.MinScore; s <= event.MaxScore; s++ {
			in.Scores = append(in.Scores, ScoreOption{Value: s, On: s == have})
		}
		out = append(out, in)
	}
	return out
}

// ---- the scouts' screening ----

// ScreeningView is the company's applications for its scouts.
type ScreeningView struct {
	Apps []ScreenAppView
	UI   map[string]string
}

// ScreenAppView is one application on the scout's screen.
type ScreenAppView struct {
	ID                   int64
	Version              int64
	Startup, Theme       string
	Submitted            string
	Proposal             string
	ProposalOther        string
	Deck                 string
	HasDeck              bool
	Aggregate            string
	Reviewers            int
	Matching             int
	Criteria             []CriterionInput
	Comment              string
	Scored               bool
	Others               []OtherCard
	Decisions            []Option
	Decision             string
	DecisionCode         string
	MessageJa, MessageEn string
}

// OtherCard is another scout's scorecard.
type OtherCard struct {
	Reviewer, Scores, Comment string
}

// Screening builds the scout's screening view; scout is the scout's name
// (their own scorecard fills the inputs).
func Screening(sc *api.Screening, tz string, lang event.Lang) ScreeningView {
	v := ScreeningView{UI: puiMap(lang, "no_screening", "download_deck", "no_deck", "aggregate", "matching", "reviewers", "my_scores",
		"comment", "save_scores", "others", "decide", "message_ja", "message_en", "save_decision", "submitted", "choose")}
	other := event.En
	if lang == event.En {
		other = event.Ja
	}
	for _, a := range sc.Applications {
		av := ScreenAppView{ID: a.ID, Version: a.Version, Startup: a.Startup.In(lang), Theme: a.Theme.In(lang), Submitted: FormatWhen(a.SubmittedAt, tz, lang),
			Proposal: a.Proposal.In(lang), HasDeck: a.DeckName != "", Reviewers: a.Aggregate.Reviewers, Matching: int(100*a.Matching + 0.5),
			Decision: a.DecisionLabel.In(lang), DecisionCode: string(a.Decision), MessageJa: a.Message.Ja, MessageEn: a.Message.En}
		if p := a.Proposal.In(other); p != av.Proposal {
			av.ProposalOther = p
		}
		if av.HasDeck {
			av.Deck = a.DeckName + " (" + event.SizeLabel(a.DeckSize) + ")"
		}
		av.Aggregate = "—"
		if a.Aggregate.Reviewers > 0 {
			av.Aggregate = fmt.Sprintf("%.2f", a.Aggregate.Score)
		}
		var mine *event.Scorecard
		for i := range a.Cards {
			c := &a.Cards[i]
			if c.Reviewer == sc.Scout {
				mine = c
				continue
			}
			av.Others = append(av.Others, OtherCard{Reviewer: c.Reviewer, Scores: cardLine(&sc.Rubric, c, lang), Comment: c.Comment})
		}
		if mine != nil {
			av.Scored, av.Comment = true, mine.Comment
		}
		av.Criteria = rubricInputs(&sc.Rubric, mine, lang)
		for _, d := range sc.Decisions {
			av.Decisions = append(av.Decisions, Option{Code: d.Code, Label: d.Label.In(lang), On: d.Code == string(a.Decision)})
		}
		v.Apps = append(v.Apps, av)
	}
	return v
}

// cardLine is a scorecard in one line: "Fit 4 · Team 3 (3.67)".
func cardLine(r *event.Rubric, c *event.Scorecard, lang event.Lang) string {
	var parts []string
	for _, cr := range r.Criteria {
		if s, ok := c.Scores[cr.ID]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", cr.Label.In(lang), s))
		}
	}
	return strings.Join(parts, " · ") + fmt.Sprintf(" (%.2f)", r.Weighted(c))
}

// ReadScores reads a rubric's choices from the form: value(criterion ID)
// is the selected score ("" when none); a criterion left unset is left
// out, so the server names it.
func ReadScores(r *event.Rubric, value func(id string) string) map[string]int {
	out := map[string]int{}
	for _, c := range r.Criteria {
		var n int
		if _, err := fmt.Sscanf(value(c.ID), "%d", &n); err == nil {
			out[c.ID] = n
		}
	}
	return out
}

// ---- the judges ----

// JudgeView is a judge's running order with the scoring inputs.
type JudgeView struct {
	Name    string
	Pitches []JudgePitchView
	UI      map[string]string
}

// JudgePitchView is one pitch on the judge's screen.
type JudgePitchView struct {
	ID                   int64
	Order                int
	When, Startup, Theme string
	Company              string
	Conflict, Scored     bool
	Criteria             []CriterionInput
	Comment              string
	Break                string
}

// Judging builds the judge's view.
func Judging(me *api.JudgeMe, tz string, lang event.Lang) JudgeView {
	v := JudgeView{Name: me.Name, UI: puiMap(lang, "no_pitches", "conflict", "scored", "not_scored", "save_pitch", "comment", "qa", "judge")}
	loc := zone(tz)
	for _, p := range me.Pitches {
		pv := JudgePitchView{ID: p.ApplicationID, Order: p.Order, Startup: p.Startup.In(lang), Theme: p.Theme.In(lang), Company: p.Company.In(lang),
			Conflict: p.Conflict, Scored: p.Mine != nil}
		if !p.Start.IsZero() {
			pv.When = FormatSlot(p.Start.In(loc), p.End.In(loc), lang) + " (" + PUI("qa", lang) + " " + p.QAStart.In(loc).Format("15:04") + ")"
		}
		if p.BreakAfter > 0 {
			pv.Break = fmt.Sprintf("%s %d%s", PUI("break", lang), p.BreakAfter, PUI("minutes", lang))
		}
		if !p.Conflict {
			pv.Criteria = rubricInputs(&me.Rubric, p.Mine, lang)
			if p.Mine != nil {
				pv.Comment = p.Mine.Comment
			}
		}
		v.Pitches = append(v.Pitches, pv)
	}
	return v
}

// ---- acceleration sessions ----

// SessionsView is a participant's acceleration sessions.
type SessionsView struct {
	Sessions []SessionView
	UI       map[string]string
}

// SessionView is one session.
type SessionView struct {
	ID                       int64
	Title, When, Who, Theme  string
	Mode, Status, StatusCode string
	Note                     string
}

// Sessions builds the sessions view; scout is true for the company side
// (the other party is then the startup).
func Sessions(l []api.SessionInfo, tz string, scout bool, lang event.Lang) SessionsView {
	v := SessionsView{UI: puiMap(lang, "no_sessions", "sessions_ics")}
	loc := zone(tz)
	for _, x := range l {
		sv := SessionView{ID: x.ID, Title: fmt.Sprintf(PUI("session_n", lang), x.Number), When: FormatSlot(x.Start.In(loc), x.End.In(loc), lang),
			Theme: x.Theme.In(lang), Mode: x.ModeLabel.In(lang), Status: PUI("st_"+string(x.Status), lang), StatusCode: string(x.Status), Note: x.Note}
		if scout {
			sv.Who = x.Startup.In(lang)
		} else {
			sv.Who = x.Company.In(lang)
		}
		v.Sessions = append(v.Sessions, sv)
	}
	return v
}

// ---- rendering ----

// rubricData is the "rubric" template's data: the criteria and the
// prefix of their select IDs.
type rubricData struct {
	Criteria []CriterionInput
	Prefix   string
}

// ProgrammeRenderer renders the programme views with html/template.
type ProgrammeRenderer struct{ t *template.Template }

// NewProgrammeRenderer parses the programme templates.
func NewProgrammeRenderer() (*ProgrammeRenderer, error) {
	t, err := template.New("programme").Funcs(template.FuncMap{
		"rubricOf": func(c []CriterionInput, prefix string) rubricData { return rubricData{Criteria: c, Prefix: prefix} },
	}).Parse(programmeTemplates)
	if err != nil {
		return nil, fmt.Errorf("programme templates: %w", err)
	}
	return &ProgrammeRenderer{t: t}, nil
}

// Render executes template name (banner, apply, screening, judging) with v.
func (r *ProgrammeRenderer) Render(name string, v any) (string, error) {
	var b bytes.Buffer
	if err := r.t.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

const programmeTemplates = `
{{define "banner"}}{{if .Show}}<div class="progbanner" id="pg-banner" role="status">{{if .Nothing}}<span id="pg-nothing">{{.UI.nothing_open}}</span>{{else}}<b>{{.UI.open_now}}:</b>{{range .Open}} <span class="pg-open" data-stage="{{.Kind}}">{{.Label}} <small>({{$.UI.until}} {{.When}})</small></span>{{end}}{{end}}{{with .Next}} <span class="pg-next" data-stage="{{.Kind}}">· {{$.UI.next}}: {{.Label}} <small>({{$.UI.opens}} {{.When}})</small></span>{{end}}</div>{{end}}{{end}}

{{define "rubric"}}{{range .Criteria}}<label class="crit"><span>{{.Label}} <small>{{.Weight}}</small></span><select data-crit="{{.ID}}" id="{{$.Prefix}}-{{.ID}}"><option value="">–</option>{{range .Scores}}<option value="{{.Value}}"{{if .On}} selected{{end}}>{{.Value}}</option>{{end}}</select></label>{{end}}{{end}}

{{define "apply"}}<form id="apply-form" class="progform" onsubmit="return false">
{{if .Open}}{{if .Deadline}}<p class="note" id="ap-deadline">{{.UI.deadline}}: {{.Deadline}}</p>{{end}}{{else}}<p class="error" id="ap-closed">{{.Refusal}}</p>{{end}}
<label class="field"><span class="lbl">{{.UI.theme}}</span><select id="ap-theme" name="theme"{{if not .Open}} disabled{{end}}><option value="">{{.UI.choose}}</option>{{range .Themes}}<option value="{{.Code}}"{{if .On}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<p class="sub">{{.UI.proposal_help}}</p>
<label class="field"><span class="lbl">{{.UI.proposal_ja}}</span><textarea id="ap-ja" rows="4" maxlength="2000"{{if not .Open}} disabled{{end}}></textarea></label>
<label class="field"><span class="lbl">{{.UI.proposal_en}}</span><textarea id="ap-en" rows="4" maxlength="2000" lang="en"{{if not .Open}} disabled{{end}}></textarea></label>
<label class="field"><span class="lbl">{{.UI.deck}}</span><input type="file" id="ap-deck" accept="application/pdf,.pdf" data-limit="{{.DeckLimit}}"{{if not .Open}} disabled{{end}}><span class="sub">{{.DeckHelp}}</span></label>
<div class="actions"><button type="button" class="primary" data-act="pg-apply" id="ap-submit"{{if not .Open}} disabled{{end}}>{{.UI.submit}}</button><span id="ap-msg" class="msg" role="status" aria-live="polite"></span></div></form>
<h2>{{.UI.my_applications}}</h2>{{if not .Apps}}<p class="empty" id="ap-none">{{.UI.no_applications}}</p>{{else}}<ul class="progapps">{{range .Apps}}<li class="progapp dec-{{.DecisionCode}}" id="myapp-{{.ID}}" data-decision="{{.DecisionCode}}"><div class="who"><b>{{.Theme}}</b> <span class="co">{{.Company}}</span></div>
{{if .Proposal}}<p class="desc">{{.Proposal}}</p>{{end}}<p class="meta"><span>{{$.UI.submitted}}: {{.Submitted}}</span>{{if .Deck}} <span class="deckname">{{.Deck}}</span>{{end}}</p>
<p><b>{{$.UI.decision}}:</b> <span class="decision" id="myapp-dec-{{.ID}}">{{.Decision}}</span></p>{{if .Message}}<p class="msgbox"><b>{{$.UI.message}}:</b> {{.Message}}</p>{{end}}</li>{{end}}</ul>{{end}}{{end}}

{{define "screening"}}{{if not .Apps}}<p class="empty">{{.UI.no_screening}}</p>{{else}}<ul class="progapps">{{range .Apps}}<li class="progapp screen dec-{{or .DecisionCode "none"}}" id="sa-{{.ID}}" data-id="{{.ID}}" data-version="{{.Version}}">
<div class="th-head"><h3>{{.Startup}}</h3><span class="co">{{.Theme}}</span></div>
<div class="scores"><span class="score agg">{{$.UI.aggregate}} <b id="sa-agg-{{.ID}}">{{.Aggregate}}</b><small> / 5 ({{.Reviewers}} {{$.UI.reviewers}})</small></span> <span class="score match">{{$.UI.matching}} <b id="sa-match-{{.ID}}">{{.Matching}}%</b></span></div>
<p class="meta">{{$.UI.submitted}}: {{.Submitted}}</p>{{if .Proposal}}<p class="desc">{{.Proposal}}</p>{{end}}{{if .ProposalOther}}<p class="desc other">{{.ProposalOther}}</p>{{end}}
<p>{{if .HasDeck}}<button type="button" data-act="pg-deck" data-id="{{.ID}}" id="sa-deck-{{.ID}}">{{$.UI.download_deck}}</button> <span class="deckname">{{.Deck}}</span>{{else}}<span class="sub">{{$.UI.no_deck}}</span>{{end}}</p>
<fieldset class="rubric" id="sa-rubric-{{.ID}}"><legend>{{$.UI.my_scores}}</legend>{{template "rubric" (rubricOf .Criteria (printf "sc-%d" .ID))}}
<label class="field"><span class="lbl">{{$.UI.comment}}</span><textarea id="sc-comment-{{.ID}}" rows="2" maxlength="2000">{{.Comment}}</textarea></label>
<div class="row"><button type="button" class="primary" data-act="pg-score" data-id="{{.ID}}" id="sa-save-{{.ID}}">{{$.UI.save_scores}}</button> <span class="msg" id="sa-msg-{{.ID}}" role="status"></span></div></fieldset>
{{if .Others}}<details class="others"><summary>{{$.UI.others}} ({{len .Others}})</summary><ul>{{range .Others}}<li><b>{{.Reviewer}}</b>: {{.Scores}}{{if .Comment}} — {{.Comment}}{{end}}</li>{{end}}</ul></details>{{end}}
<fieldset class="decide"><legend>{{$.UI.decide}}: <span id="sa-dec-{{.ID}}">{{.Decision}}</span></legend><select id="dc-{{.ID}}"><option value="">{{$.UI.choose}}</option>{{range .Decisions}}<option value="{{.Code}}"{{if .On}} selected{{end}}>{{.Label}}</option>{{end}}</select>
<label class="field"><span class="lbl">{{$.UI.message_ja}}</span><textarea id="dm-ja-{{.ID}}" rows="2" maxlength="2000">{{.MessageJa}}</textarea></label>
<label class="field"><span class="lbl">{{$.UI.message_en}}</span><textarea id="dm-en-{{.ID}}" rows="2" maxlength="2000" lang="en">{{.MessageEn}}</textarea></label>
<div class="row"><button type="button" data-act="pg-decide" data-id="{{.ID}}" id="sa-decide-{{.ID}}">{{$.UI.save_decision}}</button> <span class="msg" id="sd-msg-{{.ID}}" role="status"></span></div></fieldset></li>{{end}}</ul>{{end}}{{end}}

{{define "sessions"}}<div class="actions"><button type="button" class="primary" data-act="pg-ics" id="ss-ics">{{.UI.sessions_ics}}</button></div>{{if not .Sessions}}<p class="empty">{{.UI.no_sessions}}</p>{{else}}<ul class="meetings">{{range .Sessions}}<li class="meeting {{.StatusCode}}" id="ss-{{.ID}}" data-status="{{.StatusCode}}">
<div class="when">{{.Title}} · {{.When}}</div><div class="who"><b>{{.Who}}</b>{{if .Theme}} <span>{{.Theme}}</span>{{end}}</div><div class="where">{{.Mode}} · <span class="status">{{.Status}}</span></div>{{if .Note}}<p class="desc">{{.Note}}</p>{{end}}</li>{{end}}</ul>{{end}}{{end}}

{{define "judging"}}<p class="meta">{{.UI.judge}}: <b id="jd-name">{{.Name}}</b></p>{{if not .Pitches}}<p class="empty">{{.UI.no_pitches}}</p>{{else}}<ol class="progapps pitches">{{range .Pitches}}<li class="progapp pitch{{if .Conflict}} conflicted{{end}}" id="jp-{{.ID}}" data-id="{{.ID}}" data-scored="{{.Scored}}" data-conflict="{{.Conflict}}">
<div class="th-head"><h3><span class="rank">{{.Order}}.</span> {{.Startup}}</h3><span class="co">{{.Theme}} — {{.Company}}</span></div>{{if .When}}<p class="meta">{{.When}}</p>{{end}}
{{if .Conflict}}<p class="warn" id="jp-conflict-{{.ID}}">{{$.UI.conflict}}</p>{{else}}<p class="state" id="jp-state-{{.ID}}">{{if .Scored}}{{$.UI.scored}}{{else}}{{$.UI.not_scored}}{{end}}</p>
<fieldset class="rubric">{{template "rubric" (rubricOf .Criteria (printf "jd-%d" .ID))}}
<label class="field"><span class="lbl">{{$.UI.comment}}</span><textarea id="jd-comment-{{.ID}}" rows="2" maxlength="2000">{{.Comment}}</textarea></label>
<div class="row"><button type="button" class="primary" data-act="pg-pitch" data-id="{{.ID}}" id="jp-save-{{.ID}}">{{$.UI.save_pitch}}</button> <span class="msg" id="jp-msg-{{.ID}}" role="status"></span></div></fieldset>{{end}}
{{if .Break}}<p class="sub brk">{{.Break}}</p>{{end}}</li>{{end}}</ol>{{end}}{{end}}
`
