package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/exchange"
	"pitchmatch/storage"
)

// importStore is what the import dialog needs beyond event.Store: the
// version-checked import with progress and the per-event saved mappings.
// storage.DB has it.
type importStore interface {
	ImportWith(ctx context.Context, actor string, b *event.Batch, opt storage.ImportOptions) error
	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, actor, key, value string) error
}

// importSession is the import dialog's state, free of widgets: the file,
// the mapping being edited, the last preview. The dialog drives it; tests
// drive it directly.
type importSession struct {
	store Store
	path  string
	sheet string
	table *exchange.Table
	kind  exchange.Kind
	m     *exchange.Mapping
	plan  *exchange.Plan
	// chosen are the records changed in the event since the file was
	// exported that the organizer chose to overwrite anyway (by ID).
	chosen map[string]bool
	// remove are the interest kinds the file is the whole list of
	// (exchange.PlanOptions.RemoveAbsent).
	remove []event.InterestKind
}

// newImportSession reads path.
func newImportSession(ctx context.Context, store Store, path, sheet string) (*importSession, error) {
	s := &importSession{store: store, path: path, sheet: sheet, kind: exchange.KindStartups, chosen: map[string]bool{}}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if k, err := exchange.ParseKind(base); err == nil {
		s.kind = k
	}
	if err := s.read(ctx); err != nil {
		return nil, err
	}
	return s, s.suggest(ctx, s.kind)
}

// read (re-)reads the file: the chosen sheet of a workbook; a JSON file as
// the records of the chosen kind.
func (s *importSession) read(ctx context.Context) error {
	t, err := exchange.ReadTableFile(ctx, s.path, exchange.TableOptions{Sheet: s.sheet, Kind: s.kind})
	if err != nil {
		return err
	}
	s.table = t
	return nil
}

// useSheet re-reads the workbook's sheet and suggests its mapping.
func (s *importSession) useSheet(ctx context.Context, sheet string) error {
	s.sheet = sheet
	if err := s.read(ctx); err != nil {
		return err
	}
	return s.suggest(ctx, s.kind)
}

// suggest sets the kind and the mapping: saved for this shape, or guessed.
// A JSON file is read again as the records of the kind.
func (s *importSession) suggest(ctx context.Context, kind exchange.Kind) error {
	if kind != s.kind && s.table != nil && s.table.Format == "JSON" {
		s.kind = kind
		if err := s.read(ctx); err != nil {
			return err
		}
	}
	s.kind, s.plan = kind, nil
	s.chosen, s.remove = map[string]bool{}, nil
	probe := exchange.SuggestMapping(kind, s.table, nil)
	var saved *exchange.Mapping
	if is, ok := s.store.(importStore); ok {
		v, found, err := is.Setting(ctx, exchange.Shape(kind, s.header(probe)))
		if err != nil {
			return err
		}
		if found {
			saved, _ = exchange.ParseMapping(v)
		}
	}
	s.m = exchange.SuggestMapping(kind, s.table, saved)
	return nil
}

func (s *importSession) header(m *exchange.Mapping) []string {
	for _, r := range s.table.Rows {
		if r.Row == m.HeaderRow {
			return r.Cells
		}
	}
	return nil
}

// target is the column header i is mapped to ("" when ignored).
func (s *importSession) target(i int) string {
	h := s.header(s.m)
	if i >= len(h) {
		return ""
	}
	return s.m.Columns[headerKeyOf(i, h[i])]
}

// setTarget maps header i to target (exchange.Ignore to drop it).
func (s *importSession) setTarget(i int, target string) {
	h := s.header(s.m)
	if i < len(h) {
		s.m.Columns[headerKeyOf(i, h[i])] = target
		s.plan = nil
	}
}

// headerKeyOf is the mapping key of header cell i.
func headerKeyOf(i int, h string) string { return exchange.HeaderKey(i, h) }

// setValues applies value-map rules, one "COLUMN:VALUE=CODE" per line.
func (s *importSession) setValues(text string) error {
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		col, val, code, err := exchange.ParseValueRule(line)
		if err != nil {
			return err
		}
		s.m.SetValue(col, val, code)
	}
	s.plan = nil
	return nil
}

