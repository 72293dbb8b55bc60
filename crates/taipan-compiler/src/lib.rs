//! AST → symbol table → code generation → CFG → optimizer → assembler → `CodeObject`,
//! mirroring CPython 3.13's compiler passes.
