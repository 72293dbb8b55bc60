//! Weak references and the `_weakref` module: `ref` (`weakref.ReferenceType`), `proxy`
//! (`weakref.ProxyType` / `CallableProxyType`), `getweakrefcount`, `getweakrefs`.
//!
//! **Representation.** A weak reference holds its referent as a raw pointer that does not
//! count. The weak references to one object are listed, oldest basic first, in a
//! per-thread side table keyed by the referent's address (CPython keeps the list head in
//! the object at `tp_weaklistoffset`; a side table needs no field in every built-in
//! payload). The first weak reference to an object sets [`WEAKREFERENCED`] on its type,
//! and deallocation of an object of a type with that bit calls [`clear_weakrefs`]: each
//! reference is marked dead (its pointer nulled) and then the callbacks run, newest
//! first, as `PyObject_ClearWeakRefs` does. A weak reference that dies first removes
//! itself from its referent's list.
//!
//! Which objects can be weakly referenced follows CPython: instances of classes whose
//! instances have `__weakref__` ([`flags::MANAGED_WEAKREF`], set by `type.__new__`),
//! and the built-in types with a `tp_weaklistoffset` (type, function, method, code,
//! module, set, generator, …).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{dict, exceptions, int, list, module, none, str as pystr, type_};
use crate::vm::Vm;

/// Type flag (taipan's own bit): some instance of this type has or had a weak reference,
/// so its deallocation must look in the side table.
pub const WEAKREFERENCED: u64 = 1 << 0;

thread_local! {
    static WEAKLISTS: RefCell<HashMap<usize, Vec<*const PyObject>>> = RefCell::new(HashMap::new());
}

pub struct PyWeakRef {
    /// The referent, null once it died.
    referent: Cell<*const PyObject>,
    callback: RefCell<Option<PyRef>>,
    hash: Cell<Option<i64>>,
}

impl Drop for PyWeakRef {
    fn drop(&mut self) {
        let r = self.referent.get();
        if r.is_null() {
            return;
        }
        let me = self as *const PyWeakRef as usize;
        WEAKLISTS.with(|w| {
            let mut w = w.borrow_mut();
            if let Some(list) = w.get_mut(&(r as usize)) {
                // The payload sits at a fixed offset after the header in each entry.
                list.retain(|&o| payload_addr(o) != me);
                if list.is_empty() {
                    w.remove(&(r as usize));
                }
            }
        });
    }
}

fn payload_addr(o: *const PyObject) -> usize {
    // SAFETY: every entry is a live weak reference object (PyInner<PyWeakRef>).
    unsafe { &(*(o as *const PyInner<PyWeakRef>)).payload as *const PyWeakRef as usize }
}

impl PyPayload for PyWeakRef {
    fn static_type() -> &'static PyTypeObject {
        &REF_TYPE
    }
}

pub static REF_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("weakref.ReferenceType"),
        tp_flags: Cell::new(flags::BASETYPE),
        tp_dealloc: Cell::new(dealloc::<PyWeakRef>),
        tp_repr: Cell::new(Some(ref_repr)),
        tp_hash: Cell::new(Some(ref_hash)),
        tp_richcompare: Cell::new(Some(ref_richcompare)),
        tp_call: Cell::new(Some(ref_call)),
        tp_new: Cell::new(Some(ref_new)),
        tp_init: Cell::new(Some(ref_init)),
        tp_getset: REF_GETSET,
        ..PyTypeData::BASE
    },
));

/// Proxies share the payload; they are a distinct pair of types (not subclasses of ref).
#[repr(transparent)]
pub struct PyWeakProxy(PyWeakRef);

impl PyPayload for PyWeakProxy {
    fn static_type() -> &'static PyTypeObject {
        &PROXY_TYPE
    }
}

pub static PROXY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("weakref.ProxyType"),
        tp_dealloc: Cell::new(dealloc::<PyWeakProxy>),
        tp_repr: Cell::new(Some(proxy_repr)),
        tp_str: Cell::new(Some(proxy_str)),
        tp_getattro: Cell::new(Some(proxy_getattro)),
        tp_setattro: Cell::new(Some(proxy_setattro)),
        tp_richcompare: Cell::new(Some(proxy_richcompare)),
        tp_iter: Cell::new(Some(crate::weakref_proxy::p_iter)),
        tp_iternext: Cell::new(Some(crate::weakref_proxy::p_iternext)),
        tp_as_number: crate::weakref_proxy::number_slots(),
        tp_as_sequence: crate::weakref_proxy::sequence_slots(),
        tp_as_mapping: crate::weakref_proxy::mapping_slots(),
        ..PyTypeData::BASE
    },
));

