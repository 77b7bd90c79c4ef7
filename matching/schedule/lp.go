package schedule

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteLP writes in as a mixed-integer program in CPLEX LP format, so that
// any LP/MIP solver can check Solve's objective and bound independently.
//
// There is one binary x_STARTUP_COMPANY_SLOT per candidate pair and slot
// both sides are available in (0-based slot; IDs with characters the
// format does not allow have them replaced by '_'), plus the locked
// meetings' variables fixed to 1. The objective uses exactly Solve's
// coefficients (score plus bonuses) and a continuous y_STARTUP ≤ floor per
// startup worth Bonuses.Floor each, bounded by its meetings. Constraints:
// each pair at most once; per-participant caps; a startup in at most one
// meeting per slot and a company in at most its parallel tables; at most
// TablesPerSlot meetings per slot; the lower bounds: each must-meet pair
// exactly once (must_ rows) and each startup at least its fairness floor
// (least_ rows, locked meetings counted).
//
// The lower bounds are relaxed as Solve relaxes them. With res (Solve's
// result for in) they are exactly those res meets: every entry of
// res.Relaxed is dropped or lowered, so res's timetable is feasible, the
// model's optimum lies between res.Objective and res.Bound, and
// res.Bound is the optimum of its relaxation without the per-slot rows.
// With res nil they are the selection stage's: what the caps can hold
// together (the same relaxation flow as Solve's); a timetable may still
// need more relaxing, and the model can then be infeasible.
//
// ctx bounds the work (the relaxation flow and the writing, checked every
// few thousand variables); when it ends WriteLP returns its error.
func WriteLP(ctx context.Context, w io.Writer, in Input, res *Result) error {
	return writeLP(ctx, w, in, res, false)
}

