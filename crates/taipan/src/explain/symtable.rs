//! Hidden `taipan explain symtable FILE`: the raw symbol table of FILE, as
//! `tools/conformance/symtable.py` prints the reference's
//! `_symtable.symtable(source, FILE, 'exec')` — one line per block (type, name, lineno,
//! nested), its varnames, and its symbols sorted by name with CPython's flag integers;
//! children indented below. With `--code`, one line per code object the blocks become
//! (`code NAME LINENO FLAGS CELLS`, sorted; see `code_lines`), for the runner's check of
//! the flags `_symtable` does not expose. A compile error prints
//! `SyntaxError: MSG (LINENO, OFFSET, END_LINENO, END_OFFSET)` and exits 1.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use taipan_compiler::symtable::{self, EntryId, SymbolTable};
use taipan_parser::error::SyntaxError;
use taipan_parser::parser::{parse_bytes, Mode};

pub fn main(args: &[String]) -> ExitCode {
    let (code_mode, path) = match args {
        [flag, path] if flag == "--code" => (true, path),
        [path] => (false, path),
        _ => {
            eprintln!("usage: taipan explain symtable [--code] FILE");
            return ExitCode::from(2);
        }
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
        // As `_symtable.symtable()` called from Python code: C recursion depth 2.
        symtable::build_at_depth(&module, path, future, 2)
    });
    let mut out = String::new();
    let code = match result {
        Ok(table) if code_mode => {
            let mut lines = Vec::new();
            code_lines(&table, 0, &mut lines);
            lines.sort();
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
            ExitCode::SUCCESS
        }
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
    if e.kind == taipan_parser::error::SyntaxErrorKind::RecursionError {
        return format!("RecursionError: {}\n", e.msg);
    }
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

/// The code object each block compiles to (all but inlined comprehensions and future
/// annotation blocks): its `co_name`, the block's line (0 for the module), the `co_flags`
/// bits compile.c's `compute_code_flags` derives from the entry, and for classes the
/// implicit cells (`__class__` for `needs_class_closure`, `__classdict__` for
/// `needs_classdict`).
fn code_lines(t: &SymbolTable, id: EntryId, out: &mut Vec<String>) {
    use taipan_compiler::symtable::{BlockType, ComprehensionType};
    let e = t.entry(id);
    let name = match (e.typ, e.comprehension) {
        (BlockType::Module, _) => "<module>".to_string(),
        (BlockType::TypeParameters, _) => format!("<generic parameters of {}>", e.name),
        (BlockType::Function, ComprehensionType::NoComprehension) if e.name == "lambda" => "<lambda>".into(),
        (BlockType::Function, ComprehensionType::NoComprehension) => e.name.clone(),
        (BlockType::Function, _) => format!("<{}>", e.name),
        _ => e.name.clone(),
    };
    let mut flags = 0;
    if e.is_function_like() {
        flags |= 0x3;
        if e.nested {
            flags |= 0x10;
        }
        if e.generator && !e.coroutine {
            flags |= 0x20;
        }
        if e.generator && e.coroutine {
            flags |= 0x200;
        }
        if e.varargs {
            flags |= 0x4;
        }
        if e.varkeywords {
            flags |= 0x8;
        }
    }
    if e.coroutine && !e.generator {
        flags |= 0x80;
    }
    let mut cells = Vec::new();
    if e.needs_class_closure {
        cells.push("__class__");
    }
    if e.needs_classdict {
        cells.push("__classdict__");
    }
    if !e.comp_inlined {
        out.push(format!("code {} {} {} {}", name, e.lineno, flags, cells.join(",")));
    }
    for &c in &e.children {
        code_lines(t, c, out);
    }
}
