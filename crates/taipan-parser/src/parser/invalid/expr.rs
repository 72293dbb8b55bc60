//! Expression-level `invalid_*` rules: `invalid_expression` ("Perhaps you forgot a
//! comma?", "expected 'else' after 'if' expression", f-string lambdas),
//! `invalid_legacy_expression` (`print x`), `invalid_named_expression` ("Maybe you meant
//! '==' …"), and `invalid_arithmetic` / `invalid_factor` ("'not' after an operator must
//! be parenthesized").
//!
//! `expression` and `named_expression` are entered at the same token many times while the
//! parser backtracks; CPython memoizes these rules, and so do we ([`Parser::memo_once`]),
//! which keeps the second pass linear on nested input.

use super::super::{Kw, PErr, PResult, Parser};
use super::expr_name;
use crate::ast::Expr;
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

const RULE_EXPRESSION: usize = 1;
const RULE_NAMED_EXPRESSION: usize = 2;

fn start_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.lineno, col: r.col_offset }
}

fn end_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.end_lineno, col: r.end_col_offset }
}

fn is_legacy_name(e: &Expr) -> Option<&str> {
    match e {
        Expr::Name(n) if n.id == "print" || n.id == "exec" => Some(&n.id),
        _ => None,
    }
}

impl<'src> Parser<'src> {
    /// True the first time `rule` is tried at the current position.
    pub(crate) fn memo_once(&mut self, rule: usize) -> bool {
        let key = self.pos * 16 + rule;
        self.invalid_memo.insert(key)
    }

    /// Bracket nesting level after token `i` (CPython's `token->level`).
    fn paren_level_after(&self, i: usize) -> i32 {
        let mut level = 0i32;
        for t in &self.toks[..=i.min(self.toks.len() - 1)] {
            match t.kind {
                T::LPAR | T::LSQB | T::LBRACE => level += 1,
                T::RPAR | T::RSQB | T::RBRACE => level -= 1,
                _ => {}
            }
        }
        level
    }

    /// `expression_without_invalid`.
    fn expression_without_invalid(&mut self) -> PResult<Expr> {
        let saved = self.call_invalid_rules;
        self.call_invalid_rules = false;
        let r = self.expression();
        self.call_invalid_rules = saved;
        r
    }

