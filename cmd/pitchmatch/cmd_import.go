package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"pitchmatch/event"
	"pitchmatch/exchange"
)

func importCmd() *command {
	return &command{
		name:    "import",
		summary: "import startups, companies, themes or availability from CSV/JSON / CSV・JSONの取り込み",
		run:     runImport,
	}
}

// runImport reads one CSV or JSON file and stores it in one transaction.
// A file with any problem is rejected whole: every problem is printed and
// nothing is stored.
func runImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "import", "import --db FILE [--kind startups|companies|themes|availability] [--lang ja|en] FILE.csv|FILE.json")
	db := dbFlag(fs)
	kindFlag := fs.String("kind", "", "what the file holds: startups, companies, themes or availability (default: guessed from the file name, e.g. startups.csv)")
	file := fs.String("file", "", "the file to import (or give it as the argument)")
	langFlag := fs.String("lang", "", "language of problem messages: ja or en (default from LANG)")
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
	return importFile(ctx, env, st, path, kind, lang)
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
