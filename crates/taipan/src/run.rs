//! `taipan FILE ARGS…` and `taipan -c CMD`, as `python3.13` runs them.
//!
//! The source goes through the whole compiler (parser, `__future__` features, symbol
//! table, codegen, assembler): a source CPython rejects there gets exactly CPython's
//! report on stderr and exit status 1; the code object then runs in the virtual machine
//! as `__main__` (`taipan_vm::run`).
//!
//! What python3.13 does that is reproduced here:
//! - the script path is made absolute the way `_Py_abspath` does it (cwd + "/" + path, no
//!   normalisation), and that is the name in `File "…"` lines and messages;
//! - a script that cannot be opened: `PROGRAM: can't open file 'ABSPATH': [Errno N] TEXT`,
//!   exit status 2, where PROGRAM is argv[0] as the program was invoked (CPython prints
//!   its `argv[0]`, so `taipan` prints its own);
//! - a script file is read by CPython's *file* tokenizer, whose decoding errors differ from
//!   `compile()`'s ([`file_decoding_error`]) and whose SyntaxErrors raised by the parser
//!   take their source line from the file again ([`reread_error_line`]).

use std::process::ExitCode;

use taipan_parser::error::SyntaxError;
use taipan_parser::parser::{self, Mode};

use crate::syntax_error;

pub fn main(args: &[String]) -> ExitCode {
    let program = std::env::args().next().unwrap_or_else(|| "taipan".to_string());
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-c" => {
                let Some(cmd) = args.get(i + 1) else {
                    eprintln!("Argument expected for the -c option");
                    return usage_error(&program);
                };
                return run_command(cmd, &args[i + 2..]);
            }
            // Options that do not change how a source is parsed.
            "-B" | "-E" | "-I" | "-O" | "-OO" | "-S" | "-s" | "-u" | "-b" | "-bb" | "-d" | "-q" | "-v" | "-P" | "-R" => {
                i += 1;
            }
            "-W" | "-X" => i += 2,
            _ if a.starts_with('-') && a != "-" => {
                eprintln!("taipan: option {a} is not supported yet");
                return ExitCode::from(2);
            }
            _ => return run_file(&program, a, &args[i + 1..]),
        }
    }
    eprintln!("taipan: the interactive interpreter is not built yet");
    ExitCode::from(2)
}

fn usage_error(program: &str) -> ExitCode {
    eprintln!("usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...");
    eprintln!("Try `python -h' for more information.");
    ExitCode::from(2)
}

/// `taipan -c CMD`: the command is parsed as a string named `<string>`.
fn run_command(cmd: &str, rest: &[String]) -> ExitCode {
    match parser::parse(cmd, Mode::Exec, "<string>", false).and_then(|m| check_scopes(&m, "<string>")) {
        Err(err) => {
            eprint!("{}", syntax_error::format(&err, "<string>"));
            ExitCode::from(1)
        }
        Ok(code) => {
            show_compile_warnings("<string>", &[]);
            let mut argv = vec!["-c".to_string()];
            argv.extend_from_slice(rest);
            let cwd = std::env::current_dir().map(|c| c.to_string_lossy().into_owned()).unwrap_or_default();
            ExitCode::from(run_code(code, "<string>", argv, cwd))
        }
    }
}

/// The compiler's SyntaxWarnings for the main program, each shown once per line and
/// message as the default warning filter does (before the program runs, as CPython).
fn show_compile_warnings(filename: &str, source: &[u8]) {
    let mut seen = std::collections::HashSet::new();
    for w in taipan_compiler::codegen::warnings::take_warnings() {
        if seen.insert((w.lineno, w.msg.clone())) {
            eprint!("{}", crate::explain::ast::format_warning(filename, w.lineno, &w.msg, source));
        }
    }
}

