// Package xlsx writes an event's schedule, rankings per theme, requests and
// KPI report as an Excel workbook (.xlsx, through excelize) that the
// organizer and the companies open in Excel or LibreOffice.
//
// Each sheet has a header row in Japanese with English ("日付 / Date"),
// frozen so it stays visible while scrolling, and column widths set for its
// content. Large sheets go through excelize's StreamWriter, which spills rows
// to a temporary file instead of holding them all as cell objects, so a
// 20,000-startup event exports with bounded memory. The KPI sheet embeds the
// meetings-per-year chart as a PNG.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"gonum.org/v1/plot/vg"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/kpi"
)

// Sheet names.
const (
	SheetSchedule  = "日程 Schedule"
	SheetRankings  = "ランキング Rankings"
	SheetRequests  = "リクエスト Requests"
	SheetKPI       = "KPI"
	SheetByCompany = "企業別 By company"
	SheetByTheme   = "テーマ別 By theme"
	SheetProgramme = "プログラム Programme"
)

// Options tune an export.
type Options struct {
	// Now is the creation time in the workbook's properties; zero means
	// time.Now().
	Now time.Time
	// Progress, if set, is told how many rows of each sheet are done.
	Progress docs.Progress
	// Programme, if set, adds the programme's KPI sheet (kpi.AddProgramme)
	// to the whole event's workbook.
	Programme *kpi.Programme
}

// Write writes the workbook for scope. A participant's workbook holds
// only what Data.Filter lets them see; the KPI sheets are in the whole
// event's and a company's workbook, not a startup's.
func Write(ctx context.Context, w io.Writer, d *docs.Data, scope docs.Scope, opts Options) error {
	d, err := d.Filter(scope)
	if err != nil {
		return err
	}
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	title := docs.Both(d.Event.Name)
	if !scope.All() {
		title += " – " + scope.String()
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "PitchMatch", Language: "ja-JP",
		Created: now.UTC().Format(time.RFC3339), Modified: now.UTC().Format(time.RFC3339)}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSchedule); err != nil {
		return err
	}
	wb := &book{f: f, ix: ix, opts: opts}
	if wb.head, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}},
	}); err != nil {
		return err
	}
	if err := wb.schedule(ctx); err != nil {
		return err
	}
	if err := wb.rankings(ctx); err != nil {
		return err
	}
	if err := wb.requests(ctx); err != nil {
		return err
	}
	if scope.Kind != event.KindStartup {
		rep, err := kpi.Compute(ctx, d)
		if err != nil {
			return err
		}
		if err := wb.kpi(rep); err != nil {
			return err
		}
		if err := wb.counts(ctx, SheetByCompany, docs.Label("company"), rep.ByCompany, false); err != nil {
			return err
		}
		if err := wb.counts(ctx, SheetByTheme, docs.Label("theme"), rep.ByTheme, true); err != nil {
			return err
		}
	}
	if opts.Programme != nil && scope.All() {
		if err := wb.programme(opts.Programme); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

type book struct {
	f    *excelize.File
	ix   *docs.Index
	opts Options
	head int // header style
}

// stream starts a sheet with a frozen, styled header row and column widths.
func (b *book) stream(name string, heads []string, widths []float64) (*excelize.StreamWriter, error) {
	if name != SheetSchedule {
		if _, err := b.f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return nil, err
	}
	row := make([]any, len(heads))
	for i, h := range heads {
		row[i] = excelize.Cell{StyleID: b.head, Value: h}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 32}); err != nil {
		return nil, err
	}
	return sw, nil
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// rowWriter writes rows 2, 3, … of a stream, checking ctx and reporting
// progress every 1,024 rows.
type rowWriter struct {
	ctx   context.Context
	sw    *excelize.StreamWriter
	n     int
	total int
	stage string
	prog  docs.Progress
}

func (r *rowWriter) add(vals []any) error {
	if r.n%1024 == 0 {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		r.prog.Report(r.stage, r.n, r.total)
	}
	r.n++
	cell, err := excelize.CoordinatesToCellName(1, r.n+1)
	if err != nil {
		return err
	}
	return r.sw.SetRow(cell, vals)
}

func (r *rowWriter) flush() error {
	r.prog.Report(r.stage, r.total, r.total)
	return r.sw.Flush()
}

func (b *book) schedule(ctx context.Context) error {
	cols := docs.ScheduleColumns()
	heads, widths := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		heads[i], widths[i] = docs.ColumnHeader(c.Key), c.Width
	}
	sw, err := b.stream(SheetSchedule, heads, widths)
	if err != nil {
		return err
	}
	rw := &rowWriter{ctx: ctx, sw: sw, total: len(b.ix.Data.Meetings), stage: "xlsx " + SheetSchedule, prog: b.opts.Progress}
	if err := b.ix.Meetings(func(m *event.Meeting) error {
		rec, err := b.ix.ScheduleRecord(m)
		if err != nil {
			return err
		}
		return rw.add(rec)
	}); err != nil {
		return err
	}
	return rw.flush()
}

