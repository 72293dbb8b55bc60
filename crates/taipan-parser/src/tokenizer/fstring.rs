//! The f-string mode of PEP 701 (`tok_get_fstring_mode`): between FSTRING_START and
//! FSTRING_END the tokenizer alternates between reading literal text (FSTRING_MIDDLE,
//! where `{{`/`}}` stand for one brace) and replacement fields, which are read in the
//! regular mode until their closing `}`; after a top-level `:` the format spec is read
//! in f-string mode again. Nested f-strings push further modes.

use super::lexer::EOF;
use super::{RawToken, TokenKind, Tokenizer, MAX_EXPR_NESTING};

impl<'src> Tokenizer<'src> {
    pub(crate) fn tok_get_fstring_mode(&mut self, idx: usize) -> RawToken {
        let mut end_quote_size = 0u8;
        let mut unicode_escape = false;

        let tstart = self.cur;
        self.start = Some(tstart);
        self.first_lineno = self.lineno;

        // A replacement field right away: read it in the regular mode.
        let start_char = self.nextc();
        if start_char == b'{' as i32 {
            let peek1 = self.nextc();
            self.backup(peek1);
            self.backup(start_char);
            if peek1 != b'{' as i32 {
                self.modes[idx].curly_bracket_expr_start_depth += 1;
                if self.modes[idx].curly_bracket_expr_start_depth >= MAX_EXPR_NESTING {
                    return self.syntax_error("f-string: expressions nested too deeply".into());
                }
                self.modes[idx].fstring = false;
                return self.tok_get_normal_mode(idx);
            }
        } else {
            self.backup(start_char);
        }

        // At the end of the string?
        let (quote, quote_size) = (self.modes[idx].quote as i32, self.modes[idx].quote_size);
        let mut at_end = true;
        for _ in 0..quote_size {
            let q = self.nextc();
            if q != quote {
                self.backup(q);
                at_end = false;
                break;
            }
        }
        if at_end {
            self.modes.pop();
            return self.tok(TokenKind::FSTRING_END, tstart, self.cur);
        }

        // FSTRING_MIDDLE.
        self.multi_line_start = self.line_start;
        while end_quote_size != quote_size {
            // Fast path: ordinary characters within the loaded line.
            let end = self.inp.min(self.bytes.len());
            let rest = &self.bytes[self.cur.min(end)..end];
            let n = rest
                .iter()
                .position(|&b| b as i32 == quote || matches!(b, b'{' | b'}' | b'\\' | b'\n'))
                .unwrap_or(rest.len());
            if n > 0 {
                self.cur += n;
                end_quote_size = 0;
            }
            let c = self.nextc();
            if self.done == super::Done::Error {
                return self.errortoken();
            }
            let in_format_spec = self.modes[idx].in_format_spec && self.modes[idx].inside_expr();

            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                // A newline ends a format spec: back to the regular mode.
                if in_format_spec && c == b'\n' as i32 {
                    self.backup(c);
                    let m = &mut self.modes[idx];
                    m.fstring = false;
                    m.in_format_spec = false;
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur);
                }
                // Report the error from the f-string's start.
                let m = self.modes[idx];
                self.cur = m.start + 1;
                self.line_start = m.multi_line_start;
                let start = self.lineno;
                let top = self.modes[self.modes.len() - 1];
                self.lineno = top.line_start_lineno;
                if quote_size == 3 {
                    self.syntax_error(format!(
                        "unterminated triple-quoted f-string literal (detected at line {start})"
                    ));
                    return self.errortoken();
                }
                return self.syntax_error(format!(
                    "unterminated f-string literal (detected at line {start})"
                ));
            }

            if c == quote {
                end_quote_size += 1;
                continue;
            } else {
                end_quote_size = 0;
            }

            if c == b'{' as i32 {
                let m = &mut self.modes[idx];
                m.last_expr_start = Some(self.cur);
                m.last_expr_end = None;
                let peek = self.nextc();
                if peek != b'{' as i32 || in_format_spec {
                    self.backup(peek);
                    self.backup(c);
                    self.modes[idx].curly_bracket_expr_start_depth += 1;
                    if self.modes[idx].curly_bracket_expr_start_depth >= MAX_EXPR_NESTING {
                        return self.syntax_error("f-string: expressions nested too deeply".into());
                    }
                    let m = &mut self.modes[idx];
                    m.fstring = false;
                    m.in_format_spec = false;
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur);
                } else {
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur - 1);
                }
            } else if c == b'}' as i32 {
                if unicode_escape {
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur);
                }
                let peek = self.nextc();
                // A format spec cannot contain `}}`, and inside a replacement field
                // `}` closes it.
                let cursor = self.modes[idx].curly_bracket_depth;
                if peek == b'}' as i32 && !in_format_spec && cursor == 0 {
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur - 1);
                } else {
                    self.backup(peek);
                    self.backup(c);
                    let m = &mut self.modes[idx];
                    m.fstring = false;
                    m.in_format_spec = false;
                    return self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur);
                }
            } else if c == b'\\' as i32 {
                let mut peek = self.nextc();
                if peek == b'\r' as i32 {
                    peek = self.nextc();
                }
                // A backslash right before a brace: the brace is handled by the loop.
                if peek == b'{' as i32 || peek == b'}' as i32 {
                    if !self.modes[idx].raw {
                        self.warnings.push(super::TokenizerWarning {
                            lineno: self.lineno,
                            msg: format!("invalid escape sequence '\\{}'", peek as u8 as char),
                        });
                    }
                    self.backup(peek);
                    continue;
                }
                if !self.modes[idx].raw && peek == b'N' as i32 {
                    // Named unicode escapes (\N{BULLET}).
                    peek = self.nextc();
                    if peek == b'{' as i32 {
                        unicode_escape = true;
                    } else {
                        self.backup(peek);
                    }
                }
            }
        }

        // Back up the closing quotes: a final FSTRING_MIDDLE now, FSTRING_END next.
        for _ in 0..quote_size {
            self.backup(quote);
        }
        self.tok(TokenKind::FSTRING_MIDDLE, tstart, self.cur)
    }
}
