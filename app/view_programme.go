package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/results"
	"pitchmatch/matching"
)

// programmeStore is the store's programme side (*storage.DB): the
// results' reads, the company's decision and the session steps.
type programmeStore interface {
	results.Source
	DecideApplication(ctx context.Context, actor string, id int64, d event.Decision, msg event.Text, version int64) (*event.Application, error)
	StepSession(ctx context.Context, actor string, id int64, act event.SessionAction, start time.Time, note string, version int64) (*event.Session, error)
}

// liveEvery is how often the final pitch's totals are re-read while the
// pitch tab is shown with live refresh on (judges score from their phones
// through the server, another process on the same file).
const liveEvery = 5 * time.Second

// programmeView shows the programme (event.Programme): what is open now,
// the stages, the applications per theme with the scouts' aggregated score
// beside the matching score and the decision, the acceleration sessions
// (move, cancel, held, notes) and the final pitch's running order with the
// live totals. Every rule is event's and exchange/results'; the view only
// reads, calls the store and draws.
type programmeView struct {
	u    *UI
	root fyne.CanvasObject

	banner *widget.Label
	body   *fyne.Container // the tabs, or the message when there is no programme
	tabs   *container.AppTabs

	res    *results.Results
	scores map[int64]float64 // matching scores, kept across live refreshes

	stages *fyne.Container

	themeSel  *widget.Select
	themeIDs  []string
	appCount  *widget.Label
	appTable  *widget.Table
	appRows   []results.ScreeningRow
	selApp    int
	appDetail *widget.Label
	msgJa     *widget.Entry
	msgEn     *widget.Entry
	decide    []*widget.Button

	sesCount  *widget.Label
	sesTable  *widget.Table
	sesRows   []event.Session
	selSes    int
	moveTo    *widget.Entry
	noteEntry *widget.Entry
	sesBtns   []*widget.Button

	orderTable  *widget.Table
	totalsTable *widget.Table
	live        *widget.Check
	updated     *widget.Label
	liveGen     int // bumps to stop the running live loop
	liveOn      bool
}

func (u *UI) programmeStore() (programmeStore, bool) {
	ps, ok := u.store.(programmeStore)
	return ps, ok && u.store != nil
}

