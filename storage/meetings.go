package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
)

const meetingCols = "id, uid, startup_id, company_id, ifnull(theme_id, ''), slot, table_no, status, outcome, locked, " +
	"score, sequence, version, updated_at"

func scanMeeting(sc scanner) (event.Meeting, error) {
	var m event.Meeting
	var status, outcome, at string
	if err := sc.Scan(&m.ID, &m.UID, &m.StartupID, &m.CompanyID, &m.ThemeID, &m.Slot, &m.Table, &status, &outcome,
		&m.Locked, &m.Score, &m.Sequence, &m.Version, &at); err != nil {
		return m, err
	}
	m.Status, m.Outcome = event.MeetingStatus(status), event.Outcome(outcome)
	var err error
	if m.UpdatedAt, err = parseTime(at); err != nil {
		return m, fmt.Errorf("meeting %d: %w", m.ID, err)
	}
	return m, nil
}

func queryMeetings(ctx context.Context, q querier) ([]event.Meeting, error) {
	return collect(ctx, q, "meetings", "SELECT "+meetingCols+" FROM meetings ORDER BY id", nil, scanMeeting)
}

// Meetings returns every meeting, cancelled ones included, ordered by ID.
func (db *DB) Meetings(ctx context.Context) ([]event.Meeting, error) {
	ms, err := queryMeetings(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return ms, nil
}

func meetingByID(ctx context.Context, q querier, id int64) (*event.Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, event.NotFound("meeting", fmt.Sprint(id))
	}
	if err != nil {
		return nil, fmt.Errorf("read meeting %d: %w", id, err)
	}
	return &m, nil
}

// meetingShape checks a meeting against the event: the full validation when
// the event has days, otherwise the checks that need no slot count.
func meetingShape(m *event.Meeting, e *event.Event) error {
	if e.NumSlots() > 0 && e.Tables > 0 {
		return m.Validate(e.NumSlots(), e.Tables)
	}
	big := 1 << 30
	return m.Validate(big, big)
}

func meetingArgs(m *event.Meeting) []any {
	var theme any
	if m.ThemeID != "" {
		theme = m.ThemeID
	}
	return []any{m.UID, m.StartupID, m.CompanyID, theme, m.Slot, m.Table, string(m.Status), string(m.Outcome),
		m.Locked, m.Score, m.Sequence, m.Version, formatTime(m.UpdatedAt)}
}

// sameMeeting reports whether writing m over stored cur would change
// nothing but the version.
func sameMeeting(m, cur *event.Meeting) bool {
	return (m.UID == "" || m.UID == cur.UID) && m.StartupID == cur.StartupID && m.CompanyID == cur.CompanyID &&
		m.ThemeID == cur.ThemeID && m.Slot == cur.Slot && m.Table == cur.Table && m.Status == cur.Status &&
		m.Outcome == cur.Outcome && m.Locked == cur.Locked && m.Score == cur.Score && m.Sequence <= cur.Sequence
}

