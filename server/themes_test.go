package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// TestThemesCatalogue: GET /themes gives every theme with what the fit
// preview scores (areas, stages, …) and every company's name, the same
// raw and gzip-compressed, without company descriptions or record
// versions; an edit of a theme, a company or the event shows at once.
func TestThemesCatalogue(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	tok := f.invite("S1", time.Hour)
	get := func(enc string) (api.Themes, []byte, http.Header) {
		t.Helper()
		req, _ := http.NewRequest("GET", f.http.URL+api.PathThemes, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Accept-Encoding", enc)
		res, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
		if enc == "gzip" {
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("not compressed: %v", res.Header)
			}
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		} else if res.Header.Get("Content-Encoding") != "" {
			t.Fatalf("compressed without asking: %v", res.Header)
		}
		var v api.Themes
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		return v, b, res.Header
	}
	check := func(label string) api.Themes {
		t.Helper()
		raw, rawBody, h := get("")
		gz, gzBody, _ := get("gzip")
		if !bytes.Equal(rawBody, gzBody) {
			t.Fatalf("%s: raw and gzip bodies differ", label)
		}
		if h.Get("Content-Type") != "application/json; charset=utf-8" || h.Get("Cache-Control") != "no-store" {
			t.Fatalf("%s: headers %v", label, h)
		}
		ths, _ := f.db.Themes(ctx)
		cos, _ := f.db.Companies(ctx)
		if len(raw.Themes) != len(ths) || len(raw.Companies) != len(cos) || len(gz.Themes) != len(ths) {
			t.Fatalf("%s: %d themes %d companies, stored %d %d", label, len(raw.Themes), len(raw.Companies), len(ths), len(cos))
		}
		for i, th := range ths {
			want := *th
			want.Version, want.UpdatedAt = 0, time.Time{}
			if got := raw.Themes[i]; !jsonEqual(got, &want) {
				t.Fatalf("%s: theme %+v, stored %+v", label, got, want)
			}
		}
		for i, c := range cos {
			if got := raw.Companies[i]; got.ID != c.ID || got.Name != c.Name || got.Description != (event.Text{}) {
				t.Fatalf("%s: company %+v, stored %+v", label, got, c)
			}
		}
		if regexp.MustCompile(`"version":[1-9]`).Match(rawBody) || bytes.Contains(rawBody, []byte(`"updated_at"`)) {
			t.Fatalf("%s: record versions or times sent: %s", label, rawBody)
		}
		return raw
	}
	first := check("first")
	if first.Event.Name != seedBatch().Event.Name {
		t.Fatalf("event %+v", first.Event)
	}
	th, _ := f.db.Theme(ctx, "T1")
	th.Areas = []string{"oncology", "neurology"}
	if err := f.db.SaveTheme(ctx, "test", th); err != nil {
		t.Fatal(err)
	}
	if got := check("theme edited"); got.Themes[0].Areas[0] != "neurology" && got.Themes[0].Areas[0] != "oncology" {
		t.Fatalf("edited theme not shown: %+v", got.Themes[0])
	}
	c, _ := f.db.Company(ctx, "C2")
	c.Name.En = "Monitor Holdings"
	if err := f.db.SaveCompany(ctx, "test", c); err != nil {
		t.Fatal(err)
	}
	if got := check("company edited"); got.Companies[1].Name.En != "Monitor Holdings" {
		t.Fatalf("edited company not shown: %+v", got.Companies[1])
	}
	ev, _ := f.db.Event(ctx)
	ev.Name.En = "JHVS 2026"
	if err := f.db.SaveEvent(ctx, "test", ev); err != nil {
		t.Fatal(err)
	}
	if got := check("event edited"); got.Event.Name.En != "JHVS 2026" {
		t.Fatalf("edited event not shown: %+v", got.Event)
	}
	if err := f.db.SaveTheme(ctx, "test", &event.Theme{ID: "T3", CompanyID: "C1", Title: event.T("新", "New")}); err != nil {
		t.Fatal(err)
	}
	if got := check("theme added"); len(got.Themes) != 3 {
		t.Fatalf("added theme not shown")
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
