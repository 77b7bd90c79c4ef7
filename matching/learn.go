//go:build !js

package matching

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"

	"pitchmatch/event"
)

// Decision is what the event learned about one startup for one theme: a
// scout's no-thanks (grade 0), shortlist (1) or meeting request (2), or
// the outcome of a held meeting (follow-up 2, deal progressed 3, none 0).
type Decision struct {
	StartupID string  `json:"startup_id"`
	ThemeID   string  `json:"theme_id"`
	Grade     float64 `json:"grade"`
}

// Decisions gathers the scouts' decisions and the meeting outcomes of an
// event, one per startup–theme pair (the strongest signal wins: an outcome
// over a request over a shortlist over a no-thanks). A company-wide
// decision (no theme) counts for the company's best theme for the
// startup. Startups' own applications are not decisions about fit.
func (m *Model) Decisions(interests []event.Interest, meetings []event.Meeting) []Decision {
	type key struct{ s, t string }
	best := map[key]float64{}
	rank := map[key]int{} // strength of the signal: outcome 3, request 2, shortlist 1, no-thanks 0
	put := func(sID, cID, tID string, grade float64, strength int) {
		if _, ok := m.startupIdx[sID]; !ok {
			return
		}
		if _, known := m.themeIdx[tID]; tID == "" || !known {
			r, err := m.BestTheme(sID, cID)
			if err != nil {
				return
			}
			tID = r.ThemeID
		}
		if _, ok := m.themeIdx[tID]; !ok {
			return
		}
		k := key{sID, tID}
		if old, ok := rank[k]; ok && old > strength {
			return
		}
		best[k], rank[k] = grade, strength
	}
	for _, it := range interests {
		if it.By == event.KindStartup {
			continue
		}
		switch it.Kind {
		case event.InterestNoThanks:
			put(it.StartupID, it.CompanyID, it.ThemeID, 0, 0)
		case event.InterestShortlist:
			put(it.StartupID, it.CompanyID, it.ThemeID, 1, 1)
		case event.InterestRequest:
			put(it.StartupID, it.CompanyID, it.ThemeID, 2, 2)
		}
	}
	for _, mt := range meetings {
		if mt.Status != event.StatusHeld {
			continue
		}
		switch mt.Outcome {
		case event.OutcomeDeal:
			put(mt.StartupID, mt.CompanyID, mt.ThemeID, 3, 3)
		case event.OutcomeFollowUp:
			put(mt.StartupID, mt.CompanyID, mt.ThemeID, 2, 3)
		case event.OutcomeNone:
			put(mt.StartupID, mt.CompanyID, mt.ThemeID, 0, 3)
		}
	}
	out := make([]Decision, 0, len(best))
	for k, g := range best {
		out = append(out, Decision{StartupID: k.s, ThemeID: k.t, Grade: g})
	}
	slices.SortFunc(out, func(a, b Decision) int {
		if a.ThemeID != b.ThemeID {
			return cmpString(a.ThemeID, b.ThemeID)
		}
		return cmpString(a.StartupID, b.StartupID)
	})
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Minimum data for a fit, and the held-out gain it must show.
const (
	MinDecisions   = 30
	minEachSide    = 5    // positive and zero-grade decisions each
	fitFolds       = 5    // cross-validation folds
	fitPrior       = 0.02 // L2 on log(w/default): pulls toward the defaults
	fitTemperature = 0.05 // score difference scale of the pairwise loss
	minGain        = 0.01 // held-out pairwise accuracy the fit must add
	maxFitPairs    = 20000
)

// fittable are the features whose weights a fit may change: the profile
// features and embeddings. Interest is left alone: the decisions are
// interests, so fitting it would only learn the labels.
var fittable = []int{fArea, fTech, fStage, fProduct, fPartner, fText, fEmbed}

type decisionRow struct {
	theme int
	grade float64
	val   [numFeatures]float64 // NaN: does not apply
	fold  int
}

// FitWeights fits per-event weights to the decisions by a pairwise logistic
// loss (a startup graded higher should score higher than one graded lower
// for the same theme), with the weights parametrised as default·exp(θ) and
// θ pulled toward 0 (the defaults) by an L2 prior, minimised with
// gonum/optimize. Five-fold cross-validation over the decisions compares the
// held-out ranking of the weights in use with the fitted ones; Apply is set
// only when the fit ranks held-out decisions better (pairwise accuracy up by
// at least 1 point, NDCG not lower) and there are enough decisions. The
// returned Fitted weights are fitted on all decisions.
func (m *Model) FitWeights(ctx context.Context, decisions []Decision) (*WeightFit, error) {
	res := &WeightFit{Before: m.Weights(), Fitted: m.Weights(), Decisions: len(decisions)}
	var rows []decisionRow
	pos, zero := 0, 0
	for _, d := range decisions {
		si, ok := m.startupIdx[d.StartupID]
		ti, ok2 := m.themeIdx[d.ThemeID]
		if !ok || !ok2 {
			continue
		}
		t := &m.themes[ti]
		s := &m.startups[si]
		pv := m.values(s, t, &interestInfo{}, m.text.model.pairScore(s.text.vec, t.text.vec))
		h := fnv.New32a()
		h.Write([]byte(d.StartupID + "\x00" + d.ThemeID))
		rows = append(rows, decisionRow{theme: ti, grade: d.Grade, val: pv.val, fold: int(h.Sum32() % fitFolds)})
		if d.Grade > 0 {
			pos++
		} else {
			zero++
		}
	}
	res.Decisions = len(rows)
	res.Pairs = len(orderedPairs(rows, func(decisionRow) bool { return true }))
	if len(rows) < MinDecisions || pos < minEachSide || zero < minEachSide {
		res.Reason = event.Text{
			Ja: fmt.Sprintf("判断が少ないため既定の重みのままです（%d件、うち前向き%d件・見送り%d件。%d件以上、前向き・見送り各%d件以上が必要）", len(rows), pos, zero, MinDecisions, minEachSide),
			En: fmt.Sprintf("too few decisions to learn from: %d (%d positive, %d no-thanks); needs %d with at least %d of each", len(rows), pos, zero, MinDecisions, minEachSide)}
		return res, nil
	}
	var before [numFeatures]float64
	copy(before[:], m.weights[:])
	before[fInterest] = 0
	var accB, accA, ndB, ndA float64
	folds := 0
	for f := range fitFolds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		train := orderedPairs(rows, func(r decisionRow) bool { return r.fold != f })
		test := orderedPairs(rows, func(r decisionRow) bool { return r.fold == f })
		if len(test) == 0 || len(train) == 0 {
			continue
		}
		w, err := m.fitOn(rows, train)
		if err != nil {
			return nil, err
		}
		accB += m.pairAccuracy(rows, test, &before)
		accA += m.pairAccuracy(rows, test, &w)
		ndB += m.heldOutNDCG(rows, f, &before)
		ndA += m.heldOutNDCG(rows, f, &w)
		folds++
	}
	if folds == 0 {
		res.Reason = event.Text{Ja: "同じテーマで評価の異なる判断がないため学習できません", En: "no theme has decisions of different grades: nothing to learn from"}
		return res, nil
	}
	res.AccuracyBefore, res.AccuracyAfter = accB/float64(folds), accA/float64(folds)
	res.NDCGBefore, res.NDCGAfter = ndB/float64(folds), ndA/float64(folds)
	all := orderedPairs(rows, func(decisionRow) bool { return true })
	w, err := m.fitOn(rows, all)
	if err != nil {
		return nil, err
	}
	for i, n := range featureNames {
		if i != fInterest {
			res.Fitted[n] = round3(w[i])
		}
	}
	res.Apply = res.AccuracyAfter >= res.AccuracyBefore+minGain && res.NDCGAfter >= res.NDCGBefore
	if res.Apply {
		res.Reason = event.Text{
			Ja: fmt.Sprintf("学習した重みは検証用の判断をより正しく並べます（正答率 %.1f%% → %.1f%%、NDCG %.3f → %.3f）", 100*res.AccuracyBefore, 100*res.AccuracyAfter, res.NDCGBefore, res.NDCGAfter),
			En: fmt.Sprintf("the fitted weights rank held-out decisions better (pairs right %.1f%% → %.1f%%, NDCG %.3f → %.3f)", 100*res.AccuracyBefore, 100*res.AccuracyAfter, res.NDCGBefore, res.NDCGAfter)}
	} else {
		res.Reason = event.Text{
			Ja: fmt.Sprintf("学習した重みは検証用の判断を十分に改善しないため、現在の重みのままです（正答率 %.1f%% → %.1f%%、NDCG %.3f → %.3f）", 100*res.AccuracyBefore, 100*res.AccuracyAfter, res.NDCGBefore, res.NDCGAfter),
			En: fmt.Sprintf("the fitted weights do not rank held-out decisions clearly better, so the current weights stay (pairs right %.1f%% → %.1f%%, NDCG %.3f → %.3f)", 100*res.AccuracyBefore, 100*res.AccuracyAfter, res.NDCGBefore, res.NDCGAfter)}
	}
	return res, nil
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// orderedPairs lists (hi, lo) row indexes of the rows keep accepts, same
// theme, hi graded higher; capped at maxFitPairs by an even subsample.
func orderedPairs(rows []decisionRow, keep func(decisionRow) bool) [][2]int {
	byTheme := map[int][]int{}
	for i, r := range rows {
		if keep(r) {
			byTheme[r.theme] = append(byTheme[r.theme], i)
		}
	}
	themes := make([]int, 0, len(byTheme))
	for t := range byTheme {
		themes = append(themes, t)
	}
	sort.Ints(themes)
	var out [][2]int
	for _, t := range themes {
		ids := byTheme[t]
		for _, i := range ids {
			for _, j := range ids {
				if rows[i].grade > rows[j].grade {
					out = append(out, [2]int{i, j})
				}
			}
		}
	}
	if len(out) > maxFitPairs {
		step := float64(len(out)) / maxFitPairs
		sub := make([][2]int, 0, maxFitPairs)
		for k := range maxFitPairs {
			sub = append(sub, out[int(float64(k)*step)])
		}
		out = sub
	}
	return out
}

// scoreWith is the pair's score under weights w (Model.mean's arithmetic).
func (m *Model) scoreWith(val *[numFeatures]float64, w *[numFeatures]float64) float64 {
	var num, den float64
	for f, x := range val {
		if w[f] > 0 && !math.IsNaN(x) {
			ww := w[f]
			if f == fText {
				ww *= 1 + textBoost*x
			}
			num += ww * x
			den += ww
		}
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// fitOn minimises the pairwise logistic loss over pairs plus the prior.
func (m *Model) fitOn(rows []decisionRow, pairs [][2]int) ([numFeatures]float64, error) {
	def := DefaultWeights()
	var base [numFeatures]float64
	for i, n := range featureNames {
		base[i] = def[n]
	}
	base[fInterest] = 0
	weights := func(theta []float64) [numFeatures]float64 {
		w := base
		for k, f := range fittable {
			w[f] = base[f] * math.Exp(theta[k])
		}
		return w
	}
	loss := func(theta []float64) float64 {
		w := weights(theta)
		var l float64
		for _, p := range pairs {
			d := (m.scoreWith(&rows[p[0]].val, &w) - m.scoreWith(&rows[p[1]].val, &w)) / fitTemperature
			l += math.Log1p(math.Exp(-d))
		}
		l /= float64(len(pairs))
		return l + fitPrior*floats.Dot(theta, theta)
	}
	prob := optimize.Problem{
		Func: loss,
		Grad: func(g, x []float64) { fd.Gradient(g, loss, x, &fd.Settings{Formula: fd.Central}) },
	}
	// A stalled line search still returns the best point found, which is
	// all a fit needs; only a missing result is an error.
	r, err := optimize.Minimize(prob, make([]float64, len(fittable)), &optimize.Settings{GradientThreshold: 1e-6, MajorIterations: 100}, &optimize.BFGS{})
	if r == nil {
		return base, fmt.Errorf("fit weights: %w", err)
	}
	return weights(r.X), nil
}

func (m *Model) pairAccuracy(rows []decisionRow, pairs [][2]int, w *[numFeatures]float64) float64 {
	right := 0.0
	for _, p := range pairs {
		a, b := m.scoreWith(&rows[p[0]].val, w), m.scoreWith(&rows[p[1]].val, w)
		switch {
		case a > b:
			right++
		case a == b:
			right += 0.5
		}
	}
	return right / float64(len(pairs))
}

// heldOutNDCG ranks the held-out decisions of each theme by score and
// averages NDCG over themes with a positive one (gain 2^grade − 1).
func (m *Model) heldOutNDCG(rows []decisionRow, fold int, w *[numFeatures]float64) float64 {
	byTheme := map[int][]int{}
	for i, r := range rows {
		if r.fold == fold {
			byTheme[r.theme] = append(byTheme[r.theme], i)
		}
	}
	var sum float64
	n := 0
	for _, ids := range byTheme {
		var ideal []float64
		for _, i := range ids {
			ideal = append(ideal, rows[i].grade)
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(ideal)))
		if ideal[0] == 0 {
			continue
		}
		ranked := slices.Clone(ids)
		slices.SortStableFunc(ranked, func(a, b int) int {
			sa, sb := m.scoreWith(&rows[a].val, w), m.scoreWith(&rows[b].val, w)
			switch {
			case sa > sb:
				return -1
			case sa < sb:
				return 1
			}
			return 0
		})
		var dcg, idcg float64
		for k, i := range ranked {
			dcg += (math.Pow(2, rows[i].grade) - 1) / math.Log2(float64(k)+2)
			idcg += (math.Pow(2, ideal[k]) - 1) / math.Log2(float64(k)+2)
		}
		sum += dcg / idcg
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