func (b *book) rankings(ctx context.Context) error {
	heads := []string{docs.Header("theme_id"), docs.Header("theme"), docs.Header("company"), docs.Header("rank"),
		docs.Header("startup_id"), docs.Header("startup"), docs.Header("score"), docs.Header("reasons")}
	sw, err := b.stream(SheetRankings, heads, []float64{10, 36, 26, 7, 12, 30, 8, 60})
	if err != nil {
		return err
	}
	d := b.ix.Data
	total := 0
	for _, rows := range d.Rankings {
		total += len(rows)
	}
	rw := &rowWriter{ctx: ctx, sw: sw, total: total, stage: "xlsx " + SheetRankings, prog: b.opts.Progress}
	if total == 0 {
		if err := rw.add([]any{"", "ランキングは未計算です（pitchmatch rank で計算）/ No rankings computed yet (run pitchmatch rank)"}); err != nil {
			return err
		}
	}
	// Themes in their stored order, then any ranked theme not among them.
	seen := map[string]bool{}
	var order []string
	for _, t := range d.Themes {
		if _, ok := d.Rankings[t.ID]; ok {
			order, seen[t.ID] = append(order, t.ID), true
		}
	}
	for id := range d.Rankings {
		if !seen[id] {
			order = append(order, id)
		}
	}
	for _, tid := range order {
		title := b.ix.ThemeTitle(tid)
		company := ""
		if t := b.ix.Theme(tid); t != nil {
			company = b.ix.CompanyName(t.CompanyID).In(event.Ja)
		}
		for i, r := range d.Rankings[tid] {
			reasons := make([]string, len(r.Reasons))
			for k, x := range r.Reasons {
				reasons[k] = x.In(event.Ja)
			}
			if err := rw.add([]any{tid, title.In(event.Ja), company, i + 1, r.StartupID,
				b.ix.StartupName(r.StartupID).In(event.Ja), r.Score, strings.Join(reasons, "; ")}); err != nil {
				return err
			}
		}
	}
	return rw.flush()
}

