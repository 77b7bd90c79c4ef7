package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"pitchmatch/event"
)

// The organizer's undo history is the audit log (event/undo.go): Change
// writes an undoable change as one entry with its field changes, Undo and
// Redo write the inverse of the entry on top of the history as a new entry
// naming it, each in one transaction that first checks every value it
// overwrites is still the one the entry left.

// undoWindow is how many of an organizer's latest undoable entries the
// history is rebuilt from.
const undoWindow = 1000

// Change applies c in one transaction and logs it as one undoable audit
// entry of actor. Every field change first checks the record still holds
// Old (else an EConflict error naming the record and nothing is written);
// moved meetings are checked against the placement rules as SaveMeeting
// checks them. It returns the entry as logged: the interest statements it
// added carry their new IDs. A change that sets nothing writes nothing and
// returns an entry with ID 0.
func (db *DB) Change(ctx context.Context, actor string, c event.Change) (event.AuditEntry, error) {
	var out event.AuditEntry
	err := db.write(ctx, "change: "+c.Action, func(ctx context.Context, tx *sql.Tx) error {
		at := now()
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		written, err := applyChanges(ctx, tx, at, actor, e, c.Changes)
		if err != nil || len(written) == 0 {
			return err
		}
		out = event.AuditEntry{At: at, Actor: actor, Action: c.Action, Changes: written, Undo: event.UndoChange, Label: c.Label}
		out.Entity, out.EntityID = entryRecord(written)
		out.Detail = c.Label.In(event.En)
		out.ID, err = writeAudit(ctx, tx, out)
		return err
	})
	if err != nil {
		return event.AuditEntry{}, err
	}
	return out, nil
}

// UndoHistory returns the entries actor's next undo and redo would invert
// (nil when there is none): what the Edit menu offers.
func (db *DB) UndoHistory(ctx context.Context, actor string) (undo, redo *event.AuditEntry, err error) {
	u, r, err := undoStacks(ctx, db.sql, actor)
	if err == nil && len(u) > 0 {
		undo, err = auditEntry(ctx, db.sql, u[len(u)-1].ID)
	}
	if err == nil && len(r) > 0 {
		redo, err = auditEntry(ctx, db.sql, r[len(r)-1].ID)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("storage: %w", err)
	}
	return undo, redo, nil
}

