package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"pitchmatch/event"
)

// ---- scout portal tokens ----

const scoutTokenCols = "hash, company_id, scout, email, lang, created_at, expires_at, revoked"

func scanScoutToken(sc scanner) (event.Token, error) {
	var t event.Token
	var created, expires, lang string
	if err := sc.Scan(&t.Hash, &t.CompanyID, &t.Scout, &t.Email, &lang, &created, &expires, &t.Revoked); err != nil {
		return t, err
	}
	t.Lang = event.Lang(lang)
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return t, fmt.Errorf("token of company %s: %w", t.CompanyID, err)
	}
	if t.ExpiresAt, err = parseTime(expires); err != nil {
		return t, fmt.Errorf("token of company %s: %w", t.CompanyID, err)
	}
	return t, nil
}

// CreateScoutToken stores a company scout's portal token (its hash only):
// t.CompanyID and t.Scout name whom it reaches. A stored hash is EExists;
// an unknown company ENotFound.
func (db *DB) CreateScoutToken(ctx context.Context, t event.Token) error {
	if strings.TrimSpace(t.Hash) == "" || t.CompanyID == "" || strings.TrimSpace(t.Scout) == "" {
		return invalid("トークンのハッシュ、企業ID、スカウト名が必要です", "storage: create scout token: hash, company ID and scout name are required")
	}
	if err := checkNote("scout", t.Scout); err != nil {
		return err
	}
	at := now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = at
	}
	return db.write(ctx, "create scout token for company "+t.CompanyID, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO scout_tokens ("+scoutTokenCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			t.Hash, t.CompanyID, t.Scout, t.Email, string(t.Lang), formatTime(t.CreatedAt), formatTime(t.ExpiresAt), t.Revoked)
		switch {
		case isUnique(err):
			return &event.Error{Code: event.EExists, Message: event.T("同じトークンが既に登録されています", "this token is already stored")}
		case isForeignKey(err):
			return event.NotFound("company", t.CompanyID)
		case err != nil:
			return fmt.Errorf("insert scout token: %w", err)
		}
		detail := "scout " + t.Scout + ", no expiry"
		if !t.ExpiresAt.IsZero() {
			detail = "scout " + t.Scout + ", expires " + formatTime(t.ExpiresAt)
		}
		return audit(ctx, tx, at, "system", "token.create", "company", t.CompanyID, detail)
	})
}

// ScoutTokenByHash returns the scout token with hash (revoked or expired
// ones included; the caller decides), or ENotFound.
func (db *DB) ScoutTokenByHash(ctx context.Context, hash string) (*event.Token, error) {
	t, err := scanScoutToken(db.sql.QueryRowContext(ctx, "SELECT "+scoutTokenCols+" FROM scout_tokens WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %w", event.NotFound("token", ""))
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read scout token: %w", err)
	}
	return &t, nil
}

// RevokeScoutToken marks one scout token revoked; an unknown hash is
// ENotFound.
func (db *DB) RevokeScoutToken(ctx context.Context, hash string) error {
	return db.write(ctx, "revoke scout token", func(ctx context.Context, tx *sql.Tx) error {
		var cid, scout string
		err := tx.QueryRowContext(ctx, "UPDATE scout_tokens SET revoked = 1 WHERE hash = ? RETURNING company_id, scout", hash).Scan(&cid, &scout)
		if errors.Is(err, sql.ErrNoRows) {
			return event.NotFound("token", "")
		}
		if err != nil {
			return fmt.Errorf("revoke scout token: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke", "company", cid, "scout "+scout)
	})
}

// RevokeScoutTokens revokes the tokens of a company's scout, or of all its
// scouts when scout is empty, and returns how many were revoked.
func (db *DB) RevokeScoutTokens(ctx context.Context, companyID, scout string) (int, error) {
	var n int64
	err := db.write(ctx, "revoke scout tokens of company "+companyID, func(ctx context.Context, tx *sql.Tx) error {
		q, args := "UPDATE scout_tokens SET revoked = 1 WHERE company_id = ? AND revoked = 0", []any{companyID}
		if scout != "" {
			q, args = q+" AND scout = ?", append(args, scout)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("revoke scout tokens: %w", err)
		}
		if n, err = res.RowsAffected(); err != nil {
			return fmt.Errorf("revoke scout tokens: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke_all", "company", companyID, fmt.Sprintf("scout %q: %d tokens", scout, n))
	})
	return int(n), err
}

// ScoutTokens lists a company's scout tokens, oldest first.
func (db *DB) ScoutTokens(ctx context.Context, companyID string) ([]event.Token, error) {
	out, err := collect(ctx, db.sql, "scout tokens of company "+companyID,
		"SELECT "+scoutTokenCols+" FROM scout_tokens WHERE company_id = ? ORDER BY created_at, hash", []any{companyID}, scanScoutToken)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// ---- scouts' private notes ----

// ScoutNote returns a company's private note on a startup ("" when none).
func (db *DB) ScoutNote(ctx context.Context, companyID, startupID string) (string, error) {
	var note string
	err := db.sql.QueryRowContext(ctx, "SELECT note FROM scout_notes WHERE company_id = ? AND startup_id = ?", companyID, startupID).Scan(&note)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("storage: read note of %s on %s: %w", companyID, startupID, err)
	}
	return note, nil
}

// ScoutNotes returns a company's private notes by startup ID.
func (db *DB) ScoutNotes(ctx context.Context, companyID string) (map[string]string, error) {
	type kv struct{ k, v string }
	l, err := collect(ctx, db.sql, "notes of "+companyID, "SELECT startup_id, note FROM scout_notes WHERE company_id = ?",
		[]any{companyID}, func(sc scanner) (kv, error) {
			var x kv
			err := sc.Scan(&x.k, &x.v)
			return x, err
		})
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	out := make(map[string]string, len(l))
	for _, x := range l {
		out[x.k] = x.v
	}
	return out, nil
}

// SetScoutNote stores (or, when note is empty, deletes) a company's private
// note on a startup and returns the previous note, so the change can be
// undone. The audit entry records who changed it, not the text.
func (db *DB) SetScoutNote(ctx context.Context, actor, companyID, startupID, note string) (prev string, err error) {
	if err := checkNote("note", note); err != nil {
		return "", err
	}
	err = db.write(ctx, "note of "+companyID+" on "+startupID, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT note FROM scout_notes WHERE company_id = ? AND startup_id = ?", companyID, startupID).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read note: %w", err)
		}
		at := now()
		if note == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM scout_notes WHERE company_id = ? AND startup_id = ?", companyID, startupID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO scout_notes (company_id, startup_id, note, actor, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (company_id, startup_id) DO UPDATE SET note = excluded.note, actor = excluded.actor, updated_at = excluded.updated_at`,
				companyID, startupID, note, actor, formatTime(at))
		}
		if isForeignKey(err) {
			return event.NotFound("startup", startupID)
		}
		if err != nil {
			return fmt.Errorf("store note: %w", err)
		}
		return audit(ctx, tx, at, actor, "note.update", "company", companyID, "note on "+startupID)
	})
	return prev, err
}

