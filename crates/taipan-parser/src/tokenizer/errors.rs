//! The tokenizer's errors, with the positions CPython gives them.
//!
//! Two families, as in CPython:
//! - errors raised on the spot (`_PyTokenizer_syntaxerror`): a SyntaxError whose offset
//!   is the number of characters from the start of the line to the cursor, and whose text
//!   is the line without its newline;
//! - errors left in `tok->done` (end of file inside brackets, bad dedent, TabError, too
//!   deep, backslash not followed by a newline), turned into exceptions by the client:
//!   `tokenize` (`_tokenizer_error` in Python/Python-tokenize.c) and the parser
//!   (`_Pypegen_tokenizer_error`) word and place them differently, so both are here.

use super::{Done, RawToken, Tokenizer};
use crate::error::{SyntaxError, SyntaxErrorKind};

/// Number of code points in a UTF-8 byte string (CPython decodes with "replace"; our
/// input is valid UTF-8, so counting non-continuation bytes is the same).
pub(crate) fn char_count(b: &[u8]) -> u32 {
    b.iter().filter(|&&x| (x & 0xC0) != 0x80).count() as u32
}

impl<'src> Tokenizer<'src> {
    /// The error text of `_syntaxerror_range`: from `from` to the end of the line — or
    /// to a NUL byte, as it measures the line with `strcspn`.
    fn line_bytes_from(&self, from: usize) -> &'src [u8] {
        let from = from.min(self.bytes.len());
        let rest = &self.bytes[from..];
        let n = rest.iter().position(|&b| b == b'\n' || b == 0).unwrap_or(rest.len());
        &rest[..n]
    }

    /// `_PyTokenizer_syntaxerror`: a SyntaxError at the cursor. Returns ERRORTOKEN.
    pub(crate) fn syntax_error(&mut self, msg: String) -> RawToken {
        self.syntax_error_known_range(-1, -1, msg)
    }

    /// `_PyTokenizer_syntaxerror_known_range`: columns are 1-based byte columns, or -1
    /// for the cursor.
    pub(crate) fn syntax_error_known_range(&mut self, col: i64, end_col: i64, msg: String) -> RawToken {
        if self.done == Done::Error {
            return self.errortoken();
        }
        let ls = self.line_start.min(self.bytes.len());
        let cur = self.cur.min(self.bytes.len()).max(ls);
        let col = if col == -1 { char_count(&self.bytes[ls..cur]) as i64 } else { col };
        let end_col = if end_col == -1 { col } else { end_col };
        let text = String::from_utf8_lossy(self.line_bytes_from(ls)).into_owned();
        self.error = Some(SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg,
            lineno: self.lineno,
            offset: col.max(0) as u32,
            end_lineno: Some(self.lineno),
            end_offset: Some(end_col.max(0) as u32),
            text: Some(text),
        });
        self.done = Done::Error;
        self.errortoken()
    }

    /// A name whose bytes are not UTF-8 (`verify_identifier` sets `E_DECODE`): the
    /// parser raises "(unicode error) MSG" at the cursor (see [`Self::error_at_cursor`]),
    /// but a decode error met while `_PyPegen_tokenize_full_source_to_check_for_errors`
    /// reads ahead escapes as the `UnicodeDecodeError` itself. The error is left as
    /// that UnicodeDecodeError; the parser words it.
    pub(crate) fn decode_error(&mut self, msg: String) {
        let mut e = self.error_at_cursor(SyntaxErrorKind::UnicodeDecodeError, &msg, self.pegen_error_text(self.lineno));
        e.msg = msg;
        self.error = Some(e);
        self.done = Done::Error;
    }

    /// The text pegen gives an error on line `lineno` (`_PyPegen_raise_error_known_location`):
    /// the tokenizer's buffer (possibly several lines, with the newline) when the error is
    /// on or after the current line and the buffer is not empty, else that source line
    /// without its newline.
    pub(crate) fn pegen_error_text(&self, lineno: u32) -> String {
        let inp = self.inp.min(self.bytes.len());
        let buf = self.buf.min(inp);
        if self.lineno <= lineno && self.inp > self.buf {
            String::from_utf8_lossy(&self.bytes[buf..inp]).into_owned()
                + if self.inp > self.bytes.len() { "\n" } else { "" }
        } else {
            self.source_line(lineno).unwrap_or("").to_string()
        }
    }

    /// pegen's `RAISE_SYNTAX_ERROR`/`RAISE_INDENTATION_ERROR` after a tokenizer error:
    /// the last token has no position, so the offset is the cursor's (bytes from the line
    /// start, the newline included), with no end column (`end_offset` None = -1).
    fn error_at_cursor(&self, kind: SyntaxErrorKind, msg: &str, text: String) -> SyntaxError {
        let ls = self.line_start.min(self.bytes.len());
        let cur = self.cur.max(ls);
        let extra = cur.saturating_sub(self.bytes.len()) as u32;
        // An empty buffer (the file tokenizer at end of input) gives column 0.
        let offset = if self.cur == self.buf {
            0
        } else if !self.undecodable.is_empty() {
            // `_PyPegen_byte_offset_to_character_offset`: the byte column of the original
            // source, applied to the error text re-encoded (each bad byte now 3 bytes).
            let col = super::decode::original_len(self.undecodable, ls, cur.min(self.bytes.len())) + extra as usize;
            let tb = text.as_bytes();
            String::from_utf8_lossy(&tb[..col.min(tb.len())]).chars().count() as u32
        } else {
            char_count(&self.bytes[ls..cur.min(self.bytes.len())]) + extra
        };
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: self.lineno,
            offset,
            end_lineno: Some(self.lineno),
            end_offset: None,
            text: Some(text),
        }
    }

    /// The exception for an ERRORTOKEN: the pending SyntaxError, or the one `tok->done`
    /// stands for.
    pub(crate) fn error_for_done(&mut self) -> SyntaxError {
        if let Some(e) = self.error.take() {
            return e;
        }
        let inp = self.inp.min(self.bytes.len());
        let buf = self.buf.min(inp);
        if self.config.extra_tokens {
            // `_tokenizer_error` of Python/Python-tokenize.c.
            let (kind, msg) = match self.done {
                Done::Eof => {
                    return SyntaxError {
                        kind: SyntaxErrorKind::SyntaxError,
                        msg: "unexpected EOF in multi-line statement".into(),
                        lineno: self.lineno,
                        offset: (self.inp.saturating_sub(self.buf)) as u32,
                        end_lineno: None,
                        end_offset: None,
                        text: None,
                    };
                }
                Done::Dedent => (
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                ),
                Done::TabSpace => {
                    (SyntaxErrorKind::TabError, "inconsistent use of tabs and spaces in indentation")
                }
                Done::TooDeep => (SyntaxErrorKind::IndentationError, "too many levels of indentation"),
                Done::LineCont => (
                    SyntaxErrorKind::SyntaxError,
                    "unexpected character after line continuation character",
                ),
                Done::Ok | Done::Error => (SyntaxErrorKind::SyntaxError, "unknown tokenization error"),
            };
            // The error line is the buffer without its final newline; the offset is one
            // past its last character.
            let mut line = &self.bytes[buf..inp];
            if self.inp > self.bytes.len() {
                // The implicit newline is not in `bytes`.
            } else if line.last() == Some(&b'\n') {
                line = &line[..line.len() - 1];
            }
            let text = String::from_utf8_lossy(line).into_owned();
            return SyntaxError {
                kind,
                msg: msg.into(),
                lineno: self.lineno,
                offset: char_count(line) + 1,
                end_lineno: None,
                end_offset: None,
                text: Some(text),
            };
        }
        // Parser mode: `_Pypegen_tokenizer_error`.
        let buf_line = self.pegen_error_text(self.lineno);
        let (kind, msg, col) = match self.done {
            Done::Eof => {
                if let Some((ch, line, col)) = self.innermost_open_paren() {
                    let text = self.source_line(line).unwrap_or("");
                    let colc = char_count(&text.as_bytes()[..(col as usize).min(text.len())]);
                    return SyntaxError {
                        kind: SyntaxErrorKind::SyntaxError,
                        msg: format!("'{ch}' was never closed"),
                        lineno: line,
                        offset: colc + 1,
                        end_lineno: Some(line),
                        end_offset: Some(0),
                        text: Some(self.pegen_error_text(line)),
                    };
                }
                return self.error_at_cursor(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing", buf_line);
            }
            Done::Dedent => {
                return self.error_at_cursor(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    buf_line,
                );
            }
            Done::TabSpace => {
                (SyntaxErrorKind::TabError, "inconsistent use of tabs and spaces in indentation", 0)
            }
            Done::TooDeep => (SyntaxErrorKind::IndentationError, "too many levels of indentation", 0),
            Done::LineCont => (
                SyntaxErrorKind::SyntaxError,
                "unexpected character after line continuation character",
                self.cur.saturating_sub(self.buf).saturating_sub(1),
            ),
            Done::Ok | Done::Error => (SyntaxErrorKind::SyntaxError, "unknown parsing error", 0),
        };
        let colc = char_count(&self.bytes[buf..(buf + col).min(self.bytes.len())]);
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: self.lineno,
            offset: colc + 1,
            end_lineno: Some(self.lineno),
            end_offset: Some(0),
            text: Some(buf_line),
        }
    }
}
