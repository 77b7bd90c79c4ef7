package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// rankingsView ranks startups for a theme (or themes for a startup, the
// reverse view) and shows each feature's contribution as a bar with its
// reason; the scout records shortlist, request, no-thanks and notes here.
//
// It is the scout's workspace: a type-ahead "my company" and theme picker,
// filters (text, area, stage, decision), a sort, show/hide no thanks and
// "N of M". A ranking is computed once and kept: decisions change the
// status in each row, never its score or place (see scout.go); "re-score"
// computes it again with the decisions since.
type rankingsView struct {
	u    *UI
	root fyne.CanvasObject

	mode     *widget.RadioGroup
	company  *typeahead
	theme    *typeahead
	themeBox *fyne.Container
	startupQ *widget.Entry
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	rescore  *widget.Button
	list     *widget.List

	query    *widget.Entry
	area     *widget.Select
	stage    *widget.Select
	decision *widget.Select
	sortBy   *widget.Select
	showNo   *widget.Check
	filters  *fyne.Container // the area and stage filters (by theme only)

	byStartup bool
	companyID string // the scout's company ("" for every company)
	themeID   string // the theme ranked (by theme)
	startupID string // the startup ranked (by startup)

	// The kept ranking: its subject, what the model read, every result best
	// first and the pairs it excluded, scored apart.
	subject  string
	keptKey  uint64 // scoringKey of the snapshot ranked
	keptDec  uint64 // decisionsKey of the snapshot ranked
	ranked   []matching.Result
	excluded []matching.Result
	rows     []RankRow // what the list shows
	results  []matching.Result

	detail                      *fyne.Container
	header, pairStatus          *widget.Label
	note                        *widget.Entry
	shortlist, request, noThank *widget.Button
	undo                        *widget.Button
	saveNote                    *widget.Button
	selected                    int

	model     *matching.Model
	modelData *Data // the snapshot model was prepared from
	gen       int   // bumps on every new ranking request
	pending   func()
	autoPick  bool // select the first result when it arrives (first visit)
	preparing bool // a model is being prepared
}

