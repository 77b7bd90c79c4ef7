package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"pitchmatch/event"
)

func newCmd() *command {
	return &command{name: "new", summary: "create an empty event / 新しい（空の）イベントを作成", run: runNew}
}

// runNew creates an event file with the settings given and nothing else:
// no participants, no demo data.
func runNew(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "new", "new --db FILE --name-ja NAME [--name-en NAME] [--venue-ja V] [--venue-en V] --dates 2026-10-14..2026-10-16 [--start 10:00] [--end 17:00] [--slot 30] [--breaks 12:00-13:00,…] [--tables N] [--startup-cap N] [--company-cap N] [--floor N] [--lang ja|en]")
	db := dbFlag(fs)
	var n event.NewEvent
	fs.StringVar(&n.Name.Ja, "name-ja", "", "event name in Japanese")
	fs.StringVar(&n.Name.En, "name-en", "", "event name in English")
	fs.StringVar(&n.Venue.Ja, "venue-ja", "", "venue in Japanese")
	fs.StringVar(&n.Venue.En, "venue-en", "", "venue in English")
	fs.StringVar(&n.Dates, "dates", "", "event days: 2026-10-14,2026-10-15 or 2026-10-14..2026-10-16")
	fs.StringVar(&n.DayStart, "start", "10:00", "first slot of each day, HH:MM")
	fs.StringVar(&n.DayEnd, "end", "17:00", "end of each day, HH:MM (the last slot ends by then)")
	fs.IntVar(&n.SlotMinutes, "slot", 30, "slot length in minutes")
	fs.StringVar(&n.Breaks, "breaks", "", "breaks as time ranges, e.g. 12:00-13:00,15:00-15:15")
	fs.IntVar(&n.Tables, "tables", 10, "tables (booths) per slot")
	fs.IntVar(&n.StartupCap, "startup-cap", 0, "default maximum meetings per startup (0: no limit beyond the slots)")
	fs.IntVar(&n.CompanyCap, "company-cap", 0, "default maximum meetings per company")
	fs.IntVar(&n.Floor, "floor", 0, "fairness floor: meetings each startup with acceptable pairs should get")
	fs.StringVar(&n.TimeZone, "tz", "Asia/Tokyo", "IANA time zone of the venue")
	langFlag := fs.String("lang", "", "language of messages: ja or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	lang := event.ParseLang(*langFlag)
	if *langFlag == "" {
		lang = event.ParseLang(env.getenv("LANG"))
	}
	if n.Name.IsZero() {
		return usagef("--name-ja or --name-en is required")
	}
	if n.Dates == "" {
		return usagef("--dates is required (e.g. 2026-10-14..2026-10-16)")
	}
	if _, err := os.Stat(*db); err == nil {
		return event.Errorf(event.EExists, fmt.Sprintf("%s は既にあります。別のファイル名を指定してください", *db), "%s already exists; choose another file name", *db)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("new: %w", err)
	}
	ev, err := n.Build()
	if err != nil {
		var ve *event.ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve.Errors {
				fmt.Fprintf(env.stderr, "%s: %s\n", fe.Field, fe.Message.In(lang))
			}
		}
		return errors.New(event.ErrorMessage(err, lang))
	}
	if err := writeNewDB(ctx, *db, &event.Batch{Event: ev}); err != nil {
		return err
	}
	if lang == event.Ja {
		fmt.Fprintf(env.stdout, "イベント「%s」を %s に作成しました（%d日間・計%d枠・%dテーブル）\n", ev.Name.In(lang), *db, len(ev.Days), ev.NumSlots(), ev.Tables)
	} else {
		fmt.Fprintf(env.stdout, "created event %q in %s (%d days, %d slots, %d tables)\n", ev.Name.In(lang), *db, len(ev.Days), ev.NumSlots(), ev.Tables)
	}
	return nil
}
