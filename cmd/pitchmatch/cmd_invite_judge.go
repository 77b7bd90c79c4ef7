package main

import (
	"context"
	"fmt"
	"time"

	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// judgeInvite creates, lists or revokes a final-pitch judge's links.
func judgeInvite(ctx context.Context, env *cliEnv, store *storage.DB, judge, base string, ttl time.Duration, list, revokeAll bool) error {
	switch {
	case revokeAll:
		n, err := store.RevokeJudgeTokens(ctx, judge)
		if err != nil {
			return fmt.Errorf("revoke links of judge %s: %w", judge, err)
		}
		fmt.Fprintf(env.stdout, "revoked %d links of judge %s\n", n, judge)
		return nil
	case list:
		toks, err := store.JudgeTokens(ctx, judge)
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
			fmt.Fprintf(env.stdout, "%s…  %s  created %s  expires %s  %s\n", t.Hash[:12], t.JudgeID,
				t.CreatedAt.Local().Format("2006-01-02 15:04"), t.ExpiresAt.Local().Format("2006-01-02 15:04"), state)
		}
		return nil
	}
	link, err := api.NewJudgeInvite(ctx, store, judge, portalBase(ctx, store, base), ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, link)
	return nil
}