/// Run a compiled program in a new interpreter; the process exit status.
fn run_code(code: taipan_bytecode::CodeObject, filename: &str, argv: Vec<String>, path0: String) -> u8 {
    let config = taipan_vm::VmConfig {
        argv,
        hash_seed: std::env::var("PYTHONHASHSEED").ok().and_then(|s| s.parse().ok()),
        optimize: 0,
        executable: std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
        path: vec![path0],
    };
    // Leave 64 MiB of the main thread's reserved stack for the error paths.
    taipan_vm::eval::set_stack_budget(crate::MAIN_STACK_BYTES - (64 << 20));
    let vm = taipan_vm::Vm::new(config);
    taipan_vm::run::run_main(&vm, code, filename)
}

/// `_Py_abspath`: an absolute path is kept; a relative one is joined to the working
/// directory with a separator, without normalising `.`/`..` (CPython prints
/// `/tmp/./a.py` and `//tmp/a.py` when run from `/`).
fn abspath(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{}", cwd.to_string_lossy(), path),
        Err(_) => path.to_string(),
    }
}

fn run_file(program: &str, path: &str, rest: &[String]) -> ExitCode {
    let filename = abspath(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            if std::path::Path::new(path).is_dir() {
                eprintln!("taipan: cannot run directory {path} yet: the virtual machine is not built");
                return ExitCode::from(2);
            }
            let errno = e.raw_os_error().unwrap_or(0);
            eprintln!("{program}: can't open file {}: [Errno {errno}] {}", quote(&filename), strerror(&e));
            return ExitCode::from(2);
        }
    };
    match parse_file(&bytes, &filename) {
        Err(err) => {
            eprint!("{}", syntax_error::format(&err, &filename));
            ExitCode::from(1)
        }
        Ok(code) => {
            show_compile_warnings(&filename, &bytes);
            let mut argv = vec![path.to_string()];
            argv.extend_from_slice(rest);
            let dir = match filename.rfind('/') {
                Some(0) => "/".to_string(),
                Some(k) => filename[..k].to_string(),
                None => String::new(),
            };
            ExitCode::from(run_code(code, &filename, argv, dir))
        }
    }
}

/// `repr()` of the path as CPython's `%R` prints it (single quotes unless the path
/// contains one and no double quote).
fn quote(s: &str) -> String {
    taipan_parser::repr::str_repr(s)
}

/// The text of `strerror(errno)`: Rust's message without its " (os error N)" suffix.
fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(k) => s[..k].to_string(),
        None => s,
    }
}

/// Parse a script file the way `python3.13 FILE` does.
pub fn parse_file(bytes: &[u8], filename: &str) -> Result<taipan_bytecode::CodeObject, SyntaxError> {
    // The file tokenizer checks UTF-8 line by line only when no encoding is declared (no
    // BOM, no cookie); otherwise undecodable bytes reach the parser, as with compile().
    if let Err(err) = taipan_parser::tokenizer::decode_source(bytes) {
        let utf8 = err.msg.starts_with("(unicode error) 'utf-8'");
        if !utf8 || (!bytes.starts_with(BOM) && declared_encoding(bytes).is_none()) {
            return Err(file_decoding_error(bytes, err, filename));
        }
    }
    let decoded = taipan_parser::tokenizer::decode_source_lenient(bytes)
        .map_err(|err| file_decoding_error(bytes, err, filename))?;
    let (encoding, text) = (decoded.encoding, decoded.text);
    match parser::parse_script(&text, &decoded.undecodable) {
        Ok(module) => check_scopes(&module, filename).map_err(|mut err| {
            // The compiler's errors take their text from the file (`err_programtext`);
            // unlike the parser's, their offsets stay UTF-8 byte offsets.
            if err.lineno > 0 {
                err.text = program_text_chunk(bytes, err.lineno).map(|c| String::from_utf8_lossy(&c).into_owned());
            }
            err
        }),
        Err(mut err) => {
            if encoding == "utf-8" {
                reread_error_line(&mut err, bytes);
            }
            Err(err)
        }
    }
}

