//! Expressions from `expressions` down to `primary` (python.gram "EXPRESSIONS"):
//! conditional expressions, `or`/`and`/`not`, comparisons, the binary operators by
//! precedence climbing, unary operators, `**`, `await`, and the postfix chain of
//! attribute access, calls and subscripts.

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokenKind as T;

/// Binary operators of `bitwise_or` … `term`, with their precedence (higher binds
/// tighter). All are left-associative.
fn binop(kind: T) -> Option<(Operator, u8)> {
    Some(match kind {
        T::VBAR => (Operator::BitOr, 1),
        T::CIRCUMFLEX => (Operator::BitXor, 2),
        T::AMPER => (Operator::BitAnd, 3),
        T::LEFTSHIFT => (Operator::LShift, 4),
        T::RIGHTSHIFT => (Operator::RShift, 4),
        T::PLUS => (Operator::Add, 5),
        T::MINUS => (Operator::Sub, 5),
        T::STAR => (Operator::Mult, 6),
        T::SLASH => (Operator::Div, 6),
        T::DOUBLESLASH => (Operator::FloorDiv, 6),
        T::PERCENT => (Operator::Mod, 6),
        T::AT => (Operator::MatMult, 6),
        _ => return None,
    })
}

impl<'src> Parser<'src> {
    /// Whether the current token can begin an `expression` (used where the grammar has
    /// an optional expression, to avoid a failed attempt).
    pub(crate) fn at_expression_start(&mut self) -> bool {
        let t = self.cur();
        match t.kind {
            T::NAME => match t.kw {
                Kw::NotKw | Kw::Match | Kw::Case | Kw::Type | Kw::Underscore => true,
                Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await => true,
                _ => false,
            },
            T::NUMBER | T::STRING | T::FSTRING_START | T::LPAR | T::LSQB | T::LBRACE | T::MINUS | T::PLUS | T::TILDE
            | T::ELLIPSIS => true,
            _ => false,
        }
    }

