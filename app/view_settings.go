package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"
)

// settingsView edits the language (a preference of this machine) and the
// event's feature weights and embeddings endpoint, model and dimensions
// (stored in the event file), and computes the embeddings as
// `pitchmatch embed` does. The API key is only read from the environment.
type settingsView struct {
	u    *UI
	root fyne.CanvasObject

	lang             *widget.Select
	weights          map[string]*widget.Entry
	url, model, dims *widget.Entry
	keyNote          *widget.Label
	save, defaul     *widget.Button
	errs             *fieldErrors
	compute, stop    *widget.Button
	embedBar         *widget.ProgressBar
	embedResult      *widget.Label
	stopEmbed        context.CancelFunc // cancels the running computation; nil when none runs
	lastStats        embed.Stats        // of the last computation (tests)
	learn            *learnCard         // weights learnt from decisions (view_settings_learn.go)
}

func newSettingsView(u *UI) *settingsView {
	v := &settingsView{u: u, weights: map[string]*widget.Entry{}, errs: newFieldErrors(u.lang)}
	v.lang = widget.NewSelect([]string{"日本語", "English"}, func(s string) {
		l := event.En
		if s == "日本語" {
			l = event.Ja
		}
		v.u.SetLang(l)
	})
	if u.lang == event.Ja {
		v.lang.Selected = "日本語"
	} else {
		v.lang.Selected = "English"
	}
	wform := widget.NewForm()
	for _, name := range matching.FeatureNames() {
		e := widget.NewEntry()
		v.weights[name] = e
		wform.Append(matching.FeatureLabel(name).In(u.lang), v.errs.field("weights."+name, e))
	}
	v.url, v.model, v.dims = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.url.SetPlaceHolder(embed.DefaultBaseURL + " / http://localhost:11434/v1")
	v.model.SetPlaceHolder(embed.DefaultModel)
	v.dims.SetPlaceHolder(u.t("set.embed_dims_auto"))
	v.keyNote = widget.NewLabel("")
	v.keyNote.Wrapping = fyne.TextWrapWord
	v.save = widget.NewButton(u.t("common.save"), v.onSave)
	v.save.Importance = widget.HighImportance
	v.defaul = widget.NewButton(u.t("set.defaults"), func() { v.setWeights(matching.DefaultWeights()) })
	eform := widget.NewForm(
		widget.NewFormItem(u.t("set.embed_url"), v.errs.field("embedding_url", v.url)),
		widget.NewFormItem(u.t("set.embed_model"), v.errs.field("embedding_model", v.model)),
		widget.NewFormItem(u.t("set.embed_dims"), v.errs.field("embedding_dims", v.dims)),
	)
	v.compute = widget.NewButton(u.t("set.embed_compute"), v.onCompute)
	v.stop = widget.NewButton(u.t("sc.cancel"), func() {
		if v.stopEmbed != nil {
			v.stopEmbed()
		}
	})
	v.stop.Disable()
	v.embedBar = widget.NewProgressBar()
	v.embedBar.Hide()
	v.embedResult = widget.NewLabel("")
	v.embedResult.Wrapping = fyne.TextWrapWord
	embedRun := container.NewBorder(nil, nil, container.NewHBox(v.compute, v.stop), nil, v.embedBar)
	v.learn = newLearnCard(v)
	v.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewCard(u.t("set.language"), u.t("set.lang_note"), v.lang),
		v.errs.banner,
		widget.NewCard(u.t("set.weights"), "", container.NewVBox(wform, v.defaul)),
		v.learn.card,
		widget.NewCard(u.t("set.embed_url"), "", container.NewVBox(eform, v.keyNote, embedRun, v.embedResult)),
		container.NewHBox(v.save),
	)))
	return v
}

func (v *settingsView) setWeights(w map[string]float64) {
	for name, e := range v.weights {
		val, ok := w[name]
		if !ok {
			val = matching.DefaultWeights()[name]
		}
		e.SetText(strconv.FormatFloat(val, 'f', -1, 64))
	}
}

