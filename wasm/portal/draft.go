package portal

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// Draft is the unsaved state of the portal, kept in the browser's
// localStorage so that closing the tab or losing the network loses nothing:
// the profile form's values with the record they started from (the base of
// the three-way merge), and the interest changes the server has not
// confirmed yet.
type Draft struct {
	StartupID   string         `json:"startup_id"`
	Session     string         `json:"session"`      // SessionID of the link it was made under
	BaseVersion int64          `json:"base_version"` // the server version the edits started from
	Base        *event.Startup `json:"base,omitempty"`
	Values      Values         `json:"values"`
	Pending     bool           `json:"pending"` // a save was asked for and has not reached the server
	// Interests are theme → state (api.InterestApply …) not yet confirmed.
	Interests map[string]string `json:"interests,omitempty"`
	SavedAt   time.Time         `json:"saved_at"`
}

// DraftPrefix starts the localStorage key of every draft.
const DraftPrefix = "pitchmatch.draft."

// DraftKey is the localStorage key of a startup's draft made in one browser
// tab: each tab keeps its own, so a save in one tab never removes what
// another tab holds unsaved.
func DraftKey(startupID, tab string) string { return DraftPrefix + startupID + "." + tab }

// PickDraft chooses the draft a tab opening startupID's profile continues
// from, among the stored ones (localStorage key → text): its own, else the
// most recently saved one of the startup (a tab closed and the link opened
// again). It returns the key and the draft, or "" and nil.
func PickDraft(stored map[string]string, startupID, ownKey string) (string, *Draft) {
	if raw, ok := stored[ownKey]; ok {
		if d, err := DecodeDraft(raw, startupID); err == nil {
			return ownKey, &d
		}
	}
	bestKey, best := "", (*Draft)(nil)
	for k, raw := range stored {
		if k != DraftPrefix+startupID && !strings.HasPrefix(k, DraftPrefix+startupID+".") {
			continue
		}
		d, err := DecodeDraft(raw, startupID)
		if err != nil {
			continue
		}
		if best == nil || d.SavedAt.After(best.SavedAt) || d.SavedAt.Equal(best.SavedAt) && k > bestKey {
			bestKey, best = k, &d
		}
	}
	return bestKey, best
}

// SessionID names the private link a draft was made under, without the
// token itself: drafts of an earlier link (a new invitation, a revoked or
// expired one) or of another startup on a shared computer are older than
// the session and are dropped on load (StaleDraft).
func SessionID(token string) string { return api.HashToken("draft:" + token)[:16] }

// StaleDraft reports whether a stored draft (raw localStorage text) must be
// removed when the portal opens under session: it is damaged, or it was
// made under another link.
func StaleDraft(raw, session string) bool {
	var d Draft
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return true
	}
	return d.Session != session
}

// EncodeDraft serialises d for localStorage.
func EncodeDraft(d Draft) (string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("draft: %w", err)
	}
	return string(b), nil
}

// DecodeDraft reads a draft stored for startupID; a draft of another startup
// (a shared browser) or a damaged one is rejected.
func DecodeDraft(s, startupID string) (Draft, error) {
	var d Draft
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return Draft{}, fmt.Errorf("draft: %w", err)
	}
	if d.StartupID != startupID {
		return Draft{}, fmt.Errorf("draft belongs to %q, not %q", d.StartupID, startupID)
	}
	if d.Values == nil {
		d.Values = Values{}
	}
	if d.Base != nil && d.Base.ID != startupID {
		d.Base = nil
	}
	return d, nil
}

