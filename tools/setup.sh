#!/usr/bin/env bash
# Install what building and testing taipan needs on a fresh machine of this project's kind
# (Debian with rustup's toolchain). The reference CPython 3.13 comes from pyenv; where it is
# missing, tools/pyodide/install.sh provides the npm fallback.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo not found (install Rust with rustup)" >&2; exit 1; }
if ! tools/ref.sh --which >/dev/null 2>&1; then
  if command -v pyenv >/dev/null 2>&1; then
    pyenv install -s 3.13.0 || true
  fi
fi
if ! tools/ref.sh --which >/dev/null 2>&1 && [ -x tools/pyodide/install.sh ]; then
  tools/pyodide/install.sh
fi
tools/ref.sh --which
