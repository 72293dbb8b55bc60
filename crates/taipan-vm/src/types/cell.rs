//! `cell` objects: the boxes that closures share (`MAKE_CELL`, `LOAD_DEREF`).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{str as pystr, type_};
use crate::vm::Vm;

pub struct PyCell {
    pub contents: RefCell<Option<PyRef>>,
}

impl PyPayload for PyCell {
    fn static_type() -> &'static PyTypeObject {
        &CELL_TYPE
    }
}

pub static CELL_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("cell"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyCell>),
        tp_repr: Cell::new(Some(cell_repr)),
        tp_getset: CELL_GETSET,
        ..PyTypeData::BASE
    },
));

static CELL_GETSET: &[GetSetDef] = &[GetSetDef::new("cell_contents", cell_contents, Some(set_cell_contents))];

pub fn new_cell(v: Option<PyRef>) -> PyRef {
    alloc_object(&CELL_TYPE, PyCell { contents: RefCell::new(v) })
}

pub fn as_cell(o: &PyObject) -> &PyCell {
    o.downcast::<PyCell>().expect("a cell")
}

fn cell_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let s = match as_cell(o).contents.borrow().as_ref() {
        None => format!("<cell at {:#x}: empty>", o.addr()),
        Some(v) => format!("<cell at {:#x}: {} object at {:#x}>", o.addr(), v.ob_type().name(), v.addr()),
    };
    Ok(pystr::new_str(&s))
}

fn cell_contents(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    as_cell(o).contents.borrow().clone().ok_or_else(|| vm.value_error("Cell is empty"))
}

fn set_cell_contents(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let old = as_cell(o).contents.replace(v.map(|v| v.to_ref()));
    drop(old);
    Ok(())
}
