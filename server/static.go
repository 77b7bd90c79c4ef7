package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// static holds the portal: index.html, style.css and boot.js are tracked in
// git; portal.wasm, wasm_exec.js and their .gz twins are written by
// scripts/build-portal.sh (go generate ./server) and ignored by git.
//
//go:generate ../scripts/build-portal.sh
//go:embed static
var static embed.FS

// versionMark in index.html and style.css is replaced by the bundle's content
// hash, so URLs change whenever the bundle does and can be cached for a year.
const versionMark = "{{v}}"

// WasmFile is the name of the compiled portal in the bundle.
const WasmFile = "portal.wasm"

type asset struct {
	name  string
	ctype string
	raw   []byte
	etag  string

	// gz is the gzip form: the build's precompressed twin, or compressed
	// on first use (the 6 MB font takes a while and is rarely asked for).
	gzOnce sync.Once
	gz     []byte
}

// gzipped returns the compressed body, or nil if compression failed.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		if a.gz == nil {
			a.gz, _ = gzipBytes(a.raw)
		}
	})
	return a.gz
}

// bundle serves the portal's files from memory, gzip-compressed when the
// client accepts it.
type bundle struct {
	version string
	files   map[string]*asset
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".ttf":
		return "font/ttf"
	case ".svg":
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

func loadBundle(font []byte) (*bundle, error) {
	raw := map[string][]byte{}
	pre := map[string][]byte{}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		if strings.HasSuffix(name, ".gz") {
			pre[strings.TrimSuffix(name, ".gz")] = data
		} else {
			raw[name] = data
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("portal bundle: %w", err)
	}
	if len(font) > 0 {
		raw["font.ttf"] = font
	}
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		h.Write([]byte(name))
		h.Write(raw[name])
	}
	b := &bundle{version: hex.EncodeToString(h.Sum(nil))[:12], files: map[string]*asset{}}
	for name, data := range raw {
		if ct := contentType(name); strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "text/css") {
			data = bytes.ReplaceAll(data, []byte(versionMark), []byte(b.version))
			delete(pre, name) // the text changed: compress the result
		}
		a := &asset{name: name, ctype: contentType(name), raw: data}
		if gz, ok := pre[name]; ok {
			a.gz = gz
		}
		sum := sha256.Sum256(data)
		a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		b.files[name] = a
	}
	return b, nil
}

func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (b *bundle) ready() bool {
	_, w := b.files[WasmFile]
	_, j := b.files["wasm_exec.js"]
	return w && j
}

func (b *bundle) sizes() map[string][2]int {
	out := map[string][2]int{}
	for name, a := range b.files {
		if name != "font.ttf" {
			out[name] = [2]int{len(a.raw), len(a.gzipped())}
		}
	}
	return out
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

func (b *bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	a, ok := b.files[name]
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Vary", "Accept-Encoding")
	h.Set("ETag", a.etag)
	if name != "index.html" && r.URL.Query().Get("v") == b.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.raw
	if acceptsGzip(r) {
		if gz := a.gzipped(); gz != nil {
			h.Set("Content-Encoding", "gzip")
			body = gz
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
