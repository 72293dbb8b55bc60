"""Snippets whose SyntaxError comes from the tokenizer in parser mode, and the error
compile() raises for each (run by tools/gen_token_goldens.sh; output format, one case a
line, fields separated by tabs, strings escaped as by `escape` below):
    SOURCE  CLASS  LINENO  OFFSET  END_LINENO  END_OFFSET  MSG  TEXT
END_* are -1 when None. Sources are tokenized by the tests in parser mode; a tokenizer
error must equal the line.
"""
import sys
import warnings

CASES = [
    "x = 1__2\n", "x = 0x\n", "x = 0xg\n", "x = 0o8\n", "x = 0o\n", "x = 0b2\n", "x = 0b\n",
    "x = 1e+\n", "x = 1_\n", "x = 0_\n", "x = 1.5_\n", "x = 1abc\n", "x = 0x1g\n",
    "x = 0o1a\n", "x = 0b1a\n", "x = 1.5abc\n", "x = 1jx\n", "x = 0777\n", "x = 00012\n",
    "x = 1e5x\n", "x = 1ex\n",
    "x = 'abc\n", "x = \"abc\\\"\n", "x = '''abc\n\n", "x = f'abc\n", "x = f'''abc{x}\n\n",
    "f'{x'\n", "f'a}'\n", "f'{x)}'\n", "f'{)}'\n", "f'{f\"{f'{1}'}\"}'\n", "f'{x:{y:{z}}}'\n",
    "x = )\n", "x = ]\n", "x = }\n", "x = (]\n", "x = (\n]\n", "x = [1, 2)\n",
    "x = " + "(" * 201 + "\n",
    "x = a\u20acb\n", "x = \u00e9\u20ac\n", "\u20ac = 1\n", "x = a\u00a0b\n", "x = a\u200bb\n",
    "x = 1\x01\n",
    "x = 1 \\ y\n", "x = (1 \\ y\n", "if x:\n    y = 1 \\ 2\n",
    "if x:\n\ta\n        b\n", "if x:\n        a\n\tb\n",
    "".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n",
    "x = (1,\n  2\n", "foo(\n", "x = [\n1,\n",
    "if x:\n    a\n  b\n", "if x:\n    a\n  b = 1\n", "x = 1 + \\\n",
    "x = \"\"\"\n\"\"\" \\ y\n", "f\"{x\n", "f\"{x:\n", "\"abc\\\n",
    "def f():\n  if x:\n        pass\n    y\n",
    "f'{x:{y:{z:{w}}}}'\n", "f'{x:{y:{z}}}' f'{a:{b:{c:{d}}}}'\n",
    "x = " + "f'{" * 151 + "1" + "}'" * 151 + "\n",
    "f'{'\n", "f'}'\n", "f'{x}}'\n", "f'{{}'\n", "f" + "'" * 3 + "{\nx\n" + "'" * 3 + "\n", "f'{x\n}'\n",
    "f'{a[}'\n", "f'{a(]}'\n", "f\"{'\"\n", "f'{\"a\"'\n",
    "if x:\n  \x0c  y\n\tz\n",
    "x = '\\\n", "x = 0b1_\n", "x = 0x_\n", "x = 1e\n",
    "x = 1.e5j_\n", "x = 0_7\n", "x = 1__\n",
]


def escape(s):
    return s.encode("unicode_escape").decode("ascii").replace("\t", "\\t")


for src in CASES:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(src, "<string>", "exec")
            continue
        except SyntaxError as e:
            err = e
        except ValueError as e:  # null bytes
            print("\t".join([escape(src), "ValueError", "-1", "-1", "-1", "-1", escape(str(e)), "None"]))
            continue
    f = lambda v: str(-1 if v is None else v)
    print("\t".join([escape(src), type(err).__name__, f(err.lineno), f(err.offset),
                     f(err.end_lineno), f(err.end_offset), escape(err.msg),
                     "None" if err.text is None else escape(err.text)]))
