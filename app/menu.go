package app

import (
	"fyne.io/fyne/v2"
)

func (u *UI) menu() *fyne.MainMenu {
	recent := fyne.NewMenuItem(u.t("menu.recent"), nil)
	for _, p := range u.Recent() {
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(p, func() { u.OpenAsync(p) }))
	}
	if recent.ChildMenu == nil {
		none := fyne.NewMenuItem(u.t("common.none"), nil)
		none.Disabled = true
		recent.ChildMenu = fyne.NewMenu("", none)
	}
	file := fyne.NewMenu(u.t("menu.file"),
		fyne.NewMenuItem(u.t("menu.open"), u.showOpenDialog),
		fyne.NewMenuItem(u.t("menu.new"), u.showNewEventDialog),
		u.importMenuItem(),
		u.deleteMenuItem(),
		fyne.NewMenuItem(u.t("menu.backup"), u.showBackupDialog),
		u.restoreMenuItem(),
		fyne.NewMenuItemSeparator(),
		recent,
		fyne.NewMenuItemSeparator(),
		u.quitItem(),
	)
	return fyne.NewMainMenu(file, u.editMenu())
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

// Recent lists recently opened files, newest first.
func (u *UI) Recent() []string { return u.app.Preferences().StringList(prefRecent) }

func (u *UI) addRecent(path string) {
	list := []string{path}
	for _, p := range u.Recent() {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	u.app.Preferences().SetStringList(prefRecent, list)
	u.win.SetMainMenu(u.menu())
}

// quitItem is File → Quit in the app's language (Fyne adds an English one
// when the menu has no item marked IsQuit).
func (u *UI) quitItem() *fyne.MenuItem {
	q := fyne.NewMenuItem(u.t("menu.quit"), func() {
		u.rememberSize()
		u.Close()
		u.app.Quit()
	})
	q.IsQuit = true
	return q
}
