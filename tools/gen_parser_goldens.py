"""Write the expected AST dumps of the parser's valid corpus.

    tools/ref.sh tools/gen_parser_goldens.py

For each crates/taipan-parser/resources/valid/NAME.py, writes NAME.ast: what
`python3.13 -m ast -a -m MODE NAME.py` prints (`ast.dump(ast.parse(source, NAME.py, MODE,
type_comments=True), include_attributes=True, indent=3)`). MODE comes from the name:
`eval_*` eval, `single_*` single, `functype_*` func_type, otherwise exec. Some files get
extra variants (see VARIANTS): NAME.VARIANT.ast with other options. Files whose parse
emits SyntaxWarnings also get NAME.warnings: one `LINENO: MESSAGE` line per warning.
"""
import ast
import pathlib
import warnings

DIR = pathlib.Path(__file__).resolve().parents[1] / "crates" / "taipan-parser" / "resources" / "valid"

# variant name -> (type_comments, include_attributes, indent)
VARIANTS = {
    "type_comments": {"notc": (False, True, 3)},
    "statements": {"i1": (True, False, 1), "i0": (True, False, 0)},
    "functions": {"noattr": (True, False, 3)},
}


def mode_of(name):
    for prefix, mode in (("eval_", "eval"), ("single_", "single"), ("functype_", "func_type")):
        if name.startswith(prefix):
            return mode
    return "exec"


for path in sorted(DIR.glob("*.py")):
    name = path.stem
    source = path.read_bytes()
    runs = {"": (True, True, 3)} | {"." + k: v for k, v in VARIANTS.get(name, {}).items()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ast.parse(source, path.name, mode_of(name), type_comments=True)
    if caught:
        lines = "".join(f"{w.lineno}: {w.message}\n" for w in caught)
        (DIR / f"{name}.warnings").write_text(lines, encoding="utf-8")
    for suffix, (tc, attrs, indent) in runs.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, path.name, mode_of(name), type_comments=tc)
        text = ast.dump(tree, include_attributes=attrs, indent=indent) + "\n"
        (DIR / f"{name}{suffix}.ast").write_text(text, encoding="utf-8")
