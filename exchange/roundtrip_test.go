package exchange

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"pitchmatch/event"
)

const testSlots = 24

func companyIn(b *event.Batch) func(string) bool {
	ids := map[string]bool{}
	for _, c := range b.Companies {
		ids[c.ID] = true
	}
	return func(id string) bool { return ids[id] }
}

// records returns the slice of kind in b, for comparison.
func records(kind Kind, b *event.Batch) any {
	switch kind {
	case KindStartups:
		return b.Startups
	case KindCompanies:
		return b.Companies
	case KindThemes:
		return b.Themes
	}
	return b.Availability
}

func TestRoundTripCSV(t *testing.T) {
	ctx := context.Background()
	want := genBatch(7, 300, testSlots)
	opt := ReadOptions{NumSlots: testSlots, CompanyExists: companyIn(want)}
	for _, kind := range Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(ctx, &buf, kind, want); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), bomUTF8) {
				t.Error("CSV export does not start with a UTF-8 byte-order mark")
			}
			if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
				t.Error("CSV export does not use CRLF line ends")
			}
			got, err := ReadCSV(ctx, "export.csv", &buf, kind, opt)
			if err != nil {
				t.Fatalf("re-import failed:\n%v", err)
			}
			if !reflect.DeepEqual(records(kind, got), records(kind, want)) {
				t.Errorf("round trip changed records")
				diffFirst(t, records(kind, got), records(kind, want))
			}
		})
	}
}

func TestRoundTripJSON(t *testing.T) {
	ctx := context.Background()
	want := genBatch(11, 200, testSlots)
	withStoreFields(want)
	opt := ReadOptions{NumSlots: testSlots, CompanyExists: companyIn(want)}
	for _, kind := range Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(ctx, &buf, kind, want); err != nil {
				t.Fatal(err)
			}
			got, err := ReadJSON(ctx, "export.json", &buf, kind, opt)
			if err != nil {
				t.Fatalf("re-import failed:\n%v", err)
			}
			if !reflect.DeepEqual(records(kind, got), records(kind, want)) {
				t.Errorf("round trip changed records")
				diffFirst(t, records(kind, got), records(kind, want))
			}
		})
	}
}

// diffFirst reports the first differing record.
func diffFirst(t *testing.T, got, want any) {
	t.Helper()
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	if g.Len() != w.Len() {
		t.Errorf("got %d records, want %d", g.Len(), w.Len())
	}
	for i := 0; i < min(g.Len(), w.Len()); i++ {
		if !reflect.DeepEqual(g.Index(i).Interface(), w.Index(i).Interface()) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g.Index(i).Interface(), w.Index(i).Interface())
			return
		}
	}
}

func TestWriteEmpty(t *testing.T) {
	ctx := context.Background()
	for _, kind := range Kinds() {
		var buf bytes.Buffer
		if err := WriteCSV(ctx, &buf, kind, nil); err != nil {
			t.Fatal(err)
		}
		b, err := ReadCSV(ctx, "empty.csv", &buf, kind, ReadOptions{NumSlots: 1})
		if err != nil {
			t.Fatalf("%s: header-only file: %v", kind, err)
		}
		if n := reflect.ValueOf(records(kind, b)).Len(); n != 0 {
			t.Errorf("%s: header-only file gave %d records", kind, n)
		}
		buf.Reset()
		if err := WriteJSON(ctx, &buf, kind, nil); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != "[]\n" {
			t.Errorf("%s: empty JSON export = %q, want []", kind, got)
		}
	}
}
