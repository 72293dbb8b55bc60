//! Statements (python.gram "GENERAL STATEMENTS" and "SIMPLE STATEMENTS"): the
//! statement loop, `simple_stmts`, assignment in all its forms, `type` aliases, and the
//! keyword statements (`return`, `import`, `raise`, `global`, `del`, `assert`, …).

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokenKind as T;

fn augassign(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PLUSEQUAL => Operator::Add,
        T::MINEQUAL => Operator::Sub,
        T::STAREQUAL => Operator::Mult,
        T::ATEQUAL => Operator::MatMult,
        T::SLASHEQUAL => Operator::Div,
        T::PERCENTEQUAL => Operator::Mod,
        T::AMPEREQUAL => Operator::BitAnd,
        T::VBAREQUAL => Operator::BitOr,
        T::CIRCUMFLEXEQUAL => Operator::BitXor,
        T::LEFTSHIFTEQUAL => Operator::LShift,
        T::RIGHTSHIFTEQUAL => Operator::RShift,
        T::DOUBLESTAREQUAL => Operator::Pow,
        T::DOUBLESLASHEQUAL => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'src> Parser<'src> {
    /// `statements`: `statement+`; empty when the first statement fails (the callers
    /// check what follows).
    pub(crate) fn statements(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.kind() {
                T::ENDMARKER | T::DEDENT => break,
                _ => {}
            }
            let mark = self.pos;
            match self.statement(&mut body) {
                Ok(()) => {}
                Err(PErr::Fail) => {
                    self.pos = mark;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(body)
    }

    /// `statement`: `compound_stmt | simple_stmts`, appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        if let Some(s) = self.attempt(|p| p.compound_stmt())? {
            out.push(s);
            return Ok(());
        }
        let v = self.simple_stmts()?;
        out.extend(v);
        Ok(())
    }

    /// `simple_stmts`: `';'.simple_stmt+ [';'] NEWLINE`.
    pub(crate) fn simple_stmts(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = Vec::new();
        loop {
            out.push(self.simple_stmt()?);
            if !self.eat(T::SEMI) {
                break;
            }
            if self.at(T::NEWLINE) {
                break;
            }
        }
        self.expect(T::NEWLINE)?;
        Ok(out)
    }

    /// `simple_stmt`.
    pub(crate) fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let t = self.cur();
        if t.kind == T::NAME {
            match t.kw {
                Kw::Return => {
                    self.bump();
                    let value = if self.at_expression_start() || self.at(T::STAR) {
                        Some(Box::new(self.star_expressions()?))
                    } else {
                        None
                    };
                    return Ok(Stmt::Return(StmtReturn { value, range: self.range_from(start) }));
                }
                Kw::Import => {
                    self.invalid(|p| p.invalid_import())?;
                    return self.import_name();
                }
                Kw::From => return self.import_from(),
                Kw::Raise => {
                    self.bump();
                    let mut exc = None;
                    let mut cause = None;
                    if self.at_expression_start() {
                        exc = Some(Box::new(self.expression()?));
                        if self.eat_kw(Kw::From) {
                            cause = Some(Box::new(self.expression()?));
                        }
                    }
                    return Ok(Stmt::Raise(StmtRaise { exc, cause, range: self.range_from(start) }));
                }
                Kw::Pass => {
                    self.bump();
                    return Ok(Stmt::Pass(StmtPass { range: self.range_from(start) }));
                }
                Kw::Break => {
                    self.bump();
                    return Ok(Stmt::Break(StmtBreak { range: self.range_from(start) }));
                }
                Kw::Continue => {
                    self.bump();
                    return Ok(Stmt::Continue(StmtContinue { range: self.range_from(start) }));
                }
                Kw::Del => {
                    if let Some(s) = self.attempt(|p| {
                        p.bump();
                        let targets = p.del_targets()?;
                        if !(p.at(T::SEMI) || p.at(T::NEWLINE)) {
                            return Err(PErr::Fail);
                        }
                        Ok(Stmt::Delete(StmtDelete { targets, range: p.range_from(start) }))
                    })? {
                        return Ok(s);
                    }
                    return super::invalid::invalid_del_stmt(self);
                }
                Kw::Assert => {
                    self.bump();
                    let test = self.expression()?;
                    let msg = if self.eat(T::COMMA) { Some(Box::new(self.expression()?)) } else { None };
                    return Ok(Stmt::Assert(StmtAssert { test: Box::new(test), msg, range: self.range_from(start) }));
                }
                Kw::Global | Kw::Nonlocal => {
                    let is_global = t.kw == Kw::Global;
                    self.bump();
                    let mut names = vec![self.expect_name()?.0];
                    while self.eat(T::COMMA) {
                        names.push(self.expect_name()?.0);
                    }
                    let range = self.range_from(start);
                    return Ok(if is_global {
                        Stmt::Global(StmtGlobal { names, range })
                    } else {
                        Stmt::Nonlocal(StmtNonlocal { names, range })
                    });
                }
                Kw::Type => {
                    if self.nth_kind(1) == T::NAME && matches!(self.nth_kind(2), T::EQUAL | T::LSQB) {
                        if let Some(s) = self.attempt(|p| p.type_alias())? {
                            return Ok(s);
                        }
                    }
                }
                _ => {}
            }
        }
        let mark = self.pos;
        let r = self.assignment_or_expr();
        self.invalid_fallback(mark, r, |p| p.invalid_assignment())
    }

    /// `type_alias`: `"type" NAME [type_params] '=' expression`.
    fn type_alias(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.bump();
        if self.call_invalid_rules && self.at(T::NAME) && self.nth_kind(1) == T::LSQB {
            // Before `type_alias`, CPython's second pass went through
            // `invalid_legacy_expression` (`a=NAME !'(' b=star_expressions`, the name
            // checked afterwards) at `type`: parsing b fetches the tokens after the '['
            // that `invalid_type_params` then counts in its error's end.
            let m = self.pos;
            let _ = self.attempt(|p| p.star_expressions())?;
            self.pos = m;
        }
        let (id, r) = self.expect_name()?;
        let type_params = if self.at(T::LSQB) { self.type_params()? } else { Vec::new() };
        self.expect(T::EQUAL)?;
        let value = self.expression()?;
        Ok(Stmt::TypeAlias(StmtTypeAlias {
            name: Box::new(Expr::Name(ExprName { id, ctx: ExprContext::Store, range: r })),
            type_params,
            value: Box::new(value),
            range: self.range_from(start),
        }))
    }

    /// `annotated_rhs`: `yield_expr | star_expressions`.
    pub(crate) fn annotated_rhs(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// `assignment` (all four forms) or an expression statement.
    fn assignment_or_expr(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let first_is_name = self.at_name() && self.nth_kind(1) == T::COLON;
        let first = self.annotated_rhs()?;
        match self.kind() {
            T::EQUAL => {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.bump();
                    value = self.annotated_rhs()?;
                    if !self.at(T::EQUAL) {
                        break;
                    }
                    targets.push(value);
                }
                let mut checked = Vec::with_capacity(targets.len());
                for t in targets {
                    if matches!(t, Expr::Yield(_) | Expr::YieldFrom(_)) {
                        return Err(PErr::Fail);
                    }
                    checked.push(self.to_target(t, ExprContext::Store)?);
                }
                let type_comment = self.opt_type_comment();
                Ok(Stmt::Assign(StmtAssign {
                    targets: checked,
                    value: Box::new(value),
                    type_comment,
                    range: self.range_from(start),
                }))
            }
            T::COLON => {
                let simple = match &first {
                    Expr::Name(_) => first_is_name,
                    Expr::Attribute(_) | Expr::Subscript(_) => false,
                    _ => return Err(PErr::Fail),
                };
                let target = self.to_target(first, ExprContext::Store)?;
                self.bump();
                let annotation = self.expression()?;
                let value = if self.eat(T::EQUAL) { Some(Box::new(self.annotated_rhs()?)) } else { None };
                Ok(Stmt::AnnAssign(StmtAnnAssign {
                    target: Box::new(target),
                    annotation: Box::new(annotation),
                    value,
                    simple: simple as u32,
                    range: self.range_from(start),
                }))
            }
            k => {
                if let Some(op) = augassign(k) {
                    if !matches!(first, Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)) {
                        return Err(PErr::Fail);
                    }
                    let target = self.to_target(first, ExprContext::Store)?;
                    self.bump();
                    let value = self.annotated_rhs()?;
                    return Ok(Stmt::AugAssign(StmtAugAssign {
                        target: Box::new(target),
                        op,
                        value: Box::new(value),
                        range: self.range_from(start),
                    }));
                }
                Ok(Stmt::Expr(StmtExpr { value: Box::new(first), range: self.range_from(start) }))
            }
        }
    }

    /// An optional TYPE_COMMENT token.
    pub(crate) fn opt_type_comment(&mut self) -> Option<String> {
        if self.at(T::TYPE_COMMENT) {
            let i = self.bump();
            self.check_type_comment(i);
            Some(self.toks[i].text.to_string())
        } else {
            None
        }
    }

    /// `NEW_TYPE_COMMENT`: the comment's bytes are decoded strictly; undecodable ones
    /// end the parse with the `UnicodeDecodeError`.
    pub(crate) fn check_type_comment(&mut self, i: usize) {
        if !self.undecodable.is_empty() && self.pending_decode_error.is_none() {
            let text = self.toks[i].text.clone();
            self.pending_decode_error = self.undecodable_error(&text, false);
        }
    }

    /// `dotted_name`.
    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?.0;
        while self.at(T::DOT) && self.nth_kind(1) == T::NAME && !self.nth_kw(1).is_hard() {
            self.bump();
            name.push('.');
            name.push_str(&self.expect_name()?.0);
        }
        Ok(name)
    }

    /// `import_name`: `'import' dotted_as_names`.
    fn import_name(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.bump();
        let mut names = Vec::new();
        loop {
            let s = self.start();
            let name = self.dotted_name()?;
            let asname = if self.eat_kw(Kw::As) { Some(self.expect_name()?.0) } else { None };
            names.push(Alias { name, asname, range: self.range_from(s) });
            if !self.eat(T::COMMA) {
                break;
            }
        }
        Ok(Stmt::Import(StmtImport { names, range: self.range_from(start) }))
    }

    /// `import_from`.
    fn import_from(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.bump();
        let mut level = 0;
        loop {
            match self.kind() {
                T::DOT => level += 1,
                T::ELLIPSIS => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if level > 0 && self.at_kw(Kw::Import) { None } else { Some(self.dotted_name()?) };
        self.expect_kw(Kw::Import)?;
        self.invalid(|p| p.invalid_import_from_targets())?;
        let mut names = Vec::new();
        if self.at(T::STAR) {
            let i = self.bump();
            names.push(Alias { name: "*".into(), asname: None, range: self.tok_range(i) });
        } else {
            let paren = self.eat(T::LPAR);
            loop {
                let s = self.start();
                let name = self.expect_name()?.0;
                let asname = if self.eat_kw(Kw::As) { Some(self.expect_name()?.0) } else { None };
                names.push(Alias { name, asname, range: self.range_from(s) });
                if !self.eat(T::COMMA) {
                    break;
                }
                if paren && self.at(T::RPAR) {
                    break;
                }
            }
            if paren {
                self.expect(T::RPAR)?;
            } else if self.at(T::COMMA) {
                return Err(PErr::Fail);
            }
        }
        Ok(Stmt::ImportFrom(StmtImportFrom { module, names, level: Some(level), range: self.range_from(start) }))
    }
}