func (b *book) requests(ctx context.Context) error {
	heads := []string{docs.Header("kind"), docs.Header("startup_id"), docs.Header("startup"), docs.Header("company_id"),
		docs.Header("company"), docs.Header("theme_id"), docs.Header("theme"), docs.Header("by"), docs.Header("note"), docs.Header("created")}
	sw, err := b.stream(SheetRequests, heads, []float64{22, 12, 30, 10, 26, 10, 36, 14, 30, 18})
	if err != nil {
		return err
	}
	d := b.ix.Data
	rw := &rowWriter{ctx: ctx, sw: sw, total: len(d.Interests), stage: "xlsx " + SheetRequests, prog: b.opts.Progress}
	loc := d.Event.Location()
	for _, in := range d.Interests {
		created := ""
		if !in.CreatedAt.IsZero() {
			created = in.CreatedAt.In(loc).Format("2006-01-02 15:04")
		}
		by := docs.Label(string(in.By)).Ja
		theme := ""
		if in.ThemeID != "" {
			theme = b.ix.ThemeTitle(in.ThemeID).In(event.Ja)
		}
		if err := rw.add([]any{event.InterestKinds.Label(string(in.Kind), event.Ja), in.StartupID,
			b.ix.StartupName(in.StartupID).In(event.Ja), in.CompanyID, b.ix.CompanyName(in.CompanyID).In(event.Ja),
			in.ThemeID, theme, by, in.Note, created}); err != nil {
			return err
		}
	}
	return rw.flush()
}

