package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"pitchmatch/event"
)

// undoStep is one of the organizer's changes that can be taken back. Each
// direction is a store write (and so an audit-log entry of its own); it
// refuses, rather than overwrites, when someone changed the records since.
type undoStep struct {
	label      string // what was done, in the UI language
	undo, redo func(ctx context.Context, s Store) error
}

// maxUndo bounds the history.
const maxUndo = 100

// pushUndo records a change just stored; it clears what could be redone.
func (u *UI) pushUndo(s undoStep) {
	u.undos = append(u.undos, s)
	if len(u.undos) > maxUndo {
		u.undos = u.undos[len(u.undos)-maxUndo:]
	}
	u.redos = nil
}

// CanUndo and CanRedo report whether Undo and Redo have anything to do.
func (u *UI) CanUndo() bool { return len(u.undos) > 0 }
func (u *UI) CanRedo() bool { return len(u.redos) > 0 }

// Undo takes back the organizer's last change (Ctrl+Z).
func (u *UI) Undo() { u.replay(&u.undos, &u.redos, true) }

// Redo applies again the last change undone (Ctrl+Shift+Z).
func (u *UI) Redo() { u.replay(&u.redos, &u.undos, false) }

func (u *UI) replay(from, to *[]undoStep, undo bool) {
	if len(*from) == 0 || u.store == nil {
		u.setStatus(u.t("un.nothing"))
		return
	}
	step := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	store := u.store
	f, key := step.redo, "un.redone"
	if undo {
		f, key = step.undo, "un.undone"
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		if err := f(ctx, store); err != nil {
			return nil, fmt.Errorf("%s: %w", step.label, err)
		}
		d, err := LoadData(ctx, store)
		if err != nil {
			return nil, err
		}
		return func() {
			*to = append(*to, step)
			u.data = d
			u.setStatus(u.t(key, step.label))
			u.refreshAll()
		}, nil
	})
}

// keyShortcut is one of the window's keyboard shortcuts.
type keyShortcut struct {
	key *desktop.CustomShortcut
	run func()
}

// shortcuts are the window's keyboard shortcuts: Ctrl+Z, Ctrl+Shift+Z (and
// Ctrl+Y), Ctrl+S (save the form on screen) and Ctrl+F (focus the search
// box of the view on screen).
func (u *UI) shortcuts() []keyShortcut {
	mod := fyne.KeyModifierShortcutDefault
	return []keyShortcut{
		{&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: mod}, u.Undo},
		{&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: mod | fyne.KeyModifierShift}, u.Redo},
		{&desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: mod}, u.Redo},
		{&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}, u.saveShortcut},
		{&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, u.findShortcut},
	}
}

// addShortcuts binds the shortcuts to the window's canvas.
func (u *UI) addShortcuts() {
	for _, s := range u.shortcuts() {
		u.win.Canvas().AddShortcut(s.key, func(fyne.Shortcut) { s.run() })
	}
}

// typeShortcut runs the shortcut named like sc (what the canvas does when
// the keys are pressed); tests use it, as Fyne's test canvas has no key
// dispatch.
func (u *UI) typeShortcut(sc fyne.Shortcut) bool {
	for _, s := range u.shortcuts() {
		if s.key.ShortcutName() == sc.ShortcutName() {
			s.run()
			return true
		}
	}
	return false
}

// saveShortcut presses the Save button of the form on screen.
func (u *UI) saveShortcut() {
	switch v := u.viewAt(u.tabs.SelectedIndex()).(type) {
	case *eventView:
		v.onSave()
	case *startupsView:
		v.form.onSave()
	case *companiesView:
		if v.right.SelectedIndex() == 1 {
			v.theme.onSave()
		} else {
			v.company.onSave()
		}
	}
}

// findShortcut focuses the search box of the view on screen.
func (u *UI) findShortcut() {
	var target fyne.Focusable
	switch v := u.viewAt(u.tabs.SelectedIndex()).(type) {
	case *startupsView:
		target = v.search
	case *companiesView:
		target = v.search
	case *scheduleView:
		target = v.agendaQ
	case *requestsView:
		target = v.search
	case *rankingsView:
		target = v.startupQ
	}
	if target != nil {
		u.win.Canvas().Focus(target)
	}
}

// interestsChange replaces the company-side decisions removed by added,
// the one write behind a scout's decision and its undo.
func interestsChange(ctx context.Context, s Store, remove []event.Interest, add []*event.Interest) error {
	for _, in := range remove {
		if err := s.DeleteInterest(ctx, actor, in.ID); err != nil {
			return err
		}
	}
	for _, in := range add {
		in.ID = 0
		if err := s.AddInterest(ctx, actor, in); err != nil {
			return err
		}
	}
	return nil
}
