package agenda

import (
	"fmt"

	"pitchmatch/event"
	"pitchmatch/exchange/kpi"
)

// programmeKPI adds the programme's pages to the KPI report: the figures,
// applications per theme, the outstanding startups and the programme's
// year-over-year table (kpi.Programme).
func programmeKPI(doc *doc, rep *kpi.Report, p *kpi.Programme) {
	l := kpi.ProgrammeLabel
	title := p.Title()
	keys := kpi.ProgrammeKeys()
	doc.startSection(section{kind: title, name: rep.Event, id: rep.Dates,
		cols: []col{{kpi.Label("summary"), contentW - 40}, {event.T("件数", "Count"), 40}}, pages: pagesFor(len(keys) + len(p.OutstandingNames))})
	doc.rows(len(keys)+len(p.OutstandingNames), func(i int) []cell {
		if i < len(keys) {
			t := l(keys[i])
			return []cell{{t.Ja, t.En}, {kpi.FormatInt(p.Get(keys[i])), ""}}
		}
		s := p.OutstandingNames[i-len(keys)]
		return []cell{{"★ " + l("prog_outstanding_names").Ja + ": " + s.Name.Ja, s.Name.En + " — " + s.Company.Ja}, {fmt.Sprintf("%d位 %.2f", s.Rank, s.Total), ""}}
	})

	// A table's first column holds its names (a second name on the cell's
	// second line, as on the other pages), then one column per count.
	table := func(t kpi.Table, firstW float64) {
		counts := t.Short[t.Names:]
		cols := []col{{t.Short[0], firstW}}
		for _, h := range counts {
			cols = append(cols, col{h, (contentW - firstW) / float64(len(counts))})
		}
		doc.startSection(section{kind: t.Title, name: rep.Event, id: rep.Dates, cols: cols, pages: pagesFor(len(t.Rows))})
		doc.rows(len(t.Rows), func(i int) []cell {
			r := t.Rows[i]
			first := cell{r.Names[0].Ja, ""}
			if len(r.Names) > 1 {
				first.sub = r.Names[1].Ja
			}
			out := []cell{first}
			for _, n := range r.Counts {
				out = append(out, cell{kpi.FormatInt(n), ""})
			}
			return out
		})
	}
	table(p.ThemesTable(), 72)
	table(p.YearsTable(), 34)
}
