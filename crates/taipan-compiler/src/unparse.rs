//! The AST unparser of CPython's Python/ast_unparse.c, used for annotations under
//! `from __future__ import annotations`.

use taipan_parser::ast::Expr;

/// The source text CPython stores for an annotation.
pub fn unparse_annotation(_e: &Expr) -> String {
    String::new()
}
