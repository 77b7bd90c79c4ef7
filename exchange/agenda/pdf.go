package agenda

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pitchmatch/assets"
	"pitchmatch/event"
	"pitchmatch/exchange/docs"
)

// Page geometry (A4 portrait, millimetres).
const (
	pageW      = 210.0
	margin     = 12.0
	contentW   = pageW - 2*margin
	tableTop   = 52.0  // y of the column header row
	headRowH   = 7.0   // column header row height
	rowH       = 11.0  // a two-line (Japanese over English) row
	tableBot   = 280.0 // rows end above this
	footerY    = 286.0
	fontFamily = "ipaexg"
)

// rowsPerPage is how many rows fit below the column headers of one page.
const rowsPerPage = 20 // floor((tableBot - tableTop - headRowH) / rowH)

// col is a table column: a header and a width in mm.
type col struct {
	head event.Text
	w    float64
}

// cell is a two-line table cell: a main line and a smaller second line.
type cell struct{ main, sub string }

// section is what the header of each page of a part of the document shows.
type section struct {
	kind  event.Text // e.g. 面談スケジュール / Meeting schedule
	name  event.Text // participant or table
	id    string
	cols  []col
	pages int // pages of the section, known in advance; 0: not numbered
}

// doc is one PDF being written.
type doc struct {
	f       *fpdf.Fpdf
	ev      *event.Event
	sec     section
	next    *section // the section the next AddPage starts
	secPage int
}

// compressPagesUpTo is the largest document whose pages are compressed.
// fpdf sets up a new zlib compressor (about 1 MB) for every page, which
// dominates the time of documents with thousands of pages; those are
// written uncompressed and, in WriteZip, deflated by the archive instead.
const compressPagesUpTo = 300

// newDoc starts a PDF with the bundled Japanese font, the event's name and
// dates in every page header and page numbers in every footer; compress
// turns on fpdf's per-page compression.
func newDoc(ev *event.Event, title string, now time.Time, compress bool) (*doc, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.AddUTF8FontFromBytes(fontFamily, "", assets.JapaneseFont())
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("load Japanese font: %w", err)
	}
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, 0)
	f.SetTitle(title, true)
	f.SetSubject(docs.Both(ev.Name), true)
	f.SetCreator("PitchMatch", true)
	if now.IsZero() {
		now = time.Now()
	}
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.AliasNbPages("{nb}")
	d := &doc{f: f, ev: ev}
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	return d, nil
}

// startSection begins a section on a new page. The section takes over in
// header, after fpdf has drawn the previous page's footer.
func (d *doc) startSection(s section) {
	d.next = &s
	d.f.AddPage()
}

func (d *doc) font(size float64, gray int) {
	d.f.SetFont(fontFamily, "", size)
	d.f.SetTextColor(gray, gray, gray)
}

// header draws the event band, the section title block and the column
// headers; fpdf calls it from AddPage.
func (d *doc) header() {
	f := d.f
	if d.next != nil {
		d.sec, d.secPage, d.next = *d.next, 0, nil
	}
	d.secPage++
	d.font(11, 0)
	f.SetXY(margin, 9)
	f.CellFormat(contentW*0.62, 6, fit(f, d.ev.Name.In(event.Ja), contentW*0.62), "", 0, "L", false, 0, "")
	d.font(8.5, 60)
	right := docs.EventDates(d.ev)
	f.CellFormat(contentW*0.38, 6, fit(f, right, contentW*0.38), "", 0, "R", false, 0, "")
	f.SetXY(margin, 15)
	d.font(7.5, 90)
	if d.ev.Name.En != "" && d.ev.Name.En != d.ev.Name.Ja {
		f.CellFormat(contentW*0.62, 4, fit(f, d.ev.Name.En, contentW*0.62), "", 0, "L", false, 0, "")
	} else {
		f.CellFormat(contentW*0.62, 4, "", "", 0, "L", false, 0, "")
	}
	f.CellFormat(contentW*0.38, 4, fit(f, docs.Both(d.ev.Venue), contentW*0.38), "", 0, "R", false, 0, "")
	f.SetDrawColor(120, 120, 120)
	f.SetLineWidth(0.3)
	f.Line(margin, 20.5, pageW-margin, 20.5)

	s := d.sec
	if s.kind.IsZero() && s.name.IsZero() {
		f.SetXY(margin, 24)
		return
	}
	f.SetXY(margin, 23)
	d.font(9, 70)
	f.CellFormat(contentW, 5, docs.Both(s.kind), "", 1, "L", false, 0, "")
	f.SetX(margin)
	d.font(15, 0)
	f.CellFormat(contentW-40, 8, fit(f, s.name.In(event.Ja), contentW-40), "", 0, "L", false, 0, "")
	d.font(9, 70)
	f.CellFormat(40, 8, s.id, "", 1, "R", false, 0, "")
	f.SetX(margin)
	if s.name.En != "" && s.name.En != s.name.Ja {
		d.font(9.5, 60)
		f.CellFormat(contentW, 5, fit(f, s.name.En, contentW), "", 1, "L", false, 0, "")
	}
	if len(s.cols) == 0 {
		f.SetXY(margin, tableTop)
		return
	}
	f.SetXY(margin, tableTop)
	f.SetFillColor(230, 234, 240)
	d.font(8.5, 20)
	for _, c := range s.cols {
		f.CellFormat(c.w, headRowH, fit(f, c.head.Ja+" "+c.head.En, c.w-1), "", 0, "L", true, 0, "")
	}
	f.SetXY(margin, tableTop+headRowH)
}

