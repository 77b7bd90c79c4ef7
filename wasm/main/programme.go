//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall/js"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/wasm/portal"
)

// progView is the programme part of the portal (issue 19): the "open now"
// banner under the event header for every role, the startup's application
// tab, the scouts' screening tab and the judges' portal.
type progView struct {
	r         *portal.ProgrammeRenderer
	info      *api.ProgrammeInfo
	apply     *api.MyApplications
	screening *api.Screening
	judge     *api.JudgeMe
	// applyWired is set once the application form's listener is added.
	applyWired bool
}

// active reports whether the event runs a programme.
func (pg *progView) active() bool { return pg != nil && pg.info != nil && pg.info.Active }

// loadProgramme reads what is open now; without a programme (or on an
// error) the portal shows no programme parts.
func (o *online) loadProgramme(ctx context.Context) {
	r, err := portal.NewProgrammeRenderer()
	if err != nil {
		o.failed(err)
		return
	}
	o.pg = &progView{r: r}
	var info api.ProgrammeInfo
	if err := o.a.client.Get(ctx, api.PathProgramme, &info); err != nil {
		return
	}
	o.pg.info = &info
}

func (o *online) tz() string {
	if o.info != nil {
		return o.info.TimeZone
	}
	return ""
}

// prender renders a programme template into the element id.
func (o *online) prender(id, name string, v any) {
	html, err := o.pg.r.Render(name, v)
	o.a.putHTML(id, html, err)
}

// banner shows what is open now under the event header.
func (o *online) banner() {
	if !o.pg.active() {
		return
	}
	el := o.a.byID("pg-banner-slot")
	if !el.Truthy() {
		head := o.a.byID("evhead")
		if !head.Truthy() {
			return
		}
		el = o.a.doc.Call("createElement", "div")
		el.Set("id", "pg-banner-slot")
		head.Get("parentNode").Call("insertBefore", el, head.Get("nextSibling"))
	}
	o.prender("pg-banner-slot", "banner", portal.Banner(o.pg.info, o.a.lang))
}

// refreshProgramme reloads a programme panel.
func (o *online) refreshProgramme(ctx context.Context, panel string) {
	if !o.pg.active() {
		return
	}
	switch panel {
	case "apply":
		var m api.MyApplications
		if err := o.a.client.Get(ctx, api.PathMyApplications, &m); err != nil {
			o.failed(err)
			return
		}
		o.showApply(&m, "")
	case "screening":
		var sc api.Screening
		if err := o.a.client.Get(ctx, api.PathScoutScreening, &sc); err != nil {
			o.failed(err)
			return
		}
		o.showScreening(&sc)
	case "sessions":
		path := api.PathMySessions
		if o.scout {
			path = api.PathScoutSessions
		}
		var l api.Sessions
		if err := o.a.client.Get(ctx, path, &l); err != nil {
			o.failed(err)
			return
		}
		o.prender("sessions-slot", "sessions", portal.Sessions(l.Sessions, o.tz(), o.scout, o.a.lang))
		o.a.byID("sessions-slot").Call("setAttribute", "data-loaded", "1")
	case "judging":
		var me api.JudgeMe
		if err := o.a.client.Get(ctx, api.PathJudgeMe, &me); err != nil {
			o.failed(err)
			return
		}
		o.showJudging(&me)
	}
}

func (o *online) showApply(m *api.MyApplications, chosen string) {
	o.pg.apply = m
	o.prender("apply-slot", "apply", portal.Apply(m, o.tz(), chosen, o.a.lang))
	slot := o.a.byID("apply-slot")
	slot.Call("setAttribute", "data-loaded", "1")
	if !o.pg.applyWired {
		o.pg.applyWired = true
		o.a.listen(slot, "change", func(ev js.Value) {
			if t := ev.Get("target"); t.Get("id").String() == "ap-theme" {
				o.themeChosen(t.Get("value").String())
			}
		})
	}
}

// themeChosen starts the form from the stored proposal when the startup
// picks a theme it already applied to, and says what sending again does.
func (o *online) themeChosen(theme string) {
	if o.pg.apply == nil {
		return
	}
	p, _, decided, ok := portal.ProposalFor(o.pg.apply, theme)
	note := ""
	if ok {
		o.a.byID("ap-ja").Set("value", p.Ja)
		o.a.byID("ap-en").Set("value", p.En)
		note = portal.PUI("reapply", o.a.lang)
		if decided {
			note = portal.PUI("decided", o.a.lang)
		}
	}
	o.a.setText("ap-msg", note)
	o.a.byID("ap-msg").Get("classList").Call("toggle", "error", decided)
}