/// The whole compiler (`__future__` features, symbol table, codegen, assembler) with its
/// SyntaxErrors (text left unset). An internal compiler failure (CPython's SystemError)
/// is reported as such and ends the process.
fn check_scopes(module: &taipan_parser::ast::Mod, filename: &str) -> Result<taipan_bytecode::CodeObject, SyntaxError> {
    match taipan_compiler::compile(module, filename, 0) {
        Ok(code) => Ok(code),
        Err(taipan_compiler::CompileError::Syntax(err)) => Err(err),
        Err(taipan_compiler::CompileError::System(msg)) => {
            eprintln!("SystemError: {msg}");
            std::process::exit(1);
        }
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// `compile()`'s decoding errors turned into those of CPython's file tokenizer:
/// - undecodable UTF-8 with no declared encoding (no BOM, no cookie):
///   `Non-UTF-8 code starting with '\xNN' in file F on line N, but no encoding declared; …`
///   with no location;
/// - an unknown codec, or bytes the declared (non-UTF-8) codec rejects:
///   `encoding problem: NAME`.
fn file_decoding_error(bytes: &[u8], err: SyntaxError, filename: &str) -> SyntaxError {
    let declared = declared_encoding(bytes);
    let located = |msg: String| SyntaxError {
        kind: err.kind,
        msg,
        lineno: 0,
        offset: 0,
        end_lineno: None,
        end_offset: None,
        text: None,
    };
    if let Some(name) = err.msg.strip_prefix("unknown encoding: ") {
        return located(format!("encoding problem: {name}"));
    }
    if err.msg.starts_with("(unicode error) 'utf-8'") && !bytes.starts_with(BOM) && declared.is_none() {
        let body = bytes;
        if let Err(e) = std::str::from_utf8(body) {
            let pos = e.valid_up_to();
            let lineno = body[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            return located(format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {lineno}, \
                 but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                body[pos]
            ));
        }
    }
    if err.lineno == 0 && !err.msg.starts_with("encoding problem") {
        if let Some(name) = declared {
            if !name.eq_ignore_ascii_case("utf-8") {
                return located(format!("encoding problem: {name}"));
            }
        }
    }
    err
}

/// The coding cookie of line 1 or 2 (line 2 only when line 1 is blank or a comment),
/// as PEP 263 finds it; None when there is none.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or(&[]);
    if let Some(name) = cookie(first) {
        return Some(name);
    }
    let trimmed: Vec<u8> = first.iter().copied().skip_while(|b| matches!(b, b' ' | b'\t' | 0x0c)).collect();
    if trimmed.is_empty() || matches!(trimmed[0], b'#' | b'\r') {
        return cookie(lines.next().unwrap_or(&[]));
    }
    None
}

/// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
fn cookie(line: &[u8]) -> Option<String> {
    let start = line.iter().position(|b| !matches!(b, b' ' | b'\t' | 0x0c))?;
    if line[start] != b'#' {
        return None;
    }
    let mut j = start + 1;
    while j + 7 <= line.len() {
        if &line[j..j + 6] == b"coding" && matches!(line[j + 6], b':' | b'=') {
            let mut k = j + 7;
            while k < line.len() && matches!(line[k], b' ' | b'\t') {
                k += 1;
            }
            let s = k;
            while k < line.len() && (line[k].is_ascii_alphanumeric() || matches!(line[k], b'-' | b'_' | b'.')) {
                k += 1;
            }
            if k > s {
                return Some(String::from_utf8_lossy(&line[s..k]).into_owned());
            }
        }
        j += 1;
    }
    None
}

/// Errors the C tokenizer raises itself (`_PyTokenizer_syntaxerror`) carry the line from
/// the tokenizer's buffer; all others are raised by the parser, which, for a file, reads
/// the line from the file again (`_PyErr_ProgramDecodedTextObject`).
fn raised_by_tokenizer(msg: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "invalid character",
        "invalid non-printable character",
        "unterminated string literal",
        "unterminated triple-quoted string literal",
        "unterminated f-string literal",
        "unterminated triple-quoted f-string literal",
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid imaginary literal",
        "invalid digit",
        "leading zeros in decimal integer literals",
        "too many nested parentheses",
        "unmatched '",
        "closing parenthesis",
        "source code cannot contain null bytes",
        "f-string: single '}' is not allowed",
        "f-string: newlines are not allowed in format specifiers",
    ];
    PREFIXES.iter().any(|p| msg.starts_with(p))
}

