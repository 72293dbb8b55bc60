//! String and bytes literals (`'…'`, `"…"`, triple-quoted, with `b`/`r`/`u` prefixes):
//! the token is the whole literal, prefix and quotes included; its value is decoded by
//! the parser. Also the start of f-strings, whose body `fstring.rs` reads.

use super::lexer::EOF;
use super::{Mode, RawToken, TokenKind, Tokenizer, MAXFSTRINGLEVEL};

impl<'src> Tokenizer<'src> {
    /// A string literal whose opening quote `quote` has just been read (after any
    /// prefix starting at `tstart`).
    pub(crate) fn string_literal(&mut self, tstart: usize, quote: i32) -> RawToken {
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut has_escaped_quote = false;

        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;

        // Find the quote size and start of string.
        let mut c = self.nextc();
        if c == quote {
            c = self.nextc();
            if c == quote {
                quote_size = 3;
            } else {
                end_quote_size = 1; // empty string found
            }
        }
        if c != quote {
            self.backup(c);
        }

        // Get rest of string.
        while end_quote_size != quote_size {
            // Fast path: ordinary characters within the loaded line.
            let end = self.inp.min(self.bytes.len());
            let rest = &self.bytes[self.cur.min(end)..end];
            let n = rest
                .iter()
                .position(|&b| b as i32 == quote || b == b'\\' || b == b'\n')
                .unwrap_or(rest.len());
            if n > 0 {
                self.cur += n;
                end_quote_size = 0;
            }
            c = self.nextc();
            if self.done == super::Done::Error {
                return self.errortoken();
            }
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                // Report the error from the opening quote.
                self.cur = tstart + 1;
                self.line_start = self.multi_line_start;
                let start = self.lineno;
                self.lineno = self.first_lineno;
                if self.inside_fstring() {
                    // Inside an f-string's replacement field, a quote like the
                    // f-string's own means the '}' is missing.
                    let top = self.modes[self.modes.len() - 1];
                    if top.quote as i32 == quote && top.quote_size == quote_size {
                        return self.syntax_error("f-string: expecting '}'".into());
                    }
                }
                if quote_size == 3 {
                    self.syntax_error(format!(
                        "unterminated triple-quoted string literal (detected at line {start})"
                    ));
                } else if has_escaped_quote {
                    self.syntax_error(format!(
                        "unterminated string literal (detected at line {start}); \
                         perhaps you escaped the end quote?"
                    ));
                } else {
                    self.syntax_error(format!(
                        "unterminated string literal (detected at line {start})"
                    ));
                }
                return self.errortoken();
            }
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    c = self.nextc(); // skip escaped char
                    if c == quote {
                        has_escaped_quote = true;
                    }
                    if c == b'\r' as i32 {
                        self.nextc();
                    }
                }
            }
        }
        self.tok(TokenKind::STRING, tstart, self.cur)
    }

    /// FSTRING_START: the prefix starting at `tstart` and the opening quote(s) `quote`;
    /// pushes an f-string mode.
    pub(crate) fn fstring_start(&mut self, tstart: usize, quote: i32) -> RawToken {
        let mut quote_size = 1u8;
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;

        let after_quote = self.nextc();
        if after_quote == quote {
            let after_after_quote = self.nextc();
            if after_after_quote == quote {
                quote_size = 3;
            } else {
                self.backup(after_after_quote);
                self.backup(after_quote);
            }
        }
        if after_quote != quote {
            self.backup(after_quote);
        }

        if self.modes.len() >= MAXFSTRINGLEVEL {
            return self.syntax_error("too many nested f-strings".into());
        }
        let first = self.bytes[tstart].to_ascii_lowercase();
        let raw = if first == b'f' {
            self.bytes.get(tstart + 1).map(|b| b.to_ascii_lowercase()) == Some(b'r')
        } else {
            true
        };
        self.modes.push(Mode {
            fstring: true,
            quote: quote as u8,
            quote_size,
            raw,
            start: tstart,
            multi_line_start: self.line_start,
            line_start_lineno: self.lineno,
            curly_bracket_depth: 0,
            curly_bracket_expr_start_depth: -1,
            in_format_spec: false,
            debug: false,
            last_expr_start: None,
            last_expr_end: None,
        });
        self.tok(TokenKind::FSTRING_START, tstart, self.cur)
    }
}
