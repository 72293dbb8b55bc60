//! The grammar's `invalid_*` rules: CPython's specialised SyntaxError messages.
//!
//! CPython parses twice: a first pass without the invalid rules, and, when it fails,
//! a second pass from the start with them enabled (`p->call_invalid_rules`), whose
//! errors take precedence over the generic `invalid syntax` at the furthest token of the
//! first pass. [`second_pass`] is that pass: it re-runs the grammar with
//! [`Parser::call_invalid_rules`] set. The grammar functions call the rules at the
//! places where python.gram lists an `invalid_*` alternative, through
//! [`Parser::invalid`], which does nothing in the first pass. A rule that applies raises
//! (`PErr::Fatal`); one that does not returns `PErr::Fail` and the parser position is
//! restored. Forced tokens (`&&':'`) raise "expected ':'" in the second pass
//! ([`Parser::expect_forced`]).
//!
//! The rules are grouped by construct: [`compound`] (block statements and their
//! indentation errors), [`targets`] (assignment, `del`, `for` and `with` targets).

mod args;
mod atoms;
mod compound;
mod expr;
mod fstring;
mod params;
mod patterns;
mod targets;

use super::{PErr, PResult, Parser};
use crate::ast::{Constant, Expr, Stmt};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::tokenizer::{Pos, TokenKind};

/// Re-parse with the invalid rules enabled; `Some(error)` when one of them fires.
pub(crate) fn second_pass(p: &mut Parser<'_>) -> Option<SyntaxError> {
    let first_pass_tokens = p.toks.len();
    p.pos = 0;
    p.depth = 0;
    p.type_ignores.clear();
    p.call_invalid_rules = true;
    let r = p.file_for_second_pass();
    p.call_invalid_rules = false;
    match r {
        Err(PErr::Fatal(e)) if p.lex_err.is_none() => {
            // `_PyPegen_tokenize_full_source_to_check_for_errors`: a tokenizer error
            // further on wins over the rule's error.
            if let Some(le) = p.tail_error(e.lineno) {
                return Some(le);
            }
            Some(*e)
        }
        _ => {
            if p.lex_err.is_none() {
                // The generic error is located at the first pass's furthest token.
                p.toks.truncate(first_pass_tokens.max(1));
            }
            None
        }
    }
}