// keepUnmappedAsNotes maps every ignored column to the records' notes.
func (s *importSession) keepUnmappedAsNotes() int {
	s.plan = nil
	return s.m.KeepUnmappedAsNotes(s.table)
}

// setOverwrite chooses whether the record id, changed in the event since
// the file was exported, is overwritten by the file.
func (s *importSession) setOverwrite(id string, on bool) {
	s.chosen[id] = on
	s.plan = nil
}

// stored reads what the event holds, for the preview: with *storage.DB
// one read transaction (Snapshot), so the preview never mixes two states.
func (s *importSession) stored(ctx context.Context) (*exchange.Stored, error) {
	if sn, ok := s.store.(snapshotter); ok {
		b, err := sn.Snapshot(ctx)
		if err != nil {
			return nil, err
		}
		return &exchange.Stored{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
			Availability: b.Availability, Interests: b.Interests}, nil
	}
	st := &exchange.Stored{}
	var err error
	if st.Event, err = s.store.Event(ctx); err != nil {
		return nil, err
	}
	if st.Startups, err = s.store.Startups(ctx); err != nil {
		return nil, err
	}
	if st.Companies, err = s.store.Companies(ctx); err != nil {
		return nil, err
	}
	if st.Themes, err = s.store.Themes(ctx); err != nil {
		return nil, err
	}
	if st.Availability, err = s.store.Availability(ctx); err != nil {
		return nil, err
	}
	if st.Interests, err = s.store.Interests(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

// preview plans the import with the current mapping; nothing is stored.
func (s *importSession) preview(ctx context.Context, overwrite []string) (*exchange.Plan, error) {
	st, err := s.stored(ctx)
	if err != nil {
		return nil, err
	}
	over := slices.Clone(overwrite)
	for id, on := range s.chosen {
		if on {
			over = append(over, id)
		}
	}
	p, err := exchange.BuildPlan(ctx, s.table, s.m, st, exchange.PlanOptions{Overwrite: over, RemoveAbsent: s.remove})
	if err != nil {
		return nil, err
	}
	s.plan = p
	return p, nil
}

// commit stores the previewed plan (versions checked, so a record changed
// since the preview refuses the import) and saves the mapping for the next
// file of this shape.
func (s *importSession) commit(ctx context.Context, progress func(done, total int)) error {
	if s.plan == nil {
		return event.Errorf(event.EInvalid, "先にプレビューしてください", "preview first")
	}
	if err := s.plan.Err(); err != nil {
		return err
	}
	is, ok := s.store.(importStore)
	if !ok {
		return s.store.Import(ctx, actor, s.plan.Batch)
	}
	if err := is.ImportWith(ctx, actor, s.plan.Batch, storage.ImportOptions{CheckVersions: true, Progress: progress}); err != nil {
		return err
	}
	return is.SetSetting(ctx, actor, exchange.Shape(s.kind, s.header(s.m)), s.m.Marshal())
}

// importKinds are the kinds offered, with their labels.
func importKinds(lang event.Lang) ([]exchange.Kind, []string) {
	labels := map[exchange.Kind]event.Text{
		exchange.KindStartups: event.T("スタートアップ", "Startups"), exchange.KindCompanies: event.T("企業", "Companies"),
		exchange.KindThemes: event.T("テーマ", "Themes"), exchange.KindAvailability: event.T("参加不可枠", "Availability"),
		exchange.KindInterests: event.T("応募・リクエスト・必須面談・見送り", "Applications, requests, must-meets, no-thanks"),
		exchange.KindSettings:  event.T("イベント設定", "Event settings"), exchange.KindFigures: event.T("過去実績", "Past figures"),
	}
	kinds := exchange.AllKinds()
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = labels[k].In(lang)
	}
	return kinds, out
}

var importTexts = map[string]event.Text{
	"title":     {Ja: "ファイルの取り込み", En: "Import a file"},
	"kind":      {Ja: "取り込む内容", En: "The file holds"},
	"ignore":    {Ja: "（取り込まない）", En: "(ignore)"},
	"preview":   {Ja: "プレビュー", En: "Preview"},
	"import":    {Ja: "取り込む", En: "Import"},
	"close":     {Ja: "閉じる", En: "Close"},
	"header":    {Ja: "%d行目を見出しとして読みました。列ごとに取り込み先を選んでください。", En: "Row %d is the header. Choose where each column goes."},
	"done":      {Ja: "取り込みました（新規 %d件、変更 %d件）。列の対応を保存しました。", En: "Imported (%d new, %d changed); the column mapping is saved."},
	"problems":  {Ja: "問題があるため取り込めません。対応付けか値を直してください。", En: "There are problems; fix the mapping or the values before importing."},
	"values":    {Ja: "値の対応（1行に1つ「列:値=コード」、捨てるには =-。例: areas:その他: 美容=-）", En: "Value map (one \"COLUMN:VALUE=CODE\" a line, =- drops it; e.g. areas:その他: 美容=-)"},
	"overwrite": {Ja: "書き出し後に変更されたデータもすべて上書きする", En: "Overwrite every record changed since the export"},
	"menu":      {Ja: "取り込み（CSV・Excel・JSON）…", En: "Import (CSV, Excel, JSON)…"},
	"json":      {Ja: "JSONのキーを列として読みました。列ごとに取り込み先を選んでください。", En: "The JSON keys are the columns. Choose where each column goes."},
	"notes":     {Ja: "取り込まない列をメモとして残す", En: "Keep ignored columns as notes"},
	"remove":    {Ja: "ファイルを次の種別の全件として扱い、ファイルにない登録済みの希望を削除する（プレビューで確認できます）:", En: "Treat the file as the whole list of these kinds: stored statements the file does not list are removed (the preview lists them):"},
	"stale_intro": {Ja: "次のデータは書き出しの後にイベント側で変更されています。チェックしたものだけファイルの内容で上書きします:",
		En: "These records changed in the event after the file was exported. Only the checked ones are overwritten by the file:"},
	"stale":        {Ja: "%s（%d行目、ファイルは版 %d、イベントは版 %d）: %s", En: "%s (row %d, file version %d, event version %d): %s"},
	"done_removed": {Ja: "取り込みました（新規 %d件、変更 %d件、削除 %d件）。列の対応を保存しました。", En: "Imported (%d new, %d changed, %d removed); the column mapping is saved."},
	"sheet":        {Ja: "シート", En: "Sheet"},
}

func (u *UI) it(key string, args ...any) string {
	return textIn(importTexts[key], u.lang, args)
}

// importMenuItem opens the import dialog (File menu).
func (u *UI) importMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(u.it("menu"), u.showImportDialog)
}

