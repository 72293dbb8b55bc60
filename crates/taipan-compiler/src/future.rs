//! `from __future__ import …` features, as CPython 3.13's Python/future.c computes them
//! before the symbol table is built.
//!
//! Only the leading run of `from __future__ import` statements (after an optional module
//! docstring) is examined here; a future import found later is reported by codegen
//! ("from __future__ imports must occur at the beginning of the file"), which compares the
//! statement's location with [`FutureFeatures::location`], exactly as compile.c does.

use taipan_parser::ast::{self, Mod, Stmt};
use taipan_parser::error::{SyntaxError, SyntaxErrorKind};

/// `CO_FUTURE_BARRY_AS_BDFL` (`from __future__ import barry_as_FLUFL`).
pub const CO_FUTURE_BARRY_AS_BDFL: u32 = 0x400000;
/// `CO_FUTURE_ANNOTATIONS` (`from __future__ import annotations`, PEP 563).
pub const CO_FUTURE_ANNOTATIONS: u32 = 0x1000000;

/// CPython's `_PyFutureFeatures`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FutureFeatures {
    /// `ff_features`: `CO_FUTURE_*` bits.
    pub features: u32,
    /// `ff_location`: the location of the last leading future statement (`None` is
    /// CPython's `NO_LOCATION`, when there is none).
    pub location: Option<ast::TextRange>,
}

impl FutureFeatures {
    pub fn annotations(&self) -> bool {
        self.features & CO_FUTURE_ANNOTATIONS != 0
    }
    pub fn barry_as_bdfl(&self) -> bool {
        self.features & CO_FUTURE_BARRY_AS_BDFL != 0
    }
    /// `ff_location.lineno`, -1 when there is no leading future statement: compile.c
    /// rejects a `from __future__ import` whose line is greater ("from __future__ imports
    /// must occur at the beginning of the file").
    pub fn lineno(&self) -> i64 {
        self.location.map_or(-1, |l| l.lineno as i64)
    }
}

/// `_PyFuture_FromAST`: the features the module's leading future statements enable.
pub fn from_ast(module: &Mod, _filename: &str) -> Result<FutureFeatures, SyntaxError> {
    let mut ff = FutureFeatures::default();
    let body = match module {
        Mod::Module(m) => &m.body,
        Mod::Interactive(m) => &m.body,
        _ => return Ok(ff),
    };
    let mut i = 0;
    if is_docstring(body.first()) {
        i = 1;
    }
    for s in &body[i..] {
        let Stmt::ImportFrom(imp) = s else { break };
        if imp.module.as_deref() != Some("__future__") {
            break;
        }
        check_features(&mut ff, imp)?;
        ff.location = Some(imp.range);
    }
    Ok(ff)
}

fn is_docstring(s: Option<&Stmt>) -> bool {
    match s {
        Some(Stmt::Expr(e)) => {
            matches!(&*e.value, ast::Expr::Constant(c) if matches!(c.value, ast::Constant::Str(_)))
        }
        _ => false,
    }
}

fn check_features(ff: &mut FutureFeatures, s: &ast::StmtImportFrom) -> Result<(), SyntaxError> {
    for alias in &s.names {
        match alias.name.as_str() {
            "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
            | "print_function" | "unicode_literals" | "generator_stop" => {}
            "barry_as_FLUFL" => ff.features |= CO_FUTURE_BARRY_AS_BDFL,
            "annotations" => ff.features |= CO_FUTURE_ANNOTATIONS,
            "braces" => return Err(error_at_stmt("not a chance".into(), s.range)),
            other => {
                return Err(error_at_stmt(
                    format!("future feature {} is not defined", other),
                    s.range,
                ))
            }
        }
    }
    Ok(())
}

/// `PyErr_SyntaxLocationObject(filename, lineno, col_offset + 1)`: no end offset (the
/// exception's `end_lineno` reads as `lineno`); the offset stays a 1-based UTF-8 byte
/// offset, as CPython leaves it.
fn error_at_stmt(msg: String, r: ast::TextRange) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        lineno: r.lineno,
        offset: r.col_offset + 1,
        end_lineno: Some(r.lineno),
        end_offset: None,
        text: None,
    }
}
