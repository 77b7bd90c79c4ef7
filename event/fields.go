package event

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FieldType says what a schema field holds, and so how it is edited, read
// from a file and written to one.
type FieldType int

// Field types.
const (
	TypeID       FieldType = iota + 1 // a record ID (ASCII letters, digits, - _ .)
	TypeText                          // a bilingual one-line text (columns name_ja, name_en)
	TypeLongText                      // a bilingual multi-line text
	TypeInt                           // a whole number (ParseWhole); 0 is "not set"
	TypeYear                          // a year (ParseYear: era years and dates accepted)
	TypeCode                          // one code of Vocab, or none
	TypeCodes                         // any codes of Vocab
	TypeURL                           // a web address
	TypeEmail                         // an e-mail address
	TypeNames                         // a list of free-text names (scouts)
	TypeNote                          // a multi-line free text in one language (the organizer's notes)
	TypeDecimal                       // an optional decimal number (ParseDecimal; empty is "not set": the default)
)

// Bilingual reports whether the type is a Text with a Japanese and an
// English side, stored in two columns.
func (t FieldType) Bilingual() bool { return t == TypeText || t == TypeLongText }

// List reports whether the type holds a list of strings.
func (t FieldType) List() bool { return t == TypeCodes || t == TypeNames }

// Number reports whether the type holds an int.
func (t FieldType) Number() bool { return t == TypeInt || t == TypeYear }

// Editor is who may change a field: the organizer (desktop, CLI and
// import), the startup itself (portal), or a scout of the company
// (portal). Organizer-owned fields are never writable from a portal.
type Editor string

// Editors.
const (
	EditorOrganizer Editor = "organizer"
	EditorStartup   Editor = "startup"
	EditorScout     Editor = "scout"
)

// Entity names the record kinds with a field schema.
const (
	EntityStartup = "startup"
	EntityCompany = "company"
	EntityTheme   = "theme"
	EntityEvent   = "event"
)

// Field is one field of a record in the one field schema that drives the
// portal and desktop forms, the CSV/xlsx columns, the import column mapping
// and the document labels. Name is the record's JSON name and the validation
// path (event.Startup's "funding_stage"); a bilingual field's sides are
// Name+".ja" and Name+".en" in validation and Name+"_ja", Name+"_en" as
// columns.
type Field struct {
	Entity   string // EntityStartup, EntityCompany, EntityTheme or EntityEvent
	Name     string
	Label    Text
	Hint     Text
	Type     FieldType
	Vocab    *Vocabulary // for TypeCode and TypeCodes
	Required bool
	Max      int // characters for text types; 0 for the others
	Editors  []Editor
	Section  string // form section: see SectionLabel
	// Aliases are further headers an import accepts for the field (for a
	// bilingual field: for its Japanese column), beyond its name and labels.
	Aliases []string
	// Private fields are the organizer's own (notes): never sent to a
	// portal, neither to the startup itself nor to scouts.
	Private bool
	// AliasesEn are further headers for the English column of a bilingual
	// field.
	AliasesEn []string

	ref func(rec any) any // pointer to the field in rec, or nil for another type
}

// EditableBy reports whether e may change the field.
func (f *Field) EditableBy(e Editor) bool { return slices.Contains(f.Editors, e) }

// Columns are the field's file columns: Name, or Name_ja and Name_en for a
// bilingual field.
func (f *Field) Columns() []string {
	if f.Type.Bilingual() {
		return []string{f.Name + "_ja", f.Name + "_en"}
	}
	return []string{f.Name}
}

// ColumnLabel is the label of one of the field's columns: the field label,
// with "（日本語）"/" (Japanese)" or "（英語）"/" (English)" for the sides of a
// bilingual field.
func (f *Field) ColumnLabel(column string) Text {
	switch {
	case f.Type.Bilingual() && strings.HasSuffix(column, "_ja"):
		return Text{Ja: f.Label.Ja + "（日本語）", En: f.Label.En + " (Japanese)"}
	case f.Type.Bilingual() && strings.HasSuffix(column, "_en"):
		return Text{Ja: f.Label.Ja + "（英語）", En: f.Label.En + " (English)"}
	}
	return f.Label
}

func (f *Field) ptr(rec any) any {
	if f.ref == nil || rec == nil {
		return nil
	}
	return f.ref(rec)
}

// Text returns a pointer to the bilingual field in rec, or nil when the
// field is not bilingual or rec is not a record of its entity.
func (f *Field) Text(rec any) *Text { p, _ := f.ptr(rec).(*Text); return p }

