//! `taipan explain tokens [-e] [FILE]` = `python3.13 -m tokenize [-e] [FILE]`.
//!
//! The listing itself is `taipan_parser::tokenizer::listing`. With a FILE, the encoding
//! is detected (BOM, coding cookie), an ENCODING token comes first, and the whole file is
//! tokenized before anything is printed. From standard input (`tokenize.main()` reads
//! `sys.stdin` as text), tokens are printed as they come and there is no ENCODING token.
//!
//! taipan's own `--parser FILE` lists the tokens the *parser* gets (exact types, no
//! COMMENT/NL, CPython's `_tokenize.TokenizerIter(…, extra_tokens=False)`), for
//! debugging and for `tools/conformance/tokens.py`; `--lines FILE` prints the `line`
//! attribute of each token (`repr(token.line)`), which `tokenize` does not print;
//! `--parser-error FILE` (UTF-8) prints the SyntaxError the tokenizer gives the parser,
//! as `Class|msg|lineno|offset|end_lineno|end_offset|repr(text)`, or `OK`
//! (`--parser-error-file`: as the file tokenizer of `python3.13 FILE` reads it).

use std::io::Write;
use std::process::ExitCode;

use taipan_parser::repr::str_repr;
use taipan_parser::tokenizer::listing::{location_error, tokenize_file_listing, warnings_text, Printer};
use taipan_parser::tokenizer::{TokenKind, Tokenizer, TokenizerConfig};

const USAGE: &str = "usage: python -m tokenize [-h] [-e] [filename.py]";

fn help() -> String {
    format!(
        "{USAGE}\n\npositional arguments:\n  filename.py  the file to tokenize; defaults to stdin\n\n\
         options:\n  -h, --help   show this help message and exit\n  -e, --exact  display token names using the exact type\n"
    )
}

pub fn main(args: &[String]) -> ExitCode {
    let mut exact = false;
    let mut parser = false;
    let mut lines = false;
    let mut parser_error = false;
    let mut file_input = false;
    let mut filename: Option<&str> = None;
    let mut only_positional = false;
    for a in args {
        if !only_positional && a == "--" {
            only_positional = true;
        } else if !only_positional && (a == "-e" || a == "--exact") {
            exact = true;
        } else if !only_positional && a == "--parser" {
            parser = true;
        } else if !only_positional && a == "--parser-error" {
            parser_error = true;
        } else if !only_positional && a == "--parser-error-file" {
            parser_error = true;
            file_input = true;
        } else if !only_positional && a == "--lines" {
            lines = true;
        } else if !only_positional && (a == "-h" || a == "--help") {
            print!("{}", help());
            return ExitCode::SUCCESS;
        } else if !only_positional && a.starts_with('-') && a.len() > 1 {
            eprintln!("{USAGE}\npython -m tokenize: error: unrecognized arguments: {a}");
            return ExitCode::from(2);
        } else if filename.is_none() {
            filename = Some(a);
        } else {
            eprintln!("{USAGE}\npython -m tokenize: error: unrecognized arguments: {a}");
            return ExitCode::from(2);
        }
    }
    match filename.filter(|f| !f.is_empty()) {
        Some(f) if parser => run_parser_mode(f),
        Some(f) if lines => run_lines(f),
        Some(f) if parser_error => run_parser_error(f, file_input),
        Some(f) => run_file(f, exact),
        None => run_stdin(exact),
    }
}

fn os_error(path: &str, e: &std::io::Error) -> String {
    let (errno, text) = match e.kind() {
        std::io::ErrorKind::NotFound => (2, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => (13, "Permission denied"),
        _ if e.raw_os_error() == Some(21) => (21, "Is a directory"),
        _ => (e.raw_os_error().unwrap_or(0), "Input/output error"),
    };
    format!("error: [Errno {errno}] {text}: {}", str_repr(path))
}

fn run_file(path: &str, exact: bool) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", os_error(path, &e));
            return ExitCode::from(1);
        }
    };
    let listing = tokenize_file_listing(&bytes, path, exact);
    let _ = std::io::stderr().write_all(listing.stderr.as_bytes());
    let _ = std::io::stdout().lock().write_all(listing.stdout.as_bytes());
    ExitCode::from(listing.status as u8)
}

fn run_stdin(exact: bool) -> ExitCode {
    let bytes = match super::read_input(None) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut printer = Printer::new(&text, exact);
    let mut tok = Tokenizer::new(&text, TokenizerConfig { extra_tokens: true, ..Default::default() });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut line = String::new();
    loop {
        let r = tok.next_token();
        let mut warn = String::new();
        warnings_text(&mut tok, &mut warn);
        if !warn.is_empty() {
            let _ = out.flush();
            let _ = std::io::stderr().write_all(warn.as_bytes());
        }
        match r {
            Ok(t) => {
                line.clear();
                printer.push_line_cols(&t, tok.tokenize_cols(), &mut line);
                let _ = out.write_all(line.as_bytes());
                if t.kind == TokenKind::ENDMARKER {
                    let _ = out.flush();
                    return ExitCode::SUCCESS;
                }
            }
            Err(e) => {
                let _ = out.flush();
                let _ = std::io::stderr().write_all(location_error("<stdin>", &e).as_bytes());
                return ExitCode::from(1);
            }
        }
    }
}

