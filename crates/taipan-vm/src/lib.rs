//! The virtual machine: objects, the interpreter loop, builtins, exceptions,
//! imports, the cycle collector and the GIL (DESIGN.md §4).
//!
//! Layout: [`object`] (headers, references, type objects), [`types`] (one file per
//! built-in type), [`protocol`] (the abstract object protocols), [`eval`] (frames and the
//! dispatch loop), [`builtins`], [`sysmodule`], [`traceback`], [`import`]; [`format`],
//! [`hash`] and [`unicode`] hold the value-level algorithms the types use.

pub mod ast_module;
pub mod builtins;
pub mod error;
pub mod eval;
pub mod format;
pub mod hash;
pub mod gc;
pub mod import;
pub mod object;
pub mod protocol;
pub mod run;
mod stdlib_names;
pub mod sysmodule;
pub mod traceback;
pub mod types;
pub mod unicode;
pub mod vm;
pub mod warnings;
pub mod weakref;
mod weakref_proxy;

pub use error::{PyErr, PyResult};
pub use object::{PyObject, PyRef};
pub use vm::{Vm, VmConfig};
