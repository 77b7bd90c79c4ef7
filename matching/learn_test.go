//go:build !js

package matching

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
)

// simulatedDecisions makes scouts decide from hidden weights: for each
// theme the startups are ranked by the hidden score plus noise; the top
// three are requested, the next four shortlisted and eight from the
// bottom half declined.
func simulatedDecisions(t *testing.T, in Input, hidden map[string]float64, seed uint64) []event.Interest {
	t.Helper()
	hin := in
	hin.Event = &event.Event{Weights: hidden}
	hm := prepare(t, hin)
	r := rand.New(rand.NewPCG(seed, 11))
	var out []event.Interest
	for _, th := range in.Themes {
		type sc struct {
			id string
			s  float64
		}
		var all []sc
		for _, s := range in.Startups {
			res, err := hm.Score(s.ID, th.ID)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, sc{s.ID, res.Score + 0.02*r.NormFloat64()})
		}
		slices.SortFunc(all, func(a, b sc) int {
			if a.s > b.s {
				return -1
			}
			if a.s < b.s {
				return 1
			}
			return strings.Compare(a.id, b.id)
		})
		add := func(id string, k event.InterestKind) {
			out = append(out, event.Interest{Kind: k, StartupID: id, CompanyID: th.CompanyID, ThemeID: th.ID, By: event.KindCompany})
		}
		for i := range 3 {
			add(all[i].id, event.InterestRequest)
		}
		for i := 3; i < 7; i++ {
			add(all[i].id, event.InterestShortlist)
		}
		for range 8 {
			add(all[len(all)/2+r.IntN(len(all)/2)].id, event.InterestNoThanks)
		}
	}
	return out
}

// On simulated events whose decisions come from hidden weights, the fit
// recovers the order of the hidden weights, improves held-out ranking and
// is applied.
func TestFitWeightsRecoversHiddenWeights(t *testing.T) {
	hidden := map[string]float64{FeatureArea: 8, FeatureTechnology: 0.5, FeatureStage: 4,
		FeatureProduct: 1.5, FeaturePartnership: 0.25, FeatureText: 1}
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		in := randInput(seed, 150, 24, 12, 0)
		in.Interests = simulatedDecisions(t, in, hidden, seed)
		m := prepare(t, in)
		ds := m.Decisions(in.Interests, nil)
		fit, err := m.FitWeights(context.Background(), ds)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %d decisions, %d pairs; accuracy %.3f → %.3f, NDCG %.3f → %.3f; fitted %v; %s",
			seed, fit.Decisions, fit.Pairs, fit.AccuracyBefore, fit.AccuracyAfter, fit.NDCGBefore, fit.NDCGAfter, fit.Fitted, fit.Reason.En)
		if !fit.Apply || fit.AccuracyAfter <= fit.AccuracyBefore || fit.NDCGAfter <= fit.NDCGBefore {
			t.Errorf("seed %d: the fit should rank held-out decisions better and be applied: %+v", seed, fit)
		}
		names := []string{FeatureArea, FeatureTechnology, FeatureStage, FeatureProduct, FeaturePartnership, FeatureText}
		var h, f []float64
		for _, n := range names {
			h = append(h, hidden[n])
			f = append(f, fit.Fitted[n])
		}
		if rho := spearman(h, f); rho < 0.7 {
			t.Errorf("seed %d: fitted weights %v do not follow the hidden order %v (rho %.2f)", seed, f, h, rho)
		}
	}
}

// With too few decisions the defaults stay, and the reason says why.
func TestFitWeightsTooFewDecisions(t *testing.T) {
	in := randInput(5, 60, 6, 3, 0)
	in.Interests = simulatedDecisions(t, in, map[string]float64{FeatureArea: 8}, 5)[:12]
	m := prepare(t, in)
	fit, err := m.FitWeights(context.Background(), m.Decisions(in.Interests, nil))
	if err != nil {
		t.Fatal(err)
	}
	if fit.Apply || !strings.Contains(fit.Reason.En, "too few decisions") || fit.Reason.Ja == "" {
		t.Errorf("too few decisions: %+v", fit)
	}
	for k, v := range m.Weights() {
		if fit.Fitted[k] != v {
			t.Errorf("weight %s changed to %v without a fit", k, fit.Fitted[k])
		}
	}
}

// Recording an applied fit makes its weights the event's and keeps the way
// back; a fit not worth applying changes nothing in use.
func TestRecordAndRevertWeights(t *testing.T) {
	ev := &event.Event{Weights: map[string]float64{FeatureArea: 5}}
	RecordWeightFit(ev, &WeightFit{Apply: true, Fitted: map[string]float64{FeatureArea: 7, FeatureText: 1, FeatureInterest: 9}}, time.Unix(0, 0))
	if ev.Weights[FeatureArea] != 7 || ev.Weights[FeatureText] != 1 || ev.Weights[FeatureInterest] != 0 || !FittedInUse(ev) {
		t.Fatalf("applied: %v %+v", ev.Weights, ev.WeightFit)
	}
	RecordWeightFit(ev, &WeightFit{Apply: false, Fitted: map[string]float64{FeatureArea: 1}}, time.Unix(1, 0))
	if ev.Weights[FeatureArea] != 7 {
		t.Fatalf("a rejected fit changed the weights: %v", ev.Weights)
	}
	if !RevertWeights(ev) || ev.Weights[FeatureArea] != 5 || len(ev.Weights) != 1 || FittedInUse(ev) {
		t.Fatalf("revert: %v %+v", ev.Weights, ev.WeightFit)
	}
	if RevertWeights(ev) {
		t.Error("second revert should report nothing to revert")
	}
	if err := ev.Validate(); err != nil && strings.Contains(err.Error(), "weights") {
		t.Error(err)
	}
}