func newProgrammeView(u *UI) *programmeView {
	v := &programmeView{u: u, selApp: -1, selSes: -1}
	v.banner = bold("")
	v.banner.Wrapping = fyne.TextWrapWord
	v.stages = container.NewGridWithColumns(4)

	// Applications
	v.themeSel = widget.NewSelect(nil, func(string) { v.fillApplications() })
	v.appCount = widget.NewLabel("")
	v.appTable = programmeTable(u, []column{{"pg.col_id", 60}, {"pg.col_startup", 220}, {"pg.col_theme", 200}, {"pg.col_scouts", 80},
		{"pg.col_screening", 120}, {"pg.col_spread", 110}, {"pg.col_matching", 120}, {"pg.col_decision", 100}, {"pg.col_deck", 60}},
		func() int { return len(v.appRows) }, v.appCell)
	v.appTable.OnSelected = func(id widget.TableCellID) { v.selectApp(id.Row) }
	v.appDetail = widget.NewLabel(u.t("common.select"))
	v.appDetail.Wrapping = fyne.TextWrapWord
	v.msgJa, v.msgEn = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	v.msgJa.SetPlaceHolder(u.t("pg.msg_ja"))
	v.msgEn.SetPlaceHolder(u.t("pg.msg_en"))
	v.msgJa.SetMinRowsVisible(2)
	v.msgEn.SetMinRowsVisible(2)
	for _, d := range []event.Decision{event.DecisionSelected, event.DecisionWaitlist, event.DecisionDeclined} {
		d := d
		b := widget.NewButton(u.t("pg.decide", event.DecisionLabel(d).In(u.lang)), func() { v.decideSelected(d) })
		if d == event.DecisionSelected {
			b.Importance = widget.HighImportance
		}
		v.decide = append(v.decide, b)
	}
	decideRow := container.NewHBox()
	for _, b := range v.decide {
		decideRow.Add(b)
	}
	appSide := container.NewBorder(nil, container.NewVBox(v.msgJa, v.msgEn, decideRow), nil, nil, container.NewVScroll(v.appDetail))
	appSplit := container.NewHSplit(v.appTable, appSide)
	appSplit.Offset = 0.62
	appTab := container.NewBorder(container.NewBorder(nil, nil, v.themeSel, nil, v.appCount), nil, nil, nil, appSplit)

	// Sessions
	v.sesCount = widget.NewLabel("")
	v.sesTable = programmeTable(u, []column{{"pg.col_id", 60}, {"pg.col_when", 230}, {"pg.col_startup", 200}, {"pg.col_company", 200},
		{"pg.col_number", 50}, {"pg.col_mode", 100}, {"pg.col_status", 100}, {"pg.col_note", 260}},
		func() int { return len(v.sesRows) }, v.sesCell)
	v.sesTable.OnSelected = func(id widget.TableCellID) { v.selectSession(id.Row) }
	v.moveTo = widget.NewEntry()
	v.moveTo.SetPlaceHolder(u.t("pg.move_to"))
	v.noteEntry = widget.NewEntry()
	v.noteEntry.SetPlaceHolder(u.t("pg.col_note"))
	v.sesBtns = []*widget.Button{
		widget.NewButton(u.t("pg.move"), func() { v.stepSelected(event.SessionMove) }),
		widget.NewButton(u.t("pg.cancel"), func() { v.stepSelected(event.SessionCancel) }),
		widget.NewButton(u.t("pg.held"), func() { v.stepSelected(event.SessionHold) }),
		widget.NewButton(u.t("pg.note"), func() { v.stepSelected(event.SessionNote) }),
	}
	sesActions := container.NewBorder(nil, nil, nil, container.NewHBox(v.sesBtns[0], v.sesBtns[1], v.sesBtns[2]), v.moveTo)
	noteRow := container.NewBorder(nil, nil, nil, v.sesBtns[3], v.noteEntry)
	sesTab := container.NewBorder(v.sesCount, container.NewVBox(sesActions, noteRow), nil, nil, v.sesTable)

	// Final pitch
	v.orderTable = programmeTable(u, []column{{"pg.col_order", 60}, {"pg.col_time", 120}, {"pg.col_qa", 70}, {"pg.col_startup", 220},
		{"pg.col_company", 200}, {"pg.col_break", 80}}, func() int { return v.orderLen() }, v.orderCell)
	v.totalsTable = programmeTable(u, []column{{"pg.col_rank", 60}, {"pg.col_startup", 220}, {"pg.col_company", 180}, {"pg.col_total", 80},
		{"pg.col_judges", 90}, {"pg.col_missing", 140}, {"pg.col_excluded", 150}, {"pg.col_award", 160}}, func() int { return v.pitchLen() }, v.totalsCell)
	v.updated = widget.NewLabel("")
	v.live = widget.NewCheck(u.t("pg.live", int(liveEvery/time.Second)), func(on bool) { v.setLive(on) })
	v.live.SetChecked(true)
	tie := widget.NewLabel(event.TieBreakRule.In(u.lang))
	tie.Wrapping = fyne.TextWrapWord
	totals := container.NewBorder(container.NewVBox(container.NewHBox(bold(u.t("pg.totals")), v.live, v.updated)), tie, nil, nil, v.totalsTable)
	order := container.NewBorder(bold(u.t("pg.order")), nil, nil, nil, v.orderTable)
	pitchSplit := container.NewVSplit(totals, order)
	pitchSplit.Offset = 0.55

	v.tabs = container.NewAppTabs(
		container.NewTabItem(u.t("pg.stages"), container.NewVScroll(container.NewVBox(v.stages))),
		container.NewTabItem(u.t("pg.applications"), appTab),
		container.NewTabItem(u.t("pg.sessions"), sesTab),
		container.NewTabItem(u.t("pg.pitch"), pitchSplit),
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.onShow() }
	v.body = container.NewStack(v.tabs)
	v.root = container.NewBorder(v.banner, nil, nil, nil, v.body)
	v.enable()
	return v
}

