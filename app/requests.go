package app

import (
	"strings"

	"pitchmatch/event"
)

// InterestCounts counts interests by kind.
func (d *Data) InterestCounts() map[event.InterestKind]int {
	out := map[event.InterestKind]int{}
	for _, i := range d.Interests {
		out[i.Kind]++
	}
	return out
}

// MutualPairs are the pairs where the startup applied (to any theme of the
// company) and the company requested the startup: both asked.
func (d *Data) MutualPairs() map[event.PairKey]bool {
	applied := map[event.PairKey]bool{}
	requested := map[event.PairKey]bool{}
	for _, i := range d.Interests {
		k := event.PairKey{StartupID: i.StartupID, CompanyID: i.CompanyID}
		switch i.Kind {
		case event.InterestApply:
			applied[k] = true
		case event.InterestRequest:
			requested[k] = true
		}
	}
	out := map[event.PairKey]bool{}
	for k := range applied {
		if requested[k] {
			out[k] = true
		}
	}
	return out
}

// RequestRow is one line of the Requests view.
type RequestRow struct {
	Kind   event.InterestKind
	From   string
	To     string
	Theme  string
	Note   string
	Mutual bool
}

// RequestRows lists interests of kind ("" for all) whose participants,
// theme or note contain q, as "who asked whom" in lang.
func (d *Data) RequestRows(kind event.InterestKind, q string, lang event.Lang) []RequestRow {
	q = normalise(strings.TrimSpace(q))
	mutual := d.MutualPairs()
	out := make([]RequestRow, 0, len(d.Interests))
	for _, i := range d.Interests {
		if kind != "" && i.Kind != kind {
			continue
		}
		st := i.StartupID + " " + d.StartupName(i.StartupID, lang)
		co := i.CompanyID + " " + d.CompanyName(i.CompanyID, lang)
		r := RequestRow{Kind: i.Kind, From: st, To: co, Note: i.Note,
			Mutual: mutual[event.PairKey{StartupID: i.StartupID, CompanyID: i.CompanyID}]}
		if i.By == event.KindCompany {
			r.From, r.To = co, st
		}
		if t := d.Theme(i.ThemeID); t != nil {
			r.Theme = t.Title.In(lang)
		}
		if q != "" && !strings.Contains(normalise(r.From+"\n"+r.To+"\n"+r.Theme+"\n"+r.Note), q) {
			continue
		}
		out = append(out, r)
	}
	return out
}
