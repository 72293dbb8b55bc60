//! Atoms (python.gram `atom`): names, constants, strings, numbers, the parenthesized
//! forms (group, tuple, generator expression), list/set/dict displays and their
//! comprehensions, and call arguments.

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokenKind as T;

impl<'src> Parser<'src> {
    pub(crate) fn atom(&mut self) -> PResult<Expr> {
        let t = self.cur();
        match t.kind {
            T::NAME => {
                let constant = match t.kw {
                    Kw::True => Constant::Bool(true),
                    Kw::False => Constant::Bool(false),
                    Kw::None => Constant::None,
                    k if k.is_hard() => return Err(PErr::Fail),
                    _ => {
                        let (id, range) = self.expect_name()?;
                        return Ok(Expr::Name(ExprName { id, ctx: ExprContext::Load, range }));
                    }
                };
                let i = self.bump();
                Ok(Expr::Constant(ExprConstant { value: constant, kind: None, range: self.tok_range(i) }))
            }
            T::NUMBER => {
                let i = self.bump();
                let value = super::number::parse_number(&self.toks[i].text);
                let range = self.tok_range(i);
                match value {
                    Ok(value) => Ok(Expr::Constant(ExprConstant { value, kind: None, range })),
                    Err(msg) => Err(self.raise_range(msg, range)),
                }
            }
            T::STRING | T::FSTRING_START => self.strings(),
            T::LPAR => {
                self.enter()?;
                let r = self.paren_atom();
                self.leave();
                r
            }
            T::LSQB => {
                self.enter()?;
                let r = self.list_atom();
                self.leave();
                r
            }
            T::LBRACE => {
                self.enter()?;
                let r = self.brace_atom();
                self.leave();
                r
            }
            T::ELLIPSIS => {
                let i = self.bump();
                Ok(Expr::Constant(ExprConstant { value: Constant::Ellipsis, kind: None, range: self.tok_range(i) }))
            }
            _ => Err(PErr::Fail),
        }
    }

    fn at_for(&mut self) -> bool {
        self.at_kw(Kw::For) || (self.at_kw(Kw::Async) && self.nth_kw(1) == Kw::For)
    }