// Int returns a pointer to the number field in rec, or nil.
func (f *Field) Int(rec any) *int { p, _ := f.ptr(rec).(*int); return p }

// String returns a pointer to the ID, code, URL or e-mail field in rec, or
// nil.
func (f *Field) String(rec any) *string { p, _ := f.ptr(rec).(*string); return p }

// Decimal returns a pointer to the optional decimal field in rec (nil
// inside: not set), or nil.
func (f *Field) Decimal(rec any) **float64 { p, _ := f.ptr(rec).(**float64); return p }

// FormatDecimal writes an optional decimal as a file cell ("" for nil).
func FormatDecimal(d *float64) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(*d, 'g', -1, 64)
}

// List returns a pointer to the list field in rec, or nil.
func (f *Field) List(rec any) *[]string { p, _ := f.ptr(rec).(*[]string); return p }

// Cells returns the field's value in rec as file cells, one per column:
// codes (not labels), lists joined with ';', numbers in decimal and 0 as
// "". It is what every exporter writes.
func (f *Field) Cells(rec any) []string {
	switch {
	case f.Type.Bilingual():
		if t := f.Text(rec); t != nil {
			return []string{t.Ja, t.En}
		}
		return []string{"", ""}
	case f.Type.Number():
		if n := f.Int(rec); n != nil && *n != 0 {
			return []string{strconv.Itoa(*n)}
		}
	case f.Type == TypeDecimal:
		if d := f.Decimal(rec); d != nil {
			return []string{FormatDecimal(*d)}
		}
	case f.Type.List():
		if l := f.List(rec); l != nil {
			return []string{strings.Join(*l, ";")}
		}
	default:
		if s := f.String(rec); s != nil {
			return []string{*s}
		}
	}
	return []string{""}
}

// Display renders the field's value in rec for people in lang: vocabulary
// labels instead of codes, lists joined with "、" or ", ", both sides of a
// bilingual text as "ja / en". Empty values are "".
func (f *Field) Display(rec any, lang Lang) string {
	sep := ", "
	if lang == Ja {
		sep = "、"
	}
	switch {
	case f.Type.Bilingual():
		t := f.Text(rec)
		if t == nil {
			return ""
		}
		switch {
		case t.Ja == "":
			return t.En
		case t.En == "":
			return t.Ja
		}
		return t.Ja + " / " + t.En
	case f.Type == TypeCode:
		if s := f.String(rec); s != nil && *s != "" && f.Vocab != nil {
			return f.Vocab.Label(*s, lang)
		}
	case f.Type == TypeCodes:
		if l := f.List(rec); l != nil && f.Vocab != nil {
			out := make([]string, len(*l))
			for i, c := range *l {
				out[i] = f.Vocab.Label(c, lang)
			}
			return strings.Join(out, sep)
		}
	case f.Type.List():
		if l := f.List(rec); l != nil {
			return strings.Join(*l, sep)
		}
	}
	return strings.Join(f.Cells(rec), "")
}

// Equal reports whether the field has the same value in a and b (records of
// the field's entity). A nil list equals an empty one.
func (f *Field) Equal(a, b any) bool {
	switch {
	case f.Type.Bilingual():
		return *f.Text(a) == *f.Text(b)
	case f.Type.Number():
		return *f.Int(a) == *f.Int(b)
	case f.Type == TypeDecimal:
		x, y := *f.Decimal(a), *f.Decimal(b)
		return x == nil && y == nil || x != nil && y != nil && *x == *y
	case f.Type.List():
		return slices.Equal(*f.List(a), *f.List(b))
	}
	return *f.String(a) == *f.String(b)
}

// Copy sets the field of dst to its value in src (records of the field's
// entity); lists are copied, not shared.
func (f *Field) Copy(dst, src any) {
	switch {
	case f.Type.Bilingual():
		*f.Text(dst) = *f.Text(src)
	case f.Type.Number():
		*f.Int(dst) = *f.Int(src)
	case f.Type == TypeDecimal:
		var d *float64
		if s := *f.Decimal(src); s != nil {
			v := *s
			d = &v
		}
		*f.Decimal(dst) = d
	case f.Type.List():
		*f.List(dst) = slices.Clone(*f.List(src))
	default:
		*f.String(dst) = *f.String(src)
	}
}

