#!/usr/bin/env bash
# Measures bank-sim as a user runs it, whole processes from start to exit, side by side with the
# Python implementation of the seed report's design (../shared/baseline/python-seed): each run of
# bank-sim is paired with a run of the baseline on the same workload, 3 pairs each.
#
#   bench/run.sh           the seed example (one process, and a process per branch), the course's
#                          Project 1 input, 100 x 100 x 10 and 1,000 branches
#   bench/run.sh --quick   the seed example only (CI runs this)
#   BENCH_RUNS=5 bench/run.sh   5 pairs instead of 3: on a shared 2-core machine one run's CPU time
#                          varies by up to a third, and a median of 5 moves less
#
# Writes bench/results/latest.md (--quick: quick.md): per workload the wall time median (min-max)
# of both, their ratio (baseline / bank-sim: above 1 means bank-sim is faster), peak RSS, events/s
# and the p50 latency of a deposit. Every bank-sim run's output must be byte-identical to the
# others' (and to the expected vector where there is one).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
report=latest.md
case "${1:-}" in
  --quick) quick=true; report=quick.md ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac

RUNS=${BENCH_RUNS:-3}
if ! [[ $RUNS =~ ^[1-9][0-9]?$ ]]; then
  echo "bench: BENCH_RUNS must be a number of pairs from 1 to 99, got '$RUNS'" >&2
  exit 2
fi
JAR=target/bank-sim.jar
RESULTS=bench/results
BASELINE=../shared/baseline/python-seed
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (Debian package 'time')" >&2
  exit 1
fi

load=$(cut -d' ' -f1 /proc/loadavg)
cores=$(nproc)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "bench: warning: load average is $load on $cores cores; the numbers will be slow and noisy" >&2
fi

echo "bench: building $JAR" >&2
mvn -q -B -DskipTests package

python_dir=""
if [ -d "$BASELINE" ]; then
  echo "bench: preparing the Python baseline" >&2
  python_dir=$(bash "$BASELINE/setup.sh" "$WORK/python")
else
  echo "bench: $BASELINE not found: bank-sim only, no ratios" >&2
fi

# A base port whose branch ports are all free right now, below the ephemeral range.
free_base() {
  local branches=$1 base
  for _ in $(seq 1 50); do
    base=$(( 10000 + RANDOM % (32000 - 10000 - branches) ))
    port_free_range "$base" "$branches" && { echo "$base"; return; }
  done
  echo "bench: no free port range for $branches branches" >&2
  exit 1
}

port_free_range() {
  local base=$1 branches=$2
  command -v ss > /dev/null || return 0
  # ss prints one line per listening socket; none may sit in base+1..base+branches.
  ! ss -Htanl | awk -v lo=$((base + 1)) -v hi=$((base + branches)) '
      { n = split($4, a, ":"); p = a[n] + 0; if (p >= lo && p <= hi) found = 1 }
      END { exit !found }'
}

# json_number FILE KEY: the first number after "KEY": in a pretty JSON file.
json_number() {
  sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p" "$1" | head -n 1
}

