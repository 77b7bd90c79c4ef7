package render

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
)

func TestEveryFormat(t *testing.T) {
	now := time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)
	magic := map[string]string{"ics": "BEGIN:VCALENDAR\r\n", "pdf": "%PDF-", "xlsx": "PK\x03\x04", "csv": "\uFEFF"}
	for _, format := range Formats() {
		for _, scope := range []docs.Scope{{}, {Kind: event.KindCompany, ID: "C02"}} {
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, format, false, docstest.Small(), scope, Options{Now: now}); err != nil {
				t.Fatalf("%s %s: %v", format, scope, err)
			}
			if !strings.HasPrefix(buf.String(), magic[format]) {
				t.Errorf("%s %s: starts %q", format, scope, buf.String()[:min(8, buf.Len())])
			}
		}
		var buf bytes.Buffer
		err := Write(context.Background(), &buf, format, true, docstest.Small(), docs.Scope{}, Options{Now: now})
		if archive := format == "ics" || format == "pdf"; archive != (err == nil) {
			t.Errorf("%s as zip: err %v", format, err)
		} else if archive && !strings.HasPrefix(buf.String(), "PK\x03\x04") {
			t.Errorf("%s zip does not start like a zip", format)
		}
	}
	if err := Write(context.Background(), &bytes.Buffer{}, "docx", false, docstest.Small(), docs.Scope{}, Options{}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("unknown format: %v", err)
	}
}