// auditEntry reads one audit entry (without its changes).
func auditEntry(ctx context.Context, q querier, id int64) (*event.AuditEntry, error) {
	a, err := scanAudit(q.QueryRowContext(ctx, auditQuery+"WHERE id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("read audit entry %d: %w", id, err)
	}
	return &a, nil
}

// Undo takes back actor's latest change: it writes the inverse of the entry
// on top of the undo history (event.Inverse) as a new entry that names it.
// want, when not 0, is the entry the caller showed: if the history's top is
// another one the undo is refused (event.HistoryMoved). A record changed
// since the entry refuses it too (event.ChangedSince), and nothing is
// written. It returns the new entry.
func (db *DB) Undo(ctx context.Context, actor string, want int64) (event.AuditEntry, error) {
	return db.step(ctx, actor, want, false)
}

// Redo applies again actor's latest undone change, as Undo does for the
// undo on top of the redo history.
func (db *DB) Redo(ctx context.Context, actor string, want int64) (event.AuditEntry, error) {
	return db.step(ctx, actor, want, true)
}

func (db *DB) step(ctx context.Context, actor string, want int64, redo bool) (event.AuditEntry, error) {
	kind, what := event.UndoUndo, "undo"
	if redo {
		kind, what = event.UndoRedo, "redo"
	}
	var out event.AuditEntry
	err := db.write(ctx, what, func(ctx context.Context, tx *sql.Tx) error {
		at := now()
		undos, redos, err := undoStacks(ctx, tx, actor)
		if err != nil {
			return err
		}
		stack := undos
		if redo {
			stack = redos
		}
		if len(stack) == 0 {
			return event.NothingToUndo(redo)
		}
		if want != 0 && stack[len(stack)-1].ID != want {
			return event.HistoryMoved(want)
		}
		top, err := auditEntry(ctx, tx, stack[len(stack)-1].ID)
		if err != nil {
			return err
		}
		changes, err := entryChanges(ctx, tx, top.ID)
		if err != nil {
			return err
		}
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		written, err := applyChanges(ctx, tx, at, actor, e, event.Inverse(changes))
		if err != nil {
			return err
		}
		out = event.AuditEntry{At: at, Actor: actor, Action: what, Entity: top.Entity, EntityID: top.EntityID,
			Detail: fmt.Sprintf("%s of entry %d (%s)", what, top.ID, top.Action), Changes: written,
			Undo: kind, Undoes: top.ID, Label: top.Label}
		out.ID, err = writeAudit(ctx, tx, out)
		return err
	})
	if err != nil {
		return event.AuditEntry{}, err
	}
	return out, nil
}

// undoStacks rebuilds actor's undo and redo stacks from the latest
// undoable entries (event.UndoStacks); the entries carry only their ID and
// their part in the history.
func undoStacks(ctx context.Context, q querier, actor string) (undo, redo []event.AuditEntry, err error) {
	l, err := collect(ctx, q, "undo history", "SELECT id, undo, ifnull(undoes, 0) FROM audit WHERE undo <> '' AND actor = ? ORDER BY id DESC LIMIT ?",
		[]any{actor, undoWindow}, func(sc scanner) (event.AuditEntry, error) {
			var a event.AuditEntry
			err := sc.Scan(&a.ID, &a.Undo, &a.Undoes)
			return a, err
		})
	if err != nil {
		return nil, nil, err
	}
	for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
		l[i], l[j] = l[j], l[i]
	}
	undo, redo = event.UndoStacks(l)
	return undo, redo, nil
}

// entryChanges reads the field changes of one audit entry in their order.
func entryChanges(ctx context.Context, q querier, id int64) ([]event.FieldChange, error) {
	return collect(ctx, q, fmt.Sprintf("changes of audit entry %d", id),
		"SELECT entity, entity_id, field, old, new FROM audit_changes WHERE audit_id = ? ORDER BY rowid", []any{id},
		func(sc scanner) (event.FieldChange, error) {
			var c event.FieldChange
			err := sc.Scan(&c.Entity, &c.ID, &c.Field, &c.Old, &c.New)
			return c, err
		})
}

// entryRecord is the record an entry is about: the one its changes touch,
// or the kind alone when they touch several.
func entryRecord(cs []event.FieldChange) (entity, id string) {
	entity, id = cs[0].Entity, cs[0].ID
	for _, c := range cs[1:] {
		if c.Entity != entity {
			return "change", ""
		}
		if c.ID != id {
			id = ""
		}
	}
	return entity, id
}

