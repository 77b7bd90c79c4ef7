// Package results builds a programme's (event.Programme) results: the
// screening table (each application's aggregated scout score beside its
// matching score and the decision), the final pitch running order and
// ranked totals with the stated tie-break rule and conflict-of-interest
// exclusions, and the programme KPI; and writes the results sheet as
// .xlsx (bilingual headers) and as a PDF in Japanese or English with the
// bundled Japanese font.
package results

import (
	"sort"
	"time"

	"pitchmatch/event"
)

// Data is what the results are built from; the caller reads it from the
// store (and the matching scores from the matching package).
type Data struct {
	Event        *event.Event
	Programme    *event.Programme
	Startups     []*event.Startup
	Companies    []*event.Company
	Themes       []*event.Theme
	Applications []event.Application
	Screening    map[int64][]event.Scorecard // by application ID
	PitchCards   map[int64][]event.Scorecard // by application ID
	Judges       []event.Judge
	Sessions     []event.Session
	MatchScores  map[int64]float64 // by application ID; missing: not computed
}

// ScreeningRow is one application's screening result.
type ScreeningRow struct {
	App        event.Application
	Aggregate  event.Aggregate
	MatchScore float64
	HasMatch   bool
}

// ThemeKPI is one theme's programme figures.
type ThemeKPI struct {
	ThemeID      string
	CompanyID    string
	Applications int
	Selected     int
	Waitlisted   int
	Declined     int
}

// KPI is the programme's figures.
type KPI struct {
	Themes           []ThemeKPI
	Applications     int
	Selected         int
	SessionsPlanned  int // scheduled and held
	SessionsHeld     int
	SessionsCanceled int
	Pitches          int
	Scored           int // pitches with at least one counted scorecard
	Outstanding      int
	// Years is the year-over-year table: the earlier editions' figures and
	// this one's, ascending by year.
	Years []event.ProgrammeYear
}

// Results is everything the results sheet shows.
type Results struct {
	Data      *Data
	Screening []ScreeningRow
	Order     []event.PitchSlot
	Pitch     []event.PitchResult
	KPI       KPI

	startups  map[string]*event.Startup
	companies map[string]*event.Company
	themes    map[string]*event.Theme
}

// Build computes the results.
func Build(d *Data) *Results {
	r := &Results{Data: d, startups: map[string]*event.Startup{}, companies: map[string]*event.Company{}, themes: map[string]*event.Theme{}}
	for _, s := range d.Startups {
		r.startups[s.ID] = s
	}
	for _, c := range d.Companies {
		r.companies[c.ID] = c
	}
	for _, t := range d.Themes {
		r.themes[t.ID] = t
	}
	screening := map[int64]float64{}
	submitted := map[int64]time.Time{}
	byTheme := map[string]*ThemeKPI{}
	for _, t := range d.Themes {
		byTheme[t.ID] = &ThemeKPI{ThemeID: t.ID, CompanyID: t.CompanyID}
	}
	for _, a := range d.Applications {
		agg := d.Programme.ScreeningRubric.Aggregate(d.Screening[a.ID])
		ms, ok := d.MatchScores[a.ID]
		r.Screening = append(r.Screening, ScreeningRow{App: a, Aggregate: agg, MatchScore: ms, HasMatch: ok})
		screening[a.ID], submitted[a.ID] = agg.Score, a.SubmittedAt
		tk := byTheme[a.ThemeID]
		if tk == nil {
			tk = &ThemeKPI{ThemeID: a.ThemeID, CompanyID: a.CompanyID}
			byTheme[a.ThemeID] = tk
		}
		tk.Applications++
		r.KPI.Applications++
		switch a.Decision {
		case event.DecisionSelected:
			tk.Selected++
			r.KPI.Selected++
		case event.DecisionWaitlist:
			tk.Waitlisted++
		case event.DecisionDeclined:
			tk.Declined++
		}
	}
	// Screening table: by theme, then aggregated score descending.
	sort.SliceStable(r.Screening, func(i, j int) bool {
		a, b := &r.Screening[i], &r.Screening[j]
		if a.App.ThemeID != b.App.ThemeID {
			return a.App.ThemeID < b.App.ThemeID
		}
		if a.Aggregate.Score != b.Aggregate.Score {
			return a.Aggregate.Score > b.Aggregate.Score
		}
		return a.App.ID < b.App.ID
	})
	for _, t := range byTheme {
		r.KPI.Themes = append(r.KPI.Themes, *t)
	}
	sort.Slice(r.KPI.Themes, func(i, j int) bool { return r.KPI.Themes[i].ThemeID < r.KPI.Themes[j].ThemeID })
	for _, s := range d.Sessions {
		switch s.Status {
		case event.SessionHeld:
			r.KPI.SessionsHeld++
			r.KPI.SessionsPlanned++
		case event.SessionScheduled:
			r.KPI.SessionsPlanned++
		case event.SessionCancelled:
			r.KPI.SessionsCanceled++
		}
	}
	r.Order = event.PitchOrder(&d.Programme.Pitch, d.Applications)
	awards := d.Programme.Pitch.Awards
	r.Pitch = event.PitchResults(&d.Programme.PitchRubric, r.Order, d.Judges, d.PitchCards, screening, submitted, awards)
	r.KPI.Pitches = len(r.Order)
	for _, p := range r.Pitch {
		if p.Judges > 0 {
			r.KPI.Scored++
		}
		if p.Outstanding {
			r.KPI.Outstanding++
		}
	}
	companies := map[string]bool{}
	for _, t := range r.KPI.Themes {
		companies[t.CompanyID] = true
	}
	cur := event.ProgrammeYear{Year: d.Programme.Year(d.Event.Location()), Companies: len(companies), Themes: len(r.KPI.Themes),
		Applications: r.KPI.Applications, Selected: r.KPI.Selected, SessionsHeld: r.KPI.SessionsHeld, Pitches: r.KPI.Pitches, Outstanding: r.KPI.Outstanding}
	for _, y := range d.Programme.PastYears {
		if y.Year != cur.Year {
			r.KPI.Years = append(r.KPI.Years, y)
		}
	}
	r.KPI.Years = append(r.KPI.Years, cur)
	sort.SliceStable(r.KPI.Years, func(i, j int) bool { return r.KPI.Years[i].Year < r.KPI.Years[j].Year })
	return r
}

// StartupName is a startup's name in lang, or its ID.
func (r *Results) StartupName(id string, lang event.Lang) string {
	if s := r.startups[id]; s != nil && !s.Name.IsZero() {
		return s.Name.In(lang)
	}
	return id
}

// CompanyName is a company's name in lang, or its ID.
func (r *Results) CompanyName(id string, lang event.Lang) string {
	if c := r.companies[id]; c != nil && !c.Name.IsZero() {
		return c.Name.In(lang)
	}
	return id
}

// ThemeTitle is a theme's title in lang, or its ID.
func (r *Results) ThemeTitle(id string, lang event.Lang) string {
	if t := r.themes[id]; t != nil && !t.Title.IsZero() {
		return t.Title.In(lang)
	}
	return id
}
