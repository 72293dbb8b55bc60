//! Number literals: decimal, hexadecimal, octal and binary integers, floats and
//! imaginary numbers, with underscores — and CPython's messages for the malformed ones
//! ("invalid decimal literal", "invalid digit '8' in octal literal", leading zeros, …).
//!
//! In `tokenize` mode (`extra_tokens`) CPython is lenient after a number: `1if` or
//! `0777` tokenize without error, as here.

use super::lexer::{is_digit, is_potential_identifier_char, EOF};
use super::{RawToken, TokenKind, Tokenizer};

#[inline]
fn is_xdigit(c: i32) -> bool {
    is_digit(c) || (c >= b'a' as i32 && c <= b'f' as i32) || (c >= b'A' as i32 && c <= b'F' as i32)
}

/// Where the scanning of a decimal number continues (the `goto` targets of the C code).
enum Next {
    Fraction(i32),
    Exponent(i32),
    Imaginary,
    /// Done with the integer part; `c` is the character after it.
    AfterInt(i32),
}

impl<'src> Tokenizer<'src> {
    /// A number whose first character `c` (a digit) has been read.
    pub(crate) fn number(&mut self, tstart: usize, c: i32) -> RawToken {
        let next = if c == b'0' as i32 {
            let mut c = self.nextc();
            if c == b'x' as i32 || c == b'X' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if !is_xdigit(c) {
                        self.backup(c);
                        return self.syntax_error("invalid hexadecimal literal".into());
                    }
                    loop {
                        c = self.nextc();
                        if !is_xdigit(c) {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                if !self.verify_end_of_number(c, "hexadecimal") {
                    return self.errortoken();
                }
                return self.number_done(tstart, c);
            } else if c == b'o' as i32 || c == b'O' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if c < b'0' as i32 || c >= b'8' as i32 {
                        if is_digit(c) {
                            return self.syntax_error(format!(
                                "invalid digit '{}' in octal literal",
                                c as u8 as char
                            ));
                        } else {
                            self.backup(c);
                            return self.syntax_error("invalid octal literal".into());
                        }
                    }
                    loop {
                        c = self.nextc();
                        if !(b'0' as i32 <= c && c < b'8' as i32) {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                if is_digit(c) {
                    return self
                        .syntax_error(format!("invalid digit '{}' in octal literal", c as u8 as char));
                }
                if !self.verify_end_of_number(c, "octal") {
                    return self.errortoken();
                }
                return self.number_done(tstart, c);
            } else if c == b'b' as i32 || c == b'B' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if c != b'0' as i32 && c != b'1' as i32 {
                        if is_digit(c) {
                            return self.syntax_error(format!(
                                "invalid digit '{}' in binary literal",
                                c as u8 as char
                            ));
                        } else {
                            self.backup(c);
                            return self.syntax_error("invalid binary literal".into());
                        }
                    }
                    loop {
                        c = self.nextc();
                        if !(c == b'0' as i32 || c == b'1' as i32) {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                if is_digit(c) {
                    return self
                        .syntax_error(format!("invalid digit '{}' in binary literal", c as u8 as char));
                }
                if !self.verify_end_of_number(c, "binary") {
                    return self.errortoken();
                }
                return self.number_done(tstart, c);
            } else {
                let mut nonzero = false;
                // Maybe old-style octal; in any case allow '0' as a literal.
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                        if !is_digit(c) {
                            self.backup(c);
                            return self.syntax_error("invalid decimal literal".into());
                        }
                    }
                    if c != b'0' as i32 {
                        break;
                    }
                    c = self.nextc();
                }
                let zeros_end = self.cur;
                if is_digit(c) {
                    nonzero = true;
                    c = match self.decimal_tail() {
                        Some(c) => c,
                        None => return self.errortoken(),
                    };
                }
                if c == b'.' as i32 {
                    let c = self.nextc();
                    Next::Fraction(c)
                } else if c == b'e' as i32 || c == b'E' as i32 {
                    Next::Exponent(c)
                } else if c == b'j' as i32 || c == b'J' as i32 {
                    Next::Imaginary
                } else if nonzero && !self.config.extra_tokens {
                    // Old-style octal: now disallowed.
                    self.backup(c);
                    let col = (tstart + 1 - self.line_start) as i64;
                    let end_col = (zeros_end - self.line_start) as i64;
                    return self.syntax_error_known_range(
                        col,
                        end_col,
                        "leading zeros in decimal integer literals are not permitted; \
                         use an 0o prefix for octal integers"
                            .into(),
                    );
                } else {
                    if !self.verify_end_of_number(c, "decimal") {
                        return self.errortoken();
                    }
                    return self.number_done(tstart, c);
                }
            }
        } else {
            match self.decimal_tail() {
                Some(c) => Next::AfterInt(c),
                None => return self.errortoken(),
            }
        };
        self.decimal_rest(tstart, next)
    }

    /// A number starting with `.`: `c` is the digit after the period.
    pub(crate) fn number_fraction(&mut self, tstart: usize, c: i32) -> RawToken {
        self.decimal_rest(tstart, Next::Fraction(c))
    }

    fn decimal_rest(&mut self, tstart: usize, mut next: Next) -> RawToken {
        let mut c;
        loop {
            match next {
                Next::AfterInt(c0) => {
                    if c0 == b'.' as i32 {
                        let c1 = self.nextc();
                        next = Next::Fraction(c1);
                        continue;
                    }
                    c = c0;
                    // Fall into the exponent / imaginary checks.
                    if c == b'e' as i32 || c == b'E' as i32 {
                        next = Next::Exponent(c);
                        continue;
                    }
                    break;
                }
                Next::Fraction(c0) => {
                    c = c0;
                    if is_digit(c) {
                        c = match self.decimal_tail() {
                            Some(c) => c,
                            None => return self.errortoken(),
                        };
                    }
                    if c == b'e' as i32 || c == b'E' as i32 {
                        next = Next::Exponent(c);
                        continue;
                    }
                    break;
                }
                Next::Exponent(e) => {
                    c = self.nextc();
                    if c == b'+' as i32 || c == b'-' as i32 {
                        c = self.nextc();
                        if !is_digit(c) {
                            self.backup(c);
                            return self.syntax_error("invalid decimal literal".into());
                        }
                    } else if !is_digit(c) {
                        self.backup(c);
                        if !self.verify_end_of_number(e, "decimal") {
                            return self.errortoken();
                        }
                        self.backup(e);
                        return self.tok(TokenKind::NUMBER, tstart, self.cur);
                    }
                    c = match self.decimal_tail() {
                        Some(c) => c,
                        None => return self.errortoken(),
                    };
                    break;
                }
                Next::Imaginary => {
                    c = self.nextc();
                    if !self.verify_end_of_number(c, "imaginary") {
                        return self.errortoken();
                    }
                    return self.number_done(tstart, c);
                }
            }
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            c = self.nextc();
            if !self.verify_end_of_number(c, "imaginary") {
                return self.errortoken();
            }
        } else if !self.verify_end_of_number(c, "decimal") {
            return self.errortoken();
        }
        self.number_done(tstart, c)
    }

    fn number_done(&mut self, tstart: usize, c: i32) -> RawToken {
        self.backup(c);
        self.tok(TokenKind::NUMBER, tstart, self.cur)
    }

    /// `tok_decimal_tail`: digits with single underscores between them. Returns the
    /// character after them, or `None` after raising "invalid decimal literal".
    fn decimal_tail(&mut self) -> Option<i32> {
        let mut c;
        loop {
            loop {
                c = self.nextc();
                if !is_digit(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                break;
            }
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                self.syntax_error("invalid decimal literal".into());
                return None;
            }
        }
        Some(c)
    }

    /// `lookahead`: whether the next characters are `test` and not followed by an
    /// identifier character; consumes nothing.
    fn lookahead(&mut self, test: &[u8]) -> bool {
        let mut read = 0usize;
        let mut res = false;
        loop {
            let c = self.nextc();
            if read == test.len() {
                res = !is_potential_identifier_char(c);
                self.backup(c);
                break;
            } else if c == test[read] as i32 {
                read += 1;
                continue;
            }
            self.backup(c);
            break;
        }
        for _ in 0..read {
            self.cur -= 1;
        }
        res
    }

    /// `verify_end_of_number`: what may follow a number literal. A keyword that can
    /// legally follow one (`1if x else y`) only warns (the warning is not reported);
    /// other identifier characters are "invalid … literal". Lenient in tokenize mode.
    fn verify_end_of_number(&mut self, c: i32, kind: &str) -> bool {
        if self.config.extra_tokens {
            return true;
        }
        let r = if c == b'a' as i32 {
            self.lookahead(b"nd")
        } else if c == b'e' as i32 {
            self.lookahead(b"lse")
        } else if c == b'f' as i32 {
            self.lookahead(b"or")
        } else if c == b'i' as i32 {
            let c2 = self.nextc();
            let r = c2 == b'f' as i32 || c2 == b'n' as i32 || c2 == b's' as i32;
            self.backup(c2);
            r
        } else if c == b'o' as i32 {
            self.lookahead(b"r")
        } else if c == b'n' as i32 {
            self.lookahead(b"ot")
        } else {
            false
        };
        if r {
            self.warnings.push(super::TokenizerWarning {
                lineno: self.lineno,
                msg: format!("invalid {kind} literal"),
            });
            return true;
        }
        if c < 128 && c != EOF && is_potential_identifier_char(c) {
            self.backup(c);
            self.syntax_error(format!("invalid {kind} literal"));
            return false;
        }
        true
    }
}
