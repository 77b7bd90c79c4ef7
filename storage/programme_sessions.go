package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
)

// ---- busy times ----

// AddBusy stores a time a participant cannot hold sessions.
func (db *DB) AddBusy(ctx context.Context, actor string, b event.Busy) error {
	if (b.Kind != event.KindStartup && b.Kind != event.KindCompany) || strings.TrimSpace(b.ID) == "" || !b.From.Before(b.To) {
		return invalid("参加者(startup/company とID)と、開始より後の終了日時が必要です", "storage: busy time: a participant (startup or company, ID) and from before to are required")
	}
	return db.write(ctx, "add busy time of "+b.ID, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO busy_times (kind, who, from_at, to_at) VALUES (?, ?, ?, ?)",
			string(b.Kind), b.ID, formatTime(b.From), formatTime(b.To)); err != nil {
			return fmt.Errorf("store busy time: %w", err)
		}
		return audit(ctx, tx, now(), actor, "busy.add", string(b.Kind), b.ID, formatTime(b.From)+" – "+formatTime(b.To))
	})
}

func scanBusy(sc scanner) (event.Busy, error) {
	var b event.Busy
	var kind, from, to string
	if err := sc.Scan(&kind, &b.ID, &from, &to); err != nil {
		return b, err
	}
	b.Kind = event.ParticipantKind(kind)
	var err error
	if b.From, err = parseTime(from); err != nil {
		return b, err
	}
	b.To, err = parseTime(to)
	return b, err
}

func busyTimes(ctx context.Context, q querier) ([]event.Busy, error) {
	return collect(ctx, q, "busy times", "SELECT kind, who, from_at, to_at FROM busy_times ORDER BY id", nil, scanBusy)
}

