// Package storage keeps one PitchMatch event in one SQLite file and
// implements event.Store over github.com/mattn/go-sqlite3.
//
// The organizer's desktop app, a scout's copy of the app and the portal
// server may open the same file at once, so every connection runs in WAL
// mode with a busy timeout, and every write transaction starts with BEGIN
// IMMEDIATE: a second writer waits for the first instead of failing half-way
// with SQLITE_BUSY. Each method that writes more than one row (including its
// audit-log entry) does so in one transaction, so a record is stored whole or
// not at all; Import in particular stores a whole batch or nothing.
//
// The schema is created and upgraded by the numbered SQL files embedded from
// migrations/, tracked with PRAGMA user_version; Open applies the missing
// ones. Records carry a Version for optimistic concurrency (see event.Store):
// a stale update returns *event.ConflictError with the stored record.
//
// Besides event.Store, DB keeps the startups' portal tokens (hashes only), a
// cache of embedding vectors for matching/embed (compact little-endian float32
// blobs keyed by model and text hash), small per-event settings, an online
// backup through SQLite's backup API and an integrity check.
package storage
