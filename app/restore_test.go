package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
)

// TestRestoreFromBackup: File → Restore replaces the open file with the
// backup (a startup added after the backup is gone), keeps the old file
// as a dated copy and shows the restored data; while another program has
// the file open it refuses and the app keeps working on the current file.
func TestRestoreFromBackup(t *testing.T) {
	ctx := context.Background()
	u, path := openUI(t, event.En)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := u.store.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	n := len(u.data.Startups)
	if err := u.store.SaveStartup(ctx, "t", &event.Startup{ID: "SNEW", Name: event.T("新規", "New")}); err != nil {
		t.Fatal(err)
	}

	other := otherStore(t, path) // another program has the file open
	u.restoreFrom(backup, path)
	u.Wait()
	if _, err := u.store.Startup(ctx, "SNEW"); err != nil {
		t.Fatalf("refused restore lost the current data: %v", err)
	}
	other.Close()

	u.restoreFrom(backup, path)
	u.Wait()
	if len(u.data.Startups) != n || u.data.Startup("SNEW") != nil {
		t.Fatalf("after restore: %d startups (want %d), SNEW present %v", len(u.data.Startups), n, u.data.Startup("SNEW") != nil)
	}
	if !strings.Contains(u.status.Text, "Restored from") || !strings.Contains(u.status.Text, ".replaced-") {
		t.Errorf("status %q", u.status.Text)
	}
	if err := u.store.SaveStartup(ctx, "t", &event.Startup{ID: "SNEW2", Name: event.T("新規", "New")}); err != nil {
		t.Fatalf("write after restore: %v", err)
	}
}
