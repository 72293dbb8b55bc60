#!/usr/bin/env bash
# Regenerate the tokenizer goldens from the reference CPython 3.13:
#   crates/taipan-parser/resources/tokens/NAME.expected  for each NAME.py there:
#       what `python3.13 -m tokenize -e NAME.py` prints (run in that directory):
#       stdout, then a line "### stderr", stderr, then "### status N".
#   crates/taipan-parser/resources/tokens/parser_errors.txt:
#       for each snippet of tools/token_parser_errors.py, the SyntaxError compile()
#       raises (class, msg, lineno, offset, end_lineno, end_offset).
#   crates/taipan-parser/resources/tokens/fstring_debug.txt:
#       the text CPython shows for self-documenting f-string fields (token metadata).
set -euo pipefail
cd "$(dirname "$0")/.."
ref="$(pwd)/tools/ref.sh"
dir=crates/taipan-parser/resources/tokens
cd "$dir"
for f in *.py; do
  name="${f%.py}"
  set +e
  "$ref" -m tokenize -e "$f" > "$name.out.tmp" 2> "$name.err.tmp"
  status=$?
  set -e
  { cat "$name.out.tmp"; echo "### stderr"; cat "$name.err.tmp"; echo "### status $status"; } > "$name.expected"
  rm -f "$name.out.tmp" "$name.err.tmp"
done
cd - > /dev/null
"$ref" tools/token_parser_errors.py > "$dir/parser_errors.txt"
"$ref" tools/token_fstring_debug.py > "$dir/fstring_debug.txt"
