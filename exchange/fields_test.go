package exchange

import (
	"bytes"
	"context"
	"testing"

	"pitchmatch/event"
)

// sampleValue sets a valid, non-zero value of f in rec.
func sampleValue(f *event.Field, rec any) {
	switch f.Type {
	case event.TypeID:
		*f.String(rec) = "X1"
	case event.TypeText, event.TypeLongText:
		*f.Text(rec) = event.T("日本語の値", "English value")
	case event.TypeInt:
		*f.Int(rec) = 3
	case event.TypeYear:
		*f.Int(rec) = 2019
	case event.TypeCode:
		*f.String(rec) = f.Vocab.Terms[len(f.Vocab.Terms)-1].Code
	case event.TypeCodes:
		*f.List(rec) = []string{f.Vocab.Terms[0].Code, f.Vocab.Terms[1].Code}
	case event.TypeURL:
		*f.String(rec) = "https://example.jp/a"
	case event.TypeEmail:
		*f.String(rec) = "info@example.jp"
	case event.TypeNames:
		*f.List(rec) = []string{"山田 太郎", "Jane Smith"}
	case event.TypeNote:
		*f.String(rec) = "代表者名: 山田 太郎\n=要フォロー, \"引用\""
	default:
		panic("no sample for field type")
	}
}

func newRecord(kind Kind) any {
	switch kind {
	case KindStartups:
		return &event.Startup{ID: "S1", Name: event.T("株式会社テスト", "")}
	case KindCompanies:
		return &event.Company{ID: "C1", Name: event.T("テスト製作所", "")}
	case KindThemes:
		return &event.Theme{ID: "T1", CompanyID: "C1", Title: event.T("テーマ", "")}
	}
	return nil
}

func batchOf(rec any) *event.Batch {
	b := &event.Batch{}
	switch r := rec.(type) {
	case *event.Startup:
		b.Startups = append(b.Startups, r)
	case *event.Company:
		b.Companies = append(b.Companies, r)
	case *event.Theme:
		b.Themes = append(b.Themes, r)
	}
	return b
}

func firstRecord(kind Kind, b *event.Batch) any {
	switch kind {
	case KindStartups:
		return b.Startups[0]
	case KindCompanies:
		return b.Companies[0]
	}
	return b.Themes[0]
}

// A field in the schema reaches the CSV and JSON exports and comes back
// through the import pipeline; a schema field missing from either fails
// here.
func TestSchemaFieldsInExportAndImport(t *testing.T) {
	ctx := context.Background()
	for _, kind := range []Kind{KindStartups, KindCompanies, KindThemes} {
		header := map[string]bool{}
		for _, c := range Columns(kind) {
			header[c] = true
		}
		for _, f := range event.Fields(kind.entity()) {
			for _, c := range f.Columns() {
				if !header[c] {
					t.Errorf("%s: schema column %s is not in the CSV header", kind, c)
				}
			}
			rec := newRecord(kind)
			sampleValue(&f, rec)
			b := batchOf(rec)
			st := &Stored{Startups: b.Startups, Companies: b.Companies, Themes: b.Themes}
			var buf bytes.Buffer
			if err := WriteTable(ctx, &buf, kind, st, false); err != nil {
				t.Fatal(err)
			}
			var js bytes.Buffer
			if err := WriteJSON(ctx, &js, kind, b); err != nil {
				t.Fatal(err)
			}
			into := &Stored{Companies: []*event.Company{{ID: "C1", Version: 1, Name: event.T("テスト製作所", "")},
				{ID: "X1", Version: 1, Name: event.T("別の製作所", "")}}}
			if kind == KindCompanies {
				into = nil
			}
			for _, file := range []struct {
				name string
				data []byte
			}{{"x.csv", buf.Bytes()}, {"x.json", js.Bytes()}} {
				p, err := importData(file.name, file.data, kind, into)
				if err != nil {
					t.Fatalf("%s.%s from %s: %v", kind, f.Name, file.name, err)
				}
				if back := firstRecord(kind, p.Batch); !f.Equal(back, rec) {
					t.Errorf("%s.%s: exported %q, imported %q from %s", kind, f.Name, f.Cells(rec), f.Cells(back), file.name)
				}
			}
		}
	}
}

// Every header a schema column accepts names that column only; two
// columns accepting the same header would silently swap values.
func TestSchemaAliasesUnique(t *testing.T) {
	for _, kind := range Kinds() {
		owner := map[string]string{}
		for _, c := range columnsOf(kind) {
			for _, h := range append([]string{c.name}, c.aliases...) {
				k := fold(h)
				if prev, ok := owner[k]; ok && prev != c.name {
					t.Errorf("%s: header %q is accepted for %s and %s", kind, h, prev, c.name)
				}
				owner[k] = c.name
			}
		}
	}
}
