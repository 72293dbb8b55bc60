//! The bytecode shared by the compiler and the VM (DESIGN.md §3), as plain data:
//!
//! * `opcode` — the instruction table in CPython 3.13's numbering: names, numbers, inline
//!   caches, argument kinds, specialization families (generated from the reference by
//!   `tools/gen_opcodes.py`) and stack effects (`opcode::stack_effect`, equal to
//!   `dis.stack_effect`).
//! * `instruction` — walking `co_code` (EXTENDED_ARG, caches) as `dis._unpack_opargs`.
//! * `code`, `constant`, `pystr` — `CodeObject` with CPython's fields, its constants, and a
//!   str value that can hold lone surrogates.
//! * `location` — `co_linetable` and `co_exceptiontable`, decoded and encoded.
//! * `marshal` — version 4 `loads`/`dumps`, byte-identical to CPython's for compiled code.
//! * `pyc` — the 16-byte header (magic 3571, timestamp or source hash) and SipHash-1-3.
//!
//! Conformance: `tools/ref.sh tools/conformance/marshal.py` (every Lib module's .pyc loaded
//! and re-dumped); goldens: `tools/ref.sh tools/gen_bytecode_golden.py`.

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
