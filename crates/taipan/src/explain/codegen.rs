//! Hidden `taipan explain codegen [-O|-OO] [-m MODE] FILE`: the code generator's output for every code
//! unit — what the reference's `_testinternalcapi.compiler_codegen(ast.parse(src), filename,
//! optimize, 0)` returns — in a plain text form that `tools/conformance/codegen.py` also
//! produces from the reference, so the two can be compared line for line.
//!
//! Form: the top unit's metadata (name, consts, names, varnames, cellvars, freevars, the
//! argument counts), then each unit's instructions as `opcode oparg lineno end_lineno col
//! end_col` with jump targets resolved to instruction indices (as the reference's
//! `get_instructions()` applies the label map), nested units indented in completion order.
//! Constants print as `type:value` with floats as bit patterns and strings escaped to ASCII.

use std::fmt::Write as _;
use std::process::ExitCode;

use taipan_bytecode::{Constant, Opcode, PyStr};
use taipan_compiler::codegen::CodegenOutput;
use taipan_parser::parser::{parse_bytes, Mode};

pub fn main(args: &[String]) -> ExitCode {
    let mut optimize = 0;
    let mut file = None;
    let mut mode = Mode::Exec;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-O" => optimize = 1,
            "-OO" => optimize = 2,
            "-m" => match it.next().and_then(|m| Mode::from_name(m)) {
                Some(m) => mode = m,
                None => {
                    eprintln!("taipan explain codegen: -m takes exec, eval or single");
                    return ExitCode::from(2);
                }
            },
            _ => file = Some(a.clone()),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: taipan explain codegen [-O|-OO] [-m exec|eval|single] FILE");
        return ExitCode::from(2);
    };
    let source = match super::read_input(Some(&file)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("taipan explain codegen: {file}: {e}");
            return ExitCode::from(1);
        }
    };
    let tree = match parse_bytes(&source, mode, &file, false) {
        Ok(t) => t,
        Err(e) => {
            println!("error: {}", e.msg);
            return ExitCode::from(1);
        }
    };
    match taipan_compiler::codegen_only(&tree, &file, optimize) {
        Ok(out) => {
            let mut s = String::new();
            print_meta(&out, &mut s);
            print_unit(&out, "", &mut s);
            print!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("error: {}", e.msg);
            ExitCode::from(1)
        }
    }
}

fn esc(s: &PyStr, out: &mut String) {
    for cp in s.code_points() {
        if (0x20..0x7f).contains(&cp) && cp != b'\\' as u32 {
            out.push(cp as u8 as char);
        } else {
            let _ = write!(out, "\\u{{{cp:x}}}");
        }
    }
}

pub fn canon(c: &Constant, out: &mut String) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::Ellipsis => out.push_str("..."),
        Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Constant::Int(i) => {
            let _ = write!(out, "i:{i}");
        }
        Constant::Float(f) => {
            let _ = write!(out, "f:{:016x}", f.to_bits());
        }
        Constant::Complex { real, imag } => {
            let _ = write!(out, "c:{:016x}:{:016x}", real.to_bits(), imag.to_bits());
        }
        Constant::Str { value, .. } => {
            out.push_str("s:'");
            esc(value, out);
            out.push('\'');
        }
        Constant::Bytes(b) => {
            out.push_str("b:");
            for x in b.iter() {
                let _ = write!(out, "{x:02x}");
            }
        }
        Constant::Tuple(items) => {
            out.push('(');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canon(x, out);
            }
            out.push(')');
        }
        Constant::FrozenSet(items) => {
            let mut v: Vec<String> = items
                .iter()
                .map(|x| {
                    let mut s = String::new();
                    canon(x, &mut s);
                    s
                })
                .collect();
            v.sort();
            let _ = write!(out, "{{{}}}", v.join(","));
        }
        Constant::Code(code) => {
            out.push_str("<code ");
            esc(&code.name, out);
            out.push('>');
        }
        other => {
            let _ = write!(out, "?{}", other.type_name());
        }
    }
}

fn names(label: &str, v: &[PyStr], out: &mut String) {
    out.push_str(label);
    for n in v {
        out.push(' ');
        esc(n, out);
    }
    out.push('\n');
}

fn print_meta(u: &CodegenOutput, out: &mut String) {
    let m = &u.meta;
    out.push_str("name ");
    esc(&m.name, out);
    out.push('\n');
    out.push_str("consts");
    for c in m.consts.items() {
        out.push(' ');
        canon(c, out);
    }
    out.push('\n');
    names("names", m.names.items(), out);
    names("varnames", m.varnames.items(), out);
    names("cellvars", m.cellvars.items(), out);
    names("freevars", m.freevars.items(), out);
    let _ = writeln!(out, "argcount {} {} {}", m.argcount, m.posonlyargcount, m.kwonlyargcount);
}

fn print_unit(u: &CodegenOutput, indent: &str, out: &mut String) {
    let seq = &u.seq;
    for (i, ins) in seq.instrs.iter().enumerate() {
        let target = ins.opcode.has_jump()
            || matches!(ins.opcode, Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH);
        let arg = if target {
            seq.label_map.get(ins.oparg as usize).copied().unwrap_or(-1).to_string()
        } else if ins.opcode.has_arg() {
            ins.oparg.to_string()
        } else {
            "None".to_string()
        };
        let l = ins.loc;
        let _ = writeln!(
            out,
            "{indent}{i} {} {arg} {} {} {} {}",
            ins.opcode.0, l.lineno, l.end_lineno, l.col_offset, l.end_col_offset
        );
    }
    let inner = format!("{indent}    ");
    for n in &u.nested {
        let _ = writeln!(out, "{inner}unit");
        print_unit(n, &inner, out);
    }
}
