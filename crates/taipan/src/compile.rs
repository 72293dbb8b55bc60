//! `taipan compile [-O|-OO] [--invalidation-mode MODE] (-o OUT.pyc FILE | -d DIR FILE…)`:
//! compile Python source to CPython-3.13-format .pyc files, as `py_compile.compile` does
//! (`compile(source_bytes, path, 'exec', dont_inherit=True, optimize=N)`, then the 16-byte
//! header and the marshalled module code object).
//!
//! - `co_filename` is the path as given on the command line.
//! - `-o OUT` names the output of a single FILE; `-d DIR` writes each FILE to
//!   `DIR/FILE` + `c` (the path as given, a leading `/` dropped, with `.pyc` for `.py`), so
//!   that files of the same name in different directories do not collide.
//! - `--invalidation-mode` is py_compile's: `timestamp` (the default, unless
//!   SOURCE_DATE_EPOCH is set: then `checked-hash`), `checked-hash`, `unchecked-hash`.
//! - A file that does not compile gets CPython's error text on stderr (what
//!   `traceback.format_exception_only` prints, as py_compile reports it); the other files
//!   are still written, and the exit status is 1.
//! - `-j N` compiles on N threads (0: one per available core; default 1, as compileall's
//!   `-j`). Files are independent; errors are still reported in the order of the files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use taipan_bytecode::pyc::{self, Pyc, Validation};
use taipan_bytecode::{CodeObject, Constant};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Timestamp,
    CheckedHash,
    UncheckedHash,
}

const USAGE: &str = "usage: taipan compile [-O|-OO] [-j N] [--invalidation-mode timestamp|checked-hash|unchecked-hash] (-o OUT.pyc FILE | -d DIR FILE...)";

pub fn main(args: &[String]) -> ExitCode {
    let mut optimize = 0;
    let mut mode = if std::env::var_os("SOURCE_DATE_EPOCH").is_some_and(|v| !v.is_empty()) {
        Mode::CheckedHash
    } else {
        Mode::Timestamp
    };
    let mut out: Option<String> = None;
    let mut dir: Option<String> = None;
    let mut files: Vec<String> = Vec::new();
    let mut jobs: usize = 1;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-O" => optimize = optimize.max(1),
            "-OO" => optimize = 2,
            "-o" | "-d" | "-j" | "--invalidation-mode" => {
                let Some(v) = args.get(i + 1) else {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                };
                match a {
                    "-o" => out = Some(v.clone()),
                    "-d" => dir = Some(v.clone()),
                    "-j" => match v.parse::<usize>() {
                        Ok(n) => jobs = n,
                        Err(_) => {
                            eprintln!("{USAGE}");
                            return ExitCode::from(2);
                        }
                    },
                    _ => {
                        mode = match v.as_str() {
                            "timestamp" => Mode::Timestamp,
                            "checked-hash" => Mode::CheckedHash,
                            "unchecked-hash" => Mode::UncheckedHash,
                            _ => {
                                eprintln!("{USAGE}");
                                return ExitCode::from(2);
                            }
                        }
                    }
                }
                i += 1;
            }
            _ if a.starts_with('-') && a != "-" => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    let targets: Vec<(String, PathBuf)> = match (&out, &dir) {
        (Some(o), None) if files.len() == 1 => vec![(files[0].clone(), PathBuf::from(o))],
        (None, Some(d)) if !files.is_empty() => files.iter().map(|f| (f.clone(), output_in_dir(d, f))).collect(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if jobs == 0 {
        jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let mut status = ExitCode::SUCCESS;
    for r in compile_all(&targets, optimize, mode, jobs.min(targets.len()).max(1)) {
        if let Err(msg) = r {
            eprint!("{msg}");
            status = ExitCode::from(1);
        }
    }
    status
}

/// Compile every target on `jobs` threads (files taken in turn from a shared counter);
/// the results in the order of `targets`.
fn compile_all(targets: &[(String, PathBuf)], optimize: i32, mode: Mode, jobs: usize) -> Vec<Result<(), String>> {
    if jobs == 1 {
        let mut made_dirs = std::collections::HashSet::new();
        return targets.iter().map(|(file, dest)| compile_file(file, dest, optimize, mode, &mut made_dirs)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<(), String>>>> = targets.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            std::thread::Builder::new()
                .stack_size(crate::MAIN_STACK_BYTES)
                .spawn_scoped(s, || {
                    let mut made_dirs = std::collections::HashSet::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((file, dest)) = targets.get(i) else { break };
                        let r = compile_file(file, dest, optimize, mode, &mut made_dirs);
                        *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                    }
                })
                .expect("spawning a compile worker");
        }
    });
    results.into_iter().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every file compiled")).collect()
}

fn output_in_dir(dir: &str, file: &str) -> PathBuf {
    let rel = file.trim_start_matches('/');
    let mut p = Path::new(dir).join(rel).into_os_string();
    p.push("c");
    PathBuf::from(p)
}

/// Compile one file and write its .pyc; the error text otherwise. `made_dirs` holds the
/// output directories already created, so each is made (or checked) once per run.
fn compile_file(
    file: &str,
    dest: &Path,
    optimize: i32,
    mode: Mode,
    made_dirs: &mut std::collections::HashSet<PathBuf>,
) -> Result<(), String> {
    let read_error = |e: std::io::Error| format!("[Errno {}] {}: '{}'\n", e.raw_os_error().unwrap_or(0), strerror(&e), file);
    // One open for both the contents and the mtime (fstat), as py_compile's loader does.
    let mut f = std::fs::File::open(file).map_err(read_error)?;
    let meta = f.metadata().map_err(|e| format!("{file}: {e}\n"))?;
    let mut source = Vec::with_capacity(meta.len() as usize + 1);
    std::io::Read::read_to_end(&mut f, &mut source).map_err(read_error)?;
    drop(f);
    let code = compile_source(&source, file, optimize)?;
    let validation = match mode {
        Mode::Timestamp => {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            Validation::Timestamp { mtime: mtime as u32, size: source.len() as u32 }
        }
        Mode::CheckedHash | Mode::UncheckedHash => Validation::Hash {
            source_hash: pyc::source_hash(&source),
            check_source: mode == Mode::CheckedHash,
        },
    };
    let data = pyc::write(&Pyc { validation, code: Constant::Code(Arc::new(code)) })
        .map_err(|e| format!("{file}: {e}\n"))?;
    if let Some(parent) = dest.parent() {
        if !parent.as_os_str().is_empty() && !made_dirs.contains(parent) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}\n", parent.display()))?;
            made_dirs.insert(parent.to_path_buf());
        }
    }
    std::fs::write(dest, data).map_err(|e| format!("{}: {e}\n", dest.display()))
}

fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(k) => s[..k].to_string(),
        None => s,
    }
}

/// `compile(source, filename, 'exec', dont_inherit=True, optimize=optimize)`; the
/// error as `traceback.format_exception_only` prints it.
fn compile_source(source: &[u8], filename: &str, optimize: i32) -> Result<CodeObject, String> {
    let module = taipan_parser::parser::parse_bytes(source, taipan_parser::parser::Mode::Exec, filename, false)
        .map_err(|e| crate::syntax_error::format(&e, filename))?;
    taipan_compiler::compile_owned(module, filename, optimize).map_err(|e| match e {
        taipan_compiler::CompileError::Syntax(e) => crate::syntax_error::format(&e, filename),
        taipan_compiler::CompileError::System(msg) => format!("SystemError: {msg}\n"),
    })
}