pub static CALLABLE_PROXY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("weakref.CallableProxyType"),
        tp_dealloc: Cell::new(dealloc::<PyWeakProxy>),
        tp_repr: Cell::new(Some(proxy_repr)),
        tp_str: Cell::new(Some(proxy_str)),
        tp_getattro: Cell::new(Some(proxy_getattro)),
        tp_setattro: Cell::new(Some(proxy_setattro)),
        tp_richcompare: Cell::new(Some(proxy_richcompare)),
        tp_call: Cell::new(Some(proxy_call)),
        tp_iter: Cell::new(Some(crate::weakref_proxy::p_iter)),
        tp_iternext: Cell::new(Some(crate::weakref_proxy::p_iternext)),
        tp_as_number: crate::weakref_proxy::number_slots(),
        tp_as_sequence: crate::weakref_proxy::sequence_slots(),
        tp_as_mapping: crate::weakref_proxy::mapping_slots(),
        ..PyTypeData::BASE
    },
));

static REF_GETSET: &[GetSetDef] = &[GetSetDef::new("__callback__", ref_callback, None)];

/// The weak-reference part of a ref or proxy object.
fn weak_of(o: &PyObject) -> Option<&PyWeakRef> {
    if let Some(r) = o.downcast::<PyWeakRef>() {
        return Some(r);
    }
    if std::ptr::eq(o.ob_type(), &*PROXY_TYPE) || std::ptr::eq(o.ob_type(), &*CALLABLE_PROXY_TYPE) {
        // SAFETY: proxies carry a PyWeakProxy payload.
        return Some(unsafe { &o.payload_unchecked::<PyWeakProxy>().0 });
    }
    None
}

/// The referent, if still alive.
fn referent(w: &PyWeakRef) -> Option<PyRef> {
    let p = w.referent.get();
    if p.is_null() {
        None
    } else {
        // SAFETY: non-null means the referent is alive (it nulls us before it is freed).
        Some(unsafe { &*p }.to_ref())
    }
}

/// Whether objects of `tp` can be weakly referenced.
fn supports_weakrefs(tp: &PyTypeObject) -> bool {
    if tp.has_flag(flags::MANAGED_WEAKREF) {
        return true;
    }
    if tp.has_flag(flags::TYPE_SUBCLASS) || std::ptr::eq(tp, &*type_::TYPE_TYPE) {
        return true;
    }
    let mut t: Option<&PyTypeObject> = Some(tp);
    while let Some(x) = t {
        if !x.is_heap_type() {
            return matches!(
                &*x.name(),
                "function"
                    | "builtin_function_or_method"
                    | "method"
                    | "code"
                    | "module"
                    | "set"
                    | "frozenset"
                    | "generator"
                    | "coroutine"
                    | "async_generator"
                    | "property"
                    | "weakref.ReferenceType"
                    | "functools.partial"
                    | "_io.TextIOWrapper"
            );
        }
        t = x.base();
    }
    false
}

fn list_of(obj: &PyObject) -> Vec<*const PyObject> {
    WEAKLISTS.with(|w| w.borrow().get(&obj.addr()).cloned().unwrap_or_default())
}

/// The weak references to `obj`, oldest first (only live ones are listed).
fn refs_to(obj: &PyObject) -> Vec<PyRef> {
    // SAFETY: listed references are alive (they unlist themselves when freed).
    list_of(obj).into_iter().map(|p| unsafe { &*p }.to_ref()).collect()
}

/// A new weak reference of type `tp` (ref, a ref subclass, or a proxy type) to `obj`.
fn new_weak(vm: &Vm, tp: &PyTypeObject, obj: &PyObject, callback: Option<PyRef>, proxy: bool) -> PyResult<PyRef> {
    if !supports_weakrefs(obj.ob_type()) {
        return Err(vm.type_error(format!("cannot create weak reference to '{}' object", obj.ob_type().name())));
    }
    let callback = callback.filter(|c| !c.is(none::none_ref()));
    // A basic ref or proxy without a callback is shared (CPython's get_basic_refs).
    if callback.is_none() && (proxy || std::ptr::eq(tp, &*REF_TYPE)) {
        for r in refs_to(obj) {
            let w = weak_of(&r).unwrap();
            if w.callback.borrow().is_none() && std::ptr::eq(r.ob_type(), tp) {
                return Ok(r);
            }
        }
    }
    let w = PyWeakRef { referent: Cell::new(obj as *const PyObject), callback: RefCell::new(callback.clone()), hash: Cell::new(None) };
    let r = if proxy { alloc_object(tp, PyWeakProxy(w)) } else { alloc_object(tp, w) };
    let tp_obj = obj.ob_type();
    tp_obj.tp_flags.set(tp_obj.tp_flags.get() | WEAKREFERENCED);
    let rp = &*r as *const PyObject;
    WEAKLISTS.with(|wl| {
        let mut wl = wl.borrow_mut();
        let list = wl.entry(obj.addr()).or_default();
        if callback.is_none() {
            // Basic refs and proxies go first, callback refs after them (newest first).
            list.insert(0, rp);
        } else {
            let nbasic = list
                .iter()
                .take_while(|&&p| {
                    // SAFETY: listed references are alive.
                    weak_of(unsafe { &*p }).is_some_and(|w| w.callback.borrow().is_none())
                })
                .count();
            list.insert(nbasic, rp);
        }
    });
    Ok(r)
}

