"""Write tests/codegen/NAME.O0 and NAME.O2: the reference's code generator output for
each tests/codegen/NAME.py at optimize 0 and 2, rendered as `taipan explain codegen`
prints it (tools/conformance/codegen.py's `render`); for sources the reference compiler
rejects, `error: MESSAGE`.

    tools/ref.sh tools/gen_codegen_goldens.py
"""
import ast
import glob
import importlib.util
import os
import warnings

import _testinternalcapi

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("cg", os.path.join(ROOT, "tools", "conformance", "codegen.py"))
cg = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cg)

for path in sorted(glob.glob(os.path.join(ROOT, "tests", "codegen", "*.py"))):
    with open(path, "rb") as f:
        source = f.read()
    for opt, suffix in ((0, "O0"), (2, "O2")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compile(source, path, "exec", optimize=opt)
                insts, meta = _testinternalcapi.compiler_codegen(ast.parse(source), path, opt, 0)
                out = cg.render(insts, meta)
            except SyntaxError as e:
                out = "error: %s\n" % e.msg
        with open(path[:-3] + "." + suffix, "w") as f:
            f.write(out)
