package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pitchmatch/event"
	"pitchmatch/exchange"
	"pitchmatch/storage"
)

func exportCmd() *command {
	return &command{name: "export", summary: "export data or schedules (csv, json, ics, pdf, xlsx) / データ・日程の書き出し", run: runExport}
}

func runExport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "export", "export --db FILE (--kind startups|companies|themes|availability --format csv|json | --format ics|pdf|xlsx|csv --for all|startup:ID|company:ID) --out PATH")
	db := dbFlag(fs)
	kind := fs.String("kind", "", "records to export: startups, companies, themes, availability, interests, settings or figures")
	format := fs.String("format", "csv", "csv or json for records; ics, pdf, xlsx or csv for schedules")
	scope := fs.String("for", "", "schedule export for all, startup:ID or company:ID")
	out := fs.String("out", "", "file to write ('-' for standard output, csv/json/ics only)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return usagef("--out is required")
	}
	document := *scope != "" || *format == "ics" || *format == "pdf" || *format == "xlsx" && *kind == ""
	if document && *kind != "" {
		return usagef("--kind exports records; --for and ics/pdf/xlsx export schedules: give one or the other")
	}
	if !document {
		if *kind == "" {
			return usagef("--kind is required for csv/json record exports (or give --for for a schedule)")
		}
		if *format != "csv" && *format != "json" && *format != "xlsx" {
			return usagef("--format must be csv, xlsx or json for records (got %q)", *format)
		}
	}
	if document {
		switch *format {
		case "ics", "pdf", "xlsx", "csv":
		default:
			return usagef("--format must be ics, pdf, xlsx or csv for schedules (got %q)", *format)
		}
		if *scope == "" {
			*scope = "all"
		}
	}
	k, err := exchange.ParseKind(*kind)
	if !document && err != nil {
		return usageError{err.Error()}
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if document {
		return exportDocument(ctx, env, st, *format, *scope, *out)
	}
	if *format != "json" {
		// The import pipeline's shape: every kind, with versions, so an
		// older export imports back without reverting later edits.
		snap, err := st.Snapshot(ctx)
		if err != nil {
			return err
		}
		stored := &exchange.Stored{Event: snap.Event, Startups: snap.Startups, Companies: snap.Companies, Themes: snap.Themes,
			Availability: snap.Availability, Interests: snap.Interests}
		rows, _ := exchange.TableRows(k, stored)
		n, err := writeAtomic(*out, env.stdout, func(w io.Writer) error {
			return exchange.WriteTable(ctx, w, k, stored, *format == "xlsx")
		})
		if err != nil {
			return err
		}
		if *out != "-" {
			fmt.Fprintf(env.stderr, "wrote %d %s to %s (%d bytes)\n", len(rows), k, *out, n)
		}
		return nil
	}
	batch, err := loadKind(ctx, st, k)
	if err != nil {
		return err
	}
	n, err := writeAtomic(*out, env.stdout, func(w io.Writer) error {
		return exchange.WriteJSON(ctx, w, k, batch)
	})
	if err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(env.stderr, "wrote %d %s to %s (%d bytes)\n", batchLen(batch, k), k, *out, n)
	}
	return nil
}

func loadKind(ctx context.Context, st *storage.DB, k exchange.Kind) (*event.Batch, error) {
	b := &event.Batch{}
	var err error
	switch k {
	case exchange.KindStartups:
		b.Startups, err = st.Startups(ctx)
	case exchange.KindCompanies:
		b.Companies, err = st.Companies(ctx)
	case exchange.KindThemes:
		b.Themes, err = st.Themes(ctx)
	case exchange.KindAvailability:
		b.Availability, err = st.Availability(ctx)
	default:
		err = fmt.Errorf("unknown kind %q", k)
	}
	return b, err
}

func batchLen(b *event.Batch, k exchange.Kind) int {
	switch k {
	case exchange.KindStartups:
		return len(b.Startups)
	case exchange.KindCompanies:
		return len(b.Companies)
	case exchange.KindThemes:
		return len(b.Themes)
	case exchange.KindAvailability:
		return len(b.Availability)
	}
	return 0
}

// countingWriter counts bytes written.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeAtomic writes to path through a temporary file renamed into place on
// success, so a failed export never leaves a truncated file; "-" writes to
// stdout.
func writeAtomic(path string, stdout io.Writer, write func(io.Writer) error) (int64, error) {
	if path == "-" {
		cw := &countingWriter{w: stdout}
		return cw.n, write(cw)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, err)
	}
	cw := &countingWriter{w: tmp}
	if err := write(cw); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes 0600; exports are meant to be shared
		tmp.Close()
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return cw.n, nil
}
