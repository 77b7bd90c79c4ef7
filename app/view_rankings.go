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
type rankingsView struct {
	u    *UI
	root fyne.CanvasObject

	mode      *widget.RadioGroup
	theme     *widget.Select
	themeIDs  []string
	startupQ  *widget.Entry
	status    *widget.Label
	progress  *widget.ProgressBarInfinite
	list      *widget.List
	results   []matching.Result
	byStartup bool

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
	v.progress = widget.NewProgressBarInfinite()
	v.progress.Stop()
	v.progress.Hide()
	v.theme = widget.NewSelect(nil, func(string) { v.rankTheme() })
	v.theme.PlaceHolder = u.t("rk.pick_theme")
	v.startupQ = widget.NewEntry()
	v.startupQ.SetPlaceHolder(u.t("rk.pick_startup"))
	v.startupQ.OnSubmitted = func(string) { v.rankStartup() }
	v.startupQ.Hide()
	byTheme, byStartup := u.t("rk.by_theme"), u.t("rk.by_startup")
	v.mode = widget.NewRadioGroup([]string{byTheme, byStartup}, func(s string) {
		v.byStartup = s == byStartup
		if v.byStartup {
			v.theme.Hide()
			v.startupQ.Show()
		} else {
			v.startupQ.Hide()
			v.theme.Show()
		}
		v.results = nil
		v.list.Refresh()
		v.showDetail(-1)
	})
	v.mode.Horizontal = true
	v.list = widget.NewList(
		func() int { return len(v.results) },
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
	right := container.NewBorder(v.header, actions, nil, nil, container.NewVScroll(v.detail))
	top := container.NewVBox(v.mode, container.NewStack(v.theme, v.startupQ), container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(120, 8), v.progress), v.status))
	split := container.NewHSplit(container.NewBorder(top, nil, nil, nil, v.list), right)
	split.Offset = 0.45
	v.root = split
	v.mode.SetSelected(byTheme)
	v.showDetail(-1)
	return v
}

func (v *rankingsView) updateRow(i int, row *fyne.Container) {
	if i >= len(v.results) || v.u.data == nil {
		return
	}
	r := v.results[i]
	name := row.Objects[0].(*widget.Label)
	right := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
	if v.byStartup {
		name.SetText(fmt.Sprintf("%d. %s", i+1, v.u.data.ThemeLabel(r.ThemeID, v.u.lang)))
	} else {
		name.SetText(fmt.Sprintf("%d. %s %s%s", i+1, r.StartupID, v.u.data.StartupName(r.StartupID, v.u.lang), v.badges(r)))
	}
	right.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%.2f", r.Score))
	bar := right.Objects[0].(*fyne.Container)
	bar.Layout.(*barLayout).frac = float32(r.Score)
	bar.Refresh()
}

func (v *rankingsView) refresh() {
	d := v.u.data
	v.themeIDs = nil
	var opts []string
	if d != nil {
		for _, t := range d.Themes {
			v.themeIDs = append(v.themeIDs, t.ID)
			opts = append(opts, d.ThemeLabel(t.ID, v.u.lang))
		}
	}
	sel := v.theme.SelectedIndex()
	v.theme.Options = opts
	v.theme.Refresh()
	if sel >= 0 && sel < len(opts) {
		v.theme.Selected = opts[sel] // same theme, labels in the current snapshot; onShow re-ranks
	}
	if v.modelData != d {
		v.model = nil
	}
}

// onShow prepares the model if needed and re-runs the current ranking.
func (v *rankingsView) onShow() {
	if v.u.data == nil {
		return
	}
	if v.byStartup && v.startupQ.Text != "" {
		v.rankStartup()
	} else if !v.byStartup && v.theme.SelectedIndex() >= 0 {
		v.rankTheme()
	} else if !v.byStartup && len(v.themeIDs) > 0 {
		v.autoPick = true
		v.theme.SetSelectedIndex(0) // start on the first theme rather than an empty screen
	} else if v.model == nil {
		v.withModel(func(*matching.Model) {})
	}
}

// SelectTheme picks a theme by ID and ranks it.
func (v *rankingsView) SelectTheme(id string) {
	for i, t := range v.themeIDs {
		if t == id {
			v.theme.SetSelectedIndex(i)
			return
		}
	}
}

