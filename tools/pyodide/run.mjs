// Run `python3.13 ARGS` on pyodide under node: the host directories a script may read or
// write (cwd, /tmp, /work and the script's own directory) are mounted at the same paths.
import { loadPyodide } from "./node_modules/pyodide/pyodide.mjs";
import * as fs from "node:fs";
import * as path from "node:path";

const args = process.argv.slice(2);
const py = await loadPyodide();
const encoder = (fd) => ({ write: (buf) => { fs.writeSync(fd, buf); return buf.length; } });
py.setStdout(encoder(1));
py.setStderr(encoder(2));
py.setStdin({ read: (buf) => { try { return fs.readSync(0, buf); } catch { return 0; } } });

const mounts = new Set([process.cwd(), "/tmp", "/work"]);
if (args[0] && !args[0].startsWith("-")) mounts.add(path.dirname(path.resolve(args[0])));
for (const dir of mounts) {
  if (!fs.existsSync(dir)) continue;
  try {
    py.FS.mkdirTree(dir);
    py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
  } catch (e) { /* already mounted under a parent */ }
}
py.FS.chdir(process.cwd());
py.globals.set("_argv", py.toPy(args));
const code = `
import sys, traceback, types
argv = list(_argv)
status = 0

def run_source(source, filename):
    main = types.ModuleType("__main__")
    main.__file__ = filename
    sys.modules["__main__"] = main
    code = compile(source, filename, "exec")
    exec(code, main.__dict__)

try:
    if argv and argv[0] == "-c":
        sys.argv = ["-c"] + argv[2:]
        run_source(argv[1], "<string>")
    elif argv and argv[0] == "-m":
        import runpy
        sys.argv = [argv[1]] + argv[2:]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    elif argv:
        sys.argv = argv
        sys.path.insert(0, __import__("os").path.dirname(argv[0]))
        with open(argv[0], "rb") as f:
            run_source(f.read(), argv[0])
except SystemExit as e:
    c = e.code
    status = 0 if c is None else c if isinstance(c, int) else (print(c, file=sys.stderr) or 1)
except BaseException as e:
    tb = e.__traceback__
    # Skip this runner's own frames, as CPython's traceback starts at the user's code.
    while tb is not None and tb.tb_frame.f_code.co_filename == "<exec>":
        tb = tb.tb_next
    traceback.print_exception(type(e), e, tb)
    status = 1
sys.stdout.flush(); sys.stderr.flush()
status
`;
const status = await py.runPythonAsync(code);
process.exit(status);