// Fields returns the schema of entity (EntityStartup …) in form order, or
// nil for an entity without one. The slice is new on every call; the
// vocabularies in it are shared and read-only.
func Fields(entity string) []Field {
	switch entity {
	case EntityStartup:
		return StartupFields()
	case EntityCompany:
		return CompanyFields()
	case EntityTheme:
		return ThemeFields()
	case EntityEvent:
		return EventFields()
	}
	return nil
}

// FieldByName returns the field of entity called name (a field name such as
// "name" or a column such as "name_ja"), or nil.
func FieldByName(entity, name string) *Field {
	fs := Fields(entity)
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
		for _, c := range fs[i].Columns() {
			if c == name {
				return &fs[i]
			}
		}
	}
	return nil
}

// SectionLabel is the heading of a form section.
func SectionLabel(key string) Text {
	switch key {
	case "id":
		return T("ID", "ID")
	case "company":
		return T("会社情報", "Company")
	case "product":
		return T("製品", "Product")
	case "fit":
		return T("領域・技術・ステージ", "Areas, technology and stage")
	case "partner":
		return T("ニーズ・提携", "Needs and partnerships")
	case "contact":
		return T("連絡先・面談", "Contact and meetings")
	case "theme":
		return T("テーマ", "Theme")
	case "wanted":
		return T("求める領域・技術・ステージ", "Wanted areas, technology and stage")
	case "event":
		return T("イベント", "Event")
	case "caps":
		return T("面談数", "Meeting numbers")
	case "notes":
		return T("事務局メモ", "Organizer's notes")
	}
	return T(key, key)
}

var (
	byOrganizer = []Editor{EditorOrganizer}
	byStartup   = []Editor{EditorOrganizer, EditorStartup}
	byScout     = []Editor{EditorOrganizer, EditorScout}
)

// on builds a field's accessor for records of type *R.
func on[R any, V any](get func(*R) *V) func(any) any {
	return func(rec any) any {
		if r, ok := rec.(*R); ok && r != nil {
			return get(r)
		}
		return nil
	}
}