# deposit_p50 FILE: the p50 inside the "deposit" object of a --stats file.
deposit_p50() {
  awk '/"deposit": \{/ { inside = 1 } inside && /"p50"/ { gsub(/[^0-9.]/, "", $2); print $2; exit }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk '{ v[NR] = $1 } END { print v[1] "-" v[NR] }'; }

rows=()

# timed OUT_VAR COMMAND...: runs the command under /usr/bin/time; sets "wall kb" in OUT_VAR.
timed() {
  local var=$1
  shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@"
  printf -v "$var" '%s' "$(cat "$WORK/time.txt")"
}

# measure NAME INPUT BRANCHES BANKSIM_MODE PYTHON_MODE [EXPECTED]
#   BANKSIM_MODE: "" (one JVM) or --processes; PYTHON_MODE: threads, processes or "" (none)
measure() {
  local name=$1 input=$2 branches=$3 mode=$4 pymode=$5 expected=${6:-}
  local walls=() rss=() eps=() p50=() pywalls=() pyrss=() base first="" result
  echo "bench: $name" >&2
  # One unmeasured run first: it writes the class archive that every later run maps.
  base=$(free_base "$branches")
  java -jar "$JAR" -q "$input" -o "$WORK/warmup.json" --base-port "$base" $mode
  for run in $(seq 1 $RUNS); do
    base=$(free_base "$branches")
    timed result java -jar "$JAR" -q "$input" -o "$WORK/out.json" --stats "$WORK/stats.json" \
      --base-port "$base" $mode
    read -r wall kb <<< "$result"
    walls+=("$wall")
    rss+=("$kb")
    eps+=("$(json_number "$WORK/stats.json" events_per_second)")
    p50+=("$(deposit_p50 "$WORK/stats.json")")
    if [ -z "$first" ]; then
      first="$WORK/first.json"
      cp "$WORK/out.json" "$first"
    elif ! cmp -s "$first" "$WORK/out.json"; then
      echo "bench: $name: run $run wrote other bytes than run 1" >&2
      exit 1
    fi
    local line="bench:   run $run: bank-sim ${wall} s, $((kb / 1024)) MiB"
    if [ -n "$python_dir" ] && [ -n "$pymode" ]; then
      base=$(free_base "$branches")
      timed result bash -c 'cd "$1" && /usr/bin/python3 main.py "$2" "$3" --mode "$4" --port-base "$5" > /dev/null' \
        _ "$python_dir" "$(realpath "$input")" "$WORK/python.json" "$pymode" "$base"
      read -r wall kb <<< "$result"
      pywalls+=("$wall")
      pyrss+=("$kb")
      line+=", Python ${wall} s, $((kb / 1024)) MiB"
    fi
    echo "$line" >&2
  done
  if [ -n "$expected" ] && ! cmp -s "$first" "$expected"; then
    echo "bench: $name: the output differs from $expected" >&2
    exit 1
  fi
  local wall_med rss_max eps_med p50_med py="—" ratio="—" pymem="—"
  wall_med=$(printf '%s\n' "${walls[@]}" | median)
  rss_max=$(printf '%s\n' "${rss[@]}" | sort -g | tail -n 1)
  eps_med=$(printf '%s\n' "${eps[@]}" | median)
  p50_med=$(printf '%s\n' "${p50[@]}" | median)
  if [ ${#pywalls[@]} -gt 0 ]; then
    local py_med
    py_med=$(printf '%s\n' "${pywalls[@]}" | median)
    py="$py_med ($(printf '%s\n' "${pywalls[@]}" | spread))"
    ratio=$(awk -v p="$py_med" -v b="$wall_med" 'BEGIN { printf "%.2fx", p / b }')
    pymem=$(( $(printf '%s\n' "${pyrss[@]}" | sort -g | tail -n 1) / 1024 ))
  fi
  rows+=("| $name | $wall_med ($(printf '%s\n' "${walls[@]}" | spread)) | $py | $ratio | $((rss_max / 1024)) | $pymem | $eps_med | $(awk -v u="$p50_med" 'BEGIN { printf "%.2f", u / 1000 }') |")
}

measure "seed example: 22 branches, 22 customers x 2 events" input/seed.json 22 "" threads \
  src/test/resources/vectors/seed-22.expected.json
if ! $quick; then
  measure "course Project 1 input (course-p1-repeated): 50 branches, 200 events" \
    src/test/resources/vectors/course-p1-repeated.json 50 "" threads \
    src/test/resources/vectors/course-p1-repeated.expected.json
  measure "seed example, a process per branch (--processes / multiprocessing)" input/seed.json 22 \
    --processes processes src/test/resources/vectors/seed-22.expected.json
  java -jar "$JAR" gen --branches 100 --customers 100 --events 10 --seed 1 -o "$WORK/100x100x10.json"
  measure "100 branches x 100 customers x 10 events" "$WORK/100x100x10.json" 100 "" threads
  java -jar "$JAR" gen --branches 1000 --customers 20 --events 5 --seed 1 -o "$WORK/1000x20x5.json"
  measure "1,000 branches x 20 customers x 5 events" "$WORK/1000x20x5.json" 1000 "" ""
fi

mkdir -p "$RESULTS"
{
  echo "# bank-sim benchmark, side by side with the Python baseline"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(java -version 2>&1 | head -n 1), $(/usr/bin/python3 --version 2>&1), load average $load at the start;" \
    "$RUNS pairs of runs each, wall time from start to exit. Ratio: Python / bank-sim (above 1: bank-sim is faster)."
  echo
  echo "| workload | bank-sim s, median (min-max) | Python s, median (min-max) | ratio | bank-sim peak RSS (MiB) | Python peak RSS (MiB) | bank-sim events/s | bank-sim p50 deposit (ms) |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$RESULTS/$report"
cat "$RESULTS/$report"
