// Package agenda prints PitchMatch schedules as PDF: one agenda per
// participant (time, table, the other party, theme) to hand out or e-mail,
// one sheet per table for the desk staff who tick off meetings as held, and
// the organizer's KPI report with its chart.
//
// Japanese is set in the bundled IPAexGothic font (assets.JapaneseFont), so
// names print as text a reader can search and copy, not as boxes, with
// English on a second, smaller line. Every page carries the event's name,
// dates and venue, and a page number within its agenda or sheet ("1 / 2")
// and within the file.
//
// Each agenda's length is known before it is drawn (rows are one fixed
// height; long names are shortened with "…"), which is how its own page
// count can be printed on its first page. For big events WriteZip writes
// the agendas into several PDFs of a bounded number of participants each,
// so memory stays bounded whatever the number of participants, and the
// archive deflates each file once; Write puts everything into one PDF, whose
// size grows with the event (pages of a document over 300 agendas and sheets
// are left uncompressed, because fpdf's per-page compression costs more
// than the rest of the work at that size).
package agenda

import (
	"archive/zip"
	"cmp"
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"gonum.org/v1/plot/vg"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/kpi"
)

// Options tune a PDF export.
type Options struct {
	// Now is the creation date written into the PDF; zero means
	// time.Now().
	Now time.Time
	// Progress, if set, is told how many agendas and sheets are done.
	Progress docs.Progress
	// PerFile is how many agendas (or table sheets) WriteZip puts into one
	// PDF; 0 means 200.
	PerFile int
	// Programme, if set, is the programme part of the KPI report when the
	// report itself has none (kpi.AddProgramme).
	Programme *kpi.Programme
}

func (o Options) perFile() int {
	if o.PerFile <= 0 {
		return 200
	}
	return o.PerFile
}

// Write writes one PDF: for a participant their agenda; for the whole event
// every startup's agenda, every company's agenda and every table's sheet,
// with bookmarks.
func Write(ctx context.Context, w io.Writer, d *docs.Data, scope docs.Scope, opts Options) error {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	ps, err := ix.Participants(scope)
	if err != nil {
		return err
	}
	title := docs.Both(docs.Label("schedule"))
	if !scope.All() {
		title += " – " + ps[0].Name.In(event.Ja)
	}
	var tables []tableSheet
	if scope.All() {
		tables = tablesOf(ix)
	}
	total := len(ps) + len(tables)
	doc, err := newDoc(d.Event, title, opts.Now, total <= compressPagesUpTo)
	if err != nil {
		return err
	}
	if err := agendas(ctx, doc, ix, ps, scope.All(), func(i int) { opts.Progress.Report("pdf", i, total) }); err != nil {
		return err
	}
	if err := sheets(ctx, doc, ix, tables, scope.All(), func(i int) { opts.Progress.Report("pdf", len(ps)+i, total) }); err != nil {
		return err
	}
	opts.Progress.Report("pdf", total, total)
	return doc.output(w)
}

// WriteTables writes one PDF with a sheet per table, for the desk.
func WriteTables(ctx context.Context, w io.Writer, d *docs.Data, opts Options) error {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	tables := tablesOf(ix)
	doc, err := newDoc(d.Event, docs.Both(docs.Label("table_sheet")), opts.Now, len(tables) <= compressPagesUpTo)
	if err != nil {
		return err
	}
	if err := sheets(ctx, doc, ix, tables, false, func(i int) { opts.Progress.Report("pdf", i, len(tables)) }); err != nil {
		return err
	}
	opts.Progress.Report("pdf", len(tables), len(tables))
	return doc.output(w)
}