// BusyTimes returns every stored busy time.
func (db *DB) BusyTimes(ctx context.Context) ([]event.Busy, error) {
	out, err := busyTimes(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// ---- sessions ----

const sessionCols = "id, uid, startup_id, company_id, theme_id, number, start_at, minutes, mode, status, note, sequence, version, updated_at"

func scanSession(sc scanner) (event.Session, error) {
	var s event.Session
	var start, mode, status, at string
	if err := sc.Scan(&s.ID, &s.UID, &s.StartupID, &s.CompanyID, &s.ThemeID, &s.Number, &start, &s.Minutes, &mode, &status,
		&s.Note, &s.Sequence, &s.Version, &at); err != nil {
		return s, err
	}
	s.Mode, s.Status = event.SessionMode(mode), event.SessionStatus(status)
	var err error
	if s.Start, err = parseTime(start); err != nil {
		return s, fmt.Errorf("session %d: %w", s.ID, err)
	}
	if s.UpdatedAt, err = parseTime(at); err != nil {
		return s, fmt.Errorf("session %d: %w", s.ID, err)
	}
	return s, nil
}

func sessions(ctx context.Context, q querier) ([]event.Session, error) {
	return collect(ctx, q, "sessions", "SELECT "+sessionCols+" FROM sessions ORDER BY start_at, id", nil, scanSession)
}

// Sessions returns every acceleration session in time order.
func (db *DB) Sessions(ctx context.Context) ([]event.Session, error) {
	out, err := sessions(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// SelectedPairs lists the pairs of the selected applications, by
// application ID.
func (db *DB) SelectedPairs(ctx context.Context) ([]event.SelectedPair, error) {
	apps, err := db.Applications(ctx)
	if err != nil {
		return nil, err
	}
	var out []event.SelectedPair
	for _, a := range apps {
		if a.Decision == event.DecisionSelected {
			out = append(out, event.SelectedPair{StartupID: a.StartupID, CompanyID: a.CompanyID, ThemeID: a.ThemeID})
		}
	}
	return out, nil
}

// ScheduleSessions places the missing sessions of every selected pair
// (event.ScheduleSessions) around the stored sessions and busy times, and
// stores the new ones in one transaction. It returns the new sessions and
// what could not be placed.
func (db *DB) ScheduleSessions(ctx context.Context, actor string) ([]event.Session, []event.Unplaced, error) {
	var placed []event.Session
	var unplaced []event.Unplaced
	err := db.write(ctx, "schedule sessions", func(ctx context.Context, tx *sql.Tx) error {
		p, err := programmeByRow(ctx, tx)
		if err != nil {
			return err
		}
		if p.Sessions.Count == 0 {
			return invalid("セッションの計画(回数・間隔・期間・候補時刻)が設定されていません", "the programme has no session plan (count, interval, weeks, weekly times)")
		}
		ev, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		apps, err := collect(ctx, tx, "applications", "SELECT "+applicationCols+" FROM applications WHERE decision = 'selected' ORDER BY id", nil, scanApplication)
		if err != nil {
			return err
		}
		pairs := make([]event.SelectedPair, len(apps))
		for i, a := range apps {
			pairs[i] = event.SelectedPair{StartupID: a.StartupID, CompanyID: a.CompanyID, ThemeID: a.ThemeID}
		}
		busy, err := busyTimes(ctx, tx)
		if err != nil {
			return err
		}
		existing, err := sessions(ctx, tx)
		if err != nil {
			return err
		}
		placed, unplaced = event.ScheduleSessions(&p.Sessions, ev.Location(), pairs, busy, existing)
		at := now()
		stmt, err := tx.PrepareContext(ctx, "INSERT INTO sessions (uid, startup_id, company_id, theme_id, number, start_at, minutes, mode, status, note, sequence, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 1, ?)")
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range placed {
			s := &placed[i]
			res, err := stmt.ExecContext(ctx, s.UID, s.StartupID, s.CompanyID, s.ThemeID, s.Number, formatTime(s.Start), s.Minutes, string(s.Mode), string(s.Status), formatTime(at))
			if err != nil {
				return fmt.Errorf("store session %s: %w", s.UID, err)
			}
			s.ID, _ = res.LastInsertId()
			s.Version, s.UpdatedAt = 1, at
		}
		return audit(ctx, tx, at, actor, "sessions.schedule", "programme", "", fmt.Sprintf("%d sessions placed, %d not placed", len(placed), len(unplaced)))
	})
	if err != nil {
		return nil, nil, err
	}
	return placed, unplaced, nil
}

// StepSession applies one step to a session (event.ApplySessionStep): a
// move is checked against both sides' other sessions and busy times. The
// UID never changes; moves and cancellations bump Sequence. version, when
// not 0, must match.
func (db *DB) StepSession(ctx context.Context, actor string, id int64, act event.SessionAction, start time.Time, note string, version int64) (*event.Session, error) {
	var out *event.Session
	err := db.write(ctx, fmt.Sprintf("session %d %s", id, act), func(ctx context.Context, tx *sql.Tx) error {
		s, err := scanSession(tx.QueryRowContext(ctx, "SELECT "+sessionCols+" FROM sessions WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return event.NotFound("session", fmt.Sprint(id))
		}
		if err != nil {
			return err
		}
		if version != 0 && version != s.Version {
			return &event.ConflictError{Entity: "session", ID: fmt.Sprint(id), Have: version, Stored: s.Version, Current: &s}
		}
		before := s
		if act == event.SessionMove {
			others, err := sessions(ctx, tx)
			if err != nil {
				return err
			}
			busy, err := busyTimes(ctx, tx)
			if err != nil {
				return err
			}
			if err := event.CheckSessionTime(&s, start, others, busy); err != nil {
				return err
			}
		}
		if err := event.ApplySessionStep(&s, act, start, note); err != nil {
			return err
		}
		at := now()
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET start_at = ?, status = ?, note = ?, sequence = ?, version = version + 1, updated_at = ? WHERE id = ?",
			formatTime(s.Start), string(s.Status), s.Note, s.Sequence, formatTime(at), id); err != nil {
			return fmt.Errorf("update session %d: %w", id, err)
		}
		s.Version++
		s.UpdatedAt = at
		out = &s
		detail := fmt.Sprintf("%s: %s %s → %s %s", s.UID, before.Status, formatTime(before.Start), s.Status, formatTime(s.Start))
		return audit(ctx, tx, at, actor, "session."+string(act), "startup", s.StartupID, detail)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ---- judges and pitch scores ----

// AddJudge stores (or updates) a final-pitch judge; CompanyID, when set,
// must be a company of the event (its pairs' pitches are excluded).
func (db *DB) AddJudge(ctx context.Context, actor string, j event.Judge) error {
	if strings.TrimSpace(j.ID) == "" || strings.TrimSpace(j.Name) == "" {
		return invalid("審査員のIDと氏名が必要です", "storage: judge: ID and name are required")
	}
	if err := checkNote("name", j.Name); err != nil {
		return err
	}
	return db.write(ctx, "add judge "+j.ID, func(ctx context.Context, tx *sql.Tx) error {
		if j.CompanyID != "" {
			if _, err := companyByID(ctx, tx, j.CompanyID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO judges (id, name, company_id, email) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, company_id = excluded.company_id, email = excluded.email`,
			j.ID, j.Name, j.CompanyID, j.Email); err != nil {
			return fmt.Errorf("store judge: %w", err)
		}
		return audit(ctx, tx, now(), actor, "judge.save", "judge", j.ID, "company "+j.CompanyID)
	})
}

func judges(ctx context.Context, q querier) ([]event.Judge, error) {
	return collect(ctx, q, "judges", "SELECT id, name, company_id, email FROM judges ORDER BY id", nil, func(sc scanner) (event.Judge, error) {
		var j event.Judge
		err := sc.Scan(&j.ID, &j.Name, &j.CompanyID, &j.Email)
		return j, err
	})
}

// Judges returns every judge by ID.
func (db *DB) Judges(ctx context.Context) ([]event.Judge, error) {
	out, err := judges(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// ScorePitch stores (or replaces) a judge's scorecard on a selected
// application's pitch; a judge from the company sponsoring the pair is
// refused (EForbidden) and nothing is stored.
func (db *DB) ScorePitch(ctx context.Context, actor string, id int64, card event.Scorecard) error {
	return db.write(ctx, fmt.Sprintf("score pitch of application %d", id), func(ctx context.Context, tx *sql.Tx) error {
		p, err := programmeByRow(ctx, tx)
		if err != nil {
			return err
		}
		a, err := applicationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if a.Decision != event.DecisionSelected {
			return event.Errorf(event.EInvalid, "採択されていない応募のピッチは採点できません", "application %d was not selected; it does not pitch", id)
		}
		var j event.Judge
		err = tx.QueryRowContext(ctx, "SELECT id, name, company_id, email FROM judges WHERE id = ?", card.Reviewer).Scan(&j.ID, &j.Name, &j.CompanyID, &j.Email)
		if errors.Is(err, sql.ErrNoRows) {
			return event.NotFound("judge", card.Reviewer)
		}
		if err != nil {
			return fmt.Errorf("read judge: %w", err)
		}
		if err := event.MayJudge(&j, &event.PitchSlot{ApplicationID: a.ID, StartupID: a.StartupID, CompanyID: a.CompanyID, ThemeID: a.ThemeID}); err != nil {
			return err
		}
		if err := p.PitchRubric.Check(&card); err != nil {
			return err
		}
		scores, _ := json.Marshal(card.Scores)
		at := now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO pitch_scores (application_id, judge_id, scores, comment, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (application_id, judge_id) DO UPDATE SET scores = excluded.scores, comment = excluded.comment, at = excluded.at`,
			id, j.ID, string(scores), card.Comment, formatTime(at)); err != nil {
			return fmt.Errorf("store pitch score: %w", err)
		}
		return audit(ctx, tx, at, actor, "pitch.score", "judge", j.ID, fmt.Sprintf("application %d (%s): %s", id, a.StartupID, scores))
	})
}

// PitchCards returns every judge's pitch scorecard by application ID.
func (db *DB) PitchCards(ctx context.Context) (map[int64][]event.Scorecard, error) {
	l, err := collect(ctx, db.sql, "pitch scores", "SELECT application_id, judge_id, '', scores, comment, at FROM pitch_scores ORDER BY application_id, judge_id", nil, scanCard)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return byApplication(l), nil
}
