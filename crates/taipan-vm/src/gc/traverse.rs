//! `tp_traverse` and `tp_clear` of the built-in container types and of classes.
//!
//! [`install`] runs once, before the first allocation: it gives each container type its
//! two slots and [`flags::HAVE_GC`] (so its objects are allocated with a GC head), then
//! lets static subtypes that share their base's payload (the same `tp_dealloc`) inherit
//! them — the exception hierarchy, for instance. Classes get [`subtype_traverse`] and
//! [`subtype_clear`] from `type.__new__`.
//!
//! A traverse function visits exactly the strong references the object owns; visiting
//! fewer is safe (the referents then look externally referenced and stay alive),
//! visiting a reference that is not owned would free live objects. A `RefCell` that
//! running code has borrowed is skipped for that reason.

use std::cell::RefCell;

use crate::object::typeobj::{flags, ClearFunc, TraverseFunc};
use crate::object::{managed_prefix, PyObject, PyRef, PyTypeObject};
use crate::types::descr::{PyClassMethod, PyStaticMethod, CLASSMETHOD_TYPE, STATICMETHOD_TYPE};
use crate::types::exceptions::{PyBaseException, BASE_EXCEPTION};
use crate::types::function::{PyFunction, PyMethod, FUNCTION_TYPE, METHOD_TYPE};
use crate::types::{cell, dict, list, mappingproxy, module, namespace, property, set, super_, tuple, type_};

type Visit<'a> = &'a mut dyn FnMut(&PyObject);

fn opt(c: &RefCell<Option<PyRef>>, visit: Visit) {
    if let Ok(b) = c.try_borrow() {
        if let Some(o) = &*b {
            visit(o);
        }
    }
}

fn take(c: &RefCell<Option<PyRef>>) {
    let old = c.try_borrow_mut().ok().and_then(|mut b| b.take());
    drop(old);
}

// SAFETY (all payload accessors below): each function is installed only on types whose
// instances carry that payload, and called only with their instances.
macro_rules! payload {
    ($o:expr, $t:ty) => {
        unsafe { $o.payload_unchecked::<$t>() }
    };
}

fn list_traverse(o: &PyObject, visit: Visit) {
    if let Ok(items) = payload!(o, list::PyList).items.try_borrow() {
        items.iter().for_each(|i| visit(i));
    }
}
fn list_clear(o: &PyObject) {
    let old = payload!(o, list::PyList).items.try_borrow_mut().map(|mut v| std::mem::take(&mut *v));
    drop(old);
}

fn tuple_traverse(o: &PyObject, visit: Visit) {
    payload!(o, tuple::PyTuple).items.iter().for_each(|i| visit(i));
}

fn set_traverse(o: &PyObject, visit: Visit) {
    set::traverse(o, visit);
}
fn set_clear(o: &PyObject) {
    set::gc_clear(o);
}

fn cell_traverse(o: &PyObject, visit: Visit) {
    opt(&payload!(o, cell::PyCell).contents, visit);
}
fn cell_clear(o: &PyObject) {
    take(&payload!(o, cell::PyCell).contents);
}

fn function_traverse(o: &PyObject, visit: Visit) {
    let f = payload!(o, PyFunction);
    if let Ok(c) = f.code.try_borrow() {
        visit(&c);
    }
    visit(&f.globals);
    visit(&f.builtins);
    for c in [&f.name, &f.qualname, &f.doc, &f.module] {
        if let Ok(x) = c.try_borrow() {
            visit(&x);
        }
    }
    for c in [&f.defaults, &f.kwdefaults, &f.closure, &f.annotations, &f.type_params, &f.dict] {
        opt(c, visit);
    }
}
fn function_clear(o: &PyObject) {
    let f = payload!(o, PyFunction);
    for c in [&f.defaults, &f.kwdefaults, &f.closure, &f.annotations, &f.type_params, &f.dict] {
        take(c);
    }
}

