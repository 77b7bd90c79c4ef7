//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/wasm/portal"
)

// online is the part of the portal for both sides online (issue 15): the
// event header on every page; for startups the requests, meeting steps,
// outcomes and the availability grid; for scouts the whole scout portal.
type online struct {
	a     *app
	or    *portal.OnlineRenderer
	info  *api.EventInfo
	scout bool

	// scout state
	themes  []*event.Theme
	theme   string
	query   portal.RankQuery
	page    *api.RankingPage
	typing  int
	panels  []string
	current string
	// availBase is the availability as last read from the server: a save
	// sends it as the base, so only the slots changed here are written.
	availBase []int
	// pg is the programme part (wasm/main/programme.go).
	pg *progView
}

// startOnline reads the event info (and so the token's role). For a scout
// it runs the scout portal and reports true; for a startup it adds the
// startup's online panels after the main portal is wired.
func (a *app) startOnline(ctx context.Context) (*online, bool) {
	or, err := portal.NewOnlineRenderer()
	if err != nil {
		a.fatal(err.Error())
		return nil, true
	}
	o := &online{a: a, or: or}
	var info api.EventInfo
	if err := a.client.Get(ctx, api.PathEventInfo, &info); err != nil {
		return o, false // the startup path reports load errors itself
	}
	o.info = &info
	o.loadProgramme(ctx)
	if info.Role == "judge" {
		o.runJudge(ctx)
		return o, true
	}
	if info.Role == "scout" {
		o.scout = true
		o.runScout(ctx)
		return o, true
	}
	return o, false
}

func (o *online) render(id, name string, data any) {
	html, err := o.or.Render(name, data, o.a.lang)
	o.a.putHTML(id, html, err)
}

func (o *online) header() {
	if o.info == nil {
		return
	}
	el := o.a.byID("evhead")
	if !el.Truthy() {
		el = o.a.doc.Call("createElement", "div")
		el.Set("id", "evhead")
		tabs := o.a.byID("tabs")
		tabs.Get("parentNode").Call("insertBefore", el, tabs)
	}
	o.render("evhead", "header", portal.Header(o.info, o.a.lang))
	o.banner()
}

// addTab adds a tab button and its panel.
func (o *online) addTab(name, label string) {
	tabs := o.a.byID("tabs")
	b := o.a.doc.Call("createElement", "button")
	b.Set("type", "button")
	b.Set("id", "tab-"+name)
	b.Call("setAttribute", "data-tab", name)
	b.Set("textContent", label)
	tabs.Call("appendChild", b)
	sec := o.a.doc.Call("createElement", "section")
	sec.Set("id", "p-"+name)
	sec.Set("className", "panel")
	sec.Set("hidden", true)
	slot := o.a.doc.Call("createElement", "div")
	slot.Set("id", name+"-slot")
	sec.Call("appendChild", slot)
	o.a.byID("app").Call("appendChild", sec)
	o.panels = append(o.panels, name)
}

// showPanel shows one of the online panels (the main portal's own panels
// are hidden by its showTab when another tab is chosen).
func (o *online) showPanel(name string) {
	o.current = name
	for _, p := range o.panels {
		o.a.byID("p-"+p).Set("hidden", p != name)
		b := o.a.byID("tab-" + p)
		b.Get("classList").Call("toggle", "on", p == name)
	}
}

func (o *online) say(msg string) { o.a.setText("net", msg) }

func (o *online) failed(err error) { o.say(o.a.errText(err)) }

// ---- startup ----

