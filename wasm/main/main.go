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
	"strings"
	"syscall/js"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/wasm/portal"
)

const (
	tokenKey = "pitchmatch.token"
	langKey  = "pitchmatch.lang"
)

type app struct {
	win, doc js.Value
	r        *portal.Renderer
	client   *portal.Client
	token    string
	lang     event.Lang

	server    *event.Startup // the last record the server returned
	base      *event.Startup // the record the form's edits start from (ID, Version)
	touched   map[string]bool
	themes    *api.Themes
	interests api.Interests
	meetings  *api.Meetings
	conflict  *portal.Conflict
	fitsStale bool
	saving    bool
	tab       string
	funcs     []js.Func // event listeners, kept for the page's lifetime
}

func main() {
	a := &app{win: js.Global(), doc: js.Global().Get("document"), touched: map[string]bool{}, tab: "profile"}
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

// takeToken reads the token from the URL fragment (#t=...) into session
// storage and removes it from the address bar and history.
func (a *app) takeToken() string {
	loc := a.win.Get("location")
	hash := strings.TrimPrefix(loc.Get("hash").String(), "#")
	if t := portal.TokenFromFragment(hash); t != "" {
		a.win.Get("sessionStorage").Call("setItem", tokenKey, t)
		a.win.Get("history").Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String())
		return t
	}
	v := a.win.Get("sessionStorage").Call("getItem", tokenKey)
	if v.IsNull() || v.IsUndefined() {
		return ""
	}
	return v.String()
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
}

func (a *app) layout() {
	a.byID("app").Set("innerHTML", `<section id="p-profile" class="panel"><div id="restored" class="note" hidden></div><div id="conflict-slot"></div><div id="form-slot"></div></section>`+
		`<section id="p-themes" class="panel" hidden><div id="themes-slot"></div></section>`+
		`<section id="p-meetings" class="panel" hidden><div id="meetings-slot"></div></section>`)
	a.byID("tabs").Set("hidden", false)
}

func (a *app) storage() js.Value { return a.win.Get("localStorage") }

func (a *app) loadDraft(id string) *portal.Draft {
	v := a.storage().Call("getItem", portal.DraftKey(id))
	if v.IsNull() {
		return nil
	}
	d, err := portal.DecodeDraft(v.String(), id)
	if err != nil {
		return nil
	}
	return &d
}

func (a *app) saveDraft(v portal.Values, pending bool) {
	if a.base == nil {
		return
	}
	s, err := portal.EncodeDraft(portal.Draft{StartupID: a.base.ID, BaseVersion: a.base.Version, Values: v, Pending: pending, SavedAt: time.Now()})
	if err == nil {
		a.storage().Call("setItem", portal.DraftKey(a.base.ID), s)
	}
}

func (a *app) clearDraft() {
	if a.base != nil {
		a.storage().Call("removeItem", portal.DraftKey(a.base.ID))
	}
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
	d := a.loadDraft(me.ID)
	values, base, restored := portal.Restore(me, d)
	a.base = base
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
	})
	a.listen(a.win, "offline", func(js.Value) { a.updateNet(true) })
}

// edited runs after each change of the form: validate inline, keep the
// draft, and mark the fit preview for recomputation.
func (a *app) edited() {
	v := a.readForm()
	_, errs := portal.ParseValues(v, a.base)
	a.showErrors(errs, false)
	pending := a.hasPending()
	if a.server != nil && portal.Equal(v, portal.StartupValues(a.server)) && a.base.Version == a.server.Version {
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
		if len(errs) > 0 {
			if el := a.byID("w-" + portal.SlotOf(errs[0].Field)); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "center"})
			}
		}
		return
	}
	a.saving = true
	defer func() { a.saving = false }()
	a.saveDraft(v, true)
	a.setText("save-msg", portal.UI("saving", a.lang))
	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	saved, current, err := a.client.SaveMe(cctx, s)
	var ae *api.Error
	switch {
	case err == nil:
		a.server, a.base = saved, saved
		a.clearDraft()
		a.setText("sver", fmt.Sprint(saved.Version))
		a.setText("save-msg", portal.UI("saved", a.lang))
		a.byID("restored").Set("hidden", true)
		a.updateNet(false)
	case errors.Is(err, portal.ErrOffline):
		a.setText("save-msg", portal.UI("offline", a.lang))
		a.updateNet(true)
	case current != nil:
		a.server = current
		a.saveDraft(v, false) // keep mine until the user has chosen
		a.conflict = portal.NewConflict(v, current, a.lang)
		a.renderConflict()
		a.setText("save-msg", portal.UI("conflict_title", a.lang))
		a.updateNet(false)
	case errors.As(err, &ae) && len(ae.Errors) > 0:
		a.saveDraft(v, false)
		a.showErrors(ae.Errors, true)
		a.setText("save-msg", ae.Message)
	default:
		a.saveDraft(v, false)
		a.setText("save-msg", a.errText(err))
	}
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

// resolve merges the choices of the conflict panel and saves the result.
func (a *app) resolve(ctx context.Context) {
	if a.conflict == nil {
		return
	}
	keep := map[string]bool{}
	for _, ch := range a.conflict.Changes {
		el := a.doc.Call("querySelector", `input[name="keep-`+ch.Key+`"]:checked`)
		keep[ch.Key] = !el.Truthy() || el.Get("value").String() == "mine"
	}
	v, base := a.conflict.Merge(keep)
	a.conflict = nil
	a.base = base
	a.renderConflict()
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
		a.conflict = portal.NewConflict(a.conflict.Mine, a.conflict.Theirs, l)
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
	fits, err := portal.Fits(ctx, a.themes, s, a.interests, a.lang)
	if err != nil {
		a.setHTMLText("themes-slot", err.Error())
		return
	}
	html, err := a.r.RenderThemes(fits, a.lang)
	if err != nil {
		a.setHTMLText("themes-slot", err.Error())
		return
	}
	a.byID("themes-slot").Set("innerHTML", html)
	a.fitsStale = false
}

func (a *app) toggleInterest(ctx context.Context, themeID string, on bool) {
	state := api.InterestNone
	if on {
		state = api.InterestApply
	}
	saved, err := a.client.SetInterest(ctx, themeID, state)
	if err != nil {
		if cb := a.byID("int-" + themeID); cb.Truthy() {
			cb.Set("checked", !on)
		}
		a.setText("net", a.errText(err))
		return
	}
	a.interests = *saved
	a.renderThemes(ctx)
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
	headers := map[string]any{"Authorization": "Bearer " + a.token, "Accept": "application/json"}
	opts := map[string]any{"method": method, "headers": headers, "cache": "no-store", "credentials": "omit"}
	if body != nil {
		headers["Content-Type"] = "application/json"
		opts["body"] = string(body)
	}
	ctrl := a.win.Get("AbortController").New()
	opts["signal"] = ctrl.Get("signal")
	stop := context.AfterFunc(ctx, func() { ctrl.Call("abort") })
	defer stop()
	resp, err := await(a.win.Call("fetch", path, opts))
	if err != nil {
		return 0, nil, err
	}
	text, err := await(resp.Call("text"))
	if err != nil {
		return 0, nil, err
	}
	return resp.Get("status").Int(), []byte(text.String()), nil
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
