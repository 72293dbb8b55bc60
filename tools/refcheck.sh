#!/usr/bin/env bash
# The golden programs under the `refcheck` feature (DESIGN.md §4.1): over-released
# references panic, the cycle collector runs at every safe point, and objects a program
# leaves alive at exit are reported (exit status 70). Fails when a golden program that
# passes on the normal build fails under refcheck.
#   tools/refcheck.sh            build target/refcheck/release/taipan and compare
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin taipan
cargo build --release --bin taipan --features refcheck --target-dir target/refcheck
normal=$(mktemp) checked=$(mktemp) log=$(mktemp)
trap 'rm -f "$normal" "$checked" "$log"' EXIT
tools/ref.sh tools/run_programs.py -v --timeout 10 --taipan target/release/taipan > "$log" || true
grep '^FAIL' "$log" | cut -d: -f1 | sort > "$normal" || true
tools/ref.sh tools/run_programs.py -v --timeout 20 --taipan target/refcheck/release/taipan > "$log" || true
grep '^FAIL' "$log" | cut -d: -f1 | sort > "$checked" || true
total=$(find tests/programs -name '*.py' | wc -l)
extra=$(comm -13 "$normal" "$checked")
clean=$((total - $(wc -l < "$checked")))
echo "refcheck: $clean/$total golden programs pass under refcheck; $(wc -l < "$normal") fail without it"
if [ -n "$extra" ]; then
  echo "refcheck: these pass normally but fail under refcheck (leak, over-release or crash):"
  echo "$extra"
  exit 1
fi
echo "refcheck: every golden program that passes passes under refcheck (no leaked or over-released reference)"
