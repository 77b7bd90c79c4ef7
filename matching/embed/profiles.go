package embed

import (
	"context"
	"errors"
	"fmt"

	"pitchmatch/event"
)

// MinCoverage is the share of profiles that must have a cached vector for
// ranking to use embeddings; below it the feature is skipped with a note,
// because scores with and without the feature are not comparable.
const MinCoverage = 0.9

// Profiles is the vectors of an event's startups and themes, by ID.
type Profiles struct {
	Startups map[string][]float32
	Themes   map[string][]float32
}

// profileTexts keys every startup and theme text by a prefixed ID so a
// startup and a theme may share an ID.
func profileTexts(startups []*event.Startup, themes []*event.Theme) map[string]string {
	texts := make(map[string]string, len(startups)+len(themes))
	for _, s := range startups {
		texts["s:"+s.ID] = StartupText(s)
	}
	for _, t := range themes {
		texts["t:"+t.ID] = ThemeText(t)
	}
	return texts
}

func splitProfiles(v map[string][]float32) Profiles {
	p := Profiles{Startups: map[string][]float32{}, Themes: map[string][]float32{}}
	for id, vec := range v {
		switch id[:2] {
		case "s:":
			p.Startups[id[2:]] = vec
		case "t:":
			p.Themes[id[2:]] = vec
		}
	}
	return p
}

// EmbedProfiles embeds every startup (StartupText) and theme (ThemeText),
// sending only what cache lacks; see Vectors.
func EmbedProfiles(ctx context.Context, c *Client, cache Cache, startups []*event.Startup, themes []*event.Theme, progress func(done, total int)) (Profiles, Stats, error) {
	v, st, err := Vectors(ctx, c, cache, profileTexts(startups, themes), progress)
	if err != nil {
		return Profiles{}, st, err
	}
	return splitProfiles(v), st, nil
}

// CachedProfiles looks up the vectors of the current texts of startups and
// themes in cache under cfg's model and dimensions, without any network.
// missing counts the profiles with text but no usable cached vector.
func CachedProfiles(ctx context.Context, cache Cache, cfg Config, startups []*event.Startup, themes []*event.Theme) (p Profiles, withText, missing int, err error) {
	texts := profileTexts(startups, themes)
	keyOf := make(map[string]string, len(texts))
	var keys []string
	seen := map[string]bool{}
	for id, t := range texts {
		n := Normalize(t)
		if n == "" {
			continue
		}
		k := hashKey(n)
		keyOf[id] = k
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	cfg = cfg.withDefaults()
	if cache == nil {
		return Profiles{}, len(keyOf), len(keyOf), nil
	}
	got, err := cache.LoadVectors(ctx, cfg.CacheModel(), keys)
	if err != nil {
		return Profiles{}, len(keyOf), len(keyOf), fmt.Errorf("load cached embeddings for %s: %w", cfg.CacheModel(), err)
	}
	v := make(map[string][]float32, len(keyOf))
	dims := cfg.Dims
	for id, k := range keyOf {
		vec, ok := got[k]
		if !ok || len(vec) == 0 {
			continue
		}
		if dims == 0 {
			dims = len(vec)
		}
		if len(vec) == dims {
			v[id] = vec
		}
	}
	return splitProfiles(v), len(keyOf), len(keyOf) - len(v), nil
}

// ForRanking returns the cached vectors ranking should use, or nil maps and
// a bilingual note saying why embeddings are skipped. It never calls the
// network: vectors are made by `pitchmatch embed` (or the desktop app's
// embed action); a missing key only matters when nothing is cached.
// When some profiles lack vectors but coverage is at least MinCoverage the
// vectors are used and note says how many are missing (those pairs rank on
// the other features).
func ForRanking(ctx context.Context, cache Cache, getenv func(string) string, ev *event.Event, startups []*event.Startup, themes []*event.Theme) (p Profiles, note event.Text) {
	cfg, cfgErr := ConfigFromEnv(getenv, ev)
	if cfgErr != nil && !errors.Is(cfgErr, ErrNoKey) {
		return Profiles{}, event.Text{
			Ja: "埋め込みをスキップしました: " + event.ErrorMessage(cfgErr, event.Ja),
			En: "embeddings skipped: " + event.ErrorMessage(cfgErr, event.En),
		}
	}
	p, total, missing, err := CachedProfiles(ctx, cache, cfg, startups, themes)
	if err != nil {
		return Profiles{}, event.Text{
			Ja: "埋め込みをスキップしました: キャッシュを読めません: " + err.Error(),
			En: "embeddings skipped: cannot read the cache: " + err.Error(),
		}
	}
	if total == 0 {
		return Profiles{}, event.Text{Ja: "埋め込みをスキップしました: 対象のテキストがありません", En: "embeddings skipped: no profile text to compare"}
	}
	have := total - missing
	configured := ev != nil && (ev.EmbeddingModel != "" || ev.EmbeddingURL != "")
	run := "pitchmatch embed"
	switch {
	case missing == 0:
		return p, event.Text{}
	case float64(have) >= MinCoverage*float64(total):
		return p, event.Text{
			Ja: fmt.Sprintf("埋め込み: %d/%d 件のテキストが未処理です（%s を実行してください）。該当ペアは他の特徴量で評価します", missing, total, run),
			En: fmt.Sprintf("embeddings: %d of %d texts not embedded yet (run `%s`); those pairs rank on the other features", missing, total, run),
		}
	case have == 0 && !configured && cfgErr != nil:
		return Profiles{}, event.Text{
			Ja: fmt.Sprintf("埋め込みは未設定のためスキップしました（%s または %s を設定して %s を実行するか、--base-url でローカルサーバーを指定してください）", EnvKey, EnvPitchKey, run),
			En: fmt.Sprintf("embeddings skipped: not configured (set %s or %s and run `%s`, or use --base-url for a local server)", EnvKey, EnvPitchKey, run),
		}
	case cfgErr != nil:
		return Profiles{}, event.Text{
			Ja: fmt.Sprintf("埋め込みをスキップしました: %d/%d 件が未処理で、%s も %s も設定されていません", missing, total, EnvKey, EnvPitchKey),
			En: fmt.Sprintf("embeddings skipped: %d of %d texts not embedded and neither %s nor %s is set to embed them", missing, total, EnvKey, EnvPitchKey),
		}
	default:
		return Profiles{}, event.Text{
			Ja: fmt.Sprintf("埋め込みをスキップしました: %d/%d 件のテキストが未処理です（モデル %s）。%s を実行してください", missing, total, cfg.CacheModel(), run),
			En: fmt.Sprintf("embeddings skipped: %d of %d texts not embedded yet for %s; run `%s`", missing, total, cfg.CacheModel(), run),
		}
	}
}