// StartupFields is the schema of event.Startup, in form order.
func StartupFields() []Field {
	s := func(name string, ja, en string, t FieldType, v *Vocabulary, ed []Editor, section string, ref func(any) any, aliases ...string) Field {
		return Field{Entity: EntityStartup, Name: name, Label: T(ja, en), Type: t, Vocab: v, Editors: ed, Section: section, ref: ref, Aliases: aliases}
	}
	fs := []Field{
		s("id", "スタートアップID", "Startup ID", TypeID, nil, byOrganizer, "id", on(func(r *Startup) *string { return &r.ID }), "企業ID", "ID番号"),
		s("name", "社名", "Company name", TypeText, nil, byStartup, "company", on(func(r *Startup) *Text { return &r.Name }),
			"企業名（日本語）", "企業名", "会社名", "社名（日本語）", "スタートアップ名", "法人名"),
		s("founded", "設立年", "Year founded", TypeYear, nil, byStartup, "company", on(func(r *Startup) *int { return &r.Founded }), "設立", "設立年月", "設立年月日", "創業年"),
		s("prefecture", "所在地（都道府県）", "Prefecture", TypeCode, Prefectures, byStartup, "company", on(func(r *Startup) *string { return &r.Prefecture }), "都道府県", "所在地", "本社所在地"),
		s("headcount", "従業員数", "Headcount", TypeInt, nil, byStartup, "company", on(func(r *Startup) *int { return &r.Headcount }), "社員数", "従業員", "人数"),
		s("funding_stage", "資金調達ステージ", "Funding stage", TypeCode, FundingStages, byStartup, "company", on(func(r *Startup) *string { return &r.FundingStage }), "調達ステージ", "ステージ（資金調達）", "funding"),
		s("product_name", "製品名", "Product name", TypeText, nil, byStartup, "product", on(func(r *Startup) *Text { return &r.ProductName }), "製品名（日本語）", "製品・サービス名", "プロダクト名"),
		s("product_summary", "製品概要", "Product summary", TypeLongText, nil, byStartup, "product", on(func(r *Startup) *Text { return &r.ProductSummary }), "製品概要（日本語）", "製品・サービス概要", "事業概要", "概要"),
		s("product_type", "製品種別", "Product type", TypeCode, ProductTypes, byStartup, "product", on(func(r *Startup) *string { return &r.ProductType }), "製品の種類", "製品区分"),
		s("device_class", "医療機器クラス", "Device class", TypeCode, DeviceClasses, byStartup, "product", on(func(r *Startup) *string { return &r.DeviceClass }), "クラス分類", "クラス", "class"),
		s("purposes", "目的", "Purpose", TypeCodes, Purposes, byStartup, "product", on(func(r *Startup) *[]string { return &r.Purposes }), "用途", "使用目的"),
		s("areas", "疾患・診療領域", "Therapeutic areas", TypeCodes, Areas, byStartup, "fit", on(func(r *Startup) *[]string { return &r.Areas }), "領域", "疾患領域", "診療領域", "対象領域", "対象疾患領域"),
		s("technologies", "技術", "Technologies", TypeCodes, Technologies, byStartup, "fit", on(func(r *Startup) *[]string { return &r.Technologies }), "技術分野", "コア技術"),
		s("dev_stage", "開発段階", "Development stage", TypeCode, DevStages, byStartup, "fit", on(func(r *Startup) *string { return &r.DevStage }), "開発ステージ", "開発状況"),
		s("regulatory", "薬事・規制の状況", "Regulatory status", TypeCodes, Regulatory, byStartup, "fit", on(func(r *Startup) *[]string { return &r.Regulatory }), "薬事", "薬事状況", "規制対応状況"),
		s("needs", "相談したいこと", "Needs", TypeCodes, Needs, byStartup, "partner", on(func(r *Startup) *[]string { return &r.Needs }), "ニーズ", "相談ニーズ", "相談したい内容"),
		s("partnerships", "希望する提携", "Partnership sought", TypeCodes, Partnerships, byStartup, "partner", on(func(r *Startup) *[]string { return &r.Partnerships }), "希望提携", "提携形態", "希望する連携"),
		s("website", "ウェブサイト", "Website", TypeURL, nil, byStartup, "contact", on(func(r *Startup) *string { return &r.Website }), "ホームページ", "URL", "HP", "web"),
		s("contact_email", "連絡先メール", "Contact e-mail", TypeEmail, nil, byStartup, "contact", on(func(r *Startup) *string { return &r.ContactEmail }), "メールアドレス", "メール", "email", "e-mail", "Eメール"),
		s("max_meetings", "面談数の上限", "Maximum meetings", TypeInt, nil, byOrganizer, "contact", on(func(r *Startup) *int { return &r.MaxMeetings }), "最大面談数", "面談上限", "希望面談数の上限"),
		notesField(EntityStartup, on(func(r *Startup) *string { return &r.Notes })),
	}
	for i := range fs {
		switch fs[i].Name {
		case "id", "name":
			fs[i].Required = true
		}
	}
	setMax(fs)
	fieldHint(fs, "founded", T("例: 2019、平成30年", "e.g. 2019"))
	fieldHint(fs, "website", T("https:// から", "starting https://"))
	fieldHint(fs, "max_meetings", T("0 はイベント既定値", "0 means the event default"))
	fieldEn(fs, "name", "企業名（英語）", "社名（英語）", "英文社名", "英語社名", "スタートアップ名（英語）")
	fieldEn(fs, "product_name", "製品名（英語）")
	fieldEn(fs, "product_summary", "製品概要（英語）", "事業概要（英語）")
	return fs
}

// CompanyFields is the schema of event.Company, in form order.
func CompanyFields() []Field {
	c := func(name string, ja, en string, t FieldType, ed []Editor, ref func(any) any, aliases ...string) Field {
		return Field{Entity: EntityCompany, Name: name, Label: T(ja, en), Type: t, Editors: ed, Section: "company", ref: ref, Aliases: aliases}
	}
	fs := []Field{
		c("id", "企業ID", "Company ID", TypeID, byOrganizer, on(func(r *Company) *string { return &r.ID }), "ID番号"),
		c("name", "企業名", "Company name", TypeText, byScout, on(func(r *Company) *Text { return &r.Name }), "企業名（日本語）", "社名", "会社名", "社名（日本語）"),
		c("description", "説明", "Description", TypeLongText, byScout, on(func(r *Company) *Text { return &r.Description }), "説明（日本語）", "企業概要"),
		c("scouts", "スカウト", "Scouts", TypeNames, byOrganizer, on(func(r *Company) *[]string { return &r.Scouts }), "担当者", "スカウト担当者"),
		c("max_meetings", "面談数の上限", "Meeting quota", TypeInt, byOrganizer, on(func(r *Company) *int { return &r.MaxMeetings }), "最大面談数", "面談上限", "面談枠"),
		c("tables", "同時面談数", "Parallel tables", TypeInt, byOrganizer, on(func(r *Company) *int { return &r.Tables }), "テーブル数"),
		notesField(EntityCompany, on(func(r *Company) *string { return &r.Notes })),
	}
	fs[0].Required, fs[1].Required = true, true
	fs[0].Section = "id"
	fs[3].Section, fs[4].Section, fs[5].Section = "caps", "caps", "caps"
	setMax(fs)
	fieldHint(fs, "scouts", T("「;」または改行で区切る", "separated by ';' or line breaks"))
	fieldHint(fs, "max_meetings", T("0 はイベント既定値", "0 means the event default"))
	fieldEn(fs, "name", "企業名（英語）", "社名（英語）", "英文社名", "英語社名")
	fieldEn(fs, "description", "説明（英語）", "企業概要（英語）")
	return fs
}

