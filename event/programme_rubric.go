package event

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Scores on a rubric run from MinScore to MaxScore.
const (
	MinScore = 1
	MaxScore = 5
)

// Criterion is one line of a rubric: an ID, a label and a weight > 0.
type Criterion struct {
	ID     string  `json:"id"`
	Label  Text    `json:"label"`
	Weight float64 `json:"weight"`
}

// Rubric is the organizer's scoring sheet: screening and the final pitch
// each have one.
type Rubric struct {
	Criteria []Criterion `json:"criteria"`
}

func (r *Rubric) validate(field string, c *checker) {
	if len(r.Criteria) == 0 {
		c.bad(field, T("評価項目を1つ以上設定してください", "set at least one criterion"))
	}
	seen := map[string]bool{}
	for i, cr := range r.Criteria {
		f := fmt.Sprintf("%s.criteria[%d]", field, i)
		if strings.TrimSpace(cr.ID) == "" {
			c.bad(f+".id", T("IDが必要です", "an ID is required"))
		}
		if seen[cr.ID] {
			c.bad(f+".id", T("IDが重複しています: "+cr.ID, "duplicate ID "+cr.ID))
		}
		seen[cr.ID] = true
		if cr.Label.IsZero() {
			c.bad(f+".label", T("項目名が必要です", "a label is required"))
		}
		if !(cr.Weight > 0) || math.IsInf(cr.Weight, 0) {
			c.bad(f+".weight", T("重みは0より大きい数にしてください", "the weight must be a number above 0"))
		}
	}
}

// Scorecard is one reviewer's scores on a rubric for one application or
// pitch: a scout screening an application, or a judge scoring a pitch.
type Scorecard struct {
	Reviewer  string         `json:"reviewer"` // scout name or judge ID
	CompanyID string         `json:"company_id,omitempty"`
	Scores    map[string]int `json:"scores"` // criterion ID → 1..5
	Comment   string         `json:"comment,omitempty"`
	At        time.Time      `json:"at,omitzero"`
}

// Check refuses a scorecard that misses a criterion, names an unknown one,
// gives a score outside 1–5 or has an over-long comment.
func (r *Rubric) Check(sc *Scorecard) error {
	var c checker
	if strings.TrimSpace(sc.Reviewer) == "" {
		c.add("reviewer", FieldRequired, T("評価者が必要です", "the reviewer is required"))
	}
	known := map[string]bool{}
	for _, cr := range r.Criteria {
		known[cr.ID] = true
		v, ok := sc.Scores[cr.ID]
		switch {
		case !ok:
			c.add("scores."+cr.ID, FieldRequired, T(cr.Label.In(Ja)+"の点数がありません", "no score for "+cr.Label.In(En)))
		case v < MinScore || v > MaxScore:
			c.add("scores."+cr.ID, FieldRange, T(fmt.Sprintf("%sの点数は%d〜%dです(%d)", cr.Label.In(Ja), MinScore, MaxScore, v),
				fmt.Sprintf("%s: a score is %d to %d, not %d", cr.Label.In(En), MinScore, MaxScore, v)))
		}
	}
	ids := make([]string, 0, len(sc.Scores))
	for id := range sc.Scores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !known[id] {
			c.add("scores."+id, FieldUnknown, T("評価項目にありません: "+id, "not a criterion of the rubric: "+id))
		}
	}
	if !utf8.ValidString(sc.Comment) || utf8.RuneCountInString(sc.Comment) > MaxNoteRunes {
		c.add("comment", FieldTooLong, T(fmt.Sprintf("コメントは%d文字以内にしてください", MaxNoteRunes), fmt.Sprintf("the comment may have at most %d characters", MaxNoteRunes)))
	}
	return c.result("scorecard", sc.Reviewer)
}

// Weighted is a scorecard's weighted mean over the rubric's criteria (1–5);
// criteria missing from the scorecard are left out of the mean.
func (r *Rubric) Weighted(sc *Scorecard) float64 {
	var sum, w float64
	for _, cr := range r.Criteria {
		if v, ok := sc.Scores[cr.ID]; ok {
			sum += cr.Weight * float64(v)
			w += cr.Weight
		}
	}
	if w == 0 {
		return 0
	}
	return sum / w
}

// Aggregate is the combined view of several reviewers' scorecards.
type Aggregate struct {
	Reviewers int                `json:"reviewers"`
	Score     float64            `json:"score"`    // mean over reviewers of each one's weighted mean, 1–5; 0 with no reviewers
	Criteria  map[string]float64 `json:"criteria"` // criterion ID → mean score over reviewers
	Spread    float64            `json:"spread"`   // highest minus lowest reviewer's weighted mean
}

// Aggregate combines scorecards: every reviewer counts once (each one's
// weighted mean, then the plain mean of those), so a criterion weight
// changes the balance between criteria, never between reviewers.
func (r *Rubric) Aggregate(cards []Scorecard) Aggregate {
	a := Aggregate{Criteria: map[string]float64{}}
	if len(cards) == 0 {
		return a
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	counts := map[string]int{}
	for i := range cards {
		w := r.Weighted(&cards[i])
		a.Score += w
		lo, hi = math.Min(lo, w), math.Max(hi, w)
		for _, cr := range r.Criteria {
			if v, ok := cards[i].Scores[cr.ID]; ok {
				a.Criteria[cr.ID] += float64(v)
				counts[cr.ID]++
			}
		}
	}
	a.Reviewers = len(cards)
	a.Score /= float64(len(cards))
	a.Spread = hi - lo
	for id, n := range counts {
		a.Criteria[id] /= float64(n)
	}
	return a
}

// MayScreen reports whether a scout of company may screen an application:
// only the scouts of the theme's company do.
func MayScreen(a *Application, companyID string) error {
	if companyID == "" || companyID != a.CompanyID {
		return Errorf(EForbidden, "この応募は他社のテーマへの応募のため、評価できません", "this application is to another company's theme; only %s's scouts screen it", a.CompanyID)
	}
	return nil
}
