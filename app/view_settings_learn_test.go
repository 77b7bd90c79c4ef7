package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// TestSettingsLearnWeights: with the demo's few no-thanks the fit keeps the
// defaults and Settings says why; after scouts decide by area (requests for
// the best area matches, no-thanks for the worst), the fit is applied,
// Settings shows the figures, and the way back restores the weights.
func TestSettingsLearnWeights(t *testing.T) {
	u, path := openUI(t, event.En)
	if err := u.ShowView("settings"); err != nil {
		t.Fatal(err)
	}
	v := u.settingsV
	test.Tap(v.learn.fit)
	u.Wait()
	if txt := u.settingsV.learn.info.Text; !strings.Contains(txt, "Last fit") || !strings.Contains(txt, "not applied") {
		t.Fatalf("first fit: %q", txt)
	}
	if !u.settingsV.learn.revert.Disabled() {
		t.Error("nothing to go back to, but the button is enabled")
	}

	// Scouts decide by area alone.
	db := otherStore(t, path)
	ctx := context.Background()
	d := u.Data()
	hidden, err := matching.Prepare(ctx, matching.Input{Event: &event.Event{Weights: map[string]float64{
		matching.FeatureArea: 10, matching.FeatureText: 0.1, matching.FeatureStage: 0.1, matching.FeatureTechnology: 0.1,
		matching.FeatureProduct: 0.1, matching.FeaturePartnership: 0.1}}, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := matching.Prepare(ctx, matching.Input{Startups: d.Startups, Companies: d.Companies, Themes: d.Themes})
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range d.Themes {
		rs, err := hidden.RankTheme(ctx, th.ID, matching.Filter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		byDefault, err := plain.RankTheme(ctx, th.ID, matching.Filter{}, 12)
		if err != nil {
			t.Fatal(err)
		}
		top := map[string]bool{}
		for i := range min(5, len(rs)) {
			top[rs[i].StartupID] = true
		}
		add := func(r matching.Result, k event.InterestKind) {
			it := event.Interest{Kind: k, StartupID: r.StartupID, CompanyID: th.CompanyID, ThemeID: th.ID, By: event.KindCompany}
			if err := db.AddInterest(ctx, "test", &it); err != nil {
				t.Fatal(err)
			}
		}
		for i := range min(3, len(rs)) {
			add(rs[i], event.InterestRequest)
		}
		// No thanks to what the defaults rank high and the area says not.
		n := 0
		for _, r := range byDefault {
			if !top[r.StartupID] && n < 4 {
				add(r, event.InterestNoThanks)
				n++
			}
		}
	}
	u.Reload()
	u.Wait()
	test.Tap(u.settingsV.learn.fit)
	u.Wait()
	ev := u.Data().Event
	txt := u.settingsV.learn.info.Text
	t.Logf("%s", txt)
	if ev.WeightFit == nil || !ev.WeightFit.Applied || !strings.Contains(txt, "applied") || !strings.Contains(txt, "Held-out pairs in the right order") {
		t.Fatalf("fit on area decisions not applied: %+v\n%s", ev.WeightFit, txt)
	}
	if ev.Weights[matching.FeatureArea] <= matching.DefaultWeights()[matching.FeatureArea] || u.settingsV.learn.revert.Disabled() {
		t.Fatalf("fitted weights %v; revert disabled %v", ev.Weights, u.settingsV.learn.revert.Disabled())
	}
	test.Tap(u.settingsV.learn.revert)
	u.Wait()
	if ev := u.Data().Event; len(ev.Weights) != 0 || matching.FittedInUse(ev) {
		t.Fatalf("after going back: weights %v", ev.Weights)
	}
}
