//go:build js && wasm

// Command main is the startup portal compiled to WebAssembly: it binds the
// DOM-free logic of package portal to the browser with syscall/js. The page
// (server/static/index.html) holds real DOM form controls that Go renders
// with html/template and reads back; fetch() carries the private-link
// token as a bearer header; drafts live in localStorage.
//
// Build: GOOS=js GOARCH=wasm go build -o server/static/portal.wasm ./wasm/main
// (scripts/build-portal.sh).
package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"syscall/js"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/wasm/portal"
)

const (
	tokenKey = "pitchmatch.token"
	tabKey   = "pitchmatch.tab"
	langKey  = "pitchmatch.lang"
)

type app struct {
	win, doc js.Value
	r        *portal.Renderer
	client   *portal.Client
	token    string
	lang     event.Lang

	session   string         // SessionID of the link: drafts of other links are dropped
	server    *event.Startup // the last record the server returned
	base      *event.Startup // the record the form's edits start from (the merge base)
	touched   map[string]bool
	themes    *api.Themes
	interests api.Interests     // as the server confirmed them
	wantInt   map[string]string // theme → state asked for, not confirmed yet
	sendInt   map[string]string // theme → state of the request in flight
	meetings  *api.Meetings
	conflict  *portal.Conflict
	fitsStale bool
	saving    bool
	tab       string
	funcs     []js.Func // event listeners, kept for the page's lifetime
}

func main() {
	a := &app{win: js.Global(), doc: js.Global().Get("document"), touched: map[string]bool{}, tab: "profile",
		wantInt: map[string]string{}, sendInt: map[string]string{}}
	a.win.Set("pmMain", a.win.Get("performance").Call("now"))
	a.mark("pm:main")
	r, err := portal.NewRenderer()
	if err != nil {
		a.fatal(err.Error())
		return
	}
	a.r = r
	a.mark("pm:templates")
	a.lang = a.initialLang()
	a.client = &portal.Client{Send: a.fetch, Lang: a.lang}
	a.token = a.takeToken()
	a.applyChrome()
	if a.token == "" {
		a.fatal(portal.UI("no_token", a.lang))
		select {}
	}
	a.session = portal.SessionID(a.token)
	a.dropStaleDrafts()
	ctx := context.Background()
	a.layout()
	if err := a.loadProfile(ctx); err != nil {
		// A scout's link: /me refuses it and the scout portal runs instead
		// (wasm/main/online.go).
		if isForbidden(err) {
			if _, scout := a.startOnline(ctx); scout {
				select {}
			}
		}
		var ae *api.Error
		if errors.As(err, &ae) && ae.Status == 401 {
			a.clearAllDrafts() // the link's session is over
		}
		a.fatal(portal.UI("error_load", a.lang) + ": " + a.errText(err))
		select {}
	}
	a.wire()
	go a.startupOnline(ctx)
	go a.loadThemes(ctx)
	go a.loadMeetings(ctx)
	go a.retryLoop(ctx)
	select {}
}

// takeToken reads the token from the URL fragment (#t=...). The fragment
// stays in the address bar, so the link can be bookmarked and opened in a
// new tab: browsers never send a fragment to the server (so it is in no
// server log) nor in a Referer, and the page sets Referrer-Policy
// no-referrer besides. Within the tab, session storage keeps it too, and
// puts it back in the address bar if it went missing.
func (a *app) takeToken() string {
	loc := a.win.Get("location")
	hash := strings.TrimPrefix(loc.Get("hash").String(), "#")
	if t := portal.TokenFromFragment(hash); t != "" {
		a.win.Get("sessionStorage").Call("setItem", tokenKey, t)
		return t
	}
	v := a.win.Get("sessionStorage").Call("getItem", tokenKey)
	if v.IsNull() || v.IsUndefined() {
		return ""
	}
	a.win.Get("history").Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String()+"#t="+v.String())
	return v.String()
}