/// Called when an object of a [`WEAKREFERENCED`] type is being freed (count zero): mark
/// its weak references dead, then call their callbacks.
pub fn clear_weakrefs(obj: *const PyObject) {
    let Some(list) = WEAKLISTS.with(|w| w.borrow_mut().remove(&(obj as usize))) else { return };
    let mut callbacks = Vec::new();
    for p in list {
        // SAFETY: listed references are alive.
        let r = unsafe { &*p };
        let w = weak_of(r).unwrap();
        w.referent.set(std::ptr::null());
        let cb = w.callback.borrow_mut().take();
        if let Some(cb) = cb {
            callbacks.push((r.to_ref(), cb));
        }
    }
    if callbacks.is_empty() {
        return;
    }
    crate::vm::with_current_vm(|vm| {
        // A pending exception of the code that freed the object is kept aside.
        for (r, cb) in callbacks {
            if let Err(e) = protocol::call(vm, &cb, &[r], &[]) {
                crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &cb)));
            }
        }
    });
}

/// The cycle collector's view of a weak reference: its callback.
pub fn traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    if let Some(w) = weak_of(o) {
        if let Ok(cb) = w.callback.try_borrow() {
            if let Some(cb) = &*cb {
                visit(cb);
            }
        }
    }
}

/// For the collector (`handle_weakrefs`): mark every weak reference to `obj` dead and
/// return them with their callbacks, without calling anything.
pub fn take_weakrefs(obj: &PyObject) -> Vec<(PyRef, Option<PyRef>)> {
    let Some(list) = WEAKLISTS.with(|w| w.borrow_mut().remove(&obj.addr())) else { return Vec::new() };
    list.into_iter()
        .map(|p| {
            // SAFETY: listed references are alive.
            let r = unsafe { &*p };
            let w = weak_of(r).unwrap();
            w.referent.set(std::ptr::null());
            let cb = w.callback.borrow_mut().take();
            (r.to_ref(), cb)
        })
        .collect()
}

fn ref_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let npos = args.len() - kwnames.len();
    if npos < 1 || npos > 2 {
        let msg = if npos < 1 { "__new__ expected at least 1 argument, got 0".to_string() } else { format!("__new__ expected at most 2 arguments, got {npos}") };
        return Err(vm.type_error(msg));
    }
    new_weak(vm, tp, &args[0], args.get(1).filter(|_| npos > 1).cloned(), false)
}

/// `ref.__init__(ob, callback=None)`: the work is done by `__new__`; the arguments are
/// only checked (so a subclass's `__init__` can pass them on).
fn ref_init(vm: &Vm, _o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let npos = args.len() - kwnames.len();
    if npos < 1 || npos > 2 {
        let msg = if npos < 1 { "__init__ expected at least 1 argument, got 0".to_string() } else { format!("__init__ expected at most 2 arguments, got {npos}") };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn ref_call(vm: &Vm, o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "weakref", kwnames)?;
    if !args.is_empty() {
        return Err(vm.type_error(format!("weakref() takes exactly 0 arguments ({} given)", args.len())));
    }
    Ok(referent(weak_of(o).unwrap()).unwrap_or_else(none::none))
}

fn ref_callback(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(weak_of(o).unwrap().callback.borrow().clone().unwrap_or_else(none::none))
}

fn ref_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let w = weak_of(o).unwrap();
    if let Some(h) = w.hash.get() {
        return Ok(h);
    }
    let Some(r) = referent(w) else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = protocol::hash(vm, &r)?;
    w.hash.set(Some(h));
    Ok(h)
}

fn ref_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || b.downcast::<PyWeakRef>().is_none() {
        return Ok(none::not_implemented());
    }
    let (wa, wb) = (weak_of(a).unwrap(), weak_of(b).unwrap());
    match (referent(wa), referent(wb)) {
        (Some(x), Some(y)) => protocol::richcompare(vm, &x, &y, op),
        _ => {
            let same = a.is(b);
            Ok(none::bool_(if op == CompareOp::Eq { same } else { !same }))
        }
    }
}