// programmeTable is a read-only table with bilingual headers.
func programmeTable(u *UI, cols []column, rows func() int, cell func(r, c int) string) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cell(id.Row, id.Col)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return bold("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(u.t(cols[id.Col].key))
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// refresh re-reads the programme (with the matching scores) in the
// background.
func (v *programmeView) refresh() { v.load(true) }

// load reads the programme; withMatching recomputes the matching scores
// (the live refresh keeps the last ones).
func (v *programmeView) load(withMatching bool) {
	u := v.u
	ps, ok := u.programmeStore()
	if !ok || u.data == nil {
		v.show(nil, nil)
		if u.data == nil {
			v.banner.SetText(u.t("app.nofile"))
		} else {
			v.banner.SetText(u.t("pg.nostore"))
		}
		return
	}
	d := u.data
	keep := v.scores
	u.runBackground(func(ctx context.Context) (func(), error) {
		rd, err := results.Load(ctx, ps)
		if event.ErrorCode(err) == event.ENotFound {
			return func() { v.show(nil, nil) }, nil
		}
		if err != nil {
			return nil, err
		}
		scores := keep
		if withMatching || scores == nil {
			scores = map[int64]float64{}
			if len(rd.Applications) > 0 {
				m, err := PrepareModel(ctx, d)
				if err != nil {
					return nil, err
				}
				if scores, err = matching.ApplicationScores(ctx, m, rd.Applications); err != nil {
					return nil, err
				}
			}
		}
		rd.MatchScores = scores
		res := results.Build(rd)
		return func() {
			if u.data != d {
				return
			}
			v.show(res, scores)
		}, nil
	})
}

// show draws res (nil: no programme).
func (v *programmeView) show(res *results.Results, scores map[int64]float64) {
	u := v.u
	v.res, v.scores = res, scores
	if res == nil {
		v.banner.SetText(u.t("pg.none"))
		v.tabs.Hide()
		v.appRows, v.sesRows = nil, nil
		v.enable()
		return
	}
	v.tabs.Show()
	v.banner.SetText(v.openNowText())
	v.fillStages()
	v.fillThemes()
	v.fillApplications()
	v.fillSessions()
	v.fillPitch()
	v.enable()
}

// openNowText is the "what is open now" banner (event.Programme.OpenNowLine).
func (v *programmeView) openNowText() string {
	return v.res.Data.Programme.OpenNowLine(v.u.clk.now(), v.res.Data.Event.Location(), v.u.lang)
}

func (v *programmeView) fillStages() {
	u := v.u
	v.stages.RemoveAll()
	for _, k := range []string{"pg.stage", "pg.opens", "pg.closes", "pg.state"} {
		v.stages.Add(bold(u.t(k)))
	}
	p, loc, now := v.res.Data.Programme, v.res.Data.Event.Location(), u.clk.now()
	for _, k := range event.StageKinds() {
		s, ok := p.Stage(k)
		if !ok {
			continue
		}
		state := widget.NewLabel(event.StateLabel(s.State(now)).In(u.lang))
		if s.State(now) == event.StageOpen {
			state.Importance = widget.HighImportance
			state.TextStyle.Bold = true
		}
		v.stages.Add(widget.NewLabel(event.StageLabel(k).In(u.lang)))
		v.stages.Add(widget.NewLabel(s.Opens.In(loc).Format("2006-01-02 15:04")))
		v.stages.Add(widget.NewLabel(s.Closes.In(loc).Format("2006-01-02 15:04")))
		v.stages.Add(state)
	}
}

// ---- applications ----

func (v *programmeView) fillThemes() {
	u := v.u
	opts := []string{u.t("pg.all_themes")}
	v.themeIDs = []string{""}
	for _, t := range v.res.KPI.Themes {
		opts = append(opts, fmt.Sprintf("%s (%d)", u.data.ThemeLabel(t.ThemeID, u.lang), t.Applications))
		v.themeIDs = append(v.themeIDs, t.ThemeID)
	}
	cur := v.themeSel.SelectedIndex()
	v.themeSel.OnChanged = nil
	v.themeSel.SetOptions(opts)
	if cur < 0 || cur >= len(opts) {
		cur = 0
	}
	v.themeSel.SetSelectedIndex(cur)
	v.themeSel.OnChanged = func(string) { v.fillApplications() }
}

// themeFilter is the theme chosen ("" for all).
func (v *programmeView) themeFilter() string {
	if i := v.themeSel.SelectedIndex(); i > 0 && i < len(v.themeIDs) {
		return v.themeIDs[i]
	}
	return ""
}

func (v *programmeView) fillApplications() {
	if v.res == nil {
		return
	}
	keep := int64(0)
	if v.selApp >= 0 && v.selApp < len(v.appRows) {
		keep = v.appRows[v.selApp].App.ID
	}
	th := v.themeFilter()
	v.appRows = v.appRows[:0]
	var sel, wait, dec, none int
	for _, r := range v.res.Screening {
		if th != "" && r.App.ThemeID != th {
			continue
		}
		v.appRows = append(v.appRows, r)
		switch r.App.Decision {
		case event.DecisionSelected:
			sel++
		case event.DecisionWaitlist:
			wait++
		case event.DecisionDeclined:
			dec++
		default:
			none++
		}
	}
	v.appCount.SetText(v.u.t("pg.app_count", len(v.appRows), sel, wait, dec, none))
	v.selApp = -1
	for i, r := range v.appRows {
		if r.App.ID == keep {
			v.selApp = i
		}
	}
	v.appTable.Refresh()
	v.showApp()
}

func (v *programmeView) appCell(row, col int) string {
	if row >= len(v.appRows) {
		return ""
	}
	r := &v.appRows[row]
	u := v.u
	switch col {
	case 0:
		return fmt.Sprint(r.App.ID)
	case 1:
		return u.data.StartupName(r.App.StartupID, u.lang)
	case 2:
		return u.data.ThemeLabel(r.App.ThemeID, u.lang)
	case 3:
		return fmt.Sprint(r.Aggregate.Reviewers)
	case 4:
		if r.Aggregate.Reviewers == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", r.Aggregate.Score)
	case 5:
		if r.Aggregate.Reviewers < 2 {
			return "–"
		}
		return fmt.Sprintf("%.2f", r.Aggregate.Spread)
	case 6:
		if !r.HasMatch {
			return "–"
		}
		return fmt.Sprintf("%.3f", r.MatchScore)
	case 7:
		return event.DecisionLabel(r.App.Decision).In(u.lang)
	case 8:
		if r.App.DeckSize > 0 {
			return "PDF"
		}
	}
	return ""
}

func (v *programmeView) selectApp(row int) {
	if row < 0 || row >= len(v.appRows) {
		return
	}
	v.selApp = row
	a := v.appRows[row].App
	v.msgJa.SetText(a.Message.Ja)
	v.msgEn.SetText(a.Message.En)
	v.showApp()
	v.enable()
}

// showApp writes the selected application's proposal and scorecards.
func (v *programmeView) showApp() {
	u := v.u
	if v.selApp < 0 || v.selApp >= len(v.appRows) || v.res == nil {
		v.appDetail.SetText(u.t("common.select"))
		return
	}
	r := v.appRows[v.selApp]
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n%s: %s\n\n", u.data.StartupName(r.App.StartupID, u.lang), u.data.ThemeLabel(r.App.ThemeID, u.lang),
		u.t("pg.col_decision"), event.DecisionLabel(r.App.Decision).In(u.lang))
	fmt.Fprintf(&b, "%s:\n%s\n\n%s:\n", u.t("pg.proposal"), r.App.Proposal.In(u.lang), u.t("pg.cards"))
	rub := &v.res.Data.Programme.ScreeningRubric
	cards := v.res.Data.Screening[r.App.ID]
	if len(cards) == 0 {
		b.WriteString(u.t("pg.no_cards") + "\n")
	}
	for _, c := range cards {
		parts := make([]string, 0, len(rub.Criteria))
		for _, cr := range rub.Criteria {
			parts = append(parts, fmt.Sprintf("%s %d", cr.Label.In(u.lang), c.Scores[cr.ID]))
		}
		fmt.Fprintf(&b, "• %s (%.2f): %s\n", c.Reviewer, rub.Weighted(&c), strings.Join(parts, ", "))
		if c.Comment != "" {
			fmt.Fprintf(&b, "    %s\n", c.Comment)
		}
	}
	v.appDetail.SetText(b.String())
}

