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
	"fmt"
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

// Field describes one field of the startup profile.
type Field struct {
	Key      string // JSON name in event.Startup, and the form control name
	Kind     Kind
	Label    event.Text
	Hint     event.Text
	Vocab    *event.Vocabulary
	Required bool
	Max      int // characters, for text kinds
	Section  string
}

// SectionLabel is the heading of a form section.
func SectionLabel(key string) event.Text {
	switch key {
	case "company":
		return event.T("会社情報", "Company")
	case "product":
		return event.T("製品", "Product")
	case "fit":
		return event.T("領域・技術・ステージ", "Areas, technology and stage")
	case "partner":
		return event.T("ニーズ・提携", "Needs and partnerships")
	case "contact":
		return event.T("連絡先・面談", "Contact and meetings")
	}
	return event.T(key, key)
}

// Fields returns every editable field of event.Startup in form order.
func Fields() []Field {
	return []Field{
		{Key: "name", Kind: KindText, Label: event.T("社名", "Company name"), Required: true, Max: event.MaxNameLen, Section: "company"},
		{Key: "founded", Kind: KindInt, Label: event.T("設立年", "Year founded"), Hint: event.T("例: 2019", "e.g. 2019"), Section: "company"},
		{Key: "prefecture", Kind: KindSelect, Label: event.T("所在地（都道府県）", "Prefecture"), Vocab: event.Prefectures, Section: "company"},
		{Key: "headcount", Kind: KindInt, Label: event.T("従業員数", "Headcount"), Section: "company"},
		{Key: "funding_stage", Kind: KindSelect, Label: event.T("資金調達ステージ", "Funding stage"), Vocab: event.FundingStages, Section: "company"},
		{Key: "product_name", Kind: KindText, Label: event.T("製品名", "Product name"), Max: event.MaxNameLen, Section: "product"},
		{Key: "product_summary", Kind: KindTextArea, Label: event.T("製品概要", "Product summary"), Max: event.MaxSummaryLen, Section: "product"},
		{Key: "product_type", Kind: KindSelect, Label: event.T("製品種別", "Product type"), Vocab: event.ProductTypes, Section: "product"},
		{Key: "device_class", Kind: KindSelect, Label: event.T("医療機器クラス", "Device class"), Vocab: event.DeviceClasses, Section: "product"},
		{Key: "purposes", Kind: KindMulti, Label: event.T("目的", "Purpose"), Vocab: event.Purposes, Section: "product"},
		{Key: "areas", Kind: KindMulti, Label: event.T("疾患・診療領域", "Therapeutic areas"), Vocab: event.Areas, Section: "fit"},
		{Key: "technologies", Kind: KindMulti, Label: event.T("技術", "Technologies"), Vocab: event.Technologies, Section: "fit"},
		{Key: "dev_stage", Kind: KindSelect, Label: event.T("開発ステージ", "Development stage"), Vocab: event.DevStages, Section: "fit"},
		{Key: "regulatory", Kind: KindMulti, Label: event.T("薬事・規制の状況", "Regulatory status"), Vocab: event.Regulatory, Section: "fit"},
		{Key: "needs", Kind: KindMulti, Label: event.T("相談したいこと", "Needs"), Vocab: event.Needs, Section: "partner"},
		{Key: "partnerships", Kind: KindMulti, Label: event.T("希望する提携", "Partnership sought"), Vocab: event.Partnerships, Section: "partner"},
		{Key: "website", Kind: KindURL, Label: event.T("ウェブサイト", "Website"), Hint: event.T("https:// から", "starting https://"), Max: event.MaxURLLen, Section: "contact"},
		{Key: "contact_email", Kind: KindEmail, Label: event.T("連絡先メール", "Contact e-mail"), Max: event.MaxURLLen, Section: "contact"},
		{Key: "max_meetings", Kind: KindInt, Label: event.T("希望面談数の上限", "Maximum meetings"), Hint: event.T("0 はイベント既定値", "0 means the event default"), Section: "contact"},
	}
}

// Values are the form's contents by control name, as the browser has them:
// "name.ja", "founded", "areas" (one value per checked box) ...
type Values = url.Values

func textOf(s *event.Startup, key string) *event.Text {
	switch key {
	case "name":
		return &s.Name
	case "product_name":
		return &s.ProductName
	case "product_summary":
		return &s.ProductSummary
	}
	return nil
}

func intOf(s *event.Startup, key string) *int {
	switch key {
	case "founded":
		return &s.Founded
	case "headcount":
		return &s.Headcount
	case "max_meetings":
		return &s.MaxMeetings
	}
	return nil
}

func codeOf(s *event.Startup, key string) *event.Code {
	switch key {
	case "prefecture":
		return &s.Prefecture
	case "funding_stage":
		return &s.FundingStage
	case "product_type":
		return &s.ProductType
	case "device_class":
		return &s.DeviceClass
	case "dev_stage":
		return &s.DevStage
	case "website":
		return &s.Website
	case "contact_email":
		return &s.ContactEmail
	}
	return nil
}

func codesOf(s *event.Startup, key string) *[]event.Code {
	switch key {
	case "purposes":
		return &s.Purposes
	case "areas":
		return &s.Areas
	case "technologies":
		return &s.Technologies
	case "regulatory":
		return &s.Regulatory
	case "needs":
		return &s.Needs
	case "partnerships":
		return &s.Partnerships
	}
	return nil
}

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
	}
	var errs []event.FieldError
	for _, f := range Fields() {
		switch f.Kind {
		case KindText, KindTextArea:
			t := textOf(s, f.Key)
			t.Ja = strings.TrimSpace(v.Get(f.Key + ".ja"))
			t.En = strings.TrimSpace(v.Get(f.Key + ".en"))
		case KindInt:
			raw := strings.TrimSpace(toHalfWidthDigits(v.Get(f.Key)))
			if raw == "" {
				continue
			}
			n, err := strconv.Atoi(raw)
			if err != nil {
				errs = append(errs, event.FieldError{Field: f.Key, Code: event.FieldFormat,
					Message: event.T("半角数字で入力してください", "must be a whole number")})
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

// toHalfWidthDigits maps full-width digits and minus (typed with a Japanese
// input method) to ASCII.
func toHalfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '－' || r == 'ー':
			return '-'
		}
		return r
	}, s)
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

// fieldByKey returns the field with key.
func fieldByKey(key string) (Field, error) {
	for _, f := range Fields() {
		if f.Key == key {
			return f, nil
		}
	}
	return Field{}, fmt.Errorf("no field %q", key)
}
