//! The C-compatible object header and reference-count primitives.

use std::cell::Cell;
use std::marker::PhantomData;

use super::PyTypeObject;

/// `_Py_IMMORTAL_REFCNT` of CPython 3.13 on 64-bit platforms.
pub const IMMORTAL_REFCNT: isize = u32::MAX as isize;

/// `PyObject`: the header of every object.
#[repr(C)]
pub struct PyObject {
    ob_refcnt: Cell<isize>,
    /// A `Cell` because `obj.__class__ = C` may change it (compatible layouts only).
    ob_type: Cell<*const PyTypeObject>,
    /// Objects are tied to the thread holding the GIL: not `Send`, not `Sync`.
    _not_send: PhantomData<*const ()>,
}

/// `PyVarObject`: the header of variable-size objects (tuple, int in CPython, bytes, …).
#[repr(C)]
pub struct PyVarObject {
    pub ob_base: PyObject,
    pub ob_size: isize,
}

impl PyObject {
    /// A header with count 1 (a new object, owned by its creator).
    pub const fn new(ob_type: *const PyTypeObject) -> Self {
        PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ob_type), _not_send: PhantomData }
    }

    /// The header of a statically allocated, immortal object.
    pub const fn new_immortal(ob_type: *const PyTypeObject) -> Self {
        PyObject { ob_refcnt: Cell::new(IMMORTAL_REFCNT), ob_type: Cell::new(ob_type), _not_send: PhantomData }
    }

    /// `Py_TYPE(op)`.
    #[inline]
    pub fn ob_type(&self) -> &PyTypeObject {
        // SAFETY: every live object's type outlives it (a heap type is kept alive by
        // the references its instances hold, static types are immortal).
        unsafe { &*self.ob_type.get() }
    }

    /// Point the object at another type (`__class__` assignment, after the layout
    /// check). The caller moves the object's reference from the old heap type to the new.
    pub fn set_ob_type(&self, tp: *const PyTypeObject) {
        self.ob_type.set(tp);
    }

    /// `Py_REFCNT(op)`, as `sys.getrefcount` reports it (before its own +1).
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.ob_refcnt.get()
    }

    /// `_Py_IsImmortal`: the low half of the count reads negative as an `i32`.
    #[inline]
    pub fn is_immortal(&self) -> bool {
        (self.ob_refcnt.get() as i32) < 0
    }

    /// `Py_INCREF`.
    #[inline]
    pub fn incref(&self) {
        let low = self.ob_refcnt.get() as u32;
        let (new_low, carried) = low.overflowing_add(1);
        if carried {
            return; // immortal: the low half is saturated
        }
        let high = self.ob_refcnt.get() & !(u32::MAX as isize);
        self.ob_refcnt.set(high | new_low as isize);
    }

    /// Make a heap object immortal (a cache that lives as long as the process, as
    /// CPython's static singletons): counts no longer change and it is never freed.
    pub(crate) fn make_immortal(&self) {
        self.ob_refcnt.set(IMMORTAL_REFCNT);
    }

    /// Undo a temporary resurrection inside `tp_dealloc` (a generator's `close()`): the
    /// count goes back to zero without a second deallocation.
    pub(crate) fn release_resurrected(&self) {
        self.ob_refcnt.set(self.ob_refcnt.get() - 1);
    }

    /// `Py_DECREF`: returns true when the count reached zero and the caller must
    /// deallocate. Use [`PyRef`]'s `Drop` rather than calling this directly.
    /// Drop the reference a finalizer call took on an object being deallocated: true
    /// when the count is zero again (not resurrected).
    pub fn release_revived(&self) -> bool {
        self.decref_is_zero()
    }

    #[inline]
    pub(super) fn decref_is_zero(&self) -> bool {
        if self.is_immortal() {
            return false;
        }
        let n = self.ob_refcnt.get() - 1;
        #[cfg(feature = "refcheck")]
        if n < 0 {
            panic!("refcheck: over-released reference (a {} object freed already)", self.ob_type().name());
        }
        debug_assert!(n >= 0, "reference count of an object went negative");
        self.ob_refcnt.set(n);
        n == 0
    }
}
