//! Indentation at the beginning of a line: the INDENT/DEDENT bookkeeping of
//! `tok_get_normal_mode`, with CPython's two measures of a line's indentation — `col`
//! (tabs to multiples of 8) and `altcol` (tabs count as 1) — whose disagreement is the
//! TabError "inconsistent use of tabs and spaces in indentation".

use super::{Done, RawToken, Tokenizer, MAXINDENT, TABSIZE};

impl<'src> Tokenizer<'src> {
    /// Measure the indentation of the line about to be read and queue INDENT/DEDENTs
    /// (`pendin`). Returns whether the line is blank (only whitespace and/or a comment),
    /// or the ERRORTOKEN to return.
    pub(crate) fn read_indentation(&mut self) -> Result<bool, RawToken> {
        let mut col: i32 = 0;
        let mut altcol: i32 = 0;
        self.atbol = false;
        let mut cont_line_col: i32 = 0;
        let mut c;
        loop {
            c = self.nextc();
            if c == b' ' as i32 {
                col += 1;
                altcol += 1;
            } else if c == b'\t' as i32 {
                col = (col / TABSIZE + 1) * TABSIZE;
                altcol += 1;
            } else if c == 0x0c {
                col = 0;
                altcol = 0;
            } else if c == b'\\' as i32 {
                // Indentation cannot be split over physical lines with backslashes: the
                // first backslash found fixes the level of what comes next.
                if cont_line_col == 0 {
                    cont_line_col = col;
                }
                if self.continuation_line().is_none() {
                    return Err(self.errortoken());
                }
            } else {
                break;
            }
        }
        self.backup(c);
        let mut blankline = false;
        let interactive = self.config.interactive;
        if c == b'#' as i32 || c == b'\n' as i32 || c == b'\r' as i32 {
            if col == 0 && c == b'\n' as i32 && interactive {
                blankline = false;
            } else if interactive && self.lineno == 1 {
                blankline = false;
                col = 0;
                altcol = 0;
            } else {
                blankline = true;
            }
        }
        if !blankline && self.level == 0 {
            if cont_line_col != 0 {
                col = cont_line_col;
                altcol = cont_line_col;
            }
            if col == self.indstack[self.indent] {
                if altcol != self.altindstack[self.indent] {
                    return Err(self.indent_error());
                }
            } else if col > self.indstack[self.indent] {
                if self.indent + 1 >= MAXINDENT {
                    self.done = Done::TooDeep;
                    self.cur = self.inp;
                    return Err(self.errortoken());
                }
                if altcol <= self.altindstack[self.indent] {
                    return Err(self.indent_error());
                }
                self.pendin += 1;
                self.indent += 1;
                self.indstack[self.indent] = col;
                self.altindstack[self.indent] = altcol;
            } else {
                while self.indent > 0 && col < self.indstack[self.indent] {
                    self.pendin -= 1;
                    self.indent -= 1;
                }
                if col != self.indstack[self.indent] {
                    self.done = Done::Dedent;
                    self.cur = self.inp;
                    return Err(self.errortoken());
                }
                if altcol != self.altindstack[self.indent] {
                    return Err(self.indent_error());
                }
            }
        }
        Ok(blankline)
    }

    /// `_PyTokenizer_indenterror`.
    fn indent_error(&mut self) -> RawToken {
        self.done = Done::TabSpace;
        self.cur = self.inp;
        self.errortoken()
    }
}
