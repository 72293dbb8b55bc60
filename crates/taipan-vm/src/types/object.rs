//! `object`: the root type — generic attribute access (`PyObject_GenericGetAttr`),
//! default `__repr__`, `__eq__`/`__ne__`, `__hash__`, `__init__`/`__new__` argument checks.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp};
use crate::object::{managed_prefix, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::{dict, none, str as pystr, type_};
use crate::vm::Vm;

/// The payload of a plain `object()` and of classes deriving only from `object`.
pub struct PyBaseObject;

impl PyPayload for PyBaseObject {
    fn static_type() -> &'static PyTypeObject {
        &OBJECT_TYPE
    }
}

pub static OBJECT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("object"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_doc: Some("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"),
        tp_dealloc: Cell::new(dealloc::<PyBaseObject>),
        tp_repr: Cell::new(Some(object_repr)),
        tp_str: Cell::new(Some(object_str)),
        tp_hash: Cell::new(Some(object_hash)),
        tp_getattro: Cell::new(Some(generic_getattr)),
        tp_setattro: Cell::new(Some(generic_setattr)),
        tp_richcompare: Cell::new(Some(object_richcompare)),
        tp_init: Cell::new(Some(object_init)),
        tp_new: Cell::new(Some(object_new)),
        tp_methods: OBJECT_METHODS,
        tp_getset: OBJECT_GETSET,
        ..PyTypeData::BASE
    },
));

static OBJECT_METHODS: &[MethodDef] = &[
    MethodDef::method("__dir__", object_dir),
    MethodDef::method("__format__", object_format),
    MethodDef::method("__sizeof__", object_sizeof),
    MethodDef::method("__getstate__", object_getstate),
    MethodDef::method("__reduce_ex__", object_reduce_ex),
    MethodDef::method("__reduce__", object_reduce),
    MethodDef::classmethod("__init_subclass__", object_init_subclass),
    MethodDef::classmethod("__subclasshook__", object_subclasshook),
];

static OBJECT_GETSET: &[GetSetDef] = &[GetSetDef::new("__class__", object_get_class, Some(object_set_class))];

/// The dict cell of an instance, if it has one: its payload's (`tp_dict_of`) or the
/// managed prefix's.
pub fn instance_dict_cell(obj: &PyObject) -> Option<&RefCell<Option<PyRef>>> {
    if let Some(f) = obj.ob_type().tp_dict_of.get() {
        return Some(f(obj));
    }
    if obj.ob_type().has_flag(flags::NO_INSTANCE_DICT) {
        return None;
    }
    managed_prefix(obj).map(|p| &p.dict)
}

/// The instance `__dict__`, created on first use.
pub fn instance_dict(obj: &PyObject) -> Option<PyRef> {
    let cell = instance_dict_cell(obj)?;
    let mut d = cell.borrow_mut();
    if d.is_none() {
        *d = Some(dict::new_dict());
    }
    d.clone()
}

/// `PyObject_GenericGetAttr`: data descriptors on the type, then the instance dict, then
/// other descriptors and class attributes; else AttributeError.
pub fn generic_getattr(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    match generic_getattr_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(vm, obj, name)),
    }
}

