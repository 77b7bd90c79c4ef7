package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// Store is an open event file.
type Store interface {
	event.Store
	Close() error
}

// Services are the engines behind the views. main.go wires the real ones
// (DefaultServices); a nil field disables the feature that needs it, and
// the view says so.
type Services struct {
	// Open opens (creating when missing) the event file at path.
	Open func(ctx context.Context, path string) (Store, error)
	// Logf, if set, receives progress lines such as "opened FILE" (main.go
	// sends them to stderr; scripts wait for them).
	Logf func(format string, args ...any)
	// EmbedHTTP, if set, is the HTTP client for the embeddings API (a
	// proxy, or a test server); nil uses the embed package's default.
	EmbedHTTP *http.Client
}

// Preference keys.
const (
	prefLang   = "language"
	prefRecent = "recent_files"
	prefWidth  = "window_width"
	prefHeight = "window_height"
	maxRecent  = 8
	actor      = "desktop"
)

// ViewNames lists the view names accepted by ShowView and --view, in tab
// order.
func ViewNames() []string {
	return []string{"event", "startups", "companies", "rankings", "requests", "schedule", "reports", "settings"}
}

// UI is the main window and its views.
type UI struct {
	app fyne.App
	win fyne.Window
	svc Services

	lang  event.Lang
	store Store
	path  string
	data  *Data

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// syncWork runs background work inline. Fyne's test driver applies
	// fyne.Do on the calling goroutine, so tests that keep interacting use
	// it to stay free of data races; the app never sets it.
	syncWork bool

	tabs    *container.AppTabs
	status  *widget.Label
	stale   [8]bool            // per view: the data changed since it last refreshed
	holders [8]*fyne.Container // tab contents; a view is put in when first shown

	eventV     *eventView
	startupsV  *startupsView
	companiesV *companiesView
	rankingsV  *rankingsView
	requestsV  *requestsView
	scheduleV  *scheduleView
	reportsV   *reportsView
	settingsV  *settingsView
}

