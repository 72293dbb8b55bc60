//! The virtual machine: objects, the interpreter loop, builtins, exceptions,
//! imports, the cycle collector and the GIL.
//!
//! Built so far: the object header and owned references ([`object`]). The rest follows
//! the plan in DESIGN.md §4.

pub mod format;
pub mod hash;
pub mod object;
pub mod unicode;