/// `generic_getattr` returning `None` where it would raise AttributeError for a missing
/// attribute (no exception object is made).
pub fn generic_getattr_opt(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<Option<PyRef>> {
    let tp = obj.ob_type();
    let descr = type_::lookup(tp, name);
    let mut getter = None;
    if let Some(d) = &descr {
        let dt = d.ob_type();
        if let Some(get) = dt.tp_descr_get.get() {
            if dt.tp_descr_set.get().is_some() {
                return get(vm, d, Some(obj), tp.as_object()).map(Some);
            }
            getter = Some(get);
        }
    }
    if let Some(cell) = instance_dict_cell(obj) {
        let d = cell.borrow().clone();
        if let Some(d) = d {
            if let Some(v) = dict::get_item(vm, &d, name)? {
                return Ok(Some(v));
            }
        }
    }
    if let Some(get) = getter {
        return get(vm, descr.as_ref().unwrap(), Some(obj), tp.as_object()).map(Some);
    }
    Ok(descr)
}

#[cold]
pub fn no_attribute(vm: &Vm, obj: &PyObject, name: &PyObject) -> crate::error::PyErr {
    let msg = format!("'{}' object has no attribute '{}'", obj.ob_type().name(), pystr::to_string(name));
    let err = vm.attribute_error(msg);
    crate::types::exceptions::set_attribute_error_context(vm, &err, obj, name);
    err
}

/// `PyObject_GenericSetAttr`.
pub fn generic_setattr(vm: &Vm, obj: &PyObject, name: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = obj.ob_type();
    if let Some(d) = type_::lookup(tp, name) {
        if let Some(set) = d.ob_type().tp_descr_set.get() {
            return set(vm, &d, obj, value);
        }
    }
    let Some(cell) = instance_dict_cell(obj) else {
        let msg = if type_::lookup(tp, name).is_some() {
            format!("'{}' object attribute '{}' is read-only", tp.name(), pystr::to_string(name))
        } else {
            format!(
                "'{}' object has no attribute '{}' and no __dict__ for setting new attributes",
                tp.name(),
                pystr::to_string(name)
            )
        };
        let err = vm.attribute_error(msg);
        crate::types::exceptions::set_attribute_error_context(vm, &err, obj, name);
        return Err(err);
    };
    let d = {
        let mut c = cell.borrow_mut();
        if c.is_none() {
            *c = Some(dict::new_dict());
        }
        c.clone().unwrap()
    };
    match value {
        Some(v) => dict::set_item(vm, &d, name, v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(no_attribute(vm, obj, name))
            }
        }
    }
}

fn object_repr(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = obj.ob_type();
    let module = type_::type_module_name(vm, tp);
    let qualname = type_::type_qualname(tp);
    let s = match module {
        Some(m) if m != "builtins" => format!("<{m}.{qualname} object at {:#x}>", obj.addr()),
        _ => format!("<{qualname} object at {:#x}>", obj.addr()),
    };
    Ok(pystr::new_str(&s))
}

fn object_str(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    crate::protocol::repr(vm, obj)
}

fn object_hash(_vm: &Vm, obj: &PyObject) -> PyResult<i64> {
    Ok(crate::hash::hash_pointer(obj.addr()))
}

fn object_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    match op {
        CompareOp::Eq => Ok(if a.is(b) { none::true_() } else { none::not_implemented() }),
        CompareOp::Ne => {
            // By default `__ne__` delegates to `__eq__` and inverts the result.
            let eq = a.ob_type().tp_richcompare.get();
            match eq {
                Some(f) => {
                    let r = f(vm, a, b, CompareOp::Eq)?;
                    if r.is(none::not_implemented_ref()) {
                        return Ok(r);
                    }
                    Ok(none::bool_(!crate::protocol::is_true(vm, &r)?))
                }
                None => Ok(none::not_implemented()),
            }
        }
        _ => Ok(none::not_implemented()),
    }
}

fn excess_args(args: &[PyRef], kwnames: &[PyRef]) -> bool {
    !args.is_empty() || !kwnames.is_empty()
}

fn object_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let tp = obj.ob_type();
    if excess_args(args, kwnames) {
        let init_overridden = !is_slot(tp.tp_init.get().map(|f| f as usize), object_init as *const () as usize);
        let new_overridden = !is_slot(tp.tp_new.get().map(|f| f as usize), object_new as *const () as usize);
        if init_overridden {
            return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if !new_overridden {
            return Err(vm.type_error(format!(
                "{}() takes no arguments",
                type_::type_qualname(tp)
            )));
        }
    }
    Ok(())
}

