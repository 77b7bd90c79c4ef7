package app

import (
	"cmp"
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strings"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// The scout workspace's logic, apart from its widgets: which rows a
// ranking shows under the scout's filters, in which order, and when a
// ranking must be computed again.
//
// A ranking is computed once and kept (frozen): the scout's own decisions
// (shortlist, request, no thanks) change the status shown in each row but
// never its score or place, so the list does not move under the pointer.
// Decisions still feed matching's explicit-interest feature; they count
// the next time the ranking is computed (the "re-score" button, or any
// other change of the data that scoring reads).

// scoringKey fingerprints what a ranking reads, leaving out the companies'
// decisions: two snapshots with the same key rank alike but for those.
func (d *Data) scoringKey() uint64 {
	return d.fingerprint(false)
}

// decisionsKey fingerprints what a ranking reads, decisions included.
func (d *Data) decisionsKey() uint64 {
	return d.fingerprint(true)
}

func (d *Data) fingerprint(decisions bool) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	num := func(n int64) {
		binary.LittleEndian.PutUint64(buf[:], uint64(n))
		h.Write(buf[:])
	}
	str := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if d.Event != nil {
		num(d.Event.Version)
	}
	num(int64(len(d.Startups)))
	for _, s := range d.Startups {
		str(s.ID)
		num(s.Version)
	}
	num(int64(len(d.Companies)))
	for _, c := range d.Companies {
		str(c.ID)
		num(c.Version)
	}
	num(int64(len(d.Themes)))
	for _, t := range d.Themes {
		str(t.ID)
		num(t.Version)
	}
	for _, in := range d.Interests {
		if !decisions && in.By == event.KindCompany && isDecision(in.Kind) {
			continue
		}
		str(string(in.Kind))
		str(in.StartupID)
		str(in.CompanyID)
		str(in.ThemeID)
		str(string(in.By))
	}
	if d.vectors != nil {
		num(1)
	}
	return h.Sum64()
}

// DecisionFilter selects rows by the pair's status.
type DecisionFilter string

// Decision filters: any row, rows with no decision yet, or one kind.
const (
	DecisionAny       DecisionFilter = ""
	DecisionUndecided DecisionFilter = "undecided"
)

// RankSort orders the shown rows.
type RankSort string

// Row orders: the ranking's (score), by name, by ID, by development stage
// (most advanced first).
const (
	SortScore RankSort = "score"
	SortName  RankSort = "name"
	SortID    RankSort = "id"
	SortStage RankSort = "stage"
)

// RankQuery is what the scout asks of a kept ranking.
type RankQuery struct {
	Text         string         // part of the startup's ID, name or product (either language)
	Area         event.Code     // "" for any
	Stage        event.Code     // "" for any
	Decision     DecisionFilter // DecisionAny, DecisionUndecided or an event.InterestKind
	ShowNoThanks bool           // list the pairs declined (by either side) or in conflict too
	Sort         RankSort
	Lang         event.Lang // for sorting by name
	ByStartup    bool       // rows are one startup's themes: text and name match the theme
}

// RankRow is one row of the scout's list.
type RankRow struct {
	matching.Result
	Rank     int  // 1-based place in the kept ranking; 0 for pairs the ranking excludes
	Declined bool // no thanks (by either side) or conflict, now or when ranked
}

// RankView is the rows a query shows, with the counts for "N of M".
type RankView struct {
	Rows   []RankRow
	Total  int // rows of the ranking that can be shown (declined ones only when asked)
	Hidden int // declined rows left out because ShowNoThanks is off
}

// pairStatuses maps "startupID/companyID" to the pair's interest kinds.
func (d *Data) pairStatuses() map[string][]event.InterestKind {
	out := make(map[string][]event.InterestKind, len(d.Interests))
	for _, in := range d.Interests {
		k := in.StartupID + "/" + in.CompanyID
		if !slices.Contains(out[k], in.Kind) {
			out[k] = append(out[k], in.Kind)
		}
	}
	return out
}

// declines reports whether a pair's kinds exclude meeting.
func declines(kinds []event.InterestKind) bool {
	return slices.Contains(kinds, event.InterestNoThanks) || slices.Contains(kinds, event.InterestConflict)
}

