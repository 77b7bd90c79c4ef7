package app

import (
	"fmt"
	"image"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"pitchmatch/event"
	"pitchmatch/exchange/kpi"
)

// Charts draws the report charts with gonum/plot, labelled in Japanese or
// English with the bundled font.
type Charts struct {
	lang event.Lang
	font *kpi.PlotFont
}

// NewCharts parses the bundled font once for the charts of one language.
func NewCharts(lang event.Lang) (*Charts, error) {
	f, err := kpi.NewPlotFont()
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	return &Charts{lang: lang, font: f}, nil
}

func (c *Charts) newPlot(title, x, y string) *plot.Plot {
	p := c.font.NewPlot(kpi.TextSizes{Title: 14, Label: 12, Tick: 10, Legend: 11})
	p.Legend.Top = true
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, x, y
	return p
}

func render(p *plot.Plot, w, h vg.Length) image.Image {
	cv := vgimg.New(w, h)
	p.Draw(draw.New(cv))
	return cv.Image()
}

func colStartup() color.Color { return color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff} }
func colCompany() color.Color { return color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff} }

// PerParticipant draws how many startups and companies have 0, 1, 2, …
// meetings.
func (c *Charts) PerParticipant(k KPI, w, h vg.Length) (image.Image, error) {
	maxN := 0
	for _, n := range append(append([]int(nil), k.PerStartup...), k.PerCompany...) {
		maxN = max(maxN, n)
	}
	hist := func(ns []int) plotter.Values {
		v := make(plotter.Values, maxN+1)
		for _, n := range ns {
			v[n]++
		}
		return v
	}
	p := c.newPlot(tr(c.lang, "rp.chart_per"), tr(c.lang, "rp.axis_meetings"), tr(c.lang, "rp.axis_count"))
	bw := vg.Points(8)
	s, err := plotter.NewBarChart(hist(k.PerStartup), bw)
	if err != nil {
		return nil, err
	}
	s.Color, s.LineStyle.Width, s.Offset = colStartup(), 0, -bw/2
	co, err := plotter.NewBarChart(hist(k.PerCompany), bw)
	if err != nil {
		return nil, err
	}
	co.Color, co.LineStyle.Width, co.Offset = colCompany(), 0, bw/2
	p.Add(s, co)
	p.Legend.Add(tr(c.lang, "rp.startups"), s)
	p.Legend.Add(tr(c.lang, "rp.companies"), co)
	return render(p, w, h), nil
}

// ScoreDistribution draws a histogram of the meetings' scores.
func (c *Charts) ScoreDistribution(k KPI, w, h vg.Length) (image.Image, error) {
	p := c.newPlot(tr(c.lang, "rp.chart_score"), tr(c.lang, "rp.axis_score"), tr(c.lang, "rp.axis_pairs"))
	p.X.Min, p.X.Max = 0, 1
	if len(k.Scores) > 0 {
		hv, err := plotter.NewHist(plotter.Values(k.Scores), 20)
		if err != nil {
			return nil, err
		}
		hv.FillColor = colStartup()
		p.Add(hv)
	}
	return render(p, w, h), nil
}

// TableUse draws the tables used in each slot against the tables available.
func (c *Charts) TableUse(k KPI, tables int, w, h vg.Length) (image.Image, error) {
	p := c.newPlot(tr(c.lang, "rp.chart_tables"), tr(c.lang, "rp.axis_slot"), tr(c.lang, "rp.axis_used"))
	v := make(plotter.Values, len(k.PerSlot))
	for i, n := range k.PerSlot {
		v[i] = float64(n)
	}
	if len(v) > 0 {
		b, err := plotter.NewBarChart(v, vg.Points(6))
		if err != nil {
			return nil, err
		}
		b.Color, b.LineStyle.Width = colCompany(), 0
		p.Add(b)
	}
	p.Y.Min, p.Y.Max = 0, float64(max(tables, 1))
	limit := plotter.NewFunction(func(float64) float64 { return float64(tables) })
	limit.Color = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	limit.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(limit)
	p.X.Min, p.X.Max = -0.5, float64(len(v))-0.5
	return render(p, w, h), nil
}
