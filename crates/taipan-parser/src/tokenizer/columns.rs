//! The character columns `tokenize` reports, computed the way `tokenizeriter_next`
//! (Python/Python-tokenize.c) computes them.
//!
//! CPython converts byte offsets to character offsets with a per-line cache: on the
//! first token of a line it counts characters; on later tokens of the same line it
//! subtracts the running difference between bytes and characters of the tokens seen so
//! far. That equals a plain conversion in all but odd cases — notably an INDENT whose
//! text starts on an earlier line (inside an f-string, where the buffer is not reset):
//! its start column is -1 and the difference it leaves makes the next columns of the
//! line negative. This module replays the computation so that output matches.

use super::{RawToken, TokenKind, Tokenizer};

/// The cache of `tokenizeriterobject`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ColumnCache {
    last_lineno: u32,
    diff: i64,
    /// The cached `line` object: source range (start, end).
    line: (usize, usize),
    /// The columns of the last token.
    pub(crate) cols: (i64, i64),
    /// The last token is a trailing one (its `line` is "").
    pub(crate) trailing: bool,
}

impl<'src> Tokenizer<'src> {
    /// `_PyPegen_byte_offset_to_character_offset_line` over the cached line: the number
    /// of characters from byte `a` to byte `b` of the line, stepping by UTF-8 lead bytes.
    fn line_chars(&self, a: i64, b: i64) -> i64 {
        let (ls, le) = self.columns.line;
        let len = (le - ls) as i64;
        let mut i = a;
        let mut n = 0;
        while i < b {
            if i < 0 || i >= len {
                // Before or after the line's data: CPython reads whatever byte is there;
                // it is ASCII in practice.
                i += 1;
            } else {
                let ch = self.bytes[ls + i as usize];
                i += if ch < 0x80 {
                    1
                } else if ch & 0xE0 == 0xC0 {
                    2
                } else if ch & 0xF0 == 0xE0 {
                    3
                } else {
                    4
                };
            }
            n += 1;
        }
        n
    }

    /// `_PyPegen_byte_offset_to_character_offset_raw` from the current line start.
    fn raw_chars(&self, n: i64) -> i64 {
        let ls = self.line_start;
        let len = (self.inp.saturating_sub(ls)) as i64;
        let n = n.min(len + 1).max(0) as usize;
        let end = ls + n;
        let real_end = end.min(self.bytes.len());
        let extra = end - real_end;
        (super::errors::char_count(&self.bytes[ls.min(real_end)..real_end]) as usize + extra) as i64
    }

    /// The `line` of the token just returned, as `tokenize` gives it (tokenize mode).
    pub(crate) fn cached_line(&self) -> &'src str {
        if self.columns.trailing {
            return "";
        }
        let (a, b) = self.columns.line;
        self.slice(a, b)
    }

    /// Replay `tokenizeriter_next`'s column computation for `raw`; sets `columns.cols`.
    pub(crate) fn tokenize_columns(&mut self, raw: &RawToken, trailing: bool) {
        let kind = raw.kind;
        let is_strlit = matches!(kind, TokenKind::STRING | TokenKind::FSTRING_MIDDLE);
        let line_start = if is_strlit { self.multi_line_start } else { self.line_start };
        let mut line_changed = true;
        self.columns.trailing = trailing;
        if !trailing {
            if self.lineno != self.columns.last_lineno {
                let mut end = self.inp;
                if end > line_start && self.implicit_newline {
                    end -= 1;
                }
                self.columns.line = (line_start, end.max(line_start));
                self.columns.diff = 0;
            } else {
                line_changed = false;
            }
        }
        let lineno = if is_strlit { self.first_lineno } else { self.lineno };
        let end_lineno = self.lineno;
        self.columns.last_lineno = lineno;

        let mut col: i64 = -1;
        let mut end_col: i64 = -1;
        let mut byte_offset: i64 = -1;
        if let Some(a) = raw.start {
            if a >= line_start {
                byte_offset = (a - line_start) as i64;
                if line_changed {
                    col = self.line_chars(0, byte_offset);
                    self.columns.diff = byte_offset - col;
                } else {
                    col = byte_offset - self.columns.diff;
                }
            }
        }
        if let Some(b) = raw.end {
            if b >= self.line_start {
                let end_byte_offset = (b - self.line_start) as i64;
                if lineno == end_lineno {
                    let token_cols = self.line_chars(byte_offset, end_byte_offset);
                    end_col = col + token_cols;
                    let len = b as i64 - raw.start.map_or(0, |a| a as i64);
                    self.columns.diff += len - token_cols;
                } else {
                    end_col = self.raw_chars(end_byte_offset);
                    self.columns.diff += end_byte_offset - end_col;
                }
            }
        }
        self.columns.cols = (col, end_col);
    }
}