func newRankingsView(u *UI) *rankingsView {
	v := &rankingsView{u: u, selected: -1}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.progress = widget.NewProgressBarInfinite()
	v.progress.Stop()
	v.progress.Hide()
	more := func(n int) string {
		if n == 0 {
			return u.t("sw.no_match")
		}
		return u.t("sw.more", n)
	}
	v.company = newTypeahead(u.t("sw.company"), func() []choice {
		if u.data == nil {
			return nil
		}
		return append([]choice{{ID: "", Label: u.t("sw.all_companies")}}, u.data.companyChoices(u.lang)...)
	}, more)
	v.company.OnPick = func(c choice) { v.pickCompany(c.ID) }
	v.theme = newTypeahead(u.t("rk.pick_theme"), func() []choice {
		if u.data == nil {
			return nil
		}
		return u.data.themeChoices(v.companyID, u.lang)
	}, more)
	v.theme.OnPick = func(c choice) { v.SelectTheme(c.ID) }
	v.startupQ = widget.NewEntry()
	v.startupQ.SetPlaceHolder(u.t("rk.pick_startup"))
	v.startupQ.OnSubmitted = func(string) { v.rankStartup() }
	v.startupQ.Hide()
	v.themeBox = container.NewGridWithColumns(2, v.company.object(), v.theme.object())

	v.query = widget.NewEntry()
	v.query.SetPlaceHolder(u.t("sw.filter"))
	v.query.OnChanged = func(string) { v.apply() }
	v.area = v.codeSelect(u.t("sw.any_area"), event.Areas)
	v.stage = v.codeSelect(u.t("sw.any_stage"), event.DevStages)
	v.decision = widget.NewSelect(nil, func(string) { v.apply() })
	v.decision.Options = []string{u.t("sw.any_decision"), u.t("sw.undecided")}
	for _, k := range []event.InterestKind{event.InterestShortlist, event.InterestRequest, event.InterestApply, event.InterestNoThanks} {
		v.decision.Options = append(v.decision.Options, event.InterestKinds.Label(string(k), u.lang))
	}
	v.decision.SetSelectedIndex(0)
	v.sortBy = widget.NewSelect([]string{u.t("sw.sort_score"), u.t("sw.sort_name"), u.t("sw.sort_id"), u.t("sw.sort_stage")}, func(string) { v.apply() })
	v.sortBy.SetSelectedIndex(0)
	v.showNo = widget.NewCheck(u.t("sw.show_nothanks"), func(bool) { v.apply() })
	v.rescore = widget.NewButton(u.t("sw.rescore"), v.rescoreNow)
	v.rescore.Disable()

	byTheme, byStartup := u.t("rk.by_theme"), u.t("rk.by_startup")
	v.mode = widget.NewRadioGroup([]string{byTheme, byStartup}, func(s string) {
		v.byStartup = s == byStartup
		if v.byStartup {
			v.themeBox.Hide()
			v.filters.Hide()
			v.startupQ.Show()
		} else {
			v.startupQ.Hide()
			v.themeBox.Show()
			v.filters.Show()
		}
		v.subject, v.ranked, v.excluded = "", nil, nil
		v.apply()
	})
	v.mode.Horizontal = true
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			score := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(150, 30), container.NewBorder(nil, nil, score, nil, newBar(0, nil))), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { v.updateRow(i, o.(*fyne.Container)) },
	)
	v.list.OnSelected = func(i widget.ListItemID) { v.showDetail(i) }
	v.header = bold("")
	v.header.Wrapping = fyne.TextWrapWord
	v.pairStatus = widget.NewLabel("")
	v.pairStatus.Wrapping = fyne.TextWrapWord
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder(u.t("rk.note"))
	v.note.SetMinRowsVisible(3)
	v.shortlist = widget.NewButton(u.t("rk.shortlist"), func() { v.record(event.InterestShortlist) })
	v.request = widget.NewButton(u.t("rk.request"), func() { v.record(event.InterestRequest) })
	v.request.Importance = widget.HighImportance
	v.noThank = widget.NewButton(u.t("rk.nothanks"), func() { v.record(event.InterestNoThanks) })
	v.noThank.Importance = widget.DangerImportance
	v.saveNote = widget.NewButton(u.t("rk.save_note"), v.saveNoteOnly)
	v.undo = widget.NewButton(u.t("un.undo"), u.Undo)
	v.detail = container.NewVBox()
	actions := container.NewVBox(v.pairStatus, container.NewHBox(v.shortlist, v.request, v.noThank), v.note, container.NewHBox(v.saveNote, v.undo))
	// The header wraps to several lines (product summary): it scrolls with
	// the features so it can never draw over them.
	right := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewVBox(v.header, v.detail)))
	v.filters = container.NewGridWithColumns(2, v.area, v.stage)
	top := container.NewVBox(v.mode, v.themeBox, v.startupQ,
		container.NewGridWithColumns(2, v.query, v.decision),
		v.filters,
		container.NewBorder(nil, nil, nil, v.showNo, v.sortBy),
		container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(90, 8), v.progress), v.rescore), v.status))
	split := container.NewHSplit(container.NewBorder(top, nil, nil, nil, v.list), right)
	split.Offset = 0.5
	v.root = split
	v.mode.SetSelected(byTheme)
	v.showDetail(-1)
	return v
}

// codeSelect is a filter over one vocabulary, "any" first.
func (v *rankingsView) codeSelect(anyLabel string, voc *event.Vocabulary) *widget.Select {
	opts := []string{anyLabel}
	for _, c := range voc.Codes() {
		opts = append(opts, voc.Label(c, v.u.lang))
	}
	s := widget.NewSelect(opts, func(string) { v.apply() })
	s.SetSelectedIndex(0)
	return s
}

