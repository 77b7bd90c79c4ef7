package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"pitchmatch/event"
)

// Final-pitch judges' private links (migration 0008) and the programme's
// per-participant reads the portal routes use: one startup's applications,
// one company's applications and scorecards, one judge.

const judgeTokenCols = "hash, judge_id, created_at, expires_at, revoked"

func scanJudgeToken(sc scanner) (event.Token, error) {
	var t event.Token
	var created, expires string
	if err := sc.Scan(&t.Hash, &t.JudgeID, &created, &expires, &t.Revoked); err != nil {
		return t, err
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return t, fmt.Errorf("token of judge %s: %w", t.JudgeID, err)
	}
	if t.ExpiresAt, err = parseTime(expires); err != nil {
		return t, fmt.Errorf("token of judge %s: %w", t.JudgeID, err)
	}
	return t, nil
}

// CreateJudgeToken stores a judge's portal token (its hash only). A stored
// hash is EExists; an unknown judge ENotFound.
func (db *DB) CreateJudgeToken(ctx context.Context, t event.Token) error {
	if strings.TrimSpace(t.Hash) == "" || strings.TrimSpace(t.JudgeID) == "" {
		return invalid("トークンのハッシュと審査員IDが必要です", "storage: create judge token: hash and judge ID are required")
	}
	at := now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = at
	}
	return db.write(ctx, "create judge token for "+t.JudgeID, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO judge_tokens ("+judgeTokenCols+") VALUES (?, ?, ?, ?, ?)",
			t.Hash, t.JudgeID, formatTime(t.CreatedAt), formatTime(t.ExpiresAt), t.Revoked)
		switch {
		case isUnique(err):
			return &event.Error{Code: event.EExists, Message: event.T("同じトークンが既に登録されています", "this token is already stored")}
		case isForeignKey(err):
			return event.NotFound("judge", t.JudgeID)
		case err != nil:
			return fmt.Errorf("insert judge token: %w", err)
		}
		detail := "no expiry"
		if !t.ExpiresAt.IsZero() {
			detail = "expires " + formatTime(t.ExpiresAt)
		}
		return audit(ctx, tx, at, "system", "token.create", "judge", t.JudgeID, detail)
	})
}

// JudgeTokenByHash returns the judge token with hash (revoked or expired
// ones included; the caller decides), or ENotFound.
func (db *DB) JudgeTokenByHash(ctx context.Context, hash string) (*event.Token, error) {
	t, err := scanJudgeToken(db.sql.QueryRowContext(ctx, "SELECT "+judgeTokenCols+" FROM judge_tokens WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %w", event.NotFound("token", ""))
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read judge token: %w", err)
	}
	return &t, nil
}