// draftKeys lists the localStorage keys of every stored draft.
func (a *app) draftKeys() []string {
	st := a.storage()
	var keys []string
	for i, n := 0, st.Get("length").Int(); i < n; i++ {
		if k := st.Call("key", i); !k.IsNull() && strings.HasPrefix(k.String(), portal.DraftPrefix) {
			keys = append(keys, k.String())
		}
	}
	return keys
}

// dropStaleDrafts removes drafts older than this link's session (another
// link, another startup on a shared computer, a damaged one).
func (a *app) dropStaleDrafts() {
	for _, k := range a.draftKeys() {
		if v := a.storage().Call("getItem", k); v.IsNull() || portal.StaleDraft(v.String(), a.session) {
			a.storage().Call("removeItem", k)
		}
	}
}

func (a *app) clearAllDrafts() {
	for _, k := range a.draftKeys() {
		a.storage().Call("removeItem", k)
	}
}

// logout forgets the link on this computer: drafts (contact e-mail
// included) and the tab's copy of the token go, and the token leaves the
// address bar. The link itself keeps working where it is bookmarked.
func (a *app) logout() {
	if a.hasUnsaved() && !a.win.Call("confirm", portal.UI("logout_confirm", a.lang)).Bool() {
		return
	}
	a.clearAllDrafts()
	a.win.Get("sessionStorage").Call("removeItem", tokenKey)
	loc := a.win.Get("location")
	a.win.Get("history").Call("replaceState", nil, "", loc.Get("pathname").String())
	a.token, a.base, a.server = "", nil, nil
	a.byID("tabs").Set("hidden", true)
	a.byID("logout").Set("hidden", true)
	a.fatal(portal.UI("logged_out", a.lang))
	a.byID("fatal").Set("className", "note")
}

// hasUnsaved reports whether anything typed or ticked has not been
// confirmed by the server.
func (a *app) hasUnsaved() bool {
	if len(a.wantInt) > 0 || a.saving {
		return true
	}
	if a.base == nil || a.server == nil {
		return false
	}
	return !portal.Equal(a.readForm(), portal.StartupValues(a.server))
}

func (a *app) initialLang() event.Lang {
	if v := a.win.Get("localStorage").Call("getItem", langKey); !v.IsNull() {
		return event.ParseLang(v.String())
	}
	// Japanese first; English for browsers set to English.
	if nav := a.win.Get("navigator").Get("language"); nav.Truthy() && strings.HasPrefix(strings.ToLower(nav.String()), "en") {
		return event.En
	}
	return event.Ja
}

// mark records a performance mark (visible in DevTools and to the e2e test).
func (a *app) mark(name string) { a.win.Get("performance").Call("mark", name) }

func (a *app) byID(id string) js.Value { return a.doc.Call("getElementById", id) }

func (a *app) setText(id, s string) {
	if el := a.byID(id); el.Truthy() {
		el.Set("textContent", s)
	}
}

func (a *app) fatal(msg string) {
	app := a.byID("app")
	app.Set("innerHTML", "")
	p := a.doc.Call("createElement", "p")
	p.Set("className", "error")
	p.Set("id", "fatal")
	p.Set("textContent", msg)
	app.Call("appendChild", p)
	app.Call("setAttribute", "aria-busy", "false")
}

func (a *app) errText(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	if errors.Is(err, portal.ErrOffline) {
		return portal.UI("offline", a.lang)
	}
	return err.Error()
}

// applyChrome sets the language of the fixed page parts.
func (a *app) applyChrome() {
	a.doc.Get("documentElement").Set("lang", string(a.lang))
	a.setText("tab-profile", portal.UI("tab_profile", a.lang))
	a.setText("tab-themes", portal.UI("tab_themes", a.lang))
	a.setText("tab-meetings", portal.UI("tab_meetings", a.lang))
	sel := a.byID("lang")
	sel.Set("value", string(a.lang))
	sel.Set("disabled", false)
	if b := a.byID("logout"); b.Truthy() {
		b.Set("textContent", portal.UI("logout", a.lang))
		b.Set("hidden", a.token == "")
	}
}