// WriteZip writes a zip archive of PDFs: the agendas of the participants in
// scope in files of at most PerFile agendas each (agendas/startups-S0001-S0200.pdf,
// agendas/companies-….pdf), and for the whole event the table sheets
// (tables/tables-1-200.pdf, …) and the KPI report (kpi.pdf). Only one PDF
// is in memory at a time.
func WriteZip(ctx context.Context, w io.Writer, d *docs.Data, scope docs.Scope, opts Options) error {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return err
	}
	ps, err := ix.Participants(scope)
	if err != nil {
		return err
	}
	var tables []tableSheet
	if scope.All() {
		tables = tablesOf(ix)
	}
	total, done := len(ps)+len(tables), 0
	per := opts.perFile()
	zw := docs.NewZipWriter(w)
	for start := 0; start < len(ps); {
		end := start + 1
		for end < len(ps) && end-start < per && ps[end].Kind == ps[start].Kind {
			end++
		}
		chunk := ps[start:end]
		name := fmt.Sprintf("agendas/%s-%s-%s.pdf", chunk[0].Folder(), docs.SafeName(chunk[0].ID), docs.SafeName(chunk[len(chunk)-1].ID))
		doc, err := newDoc(d.Event, docs.Both(docs.Label("schedule")), opts.Now, false)
		if err != nil {
			return err
		}
		base := done
		if err := agendas(ctx, doc, ix, chunk, false, func(i int) { opts.Progress.Report("pdf", base+i, total) }); err != nil {
			return err
		}
		if err := zipPDF(zw, name, doc); err != nil {
			return err
		}
		done += len(chunk)
		start = end
	}
	for start := 0; start < len(tables); start += per {
		chunk := tables[start:min(start+per, len(tables))]
		name := fmt.Sprintf("tables/tables-%d-%d.pdf", chunk[0].table+1, chunk[len(chunk)-1].table+1)
		doc, err := newDoc(d.Event, docs.Both(docs.Label("table_sheet")), opts.Now, false)
		if err != nil {
			return err
		}
		base := done
		if err := sheets(ctx, doc, ix, chunk, false, func(i int) { opts.Progress.Report("pdf", base+i, total) }); err != nil {
			return err
		}
		if err := zipPDF(zw, name, doc); err != nil {
			return err
		}
		done += len(chunk)
	}
	if scope.All() {
		rep, err := kpi.Compute(ctx, d)
		if err != nil {
			return err
		}
		f, err := zw.Create("kpi.pdf")
		if err != nil {
			return err
		}
		if err := WriteKPI(ctx, f, d.Event, rep, opts); err != nil {
			return err
		}
	}
	opts.Progress.Report("pdf", total, total)
	return zw.Close()
}