func (o *online) showScreening(sc *api.Screening) {
	o.pg.screening = sc
	o.prender("screening-slot", "screening", portal.Screening(sc, o.tz(), o.a.lang))
	o.a.byID("screening-slot").Call("setAttribute", "data-loaded", "1")
}

func (o *online) showJudging(me *api.JudgeMe) {
	o.pg.judge = me
	o.prender("judging-slot", "judging", portal.Judging(me, o.tz(), o.a.lang))
	o.a.byID("judging-slot").Call("setAttribute", "data-loaded", "1")
}

func (o *online) value(id string) string {
	if el := o.a.byID(id); el.Truthy() {
		return el.Get("value").String()
	}
	return ""
}

// clickProgramme handles the programme panels' buttons.
func (o *online) clickProgramme(ctx context.Context, act, id string) error {
	lang := o.a.lang
	switch act {
	case "pg-apply":
		return o.submitApplication(ctx)
	case "pg-deck":
		return o.downloadDeck(ctx, id)
	case "pg-ics":
		path, name := api.PathMySessionsICS, "pitchmatch-sessions.ics"
		if o.scout {
			path = api.PathScoutSessionsICS
		}
		return o.download(ctx, path, name, "text/calendar;charset=utf-8")
	case "pg-score":
		if o.pg.screening == nil {
			return nil
		}
		body := api.ScoreBody{Scores: portal.ReadScores(&o.pg.screening.Rubric, func(c string) string { return o.value("sc-" + id + "-" + c) }),
			Comment: o.value("sc-comment-" + id)}
		var sc api.Screening
		if err := o.a.client.Do(ctx, "PUT", portal.IDPath(api.PathScoutScreen, id), body, &sc); err != nil {
			o.a.setText("sa-msg-"+id, o.a.errText(err))
			return err
		}
		o.showScreening(&sc)
		o.a.setText("sa-msg-"+id, portal.PUI("saved", lang))
	case "pg-decide":
		var version int64
		fmt.Sscan(o.a.byID("sa-"+id).Call("getAttribute", "data-version").String(), &version)
		body := api.DecisionBody{Decision: event.Decision(o.value("dc-" + id)), Message: event.T(o.value("dm-ja-"+id), o.value("dm-en-"+id)), Version: version}
		var sc api.Screening
		if err := o.a.client.Do(ctx, "PUT", portal.IDPath(api.PathScoutDecision, id), body, &sc); err != nil {
			o.a.setText("sd-msg-"+id, o.a.errText(err))
			return err
		}
		o.showScreening(&sc)
		o.a.setText("sd-msg-"+id, portal.PUI("saved", lang))
	case "pg-pitch":
		if o.pg.judge == nil {
			return nil
		}
		body := api.ScoreBody{Scores: portal.ReadScores(&o.pg.judge.Rubric, func(c string) string { return o.value("jd-" + id + "-" + c) }),
			Comment: o.value("jd-comment-" + id)}
		var me api.JudgeMe
		if err := o.a.client.Do(ctx, "PUT", portal.IDPath(api.PathJudgeScore, id), body, &me); err != nil {
			o.a.setText("jp-msg-"+id, o.a.errText(err))
			return err
		}
		o.showJudging(&me)
		o.a.setText("jp-msg-"+id, portal.PUI("saved", lang))
	}
	return nil
}

