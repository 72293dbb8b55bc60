//! The Python-visible side of `slice`: the constructor, `start`/`stop`/`step`,
//! `indices()`, comparison (as the tuple `(start, stop, step)`) and the hash 3.12 added.

use crate::error::PyResult;
use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef};
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::slice::{new_slice, PySlice};
use crate::types::{int, none, tuple};
use crate::vm::Vm;

pub static SLICE_GETSET: &[GetSetDef] = &[
    GetSetDef::new("start", slice_start, None),
    GetSetDef::new("stop", slice_stop, None),
    GetSetDef::new("step", slice_step, None),
];

pub static SLICE_METHODS: &[MethodDef] = &[MethodDef::method("indices", slice_indices)];

fn this(o: &PyObject) -> &PySlice {
    o.downcast::<PySlice>().expect("a slice")
}

fn slice_start(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(this(o).start.clone())
}
fn slice_stop(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(this(o).stop.clone())
}
fn slice_step(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(this(o).step.clone())
}

/// `slice(stop)` / `slice(start, stop[, step])`.
pub fn slice_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "slice", kwnames)?;
    let n = none::none;
    match args {
        [stop] => Ok(new_slice(n(), stop.clone(), n())),
        [a, b] => Ok(new_slice(a.clone(), b.clone(), n())),
        [a, b, c] => Ok(new_slice(a.clone(), b.clone(), c.clone())),
        [] => Err(vm.type_error("slice expected at least 1 argument, got 0")),
        _ => Err(vm.type_error(format!("slice expected at most 3 arguments, got {}", args.len()))),
    }
}

fn slice_indices(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "indices", &args[1..], 1, 1)?;
    let len = crate::protocol::index_as_isize(vm, &args[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step, _) = this(&args[0]).adjust(vm, len as usize)?;
    Ok(tuple::new_tuple(vec![int::new_int(start as i64), int::new_int(stop as i64), int::new_int(step as i64)]))
}

fn as_tuple(o: &PyObject) -> PyRef {
    let s = this(o);
    tuple::new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()])
}

pub fn slice_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if b.downcast::<PySlice>().is_none() {
        return Ok(none::not_implemented());
    }
    crate::protocol::richcompare(vm, &as_tuple(a), &as_tuple(b), op)
}

pub fn slice_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    crate::protocol::hash(vm, &as_tuple(o))
}
