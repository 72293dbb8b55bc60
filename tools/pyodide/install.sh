#!/usr/bin/env bash
# Fallback reference interpreter for machines without CPython 3.13: the npm package
# pyodide@0.28.3 (CPython 3.13.2 compiled to wasm32), run by node. Installs it beside this
# script (node_modules/ is not committed). Differences to keep in mind: sys.maxsize is
# 2**31-1, string hashes differ, no threads or subprocess.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "pyodide fallback: npm not found" >&2; exit 1; }
npm install --no-save --no-audit --no-fund pyodide@0.28.3 >/dev/null
echo "pyodide installed: $(pwd)/python3.13"
