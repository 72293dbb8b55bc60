//! `type`: type objects as Python objects — readying the static types (`type_ready`),
//! creating classes (`type.__new__`: bases, metaclass, C3 MRO, `__slots__`,
//! `__set_name__`, `__init_subclass__`), attribute lookup along the MRO (`_PyType_Lookup`)
//! and calling a type to make an instance.

use std::borrow::Cow;
use std::cell::Cell;

use crate::error::{PyErr, PyResult};
use crate::object::typeobj::flags;
use crate::object::{PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::{descr, dict, none, object, slots, str as pystr, tuple};
use crate::vm::Vm;

impl PyPayload for PyTypeData {
    fn static_type() -> &'static PyTypeObject {
        &TYPE_TYPE
    }
}

pub static TYPE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("type"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::TYPE_SUBCLASS),
        tp_dealloc: Cell::new(crate::object::typeobj::type_dealloc),
        tp_repr: Cell::new(Some(type_repr)),
        tp_call: Cell::new(Some(type_call)),
        tp_getattro: Cell::new(Some(type_getattro)),
        tp_setattro: Cell::new(Some(type_setattro)),
        tp_new: Cell::new(Some(type_new)),
        tp_init: Cell::new(Some(type_init)),
        tp_base: Cell::new(&crate::types::object::OBJECT_TYPE.0 as *const PyTypeObject),
        tp_methods: TYPE_METHODS,
        tp_getset: TYPE_GETSET,
        tp_as_number: crate::object::typeobj::NumberSlots {
            nb_or: Cell::new(Some(type_or)),
            ..crate::object::typeobj::NumberSlots::EMPTY
        },
        ..PyTypeData::BASE
    },
));

static TYPE_METHODS: &[MethodDef] = &[
    MethodDef::method("mro", type_mro_method),
    MethodDef::method("__subclasses__", type_subclasses),
    MethodDef::method("__instancecheck__", type_instancecheck),
    MethodDef::method("__subclasscheck__", type_subclasscheck),
    MethodDef::method("__dir__", type_dir),
    MethodDef::classmethod("__prepare__", type_prepare),
];

static TYPE_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", type_get_name, Some(type_set_name)),
    GetSetDef::new("__qualname__", type_get_qualname, Some(type_set_qualname)),
    GetSetDef::new("__bases__", type_get_bases, None),
    GetSetDef::new("__base__", type_get_base, None),
    GetSetDef::new("__mro__", type_get_mro, None),
    GetSetDef::new("__dict__", type_get_dict, None),
    GetSetDef::new("__module__", type_get_module, Some(type_set_module)),
    GetSetDef::new("__doc__", type_get_doc, None),
    GetSetDef::new("__annotations__", type_get_annotations, Some(type_set_annotations)),
];

/// `type.__annotations__`: the class's own `__annotations__` entry, created empty on
/// first access for classes (never inherited from a base).
fn type_get_annotations(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    let key = vm.intern("__annotations__");
    if !tp.is_heap_type() {
        return Err(vm.attribute_error(format!("type object '{}' has no attribute '__annotations__'", tp.name())));
    }
    let d = tp.tp_dict.borrow().clone().unwrap();
    if let Some(a) = dict::get_item_str_key(&d, &key) {
        if let Some(get) = a.ob_type().tp_descr_get.get() {
            return get(vm, &a, None, obj);
        }
        return Ok(a);
    }
    let a = dict::new_dict();
    dict::set_item(vm, &d, &key, &a)?;
    type_modified(tp);
    Ok(a)
}

fn type_set_annotations(vm: &Vm, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = as_type(vm, obj)?;
    if !tp.is_heap_type() {
        return Err(vm.type_error(format!("cannot set '__annotations__' attribute of immutable type '{}'", tp.name())));
    }
    let key = vm.intern("__annotations__");
    let d = tp.tp_dict.borrow().clone().unwrap();
    match value {
        Some(v) => dict::set_item(vm, &d, &key, v)?,
        None => {
            if !dict::del_item(vm, &d, &key)? {
                return Err(vm.attribute_error("__annotations__"));
            }
        }
    }
    type_modified(tp);
    Ok(())
}

