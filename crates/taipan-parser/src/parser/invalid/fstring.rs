//! `invalid_replacement_field` and `invalid_conversion_character`: the f-string
//! replacement-field mistakes ("f-string: valid expression required before '}'",
//! "f-string: expecting '}'", …), tried when a replacement field did not parse.

use super::super::{Kw, PErr, PResult, Parser};
use crate::error::SyntaxErrorKind;
use crate::tokenizer::TokenKind as T;

impl<'src> Parser<'src> {
    /// A replacement field, with `invalid_replacement_field` as its last alternative.
    pub(crate) fn fstring_replacement_field_checked(&mut self) -> PResult<crate::ast::Expr> {
        let mark = self.pos;
        let r = self.fstring_replacement_field();
        self.invalid_fallback(mark, r, |p| p.invalid_replacement_field())
    }

    /// `RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN(msg)`: at the token at the current position.
    fn raise_on_next_token(&mut self, msg: &str) -> PErr {
        let (s, e) = {
            let t = self.cur();
            (t.start, t.end)
        };
        self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e)
    }

    fn ifs_value(&mut self) -> PResult<Option<()>> {
        self.attempt(|p| {
            if p.at_kw(Kw::Yield) {
                p.yield_expr()?;
            } else {
                p.star_expressions()?;
            }
            Ok(())
        })
    }

    /// `invalid_replacement_field`.
    pub(crate) fn invalid_replacement_field(&mut self) -> PResult<()> {
        self.expect(T::LBRACE)?;
        let what = match self.kind() {
            T::EQUAL => Some('='),
            T::EXCLAMATION => Some('!'),
            T::COLON => Some(':'),
            T::RBRACE => Some('}'),
            _ => None,
        };
        if let Some(c) = what {
            return Err(self.raise_on_next_token(&format!("f-string: valid expression required before '{c}'")));
        }
        if self.ifs_value()?.is_none() {
            return Err(self.raise_on_next_token("f-string: expecting a valid expression after '{'"));
        }
        if !matches!(self.kind(), T::EQUAL | T::EXCLAMATION | T::COLON | T::RBRACE) {
            return Err(self.raise_on_next_token("f-string: expecting '=', or '!', or ':', or '}'"));
        }
        if self.eat(T::EQUAL) && !matches!(self.kind(), T::EXCLAMATION | T::COLON | T::RBRACE) {
            return Err(self.raise_on_next_token("f-string: expecting '!', or ':', or '}'"));
        }
        if self.at(T::EXCLAMATION) {
            // invalid_conversion_character
            self.bump();
            if matches!(self.kind(), T::COLON | T::RBRACE) {
                return Err(self.raise_on_next_token("f-string: missing conversion character"));
            }
            if !self.at(T::NAME) {
                return Err(self.raise_on_next_token("f-string: invalid conversion character"));
            }
            self.bump();
        }
        if !matches!(self.kind(), T::COLON | T::RBRACE) {
            return Err(self.raise_on_next_token("f-string: expecting ':' or '}'"));
        }
        if self.eat(T::COLON) {
            loop {
                if self.eat(T::FSTRING_MIDDLE) {
                    continue;
                }
                if self.at(T::LBRACE) && self.attempt(|p| p.fstring_replacement_field())?.is_some() {
                    continue;
                }
                break;
            }
            if !self.at(T::RBRACE) {
                return Err(self.raise_on_next_token("f-string: expecting '}', or format specs"));
            }
            return Err(PErr::Fail);
        }
        if !self.at(T::RBRACE) {
            return Err(self.raise_on_next_token("f-string: expecting '}'"));
        }
        Err(PErr::Fail)
    }
}