// kpi writes the summary, year-over-year table and chart (a normal sheet:
// it is small and holds a picture).
func (b *book) kpi(rep *kpi.Report) error {
	f := b.f
	if _, err := f.NewSheet(SheetKPI); err != nil {
		return err
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(SheetKPI, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(SheetKPI, cell, cell, style)
		}
		return nil
	}
	cellName := func(col, row int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
	if err := set("A1", "指標 / Figure", b.head); err != nil {
		return err
	}
	if err := set("B1", "値 / Value", b.head); err != nil {
		return err
	}
	row := 2
	put := func(key string, v any) error {
		l := kpi.Label(key)
		if err := set(cellName(1, row), l.Ja+" / "+l.En, 0); err != nil {
			return err
		}
		row++
		return set(cellName(2, row-1), v, 0)
	}
	if err := put("exhibitors", rep.Exhibitors); err != nil {
		return err
	}
	if err := put("companies", rep.Companies); err != nil {
		return err
	}
	if err := put("themes", rep.Themes); err != nil {
		return err
	}
	for _, k := range kpi.CountKeys() {
		if err := put(k, rep.Totals.Get(k)); err != nil {
			return err
		}
	}
	if err := put("deal_rate", rep.Totals.DealRate()); err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetKPI, cellName(2, row-1), cellName(2, row-1), pct); err != nil {
		return err
	}

	// Year over year, to the right of the summary.
	yoy := []string{"year", "exhibitors", "meetings", "deals", "change"}
	for i, k := range yoy {
		l := kpi.Label(k)
		if err := set(cellName(4+i, 1), l.Ja+" / "+l.En, b.head); err != nil {
			return err
		}
	}
	for r, y := range rep.Years {
		year := fmt.Sprint(y.Year)
		if y.Current {
			year += " (" + kpi.Label("this_event").Ja + ")"
		}
		vals := []any{year, nil, y.Meetings, nil, nil}
		if y.ExhibitorsKnown {
			vals[1] = y.Exhibitors
		}
		if y.DealsKnown {
			vals[3] = y.Deals
		}
		if y.HasChange {
			vals[4] = y.Change
		}
		for i, v := range vals {
			if v == nil {
				continue
			}
			if err := set(cellName(4+i, r+2), v, 0); err != nil {
				return err
			}
		}
		if y.HasChange {
			if err := f.SetCellStyle(SheetKPI, cellName(8, r+2), cellName(8, r+2), pct); err != nil {
				return err
			}
		}
	}
	for col, w := range map[string]float64{"A": 34, "B": 12, "C": 3, "D": 14, "E": 16, "F": 12, "G": 12, "H": 12} {
		if err := f.SetColWidth(SheetKPI, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(SheetKPI, 1, 32); err != nil {
		return err
	}
	if err := f.SetPanes(SheetKPI, frozenHeader()); err != nil {
		return err
	}
	if len(rep.Years) > 0 {
		png, err := rep.Chart(17*vg.Centimeter, 8*vg.Centimeter)
		if err != nil {
			return err
		}
		anchor := cellName(1, max(row, len(rep.Years)+2)+2)
		if err := f.AddPictureFromBytes(SheetKPI, anchor, &excelize.Picture{Extension: ".png", File: png,
			Format: &excelize.GraphicOptions{ScaleX: 0.5, ScaleY: 0.5, AltText: kpi.Label("chart_title").Ja + " / " + kpi.Label("chart_title").En}}); err != nil {
			return fmt.Errorf("embed chart: %w", err)
		}
	}
	return nil
}

// programme writes the programme's KPI sheet: its figures, the
// applications per theme, the outstanding startups and the year-over-year
// table (the tables as kpi.Programme gives them to every rendering).
func (b *book) programme(p *kpi.Programme) error {
	f, sh := b.f, SheetProgramme
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	both := func(t event.Text) string {
		if t.En == "" || t.En == t.Ja {
			return t.In(event.Ja)
		}
		return t.Ja + " / " + t.En
	}
	row := 1
	line := func(style int, vals ...any) error {
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellValue(sh, cell, v); err != nil {
				return err
			}
			if style != 0 {
				if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
					return err
				}
			}
		}
		row++
		return nil
	}
	if err := line(b.head, both(p.Title()), "値 / Value"); err != nil {
		return err
	}
	for _, k := range kpi.ProgrammeKeys() {
		if err := line(0, both(kpi.ProgrammeLabel(k)), p.Get(k)); err != nil {
			return err
		}
	}
	table := func(t kpi.Table) error {
		row++
		if err := line(0, both(t.Title)); err != nil {
			return err
		}
		heads := make([]any, len(t.Heads))
		for i, h := range t.Heads {
			heads[i] = both(h)
		}
		if err := line(b.head, heads...); err != nil {
			return err
		}
		for _, r := range t.Rows {
			var vals []any
			for _, n := range r.Names {
				vals = append(vals, both(n))
			}
			for _, n := range r.Counts {
				vals = append(vals, n)
			}
			if err := line(0, vals...); err != nil {
				return err
			}
		}
		return nil
	}
	if err := table(p.ThemesTable()); err != nil {
		return err
	}
	if len(p.OutstandingNames) > 0 {
		row++
		if err := line(b.head, both(event.T("順位", "Rank")), both(kpi.ProgrammeLabel("prog_outstanding_names")),
			both(event.T("企業", "Company")), both(event.T("合計", "Total"))); err != nil {
			return err
		}
		for _, s := range p.OutstandingNames {
			if err := line(0, s.Rank, both(s.Name), both(s.Company), s.Total); err != nil {
				return err
			}
		}
	}
	if err := table(p.YearsTable()); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 40, "B": 30, "C": 16, "D": 16, "E": 16, "F": 16, "G": 16, "H": 16} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// counts writes a per-company or per-theme KPI sheet.
func (b *book) counts(ctx context.Context, sheet string, first event.Text, rows []kpi.Row, withCompany bool) error {
	heads := []string{"ID", first.Ja + " / " + first.En}
	widths := []float64{12, 36}
	if withCompany {
		heads, widths = append(heads, docs.Header("company")), append(widths, 26)
	}
	for _, k := range kpi.CountKeys() {
		l := kpi.Label(k)
		heads, widths = append(heads, l.Ja+" / "+l.En), append(widths, 14)
	}
	sw, err := b.stream(sheet, heads, widths)
	if err != nil {
		return err
	}
	rw := &rowWriter{ctx: ctx, sw: sw, total: len(rows), stage: "xlsx " + sheet, prog: b.opts.Progress}
	for _, r := range rows {
		vals := []any{r.ID, r.Name.In(event.Ja)}
		if withCompany {
			vals = append(vals, r.Company.In(event.Ja))
		}
		for _, k := range kpi.CountKeys() {
			vals = append(vals, r.Get(k))
		}
		if err := rw.add(vals); err != nil {
			return err
		}
	}
	return rw.flush()
}
