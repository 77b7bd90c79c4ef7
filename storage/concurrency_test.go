package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"pitchmatch/event"
)

// TestTwoWritersSameFile opens the same new file through two handles (as two
// processes would) and writes from both at once: single saves and batch
// imports. Every write must land; none may fail with SQLITE_BUSY.
func TestTwoWritersSameFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	dbs := make([]*DB, 2)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range dbs { // concurrent Open also races the migration
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			dbs[i] = db
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, db := range dbs {
		defer db.Close()
	}
	const perWriter = 60
	errs = make(chan error, 4*perWriter)
	for w, db := range dbs {
		for g := 0; g < 2; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := 0; k < perWriter; k++ {
					id := fmt.Sprintf("W%d-%d-%03d", w, g, k)
					if k%10 == 9 { // every tenth write is a batch of 20
						b := &event.Batch{}
						for j := 0; j < 20; j++ {
							b.Startups = append(b.Startups, &event.Startup{ID: fmt.Sprintf("%s-%02d", id, j), Name: event.T("バッチ", "Batch")})
						}
						if err := db.Import(ctx, "writer", b); err != nil {
							errs <- err
						}
						continue
					}
					if err := db.SaveStartup(ctx, "writer", &event.Startup{ID: id, Name: event.T("同時", "Concurrent")}); err != nil {
						errs <- err
					}
					if _, err := db.Startups(ctx); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	want := 4 * (perWriter/10*(9+20) + perWriter%10)
	for i, db := range dbs {
		c, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Startups != want {
			t.Errorf("handle %d sees %d startups, want %d", i, c.Startups, want)
		}
	}
	if err := dbs[0].IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestBackupWhileWriting takes an online backup while another goroutine
// keeps writing, then opens the copy and checks it.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	seed(t, db, 2000, 20)
	stop := make(chan struct{})
	done := make(chan error)
	writing := make(chan struct{})
	go func() {
		k := 0
		for {
			if k == 1 {
				close(writing)
			}
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if err := db.SaveStartup(ctx, "writer", &event.Startup{ID: fmt.Sprintf("B%05d", k), Name: event.T("書き込み中", "Writing")}); err != nil {
				done <- err
				return
			}
			k++
		}
	}()
	select {
	case <-writing:
	case err := <-done:
		t.Fatalf("writer stopped before the backups: %v", err)
	}
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("backup%d.db", i))
		if err := db.Backup(ctx, p); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	final, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d startups written during the backups", final.Startups-2000)
	for _, p := range paths {
		b, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.IntegrityCheck(ctx); err != nil {
			t.Error(err)
		}
		c, err := b.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Startups <= 2000 || c.Startups > final.Startups || c.Companies != 20 || c.Themes != 20 || c.Slots != 32 {
			t.Errorf("backup %s counts %+v", p, c)
		}
		ss, err := b.Startups(ctx)
		if err != nil || len(ss) != c.Startups {
			t.Errorf("backup %s: %v, %d startups", p, err, len(ss))
		}
		b.Close()
	}
	// An existing file is never overwritten.
	before, _ := os.ReadFile(paths[0])
	if err := db.Backup(ctx, paths[0]); event.ErrorCode(err) != event.EExists {
		t.Errorf("backup over an existing file: %v, want exists", err)
	}
	after, _ := os.ReadFile(paths[0])
	if string(before) != string(after) {
		t.Error("existing file was changed")
	}
	if err := db.Backup(ctx, filepath.Join(dir, "no-such-dir", "x.db")); err == nil {
		t.Error("backup into a missing directory succeeded")
	}
}
