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

/// Why a module could not be compiled.
#[derive(Debug)]
pub enum CompileError {
    /// A SyntaxError the compiler raises (symbol table or code generation).
    Syntax(SyntaxError),
    /// A code unit the flow-graph optimizer or assembler rejected (CPython: SystemError).
    System(String),
}

/// `compile(tree, filename, mode, optimize=optimize)` for an already parsed module: the
/// AST optimizer, symbol table and code generation, then every code unit — children first,
/// each becoming a constant of its parent — through the flow-graph optimizer and the
/// assembler. The mode is the `ast::Mod` variant (exec, eval, single).
pub fn compile(module: &ast::Mod, filename: &str, optimize: i32) -> Result<taipan_bytecode::CodeObject, CompileError> {
    compile_owned(module.clone(), filename, optimize)
}

/// [`compile`] of a tree the caller no longer needs: the AST optimizer folds it in place
/// instead of copying it first.
pub fn compile_owned(module: ast::Mod, filename: &str, optimize: i32) -> Result<taipan_bytecode::CodeObject, CompileError> {
    codegen::warnings::clear_warnings();
    unit::with_code_key_cache(|| compile_module(module, filename, optimize))
}

fn compile_module(module: ast::Mod, filename: &str, optimize: i32) -> Result<taipan_bytecode::CodeObject, CompileError> {
    use std::cell::RefCell;
    let failure: RefCell<Option<String>> = RefCell::new(None);
    let assemble = |meta: &CodeUnitMetadata, seq: &instr_sequence::InstrSequence, flags: i32, name: &str| {
        match optimize_and_assemble(meta, seq, flags, name) {
            Ok(code) => code,
            Err(e) => {
                failure.borrow_mut().get_or_insert(e.0);
                codegen::placeholder_assembler(meta, seq, flags, name)
            }
        }
    };
    let optimized = ast_opt::optimize_owned(module, optimize);
    let out = codegen::codegen_module(&optimized, filename, optimize, &assemble).map_err(CompileError::Syntax)?;
    if let Some(msg) = failure.borrow_mut().take() {
        return Err(CompileError::System(msg));
    }
    optimize_and_assemble(&out.meta, &out.seq, out.flags, filename).map_err(|e| CompileError::System(e.0))
}