fn is_slot(f: Option<usize>, g: usize) -> bool {
    f == Some(g)
}

/// `object.__new__(cls)`: a featureless instance of `cls`.
pub fn object_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    if excess_args(args, kwnames) {
        let new_overridden = !is_slot(tp.tp_new.get().map(|f| f as usize), object_new as *const () as usize);
        let init_overridden = !is_slot(tp.tp_init.get().map(|f| f as usize), object_init as *const () as usize);
        if new_overridden {
            return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        if !init_overridden {
            return Err(vm.type_error(format!("{}() takes no arguments", type_::type_qualname(tp))));
        }
    }
    if tp.has_flag(flags::IS_ABSTRACT) {
        return Err(type_::abstract_instantiation_error(vm, tp));
    }
    Ok(crate::object::alloc_object(tp, PyBaseObject))
}

fn object_dir(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let obj = &args[0];
    let result = dict::new_dict();
    if let Some(d) = instance_dict(obj) {
        dict::update(vm, &result, &d)?;
    }
    let cls = crate::protocol::getattr_str(vm, obj, "__class__")?;
    if let Some(tp) = type_::downcast_type(&cls) {
        type_::merge_class_dict(vm, &result, tp)?;
    }
    Ok(crate::types::list::new_list(dict::keys(&result)))
}

fn object_format(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "__format__", args, 2, 2)?;
    let spec = pystr::expect_str(vm, &args[1], "__format__", "argument")?;
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            args[0].ob_type().name()
        )));
    }
    crate::protocol::str(vm, &args[0])
}

fn object_sizeof(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let _ = args;
    Ok(crate::types::int::new_int(16))
}

