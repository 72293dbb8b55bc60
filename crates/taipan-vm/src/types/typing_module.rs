//! The `_typing` module (what `typing.py` imports its native parts from) and the
//! `ParamSpecArgs` / `ParamSpecKwargs` objects that `P.args` and `P.kwargs` return.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{dict, module, none, str as pystr, type_, typevar};
use crate::vm::Vm;

/// `P.args` (`kwargs: false`) or `P.kwargs`: remembers its ParamSpec.
pub struct PyParamSpecAttr {
    origin: PyRef,
}
pub struct PyParamSpecKwargs(PyParamSpecAttr);

impl PyPayload for PyParamSpecAttr {
    fn static_type() -> &'static PyTypeObject {
        &PARAMSPEC_ARGS_TYPE
    }
}
impl PyPayload for PyParamSpecKwargs {
    fn static_type() -> &'static PyTypeObject {
        &PARAMSPEC_KWARGS_TYPE
    }
}

macro_rules! attr_type {
    ($tstatic:ident, $payload:ty, $name:literal) => {
        pub static $tstatic: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: static_name($name),
                tp_flags: Cell::new(flags::IMMUTABLETYPE),
                tp_dealloc: Cell::new(dealloc::<$payload>),
                tp_repr: Cell::new(Some(attr_repr)),
                tp_richcompare: Cell::new(Some(attr_richcompare)),
                tp_getset: ATTR_GETSET,
                tp_methods: ATTR_METHODS,
                ..PyTypeData::BASE
            },
        ));
    };
}

attr_type!(PARAMSPEC_ARGS_TYPE, PyParamSpecAttr, "typing.ParamSpecArgs");
attr_type!(PARAMSPEC_KWARGS_TYPE, PyParamSpecKwargs, "typing.ParamSpecKwargs");

static ATTR_GETSET: &[GetSetDef] = &[GetSetDef::new("__origin__", attr_origin, None)];
static ATTR_METHODS: &[MethodDef] = &[MethodDef::method("__mro_entries__", attr_mro_entries)];

/// `P.args` / `P.kwargs` of the ParamSpec `origin`.
pub fn new_paramspec_attr(origin: &PyObject, kwargs: bool) -> PyRef {
    let a = PyParamSpecAttr { origin: origin.to_ref() };
    if kwargs {
        alloc_object(&PARAMSPEC_KWARGS_TYPE, PyParamSpecKwargs(a))
    } else {
        alloc_object(&PARAMSPEC_ARGS_TYPE, a)
    }
}

fn attr(o: &PyObject) -> (&PyParamSpecAttr, bool) {
    if let Some(k) = o.downcast::<PyParamSpecKwargs>() {
        return (&k.payload.0, true);
    }
    (&o.downcast::<PyParamSpecAttr>().expect("a ParamSpecArgs").payload, false)
}

fn attr_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let (a, kwargs) = attr(o);
    let origin = if typevar::type_param(&a.origin).is_some() {
        protocol::getattr_str(vm, &a.origin, "__name__").and_then(|n| protocol::str_string(vm, &n))?
    } else {
        protocol::repr_string(vm, &a.origin)?
    };
    Ok(pystr::new_str(&format!("{origin}.{}", if kwargs { "kwargs" } else { "args" })))
}

fn attr_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !std::ptr::eq(a.ob_type(), b.ob_type()) || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    protocol::richcompare(vm, &attr(a).0.origin, &attr(b).0.origin, op)
}

fn attr_origin(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(attr(o).0.origin.clone())
}

fn attr_mro_entries(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.type_error(format!("Cannot subclass an instance of {}", args[0].ob_type().name())))
}

// --- the module -----------------------------------------------------------------------------

static FUNCTIONS: &[MethodDef] = &[MethodDef::function("_idfunc", typing_idfunc)];

fn typing_idfunc(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "_idfunc", kw)?;
    check_arity(vm, "_idfunc", args, 1, 1)?;
    Ok(args[0].clone())
}

/// Create the `_typing` module (on first import).
pub fn init_module(vm: &Vm) -> PyRef {
    let m = module::new_module_named("_typing");
    let d = module::module_dict(&m);
    dict::set_item_str_key(vm, &d, &vm.intern("__doc__"), &pystr::new_str("Primitives and accelerators for the typing module.\n"));
    for def in FUNCTIONS {
        let f = new_builtin_function(def, Some(m.clone()));
        dict::set_item_str_key(vm, &d, &vm.intern(def.name), &f);
    }
    for (name, tp) in [
        ("TypeVar", &typevar::TYPEVAR_TYPE),
        ("ParamSpec", &typevar::PARAMSPEC_TYPE),
        ("TypeVarTuple", &typevar::TYPEVARTUPLE_TYPE),
        ("ParamSpecArgs", &PARAMSPEC_ARGS_TYPE),
        ("ParamSpecKwargs", &PARAMSPEC_KWARGS_TYPE),
        ("TypeAliasType", &typevar::TYPE_ALIAS_TYPE),
        ("Generic", &typevar::GENERIC_TYPE),
    ] {
        dict::set_item_str_key(vm, &d, &vm.intern(name), tp.as_object());
    }
    dict::set_item_str_key(vm, &d, &vm.intern("NoDefault"), typevar::NO_DEFAULT.as_object());
    m
}