// ---- per-participant reads ----

// ThemesOf returns a company's themes, ordered by ID.
func (db *DB) ThemesOf(ctx context.Context, companyID string) ([]*event.Theme, error) {
	l, err := collect(ctx, db.sql, "themes of "+companyID, "SELECT "+themeCols+" FROM themes WHERE company_id = ? ORDER BY id",
		[]any{companyID}, scanTheme)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return l, nil
}

// AvailabilityOf returns a participant's unavailable slots (nil when none).
func (db *DB) AvailabilityOf(ctx context.Context, kind event.ParticipantKind, id string) ([]int, error) {
	l, err := availabilityOf(ctx, db.sql, kind, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return l, nil
}

func availabilityOf(ctx context.Context, q querier, kind event.ParticipantKind, id string) ([]int, error) {
	col := "startup_id"
	if kind == event.KindCompany {
		col = "company_id"
	}
	var s string
	err := q.QueryRowContext(ctx, "SELECT unavailable FROM availability WHERE "+col+" = ?", id).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("availability of %s: %w", id, err)
	}
	l, err := decodeInts(s)
	if err != nil {
		return nil, fmt.Errorf("availability of %s: %w", id, err)
	}
	return l, nil
}

// SetAvailability replaces a participant's unavailable slots (checked
// against the event's slots), in one transaction with an audit entry.
func (db *DB) SetAvailability(ctx context.Context, actor string, kind event.ParticipantKind, id string, unavailable []int) error {
	return db.setAvailability(ctx, actor, kind, id, func([]int) ([]int, error) { return unavailable, nil })
}

func (db *DB) setAvailability(ctx context.Context, actor string, kind event.ParticipantKind, id string, change func(stored []int) ([]int, error)) error {
	if kind != event.KindStartup && kind != event.KindCompany {
		return invalid("参加者の種類が不正です", fmt.Sprintf("storage: availability of %q", kind))
	}
	return db.write(ctx, "availability of "+id, func(ctx context.Context, tx *sql.Tx) error {
		e, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		stored, err := availabilityOf(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		unavailable, err := change(slices.Clone(stored))
		if err != nil {
			return err
		}
		a := event.Availability{Kind: kind, ID: id, Unavailable: append([]int(nil), unavailable...)}
		sort.Ints(a.Unavailable)
		n := e.NumSlots()
		for i, sl := range a.Unavailable {
			if sl < 0 || sl >= n || (i > 0 && a.Unavailable[i-1] == sl) {
				return &event.ValidationError{Entity: "availability", ID: id, Errors: []event.FieldError{{
					Field: fmt.Sprintf("unavailable[%d]", i), Code: event.FieldRange,
					Message: event.T(fmt.Sprintf("枠 %d はありません（0〜%d、重複不可）", sl, n-1), fmt.Sprintf("no slot %d (0 to %d, no repeats)", sl, n-1))}}}
			}
		}
		w, err := newAvailabilityWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		if err := w.put(ctx, &a); err != nil {
			return err
		}
		var changes []event.FieldChange
		if old, new := encodeInts(stored), encodeInts(a.Unavailable); old != new {
			changes = []event.FieldChange{{Entity: string(kind), ID: id, Field: "unavailable", Old: old, New: new}}
		}
		return auditChanges(ctx, tx, now(), actor, "availability.update", string(kind), id, fmt.Sprintf("%d slots unavailable", len(a.Unavailable)), changes)
	})
}
