package kpi

import (
	"context"
	"fmt"
	"strconv"

	"pitchmatch/event"
	"pitchmatch/exchange/results"
)

// Programme is the programme's part of the KPI report (MedTech ROUND and
// the like): applications per theme and their decisions, acceleration
// sessions, final pitches, the outstanding startups (優秀企業) and the
// year-over-year table. The figures are exchange/results' (the results
// sheet's), so the report and the sheet always agree.
type Programme struct {
	Year              int                `json:"year"`
	Applications      int                `json:"applications"`
	Selected          int                `json:"selected"`
	Waitlisted        int                `json:"waitlisted"`
	Declined          int                `json:"declined"`
	SessionsPlanned   int                `json:"sessions_planned"` // scheduled or held
	SessionsHeld      int                `json:"sessions_held"`
	SessionsCancelled int                `json:"sessions_cancelled"`
	Pitches           int                `json:"pitches"`
	Scored            int                `json:"scored"` // pitches with at least one counted scorecard
	Outstanding       int                `json:"outstanding"`
	OutstandingNames  []ProgrammeStartup `json:"outstanding_startups"`
	Themes            []ProgrammeTheme   `json:"themes"`
	Years             []ProgrammeYear    `json:"years"`
}

// ProgrammeStartup is an outstanding startup with its final-pitch rank.
type ProgrammeStartup struct {
	Rank      int        `json:"rank"`
	StartupID string     `json:"startup_id"`
	Name      event.Text `json:"name"`
	Company   event.Text `json:"company"`
	Total     float64    `json:"total"`
}

// ProgrammeTheme is one theme's applications and decisions.
type ProgrammeTheme struct {
	ThemeID      string     `json:"theme_id"`
	Theme        event.Text `json:"theme"`
	Company      event.Text `json:"company"`
	Applications int        `json:"applications"`
	Selected     int        `json:"selected"`
	Waitlisted   int        `json:"waitlisted"`
	Declined     int        `json:"declined"`
}

// ProgrammeYear is one edition of the programme; Current marks this one.
type ProgrammeYear struct {
	event.ProgrammeYear
	Current bool `json:"current"`
}

// ProgrammeFrom takes the programme figures from built results.
func ProgrammeFrom(r *results.Results) *Programme {
	k := r.KPI
	name := func(f func(string, event.Lang) string, id string) event.Text {
		return event.T(f(id, event.Ja), f(id, event.En))
	}
	p := &Programme{Year: r.Data.Programme.Year(r.Data.Event.Location()), Applications: k.Applications, Selected: k.Selected,
		SessionsPlanned: k.SessionsPlanned, SessionsHeld: k.SessionsHeld, SessionsCancelled: k.SessionsCanceled,
		Pitches: k.Pitches, Scored: k.Scored, Outstanding: k.Outstanding}
	for _, t := range k.Themes {
		p.Waitlisted += t.Waitlisted
		p.Declined += t.Declined
		p.Themes = append(p.Themes, ProgrammeTheme{ThemeID: t.ThemeID, Theme: name(r.ThemeTitle, t.ThemeID), Company: name(r.CompanyName, t.CompanyID),
			Applications: t.Applications, Selected: t.Selected, Waitlisted: t.Waitlisted, Declined: t.Declined})
	}
	for _, res := range r.Pitch {
		if res.Outstanding {
			p.OutstandingNames = append(p.OutstandingNames, ProgrammeStartup{Rank: res.Rank, StartupID: res.Slot.StartupID,
				Name: name(r.StartupName, res.Slot.StartupID), Company: name(r.CompanyName, res.Slot.CompanyID), Total: res.Total})
		}
	}
	for _, y := range k.Years {
		p.Years = append(p.Years, ProgrammeYear{ProgrammeYear: y, Current: y.Year == p.Year})
	}
	return p
}

// ProgrammeKeys lists the programme figures in report order.
func ProgrammeKeys() []string {
	return []string{"prog_applications", "prog_selected", "prog_waitlisted", "prog_declined", "prog_sessions_planned",
		"prog_sessions_held", "prog_sessions_cancelled", "prog_pitches", "prog_outstanding"}
}

// Get returns the programme figure named by key (one of ProgrammeKeys).
func (p *Programme) Get(key string) int {
	switch key {
	case "prog_applications":
		return p.Applications
	case "prog_selected":
		return p.Selected
	case "prog_waitlisted":
		return p.Waitlisted
	case "prog_declined":
		return p.Declined
	case "prog_sessions_planned":
		return p.SessionsPlanned
	case "prog_sessions_held":
		return p.SessionsHeld
	case "prog_sessions_cancelled":
		return p.SessionsCancelled
	case "prog_pitches":
		return p.Pitches
	case "prog_outstanding":
		return p.Outstanding
	}
	return 0
}

