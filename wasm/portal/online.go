package portal

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// Both sides online (issue 15): the API calls, view models and templates
// of the scout portal and of the startup portal's requests, meeting steps,
// outcomes and availability grid. DOM-free; wasm/main binds them.

// OUI is a fixed text of the online views in lang.
func OUI(key string, lang event.Lang) string { return onlineText(key).In(lang) }

func onlineText(key string) event.Text {
	switch key {
	case "tab_requests":
		return event.T("面談リクエスト", "Requests")
	case "tab_schedule":
		return event.T("面談の確認", "My meetings")
	case "tab_availability":
		return event.T("参加できない枠", "Unavailable slots")
	case "tab_ranking":
		return event.T("候補スタートアップ", "Ranked startups")
	case "tab_applications":
		return event.T("応募の選考", "Applications")
	case "accept":
		return event.T("承諾", "Accept")
	case "decline":
		return event.T("辞退", "Decline")
	case "undo":
		return event.T("取り消す", "Undo")
	case "ask_move":
		return event.T("時間変更を依頼", "Ask to move")
	case "accepted":
		return event.T("承諾済み", "Accepted")
	case "declined":
		return event.T("辞退済み", "Declined")
	case "other_accepted":
		return event.T("相手は承諾済み", "The other side accepted")
	case "move_requested":
		return event.T("相手が時間変更を依頼しています", "The other side asked to move it")
	case "no_requests":
		return event.T("面談リクエストはまだありません", "No meeting requests yet")
	case "no_meetings":
		return event.T("面談はまだありません", "No meetings yet")
	case "no_applications":
		return event.T("応募はまだありません", "No applications yet")
	case "message":
		return event.T("メッセージ", "Message")
	case "outcome":
		return event.T("成果", "Outcome")
	case "note":
		return event.T("非公開メモ（相手には表示されません）", "Private note (never shown to the other side)")
	case "save_outcome":
		return event.T("成果を保存", "Save outcome")
	case "saved":
		return event.T("保存しました", "Saved")
	case "save_availability":
		return event.T("保存する", "Save")
	case "availability_help":
		return event.T("参加できない枠にチェックを入れてください。", "Tick the slots in which you cannot meet.")
	case "theme":
		return event.T("テーマ", "Theme")
	case "search":
		return event.T("社名・製品名で検索", "Search names and products")
	case "area":
		return event.T("領域", "Area")
	case "stage":
		return event.T("開発段階", "Stage")
	case "all":
		return event.T("すべて", "All")
	case "only":
		return event.T("表示", "Show")
	case "shortlist":
		return event.T("候補に追加", "Shortlist")
	case "request":
		return event.T("面談をリクエスト", "Request a meeting")
	case "no_thanks":
		return event.T("見送り", "No thanks")
	case "applied":
		return event.T("応募あり", "Applied")
	case "score":
		return event.T("スコア", "Score")
	case "prev":
		return event.T("前へ", "Previous")
	case "next":
		return event.T("次へ", "Next")
	case "page_of":
		return event.T("%d / %d ページ（%d件中 %d–%d件）", "Page %d of %d (%d–%d of %d)")
	case "save_note":
		return event.T("メモを保存", "Save note")
	case "download_ics":
		return event.T("カレンダー(.ics)をダウンロード", "Download calendar (.ics)")
	case "table":
		return event.T("テーブル", "Table")
	case "contact":
		return event.T("事務局", "Organizer")
	case "scout_of":
		return event.T("スカウト", "Scout")
	case "deal":
		return event.T("商談進展", "Deal progressed")
	}
	return programmeText(key) // the programme's tabs (programme.go), else the key
}

// ---- client ----

// Get and Post call the online routes.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	return c.call(ctx, "GET", path, nil, out)
}

// Do sends a body with method to path and decodes the answer into out.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	return c.call(ctx, method, path, in, out)
}

