package schedule

import (
	"time"

	"pitchmatch/event"
)

// Participant is one startup or company as the scheduler sees it.
type Participant struct {
	ID string
	// Cap is the most meetings the participant may have; 0 means no cap
	// beyond what its available slots allow.
	Cap int
	// Tables is how many meetings a company can hold in one slot (its scout
	// teams); values below 1 mean 1. Startups always meet one at a time.
	Tables int
	// Unavailable lists 0-based slot indexes the participant cannot attend.
	Unavailable []int
}

// Candidate is a pair that may meet, with its score and what was asked.
// Several candidates for the same pair (one per theme) are allowed; the
// pair meets at most once, for its best theme.
type Candidate struct {
	StartupID string
	CompanyID string
	ThemeID   string
	Weight    float64 // matching score in [0,1]
	MustMeet  bool    // both sides asked
	Requested bool    // one side asked
}

// Placement is a meeting in a slot at a table.
type Placement struct {
	StartupID string  `json:"startup_id"`
	CompanyID string  `json:"company_id"`
	ThemeID   string  `json:"theme_id"`
	Slot      int     `json:"slot"`  // 0-based slot index
	Table     int     `json:"table"` // 0-based table index
	Weight    float64 `json:"score"` // the pair's score (0 for a locked pair with no candidate)
	Locked    bool    `json:"locked,omitempty"`
}

// Bonuses are the objective's extra points; see the package documentation.
// Must-meets and the fairness floor are forced by lower bounds, not by
// these: the bonuses only weight the objective.
type Bonuses struct {
	MustMeet  float64 // per placed must-meet pair
	Requested float64 // per placed requested pair
	Floor     float64 // per meeting of a startup up to the fairness floor
}

// DefaultBonuses are the bonuses used when Input.Bonuses is nil.
func DefaultBonuses() Bonuses { return Bonuses{MustMeet: 6, Requested: 1, Floor: 1} }

// Input is one scheduling problem.
type Input struct {
	NumSlots      int
	TablesPerSlot int
	Startups      []Participant
	Companies     []Participant
	Candidates    []Candidate
	// Excluded pairs (no thanks, conflicts) are never scheduled, even if a
	// candidate or a previous placement names them. Locked placements are
	// kept regardless: they are the organizer's explicit decision.
	Excluded []event.PairKey
	// Locked placements never move and count against every cap.
	Locked []Placement
	// Previous is the last saved timetable; a re-run moves as few of its
	// meetings as it can.
	Previous []Placement
	// FairnessFloor: each startup with candidates gets at least this many
	// meetings (capped by its effective cap and its pairs), a lower bound
	// relaxed only where the caps or the timetable cannot meet it (then
	// listed in Result.Relaxed).
	FairnessFloor int
	// Bonuses overrides DefaultBonuses.
	Bonuses *Bonuses
	// CandidatesScored is how many candidates there were before pruning
	// (BuildInput sets it); 0 means Candidates is every scored candidate.
	// Only reported, in Stats.CandidatesScored.
	CandidatesScored int
}

// Options tune the search; the zero value is usable.
type Options struct {
	// Progress, if set, is called with a stage name and progress counts.
	Progress func(stage string, done, total int)
	// Seed makes the search reproducible; equal seeds give equal results.
	Seed int64
	// TimeLimit bounds the large-neighbourhood search. The default
	// (DefaultTimeLimit) grows with the instance: 3 s plus 20 µs per
	// candidate pair, at most 20 s. A limit given here is used in full:
	// the search then has no round or stall cap and stops early only when
	// its objective reaches the bound (proven optimal) or ctx ends. The
	// selection always runs to optimality.
	TimeLimit time.Duration
	// LNSIterations bounds the large-neighbourhood search by rounds
	// (default: 100 per participant, at least 20,000, when TimeLimit is not
	// given; no cap when it is); negative disables it. A search bounded
	// by rounds alone (LNSIterations set, TimeLimit 0) skips the LP
	// relaxation, which is bounded by time, so equal seeds give equal
	// results.
	LNSIterations int
	// MoveCost is the objective the search gives up to avoid moving one
	// meeting of Input.Previous (default 0.05; negative means 0).
	MoveCost float64
}

// Reasons a pair could not be placed.
const (
	ReasonNoCommonSlot    = "no_common_free_slot" // no slot both sides are available and free in
	ReasonParticipantFull = "participant_full"    // a side has reached its cap
	ReasonTablesFull      = "tables_full"         // every common free slot has no table left
	ReasonNotSelected     = "not_selected"        // feasible, but higher-value meetings filled the schedule
	// ReasonMustMeetsOverCap: the must-meets (with locked meetings) exceed
	// a participant's cap or, with the other lower bounds, the venue.
	ReasonMustMeetsOverCap = "must_meets_over_capacity"
	// ReasonFloorOverCap: a startup's fairness floor cannot be guaranteed
	// within its pairs' and the venue's capacity.
	ReasonFloorOverCap = "floor_over_capacity"
	// ReasonFloorNoSlot: the floor fits the caps, but the timetable found
	// no free common slot for the missing meetings.
	ReasonFloorNoSlot = "floor_no_slot"
)

// Kinds of lower bound in Relaxation.
const (
	RelaxMustMeet = "must_meet" // a must-meet pair not scheduled
	RelaxFloor    = "floor"     // a startup below its fairness floor
)