// View applies q to a kept ranking: ranked holds the ranking's results
// best first (computed when the ranking was made), excluded the pairs it
// left out (declined before it was made, scored by matching with Excluded
// set). Statuses come from d, the current snapshot, so a decision made
// since shows at once while every score and place stays as ranked.
func (d *Data) View(ranked, excluded []matching.Result, q RankQuery) RankView {
	status := d.pairStatuses()
	var match map[string]bool // startup or theme IDs the text matches
	if text := normalise(strings.TrimSpace(q.Text)); text != "" {
		match = map[string]bool{}
		if q.ByStartup {
			for _, t := range d.Themes {
				if strings.Contains(normalise(t.ID+"\n"+t.Title.Joined()+"\n"+d.CompanyName(t.CompanyID, event.Ja)+"\n"+d.CompanyName(t.CompanyID, event.En)), text) {
					match[t.ID] = true
				}
			}
		} else {
			for _, i := range d.FilterStartups(StartupFilter{Query: q.Text}) {
				match[d.Startups[i].ID] = true
			}
		}
	}
	var v RankView
	keep := func(r matching.Result, rank int) {
		kinds := status[r.StartupID+"/"+r.CompanyID]
		row := RankRow{Result: r, Rank: rank, Declined: r.Excluded || declines(kinds)}
		if match != nil && ((q.ByStartup && !match[r.ThemeID]) || (!q.ByStartup && !match[r.StartupID])) {
			return
		}
		if !q.ByStartup && (q.Area != "" || q.Stage != "") {
			s := d.Startup(r.StartupID)
			if s == nil || (q.Area != "" && !hasCode(s.Areas, q.Area)) || (q.Stage != "" && s.DevStage != q.Stage) {
				return
			}
		}
		switch q.Decision {
		case DecisionAny:
		case DecisionUndecided:
			if slices.ContainsFunc(kinds, func(k event.InterestKind) bool { return isDecision(k) }) {
				return
			}
		default:
			if !slices.Contains(kinds, event.InterestKind(q.Decision)) {
				return
			}
		}
		if row.Declined && !q.ShowNoThanks {
			v.Hidden++
			return
		}
		v.Rows = append(v.Rows, row)
	}
	seen := make(map[string]bool, len(ranked))
	for i, r := range ranked {
		seen[r.StartupID+"/"+r.ThemeID] = true
		keep(r, i+1)
	}
	for _, r := range excluded {
		if !seen[r.StartupID+"/"+r.ThemeID] {
			keep(r, 0)
		}
	}
	v.Total = len(v.Rows)
	d.sortRows(v.Rows, q)
	return v
}

// sortRows orders rows by q.Sort; ties (and SortScore) keep the ranking's
// order, with the excluded pairs after every ranked one.
func (d *Data) sortRows(rows []RankRow, q RankQuery) {
	place := func(r RankRow) int {
		if r.Rank == 0 {
			return int(^uint(0) >> 1)
		}
		return r.Rank
	}
	byPlace := func(a, b RankRow) int {
		if c := cmp.Compare(place(a), place(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.StartupID+a.ThemeID, b.StartupID+b.ThemeID)
	}
	var key func(a, b RankRow) int
	switch q.Sort {
	case SortName:
		name := func(r RankRow) string {
			if q.ByStartup {
				return normalise(d.ThemeLabel(r.ThemeID, q.Lang))
			}
			return normalise(d.StartupName(r.StartupID, q.Lang))
		}
		key = func(a, b RankRow) int { return cmp.Compare(name(a), name(b)) }
	case SortID:
		key = func(a, b RankRow) int { return cmp.Compare(a.StartupID+"/"+a.ThemeID, b.StartupID+"/"+b.ThemeID) }
	case SortStage:
		stage := func(r RankRow) int {
			if s := d.Startup(r.StartupID); s != nil {
				return event.DevStages.Rank(s.DevStage) // -1 (none) sorts last
			}
			return -1
		}
		key = func(a, b RankRow) int { return cmp.Compare(stage(b), stage(a)) }
	}
	slices.SortStableFunc(rows, func(a, b RankRow) int {
		if key != nil {
			if c := key(a, b); c != 0 {
				return c
			}
		}
		return byPlace(a, b)
	})
}

// excludedStartups lists the startups a theme's ranking leaves out because the
// pair is declined (either side) or in conflict, for "show no thanks".
func (d *Data) excludedStartups(companyID string) []string {
	var out []string
	for _, in := range d.Interests {
		if in.CompanyID == companyID && in.Excludes() && !slices.Contains(out, in.StartupID) {
			out = append(out, in.StartupID)
		}
	}
	slices.Sort(out)
	return out
}

// excludedCompanies lists the companies a startup's reverse ranking leaves
// out (declined or in conflict).
func (d *Data) excludedCompanies(startupID string) []string {
	var out []string
	for _, in := range d.Interests {
		if in.StartupID == startupID && in.Excludes() && !slices.Contains(out, in.CompanyID) {
			out = append(out, in.CompanyID)
		}
	}
	slices.Sort(out)
	return out
}

// companyChoices are the companies for the scout's "my company" picker.
func (d *Data) companyChoices(lang event.Lang) []choice {
	out := make([]choice, 0, len(d.Companies))
	for _, c := range d.Companies {
		out = append(out, choice{ID: c.ID, Label: c.ID + " " + d.CompanyName(c.ID, lang)})
	}
	return out
}

// themeChoices are the themes of one company (every theme when companyID
// is ""), labelled with the company when the picker is not scoped.
func (d *Data) themeChoices(companyID string, lang event.Lang) []choice {
	var out []choice
	for _, t := range d.Themes {
		if companyID != "" && t.CompanyID != companyID {
			continue
		}
		label := t.ID + " " + t.Title.In(lang)
		if companyID == "" {
			label = t.ID + " " + d.ThemeLabel(t.ID, lang)
		}
		out = append(out, choice{ID: t.ID, Label: label})
	}
	return out
}
