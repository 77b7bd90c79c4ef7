package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"

	"pitchmatch/event"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// busyTimeout is how long a connection waits for another writer's lock.
const busyTimeout = 10 * time.Second

// applicationID marks a SQLite file as a PitchMatch event ("PMCH"), so that
// Open refuses another program's database instead of adding tables to it.
const applicationID = 0x504D4348

// DB is a PitchMatch event stored in one SQLite file. It is safe for
// concurrent use by several goroutines, and several processes may open the
// same file.
type DB struct {
	sql  *sql.DB
	path string
}

var _ event.Store = (*DB)(nil)

// dsn builds the connection string: WAL journal, foreign keys on, a busy
// timeout, synchronous NORMAL and BEGIN IMMEDIATE for every transaction.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// Open opens the event file at path, creating it if missing, and applies any
// migrations it lacks.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || strings.Contains(path, "?") || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return nil, event.Errorf(event.EInvalid, "データベースのファイル名が正しくありません",
			"storage: unusable database path %q (must be a plain file name without '?')", path)
	}
	sqldb, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	db := &DB{sql: sqldb, path: path}
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		if isNotADB(err) {
			return nil, fmt.Errorf("storage: open %s: %w", path, notOurs())
		}
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	if err := migrate(ctx, sqldb, -1); err != nil {
		if isNotADB(err) {
			err = notOurs()
		}
		sqldb.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database; pending WAL content is checkpointed by SQLite
// when the last connection closes.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("storage: close %s: %w", db.path, err)
	}
	return nil
}

// Path is the file the database was opened from.
func (db *DB) Path() string { return db.path }

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order. File names are
// NNNN_description.sql and the numbers must run 1, 2, 3 … without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	return out, nil
}

// migrate applies the migrations above the file's user_version, up to
// version upTo (all of them when upTo < 0), in one immediate transaction so
// that two processes opening a new file do not both create the schema.
func migrate(ctx context.Context, sqldb *sql.DB, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if upTo < 0 || upTo > len(ms) {
		upTo = len(ms)
	}
	tx, err := sqldb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if current > len(ms) {
		return event.Errorf(event.EInvalid, "このファイルは新しいバージョンのPitchMatchで作成されています",
			"schema version %d is newer than this program knows (%d); update PitchMatch", current, len(ms))
	}
	var appID, objects int
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("migrate: read application id: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return fmt.Errorf("migrate: read schema: %w", err)
	}
	if (current == 0 && objects > 0) || (current > 0 && appID != applicationID) {
		return notOurs()
	}
	if current >= upTo {
		return nil
	}
	for _, m := range ms[current:upTo] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migrate: apply %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("migrate: set application id: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", upTo)); err != nil {
		return fmt.Errorf("migrate: set schema version %d: %w", upTo, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

// SchemaVersion is the number of migrations applied to the file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("storage: read schema version: %w", err)
	}
	return v, nil
}

// querier is what *sql.DB and *sql.Tx share, so readers work in and out of
// transactions.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one immediate transaction, committing when fn returns nil.
//
// fn gets a context without cancellation for its statements: go-sqlite3
// starts a goroutine for every statement and row under a cancellable
// context, which makes imports of tens of thousands of rows much slower.
// Cancelling ctx still stops the write: database/sql rolls the transaction
// back, the next statement fails, and write reports ctx's error.
func (db *DB) write(ctx context.Context, what string, fn func(ctx context.Context, tx *sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: %s: begin: %w", what, err)
	}
	if err := fn(context.WithoutCancel(ctx), tx); err != nil {
		tx.Rollback()
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("storage: %s: %w", what, cerr)
		}
		return fmt.Errorf("storage: %s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("storage: %s: %w", what, cerr)
		}
		return fmt.Errorf("storage: %s: commit: %w", what, err)
	}
	return nil
}

// collect runs a query and scans every row. Like write, it queries under a
// context without cancellation (go-sqlite3 would start a goroutine per row)
// and checks ctx itself every 1,024 rows.
func collect[T any](ctx context.Context, q querier, what, query string, args []any, scan func(scanner) (T, error)) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	rows, err := q.QueryContext(context.WithoutCancel(ctx), query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for n := 1; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("read %s: %w", what, err)
			}
		}
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	return out, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// audit appends one audit-log entry inside tx.
func audit(ctx context.Context, tx querier, at time.Time, actor, action, entity, id, detail string) error {
	if actor == "" {
		actor = "system"
	}
	if len(detail) > 500 {
		detail = detail[:500]
	}
	_, err := tx.ExecContext(ctx,
		"INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
		formatTime(at), actor, action, entity, id, detail)
	if err != nil {
		return fmt.Errorf("write audit entry %s %s: %w", action, id, err)
	}
	return nil
}

