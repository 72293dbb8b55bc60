//! Compound statements (python.gram "COMPOUND STATEMENTS"): blocks, decorators,
//! `def`/`async def` with PEP 695 type parameters, `class`, `if`/`elif`/`else`,
//! `while`, `for`, `with` (both parenthesized forms), `try`/`except`/`except*`.
//! `match` is in [`super::pattern`].

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::{Pos, TokenKind as T};

impl<'src> Parser<'src> {
    /// `compound_stmt`.
    pub(crate) fn compound_stmt(&mut self) -> PResult<Stmt> {
        let t = self.cur();
        if t.kind == T::AT {
            return self.decorated();
        }
        if t.kind != T::NAME {
            return Err(PErr::Fail);
        }
        match t.kw {
            Kw::Def => self.function_def(Vec::new(), None),
            Kw::If => self.if_stmt(),
            Kw::Class => self.class_def(Vec::new()),
            Kw::With => self.with_stmt(None),
            Kw::For => {
                let mark = self.pos;
                let r = self.for_stmt(None);
                self.invalid_fallback(mark, r, |p| p.invalid_for_target())
            }
            Kw::Try => self.try_stmt(),
            Kw::While => self.while_stmt(),
            Kw::Async => {
                let start = self.start();
                match self.nth_kw(1) {
                    Kw::Def => {
                        self.bump();
                        self.function_def(Vec::new(), Some(start))
                    }
                    Kw::With => {
                        self.bump();
                        self.with_stmt(Some(start))
                    }
                    Kw::For => {
                        self.bump();
                        let mark = self.pos;
                        let r = self.for_stmt(Some(start));
                        self.invalid_fallback(mark, r, |p| p.invalid_for_target())
                    }
                    _ => Err(PErr::Fail),
                }
            }
            Kw::Match => self.match_stmt(),
            _ => Err(PErr::Fail),
        }
    }

    /// `block`: `NEWLINE INDENT statements DEDENT | simple_stmts`.
    pub(crate) fn block(&mut self) -> PResult<Vec<Stmt>> {
        self.invalid(|p| p.invalid_block())?;
        if self.at(T::NEWLINE) {
            self.bump();
            self.expect(T::INDENT)?;
            self.enter()?;
            let r = self.statements();
            self.leave();
            let body = r?;
            if body.is_empty() {
                return Err(PErr::Fail);
            }
            self.expect(T::DEDENT)?;
            return Ok(body);
        }
        self.simple_stmts()
    }