func (v *settingsView) refresh() {
	key := v.u.t("set.key_unset")
	if os.Getenv(embed.EnvPitchKey) != "" || os.Getenv(embed.EnvKey) != "" {
		key = v.u.t("set.key_set")
	}
	v.keyNote.SetText(v.u.t("set.key_note", embed.EnvPitchKey+" / "+embed.EnvKey, key))
	v.learn.refresh()
	d := v.u.data
	if d == nil {
		v.save.Disable()
		v.compute.Disable()
		v.setWeights(matching.DefaultWeights())
		return
	}
	v.save.Enable()
	if v.stopEmbed == nil {
		v.compute.Enable()
	}
	v.setWeights(d.Event.Weights)
	v.url.SetText(d.Event.EmbeddingURL)
	v.model.SetText(d.Event.EmbeddingModel)
	v.dims.SetText("")
	if d.Event.EmbeddingDims > 0 {
		v.dims.SetText(strconv.Itoa(d.Event.EmbeddingDims))
	}
	v.errs.clear()
}

func (v *settingsView) onShow() {}

func (v *settingsView) onSave() {
	d, store := v.u.data, v.u.store
	if d == nil || store == nil {
		return
	}
	ev := *d.Event
	p := parser{lang: v.u.lang}
	ev.Weights = map[string]float64{}
	for name, e := range v.weights {
		ev.Weights[name] = p.float("weights."+name, e.Text)
	}
	v.readEmbedding(&p, &ev)
	if v.errs.show(p.merge("event", ev.Validate())) {
		return
	}
	v.u.runBackground(func(ctx context.Context) (func(), error) {
		err := store.SaveEvent(ctx, actor, &ev)
		return func() {
			if err != nil {
				v.errs.show(err)
				return
			}
			v.u.setStatus(fmt.Sprint(v.u.t("app.saved")))
			v.u.Reload()
		}, nil
	})
}

// readEmbedding copies the embedding fields of the form into ev.
func (v *settingsView) readEmbedding(p *parser, ev *event.Event) {
	ev.EmbeddingURL = strings.TrimRight(strings.TrimSpace(v.url.Text), "/")
	ev.EmbeddingModel = strings.TrimSpace(v.model.Text)
	ev.EmbeddingDims = p.int("embedding_dims", v.dims.Text)
}

// onCompute embeds every startup and theme into the store's vector cache, as
// `pitchmatch embed` does: endpoint, model and dimensions from the form (saved
// in the event when they differ, so ranking looks up the same model), the
// key from the environment only. It runs off the UI thread with progress and
// Cancel; afterwards the rankings use the vectors.
func (v *settingsView) onCompute() {
	d, store := v.u.data, v.u.store
	if d == nil || store == nil || v.stopEmbed != nil {
		return
	}
	cache, ok := store.(embed.Cache)
	if !ok {
		v.embedShow(v.u.t("set.embed_nocache"), widget.DangerImportance)
		return
	}
	settings := *d.Event
	p := parser{lang: v.u.lang}
	v.readEmbedding(&p, &settings)
	if v.errs.show(p.merge("event", settings.Validate())) {
		return
	}
	cfg, err := embed.ConfigFromEnv(os.Getenv, &settings)
	if err != nil {
		v.embedShow(v.embedError(err, embed.Stats{}, cfg), widget.DangerImportance)
		return
	}
	cfg.HTTPClient = v.u.svc.EmbedHTTP
	startups, themes := d.Startups, d.Themes
	ctx, cancel := context.WithCancel(v.u.ctx)
	v.stopEmbed = cancel
	v.compute.Disable()
	v.stop.Enable()
	v.embedBar.SetValue(0)
	v.embedBar.Show()
	v.embedShow(v.u.t("set.embed_running", len(startups), len(themes), cfg.CacheModel(), cfg.BaseURL), widget.MediumImportance)
	v.u.runBackground(func(context.Context) (func(), error) {
		defer cancel()
		var mu sync.Mutex // progress may be reported from several requests at once
		due := v.u.clk.throttle(50 * time.Millisecond)
		_, st, err := embed.EmbedProfiles(ctx, embed.New(cfg).WithSleep(v.u.clk.sleep), cache, startups, themes, func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if due(done >= total) {
				fyne.Do(func() { v.embedProgress(done, total) })
			}
		})
		saved := false
		if err == nil {
			saved, err = saveEmbeddingSettings(ctx, store, &settings)
		}
		var nd *Data
		if err == nil {
			nd, err = LoadData(ctx, store)
		}
		cancelled := ctx.Err() != nil
		return func() { v.embedFinished(store, cfg, st, nd, saved, err, cancelled) }, nil
	})
}

