//! Struct sequences (`sys.version_info`, `sys.flags`, `sys.float_info`, …): named tuples
//! of the runtime, CPython's `structseq.c`.
//!
//! A struct sequence type is a class deriving from `tuple`, made once at start-up by
//! [`new_type`]. Its field names are its `__match_args__`; attribute access to a field
//! goes through a `__getattr__` that finds the name there and returns the tuple item (no
//! instance dict: `__slots__ = ()`), and `__repr__` prints `module.name(field=value, …)`.

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::descr::new_method_descriptor;
use crate::types::function::{check_arity, MethodDef};
use crate::types::{dict, int, str as pystr, tuple, type_};
use crate::vm::Vm;

static REPR: MethodDef = MethodDef::method("__repr__", structseq_repr);
static GETATTR: MethodDef = MethodDef::method("__getattr__", structseq_getattr);

/// A new struct sequence type `module.name` with these fields (all in the sequence).
pub fn new_type(vm: &Vm, module: &str, name: &str, fields: &[&str]) -> PyResult<PyRef> {
    let ns = dict::new_dict();
    let set = |k: &str, v: &PyObject| dict::set_item_str_key(vm, &ns, &vm.intern(k), v);
    set("__module__", &pystr::new_str(module));
    set("__slots__", &tuple::new_tuple(Vec::new()));
    let names: Vec<PyRef> = fields.iter().map(|f| vm.intern(f)).collect();
    set("__match_args__", &tuple::new_tuple(names));
    set("n_sequence_fields", &int::new_int(fields.len() as i64));
    set("n_fields", &int::new_int(fields.len() as i64));
    set("n_unnamed_fields", &int::new_int(0));
    set("__repr__", &new_method_descriptor(&tuple::TUPLE_TYPE, &REPR));
    set("__getattr__", &new_method_descriptor(&tuple::TUPLE_TYPE, &GETATTR));
    let bases = tuple::new_tuple(vec![tuple::TUPLE_TYPE.to_ref()]);
    protocol::call(vm, type_::TYPE_TYPE.as_object(), &[pystr::new_str(name), bases, ns], &[])
}

/// An instance of struct sequence type `tp` with these values.
pub fn new_instance(vm: &Vm, tp: &PyObject, values: Vec<PyRef>) -> PyResult<PyRef> {
    protocol::call(vm, tp, &[tuple::new_tuple(values)], &[])
}

fn field_names(vm: &Vm, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    let tp = obj.type_ref();
    let m = protocol::getattr_str(vm, &tp, "__match_args__")?;
    Ok(tuple::tuple_items(&m).to_vec())
}

fn structseq_repr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__repr__", &args[1..], 0, 0)?;
    let obj = &args[0];
    let tp = obj.ob_type();
    let module = type_::type_module_name(vm, tp).unwrap_or_default();
    let mut s = format!("{module}.{}(", tp.name());
    let items = tuple::tuple_items(obj).to_vec();
    for (i, (n, v)) in field_names(vm, obj)?.iter().zip(items.iter()).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&pystr::to_string(n));
        s.push('=');
        s.push_str(&protocol::repr_string(vm, v)?);
    }
    s.push(')');
    Ok(pystr::new_str(&s))
}

fn structseq_getattr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__getattr__", &args[1..], 1, 1)?;
    let obj = &args[0];
    let name = pystr::to_string(&args[1]);
    let items = tuple::tuple_items(obj);
    for (i, n) in field_names(vm, obj)?.iter().enumerate() {
        if pystr::to_string(n) == name {
            if let Some(v) = items.get(i) {
                return Ok(v.clone());
            }
        }
    }
    Err(vm.attribute_error(format!("'{}' object has no attribute '{name}'", obj.ob_type().name())))
}
