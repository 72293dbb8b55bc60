//! `mappingproxy`: a read-only view of a mapping (what `type.__dict__` returns). Every
//! operation forwards to the wrapped mapping through the generic protocols, so a proxy
//! of a dict sees later changes to it.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::function::MethodDef;
use crate::types::{dict, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyMappingProxy {
    pub mapping: PyRef,
}

impl PyPayload for PyMappingProxy {
    fn static_type() -> &'static PyTypeObject {
        &MAPPINGPROXY_TYPE
    }
}

pub static MAPPINGPROXY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("mappingproxy"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::MAPPING),
        tp_dealloc: Cell::new(dealloc::<PyMappingProxy>),
        tp_repr: Cell::new(Some(mp_repr)),
        tp_str: Cell::new(Some(mp_str)),
        tp_iter: Cell::new(Some(mp_iter)),
        tp_richcompare: Cell::new(Some(mp_richcompare)),
        tp_new: Cell::new(Some(mp_new)),
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_length: Cell::new(Some(mp_len)),
            mp_subscript: Cell::new(Some(mp_getitem)),
            mp_ass_subscript: Cell::new(None),
        },
        tp_as_sequence: crate::object::typeobj::SequenceSlots {
            sq_contains: Cell::new(Some(mp_contains)),
            ..crate::object::typeobj::SequenceSlots::EMPTY
        },
        tp_methods: METHODS,
        ..PyTypeData::BASE
    },
));

static METHODS: &[MethodDef] = &[
    MethodDef::method("get", mp_get),
    MethodDef::method("keys", mp_keys),
    MethodDef::method("values", mp_values),
    MethodDef::method("items", mp_items),
    MethodDef::method("copy", mp_copy),
];

/// A proxy of `mapping`.
pub fn new_mappingproxy(mapping: PyRef) -> PyRef {
    alloc_object(&MAPPINGPROXY_TYPE, PyMappingProxy { mapping })
}

fn inner(o: &PyObject) -> &PyRef {
    &o.downcast::<PyMappingProxy>().expect("a mappingproxy").mapping
}

fn mp_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let m = if npos == 1 && kwnames.is_empty() {
        args[0].clone()
    } else if npos == 0 && kwnames.len() == 1 && pystr::to_string(&kwnames[0]) == "mapping" {
        args[0].clone()
    } else {
        return Err(vm.type_error(format!("mappingproxy() takes exactly one argument ({} given)", args.len())));
    };
    let tp = m.ob_type();
    let is_mapping = tp.tp_as_mapping.mp_subscript.get().is_some()
        && !tp.is_subtype(&crate::types::list::LIST_TYPE)
        && !tp.is_subtype(&crate::types::tuple::TUPLE_TYPE);
    if !is_mapping {
        return Err(vm.type_error(format!("mappingproxy() argument must be a mapping, not {}", tp.name())));
    }
    Ok(new_mappingproxy(m))
}

fn mp_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let r = protocol::repr_string(vm, inner(o))?;
    Ok(pystr::new_str(&format!("mappingproxy({r})")))
}
fn mp_str(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    protocol::str(vm, inner(o))
}
fn mp_iter(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    protocol::getiter(vm, inner(o))
}
fn mp_len(vm: &Vm, o: &PyObject) -> PyResult<usize> {
    protocol::len(vm, inner(o))
}
fn mp_getitem(vm: &Vm, o: &PyObject, k: &PyObject) -> PyResult<PyRef> {
    protocol::getitem(vm, inner(o), k)
}
fn mp_contains(vm: &Vm, o: &PyObject, k: &PyObject) -> PyResult<bool> {
    let m = inner(o);
    if dict::downcast_dict(m).is_some() {
        return Ok(dict::get_item(vm, m, k)?.is_some());
    }
    protocol::contains(vm, m, k)
}
fn mp_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    protocol::richcompare(vm, inner(a), b, op)
}

fn forward(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let m = protocol::getattr_str(vm, inner(&args[0]), name)?;
    protocol::call(vm, &m, &args[1..], kw)
}
fn mp_get(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "get", kw)?;
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(format!(
            "get expected {} arguments, got {}",
            if args.len() < 2 { "at least 1" } else { "at most 2" },
            args.len() - 1
        )));
    }
    let _ = none::none;
    forward(vm, "get", args, kw)
}
fn mp_keys(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "keys", args, kw)
}
fn mp_values(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "values", args, kw)
}
fn mp_items(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "items", args, kw)
}
fn mp_copy(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "copy", args, kw)
}
