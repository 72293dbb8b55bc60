#!/usr/bin/env bash
# Regenerate the expected outputs of the compile-time error corpus from the reference CPython.
#
#   tools/gen_compile_error_goldens.sh            # every tests/compile_errors/NAME.py
#   tools/gen_compile_error_goldens.sh NAME…      # only these cases (names without .py)
#
# Every case is an error raised after parsing, by CPython's future-feature check, symtable
# or code generator ("'return' outside function", "no binding for nonlocal 'x' found", …).
# First, in one reference process, each NAME.py is checked: ast.parse() must accept it and
# compile() must raise SyntaxError; the generator fails loudly otherwise and writes
# NAME.ast_ok (the marker that the check passed) only for cases that satisfy it. Then
# `python3.13 NAME.py` runs from the corpus directory with a clean environment, and its
# stderr (the corpus directory's absolute path + "/" replaced by "$DIR/") and exit status
# are stored in NAME.stderr and NAME.status. Never edit the generated files by hand.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
corpus="$root/tests/compile_errors"
ref="$here/ref.sh"
cd "$corpus"
if [ $# -gt 0 ]; then names=("$@"); else names=(); for f in *.py; do names+=("${f%.py}"); done; fi

"$ref" - "${names[@]}" <<'PY'
import ast, sys, warnings
warnings.simplefilter("ignore")  # SyntaxWarnings are not what this corpus is about
bad = []
for name in sys.argv[1:]:
    src = open(name + ".py", "rb").read()
    try:
        ast.parse(src, name + ".py")
    except SyntaxError as e:
        bad.append(f"{name}.py: rejected by the parser ({e.msg}); belongs in tests/syntax_errors")
        continue
    try:
        compile(src, name + ".py", "exec")
    except SyntaxError as e:
        with open(name + ".ast_ok", "w") as fp:
            fp.write("ast.parse: accepted\ncompile: SyntaxError\n")
        continue
    bad.append(f"{name}.py: compiles without error")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY

pat=${corpus//|/\\|}
run_one() {
  local name=$1 status=0
  env -i PATH="$PATH" HOME="${HOME:-/root}" ${PYENV_ROOT:+PYENV_ROOT="$PYENV_ROOT"} \
      ${TAIPAN_REFERENCE_PYTHON:+TAIPAN_REFERENCE_PYTHON="$TAIPAN_REFERENCE_PYTHON"} \
      LC_ALL=C.UTF-8 PYTHONHASHSEED=0 PYTHON_COLORS=0 \
      timeout 60 "$ref" "$name.py" </dev/null >"$name.stdout.tmp" 2>"$name.stderr.tmp" || status=$?
  if [ -s "$name.stdout.tmp" ]; then echo "warning: $name.py printed on stdout (did it run?)" >&2; fi
  sed "s|$pat/|\$DIR/|g" "$name.stderr.tmp" >"$name.stderr"
  rm -f "$name.stdout.tmp" "$name.stderr.tmp"
  echo "$status" >"$name.status"
  [ "$status" = 1 ] || echo "warning: $name.py exited with status $status" >&2
  return 0
}
export -f run_one
export ref pat
printf '%s\n' "${names[@]}" | xargs -P 2 -I{} bash -c 'run_one "$1"' _ {}

if [ $# -eq 0 ]; then
  for f in *.stderr *.status *.ast_ok; do
    [ -e "${f%.*}.py" ] || rm -f "$f"
  done
fi
echo "$(ls *.py | wc -l) compile-error cases; expected outputs written"
