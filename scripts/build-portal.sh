#!/bin/sh
# Builds the startup portal (Go → WebAssembly) into server/static, where the
# server embeds it (go:embed). Run before `go build`/`go test` of anything
# that serves the portal; the Makefile calls it. Idempotent.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
out=server/static
goroot=$(go env GOROOT)
exec_js="$goroot/lib/wasm/wasm_exec.js"
[ -f "$exec_js" ] || exec_js="$goroot/misc/wasm/wasm_exec.js" # Go < 1.24
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/portal.wasm.tmp" ./wasm/main
mv "$out/portal.wasm.tmp" "$out/portal.wasm"
cp "$exec_js" "$out/wasm_exec.js"
# Precompressed twins: the server sends these to clients that accept gzip.
gzip -9 -n -c "$out/portal.wasm" > "$out/portal.wasm.gz"
gzip -9 -n -c "$out/wasm_exec.js" > "$out/wasm_exec.js.gz"
raw=$(wc -c < "$out/portal.wasm")
gz=$(wc -c < "$out/portal.wasm.gz")
echo "portal: $out/portal.wasm $raw bytes, gzip $gz bytes" >&2