func (a *app) layout() {
	a.byID("app").Set("innerHTML", `<section id="p-profile" class="panel"><div id="restored" class="note" hidden></div><div id="conflict-slot"></div><div id="form-slot"></div></section>`+
		`<section id="p-themes" class="panel" hidden><div id="themes-slot"></div></section>`+
		`<section id="p-meetings" class="panel" hidden><div id="meetings-slot"></div></section>`)
	a.byID("tabs").Set("hidden", false)
}

func (a *app) storage() js.Value { return a.win.Get("localStorage") }

// draftKey is this tab's draft key for startup id.
func (a *app) draftKey(id string) string { return portal.DraftKey(id, a.tabID()) }

// tabID names this browser tab (kept in its session storage).
func (a *app) tabID() string {
	ss := a.win.Get("sessionStorage")
	if v := ss.Call("getItem", tabKey); !v.IsNull() && v.String() != "" {
		return v.String()
	}
	id := fmt.Sprintf("%x%x", time.Now().UnixNano(), int64(a.win.Get("performance").Call("now").Float()*1000))
	ss.Call("setItem", tabKey, id)
	return id
}

func (a *app) loadDraft(id string) *portal.Draft {
	v := a.storage().Call("getItem", a.draftKey(id))
	if v.IsNull() {
		return nil
	}
	d, err := portal.DecodeDraft(v.String(), id)
	if err != nil {
		return nil
	}
	return &d
}

// adoptDraft is the draft this tab starts from: its own, else the newest
// one another (closed) tab left for the startup, moved under this tab's key.
func (a *app) adoptDraft(id string) *portal.Draft {
	stored := map[string]string{}
	for _, k := range a.draftKeys() {
		if v := a.storage().Call("getItem", k); !v.IsNull() {
			stored[k] = v.String()
		}
	}
	key, d := portal.PickDraft(stored, id, a.draftKey(id))
	if d == nil {
		return nil
	}
	if key != a.draftKey(id) {
		a.storage().Call("setItem", a.draftKey(id), stored[key])
		a.storage().Call("removeItem", key)
	}
	return d
}

func (a *app) saveDraft(v portal.Values, pending bool) {
	if a.base == nil {
		return
	}
	var ints map[string]string
	if len(a.wantInt) > 0 {
		ints = maps.Clone(a.wantInt)
	}
	s, err := portal.EncodeDraft(portal.Draft{StartupID: a.base.ID, Session: a.session, BaseVersion: a.base.Version, Base: a.base,
		Values: v, Pending: pending, Interests: ints, SavedAt: time.Now()})
	if err == nil {
		a.storage().Call("setItem", a.draftKey(a.base.ID), s)
	}
}

// clearDraft drops the profile part of the draft; interest changes not yet
// confirmed stay.
func (a *app) clearDraft() {
	if a.base == nil {
		return
	}
	if len(a.wantInt) > 0 {
		a.saveDraft(portal.StartupValues(a.base), false)
		return
	}
	a.storage().Call("removeItem", a.draftKey(a.base.ID))
}

func (a *app) loadProfile(ctx context.Context) error {
	me, err := a.prefetchedMe()
	if me == nil && err == nil {
		me, err = a.client.Me(ctx)
	}
	if err != nil {
		return err
	}
	a.mark("pm:me")
	a.server = me
	d := a.adoptDraft(me.ID)
	values, base, restored := portal.Restore(me, d)
	a.base = base
	if d != nil {
		maps.Copy(a.wantInt, d.Interests)
	}
	a.renderForm(values, nil)
	if restored {
		el := a.byID("restored")
		el.Set("textContent", portal.UI("draft_restored", a.lang))
		el.Set("hidden", false)
		a.updateNet(d.Pending)
	}
	a.doc.Get("body").Get("dataset").Set("ready", "1")
	a.win.Set("pmReady", a.win.Get("performance").Call("now"))
	a.byID("app").Call("setAttribute", "aria-busy", "false")
	if restored && d.Pending {
		go a.save(ctx)
	}
	if len(a.wantInt) > 0 {
		go a.sendInterests(ctx)
	}
	return nil
}

