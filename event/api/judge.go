package api

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"pitchmatch/event"
)

// JudgeInviteStore is what NewJudgeInvite needs; *storage.DB implements it.
type JudgeInviteStore interface {
	Judge(ctx context.Context, id string) (*event.Judge, error)
	CreateJudgeToken(ctx context.Context, t event.Token) error
}

// NewJudgeInvite creates a private link for a final-pitch judge, valid for
// ttl, in the same form as a startup's (token in the fragment, only its hash
// stored). The judge must be stored first (programme judge).
func NewJudgeInvite(ctx context.Context, store JudgeInviteStore, judgeID, baseURL string, ttl time.Duration) (string, error) {
	judgeID = strings.TrimSpace(judgeID)
	if judgeID == "" {
		return "", event.Errorf(event.EInvalid, "審査員IDを指定してください", "invite: the judge's ID is required")
	}
	if ttl <= 0 {
		return "", event.Errorf(event.EInvalid, "有効期間は正の値にしてください", "invite: expiry must be positive (got %s)", ttl)
	}
	if err := event.CheckPortalURL(baseURL); err != nil {
		return "", err
	}
	u, _ := url.Parse(strings.TrimSpace(baseURL))
	if _, err := store.Judge(ctx, judgeID); err != nil {
		return "", fmt.Errorf("invite judge %s: %w", judgeID, err)
	}
	return issueLink(u, ttl, func(t event.Token) error {
		t.JudgeID = judgeID
		if err := store.CreateJudgeToken(ctx, t); err != nil {
			return fmt.Errorf("invite judge %s: %w", judgeID, err)
		}
		return nil
	})
}
