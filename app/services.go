package app

import (
	"context"

	"pitchmatch/storage"
)

// DefaultServices opens event files with the SQLite store.
func DefaultServices() Services {
	return Services{Open: func(ctx context.Context, path string) (Store, error) { return storage.Open(ctx, path) }}
}

// Start applies the command line: selects the first view and opens the
// event file (off the UI thread). Views are built when first shown.
func (u *UI) Start(a Args) error {
	view := a.View
	if view == "" {
		view = ViewNames()[0]
	}
	if err := u.ShowView(view); err != nil {
		return err
	}
	if a.Path != "" {
		u.OpenAsync(a.Path)
	}
	return nil
}