// ThemeFields is the schema of event.Theme, in form order.
func ThemeFields() []Field {
	t := func(name string, ja, en string, ft FieldType, v *Vocabulary, ed []Editor, section string, ref func(any) any, aliases ...string) Field {
		return Field{Entity: EntityTheme, Name: name, Label: T(ja, en), Type: ft, Vocab: v, Editors: ed, Section: section, ref: ref, Aliases: aliases}
	}
	fs := []Field{
		t("id", "テーマID", "Theme ID", TypeID, nil, byOrganizer, "id", on(func(r *Theme) *string { return &r.ID }), "ID番号"),
		t("company_id", "企業ID", "Company ID", TypeID, nil, byOrganizer, "id", on(func(r *Theme) *string { return &r.CompanyID })),
		t("title", "テーマ名", "Theme title", TypeText, nil, byScout, "theme", on(func(r *Theme) *Text { return &r.Title }), "テーマ名（日本語）", "タイトル", "テーマ"),
		t("description", "テーマ説明", "Theme description", TypeLongText, nil, byScout, "theme", on(func(r *Theme) *Text { return &r.Description }), "説明（日本語）", "説明", "テーマ説明（日本語）"),
		t("areas", "求める領域", "Wanted areas", TypeCodes, Areas, byScout, "wanted", on(func(r *Theme) *[]string { return &r.Areas }), "領域", "疾患領域", "診療領域", "対象領域"),
		t("technologies", "求める技術", "Wanted technologies", TypeCodes, Technologies, byScout, "wanted", on(func(r *Theme) *[]string { return &r.Technologies }), "技術", "技術分野"),
		t("stage_min", "希望ステージ（下限）", "Wanted stage from", TypeCode, DevStages, byScout, "wanted", on(func(r *Theme) *string { return &r.StageMin }), "開発段階（下限）"),
		t("stage_max", "希望ステージ（上限）", "Wanted stage to", TypeCode, DevStages, byScout, "wanted", on(func(r *Theme) *string { return &r.StageMax }), "開発段階（上限）"),
		t("product_types", "希望製品種別", "Wanted product types", TypeCodes, ProductTypes, byScout, "wanted", on(func(r *Theme) *[]string { return &r.ProductTypes }), "製品種別"),
		t("classes", "希望クラス分類", "Wanted device classes", TypeCodes, DeviceClasses, byScout, "wanted", on(func(r *Theme) *[]string { return &r.Classes }), "クラス分類", "医療機器クラス"),
		t("partnerships", "提供する提携", "Partnerships offered", TypeCodes, Partnerships, byScout, "wanted", on(func(r *Theme) *[]string { return &r.Partnerships }), "提携形態", "希望提携"),
	}
	fs[0].Required, fs[1].Required, fs[2].Required = true, true, true
	setMax(fs)
	fieldEn(fs, "title", "テーマ名（英語）", "タイトル（英語）")
	fieldEn(fs, "description", "テーマ説明（英語）", "説明（英語）")
	return fs
}

