package main

import (
	"context"
	"fmt"
)

func backupCmd() *command {
	return &command{name: "backup", summary: "online backup of an event file / イベントファイルのバックアップ", run: runBackup}
}

func runBackup(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "backup", "backup --db FILE --out PATH")
	db := dbFlag(fs)
	out := fs.String("out", "", "backup file to create (must not exist); written to a temporary file, checked, then renamed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backed up %s to %s (integrity and foreign keys checked)\n", *db, *out)
	return nil
}