/// The `to 'T' at 0x… (name)` part of a ref/proxy repr.
fn describe(vm: &Vm, r: &PyObject) -> String {
    let name = protocol::getattr_opt(vm, r, &vm.intern("__name__")).ok().flatten().and_then(|n| {
        pystr::downcast_str(&n).map(|_| pystr::to_string(&n))
    });
    let base = format!("to '{}' at {:#x}", r.ob_type().name(), r.addr());
    match name {
        Some(n) => format!("{base} ({n})"),
        None => base,
    }
}

fn ref_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let w = weak_of(o).unwrap();
    let s = match referent(w) {
        None => format!("<weakref at {:#x}; dead>", o.addr()),
        Some(r) => format!("<weakref at {:#x}; {}>", o.addr(), describe(vm, &r)),
    };
    Ok(pystr::new_str(&s))
}

/// The proxy's referent, or ReferenceError.
pub(crate) fn proxy_target(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    referent(weak_of(o).unwrap())
        .ok_or_else(|| vm.new_error(&exceptions::REFERENCE_ERROR, "weakly-referenced object no longer exists"))
}

fn proxy_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let w = weak_of(o).unwrap();
    let s = match referent(w) {
        None => format!("<weakproxy at {:#x}; dead>", o.addr()),
        Some(r) => format!("<weakproxy at {:#x}; to '{}' at {:#x}>", o.addr(), r.ob_type().name(), r.addr()),
    };
    Ok(pystr::new_str(&s))
}

fn proxy_str(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let t = proxy_target(vm, o)?;
    protocol::str(vm, &t)
}

fn proxy_getattro(vm: &Vm, o: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    let t = proxy_target(vm, o)?;
    protocol::getattr(vm, &t, name)
}

fn proxy_setattro(vm: &Vm, o: &PyObject, name: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let t = proxy_target(vm, o)?;
    match value {
        Some(v) => protocol::setattr(vm, &t, name, v),
        None => protocol::delattr(vm, &t, name),
    }
}

fn proxy_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let x = proxy_target(vm, a)?;
    let y = if std::ptr::eq(b.ob_type(), &*PROXY_TYPE) || std::ptr::eq(b.ob_type(), &*CALLABLE_PROXY_TYPE) {
        proxy_target(vm, b)?
    } else {
        b.to_ref()
    };
    protocol::richcompare(vm, &x, &y, op)
}

fn proxy_call(vm: &Vm, o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let t = proxy_target(vm, o)?;
    protocol::call(vm, &t, args, kwnames)
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("getweakrefcount", weakref_getweakrefcount),
    MethodDef::function("getweakrefs", weakref_getweakrefs),
    MethodDef::function("proxy", weakref_proxy),
    MethodDef::function("_remove_dead_weakref", weakref_remove_dead_weakref),
];

/// Create the `_weakref` module (on first import).
pub fn init_module(vm: &Vm) -> PyRef {
    let m = module::new_module_named("_weakref");
    let d = module::module_dict(&m);
    for def in FUNCTIONS {
        let f = new_builtin_function(def, Some(m.clone()));
        dict::set_item_str_key(vm, &d, &vm.intern(def.name), &f);
    }
    for (name, tp) in [
        ("ref", &REF_TYPE),
        ("ReferenceType", &REF_TYPE),
        ("ProxyType", &PROXY_TYPE),
        ("CallableProxyType", &CALLABLE_PROXY_TYPE),
    ] {
        dict::set_item_str_key(vm, &d, &vm.intern(name), tp.as_object());
    }
    m
}

fn weakref_getweakrefcount(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getweakrefcount", args, 1, 1)?;
    Ok(int::new_int(list_of(&args[0]).len() as i64))
}

fn weakref_getweakrefs(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getweakrefs", args, 1, 1)?;
    Ok(list::new_list(refs_to(&args[0])))
}

fn weakref_proxy(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "proxy", args, 1, 2)?;
    let obj = &args[0];
    let tp: &PyTypeObject = if obj.ob_type().tp_call.get().is_some() { &CALLABLE_PROXY_TYPE } else { &PROXY_TYPE };
    new_weak(vm, tp, obj, args.get(1).cloned(), true)
}

/// `_remove_dead_weakref(dict, key)`: delete `dict[key]` if it is a dead weak reference.
fn weakref_remove_dead_weakref(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "_remove_dead_weakref", args, 2, 2)?;
    if dict::downcast_dict(&args[0]).is_none() {
        return Err(vm.type_error(format!("_remove_dead_weakref() argument 1 must be dict, not {}", args[0].ob_type().name())));
    }
    if let Some(v) = dict::get_item(vm, &args[0], &args[1])? {
        if weak_of(&v).is_some_and(|w| w.referent.get().is_null()) {
            dict::del_item(vm, &args[0], &args[1])?;
        }
    }
    Ok(none::none())
}
