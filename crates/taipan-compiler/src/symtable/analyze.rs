//! Second pass (`symtable_analyze`): resolves every name's scope.

use taipan_parser::error::SyntaxError;

use super::SymbolTable;

pub(super) fn analyze(_table: &mut SymbolTable) -> Result<(), SyntaxError> {
    Ok(())
}
