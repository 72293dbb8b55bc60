//! `invalid_assignment` and `invalid_ann_assign_target`: what cannot be assigned to,
//! annotated, or augmented-assigned ("cannot assign to function call", "only single
//! target (not tuple) can be annotated", "'list' is an illegal expression for augmented
//! assignment", …).

use super::super::{Kw, PErr, PResult, Parser};
use super::{expr_name, TargetsType};
use crate::ast::Expr;
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

fn is_augassign(k: T) -> bool {
    matches!(
        k,
        T::PLUSEQUAL
            | T::MINEQUAL
            | T::STAREQUAL
            | T::ATEQUAL
            | T::SLASHEQUAL
            | T::PERCENTEQUAL
            | T::AMPEREQUAL
            | T::VBAREQUAL
            | T::CIRCUMFLEXEQUAL
            | T::LEFTSHIFTEQUAL
            | T::RIGHTSHIFTEQUAL
            | T::DOUBLESTAREQUAL
            | T::DOUBLESLASHEQUAL
    )
}

impl<'src> Parser<'src> {
    fn raise_at_node(&mut self, msg: String, e: &Expr) -> PErr {
        let r = e.range();
        self.raise_span(
            SyntaxErrorKind::SyntaxError,
            msg,
            Pos { line: r.lineno, col: r.col_offset },
            Pos { line: r.end_lineno, col: r.end_col_offset },
        )
    }

    /// `invalid_ann_assign_target`: `list | tuple | '(' invalid_ann_assign_target ')'`.
    fn invalid_ann_assign_target(&mut self) -> PResult<Expr> {
        match self.kind() {
            T::LSQB => {
                let e = self.atom()?;
                if matches!(e, Expr::List(_)) {
                    Ok(e)
                } else {
                    Err(PErr::Fail)
                }
            }
            T::LPAR => {
                let mark = self.pos;
                if let Some(e) = self.attempt(|p| p.atom())? {
                    if matches!(e, Expr::Tuple(_)) {
                        // `tuple` proper: the parentheses are the tuple's own
                        let r = e.range();
                        let t = &self.toks[mark];
                        if t.start.line == r.lineno && t.start.col == r.col_offset {
                            return Ok(e);
                        }
                    }
                }
                self.pos = mark;
                self.bump();
                let e = self.invalid_ann_assign_target()?;
                self.expect(T::RPAR)?;
                Ok(e)
            }
            _ => Err(PErr::Fail),
        }
    }

    /// `invalid_assignment`, tried where the valid assignment and expression-statement
    /// alternatives failed. Errors raised by rules nested in the sub-expressions win.
    pub(crate) fn invalid_assignment(&mut self) -> PResult<()> {
        let mark = self.pos;
        // a=invalid_ann_assign_target ':' expression
        if let Some(a) = self.attempt(|p| {
            let a = p.invalid_ann_assign_target()?;
            p.expect(T::COLON)?;
            p.expression()?;
            Ok(a)
        })? {
            let msg = format!("only single target (not {}) can be annotated", expr_name(&a));
            return Err(self.raise_at_node(msg, &a));
        }
        // a=star_named_expression ',' star_named_expressions* ':' expression
        if let Some(a) = self.attempt(|p| {
            let a = p.star_named_expression()?;
            p.expect(T::COMMA)?;
            loop {
                if !(p.at_expression_start() || p.at(T::STAR)) {
                    break;
                }
                if p.attempt(|p| p.star_named_expression())?.is_none() {
                    break;
                }
                if !p.eat(T::COMMA) {
                    break;
                }
            }
            p.expect(T::COLON)?;
            p.expression()?;
            Ok(a)
        })? {
            return Err(self.raise_at_node("only single target (not tuple) can be annotated".into(), &a));
        }
        // a=expression ':' expression
        if let Some(a) = self.attempt(|p| {
            let a = p.expression()?;
            p.expect(T::COLON)?;
            p.expression()?;
            Ok(a)
        })? {
            return Err(self.raise_at_node("illegal target for annotation".into(), &a));
        }
        // (star_targets '=')* a=star_expressions '='
        self.skip_star_targets_eq()?;
        let after_targets = self.pos;
        if let Some(a) = self.attempt(|p| {
            let a = p.star_expressions()?;
            if !p.at(T::EQUAL) {
                return Err(PErr::Fail);
            }
            Ok(a)
        })? {
            return Err(self.raise_invalid_target(TargetsType::Star, &a));
        }
        // (star_targets '=')* a=yield_expr '='
        self.pos = after_targets;
        if self.at_kw(Kw::Yield) {
            if let Some(a) = self.attempt(|p| {
                let a = p.yield_expr()?;
                if !p.at(T::EQUAL) {
                    return Err(PErr::Fail);
                }
                Ok(a)
            })? {
                return Err(self.raise_at_node("assignment to yield expression not possible".into(), &a));
            }
        }
        // a=star_expressions augassign annotated_rhs
        self.pos = mark;
        if let Some(a) = self.attempt(|p| {
            let a = p.star_expressions()?;
            if !is_augassign(p.kind()) {
                return Err(PErr::Fail);
            }
            p.bump();
            p.annotated_rhs()?;
            Ok(a)
        })? {
            let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(&a));
            return Err(self.raise_at_node(msg, &a));
        }
        Err(PErr::Fail)
    }

    /// `(star_targets '=')*`, greedily.
    fn skip_star_targets_eq(&mut self) -> PResult<()> {
        loop {
            let r = self.attempt(|p| {
                p.star_targets()?;
                p.expect(T::EQUAL)?;
                Ok(())
            })?;
            if r.is_none() {
                return Ok(());
            }
        }
    }
}