func zipPDF(zw *zip.Writer, name string, doc *doc) error {
	// The archive deflates each PDF once (its pages are left uncompressed:
	// see compressPagesUpTo).
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	if err := doc.output(f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// agendaCols are the columns of a participant's agenda.
func agendaCols() []col {
	return []col{
		{docs.Label("time"), 34},
		{docs.Label("table"), 22},
		{docs.Label("with"), 70},
		{docs.Label("theme"), 60},
	}
}

// agendas writes one section per participant; done is told after each.
func agendas(ctx context.Context, doc *doc, ix *docs.Index, ps []docs.Participant, bookmarks bool, done func(int)) error {
	var lastKind event.ParticipantKind
	for i, p := range ps {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			done(i)
		}
		var ms []*event.Meeting
		for _, m := range ix.MeetingsOf(p.Kind, p.ID) {
			if !m.Active() {
				continue
			}
			if _, err := ix.MeetingSlot(m); err != nil {
				return err
			}
			ms = append(ms, m)
		}
		doc.startSection(section{kind: docs.Label("schedule"), name: p.Name, id: p.ID, cols: agendaCols(), pages: pagesFor(len(ms))})
		if bookmarks {
			if p.Kind != lastKind {
				head := event.T("スタートアップ", "Startups")
				if p.Kind == event.KindCompany {
					head = event.T("企業", "Companies")
				}
				doc.f.Bookmark(docs.Both(head), 0, 0)
				lastKind = p.Kind
			}
			doc.f.Bookmark(p.ID+" "+p.Name.In(event.Ja), 1, 0)
		}
		doc.rows(len(ms), func(k int) []cell {
			m := ms[k]
			s, _ := ix.Slot(m.Slot)
			other := ix.OtherParty(p, m)
			theme := ix.ThemeTitle(m.ThemeID)
			st := docs.StatusLabel(m.Status)
			return []cell{
				{docs.TimeRange(s), shortDate(s.Start)},
				{strconv.Itoa(m.Table + 1), st.Ja + " " + st.En},
				{other.Name.In(event.Ja), subName(other.Name, other.ID)},
				{theme.In(event.Ja), enIfDifferent(theme)},
			}
		})
	}
	done(len(ps))
	return doc.f.Error()
}

func subName(t event.Text, id string) string {
	if en := enIfDifferent(t); en != "" {
		return en + "  [" + id + "]"
	}
	return "[" + id + "]"
}

func enIfDifferent(t event.Text) string {
	if t.En == t.Ja {
		return ""
	}
	return t.En
}

// tableSheet is one table's active meetings in time order.
type tableSheet struct {
	table    int
	meetings []*event.Meeting
}

// tablesOf lists every table of the event (and any table a meeting names
// beyond them) with its active meetings.
func tablesOf(ix *docs.Index) []tableSheet {
	n := ix.Data.Event.Tables
	by := map[int][]*event.Meeting{}
	_ = ix.Meetings(func(m *event.Meeting) error {
		if m.Active() {
			by[m.Table] = append(by[m.Table], m)
			n = max(n, m.Table+1)
		}
		return nil
	})
	out := make([]tableSheet, n)
	for t := range n {
		out[t] = tableSheet{table: t, meetings: by[t]}
	}
	return out
}

func sheetCols() []col {
	return []col{
		{docs.Label("time"), 30},
		{docs.Label("startup"), 58},
		{docs.Label("company"), 50},
		{docs.Label("theme"), 30},
		{docs.Label("held_check"), 18},
	}
}

// sheets writes one section per table.
func sheets(ctx context.Context, doc *doc, ix *docs.Index, ts []tableSheet, bookmarks bool, done func(int)) error {
	for i, t := range ts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			done(i)
		}
		for _, m := range t.meetings {
			if _, err := ix.MeetingSlot(m); err != nil {
				return err
			}
		}
		doc.startSection(section{kind: docs.Label("table_sheet"), name: docs.TableLabel(t.table),
			id: "T" + strconv.Itoa(t.table+1), cols: sheetCols(), pages: pagesFor(len(t.meetings))})
		if bookmarks {
			if i == 0 {
				doc.f.Bookmark(docs.Both(docs.Label("table_sheet")), 0, 0)
			}
			doc.f.Bookmark(docs.TableLabel(t.table).Ja, 1, 0)
		}
		doc.rows(len(t.meetings), func(k int) []cell {
			m := t.meetings[k]
			s, _ := ix.Slot(m.Slot)
			sn, cn, th := ix.StartupName(m.StartupID), ix.CompanyName(m.CompanyID), ix.ThemeTitle(m.ThemeID)
			return []cell{
				{docs.TimeRange(s), shortDate(s.Start)},
				{sn.In(event.Ja), subName(sn, m.StartupID)},
				{cn.In(event.Ja), subName(cn, m.CompanyID)},
				{th.In(event.Ja), enIfDifferent(th)},
				{"□", ""},
			}
		})
	}
	done(len(ts))
	return doc.f.Error()
}

