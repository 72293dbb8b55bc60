//! AST → symbol table → code generation → CFG → optimizer → assembler → `CodeObject`,
//! mirroring CPython 3.13's compiler passes:
//!
//! | pass | module | CPython |
//! |---|---|---|
//! | scopes of every name | `symtable` | Python/symtable.c |
//! | constant folding on the AST | `ast_opt` | Python/ast_opt.c |
//! | AST → instruction sequence | `codegen` | Python/compile.c (codegen part) |
//! | CFG, optimizations, stack depth | `flowgraph` | Python/flowgraph.c |
//! | location/exception tables, code object | `assemble` | Python/assemble.c |

pub mod assemble;
pub mod flowgraph;
pub mod instr_sequence;
pub mod future;
pub mod symtable;
pub mod unit;
pub mod ast_opt;
pub mod codegen;
pub mod unparse;

use taipan_parser::ast;
use taipan_parser::error::SyntaxError;

/// Code generation only (AST optimizer + codegen), children assembled into placeholder
/// code objects: what `_testinternalcapi.compiler_codegen` shows.
pub fn codegen_only(module: &ast::Mod, filename: &str, optimize: i32) -> Result<codegen::CodegenOutput, SyntaxError> {
    let optimized = ast_opt::optimize(module, optimize);
    let assemble = codegen::placeholder_assembler;
    codegen::codegen_module(&optimized, filename, optimize, &assemble)
}

pub use assemble::optimize_and_assemble;
pub use unit::CodeUnitMetadata;