// EventFields is the schema of the event's scalar settings (days and
// breaks have their own editors), in form order. Every one is the
// organizer's.
func EventFields() []Field {
	e := func(name string, ja, en string, t FieldType, section string, ref func(any) any, aliases ...string) Field {
		return Field{Entity: EntityEvent, Name: name, Label: T(ja, en), Type: t, Editors: byOrganizer, Section: section, ref: ref, Aliases: aliases}
	}
	fs := []Field{
		e("name", "イベント名", "Event name", TypeText, "event", on(func(r *Event) *Text { return &r.Name }), "名称"),
		e("venue", "会場", "Venue", TypeText, "event", on(func(r *Event) *Text { return &r.Venue }), "開催場所"),
		e("time_zone", "タイムゾーン", "Time zone", TypeID, "event", on(func(r *Event) *string { return &r.TimeZone })),
		e("slot_minutes", "1枠の長さ（分）", "Slot length (minutes)", TypeInt, "event", on(func(r *Event) *int { return &r.SlotMinutes }), "枠の長さ", "面談時間"),
		e("tables", "テーブル数（同時面談数）", "Tables per slot", TypeInt, "event", on(func(r *Event) *int { return &r.Tables }), "テーブル数"),
		e("startup_cap", "スタートアップ上限面談数", "Max meetings per startup", TypeInt, "caps", on(func(r *Event) *int { return &r.StartupCap }), "スタートアップ上限"),
		e("company_cap", "企業上限面談数", "Max meetings per company", TypeInt, "caps", on(func(r *Event) *int { return &r.CompanyCap }), "企業上限"),
		e("fairness_floor", "最低保証面談数", "Fairness floor", TypeInt, "caps", on(func(r *Event) *int { return &r.FairnessFloor }), "最低面談数", "floor"),
		e("move_cost", "面談を動かすコスト", "Cost of moving a meeting", TypeDecimal, "caps", on(func(r *Event) **float64 { return &r.MoveCost }), "移動コスト"),
		e("portal_url", "ポータルの公開URL", "Portal public URL", TypeURL, "event", on(func(r *Event) *string { return &r.PortalURL }), "ポータルURL"),
	}
	fs[0].Required = true
	setMax(fs)
	fieldHint(fs, "move_cost", T("再実行で保存済みの面談を1件動かすときに諦める目的関数の値（0〜100、空欄は0.05、0は移動を気にしない）",
		"objective given up to avoid moving one saved meeting on a re-run (0 to 100; empty: 0.05; 0: moves are free)"))
	fieldHint(fs, "fairness_floor", T("相手候補のある各スタートアップに最低この数の面談", "each startup with acceptable pairs gets at least this many"))
	return fs
}

// NotesField is the name of the organizer's notes field of startups and
// companies: an import maps any number of file columns to it (each kept as
// "header: value" lines), and it is never shown in a portal.
const NotesField = "notes"

// MaxNotesLen is the length limit of the organizer's notes, in characters.
const MaxNotesLen = 10000

// notesField is the organizer's notes field of entity.
func notesField(entity string, ref func(any) any) Field {
	return Field{Entity: entity, Name: NotesField, Label: T("メモ（事務局用）", "Notes (organizer only)"),
		Hint: T("事務局だけが見るメモ。ポータルには表示されません", "only the organizer sees these; never shown in a portal"),
		Type: TypeNote, Editors: byOrganizer, Section: "notes", Private: true, ref: ref,
		Aliases: []string{"メモ", "備考", "事務局メモ", "備考欄", "notes", "note", "remarks", "memo"}}
}

// NameSeparators are what separates the names of a TypeNames list where
// people type or import them as one text: ';' (what exports write), the
// full-width '；', the Japanese '、' and line breaks. Commas are not
// separators, because names such as "Yamada, Taro" contain them.
const NameSeparators = ";；、\n"

// SplitNames splits a TypeNames text (scouts) into its trimmed, non-empty
// names at NameSeparators: the one rule the desktop form and the import
// use.
func SplitNames(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(NameSeparators, r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// setMax fills in the length limits of validation.
func setMax(fs []Field) {
	for i := range fs {
		switch fs[i].Type {
		case TypeID:
			fs[i].Max = MaxIDLen
		case TypeText:
			fs[i].Max = MaxNameLen
		case TypeLongText:
			fs[i].Max = MaxSummaryLen
		case TypeURL, TypeEmail:
			fs[i].Max = MaxURLLen
		case TypeNames:
			fs[i].Max = MaxNameLen
		case TypeNote:
			fs[i].Max = MaxNotesLen
		}
	}
}

func fieldHint(fs []Field, name string, hint Text) {
	for i := range fs {
		if fs[i].Name == name {
			fs[i].Hint = hint
			return
		}
	}
	panic(fmt.Sprintf("event: no field %s", name))
}

func fieldEn(fs []Field, name string, aliases ...string) {
	for i := range fs {
		if fs[i].Name == name {
			fs[i].AliasesEn = aliases
			return
		}
	}
	panic(fmt.Sprintf("event: no field %s", name))
}