// footer prints the section's page "1 / 3", the section name and the
// document's page.
func (d *doc) footer() {
	f := d.f
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(margin, footerY-2, pageW-margin, footerY-2)
	f.SetXY(margin, footerY)
	d.font(7.5, 90)
	left := strings.TrimSpace(d.sec.id + " " + d.sec.name.In(event.Ja))
	f.CellFormat(contentW*0.4, 4, fit(f, left, contentW*0.4), "", 0, "L", false, 0, "")
	d.font(9, 0)
	pg := fmt.Sprintf("%d / {nb}", f.PageNo())
	if d.sec.pages > 0 {
		pg = fmt.Sprintf("%d / %d", d.secPage, d.sec.pages)
	}
	f.CellFormat(contentW*0.2, 4, pg, "", 0, "C", false, 0, "")
	d.font(7.5, 90)
	f.CellFormat(contentW*0.4, 4, fmt.Sprintf("p. %d / {nb}", f.PageNo()), "", 0, "R", false, 0, "")
}

// rows writes n two-line rows under the section's columns, starting a new
// page (same section) when one is full.
func (d *doc) rows(n int, row func(i int) []cell) {
	f := d.f
	for i := range n {
		if i > 0 && i%rowsPerPage == 0 {
			f.AddPage()
		}
		y := tableTop + headRowH + float64(i%rowsPerPage)*rowH
		x := margin
		cells := row(i)
		for k, c := range d.sec.cols {
			var v cell
			if k < len(cells) {
				v = cells[k]
			}
			f.SetXY(x+0.5, y+0.8)
			d.font(9.5, 0)
			f.CellFormat(c.w-1, 5, fit(f, v.main, c.w-1.5), "", 0, "L", false, 0, "")
			if v.sub != "" {
				f.SetXY(x+0.5, y+5.6)
				d.font(7.5, 85)
				f.CellFormat(c.w-1, 4, fit(f, v.sub, c.w-1.5), "", 0, "L", false, 0, "")
			}
			x += c.w
		}
		f.SetDrawColor(205, 205, 205)
		f.SetLineWidth(0.15)
		f.Line(margin, y+rowH, pageW-margin, y+rowH)
	}
	if n == 0 {
		f.SetXY(margin, tableTop+headRowH+3)
		d.font(10, 60)
		f.CellFormat(contentW, 6, docs.Both(docs.Label("no_meetings")), "", 1, "L", false, 0, "")
	}
}

// pagesFor is the number of pages n rows take.
func pagesFor(n int) int { return max(1, (n+rowsPerPage-1)/rowsPerPage) }

// fit shortens s with an ellipsis until it is at most w mm wide in the
// current font.
func fit(f *fpdf.Fpdf, s string, w float64) string {
	if s == "" || f.GetStringWidth(s) <= w {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi { // largest k with runes[:k]+"…" fitting
		mid := (lo + hi + 1) / 2
		if f.GetStringWidth(string(runes[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// output finishes the document into w.
func (d *doc) output(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return err
	}
	return d.f.Output(w)
}

// png registers a PNG image and draws it at (x, y) with width w mm.
func (d *doc) png(name string, data []byte, x, y, w float64) float64 {
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(data))
	if info == nil {
		return 0
	}
	h := w * info.Height() / info.Width()
	d.f.ImageOptions(name, x, y, w, h, false, opt, 0, "")
	return h
}

// shortDate is "10/14 (水)".
func shortDate(t time.Time) string {
	return fmt.Sprintf("%d/%d (%s)", t.Month(), t.Day(), docs.Weekday(t, event.Ja))
}
