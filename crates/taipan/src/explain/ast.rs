//! `taipan explain ast [-m MODE] [--no-type-comments] [-a] [-i N] [FILE]` =
//! `python3.13 -m ast …` (`main()` of `Lib/ast.py`): parse FILE (or stdin) and print
//! `ast.dump(tree, include_attributes=…, indent=…)`.
//!
//! Also the hidden `taipan explain parse-bench FILE…`, which tokenizes and parses each
//! file and prints nothing, so that `bench/parse_lib.py` can time the front end without
//! process start-up.

use std::io::Write;
use std::process::ExitCode;

use taipan_parser::error::SyntaxError;
use taipan_parser::parser::{parse_bytes, parse_bytes_with_warnings, Mode};

struct Options {
    mode: Mode,
    type_comments: bool,
    include_attributes: bool,
    indent: usize,
    infile: Option<String>,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!(
        "usage: python -m ast [-h] [-m {{exec,single,eval,func_type}}] [--no-type-comments] [-a]\n                     [-i INDENT]\n                     [infile]\npython -m ast: error: {msg}"
    );
    ExitCode::from(2)
}

fn parse_args(args: &[String]) -> Result<Options, ExitCode> {
    let mut o = Options { mode: Mode::Exec, type_comments: true, include_attributes: false, indent: 3, infile: None };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let value = |i: &mut usize, name: &str| -> Result<String, ExitCode> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            *i += 1;
            args.get(*i).cloned().ok_or_else(|| usage_error(&format!("argument {name}: expected one argument")))
        };
        match flag {
            "-m" | "--mode" => {
                let v = value(&mut i, "-m/--mode")?;
                o.mode = Mode::from_name(&v).ok_or_else(|| {
                    usage_error(&format!(
                        "argument -m/--mode: invalid choice: '{v}' (choose from 'exec', 'single', 'eval', 'func_type')"
                    ))
                })?;
            }
            "--no-type-comments" => o.type_comments = false,
            "-a" | "--include-attributes" => o.include_attributes = true,
            "-i" | "--indent" => {
                let v = value(&mut i, "-i/--indent")?;
                o.indent = v
                    .trim()
                    .parse()
                    .map_err(|_| usage_error(&format!("argument -i/--indent: invalid int value: '{v}'")))?;
            }
            _ if a.starts_with("-i") && a.len() > 2 => {
                let v = &a[2..];
                o.indent =
                    v.parse().map_err(|_| usage_error(&format!("argument -i/--indent: invalid int value: '{v}'")))?;
            }
            _ if a.starts_with("-m") && a.len() > 2 => {
                let v = &a[2..];
                o.mode = Mode::from_name(v).ok_or_else(|| usage_error("argument -m/--mode: invalid choice"))?;
            }
            "-" => o.infile = Some("-".into()),
            _ if a.starts_with('-') && a.len() > 1 => {
                return Err(usage_error(&format!("unrecognized arguments: {a}")));
            }
            _ => {
                if o.infile.is_some() {
                    return Err(usage_error(&format!("unrecognized arguments: {a}")));
                }
                o.infile = Some(a.to_string());
            }
        }
        i += 1;
    }
    Ok(o)
}

pub fn main(args: &[String]) -> ExitCode {
    let o = match parse_args(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let (name, source) = match o.infile.as_deref() {
        None | Some("-") => ("<stdin>".to_string(), super::read_input(None)),
        Some(f) => (f.to_string(), super::read_input(Some(f))),
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            eprintln!("taipan explain ast: {name}: {e}");
            return ExitCode::from(1);
        }
    };
    let (result, warnings) = parse_bytes_with_warnings(&source, o.mode, &name, o.type_comments);
    if !warnings.is_empty() {
        let mut err = String::new();
        for w in &warnings {
            err.push_str(&format_warning(&name, w.lineno, &w.msg, &source));
        }
        eprint!("{err}");
    }
    match result {
        Ok(tree) => {
            let depth = taipan_parser::ast::dump_depth(&tree);
            if depth > MAX_CONSTRUCTION_DEPTH {
                eprint!("{}", construction_traceback());
                return ExitCode::from(1);
            }
            if depth > MAX_DUMP_DEPTH {
                eprint!("{}", recursion_traceback());
                return ExitCode::from(1);
            }
            let text = taipan_parser::ast::dump(&tree, o.include_attributes, Some(o.indent));
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.write_all(b"\n");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", traceback(&name, &e));
            ExitCode::from(1)
        }
    }
}

/// `warnings.formatwarning` of a SyntaxWarning: the source line comes from `linecache`,
/// i.e. from the file itself (nothing for `<stdin>`), stripped.
pub(crate) fn format_warning(filename: &str, lineno: u32, msg: &str, source: &[u8]) -> String {
    let mut s = format!("{filename}:{lineno}: SyntaxWarning: {msg}\n");
    if filename != "<stdin>" {
        if let Ok((_, text)) = taipan_parser::tokenizer::decode_source(source) {
            if let Some(line) = text.split_inclusive('\n').nth(lineno as usize - 1) {
                let line = line.trim_matches(|c: char| c.is_whitespace());
                if !line.is_empty() {
                    s.push_str(&format!("  {line}\n"));
                }
            }
        }
    }
    s
}

/// The deepest `ast.dump` nesting (see `dump_with_depth`) that `python3.13 -m ast` can
/// print under the default recursion limit of 1000 (measured: `-`*989 + `1` dumps,
/// `-`*990 + `1` raises RecursionError).
const MAX_DUMP_DEPTH: usize = 995;