// WriteKPI writes the KPI report as PDF: the summary figures, the chart of
// meetings per year, the year-over-year table, then the figures per company
// and per theme.
func WriteKPI(ctx context.Context, w io.Writer, ev *event.Event, rep *kpi.Report, opts Options) error {
	doc, err := newDoc(ev, docs.Both(docs.Label("kpi")), opts.Now, true)
	if err != nil {
		return err
	}
	f := doc.f
	doc.startSection(section{kind: docs.Label("kpi"), name: rep.Event, id: rep.Dates})
	y := 46.0
	f.SetXY(margin, y)
	doc.font(11, 0)
	f.CellFormat(contentW, 7, docs.Both(kpi.Label("summary")), "", 1, "L", false, 0, "")
	y += 8
	type fig struct {
		key string
		val string
	}
	figs := []fig{
		{"exhibitors", kpi.FormatInt(rep.Exhibitors)}, {"companies", kpi.FormatInt(rep.Companies)},
		{"themes", kpi.FormatInt(rep.Themes)},
	}
	for _, k := range kpi.CountKeys() {
		figs = append(figs, fig{k, kpi.FormatInt(rep.Totals.Get(k))})
	}
	figs = append(figs, fig{"deal_rate", fmt.Sprintf("%.1f%%", 100*rep.Totals.DealRate())})
	half := contentW / 2
	for i, fg := range figs {
		x := margin + float64(i%2)*half
		yy := y + float64(i/2)*6.5
		l := kpi.Label(fg.key)
		f.SetXY(x, yy)
		doc.font(9, 30)
		f.CellFormat(half-32, 6, fit(f, l.Ja+"  "+l.En, half-33), "B", 0, "L", false, 0, "")
		doc.font(10.5, 0)
		f.CellFormat(28, 6, fg.val, "B", 0, "R", false, 0, "")
	}
	y += float64((len(figs)+1)/2)*6.5 + 4

	if len(rep.Years) > 0 {
		png, err := rep.Chart(17*vg.Centimeter, 8*vg.Centimeter)
		if err != nil {
			return err
		}
		y += doc.png("kpi-chart", png, margin+8, y, contentW-16) + 3
		cols := []col{{kpi.Label("year"), 30}, {kpi.Label("exhibitors"), 42}, {kpi.Label("meetings"), 38}, {kpi.Label("deals"), 38}, {kpi.Label("change"), 38}}
		row := func(cells []string, head bool) {
			if y > tableBot-6 {
				doc.startSection(section{kind: kpi.Label("year_over_year"), name: rep.Event, id: rep.Dates})
				y = 46
			}
			f.SetXY(margin, y)
			for k, c := range cols {
				if head {
					doc.font(8.5, 20)
					f.SetFillColor(230, 234, 240)
				} else {
					doc.font(9.5, 0)
				}
				align := "R"
				if k == 0 {
					align = "L"
				}
				f.CellFormat(c.w, 6, fit(f, cells[k], c.w-1), "B", 0, align, head, 0, "")
			}
			y += 6
		}
		head := make([]string, len(cols))
		for k, c := range cols {
			head[k] = c.head.Ja + " " + c.head.En
		}
		row(head, true)
		dash := kpi.Label("not_published").Ja
		for _, yr := range rep.Years {
			year := strconv.Itoa(yr.Year)
			if yr.Current {
				year += " (" + kpi.Label("this_event").Ja + ")"
			}
			ex, deals := dash, dash
			if yr.ExhibitorsKnown {
				ex = kpi.FormatInt(yr.Exhibitors)
			}
			if yr.DealsKnown {
				deals = kpi.FormatInt(yr.Deals)
			}
			row([]string{year, ex, kpi.FormatInt(yr.Meetings), deals, kpi.FormatChange(yr)}, false)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	countCols := func(first col) []col {
		cs := []col{first}
		short := []event.Text{event.T("応募", "Appl."), event.T("依頼", "Req."), event.T("設定", "Sched."),
			event.T("実施", "Held"), event.T("取消", "Canc."), event.T("進展", "Deals")}
		w := (contentW - first.w) / float64(len(short))
		for _, s := range short {
			cs = append(cs, col{s, w})
		}
		return cs
	}
	countCells := func(c kpi.Counts) []cell {
		return []cell{{kpi.FormatInt(c.Applications), ""}, {kpi.FormatInt(c.Requests), ""}, {kpi.FormatInt(c.Scheduled), ""},
			{kpi.FormatInt(c.Held), ""}, {kpi.FormatInt(c.Cancelled), ""}, {kpi.FormatInt(c.Deals), ""}}
	}
	doc.startSection(section{kind: kpi.Label("by_company"), name: rep.Event, id: rep.Dates,
		cols: countCols(col{docs.Label("company"), 72}), pages: pagesFor(len(rep.ByCompany))})
	doc.rows(len(rep.ByCompany), func(i int) []cell {
		r := rep.ByCompany[i]
		return append([]cell{{r.Name.In(event.Ja), subName(r.Name, r.ID)}}, countCells(r.Counts)...)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.startSection(section{kind: kpi.Label("by_theme"), name: rep.Event, id: rep.Dates,
		cols: countCols(col{docs.Label("theme"), 72}), pages: pagesFor(len(rep.ByTheme))})
	doc.rows(len(rep.ByTheme), func(i int) []cell {
		r := rep.ByTheme[i]
		return append([]cell{{r.Name.In(event.Ja), r.Company.In(event.Ja) + "  [" + r.ID + "]"}}, countCells(r.Counts)...)
	})
	if p := cmp.Or(rep.Programme, opts.Programme); p != nil {
		programmeKPI(doc, rep, p)
	}
	return doc.output(w)
}
