//! Classes written in Python: `type.__new__` (CPython's `type_new`), the C3 MRO, the
//! choice of the solid base (whose payload the instances carry) and `__slots__`.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;

use crate::error::PyResult;
use crate::object::typeobj::flags;
use crate::object::{PyObject, PyRef, PyTypeData, PyTypeObject};
use crate::types::type_::{as_type, downcast_type, lookup, type_modified, type_qualname};
use crate::types::{descr, dict, none, object, slots, str as pystr, tuple};
use crate::vm::Vm;

/// The most derived metaclass among `meta` and the types of `bases`
/// (`_PyType_CalculateMetaclass`).
pub fn calculate_metaclass(vm: &Vm, meta: &PyObject, bases: &[PyRef]) -> PyResult<PyRef> {
    let mut winner = meta.to_ref();
    for b in bases {
        let bt = b.type_ref();
        let w = as_type(vm, &winner)?;
        let t = as_type(vm, &bt)?;
        if w.is_subtype(t) {
            continue;
        }
        if t.is_subtype(w) {
            winner = bt;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The type whose instance layout a class shares ("solid base"): the nearest base that
/// is a built-in type with its own payload (a built-in subtype that shares its base's
/// payload, such as `Exception` of `BaseException`, is not solid), else `object`.
fn solid_base(tp: &PyTypeObject) -> &PyTypeObject {
    let mut t = tp;
    loop {
        let Some(b) = t.base() else { return t };
        if !t.is_heap_type() && t.tp_dealloc.get() as usize != b.tp_dealloc.get() as usize {
            return t;
        }
        t = b;
    }
}

/// `best_base`: the base whose solid base is the most derived; TypeError on a layout conflict.
fn best_base<'a>(vm: &Vm, bases: &'a [PyRef]) -> PyResult<&'a PyTypeObject> {
    let mut winner: Option<(&PyTypeObject, &PyTypeObject)> = None;
    for b in bases {
        let Some(bt) = downcast_type(b) else {
            return Err(vm.type_error("bases must be types"));
        };
        if !bt.has_flag(flags::BASETYPE) {
            return Err(vm.type_error(format!("type '{}' is not an acceptable base type", bt.tp_name.borrow())));
        }
        let cand = solid_base(bt);
        match winner {
            None => winner = Some((cand, bt)),
            Some((w, _)) => {
                if w.is_subtype(cand) {
                } else if cand.is_subtype(w) {
                    winner = Some((cand, bt));
                } else {
                    return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                }
            }
        }
    }
    Ok(winner.map(|(_, b)| b).unwrap_or(&object::OBJECT_TYPE))
}

/// C3 linearization of `tp` from its `__bases__` (`mro_internal` without `mro()` overrides).
pub fn compute_mro(vm: &Vm, tp: &PyTypeObject) -> PyResult<Vec<PyRef>> {
    let bases: Vec<PyRef> = tp.tp_bases.borrow().as_ref().map(|b| tuple::tuple_items(b).to_vec()).unwrap_or_default();
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| x.is(b)) {
            let n = downcast_type(b).map(type_qualname).unwrap_or_default();
            return Err(vm.type_error(format!("duplicate base class {n}")));
        }
    }
    let mut seqs: Vec<Vec<PyRef>> = Vec::new();
    for b in &bases {
        let bt = as_type(vm, b)?;
        let m = bt.tp_mro.borrow().clone().unwrap();
        seqs.push(tuple::tuple_items(&m).to_vec());
    }
    seqs.push(bases.clone());
    let mut result = vec![tp.to_ref()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(result);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|x| x.is(cand))) {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(c) = found else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = type_qualname(as_type(vm, &s[0])?);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        result.push(c);
    }
}