    /// `decorators` followed by a function or class definition.
    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(T::AT) {
            decorators.push(self.named_expression()?);
            self.expect(T::NEWLINE)?;
        }
        match self.kw() {
            Kw::Def => self.function_def(decorators, None),
            Kw::Class => self.class_def(decorators),
            Kw::Async if self.nth_kw(1) == Kw::Def => {
                let start = self.start();
                self.bump();
                self.function_def(decorators, Some(start))
            }
            _ => Err(PErr::Fail),
        }
    }

    /// `function_def_raw` (`async_start` is where `async` was, already consumed).
    fn function_def(&mut self, decorator_list: Vec<Expr>, async_start: Option<Pos>) -> PResult<Stmt> {
        let def = self.start();
        let start = async_start.unwrap_or(def);
        self.invalid(|p| p.invalid_def_raw())?;
        self.expect_kw(Kw::Def)?;
        let (name, _) = self.expect_name()?;
        // `t=[type_params] &&'('` and `a=['->' expression] &&':'`: an optional part that
        // does not parse is absent, and the forced token is then expected in its place.
        let type_params =
            if self.at(T::LSQB) { self.attempt(|p| p.type_params())?.unwrap_or_default() } else { Vec::new() };
        self.expect_forced(T::LPAR, "(")?;
        let args = if self.at(T::RPAR) { Self::empty_arguments() } else { self.params()? };
        self.expect(T::RPAR)?;
        let returns = if self.at(T::RARROW) {
            self.attempt(|p| {
                p.bump();
                p.expression()
            })?
            .map(Box::new)
        } else {
            None
        };
        self.expect_forced(T::COLON, ":")?;
        let type_comment = self.func_type_comment();
        let body = self.block()?;
        let range = self.range_from(start);
        let args = Box::new(args);
        Ok(if async_start.is_some() {
            Stmt::AsyncFunctionDef(StmtAsyncFunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                type_comment,
                type_params,
                range,
            })
        } else {
            Stmt::FunctionDef(StmtFunctionDef { name, args, body, decorator_list, returns, type_comment, type_params, range })
        })
    }

    /// `func_type_comment`: `NEWLINE TYPE_COMMENT &(NEWLINE INDENT) | TYPE_COMMENT`.
    fn func_type_comment(&mut self) -> Option<String> {
        if self.at(T::NEWLINE)
            && self.nth_kind(1) == T::TYPE_COMMENT
            && self.nth_kind(2) == T::NEWLINE
            && self.nth_kind(3) == T::INDENT
        {
            self.bump();
            let i = self.bump();
            self.check_type_comment(i);
            return Some(self.toks[i].text.to_string());
        }
        self.opt_type_comment()
    }

    /// `class_def_raw`.
    fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.start();
        self.invalid(|p| p.invalid_class_def_raw())?;
        self.expect_kw(Kw::Class)?;
        let (name, _) = self.expect_name()?;
        let type_params = if self.at(T::LSQB) { self.type_params()? } else { Vec::new() };
        let (bases, keywords) = if self.at(T::LPAR) {
            // A class's bases take no bare generator expression; the second pass runs the
            // invalid_* rules of call arguments.
            let r = if self.call_invalid_rules { self.call_arguments_checked() } else { self.call_arguments_ext(false) };
            match r? {
                Some(v) => v,
                None => return Err(PErr::Fail),
            }
        } else {
            (Vec::new(), Vec::new())
        };
        self.expect(T::COLON)?;
        let body = self.block()?;
        Ok(Stmt::ClassDef(StmtClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
            type_params,
            range: self.range_from(start),
        }))
    }

    /// `if_stmt` / `elif_stmt`.
    fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.invalid(|p| p.invalid_if_stmt())?;
        self.bump();
        let test = self.named_expression()?;
        self.expect(T::COLON)?;
        let body = self.block()?;
        let orelse = if self.at_kw(Kw::Elif) {
            vec![self.if_stmt()?]
        } else {
            self.else_block()?
        };
        Ok(Stmt::If(StmtIf { test: Box::new(test), body, orelse, range: self.range_from(start) }))
    }

    /// `[else_block]`.
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at_kw(Kw::Else) {
            self.invalid(|p| p.invalid_else_stmt())?;
            self.bump();
            self.expect_forced(T::COLON, ":")?;
            return self.block();
        }
        Ok(Vec::new())
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.invalid(|p| p.invalid_while_stmt())?;
        self.bump();
        let test = self.named_expression()?;
        self.expect(T::COLON)?;
        let body = self.block()?;
        let orelse = self.else_block()?;
        Ok(Stmt::While(StmtWhile { test: Box::new(test), body, orelse, range: self.range_from(start) }))
    }

    fn for_stmt(&mut self, async_start: Option<Pos>) -> PResult<Stmt> {
        let start = async_start.unwrap_or_else(|| self.start());
        self.invalid(|p| p.invalid_for_stmt())?;
        self.expect_kw(Kw::For)?;
        let target = self.star_targets()?;
        self.expect_kw(Kw::In)?;
        let iter = self.star_expressions()?;
        self.expect(T::COLON)?;
        let type_comment = self.opt_type_comment();
        let body = self.block()?;
        let orelse = self.else_block()?;
        let (target, iter) = (Box::new(target), Box::new(iter));
        let range = self.range_from(start);
        Ok(if async_start.is_some() {
            Stmt::AsyncFor(StmtAsyncFor { target, iter, body, orelse, type_comment, range })
        } else {
            Stmt::For(StmtFor { target, iter, body, orelse, type_comment, range })
        })
    }

    /// `with_item`: `expression 'as' star_target &(',' | ')' | ':') | expression`.
    fn with_item(&mut self) -> PResult<WithItem> {
        let item_start = self.pos;
        let context_expr = self.expression()?;
        if self.at_kw(Kw::As) {
            if let Some(t) = self.attempt(|p| {
                p.bump();
                let t = p.star_target()?;
                if !matches!(p.kind(), T::COMMA | T::RPAR | T::COLON) {
                    return Err(PErr::Fail);
                }
                Ok(t)
            })? {
                return Ok(WithItem { context_expr: Box::new(context_expr), optional_vars: Some(Box::new(t)) });
            }
            let here = self.pos;
            self.pos = item_start;
            self.invalid(|p| p.invalid_with_item())?;
            self.pos = here;
        }
        Ok(WithItem { context_expr: Box::new(context_expr), optional_vars: None })
    }

    fn with_stmt(&mut self, async_start: Option<Pos>) -> PResult<Stmt> {
        let start = async_start.unwrap_or_else(|| self.start());
        self.invalid(|p| p.invalid_with_stmt())?;
        self.expect_kw(Kw::With)?;
        let mut parenthesized = false;
        let mut items = Vec::new();
        if self.at(T::LPAR) {
            if let Some(v) = self.attempt(|p| {
                p.bump();
                let mut items = vec![p.with_item()?];
                while p.eat(T::COMMA) {
                    if p.at(T::RPAR) {
                        break;
                    }
                    items.push(p.with_item()?);
                }
                p.expect(T::RPAR)?;
                if !p.at(T::COLON) {
                    return Err(PErr::Fail);
                }
                Ok(items)
            })? {
                items = v;
                parenthesized = true;
            }
        }
        if !parenthesized {
            items.push(self.with_item()?);
            while self.eat(T::COMMA) {
                items.push(self.with_item()?);
            }
        }
        self.expect(T::COLON)?;
        // 3.13: `async with (…):` takes no type comment.
        let type_comment = if parenthesized && async_start.is_some() { None } else { self.opt_type_comment() };
        let body = self.block()?;
        let range = self.range_from(start);
        Ok(if async_start.is_some() {
            Stmt::AsyncWith(StmtAsyncWith { items, body, type_comment, range })
        } else {
            Stmt::With(StmtWith { items, body, type_comment, range })
        })
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.invalid(|p| p.invalid_try_stmt())?;
        self.bump();
        self.expect_forced(T::COLON, ":")?;
        let body = self.block()?;
        let mut handlers = Vec::new();
        let mut star: Option<bool> = None;
        while self.at_kw(Kw::Except) {
            let hstart = self.start();
            self.invalid(|p| p.invalid_except_stmt())?;
            self.bump();
            let is_star = self.eat(T::STAR);
            match star {
                None => star = Some(is_star),
                Some(s) if s != is_star => return Err(PErr::Fail),
                _ => {}
            }
            let mut type_ = None;
            let mut name = None;
            if !self.at(T::COLON) {
                type_ = Some(Box::new(self.expression()?));
                if self.eat_kw(Kw::As) {
                    name = Some(self.expect_name()?.0);
                }
            } else if is_star {
                return Err(PErr::Fail);
            }
            self.expect(T::COLON)?;
            let hbody = self.block()?;
            handlers.push(ExceptHandler { type_, name, body: hbody, range: self.range_from(hstart) });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.at_kw(Kw::Finally) {
            self.invalid(|p| p.invalid_finally_stmt())?;
            self.bump();
            self.expect_forced(T::COLON, ":")?;
            self.block()?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(PErr::Fail);
        }
        let range = self.range_from(start);
        Ok(if star == Some(true) {
            Stmt::TryStar(StmtTryStar { body, handlers, orelse, finalbody, range })
        } else {
            Stmt::Try(StmtTry { body, handlers, orelse, finalbody, range })
        })
    }

    /// `type_params`: `'[' ','.type_param+ [','] ']'`.
    pub(crate) fn type_params(&mut self) -> PResult<Vec<TypeParam>> {
        self.invalid(|p| p.invalid_type_params())?;
        self.expect(T::LSQB)?;
        let mut out = Vec::new();
        loop {
            let start = self.start();
            self.invalid(|p| p.invalid_type_param())?;
            if self.eat(T::STAR) {
                let (name, _) = self.expect_name()?;
                let default_value = if self.eat(T::EQUAL) { Some(Box::new(self.star_expression()?)) } else { None };
                out.push(TypeParam::TypeVarTuple(TypeParamTypeVarTuple { name, default_value, range: self.range_from(start) }));
            } else if self.eat(T::DOUBLESTAR) {
                let (name, _) = self.expect_name()?;
                let default_value = if self.eat(T::EQUAL) { Some(Box::new(self.expression()?)) } else { None };
                out.push(TypeParam::ParamSpec(TypeParamParamSpec { name, default_value, range: self.range_from(start) }));
            } else {
                let (name, _) = self.expect_name()?;
                let bound = if self.eat(T::COLON) { Some(Box::new(self.expression()?)) } else { None };
                let default_value = if self.eat(T::EQUAL) { Some(Box::new(self.expression()?)) } else { None };
                out.push(TypeParam::TypeVar(TypeParamTypeVar { name, bound, default_value, range: self.range_from(start) }));
            }
            if !self.eat(T::COMMA) || self.at(T::RSQB) {
                break;
            }
        }
        self.expect(T::RSQB)?;
        Ok(out)
    }
}
