#!/usr/bin/env bash
# bench/run.sh: build iamlint, generate synthetic estates and plans, lint each
# and print files/s, MB/s, policies/s and peak RSS per size, so one can see
# how cost grows with size.
#
#   bench/run.sh                      # 1k, 10k, 50k .tf files; 5, 50, 200 MB plans
#   SIZES="1000 10000" PLANS="5 50" bench/run.sh   # "" for none
#   MIXED="10000" bench/run.sh        # estates where 1 root in 10 has IAM (default 10000; "" for none)
#   SHARED="10000" bench/run.sh       # estates whose roots call 50 shared modules (default ""; "" for none)
#   CHANGES="200" bench/run.sh        # plans with resource_changes only, twice the resources per MB (default ""; "" for none)
#   RUNS=5 bench/run.sh               # runs per size (the median is reported)
#   KEEP=1 bench/run.sh               # keep the generated inputs (in $WORK)
#   PEERS="tfsec trivy" bench/run.sh  # also time these tools on the same inputs
#   INPUTS="../shared/corpus/real x.json" bench/run.sh  # also lint these directories or plan files as they are
#
# PEERS: each named tool that is on PATH is run RUNS times on every input
# right after iamlint, and gets a row of its own (wall, CPU, peak RSS, exit;
# no policy count). Known tools and their command lines: tfsec
# ("tfsec --no-color --format json --soft-fail DIR"; directories only: tfsec
# reads no plan and no single file), trivy ("trivy config --format json
# --quiet --exit-code 0 --skip-check-update INPUT", plus --skip-version-check
# --disable-telemetry when the trivy on PATH has them), checkov ("checkov
# --quiet --compact --output json --soft-fail -d DIR", "-f FILE" for a plan
# or a file). A tool missing from PATH is named once and skipped. Peers scan
# for more than IAM (all their checks run), so compare with that in mind.
#
# Needs: go, /usr/bin/time (GNU time, for peak RSS). Everything is written
# under $WORK (default: a new temporary directory), nothing else is touched.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES-"1000 10000 50000"}
PLANS=${PLANS-"5 50 200"}
PEERS=${PEERS:-}
MIXED=${MIXED-"10000"}
SHARED=${SHARED:-}
CHANGES=${CHANGES:-}
INPUTS=${INPUTS:-}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/iamlint-bench.XXXXXX")}
mkdir -p "$WORK"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi

for tool in go /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is needed" >&2; exit 2; }
done

peers=()
for p in $PEERS; do
  case $p in
  tfsec | trivy | checkov) ;;
  *) echo "bench/run.sh: unknown peer $p (known: tfsec trivy checkov)" >&2; exit 2 ;;
  esac
  if command -v "$p" >/dev/null; then peers+=("$p"); else echo "bench/run.sh: $p is not on PATH, skipped" >&2; fi
done

go build -o "$WORK/iamlint" ./cmd/iamlint
go build -o "$WORK/gen" ./bench/gen
echo "iamlint $("$WORK/iamlint" version | cut -d' ' -f2) on $(nproc) CPUs, $(uname -sr); median of $RUNS runs"
echo

# summary KEY: the number under "summary" in the last JSON report. The report
# is indented as cmd/iamlint writes it, so its summary object is found with
# grep: jq would parse the whole report (1.5 GB for the 50,000-file estate,
# ~25 GB of jq memory and a minute per call).
summary() {
  grep -m1 -A12 '^  "summary": {' "$WORK/out.json" 2>/dev/null |
    sed -n "s/^    \"$1\": \([0-9]*\),\{0,1\}\$/\1/p" | head -1 | grep . || echo 0
}

# run INPUT...: lint RUNS times; prints "wall_s user_s sys_s maxrss_kb policies files exit"
# for the median-wall run.
run() {
  local i out
  : >"$WORK/runs"
  for ((i = 0; i < RUNS; i++)); do
    # The last run's report (hundreds of MB for the big estates) is removed
    # and flushed first, so its write-back does not fall into this run.
    rm -f "$WORK/out.json"
    sync
    set +e
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$WORK/iamlint" --format json --fail-on none "$@" >"$WORK/out.json" 2>"$WORK/err"
    local code=$?
    set -e
    local pol files
    pol=$(summary policies)
    files=$(summary files)
    echo "$(tail -1 "$WORK/time") $pol $files $code" >>"$WORK/runs"
  done
  sort -n "$WORK/runs" | sed -n "$(((RUNS + 1) / 2))p"
}

row() { # label bytes count wall user sys rss policies (- for none) exit
  awk -v l="$1" -v b="$2" -v n="$3" -v w="$4" -v u="$5" -v s="$6" -v r="$7" -v p="$8" -v e="$9" 'BEGIN {
    mb = b / 1048576; if (w <= 0) w = 0.01
    ps = (p == "-" ? "-" : sprintf("%.0f", p / w))
    printf "%-16s %9d %9.1f %8.2f %8.2f %10.0f %8.1f %11s %9.0f %7.1f %5d\n", l, n, mb, w, u + s, n / w, mb / w, ps, r / 1024, (mb > 0 ? r / 1024 / mb : 0), e }'
}

# peer TOOL INPUT: the command line that runs TOOL on INPUT (empty when TOOL
# cannot read it).
peer() {
  local tool=$1 in=$2
  case $tool in
  tfsec) [ -d "$in" ] && echo "tfsec --no-color --format json --soft-fail $in" ;;
  trivy) echo "trivy config --format json --quiet --exit-code 0 --skip-check-update$trivy_offline $in" ;;
  checkov) if [ -d "$in" ]; then echo "checkov --quiet --compact --output json --soft-fail -d $in"; else echo "checkov --quiet --compact --output json --soft-fail -f $in"; fi ;;
  esac
}