// prefetchedMe takes the profile request boot.js started, if any and if it
// was made with the same token; (nil, nil) means fetch it now.
func (a *app) prefetchedMe() (*event.Startup, error) {
	p := a.win.Get("pmMe")
	a.win.Set("pmMe", js.Undefined())
	if !p.Truthy() {
		return nil, nil
	}
	res, err := await(p)
	if err != nil {
		return nil, nil // network failure: the normal path reports it
	}
	return api.DecodeStartup(res.Get("status").Int(), []byte(res.Get("body").String()))
}

func (a *app) renderForm(v portal.Values, msgs map[string]string) {
	html, err := a.r.RenderProfile(portal.ProfileForm(a.base, v, msgs, a.lang))
	if err != nil {
		a.fatal(err.Error())
		return
	}
	a.mark("pm:html")
	a.byID("form-slot").Set("innerHTML", html)
	a.mark("pm:dom")
}

// readForm collects the form's values as the browser has them.
func (a *app) readForm() portal.Values {
	v := portal.Values{}
	form := a.byID("profile")
	if !form.Truthy() {
		return v
	}
	els := form.Get("elements")
	for i, n := 0, els.Get("length").Int(); i < n; i++ {
		el := els.Index(i)
		name := el.Get("name").String()
		if name == "" {
			continue
		}
		switch el.Get("type").String() {
		case "checkbox", "radio":
			if el.Get("checked").Bool() {
				v.Add(name, el.Get("value").String())
			}
		case "submit", "button":
		default:
			v.Add(name, el.Get("value").String())
		}
	}
	return v
}

// showErrors writes the inline messages; only touched fields unless all.
func (a *app) showErrors(errs []event.FieldError, all bool) {
	msgs := portal.Messages(errs, a.lang)
	for _, f := range portal.Fields() {
		msg := msgs[f.Key]
		if !all && !a.touched[f.Key] {
			msg = ""
		}
		a.setText("e-"+f.Key, msg)
		if w := a.byID("w-" + f.Key); w.Truthy() {
			w.Get("classList").Call("toggle", "bad", msg != "")
		}
	}
}

func (a *app) listen(target js.Value, typ string, fn func(ev js.Value)) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	})
	a.funcs = append(a.funcs, f)
	target.Call("addEventListener", typ, f)
}

func (a *app) wire() {
	ctx := context.Background()
	onEdit := func(ev js.Value) {
		if ev.Get("isComposing").Truthy() {
			return // mid-composition (IME): wait for compositionend / the final input
		}
		t := ev.Get("target")
		if name := t.Get("name"); name.Truthy() {
			a.touched[portal.SlotOf(name.String())] = true
		}
		a.edited()
	}
	slot := a.byID("form-slot")
	a.listen(slot, "input", onEdit)
	a.listen(slot, "change", onEdit)
	a.listen(slot, "compositionend", onEdit)
	a.listen(slot, "submit", func(ev js.Value) {
		ev.Call("preventDefault")
		go a.save(ctx)
	})
	a.listen(a.byID("conflict-slot"), "click", func(ev js.Value) {
		if ev.Get("target").Get("id").String() == "resolve" {
			a.resolve(ctx)
		}
	})
	a.listen(a.byID("themes-slot"), "change", func(ev js.Value) {
		t := ev.Get("target")
		if t.Get("classList").Call("contains", "interest").Bool() {
			go a.toggleInterest(ctx, t.Get("value").String(), t.Get("checked").Bool())
		}
	})
	a.listen(a.byID("meetings-slot"), "click", func(ev js.Value) {
		if ev.Get("target").Get("id").String() == "ics" {
			go a.downloadICS(ctx)
		}
	})
	a.listen(a.byID("tabs"), "click", func(ev js.Value) {
		if tab := ev.Get("target").Call("getAttribute", "data-tab"); !tab.IsNull() {
			a.showTab(tab.String())
		}
	})
	a.listen(a.byID("lang"), "change", func(ev js.Value) {
		a.switchLang(event.ParseLang(ev.Get("target").Get("value").String()))
	})
	a.listen(a.win, "online", func(js.Value) {
		a.updateNet(a.hasPending())
		go a.flush(ctx)
		go a.sendInterests(ctx)
	})
	if b := a.byID("logout"); b.Truthy() {
		a.listen(b, "click", func(js.Value) { a.logout() })
	}
	a.listen(a.win, "offline", func(js.Value) { a.updateNet(true) })
}