// Restore decides what the form shows on load given the server's record and
// a stored draft: the draft's values when they differ from the server's
// (restored = true), else the server's. The returned base is the record the
// edits started from (the draft's base), so edits made on top of an older
// version surface as a merge with what was stored since, never as a silent
// overwrite.
func Restore(server *event.Startup, d *Draft) (values Values, base *event.Startup, restored bool) {
	sv := StartupValues(server)
	if d == nil || d.StartupID != server.ID || Equal(d.Values, sv) {
		return sv, server, false
	}
	if d.Base != nil && d.Base.Version > 0 && d.Base.Version <= server.Version {
		b := *d.Base
		return d.Values, &b, true
	}
	b := *server
	if d.BaseVersion > 0 && d.BaseVersion < server.Version {
		b.Version = d.BaseVersion
	}
	return d.Values, &b, true
}

// Conflict is a stale save merged three-way: the record the edits started
// from, mine, the record stored meanwhile, and the merge. Changes lists only
// the fields both sides changed to different values; everything else is
// already merged (Taken: the fields taken from the stored record).
type Conflict struct {
	Base, Mine, Theirs *event.Startup
	Merged             *event.Startup
	Changes            []FieldDiff
	Taken              []string // labels of fields changed only elsewhere, taken as they are
}

// FieldDiff is one field both sides changed. Key is the merge path
// ("headcount", "name.ja").
type FieldDiff struct {
	Key    string
	Label  string
	Mine   string
	Theirs string
}

// pathLabel is the label of a merge path in lang.
func pathLabel(path string, lang event.Lang) string {
	name, side, _ := strings.Cut(path, ".")
	f := event.FieldByName(event.EntityStartup, name)
	if f == nil {
		return path
	}
	if side != "" {
		return f.ColumnLabel(name + "_" + side).In(lang)
	}
	return f.Label.In(lang)
}

// pathValue is the value at a merge path of s for people.
func pathValue(path string, s *event.Startup, lang event.Lang) string {
	name, side, _ := strings.Cut(path, ".")
	f := event.FieldByName(event.EntityStartup, name)
	v := ""
	switch {
	case f == nil:
	case side == "ja":
		v = f.Text(s).Ja
	case side == "en":
		v = f.Text(s).En
	default:
		v = f.Display(s, lang)
	}
	if strings.TrimSpace(v) == "" {
		return "—"
	}
	return v
}

// NewConflict merges mine and theirs, both edits of base, with event's one
// three-way merge.
func NewConflict(base, mine, theirs *event.Startup, lang event.Lang) (*Conflict, error) {
	res, err := event.Merge(event.EntityStartup, base, mine, theirs)
	if err != nil {
		return nil, err
	}
	c := &Conflict{Base: base, Mine: mine, Theirs: theirs, Merged: res.Record}
	for _, cf := range res.Conflicts {
		c.Changes = append(c.Changes, FieldDiff{Key: cf.Path, Label: pathLabel(cf.Path, lang),
			Mine: pathValue(cf.Path, mine, lang), Theirs: pathValue(cf.Path, theirs, lang)})
	}
	for _, p := range res.Theirs {
		c.Taken = append(c.Taken, pathLabel(p, lang))
	}
	return c, nil
}

// Relabel renders the panel's texts again in lang.
func (c *Conflict) Relabel(lang event.Lang) *Conflict {
	n, err := NewConflict(c.Base, c.Mine, c.Theirs, lang)
	if err != nil {
		return c
	}
	return n
}

// ErrUndecided is returned by Resolve while a conflicting field has no
// choice: no default ever discards either side's edit.
var ErrUndecided = errors.New("choose a value for every field changed on both sides")

// Resolve applies the user's choice ("mine" or "theirs") for every
// conflicting field to the merge and returns the record to save (it carries
// the stored version). Every conflict needs a choice.
func (c *Conflict) Resolve(choice map[string]string) (*event.Startup, error) {
	out := *c.Merged
	for _, ch := range c.Changes {
		switch choice[ch.Key] {
		case "mine":
			if err := event.TakeMine(event.EntityStartup, &out, c.Mine, ch.Key); err != nil {
				return nil, err
			}
		case "theirs":
		default:
			return nil, fmt.Errorf("%s: %w", ch.Label, ErrUndecided)
		}
	}
	return &out, nil
}