const auditQuery = "SELECT id, at, actor, action, entity, entity_id, detail FROM audit "

// Audit returns the newest limit entries of the audit log, newest first;
// limit <= 0 returns all of them.
func (db *DB) Audit(ctx context.Context, limit int) ([]event.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	out, err := collect(ctx, db.sql, "audit log", auditQuery+"ORDER BY id DESC LIMIT ?", []any{limit}, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// AuditOf returns the newest limit audit entries about one record (entity
// such as "startup" and its ID), newest first; limit <= 0 returns all.
// Batch entries (imports, schedule replacements) carry no record ID and are
// not included.
func (db *DB) AuditOf(ctx context.Context, entity, id string, limit int) ([]event.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	out, err := collect(ctx, db.sql, "audit log of "+entity+" "+id,
		auditQuery+"WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?", []any{entity, id, limit}, scanAudit)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

func scanAudit(sc scanner) (event.AuditEntry, error) {
	var a event.AuditEntry
	var at string
	if err := sc.Scan(&a.ID, &at, &a.Actor, &a.Action, &a.Entity, &a.EntityID, &a.Detail); err != nil {
		return a, err
	}
	var err error
	if a.At, err = parseTime(at); err != nil {
		return a, fmt.Errorf("audit entry %d: %w", a.ID, err)
	}
	return a, nil
}

// now is the current time in UTC without the monotonic reading, so that it
// compares equal to the stored text once read back.
func now() time.Time { return time.Now().UTC().Round(0) }

// timeFormat is RFC 3339 in UTC with a fixed nine-digit fraction, so that
// stored times sort as text in time order (RFC3339Nano drops trailing
// zeros, and "…:05.5Z" would sort after "…:05.51Z").
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t, nil
}

// encodeList stores a list field as a JSON array; nil and empty are "[]".
func encodeList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	if plain(l) {
		n := 2
		for _, s := range l {
			n += len(s) + 3
		}
		var b strings.Builder
		b.Grow(n)
		b.WriteByte('[')
		for i, s := range l {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.WriteString(s)
			b.WriteByte('"')
		}
		b.WriteByte(']')
		return b.String()
	}
	b, err := json.Marshal(l)
	if err != nil { // cannot happen for []string
		panic(err)
	}
	return string(b)
}

// plain reports whether every string is valid UTF-8 that JSON writes
// unescaped (encoding/json also escapes <, > and &).
func plain(l []string) bool {
	for _, s := range l {
		if !utf8.ValidString(s) {
			return false
		}
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
				return false
			}
		}
		if strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") {
			return false
		}
	}
	return true
}

// decodeList reads a list field; an empty array gives nil. Arrays of plain
// strings (vocabulary codes, names without quotes or escapes) are split
// directly, which keeps loading 20,000 startups fast; anything else goes
// through encoding/json.
func decodeList(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	if l, ok := splitPlainList(s); ok {
		return l, nil
	}
	var l []string
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("bad stored list %q: %w", s, err)
	}
	return l, nil
}

// splitPlainList parses `["a","b"]` as written by encodeList when no
// element needs escaping; ok is false for anything else.
func splitPlainList(s string) (l []string, ok bool) {
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' || strings.IndexByte(s, '\\') >= 0 {
		return nil, false
	}
	body := s[1 : len(s)-1]
	n := strings.Count(body, `","`) + 1
	l = make([]string, 0, n)
	for body != "" {
		if len(body) < 2 || body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"')
		if end < 0 {
			return nil, false
		}
		l = append(l, body[1:1+end])
		body = body[2+end:]
		if body == "" {
			break
		}
		if body[0] != ',' || len(body) == 1 {
			return nil, false
		}
		body = body[1:]
	}
	return l, true
}

func encodeInts(l []int) string {
	if len(l) == 0 {
		return "[]"
	}
	b, err := json.Marshal(l)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func decodeInts(s string) ([]int, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var l []int
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("bad stored slot list %q: %w", s, err)
	}
	return l, nil
}