// RevokeJudgeToken marks one judge token revoked; an unknown hash is
// ENotFound.
func (db *DB) RevokeJudgeToken(ctx context.Context, hash string) error {
	return db.write(ctx, "revoke judge token", func(ctx context.Context, tx *sql.Tx) error {
		var jid string
		err := tx.QueryRowContext(ctx, "UPDATE judge_tokens SET revoked = 1 WHERE hash = ? RETURNING judge_id", hash).Scan(&jid)
		if errors.Is(err, sql.ErrNoRows) {
			return event.NotFound("token", "")
		}
		if err != nil {
			return fmt.Errorf("revoke judge token: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke", "judge", jid, "")
	})
}

// RevokeJudgeTokens revokes every link of a judge and returns how many were
// revoked.
func (db *DB) RevokeJudgeTokens(ctx context.Context, judgeID string) (int, error) {
	var n int64
	err := db.write(ctx, "revoke judge tokens of "+judgeID, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE judge_tokens SET revoked = 1 WHERE judge_id = ? AND revoked = 0", judgeID)
		if err != nil {
			return fmt.Errorf("revoke judge tokens: %w", err)
		}
		if n, err = res.RowsAffected(); err != nil {
			return fmt.Errorf("revoke judge tokens: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke_all", "judge", judgeID, fmt.Sprintf("%d tokens", n))
	})
	return int(n), err
}

// JudgeTokens lists a judge's tokens, oldest first.
func (db *DB) JudgeTokens(ctx context.Context, judgeID string) ([]event.Token, error) {
	out, err := collect(ctx, db.sql, "tokens of judge "+judgeID,
		"SELECT "+judgeTokenCols+" FROM judge_tokens WHERE judge_id = ? ORDER BY created_at, hash", []any{judgeID}, scanJudgeToken)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// Judge returns one judge, or ENotFound.
func (db *DB) Judge(ctx context.Context, id string) (*event.Judge, error) {
	var j event.Judge
	err := db.sql.QueryRowContext(ctx, "SELECT id, name, company_id, email FROM judges WHERE id = ?", id).Scan(&j.ID, &j.Name, &j.CompanyID, &j.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %w", event.NotFound("judge", id))
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read judge %s: %w", id, err)
	}
	return &j, nil
}

// ApplicationsOf returns the applications (without deck contents) of one
// startup (kind KindStartup) or to one company's themes (KindCompany), by ID.
func (db *DB) ApplicationsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Application, error) {
	col, err := sideColumn(kind, "applications")
	if err != nil {
		return nil, err
	}
	out, err := collect(ctx, db.sql, "applications of "+id, "SELECT "+applicationCols+" FROM applications WHERE "+col+" = ? ORDER BY id", []any{id}, scanApplication)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// ScreeningCardsOf returns the screening scorecards on the applications to
// one company's themes, by application ID.
func (db *DB) ScreeningCardsOf(ctx context.Context, companyID string) (map[int64][]event.Scorecard, error) {
	l, err := collect(ctx, db.sql, "screening scores of "+companyID, `SELECT s.application_id, s.scout, s.company_id, s.scores, s.comment, s.at
		FROM screening_scores s JOIN applications a ON a.id = s.application_id WHERE a.company_id = ? ORDER BY s.application_id, s.scout`,
		[]any{companyID}, scanCard)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return byApplication(l), nil
}

// PitchCardsOf returns one judge's pitch scorecards by application ID.
func (db *DB) PitchCardsOf(ctx context.Context, judgeID string) (map[int64]event.Scorecard, error) {
	l, err := collect(ctx, db.sql, "pitch scores of "+judgeID, "SELECT application_id, judge_id, '', scores, comment, at FROM pitch_scores WHERE judge_id = ? ORDER BY application_id",
		[]any{judgeID}, scanCard)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	out := make(map[int64]event.Scorecard, len(l))
	for _, r := range l {
		out[r.app] = r.card
	}
	return out, nil
}

// SelectedApplications returns the selected applications (those that pitch),
// without deck contents, by ID.
func (db *DB) SelectedApplications(ctx context.Context) ([]event.Application, error) {
	out, err := collect(ctx, db.sql, "selected applications", "SELECT "+applicationCols+" FROM applications WHERE decision = 'selected' ORDER BY id", nil, scanApplication)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// SessionsOf returns one startup's (KindStartup) or one company's
// (KindCompany) acceleration sessions in time order.
func (db *DB) SessionsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Session, error) {
	col, err := sideColumn(kind, "sessions")
	if err != nil {
		return nil, err
	}
	out, err := collect(ctx, db.sql, "sessions of "+id, "SELECT "+sessionCols+" FROM sessions WHERE "+col+" = ? ORDER BY start_at, id", []any{id}, scanSession)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// sideColumn is the column naming a startup or a company in the programme's
// tables (applications, sessions).
func sideColumn(kind event.ParticipantKind, what string) (string, error) {
	switch kind {
	case event.KindStartup:
		return "startup_id", nil
	case event.KindCompany:
		return "company_id", nil
	}
	return "", invalid("参加者の種類が不正です", fmt.Sprintf("storage: %s of %q", what, kind))
}
