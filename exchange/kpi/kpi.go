// Package kpi computes the organizer's report on an event: exhibitors,
// applications and meeting requests, meetings scheduled and held, deals
// progressed, per company and per theme, and the figures of earlier editions
// (event.Event.PastFigures) year over year beside this one, with a bar chart
// (gonum/plot, PNG) that the PDF and Excel exports embed.
//
// The organizer's headline KPI is the number of deals progressed, counted
// by event.Meeting.IsDeal (held meetings with outcome deal_progressed); past editions' figures are shown
// as published (for JHVS only meeting counts are), never estimated.
package kpi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
)

// Counts are the activity figures of the event, a company or a theme.
type Counts struct {
	Applications int `json:"applications"` // startup → theme applications
	Requests     int `json:"requests"`     // company → startup meeting requests
	Scheduled    int `json:"scheduled"`    // active meetings (event.Meeting.Active: not cancelled or declined)
	Confirmed    int `json:"confirmed"`    // confirmed and not yet held
	Held         int `json:"held"`
	NoShow       int `json:"no_show"`
	Declined     int `json:"declined"`
	Cancelled    int `json:"cancelled"`
	Deals        int `json:"deals"` // event.Meeting.IsDeal: held meetings whose outcome is deal progressed
	FollowUps    int `json:"follow_ups"`
}

// DealRate is deals per held meeting, 0 when none were held.
func (c Counts) DealRate() float64 {
	if c.Held == 0 {
		return 0
	}
	return float64(c.Deals) / float64(c.Held)
}

// Row is the figures of one company or theme.
type Row struct {
	ID      string     `json:"id"`
	Name    event.Text `json:"name"`
	Company event.Text `json:"company,omitzero"` // for theme rows, the theme's company
	Counts
}

// YearRow is one edition in the year-over-year table. Figures not
// published for a past year are 0 and flagged in Known.
type YearRow struct {
	Year       int  `json:"year"`
	Exhibitors int  `json:"exhibitors"`
	Meetings   int  `json:"meetings"`
	Deals      int  `json:"deals"`
	Current    bool `json:"current"` // this event, computed rather than recorded
	// ExhibitorsKnown and DealsKnown say whether those figures were
	// recorded for the year (meetings always are).
	ExhibitorsKnown bool `json:"exhibitors_known"`
	DealsKnown      bool `json:"deals_known"`
	// Change is the meetings' change against the previous row, as a
	// fraction (0.05 = +5%); HasChange is false for the first row.
	Change    float64 `json:"change"`
	HasChange bool    `json:"has_change"`
}

// Report is the KPI report of one event.
type Report struct {
	Event      event.Text `json:"event"`
	Dates      string     `json:"dates"`
	Year       int        `json:"year"` // the year of the event's first day, 0 if unknown
	Exhibitors int        `json:"exhibitors"`
	Companies  int        `json:"companies"`
	Themes     int        `json:"themes"`
	Totals     Counts     `json:"totals"`
	ByCompany  []Row      `json:"by_company"` // by ID
	ByTheme    []Row      `json:"by_theme"`   // by company, then theme ID
	Years      []YearRow  `json:"years"`      // ascending; the current event last unless a past year is later
	// Programme is set when the event runs a programme (ProgrammeFrom).
	Programme *Programme `json:"programme,omitempty"`
}

