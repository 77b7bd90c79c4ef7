package embed

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pitchmatch/event"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	ev := &event.Event{EmbeddingURL: "https://llm.example.org/v1/", EmbeddingModel: "bge-m3", EmbeddingDims: 1024}
	tests := []struct {
		name    string
		env     map[string]string
		ev      *event.Event
		want    Config
		wantErr error
	}{
		{"defaults with OPENAI_API_KEY", map[string]string{EnvKey: "k1"}, nil,
			Config{BaseURL: DefaultBaseURL, Model: DefaultModel, APIKey: "k1", KeyEnv: EnvKey}, nil},
		{"pitchmatch key wins", map[string]string{EnvKey: "k1", EnvPitchKey: "k2"}, nil,
			Config{BaseURL: DefaultBaseURL, Model: DefaultModel, APIKey: "k2", KeyEnv: EnvPitchKey}, nil},
		{"event settings", map[string]string{EnvKey: "k1"}, ev,
			Config{BaseURL: "https://llm.example.org/v1/", Model: "bge-m3", Dims: 1024, APIKey: "k1", KeyEnv: EnvKey}, nil},
		{"no key", nil, nil, Config{BaseURL: DefaultBaseURL, Model: DefaultModel}, ErrNoKey},
		{"no key, remote server", nil, ev, Config{BaseURL: "https://llm.example.org/v1/", Model: "bge-m3", Dims: 1024}, ErrNoKey},
		{"no key, explicitly keyless", map[string]string{EnvKeylessFlag: "1"}, ev,
			Config{BaseURL: "https://llm.example.org/v1/", Model: "bge-m3", Dims: 1024}, nil},
		{"no key, local Ollama", nil, &event.Event{EmbeddingURL: "http://localhost:11434/v1", EmbeddingModel: "nomic-embed-text"},
			Config{BaseURL: "http://localhost:11434/v1", Model: "nomic-embed-text"}, nil},
		{"no key, llama.cpp on 127.0.0.1", nil, &event.Event{EmbeddingURL: "http://127.0.0.1:8080/v1"},
			Config{BaseURL: "http://127.0.0.1:8080/v1", Model: DefaultModel}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfigFromEnv(env(tt.env), tt.ev)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %+v (key %q), want %+v", got, got.APIKey, tt.want)
			}
		})
	}
}

func TestConfigFromEnvNoKeyMessage(t *testing.T) {
	_, err := ConfigFromEnv(env(nil), nil)
	if event.ErrorCode(err) != event.EUnauthorized {
		t.Errorf("code %s, want unauthorized", event.ErrorCode(err))
	}
	for _, lang := range []event.Lang{event.En, event.Ja} {
		msg := event.ErrorMessage(err, lang)
		for _, want := range []string{EnvKey, EnvPitchKey} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s message %q does not name %s", lang, msg, want)
			}
		}
	}
	if msg := event.ErrorMessage(err, event.En); !strings.Contains(msg, "skipped") {
		t.Errorf("message %q does not say embeddings are skipped", msg)
	}
}

func TestConfigFromEnvRejectsBadSettings(t *testing.T) {
	for _, ev := range []*event.Event{
		{EmbeddingURL: "localhost:11434"},
		{EmbeddingURL: "ftp://example.org"},
		{EmbeddingDims: -3},
	} {
		if _, err := ConfigFromEnv(env(map[string]string{EnvKey: "k"}), ev); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("%+v: err %v, want invalid", ev, err)
		}
	}
}

func TestConfigNeverPrintsKey(t *testing.T) {
	c := Config{BaseURL: "u", Model: "m", APIKey: "sk-very-secret", KeyEnv: EnvKey}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprint(&c)} {
		if strings.Contains(s, "very-secret") {
			t.Errorf("printed config leaks the key: %s", s)
		}
	}
	if got := c.CacheModel(); got != "m" {
		t.Errorf("CacheModel = %q", got)
	}
	c.Dims = 256
	if got := c.CacheModel(); got != "m@256" {
		t.Errorf("CacheModel = %q, want m@256", got)
	}
}

func TestIsLocalURL(t *testing.T) {
	for u, want := range map[string]bool{
		"http://localhost:11434/v1": true, "http://127.0.0.1:8080": true, "http://[::1]:8080/v1": true,
		"http://foo.localhost/v1": true, "https://api.openai.com/v1": false, "http://192.168.1.5:11434/v1": false,
		"http://localhost.evil.com/v1": false,
	} {
		if got := IsLocalURL(u); got != want {
			t.Errorf("IsLocalURL(%q) = %v", u, got)
		}
	}
}
