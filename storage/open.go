package storage

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"pitchmatch/event"
)

// Default waits; Options overrides them.
const (
	// busyTimeout is how long the writer waits for another process's
	// write lock before a write fails with event.EBusy.
	busyTimeout = 10 * time.Second
	// readBusyTimeout bounds the rare waits of a reader (WAL recovery after
	// a crash). Readers never wait for writers in WAL mode.
	readBusyTimeout = 5 * time.Second
	// lockWait is how long Open waits while a restore or a demo --force is
	// replacing the file.
	lockWait = 30 * time.Second
)

// Options tune OpenWith. The zero value gives the defaults.
type Options struct {
	// ReadOnly opens the file for reading only: no migration, no write
	// lock, writes refused with event.EReadOnly.
	ReadOnly bool
	// BusyTimeout is how long a write waits for another process's write
	// lock (default 10 s); then it fails with event.EBusy.
	BusyTimeout time.Duration
	// ReadBusyTimeout is how long a read waits for a lock (default 5 s).
	// Reads never wait for writers in WAL mode, so a short value only
	// matters after a crash, while the journal is being recovered.
	ReadBusyTimeout time.Duration
	// LockWait is how long Open waits for a restore or a file replacement
	// in progress to finish (default 30 s).
	LockWait time.Duration
	// Sleep waits between retries (default: a timer honouring ctx); tests
	// inject one that does not wait real time.
	Sleep func(ctx context.Context, d time.Duration) error

	// noLock skips the in-use lock, for temporary files of this package.
	noLock bool
}