// codeOf is the code chosen in a codeSelect ("" for any).
func codeOf(s *widget.Select, voc *event.Vocabulary) event.Code {
	if i := s.SelectedIndex(); i > 0 && i <= len(voc.Terms) {
		return voc.Codes()[i-1]
	}
	return ""
}

// query is what the filters and the sort ask for.
func (v *rankingsView) rankQuery() RankQuery {
	q := RankQuery{Text: v.query.Text, Area: codeOf(v.area, event.Areas), Stage: codeOf(v.stage, event.DevStages),
		ShowNoThanks: v.showNo.Checked, Lang: v.u.lang, ByStartup: v.byStartup}
	switch i := v.decision.SelectedIndex(); i {
	case 1:
		q.Decision = DecisionUndecided
	case 2, 3, 4, 5:
		q.Decision = DecisionFilter([]event.InterestKind{event.InterestShortlist, event.InterestRequest, event.InterestApply, event.InterestNoThanks}[i-2])
		if q.Decision == DecisionFilter(event.InterestNoThanks) {
			q.ShowNoThanks = true
		}
	}
	q.Sort = []RankSort{SortScore, SortName, SortID, SortStage}[max(v.sortBy.SelectedIndex(), 0)]
	return q
}

// apply shows the kept ranking under the current filters and sort, keeping
// the selected pair selected.
func (v *rankingsView) apply() {
	if v.list == nil || v.sortBy == nil || v.showNo == nil {
		return // still being built
	}
	keep := ""
	if v.selected >= 0 && v.selected < len(v.rows) {
		keep = v.rows[v.selected].StartupID + "/" + v.rows[v.selected].ThemeID
	}
	var view RankView
	if v.u.data != nil && v.subject != "" {
		view = v.u.data.View(v.ranked, v.excluded, v.rankQuery())
	}
	v.rows = view.Rows
	v.results = make([]matching.Result, len(v.rows))
	for i, r := range v.rows {
		v.results[i] = r.Result
	}
	if v.subject != "" {
		msg := v.u.t("sw.n_of_m", len(v.rows), len(v.ranked)+len(v.excludedOnly()))
		if view.Hidden > 0 {
			msg += v.u.t("sw.hidden", view.Hidden)
		}
		if v.u.data != nil && v.keptDec != v.u.data.decisionsKey() {
			msg += "\n" + v.u.t("sw.decisions_pending")
			v.rescore.Enable()
		} else {
			v.rescore.Disable()
		}
		v.status.SetText(msg)
	} else {
		v.rescore.Disable()
	}
	v.selected = -1
	v.list.UnselectAll()
	v.list.Refresh()
	sel := -1
	for i, r := range v.rows {
		if r.StartupID+"/"+r.ThemeID == keep {
			sel = i
		}
	}
	if sel < 0 && v.autoPick && len(v.rows) > 0 {
		sel = 0
	}
	v.autoPick = false
	if sel >= 0 {
		v.list.Select(sel)
		v.list.ScrollTo(sel)
	} else {
		v.showDetail(-1)
	}
}

// excludedOnly are the excluded pairs not in the ranking (declined before
// it was computed).
func (v *rankingsView) excludedOnly() []matching.Result {
	in := make(map[string]bool, len(v.ranked))
	for _, r := range v.ranked {
		in[r.StartupID+"/"+r.ThemeID] = true
	}
	var out []matching.Result
	for _, r := range v.excluded {
		if !in[r.StartupID+"/"+r.ThemeID] {
			out = append(out, r)
		}
	}
	return out
}

