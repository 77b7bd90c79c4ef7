package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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
	table *exchange.Table
	kind  exchange.Kind
	m     *exchange.Mapping
	plan  *exchange.Plan
}

// newImportSession reads path.
func newImportSession(ctx context.Context, store Store, path, sheet string) (*importSession, error) {
	t, err := exchange.ReadTableFile(ctx, path, exchange.TableOptions{Sheet: sheet})
	if err != nil {
		return nil, err
	}
	s := &importSession{store: store, path: path, table: t, kind: exchange.KindStartups}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if k, err := exchange.ParseKind(base); err == nil {
		s.kind = k
	}
	return s, s.suggest(ctx, s.kind)
}

// useSheet re-reads the workbook's sheet and suggests its mapping.
func (s *importSession) useSheet(ctx context.Context, sheet string) error {
	t, err := exchange.ReadTableFile(ctx, s.path, exchange.TableOptions{Sheet: sheet})
	if err != nil {
		return err
	}
	s.table = t
	return s.suggest(ctx, s.kind)
}

// suggest sets the kind and the mapping: saved for this shape, or guessed.
func (s *importSession) suggest(ctx context.Context, kind exchange.Kind) error {
	s.kind, s.plan = kind, nil
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

// stored reads what the event holds, for the preview.
func (s *importSession) stored(ctx context.Context) (*exchange.Stored, error) {
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
	p, err := exchange.BuildPlan(ctx, s.table, s.m, st, exchange.PlanOptions{Overwrite: overwrite})
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
		return errors.New("preview first")
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
	"overwrite": {Ja: "書き出し後に変更されたデータも上書きする", En: "Also overwrite records changed since the export"},
	"menu":      {Ja: "取り込み（CSV・Excel）…", En: "Import (CSV, Excel)…"},
	"sheet":     {Ja: "シート", En: "Sheet"},
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
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".csv", ".tsv", ".txt", ".xlsx"}))
	d.Show()
}

// showMapping is the mapping and preview step.
func (u *UI) showMapping(s *importSession) {
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
	report := widget.NewLabel("")
	report.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	bar.Hide()
	overwrite := widget.NewCheck(u.it("overwrite"), nil)
	values := widget.NewMultiLineEntry()
	values.SetMinRowsVisible(2)
	values.SetPlaceHolder(u.it("values"))
	var importBtn *widget.Button
	rebuild := func() {
		intro.SetText(u.it("header", s.m.HeaderRow))
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
				importBtn.Disable()
			}
			name := strings.TrimSpace(h)
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			grid.Add(widget.NewLabel(name))
			grid.Add(sel)
		}
		grid.Refresh()
		report.SetText("")
	}
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
	previewBtn := widget.NewButton(u.it("preview"), func() {
		var over []string
		if overwrite.Checked {
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
				lines := p.Report(u.lang, 200)
				if err := p.Err(); err != nil {
					var ie *exchange.ImportError
					if errors.As(err, &ie) {
						lines = append(lines, u.it("problems"), ie.Message(u.lang))
					}
					importBtn.Disable()
				} else {
					importBtn.Enable()
				}
				report.SetText(strings.Join(lines, "\n"))
			}, nil
		})
	})
	var dlg dialog.Dialog
	importBtn = widget.NewButton(u.it("import"), func() {
		importBtn.Disable()
		bar.Show()
		u.runBackground(func(ctx context.Context) (func(), error) {
			err := s.commit(ctx, func(done, total int) {
				if total > 0 {
					fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
				}
			})
			if err != nil {
				return nil, err
			}
			return func() {
				bar.SetValue(1)
				u.setStatus(u.it("done", s.plan.New, s.plan.Changed))
				report.SetText(u.it("done", s.plan.New, s.plan.Changed))
				u.Reload()
			}, nil
		})
	})
	importBtn.Importance = widget.HighImportance
	importBtn.Disable()
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
		container.NewVBox(widget.NewLabel(u.it("values")), values, overwrite, bar, container.NewHBox(previewBtn, importBtn)),
		nil, nil,
		container.NewVSplit(container.NewVScroll(grid), container.NewVScroll(report)))
	dlg = dialog.NewCustom(u.it("title"), u.it("close"), content, u.win)
	dlg.Resize(fyne.NewSize(900, 700))
	dlg.Show()
}