// writeLP is WriteLP; with soft every lower bound (every must-meet with a
// common slot, every floor) is kept but may be missed at a price: relief
// variables r_must_… (0..1, worth 3) and r_least_… (0..floor, worth 1 per
// meeting) are subtracted from the objective times softPenalty, a number
// above any objective. The model's optimum is then the exact
// lexicographic optimum Solve aims at: the least relief (Solve's
// relaxation measure, must-meets at 3 and floor units at 1), then the
// best objective; it is never infeasible. res is ignored.
func writeLP(ctx context.Context, w io.Writer, in Input, res *Result, soft bool) error {
	p, err := newProblem(&in)
	if err != nil {
		return err
	}
	var lb *lowerBounds
	if soft {
		lb = initialBounds(p)
		for i := range p.pairs {
			if p.pairs[i].common == 0 {
				lb.forced[i] = false
			}
		}
	} else if res != nil {
		lb = boundsOf(p, res)
	} else {
		lb = initialBounds(p)
		for i := range p.pairs {
			if p.pairs[i].common == 0 {
				lb.forced[i] = false
			}
		}
		if _, err := relax(ctx, p, lb, map[int32]Relaxation{}, map[int32]Relaxation{}); err != nil {
			return err
		}
	}
	sName := make([]string, len(p.sID))
	cName := make([]string, len(p.cID))
	seen := map[string]string{}
	for i, id := range p.sID {
		sName[i] = lpName(id)
		if old, dup := seen["s"+sName[i]]; dup {
			return invalid("startup IDs %q and %q are the same in an LP file", old, id)
		}
		seen["s"+sName[i]] = id
	}
	for i, id := range p.cID {
		cName[i] = lpName(id)
		if old, dup := seen["c"+cName[i]]; dup {
			return invalid("company IDs %q and %q are the same in an LP file", old, id)
		}
		seen["c"+cName[i]] = id
	}
	type v struct {
		s, c, t int32
		coef    float64
		locked  bool
	}
	var vars []v
	for _, l := range p.locked {
		vars = append(vars, v{l.s, l.c, l.slot, l.coef, true})
	}
	for i := range p.pairs {
		e := &p.pairs[i]
		for t := 0; t < p.K; t++ {
			if p.both(e, t) {
				vars = append(vars, v{e.s, e.c, int32(t), e.coef, false})
			}
		}
	}
	name := func(x v) string { return "x_" + sName[x.s] + "_" + cName[x.c] + "_" + strconv.Itoa(int(x.t)) }
	bw := bufio.NewWriter(w)
	lw := &lpWriter{w: bw}
	fmt.Fprintf(bw, "\\ PitchMatch timetable: %d startups, %d companies, %d slots x %d tables, %d variables\n",
		len(p.sID), len(p.cID), p.K, p.T, len(vars))
	fmt.Fprintf(bw, "\\ bonuses: must-meet %g, requested %g, floor %g per meeting up to %d\n",
		p.bonus.MustMeet, p.bonus.Requested, p.bonus.Floor, in.FairnessFloor)
	bw.WriteString("Maximize\n obj:")
	for i, x := range vars {
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		lw.term(x.coef, name(x))
	}
	useFloor := p.bonus.Floor > 0
	if useFloor {
		for s, f := range p.floor {
			if f > 0 {
				lw.term(p.bonus.Floor, "y_"+sName[s])
			}
		}
	}
	penalty := 0.0
	if soft {
		penalty = softPenalty(p)
		for i := range p.pairs {
			if e := &p.pairs[i]; lb.forced[i] {
				lw.term(-float64(reliefMust/reliefFloor)*penalty, "r_must_"+sName[e.s]+"_"+cName[e.c])
			}
		}
		for s, f := range lb.floor {
			if f > 0 {
				lw.term(-penalty, "r_least_"+sName[s])
			}
		}
	}
	if lw.n == 0 {
		lw.term(0, "dummy")
	}
	bw.WriteString("\nSubject To\n")
	row := func(label string, idx []int, extra string, sense string, rhs int) {
		if len(idx) == 0 && extra == "" {
			return
		}
		lw.n = 0
		fmt.Fprintf(bw, " %s:", label)
		if extra != "" {
			lw.term(1, extra)
		}
		for _, i := range idx {
			lw.term(1, name(vars[i]))
		}
		fmt.Fprintf(bw, " %s %d\n", sense, rhs)
	}
	// Group variables by startup, company, pair and slot.
	byS := make([][]int, len(p.sID))
	byC := make([][]int, len(p.cID))
	byT := make([][]int, p.K)
	for i, x := range vars {
		byS[x.s] = append(byS[x.s], i)
		byC[x.c] = append(byC[x.c], i)
		byT[x.t] = append(byT[x.t], i)
	}
	for s, idx := range byS {
		var pairIdx []int
		for j, i := range idx {
			pairIdx = append(pairIdx, i)
			if j+1 == len(idx) || vars[idx[j+1]].c != vars[i].c {
				if len(pairIdx) > 1 {
					row("pair_"+sName[s]+"_"+cName[vars[i].c], pairIdx, "", "<=", 1)
				}
				pairIdx = pairIdx[:0]
			}
		}
	}
	for s, idx := range byS {
		if len(idx) > int(p.sCap[s]) {
			row("cap_"+sName[s], idx, "", "<=", int(max(p.sCap[s], p.sLocked[s])))
		}
	}
	for c, idx := range byC {
		if len(idx) > int(p.cCap[c]) {
			row("cap_"+cName[c], idx, "", "<=", int(max(p.cCap[c], p.cLocked[c])))
		}
	}
	perSlot := func(prefix string, names []string, groups [][]int, limit func(int) int) {
		buckets := make([][]int, p.K)
		for k, idx := range groups {
			for t := range buckets {
				buckets[t] = buckets[t][:0]
			}
			for _, i := range idx {
				buckets[vars[i].t] = append(buckets[vars[i].t], i)
			}
			for t, b := range buckets {
				if len(b) > limit(k) {
					row(prefix+names[k]+"_"+strconv.Itoa(t), b, "", "<=", limit(k))
				}
			}
		}
	}
	perSlot("busy_", sName, byS, func(int) int { return 1 })
	perSlot("busy_", cName, byC, func(c int) int { return int(p.cTables[c]) })
	// Table rows always, so the model has a row even when nothing else
	// binds (the format needs one).
	for t, idx := range byT {
		row("tables_"+strconv.Itoa(t), idx, "", "<=", p.T)
	}
	if len(vars) == 0 {
		row("empty", nil, "dummy", "<=", 0)
	}
	// Lower bounds: forced must-meets and the fairness floors.
	byPair := map[[2]int32][]int{}
	for i, x := range vars {
		if !x.locked {
			k := [2]int32{x.s, x.c}
			byPair[k] = append(byPair[k], i)
		}
	}
	for i := range p.pairs {
		e := &p.pairs[i]
		if lb.forced[i] && len(byPair[[2]int32{e.s, e.c}]) > 0 {
			extra := ""
			if soft {
				extra = "r_must_" + sName[e.s] + "_" + cName[e.c]
			}
			row("must_"+sName[e.s]+"_"+cName[e.c], byPair[[2]int32{e.s, e.c}], extra, "=", 1)
		}
	}
	for s, f := range lb.floor {
		if f > 0 {
			extra := ""
			if soft {
				extra = "r_least_" + sName[s]
			}
			row("least_"+sName[s], byS[s], extra, ">=", int(f))
		}
	}
	if useFloor {
		for s, f := range p.floor {
			if f > 0 {
				lw.n = 0
				fmt.Fprintf(bw, " floor_%s: y_%s", sName[s], sName[s])
				lw.n = 1
				for _, i := range byS[s] {
					lw.term(-1, name(vars[i]))
				}
				bw.WriteString(" <= 0\n")
			}
		}
	}
	bw.WriteString("Bounds\n")
	if soft {
		for i := range p.pairs {
			if e := &p.pairs[i]; lb.forced[i] {
				fmt.Fprintf(bw, " 0 <= r_must_%s_%s <= 1\n", sName[e.s], cName[e.c])
			}
		}
		for s, f := range lb.floor {
			if f > 0 {
				fmt.Fprintf(bw, " 0 <= r_least_%s <= %d\n", sName[s], f)
			}
		}
	}
	if useFloor {
		for s, f := range p.floor {
			if f > 0 {
				fmt.Fprintf(bw, " 0 <= y_%s <= %d\n", sName[s], f)
			}
		}
	}
	for _, x := range vars {
		if x.locked {
			fmt.Fprintf(bw, " %s = 1\n", name(x))
		}
	}
	bw.WriteString("Binary\n")
	for i, x := range vars {
		bw.WriteString(" " + name(x))
		if i%8 == 7 || i+1 == len(vars) {
			bw.WriteString("\n")
		}
	}
	bw.WriteString("End\n")
	return bw.Flush()
}

