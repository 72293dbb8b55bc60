//! The bytecode shared by the compiler and the VM: the instruction table in
//! CPython 3.13's numbering, the plain-data `CodeObject`, marshal and the .pyc header.

pub mod code;
pub mod constant;
pub mod instruction;
pub mod location;
pub mod marshal;
pub mod opcode;
pub mod pyc;
pub mod pystr;

pub use code::CodeObject;
pub use constant::Constant;
pub use opcode::Opcode;
pub use pystr::PyStr;
