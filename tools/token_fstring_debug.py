"""Self-documenting f-string fields and the text CPython puts before their value (the
tokenizer's metadata), from the reference's AST (run by tools/gen_token_goldens.sh).
Output: one case a line, `SOURCE<TAB>DEBUG_TEXT`, both escaped with unicode_escape."""
import ast

CASES = [
    'f"{x=}"\n', 'f"{x = }"\n', 'f"{x=!r}"\n', 'f"{x = !s:>10}"\n', 'f"{x=:>10}"\n',
    'f"{x=:{y}}"\n', 'f"{ x + y = }"\n', 'f"{x==y=}"\n', 'f"{d[\'a\']=}"\n',
    'f"""{x  # comment\n = }"""\n', 'f"{f\'{y=}\'=}"\n', 'f"{x=}{y = }"\n',
    'f"""{\nx\n=\n}"""\n', 'f"{x!r=}"\n' if False else 'f"{(x:=1)=}"\n', 'f"{lambda: 1=}"\n' if False else 'f"{x=!a}"\n',
    'f"{é=}"\n', 'f"{x=:%H:%M}"\n',
]


def esc(s):
    return s.encode("unicode_escape").decode("ascii").replace("\t", "\\t")


for src in CASES:
    tree = ast.parse(src)
    js = tree.body[0].value
    first = js.values[0]
    print(esc(src) + "\t" + esc(first.value))
