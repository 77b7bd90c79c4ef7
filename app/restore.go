package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fstorage "fyne.io/fyne/v2/storage"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// restoreText are the File → Restore texts (kept here so the feature is
// one file).
var restoreText = map[string]event.Text{
	"menu":    event.T("バックアップから復元…", "Restore from backup…"),
	"title":   event.T("バックアップから復元", "Restore from backup"),
	"confirm": event.T("現在のファイル %s をバックアップ %s の内容に置き換えます。現在のファイルは日付付きのコピーとして残ります。よろしいですか？", "Replace the current file %s with the backup %s? The current file is kept as a dated copy."),
	"done":    event.T("%s から復元しました（以前のファイル: %s）", "Restored from %s (previous file kept as %s)"),
}

func (u *UI) rt(key string, args ...any) string {
	return textIn(restoreText[key], u.lang, args)
}

// restoreMenuItem is File → Restore from backup.
func (u *UI) restoreMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(u.rt("menu"), u.showRestoreDialog)
}

// showRestoreDialog asks for a backup file and, once confirmed, closes the
// open event, restores the backup over it with storage.Restore (which
// refuses while another program has the file open, verifies the backup and
// keeps the current file as a dated copy) and opens the result. If the
// restore fails, the current file is opened again unchanged.
func (u *UI) showRestoreDialog() {
	if u.store == nil {
		u.showError(errors.New(u.t("app.nofile")))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		from := r.URI().Path()
		_ = r.Close()
		target := u.path
		dialog.ShowConfirm(u.rt("title"), u.rt("confirm", target, from), func(ok bool) {
			if ok {
				u.restoreFrom(from, target)
			}
		}, u.win)
	}, u.win)
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".db", ".sqlite", ".pitchmatch"}))
	d.Show()
}

// restoreFrom restores target from the backup at from and reopens target.
func (u *UI) restoreFrom(from, target string) {
	old := u.store
	u.runBackground(func(ctx context.Context) (func(), error) {
		if err := old.Close(); err != nil {
			return nil, err
		}
		aside, rerr := storage.Restore(ctx, from, target, storage.Options{})
		f, oerr := openFile(ctx, u.svc, target)
		if oerr != nil {
			return nil, errors.Join(rerr, oerr)
		}
		return func() {
			u.setStore(f.store, f.path, f.data)
			if rerr != nil {
				u.showError(rerr)
				return
			}
			u.setStatus(u.rt("done", from, aside))
		}, nil
	})
}
