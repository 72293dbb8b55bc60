#!/usr/bin/env bash
# The project's test command (README "Tests"): unit tests, golden tests and the
# conformance runs against the reference CPython 3.13. Exits non-zero when any test
# fails or any conformance figure drops below tests/conformance/thresholds.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/ref.sh --which >/dev/null
cargo build --release --bin taipan
cargo test --release --workspace
passed=0 failed=0
for runner in tools/conformance/*.py; do
  [ -e "$runner" ] || continue
  echo "== $runner"
  if tools/ref.sh "$runner" --check; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
# The golden programs run on the virtual machine (tests/programs/README.md).
echo "== tools/run_programs.py"
if tools/ref.sh tools/run_programs.py --check --timeout 10; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# The same programs under the refcheck feature: no leaked or over-released reference.
echo "== tools/refcheck.sh"
if tools/refcheck.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
