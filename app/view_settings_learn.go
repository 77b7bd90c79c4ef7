package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// learnCard is the Settings section for weights learnt from the scouts'
// decisions and the meeting outcomes: the last fit (weights fitted, in use
// and default; held-out figures before and after; why it was or was not
// applied), a button to fit and one to go back to the weights before the
// applied fit. The fit and its rules are matching's (FitWeights,
// RecordWeightFit, RevertWeights), as `pitchmatch weights` uses them.
type learnCard struct {
	v           *settingsView
	info        *widget.Label
	fit, revert *widget.Button
	card        *widget.Card
}

func newLearnCard(v *settingsView) *learnCard {
	c := &learnCard{v: v, info: widget.NewLabel("")}
	c.info.Wrapping = fyne.TextWrapWord
	c.fit = widget.NewButton(c.tr("判断から重みを学習", "Learn weights from decisions"), c.onFit)
	c.revert = widget.NewButton(c.tr("学習前の重みに戻す", "Back to the weights before the fit"), c.onRevert)
	c.card = widget.NewCard(c.tr("判断からの学習", "Learning from decisions"),
		c.tr("スカウトの候補リスト・面談リクエスト・見送りと面談結果から、このイベントの重みを学習します。検証で順位が良くなるときだけ適用します。",
			"Fits this event's weights to the scouts' shortlists, requests and no-thanks and the meeting outcomes; applied only when they rank held-out decisions better."),
		container.NewVBox(c.info, container.NewHBox(c.fit, c.revert)))
	return c
}

func (c *learnCard) tr(ja, en string) string { return event.T(ja, en).In(c.v.u.lang) }

// describe is the text of the card for the event's weights and last fit.
func (c *learnCard) describe(ev *event.Event) string {
	var b strings.Builder
	rec := ev.WeightFit
	if rec == nil {
		b.WriteString(c.tr("まだ学習していません。", "No fit yet."))
		return b.String()
	}
	state := c.tr("適用していません", "not applied")
	if rec.Applied {
		state = c.tr("適用中", "applied")
	}
	fmt.Fprintf(&b, "%s %s — %s, %s %d\n", c.tr("最後の学習", "Last fit"), rec.At.Local().Format("2006-01-02 15:04"), state, c.tr("判断", "decisions"), rec.Decisions)
	b.WriteString(rec.Reason.In(c.v.u.lang) + "\n")
	if rec.AccuracyBefore > 0 {
		fmt.Fprintf(&b, "%s: %.1f%% → %.1f%%   NDCG: %.3f → %.3f\n", c.tr("検証での正しい順序", "Held-out pairs in the right order"),
			100*rec.AccuracyBefore, 100*rec.AccuracyAfter, rec.NDCGBefore, rec.NDCGAfter)
	}
	def := matching.DefaultWeights()
	fmt.Fprintf(&b, "%s\n", c.tr("特徴量: 学習値 / 既定値", "Feature: fitted / default"))
	for _, n := range matching.FeatureNames() {
		if f, ok := rec.Fitted[n]; ok && n != matching.FeatureInterest {
			fmt.Fprintf(&b, "  %s: %.3f / %.3f\n", matching.FeatureLabel(n).In(c.v.u.lang), f, def[n])
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *learnCard) refresh() {
	d := c.v.u.data
	if d == nil {
		c.info.SetText("")
		c.fit.Disable()
		c.revert.Disable()
		return
	}
	c.info.SetText(c.describe(d.Event))
	c.fit.Enable()
	if matching.FittedInUse(d.Event) {
		c.revert.Enable()
	} else {
		c.revert.Disable()
	}
}

func (c *learnCard) onFit() {
	d, store := c.v.u.data, c.v.u.store
	if d == nil || store == nil {
		return
	}
	c.fit.Disable()
	c.info.SetText(c.tr("学習中…", "Fitting…"))
	c.v.u.runBackground(func(ctx context.Context) (func(), error) {
		ev, err := fitEventWeights(ctx, d, c.v.u.clk.now())
		if err == nil {
			err = store.SaveEvent(ctx, actor, ev)
		}
		return func() {
			c.fit.Enable()
			if err != nil {
				c.info.SetText(err.Error())
				return
			}
			c.v.u.Reload()
		}, nil
	})
}

func (c *learnCard) onRevert() {
	d, store := c.v.u.data, c.v.u.store
	if d == nil || store == nil {
		return
	}
	ev := *d.Event
	if !matching.RevertWeights(&ev) {
		return
	}
	c.v.u.runBackground(func(ctx context.Context) (func(), error) {
		err := store.SaveEvent(ctx, actor, &ev)
		return func() {
			if err != nil {
				c.info.SetText(err.Error())
				return
			}
			c.v.u.Reload()
		}, nil
	})
}

// fitEventWeights fits the weights of a snapshot's event to its decisions
// and returns a copy of the event with the fit recorded (and applied when
// matching says it is worth it).
func fitEventWeights(ctx context.Context, d *Data, at time.Time) (*event.Event, error) {
	m, err := PrepareModel(ctx, d)
	if err != nil {
		return nil, err
	}
	fit, err := m.FitWeights(ctx, m.Decisions(d.Interests, d.Meetings))
	if err != nil {
		return nil, err
	}
	ev := *d.Event
	matching.RecordWeightFit(&ev, fit, at.UTC())
	return &ev, nil
}