/// For a parser-raised error in a UTF-8 file, recompute `text`, `offset` and `end_offset`
/// as CPython does: `err_programtext` reads the file with universal newlines in chunks of
/// at most 999 bytes and keeps the *last* chunk of the error's line (line 1 keeps its BOM),
/// decodes it with `errors="replace"`, and the 1-based byte offsets are converted to code
/// points within that text (`_PyPegen_byte_offset_to_character_offset`, which clamps to
/// the text's length + 1).
fn reread_error_line(err: &mut SyntaxError, bytes: &[u8]) {
    if err.lineno == 0 || raised_by_tokenizer(&err.msg) {
        return;
    }
    let Some(old_text) = err.text.as_deref() else { return };
    let Some(chunk) = program_text_chunk(bytes, err.lineno) else { return };
    let new_text = String::from_utf8_lossy(&chunk).into_owned();
    let to_byte = |off: u32| -> usize {
        let n = (off as usize).saturating_sub(1);
        old_text.chars().take(n).map(char::len_utf8).sum::<usize>() + 1 + n.saturating_sub(old_text.chars().count())
    };
    if err.offset > 0 {
        err.offset = byte_to_char_offset(&new_text, to_byte(err.offset)) as u32;
    }
    if let Some(eo) = err.end_offset {
        if eo > 0 {
            err.end_offset = Some(byte_to_char_offset(&new_text, to_byte(eo)) as u32);
        }
    }
    err.text = Some(new_text);
}

/// The last chunk of line `lineno` as `err_programtext` reads it; None past the end.
fn program_text_chunk(bytes: &[u8], lineno: u32) -> Option<Vec<u8>> {
    const CHUNK: usize = 999;
    let mut line = 1u32;
    let mut chunk: Vec<u8> = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    loop {
        // one fgets call: up to CHUNK bytes, stopping after a newline (\r\n, \r → \n)
        chunk.clear();
        if i >= n {
            return None;
        }
        while chunk.len() < CHUNK && i < n {
            let b = bytes[i];
            i += 1;
            if b == b'\r' {
                if i < n && bytes[i] == b'\n' {
                    i += 1;
                }
                chunk.push(b'\n');
                break;
            }
            chunk.push(b);
            if b == b'\n' {
                break;
            }
        }
        let complete = chunk.last() == Some(&b'\n') || chunk.len() < CHUNK || i >= n;
        if !complete {
            continue;
        }
        if line == lineno {
            return Some(chunk);
        }
        line += 1;
    }
}

/// `_PyPegen_byte_offset_to_character_offset`: code points in the first `col` bytes of
/// the text's UTF-8 (clamped to its length + 1, the terminating NUL counting as one).
fn byte_to_char_offset(text: &str, col: usize) -> usize {
    let b = text.as_bytes();
    let col = col.min(b.len() + 1);
    if col > b.len() {
        return String::from_utf8_lossy(b).chars().count() + 1;
    }
    String::from_utf8_lossy(&b[..col]).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks() {
        assert_eq!(program_text_chunk(b"a\nbc\r\nd", 2).unwrap(), b"bc\n");
        assert_eq!(program_text_chunk(b"a\nbc\r\nd", 3).unwrap(), b"d");
        assert_eq!(program_text_chunk(b"a\n", 2), None);
        let long = [b'x'; 2000];
        assert_eq!(program_text_chunk(&long, 1).unwrap().len(), 2000 - 999 * 2);
    }

    #[test]
    fn byte_offsets() {
        assert_eq!(byte_to_char_offset("\u{feff}x = = 1", 5), 3);
        assert_eq!(byte_to_char_offset("abc", 10), 4);
    }

    #[test]
    fn cookies() {
        assert_eq!(declared_encoding(b"# -*- coding: latin-1 -*-\n"), Some("latin-1".into()));
        assert_eq!(declared_encoding(b"#!/bin/sh\n# coding=cp1252\n"), Some("cp1252".into()));
        assert_eq!(declared_encoding(b"x = 1\n# coding: cp1252\n"), None);
    }
}