fn cfunction_traverse(o: &PyObject, visit: Visit) {
    let f = payload!(o, crate::types::function::PyCFunction);
    if let Some(s) = &f.self_ {
        visit(s);
    }
    if let Some(m) = &f.module {
        visit(m);
    }
}

fn method_traverse(o: &PyObject, visit: Visit) {
    let m = payload!(o, PyMethod);
    visit(&m.func);
    visit(&m.self_);
}

fn module_traverse(o: &PyObject, visit: Visit) {
    opt(&payload!(o, module::PyModule).dict, visit);
}
fn module_clear(o: &PyObject) {
    take(&payload!(o, module::PyModule).dict);
}

fn property_traverse(o: &PyObject, visit: Visit) {
    let p = payload!(o, property::PyProperty);
    for c in [&p.fget, &p.fset, &p.fdel, &p.doc, &p.name] {
        opt(c, visit);
    }
}
fn property_clear(o: &PyObject) {
    let p = payload!(o, property::PyProperty);
    for c in [&p.fget, &p.fset, &p.fdel, &p.doc, &p.name] {
        take(c);
    }
}

fn super_traverse(o: &PyObject, visit: Visit) {
    let s = payload!(o, super_::PySuper);
    for c in [&s.thisclass, &s.obj, &s.obj_type] {
        opt(c, visit);
    }
}

fn staticmethod_traverse(o: &PyObject, visit: Visit) {
    let s = payload!(o, PyStaticMethod);
    visit(&s.callable);
    opt(&s.dict, visit);
}
fn classmethod_traverse(o: &PyObject, visit: Visit) {
    let s = payload!(o, PyClassMethod);
    visit(&s.callable);
    opt(&s.dict, visit);
}
fn staticmethod_clear(o: &PyObject) {
    take(&payload!(o, PyStaticMethod).dict);
}
fn classmethod_clear(o: &PyObject) {
    take(&payload!(o, PyClassMethod).dict);
}

fn mappingproxy_traverse(o: &PyObject, visit: Visit) {
    visit(&payload!(o, mappingproxy::PyMappingProxy).mapping);
}

fn namespace_traverse(o: &PyObject, visit: Visit) {
    opt(&payload!(o, namespace::PyNamespace).dict, visit);
}
fn namespace_clear(o: &PyObject) {
    take(&payload!(o, namespace::PyNamespace).dict);
}

fn exception_traverse(o: &PyObject, visit: Visit) {
    let e = payload!(o, PyBaseException);
    if let Ok(a) = e.args.try_borrow() {
        visit(&a);
    }
    for c in [&e.traceback, &e.cause, &e.context, &e.dict] {
        opt(c, visit);
    }
    if let Ok(fs) = e.fields.try_borrow() {
        fs.iter().flatten().for_each(|f| visit(f));
    }
}
fn exception_clear(o: &PyObject) {
    let e = payload!(o, PyBaseException);
    for c in [&e.traceback, &e.cause, &e.context, &e.dict] {
        take(c);
    }
    let old = e.fields.try_borrow_mut().map(|mut v| std::mem::take(&mut *v));
    drop(old);
}

fn traceback_traverse(o: &PyObject, visit: Visit) {
    let t = payload!(o, crate::traceback::PyTraceback);
    opt(&t.tb_next, visit);
    visit(&t.tb_frame);
}

fn frame_traverse(o: &PyObject, visit: Visit) {
    let f = payload!(o, crate::types::frame::PyFrame);
    visit(&f.code);
    visit(&f.globals);
    visit(&f.builtins);
    opt(&f.locals, visit);
    opt(&f.back, visit);
    opt(&f.extra_locals, visit);
    opt(&f.trace, visit);
    if let Ok(s) = f.snapshot.try_borrow() {
        s.iter().flatten().flatten().for_each(|x| visit(x));
    }
}
fn frame_clear(o: &PyObject) {
    let f = payload!(o, crate::types::frame::PyFrame);
    take(&f.locals);
    take(&f.back);
    take(&f.extra_locals);
    take(&f.trace);
    let old = f.snapshot.try_borrow_mut().ok().and_then(|mut s| s.take());
    drop(old);
}