// edited runs after each change of the form: validate inline, keep the
// draft, and mark the fit preview for recomputation.
func (a *app) edited() {
	v := a.readForm()
	_, errs := portal.ParseValues(v, a.base)
	a.showErrors(errs, false)
	pending := a.hasPending()
	if !a.saving && a.server != nil && portal.Equal(v, portal.StartupValues(a.server)) && a.base.Version == a.server.Version {
		a.clearDraft()
	} else {
		a.saveDraft(v, pending)
	}
	a.fitsStale = true
	a.setText("save-msg", "")
}

func (a *app) hasPending() bool {
	if a.base == nil {
		return false
	}
	d := a.loadDraft(a.base.ID)
	return d != nil && d.Pending
}

func (a *app) updateNet(pending bool) {
	online := a.win.Get("navigator").Get("onLine").Bool()
	switch {
	case !online:
		a.setText("net", portal.UI("offline", a.lang))
	case pending:
		a.setText("net", portal.UI("pending", a.lang))
	default:
		a.setText("net", "")
	}
	a.byID("net").Get("classList").Call("toggle", "warn", !online || pending)
}

func (a *app) save(ctx context.Context) {
	if a.saving || a.conflict != nil {
		return
	}
	v := a.readForm()
	s, errs := portal.ParseValues(v, a.base)
	if len(errs) > 0 {
		a.showErrors(errs, true)
		a.setText("save-msg", portal.UI("invalid", a.lang))
		if el := a.byID("w-" + portal.SlotOf(errs[0].Field)); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "center"})
		}
		return
	}
	a.saving = true
	defer func() { a.saving = false }()
	a.saveDraft(v, true)
	a.setText("save-msg", portal.UI("saving", a.lang))
	merged := false
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		saved, current, err := a.client.SaveMe(cctx, s)
		cancel()
		var ae *api.Error
		switch {
		case err == nil:
			a.saved(v, saved, merged)
			return
		case errors.Is(err, portal.ErrOffline):
			a.setText("save-msg", portal.UI("offline", a.lang))
			a.updateNet(true)
			return
		case current != nil:
			// Stored meanwhile: merge three-way. Fields only the other side
			// changed are taken, mine are kept; only fields both changed
			// are asked about.
			c, merr := portal.NewConflict(a.base, s, current, a.lang)
			if merr != nil {
				a.setText("save-msg", merr.Error())
				return
			}
			a.server = current
			if len(c.Changes) == 0 && attempt < 3 {
				a.base, s, merged = current, c.Merged, true
				a.saveDraft(v, true)
				continue
			}
			a.saveDraft(v, false) // keep mine until the user has chosen
			a.conflict = c
			a.renderConflict()
			a.setText("save-msg", portal.UI("conflict_title", a.lang))
			a.updateNet(false)
			return
		case errors.As(err, &ae) && len(ae.Errors) > 0:
			a.saveDraft(v, false)
			a.showErrors(ae.Errors, true)
			a.setText("save-msg", ae.Message)
			return
		default:
			a.saveDraft(v, false)
			a.setText("save-msg", a.errText(err))
			return
		}
	}
}

