package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"pitchmatch/event"
	"pitchmatch/matching/schedule"
)

// MinPairScore is the lowest score a pair needs to be a scheduling
// candidate (must-meet pairs are always candidates).
const MinPairScore = 0.2

// Plan is a computed schedule ready to store.
type Plan struct {
	Result   *schedule.Result
	Meetings []event.Meeting // the meetings to pass to Store.ReplaceMeetings
	// Input and Read are the problem solved and the stored meetings it
	// was computed from, for SavePlan's merge.
	Input *schedule.Input
	Read  []event.Meeting
	// Options are the scheduler's options, reused by SavePlan's re-solve.
	Options schedule.Options
}

// SavePlan stores plan with schedule.SaveMerged, as the command line does:
// meetings changed elsewhere since the plan was computed (confirmed in the
// portal while the organizer looked at the plan, say) are kept as stored
// and the rest of the plan is re-solved around them. It returns the
// meetings kept. A store without ReplaceMeetingsFrom gets ReplaceMeetings.
func SavePlan(ctx context.Context, store event.Store, actor string, plan *Plan) ([]event.Meeting, error) {
	ms, ok := store.(schedule.MeetingStore)
	if !ok || plan.Input == nil {
		return nil, store.ReplaceMeetings(ctx, actor, plan.Meetings)
	}
	opt := plan.Options
	opt.Progress = nil
	out, err := schedule.SaveMerged(ctx, ms, actor, plan.Input, plan.Result, plan.Read, opt)
	if err != nil {
		return nil, err
	}
	plan.Result, plan.Meetings, plan.Input = out.Result, out.Saved, out.Input
	return out.Kept, nil
}

// PlanMeetings turns a scheduler result into meetings for ReplaceMeetings
// with schedule.MeetingsToSave, the one rule the command line uses too
// (IDs, UIDs, versions and statuses of stored meetings).
func PlanMeetings(d *Data, res *schedule.Result) []event.Meeting {
	return schedule.MeetingsToSave(res, d.Meetings)
}

// ComputePlan scores the pairs, runs the scheduler and returns the plan.
// progress reports the stage ("score", then the scheduler's stages) with
// counts; it may be called from several goroutines but never concurrently.
func ComputePlan(ctx context.Context, d *Data, progress func(stage string, done, total int)) (*Plan, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	progress("prepare", 0, 1)
	m, err := PrepareModel(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("prepare ranking: %w", err)
	}
	// Scored and pruned as they come: only the kept pairs are held.
	in, err := schedule.BuildInputStream(schedule.Records{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Interests: d.Interests,
		Availability: d.Availability, Meetings: d.Meetings}, schedule.BuildOptions{},
		schedule.FeedScores(ctx, m, MinPairScore, func(done, total int) { progress("score", done, total) }, nil))
	if err != nil {
		return nil, fmt.Errorf("score pairs: %w", err)
	}
	opt := schedule.Options{Seed: 1, MoveCost: schedule.MoveCostFor(d.Event), Progress: progress}
	res, err := schedule.Solve(ctx, in, opt)
	if err != nil {
		return nil, err
	}
	return &Plan{Result: res, Meetings: PlanMeetings(d, res), Input: &in, Read: d.Meetings, Options: opt}, nil
}

// MoveProblem is why a meeting cannot go to a slot and table.
type MoveProblem struct {
	Key  string     // "mv.locked", or "mv." + the event.PlaceKind
	Msg  event.Text // the placement rule's message (empty for mv.locked)
	Args []any
}

// Text renders the problem in lang.
func (p MoveProblem) Text(lang event.Lang) string {
	if !p.Msg.IsZero() {
		return p.Msg.In(lang)
	}
	return tr(lang, p.Key, p.Args...)
}

// Venue is the event's placement rules' view of d (see event.Venue).
func (d *Data) Venue() *event.Venue {
	return event.NewVenue(d.Event, d.Companies, d.Availability)
}

// CheckMove lists the conflicts moving meeting m (by index into
// d.Meetings) to slot and table would cause: a locked meeting, then every
// placement rule of event.Venue.Check it would break (slot or table out
// of range, a table already used in that slot, either side already
// meeting someone then — a company up to its parallel tables —, the pair
// meeting twice, a side unavailable). An empty result means the move is
// allowed.
func (d *Data) CheckMove(idx, slot, table int) []MoveProblem {
	return d.checkAt(d.Venue(), d.Meetings[idx], slot, table, d.Meetings, idx)
}