func (o Options) withDefaults() Options {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = busyTimeout
	}
	if o.ReadBusyTimeout <= 0 {
		o.ReadBusyTimeout = readBusyTimeout
	}
	if o.LockWait <= 0 {
		o.LockWait = lockWait
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	return o
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// DB is a PitchMatch event stored in one SQLite file. It is safe for
// concurrent use by several goroutines, and several processes may open the
// same file.
//
// Reads go through a pool of read-only connections (each statement or
// Snapshot sees one committed state and never waits for a writer); writes
// go through one writer connection, so the writes of one process are
// serialised here, in order, and only the writers of other processes meet
// SQLite's lock (reported as event.EBusy after Options.BusyTimeout).
type DB struct {
	sql      *sql.DB // read-only connections
	wr       *sql.DB // the one writer connection; nil when read-only
	path     string
	opts     Options
	lock     *fileLock // shared "in use" lock held while open; nil on read-only media
	readOnly *event.Error
	closed   bool
}

var _ event.Store = (*DB)(nil)

// Open opens the event file at path, creating it if missing (or empty), and
// applies any migrations it lacks. A file on a read-only medium, or one
// this user may not write, opens read-only (see ReadOnly); a file that is
// not a PitchMatch event is refused and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	opts = opts.withDefaults()
	if err := checkPath(path); err != nil {
		return nil, err
	}
	info, statErr := os.Stat(path)
	if statErr != nil && !errors.Is(statErr, os.ErrNotExist) {
		return nil, fmt.Errorf("storage: open %s: %w", path, statErr)
	}
	if statErr == nil && info.IsDir() {
		return nil, event.Errorf(event.EInvalid, path+" はフォルダです", "storage: open %s: is a folder, not an event file", path)
	}
	exists := statErr == nil && info.Size() > 0
	if statErr != nil && opts.ReadOnly {
		return nil, fmt.Errorf("storage: open %s: %w", path, event.NotFound("file", path))
	}
	if exists {
		if err := checkHeader(path); err != nil {
			return nil, fmt.Errorf("storage: open %s: %w", path, err)
		}
	}
	roReason := writability(path, statErr == nil)
	if opts.ReadOnly && roReason == nil {
		roReason = &event.Error{Code: event.EReadOnly, Message: event.T(
			"読み取り専用で開いています", "the file was opened read-only")}
	}
	if roReason != nil && !exists {
		return nil, fmt.Errorf("storage: create %s: %w", path, roReason)
	}
	db := &DB{path: path, opts: opts, readOnly: roReason}
	if roReason == nil && !opts.noLock {
		lk, err := lockShared(ctx, lockPath(path), opts)
		if err != nil {
			return nil, fmt.Errorf("storage: open %s: %w", path, err)
		}
		db.lock = lk
		cleanLeftovers(path)
	}
	if err := db.open(ctx, exists); err != nil {
		db.closeAll()
		if isNotADB(err) {
			err = notOurs()
		} else if isCorrupt(err) {
			err = &event.Error{Code: event.EInvalid, Err: err, Message: event.T(
				"ファイルが破損しています。バックアップから復元してください（pitchmatch restore --from バックアップ --db "+path+"）",
				"the file is damaged; restore it from a backup (pitchmatch restore --from BACKUP --db "+path+")")}
		}
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return db, nil
}

// open opens the connection pools. A new file is created by the writer
// first; an existing one is inspected read-only before anything is written.
func (db *DB) open(ctx context.Context, exists bool) error {
	var err error
	if !exists {
		if db.wr, err = openWriter(db.path, db.opts); err != nil {
			return err
		}
		if err := setWAL(ctx, db.wr); err != nil {
			return err
		}
		if err := migrate(ctx, db.wr, -1); err != nil {
			return err
		}
	}
	if db.sql, err = openReaders(db.path, db.opts, db.readOnly != nil); err != nil {
		return err
	}
	st, err := inspect(ctx, db.sql)
	if err != nil {
		return err
	}
	if err := st.ours(); err != nil {
		return err
	}
	if db.readOnly != nil {
		if st.version < st.latest {
			return &event.Error{Code: event.EReadOnly, Err: db.readOnly, Message: event.T(
				"このファイルは古い形式で、読み取り専用のため更新できません。書き込みできるフォルダにコピーしてから開いてください",
				"this file has an older format and cannot be upgraded because it is read-only; copy it to a writable folder (pitchmatch backup) and open the copy")}
		}
		return nil
	}
	if db.wr == nil {
		if db.wr, err = openWriter(db.path, db.opts); err != nil {
			return err
		}
	}
	if st.journal != "wal" {
		if err := setWAL(ctx, db.wr); err != nil {
			return err
		}
	}
	if st.version < st.latest {
		if err := migrate(ctx, db.wr, -1); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the database; pending WAL content is checkpointed by SQLite
// when the last connection (the writer, closed last) closes.
func (db *DB) Close() error {
	if err := db.closeAll(); err != nil {
		return fmt.Errorf("storage: close %s: %w", db.path, err)
	}
	return nil
}

func (db *DB) closeAll() error {
	if db.closed {
		return nil
	}
	db.closed = true
	var errs []error
	// Readers first: the writer, closed last, checkpoints and removes the
	// -wal file (read-only connections cannot).
	if db.sql != nil {
		errs = append(errs, db.sql.Close())
	}
	if db.wr != nil {
		errs = append(errs, db.wr.Close())
	}
	if db.lock != nil {
		errs = append(errs, db.lock.unlock())
	}
	return errors.Join(errs...)
}

// Path is the file the database was opened from.
func (db *DB) Path() string { return db.path }

// ReadOnly returns why the file was opened read-only (an event.EReadOnly
// error with a bilingual message fit for users), or nil when it is
// writable.
func (db *DB) ReadOnly() *event.Error { return db.readOnly }

// checkPath refuses names SQLite would read as options or a memory
// database.
func checkPath(path string) error {
	if path == "" || strings.Contains(path, "?") || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return event.Errorf(event.EInvalid, "データベースのファイル名が正しくありません",
			"storage: unusable database path %q (must be a plain file name without '?')", path)
	}
	return nil
}

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// checkHeader refuses a non-empty file that is not an SQLite database
// without letting SQLite touch it. When no -wal file holds newer pages, the
// file's own header is the whole truth, so another program's SQLite file is
// also refused here by its application id: SQLite would otherwise create
// -wal and -shm files beside a WAL-mode file just to read it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	var head [100]byte
	if _, err := io.ReadFull(f, head[:]); err != nil || string(head[:len(sqliteMagic)]) != sqliteMagic {
		return notOurs()
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil // the header may be stale; SQLite reads the rest
	}
	if binary.BigEndian.Uint32(head[68:72]) != applicationID {
		return notOurs()
	}
	return nil
}

// writability returns nil when SQLite can write the file (and its -wal and
// -shm beside it), or an EReadOnly error saying why not. exists tells
// whether the file is there (a missing one needs a writable folder).
func writability(path string, exists bool) *event.Error {
	dir := filepath.Dir(path)
	if exists {
		if err := canWrite(path); err != nil {
			return readOnlyError(path, err, false)
		}
	}
	if err := canWrite(dir); err != nil {
		if !exists {
			return readOnlyError(dir, err, true)
		}
		// A WAL file needs its -wal and -shm beside it; they may exist
		// and be writable already (a folder shared read-only for new
		// files is rare), so check them before giving up.
		if canWrite(path+"-wal") != nil || canWrite(path+"-shm") != nil {
			return readOnlyError(dir, err, true)
		}
	}
	return nil
}

func readOnlyError(what string, cause error, folder bool) *event.Error {
	if errors.Is(cause, syscall.EROFS) {
		return &event.Error{Code: event.EReadOnly, Err: cause, Message: event.T(
			"読み取り専用の媒体（USBメモリ・共有ドライブなど）にあるため、読み取り専用で開いています。変更は保存できません。編集するには書き込みできるフォルダにコピーしてください（pitchmatch backup）",
			"opened read-only: the file is on a read-only medium (a USB stick or shared drive), so changes cannot be saved; to edit, copy it to a writable folder with 'pitchmatch backup'")}
	}
	if folder {
		return &event.Error{Code: event.EReadOnly, Err: cause, Message: event.T(
			"フォルダ "+what+" に書き込む権限がないため、読み取り専用で開いています。変更は保存できません",
			"opened read-only: the folder "+what+" is not writable (SQLite keeps its journal beside the file), so changes cannot be saved")}
	}
	return &event.Error{Code: event.EReadOnly, Err: cause, Message: event.T(
		"ファイル "+what+" に書き込む権限がないため、読み取り専用で開いています。変更は保存できません",
		"opened read-only: the file "+what+" is write-protected, so changes cannot be saved")}
}

// fileURI turns a path into an SQLite URI with the given parameters.
func fileURI(path string, q url.Values) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	if !strings.HasPrefix(u.Path, "/") { // Windows drive letters
		u.Path = "/" + u.Path
	}
	return u.String()
}

