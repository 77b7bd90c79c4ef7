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
//  1. Selection: a max-weight b-matching solved exactly as a min-cost
//     circulation (our own cost-scaling push-relabel, see flow.go). It
//     keeps every cap (per startup min(Cap, available slots), per company
//     min(Cap, available slots × parallel tables), and the venue's
//     NumSlots × TablesPerSlot) but ignores when meetings happen. Bipartite
//     b-matching is totally unimodular, so its optimum is an upper bound on
//     every timetable: Result.Bound.
//  2. Slotting: the chosen meetings are coloured with slots. Without
//     availability a bipartite multigraph of maximum degree K is K-edge
//     colourable (König); with per-participant availability lists and a
//     table limit per slot it is not always, so insertion uses ejection
//     chains (Kempe-style alternating moves that shift blocking meetings
//     to other slots) and then a large-neighbourhood search that removes
//     and re-inserts the meetings around one participant or slot, also
//     trying candidate pairs the flow left out, to fill the gaps.
//  3. Report: Result.Objective over Result.Bound gives the gap; every
//     must-meet or requested pair not placed, and every pair the flow chose
//     but slotting could not place, is listed with a reason.
//
// Objective. Every placed pair earns its Weight (the matching score in
// [0,1]) plus Bonuses.MustMeet when both sides asked for it and
// Bonuses.Requested when one side did; every startup earns Bonuses.Floor
// for each of its first FairnessFloor meetings. The default must-meet
// bonus (6) exceeds the most that two displaced meetings can be worth
// (2 × (1 + 1) + 1), so the flow drops a must-meet only when a participant
// is already full of other must-meets; the floor bonus (1) exceeds any
// difference of two scores, so a company prefers a startup still below
// the floor. This is the penalty form of the lower-bound transformation:
// when the floors and must-meets can be met it gives the same selection,
// and when they cannot it relaxes them as little as the weights allow and
// the report says which were missed. Objective, Bound and the LP written by
// WriteLP all use exactly these coefficients.
//
// Re-runs. Locked placements never move and count against every cap.
// Input.Previous (the last saved timetable) makes a re-run conservative:
// the selection gives kept pairs a small tie-breaking bonus that is not
// part of the objective (the bound is then computed without it), kept
// meetings are re-inserted at their old slot and table first, and the
// search charges Options.MoveCost per moved meeting. Result.Moved counts
// the meetings of Previous that are still scheduled in a different slot or
// at a different table.
//
// The package is pure Go and keeps no package-level mutable state; it
// compiles for js/wasm.
package schedule
