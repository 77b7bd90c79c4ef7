package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// TestBusyFileAnswers503: while another program holds the event file's
// write lock, a save answers 503 with Retry-After and the busy code (the
// storage's error kind, no text matching); once the lock is gone the same
// save succeeds. Reads keep working meanwhile.
func TestBusyFileAnswers503(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	db, err := storage.OpenWith(ctx, path, storage.Options{BusyTimeout: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Import(ctx, "test", seedBatch()); err != nil {
		t.Fatal(err)
	}
	srv, err := New(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	f := &fixture{t: t, db: db, srv: srv, http: hs, clock: &fakeClock{t: time.Now()}}
	tok := f.invite("S1", time.Hour)

	r := f.do("GET", "/api/v1/me", tok, nil)
	if r.status != 200 {
		t.Fatalf("GET me: %d %s", r.status, r.body)
	}
	var me event.Startup
	if err := json.Unmarshal(r.body, &me); err != nil {
		t.Fatal(err)
	}
	patch := map[string]any{"version": me.Version, "website": "https://saved-after-the-lock.example"}

	other, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("UPDATE settings SET value = value"); err != nil {
		t.Fatal(err)
	}
	r = f.do("PATCH", "/api/v1/me", tok, patch)
	if r.status != 503 || r.header.Get("Retry-After") != "1" || r.apiErr(t).Code != event.EBusy {
		t.Fatalf("PATCH while another program writes: %d %q %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	if r := f.do("GET", "/api/v1/me/meetings", tok, nil); r.status != 200 {
		t.Fatalf("GET meetings while another program writes: %d %s", r.status, r.body)
	}
	tx.Rollback()
	if r := f.do("PATCH", "/api/v1/me", tok, patch); r.status != 200 {
		t.Fatalf("PATCH after the lock: %d %s", r.status, r.body)
	}
}
