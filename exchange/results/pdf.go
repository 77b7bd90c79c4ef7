package results

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pitchmatch/assets"
	"pitchmatch/event"
)

const fontFamily = "ipaexg"

// WritePDF writes the results sheet in lang: the ranked final results
// (outstanding startups marked), the conflict-of-interest exclusions, the
// tie-break rule, the running order and the programme KPI, on A4 with the
// bundled Japanese font.
func WritePDF(w io.Writer, r *Results, lang event.Lang, now time.Time) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", assets.JapaneseFont())
	if err := f.Error(); err != nil {
		return fmt.Errorf("load Japanese font: %w", err)
	}
	if now.IsZero() {
		now = time.Now()
	}
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetTitle(lTitle.In(lang), true)
	f.SetCreator("PitchMatch", true)
	f.SetMargins(12, 12, 12)
	f.SetAutoPageBreak(true, 14)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetY(-10)
		f.SetFont(fontFamily, "", 8)
		f.CellFormat(0, 5, fmt.Sprintf("%s — %d/{nb}", r.Data.Event.Name.In(lang), f.PageNo()), "", 0, "C", false, 0, "")
	})
	loc := r.Data.Event.Location()
	L := func(t event.Text) string { return t.In(lang) }
	f.AddPage()
	f.SetFont(fontFamily, "", 16)
	for _, line := range wrap(f, r.Data.Event.Name.In(lang)+" — "+L(lTitle), 186) {
		f.CellFormat(0, 8, line, "", 1, "L", false, 0, "")
	}
	f.SetFont(fontFamily, "", 9)
	if !r.Data.Programme.Pitch.Start.IsZero() {
		f.CellFormat(0, 5, r.Data.Programme.Pitch.Start.In(loc).Format("2006-01-02 15:04 MST"), "", 1, "L", false, 0, "")
	}
	f.Ln(2)
	cols := []struct {
		h event.Text
		w float64
	}{{lRank, 11}, {lStartup, 50}, {lCompany, 38}, {lTotal, 16}, {lJudges, 14}, {lExcluded, 25}, {lTieBreak, 16}, {lOutstanding, 16}}
	header := func() {
		f.SetFont(fontFamily, "", 8)
		f.SetFillColor(221, 235, 247)
		for _, c := range cols {
			f.CellFormat(c.w, 7, fit(f, L(c.h), c.w), "1", 0, "C", true, 0, "")
		}
		f.Ln(-1)
	}
	header()
	f.SetFont(fontFamily, "", 9)
	for _, p := range r.Pitch {
		if f.GetY() > 270 {
			f.AddPage()
			header()
			f.SetFont(fontFamily, "", 9)
		}
		tb, out := "", ""
		if p.TieBreak > 0 {
			tb = fmt.Sprintf("(%d)", p.TieBreak)
		}
		if p.Outstanding {
			out = "★"
		}
		vals := []string{fmt.Sprint(p.Rank), r.StartupName(p.Slot.StartupID, lang), r.CompanyName(p.Slot.CompanyID, lang),
			fmt.Sprintf("%.2f", p.Total), fmt.Sprint(p.Judges), strings.Join(p.Excluded, ", "), tb, out}
		for i, c := range cols {
			align := "L"
			if i != 1 && i != 2 {
				align = "C"
			}
			f.CellFormat(c.w, 7, fit(f, vals[i], c.w-1), "1", 0, align, false, 0, "")
		}
		f.Ln(-1)
	}
	f.Ln(3)
	f.SetFont(fontFamily, "", 10)
	f.CellFormat(0, 6, L(lRule), "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	para := func(text string) {
		for _, line := range wrap(f, text, 186) {
			f.CellFormat(0, 4.5, line, "", 1, "L", false, 0, "")
		}
	}
	para(event.TieBreakRule.In(lang))
	para(L(event.T("利益相反: ペアを支援する企業所属の審査員の採点は自動的に除外されます。総合点は採点した審査員の加重平均点(1〜5)の平均です。",
		"Conflicts of interest: a judge from the company sponsoring a pair is excluded from that pitch automatically. The total is the mean over counted judges of each judge's weighted score (1–5).")))
	f.Ln(3)
	f.SetFont(fontFamily, "", 10)
	f.CellFormat(0, 6, L(event.T("登壇順", "Running order")), "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	for _, s := range r.Order {
		line := fmt.Sprintf("%2d. %s–%s  %s  (%s / %s)", s.Order, s.Start.In(loc).Format("15:04"), s.End.In(loc).Format("15:04"),
			r.StartupName(s.StartupID, lang), r.CompanyName(s.CompanyID, lang), r.ThemeTitle(s.ThemeID, lang))
		f.CellFormat(0, 4.8, fit(f, line, 186), "", 1, "L", false, 0, "")
		if s.BreakAfter > 0 {
			f.CellFormat(0, 4.8, fmt.Sprintf("      %s %d min", L(lBreak), s.BreakAfter), "", 1, "L", false, 0, "")
		}
	}
	f.Ln(3)
	f.SetFont(fontFamily, "", 10)
	f.CellFormat(0, 6, "KPI", "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	for _, t := range r.KPI.Themes {
		f.CellFormat(0, 4.8, fit(f, fmt.Sprintf("%s (%s): %s %d, %s %d", r.ThemeTitle(t.ThemeID, lang), r.CompanyName(t.CompanyID, lang),
			L(lApps), t.Applications, L(lSelected), t.Selected), 186), "", 1, "L", false, 0, "")
	}
	k := r.KPI
	f.CellFormat(0, 4.8, fmt.Sprintf("%s %d · %s %d · %s %d · %s %d · %s %d", L(lApps), k.Applications, L(lSelected), k.Selected,
		L(lHeld), k.SessionsHeld, L(lPitches), k.Pitches, L(lOutstanding), k.Outstanding), "", 1, "L", false, 0, "")
	if len(k.Years) > 1 {
		f.Ln(2)
		f.SetFont(fontFamily, "", 10)
		f.CellFormat(0, 6, L(lYoY), "", 1, "L", false, 0, "")
		f.SetFont(fontFamily, "", 8)
		heads := []event.Text{lYear, lCompanies, lThemes, lApps, lSelected, lHeld, lPitches, lOutstanding}
		for _, h := range heads {
			f.CellFormat(23, 6, fit(f, L(h), 22), "1", 0, "C", false, 0, "")
		}
		f.Ln(-1)
		for _, y := range k.Years {
			for _, v := range []int{y.Year, y.Companies, y.Themes, y.Applications, y.Selected, y.SessionsHeld, y.Pitches, y.Outstanding} {
				f.CellFormat(23, 6, fmt.Sprint(v), "1", 0, "C", false, 0, "")
			}
			f.Ln(-1)
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("write results PDF: %w", err)
	}
	return nil
}

// fit shortens s with an ellipsis to fit width w at the current font.
func fit(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && f.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// wrap breaks text into lines no wider than w at the current font: at a
// space where there is one (English), else between any two characters
// (Japanese has no spaces). fpdf's MultiCell drops a character at such
// breaks, so lines are measured here.
func wrap(f *fpdf.Fpdf, text string, w float64) []string {
	var lines []string
	rs := []rune(text)
	for len(rs) > 0 {
		n := len(rs)
		for n > 1 && f.GetStringWidth(string(rs[:n])) > w {
			n--
		}
		if n < len(rs) {
			for k := n; k > n/2; k-- {
				if rs[k] == ' ' {
					n = k
					break
				}
			}
		}
		lines = append(lines, strings.TrimSpace(string(rs[:n])))
		rs = rs[n:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
	return lines
}
