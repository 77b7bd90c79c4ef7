package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// placeholders returns "?1, ?2, …, ?n".
func placeholders(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		b.WriteString("?" + strconv.Itoa(i))
	}
	return b.String()
}

// The SQL for a versioned table whose column list starts with "id, version".
func insertSQL(table, cols string) string {
	n := len(strings.Split(cols, ","))
	return "INSERT INTO " + table + " (" + cols + ") VALUES (" + placeholders(n) + ")"
}

// updateSQL sets every column but id from the same argument list as
// insertSQL, with the expected old version as argument n+1.
func updateSQL(table, cols string) string {
	names := strings.Split(cols, ",")
	sets := make([]string, 0, len(names)-1)
	for i, c := range names[1:] {
		sets = append(sets, strings.TrimSpace(c)+" = ?"+strconv.Itoa(i+2))
	}
	return "UPDATE " + table + " SET " + strings.Join(sets, ", ") +
		" WHERE id = ?1 AND version = ?" + strconv.Itoa(len(names)+1)
}

// upsertSQL inserts or overwrites by id, taking the version from the
// arguments.
func upsertSQL(table, cols string) string {
	names := strings.Split(cols, ",")
	sets := make([]string, 0, len(names)-1)
	for _, c := range names[1:] {
		c = strings.TrimSpace(c)
		sets = append(sets, c+" = excluded."+c)
	}
	return insertSQL(table, cols) + " ON CONFLICT (id) DO UPDATE SET " + strings.Join(sets, ", ")
}

// versions reads the stored version of every record of table.
func versions(ctx context.Context, q querier, table string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, version FROM "+table)
	if err != nil {
		return nil, fmt.Errorf("read %s versions: %w", table, err)
	}
	defer rows.Close()
	out := make(map[string]int64)
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("read %s versions: %w", table, err)
		}
		out[id] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s versions: %w", table, err)
	}
	return out, nil
}
