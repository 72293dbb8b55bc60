//! `invalid_parameters`, `invalid_default`, `invalid_star_etc`, `invalid_kwds` and their
//! `lambda` twins: misplaced `/` and `*`, defaults out of order, parenthesized
//! parameters, parameters after `**kwargs`.
//!
//! The rules are written as in python.gram, over small PEG helpers for `param_no_default`,
//! `param_with_default`, `param_maybe_default` and the `slash_*` groups (a lambda's
//! parameter list ends at ':' instead of ')', and its parameters take no annotation).

use super::super::{PErr, PResult, Parser};
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

type Span = (Pos, Pos);

impl<'src> Parser<'src> {
    fn close_kind(lambda: bool) -> T {
        if lambda {
            T::COLON
        } else {
            T::RPAR
        }
    }

    /// `param`: `NAME annotation?` (lambda: `NAME`); its span.
    fn ip_param(&mut self, lambda: bool) -> PResult<Span> {
        let start = self.start();
        self.expect_name()?;
        if !lambda && self.eat(T::COLON) {
            self.expression()?;
        }
        Ok((start, self.prev_end()))
    }

    /// `default`: `'=' expression | invalid_default`.
    fn ip_default(&mut self) -> PResult<()> {
        if !self.at(T::EQUAL) {
            return Err(PErr::Fail);
        }
        if self.attempt(|p| {
            p.bump();
            p.expression()
        })?
        .is_some()
        {
            return Ok(());
        }
        self.invalid(|p| p.invalid_default())?;
        Err(PErr::Fail)
    }

    /// The end of one parameter: `',' TYPE_COMMENT?` or `TYPE_COMMENT? &close`.
    fn ip_param_end(&mut self, lambda: bool) -> PResult<()> {
        if self.eat(T::COMMA) {
            self.eat(T::TYPE_COMMENT);
            return Ok(());
        }
        self.eat(T::TYPE_COMMENT);
        if self.at(Self::close_kind(lambda)) {
            Ok(())
        } else {
            Err(PErr::Fail)
        }
    }

    fn ip_no_default(&mut self, lambda: bool) -> PResult<Span> {
        let s = self.ip_param(lambda)?;
        self.ip_param_end(lambda)?;
        Ok(s)
    }

    fn ip_with_default(&mut self, lambda: bool) -> PResult<Span> {
        let s = self.ip_param(lambda)?;
        self.ip_default()?;
        self.ip_param_end(lambda)?;
        Ok(s)
    }

    fn ip_maybe_default(&mut self, lambda: bool) -> PResult<Span> {
        let s = self.ip_param(lambda)?;
        if self.at(T::EQUAL) {
            self.ip_default()?;
        }
        self.ip_param_end(lambda)?;
        Ok(s)
    }

    /// `x*` over a helper (greedy, no backtracking into the loop); the count.
    fn ip_many(&mut self, lambda: bool, f: fn(&mut Self, bool) -> PResult<Span>) -> PResult<usize> {
        let mut n = 0;
        while self.attempt(|p| f(p, lambda))?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// `'/' (',' | &close)`.
    fn ip_slash_end(&mut self, lambda: bool) -> PResult<()> {
        self.expect(T::SLASH)?;
        if self.eat(T::COMMA) || self.at(Self::close_kind(lambda)) {
            Ok(())
        } else {
            Err(PErr::Fail)
        }
    }

    fn ip_slash_no_default(&mut self, lambda: bool) -> PResult<()> {
        if self.ip_many(lambda, Self::ip_no_default)? == 0 {
            return Err(PErr::Fail);
        }
        self.ip_slash_end(lambda)
    }

    fn ip_slash_with_default(&mut self, lambda: bool) -> PResult<()> {
        self.ip_many(lambda, Self::ip_no_default)?;
        if self.ip_many(lambda, Self::ip_with_default)? == 0 {
            return Err(PErr::Fail);
        }
        self.ip_slash_end(lambda)
    }

    /// `(slash_no_default | slash_with_default)`.
    fn ip_any_slash(&mut self, lambda: bool) -> PResult<()> {
        if self.attempt(|p| p.ip_slash_no_default(lambda))?.is_some() {
            return Ok(());
        }
        self.ip_slash_with_default(lambda)
    }

    fn raise_at_tok(&mut self, msg: &str, i: usize) -> PErr {
        let (s, e) = (self.toks[i].start, self.toks[i].end);
        self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e)
    }

