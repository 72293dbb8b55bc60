//! The methods of `str` (the Python-facing side of `crate::unicode`'s algorithms).
//! Only a first set is bound so far; the rest of the 3.13 method set is to follow.

use crate::error::PyResult;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::types::function::{check_arity, MethodDef};
use crate::types::str::{downcast_str, expect_str, from_data, str_data};
use crate::types::{int, none};
use crate::vm::Vm;

pub static STR_METHODS: &[MethodDef] = &[
    MethodDef::method("join", str_join),
    MethodDef::method("upper", str_upper),
    MethodDef::method("lower", str_lower),
    MethodDef::method("startswith", str_startswith),
    MethodDef::method("replace", str_replace),
    MethodDef::method("split", str_split),
    MethodDef::method("strip", str_strip),
    MethodDef::method("find", str_find),
];

fn str_join(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "str.join", args, 2, 2)?;
    let items = crate::protocol::iterate(vm, &args[1])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        match downcast_str(it) {
            Some(s) => parts.push(s),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    it.ob_type().name()
                )))
            }
        }
    }
    Ok(from_data(str_data(&args[0]).join(&parts)))
}

fn str_upper(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "str.upper", args, 1, 1)?;
    Ok(from_data(str_data(&args[0]).upper()))
}

fn str_lower(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "str.lower", args, 1, 1)?;
    Ok(from_data(str_data(&args[0]).lower()))
}

fn str_startswith(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "startswith", args, 2, 2)?;
    let p = expect_str(vm, &args[1], "startswith", "first arg")?;
    Ok(none::bool_(str_data(&args[0]).startswith(p, None, None)))
}

fn str_replace(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "replace", args, 3, 4)?;
    let old = expect_str(vm, &args[1], "replace", "argument 1")?;
    let new = expect_str(vm, &args[2], "replace", "argument 2")?;
    let count = match args.get(3) {
        Some(c) => crate::protocol::index_as_isize(vm, c)?,
        None => -1,
    };
    Ok(from_data(str_data(&args[0]).replace(old, new, count)))
}

fn str_split(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "split", args, 1, 3)?;
    let sep = match args.get(1) {
        Some(s) if !s.is(none::none_ref()) => Some(expect_str(vm, s, "split", "argument")?),
        _ => None,
    };
    let maxsplit = match args.get(2) {
        Some(m) => crate::protocol::index_as_isize(vm, m)?,
        None => -1,
    };
    let parts = str_data(&args[0]).split(sep, maxsplit).map_err(|e| vm.value_error(e.message))?;
    Ok(crate::types::list::new_list(parts.into_iter().map(from_data).collect()))
}

fn str_strip(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "strip", args, 1, 2)?;
    let chars = match args.get(1) {
        Some(s) if !s.is(none::none_ref()) => Some(expect_str(vm, s, "strip", "arg")?),
        _ => None,
    };
    Ok(from_data(str_data(&args[0]).strip(chars)))
}

fn str_find(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "find", args, 2, 2)?;
    let sub = expect_str(vm, &args[1], "find", "argument")?;
    Ok(int::new_int(str_data(&args[0]).find(sub, None, None) as i64))
}

/// `str % args` (printf-style formatting): not bound yet.
pub fn percent_format(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let _ = (a, b);
    Err(vm.not_implemented_error("str % args is not implemented yet"))
}

/// `str(bytes, encoding, errors)`: not bound yet.
pub fn str_new_decode(vm: &Vm, _tp: &PyTypeObject, _args: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.not_implemented_error("str(object, encoding, errors) is not implemented yet"))
}
