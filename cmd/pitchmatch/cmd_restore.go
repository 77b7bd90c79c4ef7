package main

import (
	"context"
	"fmt"

	"pitchmatch/storage"
)

func restoreCmd() *command {
	return &command{name: "restore", summary: "restore an event file from a backup / バックアップから復元", run: runRestore}
}

func runRestore(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "restore", "restore --from BACKUP --db FILE")
	db := dbFlag(fs)
	from := fs.String("from", "", "backup file made by 'pitchmatch backup' (or a copy of an event file)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usagef("--from is required")
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	aside, err := storage.Restore(ctx, *from, *db, storage.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "restored %s from %s (integrity and foreign keys checked)\n", *db, *from)
	if aside != "" {
		fmt.Fprintf(env.stdout, "the previous file is kept as %s / 以前のファイルは %s として残しました\n", aside, aside)
	}
	return nil
}