// RankingPath is the ranking route of a theme with the query.
func RankingPath(themeID string, q RankQuery) string {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	if q.Area != "" {
		v.Set("area", q.Area)
	}
	if q.Stage != "" {
		v.Set("stage", q.Stage)
	}
	if q.Only != "" {
		v.Set("only", q.Only)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	p := strings.Replace(api.PathScoutRanking, "{id}", url.PathEscape(themeID), 1)
	if len(v) > 0 {
		p += "?" + v.Encode()
	}
	return p
}

// IDPath fills {id} of a route pattern.
func IDPath(pattern string, id any) string {
	return strings.Replace(pattern, "{id}", url.PathEscape(fmt.Sprint(id)), 1)
}

// RankQuery is the scout's current search.
type RankQuery struct {
	Text, Area, Stage, Only string
	Page                    int
}

// ---- views ----

// HeaderView is the event line shown on every page.
type HeaderView struct {
	Name, Dates, Venue, Contact, Who string
}

// Header formats the event's name, dates, venue and the organizer's
// contact.
func Header(info *api.EventInfo, lang event.Lang) HeaderView {
	h := HeaderView{Name: info.Name.In(lang), Venue: info.Venue.In(lang), Who: info.Who.In(lang)}
	if len(info.Dates) > 0 {
		h.Dates = info.Dates[0]
		if n := len(info.Dates); n > 1 {
			h.Dates += " – " + info.Dates[n-1]
		}
	}
	var parts []string
	for _, s := range []string{info.Contact.Name.In(lang), info.Contact.Email, info.Contact.Phone} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		h.Contact = OUI("contact", lang) + ": " + strings.Join(parts, " · ")
	}
	if info.Scout != "" {
		h.Who += " · " + OUI("scout_of", lang) + " " + info.Scout
	}
	return h
}

// OnlineMeetingView is one meeting with the actions the side may take.
type OnlineMeetingView struct {
	ID                int64
	Version           int64
	When, Who, Theme  string
	Table, Status     string
	StatusCode        string
	Response          string
	OtherAccepted     bool
	MoveRequested     bool
	CanRespond        bool
	CanRecord         bool
	Outcomes          []Option
	Note              string
	Deal              bool
	AcceptedThisPlace bool
}

// OnlineMeetingViews formats the side's meetings; scout is true for the
// company side (the other party is then the startup).
func OnlineMeetingViews(ms []api.OnlineMeeting, ev *event.Event, scout bool, lang event.Lang) []OnlineMeetingView {
	loc := ev.Location()
	out := make([]OnlineMeetingView, 0, len(ms))
	for _, m := range ms {
		v := OnlineMeetingView{ID: m.ID, Version: m.Version, Theme: m.Theme.In(lang), Status: event.MeetingStatuses.Label(string(m.Status), lang),
			StatusCode: string(m.Status), OtherAccepted: m.OtherAccepted, MoveRequested: m.MoveRequested, Note: m.Note, Deal: m.IsDeal,
			AcceptedThisPlace: m.Response == event.ResponseAccepted}
		if scout {
			v.Who = m.Startup.In(lang)
		} else {
			v.Who = m.Company.In(lang)
		}
		v.Table = strconv.Itoa(m.Table)
		if m.Start.IsZero() {
			v.When = m.SlotLabel
		} else {
			v.When = FormatSlot(m.Start.In(loc), m.End.In(loc), lang)
		}
		switch m.Response {
		case event.ResponseAccepted:
			v.Response = OUI("accepted", lang)
		case event.ResponseDeclined:
			v.Response = OUI("declined", lang)
		case event.ResponseMove:
			v.Response = OUI("ask_move", lang)
		}
		v.CanRespond = m.Status == event.StatusProposed || m.Status == event.StatusConfirmed
		v.CanRecord = m.Status == event.StatusConfirmed || m.Status == event.StatusHeld
		v.Outcomes = []Option{{Code: "", Label: "—", On: m.Outcome == ""}}
		for _, c := range event.Outcomes.Codes() {
			v.Outcomes = append(v.Outcomes, Option{Code: c, Label: event.Outcomes.Label(c, lang), On: string(m.Outcome) == c})
		}
		out = append(out, v)
	}
	return out
}

// RequestView is one request a startup received.
type RequestView struct {
	ID                      int64
	Company, Theme, Message string
	Answer                  string
}

// RequestViews formats the requests.
func RequestViews(rs []api.Request, lang event.Lang) []RequestView {
	out := make([]RequestView, 0, len(rs))
	for _, r := range rs {
		out = append(out, RequestView{ID: r.ID, Company: r.Company.In(lang), Theme: r.Theme.In(lang), Message: r.Message, Answer: r.Answer})
	}
	return out
}

// SlotCell is one slot of the availability grid.
type SlotCell struct {
	Index int
	Label string
	Off   bool
}

// SlotGrid is the availability grid by day.
type SlotGrid struct {
	Days [][]SlotCell
}

