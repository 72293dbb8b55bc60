//! `invalid_as_pattern` and `invalid_class_pattern` of the `match` statement.

use super::super::{Kw, PErr, PResult, Parser};
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

impl<'src> Parser<'src> {
    /// `invalid_as_pattern`, after `or_pattern 'as'`: `"_"` → "cannot use '_' as a
    /// target"; `!NAME a=expression` → "invalid pattern target".
    pub(crate) fn invalid_as_pattern_target(&mut self) -> PResult<()> {
        if self.at_kw(Kw::Underscore) {
            let (s, e) = (self.cur().start, self.cur().end);
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "cannot use '_' as a target", s, e));
        }
        if self.at(T::NAME) {
            return Err(PErr::Fail);
        }
        let a = self.expression()?;
        let r = a.range();
        Err(self.raise_span(
            SyntaxErrorKind::SyntaxError,
            "invalid pattern target",
            Pos { line: r.lineno, col: r.col_offset },
            Pos { line: r.end_lineno, col: r.end_col_offset },
        ))
    }

    /// `invalid_class_argument_pattern`, at a positional pattern after keyword ones:
    /// "positional patterns follow keyword patterns" over those positional patterns.
    pub(crate) fn invalid_class_argument_pattern(&mut self) -> PResult<()> {
        let start = self.start();
        self.pattern()?;
        let mut end = self.prev_end();
        while self.at(T::COMMA) {
            let mark = self.pos;
            self.bump();
            if self.at_name() && self.nth_kind(1) == T::EQUAL {
                self.pos = mark;
                break;
            }
            match self.attempt(|p| p.pattern())? {
                Some(_) => end = self.prev_end(),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Err(self.raise_span(SyntaxErrorKind::SyntaxError, "positional patterns follow keyword patterns", start, end))
    }
}