// Compute builds the report from d. Exhibitors are the startups registered
// for the event; companies and themes are counted as registered.
func Compute(ctx context.Context, d *docs.Data) (*Report, error) {
	ix, err := docs.NewIndex(d)
	if err != nil {
		return nil, err
	}
	ev := d.Event
	r := &Report{Event: ev.Name, Dates: docs.EventDates(ev), Exhibitors: len(d.Startups),
		Companies: len(d.Companies), Themes: len(d.Themes)}
	if len(ev.Days) > 0 && len(ev.Days[0].Date) >= 4 {
		r.Year, _ = strconv.Atoi(ev.Days[0].Date[:4])
	}
	byCompany := map[string]*Counts{}
	byTheme := map[string]*Counts{}
	get := func(m map[string]*Counts, id string) *Counts {
		if id == "" {
			return &Counts{} // counted in totals only
		}
		c := m[id]
		if c == nil {
			c = &Counts{}
			m[id] = c
		}
		return c
	}
	for _, c := range d.Companies {
		get(byCompany, c.ID)
	}
	for _, t := range d.Themes {
		get(byTheme, t.ID)
	}
	for i, in := range d.Interests {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var f func(*Counts)
		switch in.Kind {
		case event.InterestApply:
			f = func(c *Counts) { c.Applications++ }
		case event.InterestRequest:
			f = func(c *Counts) { c.Requests++ }
		default:
			continue
		}
		f(&r.Totals)
		f(get(byCompany, companyOf(ix, in.CompanyID, in.ThemeID)))
		f(get(byTheme, in.ThemeID))
	}
	for i := range d.Meetings {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		m := &d.Meetings[i]
		for _, c := range []*Counts{&r.Totals, get(byCompany, m.CompanyID), get(byTheme, m.ThemeID)} {
			addMeeting(c, m)
		}
	}
	for id, c := range byCompany {
		r.ByCompany = append(r.ByCompany, Row{ID: id, Name: ix.CompanyName(id), Counts: *c})
	}
	slices.SortFunc(r.ByCompany, func(a, b Row) int { return cmp.Compare(a.ID, b.ID) })
	for id, c := range byTheme {
		row := Row{ID: id, Name: ix.ThemeTitle(id), Counts: *c}
		if t := ix.Theme(id); t != nil {
			row.Company = ix.CompanyName(t.CompanyID)
		}
		r.ByTheme = append(r.ByTheme, row)
	}
	slices.SortFunc(r.ByTheme, func(a, b Row) int {
		return cmp.Or(cmp.Compare(companyOf(ix, "", a.ID), companyOf(ix, "", b.ID)), cmp.Compare(a.ID, b.ID))
	})
	r.Years = yearRows(ev.PastFigures, r)
	return r, nil
}

func companyOf(ix *docs.Index, companyID, themeID string) string {
	if companyID != "" {
		return companyID
	}
	if t := ix.Theme(themeID); t != nil {
		return t.CompanyID
	}
	return ""
}

// addMeeting counts m into c. Deals are counted by event.Meeting.IsDeal,
// the one definition of a deal.
func addMeeting(c *Counts, m *event.Meeting) {
	switch m.Status {
	case event.StatusCancelled:
		c.Cancelled++
	case event.StatusDeclined:
		c.Declined++
	case event.StatusConfirmed:
		c.Confirmed++
	case event.StatusNoShow:
		c.NoShow++
	case event.StatusHeld:
		c.Held++
		if m.Outcome == event.OutcomeFollowUp {
			c.FollowUps++
		}
	}
	if m.IsDeal() {
		c.Deals++
	}
	if m.Active() {
		c.Scheduled++
	}
}

// yearRows merges past editions with the current one (which replaces a
// recorded figure for the same year) and computes changes.
func yearRows(past []event.YearFigures, r *Report) []YearRow {
	var rows []YearRow
	for _, y := range past {
		if r.Year != 0 && y.Year == r.Year {
			continue
		}
		rows = append(rows, YearRow{Year: y.Year, Exhibitors: y.Exhibitors, Meetings: y.Meetings, Deals: y.Deals,
			ExhibitorsKnown: y.Exhibitors > 0, DealsKnown: y.Deals > 0})
	}
	if r.Year != 0 {
		rows = append(rows, YearRow{Year: r.Year, Exhibitors: r.Exhibitors, Meetings: r.Totals.Scheduled,
			Deals: r.Totals.Deals, Current: true, ExhibitorsKnown: true, DealsKnown: true})
	}
	slices.SortStableFunc(rows, func(a, b YearRow) int { return cmp.Compare(a.Year, b.Year) })
	for i := 1; i < len(rows); i++ {
		if prev := rows[i-1].Meetings; prev > 0 {
			rows[i].Change = float64(rows[i].Meetings-prev) / float64(prev)
			rows[i].HasChange = true
		}
	}
	return rows
}

// Label returns the bilingual label of a KPI figure key (the Counts and
// Report JSON names).
func Label(key string) event.Text {
	switch key {
	case "exhibitors":
		return event.T("出展スタートアップ数", "Exhibitors")
	case "companies":
		return event.T("参加企業数", "Companies")
	case "themes":
		return event.T("テーマ数", "Themes")
	case "applications":
		return event.T("応募数", "Applications")
	case "requests":
		return event.T("面談リクエスト数", "Meeting requests")
	case "scheduled":
		return event.T("面談設定数", "Meetings scheduled")
	case "confirmed":
		return event.T("確定面談数", "Meetings confirmed")
	case "held":
		return event.T("面談実施数", "Meetings held")
	case "no_show":
		return event.T("不参加数", "No-shows")
	case "declined":
		return event.T("辞退数", "Declined")
	case "cancelled":
		return event.T("キャンセル数", "Cancelled")
	case "deals":
		return event.T("商談進展数", "Deals progressed")
	case "follow_ups":
		return event.T("フォローアップ数", "Follow-ups")
	case "deal_rate":
		return event.T("商談進展率（実施比）", "Deal rate")
	case "year":
		return event.T("開催年", "Year")
	case "meetings":
		return event.T("面談数", "Meetings")
	case "change":
		return event.T("前年比", "Change")
	case "summary":
		return event.T("概要", "Summary")
	case "by_company":
		return event.T("企業別", "By company")
	case "by_theme":
		return event.T("テーマ別", "By theme")
	case "year_over_year":
		return event.T("過去開催との比較", "Year over year")
	case "chart_title":
		return event.T("面談数の推移", "Meetings per year")
	case "this_event":
		return event.T("今回", "this event")
	case "not_published":
		return event.T("—", "—")
	}
	return docs.Label(key)
}

