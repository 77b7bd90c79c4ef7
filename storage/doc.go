// Package storage keeps one PitchMatch event in one SQLite file and
// implements event.Store over github.com/mattn/go-sqlite3. It owns SQLite
// entirely: no other package opens the file or sees an SQLite error.
//
// The organizer's desktop app, a scout's copy of the app, the portal server
// and CLI commands may open the same file at once. The file is in WAL mode;
// each DB reads through a pool of read-only connections (a read never waits
// for a writer, and Snapshot gives the whole event from one read
// transaction) and writes through one writer connection, so the writes of a
// process are serialised here, in order, and start with BEGIN IMMEDIATE. A
// writer of another process holding the lock longer than the busy timeout
// is reported as event.EBusy. Each method that writes more than one row
// (including its audit-log entry) does so in one transaction, so a record
// is stored whole or not at all; Import stores a whole batch or nothing.
//
// Opening (open.go) never takes the write lock unless migrations are
// missing: the file is inspected read-only first, a file that is not an
// SQLite database or not a PitchMatch event is refused untouched, and a file
// on a read-only medium or without write permission opens read-only
// (ReadOnly gives the reason; writes fail with event.EReadOnly).
//
// In use (inuse.go): every open holds a shared flock(2) lock on FILE.lock;
// Restore and WriteNew (demo --force) replace the file only under the
// exclusive lock, so they refuse while any program has it open. Files are
// replaced by writing a locked temporary file beside the target and
// renaming it; leftovers of killed runs are removed by the next open.
// Backup (backup.go) copies through SQLite's backup API into a checked,
// self-contained file; Check runs the integrity and foreign-key checks.
//
// The schema is created and upgraded by the numbered SQL files embedded from
// migrations/, tracked with PRAGMA user_version (migrate.go). Records carry
// a Version for optimistic concurrency (see event.Store): a stale update
// returns *event.ConflictError with the stored record. The audit log
// (audit.go) records who did what, and which fields changed, old → new, of
// every record a save, an import or a schedule save touched (AuditOf).
//
// Besides event.Store, DB keeps the startups' portal tokens (hashes only), a
// cache of embedding vectors for matching/embed (compact little-endian float32
// blobs keyed by model and text hash) and small per-event settings.
package storage
