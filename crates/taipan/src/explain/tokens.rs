//! `taipan explain tokens [-e] [FILE]` = `python3.13 -m tokenize [-e] [FILE]`.
//!
//! As `tokenize.main()`: with a FILE, the encoding is detected (BOM, coding cookie), an
//! ENCODING token comes first, and the whole file is tokenized before anything is
//! printed (`list(tokenize(…))`), so an error prints nothing but itself. From standard
//! input, tokens are printed as they come and there is no ENCODING token.
//! Each line is `"%-20s%-15s%-15r" % ("L,C-L,C:", type name, repr(string))` with
//! columns in characters.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use taipan_parser::error::SyntaxErrorKind;
use taipan_parser::repr::str_repr;
use taipan_parser::tokenizer::{
    decode_source_for_tokenize, Pos, Token, TokenKind, Tokenizer, TokenizerConfig, NO_COL,
};

const USAGE: &str = "usage: python -m tokenize [-h] [-e] [filename.py]";

fn help() -> String {
    format!(
        "{USAGE}\n\npositional arguments:\n  filename.py  the file to tokenize; defaults to stdin\n\n\
         options:\n  -h, --help   show this help message and exit\n  -e, --exact  display token names using the exact type\n"
    )
}

pub fn main(args: &[String]) -> ExitCode {
    let mut exact = false;
    let mut filename: Option<&str> = None;
    let mut only_positional = false;
    for a in args {
        if !only_positional && a == "--" {
            only_positional = true;
        } else if !only_positional && (a == "-e" || a == "--exact") {
            exact = true;
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
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match filename.filter(|f| !f.is_empty()) {
        Some(f) => run_file(f, exact, &mut out),
        None => run_stdin(exact, &mut out),
    };
    let _ = out.flush();
    code
}

fn error_exit(msg: &str) -> ExitCode {
    let _ = std::io::stdout().flush();
    eprintln!("{msg}");
    ExitCode::from(1)
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

fn run_file(path: &str, exact: bool, out: &mut impl Write) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return error_exit(&os_error(path, &e)),
    };
    let (encoding, text) = match decode_source_for_tokenize(&bytes, Some(path)) {
        Ok(r) => r,
        Err(e) => return error_exit(&format!("{path}: error: {}", e.msg)),
    };
    let mut printer = Printer::new(&text, exact);
    let mut lines = Vec::with_capacity(text.len() / 16);
    let enc_line = format_line(Pos::default(), Pos::default(), "ENCODING", &encoding);
    let mut tok = Tokenizer::new(&text, TokenizerConfig { extra_tokens: true, ..Default::default() });
    loop {
        let r = tok.next_token();
        print_warnings(&mut tok);
        match r {
            Ok(t) => {
                if t.kind == TokenKind::ENDMARKER {
                    lines.push(printer.line(&t));
                    break;
                }
                lines.push(printer.line(&t));
            }
            Err(e) => return error_exit(&location_error(path, &e)),
        }
    }
    let _ = out.write_all(enc_line.as_bytes());
    for l in &lines {
        let _ = out.write_all(l.as_bytes());
    }
    ExitCode::SUCCESS
}

fn run_stdin(exact: bool, out: &mut impl Write) -> ExitCode {
    let bytes = match super::read_input(None) {
        Ok(b) => b,
        Err(e) => return error_exit(&format!("error: {e}")),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut printer = Printer::new(&text, exact);
    let mut tok = Tokenizer::new(&text, TokenizerConfig { extra_tokens: true, ..Default::default() });
    loop {
        let r = tok.next_token();
        if tok.has_warnings() {
            let _ = out.flush();
            print_warnings(&mut tok);
        }
        match r {
            Ok(t) => {
                let _ = out.write_all(printer.line(&t).as_bytes());
                if t.kind == TokenKind::ENDMARKER {
                    return ExitCode::SUCCESS;
                }
            }
            Err(e) => {
                let _ = out.flush();
                return error_exit(&location_error("<stdin>", &e));
            }
        }
    }
}

/// SyntaxWarnings go to stderr as `warnings.showwarning` prints them; the C tokenizer
/// names its input "<string>", a file linecache cannot show.
fn print_warnings(tok: &mut Tokenizer<'_>) {
    if tok.has_warnings() {
        let mut err = std::io::stderr().lock();
        for w in tok.take_warnings() {
            let _ = writeln!(err, "<string>:{}: SyntaxWarning: {}", w.lineno, w.msg);
        }
    }
}

/// `error(msg, filename, (line, column))` of tokenize.main: IndentationError and the
/// C tokenizer's SyntaxErrors (as TokenError, "EOF in multi-line string" renamed).
fn location_error(filename: &str, e: &taipan_parser::error::SyntaxError) -> String {
    let msg = match e.kind {
        SyntaxErrorKind::SyntaxError if e.msg.contains("unterminated triple-quoted string literal") => {
            "EOF in multi-line string"
        }
        _ => e.msg.as_str(),
    };
    format!("{filename}:{}:{}: error: {msg}", e.lineno, e.offset)
}

fn format_line(start: Pos, end: Pos, name: &str, text: &str) -> String {
    let range = format!("{},{}-{},{}:", start.line, start.col, end.line, end.col);
    let r = str_repr(text);
    format!("{}{}{}\n", pad(&range, 20), pad(name, 15), pad(&r, 15))
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        let mut o = String::with_capacity(s.len() + width - n);
        o.push_str(s);
        o.extend(std::iter::repeat(' ').take(width - n));
        o
    }
}

/// Turns tokens into output lines; converts byte columns into character columns.
struct Printer<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    exact: bool,
}

impl<'a> Printer<'a> {
    fn new(text: &'a str, exact: bool) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Printer { text, line_starts, exact }
    }

    fn char_col(&self, p: Pos) -> String {
        if p.col == NO_COL {
            return "-1".into();
        }
        let Some(&ls) = self.line_starts.get((p.line as usize).wrapping_sub(1)) else {
            return p.col.to_string();
        };
        let bytes = self.text.as_bytes();
        let end = ls + p.col as usize;
        let avail = end.min(bytes.len());
        let chars = bytes[ls.min(avail)..avail].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        (chars + (end - avail)).to_string()
    }

    fn line(&mut self, t: &Token<'_>) -> String {
        let k = t.kind as u8;
        let is_op = (TokenKind::LPAR as u8..=TokenKind::OP as u8).contains(&k);
        let name = if is_op {
            if self.exact {
                TokenKind::from_operator(&t.text).unwrap_or(TokenKind::OP).name()
            } else {
                "OP"
            }
        } else {
            t.kind.name()
        };
        let range = format!(
            "{},{}-{},{}:",
            t.start.line,
            self.char_col(t.start),
            t.end.line,
            self.char_col(t.end)
        );
        let r = str_repr(&t.text);
        format!("{}{}{}\n", pad(&range, 20), pad(name, 15), pad(&r, 15))
    }
}
