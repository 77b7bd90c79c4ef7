package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

func (u *UI) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		u.OpenAsync(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".pitchmatch"}))
	d.Show()
}

func (u *UI) showBackupDialog() {
	if u.store == nil {
		u.showError(errors.New(u.t("app.nofile")))
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		_ = os.Remove(path)
		store := u.store
		u.runBackground(func(ctx context.Context) (func(), error) {
			if err := store.Backup(ctx, path); err != nil {
				return nil, fmt.Errorf("backup to %s: %w", path, err)
			}
			return func() { u.setStatus(u.t("app.saved") + ": " + path) }, nil
		})
	}, u.win)
	d.SetFileName(strings.TrimSuffix(filepath.Base(u.path), filepath.Ext(u.path)) + "-backup.db")
	d.Show()
}

// Open opens the event file at path and loads it, synchronously. The app
// uses OpenAsync; tests and start-up with a file argument may use this.
func (u *UI) Open(path string) error {
	apply, err := u.openWork(u.ctx, path)
	if err != nil {
		return err
	}
	apply()
	return nil
}

// OpenAsync opens path off the UI thread and shows it when loaded.
func (u *UI) OpenAsync(path string) {
	u.setStatus(u.t("app.loading"))
	u.runBackground(func(ctx context.Context) (func(), error) { return u.openWork(ctx, path) })
}

func (u *UI) openWork(ctx context.Context, path string) (func(), error) {
	f, err := openFile(ctx, u.svc, path)
	if err != nil {
		return nil, err
	}
	return func() { u.setStore(f.store, f.path, f.data) }, nil
}

// openedFile is an event file opened and read, ready to show.
type openedFile struct {
	store Store
	path  string // absolute
	data  *Data
}

// openFile opens path with svc and reads everything the views need.
func openFile(ctx context.Context, svc Services, path string) (*openedFile, error) {
	if svc.Open == nil {
		return nil, errors.New("no storage configured")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	s, err := svc.Open(ctx, abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	d, err := LoadData(ctx, s)
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("%s: %w", abs, err)
	}
	return &openedFile{store: s, path: abs, data: d}, nil
}

// SetStore shows an already opened store (used by tests and start-up).
func (u *UI) SetStore(s Store, path string) error {
	d, err := LoadData(u.ctx, s)
	if err != nil {
		return err
	}
	u.setStore(s, path, d)
	return nil
}

func (u *UI) setStore(s Store, path string, d *Data) {
	if u.store != nil && u.store != s {
		_ = u.store.Close()
	}
	u.store, u.path, u.data = s, path, d
	u.wg.Add(1)
	ctx := u.ctx
	go func() { // build the search index before the first keystroke needs it, once the view is up
		defer u.wg.Done()
		select {
		case <-u.clk.after(indexDelay):
			d.searchIndex()
		case <-ctx.Done():
		}
	}()
	u.win.SetTitle(u.t("app.title") + " — " + filepath.Base(path))
	u.addRecent(path)
	u.setStatus(u.t("app.opened", path))
	u.refreshAll()
	if u.svc.Logf != nil {
		u.svc.Logf("opened %s: %d startups, %d companies, %d themes, %d meetings", path, len(d.Startups), len(d.Companies), len(d.Themes), len(d.Meetings))
	}
}

// Reload re-reads the open file and refreshes the views.
func (u *UI) Reload() {
	if u.store == nil {
		return
	}
	s := u.store
	u.runBackground(func(ctx context.Context) (func(), error) {
		d, err := LoadData(ctx, s)
		if err != nil {
			return nil, err
		}
		return func() {
			if u.store == s {
				u.data = d
				u.refreshAll()
			}
		}, nil
	})
}

// ReloadSync re-reads the open file at once (tests, small files).
func (u *UI) ReloadSync() error {
	d, err := LoadData(u.ctx, u.store)
	if err != nil {
		return err
	}
	u.data = d
	u.refreshAll()
	return nil
}
