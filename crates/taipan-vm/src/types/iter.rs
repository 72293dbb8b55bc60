//! Iterators over built-in sequences, and the generic sequence iterator
//! (`iter(obj)` for objects with only `__getitem__`).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{int, type_};
use crate::vm::Vm;

pub struct PyTupleIter {
    pub tuple: PyRef,
    pub index: Cell<usize>,
}

/// `iterator`: calls `seq[0]`, `seq[1]`, … until IndexError or StopIteration.
pub struct PySeqIter {
    pub seq: RefCell<Option<PyRef>>,
    pub index: Cell<isize>,
}

impl PyPayload for PySeqIter {
    fn static_type() -> &'static PyTypeObject {
        &SEQ_ITER_TYPE
    }
}

pub static SEQ_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("iterator"),
        tp_dealloc: Cell::new(dealloc::<PySeqIter>),
        tp_iter: Cell::new(Some(self_iter)),
        tp_iternext: Cell::new(Some(seq_iternext)),
        ..PyTypeData::BASE
    },
));

/// `tp_iter` of iterators: themselves.
pub fn self_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.to_ref())
}

/// `tp_iter` for sequences without their own iterator type.
pub fn seq_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(alloc_object(&SEQ_ITER_TYPE, PySeqIter { seq: RefCell::new(Some(o.to_ref())), index: Cell::new(0) }))
}

fn seq_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PySeqIter>().unwrap();
    let Some(seq) = it.seq.borrow().clone() else { return Ok(None) };
    let i = it.index.get();
    match crate::protocol::getitem(vm, &seq, &int::new_int(i as i64)) {
        Ok(v) => {
            it.index.set(i + 1);
            Ok(Some(v))
        }
        Err(e)
            if e.matches(&crate::types::exceptions::INDEX_ERROR)
                || e.matches(&crate::types::exceptions::STOP_ITERATION) =>
        {
            *it.seq.borrow_mut() = None;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
