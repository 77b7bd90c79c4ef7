package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"pitchmatch/event"
	"pitchmatch/exchange/results"
	"pitchmatch/matching/embed"
)

// Data is a snapshot of one event file, loaded in one go so views can draw
// from memory. It is replaced, never edited in place, by a reload.
type Data struct {
	Event        *event.Event
	Startups     []*event.Startup
	Companies    []*event.Company
	Themes       []*event.Theme
	Interests    []event.Interest
	Meetings     []event.Meeting
	Availability []event.Availability
	CheckIns     []event.CheckIn // participants' arrivals per day (checkin.go)

	// vectors is the store's embedding cache when it has one; ranking reads
	// cached vectors from it (never the network) in PrepareModel.
	vectors embed.Cache
	// programme is the store's programme side when it has one; the KPI
	// report's PDF reads the programme figures from it.
	programme results.Source

	startupIdx map[string]int
	companyIdx map[string]int
	themeIdx   map[string]int
	searchOnce sync.Once
	search     []string // lower-cased, NFKC-normalised search text per startup, built on first use
	checkIdx   map[checkInKey]int

	// undoNext and redoNext are the audit entries the organizer's next
	// undo and redo would invert (undo.go); nil when there is none.
	undoNext, redoNext *event.AuditEntry
}

// snapshotter is a store that reads the whole event in one read
// transaction (*storage.DB).
type snapshotter interface {
	Snapshot(ctx context.Context) (*event.Batch, error)
}

// LoadData reads everything the views need from store as one consistent
// snapshot: with *storage.DB one read transaction (Snapshot), so a save by
// another program in the middle cannot give meetings of startups that are
// not loaded; other stores are read table by table.
func LoadData(ctx context.Context, store event.Store) (*Data, error) {
	var b *event.Batch
	if s, ok := store.(snapshotter); ok {
		var err error
		if b, err = s.Snapshot(ctx); err != nil {
			return nil, err
		}
	} else {
		b = &event.Batch{}
		loads := []struct {
			what string
			load func() error
		}{
			{"event", func() (err error) { b.Event, err = store.Event(ctx); return }},
			{"startups", func() (err error) { b.Startups, err = store.Startups(ctx); return }},
			{"companies", func() (err error) { b.Companies, err = store.Companies(ctx); return }},
			{"themes", func() (err error) { b.Themes, err = store.Themes(ctx); return }},
			{"interests", func() (err error) { b.Interests, err = store.Interests(ctx); return }},
			{"meetings", func() (err error) { b.Meetings, err = store.Meetings(ctx); return }},
			{"availability", func() (err error) { b.Availability, err = store.Availability(ctx); return }},
		}
		for _, l := range loads {
			if err := l.load(); err != nil {
				return nil, fmt.Errorf("read %s: %w", l.what, err)
			}
		}
	}
	d := &Data{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
		Interests: b.Interests, Meetings: b.Meetings, Availability: b.Availability}
	if c, ok := store.(embed.Cache); ok {
		d.vectors = c
	}
	if ps, ok := store.(results.Source); ok {
		d.programme = ps
	}
	d.index()
	// Check-ins are read after the snapshot: they are independent of
	// everything in it (a participant checked in a moment later shows as
	// checked in, which is what the reception wants).
	if err := d.loadCheckIns(ctx, store); err != nil {
		return nil, err
	}
	if err := d.loadUndo(ctx, store); err != nil {
		return nil, err
	}
	return d, nil
}

// NewData builds a snapshot from records already in memory.
func NewData(b *event.Batch) *Data {
	d := &Data{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
		Interests: b.Interests, Meetings: b.Meetings, Availability: b.Availability}
	if d.Event == nil {
		d.Event = &event.Event{}
	}
	d.index()
	return d
}

func (d *Data) index() {
	d.startupIdx = make(map[string]int, len(d.Startups))
	for i, s := range d.Startups {
		d.startupIdx[s.ID] = i
	}
	sort.Slice(d.Companies, func(i, j int) bool { return d.Companies[i].ID < d.Companies[j].ID })
	d.companyIdx = make(map[string]int, len(d.Companies))
	for i, c := range d.Companies {
		d.companyIdx[c.ID] = i
	}
	sort.Slice(d.Themes, func(i, j int) bool {
		if d.Themes[i].CompanyID != d.Themes[j].CompanyID {
			return d.Themes[i].CompanyID < d.Themes[j].CompanyID
		}
		return d.Themes[i].ID < d.Themes[j].ID
	})
	d.themeIdx = make(map[string]int, len(d.Themes))
	for i, t := range d.Themes {
		d.themeIdx[t.ID] = i
	}
}

