package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pitchmatch/event"
)

// In-use detection. Every open of an event file holds a shared flock(2)
// lock on FILE.lock beside it for as long as it is open (the desktop app,
// serve, any CLI command). Replacing the file (restore, demo --force) takes
// the exclusive lock without waiting: if any other open holds the shared
// one, the file is in use and the replacement is refused. While the
// exclusive lock is held, new opens wait (Options.LockWait) and then open
// the new file, so nothing ever writes to a file that was moved aside. The
// lock is released by the kernel when a process dies, so a crash never
// leaves the file "in use".

// fileLock is a held flock(2) lock.
type fileLock struct{ f *os.File }

func (l *fileLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the file releases the lock
	l.f = nil
	return err
}

// lockPath is the lock file of an event file.
func lockPath(path string) string { return path + ".lock" }

// openLockFile opens (creating) a lock file; on a folder where it cannot be
// created but it exists, it is opened read-only (flock works on any open).
func openLockFile(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err == nil {
		return f, nil
	}
	if f2, err2 := os.Open(p); err2 == nil {
		return f2, nil
	}
	return nil, err
}

// lockShared takes the shared in-use lock, waiting up to opts.LockWait for
// a replacement in progress to finish.
func lockShared(ctx context.Context, p string, opts Options) (*fileLock, error) {
	f, err := openLockFile(p)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", p, err)
	}
	deadline := time.Duration(0)
	const step = 50 * time.Millisecond
	for {
		ok, err := lockFD(f, false)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		if ok {
			return &fileLock{f: f}, nil
		}
		if deadline >= opts.LockWait {
			f.Close()
			return nil, &event.Error{Code: event.EBusy, Message: event.T(
				"イベントファイルは復元または置き換えの最中です。終わってからもう一度開いてください",
				"the event file is being restored or replaced by another program; open it again when that has finished")}
		}
		if err := opts.Sleep(ctx, step); err != nil {
			f.Close()
			return nil, err
		}
		deadline += step
	}
}

// lockExclusive takes the exclusive lock without waiting; it fails with
// event.EBusy while any program has the file open.
func lockExclusive(path string) (*fileLock, error) {
	p := lockPath(path)
	f, err := openLockFile(p)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", p, err)
	}
	ok, err := lockFD(f, true)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", p, err)
	}
	if !ok {
		f.Close()
		return nil, InUseError(path)
	}
	return &fileLock{f: f}, nil
}

// InUseError says that path is open in another program.
func InUseError(path string) *event.Error {
	return &event.Error{Code: event.EBusy, Message: event.T(
		path+" は他のプログラム（デスクトップアプリ、pitchmatch serve など）で開かれています。そのプログラムを閉じてからもう一度実行してください",
		path+" is open in another program (the desktop app, pitchmatch serve or another command); close it and try again")}
}

// InUse reports whether any program has the event file at path open.
func InUse(path string) (bool, error) {
	if _, err := os.Stat(lockPath(path)); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	l, err := lockExclusive(path)
	if event.ErrorCode(err) == event.EBusy {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return false, l.unlock()
}

// Temporary files. Files written before being renamed into place are named
// .BASE.PURPOSE-RANDOM beside their target and held with an exclusive flock
// lock while being written, so that a leftover of a killed run (no lock
// holder) can be told from one being written right now and is removed by
// the next open of the target or the next backup to it.

var tempPurposes = []string{"new", "restore", "partial"}

// tempFile creates an empty temporary file for target and locks it.
func tempFile(target, purpose string) (string, *fileLock, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, err
	}
	p := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+purpose+"-"+hex.EncodeToString(b[:]))
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", nil, fmt.Errorf("create temporary file beside %s: %w", target, err)
	}
	if ok, err := lockFD(f, true); !ok || err != nil {
		f.Close()
		os.Remove(p)
		return "", nil, fmt.Errorf("lock temporary file %s: %v", p, err)
	}
	// A cleaner may have removed the file between its creation and the
	// lock (it looked like a leftover); then the lock guards nothing.
	fi, err1 := f.Stat()
	pi, err2 := os.Stat(p)
	if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
		f.Close()
		return tempFile(target, purpose)
	}
	return p, &fileLock{f: f}, nil
}

// removeSQLite removes an SQLite file with its journals.
func removeSQLite(p string) {
	for _, s := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(p + s)
	}
}

// cleanLeftovers removes temporary files of target left by killed runs.
// It returns the names removed.
func cleanLeftovers(target string) []string {
	var removed []string
	dir, base := filepath.Dir(target), filepath.Base(target)
	for _, purpose := range tempPurposes {
		matches, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+"."+purpose+"-*"))
		for _, m := range matches {
			if strings.HasSuffix(m, "-journal") || strings.HasSuffix(m, "-wal") || strings.HasSuffix(m, "-shm") {
				if _, err := os.Stat(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(m, "-journal"), "-wal"), "-shm")); err == nil {
					continue // removed with its file
				}
				os.Remove(m)
				removed = append(removed, m)
				continue
			}
			f, err := os.OpenFile(m, os.O_RDWR, 0)
			if err != nil {
				continue
			}
			ok, err := lockFD(f, true)
			if ok && err == nil {
				removeSQLite(m)
				removed = append(removed, m)
			}
			f.Close()
		}
	}
	return removed
}

// globEscape quotes the glob metacharacters of a file name.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '*' || r == '?' || r == '[' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
