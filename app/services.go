package app

import (
	"context"
	"fyne.io/fyne/v2"

	"pitchmatch/storage"
)

// DefaultServices opens event files with the SQLite store.
func DefaultServices() Services {
	return Services{Open: func(ctx context.Context, path string) (Store, error) { return storage.Open(ctx, path) }}
}

// Preload starts opening the event file and reading it in the background
// before the window exists, so that a launch with a file overlaps loading
// with building the window. Pass the result to Start in Args.Preloaded.
func Preload(svc Services, path string) *Preloaded {
	p := &Preloaded{path: path, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.file, p.err = openFile(context.Background(), svc, path)
	}()
	return p
}

// Preloaded is an event file being opened by Preload.
type Preloaded struct {
	path string
	done chan struct{}
	file *openedFile
	err  error
}

// wait returns the opened file once Preload has finished.
func (p *Preloaded) wait(ctx context.Context) (*openedFile, error) {
	select {
	case <-p.done:
		return p.file, p.err
	case <-ctx.Done():
		go func() { // the UI closed first: close the store when it arrives
			<-p.done
			if p.file != nil {
				_ = p.file.store.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// Start applies the command line: selects the first view and opens the
// event file (off the UI thread), using a.Preloaded when the file is
// already being read. Views are built when first shown.
func (u *UI) Start(a Args) error {
	view := a.View
	if view == "" {
		view = ViewNames()[0]
	}
	if err := u.ShowView(view); err != nil {
		return err
	}
	if a.Width > 0 && a.Height > 0 {
		u.win.Resize(fyne.NewSize(a.Width, a.Height))
	}
	switch {
	case a.Preloaded != nil:
		u.setStatus(u.t("app.loading"))
		u.runBackground(func(ctx context.Context) (func(), error) {
			f, err := a.Preloaded.wait(ctx)
			if err != nil {
				return nil, err
			}
			return func() { u.setStore(f.store, f.path, f.data) }, nil
		})
	case a.Path != "":
		u.OpenAsync(a.Path)
	}
	return nil
}