// softPenalty is a price per relief unit above any objective of p: one
// plus every positive coefficient and every floor bonus.
func softPenalty(p *problem) float64 {
	m := 1 + p.lockedValue()
	for i := range p.pairs {
		m += max(0, p.pairs[i].coef)
	}
	for _, f := range p.floor {
		m += p.bonus.Floor * float64(f)
	}
	return math.Ceil(m)
}

// boundsOf is the lower bounds res meets: all of them less res.Relaxed.
func boundsOf(p *problem, res *Result) *lowerBounds {
	lb := initialBounds(p)
	pairIdx := make(map[[2]string]int, len(p.pairs))
	for i := range p.pairs {
		pairIdx[[2]string{p.sID[p.pairs[i].s], p.cID[p.pairs[i].c]}] = i
	}
	sIdx := make(map[string]int, len(p.sID))
	for i, id := range p.sID {
		sIdx[id] = i
	}
	for _, r := range res.Relaxed {
		switch r.Kind {
		case RelaxMustMeet:
			if i, ok := pairIdx[[2]string{r.StartupID, r.CompanyID}]; ok {
				lb.forced[i] = false
			}
		case RelaxFloor:
			if s, ok := sIdx[r.StartupID]; ok && int32(r.Kept) < lb.floor[s] {
				lb.floor[s] = int32(max(0, r.Kept))
			}
		}
	}
	return lb
}

// lpWriter writes linear terms, breaking lines every few terms (CPLEX
// limits line length).
type lpWriter struct {
	w *bufio.Writer
	n int
}

func (l *lpWriter) term(coef float64, name string) {
	if l.n > 0 && l.n%8 == 0 {
		l.w.WriteString("\n   ")
	}
	sign := " + "
	if coef < 0 {
		sign, coef = " - ", -coef
	} else if l.n == 0 {
		sign = " "
	}
	l.w.WriteString(sign)
	if coef != 1 {
		l.w.WriteString(strconv.FormatFloat(coef, 'g', -1, 64))
		l.w.WriteString(" ")
	}
	l.w.WriteString(name)
	l.n++
}

// lpName keeps the characters CPLEX LP names allow, else '_'.
func lpName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			strings.ContainsRune("!\"#$%&()/,.;?@_`'{}|~", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