// AvailabilityGrid lays the event's slots out by day, ticking the
// unavailable ones.
func AvailabilityGrid(info *api.EventInfo, unavailable []int, lang event.Lang) SlotGrid {
	off := map[int]bool{}
	for _, i := range unavailable {
		off[i] = true
	}
	loc := (&event.Event{TimeZone: info.TimeZone}).Location()
	var g SlotGrid
	lastDay := ""
	for _, s := range info.Slots {
		day := s.Start.In(loc).Format("2006-01-02")
		if day != lastDay || len(g.Days) == 0 {
			g.Days = append(g.Days, nil)
			lastDay = day
		}
		k := len(g.Days) - 1
		g.Days[k] = append(g.Days[k], SlotCell{Index: s.Index, Label: FormatSlot(s.Start.In(loc), s.End.In(loc), lang), Off: off[s.Index]})
	}
	return g
}

// RankRowView is one row of the scout's ranking.
type RankRowView struct {
	Rank                      int
	ID, Name, Product, Detail string
	Percent                   int
	Features                  []FeatureView
	Shortlist, Request, NoTx  bool
	Applied                   bool
	Note                      string
}

// FeatureView is one feature's contribution.
type FeatureView struct {
	Label, Reason string
	Percent       int // of the score's scale: weight × value / Σ weights
}

// RankingView is a page of the ranking.
type RankingView struct {
	Rows    []RankRowView
	Pager   string
	HasPrev bool
	HasNext bool
}