// showImportDialog asks for a file, then shows the mapping, the preview
// and the import with a progress bar.
func (u *UI) showImportDialog() {
	if u.store == nil {
		u.showError(errors.New(u.t("app.nofile")))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		store := u.store
		u.runBackground(func(ctx context.Context) (func(), error) {
			s, err := newImportSession(ctx, store, path, "")
			if err != nil {
				return nil, err
			}
			return func() { u.showMapping(s) }, nil
		})
	}, u.win)
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".csv", ".tsv", ".txt", ".xlsx", ".json"}))
	d.Show()
}

// importDialog holds the mapping-and-preview dialog's widgets, for tests.
type importDialog struct {
	preview, importBtn, notes *widget.Button
	overwriteAll              *widget.Check
	stale                     *fyne.Container // one check per record changed since the export
	results                   *fyne.Container // stale and report, in the lower pane
	remove                    map[event.InterestKind]*widget.Check
	report                    *widget.Label
	bar                       *widget.ProgressBar
}

// showMapping is the mapping and preview step.
func (u *UI) showMapping(s *importSession) *importDialog {
	d := &importDialog{}
	kinds, kindLabels := importKinds(u.lang)
	kindSel := widget.NewSelect(kindLabels, nil)
	for i, k := range kinds {
		if k == s.kind {
			kindSel.SetSelectedIndex(i)
		}
	}
	intro := widget.NewLabel("")
	intro.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(2)
	d.report = widget.NewLabel("")
	d.report.Wrapping = fyne.TextWrapWord
	d.bar = widget.NewProgressBar()
	d.bar.Hide()
	d.overwriteAll = widget.NewCheck(u.it("overwrite"), nil)
	d.stale = container.NewVBox()
	d.results = container.NewVBox(d.stale, d.report)
	values := widget.NewMultiLineEntry()
	values.SetMinRowsVisible(2)
	values.SetPlaceHolder(u.it("values"))
	// The interest kinds an interests file is the whole list of.
	removeLabel := widget.NewLabel(u.it("remove"))
	removeLabel.Wrapping = fyne.TextWrapWord
	d.remove = map[event.InterestKind]*widget.Check{}
	removeGrid := container.NewGridWithColumns(3)
	for _, t := range event.InterestKinds.Terms {
		k := event.InterestKind(t.Code)
		c := widget.NewCheck(t.Label.In(u.lang), func(on bool) {
			s.remove = slices.DeleteFunc(s.remove, func(x event.InterestKind) bool { return x == k })
			if on {
				s.remove = append(s.remove, k)
			}
			s.plan = nil
			d.importBtn.Disable()
		})
		d.remove[k] = c
		removeGrid.Add(c)
	}
	removeBox := container.NewVBox(removeLabel, removeGrid)
	var runPreview func()
	rebuild := func() {
		intro.SetText(u.it("header", s.m.HeaderRow))
		if s.table.Format == "JSON" {
			intro.SetText(u.it("json"))
		}
		grid.Objects = nil
		targets := exchange.Targets(s.kind)
		opts := []string{u.it("ignore")}
		for _, t := range targets {
			opts = append(opts, t.Label.In(u.lang)+" ["+t.Column+"]")
		}
		for i, h := range s.header(s.m) {
			i := i
			sel := widget.NewSelect(opts, nil)
			sel.SetSelectedIndex(0)
			for k, t := range targets {
				if t.Column == s.target(i) {
					sel.SetSelectedIndex(k + 1)
				}
			}
			sel.OnChanged = func(string) {
				k := sel.SelectedIndex()
				if k <= 0 {
					s.setTarget(i, exchange.Ignore)
				} else {
					s.setTarget(i, targets[k-1].Column)
				}
				d.importBtn.Disable()
			}
			name := strings.TrimSpace(h)
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			grid.Add(widget.NewLabel(name))
			grid.Add(sel)
		}
		grid.Refresh()
		d.report.SetText("")
		d.stale.Objects = nil
		d.stale.Refresh()
		if s.kind == exchange.KindInterests {
			removeBox.Show()
		} else {
			removeBox.Hide()
		}
		for _, c := range d.remove {
			c.SetChecked(false)
		}
		if event.FieldByName(exchange.KindEntity(s.kind), event.NotesField) != nil {
			d.notes.Show()
		} else {
			d.notes.Hide()
		}
	}
	d.notes = widget.NewButton(u.it("notes"), func() {
		s.keepUnmappedAsNotes()
		rebuild()
		d.importBtn.Disable()
	})
	kindSel.OnChanged = func(string) {
		k := kinds[kindSel.SelectedIndex()]
		if k == s.kind {
			return
		}
		u.runBackground(func(ctx context.Context) (func(), error) {
			if err := s.suggest(ctx, k); err != nil {
				return nil, err
			}
			return rebuild, nil
		})
	}
	// showStale lists the records changed in the event since the file was
	// exported, each with a check: checked ones are overwritten.
	showStale := func(p *exchange.Plan) {
		d.stale.Objects = nil
		for _, r := range p.Records {
			if !r.ChangedSinceExport() {
				continue
			}
			id := r.ID
			var changes []string
			for _, c := range r.Changes {
				changes = append(changes, c.Label.In(u.lang))
			}
			check := widget.NewCheck(u.it("stale", id, r.Row, r.FileVersion, r.StoredVersion, strings.Join(changes, ", ")), nil)
			check.SetChecked(!r.Stale)
			if d.overwriteAll.Checked {
				check.Disable()
			}
			check.OnChanged = func(on bool) {
				s.setOverwrite(id, on)
				runPreview()
			}
			d.stale.Add(check)
		}
		if len(d.stale.Objects) > 0 {
			l := widget.NewLabel(u.it("stale_intro"))
			l.Wrapping = fyne.TextWrapWord
			d.stale.Objects = append([]fyne.CanvasObject{l}, d.stale.Objects...)
		}
		d.results.Refresh()
	}
	runPreview = func() {
		var over []string
		if d.overwriteAll.Checked {
			over = []string{"all"}
		}
		if err := s.setValues(values.Text); err != nil {
			u.showError(err)
			return
		}
		u.runBackground(func(ctx context.Context) (func(), error) {
			p, err := s.preview(ctx, over)
			if err != nil {
				return nil, err
			}
			return func() {
				lines := p.ReportWith(u.lang, 200, func(string) event.Text {
					return event.T("上書きするには上の一覧でチェック", "to overwrite: tick it in the list above")
				})
				if err := p.Err(); err != nil {
					var ie *exchange.ImportError
					if errors.As(err, &ie) {
						lines = append(lines, u.it("problems"), ie.Message(u.lang))
					}
					d.importBtn.Disable()
				} else {
					d.importBtn.Enable()
				}
				d.report.SetText(strings.Join(lines, "\n"))
				showStale(p)
				d.results.Refresh()
			}, nil
		})
	}
	d.overwriteAll.OnChanged = func(bool) { runPreview() }
	d.preview = widget.NewButton(u.it("preview"), runPreview)
	var dlg dialog.Dialog
	d.importBtn = widget.NewButton(u.it("import"), func() {
		d.importBtn.Disable()
		d.bar.Show()
		u.runBackground(func(ctx context.Context) (func(), error) {
			err := s.commit(ctx, func(done, total int) {
				if total > 0 {
					fyne.Do(func() { d.bar.SetValue(float64(done) / float64(total)) })
				}
			})
			if err != nil {
				return nil, err
			}
			return func() {
				d.bar.SetValue(1)
				done := u.it("done", s.plan.New, s.plan.Changed)
				if s.plan.Removed > 0 {
					done = u.it("done_removed", s.plan.New, s.plan.Changed, s.plan.Removed)
				}
				u.setStatus(done)
				d.report.SetText(done)
				d.stale.Objects = nil
				d.results.Refresh()
				u.Reload()
			}, nil
		})
	})
	d.importBtn.Importance = widget.HighImportance
	d.importBtn.Disable()
	rebuild()
	top := container.NewVBox(widget.NewLabel(s.table.File+" ("+s.table.Format+" "+s.table.Encoding+")"),
		container.NewBorder(nil, nil, widget.NewLabel(u.it("kind")), nil, kindSel))
	if len(s.table.Sheets) > 1 {
		sheetSel := widget.NewSelect(s.table.Sheets, nil)
		sheetSel.SetSelected(s.table.Sheet)
		sheetSel.OnChanged = func(name string) {
			if name == s.table.Sheet {
				return
			}
			u.runBackground(func(ctx context.Context) (func(), error) {
				if err := s.useSheet(ctx, name); err != nil {
					return nil, err
				}
				return rebuild, nil
			})
		}
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(u.it("sheet")), nil, sheetSel))
	}
	top.Add(intro)
	content := container.NewBorder(top,
		container.NewVBox(widget.NewLabel(u.it("values")), values, removeBox, d.overwriteAll, d.bar, container.NewHBox(d.preview, d.notes, d.importBtn)),
		nil, nil,
		container.NewVSplit(container.NewVScroll(grid), container.NewVScroll(d.results)))
	dlg = dialog.NewCustom(u.it("title"), u.it("close"), content, u.win)
	dlg.Resize(fyne.NewSize(900, 700))
	dlg.Show()
	return d
}
