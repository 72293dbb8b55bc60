#!/usr/bin/env bash
# Regenerate the expected outputs of the golden programs from the reference CPython 3.13.
#
#   tools/gen_program_goldens.sh              # every tests/programs/**/NAME.py
#   tools/gen_program_goldens.sh FILE…        # only these programs
#
# Each program runs with the reference (tools/ref.sh) from its own directory as
# `python3.13 NAME.py`, with a clean environment (no PYTHON* variables except
# PYTHONHASHSEED=0, PYTHON_COLORS=0, LC_ALL=C.UTF-8), stdin from NAME.stdin if present
# else /dev/null, and a 120 s timeout. It writes NAME.stdout, NAME.stderr and NAME.status
# (the exit status as a shell reports it: 128+N when killed by signal N, e.g. 130 after an
# uncaught KeyboardInterrupt). CPython makes the script path absolute in tracebacks, so
# the program directory's absolute path followed by "/" is replaced by "$DIR/" in the
# stored stdout and stderr, and object addresses in reprs (" at 0x7f…", which CPython prints
# in "Exception ignored in: <function C.__del__ at 0x…>") become " at 0xADDR";
# tools/run_programs.py does the same to taipan's output.
# Never edit the generated files by hand.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ref="$here/ref.sh"
"$ref" --which >/dev/null

run_one() {
  local file=$1 dir name base
  dir=$(cd "$(dirname "$file")" && pwd)
  name=$(basename "$file")
  base=${name%.py}
  local in=/dev/null
  [ -f "$dir/$base.stdin" ] && in="$dir/$base.stdin"
  local status=0
  ( cd "$dir" && env -i PATH="$PATH" HOME="${HOME:-/root}" ${PYENV_ROOT:+PYENV_ROOT="$PYENV_ROOT"} \
      ${TAIPAN_REFERENCE_PYTHON:+TAIPAN_REFERENCE_PYTHON="$TAIPAN_REFERENCE_PYTHON"} \
      LC_ALL=C.UTF-8 PYTHONHASHSEED=0 PYTHON_COLORS=0 \
      timeout 120 "$ref" "$name" <"$in" >"$base.stdout.tmp" 2>"$base.stderr.tmp" ) || status=$?
  # "$DIR/" stands for the program's directory; Python's own escaping is not involved.
  local pat=${dir//|/\\|}
  sed -E "s|$pat/|\$DIR/|g; s/ at 0x[0-9a-f]+/ at 0xADDR/g" "$dir/$base.stdout.tmp" >"$dir/$base.stdout"
  sed -E "s|$pat/|\$DIR/|g; s/ at 0x[0-9a-f]+/ at 0xADDR/g" "$dir/$base.stderr.tmp" >"$dir/$base.stderr"
  rm -f "$dir/$base.stdout.tmp" "$dir/$base.stderr.tmp"
  echo "$status" >"$dir/$base.status"
  [ "$status" = 124 ] && echo "TIMEOUT: $file" >&2
  return 0
}
export -f run_one
export ref

if [ $# -gt 0 ]; then
  printf '%s\n' "$@"
else
  find "$root/tests/programs" -name '*.py' | sort
fi | xargs -P 2 -I{} bash -c 'run_one "$1"' _ {}

if [ $# -eq 0 ]; then
  # Drop outputs of programs that no longer exist.
  find "$root/tests/programs" \( -name '*.stdout' -o -name '*.stderr' -o -name '*.status' \) | while read -r f; do
    [ -e "${f%.*}.py" ] || rm -f "$f"
  done
fi
echo "$(find "$root/tests/programs" -name '*.py' | wc -l) programs; expected outputs written"
