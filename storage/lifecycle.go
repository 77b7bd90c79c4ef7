package storage

import (
	"context"
	"database/sql"

	"fmt"
	"strings"
	"unicode/utf8"

	"pitchmatch/event"
)

// The meeting life cycle (event/lifecycle.go) stored: each step is one
// transaction that updates the meeting's status, the acting side's record
// in meeting_sides and the audit log (who, what, when), or nothing.

const sideCols = "meeting_id, side, response, response_seq, message, outcome, note, actor, responded_at, outcome_at"

func scanSide(sc scanner) (event.MeetingSide, error) {
	var s event.MeetingSide
	var side, resp, outcome, rAt, oAt string
	if err := sc.Scan(&s.MeetingID, &side, &resp, &s.ResponseSeq, &s.Message, &outcome, &s.Note, &s.Actor, &rAt, &oAt); err != nil {
		return s, err
	}
	s.Side, s.Response, s.Outcome = event.ParticipantKind(side), event.Response(resp), event.Outcome(outcome)
	var err error
	if s.RespondedAt, err = parseTime(rAt); err != nil {
		return s, fmt.Errorf("meeting %d side %s: %w", s.MeetingID, side, err)
	}
	if s.OutcomeAt, err = parseTime(oAt); err != nil {
		return s, fmt.Errorf("meeting %d side %s: %w", s.MeetingID, side, err)
	}
	return s, nil
}

// meetingSides returns the stored side records of a meeting, by side
// (missing sides are zero records with Side set).
func meetingSides(ctx context.Context, q querier, id int64) (map[event.ParticipantKind]event.MeetingSide, error) {
	l, err := collect(ctx, q, "meeting sides", "SELECT "+sideCols+" FROM meeting_sides WHERE meeting_id = ?", []any{id}, scanSide)
	if err != nil {
		return nil, err
	}
	out := map[event.ParticipantKind]event.MeetingSide{
		event.KindStartup: {MeetingID: id, Side: event.KindStartup},
		event.KindCompany: {MeetingID: id, Side: event.KindCompany},
	}
	for _, s := range l {
		out[s.Side] = s
	}
	return out, nil
}

