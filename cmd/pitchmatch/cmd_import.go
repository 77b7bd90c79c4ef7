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
		summary: "import startups, companies, themes, availability, interests, settings or figures from CSV/TSV/xlsx/JSON / CSV・Excel・JSONの取り込み",
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
	notes     bool   // keep every unmapped column as notes
	remove    string // --remove-absent: interest kinds the file is the whole list of
}

// runImport reads one file and stores it in one transaction: a CSV, TSV,
// .xlsx or JSON file goes through the import pipeline (column mapping
// suggested and saved per event, preview of new and changed records, only
// mapped fields written, versions checked). A file with any problem is
// rejected whole: every problem is printed and nothing is stored.
func runImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "import", "import --db FILE [--kind KIND] [--sheet NAME] [--map 'HEADER=COLUMN']... [--value 'COLUMN:VALUE=CODE']... [--unmapped-as-notes] [--remove-absent KINDS|all] [--dry-run] [--overwrite ID,…|all] [--lang ja|en] FILE.csv|.tsv|.xlsx|.json")
	db := dbFlag(fs)
	kindFlag := fs.String("kind", "", "what the file holds: startups, companies, themes, availability, interests, settings or figures (default: guessed from the file name, e.g. startups.csv)")
	file := fs.String("file", "", "the file to import (or give it as the argument)")
	langFlag := fs.String("lang", "", "language of messages: ja or en (default from LANG)")
	var fl importFlags
	fs.StringVar(&fl.sheet, "sheet", "", "the .xlsx sheet to read (default: the first)")
	fs.IntVar(&fl.headerRow, "header-row", 0, "the spreadsheet row of the header (default: detected; rows above it are ignored)")
	fs.Var(&fl.maps, "map", "map a file column to a field, 'HEADER=COLUMN' (COLUMN empty or '-' ignores it); repeatable; saved for the next file of the same shape")
	fs.Var(&fl.values, "value", "map a value, 'COLUMN:VALUE=CODE' (CODE '-' drops the value); repeatable; saved with the column mapping")
	fs.BoolVar(&fl.notes, "unmapped-as-notes", false, "keep every column not mapped to a field in the records' notes, as 'header: value' lines (startups and companies; one column: --map 'HEADER=notes')")
	fs.StringVar(&fl.remove, "remove-absent", "", "interests only: the file is the whole list of these kinds ('all', or e.g. must_meet,no_thanks): stored statements of them that the file does not list are removed (try --dry-run first: it lists each)")
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
	return importTable(ctx, env, st, path, kind, lang, fl)
}

// importTable runs the pipeline on a CSV, TSV or .xlsx file.
func importTable(ctx context.Context, env *cliEnv, st *storage.DB, path string, kind exchange.Kind, lang event.Lang, fl importFlags) error {
	ja := lang == event.Ja
	t, err := exchange.ReadTableFile(ctx, path, exchange.TableOptions{Sheet: fl.sheet, Kind: kind})
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
	switch {
	case t.Format == "JSON" && ja:
		fmt.Fprintf(env.stdout, "%s: JSONのキーを列として読みました。列の対応:\n", t.File)
	case t.Format == "JSON":
		fmt.Fprintf(env.stdout, "%s: JSON keys read as columns:\n", t.File)
	case ja:
		fmt.Fprintf(env.stdout, "%s: %d行目を見出しとして読みました。列の対応:\n", t.File, m.HeaderRow)
	default:
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
	remove, err := exchange.ParseInterestKinds(fl.remove)
	if err != nil {
		return usagef("--remove-absent: %s", event.ErrorMessage(err, lang))
	}
	if len(remove) > 0 && kind != exchange.KindInterests {
		return usagef("--remove-absent is for interests files (this one holds %s)", kind)
	}
	plan, err := exchange.BuildPlan(ctx, t, m, stored, exchange.PlanOptions{Overwrite: overwrite, RemoveAbsent: remove})
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
	total := plan.New + plan.Changed + plan.Removed
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
	switch {
	case plan.Removed > 0 && ja:
		fmt.Fprintf(env.stdout, "%s: 取り込みました（新規 %d件、変更 %d件、削除 %d件）。列の対応を保存しました\n", t.File, plan.New, plan.Changed, plan.Removed)
	case plan.Removed > 0:
		fmt.Fprintf(env.stdout, "%s: imported (%d new, %d changed, %d removed); column mapping saved\n", t.File, plan.New, plan.Changed, plan.Removed)
	case ja:
		fmt.Fprintf(env.stdout, "%s: 取り込みました（新規 %d件、変更 %d件）。列の対応を保存しました\n", t.File, plan.New, plan.Changed)
	default:
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
	if fl.notes {
		if m.KeepUnmappedAsNotes(t) == 0 && event.FieldByName(exchange.KindEntity(kind), event.NotesField) == nil {
			return nil, "", usagef("--unmapped-as-notes: %s have no notes field (startups and companies do)", kind)
		}
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
