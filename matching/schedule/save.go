package schedule

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"pitchmatch/event"
)

// MeetingsToSave is the one way a timetable becomes stored meetings (the
// desktop app and the command line both call it); pass the result to the
// store's ReplaceMeetings, which cancels the stored meetings left out.
//
// For each placement of res:
//   - a pair with a stored meeting keeps that record: its ID, calendar UID
//     and Version (so the store refuses the save if the record changed
//     since it was read), its Locked flag and its outcome. An active record
//     is preferred; otherwise the pair's cancelled record (the one with the
//     highest ID) is reused, so a calendar that had the meeting updates it
//     (same UID, higher sequence) instead of showing a second one;
//   - a locked placement (a locked, held or — with LockConfirmed —
//     confirmed meeting) is saved exactly as stored;
//   - otherwise slot, table, theme and score come from the placement, and
//     the status becomes proposed when the meeting moved (another slot or
//     table: whatever was confirmed was a different time) or was
//     cancelled; a meeting that stays where it was keeps its status;
//   - a pair without a stored meeting becomes a new proposed meeting.
//
// Sequence is left as stored: the store raises it whenever slot, table or
// status change. The result is ordered by slot, then table.
func MeetingsToSave(res *Result, stored []event.Meeting) []event.Meeting {
	byPair := make(map[event.PairKey]event.Meeting, len(stored))
	for _, m := range stored {
		k := event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}
		old, seen := byPair[k]
		switch {
		case !seen:
		case old.Active() && !m.Active():
			continue // prefer the active record of a pair
		case old.Active() == m.Active() && old.ID > m.ID:
			continue // else the latest record
		}
		byPair[k] = m
	}
	out := make([]event.Meeting, 0, len(res.Meetings))
	for _, p := range res.Meetings {
		m, ok := byPair[event.PairKey{StartupID: p.StartupID, CompanyID: p.CompanyID}]
		if !ok {
			out = append(out, event.Meeting{StartupID: p.StartupID, CompanyID: p.CompanyID, ThemeID: p.ThemeID,
				Slot: p.Slot, Table: p.Table, Status: event.StatusProposed, Score: p.Weight})
			continue
		}
		if p.Locked && m.Active() {
			out = append(out, m)
			continue
		}
		if !m.Active() || m.Slot != p.Slot || m.Table != p.Table {
			m.Status = event.StatusProposed
		}
		m.Slot, m.Table, m.ThemeID = p.Slot, p.Table, p.ThemeID
		if p.Weight > 0 || m.Score == 0 {
			m.Score = p.Weight
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Slot != out[j].Slot {
			return out[i].Slot < out[j].Slot
		}
		return out[i].Table < out[j].Table
	})
	return out
}

// Venue is the placement rules' view of in (see event.Venue): its slots
// and tables, the companies' parallel tables and everyone's unavailable
// slots.
func (in *Input) Venue() *event.Venue {
	v := &event.Venue{Slots: in.NumSlots, Tables: in.TablesPerSlot, Parallel: make(map[string]int, len(in.Companies))}
	for _, c := range in.Companies {
		v.Parallel[c.ID] = c.Tables
		v.SetUnavailable(event.KindCompany, c.ID, c.Unavailable)
	}
	for _, s := range in.Startups {
		v.SetUnavailable(event.KindStartup, s.ID, s.Unavailable)
	}
	return v
}

// Rebase is the problem to solve again when a timetable res, computed
// from in, could not be saved because the stored meetings in changed were
// changed elsewhere meanwhile (confirmed, moved, declined or cancelled in
// the desktop or the portal, or new). Those are kept exactly as stored:
// an active one becomes a locked placement where it is now, and the pair
// of an inactive one is excluded from this run. Every other meeting of
// res is Previous (locked ones stay locked), so solving the result moves
// as few of res's meetings as the changes force: it re-solves only around
// them. in is not modified.
func Rebase(in Input, res *Result, changed []event.Meeting) Input {
	byPair := make(map[event.PairKey]event.Meeting, len(changed))
	for _, m := range changed {
		k := event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}
		if old, ok := byPair[k]; ok && old.Active() && !m.Active() {
			continue
		}
		byPair[k] = m
	}
	out := in
	out.Locked, out.Previous = nil, nil
	out.Excluded = append([]event.PairKey(nil), in.Excluded...)
	for _, p := range res.Meetings {
		if _, ch := byPair[event.PairKey{StartupID: p.StartupID, CompanyID: p.CompanyID}]; ch {
			continue
		}
		if p.Locked {
			out.Locked = append(out.Locked, p)
		} else {
			out.Previous = append(out.Previous, p)
		}
	}
	for k, m := range byPair {
		if !m.Active() {
			out.Excluded = append(out.Excluded, k)
			continue
		}
		out.Locked = append(out.Locked, Placement{StartupID: m.StartupID, CompanyID: m.CompanyID, ThemeID: m.ThemeID,
			Slot: m.Slot, Table: m.Table, Weight: m.Score, Locked: true})
	}
	sort.Slice(out.Locked, func(i, j int) bool {
		a, b := out.Locked[i], out.Locked[j]
		if a.Slot != b.Slot {
			return a.Slot < b.Slot
		}
		return a.Table < b.Table
	})
	return out
}

