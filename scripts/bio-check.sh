#!/usr/bin/env bash
# The BIO-scale figure of issue 16: the whole CLI `schedule` on the demo
# event of 15,000 startups × 4,500 companies (4,500 themes, 2,000 tables,
# 3 days × 12 slots), as a separate process; prints its CPU time (user +
# system) and peak RSS (targets: < 60 CPU-s, < 2 GB on the 2-core machine)
# beside the machine load. Not part of CI (a minute of CPU). Run it on a
# quiet machine: under load the CPU time grows, since the process shares
# the cores with others (the same run: 50 CPU-s alone at load 5, 58 with
# NICE="nice -n 10"). 2026-12-02 (fourth session), quiet: 38.0 CPU-s,
# 1.08 GB, 22 s; the CLI alone over 10 runs 39.5-45.5 CPU-s, 0.9-1.17 GB.
#   PITCHMATCH_BIO_DB=FILE reuses an event made by
#   pitchmatch demo --db FILE --startups 15000 --companies 4500 --themes 4500 --tables 2000 --days 3 --slots-per-day 12
set -euo pipefail
cd "$(dirname "$0")/.."
uptime
${NICE:-} go test ./cmd/pitchmatch/ -run '^$' -bench 'BenchmarkScheduleBIO$' -benchtime 1x -count 1 -timeout 30m -v | grep -v '^=== RUN'
uptime
