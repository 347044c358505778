#!/usr/bin/env bash
# The whole program's speed and memory, each figure as a ratio to its floor (BENCHMARKS.md):
#
#   scripts/bench-cli.sh           # about a quarter of an hour on a 2-core machine
#   ROUNDS=5 scripts/bench-cli.sh  # quicker, noisier
#
# Floors: a minimal Rust program's start (`fn main() {}`), the parse floor (a minimal program that
# reads the same answers file and parses it with the same yaml_serde into the tool's History), and
# an fsync'd copy of the file (cp, sync, mv). Both programs are built in a temporary folder outside
# the repository. Each pair is run alternately, ROUNDS times (hyperfine, three runs a side each
# time); a ratio is the median of the rounds' ratios, so a machine that slows down for a while
# slows both sides alike. Peak memory is GNU time's largest resident size of three runs. With
# valgrind installed, instruction counts (callgrind) for one round of 2,000 and 8,000 people too.
#
# Needs hyperfine and GNU time at /usr/bin/time; on Debian or Ubuntu:
#   apt-get install -y hyperfine time valgrind
# The answers files are made-up, deterministic ones from examples/gen_history.rs, all dated before
# today, written to the temporary folder and removed at the end. Never part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
rounds="${ROUNDS:-11}"

if ! command -v hyperfine >/dev/null 2>&1; then
    echo "bench-cli: hyperfine is not installed. Install it with: apt-get install -y hyperfine" >&2
    exit 2
fi
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "bench-cli: GNU time (/usr/bin/time) is not installed. Install it with: apt-get install -y time" >&2
    exit 2
fi

cargo build --release --locked --quiet --bin mbct-sustain --example gen_history
bin="$repo/target/release/mbct-sustain"
gen="$repo/target/release/examples/gen_history"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The floors: two minimal programs, built like the tool (release, the same codegen units).
mkdir -p "$tmp/minimal/src" "$tmp/parse-floor/src"
profile='[profile.release]
codegen-units = 4'
printf '[package]\nname = "minimal"\nversion = "0.1.0"\nedition = "2024"\n\n%s\n' "$profile" \
    >"$tmp/minimal/Cargo.toml"
echo 'fn main() {}' >"$tmp/minimal/src/main.rs"
cat >"$tmp/parse-floor/Cargo.toml" <<EOF
[package]
name = "parse-floor"
version = "0.1.0"
edition = "2024"

[dependencies]
mbct-sustain = { path = "$repo" }
serde_yaml = { package = "yaml_serde", version = "0.10" }

$profile
EOF
cat >"$tmp/parse-floor/src/main.rs" <<'EOF'
//! The parse floor: reads an answers file and parses it with yaml_serde into the tool's History.
fn main() {
    let path = std::env::args().nth(1).expect("usage: parse-floor FILE");
    let text = std::fs::read_to_string(path).expect("a readable file");
    let history: mbct_sustain::core::answers::History =
        serde_yaml::from_str(&text).expect("an answers file");
    std::hint::black_box(&history);
}
EOF
cp Cargo.lock "$tmp/parse-floor/"
echo "building the floors" >&2
cargo build --release --quiet --manifest-path "$tmp/minimal/Cargo.toml" --target-dir "$tmp/target"
# The tool's own target folder: its dependencies are built already.
cargo build --release --quiet --manifest-path "$tmp/parse-floor/Cargo.toml" \
    --target-dir "$repo/target"
minimal="$tmp/target/release/minimal"
floor="$repo/target/release/parse-floor"

for n in 40 400 3600 10000; do
    "$gen" "$n" >"$tmp/h$n.yaml"
done
for n in 2000 8000; do
    "$gen" --one-round "$n" >"$tmp/r$n.yaml"
done
cp "$tmp/h3600.yaml" "$tmp/save3600.yaml"
# The first save upgrades the file to the format a dated plan needs (written whole, once).
"$bin" --file "$tmp/save3600.yaml" --quiet plan assign fit.pathways --owner Sam

# The median wall time (ms) of a command over one hyperfine run, output thrown away.
median() { # command [shell]
    local shell=(-N)
    if [[ "${2:-}" == shell ]]; then shell=(); fi
    hyperfine "${shell[@]}" --runs 3 --output null --style none \
        --export-csv "$tmp/t.csv" "$1" >/dev/null 2>&1
    # The columns end median,user,system,min,max (no command here has a comma).
    awk -F, 'NR == 2 { print $(NF - 4) * 1000 }' "$tmp/t.csv"
}

# The middle one of some numbers.
mid() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The median over the rounds of A's time over B's, A and B alternated; also both medians.
declare -A ratio a_ms b_ms
pair() { # name, command A, command B, [shell if B needs one]
    local name="$1" rs=() as=() bs=() a b
    echo "measuring: $name" >&2
    for _ in $(seq "$rounds"); do
        a="$(median "$2")"
        b="$(median "$3" "${4:-}")"
        as+=("$a")
        bs+=("$b")
        rs+=("$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')")
    done
    ratio[$name]="$(mid "${rs[@]}")"
    a_ms[$name]="$(mid "${as[@]}")"
    b_ms[$name]="$(mid "${bs[@]}")"
}

