//! The `__dict__` and `__weakref__` attributes a class adds for its instances
//! (CPython's `subtype_getset`): getset descriptors owned by a heap type.
//!
//! The built-in `getset_descriptor` payload names a `'static` owner type, which a class
//! is not, so these are a separate payload holding a counted reference to the class; the
//! type is still called `getset_descriptor`, as in CPython.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{dict, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PySubtypeGetSet {
    pub owner: PyRef,
    /// `__weakref__` (true) or `__dict__` (false).
    pub weakref: bool,
}

impl PyPayload for PySubtypeGetSet {
    fn static_type() -> &'static PyTypeObject {
        &SUBTYPE_GETSET_TYPE
    }
}

pub static SUBTYPE_GETSET_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("getset_descriptor"),
        tp_flags: Cell::new(crate::object::typeobj::flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PySubtypeGetSet>),
        tp_descr_get: Cell::new(Some(getset_get)),
        tp_descr_set: Cell::new(Some(getset_set)),
        tp_repr: Cell::new(Some(getset_repr)),
        tp_getset: GETSET,
        ..PyTypeData::BASE
    },
));

static GETSET: &[crate::types::descr::GetSetDef] = &[
    crate::types::descr::GetSetDef::new("__name__", get_name, None),
    crate::types::descr::GetSetDef::new("__objclass__", get_objclass, None),
];

fn this(o: &PyObject) -> &PySubtypeGetSet {
    o.downcast::<PySubtypeGetSet>().expect("a subtype getset")
}

fn name_of(d: &PySubtypeGetSet) -> &'static str {
    if d.weakref {
        "__weakref__"
    } else {
        "__dict__"
    }
}

fn get_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(name_of(this(o))))
}
fn get_objclass(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(this(o).owner.clone())
}

/// Add `__dict__` (when `dict`) and `__weakref__` (when `weakref`) to a new class's dict.
pub fn add_subtype_getsets(vm: &Vm, tp: &PyTypeObject, d: &PyObject, add_dict: bool, add_weakref: bool) -> PyResult<()> {
    if add_dict {
        let g = alloc_object(&SUBTYPE_GETSET_TYPE, PySubtypeGetSet { owner: tp.to_ref(), weakref: false });
        dict::set_item(vm, d, &vm.intern("__dict__"), &g)?;
    }
    if add_weakref {
        let g = alloc_object(&SUBTYPE_GETSET_TYPE, PySubtypeGetSet { owner: tp.to_ref(), weakref: true });
        dict::set_item(vm, d, &vm.intern("__weakref__"), &g)?;
    }
    Ok(())
}

fn check(vm: &Vm, d: &PySubtypeGetSet, o: &PyObject) -> PyResult<()> {
    let owner = type_::downcast_type(&d.owner).expect("a type");
    if !o.ob_type().is_subtype(owner) {
        return Err(vm.type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            name_of(d),
            owner.name(),
            o.ob_type().name()
        )));
    }
    Ok(())
}

fn getset_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let d = this(descr);
    let Some(o) = obj else { return Ok(descr.to_ref()) };
    check(vm, d, o)?;
    if d.weakref {
        return Ok(none::none());
    }
    match crate::types::object::instance_dict(o) {
        Some(dct) => Ok(dct),
        None => Err(vm.attribute_error("This object has no __dict__")),
    }
}

fn getset_set(vm: &Vm, descr: &PyObject, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let d = this(descr);
    check(vm, d, obj)?;
    if d.weakref {
        return Err(vm.attribute_error(format!(
            "attribute '__weakref__' of '{}' objects is not writable",
            type_::downcast_type(&d.owner).map(|t| t.name()).unwrap_or_default()
        )));
    }
    if let Some(v) = value {
        if dict::downcast_dict(v).is_none() {
            return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.ob_type().name())));
        }
    }
    let Some(cell) = crate::types::object::instance_dict_cell(obj) else {
        return Err(vm.attribute_error("This object has no __dict__"));
    };
    let old = cell.replace(value.map(|v| v.to_ref()));
    drop(old);
    Ok(())
}

fn getset_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = this(descr);
    let owner = type_::downcast_type(&d.owner).map(|t| t.name()).unwrap_or_default();
    Ok(pystr::new_str(&format!("<attribute '{}' of '{owner}' objects>", name_of(d))))
}