// searchIndex returns the per-startup search text, building it on first
// use (safe from any goroutine).
func (d *Data) searchIndex() []string {
	d.searchOnce.Do(func() {
		d.search = make([]string, len(d.Startups))
		var sb strings.Builder
		for i, s := range d.Startups {
			sb.Reset()
			for _, part := range []string{s.ID, s.Name.Ja, s.Name.En, s.ProductName.Ja, s.ProductName.En, s.ProductSummary.Ja, s.ProductSummary.En} {
				sb.WriteString(part)
				sb.WriteByte('\n')
			}
			d.search[i] = normalise(sb.String())
		}
	})
	return d.search
}

// normalise folds width and case so "ＡＩ" finds "ai" and "ｶﾃｰﾃﾙ" finds
// "カテーテル". Full-width ASCII and the ideographic space are folded in one
// pass; only text with half-width katakana goes through NFKC.
func normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana: rare, let NFKC compose it
			return normalise(norm.NFKC.String(s))
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Startup returns the startup with id, or nil.
func (d *Data) Startup(id string) *event.Startup {
	if i, ok := d.startupIdx[id]; ok {
		return d.Startups[i]
	}
	return nil
}

// Company returns the company with id, or nil.
func (d *Data) Company(id string) *event.Company {
	if i, ok := d.companyIdx[id]; ok {
		return d.Companies[i]
	}
	return nil
}

// Theme returns the theme with id, or nil.
func (d *Data) Theme(id string) *event.Theme {
	if i, ok := d.themeIdx[id]; ok {
		return d.Themes[i]
	}
	return nil
}

// ThemesOf lists the themes of a company.
func (d *Data) ThemesOf(companyID string) []*event.Theme {
	var out []*event.Theme
	for _, t := range d.Themes {
		if t.CompanyID == companyID {
			out = append(out, t)
		}
	}
	return out
}

// StartupName is the startup's name in lang, or its ID if unknown.
func (d *Data) StartupName(id string, lang event.Lang) string {
	if s := d.Startup(id); s != nil && !s.Name.IsZero() {
		return s.Name.In(lang)
	}
	return id
}

// CompanyName is the company's name in lang, or its ID if unknown.
func (d *Data) CompanyName(id string, lang event.Lang) string {
	if c := d.Company(id); c != nil && !c.Name.IsZero() {
		return c.Name.In(lang)
	}
	return id
}

// ThemeLabel is "company: theme title" in lang.
func (d *Data) ThemeLabel(id string, lang event.Lang) string {
	t := d.Theme(id)
	if t == nil {
		return id
	}
	return d.CompanyName(t.CompanyID, lang) + ": " + t.Title.In(lang)
}

// StartupFilter selects startups in the list view.
type StartupFilter struct {
	Query string     // substring of ID, names, product name or summary (either language)
	Area  event.Code // "" for any
	Stage event.Code // "" for any
}

// FilterStartups returns the indexes into d.Startups that match f, in order.
func (d *Data) FilterStartups(f StartupFilter) []int {
	q := normalise(strings.TrimSpace(f.Query))
	var search []string
	if q != "" {
		search = d.searchIndex()
	}
	out := make([]int, 0, len(d.Startups))
	for i, s := range d.Startups {
		if q != "" && !strings.Contains(search[i], q) {
			continue
		}
		if f.Stage != "" && s.DevStage != f.Stage {
			continue
		}
		if f.Area != "" && !hasCode(s.Areas, f.Area) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// FilterCompanies returns the indexes of companies whose ID, name or any
// theme title contains q.
func (d *Data) FilterCompanies(q string) []int {
	q = normalise(strings.TrimSpace(q))
	out := make([]int, 0, len(d.Companies))
	for i, c := range d.Companies {
		if q == "" || strings.Contains(normalise(c.ID+"\n"+c.Name.Joined()), q) || d.themeMatches(c.ID, q) {
			out = append(out, i)
		}
	}
	return out
}

func (d *Data) themeMatches(companyID, q string) bool {
	for _, t := range d.ThemesOf(companyID) {
		if strings.Contains(normalise(t.ID+"\n"+t.Title.Joined()), q) {
			return true
		}
	}
	return false
}

func hasCode(list []event.Code, c event.Code) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// codeLabels joins the labels of codes in lang.
func codeLabels(v *event.Vocabulary, codes []event.Code, lang event.Lang) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = v.Label(c, lang)
	}
	sep := ", "
	if lang == event.Ja {
		sep = "、"
	}
	return strings.Join(parts, sep)
}