// Ranking formats a ranking page.
func Ranking(p *api.RankingPage, lang event.Lang) RankingView {
	v := RankingView{HasPrev: p.Page > 1, HasNext: p.Page < p.Pages}
	first, last := 0, 0
	if p.Total > 0 {
		first = (p.Page-1)*p.Per + 1
		last = min(p.Page*p.Per, p.Total)
	}
	if lang == event.Ja {
		v.Pager = fmt.Sprintf(OUI("page_of", lang), p.Page, p.Pages, p.Total, first, last)
	} else {
		v.Pager = fmt.Sprintf(OUI("page_of", lang), p.Page, p.Pages, first, last, p.Total)
	}
	for _, r := range p.Rows {
		s := r.Startup
		row := RankRowView{Rank: r.Rank, ID: s.ID, Name: s.Name.In(lang), Product: s.ProductName.In(lang), Percent: int(100*r.Score + 0.5),
			Applied: r.Applied, Note: r.Note}
		var det []string
		for _, c := range s.Areas {
			det = append(det, event.Areas.Label(c, lang))
		}
		if s.DevStage != "" {
			det = append(det, event.DevStages.Label(s.DevStage, lang))
		}
		row.Detail = strings.Join(det, " · ")
		for _, f := range r.Features {
			row.Features = append(row.Features, FeatureView{Label: f.Label.In(lang), Reason: f.Reason.In(lang), Percent: int(100*f.Contribution + 0.5)})
		}
		for _, m := range r.Marks {
			switch m {
			case "shortlist":
				row.Shortlist = true
			case "request":
				row.Request = true
			case "no_thanks":
				row.NoTx = true
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// ApplicationView is one application for screening.
type ApplicationView struct {
	ID                  int64
	Name, Theme, Answer string
	Percent             int
}

// Applications formats the applications.
func Applications(as []api.Application, lang event.Lang) []ApplicationView {
	out := make([]ApplicationView, 0, len(as))
	for _, a := range as {
		out = append(out, ApplicationView{ID: a.ID, Name: a.Startup.Name.In(lang), Theme: a.Theme.In(lang), Answer: a.Answer, Percent: int(100*a.Score + 0.5)})
	}
	return out
}

// ---- rendering ----

// OnlineRenderer renders the online views with html/template.
type OnlineRenderer struct{ t *template.Template }

// NewOnlineRenderer parses the online templates.
func NewOnlineRenderer() (*OnlineRenderer, error) {
	t, err := template.New("online").Parse(onlineTemplates)
	if err != nil {
		return nil, fmt.Errorf("online templates: %w", err)
	}
	return &OnlineRenderer{t: t}, nil
}

// Render executes template name with data and the texts in lang.
func (r *OnlineRenderer) Render(name string, data any, lang event.Lang) (string, error) {
	ui := map[string]string{}
	for _, k := range []string{"accept", "decline", "undo", "ask_move", "accepted", "declined", "other_accepted", "move_requested",
		"no_requests", "no_meetings", "no_applications", "message", "outcome", "note", "save_outcome", "save_availability",
		"availability_help", "theme", "search", "area", "stage", "all", "only", "shortlist", "request", "no_thanks", "applied", "score",
		"prev", "next", "save_note", "download_ics", "table", "deal"} {
		ui[k] = OUI(k, lang)
	}
	var b bytes.Buffer
	if err := r.t.ExecuteTemplate(&b, name, map[string]any{"D": data, "UI": ui}); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

const onlineTemplates = `
{{define "header"}}<div class="evinfo" id="evinfo"><b id="ev-name">{{.D.Name}}</b>{{if .D.Dates}} <span id="ev-dates">{{.D.Dates}}</span>{{end}}{{if .D.Venue}} · <span id="ev-venue">{{.D.Venue}}</span>{{end}}{{if .D.Contact}} · <span id="ev-contact">{{.D.Contact}}</span>{{end}}{{if .D.Who}} · <span id="ev-who">{{.D.Who}}</span>{{end}}</div>{{end}}

{{define "requests"}}{{if not .D}}<p class="empty">{{.UI.no_requests}}</p>{{else}}<ul class="requests">{{range .D}}<li class="request" id="rq-{{.ID}}" data-answer="{{.Answer}}">
<div class="who"><b>{{.Company}}</b>{{if .Theme}} <span>{{.Theme}}</span>{{end}}</div>{{if .Message}}<p class="msg">{{.Message}}</p>{{end}}
<div class="actions">{{if .Answer}}<span class="state">{{if eq .Answer "accept"}}{{$.UI.accepted}}{{else}}{{$.UI.declined}}{{end}}</span> <button type="button" data-act="request" data-id="{{.ID}}" data-answer="undo">{{$.UI.undo}}</button>
{{else}}<button type="button" class="primary" data-act="request" data-id="{{.ID}}" data-answer="accept">{{$.UI.accept}}</button> <button type="button" data-act="request" data-id="{{.ID}}" data-answer="decline">{{$.UI.decline}}</button>{{end}}</div></li>{{end}}</ul>{{end}}{{end}}

{{define "omeetings"}}<div class="actions"><button type="button" data-act="ics" class="primary">{{.UI.download_ics}}</button></div>
{{if not .D}}<p class="empty">{{.UI.no_meetings}}</p>{{else}}<ul class="meetings">{{range .D}}<li class="meeting st-{{.StatusCode}}" id="om-{{.ID}}" data-status="{{.StatusCode}}">
<div class="when" id="om-when-{{.ID}}">{{.When}}</div><div class="who"><b>{{.Who}}</b>{{if .Theme}} <span>{{.Theme}}</span>{{end}}</div>
<div class="where"><span id="om-table-{{.ID}}">{{$.UI.table}} {{.Table}}</span> · <span class="status" id="om-status-{{.ID}}">{{.Status}}</span>{{if .Deal}} · <b class="deal">{{$.UI.deal}}</b>{{end}}
{{if .Response}} · <span class="resp">{{.Response}}</span>{{end}}{{if .OtherAccepted}} · <span class="other">{{$.UI.other_accepted}}</span>{{end}}{{if .MoveRequested}} · <span class="warn" id="om-move-{{.ID}}">{{$.UI.move_requested}}</span>{{end}}</div>
{{if .CanRespond}}<div class="actions">{{if not .AcceptedThisPlace}}<button type="button" class="primary" data-act="step" data-id="{{.ID}}" data-step="accept">{{$.UI.accept}}</button>{{end}}
<button type="button" data-act="step" data-id="{{.ID}}" data-step="ask_move">{{$.UI.ask_move}}</button> <button type="button" data-act="step" data-id="{{.ID}}" data-step="decline">{{$.UI.decline}}</button></div>{{end}}
{{if .CanRecord}}<div class="outcome"><label>{{$.UI.outcome}} <select id="oc-{{.ID}}">{{range .Outcomes}}<option value="{{.Code}}"{{if .On}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label class="note">{{$.UI.note}}<textarea id="on-{{.ID}}" rows="2" maxlength="2000">{{.Note}}</textarea></label>
<button type="button" data-act="outcome" data-id="{{.ID}}">{{$.UI.save_outcome}}</button></div>{{end}}
</li>{{end}}</ul>{{end}}{{end}}

{{define "availability"}}<p class="note">{{.UI.availability_help}}</p><form id="avail">{{range .D.Days}}<fieldset class="day"><div class="checks">{{range .}}<label class="check"><input type="checkbox" name="slot" value="{{.Index}}"{{if .Off}} checked{{end}}><span>{{.Label}}</span></label>{{end}}</div></fieldset>{{end}}
<div class="actions"><button type="button" class="primary" data-act="avail">{{.UI.save_availability}}</button><span id="avail-msg" class="msg" role="status"></span></div></form>{{end}}

{{define "rankctl"}}<div class="rankctl"><label>{{.UI.theme}} <select id="rk-theme">{{range .D.Themes}}<option value="{{.ID}}"{{if .On}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.UI.search}} <input type="search" id="rk-q" autocomplete="off"></label>
<label>{{.UI.area}} <select id="rk-area"><option value="">{{.UI.all}}</option>{{range .D.Areas}}<option value="{{.Code}}">{{.Label}}</option>{{end}}</select></label>
<label>{{.UI.only}} <select id="rk-only"><option value="">{{.UI.all}}</option><option value="shortlist">{{.UI.shortlist}}</option><option value="request">{{.UI.request}}</option><option value="applied">{{.UI.applied}}</option><option value="no_thanks">{{.UI.no_thanks}}</option></select></label></div>
<div id="rk-slot"></div>{{end}}

{{define "ranking"}}<p class="pager"><button type="button" data-act="page" data-dir="-1"{{if not .D.HasPrev}} disabled{{end}}>{{.UI.prev}}</button> <span id="rk-pager">{{.D.Pager}}</span> <button type="button" data-act="page" data-dir="1"{{if not .D.HasNext}} disabled{{end}}>{{.UI.next}}</button></p>
<ol class="ranking">{{range .D.Rows}}<li class="rk" id="rk-{{.ID}}" data-id="{{.ID}}"><div class="th-head"><h3><span class="rank">{{.Rank}}.</span> {{.Name}}</h3><b class="pct">{{.Percent}}%</b>{{if .Applied}} <span class="tag">{{$.UI.applied}}</span>{{end}}</div>
{{if .Product}}<p class="desc">{{.Product}}</p>{{end}}{{if .Detail}}<p class="meta">{{.Detail}}</p>{{end}}
<ul class="reasons">{{range .Features}}<li><span class="flabel">{{.Label}}</span> <meter min="0" max="100" value="{{.Percent}}"></meter> <b>+{{.Percent}}</b> {{.Reason}}</li>{{end}}</ul>
<div class="actions"><label class="toggle"><input type="checkbox" data-act="mark" data-kind="shortlist" data-id="{{.ID}}"{{if .Shortlist}} checked{{end}}> {{$.UI.shortlist}}</label>
<label class="toggle"><input type="checkbox" data-act="mark" data-kind="request" data-id="{{.ID}}" id="req-{{.ID}}"{{if .Request}} checked{{end}}> {{$.UI.request}}</label>
<label class="toggle"><input type="checkbox" data-act="mark" data-kind="no_thanks" data-id="{{.ID}}"{{if .NoTx}} checked{{end}}> {{$.UI.no_thanks}}</label></div>
<label class="note">{{$.UI.note}}<textarea id="note-{{.ID}}" rows="2" maxlength="2000">{{.Note}}</textarea></label> <button type="button" data-act="note" data-id="{{.ID}}">{{$.UI.save_note}}</button> <span class="msg" id="note-msg-{{.ID}}"></span>
</li>{{end}}</ol>{{end}}

{{define "applications"}}{{if not .D}}<p class="empty">{{.UI.no_applications}}</p>{{else}}<ul class="requests">{{range .D}}<li class="request" id="ap-{{.ID}}" data-answer="{{.Answer}}"><div class="who"><b>{{.Name}}</b> <span>{{.Theme}}</span> <b class="pct">{{.Percent}}%</b></div>
<div class="actions">{{if .Answer}}<span class="state">{{if eq .Answer "accept"}}{{$.UI.accepted}}{{else}}{{$.UI.declined}}{{end}}</span> <button type="button" data-act="app" data-id="{{.ID}}" data-answer="undo">{{$.UI.undo}}</button>
{{else}}<button type="button" class="primary" data-act="app" data-id="{{.ID}}" data-answer="accept">{{$.UI.accept}}</button> <button type="button" data-act="app" data-id="{{.ID}}" data-answer="decline">{{$.UI.decline}}</button>{{end}}</div></li>{{end}}</ul>{{end}}{{end}}
`

// ThemeOption is a theme in the scout's theme selector.
type ThemeOption struct {
	ID, Label string
	On        bool
}

// RankControls is the data of the ranking's controls.
type RankControls struct {
	Themes []ThemeOption
	Areas  []Option
}

// NewRankControls lists the company's themes (current selected) and the
// area filter.
func NewRankControls(themes []*event.Theme, current string, lang event.Lang) RankControls {
	var rc RankControls
	for _, t := range themes {
		rc.Themes = append(rc.Themes, ThemeOption{ID: t.ID, Label: t.Title.In(lang), On: t.ID == current})
	}
	for _, c := range event.Areas.Codes() {
		rc.Areas = append(rc.Areas, Option{Code: c, Label: event.Areas.Label(c, lang)})
	}
	return rc
}
