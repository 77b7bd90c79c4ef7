package embed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Cache stores vectors by model and text key; storage.DB implements it over
// SQLite. model is Config.CacheModel() (model name plus dimensions) and keys
// are Key(text). LoadVectors returns only the keys it has.
type Cache interface {
	LoadVectors(ctx context.Context, model string, keys []string) (map[string][]float32, error)
	SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error
}

// Stats says what a Vectors call did.
type Stats struct {
	Texts    int `json:"texts"`    // ids asked for
	Empty    int `json:"empty"`    // ids whose text is empty after normalising: no vector
	Unique   int `json:"unique"`   // distinct non-empty normalised texts
	Cached   int `json:"cached"`   // distinct texts found in the cache
	Sent     int `json:"sent"`     // distinct texts sent to the server
	Requests int `json:"requests"` // HTTP requests made, retries included
	Retries  int `json:"retries"`  // of which retries
}

// Normalize is the form a text is embedded and keyed in: NFKC (full-width
// Latin and half-width kana folded), trimmed, runs of white space collapsed
// to one space.
func Normalize(s string) string {
	return strings.Join(strings.FieldsFunc(norm.NFKC.String(s), unicode.IsSpace), " ")
}

// Key is the cache key of text: the hex SHA-256 of Normalize(text).
func Key(text string) string { return hashKey(Normalize(text)) }

// Vectors returns a vector for every id whose text is not empty. Texts are
// normalised and deduplicated; those already in cache (which may be nil)
// under c.CacheModel() are not sent, the rest are embedded and saved to the
// cache batch by batch, so an interrupted run keeps what it paid for.
// Cached vectors of the wrong length for a configured Dims are re-embedded.
// progress (if not nil) counts distinct texts, cached ones included.
func Vectors(ctx context.Context, c *Client, cache Cache, texts map[string]string, progress func(done, total int)) (map[string][]float32, Stats, error) {
	st := Stats{Texts: len(texts)}
	byKey := make(map[string]string) // key → normalised text
	idKey := make(map[string]string, len(texts))
	for id, t := range texts {
		n := Normalize(t)
		if n == "" {
			st.Empty++
			continue
		}
		k := hashKey(n)
		idKey[id] = k
		byKey[k] = n
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	st.Unique = len(keys)

	model := c.CacheModel()
	have := map[string][]float32{}
	if cache != nil && len(keys) > 0 {
		loaded, err := cache.LoadVectors(ctx, model, keys)
		if err != nil {
			return nil, st, fmt.Errorf("load cached embeddings for %s: %w", model, err)
		}
		for k, v := range loaded {
			if _, asked := byKey[k]; asked && len(v) > 0 && (c.cfg.Dims == 0 || len(v) == c.cfg.Dims) {
				have[k] = v
			}
		}
	}
	st.Cached = len(have)

	var missing []string
	var missingText []string
	for _, k := range keys {
		if _, ok := have[k]; !ok {
			missing = append(missing, k)
			missingText = append(missingText, byKey[k])
		}
	}
	st.Sent = len(missing)
	if progress != nil {
		progress(st.Cached, st.Unique)
	}
	var prog func(done, total int)
	if progress != nil {
		prog = func(done, _ int) { progress(st.Cached+done, st.Unique) }
	}
	rs, err := c.run(ctx, missingText, prog, func(idx []int, vecs [][]float32) error {
		batch := make(map[string][]float32, len(idx))
		for i, j := range idx {
			batch[missing[j]] = vecs[i]
			have[missing[j]] = vecs[i]
		}
		if cache == nil {
			return nil
		}
		if err := cache.SaveVectors(ctx, model, batch); err != nil {
			return fmt.Errorf("cache embeddings for %s: %w", model, err)
		}
		return nil
	})
	st.Requests, st.Retries = int(rs.requests.Load()), int(rs.retries.Load())
	if err != nil {
		return nil, st, err
	}

	// Cached and new vectors must agree in length (Dims 0: the model's own).
	dims := 0
	for _, k := range keys {
		if dims == 0 {
			dims = len(have[k])
		} else if len(have[k]) != dims {
			return nil, st, c.dimsError(len(have[k]), dims, "other vectors of this model")
		}
	}
	out := make(map[string][]float32, len(idKey))
	for id, k := range idKey {
		out[id] = have[k]
	}
	return out, st, nil
}

func hashKey(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return hex.EncodeToString(sum[:])
}
