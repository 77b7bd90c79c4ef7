package exchange

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"pitchmatch/event"
)

// Stored is what the event holds already, against which a file is planned:
// records are matched by ID (or, for rows without one, by name), and only
// the mapped fields of a matched record change.
type Stored struct {
	Event        *event.Event // nil for an event without settings yet
	Startups     []*event.Startup
	Companies    []*event.Company
	Themes       []*event.Theme
	Availability []event.Availability
	Interests    []event.Interest
}

// PlanOptions tune planning.
type PlanOptions struct {
	// Overwrite lists the IDs of records that changed since the file was
	// exported and should be overwritten anyway; "all" overwrites every
	// such record. Others are reported as stale and left as they are.
	Overwrite []string
	// RemoveAbsent makes an interests file the whole list of the stored
	// statements of these kinds (event.InterestKinds codes): a stored one
	// of such a kind that the file does not list is removed. Empty (the
	// default): an interests import only adds. The preview lists every
	// statement it would remove.
	RemoveAbsent []event.InterestKind
}

func (o PlanOptions) overwrite(id string) bool {
	return slices.Contains(o.Overwrite, id) || slices.Contains(o.Overwrite, "all")
}

// FieldChange is one field a record's import changes.
type FieldChange struct {
	Field  string // schema field name
	Label  event.Text
	Old    string // as people read it, in the plan's language at Describe time
	New    string
	oldRec any
	newRec any
	field  *event.Field
}

// OldIn and NewIn render the values in lang.
func (c FieldChange) OldIn(lang event.Lang) string {
	if s, ok := c.oldRec.(*string); ok || c.field == nil {
		return deref(s)
	}
	return c.field.Display(c.oldRec, lang)
}

