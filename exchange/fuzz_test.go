package exchange

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"pitchmatch/event"
)

// FuzzImportCSV feeds arbitrary bytes to the import pipeline (table,
// suggested mapping, plan) as each kind. It must never panic, and must
// give either problems or a batch whose every record passes validation
// (and the theme and slot checks).
func FuzzImportCSV(f *testing.F) {
	ctx := context.Background()
	seed := genBatch(3, 3, fuzzSlots)
	for i, kind := range Kinds() {
		var buf bytes.Buffer
		if err := WriteCSV(ctx, &buf, kind, seed); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), uint8(i))
	}
	f.Add([]byte(csvOf(KindStartups, startupRow("S1", "areas", "循環器；Oncology", "founded", "2018年"))), uint8(0))
	f.Add([]byte("kind,id,unavailable\nstartup,S1,\"1-3;5\"\n"), uint8(3))
	f.Add([]byte("id,name_ja\n\"broken"), uint8(1))
	f.Add([]byte("\xef\xbb\xbfid\tcompany_id\n\x81\x40"), uint8(2))
	f.Add([]byte{0xff, 0xfe, 'i', 0, 'd', 0}, uint8(1))
	f.Add([]byte("社名,代表者名,備考\nA社,山田,=1+1\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kinds()[int(k)%len(Kinds())]
		p, err := importData("fuzz.csv", data, kind, fuzzStored(seed))
		checkFuzzResult(t, p, err)
	})
}

const fuzzSlots = 8

// fuzzStored is an event with fuzzSlots slots holding b's companies and
// startups, into which the fuzzed files are imported.
func fuzzStored(b *event.Batch) *Stored {
	return &Stored{Event: slotsEvent(fuzzSlots), Startups: b.Startups, Companies: b.Companies}
}

// checkFuzzResult asserts the pipeline's contract: problems (an
// *ImportError, EInvalid) and nothing to store, or a batch whose every
// record is valid.
func checkFuzzResult(t *testing.T, p *Plan, err error) {
	t.Helper()
	if err != nil {
		var ie *ImportError
		if !errors.As(err, &ie) || len(ie.Problems) == 0 {
			t.Fatalf("error is not an *ImportError with problems: %#v", err)
		}
		if event.ErrorCode(err) != event.EInvalid {
			t.Fatalf("ErrorCode = %q", event.ErrorCode(err))
		}
		return
	}
	b := p.Batch
	for _, s := range b.Startups {
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid startup: %v", err)
		}
	}
	for _, c := range b.Companies {
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid company: %v", err)
		}
	}
	for _, th := range b.Themes {
		if err := th.Validate(); err != nil || !strings.HasPrefix(th.CompanyID, "C") {
			t.Fatalf("accepted an invalid theme %+v: %v", th, err)
		}
	}
	for _, a := range b.Availability {
		if err := a.Validate(fuzzSlots); err != nil {
			t.Fatalf("accepted invalid availability: %v", err)
		}
	}
}

// FuzzImportJSON is FuzzImportCSV for JSON files.
func FuzzImportJSON(f *testing.F) {
	ctx := context.Background()
	seed := genBatch(5, 2, fuzzSlots)
	for i, kind := range Kinds() {
		var buf bytes.Buffer
		if err := WriteJSON(ctx, &buf, kind, seed); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), uint8(i))
	}
	f.Add([]byte(`{"themes": [{"id": "T1", "company_id": "C001", "title": {"ja": "x", "en": ""}}], "startups": []}`), uint8(2))
	f.Add([]byte(`[{"id": "S1", "name": {"ja": 1}}]`), uint8(0))
	f.Add([]byte(`[{"id": "S1", "name": {"ja": "a"}, "notes": null, "x": {"y": [1]}}]`), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kinds()[int(k)%len(Kinds())]
		p, err := importData("fuzz.json", data, kind, fuzzStored(seed))
		checkFuzzResult(t, p, err)
	})
}

// FuzzCSVRoundTrip checks that any valid company whose text is trimmed and
// uses "\n" for line breaks comes back from WriteTable and the import
// pipeline unchanged.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("株式会社テスト", "=1+1", "'-x", "山田 太郎", "C1")
	f.Add("a,\"b\"", "行1\n行2", "''", "@x", "c.2")
	f.Fuzz(func(t *testing.T, nameJa, nameEn, desc, scout, id string) {
		c := &event.Company{ID: id, Name: event.T(nameJa, nameEn), Description: event.T(desc, ""), MaxMeetings: len(desc) % 50}
		if scout != "" {
			c.Scouts = []string{scout, scout + "2"}
		}
		for _, s := range []string{nameJa, nameEn, desc, scout, id} {
			if strings.TrimSpace(s) != s || strings.ContainsRune(s, '\r') {
				return // not in stored form: import trims and CSV turns CRLF into LF
			}
		}
		if strings.ContainsAny(scout, event.NameSeparators) || strings.TrimSpace(scout) == "" && scout != "" {
			return
		}
		if !isASCII(id) || c.Validate() != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteTable(context.Background(), &buf, KindCompanies, &Stored{Companies: []*event.Company{c}}, false); err != nil {
			t.Fatal(err)
		}
		p, err := importData("rt.csv", buf.Bytes(), KindCompanies, nil)
		if err != nil {
			t.Fatalf("re-import of %+v failed: %v", c, err)
		}
		if b := p.Batch; len(b.Companies) != 1 || !reflect.DeepEqual(b.Companies[0], c) {
			t.Fatalf("round trip changed\n%#v\ninto\n%#v", c, b.Companies)
		}
	})
}