/// The type object behind `obj`, if `obj` is a type.
#[inline]
pub fn downcast_type(obj: &PyObject) -> Option<&PyTypeObject> {
    obj.downcast::<PyTypeData>()
}

/// `obj` as a type, or TypeError.
pub fn as_type<'a>(vm: &Vm, obj: &'a PyObject) -> PyResult<&'a PyTypeObject> {
    downcast_type(obj).ok_or_else(|| vm.type_error(format!("'{}' object is not a type", obj.ob_type().name())))
}

/// `_PyType_Lookup`: find `name` in the dicts along the type's MRO (no descriptors
/// invoked). Never runs Python code: type dicts have str keys.
pub fn lookup(tp: &PyTypeObject, name: &PyObject) -> Option<PyRef> {
    if let Some(hit) = super::type_cache::get(tp, name) {
        return hit;
    }
    let mro = tp.tp_mro.borrow().clone();
    match mro {
        Some(mro) => {
            for t in tuple::tuple_items(&mro) {
                let t = downcast_type(t)?;
                let d = t.tp_dict.borrow().clone();
                if let Some(d) = d {
                    if let Some(v) = dict::get_item_str_key(&d, name) {
                        super::type_cache::put(tp, name, Some(&v));
                        return Some(v);
                    }
                }
            }
            super::type_cache::put(tp, name, None);
            None
        }
        None => {
            let d = tp.tp_dict.borrow().clone()?;
            dict::get_item_str_key(&d, name)
        }
    }
}

/// `lookup` by a Rust string.
pub fn lookup_str(vm: &Vm, tp: &PyTypeObject, name: &str) -> Option<PyRef> {
    lookup(tp, &vm.intern(name))
}

/// `__qualname__` of a type.
pub fn type_qualname(tp: &PyTypeObject) -> String {
    if let Some(q) = tp.ht_qualname.borrow().as_ref() {
        return pystr::to_string(q);
    }
    tp.name()
}

/// `__module__` of a type: "builtins" or the dotted prefix of a static type's name,
/// or a class's `__module__` entry.
pub fn type_module_name(vm: &Vm, tp: &PyTypeObject) -> Option<String> {
    if tp.is_heap_type() {
        let d = tp.tp_dict.borrow().clone()?;
        let m = dict::get_item_str_key(&d, &vm.intern("__module__"))?;
        return pystr::downcast_str(&m).map(|s| s.to_string_lossy());
    }
    let n = tp.tp_name.borrow();
    match n.rfind('.') {
        Some(i) => Some(n[..i].to_string()),
        None => Some("builtins".to_string()),
    }
}

/// The object `tp` as an owned reference.
pub fn type_ref(tp: &PyTypeObject) -> PyRef {
    tp.to_ref()
}

