//! `module` objects: a namespace dict plus the module's attribute protocol
//! (`module.__getattr__` hook, "module 'x' has no attribute 'y'").

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{dict, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyModule {
    pub dict: RefCell<Option<PyRef>>,
}

impl PyPayload for PyModule {
    fn static_type() -> &'static PyTypeObject {
        &MODULE_TYPE
    }
}

fn module_dict_cell(obj: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: only called for module instances.
    unsafe { &obj.payload_unchecked::<PyModule>().dict }
}

static MODULE_GETSET: &[crate::types::descr::GetSetDef] = &[crate::types::descr::GetSetDef::new("__dict__", module_dict_get, None)];

fn module_dict_get(_vm: &Vm, o: &PyObject) -> crate::error::PyResult<PyRef> {
    Ok(module_dict(o))
}

pub static MODULE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("module"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyModule>),
        tp_repr: Cell::new(Some(module_repr)),
        tp_getattro: Cell::new(Some(module_getattro)),
        tp_dict_of: Cell::new(Some(module_dict_cell)),
        tp_getset: MODULE_GETSET,
        tp_methods: MODULE_METHODS,
        tp_new: Cell::new(Some(module_new)),
        tp_init: Cell::new(Some(module_init)),
        ..PyTypeData::BASE
    },
));

static MODULE_METHODS: &[crate::types::function::MethodDef] =
    &[crate::types::function::MethodDef::method("__dir__", module_dir)];

/// `module.__dir__()`: the module's own `__dir__` function if its dict has one (PEP 562),
/// else the dict's keys.
fn module_dir(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let m = &args[0];
    let d = crate::protocol::getattr(vm, m, &vm.intern("__dict__"))?;
    if dict::downcast_dict(&d).is_none() {
        let name = module_name(vm, m).unwrap_or_else(|| "?".into());
        return Err(vm.type_error(format!("<module '{name}'>.__dict__ is not a dictionary")));
    }
    if let Some(f) = dict::get_item(vm, &d, &vm.intern("__dir__"))? {
        return crate::protocol::call(vm, &f, &[], &[]);
    }
    Ok(crate::types::list::new_list(dict::keys(&d)))
}

/// A new module with `__name__`, `__doc__ = None`, `__package__`, `__loader__`, `__spec__`.
pub fn new_module_named(name: &str) -> PyRef {
    let d = dict::new_dict();
    let m = alloc_object(&MODULE_TYPE, PyModule { dict: RefCell::new(Some(d.clone())) });
    // No Vm yet at interpreter start-up: str keys hash without one.
    for (k, v) in [
        ("__name__", pystr::new_str(name)),
        ("__doc__", none::none()),
        ("__package__", none::none()),
        ("__loader__", none::none()),
        ("__spec__", none::none()),
    ] {
        let key = pystr::new_str(k);
        let hash = crate::types::str::str_hash_value(&key);
        dict::set_item_hashed_nocmp(&d, &key, hash, &v);
    }
    m
}

/// The namespace dict of a module.
pub fn module_dict(m: &PyObject) -> PyRef {
    m.downcast::<PyModule>().expect("a module").dict.borrow().clone().unwrap()
}

fn module_name(vm: &Vm, m: &PyObject) -> Option<String> {
    let d = module_dict(m);
    dict::get_item_str_key(&d, &vm.intern("__name__")).and_then(|n| pystr::downcast_str(&n).map(|s| s.to_string_lossy()))
}

fn module_repr(vm: &Vm, m: &PyObject) -> PyResult<PyRef> {
    let name = module_name(vm, m).unwrap_or_else(|| "?".into());
    let d = module_dict(m);
    let s = match dict::get_item_str_key(&d, &vm.intern("__file__")) {
        Some(f) => format!("<module '{name}' from '{}'>", pystr::to_string(&f)),
        None if name == "builtins" || name == "sys" => format!("<module '{name}' (built-in)>"),
        None => format!("<module '{name}'>"),
    };
    Ok(pystr::new_str(&s))
}

fn module_getattro(vm: &Vm, m: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    if let Some(v) = crate::types::object::generic_getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    let d = module_dict(m);
    if let Some(ga) = dict::get_item_str_key(&d, &vm.intern("__getattr__")) {
        return crate::protocol::call(vm, &ga, &[name.to_ref()], &[]);
    }
    let err = match module_name(vm, m) {
        Some(n) => vm.attribute_error(format!("module '{n}' has no attribute '{}'", pystr::to_string(name))),
        None => vm.attribute_error(format!("module has no attribute '{}'", pystr::to_string(name))),
    };
    crate::types::exceptions::set_attribute_error_context(vm, &err, m, name);
    Err(err)
}

fn module_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyModule { dict: RefCell::new(Some(dict::new_dict())) }))
}

/// `module.__init__(name, doc=None)`.
fn module_init(vm: &Vm, m: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    let mut name = pos.first().cloned();
    let mut doc = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(vm.type_error(format!("module() takes at most 2 arguments ({} given)", args.len())));
    }
    for (k, v) in kws {
        match k.as_str() {
            "name" if name.is_none() => name = Some(v.clone()),
            "doc" if doc.is_none() => doc = Some(v.clone()),
            _ => return Err(vm.type_error(format!("module() got an unexpected keyword argument '{k}'"))),
        }
    }
    let Some(name) = name else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if pystr::downcast_str(&name).is_none() {
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {}", name.ob_type().name())));
    }
    let d = module_dict(m);
    dict::set_item(vm, &d, &vm.intern("__name__"), &name)?;
    dict::set_item(vm, &d, &vm.intern("__doc__"), &doc.unwrap_or_else(none::none))?;
    for k in ["__package__", "__loader__", "__spec__"] {
        dict::set_item(vm, &d, &vm.intern(k), &none::none())?;
    }
    Ok(())
}