/// Create a class: `type.__new__(meta, name, bases, ns, **kwargs)`.
pub fn new_class(
    vm: &Vm,
    meta: &PyObject,
    name: &PyObject,
    bases: &PyObject,
    ns: &PyObject,
    kwargs: &[(PyRef, PyRef)],
) -> PyResult<PyRef> {
    let mut bases_v: Vec<PyRef> = tuple::tuple_items(bases).to_vec();
    let meta = calculate_metaclass(vm, meta, &bases_v)?;
    let meta_t = as_type(vm, &meta)?;
    if bases_v.is_empty() {
        bases_v.push(object::OBJECT_TYPE.to_ref());
    }
    let base = best_base(vm, &bases_v)?;
    let d = dict::copy(vm, ns)?;

    let name_s = pystr::to_string(name);
    let key = |s: &str| vm.intern(s);
    // __module__ from the calling frame's globals.
    if dict::get_item_str_key(&d, &key("__module__")).is_none() {
        if let Some(g) = vm.frames.current_globals() {
            if let Some(m) = dict::get_item(vm, &g, &key("__name__"))? {
                dict::set_item(vm, &d, &key("__module__"), &m)?;
            }
        }
    }
    let qualname = match dict::get_item_str_key(&d, &key("__qualname__")) {
        Some(q) => {
            if pystr::downcast_str(&q).is_none() {
                return Err(vm.type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    q.ob_type().name()
                )));
            }
            dict::del_item(vm, &d, &key("__qualname__"))?;
            q
        }
        None => name.to_ref(),
    };
    // __new__ is a static method; __init_subclass__ and __class_getitem__ class methods.
    if let Some(f) = dict::get_item_str_key(&d, &key("__new__")) {
        if f.downcast::<crate::types::function::PyFunction>().is_some() {
            dict::set_item(vm, &d, &key("__new__"), &descr::new_staticmethod(f))?;
        }
    }
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = dict::get_item_str_key(&d, &key(n)) {
            if f.downcast::<crate::types::function::PyFunction>().is_some() {
                dict::set_item(vm, &d, &key(n), &descr::new_classmethod(f))?;
            }
        }
    }

    // __slots__.
    let mut flags_v = flags::HEAPTYPE | flags::BASETYPE | (base.tp_flags.get() & SUBCLASS_FLAGS);
    let mut nslots = base.ht_nslots.get();
    let mut slot_names: Vec<PyRef> = Vec::new();
    let base_has_dict = base.tp_dict_of.get().is_some()
        || (base.has_flag(flags::MANAGED_DICT) && !base.has_flag(flags::NO_INSTANCE_DICT));
    let mut wants_dict = true;
    let mut wants_weakref = true;
    if let Some(slots_obj) = dict::get_item_str_key(&d, &key("__slots__")) {
        let items = if pystr::downcast_str(&slots_obj).is_some() {
            vec![slots_obj.clone()]
        } else {
            crate::protocol::iterate(vm, &slots_obj)?
        };
        wants_dict = false;
        wants_weakref = false;
        for it in items {
            let Some(s) = pystr::downcast_str(&it) else {
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{}'", it.ob_type().name())));
            };
            let sname = s.to_string_lossy();
            if sname == "__dict__" {
                wants_dict = true;
                continue;
            }
            if sname == "__weakref__" {
                wants_weakref = true;
                continue;
            }
            if dict::get_item_str_key(&d, &it).is_some() {
                return Err(vm.value_error(format!("'{sname}' in __slots__ conflicts with class variable")));
            }
            slot_names.push(vm.intern_obj(&it));
        }
    }
    if (wants_dict || base_has_dict) && base.tp_dict_of.get().is_none() {
        flags_v |= flags::MANAGED_DICT;
    }
    if !slot_names.is_empty() || base.has_flag(flags::MANAGED_DICT) {
        if !wants_dict && !base_has_dict {
            flags_v |= flags::NO_INSTANCE_DICT;
        }
        flags_v |= flags::MANAGED_DICT;
    }
    if wants_weakref || base.has_flag(flags::MANAGED_WEAKREF) {
        flags_v |= flags::MANAGED_WEAKREF;
    }

    let data = PyTypeData {
        tp_name: ManuallyDrop::new(RefCell::new(Cow::Owned(name_s))),
        ht_qualname: ManuallyDrop::new(RefCell::new(Some(qualname))),
        tp_flags: Cell::new(flags_v | flags::HAVE_GC),
        tp_traverse: Cell::new(Some(crate::gc::traverse::subtype_traverse)),
        tp_clear: Cell::new(Some(crate::gc::traverse::subtype_clear)),
        tp_base: Cell::new(base as *const PyTypeObject),
        tp_bases: ManuallyDrop::new(RefCell::new(Some(tuple::new_tuple(bases_v.clone())))),
        tp_dict: ManuallyDrop::new(RefCell::new(Some(d.clone()))),
        tp_dealloc: Cell::new(crate::types::finalize::subtype_dealloc),
        ht_nslots: Cell::new(nslots + slot_names.len()),
        tp_dict_of: Cell::new(base.tp_dict_of.get()),
        ..PyTypeData::BASE
    };
    let new_type = crate::object::alloc_object(meta_t, data);
    let tp = downcast_type(&new_type).unwrap();

    for (i, s) in slot_names.iter().enumerate() {
        let m = descr::new_member_descriptor(tp, s.clone(), nslots + i);
        dict::set_item(vm, &d, s, &m)?;
    }
    // `__dict__` / `__weakref__` descriptors for what this class adds to its base.
    let add_dict = tp.has_flag(flags::MANAGED_DICT) && lookup(base, &key("__dict__")).is_none() && wants_dict;
    let var_sized = ["int", "tuple", "bytes"].iter().any(|n| {
        let mro = base.tp_mro.borrow().clone();
        mro.is_some_and(|m| tuple::tuple_items(&m).iter().any(|t| downcast_type(t).is_some_and(|t| !t.is_heap_type() && t.name() == *n)))
    });
    let add_weakref = wants_weakref && !var_sized && lookup(base, &key("__weakref__")).is_none();
    crate::types::instance_attrs::add_subtype_getsets(vm, tp, &d, add_dict, add_weakref)?;
    if dict::get_item_str_key(&d, &key("__doc__")).is_none() {
        dict::set_item(vm, &d, &key("__doc__"), &none::none())?;
    }
    nslots += slot_names.len();
    let _ = nslots;
    *tp.ht_slots.borrow_mut() = slot_names;

    // MRO: a metaclass may override mro().
    let mro = if std::ptr::eq(meta_t, &*crate::types::type_::TYPE_TYPE) {
        compute_mro(vm, tp)?
    } else {
        let r = crate::protocol::call_method(vm, &new_type, "mro", &[])?;
        crate::protocol::iterate(vm, &r)?
    };
    *tp.tp_mro.borrow_mut() = Some(tuple::new_tuple(mro));

    slots::inherit_slots(tp, base);
    slots::fixup_slots(vm, tp)?;
    for b in &bases_v {
        if let Some(bt) = downcast_type(b) {
            bt.tp_subclasses.borrow_mut().push(&*new_type as *const PyObject);
        }
    }
    type_modified(tp);

    // The `__class__` cell of methods using super(): point it at the new class.
    if let Some(cell) = dict::get_item_str_key(&d, &key("__classcell__")) {
        match cell.downcast::<crate::types::cell::PyCell>() {
            Some(c) => {
                let old = c.contents.replace(Some(new_type.clone()));
                drop(old);
                dict::del_item(vm, &d, &key("__classcell__"))?;
            }
            None => {
                return Err(vm.type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    cell.ob_type().name()
                )))
            }
        }
    }
    // __set_name__ on every attribute that has it.
    let items = dict::items(&d);
    for (k, v) in items {
        if let Some(sn) = lookup(v.ob_type(), &key("__set_name__")) {
            let r = crate::protocol::call(vm, &sn, &[v.clone(), new_type.clone(), k.clone()], &[]);
            if let Err(e) = r {
                crate::types::exceptions::add_note(
                    vm,
                    &e,
                    &format!(
                        "Error calling __set_name__ on '{}' instance {} in '{}'",
                        v.ob_type().name(),
                        crate::protocol::repr_string(vm, &k)?,
                        type_qualname(tp)
                    ),
                )?;
                return Err(e);
            }
        }
    }
    // super(new_type, new_type).__init_subclass__(**kwargs)
    init_subclass(vm, &new_type, kwargs)?;
    Ok(new_type)
}