# trivy_offline: the flags that keep trivy off the network besides
# --skip-check-update (its version check and telemetry: a request each run,
# answered or timed out in the background), when this trivy has them
# (v0.74.0 has; older releases may not, and refuse unknown flags).
trivy_offline=
for f in --skip-version-check --disable-telemetry; do
  if command -v trivy >/dev/null && trivy config --help 2>/dev/null | grep -q -- "$f "; then
    trivy_offline+=" $f"
  fi
done

# peer_rows LABEL BYTES COUNT INPUT: a row for each peer on INPUT.
peer_rows() {
  local label=$1 bytes=$2 count=$3 in=$4 tool cmd i
  for tool in "${peers[@]}"; do
    cmd=$(peer "$tool" "$in") || true
    if [ -z "$cmd" ]; then
      printf "%-16s %s\n" "  $tool" "(cannot read this input)"
      continue
    fi
    : >"$WORK/runs"
    for ((i = 0; i < RUNS; i++)); do
      set +e
      # shellcheck disable=SC2086 # cmd is a command line of known words and a path without spaces
      /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" $cmd >"$WORK/peer.out" 2>"$WORK/peer.err"
      local code=$?
      set -e
      echo "$(tail -1 "$WORK/time") 0 $count $code" >>"$WORK/runs"
    done
    read -r wall user sys rss pol files code < <(sort -n "$WORK/runs" | sed -n "$(((RUNS + 1) / 2))p")
    row "  $tool" "$bytes" "$count" "$wall" "$user" "$sys" "$rss" - "$code"
  done
}

printf "%-16s %9s %9s %8s %8s %10s %8s %11s %9s %7s %5s\n" input files MB wall_s cpu_s files/s MB/s policies/s rss_MB rss/MB exit
# estate_row NAME N GEN-FLAGS...: generate (once) the N-file estate NAME-N
# with bench/gen's flags, lint it, print its row and the peers' rows.
estate_row() {
  local name=$1 n=$2 d bytes wall user sys rss pol files code
  shift 2
  d="$WORK/$name-$n"
  [ -d "$d" ] || "$WORK/gen" -files "$n" "$@" -out "$d" >/dev/null
  bytes=$(find -L "$d" -name '*.tf' -printf '%s\n' | awk '{s += $1} END {print s}')
  read -r wall user sys rss pol files code < <(run "$d")
  row "$name-$n" "$bytes" "$files" "$wall" "$user" "$sys" "$rss" "$pol" "$code"
  peer_rows "$name-$n" "$bytes" "$files" "$d"
}
# input_row PATH: lint an existing directory or plan file as it is (its
# row is labelled with its base name; bytes are its .tf and .tf.json files',
# or the plan file's).
input_row() {
  local in=$1 bytes count wall user sys rss pol files code
  if [ -d "$in" ]; then
    bytes=$(find -L "$in" \( -name '*.tf' -o -name '*.tf.json' \) -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  elif [ -f "$in" ]; then
    bytes=$(stat -L -c %s "$in")
  else
    echo "bench/run.sh: INPUTS: $in is neither a directory nor a file" >&2
    exit 2
  fi
  read -r wall user sys rss pol files code < <(run "$in")
  row "$(basename "$in")" "$bytes" "$files" "$wall" "$user" "$sys" "$rss" "$pol" "$code"
  peer_rows "$(basename "$in")" "$bytes" "$files" "$in"
}
for in in $INPUTS; do input_row "$in"; done
for n in $SIZES; do estate_row estate "$n"; done
# Estates of about the policy density of real repositories: one root module
# in 10 is an IAM root as above, the others infrastructure without IAM.
for n in $MIXED; do estate_row mixed "$n" -iam-every 10; done
# Estates whose IAM roots call 50 shared module directories (modules/tNNN),
# as environments of one repository do, instead of a copy each.
for n in $SHARED; do estate_row shared "$n" -shared-modules 50; done
# A pre-commit run: one named file in the 1,000-file estate.
if [ -d "$WORK/estate-1000" ]; then
  f="$WORK/estate-1000/r00050/iam_jsonencode.tf"
  read -r wall user sys rss pol files code < <(run "$f")
  row "one-file-of-1k" "$(stat -c %s "$f")" 1 "$wall" "$user" "$sys" "$rss" "$pol" "$code"
fi
# plan_row NAME MB GEN-FLAGS...: generate (once) the plan NAME-MB.json with
# bench/gen's flags, lint it, print its row and the peers' rows.
plan_row() {
  local name=$1 mb=$2 p bytes wall user sys rss pol files code
  shift 2
  p="$WORK/$name-$mb.json"
  [ -f "$p" ] || "$WORK/gen" -plan-mb "$mb" "$@" -out "$p" >/dev/null
  bytes=$(stat -c %s "$p")
  read -r wall user sys rss pol files code < <(run "$p")
  row "$name-${mb}MB" "$bytes" "$files" "$wall" "$user" "$sys" "$rss" "$pol" "$code"
  peer_rows "$name-${mb}MB" "$bytes" "$files" "$p"
}
# Plans as terraform show -json writes them: each resource in
# resource_changes and in planned_values.
for mb in $PLANS; do plan_row plan "$mb"; done
# Plans with the resources in resource_changes only (planned_values empty):
# twice the resources and policies per MB, a heavier load per byte.
for mb in $CHANGES; do plan_row changes "$mb" -planned-values=false; done
echo
echo "rss/MB: peak RSS in times the input's size (targets: a 50 MB plan under 4, a 200 MB plan under 3)."
echo "exit: the exit code (iamlint: 0 expected with --fail-on none, 2 means errors were reported; a peer's exit code is its own)."