// submitApplication sends the application form with the chosen deck as one
// multipart request. A deck over the limit is refused here before it is
// uploaded (the server refuses it too); what the server refuses is shown
// beside the button and the form keeps what was typed.
func (o *online) submitApplication(ctx context.Context) error {
	lang := o.a.lang
	msg := func(s string, bad bool) {
		o.a.setText("ap-msg", s)
		if el := o.a.byID("ap-msg"); el.Truthy() {
			el.Get("classList").Call("toggle", "error", bad)
		}
	}
	theme := o.value("ap-theme")
	prop := event.T(o.value("ap-ja"), o.value("ap-en"))
	var name string
	var data []byte
	if files := o.a.byID("ap-deck").Get("files"); files.Truthy() && files.Get("length").Int() > 0 {
		f := files.Index(0)
		name = f.Get("name").String()
		size := f.Get("size").Int()
		limit := 0
		if o.pg.apply != nil {
			limit = o.pg.apply.DeckLimit
		}
		if err := portal.CheckDeckUpload(size, limit); err != nil {
			msg(event.ErrorMessage(err, lang), true)
			return nil
		}
		buf, err := await(f.Call("arrayBuffer"))
		if err != nil {
			msg(portal.UI("offline", lang), true)
			return nil
		}
		u8 := js.Global().Get("Uint8Array").New(buf)
		data = make([]byte, u8.Get("length").Int())
		js.CopyBytesToGo(data, u8)
	}
	body, ctype, err := portal.ApplicationForm(theme, prop, name, data)
	if err != nil {
		msg(err.Error(), true)
		return nil
	}
	msg(portal.PUI("sending", lang), false)
	status, resp, err := o.a.fetchAs(ctx, "POST", api.PathMyApplications+"?lang="+string(lang), ctype, body)
	if err != nil {
		msg(portal.UI("offline", lang), true)
		return nil
	}
	if status != 200 {
		msg(o.a.errText(api.DecodeError(status, resp)), true)
		return nil
	}
	var m api.MyApplications
	if err := json.Unmarshal(resp, &m); err != nil {
		msg(err.Error(), true)
		return nil
	}
	o.showApply(&m, theme)
	o.themeChosen(theme) // the form shows what is stored
	msg(portal.PUI("applied", lang), false)
	return nil
}

// downloadDeck fetches an application's deck with the link's token and
// hands it to the browser as a download.
func (o *online) downloadDeck(ctx context.Context, id string) error {
	name := "deck.pdf"
	if o.pg.screening != nil {
		for _, a := range o.pg.screening.Applications {
			if fmt.Sprint(a.ID) == id && a.DeckName != "" {
				name = a.DeckName
			}
		}
	}
	return o.download(ctx, portal.IDPath(api.PathScoutDeck, id), name, "application/pdf")
}

// download fetches path with the link's token and hands the bytes to the
// browser as a file called name.
func (o *online) download(ctx context.Context, path, name, mimeType string) error {
	status, body, err := o.a.fetch(ctx, "GET", path+"?lang="+string(o.a.lang), nil)
	if err != nil {
		return portal.ErrOffline
	}
	if status != 200 {
		return api.DecodeError(status, body)
	}
	u8 := js.Global().Get("Uint8Array").New(len(body))
	js.CopyBytesToJS(u8, body)
	blob := o.a.win.Get("Blob").New([]any{u8}, map[string]any{"type": mimeType})
	url := o.a.win.Get("URL").Call("createObjectURL", blob)
	link := o.a.doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", name)
	o.a.doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	return nil
}

// runJudge runs the judges' portal: the running order with the rubric.
func (o *online) runJudge(ctx context.Context) {
	a := o.a
	a.doc.Set("title", "PitchMatch "+portal.PUI("judge", a.lang))
	a.byID("app").Set("innerHTML", "")
	tabs := a.byID("tabs")
	tabs.Set("innerHTML", "")
	tabs.Set("hidden", false)
	o.header()
	o.addTab("judging", portal.OUI("tab_judging", a.lang))
	o.showPanel("judging")
	a.listen(a.byID("judging-slot"), "click", func(ev js.Value) { o.click(ctx, ev) })
	a.listen(a.byID("lang"), "change", func(ev js.Value) {
		a.lang = event.ParseLang(ev.Get("target").Get("value").String())
		a.client.Lang = a.lang
		a.storage().Call("setItem", langKey, string(a.lang))
		a.applyChrome()
		o.header()
		a.setText("tab-judging", portal.OUI("tab_judging", a.lang))
		if o.pg.judge != nil {
			o.showJudging(o.pg.judge)
		}
	})
	a.byID("app").Call("setAttribute", "aria-busy", "false")
	if !o.pg.active() {
		a.fatal(portal.UI("error_load", a.lang))
		return
	}
	o.refreshProgramme(ctx, "judging")
	a.doc.Get("body").Get("dataset").Set("ready", "1")
	a.doc.Get("body").Get("dataset").Set("role", "judge")
}
