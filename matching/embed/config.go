package embed

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"pitchmatch/event"
)

// Defaults used when neither the event settings nor the caller say otherwise.
const (
	DefaultBaseURL = "https://api.openai.com/v1"
	DefaultModel   = "text-embedding-3-small"

	// DefaultMaxBatchInputs is OpenAI's limit on inputs per request.
	DefaultMaxBatchInputs = 2048
	// DefaultMaxBatchChars is the per-request size budget in UTF-8 bytes.
	// Every BPE token covers at least one byte, so a byte budget is an upper
	// bound on the token count whatever the language; OpenAI allows 300,000
	// tokens per request, and we stay below that with a margin.
	DefaultMaxBatchChars = 250_000
	DefaultMaxInFlight   = 4
	DefaultMaxRetries    = 5
)

// Environment variables read by ConfigFromEnv.
const (
	EnvKey         = "OPENAI_API_KEY"
	EnvPitchKey    = "PITCHMATCH_OPENAI_API_KEY" // takes precedence over OPENAI_API_KEY
	EnvKeylessFlag = "PITCHMATCH_EMBEDDING_NO_KEY"
)

// ErrNoKey is wrapped by the error ConfigFromEnv returns when no API key is
// set for an endpoint that needs one.
var ErrNoKey = errors.New("no embedding API key in the environment")

// Config says where and how to embed. APIKey is empty for local servers
// that need none; it comes from the environment only and is never stored.
type Config struct {
	BaseURL        string // OpenAI-compatible base URL, e.g. http://localhost:11434/v1
	Model          string
	Dims           int    // requested/expected vector length; 0: the model's own
	APIKey         string // never stored, logged or shown; String() redacts it
	KeyEnv         string // which environment variable APIKey came from, for messages
	MaxBatchInputs int    // inputs per request; 0: DefaultMaxBatchInputs
	MaxBatchChars  int    // UTF-8 bytes per request; 0: DefaultMaxBatchChars
	MaxInFlight    int    // concurrent requests; 0: DefaultMaxInFlight
	MaxRetries     int    // retries per request on 429/5xx/timeouts; 0: DefaultMaxRetries, <0: none
	HTTPClient     *http.Client
}

// String describes the configuration without the key, so that printing a
// Config (%v, %+v, logs) never leaks it.
func (c Config) String() string {
	key := "none"
	if c.APIKey != "" {
		key = "set"
		if c.KeyEnv != "" {
			key = "from " + c.KeyEnv
		}
	}
	return fmt.Sprintf("embed.Config{BaseURL:%q Model:%q Dims:%d APIKey:%s}", c.BaseURL, c.Model, c.Dims, key)
}

// GoString is String, for %#v.
func (c Config) GoString() string { return c.String() }

// CacheModel is the model name under which vectors are cached: the model
// and, when set, the requested dimensions ("text-embedding-3-small@512"),
// so vectors of another model or length are never mixed up.
func (c Config) CacheModel() string {
	if c.Dims > 0 {
		return fmt.Sprintf("%s@%d", c.Model, c.Dims)
	}
	return c.Model
}

func (c Config) withDefaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.MaxBatchInputs <= 0 {
		c.MaxBatchInputs = DefaultMaxBatchInputs
	}
	if c.MaxBatchChars <= 0 {
		c.MaxBatchChars = DefaultMaxBatchChars
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = DefaultMaxInFlight
	}
	if c.MaxRetries == 0 {
		c.MaxRetries = DefaultMaxRetries
	} else if c.MaxRetries < 0 {
		c.MaxRetries = 0
	}
	return c
}

// ConfigFromEnv builds the configuration for ev (which may be nil): base URL,
// model and dimensions from the event settings or the defaults, the key
// from PITCHMATCH_OPENAI_API_KEY or else OPENAI_API_KEY.
//
// A key is required unless the base URL points at this machine (localhost,
// 127.0.0.0/8, ::1) — local model servers such as Ollama or llama.cpp need
// none — or PITCHMATCH_EMBEDDING_NO_KEY is set to 1/true/yes for a keyless
// server elsewhere on the network. Without a key the error wraps ErrNoKey and
// says that embeddings are skipped and why.
func ConfigFromEnv(getenv func(string) string, ev *event.Event) (Config, error) {
	var c Config
	if ev != nil {
		c.BaseURL = strings.TrimSpace(ev.EmbeddingURL)
		c.Model = strings.TrimSpace(ev.EmbeddingModel)
		c.Dims = ev.EmbeddingDims
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Dims < 0 {
		return c, event.Errorf(event.EInvalid, fmt.Sprintf("埋め込みの次元数が不正です（%d）", c.Dims),
			"embedding dimensions must be positive (got %d)", c.Dims)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, event.Errorf(event.EInvalid, fmt.Sprintf("埋め込みのURLが不正です: %q", c.BaseURL),
			"embedding base URL %q is not an http(s) URL", c.BaseURL)
	}
	for _, name := range []string{EnvPitchKey, EnvKey} {
		if k := strings.TrimSpace(getenv(name)); k != "" {
			c.APIKey, c.KeyEnv = k, name
			return c, nil
		}
	}
	if IsLocalURL(c.BaseURL) || truthy(getenv(EnvKeylessFlag)) {
		return c, nil
	}
	return c, &event.Error{
		Code: event.EUnauthorized,
		Message: event.Text{
			Ja: fmt.Sprintf("埋め込みをスキップしました: 環境変数 %s も %s も設定されていません（%s）", EnvKey, EnvPitchKey, c.BaseURL),
			En: fmt.Sprintf("embeddings skipped: neither %s nor %s is set (endpoint %s); set one, or use a local server such as --base-url http://localhost:11434/v1", EnvKey, EnvPitchKey, c.BaseURL),
		},
		Err: ErrNoKey,
	}
}

// IsLocalURL reports whether raw points at this machine.
func IsLocalURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