// CountKeys lists the Counts figures in report order.
func CountKeys() []string {
	return []string{"applications", "requests", "scheduled", "confirmed", "held", "no_show", "declined", "cancelled", "deals", "follow_ups"}
}

// Get returns the figure of c named by key (one of CountKeys).
func (c Counts) Get(key string) int {
	switch key {
	case "applications":
		return c.Applications
	case "requests":
		return c.Requests
	case "scheduled":
		return c.Scheduled
	case "confirmed":
		return c.Confirmed
	case "held":
		return c.Held
	case "no_show":
		return c.NoShow
	case "declined":
		return c.Declined
	case "cancelled":
		return c.Cancelled
	case "deals":
		return c.Deals
	case "follow_ups":
		return c.FollowUps
	}
	return 0
}

// FormatChange formats a year-over-year change as "+5.2%".
func FormatChange(y YearRow) string {
	if !y.HasChange {
		return ""
	}
	return fmt.Sprintf("%+.1f%%", 100*y.Change)
}

// FormatInt formats n with thousands separators: 1,452.
func FormatInt(n int) string {
	s := strconv.Itoa(n)
	neg := false
	if n < 0 {
		neg, s = true, s[1:]
	}
	var b []byte
	for i, ch := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, ch)
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// Chart draws meetings per year as a bar chart, this event's bar in a
// second colour, each bar labelled with its count, and returns it as PNG
// of the given size. Titles are Japanese with English, set in the bundled
// Japanese font.
func (r *Report) Chart(width, height vg.Length) ([]byte, error) {
	if len(r.Years) == 0 {
		return nil, event.Errorf(event.EInvalid, "年次データがありません", "no yearly figures to chart")
	}
	pf, err := NewPlotFont()
	if err != nil {
		return nil, err
	}
	p := pf.NewPlot(TextSizes{Title: 13, Label: 10, Tick: 9, Legend: 9})
	title := Label("chart_title")
	p.Title.Text = title.Ja + " / " + title.En
	p.Title.Padding = vg.Points(6)
	p.Y.Label.Text = "面談数 / Meetings"
	p.Y.Min = 0

	past := make(plotter.Values, len(r.Years))
	cur := make(plotter.Values, len(r.Years))
	names := make([]string, len(r.Years))
	var xys plotter.XYs
	var labels []string
	maxV := 0.0
	for i, y := range r.Years {
		names[i] = strconv.Itoa(y.Year)
		if y.Current {
			cur[i] = float64(y.Meetings)
			names[i] += "\n" + Label("this_event").Ja
		} else {
			past[i] = float64(y.Meetings)
		}
		maxV = max(maxV, float64(y.Meetings))
		xys = append(xys, plotter.XY{X: float64(i), Y: float64(y.Meetings)})
		labels = append(labels, FormatInt(y.Meetings))
	}
	w := vg.Points(float64(width) / float64(len(r.Years)+1) * 0.6)
	for _, bars := range []struct {
		v   plotter.Values
		col color.Color
	}{{past, color.RGBA{R: 0x4e, G: 0x79, B: 0xa7, A: 0xff}}, {cur, color.RGBA{R: 0xe1, G: 0x57, B: 0x59, A: 0xff}}} {
		bc, err := plotter.NewBarChart(bars.v, w)
		if err != nil {
			return nil, err
		}
		bc.Color = bars.col
		bc.LineStyle.Width = 0
		p.Add(bc)
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		pf.Style(&lb.TextStyle[i], 8)
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YBottom
	}
	p.Add(lb)
	p.Y.Max = maxV * 1.12
	if p.Y.Max == 0 {
		p.Y.Max = 1
	}
	p.NominalX(names...)

	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(144))}
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteJSON writes the report as indented JSON: the form `pitchmatch kpi
// --json` prints, so that any two tools' reports can be compared byte for
// byte.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