// NewIn renders the new value in lang.
func (c FieldChange) NewIn(lang event.Lang) string {
	if s, ok := c.newRec.(*string); ok || c.field == nil {
		return deref(s)
	}
	return c.field.Display(c.newRec, lang)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// PlannedRecord is one record of the file and what importing it does.
type PlannedRecord struct {
	Row     int
	ID      string
	New     bool
	Changes []FieldChange
	// Stale: the file says it was exported at FileVersion, the event has
	// StoredVersion since; the record is left unless overwritten.
	Stale         bool
	FileVersion   int64
	StoredVersion int64
	// Removed: a stored interest statement the file does not list, removed
	// under PlanOptions.RemoveAbsent (Row is 0; What describes it).
	Removed bool
	What    event.Text
}

// ChangedSinceExport reports whether the record changed in the event after
// the file was exported (its version column is older than the stored
// version): left as it is (Stale) unless chosen for overwriting.
func (r *PlannedRecord) ChangedSinceExport() bool {
	return r.FileVersion > 0 && r.FileVersion < r.StoredVersion
}

// Plan is the preview of an import: what would be new, changed, left as
// stale, and every problem. Batch holds exactly what Commit stores: new
// and changed records only, each carrying the stored version it was planned
// against (0 for a new record), so a store that checks versions refuses a
// record changed between preview and commit.
type Plan struct {
	File      string
	Kind      Kind
	Mapping   *Mapping
	Unmapped  []string // file headers not imported
	Records   []PlannedRecord
	New       int
	Changed   int
	Unchanged int
	Stale     int
	Removed   int // interest statements removed (PlanOptions.RemoveAbsent)
	Problems  []Problem
	Omitted   int
	Batch     *event.Batch
}

// Err is the plan's problems as an *ImportError, or nil.
func (p *Plan) Err() error {
	if len(p.Problems) == 0 {
		return nil
	}
	ps := &problems{file: p.File, list: p.Problems, omitted: p.Omitted}
	return ps.err()
}

// StaleIDs lists the records left because they changed since the export.
func (p *Plan) StaleIDs() []string {
	var out []string
	for _, r := range p.Records {
		if r.Stale {
			out = append(out, r.ID)
		}
	}
	return out
}

// planner is the state of planning one file.
type planner struct {
	t      *Table
	m      *Mapping
	st     *Stored
	opt    PlanOptions
	ps     *problems
	lk     *lookups
	plan   *Plan
	header []string
	// targetAt maps cell index → target column ("" if unmapped).
	targetAt []string
	shown    map[string]string // target → header as written
	cols     map[string]*column
	// noteCols are the cell indexes of the columns kept as notes, in file
	// order (see notes).
	noteCols    []int
	noteHeaders map[string]bool // see noteAliases
	badRows     map[int]bool    // rows with a problem of the table itself
	seen        map[string]int  // record key → first row
	index       *storedIndex
}

// storedIndex finds stored records by ID and by folded name without a scan
// per row.
type storedIndex struct {
	startups, companies, themes map[string]any
	names                       map[string]any // entity + "\x00" + folded name (+ company for themes)
	availability                map[string][]int
	interests                   map[string]bool
}

func interestKey(in event.Interest) string {
	return fmt.Sprint(in.Kind, "\x00", in.StartupID, "\x00", in.CompanyID, "\x00", in.ThemeID, "\x00", in.By)
}

func (p *planner) idx() *storedIndex {
	if p.index != nil {
		return p.index
	}
	ix := &storedIndex{startups: map[string]any{}, companies: map[string]any{}, themes: map[string]any{}, names: map[string]any{},
		availability: map[string][]int{}, interests: map[string]bool{}}
	for _, a := range p.st.Availability {
		ix.availability[string(a.Kind)+"\x00"+a.ID] = a.Unavailable
	}
	for _, in := range p.st.Interests {
		ix.interests[interestKey(in)] = true
	}
	name := func(entity string, t event.Text, extra string, rec any) {
		for _, n := range []string{t.Ja, t.En} {
			if k := fold(n); k != "" {
				key := entity + "\x00" + extra + "\x00" + k
				if _, dup := ix.names[key]; !dup {
					ix.names[key] = rec
				}
			}
		}
	}
	for _, s := range p.st.Startups {
		ix.startups[s.ID] = s
		name(event.EntityStartup, s.Name, "", s)
	}
	for _, c := range p.st.Companies {
		ix.companies[c.ID] = c
		name(event.EntityCompany, c.Name, "", c)
	}
	for _, t := range p.st.Themes {
		ix.themes[t.ID] = t
		name(event.EntityTheme, t.Title, t.CompanyID, t)
		name(event.EntityTheme, t.Title, "", t)
	}
	p.index = ix
	return ix
}

// byName finds a stored record by its folded Japanese or English name.
func (p *planner) byName(entity string, t event.Text, extra string) any {
	ix := p.idx()
	for _, n := range []string{t.Ja, t.En} {
		if k := fold(n); k != "" {
			if r, ok := ix.names[entity+"\x00"+extra+"\x00"+k]; ok {
				return r
			}
			if t.Ja != "" {
				break // the Japanese name decides when there is one
			}
		}
	}
	return nil
}

// BuildPlan maps t's rows with m against what is stored and returns the
// plan. Problems are collected (up to MaxProblems), never stored; a plan
// with problems must not be committed.
func BuildPlan(ctx context.Context, t *Table, m *Mapping, st *Stored, opt PlanOptions) (*Plan, error) {
	if st == nil {
		st = &Stored{}
	}
	p := &planner{t: t, m: m, st: st, opt: opt, ps: &problems{file: t.File}, lk: newLookups(),
		plan:  &Plan{File: t.File, Kind: m.Kind, Mapping: m, Batch: &event.Batch{}},
		shown: map[string]string{}, cols: map[string]*column{}, seen: map[string]int{}}
	p.badRows = map[int]bool{}
	for _, pr := range t.Problems {
		p.ps.add(pr.Row, pr.Column, pr.Field, pr.Reason)
		p.badRows[pr.Row] = true
	}
	cs := columnsOf(m.Kind)
	if cs == nil {
		return nil, unknownKind(m.Kind)
	}
	for i := range cs {
		p.cols[cs[i].name] = &cs[i]
	}
	if len(t.Rows) == 0 {
		if len(t.Problems) == 0 {
			p.ps.add(0, "", "", event.Text{Ja: "ファイルにデータがありません", En: "the file holds no data"})
		}
		return p.finish(), nil
	}
	hi := -1
	for i, r := range t.Rows {
		if r.Row == m.HeaderRow {
			hi = i
		}
	}
	if hi < 0 {
		hi = DetectHeader(m.Kind, t)
		m.HeaderRow = t.Rows[hi].Row
	}
	p.header = t.Rows[hi].Cells
	if !p.mapHeader(t.Rows[hi].Row) {
		return p.finish(), nil
	}
	if err := p.kindChecks(); err != nil {
		return p.finish(), nil
	}
	for n, r := range t.Rows[hi+1:] {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		p.row(r)
	}
	if p.m.Kind == KindInterests && len(p.opt.RemoveAbsent) > 0 {
		p.removeAbsent()
	}
	return p.finish(), nil
}

func (p *planner) finish() *Plan {
	p.plan.Problems, p.plan.Omitted = p.ps.list, p.ps.omitted
	if err := p.ps.err(); err != nil {
		p.plan.Problems = err.(*ImportError).Problems
	}
	return p.plan
}

// mapHeader resolves the mapping against the header; false when no column
// can be imported.
func (p *planner) mapHeader(row int) bool {
	p.targetAt = make([]string, len(p.header))
	taken := map[string]int{}
	for i, h := range p.header {
		target := p.m.Columns[headerKey(i, h)]
		if target == Ignore {
			if strings.TrimSpace(h) != "" {
				p.plan.Unmapped = append(p.plan.Unmapped, strings.TrimSpace(h))
			}
			continue
		}
		if _, ok := p.cols[target]; !ok && !(target == versionColumn && p.m.Kind.entity() != "") {
			p.ps.add(row, strings.TrimSpace(h), "", event.Text{
				Ja: fmt.Sprintf("対応付け先「%s」は%sの列ではありません。使える列: %s", target, p.m.Kind.label().Ja, strings.Join(Columns(p.m.Kind), ", ")),
				En: fmt.Sprintf("is mapped to %q, which is not a column of %s; the columns are: %s", target, p.m.Kind, strings.Join(Columns(p.m.Kind), ", ")),
			})
			continue
		}
		if target == event.NotesField && p.m.Kind.entity() != "" {
			// Any number of columns may be kept as notes.
			p.noteCols = append(p.noteCols, i)
			if _, first := taken[target]; !first {
				taken[target] = i
				p.shown[target] = strings.TrimSpace(h)
			}
			p.targetAt[i] = target
			continue
		}
		if j, dup := taken[target]; dup {
			p.ps.add(row, strings.TrimSpace(h), "", event.Text{
				Ja: fmt.Sprintf("列「%s」と同じ項目（%s）に対応付けられています。どちらか一方を「取り込まない」にしてください", strings.TrimSpace(p.header[j]), target),
				En: fmt.Sprintf("is mapped to the same field (%s) as column %q; ignore one of them", target, strings.TrimSpace(p.header[j])),
			})
			continue
		}
		taken[target] = i
		p.targetAt[i] = target
		p.shown[target] = strings.TrimSpace(h)
	}
	if len(taken) == 0 {
		p.ps.add(row, "", "", event.Text{
			Ja: fmt.Sprintf("取り込める列がありません（%d行目を見出しとして読みました）。列の対応付けを指定してください（--map 見出し=列）。使える列: %s", row, strings.Join(Columns(p.m.Kind), ", ")),
			En: fmt.Sprintf("no column can be imported (row %d read as the header); map the columns (--map header=column); the columns are: %s", row, strings.Join(Columns(p.m.Kind), ", ")),
		})
		return false
	}
	return true
}

// kindChecks refuses a mapping that cannot identify records.
func (p *planner) kindChecks() error {
	need := func(cols ...string) bool {
		for _, c := range cols {
			if _, ok := p.shown[c]; ok {
				return true
			}
		}
		return false
	}
	var miss []string
	switch p.m.Kind {
	case KindStartups, KindCompanies:
		if !need("id", "name_ja", "name_en") {
			miss = []string{"id / name_ja / name_en"}
		}
	case KindThemes:
		if !need("id", "title_ja", "title_en") {
			miss = append(miss, "id / title_ja")
		}
		if !need("company_id") {
			miss = append(miss, "company_id")
		}
	case KindAvailability:
		if !need("id") {
			miss = append(miss, "id")
		}
		if !need("unavailable") {
			miss = append(miss, "unavailable")
		}
	case KindInterests:
		if !need("startup_id") {
			miss = append(miss, "startup_id")
		}
		if !need("company_id", "theme_id") {
			miss = append(miss, "company_id / theme_id")
		}
	case KindFigures:
		if !need("year") {
			miss = append(miss, "year")
		}
	}
	if len(miss) == 0 {
		return nil
	}
	p.ps.add(p.m.HeaderRow, "", "", event.Text{
		Ja: fmt.Sprintf("次の列が必要です: %s。見出しを確認するか、--map で対応付けてください", strings.Join(miss, "、")),
		En: fmt.Sprintf("the file needs these columns: %s; check the header or map them with --map", strings.Join(miss, ", ")),
	})
	return fmt.Errorf("missing columns")
}

// rowCells is a data row with access by target column.
type rowCells struct {
	p      *planner
	row    int
	cells  []string
	absent []bool // TableRow.Absent
	idx    map[string]int
	bad    bool
}

func (rc *rowCells) has(target string) bool { _, ok := rc.idx[target]; return ok }

func (rc *rowCells) raw(target string) string {
	i, ok := rc.idx[target]
	if !ok || i >= len(rc.cells) {
		return ""
	}
	return rc.cells[i]
}

func (rc *rowCells) str(target string) string { return unescapeCell(strings.TrimSpace(rc.raw(target))) }

func (rc *rowCells) problem(target string, reason event.Text) {
	rc.bad = true
	rc.p.ps.add(rc.row, rc.p.shown[target], target, reason)
}

// row plans one data row.
func (p *planner) row(r TableRow) {
	blank := true
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank || p.badRows[r.Row] {
		return // a row the table reported (bad bytes …) needs no second message
	}
	if p.t.Ragged && len(r.Cells) != len(p.header) {
		p.ps.add(r.Row, "", "", event.Text{
			Ja: fmt.Sprintf("この行のセルは%d個ですが、見出しは%d列です。セルの区切り（カンマ・タブ）や引用符を確認してください。値を空にしないため、このファイルは取り込みません", len(r.Cells), len(p.header)),
			En: fmt.Sprintf("has %d cells but the header has %d columns; check the separators and quotes (nothing is imported rather than blanking fields)", len(r.Cells), len(p.header)),
		})
		return
	}
	if !p.t.Ragged {
		for i := len(p.header); i < len(r.Cells); i++ {
			if strings.TrimSpace(r.Cells[i]) != "" {
				p.ps.add(r.Row, fmt.Sprintf("#%d", i+1), "", event.Text{
					Ja: fmt.Sprintf("%d列目に値がありますが、見出しがありません", i+1),
					En: fmt.Sprintf("has a value in column %d, which has no header", i+1),
				})
				return
			}
		}
	}
	same, filled := 0, 0
	for i, h := range p.header {
		if i < len(r.Cells) && strings.TrimSpace(h) != "" {
			filled++
			if fold(r.Cells[i]) == fold(h) {
				same++
			}
		}
	}
	if filled > 0 && same*2 > filled {
		p.ps.add(r.Row, "", "", event.Text{
			Ja: fmt.Sprintf("見出し行（%d行目）がもう一度出てきます。ファイルをつなげたときに残った見出し行を削除してください", p.m.HeaderRow),
			En: fmt.Sprintf("repeats the header row (row %d); delete the header left over from joining files", p.m.HeaderRow),
		})
		return
	}
	rc := &rowCells{p: p, row: r.Row, cells: r.Cells, absent: r.Absent, idx: make(map[string]int, len(p.targetAt))}
	for i, t := range p.targetAt {
		if t != "" && !r.absent(i) {
			rc.idx[t] = i
		}
	}
	switch p.m.Kind {
	case KindStartups, KindCompanies, KindThemes:
		p.schemaRecord(rc)
	case KindAvailability:
		p.availabilityRow(rc)
	case KindInterests:
		p.interestRow(rc)
	case KindFigures:
		p.figuresRow(rc)
	case KindSettings:
		p.settingsRow(rc)
	}
}

// value reads the cell of column c into its schema field of rec.
func (p *planner) value(rc *rowCells, c *column, rec any) {
	f := c.field
	raw := rc.raw(c.name)
	s := unescapeCell(strings.TrimSpace(raw))
	switch {
	case f.Type == event.TypeNote:
		*f.String(rec) = p.notes(rc)
	case f.Type.Bilingual():
		t := f.Text(rec)
		if strings.HasSuffix(c.name, "_en") {
			t.En = s
		} else {
			t.Ja = s
		}
	case f.Type == event.TypeDecimal:
		var d *float64
		if s != "" {
			if x, err := event.ParseDecimal(s); err != nil {
				rc.problem(c.name, numberReason(err))
			} else {
				d = &x
			}
		}
		*f.Decimal(rec) = d
	case f.Type.Number():
		n := 0
		if s != "" {
			var err error
			if f.Type == event.TypeYear {
				n, err = event.ParseYear(s)
			} else {
				n, err = event.ParseWhole(s)
			}
			if err != nil {
				rc.problem(c.name, numberReason(err))
			}
		}
		*f.Int(rec) = n
	case f.Type == event.TypeCode:
		*f.String(rec) = p.code(rc, c, s)
	case f.Type == event.TypeCodes:
		var out []string
		for _, item := range splitList(raw, codeSeparators) {
			if code := p.code(rc, c, unescapeCell(item)); code != "" && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
		*f.List(rec) = out
	case f.Type == event.TypeNames:
		*f.List(rec) = event.SplitNames(s)
	case f.Type == event.TypeID:
		if !isASCII(s) {
			s = strings.TrimSpace(event.FoldWidth(s))
		}
		*f.String(rec) = s
	default:
		*f.String(rec) = s
	}
}

// notes is the notes text of a row: the cells of every column mapped to
// the notes field, in file order, each non-empty one on its own line. A
// column headed as the notes field itself (notes, 備考, メモ …) gives its
// value as it is, so an exported file imports back unchanged; any other
// column kept as notes gives "header: value", so the note says what it was.
func (p *planner) notes(rc *rowCells) string {
	aliases := p.noteAliases()
	var lines []string
	for _, i := range p.noteCols {
		if i >= len(rc.cells) || i < len(rc.absent) && rc.absent[i] {
			continue
		}
		v := unescapeCell(strings.TrimSpace(rc.cells[i]))
		if v == "" {
			continue
		}
		h := strings.TrimSpace(p.header[i])
		if aliases[fold(h)] || h == "" {
			lines = append(lines, v)
			continue
		}
		lines = append(lines, h+": "+v)
	}
	return strings.Join(lines, "\n")
}

// noteAliases are the folded headers that name the notes field itself.
func (p *planner) noteAliases() map[string]bool {
	if p.noteHeaders != nil {
		return p.noteHeaders
	}
	p.noteHeaders = map[string]bool{}
	for k, target := range aliasIndex(p.m.Kind) {
		if target == event.NotesField {
			p.noteHeaders[k] = true
		}
	}
	return p.noteHeaders
}

// code maps one value of a code column: the value map first, then codes,
// labels and synonyms. An unknown value is a problem listing the closest
// and the allowed labels; "" is returned for it.
func (p *planner) code(rc *rowCells, c *column, s string) string {
	if s == "" {
		return ""
	}
	if vm := p.m.Values[c.name]; vm != nil {
		if code, ok := vm[fold(s)]; ok {
			if code == "" || c.field.Vocab.Has(code) {
				return code
			}
			if mapped := p.lk.of(c.field.Vocab).code(code); c.field.Vocab.Has(mapped) {
				return mapped
			}
		}
	}
	code := p.lk.of(c.field.Vocab).code(s)
	if c.field.Vocab.Has(code) {
		return code
	}
	rc.problem(c.name, unknownValue(c.field, s, c.name, p.lk.of(c.field.Vocab)))
	return ""
}

// unknownValue is the reason for a value no code matches: the closest
// labels ("もしかして"), every allowed label, and how to map it.
func unknownValue(f *event.Field, s, target string, ix *codeIndex) event.Text {
	v := f.Vocab
	near := ix.closest(v, s, 3)
	var nearJa, nearEn string
	if len(near) > 0 {
		ja, en := make([]string, len(near)), make([]string, len(near))
		for i, c := range near {
			ja[i], en[i] = "「"+v.Label(c, event.Ja)+"」", fmt.Sprintf("%q", v.Label(c, event.En))
		}
		nearJa = "もしかして: " + strings.Join(ja, "、") + "。"
		nearEn = " Did you mean " + strings.Join(en, ", ") + "?"
	}
	allJa, allEn := make([]string, len(v.Terms)), make([]string, len(v.Terms))
	for i, t := range v.Terms {
		allJa[i], allEn[i] = t.Label.Ja, t.Label.En
	}
	return event.Text{
		Ja: fmt.Sprintf("「%s」は「%s」の選択肢にありません。%s選べる値: %s。別の値として取り込むには --value '%s:%s=値'（捨てるには =-）", s, f.Label.Ja, nearJa, strings.Join(allJa, "、"), target, s),
		En: fmt.Sprintf("%q is not one of the %s.%s The allowed values: %s. To map it: --value '%s:%s=VALUE' (=- drops it)", s, strings.ToLower(f.Label.En), nearEn, strings.Join(allEn, ", "), target, s),
	}
}

// schemaRecord plans a startup, company or theme row.
func (p *planner) schemaRecord(rc *rowCells) {
	entity := p.m.Kind.entity()
	fs := event.Fields(entity)
	rec := newEntity(entity)
	var mapped []*column
	for _, c := range columnsOf(p.m.Kind) {
		if rc.has(c.name) {
			cc := p.cols[c.name]
			mapped = append(mapped, cc)
			p.value(rc, cc, rec)
		}
	}
	idField := &fs[0]
	id := *idField.String(rec)
	if entity == event.EntityTheme {
		p.resolveCompany(rc, rec.(*event.Theme))
	}
	stored := p.find(entity, id, rec)
	if id == "" {
		switch {
		case stored != nil:
			id = *idField.String(stored)
		default:
			id = stableID(entity, rec)
		}
		if id == "" {
			rc.problem("id", event.Text{Ja: "IDも名前もない行です", En: "has neither an ID nor a name"})
			return
		}
	}
	key := id
	if first, dup := p.seen[key]; dup {
		what := event.Text{Ja: fmt.Sprintf("ID「%s」が重複しています（%d行目と同じ）", id, first), En: fmt.Sprintf("duplicate id %q (first on row %d)", id, first)}
		if !rc.has("id") || rc.str("id") == "" {
			what = event.Text{Ja: fmt.Sprintf("%d行目と同じ名前の行です（重複行）。どちらかを削除するか ID 列で区別してください", first),
				En: fmt.Sprintf("has the same name as row %d (a duplicate row); delete one or tell them apart with an ID column", first)}
		}
		rc.problem("id", what)
		return
	}
	p.seen[key] = rc.row
	// Start from the stored record: only the mapped fields change.
	out := newEntity(entity)
	if stored != nil {
		for i := range fs {
			fs[i].Copy(out, stored)
		}
		setVersion(out, versionOf(stored))
	}
	*idField.String(out) = id
	for _, c := range mapped {
		f := c.field
		if f.Type.Bilingual() {
			t, src := f.Text(out), f.Text(rec)
			if strings.HasSuffix(c.name, "_en") {
				t.En = src.En
			} else {
				t.Ja = src.Ja
			}
			continue
		}
		if f.Name != "id" {
			f.Copy(out, rec)
		}
	}
	if err := validateRecord(out); err != nil {
		p.validation(rc, err)
	}
	var fileVersion int64
	if rc.has(versionColumn) {
		if s := rc.str(versionColumn); s != "" {
			n, err := event.ParseWhole(s)
			if err != nil || n < 0 {
				rc.problem(versionColumn, event.Text{Ja: fmt.Sprintf("「%s」はバージョン番号ではありません", s), En: fmt.Sprintf("%q is not a version number", s)})
			}
			fileVersion = int64(n)
		}
	}
	if rc.bad {
		return
	}
	pr := PlannedRecord{Row: rc.row, ID: id, New: stored == nil, FileVersion: fileVersion}
	if stored != nil {
		pr.StoredVersion = versionOf(stored)
		for i := range fs {
			f := &fs[i]
			if !f.Equal(stored, out) {
				pr.Changes = append(pr.Changes, FieldChange{Field: f.Name, Label: f.Label, Old: f.Display(stored, event.Ja), New: f.Display(out, event.Ja),
					oldRec: stored, newRec: out, field: f})
			}
		}
		if len(pr.Changes) == 0 {
			p.plan.Unchanged++
			return
		}
		if fileVersion > 0 && fileVersion < pr.StoredVersion && !p.opt.overwrite(id) {
			pr.Stale = true
			p.plan.Stale++
			p.plan.Records = append(p.plan.Records, pr)
			return
		}
		p.plan.Changed++
	} else {
		p.plan.New++
		setVersion(out, 0)
	}
	p.plan.Records = append(p.plan.Records, pr)
	appendRecord(p.plan.Batch, out)
}

// resolveCompany accepts a company name where a theme's company ID is
// expected, and checks that the company exists.
func (p *planner) resolveCompany(rc *rowCells, t *event.Theme) {
	if !rc.has("company_id") || t.CompanyID == "" {
		return
	}
	if _, ok := p.idx().companies[t.CompanyID]; ok {
		return
	}
	if c, ok := p.byName(event.EntityCompany, event.Text{Ja: t.CompanyID}, "").(*event.Company); ok {
		t.CompanyID = c.ID
		return
	}
	rc.problem("company_id", unknownCompany(t.CompanyID))
}

// find returns the stored record with id, or (for a row without ID) the
// one with the same name.
func (p *planner) find(entity, id string, rec any) any {
	ix := p.idx()
	byID := map[string]map[string]any{event.EntityStartup: ix.startups, event.EntityCompany: ix.companies, event.EntityTheme: ix.themes}[entity]
	if id != "" {
		return byID[id]
	}
	switch r := rec.(type) {
	case *event.Startup:
		return p.byName(entity, r.Name, "")
	case *event.Company:
		return p.byName(entity, r.Name, "")
	case *event.Theme:
		return p.byName(entity, r.Title, r.CompanyID)
	}
	return nil
}

// stableID derives an ID from a record's name, so a file without IDs
// imported twice names the same records: S-, C- or T- and 8 hex digits of
// a hash of the folded name (and, for a theme, its company).
func stableID(entity string, rec any) string {
	var name event.Text
	prefix := ""
	switch r := rec.(type) {
	case *event.Startup:
		name, prefix = r.Name, "S-"
	case *event.Company:
		name, prefix = r.Name, "C-"
	case *event.Theme:
		name, prefix = r.Title, "T-"+r.CompanyID+"-"
	}
	key := fold(name.Ja)
	if key == "" {
		key = fold(name.En)
	}
	if key == "" {
		return ""
	}
	h := fnv.New64a()
	h.Write([]byte(entity + "\x00" + key))
	id := prefix + strconv.FormatUint(h.Sum64(), 16)[:8]
	if len(id) > event.MaxIDLen {
		id = id[:event.MaxIDLen]
	}
	return id
}

func newEntity(entity string) any {
	switch entity {
	case event.EntityStartup:
		return &event.Startup{}
	case event.EntityCompany:
		return &event.Company{}
	case event.EntityTheme:
		return &event.Theme{}
	}
	return nil
}

func versionOf(rec any) int64 {
	switch r := rec.(type) {
	case *event.Startup:
		return r.Version
	case *event.Company:
		return r.Version
	case *event.Theme:
		return r.Version
	}
	return 0
}

func setVersion(rec any, v int64) {
	switch r := rec.(type) {
	case *event.Startup:
		r.Version = v
	case *event.Company:
		r.Version = v
	case *event.Theme:
		r.Version = v
	}
}

func validateRecord(rec any) error {
	switch r := rec.(type) {
	case *event.Startup:
		return r.Validate()
	case *event.Company:
		return r.Validate()
	case *event.Theme:
		return r.Validate()
	}
	return nil
}

func appendRecord(b *event.Batch, rec any) {
	switch r := rec.(type) {
	case *event.Startup:
		b.Startups = append(b.Startups, r)
	case *event.Company:
		b.Companies = append(b.Companies, r)
	case *event.Theme:
		b.Themes = append(b.Themes, r)
	}
}

// validation reports a record's validation errors on the row, under the
// columns they concern.
func (p *planner) validation(rc *rowCells, err error) {
	ve, ok := err.(*event.ValidationError)
	if !ok {
		rc.problem("", event.Text{Ja: err.Error(), En: err.Error()})
		return
	}
	for _, fe := range ve.Errors {
		c, _, _ := strings.Cut(fe.Field, "[")
		c = strings.ReplaceAll(c, ".", "_")
		if _, ok := p.cols[c]; !ok {
			if _, ok := p.cols[c+"_ja"]; ok {
				c += "_ja"
			}
		}
		reason := fe.Message
		if f := event.FieldByName(p.m.Kind.entity(), c); f != nil {
			shown := p.shown[c]
			if shown == "" {
				// A field the file does not hold: say which.
				reason = event.Text{Ja: f.Label.Ja + ": " + fe.Message.Ja, En: f.Label.En + ": " + fe.Message.En}
			}
		}
		rc.bad = true
		p.ps.add(rc.row, p.shown[c], fe.Field, reason)
	}
}