// applyChanges writes field changes inside tx after checking each record
// still holds the change's Old value, and returns them as written
// (preconditions, Old = New, checked and dropped; added statements with their IDs). Meetings are
// written once each after all their fields are set, then checked against
// the placement rules together, so a swap passes.
func applyChanges(ctx context.Context, tx *sql.Tx, at time.Time, actor string, e *event.Event, cs []event.FieldChange) ([]event.FieldChange, error) {
	type meetingState struct{ cur, m event.Meeting }
	meetings := map[int64]*meetingState{}
	var order []int64
	type recordKey struct{ entity, id string }
	records := map[recordKey]*recordState{}
	var recordOrder []recordKey
	var out []event.FieldChange
	for _, c := range cs {
		pre := c.Old == c.New // a precondition: checked, not written
		switch _, isDay := event.ParseCheckInField(c.Field); {
		case c.Entity == "meeting":
			id, err := strconv.ParseInt(c.ID, 10, 64)
			if err != nil || c.Field == "" {
				return nil, unsupportedChange(c)
			}
			st := meetings[id]
			if st == nil {
				cur, err := meetingByID(ctx, tx, id)
				if err != nil {
					return nil, err
				}
				st = &meetingState{cur: *cur, m: *cur}
				meetings[id] = st
				order = append(order, id)
			}
			v, ok := event.MeetingField(&st.m, c.Field)
			if !ok {
				return nil, unsupportedChange(c)
			}
			if v != c.Old {
				return nil, event.ChangedSince(c, v)
			}
			if err := event.SetMeetingField(&st.m, c.Field, c.New); err != nil {
				return nil, err
			}
		case c.Entity == "interest" && c.Field == event.InterestStatement:
			w, err := applyInterest(ctx, tx, at, c)
			if err != nil {
				return nil, err
			}
			c = w
		case (c.Entity == string(event.KindStartup) || c.Entity == string(event.KindCompany)) && isDay:
			if err := applyCheckIn(ctx, tx, at, actor, e, c); err != nil {
				return nil, err
			}
		case isRecordEntity(c.Entity) && c.Field != "":
			k := recordKey{c.Entity, c.ID}
			r := records[k]
			if r == nil {
				var err error
				if r, err = loadRecord(ctx, tx, c.Entity, c.ID); err != nil {
					return nil, err
				}
				records[k] = r
				recordOrder = append(recordOrder, k)
			}
			if err := r.set(c); err != nil {
				return nil, err
			}
		default:
			return nil, unsupportedChange(c)
		}
		if !pre {
			out = append(out, c)
		}
	}
	eventChanged := false
	// Records first: meetings are checked against the event as changed
	// (a change of tables moves meetings with it).
	for _, k := range recordOrder {
		r := records[k]
		if err := r.write(ctx, tx, at); err != nil {
			return nil, err
		}
		if ne, ok := r.rec.(*event.Event); ok && r.changed {
			e, eventChanged = ne, true
		}
	}
	placed := map[int64]bool{}
	var last *event.Meeting
	for _, id := range order {
		st := meetings[id]
		if err := meetingShape(&st.m, e); err != nil {
			return nil, err
		}
		if sameMeeting(&st.m, &st.cur) {
			continue
		}
		placed[id] = newlyPlaced(&st.m, &st.cur)
		if err := updateMeeting(ctx, tx, &st.m, &st.cur, at); err != nil {
			return nil, err
		}
		last = &st.m
	}
	switch {
	case eventChanged:
		// Every meeting must still fit the event's grid.
		if err := checkMeetings(ctx, tx, e, placed); err != nil {
			return nil, err
		}
	case len(placed) == 1:
		if err := checkMeeting(ctx, tx, e, last, placed[last.ID]); err != nil {
			return nil, err
		}
	case len(placed) > 1:
		if err := checkMeetings(ctx, tx, e, placed); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// unsupportedChange refuses a change of a record or field undo does not
// know how to write.
func unsupportedChange(c event.FieldChange) error {
	return invalid(fmt.Sprintf("%s %s の %s は変更・取り消しできません", c.Entity, c.ID, c.Field),
		fmt.Sprintf("%s %s: field %q cannot be changed or undone", c.Entity, c.ID, c.Field))
}

// applyInterest adds, removes or rewrites one interest statement
// (event.InterestChange) after checking the stored one is c.Old.
func applyInterest(ctx context.Context, tx *sql.Tx, at time.Time, c event.FieldChange) (event.FieldChange, error) {
	want, err := event.ParseInterestValue(c.New)
	if err != nil {
		return c, err
	}
	var id int64
	var cur *event.Interest
	if c.ID != "" {
		if id, err = strconv.ParseInt(c.ID, 10, 64); err != nil {
			return c, unsupportedChange(c)
		}
		in, err := scanInterest(tx.QueryRowContext(ctx, "SELECT "+interestCols+" FROM interests WHERE id = ?", id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return c, fmt.Errorf("read interest %d: %w", id, err)
		default:
			cur = &in
		}
	} else if c.Old != "" {
		return c, unsupportedChange(c)
	}
	if got := event.InterestValue(cur); got != c.Old {
		return c, event.ChangedSince(c, got)
	}
	if c.Old == c.New {
		return c, nil
	}
	if want == nil {
		if _, err := tx.ExecContext(ctx, "DELETE FROM interests WHERE id = ?", id); err != nil {
			return c, fmt.Errorf("delete interest %d: %w", id, err)
		}
		return c, nil
	}
	if err := prepareInterest(want, queryThemeOwner(ctx, tx)); err != nil {
		return c, err
	}
	var theme any
	if want.ThemeID != "" {
		theme = want.ThemeID
	}
	args := []any{string(want.Kind), want.StartupID, want.CompanyID, theme, string(want.By), want.Note}
	if cur != nil {
		_, err = tx.ExecContext(ctx, `UPDATE interests SET kind = ?, startup_id = ?, company_id = ?, theme_id = ?,
			by_side = ?, note = ? WHERE id = ?`, append(args, id)...)
	} else {
		var idArg any
		if id != 0 {
			idArg = id
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO interests (id, kind, startup_id, company_id, theme_id, by_side, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(append([]any{idArg}, args...), formatTime(at))...).Scan(&id)
	}
	switch {
	case isUnique(err):
		// The same statement was made meanwhile (another connection).
		return c, event.ChangedSince(event.FieldChange{Entity: "interest", ID: interestLabel(want)}, "")
	case isForeignKey(err):
		return c, missingRefError("interest", interestLabel(want), anyParticipant, "", err)
	case err != nil:
		return c, fmt.Errorf("store interest %s: %w", interestLabel(want), err)
	}
	c.ID = strconv.FormatInt(id, 10)
	return c, nil
}

// applyCheckIn sets or clears one participant's check-in on a day
// (event.CheckInChange) after checking it is c.Old.
func applyCheckIn(ctx context.Context, tx *sql.Tx, at time.Time, actor string, e *event.Event, c event.FieldChange) error {
	day, _ := event.ParseCheckInField(c.Field)
	ci := event.CheckIn{Kind: event.ParticipantKind(c.Entity), ID: c.ID, Day: day}
	had, _, _, err := checkInState(ctx, tx, e, ci)
	if err != nil {
		return err
	}
	got := ""
	if had {
		got = event.CheckedIn
	}
	if got != c.Old {
		return event.ChangedSince(c, got)
	}
	if c.Old == c.New {
		return nil
	}
	switch c.New {
	case event.CheckedIn:
		_, err = tx.ExecContext(ctx, "INSERT INTO checkins (kind, participant_id, day, at, actor) VALUES (?, ?, ?, ?, ?)",
			string(ci.Kind), ci.ID, ci.Day, formatTime(at), actor)
	case "":
		_, err = tx.ExecContext(ctx, "DELETE FROM checkins WHERE kind = ? AND participant_id = ? AND day = ?",
			string(ci.Kind), ci.ID, ci.Day)
	default:
		return unsupportedChange(c)
	}
	if err != nil {
		return fmt.Errorf("check-in of %s %s day %d: %w", ci.Kind, ci.ID, ci.Day+1, err)
	}
	return nil
}

// checkInState validates check-in c against the event and its
// participant, and reads whether it is stored (with when and by whom).
func checkInState(ctx context.Context, tx *sql.Tx, e *event.Event, c event.CheckIn) (had bool, at, by string, err error) {
	if err := c.Validate(e); err != nil {
		return false, "", "", err
	}
	table := "startups"
	if c.Kind == event.KindCompany {
		table = "companies"
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", c.ID).Scan(&n); err != nil {
		return false, "", "", fmt.Errorf("read %s %s: %w", c.Kind, c.ID, err)
	}
	if n == 0 {
		return false, "", "", event.NotFound(string(c.Kind), c.ID)
	}
	err = tx.QueryRowContext(ctx, "SELECT at, actor FROM checkins WHERE kind = ? AND participant_id = ? AND day = ?",
		string(c.Kind), c.ID, c.Day).Scan(&at, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return false, "", "", nil
	}
	if err != nil {
		return false, "", "", fmt.Errorf("read check-in: %w", err)
	}
	return true, at, by, nil
}