    /// `invalid_parameters` / `invalid_lambda_parameters`, at the start of the list.
    pub(crate) fn invalid_parameters(&mut self, lambda: bool) -> PResult<()> {
        if !self.memo_once(4) {
            return Err(PErr::Fail);
        }
        let mark = self.pos;
        // a="/" ','
        if self.at(T::SLASH) && self.nth_kind(1) == T::COMMA {
            let i = self.pos;
            return Err(self.raise_at_tok("at least one argument must precede /", i));
        }
        // (slash_no_default | slash_with_default) param_maybe_default* a='/'
        if self.attempt(|p| p.ip_any_slash(lambda))?.is_some() {
            self.ip_many(lambda, Self::ip_maybe_default)?;
            if self.at(T::SLASH) {
                let i = self.pos;
                return Err(self.raise_at_tok("/ may appear only once", i));
            }
        }
        self.pos = mark;
        // slash_no_default? param_no_default* invalid_parameters_helper a=param_no_default
        let r = self.attempt(|p| {
            p.attempt(|p| p.ip_slash_no_default(lambda))?;
            p.ip_many(lambda, Self::ip_no_default)?;
            if p.attempt(|p| p.ip_slash_with_default(lambda))?.is_none()
                && p.ip_many(lambda, Self::ip_with_default)? == 0
            {
                return Err(PErr::Fail);
            }
            p.ip_no_default(lambda)
        })?;
        if let Some((s, e)) = r {
            return Err(self.raise_span(
                SyntaxErrorKind::SyntaxError,
                "parameter without a default follows parameter with a default",
                s,
                e,
            ));
        }
        // param_no_default* a='(' param_no_default+ ','? b=')'
        let r = self.attempt(|p| {
            p.ip_many(lambda, Self::ip_no_default)?;
            let a = p.expect(T::LPAR)?;
            if lambda {
                p.ip_param(true)?;
                while p.at(T::COMMA) && p.nth_kind(1) == T::NAME {
                    p.bump();
                    p.ip_param(true)?;
                }
            } else {
                let mut n = 0;
                loop {
                    let got = p.attempt(|p| {
                        let s = p.ip_param(false)?;
                        if p.eat(T::COMMA) || p.at(T::RPAR) {
                            Ok(s)
                        } else {
                            Err(PErr::Fail)
                        }
                    })?;
                    if got.is_none() {
                        break;
                    }
                    n += 1;
                }
                if n == 0 {
                    return Err(PErr::Fail);
                }
            }
            p.eat(T::COMMA);
            let b = p.expect(T::RPAR)?;
            Ok((a, b))
        })?;
        if let Some((a, b)) = r {
            let msg = if lambda {
                "Lambda expression parameters cannot be parenthesized"
            } else {
                "Function parameters cannot be parenthesized"
            };
            let (s, e) = (self.toks[a].start, self.toks[b].end);
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e));
        }
        // (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
        // param_maybe_default* a='/'
        let r = self.attempt(|p| {
            p.attempt(|p| p.ip_any_slash(lambda))?;
            p.ip_many(lambda, Self::ip_maybe_default)?;
            p.expect(T::STAR)?;
            if !p.eat(T::COMMA) {
                p.ip_no_default(lambda)?;
            }
            p.ip_many(lambda, Self::ip_maybe_default)?;
            p.expect(T::SLASH)
        })?;
        if let Some(i) = r {
            return Err(self.raise_at_tok("/ must be ahead of *", i));
        }
        // param_maybe_default+ '/' a='*'
        let r = self.attempt(|p| {
            if p.ip_many(lambda, Self::ip_maybe_default)? == 0 {
                return Err(PErr::Fail);
            }
            p.expect(T::SLASH)?;
            p.expect(T::STAR)
        })?;
        if let Some(i) = r {
            return Err(self.raise_at_tok("expected comma between / and *", i));
        }
        Err(PErr::Fail)
    }

    /// `invalid_default`: `a='=' &(')'|',')` → "expected default value expression".
    pub(crate) fn invalid_default(&mut self) -> PResult<()> {
        let a = self.expect(T::EQUAL)?;
        if matches!(self.kind(), T::RPAR | T::COMMA) {
            return Err(self.raise_at_tok("expected default value expression", a));
        }
        Err(PErr::Fail)
    }

    /// `invalid_star_etc` / `invalid_lambda_star_etc`, at a '*'.
    pub(crate) fn invalid_star_etc(&mut self, lambda: bool) -> PResult<()> {
        let close = Self::close_kind(lambda);
        let a = self.expect(T::STAR)?;
        let after_star = self.pos;
        // '*' (close | ',' (close | '**'))
        if self.at(close) || (self.at(T::COMMA) && matches!(self.nth_kind(1), k if k == close || k == T::DOUBLESTAR)) {
            if lambda {
                return Err(self.raise_at_last_token("named arguments must follow bare *"));
            }
            return Err(self.raise_at_tok("named arguments must follow bare *", a));
        }
        // '*' ',' TYPE_COMMENT
        if !lambda && self.at(T::COMMA) && self.nth_kind(1) == T::TYPE_COMMENT {
            return Err(self.raise_at_last_token("bare * has associated type comment"));
        }
        // '*' param a='='
        if let Some(()) = self.attempt(|p| {
            p.ip_param(lambda)?;
            if p.at(T::EQUAL) {
                Ok(())
            } else {
                Err(PErr::Fail)
            }
        })? {
            let i = self.pos;
            return Err(self.raise_at_tok("var-positional argument cannot have default value", i));
        }
        self.pos = after_star;
        // '*' (param_no_default | ',') param_maybe_default* a='*' (param_no_default | ',')
        let r = self.attempt(|p| {
            if !p.eat(T::COMMA) {
                p.ip_no_default(lambda)?;
            }
            p.ip_many(lambda, Self::ip_maybe_default)?;
            let a = p.expect(T::STAR)?;
            if !p.eat(T::COMMA) {
                p.ip_no_default(lambda)?;
            }
            Ok(a)
        })?;
        if let Some(i) = r {
            return Err(self.raise_at_tok("* argument may appear only once", i));
        }
        Err(PErr::Fail)
    }

    /// `invalid_kwds` / `invalid_lambda_kwds`, at a '**'.
    pub(crate) fn invalid_kwds(&mut self, lambda: bool) -> PResult<()> {
        self.expect(T::DOUBLESTAR)?;
        self.ip_param(lambda)?;
        if self.at(T::EQUAL) {
            let i = self.pos;
            return Err(self.raise_at_tok("var-keyword argument cannot have default value", i));
        }
        self.expect(T::COMMA)?;
        let mark = self.pos;
        if let Some((s, e)) = self.attempt(|p| p.ip_param(lambda))? {
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "arguments cannot follow var-keyword argument", s, e));
        }
        self.pos = mark;
        if matches!(self.kind(), T::STAR | T::DOUBLESTAR | T::SLASH) {
            let i = self.pos;
            return Err(self.raise_at_tok("arguments cannot follow var-keyword argument", i));
        }
        Err(PErr::Fail)
    }
}
