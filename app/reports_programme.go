package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/exchange/kpi"
)

// programmeKPI is the Reports view's programme card: the KPI report's
// programme figures (exchange/kpi.Programme, the same as `pitchmatch kpi`
// and the results sheet), applications per theme, the outstanding
// startups and the year-over-year table. Hidden when the event has no
// programme.
type programmeKPI struct {
	u    *UI
	card *widget.Card
	body *fyne.Container
	p    *kpi.Programme
}

func newProgrammeKPI(u *UI) *programmeKPI {
	k := &programmeKPI{u: u, body: container.NewVBox()}
	k.card = widget.NewCard(kpi.ProgrammeLabel("programme").In(u.lang), "", k.body)
	k.card.Hide()
	return k
}

// load reads the programme figures in the background and draws them.
func (k *programmeKPI) load(d *Data) {
	u := k.u
	ps, ok := u.programmeStore()
	if !ok {
		k.show(nil)
		return
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		rep := &kpi.Report{}
		if err := kpi.AddProgramme(ctx, rep, ps); err != nil {
			return nil, err
		}
		return func() {
			if u.data == d {
				k.show(rep.Programme)
			}
		}, nil
	})
}

func (k *programmeKPI) show(p *kpi.Programme) {
	k.p = p
	k.body.RemoveAll()
	if p == nil {
		k.card.Hide()
		return
	}
	lang := k.u.lang
	k.card.SetTitle(p.Title().In(lang))
	figs := container.NewGridWithColumns(5)
	for _, key := range kpi.ProgrammeKeys() {
		figs.Add(progFigure(kpi.ProgrammeLabel(key).In(lang), kpi.FormatInt(p.Get(key))))
	}
	k.body.Add(figs)

	table := func(t kpi.Table) {
		k.body.Add(bold(t.Title.In(lang)))
		grid := container.NewGridWithColumns(len(t.Heads))
		for _, h := range t.Heads {
			grid.Add(bold(h.In(lang)))
		}
		for _, r := range t.Rows {
			for _, n := range r.Names {
				grid.Add(truncLabel(n.In(lang)))
			}
			for _, n := range r.Counts {
				grid.Add(widget.NewLabel(kpi.FormatInt(n)))
			}
		}
		k.body.Add(grid)
	}
	table(p.ThemesTable())
	if len(p.OutstandingNames) > 0 {
		k.body.Add(bold(kpi.ProgrammeLabel("prog_outstanding_names").In(lang)))
		for _, s := range p.OutstandingNames {
			k.body.Add(widget.NewLabel(fmt.Sprintf("★ %d. %s — %s (%.2f)", s.Rank, s.Name.In(lang), s.Company.In(lang), s.Total)))
		}
	}
	table(p.YearsTable())
	k.card.Show()
}

// progFigure is a figure with its label in the normal text colour (the
// low-importance grey falls under 4.5:1 on white).
func progFigure(label, value string) fyne.CanvasObject {
	val := canvas.NewText(value, nil)
	val.TextSize = 24
	val.TextStyle.Bold = true
	return container.NewVBox(widget.NewLabel(label), val)
}

func truncLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
