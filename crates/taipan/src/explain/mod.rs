//! `taipan explain STAGE …`: each stage of the pipeline, printed byte for byte as the
//! matching `python3.13 -m MODULE` prints it.

mod assemble;
pub(crate) mod ast;
mod codegen;
mod symtable;
mod tokens;

use std::process::ExitCode;

pub fn main(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("tokens") => tokens::main(&args[1..]),
        Some("ast") => ast::main(&args[1..]),
        Some("assemble") => assemble::main(&args[1..]),
        Some("codegen") => codegen::main(&args[1..]),
        Some("parse-bench") => ast::parse_bench(&args[1..]),
        Some("symtable") => symtable::main(&args[1..]),
        _ => {
            eprintln!("usage: taipan explain {{tokens,ast}} [options] [FILE]");
            ExitCode::from(2)
        }
    }
}

/// Read FILE, or standard input when it is absent or `-`.
pub fn read_input(path: Option<&str>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    match path {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            Ok(buf)
        }
        Some(p) => std::fs::read(p),
    }
}
