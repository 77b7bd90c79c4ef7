package kpi

import (
	"fmt"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"pitchmatch/assets"
)

// PlotFont is the bundled Japanese font prepared for gonum/plot; parse it
// once and draw any number of charts with it.
type PlotFont struct {
	face    font.Font
	handler text.Plain
}

// NewPlotFont parses the bundled Japanese font (IPAexGothic) for gonum/plot.
func NewPlotFont() (*PlotFont, error) {
	ttf, err := opentype.Parse(assets.JapaneseFont())
	if err != nil {
		return nil, fmt.Errorf("parse Japanese font: %w", err)
	}
	face := font.Font{Typeface: "IPAexGothic"}
	return &PlotFont{face: face, handler: text.Plain{Fonts: font.NewCache(font.Collection{{Font: face, Face: ttf}})}}, nil
}

// Style sets s to the font at size points.
func (f *PlotFont) Style(s *text.Style, size vg.Length) {
	s.Font = font.From(f.face, size)
	s.Handler = f.handler
}

// TextSizes are the sizes, in points, of a plot's texts.
type TextSizes struct{ Title, Label, Tick, Legend vg.Length }

// NewPlot returns a plot whose title, axis labels, tick labels and legend
// are set in the font at the given sizes.
func (f *PlotFont) NewPlot(sz TextSizes) *plot.Plot {
	p := plot.New()
	p.TextHandler = f.handler
	f.Style(&p.Title.TextStyle, sz.Title)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		f.Style(&a.Label.TextStyle, sz.Label)
		f.Style(&a.Tick.Label, sz.Tick)
	}
	f.Style(&p.Legend.TextStyle, sz.Legend)
	return p
}
