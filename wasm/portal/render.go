package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"pitchmatch/event"
)

// Renderer turns the portal's state into HTML with html/template, which
// escapes every value (profiles hold whatever startups typed).
type Renderer struct {
	t *template.Template
}

// NewRenderer parses the portal's templates.
func NewRenderer() (*Renderer, error) {
	t, err := template.New("portal").Parse(templates)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return &Renderer{t: t}, nil
}

func (r *Renderer) exec(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := r.t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

// Option is one choice of a select or checkbox group.
type Option struct {
	Code  string
	Label string
	On    bool
}

// FieldView is one form field ready to render.
type FieldView struct {
	Key      string
	Kind     string // text, textarea, int, select, multi, url, email
	Label    string
	Hint     string
	Required bool
	Max      int
	Ja, En   string // bilingual text kinds
	Value    string // single-value kinds
	Options  []Option
	Error    string
	LabelJa  string
	LabelEn  string
}

// SectionView is a group of fields with a heading.
type SectionView struct {
	Label  string
	Fields []FieldView
}

// FormView is the whole profile form.
type FormView struct {
	ID       string
	Version  int64
	Sections []SectionView
	UI       map[string]string
}

func kindName(k Kind) string {
	return [...]string{"text", "textarea", "int", "select", "multi", "url", "email"}[k]
}

// uiMap gives the templates the fixed texts they use in lang.
func uiMap(lang event.Lang, keys ...string) map[string]string {
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = UI(k, lang)
	}
	return m
}

// ProfileForm builds the form view of values with the inline messages.
func ProfileForm(s *event.Startup, v Values, msgs map[string]string, lang event.Lang) FormView {
	fv := FormView{ID: s.ID, Version: s.Version,
		UI: uiMap(lang, "save", "version", "id", "required_mark", "none")}
	var cur *SectionView
	for _, f := range Fields() {
		if cur == nil || cur.Label != SectionLabel(f.Section).In(lang) {
			fv.Sections = append(fv.Sections, SectionView{Label: SectionLabel(f.Section).In(lang)})
			cur = &fv.Sections[len(fv.Sections)-1]
		}
		view := FieldView{Key: f.Key, Kind: kindName(f.Kind), Label: f.Label.In(lang), Hint: f.Hint.In(lang),
			Required: f.Required, Max: f.Max, Error: msgs[f.Key],
			LabelJa: UI("lang_ja", lang), LabelEn: UI("lang_en", lang)}
		switch f.Kind {
		case KindText, KindTextArea:
			view.Ja, view.En = v.Get(f.Key+".ja"), v.Get(f.Key+".en")
		case KindSelect, KindMulti:
			on := map[string]bool{}
			for _, c := range v[f.Key] {
				on[c] = true
			}
			for _, t := range f.Vocab.Terms {
				view.Options = append(view.Options, Option{Code: t.Code, Label: t.Label.In(lang), On: on[t.Code]})
			}
		default:
			view.Value = v.Get(f.Key)
		}
		cur.Fields = append(cur.Fields, view)
	}
	return fv
}

// RenderProfile renders the profile form.
func (r *Renderer) RenderProfile(fv FormView) (string, error) { return r.exec("profile", fv) }

// ThemesView is the themes list.
type ThemesView struct {
	Fits    []ThemeFit
	Unsaved map[string]bool // themes whose change the server has not confirmed yet
	UI      map[string]string
}

// RenderThemes renders the themes with their fit and interest toggles;
// a toggle in unsaved is marked as not yet saved.
func (r *Renderer) RenderThemes(fits []ThemeFit, unsaved map[string]bool, lang event.Lang) (string, error) {
	return r.exec("themes", ThemesView{Fits: fits, Unsaved: unsaved, UI: uiMap(lang, "fit", "fit_note", "interested", "no_themes", "reasons", "unsaved")})
}

// MeetingsView is the meetings list.
type MeetingsView struct {
	Rows []MeetingRow
	UI   map[string]string
}

