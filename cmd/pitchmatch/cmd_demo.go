package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"pitchmatch/demo"
	"pitchmatch/event"
	"pitchmatch/storage"
)

func demoCmd() *command {
	return &command{name: "demo", summary: "create a demo event (JHVS scale by default) / デモイベントを作成", run: runDemo}
}

func runDemo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "demo", "demo --db FILE [--force] [--startups N] [--companies N] [--themes N] [--days N] [--slots-per-day N] [--tables N] [--seed N]")
	db := dbFlag(fs)
	force := fs.Bool("force", false, "overwrite an existing file")
	d := demo.Defaults()
	opt := demo.Options{}
	fs.IntVar(&opt.Startups, "startups", d.Startups, "number of startups")
	fs.IntVar(&opt.Companies, "companies", d.Companies, "number of large companies")
	fs.IntVar(&opt.Themes, "themes", d.Themes, "number of themes (at least one per company)")
	fs.IntVar(&opt.Days, "days", d.Days, "event days")
	fs.IntVar(&opt.SlotsPerDay, "slots-per-day", d.SlotsPerDay, "meeting slots per day")
	fs.IntVar(&opt.Tables, "tables", d.Tables, "tables (booths) per slot")
	seed := fs.Uint64("seed", d.Seed, "random seed; the same seed gives the same event")
	fs.StringVar(&opt.StartDate, "start-date", d.StartDate, "first day, YYYY-MM-DD")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	opt.Seed = *seed
	for _, f := range []struct {
		name string
		v    int
		max  int64
	}{{"--startups", opt.Startups, 400_000}, {"--companies", opt.Companies, 100_000}, {"--themes", opt.Themes, 100_000},
		{"--days", opt.Days, 31}, {"--slots-per-day", opt.SlotsPerDay, 200}, {"--tables", opt.Tables, 10_000}} {
		if err := checkRange(f.name, int64(f.v), 1, f.max); err != nil {
			return err
		}
	}
	if err := opt.Validate(); err != nil {
		return usageError{err.Error()}
	}
	if _, err := os.Stat(*db); err == nil {
		if !*force {
			return event.Errorf(event.EExists, "", "%s already exists; use --force to replace it", *db)
		}
		if busy, err := storage.InUse(*db); err != nil || busy { // refuse before the work, again before the rename
			if err == nil {
				err = storage.InUseError(*db)
			}
			return err
		}
	}
	start := time.Now()
	batch := demo.Generate(opt)
	fmt.Fprintf(env.stderr, "generated %d startups, %d companies, %d themes, %d interests in %v\n",
		len(batch.Startups), len(batch.Companies), len(batch.Themes), len(batch.Interests), time.Since(start).Round(time.Millisecond))
	if err := writeNewDB(ctx, *db, batch); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created demo event %q in %s (%v)\n", batch.Event.Name.En, *db, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeNewDB stores batch in a fresh database beside path and renames it into
// place only when complete, so an existing file is never left half-written;
// a file in use by another program is not replaced.
func writeNewDB(ctx context.Context, path string, batch *event.Batch) error {
	return storage.WriteNew(ctx, path, "demo", batch, true)
}
