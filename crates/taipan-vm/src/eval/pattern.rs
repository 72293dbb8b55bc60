//! `match` statement instructions: `MATCH_CLASS` and `MATCH_KEYS` (CPython's
//! `match_class` / `match_keys` in `ceval.c`). `MATCH_MAPPING` / `MATCH_SEQUENCE` only
//! test the `Py_TPFLAGS_MAPPING` / `Py_TPFLAGS_SEQUENCE` bits of the subject's type.

use crate::error::PyResult;
use crate::object::typeobj::flags;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::{dict, none, str as pystr, tuple, type_};
use crate::vm::Vm;

/// Names of the built-in types whose class pattern `C(x)` matches the subject itself
/// (`_Py_TPFLAGS_MATCH_SELF`); subclasses inherit the behaviour.
const MATCH_SELF: &[&str] = &["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"];

fn matches_self(tp: &crate::object::PyTypeObject) -> bool {
    let Some(mro) = tp.tp_mro.borrow().clone() else { return false };
    tuple::tuple_items(&mro).iter().any(|t| {
        type_::downcast_type(t).is_some_and(|t| !t.is_heap_type() && MATCH_SELF.contains(&t.name().as_str()))
    })
}

/// `MATCH_SEQUENCE` / `MATCH_MAPPING`.
pub fn match_flag(subject: &PyObject, flag: u64) -> PyRef {
    none::bool_(subject.ob_type().has_flag(flag))
}

pub const SEQUENCE: u64 = flags::SEQUENCE;
pub const MAPPING: u64 = flags::MAPPING;

/// Fetch one attribute for a class pattern; `None` if it is missing (no match).
fn match_class_attr(
    vm: &Vm,
    subject: &PyObject,
    tp: &crate::object::PyTypeObject,
    name: &PyRef,
    seen: &mut Vec<PyRef>,
) -> PyResult<Option<PyRef>> {
    let s = pystr::str_data(name);
    if seen.iter().any(|n| pystr::str_eq(pystr::str_data(n), s)) {
        return Err(vm.type_error(format!(
            "{}() got multiple sub-patterns for attribute {}",
            tp.name(),
            protocol::repr_string(vm, name)?
        )));
    }
    seen.push(name.clone());
    protocol::getattr_opt(vm, subject, name)
}

/// `MATCH_CLASS(nargs)`: a tuple of the matched attributes (positional then keyword
/// sub-patterns), or None when the subject does not match.
pub fn match_class(vm: &Vm, subject: &PyObject, cls: &PyObject, nargs: usize, kwnames: &PyObject) -> PyResult<PyRef> {
    let Some(tp) = type_::downcast_type(cls) else {
        return Err(vm.type_error("called match pattern must be a class"));
    };
    if !protocol::isinstance(vm, subject, cls)? {
        return Ok(none::none());
    }
    let mut attrs: Vec<PyRef> = Vec::new();
    let mut seen: Vec<PyRef> = Vec::new();
    if nargs > 0 {
        let match_args = protocol::getattr_opt(vm, cls, &vm.intern("__match_args__"))?;
        let (allowed, match_self, names) = match &match_args {
            Some(ma) => {
                let Some(items) = tuple::downcast_tuple(ma) else {
                    return Err(vm.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        tp.name(),
                        ma.ob_type().name()
                    )));
                };
                (items.len(), false, items.to_vec())
            }
            None => {
                let ms = matches_self(tp);
                (ms as usize, ms, Vec::new())
            }
        };
        if allowed < nargs {
            return Err(vm.type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{} ({nargs} given)",
                tp.name(),
                if allowed == 1 { "" } else { "s" }
            )));
        }
        if match_self {
            attrs.push(subject.to_ref());
        } else {
            for name in &names[..nargs] {
                if pystr::downcast_str(name).is_none() {
                    return Err(vm.type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        name.ob_type().name()
                    )));
                }
                match match_class_attr(vm, subject, tp, name, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(none::none()),
                }
            }
        }
    }
    for name in tuple::tuple_items(kwnames) {
        match match_class_attr(vm, subject, tp, name, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(none::none()),
        }
    }
    Ok(tuple::new_tuple(attrs))
}

/// `MATCH_KEYS`: the values of `keys` in the mapping `subject` (looked up with its
/// `get`), or None when one is missing.
pub fn match_keys(vm: &Vm, subject: &PyObject, keys: &PyObject) -> PyResult<PyRef> {
    let keys = tuple::tuple_items(keys);
    if keys.is_empty() {
        return Ok(tuple::new_tuple(Vec::new()));
    }
    let get = protocol::getattr(vm, subject, &vm.intern("get"))?;
    let dummy = crate::object::alloc_object(&crate::types::object::OBJECT_TYPE, crate::types::object::PyBaseObject);
    let seen = dict::new_dict();
    let mut values = Vec::with_capacity(keys.len());
    for k in keys {
        if dict::get_item(vm, &seen, k)?.is_some() {
            return Err(vm.value_error(format!("mapping pattern checks duplicate key ({})", protocol::repr_string(vm, k)?)));
        }
        dict::set_item(vm, &seen, k, &none::none())?;
        let v = protocol::call(vm, &get, &[k.clone(), dummy.clone()], &[])?;
        if v.is(&dummy) {
            return Ok(none::none());
        }
        values.push(v);
    }
    Ok(tuple::new_tuple(values))
}
