package app

import (
	"context"
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot/vg"

	"pitchmatch/event"
)

// reportsView shows the KPI figures and three gonum/plot charts.
type reportsView struct {
	u    *UI
	root fyne.CanvasObject

	figures *fyne.Container
	images  [3]*canvas.Image
	kpi     KPI
	drawn   *Data // the snapshot the charts show
	prog    *programmeKPI
}

func newReportsView(u *UI) *reportsView {
	v := &reportsView{u: u}
	v.prog = newProgrammeKPI(u)
	v.figures = container.NewGridWithColumns(5)
	charts := container.NewGridWithColumns(3)
	for i := range v.images {
		img := canvas.NewImageFromImage(nil)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(360, 270))
		v.images[i] = img
		charts.Add(img)
	}
	v.root = container.NewBorder(container.NewHBox(u.exportButton()), nil, nil, nil,
		container.NewVScroll(container.NewVBox(widget.NewCard(u.t("rp.kpi"), "", v.figures), charts, v.prog.card)))
	return v
}

func figure(label, value string) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Importance = widget.LowImportance
	val := canvas.NewText(value, nil)
	val.TextSize = 24
	val.TextStyle.Bold = true
	return container.NewVBox(l, val)
}

func (v *reportsView) refresh() {
	d := v.u.data
	v.figures.RemoveAll()
	if d == nil {
		return
	}
	k := d.KPIs()
	v.kpi = k
	t := v.u.t
	for _, f := range []struct{ label, value string }{
		{t("view.startups"), fmt.Sprint(k.Startups)},
		{t("rp.companies"), fmt.Sprint(k.Companies)},
		{t("co.themes"), fmt.Sprint(k.Themes)},
		{t("rp.meetings"), fmt.Sprint(k.Meetings)},
		{t("rp.confirmed"), fmt.Sprint(k.Confirmed)},
		{t("rp.held"), fmt.Sprint(k.Held)},
		{t("rp.no_show"), fmt.Sprint(k.NoShow)},
		{t("rp.deals"), fmt.Sprint(k.Deals)},
		{t("rp.startups_met"), fmt.Sprintf("%d / %d", k.StartupsMet, k.Startups)},
		{t("rp.avg_startup"), fmt.Sprintf("%.2f", k.MeanPerStartup)},
		{t("rp.table_use"), fmt.Sprintf("%.1f%%", k.TableUse)},
		{t("rp.mean_score"), fmt.Sprintf("%.3f", k.MeanScore)},
	} {
		v.figures.Add(figure(f.label, f.value))
	}
	if k.OffGrid > 0 {
		v.figures.Add(figure(t("rp.off_grid"), fmt.Sprint(k.OffGrid)))
	}
	for day, n := range k.CheckIns {
		v.figures.Add(figure(t("rp.checkins", d.dayLabel(day, v.u.lang)),
			fmt.Sprintf("%d/%d · %d/%d", n.Startups, k.Startups, n.Companies, k.Companies)))
	}
	v.drawCharts(d, k)
	v.prog.load(d)
}

// drawCharts renders the charts off the UI thread.
func (v *reportsView) drawCharts(d *Data, k KPI) {
	lang, tables := v.u.lang, d.Event.Tables
	v.u.runBackground(func(context.Context) (func(), error) {
		imgs, err := RenderReportCharts(lang, k, tables)
		if err != nil {
			return nil, err
		}
		return func() {
			if v.u.data != d || v.u.lang != lang {
				return
			}
			v.drawn = d
			for i, img := range imgs {
				v.images[i].Image = img
				v.images[i].Refresh()
			}
		}, nil
	})
}

// RenderReportCharts draws the three report charts (meetings per
// participant, score distribution, table use).
func RenderReportCharts(lang event.Lang, k KPI, tables int) ([3]image.Image, error) {
	var out [3]image.Image
	c, err := NewCharts(lang)
	if err != nil {
		return out, err
	}
	w, h := 12*vg.Centimeter, 9*vg.Centimeter
	if out[0], err = c.PerParticipant(k, w, h); err != nil {
		return out, err
	}
	if out[1], err = c.ScoreDistribution(k, w, h); err != nil {
		return out, err
	}
	out[2], err = c.TableUse(k, tables, w, h)
	return out, err
}

func (v *reportsView) onShow() {}
