//! `pyc-roundtrip`: load .pyc files with taipan's marshal and write them back — the Rust
//! half of the marshal conformance runner (`tools/conformance/marshal.py`).
//!
//!     pyc-roundtrip IN OUT [TABLES [SOURCE]]   one file
//!     pyc-roundtrip --batch           read `IN\tOUT[\tTABLES[\tSOURCE]]` lines on stdin,
//!                                     answer one line each: `ok` or `error: MESSAGE`
//!
//! With SOURCE and a hash-based .pyc, the header's hash must equal taipan's
//! `source_hash` of that file.
//!
//! Besides re-dumping, every code object's `co_linetable` and `co_exceptiontable` are
//! decoded and re-encoded, which must give the same bytes. With TABLES, the decoded tables
//! are also written there, in the text format of `tools/gen_bytecode_golden.py`
//! (positions, lines, exception entries per code object, pre-order), for the runner to
//! compare with the reference's `co_positions()`, `co_lines()` and
//! `dis._parse_exception_table`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use taipan_bytecode::location::{
    co_lines, co_positions, decode_exception_table, decode_locations, encode_exception_entry,
    LocationTableWriter,
};
use taipan_bytecode::{pyc, CodeObject, Constant};

fn fmt(v: Option<i32>) -> String {
    v.map_or("-".to_string(), |v| v.to_string())
}

/// Check the tables of `co` (and nested code) re-encode identically; append their text.
fn tables(co: &CodeObject, text: &mut String) -> Result<(), String> {
    let bad = |what: &str| format!("{}: {what}", co.qualname);
    let entries =
        decode_locations(&co.linetable, co.firstlineno).map_err(|_| bad("bad co_linetable"))?;
    let mut w = LocationTableWriter::new(co.firstlineno);
    for e in &entries {
        w.entry(e.position, e.length);
    }
    if w.table != co.linetable {
        return Err(bad("co_linetable re-encodes differently"));
    }
    let exc =
        decode_exception_table(&co.exceptiontable).map_err(|_| bad("bad co_exceptiontable"))?;
    let mut table = Vec::new();
    for e in &exc {
        encode_exception_entry(&mut table, e);
    }
    if table != co.exceptiontable {
        return Err(bad("co_exceptiontable re-encodes differently"));
    }
    text.push_str(&format!(
        "code {} firstlineno={}\n",
        co.qualname, co.firstlineno
    ));
    let positions: Vec<String> = co_positions(co)
        .map_err(|_| bad("bad co_linetable"))?
        .iter()
        .map(|p| {
            format!(
                "{},{},{},{}",
                fmt(p.line),
                fmt(p.end_line),
                fmt(p.col),
                fmt(p.end_col)
            )
        })
        .collect();
    text.push_str(&format!("positions {}\n", positions.join(" ")));
    let lines: Vec<String> = co_lines(co)
        .map_err(|_| bad("bad co_linetable"))?
        .iter()
        .map(|(s, e, l)| format!("{s}-{e}:{}", fmt(*l)))
        .collect();
    text.push_str(&format!("lines {}\n", lines.join(" ")));
    let exc: Vec<String> = exc
        .iter()
        .map(|e| {
            format!(
                "{}-{}>{}:{}{}",
                e.start * 2,
                e.end * 2,
                e.target * 2,
                e.depth,
                if e.lasti { "L" } else { "" }
            )
        })
        .collect();
    text.push_str(&format!("exceptions {}\n", exc.join(" ")));
    for c in &co.consts {
        if let Constant::Code(inner) = c {
            tables(inner, text)?;
        }
    }
    Ok(())
}

fn roundtrip(
    input: &str,
    output: &str,
    tables_out: Option<&str>,
    source: Option<&str>,
) -> Result<(), String> {
    let data = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    let pyc = pyc::read(&data).map_err(|e| e.to_string())?;
    if let (Some(path), pyc::Validation::Hash { source_hash, .. }) = (source, pyc.validation) {
        let text = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        if pyc::source_hash(&text) != source_hash {
            return Err(format!("source_hash of {path} differs from the header's"));
        }
    }
    let out = pyc::write(&pyc).map_err(|e| e.to_string())?;
    std::fs::write(output, out).map_err(|e| format!("{output}: {e}"))?;
    if let Constant::Code(code) = &pyc.code {
        let mut text = String::new();
        tables(code, &mut text)?;
        if let Some(path) = tables_out {
            std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--batch" => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                let fields: Vec<&str> = line.split('\t').collect();
                let opt = |k: usize| fields.get(k).copied().filter(|f| !f.is_empty());
                let answer = match fields.as_slice() {
                    [i, o, ..] if fields.len() <= 4 => roundtrip(i, o, opt(2), opt(3)),
                    _ => Err("expected IN<TAB>OUT[<TAB>TABLES[<TAB>SOURCE]]".to_string()),
                };
                let answer = match answer {
                    Ok(()) => "ok".to_string(),
                    Err(e) => format!("error: {}", e.replace('\n', " ")),
                };
                if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        [i, o] | [i, o, _] | [i, o, _, _] => match roundtrip(
            i,
            o,
            args.get(2).map(String::as_str).filter(|s| !s.is_empty()),
            args.get(3).map(String::as_str),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("pyc-roundtrip: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: pyc-roundtrip IN OUT [TABLES [SOURCE]] | pyc-roundtrip --batch");
            ExitCode::from(2)
        }
    }
}
