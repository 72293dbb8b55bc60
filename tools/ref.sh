#!/usr/bin/env bash
# Run the reference CPython 3.13 with the given arguments.
# Found, first hit wins: $TAIPAN_REFERENCE_PYTHON, python3.13 on PATH, pyenv's 3.13.x,
# then the npm package pyodide@0.28.3 (CPython 3.13.2 on wasm, run by node; see tools/pyodide/).
# `tools/ref.sh --which` prints the interpreter it would use.
set -euo pipefail
find_ref() {
  if [ -n "${TAIPAN_REFERENCE_PYTHON:-}" ]; then echo "$TAIPAN_REFERENCE_PYTHON"; return; fi
  if p=$(PYENV_VERSION=3.13.0 command -v python3.13 2>/dev/null) && \
     PYENV_VERSION=3.13.0 "$p" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then
    echo "$p"; return
  fi
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for d in "$root"/versions/3.13.*; do
      [ -x "$d/bin/python3.13" ] && { echo "$d/bin/python3.13"; return; }
    done
  fi
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  if [ -x "$here/pyodide/python3.13" ]; then echo "$here/pyodide/python3.13"; return; fi
  return 1
}
ref=$(find_ref) || { echo "tools/ref.sh: no CPython 3.13 found: set TAIPAN_REFERENCE_PYTHON, install python3.13, or run tools/pyodide/install.sh" >&2; exit 127; }
if [ "${1:-}" = "--which" ]; then echo "$ref"; exit 0; fi
export PYENV_VERSION=3.13.0
exec "$ref" "$@"
