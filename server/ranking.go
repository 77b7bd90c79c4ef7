package server

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"

	"golang.org/x/text/unicode/norm"
)

// The scouts' rankings are scored on the server with matching, from the
// same inputs as the desktop and the CLI (the whole event, cached
// embeddings), so the numbers are the same. Preparing the model reads the
// whole event, so it is built once and shared: rebuilt in the background
// when the server itself changed something that scoring reads (marks,
// answers) or after maxModelAge, while requests keep using the model they
// have. Each theme's full order is computed once per model and kept for
// maxThemeOrders themes; a page then costs its rows' explanations.

const (
	maxModelAge    = 2 * time.Minute  // a model older than this is rebuilt (outside changes: the desktop, imports)
	minRebuild     = 10 * time.Second // changes made through the server are scored in at most this often
	maxThemeOrders = 256
	defaultPer     = 20
	maxPer         = 100
)

type rankCache struct {
	mu       sync.Mutex
	model    *matching.Model
	ev       *event.Event
	startups map[string]*event.Startup
	ix       *rankIndex    // the startups, their search texts and posting lists
	fields   []event.Field // the startup fields published to scouts
	stamp    string        // storage's ModelStamp when the model was built
	builtAt  time.Time
	dirty    bool
	building bool
	ready    chan struct{} // closed when the first model is built
	buildErr error         // the first build's failure, for the requests waiting on it
	orders   map[string]*themeOrder
	useOrder int64
	// cachedRows counts the rows explained under the current model
	// (themeOrder.rows), bounded by maxCachedRows.
	cachedRows atomic.Int64
}

func newRankCache() *rankCache {
	return &rankCache{ready: make(chan struct{}), orders: map[string]*themeOrder{}}
}

// invalidate marks the model stale; the next request rebuilds it in the
// background.
func (c *rankCache) invalidate() {
	c.mu.Lock()
	c.dirty = true
	c.mu.Unlock()
}

// get returns the current model. The first one is built by the request
// that needs it (the others wait); a stale one is rebuilt in the
// background when Options.Background is set (pitchmatch serve), else by
// the request that finds it stale, while the others keep the model they
// have.
func (c *rankCache) get(ctx context.Context, s *Server) (*matching.Model, *event.Event, map[string]*event.Startup, error) {
	c.mu.Lock()
	age := s.now().Sub(c.builtAt)
	stale := c.model == nil || (c.dirty && age > minRebuild) || age > maxModelAge
	if stale && !c.building {
		c.building, c.dirty = true, false
		if c.model != nil && s.bg != nil {
			s.bgWG.Add(1)
			go func() {
				defer s.bgWG.Done()
				c.rebuild(s.bg, s)
			}()
		} else {
			c.mu.Unlock()
			c.rebuild(context.WithoutCancel(ctx), s)
			c.mu.Lock()
		}
	}
	m, ev, st := c.model, c.ev, c.startups
	first := c.buildErr
	c.mu.Unlock()
	if m != nil {
		return m, ev, st, nil
	}
	if first != nil {
		c.mu.Lock()
		c.buildErr = nil
		c.mu.Unlock()
		return nil, nil, nil, first
	}
	select {
	case <-c.ready:
	case <-ctx.Done():
		return nil, nil, nil, ctx.Err()
	}
	return c.get(ctx, s)
}

