package portal

import (
	"encoding/json"
	"fmt"
	"time"

	"pitchmatch/event"
)

// Draft is the unsaved state of the profile form, kept in the browser's
// localStorage so that closing the tab or losing the network loses nothing.
type Draft struct {
	StartupID   string    `json:"startup_id"`
	BaseVersion int64     `json:"base_version"` // the server version the edits started from
	Values      Values    `json:"values"`
	Pending     bool      `json:"pending"` // a save was asked for and has not reached the server
	SavedAt     time.Time `json:"saved_at"`
}

// DraftKey is the localStorage key of a startup's draft.
func DraftKey(startupID string) string { return "pitchmatch.draft." + startupID }

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
	return d, nil
}

// Restore decides what the form shows on load given the server's record and
// a stored draft: the draft's values when they differ from the server's
// (restored = true), else the server's. The returned base is the record the
// next save is checked against: the draft's base version, so edits made
// offline on top of an older version surface as a 409 instead of silently
// overwriting the newer one.
func Restore(server *event.Startup, d *Draft) (values Values, base *event.Startup, restored bool) {
	sv := StartupValues(server)
	if d == nil || d.StartupID != server.ID || Equal(d.Values, sv) {
		return sv, server, false
	}
	b := *server
	if d.BaseVersion > 0 && d.BaseVersion < server.Version {
		b.Version = d.BaseVersion
	}
	return d.Values, &b, true
}

// Conflict is a stale save: the values the user tried to save and the
// record now stored.
type Conflict struct {
	Mine    Values
	Theirs  *event.Startup
	Changes []FieldDiff
}

// FieldDiff is one field that differs between the two versions.
type FieldDiff struct {
	Key    string
	Label  string
	Mine   string
	Theirs string
}

// NewConflict compares the user's values with the stored record.
func NewConflict(mine Values, theirs *event.Startup, lang event.Lang) *Conflict {
	c := &Conflict{Mine: mine, Theirs: theirs}
	tv := StartupValues(theirs)
	for _, f := range Fields() {
		if SameField(f, mine, tv) {
			continue
		}
		c.Changes = append(c.Changes, FieldDiff{Key: f.Key, Label: f.Label.In(lang),
			Mine: DisplayValue(f, mine, lang), Theirs: DisplayValue(f, tv, lang)})
	}
	return c
}

// Merge builds the values to save after a conflict: the stored record with
// the user's value for every field whose key is in keepMine. The result
// carries the stored version, so saving it is not stale.
func (c *Conflict) Merge(keepMine map[string]bool) (Values, *event.Startup) {
	out := StartupValues(c.Theirs)
	for key, mine := range keepMine {
		if !mine {
			continue
		}
		f, err := fieldByKey(key)
		if err != nil {
			continue
		}
		for _, k := range keysOf(f) {
			if vals, ok := c.Mine[k]; ok {
				out[k] = append([]string(nil), vals...)
			} else {
				delete(out, k)
			}
		}
	}
	base := *c.Theirs
	return out, &base
}
