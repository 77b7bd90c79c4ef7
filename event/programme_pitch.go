package event

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// PitchGroup orders the final pitch.
type PitchGroup string

// Pitch orders.
const (
	GroupByCompany PitchGroup = "company"
	GroupByTheme   PitchGroup = "theme"
)

// PitchPlan is the final pitch's running order settings: every selected
// startup pitches for PitchMinutes, then answers questions for QAMinutes;
// ChangeMinutes pass between two pitches; a break of BreakMinutes comes
// after every BreakEvery pitches (0: only between groups). Awards is how
// many startups are chosen as outstanding (優秀企業).
type PitchPlan struct {
	Start         time.Time  `json:"start"`
	PitchMinutes  int        `json:"pitch_minutes"`
	QAMinutes     int        `json:"qa_minutes"`
	ChangeMinutes int        `json:"change_minutes,omitempty"`
	BreakEvery    int        `json:"break_every,omitempty"`
	BreakMinutes  int        `json:"break_minutes,omitempty"`
	GroupBy       PitchGroup `json:"group_by,omitempty"`
	Awards        int        `json:"awards,omitempty"`
}

func (p *PitchPlan) validate(c *checker) {
	if p.PitchMinutes == 0 && p.Start.IsZero() {
		return // not planned yet
	}
	if p.Start.IsZero() {
		c.bad("pitch.start", T("開始日時が必要です", "a start time is required"))
	}
	if p.PitchMinutes < 1 || p.PitchMinutes > 120 || p.QAMinutes < 0 || p.QAMinutes > 120 || p.ChangeMinutes < 0 || p.BreakMinutes < 0 || p.BreakEvery < 0 {
		c.add("pitch.minutes", FieldRange, T("ピッチは1〜120分、質疑・休憩は0分以上です", "a pitch is 1–120 minutes; Q&A, changeover and breaks 0 or more"))
	}
	if p.GroupBy != "" && p.GroupBy != GroupByCompany && p.GroupBy != GroupByTheme {
		c.bad("pitch.group_by", T("並び順は company か theme です", "group_by must be company or theme"))
	}
	if p.Awards < 0 {
		c.add("pitch.awards", FieldRange, T("0以上にしてください", "must be 0 or more"))
	}
}

// PitchSlot is one pitch of the running order.
type PitchSlot struct {
	Order         int       `json:"order"` // 1-based
	ApplicationID int64     `json:"application_id"`
	StartupID     string    `json:"startup_id"`
	CompanyID     string    `json:"company_id"`
	ThemeID       string    `json:"theme_id"`
	Start         time.Time `json:"start"`
	QAStart       time.Time `json:"qa_start"`
	End           time.Time `json:"end"`
	BreakAfter    int       `json:"break_after,omitempty"` // minutes of break after this pitch
}

// PitchOrder lays out the running order of the selected applications,
// grouped by company or theme (then by startup ID), or by startup ID.
func PitchOrder(p *PitchPlan, apps []Application) []PitchSlot {
	sel := make([]Application, 0, len(apps))
	for _, a := range apps {
		if a.Decision == DecisionSelected {
			sel = append(sel, a)
		}
	}
	group := func(a *Application) string {
		switch p.GroupBy {
		case GroupByCompany:
			return a.CompanyID
		case GroupByTheme:
			return a.ThemeID
		}
		return ""
	}
	sort.SliceStable(sel, func(i, j int) bool {
		gi, gj := group(&sel[i]), group(&sel[j])
		if gi != gj {
			return gi < gj
		}
		if sel[i].StartupID != sel[j].StartupID {
			return sel[i].StartupID < sel[j].StartupID
		}
		return sel[i].ID < sel[j].ID
	})
	out := make([]PitchSlot, len(sel))
	t := p.Start
	sinceBreak := 0
	for i := range sel {
		a := &sel[i]
		s := PitchSlot{Order: i + 1, ApplicationID: a.ID, StartupID: a.StartupID, CompanyID: a.CompanyID, ThemeID: a.ThemeID, Start: t}
		s.QAStart = t.Add(time.Duration(p.PitchMinutes) * time.Minute)
		s.End = s.QAStart.Add(time.Duration(p.QAMinutes) * time.Minute)
		t = s.End
		sinceBreak++
		if i+1 < len(sel) {
			brk := p.BreakMinutes > 0 && ((p.BreakEvery > 0 && sinceBreak >= p.BreakEvery) ||
				(p.BreakEvery == 0 && p.GroupBy != "" && group(a) != group(&sel[i+1])))
			if brk {
				s.BreakAfter = p.BreakMinutes
				t = t.Add(time.Duration(p.BreakMinutes) * time.Minute)
				sinceBreak = 0
			} else {
				t = t.Add(time.Duration(p.ChangeMinutes) * time.Minute)
			}
		}
		out[i] = s
	}
	return out
}

// Judge scores the final pitches. A judge from a company (CompanyID set)
// never scores the pitch of a startup that company sponsors.
type Judge struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CompanyID string `json:"company_id,omitempty"` // "" for an independent judge
	Email     string `json:"email,omitempty"`
}

// Conflicted reports whether j has a conflict of interest on the pitch of
// an application to companyID's theme.
func (j *Judge) Conflicted(companyID string) bool {
	return j.CompanyID != "" && j.CompanyID == companyID
}