// decideSelected records the company's decision on the selected
// application with the message; a stale version is refused by the store
// and the view reloads.
func (v *programmeView) decideSelected(d event.Decision) {
	u := v.u
	ps, ok := u.programmeStore()
	if !ok || v.selApp < 0 || v.selApp >= len(v.appRows) {
		return
	}
	a := v.appRows[v.selApp].App
	msg := event.T(strings.TrimSpace(v.msgJa.Text), strings.TrimSpace(v.msgEn.Text))
	v.write(func(ctx context.Context) (string, error) {
		got, err := ps.DecideApplication(ctx, actor, a.ID, d, msg, a.Version)
		if err != nil {
			return "", err
		}
		return u.t("pg.decided", got.ID, event.DecisionLabel(got.Decision).In(u.lang)), nil
	})
}

// write runs one programme write off the UI thread, then shows its status
// and reloads; when someone changed the record meanwhile (a version
// conflict) it shows the error and reloads to show theirs.
func (v *programmeView) write(do func(ctx context.Context) (status string, err error)) {
	u := v.u
	u.runBackground(func(ctx context.Context) (func(), error) {
		status, err := do(ctx)
		if err != nil {
			var ce *event.ConflictError
			if errors.As(err, &ce) {
				return func() { u.showError(err); v.load(false) }, nil
			}
			return nil, err
		}
		return func() { u.setStatus(status); v.load(false) }, nil
	})
}

