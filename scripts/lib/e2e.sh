# Shared set-up of the browser suites (scripts/e2e-*.sh), sourced by each:
#   . "$(dirname -- "$0")/lib/e2e.sh"
#   e2e_setup NAME        # root, tmp, cleanup, npm packages, chromium, portal + CLI built as $pm
#   e2e_serve DB BURST    # serves DB on a free loopback port; sets $url and $pid
# The caller's NAME prefixes every message.

# e2e_setup enters the repository, makes the temporary folder $tmp
# (removed on exit, with the server stopped), installs the npm test
# dependency if missing, checks Chromium and builds the portal and the CLI
# ($pm).
e2e_setup() {
	e2e_name=$1
	root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
	cd "$root"
	tmp=$(mktemp -d)
	pid=""
	trap e2e_cleanup EXIT INT TERM
	if [ ! -d e2e/portal/node_modules/playwright-core ]; then
		(cd e2e/portal && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
	fi
	[ -x /usr/bin/chromium ] || { echo "$e2e_name: /usr/bin/chromium missing (apt-get install chromium fonts-noto-cjk)" >&2; exit 1; }
	scripts/build-portal.sh
	go build -o "$tmp/pitchmatch" ./cmd/pitchmatch
	pm="$tmp/pitchmatch"
}

e2e_cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}

# e2e_serve starts `pitchmatch serve` on DB with the given rate-limit burst
# and waits (up to 10 s) for the address it listens on ($url).
e2e_serve() {
	"$pm" serve --db "$1" --addr 127.0.0.1:0 --burst "$2" >"$tmp/serve.out" 2>"$tmp/serve.log" &
	pid=$!
	url=""
	for _ in $(seq 1 100); do
		url=$(sed -n 's/^listening on //p' "$tmp/serve.out" | head -n 1)
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || { cat "$tmp/serve.log" >&2; echo "$e2e_name: server did not start" >&2; exit 1; }
}
