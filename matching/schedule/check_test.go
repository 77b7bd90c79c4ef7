package schedule

import (
	"fmt"
	"math"

	"pitchmatch/event"
)

// check verifies every promise Solve makes about res, from in alone (it
// shares no code with the solver beyond the input types).
func check(in *Input, res *Result) error {
	b := DefaultBonuses()
	if in.Bonuses != nil {
		b = *in.Bonuses
	}
	type part struct {
		cap, tables int
		unav        map[int]bool
	}
	parts := func(ps []Participant, company bool) map[string]part {
		m := map[string]part{}
		for _, p := range ps {
			x := part{cap: p.Cap, tables: 1, unav: map[int]bool{}}
			if company && p.Tables > 1 {
				x.tables = p.Tables
			}
			for _, t := range p.Unavailable {
				x.unav[t] = true
			}
			m[p.ID] = x
		}
		return m
	}
	ss, cs := parts(in.Startups, false), parts(in.Companies, true)
	excluded := map[event.PairKey]bool{}
	for _, k := range in.Excluded {
		excluded[k] = true
	}
	// A pair's coefficient: its best score over themes plus the bonuses
	// of any theme's flags.
	weight := map[event.PairKey]float64{}
	flags := map[event.PairKey][2]bool{}
	for _, c := range in.Candidates {
		k := event.PairKey{StartupID: c.StartupID, CompanyID: c.CompanyID}
		if w, ok := weight[k]; !ok || c.Weight > w {
			weight[k] = c.Weight
		}
		f := flags[k]
		flags[k] = [2]bool{f[0] || c.MustMeet, f[1] || c.Requested}
	}
	merged := map[event.PairKey]float64{}
	for k, w := range weight {
		if flags[k][0] {
			w += b.MustMeet
		}
		if flags[k][1] {
			w += b.Requested
		}
		merged[k] = w
	}
	lockedAt := map[event.PairKey]Placement{}
	for _, l := range in.Locked {
		lockedAt[event.PairKey{StartupID: l.StartupID, CompanyID: l.CompanyID}] = l
	}
	pairs := map[event.PairKey]bool{}
	deg := map[string]int{}
	lockedDeg := map[string]int{}
	obj := 0.0
	// Where meetings may go: the one placement check of event.Venue
	// (a locked meeting may stay where a side is unavailable).
	asMeetings := make([]event.Meeting, len(res.Meetings))
	for i, m := range res.Meetings {
		asMeetings[i] = event.Meeting{ID: int64(i + 1), StartupID: m.StartupID, CompanyID: m.CompanyID, Slot: m.Slot, Table: m.Table,
			Status: event.StatusProposed, Locked: m.Locked}
	}
	for _, p := range in.Venue().CheckAll(asMeetings) {
		if p.Kind == event.PlaceUnavailable && res.Meetings[p.Meeting-1].Locked {
			continue
		}
		return fmt.Errorf("meeting %v: %s", res.Meetings[p.Meeting-1], p.Text("").En)
	}
	for _, m := range res.Meetings {
		k := event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}
		if _, ok1 := ss[m.StartupID]; !ok1 {
			return fmt.Errorf("meeting %v names an unknown startup", m)
		}
		if _, ok2 := cs[m.CompanyID]; !ok2 {
			return fmt.Errorf("meeting %v names an unknown company", m)
		}
		pairs[k] = true
		l, isLocked := lockedAt[k]
		if isLocked {
			if l.Slot != m.Slot || l.Table != m.Table {
				return fmt.Errorf("locked meeting %v moved to %v", l, m)
			}
			lockedDeg[m.StartupID]++
			lockedDeg[m.CompanyID]++
		} else {
			if excluded[k] {
				return fmt.Errorf("excluded pair %v scheduled", k)
			}
			if _, ok := weight[k]; !ok {
				return fmt.Errorf("pair %v is not a candidate", k)
			}
		}
		deg[m.StartupID]++
		deg[m.CompanyID]++
		if v, ok := merged[k]; ok {
			obj += v
		} else {
			obj += m.Weight
		}
	}
	for k, l := range lockedAt {
		if !pairs[k] {
			return fmt.Errorf("locked meeting %v missing", l)
		}
	}
	for id, p := range ss {
		if p.cap > 0 && deg[id] > max(p.cap, lockedDeg[id]) {
			return fmt.Errorf("startup %s has %d meetings over its cap %d", id, deg[id], p.cap)
		}
	}
	for id, p := range cs {
		if p.cap > 0 && deg[id] > max(p.cap, lockedDeg[id]) {
			return fmt.Errorf("company %s has %d meetings over its cap %d", id, deg[id], p.cap)
		}
	}
	// The fairness reward, per the documented objective.
	hasPairs := map[string]int{}
	floorOf := map[string]int{}
	for k := range weight {
		if !excluded[k] {
			if _, l := lockedAt[k]; !l {
				hasPairs[k.StartupID]++
			}
		}
	}
	for _, l := range in.Locked {
		hasPairs[l.StartupID]++
	}
	for _, s := range in.Startups {
		free := in.NumSlots
		for t := range ss[s.ID].unav {
			if t >= 0 && t < in.NumSlots {
				free--
			}
		}
		f := min(in.FairnessFloor, hasPairs[s.ID], capOfTest(s.Cap, free))
		obj += b.Floor * float64(min(f, deg[s.ID]))
		floorOf[s.ID] = f
	}
	// Lower bounds: every must-meet placed and every startup at its floor,
	// unless listed in Relaxed with a reason; nothing else listed.
	relaxed := map[[2]string]Relaxation{}
	for _, r := range res.Relaxed {
		key := [2]string{r.Kind + ":" + r.StartupID, r.CompanyID}
		if _, dup := relaxed[key]; dup {
			return fmt.Errorf("relaxation %+v listed twice", r)
		}
		relaxed[key] = r
		if r.Reason == "" || r.Message.Ja == "" || r.Message.En == "" || (r.Stage != StageSelection && r.Stage != StageSlotting) {
			return fmt.Errorf("relaxation %+v without a stage, reason or bilingual message", r)
		}
	}
	for k, f := range flags {
		if !f[0] || excluded[k] || pairs[k] {
			continue
		}
		if _, l := lockedAt[k]; l {
			continue
		}
		r, ok := relaxed[[2]string{RelaxMustMeet + ":" + k.StartupID, k.CompanyID}]
		if !ok || r.Want != 1 || r.Kept != 0 {
			return fmt.Errorf("must-meet %v neither placed nor reported relaxed (%+v)", k, r)
		}
		delete(relaxed, [2]string{RelaxMustMeet + ":" + k.StartupID, k.CompanyID})
	}
	below := 0
	for id, f := range floorOf {
		if deg[id] >= f {
			continue
		}
		below++
		r, ok := relaxed[[2]string{RelaxFloor + ":" + id, ""}]
		if !ok || r.Want != f || r.Kept != deg[id] {
			return fmt.Errorf("startup %s has %d meetings, below its floor %d, reported as %+v", id, deg[id], f, r)
		}
		delete(relaxed, [2]string{RelaxFloor + ":" + id, ""})
	}
	if len(relaxed) > 0 {
		return fmt.Errorf("relaxations reported for lower bounds that are met: %+v", relaxed)
	}
	if res.Stats.BelowFloor != below {
		return fmt.Errorf("stats say %d startups below the floor, counted %d", res.Stats.BelowFloor, below)
	}
	if math.Abs(obj-res.Objective) > 1e-6*math.Max(1, obj) {
		return fmt.Errorf("objective %v, recomputed %v", res.Objective, obj)
	}
	if res.Objective > res.Bound+1e-6*math.Max(1, res.Bound) {
		return fmt.Errorf("objective %v above bound %v", res.Objective, res.Bound)
	}
	for _, u := range res.Unplaced {
		k := event.PairKey{StartupID: u.StartupID, CompanyID: u.CompanyID}
		if pairs[k] {
			return fmt.Errorf("pair %v both placed and unplaced", k)
		}
		switch u.Reason {
		case ReasonNoCommonSlot, ReasonParticipantFull, ReasonTablesFull, ReasonMustMeetsOverCap:
		default:
			return fmt.Errorf("pair %v unplaced for reason %q", k, u.Reason)
		}
		if u.Message.Ja == "" || u.Message.En == "" {
			return fmt.Errorf("pair %v: reason without a bilingual message", k)
		}
	}
	if res.Stats.Meetings != len(res.Meetings) {
		return fmt.Errorf("stats say %d meetings, have %d", res.Stats.Meetings, len(res.Meetings))
	}
	return nil
}

func capOfTest(cap, free int) int {
	if cap > 0 && cap < free {
		return cap
	}
	return free
}