// ---- sessions ----

func (v *programmeView) fillSessions() {
	keep := int64(0)
	if v.selSes >= 0 && v.selSes < len(v.sesRows) {
		keep = v.sesRows[v.selSes].ID
	}
	v.sesRows = append(v.sesRows[:0], v.res.Data.Sessions...)
	sort.SliceStable(v.sesRows, func(i, j int) bool { return v.sesRows[i].Start.Before(v.sesRows[j].Start) })
	k := v.res.KPI
	v.sesCount.SetText(v.u.t("pg.ses_count", len(v.sesRows), k.SessionsPlanned-k.SessionsHeld, k.SessionsHeld, k.SessionsCanceled))
	v.selSes = -1
	for i, s := range v.sesRows {
		if s.ID == keep {
			v.selSes = i
		}
	}
	v.sesTable.Refresh()
}

func (v *programmeView) sesCell(row, col int) string {
	if row >= len(v.sesRows) {
		return ""
	}
	s := &v.sesRows[row]
	u := v.u
	switch col {
	case 0:
		return fmt.Sprint(s.ID)
	case 1:
		loc := v.res.Data.Event.Location()
		return docs.DateLabel(s.Start.In(loc), u.lang) + " " + s.Start.In(loc).Format("15:04") + "–" + s.End().In(loc).Format("15:04")
	case 2:
		return u.data.StartupName(s.StartupID, u.lang)
	case 3:
		return u.data.CompanyName(s.CompanyID, u.lang)
	case 4:
		return fmt.Sprint(s.Number)
	case 5:
		return event.ModeLabel(s.Mode).In(u.lang)
	case 6:
		return sessionStatusLabel(s.Status).In(u.lang)
	case 7:
		return s.Note
	}
	return ""
}

func sessionStatusLabel(s event.SessionStatus) event.Text {
	switch s {
	case event.SessionScheduled:
		return event.T("予定", "Scheduled")
	case event.SessionHeld:
		return event.T("実施済み", "Held")
	case event.SessionCancelled:
		return event.T("中止", "Cancelled")
	}
	return event.T(string(s), string(s))
}

func (v *programmeView) selectSession(row int) {
	if row < 0 || row >= len(v.sesRows) {
		return
	}
	v.selSes = row
	s := v.sesRows[row]
	v.moveTo.SetText(s.Start.In(v.res.Data.Event.Location()).Format("2006-01-02 15:04"))
	v.noteEntry.SetText(s.Note)
	v.enable()
}

// stepSelected applies a step to the selected session; the store checks a
// move against both sides' sessions and busy times, keeps the UID and
// bumps the calendar sequence.
func (v *programmeView) stepSelected(act event.SessionAction) {
	u := v.u
	ps, ok := u.programmeStore()
	if !ok || v.selSes < 0 || v.selSes >= len(v.sesRows) {
		return
	}
	s := v.sesRows[v.selSes]
	var start time.Time
	if act == event.SessionMove {
		t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.moveTo.Text), v.res.Data.Event.Location())
		if err != nil {
			u.showError(event.Errorf(event.EInvalid, messages["pg.bad_time"].Ja, "%s", messages["pg.bad_time"].En))
			return
		}
		start = t
	}
	note := strings.TrimSpace(v.noteEntry.Text)
	v.write(func(ctx context.Context) (string, error) {
		got, err := ps.StepSession(ctx, actor, s.ID, act, start, note, s.Version)
		if err != nil {
			return "", err
		}
		return u.t("pg.stepped", got.ID, sessionStatusLabel(got.Status).In(u.lang)), nil
	})
}

// ---- final pitch ----

func (v *programmeView) orderLen() int {
	if v.res == nil {
		return 0
	}
	return len(v.res.Order)
}

