package results

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
)

// Sheet names of the results workbook.
const (
	SheetResults   = "最終結果 Results"
	SheetOrder     = "登壇順 Running order"
	SheetScreening = "書類選考 Screening"
	SheetKPI       = "KPI"
)

// WriteXLSX writes the results workbook: final results, running order,
// screening and programme KPI; headers in both languages, names in both
// languages ("日本語 / English").
func WriteXLSX(ctx context.Context, w io.Writer, r *Results, now time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	if now.IsZero() {
		now = time.Now()
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: both(lTitle), Creator: "PitchMatch", Created: now.UTC().Format(time.RFC3339)}); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	loc := r.Data.Event.Location()
	name := func(t event.Text) string { return both(t) }
	sn := func(id string) string { return name(event.T(r.StartupName(id, event.Ja), r.StartupName(id, event.En))) }
	cn := func(id string) string { return name(event.T(r.CompanyName(id, event.Ja), r.CompanyName(id, event.En))) }
	tn := func(id string) string { return name(event.T(r.ThemeTitle(id, event.Ja), r.ThemeTitle(id, event.En))) }
	sheet := func(sh string, heads []event.Text, widths []float64, rows [][]any) error {
		if sh != SheetResults {
			if _, err := f.NewSheet(sh); err != nil {
				return err
			}
		}
		hs := make([]any, len(heads))
		for i, h := range heads {
			hs[i] = both(h)
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(sh, col, col, widths[i]); err != nil {
				return err
			}
		}
		if err := f.SetSheetRow(sh, "A1", &hs); err != nil {
			return err
		}
		last, _ := excelize.ColumnNumberToName(len(heads))
		if err := f.SetCellStyle(sh, "A1", last+"1", head); err != nil {
			return err
		}
		if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, row := range rows {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", i+2), &row); err != nil {
				return err
			}
		}
		return nil
	}
	if err := f.SetSheetName("Sheet1", SheetResults); err != nil {
		return err
	}
	var rows [][]any
	for _, p := range r.Pitch {
		tb := ""
		if p.TieBreak > 0 {
			tb = fmt.Sprintf("(%d)", p.TieBreak)
		}
		out := ""
		if p.Outstanding {
			out = "★ " + both(lOutstanding)
		}
		rows = append(rows, []any{p.Rank, p.Slot.Order, sn(p.Slot.StartupID), cn(p.Slot.CompanyID), tn(p.Slot.ThemeID),
			round2(p.Total), p.Judges, strings.Join(p.Excluded, ", "), strings.Join(p.Missing, ", "), round2(p.Screening), tb, out})
	}
	rows = append(rows, []any{}, []any{both(lRule)}, []any{r.ruleText(event.Ja)}, []any{r.ruleText(event.En)})
	if err := sheet(SheetResults, []event.Text{lRank, lOrder, lStartup, lCompany, lTheme, lTotal, lJudges, lExcluded, lMissing, lScreening, lTieBreak, lOutstanding},
		[]float64{7, 7, 34, 30, 36, 9, 8, 16, 16, 10, 9, 18}, rows); err != nil {
		return err
	}
	rows = nil
	for _, s := range r.Order {
		brk := ""
		if s.BreakAfter > 0 {
			brk = fmt.Sprintf("%s %d min", both(lBreak), s.BreakAfter)
		}
		rows = append(rows, []any{s.Order, s.Start.In(loc).Format("01-02 15:04") + "–" + s.End.In(loc).Format("15:04"),
			s.QAStart.In(loc).Format("15:04"), sn(s.StartupID), cn(s.CompanyID), tn(s.ThemeID), brk})
	}
	if err := sheet(SheetOrder, []event.Text{lOrder, lTime, event.T("質疑開始", "Q&A from"), lStartup, lCompany, lTheme, lBreak},
		[]float64{7, 20, 10, 34, 30, 36, 16}, rows); err != nil {
		return err
	}
	rows = nil
	for _, s := range r.Screening {
		var ms any = ""
		if s.HasMatch {
			ms = round2(s.MatchScore)
		}
		rows = append(rows, []any{s.App.ID, sn(s.App.StartupID), tn(s.App.ThemeID), cn(s.App.CompanyID), s.Aggregate.Reviewers,
			round2(s.Aggregate.Score), round2(s.Aggregate.Spread), ms, both(event.DecisionLabel(s.App.Decision)), both(s.App.Message)})
	}
	if err := sheet(SheetScreening, []event.Text{lAppID, lStartup, lTheme, lCompany, lScouts, lScreening, lSpread, lMatch, lDecision, lMessage},
		[]float64{9, 34, 36, 30, 8, 10, 9, 12, 16, 40}, rows); err != nil {
		return err
	}
	rows = nil
	for _, t := range r.KPI.Themes {
		rows = append(rows, []any{tn(t.ThemeID), cn(t.CompanyID), t.Applications, t.Selected, t.Waitlisted, t.Declined})
	}
	k := r.KPI
	rows = append(rows, []any{}, []any{both(lApps), "", k.Applications}, []any{both(lSelected), "", k.Selected},
		[]any{both(lSessions), "", k.SessionsPlanned}, []any{both(lHeld), "", k.SessionsHeld}, []any{both(lCancelled), "", k.SessionsCanceled},
		[]any{both(lPitches), "", k.Pitches}, []any{both(lOutstanding), "", k.Outstanding},
		[]any{}, []any{both(lYoY)},
		[]any{both(lYear), both(lCompanies), both(lThemes), both(lApps), both(lSelected), both(lHeld), both(lPitches), both(lOutstanding)})
	for _, y := range k.Years {
		rows = append(rows, []any{y.Year, y.Companies, y.Themes, y.Applications, y.Selected, y.SessionsHeld, y.Pitches, y.Outstanding})
	}
	if err := sheet(SheetKPI, []event.Text{lTheme, lCompany, lApps, lSelected, lWaitlist, lDeclined}, []float64{40, 30, 10, 10, 10, 10}, rows); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write results workbook: %w", err)
	}
	return nil
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func (r *Results) ruleText(lang event.Lang) string { return event.TieBreakRule.In(lang) }
