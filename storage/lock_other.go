//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package storage

import "os"

// lockFD is a no-op where flock(2) is missing: the in-use check then
// cannot see other programs.
func lockFD(f *os.File, exclusive bool) (bool, error) { return true, nil }

// canWrite reports whether path can be opened for writing.
func canWrite(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return f.Close()
}