    /// `expressions`: `expression (',' expression)* [',']`, a Tuple when there is a comma.
    pub(crate) fn expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.expression()?;
        if !self.at(T::COMMA) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if !self.at_expression_start() {
                break;
            }
            match self.attempt(|p| p.expression())? {
                Some(e) => elts.push(e),
                None => break,
            }
        }
        Ok(Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    /// `star_expressions`.
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if !self.at(T::COMMA) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if !(self.at_expression_start() || self.at(T::STAR)) {
                break;
            }
            match self.attempt(|p| p.star_expression())? {
                Some(e) => elts.push(e),
                None => break,
            }
        }
        Ok(Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    /// `star_expression`: `'*' bitwise_or | expression`.
    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at(T::STAR) {
            let start = self.start();
            self.bump();
            let value = self.bitwise_or()?;
            return Ok(Expr::Starred(ExprStarred {
                value: Box::new(value),
                ctx: ExprContext::Load,
                range: self.range_from(start),
            }));
        }
        self.expression()
    }

    /// `star_named_expression`: `'*' bitwise_or | named_expression`.
    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::STAR) {
            let start = self.start();
            self.bump();
            let value = self.bitwise_or()?;
            return Ok(Expr::Starred(ExprStarred {
                value: Box::new(value),
                ctx: ExprContext::Load,
                range: self.range_from(start),
            }));
        }
        self.named_expression()
    }

    /// `named_expression`: `NAME ':=' expression | expression !':='`.
    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        if self.at_name() && self.nth_kind(1) == T::COLONEQUAL {
            return self.assignment_expression();
        }
        self.invalid(|p| p.invalid_named_expression())?;
        let e = self.expression()?;
        if self.at(T::COLONEQUAL) {
            return Err(PErr::Fail);
        }
        Ok(e)
    }

    /// `assignment_expression`: `NAME ':=' ~ expression`.
    pub(crate) fn assignment_expression(&mut self) -> PResult<Expr> {
        let start = self.start();
        let (id, r) = self.expect_name()?;
        self.expect(T::COLONEQUAL)?;
        let value = self.expression()?;
        Ok(Expr::NamedExpr(ExprNamedExpr {
            target: Box::new(Expr::Name(ExprName { id, ctx: ExprContext::Store, range: r })),
            value: Box::new(value),
            range: self.range_from(start),
        }))
    }

    /// `expression`: `disjunction 'if' disjunction 'else' expression | disjunction | lambdef`.
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.leave();
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        self.invalid(|p| p.invalid_expression())?;
        if self.at_kw(Kw::Lambda) {
            return self.lambdef();
        }
        let start = self.start();
        let body = self.disjunction()?;
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        let rest = self.attempt(|p| {
            p.bump();
            let test = p.disjunction()?;
            p.expect_kw(Kw::Else)?;
            let orelse = p.expression()?;
            Ok((test, orelse))
        })?;
        match rest {
            Some((test, orelse)) => Ok(Expr::IfExp(ExprIfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
                range: self.range_from(start),
            })),
            None => Ok(body),
        }
    }

    /// `yield_expr`.
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.expect_kw(Kw::Yield)?;
        if self.eat_kw(Kw::From) {
            let value = self.expression()?;
            return Ok(Expr::YieldFrom(ExprYieldFrom { value: Box::new(value), range: self.range_from(start) }));
        }
        let value = if self.at_expression_start() || self.at(T::STAR) {
            self.attempt(|p| p.star_expressions())?.map(Box::new)
        } else {
            None
        };
        Ok(Expr::Yield(ExprYield { value, range: self.range_from(start) }))
    }

    /// `disjunction`: `conjunction ('or' conjunction)*`.
    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.conjunction()?;
        if !self.at_kw(Kw::Or) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(Kw::Or) {
            values.push(self.conjunction()?);
        }
        Ok(Expr::BoolOp(ExprBoolOp { op: BoolOp::Or, values, range: self.range_from(start) }))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.inversion()?;
        if !self.at_kw(Kw::And) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(Kw::And) {
            values.push(self.inversion()?);
        }
        Ok(Expr::BoolOp(ExprBoolOp { op: BoolOp::And, values, range: self.range_from(start) }))
    }

    pub(crate) fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Not) {
            self.enter()?;
            let start = self.start();
            self.bump();
            let r = self.inversion();
            self.leave();
            let operand = r?;
            return Ok(Expr::UnaryOp(ExprUnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(operand),
                range: self.range_from(start),
            }));
        }
        self.comparison()
    }

    fn cmpop(&mut self) -> Option<(CmpOp, usize)> {
        let t = self.cur();
        Some(match t.kind {
            T::EQEQUAL => (CmpOp::Eq, 1),
            T::NOTEQUAL => (CmpOp::NotEq, 1),
            T::LESS => (CmpOp::Lt, 1),
            T::LESSEQUAL => (CmpOp::LtE, 1),
            T::GREATER => (CmpOp::Gt, 1),
            T::GREATEREQUAL => (CmpOp::GtE, 1),
            T::NAME => match t.kw {
                Kw::In => (CmpOp::In, 1),
                Kw::Is => {
                    if self.nth_kw(1) == Kw::Not {
                        (CmpOp::IsNot, 2)
                    } else {
                        (CmpOp::Is, 1)
                    }
                }
                Kw::Not => {
                    if self.nth_kw(1) == Kw::In {
                        (CmpOp::NotIn, 2)
                    } else {
                        return None;
                    }
                }
                _ => return None,
            },
            _ => return None,
        })
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.bitwise_or()?;
        let Some(mut op) = self.cmpop() else { return Ok(left) };
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            // PEG: a pair that fails to parse ends the `compare_op_bitwise_or_pair+` loop.
            let mark = self.pos;
            self.pos += op.1;
            match self.bitwise_or() {
                Ok(e) => {
                    ops.push(op.0);
                    comparators.push(e);
                }
                Err(PErr::Fail) => {
                    self.pos = mark;
                    break;
                }
                Err(e) => return Err(e),
            }
            match self.cmpop() {
                Some(o) => op = o,
                None => break,
            }
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(Expr::Compare(ExprCompare { left: Box::new(left), ops, comparators, range: self.range_from(start) }))
    }

    /// `bitwise_or` and everything down to `term`, by precedence climbing.
    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let start = self.start();
        let mut left = self.factor()?;
        loop {
            let Some((op, prec)) = binop(self.kind()) else { break };
            if prec < min_prec {
                break;
            }
            let mark = self.pos;
            self.bump();
            if matches!(
                op,
                Operator::Add | Operator::Sub | Operator::Mult | Operator::Div | Operator::Mod | Operator::FloorDiv | Operator::MatMult
            ) {
                self.invalid(|p| p.invalid_not_after_operator(false))?;
            }
            let right = match self.binary(prec + 1) {
                Ok(r) => r,
                Err(PErr::Fail) => {
                    self.pos = mark;
                    break;
                }
                Err(e) => return Err(e),
            };
            left = Expr::BinOp(ExprBinOp {
                left: Box::new(left),
                op,
                right: Box::new(right),
                range: self.range_from(start),
            });
        }
        Ok(left)
    }

    /// `factor`: unary `+`, `-`, `~`, then `power`.
    pub(crate) fn factor(&mut self) -> PResult<Expr> {
        let op = match self.kind() {
            T::PLUS => UnaryOp::UAdd,
            T::MINUS => UnaryOp::USub,
            T::TILDE => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.enter()?;
        let start = self.start();
        self.bump();
        self.invalid(|p| p.invalid_not_after_operator(true))?;
        let r = self.factor();
        self.leave();
        let operand = r?;
        Ok(Expr::UnaryOp(ExprUnaryOp { op, operand: Box::new(operand), range: self.range_from(start) }))
    }

    /// `power`: `await_primary '**' factor | await_primary`.
    fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = self.await_primary()?;
        if !self.at(T::DOUBLESTAR) {
            return Ok(base);
        }
        let mark = self.pos;
        self.bump();
        self.enter()?;
        let r = self.factor();
        self.leave();
        match r {
            Ok(exp) => Ok(Expr::BinOp(ExprBinOp {
                left: Box::new(base),
                op: Operator::Pow,
                right: Box::new(exp),
                range: self.range_from(start),
            })),
            Err(PErr::Fail) => {
                self.pos = mark;
                Ok(base)
            }
            Err(e) => Err(e),
        }
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Await) {
            let start = self.start();
            self.bump();
            let value = self.primary()?;
            return Ok(Expr::Await(ExprAwait { value: Box::new(value), range: self.range_from(start) }));
        }
        self.primary()
    }

    /// `primary`: an atom followed by `.NAME`, calls and subscripts.
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut e = self.atom()?;
        loop {
            match self.kind() {
                T::DOT => {
                    if self.nth_kind(1) != T::NAME || self.nth_kw(1).is_hard() {
                        break;
                    }
                    self.bump();
                    let (attr, _) = self.expect_name()?;
                    e = Expr::Attribute(ExprAttribute {
                        value: Box::new(e),
                        attr,
                        ctx: ExprContext::Load,
                        range: self.range_from(start),
                    });
                }
                T::LPAR => {
                    let mark = self.pos;
                    match self.call_arguments_checked()? {
                        Some((args, keywords)) => {
                            e = Expr::Call(ExprCall {
                                func: Box::new(e),
                                args,
                                keywords,
                                range: self.range_from(start),
                            });
                        }
                        None => {
                            self.pos = mark;
                            break;
                        }
                    }
                }
                T::LSQB => {
                    let mark = self.pos;
                    self.bump();
                    match self.attempt(|p| {
                        let s = p.slices()?;
                        p.expect(T::RSQB)?;
                        Ok(s)
                    })? {
                        Some(slice) => {
                            e = Expr::Subscript(ExprSubscript {
                                value: Box::new(e),
                                slice: Box::new(slice),
                                ctx: ExprContext::Load,
                                range: self.range_from(start),
                            });
                        }
                        None => {
                            self.pos = mark;
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        Ok(e)
    }

    /// `slices`: one slice, or a Tuple of slices and starred expressions.
    pub(crate) fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice_item()?;
        if !self.at(T::COMMA) {
            if let Expr::Starred(_) = first {
                // `a[*b]`: only the tuple alternative accepts a starred expression.
                return Ok(Expr::Tuple(ExprTuple {
                    elts: vec![first],
                    ctx: ExprContext::Load,
                    range: self.range_from(start),
                }));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if self.at(T::RSQB) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.at(T::STAR) {
            self.bump();
            let value = self.expression();
            let value = self.invalid_fallback(self.pos, value, |p| p.invalid_star_alone())?;
            return Ok(Expr::Starred(ExprStarred {
                value: Box::new(value),
                ctx: ExprContext::Load,
                range: self.range_from(start),
            }));
        }
        let lower = if self.at(T::COLON) {
            None
        } else {
            let bare_walrus = self.at_name() && self.nth_kind(1) == T::COLONEQUAL;
            let e = self.named_expression()?;
            if !self.at(T::COLON) || bare_walrus {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect(T::COLON)?;
        let upper = if self.at(T::COLON) || self.at(T::COMMA) || self.at(T::RSQB) {
            None
        } else {
            self.attempt(|p| p.expression())?.map(Box::new)
        };
        let step = if self.eat(T::COLON) {
            if self.at(T::COMMA) || self.at(T::RSQB) {
                None
            } else {
                self.attempt(|p| p.expression())?.map(Box::new)
            }
        } else {
            None
        };
        Ok(Expr::Slice(ExprSlice { lower, upper, step, range: self.range_from(start) }))
    }
}
