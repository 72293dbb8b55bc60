//! The `taipan` command: behaves as `python3.13` (`taipan FILE ARGS…`, `-c CMD`), plus the
//! commands CPython lacks: `taipan compile …` (.pyc files, as py_compile), `taipan explain tokens|ast …` (each stage of the pipeline in the
//! format of `python3.13 -m tokenize|ast`).

mod compile;
mod explain;
mod run;
mod syntax_error;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("explain") => explain::main(&args[1..]),
        Some("compile") => compile::main(&args[1..]),
        _ => run::main(&args),
    }
}