fn object_init_subclass(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    if !kw.is_empty() || args.len() > 1 {
        let name = args.first().and_then(|c| type_::downcast_type(c)).map(type_::type_qualname).unwrap_or_default();
        if !kw.is_empty() {
            return Err(vm.type_error(format!("{name}.__init_subclass__() takes no keyword arguments")));
        }
        return Err(vm.type_error(format!("{name}.__init_subclass__() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(none::none())
}

fn object_subclasshook(_vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(none::not_implemented())
}

fn object_get_class(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.type_ref())
}

/// `obj.__class__ = C`: both types mutable classes with the same instance layout
/// (payload deallocator, managed prefix, dict, slots).
fn object_set_class(vm: &Vm, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let Some(value) = value else {
        return Err(vm.type_error("can't delete __class__ attribute"));
    };
    let Some(newto) = type_::downcast_type(value) else {
        return Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", value.ob_type().name())));
    };
    let oldto = obj.ob_type();
    let mutable = |t: &PyTypeObject| t.is_heap_type() && !t.has_flag(flags::IMMUTABLETYPE);
    if !mutable(newto) || !mutable(oldto) {
        return Err(vm.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
    }
    let layout = |t: &PyTypeObject| {
        let mut b = t;
        while b.is_heap_type() {
            match b.base() {
                Some(x) => b = x,
                None => break,
            }
        }
        (
            b as *const PyTypeObject as usize,
            t.tp_flags.get() & (flags::MANAGED_DICT | flags::NO_INSTANCE_DICT),
            t.ht_nslots.get(),
            t.tp_dict_of.get().map(|f| f as usize),
        )
    };
    let same_slots = {
        let (a, b) = (layout(newto), layout(oldto));
        a == b && {
            let mut ok = true;
            let (mut x, mut y) = (Some(newto), Some(oldto));
            while let (Some(p), Some(q)) = (x, y) {
                if !p.is_heap_type() || !q.is_heap_type() {
                    break;
                }
                let (sp, sq) = (p.ht_slots.borrow().clone(), q.ht_slots.borrow().clone());
                if sp.len() != sq.len() || sp.iter().zip(&sq).any(|(m, n)| !pystr::str_eq(pystr::str_data(m), pystr::str_data(n))) {
                    ok = false;
                    break;
                }
                x = p.base();
                y = q.base();
            }
            ok
        }
    };
    if !same_slots {
        return Err(vm.type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            newto.name(),
            oldto.name()
        )));
    }
    // The instance holds a reference to its heap type: take one on the new type, then
    // release the old one.
    let new_ref = value.to_ref();
    let old_ref = obj.type_ref();
    obj.set_ob_type(newto as *const PyTypeObject);
    std::mem::forget(new_ref);
    // SAFETY-free: drop the instance's reference to the old type (type_ref took one more).
    drop(old_ref);
    drop(unsafe_release_type(oldto));
    Ok(())
}

/// The reference an instance held on its former heap type, as an owned handle to drop.
fn unsafe_release_type(tp: &PyTypeObject) -> PyRef {
    // SAFETY: the instance owned one count of `tp` (alloc_object took it); this handle
    // takes over that count so dropping it releases it.
    unsafe { PyRef::from_raw(std::ptr::NonNull::new_unchecked(tp.as_object() as *const PyObject as *mut PyObject)) }
}

/// `object.__getstate__()`: None, the instance dict (a copy), or `(dict or None,
/// {slot: value})` when `__slots__` values are set.
fn object_getstate(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__getstate__", kw)?;
    crate::types::function::check_arity(vm, "__getstate__", &args[1..], 0, 0)?;
    let obj = &args[0];
    let d = instance_dict_cell(obj).and_then(|c| c.borrow().clone()).filter(|d| dict::len(d) > 0);
    let state = match &d {
        Some(d) => dict::copy(vm, d)?,
        None => none::none(),
    };
    let mut slots: Vec<(PyRef, PyRef)> = Vec::new();
    if let Some(p) = managed_prefix(obj) {
        let values = p.slots.borrow().clone();
        let mut t = Some(obj.ob_type());
        while let Some(tp) = t {
            if !tp.is_heap_type() {
                break;
            }
            let names = tp.ht_slots.borrow().clone();
            let start = tp.ht_nslots.get() - names.len();
            for (i, n) in names.iter().enumerate() {
                if let Some(Some(v)) = values.get(start + i) {
                    slots.push((n.clone(), v.clone()));
                }
            }
            t = tp.base();
        }
    }
    if slots.is_empty() {
        return Ok(state);
    }
    let sd = dict::new_dict();
    for (k, v) in &slots {
        dict::set_item(vm, &sd, k, v)?;
    }
    Ok(crate::types::tuple::new_tuple(vec![state, sd]))
}

/// `copyreg.__newobj__(cls, *args)` (native: `cls.__new__(cls, *args)`), the callable
/// `object.__reduce_ex__` returns for protocols 2 and up.
static NEWOBJ: MethodDef = MethodDef::function("__newobj__", newobj);

fn newobj(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    if args.is_empty() {
        return Err(vm.type_error("__newobj__() missing 1 required positional argument: 'cls'"));
    }
    let new = crate::protocol::getattr_str(vm, &args[0], "__new__")?;
    crate::protocol::call(vm, &new, args, kw)
}

/// `object.__reduce_ex__(protocol)`: `(__newobj__, (cls,), state, None, None)`.
fn object_reduce_ex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__reduce_ex__", kw)?;
    crate::types::function::check_arity(vm, "__reduce_ex__", &args[1..], 1, 1)?;
    reduce(vm, &args[0])
}

fn object_reduce(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__reduce__", kw)?;
    reduce(vm, &args[0])
}

fn reduce(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let state = crate::protocol::call_method(vm, obj, "__getstate__", &[])?;
    let f = crate::types::function::new_builtin_function(&NEWOBJ, None);
    Ok(crate::types::tuple::new_tuple(vec![
        f,
        crate::types::tuple::new_tuple(vec![obj.type_ref()]),
        state,
        none::none(),
        none::none(),
    ]))
}