fn frame_locals_traverse(o: &PyObject, visit: Visit) {
    visit(&payload!(o, crate::types::frame_locals::PyFrameLocalsProxy).frame);
}

fn weakref_traverse(o: &PyObject, visit: Visit) {
    crate::weakref::traverse(o, visit);
}

/// Type objects: only heap types are ever tracked (static types are immortal).
fn type_traverse(o: &PyObject, visit: Visit) {
    let t = payload!(o, crate::object::PyTypeData);
    for c in [&*t.ht_qualname, &*t.tp_bases, &*t.tp_mro, &*t.tp_dict] {
        opt(c, visit);
    }
    if let Ok(s) = t.ht_slots.try_borrow() {
        s.iter().for_each(|x| visit(x));
    }
    // `tp_base` is not an owned reference here (the base is owned through `__bases__`).
}

/// `type_clear` (heap types only): empty the namespace and drop the MRO, which breaks
/// the type → dict → function/descriptor → type and type → `__mro__` → type cycles.
fn type_clear(o: &PyObject) {
    let Some(tp) = type_::downcast_type(o) else { return };
    if !tp.is_heap_type() {
        return;
    }
    type_::type_modified(tp);
    let d = tp.tp_dict.try_borrow().ok().and_then(|d| d.clone());
    if let Some(d) = d {
        dict::gc_clear(&d);
    }
    take(&tp.tp_mro);
}

fn subtype_getset_traverse(o: &PyObject, visit: Visit) {
    visit(&payload!(o, crate::types::instance_attrs::PySubtypeGetSet).owner);
}

fn member_descr_traverse(o: &PyObject, visit: Visit) {
    let m = payload!(o, crate::types::descr::PyMemberDescr);
    visit(&m.name);
    visit(&m.objclass);
}

fn method_wrapper_traverse(o: &PyObject, visit: Visit) {
    let m = payload!(o, crate::types::descr::PyMethodWrapper);
    visit(&m.descr);
    visit(&m.self_);
}

/// Instances of classes: the managed `__dict__` and `__slots__` values, the class
/// itself (each instance owns a reference to its heap type), then the solid base's
/// payload.
pub fn subtype_traverse(o: &PyObject, visit: Visit) {
    if let Some(p) = managed_prefix(o) {
        opt(&p.dict, visit);
        if let Ok(s) = p.slots.try_borrow() {
            s.iter().flatten().for_each(|x| visit(x));
        }
    }
    let tp = o.ob_type();
    if tp.is_heap_type() {
        visit(tp.as_object());
    }
    if let Some(f) = base_traverse(tp) {
        f(o, visit);
    }
}

/// `subtype_clear`: drop the instance's `__slots__` values and `__dict__`, then the base's
/// clear.
pub fn subtype_clear(o: &PyObject) {
    if let Some(p) = managed_prefix(o) {
        let old_slots = p.slots.try_borrow_mut().map(|mut s| s.iter_mut().map(|x| x.take()).collect::<Vec<_>>());
        drop(old_slots);
        take(&p.dict);
    }
    if let Some(f) = base_clear(o.ob_type()) {
        f(o);
    }
}

/// The first traverse (clear) in `tp`'s base chain that is not the generic one of
/// classes: the solid base's payload slot.
fn base_traverse(tp: &PyTypeObject) -> Option<TraverseFunc> {
    let mut t = tp.base();
    while let Some(b) = t {
        if let Some(f) = b.tp_traverse.get() {
            if f as usize != subtype_traverse as *const () as usize {
                return Some(f);
            }
        }
        t = b.base();
    }
    None
}

fn base_clear(tp: &PyTypeObject) -> Option<ClearFunc> {
    let mut t = tp.base();
    while let Some(b) = t {
        if let Some(f) = b.tp_clear.get() {
            if f as usize != subtype_clear as *const () as usize {
                return Some(f);
            }
        }
        t = b.base();
    }
    None
}

