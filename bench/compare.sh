#!/usr/bin/env bash
# bench/compare.sh: compare two iamlint builds on one input, in rounds that
# run each build once, the order flipped every round, and print each
# build's median wall and CPU time and the median of the per-round ratios
# NEW/OLD. On a shared machine whose speed drifts from minute to minute
# (the 2-CPU machine of the targets varies by ±30% between adjacent runs),
# the ratio of two runs made side by side is steadier than either time.
#
#   bench/compare.sh OLD NEW INPUT [ROUNDS]     # ROUNDS default 6
#   bench/compare.sh /tmp/iamlint-main ./iamlint /tmp/e10k 8
#   PAUSE=4 bench/compare.sh /tmp/iamlint-main ./iamlint /tmp/e10k 8
#
# PAUSE (seconds, default 0) waits before each run. On a virtual machine
# that hands the memory a process frees back to its host (free page
# reporting, about 2 s after the free), a run that starts right after
# another reuses memory the host still backs, and one that starts later
# pays a host fault for every page it touches first (1 GB: 0.1 s against
# 2.5 s measured); PAUSE=4 makes every run start in the second state.
#
# OLD and NEW are iamlint binaries, INPUT a directory or a plan; each run is
# `BIN --format json --fail-on none INPUT` with the report discarded. Peak
# RSS is printed too. Needs: bash, awk, GNU time (/usr/bin/time).
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  echo "usage: bench/compare.sh OLD NEW INPUT [ROUNDS]" >&2
  exit 2
fi
old=$1 new=$2 input=$3 rounds=${4:-6} pause=${PAUSE:-0}
case $pause in '' | *[!0-9.]*) echo "bench/compare.sh: PAUSE must be a number of seconds" >&2; exit 2 ;; esac
for b in "$old" "$new"; do
  [ -x "$b" ] || { echo "bench/compare.sh: $b is not an executable" >&2; exit 2; }
done
[ -e "$input" ] || { echo "bench/compare.sh: $input does not exist" >&2; exit 2; }
case $rounds in '' | *[!0-9]* | 0) echo "bench/compare.sh: ROUNDS must be a positive number" >&2; exit 2 ;; esac
command -v /usr/bin/time >/dev/null || { echo "bench/compare.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

times=$(mktemp)
one=$(mktemp)
trap 'rm -f "$times" "$one"' EXIT
# run TAG BIN: one run, appended to $times as "round tag wall cpu rss"
# (the exit code is not looked at: 1 means findings).
run() {
  [ "$pause" = 0 ] || sleep "$pause"
  /usr/bin/time -o "$one" -f '%e %U %S %M' "$2" --format json --fail-on none "$input" >/dev/null 2>&1 || true
  echo "$r $1 $(tail -n1 "$one")" | awk '{print $1, $2, $3, $4 + $5, $6}' >>"$times"
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then run old "$old"; run new "$new"; else run new "$new"; run old "$old"; fi
done

awk -v rounds="$rounds" '
function median(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
{ wall[$2, $1] = $3; cpu[$2, $1] = $4; rss[$2, $1] = $5 }
END {
  for (k = 1; k <= 2; k++) {
    tag = k == 1 ? "old" : "new"
    for (r = 1; r <= rounds; r++) { w[r] = wall[tag, r]; c[r] = cpu[tag, r]; m[r] = rss[tag, r] }
    printf "%s: wall median %.2f s, CPU (user+system) median %.2f s, peak RSS median %.0f MB\n", tag, median(w, rounds), median(c, rounds), median(m, rounds) / 1024
  }
  for (r = 1; r <= rounds; r++) {
    w[r] = wall["old", r] > 0 ? wall["new", r] / wall["old", r] : 1
    c[r] = cpu["old", r] > 0 ? cpu["new", r] / cpu["old", r] : 1
  }
  printf "new/old, median of %d rounds: wall %.3f, CPU %.3f\n", rounds, median(w, rounds), median(c, rounds)
}' "$times"