const SUBCLASS_FLAGS: u64 = flags::LONG_SUBCLASS
    | flags::LIST_SUBCLASS
    | flags::TUPLE_SUBCLASS
    | flags::BYTES_SUBCLASS
    | flags::UNICODE_SUBCLASS
    | flags::DICT_SUBCLASS
    | flags::BASE_EXC_SUBCLASS
    | flags::TYPE_SUBCLASS
    | flags::SEQUENCE
    | flags::MAPPING;

fn init_subclass(vm: &Vm, cls: &PyRef, kwargs: &[(PyRef, PyRef)]) -> PyResult<()> {
    let tp = downcast_type(cls).unwrap();
    let mro = tp.tp_mro.borrow().clone().unwrap();
    let name = vm.intern("__init_subclass__");
    for t in tuple::tuple_items(&mro).iter().skip(1) {
        let t = downcast_type(t).unwrap();
        let d = t.tp_dict.borrow().clone().unwrap();
        if let Some(f) = dict::get_item_str_key(&d, &name) {
            let bound = match f.ob_type().tp_descr_get.get() {
                Some(get) => get(vm, &f, None, cls)?,
                None => f,
            };
            let mut args: Vec<PyRef> = kwargs.iter().map(|(_, v)| v.clone()).collect();
            let names: Vec<PyRef> = kwargs.iter().map(|(k, _)| k.clone()).collect();
            if names.is_empty() {
                args.clear();
            }
            crate::protocol::call(vm, &bound, &args, &names)?;
            return Ok(());
        }
    }
    Ok(())
}