func (v *rankingsView) rankTheme() {
	i := v.theme.SelectedIndex()
	if i < 0 || i >= len(v.themeIDs) {
		return
	}
	id := v.themeIDs[i]
	v.run(func(ctx context.Context, m *matching.Model) ([]matching.Result, error) {
		return m.RankTheme(ctx, id, matching.Filter{}, rankTop)
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
	v.status.SetText(id + " " + d.StartupName(id, v.u.lang))
	v.run(func(ctx context.Context, m *matching.Model) ([]matching.Result, error) {
		return m.RankStartup(ctx, id, matching.Filter{}, rankTop)
	})
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

func (v *rankingsView) run(rank func(context.Context, *matching.Model) ([]matching.Result, error)) {
	v.gen++
	gen := v.gen
	v.withModel(func(m *matching.Model) {
		v.busy(true)
		v.u.runBackground(func(ctx context.Context) (func(), error) {
			rs, err := rank(ctx, m)
			return func() {
				v.busy(false)
				if gen != v.gen {
					return
				}
				if err != nil {
					v.u.showError(err)
					return
				}
				v.setResults(rs)
			}, nil
		})
	})
}

func (v *rankingsView) setResults(rs []matching.Result) {
	keep := ""
	if v.selected >= 0 && v.selected < len(v.results) {
		keep = v.results[v.selected].StartupID + "/" + v.results[v.selected].ThemeID
	}
	v.results = rs
	v.status.SetText(v.u.t("rk.results", len(rs), 0))
	v.list.UnselectAll()
	v.list.Refresh()
	v.showDetail(-1)
	for i, r := range rs {
		if r.StartupID+"/"+r.ThemeID == keep {
			v.list.Select(i)
		}
	}
	if v.autoPick && v.selected < 0 && len(rs) > 0 {
		v.list.Select(0)
	}
	v.autoPick = false
}

func (v *rankingsView) showDetail(i int) {
	v.selected = i
	v.detail.RemoveAll()
	enabled := i >= 0 && i < len(v.results) && v.u.store != nil
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
	r := v.results[i]
	head := fmt.Sprintf("%s %s ⇄ %s\n%s %.3f", r.StartupID, d.StartupName(r.StartupID, l),
		d.ThemeLabel(r.ThemeID, l), v.u.t("rk.score"), r.Score)
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
	for _, c := range Contributions(r) {
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
	if v.selected < 0 || v.selected >= len(v.results) {
		return
	}
	r := v.results[v.selected]
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
	if v.selected < 0 || v.selected >= len(v.results) || v.u.store == nil {
		return
	}
	d := v.u.data
	r := v.results[v.selected]
	in := &event.Interest{Kind: kind, StartupID: r.StartupID, CompanyID: r.CompanyID, ThemeID: r.ThemeID,
		By: event.KindCompany, Note: v.note.Text}
	if err := in.Validate(); err != nil {
		v.u.showError(err)
		return
	}
	remove := d.decisionsOf(r.StartupID, r.CompanyID)
	label := v.u.t("rk.recorded", event.InterestKinds.Label(string(kind), v.u.lang)) + ": " +
		d.StartupShort(r.StartupID, v.u.lang) + " ⇄ " + d.CompanyShort(r.CompanyID, v.u.lang)
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
	if v.selected < 0 || v.selected >= len(v.results) || v.u.store == nil {
		return
	}
	d := v.u.data
	r := v.results[v.selected]
	old := d.decisionsOf(r.StartupID, r.CompanyID)
	if len(old) == 0 {
		v.u.setStatus(v.u.t("rk.note_needs_decision"))
		return
	}
	keep := old[len(old)-1]
	keep.Note = v.note.Text
	v.u.replaceInterests(old, []event.Interest{keep}, v.u.t("rk.note_saved"))
}

// replaceInterests removes and adds interests as one undoable change.
func (u *UI) replaceInterests(remove, add []event.Interest, label string) {
	store := u.store
	stored, other := add, remove // after the change: add is stored, remove is not
	swap := func(ctx context.Context, s Store) error {
		ptrs := make([]*event.Interest, len(other))
		for i := range other {
			c := other[i]
			ptrs[i] = &c
		}
		if err := interestsChange(ctx, s, stored, ptrs); err != nil {
			return err
		}
		now := make([]event.Interest, len(ptrs))
		for i, p := range ptrs {
			now[i] = *p
		}
		stored, other = now, stored
		return nil
	}
	// The first application: stored holds what is to be added (no IDs yet).
	stored, other = remove, add
	u.runBackground(func(ctx context.Context) (func(), error) {
		if err := swap(ctx, store); err != nil {
			return nil, err
		}
		d, err := LoadData(ctx, store)
		if err != nil {
			return nil, err
		}
		return func() {
			u.pushUndo(undoStep{label: label, undo: swap, redo: swap})
			u.data = d
			u.setStatus(label)
			u.refreshAll()
		}, nil
	})
}