func putSide(ctx context.Context, tx *sql.Tx, s *event.MeetingSide) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meeting_sides (`+sideCols+`) VALUES (`+placeholders(10)+`)
		ON CONFLICT (meeting_id, side) DO UPDATE SET response = excluded.response, response_seq = excluded.response_seq,
		message = excluded.message, outcome = excluded.outcome, note = excluded.note, actor = excluded.actor,
		responded_at = excluded.responded_at, outcome_at = excluded.outcome_at`,
		s.MeetingID, string(s.Side), string(s.Response), s.ResponseSeq, s.Message, string(s.Outcome), s.Note, s.Actor,
		formatTime(s.RespondedAt), formatTime(s.OutcomeAt))
	if err != nil {
		return fmt.Errorf("store meeting %d side %s: %w", s.MeetingID, s.Side, err)
	}
	return nil
}

// MeetingSide returns one side's record on a meeting (a zero record when
// the side has not acted yet); ENotFound for an unknown meeting.
func (db *DB) MeetingSide(ctx context.Context, id int64, side event.ParticipantKind) (*event.MeetingSide, error) {
	if _, err := meetingByID(ctx, db.sql, id); err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	sides, err := meetingSides(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	s := sides[side]
	return &s, nil
}

// checkNote refuses an over-long or control-character note (newlines and
// tabs allowed).
func checkNote(field, s string) error {
	if !utf8.ValidString(s) {
		return event.Errorf(event.EInvalid, field+" に不正な文字コードが含まれています", "%s: invalid UTF-8", field)
	}
	if utf8.RuneCountInString(s) > event.MaxNoteRunes {
		return event.Errorf(event.EInvalid, fmt.Sprintf("%s は%d文字以内にしてください", field, event.MaxNoteRunes),
			"%s: at most %d characters", field, event.MaxNoteRunes)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return event.Errorf(event.EInvalid, field+" に制御文字が含まれています", "%s: control character U+%04X", field, r)
		}
	}
	return nil
}

// MeetingStep is one life-cycle step taken through ActOnMeeting.
type MeetingStep struct {
	ID      int64
	By      event.ParticipantKind // KindStartup, KindCompany or KindOrganizer
	Action  event.MeetingAction
	Message string // a side's message (for example why it asks to move)
	// Version, when not 0, must match the stored meeting's (else a
	// *event.ConflictError).
	Version int64
	// Party, when not "", is the acting side's startup or company ID: the
	// meeting must be that party's when the step is taken (else
	// event.EForbidden), checked in the step's transaction.
	Party string
}

// errNotParty refuses a step on a meeting that is not the party's.
var errNotParty = &event.Error{Code: event.EForbidden, Message: event.T(
	"この面談はあなたの面談ではありません", "this meeting is not yours")}

// checkParty checks that meeting m is party's (side by); party "" is
// not checked.
func checkParty(m *event.Meeting, by event.ParticipantKind, party string) error {
	if party == "" {
		return nil
	}
	if (by == event.KindStartup && m.StartupID == party) || (by == event.KindCompany && m.CompanyID == party) {
		return nil
	}
	return errNotParty
}

// ActOnMeeting applies one life-cycle step (event.NextStatus) in one
// transaction: the meeting's status (Sequence bumped when it changes), the
// acting side's response for the current placement, and an audit entry
// naming the actor, the step and the status change. It returns the stored
// meeting.
func (db *DB) ActOnMeeting(ctx context.Context, actor string, st MeetingStep) (*event.Meeting, error) {
	if err := checkNote("message", st.Message); err != nil {
		return nil, err
	}
	var out *event.Meeting
	err := db.write(ctx, fmt.Sprintf("meeting %d %s", st.ID, st.Action), func(ctx context.Context, tx *sql.Tx) error {
		cur, err := meetingByID(ctx, tx, st.ID)
		if err != nil {
			return err
		}
		if err := checkParty(cur, st.By, st.Party); err != nil {
			return err
		}
		if st.Version != 0 && st.Version != cur.Version {
			return &event.ConflictError{Entity: "meeting", ID: fmt.Sprint(cur.ID), Have: st.Version, Stored: cur.Version, Current: cur}
		}
		sides, err := meetingSides(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		otherAccepted := false
		switch st.By {
		case event.KindStartup:
			s := sides[event.KindCompany]
			otherAccepted = s.Accepted(cur)
		case event.KindCompany:
			s := sides[event.KindStartup]
			otherAccepted = s.Accepted(cur)
		}
		next, err := event.NextStatus(cur, st.By, st.Action, otherAccepted)
		if err != nil {
			return err
		}
		at := now()
		m := *cur
		m.Status = next
		if next != cur.Status {
			if err := updateMeeting(ctx, tx, &m, cur, at); err != nil {
				return err
			}
			e, _, err := eventByRow(ctx, tx)
			if err != nil {
				return err
			}
			if err := checkMeeting(ctx, tx, e, &m, newlyPlaced(&m, cur)); err != nil {
				return err
			}
		}
		if st.By == event.KindStartup || st.By == event.KindCompany {
			s := sides[st.By]
			switch st.Action {
			case event.ActAccept:
				s.Response = event.ResponseAccepted
			case event.ActDecline:
				s.Response = event.ResponseDeclined
			case event.ActAskMove:
				s.Response = event.ResponseMove
			}
			// The response is to the placement the side saw.
			s.ResponseSeq, s.Message, s.Actor, s.RespondedAt = cur.Sequence, st.Message, actor, at
			if err := putSide(ctx, tx, &s); err != nil {
				return err
			}
			// Confirmed by both acceptances: both stand for the new
			// Sequence the confirmation gave the meeting.
			if next == event.StatusConfirmed && cur.Status == event.StatusProposed && st.Action == event.ActAccept {
				for _, k := range []event.ParticipantKind{event.KindStartup, event.KindCompany} {
					o := sides[k]
					if k == st.By {
						o = s
					}
					o.ResponseSeq = m.Sequence
					if err := putSide(ctx, tx, &o); err != nil {
						return err
					}
				}
			}
		}
		detail := fmt.Sprintf("%s %s: %s → %s (%s–%s slot %d table %d seq %d)", st.By, st.Action, cur.Status, next,
			m.StartupID, m.CompanyID, m.Slot, m.Table, m.Sequence)
		if st.Message != "" {
			detail += " message: " + firstLine(st.Message, 200)
		}
		if err := auditChanges(ctx, tx, at, actor, "meeting."+string(st.Action), "meeting", fmt.Sprint(m.ID), detail, meetingDiff(cur, &m)); err != nil {
			return err
		}
		out = &m
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func firstLine(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n]) + "…"
	}
	return s
}

// RecordOutcome stores one side's outcome and private note of a meeting
// (event.CanRecordOutcome: a confirmed meeting becomes held) and sets the
// meeting's outcome to event.CombineOutcomes of both sides, in one
// transaction with an audit entry (the note itself is not logged).
func (db *DB) RecordOutcome(ctx context.Context, actor string, id int64, side event.ParticipantKind, o event.Outcome, note string) (*event.Meeting, error) {
	return db.RecordOutcomeAs(ctx, actor, "", id, side, o, note)
}

// RecordOutcomeAs is RecordOutcome for a party (side's startup or company
// ID, "" for any): the meeting must be the party's when the outcome is
// stored (else event.EForbidden), checked in the same transaction.
func (db *DB) RecordOutcomeAs(ctx context.Context, actor, party string, id int64, side event.ParticipantKind, o event.Outcome, note string) (*event.Meeting, error) {
	if side != event.KindStartup && side != event.KindCompany {
		return nil, event.Errorf(event.EInvalid, "成果はスタートアップまたは企業が記録します", "an outcome is recorded by the startup or the company side, not %q", side)
	}
	if err := checkNote("note", note); err != nil {
		return nil, err
	}
	var out *event.Meeting
	err := db.write(ctx, fmt.Sprintf("meeting %d outcome", id), func(ctx context.Context, tx *sql.Tx) error {
		cur, err := meetingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkParty(cur, side, party); err != nil {
			return err
		}
		next, err := event.CanRecordOutcome(cur, o)
		if err != nil {
			return err
		}
		sides, err := meetingSides(ctx, tx, id)
		if err != nil {
			return err
		}
		at := now()
		s := sides[side]
		s.Outcome, s.Note, s.Actor, s.OutcomeAt = o, note, actor, at
		if err := putSide(ctx, tx, &s); err != nil {
			return err
		}
		sides[side] = s
		m := *cur
		m.Status = next
		m.Outcome = event.CombineOutcomes(sides[event.KindStartup].Outcome, sides[event.KindCompany].Outcome)
		if m.Status != cur.Status || m.Outcome != cur.Outcome {
			if err := updateMeeting(ctx, tx, &m, cur, at); err != nil {
				return err
			}
		}
		if err := auditChanges(ctx, tx, at, actor, "meeting.outcome", "meeting", fmt.Sprint(id),
			fmt.Sprintf("%s outcome %q; meeting %s → %s, outcome %q", side, o, cur.Status, m.Status, m.Outcome), meetingDiff(cur, &m)); err != nil {
			return err
		}
		out = &m
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MeetingsOf returns the meetings of one participant (cancelled ones
// included), ordered by slot, by the participant's index: the cost does not
// grow with the event.
func (db *DB) MeetingsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Meeting, error) {
	col := "startup_id"
	switch kind {
	case event.KindStartup:
	case event.KindCompany:
		col = "company_id"
	default:
		return nil, event.Errorf(event.EInvalid, "参加者の種類が不正です", "storage: meetings of %q", kind)
	}
	ms, err := collect(ctx, db.sql, "meetings of "+id, "SELECT "+meetingCols+" FROM meetings WHERE "+col+" = ? ORDER BY slot, id",
		[]any{id}, scanMeeting)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return ms, nil
}

// Meeting returns one meeting by ID, or ENotFound.
func (db *DB) Meeting(ctx context.Context, id int64) (*event.Meeting, error) {
	m, err := meetingByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return m, nil
}

// SidesOf returns one side's records on the given meetings, by meeting ID.
func (db *DB) SidesOf(ctx context.Context, side event.ParticipantKind, ids []int64) (map[int64]event.MeetingSide, error) {
	out := make(map[int64]event.MeetingSide, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, string(side))
		for _, id := range chunk {
			args = append(args, id)
		}
		l, err := collect(ctx, db.sql, "meeting sides", "SELECT "+sideCols+" FROM meeting_sides WHERE side = ? AND meeting_id IN ("+
			placeholdersFrom(1, len(chunk))+")", args, scanSide)
		if err != nil {
			return nil, fmt.Errorf("storage: %w", err)
		}
		for _, s := range l {
			out[s.MeetingID] = s
		}
	}
	return out, nil
}
