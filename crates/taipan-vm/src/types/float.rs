//! `float`: an `f64` payload; `repr` is the shortest round-trip form (crate::format).

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, NumberSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::int::{downcast_int, format_error};
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyFloat {
    pub value: f64,
}

impl PyPayload for PyFloat {
    fn static_type() -> &'static PyTypeObject {
        &FLOAT_TYPE
    }
}

pub static FLOAT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("float"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyFloat>),
        tp_repr: Cell::new(Some(float_repr)),
        tp_hash: Cell::new(Some(float_hash)),
        tp_richcompare: Cell::new(Some(float_richcompare)),
        tp_new: Cell::new(Some(float_new)),
        tp_as_number: NumberSlots {
            nb_add: Cell::new(Some(float_add)),
            nb_subtract: Cell::new(Some(float_sub)),
            nb_multiply: Cell::new(Some(float_mul)),
            nb_true_divide: Cell::new(Some(float_truediv)),
            nb_negative: Cell::new(Some(float_neg)),
            nb_positive: Cell::new(Some(float_pos)),
            nb_bool: Cell::new(Some(float_bool)),
            nb_float: Cell::new(Some(float_pos)),
            ..NumberSlots::EMPTY
        },
        ..PyTypeData::BASE
    },
));

pub fn new_float(v: f64) -> PyRef {
    alloc_object(&FLOAT_TYPE, PyFloat { value: v })
}

/// The value of a float, or of an int converted exactly as CPython's float ops do.
pub fn as_f64(vm: &Vm, o: &PyObject) -> PyResult<Option<f64>> {
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok(Some(f.value));
    }
    if let Some(i) = downcast_int(o) {
        return match i.as_i64() {
            Some(n) if n.unsigned_abs() < 1 << 53 => Ok(Some(n as f64)),
            _ => crate::format::int_to_f64(&i.to_ibig()).map(Some).map_err(|e| format_error(vm, e)),
        };
    }
    Ok(None)
}

macro_rules! operands {
    ($vm:ident, $a:ident, $b:ident) => {
        match (as_f64($vm, $a)?, as_f64($vm, $b)?) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(none::not_implemented()),
        }
    };
}

fn float_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(&crate::format::float_repr(o.downcast::<PyFloat>().unwrap().value)))
}

fn float_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    Ok(crate::hash::hash_float(o.downcast::<PyFloat>().unwrap().value, o.addr()))
}

fn float_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    let r = match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    };
    Ok(none::bool_(r))
}

fn float_add(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x + y))
}
fn float_sub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x - y))
}
fn float_mul(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x * y))
}
fn float_truediv(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    if y == 0.0 {
        return Err(vm.zero_division_error("float division by zero"));
    }
    Ok(new_float(x / y))
}
fn float_neg(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(-a.downcast::<PyFloat>().unwrap().value))
}
fn float_pos(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(a.ob_type(), &*FLOAT_TYPE) {
        return Ok(a.to_ref());
    }
    Ok(new_float(a.downcast::<PyFloat>().unwrap().value))
}
fn float_bool(_vm: &Vm, a: &PyObject) -> PyResult<bool> {
    Ok(a.downcast::<PyFloat>().unwrap().value != 0.0)
}

fn float_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    crate::types::function::no_kwargs(vm, "float", kwnames)?;
    let v = match args {
        [] => 0.0,
        [x] => {
            if let Some(s) = pystr::downcast_str(x) {
                let text = s.to_string_lossy();
                crate::format::float_from_str(&text, || s.repr()).map_err(|e| format_error(vm, e))?
            } else if let Some(v) = as_f64(vm, x)? {
                v
            } else {
                let r = crate::protocol::call_special(vm, x, "__float__", &[]).map_err(|_| {
                    vm.type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        x.ob_type().name()
                    ))
                })?;
                as_f64(vm, &r)?.unwrap_or(0.0)
            }
        }
        _ => return Err(vm.type_error(format!("float expected at most 1 argument, got {}", args.len()))),
    };
    Ok(alloc_object(tp, PyFloat { value: v }))
}