// startupPanels adds the requests, the meetings with their steps and the
// availability grid to the startup portal.
func (o *online) startupPanels(ctx context.Context) {
	o.header()
	o.addTab("requests", portal.OUI("tab_requests", o.a.lang))
	o.addTab("schedule", portal.OUI("tab_schedule", o.a.lang))
	o.addTab("availability", portal.OUI("tab_availability", o.a.lang))
	if o.pg.active() {
		o.addTab("apply", portal.OUI("tab_apply", o.a.lang))
		o.addTab("sessions", portal.OUI("tab_sessions", o.a.lang))
	}
	o.a.listen(o.a.byID("tabs"), "click", func(ev js.Value) {
		tab := ev.Get("target").Call("getAttribute", "data-tab")
		if tab.IsNull() {
			return
		}
		name := tab.String()
		for _, p := range o.panels {
			if p == name {
				o.showPanel(name)
				for _, t := range []string{"profile", "themes", "meetings"} {
					o.a.byID("p-"+t).Set("hidden", true)
					o.a.byID("tab-"+t).Get("classList").Call("remove", "on")
				}
				go o.refresh(ctx, name)
				return
			}
		}
		o.showPanel("")
	})
	for _, p := range o.panels {
		o.a.listen(o.a.byID(p+"-slot"), "click", func(ev js.Value) { o.click(ctx, ev) })
	}
	o.a.listen(o.a.byID("lang"), "change", func(js.Value) {
		// The main portal switched a.lang; follow it, and tell the server
		// (the language of the startup's notifications).
		go o.a.client.Do(ctx, "PUT", api.PathLang, api.LangBody{Lang: o.a.lang}, nil)
		o.header()
		for _, p := range o.panels {
			o.a.setText("tab-"+p, portal.OUI("tab_"+p, o.a.lang))
			go o.refresh(ctx, p)
		}
	})
	go o.refresh(ctx, "requests")
	go o.refresh(ctx, "schedule")
	go o.refresh(ctx, "availability")
	if o.pg.active() {
		go o.refresh(ctx, "apply")
	}
	o.a.doc.Get("body").Get("dataset").Set("online", "1")
}

func (o *online) refresh(ctx context.Context, panel string) {
	lang := o.a.lang
	switch panel {
	case "requests":
		var rs api.Requests
		if err := o.a.client.Get(ctx, api.PathMyRequests, &rs); err != nil {
			o.failed(err)
			return
		}
		o.render("requests-slot", "requests", portal.RequestViews(rs.Requests, lang))
	case "schedule":
		path := api.PathMyMeetingsDetail
		if o.scout {
			path = api.PathScoutMeetings
		}
		var ms api.OnlineMeetings
		if err := o.a.client.Get(ctx, path, &ms); err != nil {
			o.failed(err)
			return
		}
		o.render("schedule-slot", "omeetings", portal.OnlineMeetingViews(ms.Meetings, o.event(), o.scout, lang))
	case "availability":
		path := api.PathMyAvailability
		if o.scout {
			path = api.PathScoutAvailability
		}
		var av api.AvailabilityBody
		if err := o.a.client.Get(ctx, path, &av); err != nil {
			o.failed(err)
			return
		}
		o.availBase = av.Unavailable
		o.render("availability-slot", "availability", portal.AvailabilityGrid(o.info, av.Unavailable, lang))
	case "applications":
		var as api.Applications
		if err := o.a.client.Get(ctx, api.PathScoutApplications, &as); err != nil {
			o.failed(err)
			return
		}
		o.render("applications-slot", "applications", portal.Applications(as.Applications, lang))
	case "ranking":
		o.loadRanking(ctx)
	default:
		o.refreshProgramme(ctx, panel)
	}
}

func (o *online) event() *event.Event {
	if o.info == nil {
		return &event.Event{}
	}
	return &event.Event{TimeZone: o.info.TimeZone}
}

