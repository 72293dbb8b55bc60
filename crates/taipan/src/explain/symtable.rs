//! Hidden `taipan explain symtable FILE`: the raw symbol table of FILE, as
//! `tools/conformance/symtable.py` prints the reference's
//! `_symtable.symtable(source, FILE, 'exec')` — one line per block (type, name, lineno,
//! nested), its varnames, and its symbols sorted by name with CPython's flag integers;
//! children indented below. A compile error prints
//! `SyntaxError: MSG (LINENO, OFFSET, END_LINENO, END_OFFSET)` and exits 1.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use taipan_compiler::symtable::{self, EntryId, SymbolTable};
use taipan_parser::error::SyntaxError;
use taipan_parser::parser::{parse_bytes, Mode};

pub fn main(args: &[String]) -> ExitCode {
    let Some(path) = args.first() else {
        eprintln!("usage: taipan explain symtable FILE");
        return ExitCode::from(2);
    };
    let source = match super::read_input(Some(path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("taipan explain symtable: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let result = parse_bytes(&source, Mode::Exec, path, false).and_then(|module| {
        let future = taipan_compiler::future::from_ast(&module, path)?;
        symtable::build(&module, path, future)
    });
    let mut out = String::new();
    let code = match result {
        Ok(table) => {
            dump(&table, 0, 0, &mut out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            out.push_str(&error_line(&e));
            ExitCode::from(1)
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    code
}

fn opt(v: Option<u32>) -> String {
    v.map_or("None".to_string(), |v| v.to_string())
}

fn error_line(e: &SyntaxError) -> String {
    format!(
        "{}: {} ({}, {}, {}, {})\n",
        e.kind.name(),
        e.msg,
        e.lineno,
        e.offset,
        opt(e.end_lineno),
        opt(e.end_offset)
    )
}

fn dump(t: &SymbolTable, id: EntryId, indent: usize, out: &mut String) {
    let e = t.entry(id);
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}block {} {} line {} nested {}", e.typ as u8, e.name, e.lineno, e.nested as u8);
    let _ = writeln!(out, "{pad}  varnames {}", e.varnames.join(" "));
    let mut syms: Vec<(&str, i64)> = e.symbols.iter().collect();
    syms.sort();
    for (name, flags) in syms {
        let _ = writeln!(out, "{pad}  sym {name} {flags}");
    }
    for &c in &e.children {
        dump(t, c, indent + 2, out);
    }
}