impl<'src> Parser<'src> {
    /// Run an `invalid_*` rule at the current position (second pass only). `Ok(())`
    /// when it does not apply (position restored), the rule's error when it does.
    #[inline]
    #[track_caller]
    pub(crate) fn invalid<F: FnOnce(&mut Self) -> PResult<()>>(&mut self, rule: F) -> PResult<()> {
        if !self.call_invalid_rules {
            return Ok(());
        }
        // A rule (identified by its call site) that did not apply at a position will not
        // apply there again (CPython memoizes), which keeps backtracking linear.
        let site = std::panic::Location::caller();
        let key = (self.pos, site.line() as usize * 4096 + site.column() as usize ^ (site.file().as_ptr() as usize) << 24);
        if !self.invalid_seen.insert(key) {
            return Ok(());
        }
        let mark = self.pos;
        match rule(self) {
            Ok(()) | Err(PErr::Fail) => {
                self.pos = mark;
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// A rule listed after the valid alternatives: tried when they failed (`r` is their
    /// result, `mark` where they started).
    #[track_caller]
    pub(crate) fn invalid_fallback<T>(
        &mut self,
        mark: usize,
        r: PResult<T>,
        rule: impl FnOnce(&mut Self) -> PResult<()>,
    ) -> PResult<T> {
        match r {
            Err(PErr::Fail) if self.call_invalid_rules => {
                self.pos = mark;
                self.invalid(rule)?;
                Err(PErr::Fail)
            }
            r => r,
        }
    }

    /// `&&TOKEN`: the token, or in the second pass "expected 'TOKEN'" at the token found.
    pub(crate) fn expect_forced(&mut self, kind: TokenKind, text: &str) -> PResult<usize> {
        if self.at(kind) {
            return Ok(self.bump());
        }
        if !self.call_invalid_rules || self.at(TokenKind::ERRORTOKEN) {
            return Err(PErr::Fail);
        }
        let (s, e) = {
            let t = self.cur();
            (t.start, t.end)
        };
        Err(self.error_at(SyntaxErrorKind::SyntaxError, format!("expected '{text}'"), s, e).into())
    }

    /// Fetch the remaining tokens; the tokenizer's error if there is one.
    pub(crate) fn tokenize_rest_for_errors(&mut self) -> Option<SyntaxError> {
        while !self.lexer_done() {
            let n = self.toks.len();
            self.tok_at(n);
        }
        self.lex_err.clone()
    }

    /// `RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, msg)` / `…_KNOWN_RANGE(a, b, msg)`.
    pub(crate) fn raise_span(&mut self, kind: SyntaxErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> PErr {
        self.error_at(kind, msg, start, end).into()
    }

    /// `RAISE_INDENTATION_ERROR(msg)`: at the last token fetched.
    pub(crate) fn raise_indentation_at_last_token(&mut self, msg: impl Into<String>) -> PErr {
        self.error_at_last_token(SyntaxErrorKind::IndentationError, msg).into()
    }

    /// `RAISE_SYNTAX_ERROR_STARTING_FROM(a, msg)`: from `start` to the tokenizer's
    /// position (the end of the last token fetched).
    /// CPython takes that position as an already 1-based end offset, so the range stops
    /// one character short of the tokenizer's position.
    pub(crate) fn raise_starting_from(&mut self, msg: impl Into<String>, start: Pos) -> PErr {
        let end = self.toks.last().map(|t| t.end).unwrap_or(start);
        let mut e = self.error_at(SyntaxErrorKind::SyntaxError, msg, start, end);
        if let Some(eo) = e.end_offset.as_mut() {
            *eo = eo.saturating_sub(1);
        }
        e.into()
    }

    /// `NEWLINE !INDENT` at the current position (consumes the NEWLINE).
    pub(crate) fn at_newline_without_indent(&mut self) -> bool {
        if !self.at(TokenKind::NEWLINE) {
            return false;
        }
        self.bump();
        !self.at(TokenKind::INDENT)
    }

    /// The second pass runs the module rule without its final check differences.
    fn file_for_second_pass(&mut self) -> PResult<()> {
        let _ = self.statements()?;
        self.expect(TokenKind::ENDMARKER)?;
        Ok(())
    }

    /// `invalid_del_stmt`: `'del' a=star_expressions` → "cannot delete …".
    pub(crate) fn invalid_del_stmt_rule(&mut self) -> PResult<()> {
        let start = self.start();
        let _ = start;
        self.bump();
        let a = self.star_expressions()?;
        Err(self.raise_invalid_target(TargetsType::Del, &a))
    }
}

/// `invalid_del_stmt`, called where `del_stmt`'s valid alternative failed.
pub(crate) fn invalid_del_stmt(p: &mut Parser<'_>) -> PResult<Stmt> {
    p.invalid(|p| p.invalid_del_stmt_rule())?;
    Err(PErr::Fail)
}

/// CPython's `TARGETS_TYPE`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetsType {
    Star,
    Del,
    For,
}

/// `_PyPegen_get_expr_name`: how messages name an expression.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::GeneratorExp(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::JoinedStr(_) | Expr::FormattedValue(_) => "f-string expression",
        Expr::Constant(c) => match c.value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        Expr::Compare(_) => "comparison",
        Expr::IfExp(_) => "conditional expression",
        Expr::NamedExpr(_) => "named expression",
        Expr::Slice(_) => "slice",
    }
}

/// `_PyPegen_get_invalid_target`: the first sub-expression that cannot be a target.
pub(crate) fn invalid_target(e: &Expr, ty: TargetsType) -> Option<&Expr> {
    match e {
        Expr::List(l) => l.elts.iter().find_map(|x| invalid_target(x, ty)),
        Expr::Tuple(t) => t.elts.iter().find_map(|x| invalid_target(x, ty)),
        Expr::Starred(s) => {
            if ty == TargetsType::Del {
                Some(e)
            } else {
                invalid_target(&s.value, ty)
            }
        }
        Expr::Compare(c) => {
            if ty == TargetsType::For {
                if c.ops.first() == Some(&crate::ast::CmpOp::In) {
                    invalid_target(&c.left, ty)
                } else {
                    None
                }
            } else {
                Some(e)
            }
        }
        Expr::Name(_) | Expr::Subscript(_) | Expr::Attribute(_) => None,
        _ => Some(e),
    }
}

impl<'src> Parser<'src> {
    /// `RAISE_SYNTAX_ERROR_INVALID_TARGET(type, e)`; `Fail` when every part of `e` can be
    /// a target.
    pub(crate) fn raise_invalid_target(&mut self, ty: TargetsType, e: &Expr) -> PErr {
        match invalid_target(e, ty) {
            Some(bad) => {
                let verb = if ty == TargetsType::Del { "delete" } else { "assign to" };
                let r = bad.range();
                let msg = format!("cannot {verb} {}", expr_name(bad));
                self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    msg,
                    Pos { line: r.lineno, col: r.col_offset },
                    Pos { line: r.end_lineno, col: r.end_col_offset },
                )
            }
            // No offending node: the rule does not apply (the generic error follows).
            None => PErr::Fail,
        }
    }
}
