package storage

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"pitchmatch/event"
)

// ---- portal tokens ----

// CreateToken stores a startup's portal token (its hash only). A hash that
// is already stored is an EExists error; an unknown startup is ENotFound.
func (db *DB) CreateToken(ctx context.Context, t event.Token) error {
	if strings.TrimSpace(t.Hash) == "" || t.StartupID == "" {
		return invalid("トークンのハッシュとスタートアップIDが必要です", "storage: create token: hash and startup ID are required")
	}
	at := now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = at
	}
	return db.write(ctx, "create token for startup "+t.StartupID, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO tokens (hash, startup_id, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?)",
			t.Hash, t.StartupID, formatTime(t.CreatedAt), formatTime(t.ExpiresAt), t.Revoked)
		switch {
		case isUnique(err):
			return &event.Error{Code: event.EExists, Message: event.Text{
				Ja: "同じトークンが既に登録されています", En: "this token is already stored"}}
		case isForeignKey(err):
			return event.NotFound("startup", t.StartupID)
		case err != nil:
			return fmt.Errorf("insert: %w", err)
		}
		detail := "no expiry"
		if !t.ExpiresAt.IsZero() {
			detail = "expires " + formatTime(t.ExpiresAt)
		}
		return audit(ctx, tx, at, "system", "token.create", "startup", t.StartupID, detail)
	})
}

const tokenCols = "hash, startup_id, created_at, expires_at, revoked"

func scanToken(sc scanner) (event.Token, error) {
	var t event.Token
	var created, expires string
	if err := sc.Scan(&t.Hash, &t.StartupID, &created, &expires, &t.Revoked); err != nil {
		return t, err
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return t, fmt.Errorf("token of startup %s: %w", t.StartupID, err)
	}
	if t.ExpiresAt, err = parseTime(expires); err != nil {
		return t, fmt.Errorf("token of startup %s: %w", t.StartupID, err)
	}
	return t, nil
}

// TokenByHash returns the token with hash, revoked or expired ones included
// (the caller decides), or an ENotFound error.
func (db *DB) TokenByHash(ctx context.Context, hash string) (*event.Token, error) {
	t, err := scanToken(db.sql.QueryRowContext(ctx, "SELECT "+tokenCols+" FROM tokens WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %w", event.NotFound("token", ""))
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read token: %w", err)
	}
	return &t, nil
}

// RevokeToken marks one token revoked; an unknown hash is ENotFound.
func (db *DB) RevokeToken(ctx context.Context, hash string) error {
	return db.write(ctx, "revoke token", func(ctx context.Context, tx *sql.Tx) error {
		var sid string
		err := tx.QueryRowContext(ctx, "UPDATE tokens SET revoked = 1 WHERE hash = ? RETURNING startup_id", hash).Scan(&sid)
		if errors.Is(err, sql.ErrNoRows) {
			return event.NotFound("token", "")
		}
		if err != nil {
			return fmt.Errorf("update: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke", "startup", sid, "")
	})
}

// RevokeStartupTokens revokes every token of a startup.
func (db *DB) RevokeStartupTokens(ctx context.Context, startupID string) error {
	return db.write(ctx, "revoke tokens of startup "+startupID, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE tokens SET revoked = 1 WHERE startup_id = ? AND revoked = 0", startupID)
		if err != nil {
			return fmt.Errorf("update: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("update: %w", err)
		}
		return audit(ctx, tx, now(), "system", "token.revoke_all", "startup", startupID, fmt.Sprintf("%d tokens", n))
	})
}

// Tokens lists a startup's tokens, oldest first.
func (db *DB) Tokens(ctx context.Context, startupID string) ([]event.Token, error) {
	out, err := collect(ctx, db.sql, "tokens of startup "+startupID,
		"SELECT "+tokenCols+" FROM tokens WHERE startup_id = ? ORDER BY created_at, hash", []any{startupID}, scanToken)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// ---- embedding cache ----

// vectorChunk bounds the keys per query, below SQLite's parameter limit.
const vectorChunk = 500

// LoadVectors returns the cached vectors of model for the keys found; keys
// not cached are absent from the map.
func (db *DB) LoadVectors(ctx context.Context, model string, keys []string) (map[string][]float32, error) {
	out := make(map[string][]float32, len(keys))
	for start := 0; start < len(keys); start += vectorChunk {
		chunk := keys[start:min(start+vectorChunk, len(keys))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, model)
		for _, k := range chunk {
			args = append(args, k)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("storage: load vectors of %s: %w", model, err)
		}
		// Detached from ctx for speed, as in collect; ctx is checked per chunk.
		rows, err := db.sql.QueryContext(context.WithoutCancel(ctx), "SELECT key, dims, vec FROM embeddings WHERE model = ? AND key IN ("+
			placeholdersFrom(1, len(chunk))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("storage: load vectors of %s: %w", model, err)
		}
		for rows.Next() {
			var key string
			var dims int
			var blob []byte
			if err := rows.Scan(&key, &dims, &blob); err != nil {
				rows.Close()
				return nil, fmt.Errorf("storage: load vectors of %s: %w", model, err)
			}
			if len(blob) != 4*dims {
				rows.Close()
				return nil, fmt.Errorf("storage: vector %s of %s: %d bytes for %d dimensions", key, model, len(blob), dims)
			}
			out[key] = decodeVector(blob)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("storage: load vectors of %s: %w", model, err)
		}
	}
	return out, nil
}

// SaveVectors caches vectors of model in one transaction, replacing any
// cached under the same keys. The cache is not audited.
func (db *DB) SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error {
	if model == "" {
		return invalid("モデル名が必要です", "storage: save vectors: model name is required")
	}
	for k, v := range vecs {
		if k == "" || len(v) == 0 {
			return invalid("空のベクトルまたはキーは保存できません", fmt.Sprintf("storage: save vectors: empty key or vector (key %q)", k))
		}
	}
	at := formatTime(now())
	return db.write(ctx, "save vectors of "+model, func(ctx context.Context, tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO embeddings (model, key, dims, vec, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (model, key) DO UPDATE SET dims = excluded.dims, vec = excluded.vec, created_at = excluded.created_at`)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		defer stmt.Close()
		for k, v := range vecs {
			if _, err := stmt.ExecContext(ctx, model, k, len(v), encodeVector(v), at); err != nil {
				return fmt.Errorf("vector %s: %w", k, err)
			}
		}
		return nil
	})
}

// encodeVector packs v as little-endian float32.
func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

func decodeVector(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// ---- settings ----

// Setting returns a per-event setting; ok is false when it was never set.
func (db *DB) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores a per-event setting and audits the change.
func (db *DB) SetSetting(ctx context.Context, actor, key, value string) error {
	if strings.TrimSpace(key) == "" {
		return invalid("設定名が必要です", "storage: set setting: key is required")
	}
	at := now()
	return db.write(ctx, "set setting "+key, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, formatTime(at))
		if err != nil {
			return fmt.Errorf("write: %w", err)
		}
		detail := value
		if len(detail) > 80 {
			detail = detail[:80] + "…"
		}
		return audit(ctx, tx, at, actor, "setting.set", "setting", key, detail)
	})
}
