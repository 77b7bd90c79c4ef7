package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"pitchmatch/exchange/kpi"
)

// writeProgrammeKPI prints the programme part of the KPI report: the
// figures, applications per theme, the outstanding startups and the
// year-over-year table, with bilingual headings.
func writeProgrammeKPI(w io.Writer, p *kpi.Programme) {
	both := func(key string) string { l := kpi.ProgrammeLabel(key); return l.Ja + " / " + l.En }
	fmt.Fprintf(w, "\n%s %d\n", both("programme"), p.Year)
	for _, k := range kpi.ProgrammeKeys() {
		fmt.Fprintf(w, "%-28s %8s\n", both(k), kpi.FormatInt(p.Get(k)))
	}
	fmt.Fprintf(w, "\n%s\n", both("prog_by_theme"))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tテーマ / Theme\t企業 / Company\t応募 / Applied\t採択 / Selected\t補欠 / Waitlist\t不採択 / Declined")
	for _, t := range p.Themes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\n", t.ThemeID, t.Theme.Ja, t.Company.Ja, t.Applications, t.Selected, t.Waitlisted, t.Declined)
	}
	tw.Flush()
	if len(p.OutstandingNames) > 0 {
		fmt.Fprintf(w, "\n%s\n", both("prog_outstanding_names"))
		for _, s := range p.OutstandingNames {
			fmt.Fprintf(w, "  %d. %s (%s) %s  %.2f\n", s.Rank, s.Name.Ja, s.Name.En, s.Company.Ja, s.Total)
		}
	}
	fmt.Fprintf(w, "\n%s\n", both("prog_years"))
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "年 / Year\t企業 / Companies\tテーマ / Themes\t応募 / Applied\t採択 / Selected\tセッション / Sessions held\tピッチ / Pitches\t優秀 / Outstanding\t")
	for _, y := range p.Years {
		mark := ""
		if y.Current {
			mark = "← " + kpi.Label("this_event").Ja + " / " + kpi.Label("this_event").En
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", y.Year, y.Companies, y.Themes, y.Applications, y.Selected, y.SessionsHeld, y.Pitches, y.Outstanding, mark)
	}
	tw.Flush()
}
