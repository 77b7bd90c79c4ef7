package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"strings"

	"pitchmatch/event"
	"pitchmatch/matching/embed"
)

func embedCmd() *command {
	return &command{name: "embed", summary: "embed profiles for matching via an OpenAI-compatible API / 埋め込みベクトルの作成", run: runEmbed}
}

// keylessEnv wraps getenv so that --no-key reads as PITCHMATCH_EMBEDDING_NO_KEY=1.
func keylessEnv(getenv func(string) string, noKey bool) func(string) string {
	if !noKey {
		return getenv
	}
	return func(k string) string {
		if k == embed.EnvKeylessFlag {
			return "1"
		}
		return getenv(k)
	}
}

func runEmbed(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "embed", "embed --db FILE [--base-url URL] [--model NAME] [--dims N] [--no-key]\n\n"+
		"Embeds every startup and theme through an OpenAI-compatible embeddings API and caches the\n"+
		"vectors in the event file; only new or changed texts are sent. 'pitchmatch rank' then uses\n"+
		"them. Settings given here are saved in the event (never the key) so ranking uses the same\n"+
		"model. The API key is read from "+embed.EnvPitchKey+" or "+embed.EnvKey+"; a server on\n"+
		"localhost (Ollama: --base-url http://localhost:11434/v1) needs none.")
	dbPath := dbFlag(fs)
	baseURL := fs.String("base-url", "", "OpenAI-compatible base URL (default: the event's setting, else "+embed.DefaultBaseURL+")")
	model := fs.String("model", "", "embedding model (default: the event's setting, else "+embed.DefaultModel+")")
	dims := fs.Int("dims", 0, "vector dimensions to ask for (default: the event's setting, else the model's own)")
	noKey := fs.Bool("no-key", false, "the server needs no API key (a keyless model server on another machine)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *dims < 0 {
		return usagef("--dims must be positive")
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--base-url %q is not an http(s) URL", *baseURL)
		}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	db, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ev, err := db.Event(ctx)
	if err != nil {
		return fmt.Errorf("read event: %w", err)
	}
	settings := *ev // flags over event settings over defaults
	if given["base-url"] {
		settings.EmbeddingURL = strings.TrimRight(*baseURL, "/")
	}
	if given["model"] {
		settings.EmbeddingModel = strings.TrimSpace(*model)
	}
	if given["dims"] {
		settings.EmbeddingDims = *dims
	}
	cfg, err := embed.ConfigFromEnv(keylessEnv(env.getenv, *noKey), &settings)
	if err != nil {
		return err
	}
	startups, err := db.Startups(ctx)
	if err != nil {
		return fmt.Errorf("read startups: %w", err)
	}
	themes, err := db.Themes(ctx)
	if err != nil {
		return fmt.Errorf("read themes: %w", err)
	}

	fmt.Fprintf(env.stderr, "embedding %d startups and %d themes with %s at %s\n", len(startups), len(themes), cfg.CacheModel(), cfg.BaseURL)
	bar := newProgressBar(env.stderr)
	_, st, err := embed.EmbedProfiles(ctx, embed.New(cfg), db, startups, themes, func(done, total int) {
		bar.report("texts", done, total)
	})
	bar.finish()
	summary := fmt.Sprintf("%d profiles, %d distinct texts: %d cached, %d sent in %s (%s)",
		st.Texts, st.Unique, st.Cached, st.Sent, plural(st.Requests, "request"), plural(st.Retries, "retry"))
	if st.Empty > 0 {
		summary += fmt.Sprintf(", %d profiles without text", st.Empty)
	}
	if err != nil {
		fmt.Fprintln(env.stderr, "before the failure: "+summary+"; vectors received so far are cached")
		return err
	}
	fmt.Fprintln(env.stdout, summary)

	// Remember the settings that were given, so rank looks up the same model.
	if settings.EmbeddingURL != ev.EmbeddingURL || settings.EmbeddingModel != ev.EmbeddingModel || settings.EmbeddingDims != ev.EmbeddingDims {
		ev.EmbeddingURL, ev.EmbeddingModel, ev.EmbeddingDims = settings.EmbeddingURL, settings.EmbeddingModel, settings.EmbeddingDims
		if err := db.SaveEvent(ctx, "cli", ev); err != nil {
			return fmt.Errorf("save embedding settings: %w", err)
		}
		fmt.Fprintf(env.stdout, "saved in the event settings: %s\n", embeddingSettings(ev))
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// embeddingSettings describes the event's embedding settings (never a key).
func embeddingSettings(ev *event.Event) string {
	parts := []string{}
	if ev.EmbeddingURL != "" {
		parts = append(parts, "base URL "+ev.EmbeddingURL)
	}
	if ev.EmbeddingModel != "" {
		parts = append(parts, "model "+ev.EmbeddingModel)
	}
	if ev.EmbeddingDims > 0 {
		parts = append(parts, fmt.Sprintf("%d dimensions", ev.EmbeddingDims))
	}
	if len(parts) == 0 {
		return "defaults"
	}
	return strings.Join(parts, ", ")
}