// sqliteCode returns the extended SQLite result code of err, or 0.
func sqliteCode(err error) sqlite3.ErrNoExtended {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.ExtendedCode
	}
	return 0
}

func isNotADB(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrNotADB
}

func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.ErrConstraintPrimaryKey || c == sqlite3.ErrConstraintUnique
}

func isForeignKey(err error) bool { return sqliteCode(err) == sqlite3.ErrConstraintForeignKey }

// existsError reports that entity id is already stored.
func existsError(entity, id string) *event.Error {
	return &event.Error{Code: event.EExists, Message: event.Text{
		Ja: fmt.Sprintf("%s %s は既に登録されています", jaName(entity), id),
		En: fmt.Sprintf("%s %s already exists", entity, id),
	}}
}

// missingRefError reports that entity id refers to a ref (a kind of record,
// with refID when known) that does not exist.
func missingRefError(entity, id, ref, refID string, cause error) *event.Error {
	en, ja := ref, jaName(ref)
	if refID != "" {
		en, ja = ref+" "+refID, ja+" "+refID
	}
	return &event.Error{Code: event.EInvalid, Err: cause, Message: event.Text{
		Ja: fmt.Sprintf("%s %s が参照している%sが存在しません", jaName(entity), id, ja),
		En: fmt.Sprintf("%s %s refers to a %s that does not exist", entity, id, en),
	}}
}

// anyParticipant is the ref of records that name a startup, a company and
// perhaps a theme.
const anyParticipant = "startup, company or theme"

// jaName is the Japanese name of a kind of record, for messages.
func jaName(entity string) string {
	switch entity {
	case "startup":
		return "スタートアップ"
	case "company":
		return "企業"
	case "theme":
		return "テーマ"
	case "meeting":
		return "面談"
	case "interest":
		return "関心表明"
	case "availability":
		return "参加可能枠"
	case "token":
		return "トークン"
	case "event":
		return "イベント"
	case anyParticipant:
		return "スタートアップ・企業・テーマのいずれか"
	}
	return "データ"
}

// notOurs reports a file that is not a PitchMatch event database.
func notOurs() *event.Error {
	return invalid("PitchMatchのイベントファイルではありません", "not a PitchMatch event file")
}

// invalid returns an EInvalid error with a bilingual message.
func invalid(ja, en string) *event.Error {
	return &event.Error{Code: event.EInvalid, Message: event.Text{Ja: ja, En: en}}
}

// newUID returns a calendar UID that stays with a meeting for its life.
func newUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate meeting UID: %w", err)
	}
	return hex.EncodeToString(b[:]) + "@pitchmatch", nil
}

// placeholders returns "?1, ?2, …, ?n".
func placeholders(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		b.WriteString("?" + strconv.Itoa(i))
	}
	return b.String()
}

// The SQL for a versioned table whose column list starts with "id, version".
func insertSQL(table, cols string) string {
	n := len(strings.Split(cols, ","))
	return "INSERT INTO " + table + " (" + cols + ") VALUES (" + placeholders(n) + ")"
}

// updateSQL sets every column but id from the same argument list as
// insertSQL, with the expected old version as argument n+1.
func updateSQL(table, cols string) string {
	names := strings.Split(cols, ",")
	sets := make([]string, 0, len(names)-1)
	for i, c := range names[1:] {
		sets = append(sets, strings.TrimSpace(c)+" = ?"+strconv.Itoa(i+2))
	}
	return "UPDATE " + table + " SET " + strings.Join(sets, ", ") +
		" WHERE id = ?1 AND version = ?" + strconv.Itoa(len(names)+1)
}

// upsertSQL inserts or overwrites by id, taking the version from the
// arguments.
func upsertSQL(table, cols string) string {
	names := strings.Split(cols, ",")
	sets := make([]string, 0, len(names)-1)
	for _, c := range names[1:] {
		c = strings.TrimSpace(c)
		sets = append(sets, c+" = excluded."+c)
	}
	return insertSQL(table, cols) + " ON CONFLICT (id) DO UPDATE SET " + strings.Join(sets, ", ")
}

// versions reads the stored version of every record of table.
func versions(ctx context.Context, q querier, table string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, version FROM "+table)
	if err != nil {
		return nil, fmt.Errorf("read %s versions: %w", table, err)
	}
	defer rows.Close()
	out := make(map[string]int64)
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("read %s versions: %w", table, err)
		}
		out[id] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s versions: %w", table, err)
	}
	return out, nil
}