func (v *rankingsView) updateRow(i int, row *fyne.Container) {
	if i >= len(v.rows) || v.u.data == nil {
		return
	}
	r := v.rows[i]
	name := row.Objects[0].(*widget.Label)
	right := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
	place := "–"
	if r.Rank > 0 {
		place = fmt.Sprintf("%d.", r.Rank)
	}
	if v.byStartup {
		name.SetText(fmt.Sprintf("%s %s%s", place, v.u.data.ThemeLabel(r.ThemeID, v.u.lang), v.badges(r.Result)))
	} else {
		name.SetText(fmt.Sprintf("%s %s %s%s", place, r.StartupID, v.u.data.StartupName(r.StartupID, v.u.lang), v.badges(r.Result)))
	}
	score := fmt.Sprintf("%.2f", r.Score)
	if r.Excluded {
		score = "—"
	}
	right.Objects[1].(*widget.Label).SetText(score)
	bar := right.Objects[0].(*fyne.Container)
	bar.Layout.(*barLayout).frac = float32(r.Score)
	bar.Refresh()
}

// refresh takes a new snapshot. The kept ranking stays when the snapshot
// differs from the one ranked only by decisions (the scout's own, or from
// the portal): rows change status, not score or place.
func (v *rankingsView) refresh() {
	d := v.u.data
	if v.modelData != d {
		if d != nil && v.modelData != nil && v.subject != "" && d.scoringKey() == v.keptKey {
			v.modelData = d // same scores; the decisions show in the badges
		} else {
			v.model, v.modelData = nil, nil
			v.subject = ""
		}
	}
	if d != nil && v.themeID != "" && d.Theme(v.themeID) != nil {
		v.theme.set(choice{ID: v.themeID, Label: v.themeChoiceLabel(v.themeID)})
	}
	if d != nil && v.companyID != "" && d.Company(v.companyID) != nil {
		v.company.set(choice{ID: v.companyID, Label: v.companyID + " " + d.CompanyName(v.companyID, v.u.lang)})
	}
	v.apply()
}

func (v *rankingsView) themeChoiceLabel(id string) string {
	for _, c := range v.u.data.themeChoices(v.companyID, v.u.lang) {
		if c.ID == id {
			return c.Label
		}
	}
	return id
}

// onShow prepares the model if needed and ranks what is picked, unless the
// kept ranking still holds.
func (v *rankingsView) onShow() {
	d := v.u.data
	if d == nil {
		return
	}
	switch {
	case v.subject != "" && v.model != nil && v.modelData == d:
		v.apply()
	case v.byStartup && v.startupQ.Text != "":
		v.rankStartup()
	case !v.byStartup && v.themeID != "" && d.Theme(v.themeID) != nil:
		v.rankTheme()
	case !v.byStartup && len(d.Themes) > 0:
		v.autoPick = true
		v.SelectTheme(d.Themes[0].ID) // start on the first theme rather than an empty screen
	case v.model == nil:
		v.withModel(func(*matching.Model) {})
	}
}

// pickCompany scopes the theme picker to one company ("" for all) and
// ranks its first theme when the current one is another company's.
func (v *rankingsView) pickCompany(id string) {
	d := v.u.data
	v.companyID = id
	if d == nil {
		return
	}
	if id == "" {
		v.company.set(choice{})
	}
	if t := d.Theme(v.themeID); t != nil && (id == "" || t.CompanyID == id) {
		v.theme.set(choice{ID: v.themeID, Label: v.themeChoiceLabel(v.themeID)})
		return
	}
	if ts := d.ThemesOf(id); len(ts) > 0 {
		v.SelectTheme(ts[0].ID)
	}
}

// SelectTheme picks a theme by ID and ranks it.
func (v *rankingsView) SelectTheme(id string) {
	d := v.u.data
	if d == nil || d.Theme(id) == nil {
		return
	}
	if t := d.Theme(id); v.companyID != "" && t.CompanyID != v.companyID {
		v.companyID = "" // a theme of another company: unscope
		v.company.set(choice{})
	}
	v.themeID = id
	v.theme.set(choice{ID: id, Label: v.themeChoiceLabel(id)})
	v.rankTheme()
}

