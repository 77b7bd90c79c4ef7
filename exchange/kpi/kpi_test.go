package kpi

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"os"
	"testing"

	"gonum.org/v1/plot/vg"

	"pitchmatch/event"
	"pitchmatch/exchange/docs/docstest"
)

func TestComputeSmall(t *testing.T) {
	r, err := Compute(context.Background(), docstest.Small())
	if err != nil {
		t.Fatal(err)
	}
	if r.Exhibitors != 3 || r.Companies != 2 || r.Themes != 3 || r.Year != 2026 {
		t.Errorf("exhibitors %d companies %d themes %d year %d", r.Exhibitors, r.Companies, r.Themes, r.Year)
	}
	want := Counts{Applications: 3, Requests: 1, Scheduled: 4, Confirmed: 2, Held: 1, Cancelled: 1, Deals: 1}
	if r.Totals != want {
		t.Errorf("totals %+v, want %+v", r.Totals, want)
	}
	if len(r.ByCompany) != 2 {
		t.Fatalf("by company: %+v", r.ByCompany)
	}
	c1 := Counts{Applications: 2, Scheduled: 2, Confirmed: 2, Cancelled: 1}
	c2 := Counts{Applications: 1, Requests: 1, Scheduled: 2, Held: 1, Deals: 1}
	if r.ByCompany[0].ID != "C01" || r.ByCompany[0].Counts != c1 || r.ByCompany[1].Counts != c2 {
		t.Errorf("by company %+v", r.ByCompany)
	}
	if r.ByCompany[0].Name.Ja != "東和医療機器株式会社" {
		t.Errorf("company name %+v", r.ByCompany[0].Name)
	}
	themes := map[string]Row{}
	for _, row := range r.ByTheme {
		themes[row.ID] = row
	}
	if got := themes["T01"]; got.Applications != 2 || got.Scheduled != 2 || got.Company.Ja != "東和医療機器株式会社" {
		t.Errorf("T01 %+v", got)
	}
	if got := themes["T03"]; got.Deals != 1 || got.Requests != 1 {
		t.Errorf("T03 %+v", got)
	}

	// Past JHVS figures, then this event.
	if len(r.Years) != 9 {
		t.Fatalf("years %+v", r.Years)
	}
	first, y2018, last := r.Years[0], r.Years[1], r.Years[8]
	if first.Year != 2017 || first.Meetings != 418 || first.HasChange || first.ExhibitorsKnown {
		t.Errorf("2017 row %+v", first)
	}
	if y2018.Meetings != 1153 || math.Abs(y2018.Change-(1153.0-418)/418) > 1e-12 || FormatChange(y2018) != "+175.8%" {
		t.Errorf("2018 row %+v %s", y2018, FormatChange(y2018))
	}
	if !last.Current || last.Year != 2026 || last.Meetings != 4 || last.Deals != 1 {
		t.Errorf("current row %+v", last)
	}
}

