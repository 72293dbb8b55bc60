//! The abstract syntax tree of CPython 3.13 (`Parser/Python.asdl`).
//!
//! The node types in [`nodes`] are generated from the reference interpreter's `_ast`
//! classes by `tools/gen_ast.py`, so every kind and field, in order, is CPython's.
//! Positions follow CPython: 1-based lines, 0-based column offsets counted in UTF-8
//! **bytes** of the source line, and end positions on every located node.

mod constant;
mod dump;
mod nodes;

pub use constant::{Constant, Wtf8Buf};
pub use dump::{dump, dump_depth, dump_with_depth, to_tree, Dump, Dumper, Tree};
pub use nodes::*;

/// Where a node sits in the source: CPython's `lineno`, `col_offset`, `end_lineno`
/// and `end_col_offset` attributes (columns in UTF-8 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    pub lineno: u32,
    pub col_offset: u32,
    pub end_lineno: u32,
    pub end_col_offset: u32,
}

impl TextRange {
    pub fn new(lineno: u32, col_offset: u32, end_lineno: u32, end_col_offset: u32) -> Self {
        TextRange { lineno, col_offset, end_lineno, end_col_offset }
    }

    /// The range from the start of `self` to the end of `other`.
    pub fn to(self, other: TextRange) -> Self {
        TextRange { end_lineno: other.end_lineno, end_col_offset: other.end_col_offset, ..self }
    }
}