// New builds the main window of a (real or test) Fyne application. lang ""
// uses the saved preference or else the system locale.
func New(a fyne.App, lang event.Lang, svc Services) *UI {
	a.Settings().SetTheme(NewTheme())
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{app: a, svc: svc, ctx: ctx, cancel: cancel}
	u.lang = lang
	if u.lang == "" {
		if p := a.Preferences().String(prefLang); p != "" {
			u.lang = event.ParseLang(p)
		} else {
			u.lang = event.ParseLang(string(fyne.CurrentDevice().Locale()))
		}
	}
	u.win = a.NewWindow("PitchMatch")
	w := a.Preferences().FloatWithFallback(prefWidth, 1280)
	h := a.Preferences().FloatWithFallback(prefHeight, 800)
	u.win.Resize(fyne.NewSize(float32(w), float32(h)))
	u.win.SetCloseIntercept(func() {
		u.rememberSize()
		u.Close()
		u.win.Close()
	})
	u.build(0)
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Lang is the current UI language.
func (u *UI) Lang() event.Lang { return u.lang }

// Data is the current snapshot, nil when no file is open.
func (u *UI) Data() *Data { return u.data }

// Wait blocks until background work started so far has applied its result.
func (u *UI) Wait() { u.wg.Wait() }

// Close cancels background work and closes the event file.
func (u *UI) Close() {
	u.cancel()
	u.wg.Wait()
	if u.store != nil {
		_ = u.store.Close()
		u.store = nil
	}
}

func (u *UI) rememberSize() {
	s := u.win.Canvas().Size()
	if s.Width > 100 && s.Height > 100 {
		u.app.Preferences().SetFloat(prefWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(s.Height))
	}
}

func (u *UI) t(key string, args ...any) string { return tr(u.lang, key, args...) }

// SetLang switches the language, remembers it and redraws every view.
func (u *UI) SetLang(l event.Lang) {
	if l == u.lang {
		return
	}
	u.lang = l
	u.app.Preferences().SetString(prefLang, string(l))
	idx := 0
	if u.tabs != nil {
		idx = u.tabs.SelectedIndex()
	}
	u.build(idx)
	u.refreshSelected()
}

// build (re)creates the menu and the tabs in the current language. Views are
// built when first shown, so opening a large file only pays for the view
// on screen.
func (u *UI) build(selected int) {
	u.win.SetTitle(u.t("app.title"))
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.eventV, u.startupsV, u.companiesV, u.rankingsV = nil, nil, nil, nil
	u.requestsV, u.scheduleV, u.reportsV, u.settingsV = nil, nil, nil, nil
	keys := []string{"view.event", "view.startups", "view.companies", "view.rankings", "view.requests", "view.schedule", "view.reports", "view.settings"}
	items := make([]*container.TabItem, len(keys))
	for i, k := range keys {
		u.holders[i] = container.NewStack()
		items[i] = container.NewTabItem(u.t(k), u.holders[i])
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(*container.TabItem) { u.refreshSelected() }
	u.win.SetContent(container.NewBorder(nil, u.status, nil, nil, u.tabs))
	u.win.SetMainMenu(u.menu())
	for i := range u.stale {
		u.stale[i] = true
	}
	u.tabs.SelectIndex(selected)
}

// ensure builds view i if it does not exist yet and returns it.
func (u *UI) ensure(i int) view {
	if v := u.viewAt(i); v != nil {
		return v
	}
	var root fyne.CanvasObject
	switch i {
	case 0:
		u.eventV = newEventView(u)
		root = u.eventV.root
	case 1:
		u.startupsV = newStartupsView(u)
		root = u.startupsV.root
	case 2:
		u.companiesV = newCompaniesView(u)
		root = u.companiesV.root
	case 3:
		u.rankingsV = newRankingsView(u)
		root = u.rankingsV.root
	case 4:
		u.requestsV = newRequestsView(u)
		root = u.requestsV.root
	case 5:
		u.scheduleV = newScheduleView(u)
		root = u.scheduleV.root
	case 6:
		u.reportsV = newReportsView(u)
		root = u.reportsV.root
	case 7:
		u.settingsV = newSettingsView(u)
		root = u.settingsV.root
	default:
		return nil
	}
	u.stale[i] = true
	u.holders[i].Objects = []fyne.CanvasObject{root}
	u.holders[i].Refresh()
	return u.viewAt(i)
}

// viewAt returns view i, or nil if it has not been built.
func (u *UI) viewAt(i int) view {
	switch {
	case i == 0 && u.eventV != nil:
		return u.eventV
	case i == 1 && u.startupsV != nil:
		return u.startupsV
	case i == 2 && u.companiesV != nil:
		return u.companiesV
	case i == 3 && u.rankingsV != nil:
		return u.rankingsV
	case i == 4 && u.requestsV != nil:
		return u.requestsV
	case i == 5 && u.scheduleV != nil:
		return u.scheduleV
	case i == 6 && u.reportsV != nil:
		return u.reportsV
	case i == 7 && u.settingsV != nil:
		return u.settingsV
	}
	return nil
}

// ShowView selects a view by name (see viewNames).
func (u *UI) ShowView(name string) error {
	for i, n := range ViewNames() {
		if n == name {
			if u.tabs.SelectedIndex() == i && u.viewAt(i) != nil {
				return nil
			}
			if u.tabs.SelectedIndex() == i {
				u.refreshSelected() // OnSelected does not fire for the tab already selected
				return nil
			}
			u.tabs.SelectIndex(i) // OnSelected builds and refreshes the view
			return nil
		}
	}
	return fmt.Errorf("unknown view %q (want one of %s)", name, strings.Join(ViewNames(), ", "))
}

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
		fyne.NewMenuItem(u.t("menu.new"), u.showNewDialog),
		fyne.NewMenuItem(u.t("menu.backup"), u.showBackupDialog),
		fyne.NewMenuItemSeparator(),
		recent,
	)
	return fyne.NewMainMenu(file)
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

func (u *UI) showNewDialog() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		_ = os.Remove(path) // the dialog created an empty file; the store makes the real one
		u.runBackground(func(ctx context.Context) (func(), error) {
			if err := u.createEvent(ctx, path); err != nil {
				return nil, err
			}
			return u.openWork(ctx, path)
		})
	}, u.win)
	d.SetFileName("event.db")
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

