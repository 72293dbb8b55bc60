//! `types.SimpleNamespace` (CPython's `namespaceobject.c`): an object whose attributes
//! live in its `__dict__`, with a repr listing them. `sys.implementation` is one.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::{dict, str as pystr, type_};
use crate::vm::Vm;

pub struct PyNamespace {
    pub dict: RefCell<Option<PyRef>>,
}

impl PyPayload for PyNamespace {
    fn static_type() -> &'static PyTypeObject {
        &NAMESPACE_TYPE
    }
}

fn namespace_dict_cell(obj: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: only called for namespace instances (tp_dict_of of this type).
    unsafe { &obj.payload_unchecked::<PyNamespace>().dict }
}

pub static NAMESPACE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("types.SimpleNamespace"),
        tp_flags: Cell::new(flags::BASETYPE),
        tp_dealloc: Cell::new(dealloc::<PyNamespace>),
        tp_repr: Cell::new(Some(namespace_repr)),
        tp_new: Cell::new(Some(namespace_new)),
        tp_dict_of: Cell::new(Some(namespace_dict_cell)),
        ..PyTypeData::BASE
    },
));

/// A namespace with these attributes, in order.
pub fn new_namespace(vm: &Vm, attrs: Vec<(&str, PyRef)>) -> PyRef {
    let d = dict::new_dict();
    for (k, v) in attrs {
        dict::set_item_str_key(vm, &d, &vm.intern(k), &v);
    }
    alloc_object(&NAMESPACE_TYPE, PyNamespace { dict: RefCell::new(Some(d)) })
}

fn namespace_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let npos = args.len() - kwnames.len();
    let d = dict::new_dict();
    if npos > 1 {
        return Err(vm.type_error(format!("SimpleNamespace expected at most 1 positional argument, got {npos}")));
    }
    if npos == 1 {
        dict::update(vm, &d, &args[0])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        dict::set_item(vm, &d, k, v)?;
    }
    Ok(alloc_object(tp, PyNamespace { dict: RefCell::new(Some(d)) }))
}

fn namespace_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let name = if std::ptr::eq(o.ob_type(), &*NAMESPACE_TYPE) { "namespace".to_string() } else { o.ob_type().name().to_string() };
    if !protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str(&format!("{name}(...)")));
    }
    let d = namespace_dict_cell(o).borrow().clone();
    let mut parts = Vec::new();
    let r = (|| {
        if let Some(d) = d {
            for (k, v) in dict::items(&d) {
                if pystr::downcast_str(&k).is_some() {
                    parts.push(format!("{}={}", pystr::to_string(&k), protocol::repr_string(vm, &v)?));
                }
            }
        }
        Ok(())
    })();
    protocol::repr_leave(vm, o);
    r?;
    Ok(pystr::new_str(&format!("{name}({})", parts.join(", "))))
}
