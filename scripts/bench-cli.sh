#!/usr/bin/env bash
# Whole-program speed and memory of mbct-sustain on answers files of 1, 1,000
# and 10,000 assessments, with `cat` of the same files as the floor.
#
#   scripts/bench-cli.sh
#
# Needs hyperfine (wall time) and GNU time at /usr/bin/time (peak memory); on
# Debian or Ubuntu: apt-get install -y hyperfine time. Prints one line per
# command (median wall time over many runs, peak resident memory) and checks
# the targets in BENCHMARKS.md. The answers files are made-up, deterministic
# ones from examples/gen_history.rs, written to a temporary folder and removed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null 2>&1; then
    echo "bench-cli: hyperfine is not installed. Install it with: apt-get install -y hyperfine (or: cargo install hyperfine)" >&2
    exit 2
fi
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "bench-cli: GNU time (/usr/bin/time) is not installed. Install it with: apt-get install -y time" >&2
    exit 2
fi

cargo build --release --locked --quiet --bin mbct-sustain --example gen_history
bin=target/release/mbct-sustain
gen=target/release/examples/gen_history

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for n in 1 1000 10000; do
    "$gen" "$n" >"$tmp/answers-$n.yaml"
done

# name|command (no commas: hyperfine's CSV is read with awk)
cases=(
    "mbct-sustain --version|$bin --version"
    "cat (1)|cat $tmp/answers-1.yaml"
    "report (1)|$bin --file $tmp/answers-1.yaml --color never report"
    "cat (1,000)|cat $tmp/answers-1000.yaml"
    "report (1,000)|$bin --file $tmp/answers-1000.yaml --color never report"
    "compare (1,000)|$bin --file $tmp/answers-1000.yaml --color never compare"
    "history (1,000)|$bin --file $tmp/answers-1000.yaml --color never history"
    "report json (1,000)|$bin --file $tmp/answers-1000.yaml report --format json"
    "report html (1,000)|$bin --file $tmp/answers-1000.yaml report --format html"
    "cat (10,000)|cat $tmp/answers-10000.yaml"
    "report (10,000)|$bin --file $tmp/answers-10000.yaml --color never report"
    "compare (10,000)|$bin --file $tmp/answers-10000.yaml --color never compare"
    "history (10,000)|$bin --file $tmp/answers-10000.yaml --color never history"
)

declare -A ms mb
for case in "${cases[@]}"; do
    name="${case%%|*}"
    cmd="${case#*|}"
    echo "measuring: $name" >&2
    # Wall time: hyperfine runs it at least 10 times and for at least 3 s, output to /dev/null.
    hyperfine -N --warmup 3 --min-runs 10 --output null --style none \
        --export-csv "$tmp/time.csv" "$cmd" >/dev/null 2>&1
    ms[$name]="$(awk -F, 'NR == 2 { printf "%.1f", $(NF - 4) * 1000 }' "$tmp/time.csv")"
    # Peak memory: the largest "Maximum resident set size" of three runs.
    peak=0
    for _ in 1 2 3; do
        # shellcheck disable=SC2086 # $cmd is a command line to split into words
        /usr/bin/time -v -o "$tmp/mem.txt" $cmd >/dev/null 2>&1
        kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/mem.txt")"
        if ((kb > peak)); then peak=$kb; fi
    done
    mb[$name]="$(awk -v kb="$peak" 'BEGIN { printf "%.1f", kb / 1024 }')"
done

echo
printf '%-24s %14s %14s\n' "command" "median wall ms" "peak RSS MB"
printf '%-24s %14s %14s\n' "-------" "--------------" "-----------"
for case in "${cases[@]}"; do
    name="${case%%|*}"
    printf '%-24s %14s %14s\n' "$name" "${ms[$name]}" "${mb[$name]}"
done

# The speed targets (BENCHMARKS.md).
echo
failed=0
check() { # description, awk condition over the figures
    if awk "BEGIN { exit !($2) }"; then
        echo "met:    $1"
    else
        echo "MISSED: $1"
        failed=1
    fi
}
check "report (1) within 3x of cat (1): $(awk "BEGIN { printf \"%.1fx\", ${ms["report (1)"]} / ${ms["cat (1)"]} }")" \
    "${ms["report (1)"]} <= 3 * ${ms["cat (1)"]}"
for c in report compare history; do
    check "$c (1,000) under 100 ms and 50 MB" "${ms["$c (1,000)"]} < 100 && ${mb["$c (1,000)"]} < 50"
    check "$c (10,000) within about 10x (at most 11x) of 1,000: $(awk "BEGIN { printf \"%.1fx\", ${ms["$c (10,000)"]} / ${ms["$c (1,000)"]} }")" \
        "${ms["$c (10,000)"]} <= 11 * ${ms["$c (1,000)"]}"
done
check "report html (1,000) within 2x of report json (1,000): $(awk "BEGIN { printf \"%.1fx\", ${ms["report html (1,000)"]} / ${ms["report json (1,000)"]} }")" \
    "${ms["report html (1,000)"]} <= 2 * ${ms["report json (1,000)"]}"
exit "$failed"
