//! The text `python3.13 -m tokenize [-e]` prints for a token stream (`tokenize.main()`),
//! shared by `taipan explain tokens` and the golden tests.
//!
//! Each token is a line `"%-20s%-15s%-15r" % ("L,C-L,C:", type name, repr(string))`,
//! with columns in characters; errors are `FILE:LINE:COL: error: MSG` (tokenizer errors,
//! with "unterminated triple-quoted string literal" renamed "EOF in multi-line string"
//! as `tokenize._transform_msg` does) or `FILE: error: MSG` (encoding detection).

use super::{decode_source_for_tokenize, Pos, Token, TokenKind, Tokenizer, TokenizerConfig, NO_COL};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::repr::str_repr;

/// What `python -m tokenize` writes, and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// `python -m tokenize [-e] FILE` for the contents `bytes` of `filename`: the whole file
/// is tokenized before anything is printed (`list(tokenize(…))`), so on error only the
/// error (and any SyntaxWarning met before it) is printed.
pub fn tokenize_file_listing(bytes: &[u8], filename: &str, exact: bool) -> Listing {
    let mut listing = Listing::default();
    let (encoding, text) = match decode_source_for_tokenize(bytes, Some(filename)) {
        Ok(r) => r,
        Err(e) => {
            listing.stderr = format!("{filename}: error: {}\n", e.msg);
            listing.status = 1;
            return listing;
        }
    };
    let mut printer = Printer::new(&text, exact);
    let mut out = String::with_capacity(text.len() * 3);
    out.push_str(&format_line("0,0-0,0:", "ENCODING", &encoding));
    let mut tok = Tokenizer::new(&text, TokenizerConfig { extra_tokens: true, ..Default::default() });
    loop {
        let r = tok.next_token();
        warnings_text(&mut tok, &mut listing.stderr);
        match r {
            Ok(t) => {
                printer.push_line_cols(&t, tok.tokenize_cols(), &mut out);
                if t.kind == TokenKind::ENDMARKER {
                    break;
                }
            }
            Err(e) => {
                listing.stderr.push_str(&location_error(filename, &e));
                listing.status = 1;
                return listing;
            }
        }
    }
    listing.stdout = out;
    listing
}

/// SyntaxWarnings as `warnings.showwarning` prints them; the C tokenizer names its
/// input "<string>", a file linecache cannot show.
pub fn warnings_text(tok: &mut Tokenizer<'_>, err: &mut String) {
    if tok.has_warnings() {
        for w in tok.take_warnings() {
            err.push_str(&format!("<string>:{}: SyntaxWarning: {}\n", w.lineno, w.msg));
        }
    }
}

/// `error(msg, filename, (line, column))` of tokenize.main, with its newline.
pub fn location_error(filename: &str, e: &SyntaxError) -> String {
    let msg = match e.kind {
        SyntaxErrorKind::SyntaxError if e.msg.contains("unterminated triple-quoted string literal") => {
            "EOF in multi-line string"
        }
        _ => e.msg.as_str(),
    };
    format!("{filename}:{}:{}: error: {msg}\n", e.lineno, e.offset)
}

fn format_line(range: &str, name: &str, text: &str) -> String {
    let mut s = String::with_capacity(64);
    pad_into(&mut s, range, 20);
    pad_into(&mut s, name, 15);
    pad_into(&mut s, &str_repr(text), 15);
    s.push('\n');
    s
}

fn pad_into(out: &mut String, s: &str, width: usize) {
    out.push_str(s);
    let n = s.chars().count();
    for _ in n..width {
        out.push(' ');
    }
}

/// Turns tokens into output lines; converts byte columns into character columns.
pub struct Printer<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    exact: bool,
}

impl<'a> Printer<'a> {
    pub fn new(text: &'a str, exact: bool) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Printer { text, line_starts, exact }
    }

    fn char_col(&self, p: Pos) -> i64 {
        if p.col == NO_COL {
            return -1;
        }
        let Some(&ls) = self.line_starts.get((p.line as usize).wrapping_sub(1)) else {
            return p.col as i64;
        };
        let bytes = self.text.as_bytes();
        let end = ls + p.col as usize;
        let avail = end.min(bytes.len());
        let chars = bytes[ls.min(avail)..avail].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        (chars + (end - avail)) as i64
    }

    /// The type name `tokenize` prints: operators are OP, or with `-e` the exact type of
    /// their string (`TokenInfo.exact_type`).
    fn type_name(&self, t: &Token<'_>) -> &'static str {
        let k = t.kind as u8;
        if (TokenKind::LPAR as u8..=TokenKind::OP as u8).contains(&k) {
            if self.exact {
                TokenKind::from_operator(&t.text).unwrap_or(TokenKind::OP).name()
            } else {
                "OP"
            }
        } else {
            t.kind.name()
        }
    }

    /// Append the line for `t` to `out`, its byte columns converted to characters.
    pub fn push_line(&mut self, t: &Token<'_>, out: &mut String) {
        let cols = (self.char_col(t.start), self.char_col(t.end));
        self.push(t, cols, out, self.type_name(t))
    }

    /// Append the line for `t` with the character columns `cols` (as
    /// [`Tokenizer::tokenize_cols`] gives them).
    pub fn push_line_cols(&mut self, t: &Token<'_>, cols: (i64, i64), out: &mut String) {
        self.push(t, cols, out, self.type_name(t))
    }

    /// Append the line for `t` with its exact kind's name (parser-mode listings).
    pub fn push_line_raw(&mut self, t: &Token<'_>, out: &mut String) {
        let cols = (self.char_col(t.start), self.char_col(t.end));
        self.push(t, cols, out, t.kind.name())
    }

    fn push(&mut self, t: &Token<'_>, cols: (i64, i64), out: &mut String, name: &str) {
        let range = format!("{},{}-{},{}:", t.start.line, cols.0, t.end.line, cols.1);
        pad_into(out, &range, 20);
        pad_into(out, name, 15);
        pad_into(out, &str_repr(&t.text), 15);
        out.push('\n');
    }
}
