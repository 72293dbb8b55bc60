//! Objects and references (DESIGN.md §4.1, Decided).
//!
//! Every heap object starts with CPython 3.13's `PyObject` header so that C extensions can
//! later be handed taipan objects unchanged:
//!
//! | offset | field        | type               | notes                                        |
//! |-------:|--------------|--------------------|----------------------------------------------|
//! | 0      | `ob_refcnt`  | `Cell<isize>`      | non-atomic: only the GIL holder touches it   |
//! | 8      | `ob_type`    | `*const PyTypeObject` | the object's class                        |
//! | 16     | payload      | the type's Rust struct ([`PyInner`])                              |
//!
//! **Immortal objects** (None, True, False, Ellipsis, NotImplemented, small ints, static
//! types, interned identifiers) use CPython 3.13's 64-bit encoding: the low 32 bits of the
//! count are `0xFFFF_FFFF` (`_Py_IMMORTAL_REFCNT`). An increment that would carry out of the
//! low half is skipped, and a count whose low half reads negative as `i32` is never
//! decremented, so immortal objects' counts are never written in practice and never reach 0.
//! C code compiled against CPython's inline `Py_INCREF`/`Py_DECREF` does the same.
//!
//! **References.** [`PyRef`] is an owned (strong) reference: `Clone` increments, `Drop`
//! decrements and deallocates at zero, through the type's `tp_dealloc`. `&PyObject` is a
//! borrowed reference. Neither is `Send` nor `Sync`: objects are only touched by the thread
//! that holds the GIL, which is what makes the non-atomic count sound. Code that releases
//! the GIL does so through a closure that must be `Send`, so it cannot capture a reference.
//!
//! **Re-entrancy** is the real hazard: never hold a `&mut` (or a `RefCell` borrow) into an
//! object's internals (a list's buffer, a dict's table) across anything that can run Python
//! code (`__eq__`, `__hash__`, `__del__`, weakref callbacks, the GC). Copy out, release, call.

pub mod freelist;
mod header;
pub mod inner;
mod pyref;
pub mod typeobj;

pub use header::{PyObject, PyVarObject, IMMORTAL_REFCNT};
pub use inner::{alloc_object, managed_prefix, PyInner, PyPayload, Static};
pub use pyref::PyRef;
pub use typeobj::{CompareOp, PyTypeData, PyTypeObject};

#[cfg(test)]
mod tests;