/// Ready a static type: base, `__bases__`, `__mro__`, dict with its methods, getsets and
/// slot wrappers, inherited slots.
pub fn type_ready(vm: &Vm, tp: &'static PyTypeObject) {
    if tp.tp_dict.borrow().is_some() {
        return;
    }
    let object_type: &'static PyTypeObject = &object::OBJECT_TYPE;
    if tp.tp_base.get().is_null() && !std::ptr::eq(tp, object_type) {
        tp.tp_base.set(object_type);
    }
    if let Some(base) = tp.base() {
        if base.tp_dict.borrow().is_none() {
            // SAFETY-free: static types' bases are static.
            let base_static: &'static PyTypeObject = unsafe { &*(base as *const PyTypeObject) };
            type_ready(vm, base_static);
        }
    }
    let d = dict::new_dict();
    *tp.tp_dict.borrow_mut() = Some(d.clone());
    let bases: Vec<PyRef> = tp.base().map(|b| b.to_ref()).into_iter().collect();
    *tp.tp_bases.borrow_mut() = Some(tuple::new_tuple(bases));
    let mut mro = vec![tp.to_ref()];
    if let Some(base) = tp.base() {
        mro.extend(tuple::tuple_items(base.tp_mro.borrow().as_ref().unwrap()).iter().cloned());
    }
    *tp.tp_mro.borrow_mut() = Some(tuple::new_tuple(mro));
    for m in tp.tp_methods {
        let v = descr::new_method_descriptor(tp, m);
        dict::set_item_str_key(vm, &d, &vm.intern(m.name), &v);
    }
    for g in tp.tp_getset {
        let v = descr::new_getset_descriptor(tp, g);
        dict::set_item_str_key(vm, &d, &vm.intern(g.name), &v);
    }
    slots::add_slot_wrappers(vm, tp);
    let has_doc_getset = tp.tp_getset.iter().any(|g| g.name == "__doc__");
    if has_doc_getset {
        // The getset serves instances; `type.__doc__` reads tp_doc directly.
    } else if let Some(doc) = tp.tp_doc {
        dict::set_item_str_key(vm, &d, &vm.intern("__doc__"), &pystr::new_str(doc));
    } else if dict::get_item_str_key(&d, &vm.intern("__doc__")).is_none() {
        dict::set_item_str_key(vm, &d, &vm.intern("__doc__"), &none::none());
    }
    // A type that defines equality without hashing is unhashable: `__hash__ = None`.
    if tp.tp_richcompare.get().is_some() && tp.tp_hash.get().is_none() {
        dict::set_item_str_key(vm, &d, &vm.intern("__hash__"), &none::none());
        tp.tp_hash.set(Some(slots::hash_not_implemented));
    }
    if let Some(base) = tp.base() {
        slots::inherit_slots(tp, base);
        if tp.tp_dict_of.get().is_none() {
            tp.tp_dict_of.set(base.tp_dict_of.get());
        }
    }
    assign_version_tag(tp);
}

static NEXT_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// Give `tp` a fresh version tag (CPython's `assign_version_tag`).
pub fn assign_version_tag(tp: &PyTypeObject) {
    tp.tp_version_tag.set(NEXT_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
}

/// `type_modified`: the type or a base changed; invalidate its tag and its subclasses'.
pub fn type_modified(tp: &PyTypeObject) {
    assign_version_tag(tp);
    let subs: Vec<PyRef> = tp.subclasses();
    for s in subs {
        if let Some(t) = downcast_type(&s) {
            type_modified(t);
        }
    }
}

fn type_repr(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    let q = type_qualname(tp);
    let s = match type_module_name(vm, tp) {
        Some(m) if m != "builtins" => format!("<class '{m}.{q}'>"),
        _ => format!("<class '{q}'>"),
    };
    Ok(pystr::new_str(&s))
}

/// `type.__call__`: `type(x)` with one argument, else `tp_new` then `tp_init` when the
/// result is an instance.
fn type_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = as_type(vm, callable)?;
    if std::ptr::eq(tp, &*TYPE_TYPE) && args.len() == 1 && kwnames.is_empty() {
        return Ok(args[0].type_ref());
    }
    let Some(new) = tp.tp_new.get() else {
        return Err(vm.type_error(format!("cannot create '{}' instances", tp.tp_name.borrow())));
    };
    let obj = new(vm, callable, args, kwnames)?;
    if std::ptr::eq(tp, &*TYPE_TYPE) && args.len() == 1 && kwnames.is_empty() {
        return Ok(obj);
    }
    if !obj.ob_type().is_subtype(tp) {
        return Ok(obj);
    }
    if let Some(init) = obj.ob_type().tp_init.get() {
        init(vm, &obj, args, kwnames)?;
    }
    Ok(obj)
}

/// `type.__getattribute__`: metatype data descriptors, then the MRO of the type itself
/// (descriptors called with `obj=None`), then other metatype attributes.
fn type_getattro(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    match type_getattro_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => {
            let tp = as_type(vm, obj)?;
            Err(vm.attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                type_qualname(tp),
                pystr::to_string(name)
            )))
        }
    }
}