# Peak resident memory (MiB), the largest of three runs.
peak() { # command line
    local most=0 kb
    for _ in 1 2 3; do
        # shellcheck disable=SC2086 # a command line to split into words
        /usr/bin/time -v -o "$tmp/mem.txt" $1 >/dev/null 2>&1
        kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/mem.txt")"
        if ((kb > most)); then most=$kb; fi
    done
    awk -v kb="$most" 'BEGIN { printf "%.1f", kb / 1024 }'
}

t() { echo "$bin --file $tmp/$1 --color never $2"; }

pair "--version / minimal program" "$bin --version" "$minimal"
for n in 40 400 3600 10000; do
    pair "report ($n) / parse floor" "$(t "h$n.yaml" report)" "$floor $tmp/h$n.yaml"
done
pair "plan assign (3,600) / report (3,600)" \
    "$(t save3600.yaml 'plan assign fit.pathways --owner Sam')" "$(t save3600.yaml report)"
pair "plan assign (3,600) / fsync'd copy" \
    "$(t save3600.yaml 'plan assign fit.pathways --owner Sam')" \
    "cp $tmp/save3600.yaml $tmp/copy.tmp && sync $tmp/copy.tmp && mv $tmp/copy.tmp $tmp/copy.yaml" \
    shell
for c in report team status "report --format html"; do
    pair "$c, one round: 8,000 / 2,000 people" "$(t r8000.yaml "$c")" "$(t r2000.yaml "$c")"
done

echo
printf '%-44s %10s %10s %8s\n' "A / B" "A ms" "B ms" "A / B"
printf '%-44s %10s %10s %8s\n' "-----" "----" "----" "-----"
for name in "--version / minimal program" "report (40) / parse floor" "report (400) / parse floor" \
    "report (3600) / parse floor" "report (10000) / parse floor" \
    "plan assign (3,600) / report (3,600)" "plan assign (3,600) / fsync'd copy" \
    "report, one round: 8,000 / 2,000 people" "team, one round: 8,000 / 2,000 people" \
    "status, one round: 8,000 / 2,000 people" \
    "report --format html, one round: 8,000 / 2,000 people"; do
    printf '%-44s %10.2f %10.2f %8.2f\n' "$name" "${a_ms[$name]}" "${b_ms[$name]}" "${ratio[$name]}"
done

echo
echo "measuring: peak memory" >&2
mem_report="$(peak "$(t save3600.yaml report)")"
mem_save="$(peak "$(t save3600.yaml 'plan assign fit.pathways --owner Sam')")"
mem_10000="$(peak "$(t h10000.yaml report)")"
echo "peak MiB: report (3,600) $mem_report, plan assign (3,600) $mem_save, report (10,000) $mem_10000"

declare -A instructions
if command -v valgrind >/dev/null 2>&1; then
    echo "measuring: instructions (callgrind, about five minutes)" >&2
    echo
    for c in report team status "report --format html"; do
        for n in 2000 8000; do
            # shellcheck disable=SC2086 # $c is a command and its options
            instructions[$c $n]="$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
                "$bin" --file "$tmp/r$n.yaml" --color never $c 2>&1 >/dev/null |
                awk '/Collected/ { print $NF }')"
        done
        echo "instructions, $c, one round: 8,000 / 2,000 people:" \
            "$(awk -v a="${instructions[$c 8000]}" -v b="${instructions[$c 2000]}" \
                'BEGIN { printf "%.2f", a / b }')"
    done
fi

# The targets (BENCHMARKS.md).
echo
failed=0
check() { # description, awk condition
    if awk "BEGIN { exit !($2) }"; then
        echo "met:    $1"
    else
        echo "MISSED: $1"
        failed=1
    fi
}
r() { printf '%.2fx' "${ratio[$1]}"; }
check "--version within 1.5x of a minimal program's start: $(r "--version / minimal program")" \
    "${ratio["--version / minimal program"]} <= 1.5"
check "report (40) within 1.2x the parse floor: $(r "report (40) / parse floor")" \
    "${ratio["report (40) / parse floor"]} <= 1.2"
check "plan assign (3,600) within 1.2x report: $(r "plan assign (3,600) / report (3,600)")" \
    "${ratio["plan assign (3,600) / report (3,600)"]} <= 1.2"
check "plan assign (3,600) peak memory within 1.5x report's: $mem_save / $mem_report MiB" \
    "$mem_save <= 1.5 * $mem_report"
for c in report team status "report --format html"; do
    name="$c, one round: 8,000 / 2,000 people"
    check "$name at most 5x: $(r "$name")" "${ratio[$name]} <= 5"
    if [[ -n "${instructions[$c 8000]:-}" ]]; then
        check "$c instructions at most 4.2x" \
            "${instructions[$c 8000]} <= 4.2 * ${instructions[$c 2000]}"
    fi
done
exit "$failed"