// MayJudge refuses a judge's scorecard on a pitch they have a conflict on.
func MayJudge(j *Judge, s *PitchSlot) error {
	if j.Conflicted(s.CompanyID) {
		return Errorf(EForbidden, "利益相反のため、自社が支援するスタートアップ("+s.StartupID+")のピッチは採点できません",
			"conflict of interest: %s cannot score %s, whose pair %s sponsors", j.ID, s.StartupID, s.CompanyID)
	}
	return nil
}

// TieBreakRule states how equal totals are ordered; the results sheet
// prints it.
var TieBreakRule = T(
	"同点の場合: (1) 最も重みの大きい評価項目の平均点が高い方、(2) 審査員の最高評価(点数の最大値)の数が多い方、(3) 書類選考の総合点が高い方、(4) 応募の早い方 の順で決定します。",
	"Ties are broken by (1) the higher mean on the highest-weighted criterion, then (2) more judges giving their top total to it, then (3) the higher screening score, then (4) the earlier application.")

// PitchResult is one startup's final-pitch result.
type PitchResult struct {
	Rank        int                `json:"rank"`
	Slot        PitchSlot          `json:"slot"`
	Total       float64            `json:"total"` // mean over counted judges of each one's weighted score, 1–5
	Criteria    map[string]float64 `json:"criteria"`
	Judges      int                `json:"judges"`   // scorecards counted
	Excluded    []string           `json:"excluded"` // judges left out for a conflict of interest
	Missing     []string           `json:"missing"`  // eligible judges who have not scored yet
	Screening   float64            `json:"screening"`
	TieBreak    int                `json:"tie_break,omitempty"` // rule (1–4) that separated it from the next, when totals were equal
	Outstanding bool               `json:"outstanding"`
	topVotes    int
	submittedAt time.Time
	primaryMean float64
}

// PitchResults totals the judges' scorecards for every pitch (cards by
// application ID), leaves out any scorecard of a conflicted judge whatever
// its source, ranks by total with TieBreakRule, and marks the first
// awards ranks with at least one counted judge as outstanding. screening
// gives each application's screening score; submitted its submission time.
func PitchResults(r *Rubric, order []PitchSlot, judges []Judge, cards map[int64][]Scorecard, screening map[int64]float64, submitted map[int64]time.Time, awards int) []PitchResult {
	byID := map[string]*Judge{}
	for i := range judges {
		byID[judges[i].ID] = &judges[i]
	}
	primary := ""
	best := math.Inf(-1)
	for _, c := range r.Criteria {
		if c.Weight > best {
			best, primary = c.Weight, c.ID
		}
	}
	out := make([]PitchResult, len(order))
	judgeTotals := map[string]map[int64]float64{} // judge → application → weighted
	for i, s := range order {
		res := PitchResult{Slot: s, Screening: screening[s.ApplicationID], submittedAt: submitted[s.ApplicationID]}
		scored := map[string]bool{}
		var counted []Scorecard
		for _, c := range cards[s.ApplicationID] {
			j := byID[c.Reviewer]
			if j == nil {
				continue // not a judge of this pitch
			}
			if j.Conflicted(s.CompanyID) {
				res.Excluded = append(res.Excluded, j.ID)
				continue
			}
			scored[j.ID] = true
			counted = append(counted, c)
			if judgeTotals[j.ID] == nil {
				judgeTotals[j.ID] = map[int64]float64{}
			}
			judgeTotals[j.ID][s.ApplicationID] = r.Weighted(&c)
		}
		for _, j := range judges {
			if j.Conflicted(s.CompanyID) {
				if !contains(res.Excluded, j.ID) {
					res.Excluded = append(res.Excluded, j.ID)
				}
			} else if !scored[j.ID] {
				res.Missing = append(res.Missing, j.ID)
			}
		}
		sort.Strings(res.Excluded)
		agg := r.Aggregate(counted)
		res.Total, res.Criteria, res.Judges = agg.Score, agg.Criteria, agg.Reviewers
		res.primaryMean = agg.Criteria[primary]
		out[i] = res
	}
	// (2) top votes: each judge's highest total (ties all count)
	for _, m := range judgeTotals {
		top := math.Inf(-1)
		for _, v := range m {
			top = math.Max(top, v)
		}
		for app, v := range m {
			if v == top {
				for i := range out {
					if out[i].Slot.ApplicationID == app {
						out[i].topVotes++
					}
				}
			}
		}
	}
	const eps = 1e-9
	rule := func(a, b *PitchResult) (int, bool) { // which rule decides, and whether a goes first
		switch {
		case math.Abs(a.Total-b.Total) > eps:
			return 0, a.Total > b.Total
		case math.Abs(a.primaryMean-b.primaryMean) > eps:
			return 1, a.primaryMean > b.primaryMean
		case a.topVotes != b.topVotes:
			return 2, a.topVotes > b.topVotes
		case math.Abs(a.Screening-b.Screening) > eps:
			return 3, a.Screening > b.Screening
		case !a.submittedAt.Equal(b.submittedAt):
			return 4, a.submittedAt.Before(b.submittedAt)
		}
		return 4, a.Slot.ApplicationID < b.Slot.ApplicationID
	}
	sort.SliceStable(out, func(i, j int) bool { _, first := rule(&out[i], &out[j]); return first })
	for i := range out {
		out[i].Rank = i + 1
		if i+1 < len(out) {
			if k, _ := rule(&out[i], &out[i+1]); k > 0 {
				out[i].TieBreak = k
			}
		}
		out[i].Outstanding = i < awards && out[i].Judges > 0
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// PitchTotalLabel formats a total for sheets: two decimals.
func PitchTotalLabel(v float64) string { return fmt.Sprintf("%.2f", v) }