func (v *programmeView) pitchLen() int {
	if v.res == nil {
		return 0
	}
	return len(v.res.Pitch)
}

func (v *programmeView) orderCell(row, col int) string {
	if v.res == nil || row >= len(v.res.Order) {
		return ""
	}
	s := &v.res.Order[row]
	u, loc := v.u, v.res.Data.Event.Location()
	switch col {
	case 0:
		return fmt.Sprint(s.Order)
	case 1:
		return s.Start.In(loc).Format("15:04") + "–" + s.End.In(loc).Format("15:04")
	case 2:
		return s.QAStart.In(loc).Format("15:04")
	case 3:
		return u.data.StartupName(s.StartupID, u.lang)
	case 4:
		return u.data.CompanyName(s.CompanyID, u.lang)
	case 5:
		if s.BreakAfter > 0 {
			return u.t("pg.minutes", s.BreakAfter)
		}
	}
	return ""
}

func (v *programmeView) totalsCell(row, col int) string {
	if v.res == nil || row >= len(v.res.Pitch) {
		return ""
	}
	p := &v.res.Pitch[row]
	u := v.u
	switch col {
	case 0:
		return fmt.Sprint(p.Rank)
	case 1:
		return u.data.StartupName(p.Slot.StartupID, u.lang)
	case 2:
		return u.data.CompanyName(p.Slot.CompanyID, u.lang)
	case 3:
		if p.Judges == 0 {
			return "–"
		}
		return event.PitchTotalLabel(p.Total)
	case 4:
		return fmt.Sprint(p.Judges)
	case 5:
		return strings.Join(p.Missing, ", ")
	case 6:
		return strings.Join(p.Excluded, ", ")
	case 7:
		s := ""
		if p.Outstanding {
			s = "★ " + event.T("優秀企業", "Outstanding").In(u.lang)
		}
		if p.TieBreak > 0 {
			s = strings.TrimSpace(s + " " + u.t("pg.tie", p.TieBreak))
		}
		return s
	}
	return ""
}

func (v *programmeView) fillPitch() {
	n := 0
	for _, cards := range v.res.Data.PitchCards {
		n += len(cards)
	}
	v.updated.SetText(v.u.t("pg.updated", v.u.clk.now().Format("15:04:05"), n))
	v.orderTable.Refresh()
	v.totalsTable.Refresh()
}

// pitchShown reports whether the final pitch tab is on screen.
func (v *programmeView) pitchShown() bool {
	return v.u.tabs != nil && v.u.viewAt(v.u.tabs.SelectedIndex()) == view(v) && v.tabs.SelectedIndex() == 3 && v.res != nil
}

func (v *programmeView) setLive(on bool) {
	v.liveOn = on
	v.liveGen++
	if on {
		v.startLive()
	}
}

// startLive re-reads the totals every liveEvery while the pitch tab is
// shown and live refresh is on; switching away, turning it off or closing
// the UI ends the loop.
func (v *programmeView) startLive() {
	if !v.liveOn || !v.pitchShown() {
		return
	}
	gen := v.liveGen
	u := v.u
	u.wg.Add(1)
	ctx := u.ctx
	go func() {
		defer u.wg.Done()
		select {
		case <-ctx.Done():
			return
		case <-u.clk.after(liveEvery):
		}
		fyne.Do(func() {
			if ctx.Err() != nil || gen != v.liveGen {
				return
			}
			v.tick()
			v.startLive()
		})
	}()
}

// tick re-reads the judges' scores (not the matching scores) and redraws
// the totals.
func (v *programmeView) tick() {
	if v.pitchShown() {
		v.load(false)
	}
}

// enable greys out the actions that need a selection.
func (v *programmeView) enable() {
	appOK := v.res != nil && v.selApp >= 0 && v.selApp < len(v.appRows)
	for _, b := range v.decide {
		setEnabled(b, appOK)
	}
	sesOK := v.res != nil && v.selSes >= 0 && v.selSes < len(v.sesRows)
	for i, b := range v.sesBtns {
		ok := sesOK
		if ok && i < 3 && v.sesRows[v.selSes].Status != event.SessionScheduled {
			ok = false // only a scheduled session moves, is cancelled or is held
		}
		setEnabled(b, ok)
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (v *programmeView) onShow() {
	if v.res != nil {
		v.banner.SetText(v.openNowText())
	}
	v.liveGen++
	v.startLive()
}
