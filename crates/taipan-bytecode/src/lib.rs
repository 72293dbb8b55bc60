//! The bytecode shared by the compiler and the VM: the instruction table in
//! CPython 3.13's numbering, the plain-data `CodeObject`, marshal and the .pyc header.

pub mod opcode;

pub use opcode::Opcode;
