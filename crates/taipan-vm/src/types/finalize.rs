//! Deallocation of class instances with `__del__` (PEP 442, CPython's `subtype_dealloc`
//! + `PyObject_CallFinalizerFromDealloc`).
//!
//! Every class gets [`subtype_dealloc`] as its `tp_dealloc`. When the class has a
//! `tp_finalize` (it or a base defines `__del__`), the object is revived with one
//! reference for the call, then released again: if something stored a new reference
//! (resurrection) the object lives on and its finalizer is never called again; otherwise
//! the base type's deallocator (the payload's) frees it.
//!
//! **Finalized set.** PEP 442 keeps a "finalized" bit in the GC header; taipan's objects
//! have no spare bit, so the addresses of resurrected objects are kept in a per-thread
//! set (only resurrection adds to it, so it stays tiny) and removed when the object is
//! finally freed.
//!
//! **Thread's VM.** `tp_dealloc` gets no `&Vm`; the thread that created a `Vm` records
//! it here ([`set_thread_vm`]); a finalizer that would run without one is skipped.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::vm::Vm;

thread_local! {
    static THREAD_VM: Cell<*const Vm> = const { Cell::new(std::ptr::null()) };
    static FINALIZED: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
}

/// Record the VM running on this thread (its address must stay valid while objects of
/// this thread are freed; `Vm::new` returns a box).
pub fn set_thread_vm(vm: &Vm) {
    THREAD_VM.with(|c| c.set(vm as *const Vm));
}

/// Forget the thread's VM (before it is dropped).
pub fn clear_thread_vm() {
    THREAD_VM.with(|c| c.set(std::ptr::null()));
}

/// Whether `obj`'s finalizer already ran and it was resurrected (`gc.is_finalized`).
pub fn is_finalized(obj: &PyObject) -> bool {
    FINALIZED.with(|s| s.borrow().contains(&obj.addr()))
}

/// Mark `obj` as finalized (a finalizer called outside deallocation, e.g. by a
/// collector).
pub fn mark_finalized(obj: &PyObject) {
    FINALIZED.with(|s| s.borrow_mut().insert(obj.addr()));
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

/// `tp_dealloc` of classes.
///
/// # Safety
/// `obj` is a class instance whose reference count reached zero.
pub unsafe fn subtype_dealloc(obj: *mut PyObject) {
    unsafe {
        let o = &*obj;
        let tp = o.ob_type();
        if let Some(fin) = tp.tp_finalize.get() {
            let addr = o.addr();
            let already = FINALIZED.with(|s| s.borrow_mut().remove(&addr));
            let vm = THREAD_VM.with(|c| c.get());
            if !already && !vm.is_null() {
                // Revive for the call: this reference is the only one.
                let r = PyRef::new_ref(o);
                fin(&*vm, o);
                let ptr = r.into_raw();
                // Release the temporary reference without deallocating again.
                let alive = !(*ptr.as_ptr()).release_revived();
                if alive {
                    FINALIZED.with(|s| s.borrow_mut().insert(addr));
                    return;
                }
            }
        }
        (base_dealloc(tp))(obj)
    }
}
