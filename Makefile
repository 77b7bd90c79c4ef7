# PitchMatch — convenience targets; the scripts do the work so a machine
# without make can run them directly (see README).
.PHONY: setup run build test bench screenshots portal clean

setup:
	bash scripts/setup.sh

run:
	bash scripts/run-demo.sh

build:
	mkdir -p bin
	go build -o bin/pitchmatch ./cmd/pitchmatch
	@if [ -f main.go ]; then go build -o bin/pitchmatch-desktop . ; fi

test:
	bash scripts/test.sh

bench:
	go test -run='^$$' -bench=. -benchmem ./...

screenshots:
	bash scripts/screenshots.sh

portal:
	bash scripts/build-portal.sh

clean:
	rm -rf bin out screenshots