// MeetingStore is what SaveMerged needs of the store (storage.DB).
type MeetingStore interface {
	Meetings(ctx context.Context) ([]event.Meeting, error)
	// ReplaceMeetingsFrom stores ms as the timetable computed from read,
	// refusing with an error implementing ChangedMeetings when a stored
	// meeting is new or has another version than in read.
	ReplaceMeetingsFrom(ctx context.Context, actor string, ms, read []event.Meeting) error
}

// SaveOutcome is what SaveMerged stored.
type SaveOutcome struct {
	Saved  []event.Meeting // as passed to the store, IDs and versions filled in
	Kept   []event.Meeting // changed elsewhere meanwhile and kept as stored, by ID
	Input  *Input          // the problem finally solved (Rebase of the first)
	Result *Result         // the timetable finally saved
}

// SaveAttempts is how many times SaveMerged tries before giving up on
// meetings that keep changing.
const SaveAttempts = 4

// SaveMerged is the one way a computed timetable is saved (the desktop
// and the command line): res, computed from in and read (the stored
// meetings the solve started from), goes through MeetingsToSave and the
// store's version check on every meeting. Meetings changed elsewhere
// meanwhile — confirmed in the portal while the solve ran, moved in the
// desktop, declined, new — are never overwritten or cancelled: they are
// kept as stored (Rebase), the timetable is solved again around them with
// opt (no re-scoring), and saved; up to SaveAttempts times, then it saves
// nothing and answers an EConflict error saying what to do.
func SaveMerged(ctx context.Context, st MeetingStore, actor string, in *Input, res *Result, read []event.Meeting, opt Options) (*SaveOutcome, error) {
	keptByID := map[int64]event.Meeting{}
	for attempt := 1; ; attempt++ {
		ms := MeetingsToSave(res, read)
		err := st.ReplaceMeetingsFrom(ctx, actor, ms, read)
		var ch interface{ ChangedMeetings() []event.Meeting }
		if !errors.As(err, &ch) {
			if err != nil {
				return nil, err
			}
			kept := make([]event.Meeting, 0, len(keptByID))
			for _, m := range keptByID {
				kept = append(kept, m)
			}
			sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
			return &SaveOutcome{Saved: ms, Kept: kept, Input: in, Result: res}, nil
		}
		changed := ch.ChangedMeetings()
		if attempt == SaveAttempts {
			return nil, event.Errorf(event.EConflict,
				fmt.Sprintf("面談が他の場所で変更され続けています（最後の試行で %d 件）。何も保存していません。しばらくしてから再実行してください", len(changed)),
				"meetings keep changing elsewhere (%d in the last of %d attempts); nothing was saved. Run the schedule again when the portal and the desktop are quieter",
				len(changed), SaveAttempts)
		}
		for _, m := range changed {
			keptByID[m.ID] = m
		}
		fresh, err := st.Meetings(ctx)
		if err != nil {
			return nil, err
		}
		// Everything kept so far stays kept, in its newest stored state.
		var all []event.Meeting
		for _, m := range fresh {
			if _, ok := keptByID[m.ID]; ok {
				keptByID[m.ID] = m
				all = append(all, m)
			}
		}
		if opt.Progress != nil {
			opt.Progress("merge", attempt, SaveAttempts)
		}
		next := Rebase(*in, res, all)
		if res, err = Solve(ctx, next, opt); err != nil {
			return nil, err
		}
		in, read = &next, fresh
	}
}
