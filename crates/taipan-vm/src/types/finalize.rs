//! Deallocation of class instances with `__del__` (PEP 442, CPython's `subtype_dealloc`
//! + `PyObject_CallFinalizerFromDealloc`).
//!
//! Every class gets [`subtype_dealloc`] as its `tp_dealloc`. When the class has a
//! `tp_finalize` (it or a base defines `__del__`), the object is revived with one
//! reference for the call, then released again: if something stored a new reference
//! (resurrection) the object lives on and its finalizer is never called again; otherwise
//! the base type's deallocator (the payload's) frees it.
//!
//! **Finalized bit.** PEP 442's "finalized" flag is a bit of the GC head every class
//! instance carries (`gc::FINALIZED`); it dies with the object.
//!
//! **Thread's VM.** `tp_dealloc` gets no `&Vm`; the finalizer runs with the thread's
//! interpreter (`vm::with_current_vm`) and is skipped on a thread without one.

use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::vm::Vm;

/// Kept for callers of the old interface: the thread's VM is `vm::with_current_vm`'s.
pub fn set_thread_vm(_vm: &Vm) {}

/// Kept for callers of the old interface.
pub fn clear_thread_vm() {}

/// Whether `obj`'s finalizer already ran (`gc.is_finalized`): the FINALIZED bit of its GC
/// head (every class instance has one).
pub fn is_finalized(obj: &PyObject) -> bool {
    crate::gc::is_finalized(obj)
}

/// Mark `obj` as finalized (a finalizer called outside deallocation, e.g. by a
/// collector).
pub fn mark_finalized(obj: &PyObject) {
    crate::gc::set_finalized(obj, true);
}

/// The first deallocator in `tp`'s base chain that is not [`subtype_dealloc`].
fn base_dealloc(tp: &PyTypeObject) -> crate::object::typeobj::Destructor {
    let mut t = tp;
    loop {
        let d = t.tp_dealloc.get();
        if d as usize != subtype_dealloc as *const () as usize {
            return d;
        }
        match t.base() {
            Some(b) => t = b,
            None => return d,
        }
    }
}

/// `tp_dealloc` of classes: the finalizer first (once), then the weak references are
/// cleared (their callbacks run), then the base type's deallocator frees the object.
///
/// # Safety
/// `obj` is a class instance whose reference count reached zero.
pub unsafe fn subtype_dealloc(obj: *mut PyObject) {
    unsafe {
        let o = &*obj;
        let tp = o.ob_type();
        if let Some(fin) = tp.tp_finalize.get() {
            if !is_finalized(o) {
                let ran = crate::vm::with_current_vm(|vm| {
                    // Revive for the call: this reference is the only one; a live object
                    // is tracked again while Python code runs (CPython's subtype_dealloc).
                    let r = PyRef::new_ref(o);
                    crate::gc::track(o);
                    fin(vm, o);
                    mark_finalized(o);
                    let ptr = r.into_raw();
                    // Release the temporary reference without deallocating again.
                    let dead = (*ptr.as_ptr()).release_revived();
                    if dead {
                        crate::gc::untrack(o);
                    }
                    dead
                });
                if ran == Some(false) {
                    return; // resurrected: it lives on, finalized
                }
            }
            let tp = o.ob_type();
            if tp.tp_flags.get() & crate::weakref::WEAKREFERENCED != 0 {
                crate::weakref::clear_weakrefs(obj);
            }
        }
        (base_dealloc(o.ob_type()))(obj)
    }
}
