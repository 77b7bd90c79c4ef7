package storage

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
)

// rowsAtVersion inserts data with plain SQL into a file at schema version v,
// as an older PitchMatch would have written it.
func rowsAtVersion(t *testing.T, sqldb *sql.DB, v int) {
	t.Helper()
	ctx := context.Background()
	stmts := map[int][]string{
		1: {
			`INSERT INTO event (id, version, data, updated_at) VALUES (1, 3,
				'{"name":{"ja":"旧イベント","en":"Old event"},"time_zone":"Asia/Tokyo","slot_minutes":20,"tables":4,"days":[{"date":"2024-10-09","start":"10:00","slots":10}]}',
				'2024-09-01T00:00:00Z')`,
			`INSERT INTO startups (id, version, name_ja, name_en, areas, updated_at) VALUES ('S1', 2, '旧スタートアップ', 'Old startup', '["cardiovascular","oncology"]', '2024-09-01T00:00:00Z')`,
			`INSERT INTO companies (id, version, name_ja, name_en, scouts, updated_at) VALUES ('C1', 1, '旧企業', 'Old company', '["佐藤"]', '2024-09-01T00:00:00Z')`,
			`INSERT INTO themes (id, company_id, version, title_ja, title_en, updated_at) VALUES ('T1', 'C1', 1, '旧テーマ', 'Old theme', '2024-09-01T00:00:00Z')`,
			`INSERT INTO interests (kind, startup_id, company_id, theme_id, by_side, created_at) VALUES ('apply', 'S1', 'C1', 'T1', 'startup', '2024-09-01T00:00:00Z')`,
			`INSERT INTO meetings (uid, startup_id, company_id, theme_id, slot, table_no, status, sequence, version, updated_at)
				VALUES ('old@pitchmatch', 'S1', 'C1', 'T1', 2, 1, 'confirmed', 1, 1, '2024-09-01T00:00:00Z')`,
			`INSERT INTO audit (at, actor, action, entity, entity_id) VALUES ('2024-09-01T00:00:00Z', 'old', 'import', 'startup', '')`,
		},
		2: {
			`INSERT INTO tokens (hash, startup_id, created_at) VALUES ('h1', 'S1', '2024-09-01T00:00:00Z')`,
			`INSERT INTO embeddings (model, key, dims, vec, created_at) VALUES ('m', 'k', 1, x'0000803f', '2024-09-01T00:00:00Z')`,
			`INSERT INTO settings (key, value, updated_at) VALUES ('lang', 'ja', '2024-09-01T00:00:00Z')`,
		},
	}
	for ver := 1; ver <= v; ver++ {
		for _, s := range stmts[ver] {
			if _, err := sqldb.ExecContext(ctx, s); err != nil {
				t.Fatalf("version %d data: %v", ver, err)
			}
		}
	}
}

// TestMigrations starts from every earlier schema version with data in it,
// opens the file and checks the schema is current and the data preserved.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < len(ms); k++ {
		t.Run(fmt.Sprintf("from_%d", k), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			sqldb, err := sql.Open("sqlite3", writerDSN(path, busyTimeout))
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, sqldb, k); err != nil {
				t.Fatal(err)
			}
			rowsAtVersion(t, sqldb, k)
			sqldb.Close()

			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if v, err := db.SchemaVersion(ctx); err != nil || v != len(ms) {
				t.Fatalf("schema version %d (%v), want %d", v, err, len(ms))
			}
			if k >= 1 {
				e, err := db.Event(ctx)
				if err != nil || e.Name.En != "Old event" || e.Version != 3 || e.NumSlots() != 10 {
					t.Errorf("event %+v %v", e, err)
				}
				s, err := db.Startup(ctx, "S1")
				if err != nil || s.Version != 2 || len(s.Areas) != 2 || s.Name.Ja != "旧スタートアップ" {
					t.Errorf("startup %+v %v", s, err)
				}
				c, _ := db.Counts(ctx)
				if c.Companies != 1 || c.Themes != 1 || c.Interests != 1 || c.Meetings != 1 {
					t.Errorf("counts %+v", c)
				}
				if ms, _ := db.Meetings(ctx); len(ms) != 1 || ms[0].UID != "old@pitchmatch" || ms[0].Sequence != 1 {
					t.Errorf("meetings %+v", ms)
				}
			}
			if k >= 2 {
				if tok, err := db.TokenByHash(ctx, "h1"); err != nil || tok.StartupID != "S1" {
					t.Errorf("token %+v %v", tok, err)
				}
				if v, err := db.LoadVectors(ctx, "m", []string{"k"}); err != nil || len(v["k"]) != 1 || v["k"][0] != 1 {
					t.Errorf("vectors %v %v", v, err)
				}
				if v, ok, err := db.Setting(ctx, "lang"); v != "ja" || !ok || err != nil {
					t.Errorf("setting %q %v %v", v, ok, err)
				}
			}
			// The newest tables work whatever the starting version.
			if err := db.SaveStartup(ctx, "t", &event.Startup{ID: "S2", Name: event.T("新", "New")}); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateToken(ctx, event.Token{Hash: "h2", StartupID: "S2", CreatedAt: now()}); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveVectors(ctx, "m", map[string][]float32{"k2": {1, 2}}); err != nil {
				t.Fatal(err)
			}
			if err := db.SetSetting(ctx, "t", "k", "v"); err != nil {
				t.Fatal(err)
			}
			h, err := db.AuditOf(ctx, "startup", "S2", 0)
			if err != nil || len(h) != 2 || h[1].Action != "startup.create" || h[0].Action != "token.create" {
				t.Errorf("history of S2: %+v %v", h, err)
			}
			rows, err := db.sql.QueryContext(ctx, `EXPLAIN QUERY PLAN
				SELECT id FROM audit WHERE entity = 'startup' AND entity_id = 'S2' ORDER BY id DESC`)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			if !strings.Contains(strings.Join(plan, ";"), "audit_entity") {
				t.Errorf("record history does not use the index: %s", plan)
			}
			if err := db.IntegrityCheck(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.wr.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("Open of a newer schema: %v, want invalid", err)
	}
}

// TestOpenRefusesForeignFiles: a text file, and another program's SQLite
// database, are refused and left unchanged.
func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	content := strings.Repeat("これはデータベースではありません。\n", 200)
	if err := os.WriteFile(text, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, text); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("Open(text file) = %v, want invalid", err)
	}
	if b, _ := os.ReadFile(text); string(b) != content {
		t.Error("text file was changed")
	}
	other := filepath.Join(dir, "other.db")
	sqldb, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.ExecContext(ctx, "CREATE TABLE contacts (name TEXT)"); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()
	if _, err := Open(ctx, other); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("Open(another program's database) = %v, want invalid", err)
	}
	sqldb, _ = sql.Open("sqlite3", other)
	defer sqldb.Close()
	var n int
	if err := sqldb.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil || n != 1 {
		t.Errorf("other database now has %d objects (%v), want 1", n, err)
	}
}
