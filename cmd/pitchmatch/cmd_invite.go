package main

import (
	"context"
	"fmt"
	"time"

	"pitchmatch/event/api"
)

func inviteCmd() *command {
	return &command{name: "invite", summary: "create, list or revoke a startup's private portal links", run: runInvite}
}

func runInvite(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "invite", "invite --db FILE --startup ID [--base-url URL] [--expires 30d] [--list] [--revoke LINK] [--revoke-all]")
	db := dbFlag(fs)
	id := fs.String("startup", "", "startup ID the link is for (required)")
	base := fs.String("base-url", "http://127.0.0.1:8080/", "portal address the link points to")
	expires := fs.String("expires", "30d", "how long the link works: e.g. 30d, 2w, 12h")
	list := fs.Bool("list", false, "list the startup's links (created, expiry, revoked) instead of creating one")
	revoke := fs.String("revoke", "", "revoke this link (or bare token) instead of creating one")
	revokeAll := fs.Bool("revoke-all", false, "revoke every link of the startup instead of creating one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *id == "" && *revoke == "" {
		return usagef("--startup is required")
	}
	ttl, err := api.ParseTTL(*expires)
	if err != nil {
		return usagef("--expires: %v", err)
	}
	store, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	switch {
	case *revoke != "":
		if err := api.RevokeLink(ctx, store, *revoke); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "revoked")
		return nil
	case *revokeAll:
		if err := store.RevokeStartupTokens(ctx, *id); err != nil {
			return fmt.Errorf("revoke %s: %w", *id, err)
		}
		fmt.Fprintf(env.stdout, "revoked every link of %s\n", *id)
		return nil
	case *list:
		toks, err := store.Tokens(ctx, *id)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, t := range toks {
			state := "active"
			switch {
			case t.Revoked:
				state = "revoked"
			case !now.Before(t.ExpiresAt):
				state = "expired"
			}
			// The hash prefix identifies a link without revealing it.
			fmt.Fprintf(env.stdout, "%s…  created %s  expires %s  %s\n", t.Hash[:12],
				t.CreatedAt.Local().Format("2006-01-02 15:04"), t.ExpiresAt.Local().Format("2006-01-02 15:04"), state)
		}
		return nil
	}
	link, err := api.NewInvite(ctx, store, *id, *base, ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, link)
	return nil
}
