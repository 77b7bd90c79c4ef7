package exchange

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"pitchmatch/event"
)

const testSlots = 24

// storedFor is what the event holds before a file of kind from b is
// imported: every other kind of b (so themes find their companies and
// availability its participants) and slots for availability.
func storedFor(kind Kind, b *event.Batch) *Stored {
	st := &Stored{Event: slotsEvent(testSlots)}
	if kind != KindStartups {
		st.Startups = b.Startups
	}
	if kind != KindCompanies {
		st.Companies = b.Companies
	}
	return st
}

// plainRecords is records with the store's fields (Version, UpdatedAt)
// zeroed, as a plan holds new records.
func plainRecords(kind Kind, b *event.Batch) any {
	c := &event.Batch{}
	for _, s := range b.Startups {
		x := *s
		x.Version, x.UpdatedAt = 0, time.Time{}
		c.Startups = append(c.Startups, &x)
	}
	for _, co := range b.Companies {
		x := *co
		x.Version, x.UpdatedAt = 0, time.Time{}
		c.Companies = append(c.Companies, &x)
	}
	for _, t := range b.Themes {
		x := *t
		x.Version, x.UpdatedAt = 0, time.Time{}
		c.Themes = append(c.Themes, &x)
	}
	c.Availability = b.Availability
	return records(kind, c)
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
			p, err := importData("export.csv", buf.Bytes(), kind, storedFor(kind, want))
			if err != nil {
				t.Fatalf("re-import failed:\n%v", err)
			}
			if got := records(kind, p.Batch); !reflect.DeepEqual(got, records(kind, want)) {
				t.Errorf("round trip changed records")
				diffFirst(t, got, records(kind, want))
			}
		})
	}
}

func TestRoundTripJSON(t *testing.T) {
	ctx := context.Background()
	want := genBatch(11, 200, testSlots)
	withStoreFields(want)
	for _, kind := range Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(ctx, &buf, kind, want); err != nil {
				t.Fatal(err)
			}
			p, err := importData("export.json", buf.Bytes(), kind, storedFor(kind, want))
			if err != nil {
				t.Fatalf("re-import failed:\n%v", err)
			}
			if got := records(kind, p.Batch); !reflect.DeepEqual(got, plainRecords(kind, want)) {
				t.Errorf("round trip changed records")
				diffFirst(t, got, plainRecords(kind, want))
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
		p, err := importData("empty.csv", buf.Bytes(), kind, &Stored{Event: slotsEvent(1)})
		if err != nil {
			t.Fatalf("%s: header-only file: %v", kind, err)
		}
		if n := p.New + p.Changed; n != 0 {
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