pub fn type_getattro_opt(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<Option<PyRef>> {
    let tp = as_type(vm, obj)?;
    let meta = obj.ob_type();
    let meta_attr = lookup(meta, name);
    let mut meta_get = None;
    if let Some(ma) = &meta_attr {
        let mt = ma.ob_type();
        if let Some(get) = mt.tp_descr_get.get() {
            if mt.tp_descr_set.get().is_some() {
                return get(vm, ma, Some(obj), meta.as_object()).map(Some);
            }
            meta_get = Some(get);
        }
    }
    if let Some(attr) = lookup(tp, name) {
        if let Some(get) = attr.ob_type().tp_descr_get.get() {
            return get(vm, &attr, None, obj).map(Some);
        }
        return Ok(Some(attr));
    }
    if let Some(get) = meta_get {
        return get(vm, meta_attr.as_ref().unwrap(), Some(obj), meta.as_object()).map(Some);
    }
    Ok(meta_attr)
}

fn type_setattro(vm: &Vm, obj: &PyObject, name: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = as_type(vm, obj)?;
    if !tp.is_heap_type() || tp.has_flag(flags::IMMUTABLETYPE) {
        let n = pystr::to_string(name);
        return Err(vm.type_error(format!(
            "cannot set '{n}' attribute of immutable type '{}'",
            type_qualname(tp)
        )));
    }
    let meta = obj.ob_type();
    if let Some(d) = lookup(meta, name) {
        if let Some(set) = d.ob_type().tp_descr_set.get() {
            return set(vm, &d, obj, value);
        }
    }
    let name = vm.intern_obj(name);
    let d = tp.tp_dict.borrow().clone().unwrap();
    match value {
        Some(v) => dict::set_item(vm, &d, &name, v)?,
        None => {
            if !dict::del_item(vm, &d, &name)? {
                return Err(vm.attribute_error(format!(
                    "type object '{}' has no attribute '{}'",
                    type_qualname(tp),
                    pystr::to_string(&name)
                )));
            }
        }
    }
    type_modified(tp);
    slots::update_slot(vm, tp, &name);
    Ok(())
}

fn type_init(vm: &Vm, _obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let npos = args.len() - kwnames.len();
    if npos != 1 && npos != 3 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

/// `type.__new__(meta, name, bases, ns, **kw)` (and `type(x)`).
fn type_new(vm: &Vm, meta: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    if npos == 1 && kwnames.is_empty() && std::ptr::eq(meta, TYPE_TYPE.as_object()) {
        return Ok(args[0].type_ref());
    }
    if npos != 3 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let name = &args[0];
    if pystr::downcast_str(name).is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            name.ob_type().name()
        )));
    }
    let bases = &args[1];
    if tuple::downcast_tuple(bases).is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            bases.ob_type().name()
        )));
    }
    let ns = &args[2];
    if dict::downcast_dict(ns).is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            ns.ob_type().name()
        )));
    }
    let kwargs: Vec<(PyRef, PyRef)> =
        kwnames.iter().cloned().zip(args[npos..].iter().cloned()).collect();
    crate::types::class::new_class(vm, meta, name, bases, ns, &kwargs)
}

fn type_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    crate::types::class::union_or(vm, a, b)
}

fn type_mro_method(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = as_type(vm, &args[0])?;
    let mro = crate::types::class::compute_mro(vm, tp)?;
    Ok(crate::types::list::new_list(mro))
}

fn type_subclasses(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = as_type(vm, &args[0])?;
    Ok(crate::types::list::new_list(tp.subclasses()))
}

fn type_instancecheck(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "__instancecheck__", args, 2, 2)?;
    Ok(none::bool_(crate::protocol::recursive_isinstance(vm, &args[1], &args[0])?))
}

fn type_subclasscheck(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "__subclasscheck__", args, 2, 2)?;
    Ok(none::bool_(crate::protocol::recursive_issubclass(vm, &args[1], &args[0])?))
}

/// Merge the attribute names of a class and its bases into `d` (for `dir()`).
pub fn merge_class_dict(vm: &Vm, d: &PyObject, tp: &PyTypeObject) -> PyResult<()> {
    let mro = tp.tp_mro.borrow().clone();
    if let Some(mro) = mro {
        for t in tuple::tuple_items(&mro).iter().rev() {
            if let Some(t) = downcast_type(t) {
                let td = t.tp_dict.borrow().clone();
                if let Some(td) = td {
                    dict::update(vm, d, &td)?;
                }
            }
        }
    }
    Ok(())
}