// click handles the buttons of every online panel by their data-act.
func (o *online) click(ctx context.Context, ev js.Value) {
	t := ev.Get("target")
	act := t.Call("getAttribute", "data-act")
	if act.IsNull() || t.Get("type").String() == "checkbox" {
		return
	}
	id := t.Call("getAttribute", "data-id")
	idStr := ""
	if !id.IsNull() {
		idStr = id.String()
	}
	attr := func(name string) string {
		v := t.Call("getAttribute", name)
		if v.IsNull() {
			return ""
		}
		return v.String()
	}
	t.Set("disabled", true)
	go func() {
		defer t.Set("disabled", false)
		var err error
		switch act.String() {
		case "request":
			var rs api.Requests
			err = o.a.client.Do(ctx, "POST", portal.IDPath(api.PathMyRequestAnswer, idStr), api.Answer{Answer: attr("data-answer")}, &rs)
			if err == nil {
				o.render("requests-slot", "requests", portal.RequestViews(rs.Requests, o.a.lang))
			}
		case "app":
			var as api.Applications
			err = o.a.client.Do(ctx, "POST", portal.IDPath(api.PathScoutApplicationAnswer, idStr), api.Answer{Answer: attr("data-answer")}, &as)
			if err == nil {
				o.render("applications-slot", "applications", portal.Applications(as.Applications, o.a.lang))
			}
		case "step":
			path := api.PathMyMeetingAction
			if o.scout {
				path = api.PathScoutMeetingAction
			}
			var ms api.OnlineMeetings
			err = o.a.client.Do(ctx, "POST", portal.IDPath(path, idStr), api.MeetingStepBody{Action: event.MeetingAction(attr("data-step"))}, &ms)
			if err == nil {
				o.render("schedule-slot", "omeetings", portal.OnlineMeetingViews(ms.Meetings, o.event(), o.scout, o.a.lang))
			}
		case "outcome":
			path := api.PathMyMeetingOutcome
			if o.scout {
				path = api.PathScoutMeetingOutcome
			}
			body := api.OutcomeBody{Outcome: event.Outcome(o.a.byID("oc-" + idStr).Get("value").String()), Note: o.a.byID("on-" + idStr).Get("value").String()}
			var ms api.OnlineMeetings
			err = o.a.client.Do(ctx, "PUT", portal.IDPath(path, idStr), body, &ms)
			if err == nil {
				o.render("schedule-slot", "omeetings", portal.OnlineMeetingViews(ms.Meetings, o.event(), o.scout, o.a.lang))
				o.say(portal.OUI("saved", o.a.lang))
			}
		case "avail":
			var slots []int
			boxes := o.a.doc.Call("querySelectorAll", "#avail input[name=slot]")
			for i, n := 0, boxes.Get("length").Int(); i < n; i++ {
				if b := boxes.Index(i); b.Get("checked").Bool() {
					k, _ := strconv.Atoi(b.Get("value").String())
					slots = append(slots, k)
				}
			}
			if slots == nil {
				slots = []int{}
			}
			path := api.PathMyAvailability
			if o.scout {
				path = api.PathScoutAvailability
			}
			var av api.AvailabilityBody
			base := o.availBase
			if base == nil {
				base = []int{}
			}
			err = o.a.client.Do(ctx, "PUT", path, api.AvailabilityBody{Unavailable: slots, Base: base}, &av)
			if err == nil {
				o.availBase = av.Unavailable
				o.render("availability-slot", "availability", portal.AvailabilityGrid(o.info, av.Unavailable, o.a.lang))
				o.a.setText("avail-msg", portal.OUI("saved", o.a.lang))
			}
		case "ics":
			err = o.downloadICS(ctx)
		case "page":
			d, _ := strconv.Atoi(attr("data-dir"))
			o.query.Page = max(1, o.query.Page+d)
			o.loadRanking(ctx)
		default:
			err = o.clickProgramme(ctx, act.String(), idStr)
		case "note":
			var nb api.NoteBody
			err = o.a.client.Do(ctx, "PUT", portal.IDPath(api.PathScoutNote, idStr), api.NoteBody{Note: o.a.byID("note-" + idStr).Get("value").String()}, &nb)
			if err == nil {
				o.a.setText("note-msg-"+idStr, portal.OUI("saved", o.a.lang))
			}
		}
		if err != nil {
			o.failed(err)
		}
	}()
}

func (o *online) downloadICS(ctx context.Context) error {
	path := api.PathScoutMeetingsICS
	name := "company"
	if !o.scout {
		path, name = api.PathMeetingsICS, "startup"
	}
	status, body, err := o.a.fetch(ctx, "GET", path+"?lang="+string(o.a.lang), nil)
	if err != nil {
		return portal.ErrOffline
	}
	if status != 200 {
		return api.DecodeError(status, body)
	}
	blob := o.a.win.Get("Blob").New([]any{string(body)}, map[string]any{"type": "text/calendar;charset=utf-8"})
	url := o.a.win.Get("URL").Call("createObjectURL", blob)
	link := o.a.doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", "pitchmatch-"+name+".ics")
	o.a.doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	return nil
}

// ---- scout ----

