//! The singletons: `None`, `NotImplemented`, `Ellipsis`, and `True`/`False` accessors.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc_never;
use crate::object::typeobj::flags;
use crate::object::{PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{int, str as pystr, type_};
use crate::vm::Vm;

pub struct PyNone;
pub struct PyNotImplemented;
pub struct PyEllipsis;

macro_rules! singleton_type {
    ($tstatic:ident, $ostatic:ident, $payload:ident, $name:literal, $repr:ident, $bool:expr) => {
        pub static $tstatic: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_flags: Cell::new(flags::IMMUTABLETYPE),
                tp_dealloc: Cell::new(dealloc_never),
                tp_repr: Cell::new(Some($repr)),
                tp_new: Cell::new(Some(singleton_new)),
                tp_as_number: crate::object::typeobj::NumberSlots {
                    nb_bool: Cell::new($bool),
                    ..crate::object::typeobj::NumberSlots::EMPTY
                },
                ..PyTypeData::BASE
            },
        ));
        pub static $ostatic: Static<PyInner<$payload>> = Static(PyInner::new_static(&$tstatic.0, $payload));
        impl PyPayload for $payload {
            fn static_type() -> &'static PyTypeObject {
                &$tstatic
            }
        }
    };
}

singleton_type!(NONE_TYPE, NONE, PyNone, "NoneType", none_repr, Some(none_bool));
singleton_type!(NOT_IMPLEMENTED_TYPE, NOT_IMPLEMENTED, PyNotImplemented, "NotImplementedType", notimpl_repr, Some(notimpl_bool));
singleton_type!(ELLIPSIS_TYPE, ELLIPSIS, PyEllipsis, "ellipsis", ellipsis_repr, None);

/// `hash(None)`: a constant in 3.13 (`_Py_HashConst`-free `none_hash`: 0xFCA86420).
pub fn none_hash(_vm: &Vm, _o: &PyObject) -> PyResult<i64> {
    Ok(0xFCA8_6420)
}

fn none_repr(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("None"))
}
fn notimpl_repr(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("NotImplemented"))
}
fn ellipsis_repr(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("Ellipsis"))
}
fn none_bool(_vm: &Vm, _o: &PyObject) -> PyResult<bool> {
    Ok(false)
}
/// 3.13 warns (DeprecationWarning) and answers True; 3.14 raises.
fn notimpl_bool(vm: &Vm, _o: &PyObject) -> PyResult<bool> {
    crate::warnings::warn(vm, &crate::types::exceptions::DEPRECATION_WARNING, "NotImplemented should not be used in a boolean context")?;
    Ok(true)
}

fn singleton_new(vm: &Vm, cls: &PyObject, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    if !args.is_empty() {
        return Err(vm.type_error(format!("{}() takes no arguments", tp.name())));
    }
    if std::ptr::eq(tp, &*NONE_TYPE) {
        Ok(none())
    } else if std::ptr::eq(tp, &*NOT_IMPLEMENTED_TYPE) {
        Ok(not_implemented())
    } else {
        Ok(ELLIPSIS.to_ref())
    }
}

#[inline]
pub fn none() -> PyRef {
    NONE.to_ref()
}
#[inline]
pub fn none_ref() -> &'static PyObject {
    NONE.as_object()
}
#[inline]
pub fn not_implemented() -> PyRef {
    NOT_IMPLEMENTED.to_ref()
}
#[inline]
pub fn not_implemented_ref() -> &'static PyObject {
    NOT_IMPLEMENTED.as_object()
}
#[inline]
pub fn ellipsis() -> PyRef {
    ELLIPSIS.to_ref()
}
#[inline]
pub fn true_() -> PyRef {
    int::TRUE.to_ref()
}
#[inline]
pub fn false_() -> PyRef {
    int::FALSE.to_ref()
}
#[inline]
pub fn bool_(b: bool) -> PyRef {
    if b { true_() } else { false_() }
}