// rebuild prepares a new model and installs it.
func (c *rankCache) rebuild(ctx context.Context, s *Server) {
	// Nothing the model reads changed since it was built (the usual case
	// when it is only old): keep it, with its orders and rows.
	stamp, serr := s.store.ModelStamp(ctx)
	c.mu.Lock()
	if serr == nil && c.model != nil && stamp == c.stamp {
		c.building, c.builtAt = false, s.now()
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	m, ev, st, err := prepareModel(ctx, s)
	var ix *rankIndex
	if err == nil {
		ix = newRankIndex(st)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.building = false
	if err != nil {
		c.dirty = true
		if c.model == nil {
			c.buildErr = err
		}
		s.log.Error("ranking model", "err", err.Error())
		return
	}
	c.model, c.ev, c.startups, c.builtAt = m, ev, st, s.now()
	c.stamp = stamp // "" when it could not be read: the next rebuild builds
	c.fields = event.PublishedToScouts(ev)
	c.ix = ix
	c.cachedRows.Store(0)
	c.orders = map[string]*themeOrder{}
	select {
	case <-c.ready:
	default:
		close(c.ready)
	}
}

// prepareModel is the desktop's and the CLI's ranking input read from one
// snapshot, with the cached embeddings where they cover the event.
func prepareModel(ctx context.Context, s *Server) (*matching.Model, *event.Event, map[string]*event.Startup, error) {
	b, err := s.store.Snapshot(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ev := b.Event
	if ev == nil {
		ev = &event.Event{}
	}
	in := matching.Input{Event: ev, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes, Interests: b.Interests}
	p, note := embed.ForRanking(ctx, s.store, os.Getenv, ev, b.Startups, b.Themes)
	if p.Startups != nil && p.Themes != nil {
		in.StartupVectors, in.ThemeVectors = p.Startups, p.Themes
	}
	in.EmbeddingNote = note
	m, err := matching.Prepare(ctx, in)
	if err != nil {
		return nil, nil, nil, err
	}
	st := make(map[string]*event.Startup, len(b.Startups))
	for _, x := range b.Startups {
		st[x.ID] = x
	}
	return m, ev, st, nil
}

// order returns the theme's full ranking (IDs and scores, best first)
// under model m, whose startups ix indexes. It is computed once per model
// and theme: concurrent requests for a theme not yet ranked wait for the
// one computing it.
func (c *rankCache) order(ctx context.Context, m *matching.Model, ix *rankIndex, themeID string) (*themeOrder, error) {
	c.mu.Lock()
	if c.model != m { // replaced meanwhile: rank for this request only
		c.mu.Unlock()
		return computeOrder(ctx, m, ix, themeID)
	}
	c.useOrder++
	if o := c.orders[themeID]; o != nil {
		o.used = c.useOrder
		c.mu.Unlock()
		select {
		case <-o.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if o.err != nil {
			return nil, o.err
		}
		return o, nil
	}
	if len(c.orders) >= maxThemeOrders {
		var oldest string
		var least int64 = -1
		for k, v := range c.orders {
			if least < 0 || v.used < least {
				oldest, least = k, v.used
			}
		}
		delete(c.orders, oldest)
	}
	slot := &themeOrder{ready: make(chan struct{}), used: c.useOrder}
	c.orders[themeID] = slot
	c.mu.Unlock()
	o, err := computeOrder(context.WithoutCancel(ctx), m, ix, themeID)
	if err != nil {
		c.mu.Lock()
		if c.orders[themeID] == slot {
			delete(c.orders, themeID)
		}
		c.mu.Unlock()
		slot.err = err
		close(slot.ready)
		return nil, err
	}
	slot.ids, slot.scores, slot.idx, slot.rowOf, slot.rows = o.ids, o.scores, o.idx, o.rowOf, o.rows
	close(slot.ready)
	return slot, nil
}

func computeOrder(ctx context.Context, m *matching.Model, ix *rankIndex, themeID string) (*themeOrder, error) {
	ids, scores, err := m.ThemeOrder(ctx, themeID)
	if err != nil {
		return nil, err
	}
	return newThemeOrder(ix, ids, scores), nil
}

func (c *rankCache) score(ctx context.Context, s *Server, startupID, themeID string) (matching.Result, error) {
	m, _, _, err := c.get(ctx, s)
	if err != nil {
		return matching.Result{}, err
	}
	return m.Score(startupID, themeID)
}

// contributions turns a result's features into what the scout sees.
func contributions(fs []matching.FeatureScore) []api.Contribution {
	total := 0.0
	for _, f := range fs {
		total += f.Weight
	}
	out := make([]api.Contribution, 0, len(fs))
	for _, f := range fs {
		c := api.Contribution{Name: f.Name, Label: matching.FeatureLabel(f.Name), Value: f.Value, Weight: f.Weight, Reason: f.Reason}
		if total > 0 {
			c.Contribution = f.Weight * f.Value / total
		}
		out = append(out, c)
	}
	return out
}

// rankFilter is the ranking query of a request.
type rankFilter struct {
	q                              []string
	areas, stages, ptypes, classes []string
	only                           string
}

func parseRankFilter(r *http.Request) (rankFilter, int, int, error) {
	v := r.URL.Query()
	f := rankFilter{areas: v["area"], stages: v["stage"], ptypes: v["product_type"], classes: v["class"], only: v.Get("only")}
	for _, w := range strings.Fields(normQuery(v.Get("q"))) {
		f.q = append(f.q, w)
	}
	bad := func(field string) error {
		return &event.ValidationError{Entity: "query", Errors: []event.FieldError{{Field: field, Code: event.FieldFormat,
			Message: event.T("値が正しくありません", "bad value")}}}
	}
	for _, c := range []struct {
		v     *event.Vocabulary
		field string
		codes []string
	}{{event.Areas, "area", f.areas}, {event.DevStages, "stage", f.stages}, {event.ProductTypes, "product_type", f.ptypes}, {event.DeviceClasses, "class", f.classes}} {
		for _, code := range c.codes {
			if !c.v.Has(code) {
				return f, 0, 0, bad(c.field)
			}
		}
	}
	switch f.only {
	case "", "shortlist", "request", "no_thanks", "applied":
	default:
		return f, 0, 0, bad("only")
	}
	page, per := 1, defaultPer
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return f, 0, 0, bad("page")
		}
		page = n
	}
	if s := v.Get("per"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPer {
			return f, 0, 0, bad("per")
		}
		per = n
	}
	return f, page, per, nil
}

func anyOf(have []string, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

func (f *rankFilter) match(st *event.Startup, hay string, marks map[string]map[string]bool) bool {
	if len(f.q) > 0 {
		for _, w := range f.q {
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	if st == nil {
		return false
	}
	if !anyOf(st.Areas, f.areas) || !anyOf([]string{st.DevStage}, f.stages) || !anyOf([]string{st.ProductType}, f.ptypes) ||
		!anyOf([]string{st.DeviceClass}, f.classes) {
		return false
	}
	if f.only != "" && !marks[st.ID][f.only] {
		return false
	}
	return true
}

// companyMarks is the company's marks and the applications to theme, by
// startup.
func (s *Server) companyMarks(ctx context.Context, companyID, themeID string) (map[string]map[string]bool, error) {
	all, err := s.store.InterestsOf(ctx, event.KindCompany, companyID)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	set := func(sid, k string) {
		if out[sid] == nil {
			out[sid] = map[string]bool{}
		}
		out[sid][k] = true
	}
	for _, in := range all {
		if in.By == event.KindStartup {
			if in.Kind == event.InterestApply && in.ThemeID == themeID {
				set(in.StartupID, "applied")
			}
			continue
		}
		for name, k := range markKinds {
			if in.Kind == k {
				set(in.StartupID, name)
			}
		}
	}
	return out, nil
}

func (s *Server) getRanking(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	themeID := r.PathValue("id")
	if _, err := s.ownTheme(ctx, p, themeID); err != nil {
		return err
	}
	f, page, per, err := parseRankFilter(r)
	if err != nil {
		return err
	}
	m, _, _, err := s.ranks.get(ctx, s)
	if err != nil {
		return err
	}
	s.ranks.mu.Lock()
	fields, ix := s.ranks.fields, s.ranks.ix
	if s.ranks.model != m {
		// Rebuilt meanwhile: take the model that goes with ix.
		m = s.ranks.model
	}
	s.ranks.mu.Unlock()
	o, err := s.ranks.order(ctx, m, ix, themeID)
	if err != nil {
		return err
	}
	marks, err := s.companyMarks(ctx, p.companyID, themeID)
	if err != nil {
		return err
	}
	notes, err := s.store.ScoutNotes(ctx, p.companyID)
	if err != nil {
		return err
	}
	out, err := s.rankingPage(ctx, m, ix, fields, o, themeID, &f, page, per, marks, notes)
	if err != nil {
		return err
	}
	writeJSONBytes(w, http.StatusOK, out.appendJSON(make([]byte, 0, 4096)))
	return nil
}

func (s *Server) getScoutStartup(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	sid := r.PathValue("id")
	themeID := r.URL.Query().Get("theme")
	if _, err := s.ownTheme(ctx, p, themeID); err != nil {
		return err
	}
	st, err := s.store.Startup(ctx, sid)
	if err != nil {
		return err
	}
	ev, err := s.loadEvent(ctx)
	if err != nil {
		return err
	}
	res, err := s.ranks.score(ctx, s, sid, themeID)
	if err != nil {
		return err
	}
	marks, err := s.companyMarks(ctx, p.companyID, themeID)
	if err != nil {
		return err
	}
	note, err := s.store.ScoutNote(ctx, p.companyID, sid)
	if err != nil {
		return err
	}
	row := api.RankedStartup{Startup: event.ScoutStartup(ev, st), Score: res.Score, Features: contributions(res.Features),
		Skipped: contributions(res.Skipped), Marks: []string{}, Applied: marks[sid]["applied"], Note: note}
	for _, k := range []string{"no_thanks", "request", "shortlist"} {
		if marks[sid][k] {
			row.Marks = append(row.Marks, k)
		}
	}
	slices.Sort(row.Marks)
	writeJSON(w, http.StatusOK, row)
	return nil
}

// normQuery folds a search text for type-ahead matching: NFKC (full-width
// letters and digits, half-width kana) and lower case.
func normQuery(s string) string { return strings.ToLower(norm.NFKC.String(s)) }
