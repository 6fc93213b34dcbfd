#!/bin/sh
# Time per file of `namdrunner validate` with many files in one process, against the built product's start script.
# Usage: benchmarks/cli/run.sh [PRODUCT_DIR] [FILES] [REPETITIONS]   (defaults: the built product, 1000, 3)
# Results: docs/BENCHMARKS.md ("Command line"). Every figure is the median of REPETITIONS runs, wall time.
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/select-jdk.sh
product=${1:-releng/org.namdrunner.product/target/products/org.namdrunner.product/linux/gtk/x86_64}
files=${2:-1000}
reps=${3:-3}
if [ ! -x "$product/namdrunner" ]; then
  echo "run.sh: no built product at $product (build it first: ./mvnw -B verify -pl releng/org.namdrunner.product -am)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nr() { NAMDRUNNER_JAVA_HOME=$JAVA_HOME "$product/namdrunner" "$@"; }

# inputs: every built-in template rendered with its defaults; every 10th copy gets a misspelt keyword (an error)
mkdir -p "$tmp/one" "$tmp/many"
for id in $(nr templates); do nr render "$id" -o "$tmp/src-$id.namd"; done
set -- "$tmp"/src-*.namd
kinds=$#
cp "$1" "$tmp/one/a.namd"
i=0
while [ "$i" -lt "$files" ]; do
  eval "src=\${$(( i % kinds + 1 ))}"
  f="$tmp/many/d$(( i % 10 ))/f$i.namd"
  mkdir -p "${f%/*}"
  cp "$src" "$f"
  [ $(( i % 10 )) -eq 9 ] && printf 'langevinTemperature 300\n' >> "$f"
  i=$(( i + 1 ))
done

# median wall time in ms of REPETITIONS runs of a command (its exit status 0 or 1 is fine: findings)
median_ms() {
  r=0
  : > "$tmp/times"
  while [ "$r" -lt "$reps" ]; do
    t0=$(date +%s%N)
    "$@" > "$tmp/out" 2> "$tmp/err" || [ $? -eq 1 ] || { cat "$tmp/err" >&2; exit 1; }
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 )) >> "$tmp/times"
    r=$(( r + 1 ))
  done
  sort -n "$tmp/times" | sed -n "$(( (reps + 1) / 2 ))p"
}

start=$(median_ms nr --version)
one=$(median_ms nr validate "$tmp/one/a.namd")
many=$(median_ms nr validate "$tmp/many")
summary=$(cat "$tmp/err")
json=$(median_ms nr validate --format json "$tmp/many")
github=$(median_ms nr validate --format github "$tmp/many")
grep -q '^::error file=' "$tmp/out" || { echo "run.sh: no annotations in the github output" >&2; exit 1; }
per_file_us=$(( (many - one) * 1000 / (files - 1) ))
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "inputs: $files files from $kinds built-in templates ($(du -sh "$tmp/many" | cut -f1)); $summary"
echo "| run (median of $reps) | wall time |"
echo "|---|---|"
echo "| namdrunner --version (JVM + Equinox start, no validation) | $start ms |"
echo "| namdrunner validate 1 file | $one ms |"
echo "| namdrunner validate $files files (text) | $many ms |"
echo "| namdrunner validate --format json, $files files | $json ms |"
echo "| namdrunner validate --format github, $files files | $github ms |"
echo "| per file in one process: ($many - $one) / $(( files - 1 )) | $(( per_file_us / 1000 )).$(printf '%03d' $(( per_file_us % 1000 ))) ms |"
echo "| $files files, one process each (estimate: $files x 1 file) | $(( one * files / 1000 )) s |"
