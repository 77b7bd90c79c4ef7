package agenda

import (
	"fmt"
	"strconv"

	"pitchmatch/event"
	"pitchmatch/exchange/kpi"
)

// programmeKPI adds the programme's pages to the KPI report: the figures,
// applications per theme, the outstanding startups and the programme's
// year-over-year table (kpi.Programme).
func programmeKPI(doc *doc, rep *kpi.Report, p *kpi.Programme) {
	l := kpi.ProgrammeLabel
	title := event.T(fmt.Sprintf("%s %d", l("programme").Ja, p.Year), fmt.Sprintf("%s %d", l("programme").En, p.Year))
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

	w := (contentW - 72) / 4
	doc.startSection(section{kind: l("prog_by_theme"), name: rep.Event, id: rep.Dates,
		cols:  []col{{l("themes"), 72}, {event.T("応募", "Appl."), w}, {event.T("採択", "Sel."), w}, {event.T("補欠", "Wait."), w}, {event.T("不採択", "Decl."), w}},
		pages: pagesFor(len(p.Themes))})
	doc.rows(len(p.Themes), func(i int) []cell {
		t := p.Themes[i]
		return []cell{{t.Theme.Ja, t.Company.Ja + "  [" + t.ThemeID + "]"}, {kpi.FormatInt(t.Applications), ""}, {kpi.FormatInt(t.Selected), ""},
			{kpi.FormatInt(t.Waitlisted), ""}, {kpi.FormatInt(t.Declined), ""}}
	})

	heads := []event.Text{event.T("企業", "Comp."), event.T("テーマ", "Themes"), event.T("応募", "Appl."), event.T("採択", "Sel."),
		event.T("実施セッション", "Sessions"), event.T("ピッチ", "Pitches"), event.T("優秀", "Outst.")}
	cols := []col{{kpi.Label("year"), 34}}
	for _, h := range heads {
		cols = append(cols, col{h, (contentW - 34) / float64(len(heads))})
	}
	doc.startSection(section{kind: l("prog_years"), name: rep.Event, id: rep.Dates, cols: cols, pages: pagesFor(len(p.Years))})
	doc.rows(len(p.Years), func(i int) []cell {
		y := p.Years[i]
		year := strconv.Itoa(y.Year)
		if y.Current {
			year += " (" + kpi.Label("this_event").Ja + ")"
		}
		out := []cell{{year, ""}}
		for _, n := range []int{y.Companies, y.Themes, y.Applications, y.Selected, y.SessionsHeld, y.Pitches, y.Outstanding} {
			out = append(out, cell{kpi.FormatInt(n), ""})
		}
		return out
	})
}
