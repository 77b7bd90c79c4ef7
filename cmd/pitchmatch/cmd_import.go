package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"pitchmatch/event"
	"pitchmatch/exchange"
	"pitchmatch/storage"
)

func importCmd() *command {
	return &command{
		name:    "import",
		summary: "import startups, companies, themes or availability from CSV/JSON / CSV・JSONの取り込み",
		run:     runImport,
	}
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// importFlags are the import pipeline's choices.
type importFlags struct {
	sheet     string
	headerRow int
	maps      listFlag
	values    listFlag
	dryRun    bool
	overwrite string
}

// runImport reads one file and stores it in one transaction: a CSV, TSV or
// .xlsx goes through the import pipeline (column mapping suggested and
// saved per event, preview of new and changed records, only mapped fields
// written, versions checked); a JSON file is read whole. A file with any
// problem is rejected whole: every problem is printed and nothing is stored.
func runImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "import", "import --db FILE [--kind KIND] [--sheet NAME] [--map 'HEADER=COLUMN']... [--value 'COLUMN:VALUE=CODE']... [--dry-run] [--overwrite ID,…|all] [--lang ja|en] FILE.csv|.tsv|.xlsx|.json")
	db := dbFlag(fs)
	kindFlag := fs.String("kind", "", "what the file holds: startups, companies, themes, availability, interests, settings or figures (default: guessed from the file name, e.g. startups.csv)")
	file := fs.String("file", "", "the file to import (or give it as the argument)")
	langFlag := fs.String("lang", "", "language of messages: ja or en (default from LANG)")
	var fl importFlags
	fs.StringVar(&fl.sheet, "sheet", "", "the .xlsx sheet to read (default: the first)")
	fs.IntVar(&fl.headerRow, "header-row", 0, "the spreadsheet row of the header (default: detected; rows above it are ignored)")
	fs.Var(&fl.maps, "map", "map a file column to a field, 'HEADER=COLUMN' (COLUMN empty or '-' ignores it); repeatable; saved for the next file of the same shape")
	fs.Var(&fl.values, "value", "map a value, 'COLUMN:VALUE=CODE' (CODE '-' drops the value); repeatable; saved with the column mapping")
	fs.BoolVar(&fl.dryRun, "dry-run", false, "print what would be new, changed and wrong, and store nothing")
	fs.StringVar(&fl.overwrite, "overwrite", "", "IDs (comma-separated, or 'all') of records changed in the event since the file was exported that the file should overwrite anyway")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path := *file
	switch {
	case fs.NArg() > 1:
		return usagef("import takes one file (got %d)", fs.NArg())
	case fs.NArg() == 1 && path != "" && fs.Arg(0) != path:
		return usagef("give the file either as --file or as the argument, not both")
	case fs.NArg() == 1:
		path = fs.Arg(0)
	}
	if path == "" {
		return usagef("no file to import")
	}
	if err := checkFileSize(path, exchange.MaxFileSize); err != nil { // before reading a byte of it
		return err
	}
	kind, err := importKind(*kindFlag, path)
	if err != nil {
		return err
	}
	lang := event.ParseLang(*langFlag)
	if *langFlag == "" {
		lang = event.ParseLang(env.getenv("LANG"))
	}

	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return importFile(ctx, env, st, path, kind, lang)
	}
	return importTable(ctx, env, st, path, kind, lang, fl)
}

