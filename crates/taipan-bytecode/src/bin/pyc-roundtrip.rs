//! `pyc-roundtrip`: load .pyc files with taipan's marshal and write them back — the Rust
//! half of the marshal conformance runner (`tools/conformance/marshal.py`).
//!
//!     pyc-roundtrip IN OUT          one file
//!     pyc-roundtrip --batch         read `IN\tOUT` lines on stdin, answer one line each:
//!                                   `ok` or `error: MESSAGE`

use std::io::{BufRead, Write};
use std::process::ExitCode;

use taipan_bytecode::pyc;

fn roundtrip(input: &str, output: &str) -> Result<(), String> {
    let data = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    let pyc = pyc::read(&data).map_err(|e| e.to_string())?;
    let out = pyc::write(&pyc).map_err(|e| e.to_string())?;
    std::fs::write(output, out).map_err(|e| format!("{output}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--batch" => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                let answer = match line.split_once('\t') {
                    Some((i, o)) => match roundtrip(i, o) {
                        Ok(()) => "ok".to_string(),
                        Err(e) => format!("error: {}", e.replace('\n', " ")),
                    },
                    None => "error: expected IN<TAB>OUT".to_string(),
                };
                if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        [i, o] => match roundtrip(i, o) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("pyc-roundtrip: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: pyc-roundtrip IN OUT | pyc-roundtrip --batch");
            ExitCode::from(2)
        }
    }
}
