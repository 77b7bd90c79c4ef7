// Package schedule builds an event's timetable: it chooses which
// startup–company pairs meet and places each meeting in a slot and at a
// table, so that nobody is in two meetings at once, every meeting falls in
// a slot both sides can attend, no slot uses more tables than the venue
// has, and every cap, lock and exclusion is respected.
//
// Why it is built this way. The organizer needs a timetable nobody can
// fault and a number saying how good it is. The problem (choosing pairs
// and slots at once, with availability) is NP-hard, so Solve works in
// stages and proves how far from optimal it may be:
//
//  1. Selection: a max-weight b-matching with lower bounds solved exactly
//     as a min-cost circulation (our own, see flow.go: lower bounds by the
//     standard transformation, a super-source/super-sink maximum flow for
//     feasibility, then cost-scaling push-relabel). It keeps every cap (per
//     startup min(Cap, available slots), per company min(Cap, available
//     slots × parallel tables), and the venue's NumSlots × TablesPerSlot)
//     and the lower bounds (below) but ignores when meetings happen.
//     Bipartite b-matching is totally unimodular, so its optimum is an
//     upper bound on every timetable meeting the same lower bounds:
//     Result.Bound.
//  2. Slotting: the chosen meetings are coloured with slots. Without
//     availability a bipartite multigraph of maximum degree K is K-edge
//     colourable (König); insertion makes that constructive with real
//     Kempe exchanges (kempe, moveTo: an alternating (a, b) path moved
//     from one slot to the other, balance for a full slot), so such a set
//     always fits (TestKonigAlwaysFits). With availability lists and table
//     limits it is not always possible, so insertion falls back to
//     ejection chains. When that first timetable leaves a gap, the LP
//     relaxation of the time-indexed model (a variable per pair and slot
//     both attend; every lower bound soft at a price above any meeting) is
//     solved by a first-order method (pdlp.go: restarted primal–dual
//     hybrid gradient with diagonal preconditioning, as PDLP); on hard
//     events its solution is nearly integral, and a second timetable is
//     built from it (placeGuided: pairs by LP value, each in its LP slot),
//     the better of the two kept. A large-neighbourhood search follows: half its
//     rounds re-optimise one participant's meetings exactly as a min-cost
//     assignment (exact.go: lower bounds first, then the objective), the
//     others remove and re-insert them greedily; moves that lose
//     objective are kept by simulated annealing (never moves that meet
//     fewer lower bounds), and the best timetable is kept. It runs until
//     the time limit, a round or stall cap (default limits only), or the
//     bound is reached.
//  3. Report: Result.Objective over Result.Bound gives the gap; the bound
//     is the selection's or, when that leaves a gap, the least of it, the
//     LP relaxation's dual bound for exactly the lower bounds met (valid
//     for any dual iterate: b·y + Σ max(0, reduced cost) per variable's
//     upper bound) and a Lagrangian relaxation of the per-slot constraints
//     started from the LP's per-slot duals (lagrange.go);
//     Result.BoundMethod says which. Every
//     must-meet or requested pair not placed, and every pair the flow chose
//     but slotting could not place, is listed with a reason in
//     Result.Unplaced, and every lower bound not met in Result.Relaxed.
//
// Lower bounds. Every must-meet pair is forced (lower bound 1 on its flow
// arc) and every startup with pairs must get at least its floor,
// min(FairnessFloor, its effective cap, its pairs + locked meetings)
// (lower bound on its floor arc). They are constraints, not bonuses. When
// the caps cannot hold them together (a company with more must-meets than
// meetings, a venue short of tables, floors competing for the same
// companies) the feasibility flow fails and a relaxation flow drops as few
// as possible: every lower-bound arc gets a relief arc that carries the
// units that cannot be sent, at 3 per must-meet and 1 per floor unit (a
// must-meet frees room for at most two floor units, so it goes only when
// nothing else helps); among the least relaxations the objective decides
// which (a second relief flow with the objective and the relief costs
// scaled far above it; the first flow's answer is used if that one is not
// least). Slotting then treats the lower bounds lexicographically: no
// move may leave more of them unmet, whatever it gains. Whatever the
// timetable finally does not meet (dropped by the relaxation flow, or for
// which no free common slot was found) is listed in Result.Relaxed with
// its stage and reason; the problem Solve answers is the one with exactly
// the remaining lower bounds, and Result.Bound is the selection optimum
// for those (the selection is solved again when slotting relaxed more), so
// Objective ≤ Bound always holds. WriteLP with the result writes the same
// lower bounds (must_ rows "= 1", least_ rows "≥ floor").
//
// Objective. Every placed pair earns its Weight (the matching score in
// [0,1]) plus Bonuses.MustMeet when both sides asked for it and
// Bonuses.Requested when one side did; every startup earns Bonuses.Floor
// for each of its first FairnessFloor meetings. With the lower bounds in
// force the must-meet and floor bonuses are only weights (constant while
// every lower bound is met); they still steer the search and the choice
// among relaxations, and Objective, Bound and the LP written by WriteLP
// all use exactly these coefficients.
//
// Re-runs. Locked placements never move and count against every cap.
// Excluded pairs are never proposed; the command line puts there, besides
// "no thanks" and conflicts, every pair whose stored meeting is cancelled
// AND locked: an organizer's cancellation that stands. A cancelled meeting
// that is not locked (the store cancels those a re-run drops) does not
// exclude its pair.
// Input.Previous (the last saved timetable) makes a re-run conservative:
// the selection gives kept pairs a small tie-breaking bonus that is not
// part of the objective (the bound is then computed without it), kept
// meetings are re-inserted at their old slot and table first, and the
// search charges Options.MoveCost per moved meeting. Result.Moved counts
// the meetings of Previous that are still scheduled in a different slot or
// at a different table.
//
// Building the input. BuildInput (BuildInputFunc for callers with their
// own pair type) is the one place the command line and the desktop app
// turn stored records and scored pairs into an Input: caps (the record's,
// else the event's default), parallel tables, availability, the fairness
// floor, exclusions (no thanks, conflicts, organizer cancellations),
// locked meetings (locked, held, and confirmed ones on request) and the
// previous timetable.
//
// Candidate pruning. A large event scores millions of pairs above the
// minimum score (20,000 startups × 500 companies: about 9 million), far
// more than any timetable uses (a startup meets a handful of companies).
// Unless BuildOptions.AllPairs is set, BuildInput keeps only (Prune):
// every must-meet, requested, locked and previous pair; each startup's
// best max(4 × its effective cap, 20) companies; and each company's best
// max(4 × its effective cap, 50) startups (ties to the lower ID). The
// problem Solve answers is then the one over the kept candidates:
// Result.Bound is the optimum over those, not over every scored pair, and
// Stats.CandidatesScored and Stats.CandidatesKept say how many were
// scored and kept. On random medium instances the pruned objective stays
// within 1% of the unpruned one (TestPruneObjective); pass AllPairs (the
// command line's --all-pairs) for the bound over every pair.
//
// The package is pure Go and keeps no package-level mutable state; it
// compiles for js/wasm.
package schedule