// CheckSwap lists the conflicts of swapping the places of meetings a and b
// (indexes into d.Meetings), by the same placement rule (event.Venue):
// each is checked at the other's place with the other already moved.
func (d *Data) CheckSwap(a, b int) []MoveProblem {
	v := d.Venue()
	ma, mb := d.Meetings[a], d.Meetings[b]
	others := append([]event.Meeting(nil), d.Meetings...)
	others[b].Slot, others[b].Table = ma.Slot, ma.Table
	out := d.checkAt(v, ma, mb.Slot, mb.Table, others, a)
	others[b] = mb
	others[a].Slot, others[a].Table = mb.Slot, mb.Table
	return append(out, d.checkAt(v, mb, ma.Slot, ma.Table, others, b)...)
}

// checkAt is the lock, then every rule of v.Check, as move problems.
func (d *Data) checkAt(v *event.Venue, m event.Meeting, slot, table int, others []event.Meeting, skip int) []MoveProblem {
	var out []MoveProblem
	if m.Locked {
		out = append(out, MoveProblem{Key: "mv.locked"})
	}
	label := ""
	if slot >= 0 && slot < d.Event.NumSlots() {
		label = d.SlotLabel(slot)
	}
	for _, p := range v.Check(m, slot, table, others, skip) {
		out = append(out, MoveProblem{Key: "mv." + string(p.Kind), Msg: p.Text(label)})
	}
	return out
}

// SlotLabel is "D1 10/14 10:00" for slot index i: the day, its date and
// the start time.
func (d *Data) SlotLabel(i int) string {
	slots := d.Event.Slots()
	if i >= 0 && i < len(slots) {
		return fmt.Sprintf("D%d %s", slots[i].Day+1, slots[i].Start.Format("1/2 15:04"))
	}
	return "#" + strconv.Itoa(i+1)
}

// Grid maps slot×table to the index of the active meeting there (-1 when
// free).
func (d *Data) Grid() [][]int {
	g := make([][]int, d.Event.NumSlots())
	for s := range g {
		g[s] = make([]int, d.Event.Tables)
		for t := range g[s] {
			g[s][t] = -1
		}
	}
	for i, m := range d.Meetings {
		if m.Active() && m.Slot >= 0 && m.Slot < len(g) && m.Table >= 0 && m.Table < len(g[m.Slot]) {
			g[m.Slot][m.Table] = i
		}
	}
	return g
}

// AgendaItem is one line of a participant's agenda.
type AgendaItem struct {
	Slot      string
	Table     int
	With      string
	Theme     string
	Status    string
	Locked    bool
	MeetingIx int
	OtherIn   bool // the other side has checked in on the meeting's day
}

// Agenda lists the active meetings of a startup or company by slot.
func (d *Data) Agenda(id string, lang event.Lang) []AgendaItem {
	var out []AgendaItem
	slots := d.Event.Slots()
	idx := make([]int, 0)
	for i, m := range d.Meetings {
		if m.Active() && (m.StartupID == id || m.CompanyID == id) {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return d.Meetings[idx[a]].Slot < d.Meetings[idx[b]].Slot })
	for _, i := range idx {
		m := d.Meetings[i]
		it := AgendaItem{Table: m.Table + 1, Status: event.MeetingStatuses.Label(string(m.Status), lang), Locked: m.Locked, MeetingIx: i}
		if m.Slot < len(slots) {
			s := slots[m.Slot]
			it.Slot = s.Label() + "–" + s.End.Format("15:04")
		}
		sIn, cIn := d.meetingArrivals(&m)
		if m.StartupID == id {
			it.With = m.CompanyID + " " + d.CompanyName(m.CompanyID, lang)
			it.OtherIn = cIn
		} else {
			it.With = m.StartupID + " " + d.StartupName(m.StartupID, lang)
			it.OtherIn = sIn
		}
		if t := d.Theme(m.ThemeID); t != nil {
			it.Theme = t.Title.In(lang)
		}
		out = append(out, it)
	}
	return out
}
