//! The `taipan` command: behaves as `python3.13` (`taipan FILE ARGS…`, `-c CMD`), plus the
//! commands CPython lacks: `taipan compile …` (.pyc files, as py_compile), `taipan explain tokens|ast …` (each stage of the pipeline in the
//! format of `python3.13 -m tokenize|ast`).

mod compile;
mod explain;
mod run;
mod syntax_error;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: compiling a file allocates and frees many
/// small objects, and glibc's malloc/free took about a third of `taipan compile`'s time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The stack every command runs on. The front end and compiler bound their own
/// recursion the way CPython does (MAXSTACK in the parser, the symtable's recursion limit),
/// but the trees they accept can still be ~10,000 levels deep, and dumping, compiling and
/// dropping them recurses once per level. The address space is only reserved: pages are
/// touched as deep inputs need them.
pub(crate) const MAIN_STACK_BYTES: usize = 1 << 30;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::thread::Builder::new()
        .name("main".into())
        .stack_size(MAIN_STACK_BYTES)
        .spawn(move || dispatch(&args))
        .expect("spawning the main thread")
        .join()
        .map(|status| {
            if taipan_vm::run::UNHANDLED_KEYBOARD_INTERRUPT.load(std::sync::atomic::Ordering::Relaxed) {
                taipan_vm::run::exit_sigint();
            }
            status
        })
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn dispatch(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("explain") => explain::main(&args[1..]),
        Some("compile") => compile::main(&args[1..]),
        _ => run::main(args),
    }
}