func (v *rankingsView) rankTheme() {
	d := v.u.data
	t := d.Theme(v.themeID)
	if t == nil {
		return
	}
	id, cid := t.ID, t.CompanyID
	out := d.excludedStartups(cid)
	v.run("theme:"+id, func(ctx context.Context, m *matching.Model) ([]matching.Result, []matching.Result, error) {
		rs, err := m.RankTheme(ctx, id, matching.Filter{}, 0)
		if err != nil {
			return nil, nil, err
		}
		var ex []matching.Result
		for _, sid := range out {
			if r, err := m.Score(sid, id); err == nil {
				ex = append(ex, r)
			}
		}
		return rs, ex, nil
	})
}

func (v *rankingsView) rankStartup() {
	d := v.u.data
	if d == nil {
		return
	}
	q := strings.TrimSpace(v.startupQ.Text)
	id := q
	if d.Startup(q) == nil {
		rows := d.FilterStartups(StartupFilter{Query: q})
		if len(rows) == 0 {
			v.status.SetText(event.NotFound("startup", q).Message.In(v.u.lang))
			return
		}
		id = d.Startups[rows[0]].ID
	}
	v.startupID = id
	v.status.SetText(id + " " + d.StartupName(id, v.u.lang))
	var themes []string
	for _, cid := range d.excludedCompanies(id) {
		for _, t := range d.ThemesOf(cid) {
			themes = append(themes, t.ID)
		}
	}
	v.run("startup:"+id, func(ctx context.Context, m *matching.Model) ([]matching.Result, []matching.Result, error) {
		rs, err := m.RankStartup(ctx, id, matching.Filter{}, 0)
		if err != nil {
			return nil, nil, err
		}
		var ex []matching.Result
		for _, tid := range themes {
			if r, err := m.Score(id, tid); err == nil {
				ex = append(ex, r)
			}
		}
		return rs, ex, nil
	})
}

// rescoreNow computes the ranking again from the current snapshot, so the
// decisions made since count in the scores.
func (v *rankingsView) rescoreNow() {
	v.model, v.modelData = nil, nil
	subject := v.subject
	v.subject = ""
	switch {
	case strings.HasPrefix(subject, "startup:"):
		v.rankStartup()
	default:
		v.rankTheme()
	}
}

// withModel calls f with the prepared model, preparing it off the UI
// thread first when the data changed.
func (v *rankingsView) withModel(f func(*matching.Model)) {
	if v.model != nil && v.modelData == v.u.data {
		f(v.model)
		return
	}
	v.pending = func() { f(v.model) }
	if v.preparing {
		return // a preparation is running; it will call pending
	}
	d := v.u.data
	v.preparing = true
	v.busy(true)
	v.u.runBackground(func(ctx context.Context) (func(), error) {
		m, err := PrepareModel(ctx, d)
		return func() {
			v.preparing = false
			v.busy(false)
			if err != nil {
				v.u.showError(err)
				return
			}
			if v.u.data != d {
				v.withModel(func(*matching.Model) { v.onShow() }) // the data changed meanwhile
				return
			}
			v.model, v.modelData = m, d
			if p := v.pending; p != nil {
				v.pending = nil
				p()
			}
		}, nil
	})
}

func (v *rankingsView) busy(on bool) {
	if on {
		v.status.SetText(v.u.t("rk.running"))
		v.progress.Show()
		v.progress.Start()
		return
	}
	v.progress.Stop()
	v.progress.Hide()
}

// run computes the ranking of subject in the background and keeps it.
func (v *rankingsView) run(subject string, rank func(context.Context, *matching.Model) ([]matching.Result, []matching.Result, error)) {
	v.gen++
	gen := v.gen
	v.withModel(func(m *matching.Model) {
		d := v.modelData
		v.busy(true)
		v.u.runBackground(func(ctx context.Context) (func(), error) {
			rs, ex, err := rank(ctx, m)
			return func() {
				v.busy(false)
				if gen != v.gen {
					return
				}
				if err != nil {
					v.u.showError(err)
					return
				}
				v.subject, v.ranked, v.excluded = subject, rs, ex
				v.keptKey, v.keptDec = d.scoringKey(), d.decisionsKey()
				v.apply()
			}, nil
		})
	})
}

