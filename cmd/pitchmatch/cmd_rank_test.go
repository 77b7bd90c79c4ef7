package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "60", "--companies", "8", "--themes", "12"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return db
}

func TestRankJSONAndTable(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := cli(t, "rank", "--db", db, "--theme", "T001", "--top", "5", "--json")
	if code != 0 {
		t.Fatalf("rank: %d %s", code, errOut)
	}
	var rows []struct {
		StartupID string  `json:"startup_id"`
		Score     float64 `json:"score"`
		Features  []struct {
			Name   string            `json:"name"`
			Value  float64           `json:"value"`
			Weight float64           `json:"weight"`
			Reason map[string]string `json:"reason"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	for i, r := range rows {
		if r.StartupID == "" || r.Score < 0 || r.Score > 1 || len(r.Features) == 0 {
			t.Errorf("row %d: %+v", i, r)
		}
		if i > 0 && rows[i-1].Score < r.Score {
			t.Errorf("not sorted at %d", i)
		}
		for _, f := range r.Features {
			if f.Reason["ja"] == "" || f.Reason["en"] == "" {
				t.Errorf("feature %s lacks a bilingual reason", f.Name)
			}
		}
	}
	code, out, _ = cli(t, "rank", "--db", db, "--theme", "T001", "--top", "3", "--lang", "ja")
	if code != 0 || !strings.Contains(out, "スコア") || !strings.Contains(out, rows[0].StartupID) {
		t.Errorf("ja table: %d %s", code, out)
	}
	if n := strings.Count(out, "\n"); n < 4 {
		t.Errorf("table has %d lines: %s", n, out)
	}
	code, out, _ = cli(t, "rank", "--db", db, "--startup", rows[0].StartupID, "--top", "2", "--json")
	if code != 0 || !strings.Contains(out, `"theme_id"`) {
		t.Errorf("rank --startup: %d %s", code, out)
	}
	for _, bad := range [][]string{
		{"rank", "--db", db},
		{"rank", "--db", db, "--theme", "T001", "--startup", "S00001"},
		{"rank", "--db", db, "--theme", "T001", "--lang", "fr"},
	} {
		if code, _, _ := cli(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errOut := cli(t, "rank", "--db", db, "--theme", "NOPE"); code != 1 || !strings.Contains(errOut, "NOPE") {
		t.Errorf("unknown theme: %d %s", code, errOut)
	}
}

func TestSimilarityCommand(t *testing.T) {
	in := `{"id": 1, "text1": "AIによる心電図解析", "text2": "AI analysis of the ECG"}

{"id": "b", "text1": "AIによる心電図解析", "text2": "A knee implant made of titanium"}
{"id": null, "text1": "", "text2": "x"}
`
	var stdout, stderr bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(in), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), env, []string{"similarity"}); code != 0 {
		t.Fatalf("similarity: %d %s", code, stderr.String())
	}
	var got []struct {
		ID    json.RawMessage `json:"id"`
		Score float64         `json:"score"`
	}
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var g struct {
			ID    json.RawMessage `json:"id"`
			Score float64         `json:"score"`
		}
		if err := dec.Decode(&g); err != nil {
			t.Fatal(err)
		}
		got = append(got, g)
	}
	if len(got) != 3 || string(got[0].ID) != "1" || string(got[1].ID) != `"b"` || string(got[2].ID) != "null" {
		t.Fatalf("ids: %+v", got)
	}
	if got[0].Score <= got[1].Score || got[2].Score != 0 {
		t.Errorf("scores %+v: the translation should score above the unrelated pair", got)
	}

	env.stdin = strings.NewReader("{\"id\":1,\"text1\":\"a\",\"text2\":\"b\"}\n{\"id\":2,\"text1\":\"a\"}\n")
	stderr.Reset()
	if code := run(context.Background(), env, []string{"similarity"}); code != 1 || !strings.Contains(stderr.String(), "line 2") {
		t.Errorf("missing text2: %d %s", code, stderr.String())
	}
}
