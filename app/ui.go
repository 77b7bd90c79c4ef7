package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	return []string{"event", "startups", "companies", "rankings", "requests", "schedule", "reports", "settings", "programme"}
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
	clk    clock

	// The Edit menu's Undo and Redo items (undo.go), renamed after every
	// reload to say what they would do.
	editM              *fyne.Menu
	undoItem, redoItem *fyne.MenuItem
	// syncWork runs background work inline. Fyne's test driver applies
	// fyne.Do on the calling goroutine, so tests that keep interacting use
	// it to stay free of data races; the app never sets it.
	syncWork bool

	tabs    *container.AppTabs
	status  *widget.Label
	stale   [9]bool            // per view: the data changed since it last refreshed
	holders [9]*fyne.Container // tab contents; a view is put in when first shown

	eventV     *eventView
	startupsV  *startupsView
	companiesV *companiesView
	rankingsV  *rankingsView
	requestsV  *requestsView
	scheduleV  *scheduleView
	reportsV   *reportsView
	settingsV  *settingsView
	programmeV *programmeView
}

// New builds the main window of a (real or test) Fyne application. lang ""
// uses the saved preference or else the system locale.
func New(a fyne.App, lang event.Lang, svc Services) *UI {
	if _, ours := a.Settings().Theme().(*Theme); !ours {
		a.Settings().SetTheme(NewTheme()) // (setting it again would drop Fyne's parsed fonts)
	}
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{app: a, svc: svc, ctx: ctx, cancel: cancel, clk: realClock()}
	u.lang = lang
	if u.lang == "" {
		if p := a.Preferences().String(prefLang); p != "" {
			u.lang = event.ParseLang(p)
		} else {
			u.lang = event.ParseLang(string(fyne.CurrentDevice().Locale()))
		}
	}
	u.win = a.NewWindow("PitchMatch")
	// The default fits a 1366×768 laptop with its task bar and title bar.
	w := a.Preferences().FloatWithFallback(prefWidth, 1280)
	h := a.Preferences().FloatWithFallback(prefHeight, 680)
	u.win.Resize(fyne.NewSize(float32(w), float32(h)))
	u.win.SetCloseIntercept(func() {
		u.rememberSize()
		u.Close()
		u.win.Close()
	})
	u.build(0)
	u.addShortcuts()
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
	useFyneLanguage(u.lang)
	u.win.SetTitle(u.t("app.title"))
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.eventV, u.startupsV, u.companiesV, u.rankingsV = nil, nil, nil, nil
	u.requestsV, u.scheduleV, u.reportsV, u.settingsV = nil, nil, nil, nil
	u.programmeV = nil
	keys := []string{"view.event", "view.startups", "view.companies", "view.rankings", "view.requests", "view.schedule", "view.reports", "view.settings", "view.programme"}
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
	case 8:
		u.programmeV = newProgrammeView(u)
		root = u.programmeV.root
	default:
		return nil
	}
	u.stale[i] = true
	u.holders[i].Objects = []fyne.CanvasObject{root}
	u.holders[i].Refresh()
	u.setEditItems() // the view's Undo / Redo buttons
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
	case i == 8 && u.programmeV != nil:
		return u.programmeV
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

// refreshAll marks every view stale and refreshes the visible one; the
// others refresh when they are shown, so a 20,000-startup file does not pay
// for views nobody looks at.
func (u *UI) refreshAll() {
	u.setEditItems()
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