/// `type.__or__`: `int | str` builds a `types.UnionType`.
pub fn union_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    crate::types::union::union_type_or(vm, a, b)
}

/// The sorted names in `__abstractmethods__`.
pub fn abstract_methods(vm: &Vm, tp: &PyTypeObject) -> Vec<String> {
    let d = tp.tp_dict.borrow().clone().unwrap();
    let Some(am) = dict::get_item_str_key(&d, &vm.intern("__abstractmethods__")) else {
        return vec![];
    };
    let mut v: Vec<String> = crate::protocol::iterate(vm, &am)
        .unwrap_or_default()
        .iter()
        .map(|x| pystr::to_string(x))
        .collect();
    v.sort();
    v
}

/// PEP 560: replace bases that define `__mro_entries__` (`update_bases`).
pub fn update_bases(vm: &Vm, bases: &PyRef) -> PyResult<PyRef> {
    let items = tuple::tuple_items(bases);
    let mut changed = false;
    let mut out = Vec::with_capacity(items.len());
    for b in items {
        if downcast_type(b).is_some() {
            out.push(b.clone());
            continue;
        }
        match crate::protocol::getattr_opt(vm, b, &vm.intern("__mro_entries__"))? {
            Some(me) => {
                let r = crate::protocol::call(vm, &me, &[bases.clone()], &[])?;
                let Some(t) = tuple::downcast_tuple(&r) else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                out.extend(t.iter().cloned());
                changed = true;
            }
            None => out.push(b.clone()),
        }
    }
    Ok(if changed { tuple::new_tuple(out) } else { bases.clone() })
}