// Stages at which a lower bound was relaxed.
const (
	// StageSelection: the caps alone cannot hold it, found by the
	// selection's feasibility flow before any timetable exists.
	StageSelection = "selection"
	// StageSlotting: the caps hold it but no timetable slot was found.
	StageSlotting = "slotting"
)

// Relaxation is a lower bound (a must-meet or a startup's fairness floor)
// the timetable does not meet. Result.Bound and WriteLP with the result
// use exactly the lower bounds that remain.
type Relaxation struct {
	Kind      string     `json:"kind"` // RelaxMustMeet or RelaxFloor
	StartupID string     `json:"startup_id"`
	CompanyID string     `json:"company_id,omitempty"` // must-meets only
	Want      int        `json:"want"`                 // 1 for a must-meet; the startup's floor
	Kept      int        `json:"kept"`                 // the lower bound kept instead (its meetings)
	Stage     string     `json:"stage"`                // StageSelection or StageSlotting
	Reason    string     `json:"reason"`
	Message   event.Text `json:"message"`
}

// Unplaced is a pair that could not be placed, with the reason.
type Unplaced struct {
	StartupID string     `json:"startup_id"`
	CompanyID string     `json:"company_id"`
	ThemeID   string     `json:"theme_id"`
	Reason    string     `json:"reason"`
	Message   event.Text `json:"message"`
	MustMeet  bool       `json:"must_meet,omitempty"`
	Requested bool       `json:"requested,omitempty"`
}

// Spread is the minimum, mean and maximum of a count.
type Spread struct {
	Min  int     `json:"min"`
	Mean float64 `json:"mean"`
	Max  int     `json:"max"`
}

// Stats is the report beside the objective.
type Stats struct {
	Meetings        int      `json:"meetings"`
	Locked          int      `json:"locked"`
	ScoreSum        float64  `json:"score_sum"` // sum of scores without bonuses
	StartupMeetings Spread   `json:"startup_meetings"`
	CompanyMeetings Spread   `json:"company_meetings"`
	TableUse        float64  `json:"table_use"` // meetings / (slots × tables), in percent
	BusiestSlot     int      `json:"busiest_slot"`
	MustMeets       int      `json:"must_meets"`
	MustMeetsPlaced int      `json:"must_meets_placed"`
	Requested       int      `json:"requested"`
	RequestedPlaced int      `json:"requested_placed"`
	BelowFloor      int      `json:"below_floor"`      // startups with candidates below the fairness floor
	FlowSelected    int      `json:"flow_selected"`    // pairs in the bound's solution
	Moved           int      `json:"moved"`            // previous meetings now in another slot or at another table
	Dropped         int      `json:"dropped"`          // previous meetings no longer scheduled
	Added           int      `json:"added"`            // meetings not in Previous
	LNSRounds       int      `json:"lns_rounds"`       // large-neighbourhood rounds run
	BoundIterations int      `json:"bound_iterations"` // Lagrangian iterations run (0: none)
	Elapsed         float64  `json:"elapsed_ms"`       // wall-clock time of Solve
	Warnings        []string `json:"warnings,omitempty"`

	// CandidatesScored is how many candidates were scored
	// (Input.CandidatesScored, else len(Input.Candidates)); CandidatesKept
	// how many Solve was given after pruning (see Prune). Bound is the
	// optimum over the kept candidates.
	CandidatesScored int `json:"candidates_scored"`
	CandidatesKept   int `json:"candidates_kept"`
}

// Result is a timetable and its report.
type Result struct {
	Objective float64 `json:"objective"`
	Bound     float64 `json:"bound"`
	Gap       float64 `json:"gap"` // (bound − objective) / bound, in percent
	// BoundMethod says how Bound was found: BoundSelection (slots
	// ignored), BoundLP (the dual of the time-indexed LP relaxation) or
	// BoundLagrangian (per-slot constraints priced, started from the LP's
	// duals when it ran).
	BoundMethod string      `json:"bound_method"`
	Meetings    []Placement `json:"meetings"`
	Unplaced    []Unplaced  `json:"unplaced"`
	// Relaxed lists every must-meet not scheduled and every startup below
	// its fairness floor, with the reason.
	Relaxed []Relaxation `json:"relaxed"`
	Stats   Stats        `json:"stats"`
	Moved   int          `json:"moved"`
	// Conflicts are the locked meetings that are infeasible where they
	// are (a side unavailable in their slot): kept there, each with a
	// proposed move into the final timetable when one exists. Re-run with
	// BuildOptions.MoveConflicts (the CLI's --move-conflicts) to let the
	// scheduler move them instead.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Conflict is a locked meeting that broke a placement rule where it is.
type Conflict struct {
	Meeting  Placement  `json:"meeting"`
	Problems []string   `json:"problems"` // event.PlaceKind of each broken rule
	Message  event.Text `json:"message"`
	// Proposed is a slot and table both sides attend where the meeting
	// fits the final timetable as it is (nil when none does).
	Proposed *Placement `json:"proposed,omitempty"`
}

// DefaultTimeLimit is the search time Solve allows when Options.TimeLimit
// is 0: 3 s plus 20 µs per candidate pair, at most 20 s.
func DefaultTimeLimit(pairs int) time.Duration {
	return min(20*time.Second, 3*time.Second+time.Duration(pairs)*20*time.Microsecond)
}