func TestCurrentYearReplacesRecordedFigure(t *testing.T) {
	d := docstest.Small()
	d.Event.PastFigures = append(d.Event.PastFigures, d.Event.PastFigures[0])
	d.Event.PastFigures[len(d.Event.PastFigures)-1].Year = 2026
	r, err := Compute(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, y := range r.Years {
		if y.Year == 2026 {
			n++
			if !y.Current {
				t.Errorf("2026 row should be the computed one: %+v", y)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rows for 2026", n)
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int]string{0: "0", 418: "418", 1452: "1,452", 1000000: "1,000,000", -1356: "-1,356"} {
		if got := FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestChart(t *testing.T) {
	// 1,000 startups hold about 2,400 meetings: this event's bar is the
	// tallest.
	r, err := Compute(context.Background(), docstest.Large(1000))
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Chart(16*vg.Centimeter, 8*vg.Centimeter)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 16 cm at 144 dpi is 907 pixels.
	if w := img.Bounds().Dx(); w < 900 || w > 910 {
		t.Errorf("chart width %d px", w)
	}
	// Both bar colours appear: past editions and this event.
	var blue, red int
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			switch {
			case r>>8 == 0x4e && g>>8 == 0x79 && b>>8 == 0xa7:
				blue++
			case r>>8 == 0xe1 && g>>8 == 0x57 && b>>8 == 0x59:
				red++
			}
		}
	}
	if blue < 1000 || red < 1000 {
		t.Errorf("bar pixels: past %d, current %d", blue, red)
	}
	if dir := os.Getenv("PITCHMATCH_ARTIFACTS"); dir != "" {
		_ = os.WriteFile(dir+"/kpi-chart.png", b, 0o644)
	}
}

// TestDealsByIsDeal: every status and outcome combination is counted as a
// deal exactly when event.Meeting.IsDeal says so, and declined meetings are
// not scheduled.
func TestDealsByIsDeal(t *testing.T) {
	statuses := []event.MeetingStatus{event.StatusProposed, event.StatusConfirmed, event.StatusCancelled,
		event.StatusHeld, event.StatusDeclined, event.StatusNoShow}
	outcomes := []event.Outcome{event.OutcomeUnknown, event.OutcomeNone, event.OutcomeFollowUp, event.OutcomeDeal}
	for _, st := range statuses {
		for _, o := range outcomes {
			d := docstest.Small()
			d.Meetings = d.Meetings[:1]
			d.Meetings[0].Status, d.Meetings[0].Outcome = st, o
			r, err := Compute(context.Background(), d)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if d.Meetings[0].IsDeal() {
				want = 1
			}
			if r.Totals.Deals != want || r.ByCompany[0].Deals != want {
				t.Errorf("%s/%s: deals %d (company %d), want %d", st, o, r.Totals.Deals, r.ByCompany[0].Deals, want)
			}
			sched := 0
			if st != event.StatusCancelled && st != event.StatusDeclined {
				sched = 1
			}
			if r.Totals.Scheduled != sched {
				t.Errorf("%s: scheduled %d, want %d", st, r.Totals.Scheduled, sched)
			}
			if st == event.StatusConfirmed && o == event.OutcomeDeal && r.Totals.Deals != 0 {
				t.Errorf("a confirmed (not held) meeting is not a deal")
			}
		}
	}
}

// TestProgrammeTables: every row of the programme's tables has a cell per
// heading, the abridged headings match the headings one for one, and this
// edition's year is marked in both languages.
func TestProgrammeTables(t *testing.T) {
	p := &Programme{Year: 2027,
		Themes: []ProgrammeTheme{{ThemeID: "T1", Theme: event.T("テーマ", "Theme"), Company: event.T("企業", "Co"), Applications: 3, Selected: 1, Waitlisted: 1, Declined: 1}},
		Years:  []ProgrammeYear{{ProgrammeYear: event.ProgrammeYear{Year: 2026, Applications: 9}}, {ProgrammeYear: event.ProgrammeYear{Year: 2027, Applications: 3}, Current: true}}}
	for _, tb := range []Table{p.ThemesTable(), p.YearsTable()} {
		if len(tb.Short) != len(tb.Heads) || tb.Names < 1 || tb.Names >= len(tb.Heads) {
			t.Fatalf("%s: %d headings, %d abridged, %d names", tb.Title.En, len(tb.Heads), len(tb.Short), tb.Names)
		}
		for i, r := range tb.Rows {
			if len(r.Names) != tb.Names || len(r.Names)+len(r.Counts) != len(tb.Heads) {
				t.Errorf("%s row %d: %d names + %d counts for %d headings", tb.Title.En, i, len(r.Names), len(r.Counts), len(tb.Heads))
			}
		}
	}
	if r := p.ThemesTable().Rows[0]; r.Names[0].Ja != "T1 テーマ" || r.Counts[0] != 3 || r.Counts[3] != 1 {
		t.Errorf("theme row %+v", r)
	}
	y := p.YearsTable().Rows
	if y[0].Names[0].En != "2026" || y[1].Names[0].Ja != "2027 (今回)" || y[1].Names[0].En != "2027 (this event)" || y[0].Counts[2] != 9 {
		t.Errorf("year rows %+v", y)
	}
	if p.Title().En != "Programme 2027" {
		t.Errorf("title %+v", p.Title())
	}
}
