//! `PyObject_LengthHint`: the size an iterable expects to produce, used by consumers
//! that preallocate (`list(it)`, `list.extend(it)`). `len()` if the object has one,
//! else `__length_hint__()`, else the caller's default; a TypeError from either (or a
//! `NotImplemented` hint) means "no hint".

use crate::error::PyResult;
use crate::object::PyObject;
use crate::types::{exceptions, int, none};
use crate::vm::Vm;

/// `operator.length_hint(obj, default)`.
pub fn length_hint(vm: &Vm, obj: &PyObject, default: usize) -> PyResult<usize> {
    let tp = obj.ob_type();
    if tp.tp_as_sequence.sq_length.get().is_some() || tp.tp_as_mapping.mp_length.get().is_some() {
        match super::len(vm, obj) {
            Ok(n) => return Ok(n),
            Err(e) if e.matches(&exceptions::TYPE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    let Some(hint) = super::lookup_special(vm, obj, "__length_hint__")? else {
        return Ok(default);
    };
    let r = match super::call(vm, &hint, &[], &[]) {
        Ok(r) => r,
        Err(e) if e.matches(&exceptions::TYPE_ERROR) => return Ok(default),
        Err(e) => return Err(e),
    };
    if r.is(none::not_implemented_ref()) {
        return Ok(default);
    }
    if !r.ob_type().is_subtype(&int::INT_TYPE) {
        return Err(vm.type_error(format!("__length_hint__ must be an integer, not {}", r.ob_type().name())));
    }
    let n = super::index_as_isize(vm, &r)?;
    if n < 0 {
        return Err(vm.value_error("__length_hint__() should return >= 0"));
    }
    Ok(n as usize)
}