    /// `invalid_expression` then `invalid_legacy_expression`, at the start of `expression`.
    pub(crate) fn invalid_expression(&mut self) -> PResult<()> {
        if !self.memo_once(RULE_EXPRESSION) {
            return Err(PErr::Fail);
        }
        let mark = self.pos;
        // !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
        let name_string = self.at(T::NAME) && matches!(self.nth_kind(1), T::STRING | T::FSTRING_START);
        let soft = self.at(T::NAME) && matches!(self.kw(), Kw::Match | Kw::Case | Kw::Type | Kw::Underscore);
        if !name_string && !soft {
            if let Some((a, b)) = self.attempt(|p| {
                let a = p.disjunction()?;
                let b = p.expression_without_invalid()?;
                Ok((a, b))
            })? {
                let last = self.pos - 1;
                if is_legacy_name(&a).is_none() && self.paren_level_after(last) > 0 {
                    let (s, e) = (start_of(&a), end_of(&b));
                    return Err(self.raise_span(
                        SyntaxErrorKind::SyntaxError,
                        "invalid syntax. Perhaps you forgot a comma?",
                        s,
                        e,
                    ));
                }
            }
        }
        self.pos = mark;
        // a=disjunction 'if' b=disjunction !('else'|':')
        if let Some((a, b)) = self.attempt(|p| {
            let a = p.disjunction()?;
            p.expect_kw(Kw::If)?;
            let b = p.disjunction()?;
            if p.at_kw(Kw::Else) || p.at(T::COLON) {
                return Err(PErr::Fail);
            }
            Ok((a, b))
        })? {
            let (s, e) = (start_of(&a), end_of(&b));
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "expected 'else' after 'if' expression", s, e));
        }
        self.pos = mark;
        // a='lambda' [lambda_params] b=':' &(FSTRING_MIDDLE | fstring_replacement_field)
        if self.at_kw(Kw::Lambda) {
            let a = self.pos;
            if let Some(b) = self.attempt(|p| {
                p.bump();
                if !p.at(T::COLON) {
                    // [lambda_params], with its own invalid rules (which may raise here,
                    // before anything after the ':' is fetched).
                    let m = p.pos;
                    match p.parameters(true) {
                        Ok(_) => {}
                        Err(PErr::Fail) => p.pos = m,
                        Err(e) => return Err(e),
                    }
                }
                let b = p.expect(T::COLON)?;
                if matches!(p.kind(), T::FSTRING_MIDDLE | T::LBRACE) {
                    Ok(b)
                } else {
                    Err(PErr::Fail)
                }
            })? {
                let (s, e) = (self.toks[a].start, self.toks[b].end);
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    "f-string: lambda expressions are not allowed without parentheses",
                    s,
                    e,
                ));
            }
        }
        self.pos = mark;
        // invalid_legacy_expression: a=NAME !'(' b=star_expressions
        if self.at(T::NAME) && matches!(&*self.cur().text, "print" | "exec") && self.nth_kind(1) != T::LPAR {
            let a = self.pos;
            if let Some(b) = self.attempt(|p| {
                p.bump();
                p.star_expressions()
            })? {
                let name = self.toks[a].text.to_string();
                let (s, e) = (self.toks[a].start, end_of(&b));
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                    s,
                    e,
                ));
            }
        }
        Err(PErr::Fail)
    }

    /// `invalid_named_expression`, in `named_expression` after `assignment_expression`.
    pub(crate) fn invalid_named_expression(&mut self) -> PResult<()> {
        if !self.memo_once(RULE_NAMED_EXPRESSION) {
            return Err(PErr::Fail);
        }
        let mark = self.pos;
        // a=expression ':=' expression
        if let Some(a) = self.attempt(|p| {
            let a = p.expression()?;
            p.expect(T::COLONEQUAL)?;
            p.expression()?;
            Ok(a)
        })? {
            let msg = format!("cannot use assignment expressions with {}", expr_name(&a));
            let (s, e) = (start_of(&a), end_of(&a));
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e));
        }
        self.pos = mark;
        // a=NAME '=' b=bitwise_or !('='|':=')
        if self.at_name() && self.nth_kind(1) == T::EQUAL {
            let a = self.pos;
            if let Some(b) = self.attempt(|p| {
                p.bump();
                p.bump();
                let b = p.bitwise_or()?;
                if matches!(p.kind(), T::EQUAL | T::COLONEQUAL) {
                    return Err(PErr::Fail);
                }
                Ok(b)
            })? {
                let (s, e) = (self.toks[a].start, end_of(&b));
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    s,
                    e,
                ));
            }
        }
        self.pos = mark;
        // !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or b='=' bitwise_or !('='|':=')
        if matches!(self.kw(), Kw::True | Kw::None | Kw::False) && self.at(T::NAME) {
            return Err(PErr::Fail);
        }
        if matches!(self.kind(), T::LSQB | T::LPAR) {
            let open = self.pos;
            if let Some(e) = self.attempt(|p| p.atom())? {
                let r = e.range();
                let own = self.toks[open].start.line == r.lineno && self.toks[open].start.col == r.col_offset;
                let excluded = match e {
                    Expr::List(_) => true,
                    Expr::Tuple(_) | Expr::GeneratorExp(_) => own,
                    _ => false,
                };
                if excluded {
                    self.pos = mark;
                    return Err(PErr::Fail);
                }
            }
            self.pos = mark;
        }
        if let Some(a) = self.attempt(|p| {
            let a = p.bitwise_or()?;
            p.expect(T::EQUAL)?;
            p.bitwise_or()?;
            if matches!(p.kind(), T::EQUAL | T::COLONEQUAL) {
                return Err(PErr::Fail);
            }
            Ok(a)
        })? {
            let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(&a));
            let (s, e) = (start_of(&a), end_of(&a));
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e));
        }
        Err(PErr::Fail)
    }

    /// `invalid_arithmetic` / `invalid_factor`: after an operator token (consumed), a
    /// `not`: "'not' after an operator must be parenthesized" from `not` to its operand.
    pub(crate) fn invalid_not_after_operator(&mut self, unary: bool) -> PResult<()> {
        if !self.at_kw(Kw::Not) {
            return Err(PErr::Fail);
        }
        let a = self.bump();
        let b = if unary { self.factor()? } else { self.inversion()? };
        let (s, e) = (self.toks[a].start, end_of(&b));
        Err(self.raise_span(SyntaxErrorKind::SyntaxError, "'not' after an operator must be parenthesized", s, e))
    }
}