fn set_gc(tp: &PyTypeObject, traverse: TraverseFunc, clear: Option<ClearFunc>) {
    tp.tp_traverse.set(Some(traverse));
    tp.tp_clear.set(clear);
    tp.tp_flags.set(tp.tp_flags.get() | flags::HAVE_GC);
}

/// Give the container types their slots (see the module doc).
pub fn install() {
    set_gc(&list::LIST_TYPE, list_traverse, Some(list_clear));
    set_gc(&tuple::TUPLE_TYPE, tuple_traverse, None);
    set_gc(&dict::DICT_TYPE, dict::traverse, Some(dict::gc_clear));
    set_gc(&set::SET_TYPE, set_traverse, Some(set_clear));
    set_gc(&set::FROZENSET_TYPE, set_traverse, Some(set_clear));
    set_gc(&cell::CELL_TYPE, cell_traverse, Some(cell_clear));
    set_gc(&FUNCTION_TYPE, function_traverse, Some(function_clear));
    set_gc(&METHOD_TYPE, method_traverse, None);
    set_gc(&crate::types::function::BUILTIN_FUNCTION_TYPE, cfunction_traverse, None);
    set_gc(&module::MODULE_TYPE, module_traverse, Some(module_clear));
    set_gc(&property::PROPERTY_TYPE, property_traverse, Some(property_clear));
    set_gc(&super_::SUPER_TYPE, super_traverse, None);
    set_gc(&STATICMETHOD_TYPE, staticmethod_traverse, Some(staticmethod_clear));
    set_gc(&CLASSMETHOD_TYPE, classmethod_traverse, Some(classmethod_clear));
    set_gc(&mappingproxy::MAPPINGPROXY_TYPE, mappingproxy_traverse, None);
    set_gc(&namespace::NAMESPACE_TYPE, namespace_traverse, Some(namespace_clear));
    set_gc(&BASE_EXCEPTION, exception_traverse, Some(exception_clear));
    set_gc(&crate::traceback::TRACEBACK_TYPE, traceback_traverse, None);
    set_gc(&crate::types::frame::FRAME_TYPE, frame_traverse, Some(frame_clear));
    set_gc(&crate::types::frame_locals::FRAME_LOCALS_PROXY_TYPE, frame_locals_traverse, None);
    set_gc(&crate::weakref::REF_TYPE, weakref_traverse, None);
    set_gc(&type_::TYPE_TYPE, type_traverse, Some(type_clear));
    set_gc(&crate::types::instance_attrs::SUBTYPE_GETSET_TYPE, subtype_getset_traverse, None);
    set_gc(&crate::types::descr::MEMBER_DESCRIPTOR_TYPE, member_descr_traverse, None);
    set_gc(&crate::types::descr::METHOD_WRAPPER_TYPE, method_wrapper_traverse, None);
    set_gc(&crate::types::generic_alias::GENERIC_ALIAS_TYPE, crate::types::generic_alias::traverse, None);
    set_gc(&crate::types::union::UNION_TYPE, crate::types::union::traverse, None);
    {
        use crate::types::typevar as tv;
        for tp in [&tv::TYPEVAR_TYPE, &tv::PARAMSPEC_TYPE, &tv::TYPEVARTUPLE_TYPE] {
            set_gc(tp, tv::param_traverse, Some(tv::param_clear));
        }
        set_gc(&tv::TYPE_ALIAS_TYPE, tv::alias_traverse, Some(tv::alias_clear));
    }
    // Static subtypes with the same payload (same deallocator) inherit the slots.
    for tp in crate::types::static_types() {
        if tp.tp_traverse.get().is_some() {
            continue;
        }
        if let Some(b) = tp.base() {
            if b.tp_traverse.get().is_some() && tp.tp_dealloc.get() as usize == b.tp_dealloc.get() as usize {
                set_gc(tp, b.tp_traverse.get().unwrap(), b.tp_clear.get());
            }
        }
    }
}