// ProgrammeLabel is the bilingual label of a programme figure or heading.
func ProgrammeLabel(key string) event.Text {
	switch key {
	case "programme":
		return event.T("プログラム", "Programme")
	case "prog_applications":
		return event.T("応募数", "Applications")
	case "prog_selected":
		return event.T("採択数", "Selected")
	case "prog_waitlisted":
		return event.T("補欠数", "Waitlisted")
	case "prog_declined":
		return event.T("不採択数", "Declined")
	case "prog_sessions_planned":
		return event.T("セッション予定数", "Sessions planned")
	case "prog_sessions_held":
		return event.T("セッション実施数", "Sessions held")
	case "prog_sessions_cancelled":
		return event.T("セッション中止数", "Sessions cancelled")
	case "prog_pitches":
		return event.T("最終ピッチ数", "Final pitches")
	case "prog_outstanding":
		return event.T("優秀企業数", "Outstanding startups")
	case "prog_outstanding_names":
		return event.T("優秀企業", "Outstanding startups")
	case "prog_by_theme":
		return event.T("テーマ別の応募と採択", "Applications per theme")
	case "prog_years":
		return event.T("過去開催との比較(プログラム)", "Programme year over year")
	case "companies":
		return event.T("企業数", "Companies")
	case "themes":
		return event.T("テーマ数", "Themes")
	case "year":
		return event.T("開催年", "Year")
	}
	return Label(key)
}

// AddProgramme reads the event's programme from src and sets
// r.Programme; an event without a programme leaves it nil.
func AddProgramme(ctx context.Context, r *Report, src results.Source) error {
	if _, err := src.Programme(ctx); event.ErrorCode(err) == event.ENotFound {
		return nil
	}
	d, err := results.Load(ctx, src)
	if err != nil {
		return fmt.Errorf("programme KPI: %w", err)
	}
	r.Programme = ProgrammeFrom(results.Build(d))
	return nil
}

// Table is one of the programme's tables as every rendering of the KPI
// report shows it (the CLI, the PDF, the desktop's Reports, the workbook):
// its title, its column headings and its rows. Each row has Names, the
// leading text columns, then Counts, one per remaining heading.
type Table struct {
	Title event.Text
	Heads []event.Text // Names + len(Counts) of every row
	Short []event.Text // the same headings abridged, for narrow columns (the PDF)
	Names int          // how many leading text columns each row has
	Rows  []TableRow
}

// TableRow is a row of a Table.
type TableRow struct {
	Names  []event.Text
	Counts []int
}

// ThemesTable is the applications and decisions per theme.
func (p *Programme) ThemesTable() Table {
	t := Table{Title: ProgrammeLabel("prog_by_theme"), Heads: []event.Text{
		event.T("テーマ", "Theme"), event.T("企業", "Company"), ProgrammeLabel("prog_applications"),
		ProgrammeLabel("prog_selected"), ProgrammeLabel("prog_waitlisted"), ProgrammeLabel("prog_declined")}, Names: 2,
		Short: []event.Text{event.T("テーマ", "Theme"), event.T("企業", "Company"), event.T("応募", "Appl."), event.T("採択", "Sel."),
			event.T("補欠", "Wait."), event.T("不採択", "Decl.")}}
	for _, th := range p.Themes {
		t.Rows = append(t.Rows, TableRow{
			Names:  []event.Text{event.T(th.ThemeID+" "+th.Theme.Ja, th.ThemeID+" "+th.Theme.En), th.Company},
			Counts: []int{th.Applications, th.Selected, th.Waitlisted, th.Declined}})
	}
	return t
}

// YearsTable is the programme's year-over-year table; this edition's year
// is marked.
func (p *Programme) YearsTable() Table {
	t := Table{Title: ProgrammeLabel("prog_years"), Heads: []event.Text{ProgrammeLabel("year"), ProgrammeLabel("companies"),
		ProgrammeLabel("themes"), ProgrammeLabel("prog_applications"), ProgrammeLabel("prog_selected"),
		ProgrammeLabel("prog_sessions_held"), ProgrammeLabel("prog_pitches"), ProgrammeLabel("prog_outstanding")}, Names: 1,
		Short: []event.Text{ProgrammeLabel("year"), event.T("企業", "Comp."), event.T("テーマ", "Themes"), event.T("応募", "Appl."),
			event.T("採択", "Sel."), event.T("実施セッション", "Sessions"), event.T("ピッチ", "Pitches"), event.T("優秀", "Outst.")}}
	for _, y := range p.Years {
		year := event.T(strconv.Itoa(y.Year), strconv.Itoa(y.Year))
		if y.Current {
			this := Label("this_event")
			year = event.T(year.Ja+" ("+this.Ja+")", year.En+" ("+this.En+")")
		}
		t.Rows = append(t.Rows, TableRow{Names: []event.Text{year},
			Counts: []int{y.Companies, y.Themes, y.Applications, y.Selected, y.SessionsHeld, y.Pitches, y.Outstanding}})
	}
	return t
}

// Title is the heading of the programme's part of the report, with its year.
func (p *Programme) Title() event.Text {
	l := ProgrammeLabel("programme")
	return event.T(fmt.Sprintf("%s %d", l.Ja, p.Year), fmt.Sprintf("%s %d", l.En, p.Year))
}