// importTable runs the pipeline on a CSV, TSV or .xlsx file.
func importTable(ctx context.Context, env *cliEnv, st *storage.DB, path string, kind exchange.Kind, lang event.Lang, fl importFlags) error {
	ja := lang == event.Ja
	t, err := exchange.ReadTableFile(ctx, path, exchange.TableOptions{Sheet: fl.sheet})
	if err != nil {
		return errors.New(event.ErrorMessage(err, lang))
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	stored := &exchange.Stored{Event: snap.Event, Startups: snap.Startups, Companies: snap.Companies, Themes: snap.Themes,
		Availability: snap.Availability, Interests: snap.Interests}
	m, shape, err := importMapping(ctx, st, kind, t, fl)
	if err != nil {
		return err
	}
	if ja {
		fmt.Fprintf(env.stdout, "%s: %d行目を見出しとして読みました。列の対応:\n", t.File, m.HeaderRow)
	} else {
		fmt.Fprintf(env.stdout, "%s: header on row %d; columns:\n", t.File, m.HeaderRow)
	}
	for _, line := range m.Describe(t, lang) {
		fmt.Fprintln(env.stdout, "  "+line)
	}
	var overwrite []string
	for _, id := range strings.Split(fl.overwrite, ",") {
		if id = strings.TrimSpace(id); id != "" {
			overwrite = append(overwrite, id)
		}
	}
	plan, err := exchange.BuildPlan(ctx, t, m, stored, exchange.PlanOptions{Overwrite: overwrite})
	if err != nil {
		return err
	}
	limit := 200
	if fl.dryRun {
		limit = 0
	}
	for _, line := range plan.Report(lang, limit) {
		fmt.Fprintln(env.stdout, line)
	}
	if n := len(plan.Problems) + plan.Omitted; n > 0 {
		var ie *exchange.ImportError
		if errors.As(plan.Err(), &ie) {
			fmt.Fprintln(env.stderr, ie.Message(lang))
		}
		if ja {
			return fmt.Errorf("%s に%d件の問題があるため、何も取り込みませんでした", t.File, n)
		}
		return fmt.Errorf("%s has %d problem(s); nothing was imported", t.File, n)
	}
	if fl.dryRun {
		if ja {
			fmt.Fprintln(env.stdout, "確認のみ（--dry-run）: 何も保存していません")
		} else {
			fmt.Fprintln(env.stdout, "dry run: nothing was stored")
		}
		return nil
	}
	total := plan.New + plan.Changed
	if total > 0 {
		last := -1
		err = st.ImportWith(ctx, "cli", plan.Batch, storage.ImportOptions{CheckVersions: true, Progress: func(done, n int) {
			if n == 0 {
				return
			}
			if pct := done * 100 / n; pct/10 != last/10 {
				last = pct
				fmt.Fprintf(env.stderr, "%d%% (%d/%d)\n", pct, done, n)
			}
		}})
		if err != nil {
			return fmt.Errorf("import %s: %s", t.File, event.ErrorMessage(err, lang))
		}
	}
	if err := st.SetSetting(ctx, "cli", shape, m.Marshal()); err != nil {
		return err
	}
	if ja {
		fmt.Fprintf(env.stdout, "%s: 取り込みました（新規 %d件、変更 %d件）。列の対応を保存しました\n", t.File, plan.New, plan.Changed)
	} else {
		fmt.Fprintf(env.stdout, "%s: imported (%d new, %d changed); column mapping saved\n", t.File, plan.New, plan.Changed)
	}
	return nil
}

// importMapping is the mapping for t: the one saved for files of this
// shape or suggested, with --header-row, --map and --value applied. shape
// is the settings key it is saved under.
func importMapping(ctx context.Context, st *storage.DB, kind exchange.Kind, t *exchange.Table, fl importFlags) (*exchange.Mapping, string, error) {
	probe := exchange.SuggestMapping(kind, t, nil)
	if fl.headerRow > 0 {
		probe.HeaderRow = fl.headerRow
	}
	var header []string
	for _, r := range t.Rows {
		if r.Row == probe.HeaderRow {
			header = r.Cells
		}
	}
	shape := exchange.Shape(kind, header)
	var saved *exchange.Mapping
	if v, ok, err := st.Setting(ctx, shape); err != nil {
		return nil, "", err
	} else if ok {
		if saved, err = exchange.ParseMapping(v); err != nil {
			saved = nil
		}
	}
	if saved == nil && fl.headerRow > 0 {
		saved = &exchange.Mapping{Kind: kind, HeaderRow: fl.headerRow, Columns: map[string]string{}}
		for k, v := range probe.Columns {
			saved.Columns[k] = v
		}
	}
	m := exchange.SuggestMapping(kind, t, saved)
	if fl.headerRow > 0 {
		m.HeaderRow = fl.headerRow
	}
	for _, mp := range fl.maps {
		h, col, ok := strings.Cut(mp, "=")
		if !ok {
			return nil, "", usagef("--map %q: want HEADER=COLUMN", mp)
		}
		col = strings.TrimSpace(col)
		if col == "-" {
			col = exchange.Ignore
		}
		m.SetColumn(h, col)
	}
	for _, vm := range fl.values {
		col, val, code, err := exchange.ParseValueRule(vm)
		if err != nil {
			return nil, "", usagef("--value %v", err)
		}
		m.SetValue(col, val, code)
	}
	return m, shape, nil
}

// importKind is --kind, or the kind named by the file's base name.
func importKind(flagValue, path string) (exchange.Kind, error) {
	if flagValue != "" {
		k, err := exchange.ParseKind(flagValue)
		if err != nil {
			return "", usagef("--kind: %v", err)
		}
		return k, nil
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if k, err := exchange.ParseKind(base); err == nil {
		return k, nil
	}
	return "", usagef("--kind is required (the file name %q does not say whether it holds startups, companies, themes or availability)", filepath.Base(path))
}

// importFile reads path against the store's event and companies, then
// stores the batch and prints what changed.
func importFile(ctx context.Context, env *cliEnv, st event.Store, path string, kind exchange.Kind, lang event.Lang) error {
	opt := exchange.ReadOptions{}
	ev, err := st.Event(ctx)
	switch {
	case err == nil:
		opt.NumSlots = ev.NumSlots()
	case event.ErrorCode(err) != event.ENotFound:
		return fmt.Errorf("read event settings: %w", err)
	}
	if kind == exchange.KindThemes {
		companies, err := st.Companies(ctx)
		if err != nil {
			return fmt.Errorf("read companies: %w", err)
		}
		known := make(map[string]bool, len(companies))
		for _, c := range companies {
			known[c.ID] = true
		}
		opt.CompanyExists = func(id string) bool { return known[id] }
	}

	batch, err := exchange.ReadFile(ctx, path, kind, opt)
	var ie *exchange.ImportError
	if errors.As(err, &ie) {
		fmt.Fprintln(env.stderr, ie.Message(lang))
		if lang == event.Ja {
			return fmt.Errorf("%s に%d件の問題があるため、何も取り込みませんでした", ie.File, ie.Count())
		}
		return fmt.Errorf("%s has %d problem(s); nothing was imported", ie.File, ie.Count())
	}
	if err != nil {
		return err
	}
	if err := st.Import(ctx, "cli", batch); err != nil {
		return fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	total, created := importCounts(batch, kind)
	if lang == event.Ja {
		fmt.Fprintf(env.stdout, "%s: %s %d件を取り込みました（新規 %d件、更新 %d件）\n", filepath.Base(path), kindLabel(kind, lang), total, created, total-created)
	} else {
		fmt.Fprintf(env.stdout, "%s: imported %d %s (%d new, %d updated)\n", filepath.Base(path), total, kindLabel(kind, lang), created, total-created)
	}
	return nil
}

// importCounts counts the records of kind in an imported batch and how many
// were new: the store gives an inserted record Version 1. Availability
// replaces each participant's record and has no version, so it counts as
// updated.
func importCounts(b *event.Batch, kind exchange.Kind) (total, created int) {
	switch kind {
	case exchange.KindStartups:
		for _, s := range b.Startups {
			if s.Version == 1 {
				created++
			}
		}
		return len(b.Startups), created
	case exchange.KindCompanies:
		for _, c := range b.Companies {
			if c.Version == 1 {
				created++
			}
		}
		return len(b.Companies), created
	case exchange.KindThemes:
		for _, t := range b.Themes {
			if t.Version == 1 {
				created++
			}
		}
		return len(b.Themes), created
	}
	return len(b.Availability), 0
}

func kindLabel(k exchange.Kind, lang event.Lang) string {
	if lang != event.Ja {
		if k == exchange.KindAvailability {
			return "availability records"
		}
		return string(k)
	}
	switch k {
	case exchange.KindStartups:
		return "スタートアップ"
	case exchange.KindCompanies:
		return "企業"
	case exchange.KindThemes:
		return "テーマ"
	}
	return "参加不可枠"
}