/// The deepest tree (same measure) that CPython can turn into `_ast` objects: deeper ones
/// raise RecursionError "during ast construction" in `ast.parse` (measured: a chain of
/// 9,992 `a+` terms converts, 9,993 does not).
const MAX_CONSTRUCTION_DEPTH: usize = 9997;

/// What `-m ast` prints when `ast.parse` cannot build the `_ast` objects of a deep tree.
fn construction_traceback() -> String {
    let mut s = String::from("Traceback (most recent call last):\n");
    s.push_str("  File \"<frozen runpy>\", line 198, in _run_module_as_main\n");
    s.push_str("  File \"<frozen runpy>\", line 88, in _run_code\n");
    let a = ast_py_path();
    s.push_str(&format!("  File \"{a}\", line 1866, in <module>\n    main()\n    ~~~~^^\n"));
    s.push_str(&format!("  File \"{a}\", line 1862, in main\n    tree = parse(source, name, args.mode, type_comments=args.no_type_comments)\n"));
    s.push_str(&format!("  File \"{a}\", line 54, in parse\n    return compile(source, filename, mode, flags,\n                   _feature_version=feature_version, optimize=optimize)\n"));
    s.push_str("RecursionError: maximum recursion depth exceeded during ast construction\n");
    s
}

/// What `-m ast` prints when `ast.dump` exceeds the recursion limit (its last lines).
fn recursion_traceback() -> String {
    let mut s = String::from("Traceback (most recent call last):\n");
    s.push_str("  File \"<frozen runpy>\", line 198, in _run_module_as_main\n");
    s.push_str("  File \"<frozen runpy>\", line 88, in _run_code\n");
    let a = ast_py_path();
    s.push_str(&format!("  File \"{a}\", line 1866, in <module>\n    main()\n    ~~~~^^\n"));
    s.push_str(&format!("  File \"{a}\", line 1863, in main\n    print(dump(tree, include_attributes=args.include_attributes, indent=args.indent))\n          ~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"));
    s.push_str(&format!("  File \"{a}\", line 200, in dump\n    return _format(node)[0]\n           ~~~~~~~^^^^^^\n"));
    s.push_str(&format!("  File \"{a}\", line 170, in _format\n    value, simple = _format(value, level)\n                    ~~~~~~~^^^^^^^^^^^^^^\n"));
    s.push_str("RecursionError: maximum recursion depth exceeded\n");
    s
}

/// Where the standard library's `ast.py` is (DESIGN.md §4.5, first hit wins):
/// `$TAIPAN_STDLIB`, `<exe dir>/../lib/taipan/python3.13`, the reference CPython 3.13's Lib
/// under pyenv; the tracebacks name it as CPython's do.
fn ast_py_path() -> String {
    use std::path::PathBuf;
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("TAIPAN_STDLIB") {
        candidates.push(PathBuf::from(d));
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe.parent() {
            candidates.push(dir.join("../lib/taipan/python3.13"));
        }
    }
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(root) = pyenv_root {
        if let Ok(rd) = std::fs::read_dir(root.join("versions")) {
            let mut vs: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("3.13.")))
                .collect();
            vs.sort();
            candidates.extend(vs.into_iter().map(|v| v.join("lib/python3.13")));
        }
    }
    for c in candidates {
        let f = c.join("ast.py");
        if f.is_file() {
            return std::fs::canonicalize(&f).unwrap_or(f).to_string_lossy().into_owned();
        }
    }
    "<ast.py>".to_string()
}

/// The traceback `python3.13 -m ast` prints for a SyntaxError raised by `compile()`.
fn traceback(filename: &str, e: &SyntaxError) -> String {
    let mut s = String::from("Traceback (most recent call last):\n");
    s.push_str("  File \"<frozen runpy>\", line 198, in _run_module_as_main\n");
    s.push_str("  File \"<frozen runpy>\", line 88, in _run_code\n");
    let ast_py = ast_py_path();
    let ast_py = ast_py.as_str();
    s.push_str(&format!("  File \"{ast_py}\", line 1866, in <module>\n    main()\n    ~~~~^^\n"));
    s.push_str(&format!(
        "  File \"{ast_py}\", line 1862, in main\n    tree = parse(source, name, args.mode, type_comments=args.no_type_comments)\n"
    ));
    s.push_str(&format!(
        "  File \"{ast_py}\", line 54, in parse\n    return compile(source, filename, mode, flags,\n                   _feature_version=feature_version, optimize=optimize)\n"
    ));
    if matches!(
        e.kind,
        taipan_parser::error::SyntaxErrorKind::MemoryError | taipan_parser::error::SyntaxErrorKind::UnicodeDecodeError
    ) {
        s.push_str(&format!("{}: {}\n", e.kind.name(), e.msg));
        return s;
    }
    if e.lineno == 0 {
        // compile() reports line 0 (not None) for errors before any line is read.
        s.push_str(&format!("  File \"{filename}\", line 0\n"));
        if let Some(text) = &e.text {
            s.push_str(&format!("    {}\n", text.trim()));
        }
        s.push_str(&format!("{}: {}\n", e.kind.name(), e.msg));
        return s;
    }
    s.push_str(&crate::syntax_error::format(e, filename));
    s
}

/// `taipan explain parse-bench FILE…`: parse every file, print nothing; exit status 1
/// if any failed.
pub fn parse_bench(args: &[String]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for f in args {
        let Ok(src) = std::fs::read(f) else {
            status = ExitCode::from(1);
            continue;
        };
        if parse_bytes(&src, Mode::Exec, f, false).is_err() {
            status = ExitCode::from(1);
        }
    }
    status
}