// insertMeeting stores a new meeting (ID 0 or an unused ID), generating a
// UID when it has none; it sets ID, UID, Version and UpdatedAt.
func insertMeeting(ctx context.Context, tx *sql.Tx, m *event.Meeting, at time.Time) error {
	if m.UID == "" {
		uid, err := newUID()
		if err != nil {
			return err
		}
		m.UID = uid
	}
	m.Version, m.UpdatedAt = 1, at
	var id any
	if m.ID != 0 {
		id = m.ID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO meetings (id, uid, startup_id, company_id, theme_id, slot, table_no,
		status, outcome, locked, score, sequence, version, updated_at) VALUES (?, `+placeholdersFrom(2, 14)+`)`,
		append([]any{id}, meetingArgs(m)...)...)
	switch {
	case isUnique(err):
		if m.ID != 0 {
			return existsError("meeting", fmt.Sprint(m.ID))
		}
		return existsError("meeting", m.UID)
	case isForeignKey(err):
		return missingRefError("meeting", m.StartupID+"–"+m.CompanyID, anyParticipant, "", err)
	case err != nil:
		return fmt.Errorf("insert meeting %s–%s: %w", m.StartupID, m.CompanyID, err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	return nil
}

// updateMeeting overwrites stored meeting cur with m, keeping the UID,
// bumping Version, and bumping Sequence when slot, table or status changed.
// It sets UID, Sequence, Version and UpdatedAt on m.
func updateMeeting(ctx context.Context, tx *sql.Tx, m *event.Meeting, cur *event.Meeting, at time.Time) error {
	m.UID = cur.UID
	m.Sequence = max(m.Sequence, cur.Sequence)
	if m.Slot != cur.Slot || m.Table != cur.Table || m.Status != cur.Status {
		m.Sequence = max(m.Sequence, cur.Sequence+1)
	}
	m.Version, m.UpdatedAt = cur.Version+1, at
	_, err := tx.ExecContext(ctx, `UPDATE meetings SET uid = ?1, startup_id = ?2, company_id = ?3, theme_id = ?4,
		slot = ?5, table_no = ?6, status = ?7, outcome = ?8, locked = ?9, score = ?10, sequence = ?11, version = ?12,
		updated_at = ?13 WHERE id = ?14`, append(meetingArgs(m), m.ID)...)
	if isForeignKey(err) {
		return missingRefError("meeting", fmt.Sprint(m.ID), anyParticipant, "", err)
	}
	if err != nil {
		return fmt.Errorf("update meeting %d: %w", m.ID, err)
	}
	return nil
}

// venueOf reads what event.Venue's placement rules need: the event's grid,
// the companies' parallel tables and the availability records (of every
// participant, or only of the startup and company named when they are not
// empty).
func venueOf(ctx context.Context, q querier, e *event.Event, startupID, companyID string) (*event.Venue, error) {
	v := &event.Venue{Slots: e.NumSlots(), Tables: e.Tables, Parallel: map[string]int{}}
	if v.Slots == 0 || v.Tables <= 0 {
		v.Slots, v.Tables = 1<<30, 1<<30 // no grid yet: meetingShape's rule
	}
	one := startupID != "" || companyID != ""
	cq, aq, args := "SELECT id, tables FROM companies WHERE tables > 1", `SELECT ifnull(startup_id, ''), ifnull(company_id, ''), unavailable
		FROM availability`, []any(nil)
	if one {
		cq += " AND id = ?"
		aq += " WHERE startup_id = ? OR company_id = ?"
		args = []any{companyID}
	}
	rows, err := q.QueryContext(ctx, cq, args...)
	if err != nil {
		return nil, fmt.Errorf("read parallel tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("read parallel tables: %w", err)
		}
		v.Parallel[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read parallel tables: %w", err)
	}
	if one {
		args = []any{startupID, companyID}
	}
	avail, err := collect(ctx, q, "availability", aq, args, scanAvailability)
	if err != nil {
		return nil, err
	}
	for _, a := range avail {
		v.SetUnavailable(a.Kind, a.ID, a.Unavailable)
	}
	return v, nil
}

// placementError is the error for the first problem of probs that counts:
// a hard rule broken by any active meeting, or a participant unavailable
// in the slot of a meeting in placed (those this write puts somewhere
// new and that are neither locked nor held); nil when none counts.
func placementError(probs []event.PlaceProblem, placed func(id int64) bool) error {
	for _, p := range probs {
		if !p.Kind.Hard() && !placed(p.Meeting) {
			continue
		}
		t := p.Text("")
		if p.Meeting != 0 {
			t = event.T(fmt.Sprintf("面談 %d: %s", p.Meeting, t.Ja), fmt.Sprintf("meeting %d: %s", p.Meeting, t.En))
		}
		if p.Other != 0 {
			t = event.T(fmt.Sprintf("%s（面談 %d）", t.Ja, p.Other), fmt.Sprintf("%s (meeting %d)", t.En, p.Other))
		}
		return invalid(t.Ja, t.En)
	}
	return nil
}

// newlyPlaced reports whether write m (stored as cur, nil for a new one)
// puts the meeting somewhere new: new, moved or made active again, and
// neither locked nor held.
func newlyPlaced(m *event.Meeting, cur *event.Meeting) bool {
	if !m.Active() || m.Locked || m.Status == event.StatusHeld {
		return false
	}
	return cur == nil || !cur.Active() || cur.Slot != m.Slot || cur.Table != m.Table
}

// checkMeetings refuses a schedule whose active meetings break a
// placement rule (event.Venue): every hard rule for all of them, and
// availability for the meetings in placed.
func checkMeetings(ctx context.Context, tx *sql.Tx, e *event.Event, placed map[int64]bool) error {
	v, err := venueOf(ctx, tx, e, "", "")
	if err != nil {
		return fmt.Errorf("check meetings: %w", err)
	}
	ms, err := queryMeetings(ctx, tx)
	if err != nil {
		return fmt.Errorf("check meetings: %w", err)
	}
	return placementError(v.CheckAll(ms), func(id int64) bool { return placed[id] })
}

// checkMeeting is checkMeetings for one written meeting m (the only one
// that changed): it reads only the meetings of m's slot and pair and the
// availability of its two participants.
func checkMeeting(ctx context.Context, tx *sql.Tx, e *event.Event, m *event.Meeting, placed bool) error {
	if !m.Active() {
		return nil
	}
	v, err := venueOf(ctx, tx, e, m.StartupID, m.CompanyID)
	if err != nil {
		return fmt.Errorf("check meeting: %w", err)
	}
	others, err := collect(ctx, tx, "meetings", "SELECT "+meetingCols+` FROM meetings WHERE status NOT IN ('cancelled', 'declined')
		AND id <> ? AND (slot = ? OR (startup_id = ? AND company_id = ?))`, []any{m.ID, m.Slot, m.StartupID, m.CompanyID}, scanMeeting)
	if err != nil {
		return fmt.Errorf("check meeting: %w", err)
	}
	return placementError(v.Check(*m, m.Slot, m.Table, others, -1), func(int64) bool { return placed })
}

// SaveMeeting inserts (Version 0) or updates (Version matching) a meeting.
// A new meeting without UID gets one; on update the stored UID is kept and
// Sequence is bumped when slot, table or status changed.
func (db *DB) SaveMeeting(ctx context.Context, actor string, m *event.Meeting) error {
	if m == nil {
		return invalid("面談がありません", "storage: save meeting: nil meeting")
	}
	c := *m
	at := now()
	err := db.write(ctx, "save meeting", func(ctx context.Context, tx *sql.Tx) error {
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		if err := meetingShape(&c, e); err != nil {
			return err
		}
		action := "meeting.create"
		var changes []event.FieldChange // the audit's old → new
		placed := newlyPlaced(&c, nil)
		if c.Version == 0 {
			if err := insertMeeting(ctx, tx, &c, at); err != nil {
				return err
			}
		} else {
			cur, err := meetingByID(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			if cur.Version != c.Version {
				return &event.ConflictError{Entity: "meeting", ID: fmt.Sprint(c.ID), Have: c.Version, Stored: cur.Version, Current: cur}
			}
			placed = newlyPlaced(&c, cur)
			if err := updateMeeting(ctx, tx, &c, cur, at); err != nil {
				return err
			}
			changes = meetingDiff(cur, &c)
			action = "meeting.update"
		}
		if err := checkMeeting(ctx, tx, e, &c, placed); err != nil {
			return err
		}
		return auditChanges(ctx, tx, at, actor, action, "meeting", fmt.Sprint(c.ID),
			fmt.Sprintf("%s–%s slot %d table %d %s seq %d", c.StartupID, c.CompanyID, c.Slot, c.Table, c.Status, c.Sequence), changes)
	})
	if err != nil {
		return err
	}
	*m = c
	return nil
}

// ReplaceMeetings stores a new schedule in one transaction. Meetings with ID
// 0 are inserted; those with an ID are updated (their Version, when not 0,
// must match the stored one); stored meetings absent from ms that are
// neither locked, held, declined, no-show nor already cancelled are marked
// cancelled with
// Sequence bumped. IDs, UIDs, Sequence, Version and UpdatedAt are written
// back into ms.
func (db *DB) ReplaceMeetings(ctx context.Context, actor string, ms []event.Meeting) error {
	return db.replaceMeetings(ctx, actor, ms, nil)
}

// MeetingsChangedError is ReplaceMeetingsFrom's answer when meetings
// changed (or were added) since the caller read them: nothing was written.
// Changed holds those meetings as stored now.
type MeetingsChangedError struct {
	Changed []event.Meeting
}

// ChangedMeetings lets schedule.SaveMerged find the changed meetings.
func (e *MeetingsChangedError) ChangedMeetings() []event.Meeting { return e.Changed }

func (e *MeetingsChangedError) Error() string {
	ids := make([]string, 0, min(len(e.Changed), 10))
	for i, m := range e.Changed {
		if i == 10 {
			ids = append(ids, "…")
			break
		}
		ids = append(ids, fmt.Sprint(m.ID))
	}
	return fmt.Sprintf("%d meetings changed since the timetable was computed (meetings %s)", len(e.Changed), strings.Join(ids, ", "))
}

// Unwrap lets errors.As find an *event.Error with code EConflict.
func (e *MeetingsChangedError) Unwrap() error {
	return &event.Error{Code: event.EConflict, Message: event.T(
		fmt.Sprintf("時間割の計算中に %d 件の面談が他の場所で変更されました", len(e.Changed)),
		fmt.Sprintf("%d meetings were changed elsewhere while the timetable was computed", len(e.Changed)))}
}

// ReplaceMeetingsFrom is ReplaceMeetings for a timetable computed from
// read, the meetings as the caller read them: if any stored meeting is not
// in read or has another version (confirmed, moved or declined
// meanwhile, or new), nothing is written and the answer is a
// *MeetingsChangedError listing them, so the caller can keep them and
// merge. Without it a save would cancel a meeting confirmed after it was
// read.
func (db *DB) ReplaceMeetingsFrom(ctx context.Context, actor string, ms, read []event.Meeting) error {
	if read == nil {
		read = []event.Meeting{}
	}
	return db.replaceMeetings(ctx, actor, ms, read)
}

func (db *DB) replaceMeetings(ctx context.Context, actor string, ms, read []event.Meeting) error {
	out := make([]event.Meeting, len(ms))
	copy(out, ms)
	at := now()
	err := db.write(ctx, "replace meetings", func(ctx context.Context, tx *sql.Tx) error {
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		stored, err := queryMeetings(ctx, tx)
		if err != nil {
			return err
		}
		byID := make(map[int64]*event.Meeting, len(stored))
		for k := range stored {
			byID[stored[k].ID] = &stored[k]
		}
		if read != nil {
			seen := make(map[int64]int64, len(read))
			for _, m := range read {
				seen[m.ID] = m.Version
			}
			var changed []event.Meeting
			for _, m := range stored {
				if v, ok := seen[m.ID]; !ok || v != m.Version {
					changed = append(changed, m)
				}
			}
			if len(changed) > 0 {
				return &MeetingsChangedError{Changed: changed}
			}
		}
		present := make(map[int64]bool, len(out))
		for k := range out {
			m := &out[k]
			if err := meetingShape(m, e); err != nil {
				return fmt.Errorf("meeting %d of %d: %w", k+1, len(out), err)
			}
			if m.ID == 0 {
				continue
			}
			if present[m.ID] {
				return invalid(fmt.Sprintf("面談 %d が2回含まれています", m.ID), fmt.Sprintf("meeting %d is listed twice", m.ID))
			}
			present[m.ID] = true
			cur, ok := byID[m.ID]
			if !ok {
				return event.NotFound("meeting", fmt.Sprint(m.ID))
			}
			if m.Version != 0 && m.Version != cur.Version {
				return &event.ConflictError{Entity: "meeting", ID: fmt.Sprint(m.ID), Have: m.Version, Stored: cur.Version, Current: cur}
			}
		}
		// Cancel first, so that the new schedule may reuse freed places.
		cancelled := 0
		var changes []event.FieldChange // for the audit: which meetings moved, how
		for k := range stored {
			s := &stored[k]
			// Declined and no-show meetings stand like held ones (event
			// lifecycle): cancelling a declined meeting would let its pair
			// be proposed again.
			if present[s.ID] || s.Locked || s.Status == event.StatusCancelled || s.Status == event.StatusHeld ||
				s.Status == event.StatusDeclined || s.Status == event.StatusNoShow {
				continue
			}
			c := *s
			c.Status = event.StatusCancelled
			if err := updateMeeting(ctx, tx, &c, s, at); err != nil {
				return err
			}
			changes = append(changes, meetingDiff(s, &c)...)
			cancelled++
		}
		inserted, updated := 0, 0
		placed := map[int64]bool{}
		for k := range out {
			m := &out[k]
			if m.ID == 0 {
				continue
			}
			if newlyPlaced(m, byID[m.ID]) {
				placed[m.ID] = true
			}
			if cur := byID[m.ID]; sameMeeting(m, cur) {
				*m = *cur // unchanged: no write, the version stays
				continue
			}
			if err := updateMeeting(ctx, tx, m, byID[m.ID], at); err != nil {
				return err
			}
			changes = append(changes, meetingDiff(byID[m.ID], m)...)
			updated++
		}
		for k := range out {
			m := &out[k]
			if m.ID != 0 {
				continue
			}
			if err := insertMeeting(ctx, tx, m, at); err != nil {
				return err
			}
			changes = append(changes, meetingDiff(nil, m)...)
			if newlyPlaced(m, nil) {
				placed[m.ID] = true
			}
			inserted++
		}
		if err := checkMeetings(ctx, tx, e, placed); err != nil {
			return err
		}
		return auditChanges(ctx, tx, at, actor, "meetings.replace", "meeting", "",
			fmt.Sprintf("inserted %d, updated %d, cancelled %d", inserted, updated, cancelled), changes)
	})
	if err != nil {
		return err
	}
	copy(ms, out)
	return nil
}

// placeholdersFrom returns "?, ?, …" for arguments from..to inclusive.
func placeholdersFrom(from, to int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", to-from+1), ", ")
}