func (o *online) runScout(ctx context.Context) {
	a := o.a
	var me api.ScoutMe
	if err := a.client.Get(ctx, api.PathScoutMe, &me); err != nil {
		a.fatal(portal.UI("error_load", a.lang) + ": " + a.errText(err))
		return
	}
	o.themes = me.Themes
	if len(o.themes) > 0 {
		o.theme = o.themes[0].ID
	}
	a.doc.Set("title", "PitchMatch "+portal.OUI("scout_of", a.lang))
	a.byID("app").Set("innerHTML", "")
	tabs := a.byID("tabs")
	tabs.Set("innerHTML", "")
	tabs.Set("hidden", false)
	o.header()
	o.addTab("ranking", portal.OUI("tab_ranking", a.lang))
	o.addTab("applications", portal.OUI("tab_applications", a.lang))
	o.addTab("schedule", portal.OUI("tab_schedule", a.lang))
	o.addTab("availability", portal.OUI("tab_availability", a.lang))
	if o.pg.active() {
		o.addTab("screening", portal.OUI("tab_screening", a.lang))
		o.addTab("sessions", portal.OUI("tab_sessions", a.lang))
	}
	o.render("ranking-slot", "rankctl", portal.NewRankControls(o.themes, o.theme, a.lang))
	o.showPanel("ranking")
	a.listen(tabs, "click", func(ev js.Value) {
		if tab := ev.Get("target").Call("getAttribute", "data-tab"); !tab.IsNull() {
			o.showPanel(tab.String())
			go o.refresh(ctx, tab.String())
		}
	})
	for _, p := range o.panels {
		a.listen(a.byID(p+"-slot"), "click", func(ev js.Value) { o.click(ctx, ev) })
	}
	a.listen(a.byID("ranking-slot"), "change", func(ev js.Value) {
		t := ev.Get("target")
		switch t.Get("id").String() {
		case "rk-theme":
			o.theme = t.Get("value").String()
			o.query.Page = 1
			go o.loadRanking(ctx)
		case "rk-area":
			o.query.Area, o.query.Page = t.Get("value").String(), 1
			go o.loadRanking(ctx)
		case "rk-only":
			o.query.Only, o.query.Page = t.Get("value").String(), 1
			go o.loadRanking(ctx)
		}
		if t.Call("getAttribute", "data-act").String() == "mark" {
			go o.mark(ctx, t)
		}
	})
	a.listen(a.byID("ranking-slot"), "input", func(ev js.Value) {
		t := ev.Get("target")
		if t.Get("id").String() != "rk-q" || ev.Get("isComposing").Truthy() {
			return
		}
		o.typing++
		n := o.typing
		q := t.Get("value").String()
		go func() {
			time.Sleep(200 * time.Millisecond) // type-ahead: wait for a pause
			if n != o.typing {
				return
			}
			o.query.Text, o.query.Page = strings.TrimSpace(q), 1
			o.loadRanking(ctx)
		}()
	})
	a.listen(a.byID("lang"), "change", func(ev js.Value) {
		a.lang = event.ParseLang(ev.Get("target").Get("value").String())
		a.client.Lang = a.lang
		a.storage().Call("setItem", langKey, string(a.lang))
		a.applyChrome()
		o.header()
		go a.client.Do(ctx, "PUT", api.PathLang, api.LangBody{Lang: a.lang}, nil)
		go o.refresh(ctx, o.current)
	})
	a.byID("app").Call("setAttribute", "aria-busy", "false")
	o.loadRanking(ctx)
	a.doc.Get("body").Get("dataset").Set("ready", "1")
	a.doc.Get("body").Get("dataset").Set("role", "scout")
}

func (o *online) loadRanking(ctx context.Context) {
	if o.theme == "" {
		return
	}
	var p api.RankingPage
	if err := o.a.client.Get(ctx, portal.RankingPath(o.theme, o.query), &p); err != nil {
		o.failed(err)
		return
	}
	o.page = &p
	o.render("rk-slot", "ranking", portal.Ranking(&p, o.a.lang))
}

// mark sets or undoes a mark from its checkbox; on failure the box goes
// back to what the server has.
func (o *online) mark(ctx context.Context, box js.Value) {
	kind := box.Call("getAttribute", "data-kind").String()
	sid := box.Call("getAttribute", "data-id").String()
	on := box.Get("checked").Bool()
	path := strings.Replace(strings.Replace(api.PathScoutMark, "{id}", sid, 1), "{kind}", kind, 1)
	var err error
	if on {
		err = o.a.client.Do(ctx, "PUT", path, api.MarkBody{ThemeID: o.theme}, nil)
	} else {
		err = o.a.client.Do(ctx, "DELETE", path+"?theme="+o.theme, nil, nil)
	}
	if err != nil {
		box.Set("checked", !on)
		o.failed(err)
		return
	}
	o.say(fmt.Sprintf("%s: %s", sid, portal.OUI("saved", o.a.lang)))
}

func isForbidden(err error) bool {
	var ae *api.Error
	return errors.As(err, &ae) && ae.Status == 403
}

// startupOnline adds the online panels to the startup portal.
func (a *app) startupOnline(ctx context.Context) {
	o, scout := a.startOnline(ctx)
	if scout || o == nil || o.info == nil {
		return
	}
	o.startupPanels(ctx)
}