/// `--parser FILE`: the parser-mode token stream, printed as `TokenizerIter` with
/// `extra_tokens=False` reports it (ends at the token's last byte, columns -1 where
/// CPython has no pointer), then any error as `ERROR Class: msg (line, offset)`.
fn run_parser_mode(path: &str) -> ExitCode {
    use taipan_parser::tokenizer::decode_source_for_tokenize;
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", os_error(path, &e));
            return ExitCode::from(1);
        }
    };
    let text = match decode_source_for_tokenize(&bytes, Some(path)) {
        Ok((_, t)) => t,
        Err(e) => {
            eprintln!("{path}: error: {}", e.msg);
            return ExitCode::from(1);
        }
    };
    let mut printer = Printer::new(&text, true);
    let mut line_starts = vec![0usize];
    line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
    let mut tok = Tokenizer::new(&text, TokenizerConfig::default());
    let mut out = String::new();
    let status = loop {
        match tok.next_token() {
            Ok(mut t) => {
                let no_pos = matches!(t.kind, TokenKind::INDENT | TokenKind::DEDENT | TokenKind::ENDMARKER);
                if no_pos {
                    t.start.col = taipan_parser::tokenizer::NO_COL;
                    t.end.col = taipan_parser::tokenizer::NO_COL;
                } else if t.start.line == t.end.line {
                    t.end.col = t.start.col + t.text.len() as u32;
                } else if t.kind == TokenKind::FSTRING_MIDDLE {
                    // A middle ending in `{{` or `}}` stops before the second brace.
                    let ls = line_starts[t.end.line as usize - 1];
                    let end = ls + t.end.col as usize;
                    let tail = text.as_bytes().get(end.saturating_sub(2)..end);
                    if tail == Some(b"{{") || tail == Some(b"}}") {
                        t.end.col -= 1;
                    }
                }
                printer.push_line_raw(&t, &mut out);
                if t.kind == TokenKind::ENDMARKER {
                    break 0;
                }
            }
            Err(e) => {
                out.push_str(&format!("ERROR {}: {} ({}, {})\n", e.kind.name(), e.msg, e.lineno, e.offset));
                break 1;
            }
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::from(status)
}

/// `--lines FILE`: `repr(token.line)` for each token of `tokenize.tokenize` (the
/// ENCODING token's line is "").
fn run_lines(path: &str) -> ExitCode {
    use taipan_parser::tokenizer::decode_source_for_tokenize;
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", os_error(path, &e));
            return ExitCode::from(1);
        }
    };
    let Ok((_, text)) = decode_source_for_tokenize(&bytes, Some(path)) else {
        return ExitCode::from(1);
    };
    let mut tok = Tokenizer::new(&text, TokenizerConfig { extra_tokens: true, ..Default::default() });
    let mut out = String::from("''\n");
    loop {
        match tok.next_token() {
            Ok(t) => {
                out.push_str(&str_repr(tok.tokenize_line()));
                out.push('\n');
                if t.kind == TokenKind::ENDMARKER {
                    break;
                }
            }
            Err(_) => {
                let _ = std::io::stdout().lock().write_all(out.as_bytes());
                return ExitCode::from(1);
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// `--parser-error FILE`: the tokenizer's error in parser mode (after newline
/// translation, as `compile()` reads a str), or `OK`.
fn run_parser_error(path: &str, file_input: bool) -> ExitCode {
    let Ok(bytes) = std::fs::read(path) else { return ExitCode::from(1) };
    let text = String::from_utf8_lossy(&bytes);
    let text = taipan_parser::tokenizer::translate_newlines(&text);
    let mut tok = Tokenizer::new(&text, TokenizerConfig::default());
    if file_input {
        tok = tok.file_input();
    }
    loop {
        match tok.next_token() {
            Ok(t) if t.kind == TokenKind::ENDMARKER => {
                println!("OK");
                return ExitCode::SUCCESS;
            }
            Ok(_) => {}
            Err(e) => {
                let n = |v: Option<u32>| v.map_or("-1".to_string(), |x| x.to_string());
                println!(
                    "{}|{}|{}|{}|{}|{}|{}",
                    e.kind.name(),
                    e.msg,
                    e.lineno,
                    e.offset,
                    n(e.end_lineno),
                    n(e.end_offset),
                    e.text.as_deref().map_or("None".to_string(), str_repr)
                );
                return ExitCode::SUCCESS;
            }
        }
    }
}