// saved takes a confirmed save of the form values sent. What was typed
// while the request was in flight is not in it: that stays in the form and
// the draft, marked unsaved.
func (a *app) saved(sent portal.Values, rec *event.Startup, merged bool) {
	a.server, a.base = rec, rec
	a.setText("sver", fmt.Sprint(rec.Version))
	a.byID("restored").Set("hidden", true)
	now := a.readForm()
	if !portal.Equal(now, sent) {
		a.saveDraft(now, false)
		a.setText("save-msg", portal.UI("saved_newer", a.lang))
		a.updateNet(false)
		return
	}
	if merged || !portal.Equal(now, portal.StartupValues(rec)) {
		a.renderForm(portal.StartupValues(rec), nil) // the stored form (merged, normalised)
	}
	a.clearDraft()
	msg := portal.UI("saved", a.lang)
	if merged {
		msg = portal.UI("merged_saved", a.lang)
	}
	a.setText("save-msg", msg)
	a.updateNet(false)
}

func (a *app) renderConflict() {
	slot := a.byID("conflict-slot")
	if a.conflict == nil {
		slot.Set("innerHTML", "")
		return
	}
	html, err := a.r.RenderConflict(a.conflict, a.lang)
	if err != nil {
		a.setText("save-msg", err.Error())
		return
	}
	slot.Set("innerHTML", html)
	a.byID("conflict").Call("scrollIntoView")
}

// resolve applies the choices of the conflict panel to the merge and saves
// the result; every field both sides changed needs a choice.
func (a *app) resolve(ctx context.Context) {
	if a.conflict == nil {
		return
	}
	choice := map[string]string{}
	for _, ch := range a.conflict.Changes {
		el := a.doc.Call("querySelector", `input[name="keep-`+ch.Key+`"]:checked`)
		if el.Truthy() {
			choice[ch.Key] = el.Get("value").String()
		}
	}
	rec, err := a.conflict.Resolve(choice)
	if err != nil {
		a.setText("resolve-msg", portal.UI("choose_all", a.lang))
		return
	}
	a.base = a.conflict.Theirs
	a.conflict = nil
	a.renderConflict()
	v := portal.StartupValues(rec)
	a.renderForm(v, nil)
	a.saveDraft(v, true)
	go a.save(ctx)
}

// flush sends a pending draft (after the network returns).
func (a *app) flush(ctx context.Context) {
	if a.hasPending() && !a.saving && a.conflict == nil {
		a.save(ctx)
	}
}

func (a *app) retryLoop(ctx context.Context) {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for range t.C {
		if a.win.Get("navigator").Get("onLine").Bool() {
			a.flush(ctx)
			a.sendInterests(ctx)
		}
	}
}

func (a *app) showTab(tab string) {
	a.tab = tab
	for _, t := range []string{"profile", "themes", "meetings"} {
		a.byID("p-"+t).Set("hidden", t != tab)
		b := a.byID("tab-" + t)
		b.Get("classList").Call("toggle", "on", t == tab)
		b.Call("setAttribute", "aria-selected", fmt.Sprint(t == tab))
	}
	if tab == "themes" && a.fitsStale {
		a.renderThemes(context.Background())
	}
}

func (a *app) switchLang(l event.Lang) {
	if l == a.lang {
		return
	}
	v := a.readForm()
	a.lang = l
	a.client.Lang = l
	a.storage().Call("setItem", langKey, string(l))
	a.applyChrome()
	_, errs := portal.ParseValues(v, a.base)
	a.renderForm(v, nil)
	a.showErrors(errs, false)
	if a.conflict != nil {
		a.conflict = a.conflict.Relabel(l)
		a.renderConflict()
	}
	a.renderThemes(context.Background())
	a.renderMeetings()
	a.updateNet(a.hasPending())
}

func (a *app) loadThemes(ctx context.Context) {
	th, err := a.client.Themes(ctx)
	if err != nil {
		a.setHTMLText("themes-slot", portal.UI("error_load", a.lang)+": "+a.errText(err))
		return
	}
	in, err := a.client.Interests(ctx)
	if err != nil {
		a.setHTMLText("themes-slot", portal.UI("error_load", a.lang)+": "+a.errText(err))
		return
	}
	a.themes, a.interests = th, *in
	a.renderThemes(ctx)
	if len(a.wantInt) > 0 {
		go a.sendInterests(ctx)
	}
}

