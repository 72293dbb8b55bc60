use std::cell::Cell;

use super::inner::dealloc;
use super::*;
use crate::object::typeobj::static_name;

thread_local! {
    static DROPS: Cell<usize> = const { Cell::new(0) };
}

struct Counted(u64);

impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}

static COUNTED_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &crate::types::type_::TYPE_TYPE.0,
    PyTypeData { tp_name: static_name("test.Counted"), tp_dealloc: Cell::new(dealloc::<Counted>), ..PyTypeData::BASE },
));

impl PyPayload for Counted {
    fn static_type() -> &'static PyTypeObject {
        &COUNTED_TYPE
    }
}

#[test]
fn header_has_cpython_offsets() {
    assert_eq!(std::mem::offset_of!(PyVarObject, ob_size), 16);
    assert_eq!(std::mem::size_of::<PyObject>(), 16);
    assert_eq!(std::mem::offset_of!(PyInner<u64>, payload), 16);
}

#[test]
fn last_reference_deallocates_once() {
    let before = DROPS.with(Cell::get);
    let a = alloc_object(&COUNTED_TYPE, Counted(7));
    let b = a.clone();
    assert_eq!(a.refcnt(), 2);
    drop(a);
    assert_eq!(DROPS.with(Cell::get), before);
    assert_eq!(b.downcast::<Counted>().unwrap().0, 7);
    drop(b);
    assert_eq!(DROPS.with(Cell::get), before + 1);
}

#[test]
fn immortal_counts_are_never_written() {
    let obj: &'static PyObject = COUNTED_TYPE.as_object();
    let before = obj.refcnt();
    for _ in 0..10 {
        drop(PyRef::new_ref(obj));
    }
    assert!(obj.is_immortal());
    assert_eq!(obj.refcnt(), before);
    assert_eq!(obj.refcnt(), IMMORTAL_REFCNT);
}
