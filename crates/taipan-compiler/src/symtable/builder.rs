//! First pass: walks the AST, opening blocks and recording `DEF_*` facts.

use taipan_parser::ast;
use taipan_parser::error::SyntaxError;

use super::SymbolTable;
use crate::future::FutureFeatures;

pub(super) fn build(module: &ast::Mod, filename: &str, future: FutureFeatures) -> Result<SymbolTable, SyntaxError> {
    let _ = (module, filename, future);
    Err(SyntaxError {
        kind: taipan_parser::error::SyntaxErrorKind::SyntaxError,
        msg: "symtable: not implemented yet".into(),
        lineno: 1,
        offset: 0,
        end_lineno: None,
        end_offset: None,
        text: None,
    })
}