    /// `'(' …`: tuple, group or genexp.
    fn paren_atom(&mut self) -> PResult<Expr> {
        self.invalid(|p| p.invalid_display())?;
        let start = self.start();
        self.bump();
        if self.eat(T::RPAR) {
            return Ok(Expr::Tuple(ExprTuple { elts: Vec::new(), ctx: ExprContext::Load, range: self.range_from(start) }));
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect(T::RPAR)?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.at_for() {
            if matches!(first, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            let generators = self.for_if_clauses()?;
            self.expect(T::RPAR)?;
            return Ok(Expr::GeneratorExp(ExprGeneratorExp {
                elt: Box::new(first),
                generators,
                range: self.range_from(start),
            }));
        }
        if self.at(T::RPAR) {
            if matches!(first, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            self.bump();
            return Ok(first);
        }
        self.expect(T::COMMA)?;
        let mut elts = vec![first];
        while !self.at(T::RPAR) {
            elts.push(self.star_named_expression()?);
            if !self.eat(T::COMMA) {
                break;
            }
        }
        self.expect(T::RPAR)?;
        Ok(Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    /// `'[' …`: list or listcomp.
    fn list_atom(&mut self) -> PResult<Expr> {
        self.invalid(|p| p.invalid_display())?;
        let start = self.start();
        self.bump();
        if self.eat(T::RSQB) {
            return Ok(Expr::List(ExprList { elts: Vec::new(), ctx: ExprContext::Load, range: self.range_from(start) }));
        }
        let first = self.star_named_expression()?;
        if self.at_for() {
            // listcomp: `'[' named_expression for_if_clauses ']'` (no starred element)
            if matches!(first, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            let generators = self.for_if_clauses()?;
            self.expect(T::RSQB)?;
            return Ok(Expr::ListComp(ExprListComp { elt: Box::new(first), generators, range: self.range_from(start) }));
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if self.at(T::RSQB) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(T::RSQB)?;
        Ok(Expr::List(ExprList { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    /// `'{' …`: dict, set, dictcomp or setcomp.
    fn brace_atom(&mut self) -> PResult<Expr> {
        self.invalid(|p| p.invalid_display())?;
        let start = self.start();
        self.bump();
        if self.eat(T::RBRACE) {
            return Ok(Expr::Dict(ExprDict { keys: Vec::new(), values: Vec::new(), range: self.range_from(start) }));
        }
        if self.at(T::DOUBLESTAR) {
            return self.dict_rest(start, Vec::new(), Vec::new());
        }
        let bare_walrus = self.at_name() && self.nth_kind(1) == T::COLONEQUAL;
        let first = self.star_named_expression()?;
        if self.at(T::COLON) && !bare_walrus && !matches!(first, Expr::Starred(_)) {
            self.bump();
            let value = self.expression()?;
            if self.at_for() {
                let generators = self.for_if_clauses()?;
                self.expect(T::RBRACE)?;
                return Ok(Expr::DictComp(ExprDictComp {
                    key: Box::new(first),
                    value: Box::new(value),
                    generators,
                    range: self.range_from(start),
                }));
            }
            if !self.eat(T::COMMA) {
                self.expect(T::RBRACE)?;
                return Ok(Expr::Dict(ExprDict {
                    keys: vec![Some(first)],
                    values: vec![value],
                    range: self.range_from(start),
                }));
            }
            return self.dict_rest(start, vec![Some(first)], vec![value]);
        }
        if self.at_for() {
            if matches!(first, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            let generators = self.for_if_clauses()?;
            self.expect(T::RBRACE)?;
            return Ok(Expr::SetComp(ExprSetComp { elt: Box::new(first), generators, range: self.range_from(start) }));
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if self.at(T::RBRACE) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(T::RBRACE)?;
        Ok(Expr::Set(ExprSet { elts, range: self.range_from(start) }))
    }

    /// The remaining `double_starred_kvpair`s of a dict display, up to `}`.
    fn dict_rest(
        &mut self,
        start: crate::tokenizer::Pos,
        mut keys: Vec<Option<Expr>>,
        mut values: Vec<Expr>,
    ) -> PResult<Expr> {
        while !self.at(T::RBRACE) {
            if self.eat(T::DOUBLESTAR) {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                keys.push(Some(self.expression()?));
                self.expect(T::COLON)?;
                values.push(self.expression()?);
            }
            if !self.eat(T::COMMA) {
                break;
            }
        }
        self.expect(T::RBRACE)?;
        Ok(Expr::Dict(ExprDict { keys, values, range: self.range_from(start) }))
    }

    /// `for_if_clauses`.
    pub(crate) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut out = Vec::new();
        while self.at_for() {
            let clause_mark = self.pos;
            let is_async = self.eat_kw(Kw::Async) as u32;
            self.expect_kw(Kw::For)?;
            let r = (|| {
                let t = self.star_targets()?;
                self.expect_kw(Kw::In)?;
                Ok(t)
            })();
            let target = self.invalid_fallback(clause_mark, r, |p| p.invalid_for_if_clause())?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.disjunction()?);
            }
            out.push(Comprehension { target: Box::new(target), iter: Box::new(iter), ifs, is_async });
        }
        Ok(out)
    }

    /// `'(' [arguments] ')'` after a primary, including the `primary genexp` form.
    /// `None` when this is not a call (the caller rewinds).
    pub(crate) fn call_arguments(&mut self) -> PResult<Option<(Vec<Expr>, Vec<Keyword>)>> {
        self.call_arguments_ext(true)
    }

    /// `allow_genexp`: false for a class's bases (`'(' [arguments] ')'` has no genexp form).
    pub(crate) fn call_arguments_ext(&mut self, allow_genexp: bool) -> PResult<Option<(Vec<Expr>, Vec<Keyword>)>> {
        let lpar = self.start();
        self.bump();
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_double_star = false;
        if self.eat(T::RPAR) {
            return Ok(Some((args, keywords)));
        }
        loop {
            let start = self.start();
            match self.kind() {
                T::STAR => {
                    if seen_double_star {
                        return Err(PErr::Fail);
                    }
                    self.bump();
                    let value = self.expression()?;
                    args.push(Expr::Starred(ExprStarred {
                        value: Box::new(value),
                        ctx: ExprContext::Load,
                        range: self.range_from(start),
                    }));
                }
                T::DOUBLESTAR => {
                    seen_double_star = true;
                    self.bump();
                    let value = self.expression()?;
                    keywords.push(Keyword { arg: None, value: Box::new(value), range: self.range_from(start) });
                }
                T::NAME if self.nth_kind(1) == T::EQUAL && !self.kw().is_hard() => {
                    let (arg, _) = self.expect_name()?;
                    self.bump();
                    let value = self.expression()?;
                    keywords.push(Keyword { arg: Some(arg), value: Box::new(value), range: self.range_from(start) });
                }
                _ => {
                    // After a keyword argument only keywords and unpackings may follow:
                    // CPython's `kwargs` rule fails here without looking further.
                    if !keywords.is_empty() {
                        return Err(PErr::Fail);
                    }
                    let e = self.call_positional_arg()?;
                    if self.at(T::EQUAL) {
                        return Err(PErr::Fail);
                    }
                    if self.at_for() {
                        if !allow_genexp {
                            return Err(PErr::Fail);
                        }
                        // `primary genexp`: the generator expression is the only argument
                        // and its parentheses are the call's.
                        if !args.is_empty() || !keywords.is_empty() {
                            return Err(PErr::Fail);
                        }
                        let generators = self.for_if_clauses()?;
                        self.expect(T::RPAR)?;
                        let g = Expr::GeneratorExp(ExprGeneratorExp {
                            elt: Box::new(e),
                            generators,
                            range: self.range_from(lpar),
                        });
                        return Ok(Some((vec![g], Vec::new())));
                    }
                    if !keywords.is_empty() {
                        return Err(PErr::Fail);
                    }
                    args.push(e);
                }
            }
            if !self.eat(T::COMMA) || self.at(T::RPAR) {
                break;
            }
        }
        self.expect(T::RPAR)?;
        Ok(Some((args, keywords)))
    }
}
