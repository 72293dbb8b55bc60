//! [`PyRef`]: an owned, strong reference to an object.

use std::ptr::NonNull;

use super::PyObject;

/// An owned reference: holding one keeps the object alive. `Clone` is `Py_INCREF`,
/// `Drop` is `Py_DECREF` (deallocating through the type's `tp_dealloc` at zero).
/// Never `Copy`: duplicating a reference is always explicit.
#[repr(transparent)]
pub struct PyRef {
    ptr: NonNull<PyObject>,
}

impl PyRef {
    /// Take ownership of a reference the caller owns (a "new reference" in C API terms).
    ///
    /// # Safety
    /// `ptr` points to a live object and the caller transfers one reference count to the
    /// returned handle.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<PyObject>) -> PyRef {
        PyRef { ptr }
    }

    /// A new reference to a borrowed object (`Py_NewRef`).
    #[inline]
    pub fn new_ref(obj: &PyObject) -> PyRef {
        obj.incref();
        PyRef { ptr: NonNull::from(obj) }
    }

    /// Give up ownership without decrementing: the count now belongs to the caller.
    #[inline]
    pub fn into_raw(self) -> NonNull<PyObject> {
        let ptr = self.ptr;
        std::mem::forget(self);
        ptr
    }

    /// Drop this reference with the decrement inlined at the call site (the interpreter's
    /// hot paths, where the compiler would otherwise call the out-of-line drop glue).
    #[inline(always)]
    pub fn release(self) {
        let ptr = self.into_raw();
        // SAFETY: this handle owned one count of a live object.
        if unsafe { ptr.as_ref() }.decref_is_zero() {
            dealloc(ptr);
        }
    }

    #[inline]
    pub fn as_ptr(&self) -> *mut PyObject {
        self.ptr.as_ptr()
    }

}

impl std::ops::Deref for PyRef {
    type Target = PyObject;
    #[inline]
    fn deref(&self) -> &PyObject {
        // SAFETY: a PyRef keeps its object alive.
        unsafe { self.ptr.as_ref() }
    }
}

impl Clone for PyRef {
    #[inline]
    fn clone(&self) -> PyRef {
        PyRef::new_ref(self)
    }
}

impl Drop for PyRef {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: this handle owns one count of a live object.
        let obj = unsafe { self.ptr.as_ref() };
        if obj.decref_is_zero() {
            dealloc(self.ptr);
        }
    }
}

/// Call the type's `tp_dealloc` on an object whose count reached zero.
#[cold]
fn dealloc(ptr: NonNull<PyObject>) {
    // SAFETY: the count is zero, so nothing else refers to the object; its type is still
    // alive (the object's own reference to a heap type is released by tp_dealloc).
    unsafe {
        let tp = (*ptr.as_ptr()).ob_type();
        // Untracked first: a collection that runs while it is being freed (weakref
        // callbacks, `__del__`) must not see an object with count zero.
        if tp.has_flag(crate::object::typeobj::flags::HAVE_GC) {
            crate::gc::untrack(&*ptr.as_ptr());
        }
        // Types with a finalizer clear weak references after it (subtype_dealloc).
        if tp.tp_flags.get() & crate::weakref::WEAKREFERENCED != 0 && tp.tp_finalize.get().is_none() {
            crate::weakref::clear_weakrefs(ptr.as_ptr());
        }
        let tp_dealloc = tp.tp_dealloc.get();
        tp_dealloc(ptr.as_ptr());
    }
}

impl std::fmt::Debug for PyRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object at {:p}>", self.ob_type().name(), self.ptr)
    }
}
