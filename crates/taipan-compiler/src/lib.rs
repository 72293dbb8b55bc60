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

pub use assemble::optimize_and_assemble;
pub use unit::CodeUnitMetadata;
