//! The grammar's `invalid_*` rules: CPython's specialised SyntaxError messages.
//!
//! CPython parses twice: a first pass without the invalid rules, and, when it fails,
//! a second pass with them enabled, whose errors (raised as `Fatal`) take precedence
//! over the generic `invalid syntax` at the furthest token. [`second_pass`] is that
//! hook: it returns the specialised error, or `None` to fall back to the generic one.
//! Rules that the first pass itself reaches (such as [`invalid_del_stmt`]) are plain
//! functions returning `Fail` when they do not apply.

use super::{PErr, PResult, Parser};
use crate::ast::Stmt;
use crate::error::SyntaxError;

/// Re-parse with the invalid rules enabled; `Some(error)` when one of them fires.
pub(crate) fn second_pass(_p: &mut Parser<'_>) -> Option<SyntaxError> {
    None
}

/// `invalid_del_stmt`: `'del' a=star_expressions` → "cannot delete …".
pub(crate) fn invalid_del_stmt(_p: &mut Parser<'_>) -> PResult<Stmt> {
    Err(PErr::Fail)
}
