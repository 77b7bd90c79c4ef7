#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test: formatting
# and vet, the Go unit/property tests, the js/wasm tests under node, and the
# end-to-end suites. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=1

bash scripts/setup.sh

# Build steps that tests rely on (the portal bundle is embedded by server/).
if [ -x scripts/build-portal.sh ] || [ -f scripts/build-portal.sh ]; then
  echo "== build portal bundle"
  bash scripts/build-portal.sh
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './e2e/*'))
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./... 2>&1 | tee /tmp/pitchmatch-gotest.log
test "${PIPESTATUS[0]}" -eq 0

# Execution counts, not durations: with a -fuzztime duration, Go 1.26's fuzz
# coordinator can report a spurious "context deadline exceeded" at the
# deadline on a loaded machine (golang/go#75804, fixed in Go 1.27).
echo "== fuzz: the text sanitiser and every API decoder (short run; seeds also run in go test)"
go test -count=1 -run '^$' -fuzz '^FuzzCleanText$' -fuzztime 30000x ./event/
go test -count=1 -run '^$' -fuzz '^FuzzAPIDecoders$' -fuzztime 15000x ./server/

echo "== js/wasm tests (node)"
# The domain and scoring packages run in the browser too: test them there.
wasm_pkgs=(./event/... ./demo/)
[ -d matching ] && wasm_pkgs+=(./matching/)
[ -d wasm ] && wasm_pkgs+=(./wasm/...)
GOOS=js GOARCH=wasm go test -count=1 -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" "${wasm_pkgs[@]}"

for suite in scripts/e2e-*.sh; do
  [ -f "$suite" ] || continue
  echo "== $suite"
  bash "$suite"
done

echo "== all tests passed"
