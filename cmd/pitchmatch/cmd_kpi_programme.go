package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"pitchmatch/event"
	"pitchmatch/exchange/kpi"
)

// writeProgrammeKPI prints the programme part of the KPI report: the
// figures, applications per theme, the outstanding startups and the
// year-over-year table, with bilingual headings.
func writeProgrammeKPI(w io.Writer, p *kpi.Programme) {
	both := func(t event.Text) string { return t.Ja + " / " + t.En }
	fmt.Fprintf(w, "\n%s\n", both(p.Title()))
	for _, k := range kpi.ProgrammeKeys() {
		fmt.Fprintf(w, "%-28s %8s\n", both(kpi.ProgrammeLabel(k)), kpi.FormatInt(p.Get(k)))
	}
	table := func(t kpi.Table) {
		fmt.Fprintf(w, "\n%s\n", both(t.Title))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		heads := make([]string, len(t.Heads))
		for i, h := range t.Heads {
			heads[i] = both(h)
		}
		fmt.Fprintln(tw, strings.Join(heads, "\t")+"\t")
		for _, r := range t.Rows {
			var cells []string
			for _, n := range r.Names {
				cells = append(cells, n.In(event.Ja))
			}
			for _, n := range r.Counts {
				cells = append(cells, kpi.FormatInt(n))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
		}
		tw.Flush()
	}
	table(p.ThemesTable())
	if len(p.OutstandingNames) > 0 {
		fmt.Fprintf(w, "\n%s\n", both(kpi.ProgrammeLabel("prog_outstanding_names")))
		for _, s := range p.OutstandingNames {
			fmt.Fprintf(w, "  %d. %s (%s) %s  %.2f\n", s.Rank, s.Name.Ja, s.Name.En, s.Company.Ja, s.Total)
		}
	}
	table(p.YearsTable())
}
