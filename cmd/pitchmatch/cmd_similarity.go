package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"pitchmatch/matching"
)

func similarityCmd() *command {
	return &command{name: "similarity", summary: "score text pairs from JSON lines, as ranking does / 文の類似度", run: runSimilarity}
}

// similarityPair is one input line of `pitchmatch similarity`.
type similarityPair struct {
	ID    json.RawMessage
	Text1 string
	Text2 string
}

// maxSimilarityLine bounds one input line (a pair of long descriptions).
const maxSimilarityLine = 1 << 20

func runSimilarity(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "similarity", "similarity [--embeddings] < pairs.jsonl\n\n"+
		"Reads JSON lines {\"id\": …, \"text1\": \"…\", \"text2\": \"…\"} and writes {\"id\": …, \"score\": …} per line.\n"+
		"Every pair, of any length, is scored by the text model that ranking and the portal use (fitted on\n"+
		"JSTS ratings). IDF is fitted on the input texts themselves.")
	useEmb := fs.Bool("embeddings", false, "score by embedding cosine instead (needs a configured endpoint)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	pairs, err := readSimilarityPairs(env.stdin)
	if err != nil {
		return err
	}
	var scores []float64
	if *useEmb {
		if scores, err = embeddingSimilarity(ctx, env, pairs); err != nil {
			return err
		}
		if len(scores) != len(pairs) {
			return fmt.Errorf("embeddings: %d scores for %d pairs", len(scores), len(pairs))
		}
	} else {
		t1 := make([]string, len(pairs))
		t2 := make([]string, len(pairs))
		for i, p := range pairs {
			t1[i], t2[i] = p.Text1, p.Text2
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if scores, err = matching.TextSimilarity(t1, t2); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(env.stdout)
	enc := json.NewEncoder(w)
	for i, p := range pairs {
		id := p.ID
		if len(id) == 0 {
			id = json.RawMessage("null")
		}
		if err := enc.Encode(struct {
			ID    json.RawMessage `json:"id"`
			Score float64         `json:"score"`
		}{id, scores[i]}); err != nil {
			return err
		}
	}
	return w.Flush()
}

// readSimilarityPairs parses JSON lines, skipping blank ones; a bad line is
// reported with its number.
func readSimilarityPairs(r io.Reader) ([]similarityPair, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var pairs []similarityPair
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > maxSimilarityLine {
			return nil, fmt.Errorf("stdin line %d: longer than %d bytes", n, maxSimilarityLine)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var in struct {
				ID    json.RawMessage `json:"id"`
				Text1 *string         `json:"text1"`
				Text2 *string         `json:"text2"`
			}
			if jerr := json.Unmarshal(t, &in); jerr != nil {
				return nil, fmt.Errorf("stdin line %d: %w", n, jerr)
			}
			if in.Text1 == nil || in.Text2 == nil {
				return nil, fmt.Errorf("stdin line %d: needs both \"text1\" and \"text2\"", n)
			}
			pairs = append(pairs, similarityPair{ID: in.ID, Text1: *in.Text1, Text2: *in.Text2})
		}
		if errors.Is(err, io.EOF) {
			return pairs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
	}
}
