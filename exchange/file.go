package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"pitchmatch/event"
)

// ReadFile reads the file at path with ReadCSV or ReadJSON, chosen by its
// extension (.csv, .tsv, .txt or .json, in any case). Problems name the file
// by its base name.
func ReadFile(ctx context.Context, path string, kind Kind, opt ReadOptions) (*event.Batch, error) {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".tsv", ".txt", ".json":
	default:
		return nil, &event.Error{Code: event.EInvalid, Message: event.Text{
			Ja: fmt.Sprintf("%s: 取り込めるのは .csv と .json のファイルです", name),
			En: fmt.Sprintf("%s: only .csv and .json files can be imported", name),
		}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", kind, err)
	}
	defer f.Close()
	if ext == ".json" {
		return ReadJSON(ctx, name, f, kind, opt)
	}
	return ReadCSV(ctx, name, f, kind, opt)
}
