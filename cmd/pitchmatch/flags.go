package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// usageError marks a problem with how the command was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errHelp is returned when --help was asked for (exit 0).
var errHelp = flag.ErrHelp

// newFlags returns a FlagSet that prints its usage to env.stdout for
// --help and keeps quiet otherwise; parse errors become usage errors.
func newFlags(env *cliEnv, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(env.stdout, "Usage: pitchmatch %s\n\nFlags:\n", synopsis)
		fs.SetOutput(env.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, mapping -h/--help to errHelp and other problems
// to usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // the flag package has printed fs.Usage
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}

// dbFlag adds --db with the default database path.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDBPath(), "event database file (SQLite)")
}

// defaultDBPath is pitchmatch/event.db in the user's data directory:
// $XDG_DATA_HOME or ~/.local/share on Linux and other Unix systems, and the
// per-user application data folder on macOS and Windows.
func defaultDBPath() string {
	return filepath.Join(userDataDir(os.Getenv, runtime.GOOS), "pitchmatch", "event.db")
}

func userDataDir(getenv func(string) string, goos string) string {
	if goos != "darwin" && goos != "windows" {
		if xdg := getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
			return xdg
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share")
		}
	}
	if dir, err := os.UserConfigDir(); err == nil { // ~/Library/Application Support, %AppData%
		return dir
	}
	return "."
}

// openDB opens an existing event database; it refuses to create one, so a
// typo in --db is reported instead of silently making an empty event.
func openDB(ctx context.Context, path string) (*storage.DB, error) {
	if err := requireFile(path); err != nil {
		return nil, err
	}
	return storage.Open(ctx, path)
}

// requireFile reports a missing event file with the way to create one.
func requireFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return event.Errorf(event.ENotFound, "", "no event database at %s (create one with 'pitchmatch new --db %s --name-ja NAME --dates YYYY-MM-DD', or File → New event in the desktop app)", path, path)
		}
		return fmt.Errorf("open %s: %w", path, err)
	}
	return nil
}