// putHTML puts rendered html into the element id, or the render error as
// text when there is one.
func (a *app) putHTML(id, html string, err error) {
	if err != nil {
		a.setHTMLText(id, err.Error())
		return
	}
	if el := a.byID(id); el.Truthy() {
		el.Set("innerHTML", html)
	}
}

func (a *app) setHTMLText(id, s string) {
	el := a.byID(id)
	el.Set("innerHTML", "")
	p := a.doc.Call("createElement", "p")
	p.Set("className", "error")
	p.Set("textContent", s)
	el.Call("appendChild", p)
}

// renderThemes recomputes the fit of the profile as currently edited.
func (a *app) renderThemes(ctx context.Context) {
	if a.themes == nil || a.base == nil {
		return
	}
	s, _ := portal.ParseValues(a.readForm(), a.base)
	fits, err := portal.Fits(ctx, a.themes, s, a.shownInterests(), a.lang)
	if err != nil {
		a.setHTMLText("themes-slot", err.Error())
		return
	}
	unsaved := map[string]bool{}
	for th := range a.wantInt {
		unsaved[th] = true
	}
	html, err := a.r.RenderThemes(fits, unsaved, a.lang)
	if err != nil {
		a.setHTMLText("themes-slot", err.Error())
		return
	}
	a.byID("themes-slot").Set("innerHTML", html)
	a.fitsStale = false
}

// shownInterests are the confirmed statements with the changes asked for
// and not confirmed yet laid over them.
func (a *app) shownInterests() api.Interests {
	out := api.Interests{Apply: slices.Clone(a.interests.Apply), NoThanks: slices.Clone(a.interests.NoThanks)}
	for th, state := range a.wantInt {
		out = withState(out, th, state)
	}
	return out
}

func withState(in api.Interests, th, state string) api.Interests {
	drop := func(id string) bool { return id == th }
	in.Apply = slices.DeleteFunc(in.Apply, drop)
	in.NoThanks = slices.DeleteFunc(in.NoThanks, drop)
	switch state {
	case api.InterestApply:
		in.Apply = append(in.Apply, th)
	case api.InterestNoThanks:
		in.NoThanks = append(in.NoThanks, th)
	}
	return in
}

func stateOf(in api.Interests, th string) string {
	switch {
	case slices.Contains(in.Apply, th):
		return api.InterestApply
	case slices.Contains(in.NoThanks, th):
		return api.InterestNoThanks
	}
	return api.InterestNone
}

// toggleInterest records the change at once (kept in the draft, marked
// unsaved) and sends it; each theme is its own request, so ticks in quick
// succession or in two tabs never erase each other.
func (a *app) toggleInterest(ctx context.Context, themeID string, on bool) {
	state := api.InterestNone
	if on {
		state = api.InterestApply
	}
	a.wantInt[themeID] = state
	a.saveDraft(a.readForm(), a.hasPending())
	a.showInterestStatus()
	a.renderThemes(ctx)
	a.sendInterests(ctx)
}

// sendInterests sends every asked-for change that has no request in
// flight; one theme has at most one request at a time, and a change made
// meanwhile is sent when it returns.
func (a *app) sendInterests(ctx context.Context) {
	for th, state := range a.wantInt {
		if _, busy := a.sendInt[th]; busy {
			continue
		}
		a.sendInt[th] = state
		go a.sendInterest(ctx, th, state)
	}
}

func (a *app) sendInterest(ctx context.Context, th, state string) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	saved, err := a.client.SetInterest(cctx, th, state)
	cancel()
	delete(a.sendInt, th)
	switch {
	case err == nil:
		// Take this theme's state from the answer; the answer's other
		// themes may predate requests still in flight.
		a.interests = withState(a.interests, th, stateOf(*saved, th))
		if a.wantInt[th] == state {
			delete(a.wantInt, th)
		}
	case errors.Is(err, portal.ErrOffline):
		a.setText("net", portal.UI("offline", a.lang))
		return // kept in wantInt and the draft; sent when the network returns
	default:
		delete(a.wantInt, th) // refused: show what is stored
		a.saveDraft(a.readForm(), a.hasPending())
		a.renderThemes(ctx)
		a.setText("net", a.errText(err))
		return
	}
	a.saveDraft(a.readForm(), a.hasPending())
	if len(a.wantInt) == 0 && a.server != nil && portal.Equal(a.readForm(), portal.StartupValues(a.server)) && !a.saving {
		a.clearDraft()
	}
	a.renderThemes(ctx)
	a.showInterestStatus()
	if _, again := a.wantInt[th]; again {
		a.sendInterests(ctx)
	}
}

