//! The parser: recursive descent with precedence climbing over CPython 3.13's
//! `Grammar/python.gram`, producing [`crate::ast`] nodes, and the grammar's
//! `invalid_*` rules for CPython's SyntaxError messages.

/// The `mode` argument of `compile()` / `ast.parse()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}
