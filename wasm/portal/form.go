// Package portal is the DOM-free logic of the startup portal: the profile
// form's fields and their conversion to and from event.Startup, inline
// validation with event's rules, drafts kept while offline, the 409
// comparison and merge, the fit preview, meeting rows, HTML rendering with
// html/template, and the JSON API client over an injected transport.
//
// Everything here runs under plain Go and under GOOS=js GOARCH=wasm (tested
// with node); package wasm/main binds it to the browser with syscall/js.
package portal

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"pitchmatch/event"
)

// Kind is how a profile field is edited.
type Kind int

// Field kinds.
const (
	KindText     Kind = iota // a bilingual pair of one-line inputs (key.ja, key.en)
	KindTextArea             // a bilingual pair of text areas
	KindInt                  // a whole number
	KindSelect               // one code of a vocabulary, or none
	KindMulti                // any codes of a vocabulary (checkboxes)
	KindURL                  // a web address
	KindEmail                // an e-mail address
)

// Field describes one field of the startup profile form. It is taken from
// the one field schema (event.StartupFields); Schema is that field.
type Field struct {
	Key      string // JSON name in event.Startup, and the form control name
	Kind     Kind
	Label    event.Text
	Hint     event.Text
	Vocab    *event.Vocabulary
	Required bool
	Max      int // characters, for text kinds
	Section  string
	Schema   *event.Field
}

// SectionLabel is the heading of a form section.
func SectionLabel(key string) event.Text { return event.SectionLabel(key) }

// kindOf is the form control kind of a schema field type.
func kindOf(t event.FieldType) Kind {
	switch t {
	case event.TypeText:
		return KindText
	case event.TypeLongText:
		return KindTextArea
	case event.TypeInt, event.TypeYear:
		return KindInt
	case event.TypeCode:
		return KindSelect
	case event.TypeCodes:
		return KindMulti
	case event.TypeURL:
		return KindURL
	case event.TypeEmail:
		return KindEmail
	}
	return KindText
}

// Fields returns every field of event.Startup a startup may edit, in form
// order, from the field schema: organizer-owned fields (the ID) are not in
// the portal form.
func Fields() []Field {
	fs := event.StartupFields()
	out := make([]Field, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		if !f.EditableBy(event.EditorStartup) {
			continue
		}
		out = append(out, Field{Key: f.Name, Kind: kindOf(f.Type), Label: f.Label, Hint: f.Hint, Vocab: f.Vocab,
			Required: f.Required, Max: f.Max, Section: f.Section, Schema: f})
	}
	return out
}

// Values are the form's contents by control name, as the browser has them:
// "name.ja", "founded", "areas" (one value per checked box) ...
type Values = url.Values

func schemaField(key string) *event.Field { return event.FieldByName(event.EntityStartup, key) }

func textOf(s *event.Startup, key string) *event.Text { return schemaField(key).Text(s) }

func intOf(s *event.Startup, key string) *int { return schemaField(key).Int(s) }

func codeOf(s *event.Startup, key string) *event.Code { return schemaField(key).String(s) }

func codesOf(s *event.Startup, key string) *[]event.Code { return schemaField(key).List(s) }

// StartupValues returns the form values showing s.
func StartupValues(s *event.Startup) Values {
	v := Values{}
	for _, f := range Fields() {
		switch f.Kind {
		case KindText, KindTextArea:
			t := textOf(s, f.Key)
			v.Set(f.Key+".ja", t.Ja)
			v.Set(f.Key+".en", t.En)
		case KindInt:
			if n := *intOf(s, f.Key); n != 0 {
				v.Set(f.Key, strconv.Itoa(n))
			} else {
				v.Set(f.Key, "")
			}
		case KindSelect, KindURL, KindEmail:
			v.Set(f.Key, *codeOf(s, f.Key))
		case KindMulti:
			v[f.Key] = slices.Clone(*codesOf(s, f.Key))
		}
	}
	return v
}

