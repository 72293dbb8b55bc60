//! `invalid_*` rules of displays and small statements: `invalid_group`,
//! `invalid_comprehension`, `invalid_dict_comprehension`,
//! `invalid_double_starred_kvpairs` / `invalid_kvpair`, `invalid_import`,
//! `invalid_import_from_targets`, `invalid_type_params` and `invalid_type_param`.

use super::super::{Kw, PErr, PResult, Parser};
use crate::ast::Expr;
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

fn start_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.lineno, col: r.col_offset }
}

fn end_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.end_lineno, col: r.end_col_offset }
}

impl<'src> Parser<'src> {
    fn raise_node(&mut self, msg: &str, e: &Expr) -> PErr {
        let (s, end) = (start_of(e), end_of(e));
        self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, end)
    }

    /// `'*' expression` (starred_expression), for these rules.
    fn iat_starred(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.expect(T::STAR)?;
        let v = self.expression()?;
        Ok(Expr::Starred(crate::ast::ExprStarred {
            value: Box::new(v),
            ctx: crate::ast::ExprContext::Load,
            range: self.range_from(start),
        }))
    }

    /// At '(' / '[' / '{': `invalid_group`, `invalid_comprehension`,
    /// `invalid_dict_comprehension`, `invalid_double_starred_kvpairs`.
    pub(crate) fn invalid_display(&mut self) -> PResult<()> {
        if !self.memo_once(3) {
            return Err(PErr::Fail);
        }
        let open = self.kind();
        let mark = self.pos;
        self.bump();
        if open == T::LPAR {
            // '(' a=starred_expression ')' | '(' a='**' expression ')'
            if let Some(a) = self.attempt(|p| {
                let a = p.iat_starred()?;
                p.expect(T::RPAR)?;
                Ok(a)
            })? {
                return Err(self.raise_node("cannot use starred expression here", &a));
            }
            if self.at(T::DOUBLESTAR) {
                let a = self.pos;
                if self
                    .attempt(|p| {
                        p.bump();
                        p.expression()?;
                        p.expect(T::RPAR)
                    })?
                    .is_some()
                {
                    let (s, e) = (self.toks[a].start, self.toks[a].end);
                    return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "cannot use double starred expression here", s, e));
                }
            }
        }
        // (any bracket) a=starred_expression for_if_clauses
        if let Some(a) = self.attempt(|p| {
            let a = p.iat_starred()?;
            if !(p.at_kw(Kw::For) || (p.at_kw(Kw::Async) && p.nth_kw(1) == Kw::For)) {
                return Err(PErr::Fail);
            }
            p.for_if_clauses()?;
            Ok(a)
        })? {
            return Err(self.raise_node("iterable unpacking cannot be used in comprehension", &a));
        }
        if open != T::LPAR {
            // a=star_named_expression ',' b=star_named_expressions for_if_clauses
            if let Some((a, last)) = self.attempt(|p| {
                let a = p.star_named_expression()?;
                p.expect(T::COMMA)?;
                let mut last = p.star_named_expression()?;
                while p.at(T::COMMA) {
                    p.bump();
                    match p.attempt(|p| p.star_named_expression())? {
                        Some(e) => last = e,
                        None => break,
                    }
                }
                if !p.at_kw(Kw::For) && !(p.at_kw(Kw::Async) && p.nth_kw(1) == Kw::For) {
                    return Err(PErr::Fail);
                }
                p.for_if_clauses()?;
                Ok((a, last))
            })? {
                let (s, e) = (start_of(&a), end_of(&last));
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    "did you forget parentheses around the comprehension target?",
                    s,
                    e,
                ));
            }
            // a=star_named_expression b=',' for_if_clauses
            if let Some((a, b)) = self.attempt(|p| {
                let a = p.star_named_expression()?;
                let b = p.expect(T::COMMA)?;
                if !p.at_kw(Kw::For) && !(p.at_kw(Kw::Async) && p.nth_kw(1) == Kw::For) {
                    return Err(PErr::Fail);
                }
                p.for_if_clauses()?;
                Ok((a, b))
            })? {
                let (s, e) = (start_of(&a), self.toks[b].end);
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    "did you forget parentheses around the comprehension target?",
                    s,
                    e,
                ));
            }
        }
        if open == T::LBRACE {
            // '{' a='**' bitwise_or for_if_clauses '}'
            if self.at(T::DOUBLESTAR) {
                let a = self.pos;
                if self
                    .attempt(|p| {
                        p.bump();
                        p.bitwise_or()?;
                        p.for_if_clauses()?;
                        p.expect(T::RBRACE)
                    })?
                    .is_some()
                {
                    let (s, e) = (self.toks[a].start, self.toks[a].end);
                    return Err(self.raise_span(
                        SyntaxErrorKind::SyntaxError,
                        "dict unpacking cannot be used in dict comprehension",
                        s,
                        e,
                    ));
                }
            }
            self.pos = mark + 1;
            self.invalid_double_starred_kvpairs()?;
        }
        Err(PErr::Fail)
    }

    /// `double_starred_kvpair`: `'**' bitwise_or | expression ':' expression`.
    fn iat_kvpair(&mut self) -> PResult<()> {
        if self.eat(T::DOUBLESTAR) {
            self.bitwise_or()?;
            return Ok(());
        }
        self.expression()?;
        self.expect(T::COLON)?;
        self.expression()?;
        Ok(())
    }

    /// `invalid_double_starred_kvpairs` (after '{'); `Ok(())` when it does not apply.
    fn invalid_double_starred_kvpairs(&mut self) -> PResult<()> {
        let mark = self.pos;
        // ','.double_starred_kvpair+ ',' invalid_kvpair
        let r = self.attempt(|p| {
            p.iat_kvpair()?;
            loop {
                let m = p.pos;
                if !p.eat(T::COMMA) {
                    return Err(PErr::Fail);
                }
                if p.attempt(|p| p.iat_kvpair())?.is_none() {
                    p.pos = m;
                    break;
                }
            }
            p.expect(T::COMMA)?;
            p.invalid_kvpair(true)
        })?;
        let _ = r;
        self.pos = mark;
        self.invalid_kvpair(false)?;
        self.pos = mark;
        Ok(())
    }

    /// `invalid_kvpair` (`with_missing_colon`), or the last two alternatives of
    /// `invalid_double_starred_kvpairs`. Raises, or `Fail`.
    fn invalid_kvpair(&mut self, with_missing_colon: bool) -> PResult<()> {
        let a = self.expression()?;
        if !self.at(T::COLON) {
            if with_missing_colon {
                let e = end_of(&a);
                let s = Pos { line: e.line, col: e.col.saturating_sub(1) };
                return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "':' expected after dictionary key", s, e));
            }
            return Err(PErr::Fail);
        }
        let colon = self.bump();
        if self.at(T::STAR) {
            let star = self.pos;
            if self
                .attempt(|p| {
                    p.bump();
                    p.bitwise_or()
                })?
                .is_some()
            {
                let s = self.toks[star].start;
                return Err(self.raise_starting_from("cannot use a starred expression in a dictionary value", s));
            }
        }
        if matches!(self.kind(), T::RBRACE | T::COMMA) {
            let (s, e) = (self.toks[colon].start, self.toks[colon].end);
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "expression expected after dictionary key and ':'", s, e));
        }
        Err(PErr::Fail)
    }

    /// `invalid_import`, at 'import'.
    pub(crate) fn invalid_import(&mut self) -> PResult<()> {
        let a = self.expect_kw(Kw::Import)?;
        let start = self.toks[a].start;
        if self.at(T::NEWLINE) {
            let s = self.start();
            return Err(self.raise_starting_from("Expected one or more names after 'import'", s));
        }
        self.iat_dotted_name()?;
        while self.eat(T::COMMA) {
            self.iat_dotted_name()?;
        }
        self.expect_kw(Kw::From)?;
        self.iat_dotted_name()?;
        Err(self.raise_starting_from("Did you mean to use 'from ... import ...' instead?", start))
    }

    fn iat_dotted_name(&mut self) -> PResult<()> {
        self.expect_name()?;
        while self.at(T::DOT) && self.nth_kind(1) == T::NAME {
            self.bump();
            self.expect_name()?;
        }
        Ok(())
    }

    /// `invalid_import_from_targets`, after `from … import`.
    pub(crate) fn invalid_import_from_targets(&mut self) -> PResult<()> {
        if self.at(T::NEWLINE) {
            let s = self.start();
            return Err(self.raise_starting_from("Expected one or more names after 'import'", s));
        }
        // import_from_as_names ',' NEWLINE
        loop {
            self.expect_name()?;
            if self.eat_kw(Kw::As) {
                self.expect_name()?;
            }
            if !self.eat(T::COMMA) {
                return Err(PErr::Fail);
            }
            if self.at(T::NEWLINE) {
                let _ = self.cur();
                return Err(self.raise_at_last_token("trailing comma not allowed without surrounding parentheses"));
            }
        }
    }

    /// `invalid_type_params`: `'[' token=']'`.
    pub(crate) fn invalid_type_params(&mut self) -> PResult<()> {
        self.expect(T::LSQB)?;
        if self.at(T::RSQB) {
            let s = self.start();
            self.bump();
            return Err(self.raise_starting_from("Type parameter list cannot be empty", s));
        }
        Err(PErr::Fail)
    }

    /// `invalid_type_param`: `'*' NAME ':' expression` / `'**' NAME ':' expression`.
    pub(crate) fn invalid_type_param(&mut self) -> PResult<()> {
        let what = if self.eat(T::STAR) {
            "TypeVarTuple"
        } else if self.eat(T::DOUBLESTAR) {
            "ParamSpec"
        } else {
            return Err(PErr::Fail);
        };
        self.expect_name()?;
        let colon = self.expect(T::COLON)?;
        let e = self.expression()?;
        let kind = if matches!(e, Expr::Tuple(_)) { "constraints" } else { "bound" };
        let s = self.toks[colon].start;
        Err(self.raise_starting_from(format!("cannot use {kind} with {what}"), s))
    }
}