fn type_dir(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = as_type(vm, &args[0])?;
    let d = dict::new_dict();
    merge_class_dict(vm, &d, tp)?;
    Ok(crate::types::list::new_list(dict::keys(&d)))
}

fn type_prepare(_vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(dict::new_dict())
}

fn type_get_name(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(&as_type(vm, obj)?.name()))
}

fn type_set_name(vm: &Vm, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = as_type(vm, obj)?;
    let Some(v) = value.and_then(pystr::downcast_str) else {
        return Err(vm.type_error(format!("can only assign string to {}.__name__, not '{}'", tp.name(), value.map(|v| v.ob_type().name()).unwrap_or_default())));
    };
    if !tp.is_heap_type() {
        return Err(vm.type_error(format!("cannot set '__name__' attribute of immutable type '{}'", tp.name())));
    }
    *tp.tp_name.borrow_mut() = Cow::Owned(v.to_string_lossy());
    Ok(())
}

fn type_get_qualname(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    if let Some(q) = tp.ht_qualname.borrow().as_ref() {
        return Ok(q.clone());
    }
    Ok(pystr::new_str(&tp.name()))
}

fn type_set_qualname(vm: &Vm, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = as_type(vm, obj)?;
    let Some(v) = value.filter(|v| pystr::downcast_str(v).is_some()) else {
        return Err(vm.type_error(format!("can only assign string to {}.__qualname__, not '{}'", tp.name(), value.map(|v| v.ob_type().name()).unwrap_or_default())));
    };
    *tp.ht_qualname.borrow_mut() = Some(v.to_ref());
    Ok(())
}

fn type_get_bases(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    Ok(tp.tp_bases.borrow().clone().unwrap_or_else(|| tuple::new_tuple(vec![])))
}

fn type_get_base(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    Ok(tp.base().map(|b| b.to_ref()).unwrap_or_else(none::none))
}

fn type_get_mro(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    Ok(tp.tp_mro.borrow().clone().unwrap_or_else(none::none))
}

fn type_get_dict(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    let d = tp.tp_dict.borrow().clone().unwrap();
    Ok(crate::types::descr::new_mappingproxy(d))
}

fn type_get_module(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    if tp.is_heap_type() {
        let d = tp.tp_dict.borrow().clone().unwrap();
        return dict::get_item_str_key(&d, &vm.intern("__module__"))
            .ok_or_else(|| vm.attribute_error("__module__"));
    }
    Ok(pystr::new_str(&type_module_name(vm, tp).unwrap_or_default()))
}

fn type_set_module(vm: &Vm, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let tp = as_type(vm, obj)?;
    if !tp.is_heap_type() {
        return Err(vm.type_error(format!("cannot set '__module__' attribute of immutable type '{}'", tp.name())));
    }
    let d = tp.tp_dict.borrow().clone().unwrap();
    match value {
        Some(v) => dict::set_item(vm, &d, &vm.intern("__module__"), v)?,
        None => {
            dict::del_item(vm, &d, &vm.intern("__module__"))?;
        }
    }
    type_modified(tp);
    Ok(())
}

fn type_get_doc(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = as_type(vm, obj)?;
    if !tp.is_heap_type() {
        if let Some(doc) = tp.tp_doc {
            return Ok(pystr::new_str(doc));
        }
    }
    let d = tp.tp_dict.borrow().clone().unwrap();
    let doc = dict::get_item_str_key(&d, &vm.intern("__doc__")).unwrap_or_else(none::none);
    if let Some(get) = doc.ob_type().tp_descr_get.get() {
        return get(vm, &doc, None, obj);
    }
    Ok(doc)
}

#[cold]
pub fn abstract_instantiation_error(vm: &Vm, tp: &PyTypeObject) -> PyErr {
    let methods = crate::types::class::abstract_methods(vm, tp);
    let n = methods.len();
    let joined = methods.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ");
    vm.type_error(format!(
        "Can't instantiate abstract class {} without an implementation for abstract method{} {}",
        type_qualname(tp),
        if n == 1 { "" } else { "s" },
        joined
    ))
}
