//! taipan's front end: source bytes → tokens → AST, with CPython 3.13's
//! `SyntaxError`s. It knows nothing of objects or the virtual machine.
//!
//! The stages, in the order source goes through them:
//! - [`tokenizer`]: the behaviour of CPython's C tokenizer (`Parser/tokenizer.c`),
//!   including PEP 263 decoding, INDENT/DEDENT, PEP 701 f-strings and its errors.
//! - [`parser`]: recursive descent over `Grammar/python.gram`, with the
//!   `invalid_*` rules that give CPython's SyntaxError messages.
//! - [`ast`]: the node types of `Parser/Python.asdl` and `ast.dump`'s text form.

pub mod ast;
pub mod error;
pub mod parser;
pub mod repr;
pub mod tokenizer;
pub mod unicode;
