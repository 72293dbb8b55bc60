//! Assignment and `del` targets (python.gram "ASSIGNMENT TARGETS").
//!
//! Targets are parsed as expressions and then checked and given their context
//! (`Store`/`Del`), which yields the same nodes and positions as CPython's
//! `star_targets`/`del_targets` rules: a target is a Name, Attribute or Subscript, or a
//! Tuple/List (and for stores, Starred) of targets. A parenthesized single target is
//! the inner node, as in `star_atom`.

use super::{PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokenKind as T;

/// Give `e` the context `ctx` if it is a valid target; otherwise return it unchanged
/// as the error (the invalid_* rules name the offending node).
pub(crate) fn set_context(e: Expr, ctx: ExprContext) -> Result<Expr, Expr> {
    Ok(match e {
        Expr::Name(mut n) => {
            n.ctx = ctx;
            Expr::Name(n)
        }
        Expr::Attribute(mut a) => {
            a.ctx = ctx;
            Expr::Attribute(a)
        }
        Expr::Subscript(mut s) => {
            s.ctx = ctx;
            Expr::Subscript(s)
        }
        Expr::Starred(s) if ctx == ExprContext::Store => {
            if matches!(*s.value, Expr::Starred(_)) {
                return Err(Expr::Starred(s));
            }
            let ExprStarred { value, range, .. } = s;
            match set_context(*value, ctx) {
                Ok(v) => Expr::Starred(ExprStarred { value: Box::new(v), ctx, range }),
                Err(bad) => return Err(bad),
            }
        }
        Expr::Tuple(t) => {
            let mut elts = Vec::with_capacity(t.elts.len());
            for x in t.elts {
                elts.push(set_context(x, ctx)?);
            }
            Expr::Tuple(ExprTuple { elts, ctx, range: t.range })
        }
        Expr::List(l) => {
            let mut elts = Vec::with_capacity(l.elts.len());
            for x in l.elts {
                elts.push(set_context(x, ctx)?);
            }
            Expr::List(ExprList { elts, ctx, range: l.range })
        }
        other => return Err(other),
    })
}

impl<'src> Parser<'src> {
    /// `star_target`: `'*' star_target | target_with_star_atom`, as an expression at
    /// `bitwise_or` level (so that `in` is not taken as an operator).
    fn star_target_expr(&mut self) -> PResult<Expr> {
        if self.at(T::STAR) {
            let start = self.start();
            self.bump();
            if self.at(T::STAR) {
                return Err(PErr::Fail);
            }
            let value = self.star_target_expr()?;
            return Ok(Expr::Starred(ExprStarred {
                value: Box::new(value),
                ctx: ExprContext::Load,
                range: self.range_from(start),
            }));
        }
        self.bitwise_or()
    }

    /// `star_targets`: one target, or a Tuple of them when there is a comma.
    pub(crate) fn star_targets(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_target_expr()?;
        let e = if self.at(T::COMMA) {
            let mut elts = vec![first];
            while self.eat(T::COMMA) {
                if !(self.at_expression_start() || self.at(T::STAR)) {
                    break;
                }
                match self.attempt(|p| p.star_target_expr())? {
                    Some(e) => elts.push(e),
                    None => break,
                }
            }
            Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) })
        } else {
            first
        };
        self.to_target(e, ExprContext::Store)
    }

    /// `star_target` (a single one, as in `with … as TARGET`).
    pub(crate) fn star_target(&mut self) -> PResult<Expr> {
        let e = self.star_target_expr()?;
        self.to_target(e, ExprContext::Store)
    }

    /// Check and convert a parsed expression into a target.
    pub(crate) fn to_target(&mut self, e: Expr, ctx: ExprContext) -> PResult<Expr> {
        set_context(e, ctx).map_err(|_| PErr::Fail)
    }

    /// `del_targets`: `','.del_target+ [',']`.
    pub(crate) fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut out = Vec::new();
        loop {
            let e = self.bitwise_or()?;
            if matches!(e, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            out.push(self.to_target(e, ExprContext::Del)?);
            if !self.eat(T::COMMA) || !self.at_expression_start() {
                break;
            }
        }
        Ok(out)
    }
}