// ParseValues builds a startup from the form values on top of base (whose
// ID and Version it keeps) and returns the problems found: numbers that do
// not parse, then every rule of event.Startup.Validate.
func ParseValues(v Values, base *event.Startup) (*event.Startup, []event.FieldError) {
	s := &event.Startup{}
	if base != nil {
		s.ID, s.Version, s.UpdatedAt = base.ID, base.Version, base.UpdatedAt
		// Fields the startup may not edit are not in the form; they keep
		// the stored value rather than being blanked.
		for _, f := range event.StartupFields() {
			if !f.EditableBy(event.EditorStartup) {
				f.Copy(s, base)
			}
		}
	}
	var errs []event.FieldError
	for _, f := range Fields() {
		switch f.Kind {
		case KindText, KindTextArea:
			t := textOf(s, f.Key)
			t.Ja = strings.TrimSpace(v.Get(f.Key + ".ja"))
			t.En = strings.TrimSpace(v.Get(f.Key + ".en"))
		case KindInt:
			raw := strings.TrimSpace(v.Get(f.Key))
			if raw == "" {
				continue
			}
			parse := event.ParseWhole
			if f.Schema.Type == event.TypeYear {
				parse = event.ParseYear
			}
			n, err := parse(raw)
			if err != nil {
				var ne *event.NumberError
				if errors.As(err, &ne) {
					errs = append(errs, ne.FieldError(f.Key))
				}
				continue
			}
			*intOf(s, f.Key) = n
		case KindSelect, KindURL, KindEmail:
			*codeOf(s, f.Key) = strings.TrimSpace(v.Get(f.Key))
		case KindMulti:
			var codes []event.Code
			for _, c := range v[f.Key] {
				if c = strings.TrimSpace(c); c != "" {
					codes = append(codes, c)
				}
			}
			*codesOf(s, f.Key) = codes
		}
	}
	if err := s.Validate(); err != nil {
		if ve, ok := err.(*event.ValidationError); ok {
			for _, fe := range ve.Errors {
				if fe.Field == "id" {
					continue // not editable here; the server checks it
				}
				errs = append(errs, fe)
			}
		} else {
			errs = append(errs, event.FieldError{Field: "", Code: event.EInvalid, Message: event.T(err.Error(), err.Error())})
		}
	}
	return s, errs
}

// SlotOf maps a field-error path to the form field that shows it: "areas[2]"
// → "areas", "name.ja" → "name".
func SlotOf(path string) string {
	p := path
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
	}
	p = strings.TrimSuffix(strings.TrimSuffix(p, ".ja"), ".en")
	return p
}

// Messages groups field errors by the slot that shows them, each message in
// lang and prefixed with the language side for bilingual inputs.
func Messages(errs []event.FieldError, lang event.Lang) map[string]string {
	out := map[string]string{}
	for _, fe := range errs {
		slot := SlotOf(fe.Field)
		msg := fe.Message.In(lang)
		switch {
		case strings.HasSuffix(fe.Field, ".ja"):
			msg = UI("lang_ja", lang) + ": " + msg
		case strings.HasSuffix(fe.Field, ".en"):
			msg = UI("lang_en", lang) + ": " + msg
		}
		if prev, ok := out[slot]; ok {
			if !strings.Contains(prev, msg) {
				out[slot] = prev + " / " + msg
			}
			continue
		}
		out[slot] = msg
	}
	return out
}

// DisplayValue is a field's value for people: labels for codes, numbers
// as typed, both languages of a text pair.
func DisplayValue(f Field, v Values, lang event.Lang) string {
	switch f.Kind {
	case KindText, KindTextArea:
		ja, en := v.Get(f.Key+".ja"), v.Get(f.Key+".en")
		switch {
		case ja == "" && en == "":
			return "—"
		case en == "":
			return ja
		case ja == "":
			return en
		}
		return ja + " / " + en
	case KindSelect:
		if c := v.Get(f.Key); c != "" {
			return f.Vocab.Label(c, lang)
		}
		return "—"
	case KindMulti:
		var ls []string
		for _, c := range v[f.Key] {
			ls = append(ls, f.Vocab.Label(c, lang))
		}
		if len(ls) == 0 {
			return "—"
		}
		sep := ", "
		if lang == event.Ja {
			sep = "、"
		}
		return strings.Join(ls, sep)
	}
	if s := v.Get(f.Key); s != "" {
		return s
	}
	return "—"
}

// keysOf lists the control names of f.
func keysOf(f Field) []string {
	if f.Kind == KindText || f.Kind == KindTextArea {
		return []string{f.Key + ".ja", f.Key + ".en"}
	}
	return []string{f.Key}
}

// SameField reports whether a and b hold the same value for field f
// (multi-select order does not matter; empty and absent are equal).
func SameField(f Field, a, b Values) bool {
	for _, k := range keysOf(f) {
		x, y := slices.Clone(a[k]), slices.Clone(b[k])
		if f.Kind == KindMulti {
			slices.Sort(x)
			slices.Sort(y)
		}
		x = slices.DeleteFunc(x, func(s string) bool { return strings.TrimSpace(s) == "" })
		y = slices.DeleteFunc(y, func(s string) bool { return strings.TrimSpace(s) == "" })
		if !slices.Equal(x, y) {
			return false
		}
	}
	return true
}

// Equal reports whether two form states show the same profile.
func Equal(a, b Values) bool {
	for _, f := range Fields() {
		if !SameField(f, a, b) {
			return false
		}
	}
	return true
}