// saveEmbeddingSettings stores the embedding settings used in the event
// when they differ from the stored ones (never a key), and says whether it
// did.
func saveEmbeddingSettings(ctx context.Context, store Store, used *event.Event) (bool, error) {
	ev, err := store.Event(ctx)
	if err != nil {
		return false, fmt.Errorf("read event: %w", err)
	}
	if ev.EmbeddingURL == used.EmbeddingURL && ev.EmbeddingModel == used.EmbeddingModel && ev.EmbeddingDims == used.EmbeddingDims {
		return false, nil
	}
	ev.EmbeddingURL, ev.EmbeddingModel, ev.EmbeddingDims = used.EmbeddingURL, used.EmbeddingModel, used.EmbeddingDims
	if err := store.SaveEvent(ctx, actor, ev); err != nil {
		return false, fmt.Errorf("save embedding settings: %w", err)
	}
	return true, nil
}

func (v *settingsView) embedProgress(done, total int) {
	if v.stopEmbed == nil || total <= 0 {
		return
	}
	v.embedBar.SetValue(float64(done) / float64(total))
}

func (v *settingsView) embedShow(text string, imp widget.Importance) {
	v.embedResult.Importance = imp
	v.embedResult.SetText(text)
}

// embedFinished applies a computation's outcome on the UI thread.
func (v *settingsView) embedFinished(store Store, cfg embed.Config, st embed.Stats, nd *Data, saved bool, err error, cancelled bool) {
	v.stopEmbed = nil
	v.lastStats = st
	v.stop.Disable()
	v.embedBar.Hide()
	if v.u.data != nil {
		v.compute.Enable()
	}
	switch {
	case cancelled:
		v.embedShow(v.u.t("set.embed_cancelled", st.Sent), widget.WarningImportance)
		v.u.setStatus(v.u.t("sc.cancelled"))
		return
	case err != nil:
		msg := v.embedError(err, st, cfg)
		v.embedShow(msg, widget.DangerImportance)
		v.u.setStatus(v.u.t("app.error") + ": " + msg)
		return
	}
	msg := v.u.t("set.embed_done", st.Texts, st.Unique, st.Sent, st.Cached, st.Requests, st.Retries)
	if st.Empty > 0 {
		msg += v.u.t("set.embed_empty", st.Empty)
	}
	if saved {
		msg += "\n" + v.u.t("set.embed_saved", cfg.CacheModel(), cfg.BaseURL)
	}
	v.embedShow(msg, widget.SuccessImportance)
	v.u.setStatus(msg)
	if v.u.store != store || nd == nil {
		return // another file was opened meanwhile
	}
	// New snapshot: every view redraws from it, and the rankings view drops
	// the model it prepared without the vectors.
	v.u.data = nd
	if r := v.u.rankingsV; r != nil {
		r.model, r.modelData = nil, nil
	}
	for i := range v.u.stale {
		v.u.stale[i] = true
	}
	v.u.stale[7] = false // keep this form as it is (unsaved weight edits stay)
	v.u.refreshSelected()
}

// embedError is the bilingual message for a failed computation.
func (v *settingsView) embedError(err error, st embed.Stats, cfg embed.Config) string {
	if errors.Is(err, embed.ErrNoKey) {
		return v.u.t("set.embed_nokey", cfg.BaseURL, embed.EnvPitchKey, embed.EnvKey)
	}
	msg := v.u.t("set.embed_failed", event.ErrorMessage(err, v.u.lang))
	if st.Sent > 0 {
		msg += "\n" + v.u.t("set.embed_partial")
	}
	return msg
}
