use std::cell::Cell;
use std::ptr::NonNull;

use super::typeobj::PyTypeObject;
use super::*;

thread_local! {
    static DEALLOCS: Cell<usize> = const { Cell::new(0) };
}

#[repr(C)]
struct Boxed {
    header: PyObject,
    payload: u64,
}

unsafe fn boxed_dealloc(op: *mut PyObject) {
    DEALLOCS.with(|d| d.set(d.get() + 1));
    drop(unsafe { Box::from_raw(op as *mut Boxed) });
}

fn test_type() -> &'static PyTypeObject {
    Box::leak(Box::new(PyTypeObject {
        ob_base: PyVarObject { ob_base: PyObject::new_immortal(std::ptr::null()), ob_size: 0 },
        tp_name: "test.Boxed",
        tp_basicsize: std::mem::size_of::<Boxed>(),
        tp_itemsize: 0,
        tp_dealloc: boxed_dealloc,
        tp_flags: 0,
        tp_version_tag: Cell::new(1),
    }))
}

fn new_boxed(tp: &'static PyTypeObject, payload: u64) -> PyRef {
    let b = Box::new(Boxed { header: PyObject::new(tp), payload });
    unsafe { PyRef::from_raw(NonNull::new_unchecked(Box::into_raw(b) as *mut PyObject)) }
}

#[test]
fn header_has_cpython_offsets() {
    assert_eq!(std::mem::offset_of!(PyVarObject, ob_size), 16);
    assert_eq!(std::mem::size_of::<PyObject>(), 16);
}

#[test]
fn last_reference_deallocates_once() {
    let tp = test_type();
    let before = DEALLOCS.with(Cell::get);
    let a = new_boxed(tp, 7);
    let b = a.clone();
    assert_eq!(a.refcnt(), 2);
    drop(a);
    assert_eq!(DEALLOCS.with(Cell::get), before);
    assert_eq!(unsafe { (*(b.as_ptr() as *const Boxed)).payload }, 7);
    drop(b);
    assert_eq!(DEALLOCS.with(Cell::get), before + 1);
}

#[test]
fn immortal_counts_are_never_written() {
    let tp = test_type();
    let obj: &'static PyObject = Box::leak(Box::new(PyObject::new_immortal(tp)));
    for _ in 0..10 {
        drop(PyRef::new_ref(obj));
    }
    assert!(obj.is_immortal());
    assert_eq!(obj.refcnt(), IMMORTAL_REFCNT);
}
