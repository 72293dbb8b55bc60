//! The `match` statement and its patterns (python.gram "Match statement", PEP 634).
//! `match` and `case` are soft keywords: when the statement does not parse as a match
//! statement the caller backtracks and tries an expression statement.

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::{Pos, TokenKind as T};

impl<'src> Parser<'src> {
    /// `match_stmt`: `"match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT`.
    pub(crate) fn match_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        self.invalid(|p| p.invalid_match_stmt())?;
        self.bump();
        let subject = self.subject_expr()?;
        self.expect(T::COLON)?;
        self.expect(T::NEWLINE)?;
        self.expect(T::INDENT)?;
        let mut cases = Vec::new();
        while self.at_kw(Kw::Case) {
            cases.push(self.case_block()?);
        }
        if cases.is_empty() {
            return Err(PErr::Fail);
        }
        self.expect(T::DEDENT)?;
        Ok(Stmt::Match(StmtMatch { subject: Box::new(subject), cases, range: self.range_from(start) }))
    }

    /// `subject_expr`: `star_named_expression ',' star_named_expressions? | named_expression`.
    pub(crate) fn subject_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_named_expression()?;
        if !self.at(T::COMMA) {
            if matches!(first, Expr::Starred(_)) {
                return Err(PErr::Fail);
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::COMMA) {
            if !(self.at_expression_start() || self.at(T::STAR)) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(Expr::Tuple(ExprTuple { elts, ctx: ExprContext::Load, range: self.range_from(start) }))
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        self.invalid(|p| p.invalid_case_block())?;
        self.bump();
        let pattern = self.patterns()?;
        let guard = if self.eat_kw(Kw::If) { Some(Box::new(self.named_expression()?)) } else { None };
        self.expect(T::COLON)?;
        let body = self.block()?;
        Ok(MatchCase { pattern: Box::new(pattern), guard, body })
    }

    /// `patterns`: `open_sequence_pattern | pattern`.
    pub(crate) fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let first = self.maybe_star_pattern()?;
        if !self.at(T::COMMA) {
            if matches!(first, Pattern::MatchStar(_)) {
                return Err(PErr::Fail);
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::COMMA) {
            if matches!(self.kind(), T::COLON) || self.at_kw(Kw::If) {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern::MatchSequence(PatternMatchSequence { patterns, range: self.range_from(start) }))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(T::STAR) {
            let start = self.start();
            self.bump();
            let name = if self.at_kw(Kw::Underscore) {
                self.bump();
                None
            } else {
                Some(self.pattern_capture_target()?)
            };
            return Ok(Pattern::MatchStar(PatternMatchStar { name, range: self.range_from(start) }));
        }
        self.pattern()
    }

    /// `pattern`: `or_pattern ['as' pattern_capture_target]`.
    pub(crate) fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let r = self.pattern_inner();
        self.leave();
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let p = self.or_pattern()?;
        if self.at_kw(Kw::As) {
            self.bump();
            self.invalid(|p| p.invalid_as_pattern_target())?;
            if self.at_kw(Kw::Underscore) {
                return Err(PErr::Fail);
            }
            let name = self.pattern_capture_target()?;
            return Ok(Pattern::MatchAs(PatternMatchAs {
                pattern: Some(Box::new(p)),
                name: Some(name),
                range: self.range_from(start),
            }));
        }
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let first = self.closed_pattern()?;
        if !self.at(T::VBAR) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::VBAR) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(Pattern::MatchOr(PatternMatchOr { patterns, range: self.range_from(start) }))
    }

    /// `pattern_capture_target`: `!"_" NAME !('.' | '(' | '=')`.
    fn pattern_capture_target(&mut self) -> PResult<String> {
        if self.at_kw(Kw::Underscore) || !self.at_name() {
            return Err(PErr::Fail);
        }
        if matches!(self.nth_kind(1), T::DOT | T::LPAR | T::EQUAL) {
            return Err(PErr::Fail);
        }
        Ok(self.expect_name()?.0)
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        match self.kind() {
            T::NUMBER | T::MINUS => {
                let value = self.signed_or_complex_number()?;
                Ok(Pattern::MatchValue(PatternMatchValue { value: Box::new(value), range: self.range_from(start) }))
            }
            T::STRING | T::FSTRING_START => {
                let value = self.strings()?;
                Ok(Pattern::MatchValue(PatternMatchValue { value: Box::new(value), range: self.range_from(start) }))
            }
            T::LPAR => {
                self.bump();
                if self.eat(T::RPAR) {
                    return Ok(Pattern::MatchSequence(PatternMatchSequence {
                        patterns: Vec::new(),
                        range: self.range_from(start),
                    }));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat(T::RPAR) {
                    if matches!(first, Pattern::MatchStar(_)) {
                        return Err(PErr::Fail);
                    }
                    // group_pattern
                    return Ok(first);
                }
                self.expect(T::COMMA)?;
                let mut patterns = vec![first];
                while !self.at(T::RPAR) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(T::COMMA) {
                        break;
                    }
                }
                self.expect(T::RPAR)?;
                Ok(Pattern::MatchSequence(PatternMatchSequence { patterns, range: self.range_from(start) }))
            }
            T::LSQB => {
                self.bump();
                let mut patterns = Vec::new();
                while !self.at(T::RSQB) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(T::COMMA) {
                        break;
                    }
                }
                self.expect(T::RSQB)?;
                Ok(Pattern::MatchSequence(PatternMatchSequence { patterns, range: self.range_from(start) }))
            }
            T::LBRACE => self.mapping_pattern(),
            T::NAME => {
                match self.kw() {
                    Kw::None | Kw::True | Kw::False => {
                        let value = match self.kw() {
                            Kw::None => Constant::None,
                            Kw::True => Constant::Bool(true),
                            _ => Constant::Bool(false),
                        };
                        self.bump();
                        return Ok(Pattern::MatchSingleton(PatternMatchSingleton { value, range: self.range_from(start) }));
                    }
                    k if k.is_hard() => return Err(PErr::Fail),
                    _ => {}
                }
                if self.nth_kind(1) != T::DOT && self.nth_kind(1) != T::LPAR {
                    // capture or wildcard
                    if self.at_kw(Kw::Underscore) {
                        self.bump();
                        return Ok(Pattern::MatchAs(PatternMatchAs { pattern: None, name: None, range: self.range_from(start) }));
                    }
                    let name = self.pattern_capture_target()?;
                    return Ok(Pattern::MatchAs(PatternMatchAs { pattern: None, name: Some(name), range: self.range_from(start) }));
                }
                let cls = self.name_or_attr()?;
                if !self.at(T::LPAR) {
                    if !matches!(cls, Expr::Attribute(_)) {
                        return Err(PErr::Fail);
                    }
                    if matches!(self.kind(), T::DOT | T::LPAR | T::EQUAL) {
                        return Err(PErr::Fail);
                    }
                    return Ok(Pattern::MatchValue(PatternMatchValue { value: Box::new(cls), range: self.range_from(start) }));
                }
                self.class_pattern(start, cls)
            }
            _ => Err(PErr::Fail),
        }
    }

    /// `name_or_attr`: `NAME ('.' NAME)*` as Name/Attribute (Load).
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let start = self.start();
        let (id, range) = self.expect_name()?;
        let mut e = Expr::Name(ExprName { id, ctx: ExprContext::Load, range });
        while self.at(T::DOT) {
            self.bump();
            let (attr, _) = self.expect_name()?;
            e = Expr::Attribute(ExprAttribute {
                value: Box::new(e),
                attr,
                ctx: ExprContext::Load,
                range: self.range_from(start),
            });
        }
        Ok(e)
    }

    fn class_pattern(&mut self, start: Pos, cls: Expr) -> PResult<Pattern> {
        self.expect(T::LPAR)?;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(T::RPAR) {
            if self.at_name() && self.nth_kind(1) == T::EQUAL {
                let (name, _) = self.expect_name()?;
                self.bump();
                kwd_attrs.push(name);
                kwd_patterns.push(self.pattern()?);
            } else {
                if !kwd_attrs.is_empty() {
                    self.invalid(|p| p.invalid_class_argument_pattern())?;
                    return Err(PErr::Fail);
                }
                patterns.push(self.pattern()?);
            }
            if !self.eat(T::COMMA) {
                break;
            }
        }
        self.expect(T::RPAR)?;
        Ok(Pattern::MatchClass(PatternMatchClass {
            cls: Box::new(cls),
            patterns,
            kwd_attrs,
            kwd_patterns,
            range: self.range_from(start),
        }))
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        self.bump();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBRACE) {
            if self.eat(T::DOUBLESTAR) {
                rest = Some(self.pattern_capture_target()?);
                self.eat(T::COMMA);
                break;
            }
            let key = self.mapping_key()?;
            self.expect(T::COLON)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat(T::COMMA) {
                break;
            }
        }
        self.expect(T::RBRACE)?;
        Ok(Pattern::MatchMapping(PatternMatchMapping { keys, patterns, rest, range: self.range_from(start) }))
    }

    /// `literal_expr | attr`.
    fn mapping_key(&mut self) -> PResult<Expr> {
        let start = self.start();
        match self.kind() {
            T::NUMBER | T::MINUS => self.signed_or_complex_number(),
            T::STRING | T::FSTRING_START => self.strings(),
            T::NAME => {
                let value = match self.kw() {
                    Kw::None => Constant::None,
                    Kw::True => Constant::Bool(true),
                    Kw::False => Constant::Bool(false),
                    _ => {
                        let e = self.name_or_attr()?;
                        if !matches!(e, Expr::Attribute(_)) {
                            return Err(PErr::Fail);
                        }
                        return Ok(e);
                    }
                };
                self.bump();
                Ok(Expr::Constant(ExprConstant { value, kind: None, range: self.range_from(start) }))
            }
            _ => Err(PErr::Fail),
        }
    }

    /// `signed_number !('+' | '-') | complex_number`.
    fn signed_or_complex_number(&mut self) -> PResult<Expr> {
        let start = self.start();
        let real = self.signed_number()?;
        if !matches!(self.kind(), T::PLUS | T::MINUS) {
            return Ok(real);
        }
        // complex_number: the left must be real, the right imaginary.
        let op = if self.at(T::PLUS) { Operator::Add } else { Operator::Sub };
        // The actions of `real_number` and `imaginary_number` raise on the wrong kind.
        if is_imaginary(&real) {
            let number = match &real {
                Expr::UnaryOp(u) => expr_range(&u.operand),
                e => expr_range(e),
            };
            return Err(self.raise_range("real number required in complex literal", number));
        }
        self.bump();
        let imag = self.number_atom()?;
        if !is_imaginary(&imag) {
            let r = expr_range(&imag);
            return Err(self.raise_range("imaginary number required in complex literal", r));
        }
        Ok(Expr::BinOp(ExprBinOp { left: Box::new(real), op, right: Box::new(imag), range: self.range_from(start) }))
    }

    fn number_atom(&mut self) -> PResult<Expr> {
        if !self.at(T::NUMBER) {
            return Err(PErr::Fail);
        }
        self.atom()
    }

    /// `signed_number`: `NUMBER | '-' NUMBER` (3.13 has no unary plus here).
    fn signed_number(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.eat(T::MINUS) {
            let n = self.number_atom()?;
            return Ok(Expr::UnaryOp(ExprUnaryOp { op: UnaryOp::USub, operand: Box::new(n), range: self.range_from(start) }));
        }
        self.number_atom()
    }
}

fn expr_range(e: &Expr) -> TextRange {
    match e {
        Expr::Constant(c) => c.range,
        Expr::UnaryOp(u) => u.range,
        _ => TextRange::default(),
    }
}

fn is_imaginary(e: &Expr) -> bool {
    match e {
        Expr::Constant(c) => matches!(c.value, Constant::Complex { .. }),
        Expr::UnaryOp(u) => is_imaginary(&u.operand),
        _ => false,
    }
}
