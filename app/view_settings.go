package app

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"
)

// settingsView edits the language (a preference of this machine) and the
// event's feature weights and embeddings endpoint and model (stored in the
// event file). The API key is only read from the environment.
type settingsView struct {
	u    *UI
	root fyne.CanvasObject

	lang         *widget.Select
	weights      map[string]*widget.Entry
	url, model   *widget.Entry
	keyNote      *widget.Label
	save, defaul *widget.Button
	errs         *fieldErrors
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
	v.url, v.model = widget.NewEntry(), widget.NewEntry()
	v.url.SetPlaceHolder("http://localhost:11434/v1")
	v.keyNote = widget.NewLabel("")
	v.keyNote.Wrapping = fyne.TextWrapWord
	v.save = widget.NewButton(u.t("common.save"), v.onSave)
	v.save.Importance = widget.HighImportance
	v.defaul = widget.NewButton(u.t("set.defaults"), func() { v.setWeights(matching.DefaultWeights()) })
	eform := widget.NewForm(
		widget.NewFormItem(u.t("set.embed_url"), v.errs.field("embedding_url", v.url)),
		widget.NewFormItem(u.t("set.embed_model"), v.errs.field("embedding_model", v.model)),
	)
	v.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewCard(u.t("set.language"), u.t("set.lang_note"), v.lang),
		v.errs.banner,
		widget.NewCard(u.t("set.weights"), "", container.NewVBox(wform, v.defaul)),
		widget.NewCard(u.t("set.embed_url"), "", container.NewVBox(eform, v.keyNote)),
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
	d := v.u.data
	if d == nil {
		v.save.Disable()
		v.setWeights(matching.DefaultWeights())
		return
	}
	v.save.Enable()
	v.setWeights(d.Event.Weights)
	v.url.SetText(d.Event.EmbeddingURL)
	v.model.SetText(d.Event.EmbeddingModel)
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
	ev.EmbeddingURL, ev.EmbeddingModel = v.url.Text, v.model.Text
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