func (v *rankingsView) showDetail(i int) {
	v.selected = i
	v.detail.RemoveAll()
	enabled := i >= 0 && i < len(v.rows) && v.u.store != nil
	for _, b := range []*widget.Button{v.shortlist, v.request, v.noThank, v.saveNote} {
		if enabled {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if !enabled {
		v.header.SetText(v.u.t("common.select"))
		v.pairStatus.SetText("")
		v.note.SetText("")
		return
	}
	d, l := v.u.data, v.u.lang
	r := v.rows[i]
	head := fmt.Sprintf("%s %s ⇄ %s\n%s %.3f", r.StartupID, d.StartupName(r.StartupID, l),
		d.ThemeLabel(r.ThemeID, l), v.u.t("rk.score"), r.Score)
	if r.Rank > 0 {
		head += "  " + v.u.t("sw.place", r.Rank, len(v.ranked))
	}
	if r.Excluded {
		head += "\n" + r.ExcludedWhy.In(l)
	}
	if st := d.Startup(r.StartupID); st != nil {
		if !st.ProductName.IsZero() {
			head += "\n" + v.u.t("rk.product") + ": " + st.ProductName.In(l)
		}
		if !st.ProductSummary.IsZero() {
			head += "\n" + st.ProductSummary.In(l)
		}
	}
	v.header.SetText(head)
	v.detail.Add(bold(v.u.t("rk.features")))
	for _, c := range Contributions(r.Result) {
		label := widget.NewLabel(fmt.Sprintf("%s  %.2f × %.0f", c.Label.In(l), c.Value, c.Weight))
		share := widget.NewLabel(fmt.Sprintf("+%.3f", c.Share))
		reason := widget.NewLabel(c.Reason.In(l))
		reason.Wrapping = fyne.TextWrapWord
		reason.Importance = widget.LowImportance
		scale := 0.0
		if r.Score > 0 {
			scale = c.Share / r.Score
		}
		v.detail.Add(container.NewBorder(nil, nil, nil, share, label))
		v.detail.Add(newBar(scale, nil))
		v.detail.Add(reason)
	}
	for _, s := range r.Skipped {
		sk := widget.NewLabel("– " + matching.FeatureLabel(s.Name).In(l) + ": " + s.Reason.In(l))
		sk.Importance = widget.LowImportance
		sk.Wrapping = fyne.TextWrapWord
		v.detail.Add(sk)
	}
	v.updatePairStatus()
}

func (v *rankingsView) updatePairStatus() {
	if v.selected < 0 || v.selected >= len(v.rows) {
		return
	}
	r := v.rows[v.selected]
	var kinds []string
	for _, k := range v.u.data.PairStatus(r.StartupID, r.CompanyID) {
		kinds = append(kinds, event.InterestKinds.Label(string(k), v.u.lang))
	}
	if len(kinds) == 0 {
		kinds = []string{v.u.t("common.none")}
	}
	v.pairStatus.SetText(v.u.t("rk.status", strings.Join(kinds, ", ")))
	v.note.SetText(v.u.data.PairNote(r.StartupID, r.CompanyID))
}

// badges are the pair's statuses shown after a row's name, "  [候補・面談リクエスト]".
func (v *rankingsView) badges(r matching.Result) string {
	var ks []string
	for _, k := range v.u.data.PairStatus(r.StartupID, r.CompanyID) {
		ks = append(ks, event.InterestKinds.Label(string(k), v.u.lang))
	}
	if len(ks) == 0 {
		return ""
	}
	return "  [" + strings.Join(ks, "・") + "]"
}

// isDecision reports whether k is a scout's decision on a pair: shortlist,
// request or no thanks replace each other, so a pair is never both
// shortlisted and declined.
func isDecision(k event.InterestKind) bool {
	return k == event.InterestShortlist || k == event.InterestRequest || k == event.InterestNoThanks
}

// decisionsOf are the company-side decisions stored for a pair.
func (d *Data) decisionsOf(startupID, companyID string) []event.Interest {
	var out []event.Interest
	for _, in := range d.Interests {
		if in.StartupID == startupID && in.CompanyID == companyID && in.By == event.KindCompany && isDecision(in.Kind) {
			out = append(out, in)
		}
	}
	return out
}

// record stores the scout's decision (with the note) for the selected pair,
// replacing the pair's earlier decision. No thanks asks first, naming the
// pair and the meetings it will take out of the next schedule; every
// decision can be undone.
func (v *rankingsView) record(kind event.InterestKind) {
	if v.selected < 0 || v.selected >= len(v.rows) || v.u.store == nil {
		return
	}
	d := v.u.data
	r := v.rows[v.selected]
	in := &event.Interest{Kind: kind, StartupID: r.StartupID, CompanyID: r.CompanyID, ThemeID: r.ThemeID,
		By: event.KindCompany, Note: v.note.Text}
	if err := in.Validate(); err != nil {
		v.u.showError(err)
		return
	}
	remove := d.decisionsOf(r.StartupID, r.CompanyID)
	label := both(func(l event.Lang) string {
		return tr(l, "rk.recorded", event.InterestKinds.Label(string(kind), l)) + ": " +
			d.StartupShort(r.StartupID, l) + " ⇄ " + d.CompanyShort(r.CompanyID, l)
	})
	apply := func() { v.u.replaceInterests(remove, []event.Interest{*in}, label) }
	if kind != event.InterestNoThanks {
		apply()
		return
	}
	var lines []string
	for _, old := range remove {
		lines = append(lines, v.u.t("cf.nothanks_replaces", event.InterestKinds.Label(string(old.Kind), v.u.lang)))
	}
	for i, m := range d.Meetings {
		if m.Active() && m.StartupID == r.StartupID && m.CompanyID == r.CompanyID {
			lines = append(lines, d.meetingLine(i, v.u))
		}
	}
	v.u.confirmList(v.u.t("cf.nothanks_title"),
		v.u.t("cf.nothanks", r.StartupID+" "+d.StartupName(r.StartupID, v.u.lang), d.CompanyName(r.CompanyID, v.u.lang), len(lines)),
		lines, v.u.t("rk.nothanks"), apply)
}

// saveNote changes the note of the pair's decision and nothing else: the
// kind, and so the status, score and order, stay as they are.
func (v *rankingsView) saveNoteOnly() {
	if v.selected < 0 || v.selected >= len(v.rows) || v.u.store == nil {
		return
	}
	d := v.u.data
	r := v.rows[v.selected]
	old := d.decisionsOf(r.StartupID, r.CompanyID)
	if len(old) == 0 {
		v.u.setStatus(v.u.t("rk.note_needs_decision"))
		return
	}
	keep := old[len(old)-1]
	keep.Note = v.note.Text
	v.u.replaceInterests(old, []event.Interest{keep}, both(func(l event.Lang) string {
		return tr(l, "rk.note_saved") + ": " + d.StartupShort(r.StartupID, l) + " ⇄ " + d.CompanyShort(r.CompanyID, l)
	}))
}

// replaceInterests removes and adds company-side decisions as one
// undoable change (each statement as a whole, event.InterestChange).
func (u *UI) replaceInterests(remove, add []event.Interest, label event.Text) {
	cs := make([]event.FieldChange, 0, len(remove)+len(add))
	for i := range remove {
		cs = append(cs, event.InterestChange(&remove[i], nil))
	}
	for i := range add {
		cs = append(cs, event.InterestChange(nil, &add[i]))
	}
	u.change(event.Change{Action: "interest.decide", Label: label, Changes: cs})
}