func baseParams(busy time.Duration) url.Values {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", strconv.Itoa(int(busy/time.Millisecond)))
	q.Set("_synchronous", "NORMAL")
	return q
}

// writerDSN is the writer's connection string: foreign keys on, a busy
// timeout, synchronous NORMAL and BEGIN IMMEDIATE for every transaction, so
// a second process's writer waits at the start instead of failing half-way.
func writerDSN(path string, busy time.Duration) string {
	q := baseParams(busy)
	q.Set("_txlock", "immediate")
	return fileURI(path, q)
}

// readerDSN is the readers' connection string: read-only, deferred
// transactions. On a read-only medium without a -wal file the file is
// opened immutable (SQLite could not create the -shm it needs otherwise).
func readerDSN(path string, busy time.Duration, readOnlyMedium bool) string {
	q := baseParams(busy)
	q.Set("mode", "ro")
	if readOnlyMedium {
		if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
			q.Set("immutable", "1")
		}
	}
	return fileURI(path, q)
}

func openWriter(path string, opts Options) (*sql.DB, error) {
	w, err := sql.Open("sqlite3", writerDSN(path, opts.BusyTimeout))
	if err != nil {
		return nil, err
	}
	// One connection: the writes of this process queue here (database/sql
	// hands the connection over in order, honouring each caller's ctx).
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	return w, nil
}

func openReaders(path string, opts Options, readOnlyMedium bool) (*sql.DB, error) {
	r, err := sql.Open("sqlite3", readerDSN(path, opts.ReadBusyTimeout, readOnlyMedium))
	if err != nil {
		return nil, err
	}
	r.SetMaxIdleConns(4)
	return r, nil
}

// setWAL switches the file to WAL journaling (kept in the file).
func setWAL(ctx context.Context, w *sql.DB) error {
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return busyOr(fmt.Errorf("set WAL journal: %w", err))
	}
	if mode != "wal" {
		return fmt.Errorf("set WAL journal: SQLite kept journal mode %q", mode)
	}
	return nil
}