// RenderMeetings renders the meetings and the calendar download button.
func (r *Renderer) RenderMeetings(rows []MeetingRow, lang event.Lang) (string, error) {
	return r.exec("meetings", MeetingsView{Rows: rows, UI: uiMap(lang, "no_meetings", "download_ics", "when", "company", "theme", "table", "status")})
}

// ConflictView is the 409 panel.
type ConflictView struct {
	Version int64
	Changes []FieldDiff
	Taken   string
	UI      map[string]string
}

// RenderConflict renders both values of every field both sides changed,
// with a choice per field and none made in advance: no default discards
// either side's edit.
func (r *Renderer) RenderConflict(c *Conflict, lang event.Lang) (string, error) {
	sep := ", "
	if lang == event.Ja {
		sep = "、"
	}
	return r.exec("conflict", ConflictView{Version: c.Theirs.Version, Changes: c.Changes, Taken: strings.Join(c.Taken, sep),
		UI: uiMap(lang, "conflict_title", "conflict_help", "field", "yours", "theirs", "keep_selection", "version", "conflict_taken")})
}

// Itoa is strconv.Itoa, for the glue code's element IDs.
func Itoa(n int) string { return strconv.Itoa(n) }

const templates = `
{{define "profile"}}<form id="profile" class="profile" novalidate autocomplete="off">
<p class="meta"><span>{{.UI.id}}: <b id="sid">{{.ID}}</b></span> <span>{{.UI.version}} <b id="sver">{{.Version}}</b></span></p>
{{range .Sections}}<fieldset class="sec"><legend>{{.Label}}</legend>
{{range .Fields}}{{template "field" .}}{{end}}</fieldset>
{{end}}<div class="actions"><button type="submit" id="save" class="primary">{{.UI.save}}</button><span id="save-msg" class="msg" role="status" aria-live="polite"></span></div>
</form>{{end}}

{{define "field"}}<div class="field{{if .Error}} bad{{end}}" id="w-{{.Key}}">
{{if or (eq .Kind "text") (eq .Kind "textarea")}}<div class="lbl">{{.Label}}{{if .Required}} <span class="req">*</span>{{end}}</div>
<div class="pair">
<label class="sub">{{.LabelJa}}
{{if eq .Kind "text"}}<input type="text" id="f-{{.Key}}-ja" name="{{.Key}}.ja" lang="ja" value="{{.Ja}}" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">
{{else}}<textarea id="f-{{.Key}}-ja" name="{{.Key}}.ja" lang="ja" rows="5" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">{{.Ja}}</textarea>{{end}}</label>
<label class="sub">{{.LabelEn}}
{{if eq .Kind "text"}}<input type="text" id="f-{{.Key}}-en" name="{{.Key}}.en" lang="en" value="{{.En}}" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">
{{else}}<textarea id="f-{{.Key}}-en" name="{{.Key}}.en" lang="en" rows="5" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">{{.En}}</textarea>{{end}}</label>
</div>
{{else if eq .Kind "select"}}<label class="lbl" for="f-{{.Key}}">{{.Label}}</label>
<select id="f-{{.Key}}" name="{{.Key}}" aria-describedby="e-{{.Key}}"><option value="">—</option>{{range .Options}}<option value="{{.Code}}"{{if .On}} selected{{end}}>{{.Label}}</option>{{end}}</select>
{{else if eq .Kind "multi"}}<fieldset class="multi" id="f-{{.Key}}" aria-describedby="e-{{.Key}}"><legend class="lbl">{{.Label}}</legend>
<div class="checks">{{$k := .Key}}{{range .Options}}<label class="check"><input type="checkbox" name="{{$k}}" value="{{.Code}}"{{if .On}} checked{{end}}><span>{{.Label}}</span></label>{{end}}</div></fieldset>
{{else}}<label class="lbl" for="f-{{.Key}}">{{.Label}}{{if .Hint}} <small>（{{.Hint}}）</small>{{end}}</label>
{{if eq .Kind "int"}}<input type="text" inputmode="numeric" id="f-{{.Key}}" name="{{.Key}}" value="{{.Value}}" aria-describedby="e-{{.Key}}">
{{else if eq .Kind "url"}}<input type="url" inputmode="url" id="f-{{.Key}}" name="{{.Key}}" value="{{.Value}}" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">
{{else}}<input type="email" inputmode="email" id="f-{{.Key}}" name="{{.Key}}" value="{{.Value}}" maxlength="{{.Max}}" aria-describedby="e-{{.Key}}">{{end}}
{{end}}<p class="err" id="e-{{.Key}}" role="alert">{{.Error}}</p>
</div>
{{end}}

{{define "themes"}}<p class="note">{{.UI.fit_note}}</p>
{{if not .Fits}}<p class="empty">{{.UI.no_themes}}</p>{{end}}
<ul class="themes">{{range .Fits}}<li class="theme{{if .Excluded}} excluded{{end}}" id="th-{{.ThemeID}}">
<div class="th-head"><h3>{{.Title}}</h3><span class="co">{{.Company}}</span></div>
{{if .Summary}}<p class="desc">{{.Summary}}</p>{{end}}
<div class="fit"><span class="fit-lbl">{{$.UI.fit}}</span><meter min="0" max="100" value="{{.Percent}}"></meter><b class="pct" id="pct-{{.ThemeID}}">{{.Percent}}%</b></div>
{{if .Reasons}}<ul class="reasons" aria-label="{{$.UI.reasons}}">{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>{{end}}
<label class="toggle"><input type="checkbox" class="interest" id="int-{{.ThemeID}}" value="{{.ThemeID}}"{{if .Applied}} checked{{end}}><span>{{$.UI.interested}}</span></label>{{if index $.Unsaved .ThemeID}} <span class="unsaved" id="uns-{{.ThemeID}}">{{$.UI.unsaved}}</span>{{end}}
</li>{{end}}</ul>{{end}}

{{define "meetings"}}<div class="actions"><button type="button" id="ics" class="primary">{{.UI.download_ics}}</button></div>
{{if not .Rows}}<p class="empty">{{.UI.no_meetings}}</p>{{else}}
<ul class="meetings">{{range .Rows}}<li class="meeting{{if .Cancelled}} cancelled{{end}}">
<div class="when">{{.When}}</div><div class="who"><b>{{.Company}}</b>{{if .Theme}}<span>{{.Theme}}</span>{{end}}</div>
<div class="where">{{$.UI.table}} {{.Table}} · {{.Status}}</div></li>{{end}}</ul>{{end}}{{end}}

{{define "conflict"}}<section class="conflict" id="conflict" role="alertdialog" aria-labelledby="conflict-h">
<h2 id="conflict-h">{{.UI.conflict_title}}</h2><p>{{.UI.conflict_help}}</p>{{if .Taken}}<p class="note" id="conflict-taken">{{.UI.conflict_taken}}: {{.Taken}}</p>{{end}}
<table><thead><tr><th>{{.UI.field}}</th><th>{{.UI.yours}}</th><th>{{.UI.theirs}} ({{.UI.version}} {{.Version}})</th></tr></thead><tbody>
{{range .Changes}}<tr><th scope="row">{{.Label}}</th>
<td><label><input type="radio" name="keep-{{.Key}}" value="mine" required> <span class="v mine">{{.Mine}}</span></label></td>
<td><label><input type="radio" name="keep-{{.Key}}" value="theirs"> <span class="v theirs">{{.Theirs}}</span></label></td></tr>{{end}}
</tbody></table>
<div class="actions"><button type="button" id="resolve" class="primary">{{.UI.keep_selection}}</button><span id="resolve-msg" class="msg" role="status" aria-live="polite"></span></div>
</section>{{end}}
`
