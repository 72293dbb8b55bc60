//! Type objects (DESIGN.md §4.2): a header like every object, the instance layout, the
//! slots of the hot protocols and a 32-bit version tag.
//!
//! Only what reference counting needs is here yet: the name, the instance sizes, the
//! flags, `tp_dealloc` and the version tag. The protocol slots (hash, richcompare,
//! getattro/setattro, call, iter/iternext, descr get/set, number/sequence/mapping, repr/str,
//! traverse/clear) arrive with the interpreter, as `Option<fn>` fields beside these.
//! The layout is taipan's own: the limited C API treats `PyTypeObject` as opaque, so only
//! the leading `PyObject` header must match CPython.

use std::cell::Cell;

use super::{PyObject, PyVarObject};

/// `Py_TPFLAGS_*` bits, CPython's values.
pub mod flags {
    pub const HEAPTYPE: u64 = 1 << 9;
    pub const BASETYPE: u64 = 1 << 10;
    pub const HAVE_GC: u64 = 1 << 14;
    pub const IMMUTABLETYPE: u64 = 1 << 8;
}

/// Deallocate an object whose count reached zero: drop its payload, release the
/// references it holds and free its memory.
pub type Destructor = unsafe fn(*mut PyObject);

#[repr(C)]
pub struct PyTypeObject {
    pub ob_base: PyVarObject,
    pub tp_name: &'static str,
    pub tp_basicsize: usize,
    pub tp_itemsize: usize,
    pub tp_dealloc: Destructor,
    pub tp_flags: u64,
    /// `tp_version_tag`: the guard of every inline cache; 0 = invalid, reassigned
    /// whenever the type or one of its bases changes.
    pub tp_version_tag: Cell<u32>,
}

impl PyTypeObject {
    /// The `__name__` part of `tp_name` (after the last dot), as CPython's `type.__name__`.
    pub fn name(&self) -> &'static str {
        match self.tp_name.rfind('.') {
            Some(i) => &self.tp_name[i + 1..],
            None => self.tp_name,
        }
    }

    pub fn as_object(&self) -> &PyObject {
        &self.ob_base.ob_base
    }
}
