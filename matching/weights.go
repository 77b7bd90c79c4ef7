package matching

import (
	"maps"
	"time"

	"pitchmatch/event"
)

// WeightFit is the outcome of fitting an event's weights to its decisions:
// the fitted weights, the weights in use before, the held-out figures of
// both and whether the fit is worth applying, with the reason.
type WeightFit struct {
	Fitted    map[string]float64 `json:"fitted"`
	Before    map[string]float64 `json:"before"`
	Apply     bool               `json:"apply"`
	Reason    event.Text         `json:"reason"`
	Decisions int                `json:"decisions"`
	Pairs     int                `json:"pairs"` // ordered pairs (same theme, different grade)
	// Held-out figures over the cross-validation folds: the share of
	// ordered pairs ranked right, and the NDCG of the decided startups
	// ranked within their theme.
	AccuracyBefore float64 `json:"accuracy_before"`
	AccuracyAfter  float64 `json:"accuracy_after"`
	NDCGBefore     float64 `json:"ndcg_before"`
	NDCGAfter      float64 `json:"ndcg_after"`
}

// RecordWeightFit stores fit in ev.WeightFit and, when the fit is worth
// applying, makes its weights the event's (keeping the previous ones for
// RevertWeights). A fit not worth applying while an earlier fit's weights
// are in use leaves that record, so the way back stays. The desktop and
// the CLI both record fits with it.
func RecordWeightFit(ev *event.Event, fit *WeightFit, at time.Time) {
	if !fit.Apply && ev.WeightFit != nil && ev.WeightFit.Applied {
		return
	}
	rec := &event.WeightFit{At: at, Fitted: maps.Clone(fit.Fitted), Decisions: fit.Decisions,
		AccuracyBefore: fit.AccuracyBefore, AccuracyAfter: fit.AccuracyAfter,
		NDCGBefore: fit.NDCGBefore, NDCGAfter: fit.NDCGAfter, Reason: fit.Reason}
	if fit.Apply {
		rec.Applied = true
		rec.Previous = maps.Clone(ev.Weights)
		w := maps.Clone(ev.Weights)
		if w == nil {
			w = map[string]float64{}
		}
		for k, v := range fit.Fitted {
			if k != FeatureInterest {
				w[k] = min(max(v, 0), 100)
			}
		}
		ev.Weights = w
	}
	ev.WeightFit = rec
}

// RevertWeights goes back to the weights in use before the applied fit (the
// defaults when there were none); it reports false when no fitted weights
// are in use.
func RevertWeights(ev *event.Event) bool {
	f := ev.WeightFit
	if f == nil || !f.Applied {
		return false
	}
	ev.Weights = maps.Clone(f.Previous)
	f.Applied = false
	f.Previous = nil
	return true
}

// FittedInUse reports whether the event's weights come from a fit.
func FittedInUse(ev *event.Event) bool {
	return ev != nil && ev.WeightFit != nil && ev.WeightFit.Applied
}