func (a *app) showInterestStatus() {
	if len(a.wantInt) > 0 {
		a.setText("net", portal.UI("interests_saving", a.lang))
		return
	}
	a.setText("net", portal.UI("interests_saved", a.lang))
}

func (a *app) loadMeetings(ctx context.Context) {
	m, err := a.client.Meetings(ctx)
	if err != nil {
		a.setHTMLText("meetings-slot", portal.UI("error_load", a.lang)+": "+a.errText(err))
		return
	}
	a.meetings = m
	a.renderMeetings()
}

func (a *app) renderMeetings() {
	if a.meetings == nil {
		return
	}
	html, err := a.r.RenderMeetings(portal.MeetingRows(a.meetings, a.lang), a.lang)
	if err != nil {
		a.setHTMLText("meetings-slot", err.Error())
		return
	}
	a.byID("meetings-slot").Set("innerHTML", html)
}

// downloadICS fetches the calendar with the token header and hands it to
// the browser as a file download.
func (a *app) downloadICS(ctx context.Context) {
	status, body, err := a.fetch(ctx, "GET", api.PathMeetingsICS+"?lang="+string(a.lang), nil)
	if err != nil || status != 200 {
		msg := portal.UI("offline", a.lang)
		if err == nil {
			msg = api.DecodeError(status, body).Message
		}
		a.setText("net", msg)
		return
	}
	blob := a.win.Get("Blob").New([]any{string(body)}, map[string]any{"type": "text/calendar;charset=utf-8"})
	url := a.win.Get("URL").Call("createObjectURL", blob)
	link := a.doc.Call("createElement", "a")
	link.Set("href", url)
	id := "portal"
	if a.base != nil {
		id = a.base.ID
	}
	link.Set("download", "pitchmatch-"+id+".ics")
	a.doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	go func() {
		time.Sleep(30 * time.Second)
		a.win.Get("URL").Call("revokeObjectURL", url)
	}()
}

// fetch is the portal's Transport: window.fetch with the bearer token.
func (a *app) fetch(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	return a.fetchAs(ctx, method, path, "application/json", body)
}

// fetchAs sends body (when not nil) as contentType and returns the answer's
// bytes as they came (a JSON body, a calendar, a PDF).
func (a *app) fetchAs(ctx context.Context, method, path, contentType string, body []byte) (int, []byte, error) {
	headers := map[string]any{"Authorization": "Bearer " + a.token, "Accept": "application/json"}
	opts := map[string]any{"method": method, "headers": headers, "cache": "no-store", "credentials": "omit"}
	if body != nil {
		headers["Content-Type"] = contentType
		if contentType == "application/json" {
			opts["body"] = string(body)
		} else {
			u8 := js.Global().Get("Uint8Array").New(len(body))
			js.CopyBytesToJS(u8, body)
			opts["body"] = u8
		}
	}
	ctrl := a.win.Get("AbortController").New()
	opts["signal"] = ctrl.Get("signal")
	stop := context.AfterFunc(ctx, func() { ctrl.Call("abort") })
	defer stop()
	resp, err := await(a.win.Call("fetch", path, opts))
	if err != nil {
		return 0, nil, err
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return 0, nil, err
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	out := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(out, u8)
	return resp.Get("status").Int(), out, nil
}

// await blocks the calling goroutine (never the JS event loop) until the
// promise settles.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "request failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then).Call("catch", catch)
	r := <-ch
	return r.v, r.err
}
