#!/usr/bin/env bash
# bench/pgo.sh: rewrite cmd/iamlint/default.pgo, the CPU profile the Go
# compiler optimises the command with (profile-guided optimisation: go
# build, go install and go run use it on their own).
#
# The profile is of the command's own benchmarks (cmd/iamlint/bench_cli_test.go)
# on the workloads bench/run.sh measures: a dense 10,000-file estate, a
# real-density one (one root in 10 with IAM), a 50 MB plan, and
# ../shared/corpus/real when it is there (skipped otherwise). Run it again
# after a change that moves where the time goes; an old profile is still
# used safely (it only guides inlining and layout), it just helps less.
#
#   bench/pgo.sh            # writes cmd/iamlint/default.pgo
#
# Needs: go. Everything else is written under a new temporary directory.
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iamlint-pgo.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

go test -c -o "$WORK/cli.test" ./cmd/iamlint
bench() { # bench NAME BENCHMARK TIMES [ENV=VALUE...]
  local name=$1 re=$2 times=$3
  shift 3
  (cd cmd/iamlint && env "$@" "$WORK/cli.test" -test.run '^$' -test.bench "^$re\$" -test.benchtime "${times}x" \
    -test.cpuprofile "$WORK/$name.prof" >"$WORK/$name.out") || { cat "$WORK/$name.out" >&2; exit 1; }
  grep -E '^Benchmark|SKIP' "$WORK/$name.out" || true
}
bench dense BenchmarkCLIEstate 2 IAMLINT_BENCH_FILES=10000
bench mixed BenchmarkCLIEstate 3 IAMLINT_BENCH_FILES=10000 IAMLINT_BENCH_IAM_EVERY=10
bench plan BenchmarkCLIPlan 3 IAMLINT_BENCH_PLAN_MB=50
bench corpus BenchmarkCLICorpus 20
go tool pprof -proto "$WORK"/*.prof >"$WORK/merged.pgo" 2>/dev/null
mv "$WORK/merged.pgo" cmd/iamlint/default.pgo
echo "wrote cmd/iamlint/default.pgo ($(wc -c <cmd/iamlint/default.pgo) bytes)"