// createEvent makes a new event file with a one-day default event.
func (u *UI) createEvent(ctx context.Context, path string) error {
	if u.svc.Open == nil {
		return errors.New("no storage configured")
	}
	s, err := u.svc.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	ev := DefaultEvent(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	return s.SaveEvent(ctx, actor, ev)
}

// DefaultEvent is the event a new file starts with.
func DefaultEvent(name string) *event.Event {
	return &event.Event{
		Name: event.Text{Ja: name, En: name}, TimeZone: "Asia/Tokyo",
		SlotMinutes: 30, Tables: 10, StartupCap: 6, CompanyCap: 12,
		Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 12, Breaks: []event.Break{{AfterSlot: 4, Minutes: 60}}}},
	}
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
		case <-time.After(time.Second):
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

// runBackground runs work off the UI thread; its returned function, or the
// error, is applied on the UI thread through fyne.Do. Nothing is applied
// once the UI is closing.
func (u *UI) runBackground(work func(ctx context.Context) (func(), error)) {
	if u.syncWork {
		apply, err := work(u.ctx)
		if err != nil {
			u.showError(err)
		} else if apply != nil {
			apply()
		}
		return
	}
	u.wg.Add(1)
	ctx := u.ctx
	go func() {
		defer u.wg.Done()
		apply, err := work(ctx)
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				u.showError(err)
				return
			}
			if apply != nil {
				apply()
			}
		})
	}()
}

func (u *UI) showError(err error) {
	u.setStatus(u.t("app.error") + ": " + event.ErrorMessage(err, u.lang))
	dialog.ShowError(errors.New(event.ErrorMessage(err, u.lang)), u.win)
}

func (u *UI) setStatus(s string) { u.status.SetText(s) }

// refreshAll marks every view stale and refreshes the visible one; the
// others refresh when they are shown, so a 20,000-startup file does not pay
// for views nobody looks at.
func (u *UI) refreshAll() {
	for i := range u.stale {
		u.stale[i] = true
	}
	u.refreshSelected()
}

func (u *UI) refreshSelected() {
	if u.tabs == nil {
		return
	}
	i := u.tabs.SelectedIndex()
	v := u.ensure(i)
	if v == nil {
		return
	}
	if u.stale[i] {
		u.stale[i] = false
		v.refresh()
	}
	v.onShow()
}

type view interface {
	refresh() // the data changed
	onShow()  // the view became visible
}

// exportButton opens a menu of the export formats.
func (u *UI) exportButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButton(u.t("rp.export"), func() {
		var items []*fyne.MenuItem
		for _, f := range exportFormats() {
			items = append(items, fyne.NewMenuItem(f.label.In(u.lang), func() { u.showExportDialog(f) }))
		}
		widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

func (u *UI) showExportDialog(f exportFormat) {
	d := u.data
	if d == nil {
		return
	}
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		u.exportAsync(d, f.kind, path)
	}, u.win)
	dlg.SetFileName(f.file)
	dlg.Show()
}

// exportAsync writes an export off the UI thread.
func (u *UI) exportAsync(d *Data, kind, path string) {
	u.setStatus(u.t("app.loading"))
	u.runBackground(func(ctx context.Context) (func(), error) {
		if err := ExportFile(ctx, d, kind, path); err != nil {
			return nil, err
		}
		return func() { u.setStatus(u.t("app.saved") + ": " + path) }, nil
	})
}

// showPortalLink creates a startup's private portal link and shows it,
// copied to the clipboard.
func (u *UI) showPortalLink(startupID string) {
	store := u.store
	if store == nil {
		return
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		link, err := PortalLink(ctx, store, startupID)
		if err != nil {
			return nil, err
		}
		return func() {
			u.app.Clipboard().SetContent(link)
			e := widget.NewEntry()
			e.SetText(link)
			dialog.ShowCustom(u.t("st.portal")+": "+startupID, "OK", container.NewVBox(widget.NewLabel(u.t("st.portal_copied")), e), u.win)
			u.setStatus(u.t("st.portal_copied"))
		}, nil
	})
}
