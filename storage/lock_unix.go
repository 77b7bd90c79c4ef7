//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import (
	"errors"
	"os"
	"syscall"
)

// lockFD takes a flock(2) lock on f without waiting; ok is false when
// another open file holds a conflicting lock. flock locks are separate from
// the POSIX record locks SQLite uses, so they never interfere with it.
func lockFD(f *os.File, exclusive bool) (ok bool, err error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
		return false, nil
	}
	return err == nil, err
}

// canWrite reports whether this user may write path (a file or a folder);
// the error is EROFS on a read-only medium.
func canWrite(path string) error {
	const wOK = 2
	return syscall.Access(path, wOK)
}
