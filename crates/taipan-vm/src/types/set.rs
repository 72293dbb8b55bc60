//! `set` and `frozenset`: two payload types around the same [`SetData`] table
//! (set_table.rs), plus `set_iterator`. Operations follow CPython's `setobject.c`
//! step by step (which operand is iterated, which table is copied) because that fixes
//! the iteration order of the results.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, NumberSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::function::MethodDef;
use crate::types::set_table::SetData;
use crate::types::{dict, int, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PySet {
    pub data: SetData,
}

pub struct PyFrozenSet {
    pub data: SetData,
    pub hash: Cell<Option<i64>>,
}

impl PyPayload for PySet {
    fn static_type() -> &'static PyTypeObject {
        &SET_TYPE
    }
}

impl PyPayload for PyFrozenSet {
    fn static_type() -> &'static PyTypeObject {
        &FROZENSET_TYPE
    }
}

pub static SET_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("set"),
        tp_doc: Some("Build an unordered collection of unique elements."),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PySet>),
        tp_repr: Cell::new(Some(set_repr)),
        tp_richcompare: Cell::new(Some(set_richcompare)),
        tp_iter: Cell::new(Some(set_iter)),
        tp_new: Cell::new(Some(set_new)),
        tp_init: Cell::new(Some(set_init)),
        tp_as_number: NumberSlots {
            nb_or: Cell::new(Some(set_or)),
            nb_and: Cell::new(Some(set_and)),
            nb_subtract: Cell::new(Some(set_sub)),
            nb_xor: Cell::new(Some(set_xor)),
            nb_inplace_or: Cell::new(Some(set_ior)),
            nb_inplace_and: Cell::new(Some(set_iand)),
            nb_inplace_subtract: Cell::new(Some(set_isub)),
            nb_inplace_xor: Cell::new(Some(set_ixor)),
            ..NumberSlots::EMPTY
        },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(set_len)),
            sq_contains: Cell::new(Some(set_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_methods: SET_METHODS,
        ..PyTypeData::BASE
    },
));

pub static FROZENSET_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("frozenset"),
        tp_doc: Some("Build an immutable unordered collection of unique elements."),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyFrozenSet>),
        tp_repr: Cell::new(Some(set_repr)),
        tp_hash: Cell::new(Some(frozenset_hash)),
        tp_richcompare: Cell::new(Some(set_richcompare)),
        tp_iter: Cell::new(Some(set_iter)),
        tp_new: Cell::new(Some(frozenset_new_slot)),
        tp_as_number: NumberSlots {
            nb_or: Cell::new(Some(set_or)),
            nb_and: Cell::new(Some(set_and)),
            nb_subtract: Cell::new(Some(set_sub)),
            nb_xor: Cell::new(Some(set_xor)),
            ..NumberSlots::EMPTY
        },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(set_len)),
            sq_contains: Cell::new(Some(set_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_methods: FROZENSET_METHODS,
        ..PyTypeData::BASE
    },
));

static SET_METHODS: &[MethodDef] = &[
    MethodDef::method("add", set_add_m),
    MethodDef::method("clear", set_clear_m),
    MethodDef::method("copy", set_copy_m),
    MethodDef::method("discard", set_discard_m),
    MethodDef::method("difference", set_difference_m),
    MethodDef::method("difference_update", set_difference_update_m),
    MethodDef::method("intersection", set_intersection_m),
    MethodDef::method("intersection_update", set_intersection_update_m),
    MethodDef::method("isdisjoint", set_isdisjoint_m),
    MethodDef::method("issubset", set_issubset_m),
    MethodDef::method("issuperset", set_issuperset_m),
    MethodDef::method("pop", set_pop_m),
    MethodDef::method("remove", set_remove_m),
    MethodDef::method("symmetric_difference", set_symmetric_difference_m),
    MethodDef::method("symmetric_difference_update", set_symmetric_difference_update_m),
    MethodDef::method("union", set_union_m),
    MethodDef::method("update", set_update_m),
];

static FROZENSET_METHODS: &[MethodDef] = &[
    MethodDef::method("copy", set_copy_m),
    MethodDef::method("difference", set_difference_m),
    MethodDef::method("intersection", set_intersection_m),
    MethodDef::method("isdisjoint", set_isdisjoint_m),
    MethodDef::method("issubset", set_issubset_m),
    MethodDef::method("issuperset", set_issuperset_m),
    MethodDef::method("symmetric_difference", set_symmetric_difference_m),
    MethodDef::method("union", set_union_m),
];

/// The table of a set or frozenset (or a subclass instance).
pub fn any_set(o: &PyObject) -> Option<&SetData> {
    if let Some(s) = o.downcast::<PySet>() {
        return Some(&s.data);
    }
    o.downcast::<PyFrozenSet>().map(|f| &f.data)
}

fn data(o: &PyObject) -> &SetData {
    any_set(o).expect("a set")
}

fn is_frozen(o: &PyObject) -> bool {
    o.downcast::<PyFrozenSet>().is_some()
}

/// A new empty set.
pub fn new_set() -> PyRef {
    alloc_object(&SET_TYPE, PySet { data: SetData::new() })
}

fn new_empty_like(o: &PyObject) -> PyRef {
    if is_frozen(o) {
        alloc_object(&FROZENSET_TYPE, PyFrozenSet { data: SetData::new(), hash: Cell::new(None) })
    } else {
        new_set()
    }
}

/// A frozenset of `items` added in order.
pub fn new_frozenset(vm: &Vm, items: Vec<PyRef>) -> PyResult<PyRef> {
    let f = alloc_object(&FROZENSET_TYPE, PyFrozenSet { data: SetData::new(), hash: Cell::new(None) });
    for it in items {
        add(vm, &f, &it)?;
    }
    Ok(f)
}

/// A frozenset constant of compiled code, `items` in source order. CPython's compiler
/// builds it from the source order, then its constant cache (`merge_consts_recursive`)
/// rebuilds it from that first set's iteration order, and the rebuilt one is what
/// `co_consts` holds. Where hashes collide the two insertion orders place keys
/// differently, and iteration order shows it (`{-1, -2, ...}`: hash(-1) == hash(-2)).
pub fn new_frozenset_constant(vm: &Vm, items: Vec<PyRef>) -> PyResult<PyRef> {
    let first = new_frozenset(vm, items)?;
    new_frozenset(vm, data(&first).keys())
}

/// `set.add` (SET_ADD, BUILD_SET).
pub fn add(vm: &Vm, s: &PyObject, key: &PyObject) -> PyResult<()> {
    let h = protocol::hash(vm, key)?;
    data(s).add(vm, key, h)?;
    Ok(())
}

/// `set_update_internal`: add every item of `other` (SET_UPDATE).
pub fn update(vm: &Vm, s: &PyObject, other: &PyObject) -> PyResult<()> {
    let d = data(s);
    if let Some(o) = any_set(other) {
        return d.merge(vm, o);
    }
    if other.downcast_exact::<dict::PyDict>().is_some() {
        let entries = dict::items_with_hash(other);
        d.presize_for(entries.len());
        for (k, h) in entries {
            d.add(vm, &k, h)?;
        }
        return Ok(());
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let h = protocol::hash(vm, &k)?;
        d.add(vm, &k, h)?;
    }
    Ok(())
}

/// `make_new_set_basetype`: set for set subclasses, frozenset for frozenset ones.
fn make_basetype(vm: &Vm, like: &PyObject, iterable: Option<&PyObject>) -> PyResult<PyRef> {
    let r = new_empty_like(like);
    if let Some(i) = iterable {
        update(vm, &r, i)?;
    }
    Ok(r)
}

fn set_copy(vm: &Vm, so: &PyObject) -> PyResult<PyRef> {
    make_basetype(vm, so, Some(so))
}

/// The hash of a key for lookups; a set key is looked up as a frozenset.
fn lookup_key(vm: &Vm, key: &PyObject) -> PyResult<(PyRef, i64)> {
    match protocol::hash(vm, key) {
        Ok(h) => Ok((key.to_ref(), h)),
        Err(e) => {
            if key.downcast::<PySet>().is_some() && e.matches(&crate::types::exceptions::TYPE_ERROR) {
                let f = new_frozenset(vm, data(key).keys())?;
                let h = protocol::hash(vm, &f)?;
                Ok((f, h))
            } else {
                Err(e)
            }
        }
    }
}

fn set_contains(vm: &Vm, s: &PyObject, key: &PyObject) -> PyResult<bool> {
    let (k, h) = lookup_key(vm, key)?;
    data(s).contains(vm, &k, h)
}

fn set_len(_vm: &Vm, s: &PyObject) -> PyResult<usize> {
    Ok(data(s).len())
}

fn set_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let tp = o.ob_type();
    let exact_set = std::ptr::eq(tp, &*SET_TYPE);
    let keys = data(o).keys();
    if keys.is_empty() {
        return Ok(pystr::new_str(&format!("{}()", tp.name())));
    }
    if !protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str(&format!("{}(...)", tp.name())));
    }
    let r = (|| {
        let mut s = String::new();
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&protocol::repr_string(vm, k)?);
        }
        Ok(pystr::new_str(&if exact_set { format!("{{{s}}}") } else { format!("{}({{{s}}})", tp.name()) }))
    })();
    protocol::repr_leave(vm, o);
    r
}

fn frozenset_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let f = o.downcast::<PyFrozenSet>().unwrap();
    if let Some(h) = f.hash.get() {
        return Ok(h);
    }
    let h = f.data.frozen_hash();
    f.hash.set(Some(h));
    Ok(h)
}

fn issubset(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<bool> {
    let Some(od) = any_set(other) else {
        let tmp = new_set();
        update(vm, &tmp, other)?;
        return issubset(vm, so, &tmp);
    };
    if data(so).len() > od.len() {
        return Ok(false);
    }
    for (k, h) in data(so).entries() {
        if !od.contains(vm, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issuperset(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<bool> {
    if any_set(other).is_some() {
        return issubset(vm, other, so);
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let (k, h) = lookup_key(vm, &k)?;
        if !data(so).contains(vm, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (any_set(a), any_set(b)) else { return Ok(none::not_implemented()) };
    let (la, lb) = (x.len(), y.len());
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let mut eq = la == lb;
            if eq {
                if let (Some(fa), Some(fb)) = (a.downcast::<PyFrozenSet>(), b.downcast::<PyFrozenSet>()) {
                    if let (Some(ha), Some(hb)) = (fa.hash.get(), fb.hash.get()) {
                        if ha != hb {
                            eq = false;
                        }
                    }
                }
            }
            if eq {
                eq = issubset(vm, a, b)?;
            }
            if op == CompareOp::Eq { eq } else { !eq }
        }
        CompareOp::Le => issubset(vm, a, b)?,
        CompareOp::Ge => issuperset(vm, a, b)?,
        CompareOp::Lt => la < lb && issubset(vm, a, b)?,
        CompareOp::Gt => la > lb && issuperset(vm, a, b)?,
    };
    Ok(none::bool_(r))
}

// --- algebra (setobject.c order of work) -------------------------------------------------

fn intersection(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<PyRef> {
    if so.is(other) {
        return set_copy(vm, so);
    }
    let result = new_empty_like(so);
    let rd = data(&result);
    if let Some(od) = any_set(other) {
        let (mut big, mut small) = (data(so), od);
        if small.len() > big.len() {
            std::mem::swap(&mut big, &mut small);
        }
        for (k, h) in small.entries() {
            if big.contains(vm, &k, h)? {
                rd.add(vm, &k, h)?;
            }
        }
        return Ok(result);
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let h = protocol::hash(vm, &k)?;
        if data(so).contains(vm, &k, h)? {
            rd.add(vm, &k, h)?;
        }
    }
    Ok(result)
}

fn difference_update(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<()> {
    if so.is(other) {
        data(so).clear();
        return Ok(());
    }
    if let Some(od) = any_set(other) {
        for (k, h) in od.entries() {
            data(so).discard(vm, &k, h)?;
        }
        return Ok(());
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let (k, h) = lookup_key(vm, &k)?;
        data(so).discard(vm, &k, h)?;
    }
    Ok(())
}

fn difference(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<PyRef> {
    let other_size = if let Some(od) = any_set(other) {
        od.len()
    } else if other.downcast_exact::<dict::PyDict>().is_some() {
        dict::len(other)
    } else {
        let r = set_copy(vm, so)?;
        difference_update(vm, &r, other)?;
        return Ok(r);
    };
    if (data(so).len() >> 2) > other_size {
        let r = set_copy(vm, so)?;
        difference_update(vm, &r, other)?;
        return Ok(r);
    }
    let result = new_empty_like(so);
    let rd = data(&result);
    for (k, h) in data(so).entries() {
        let present = match any_set(other) {
            Some(od) => od.contains(vm, &k, h)?,
            None => dict::get_item_hashed(vm, other, &k, h)?.is_some(),
        };
        if !present {
            rd.add(vm, &k, h)?;
        }
    }
    Ok(result)
}

fn symmetric_difference_update(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<()> {
    if so.is(other) {
        data(so).clear();
        return Ok(());
    }
    let entries: Vec<(PyRef, i64)> = if other.downcast_exact::<dict::PyDict>().is_some() {
        dict::items_with_hash(other)
    } else if let Some(od) = any_set(other) {
        od.entries()
    } else {
        let tmp = make_basetype(vm, so, Some(other))?;
        data(&tmp).entries()
    };
    let d = data(so);
    for (k, h) in entries {
        if !d.discard(vm, &k, h)? {
            d.add(vm, &k, h)?;
        }
    }
    Ok(())
}

fn symmetric_difference(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<PyRef> {
    let r = make_basetype(vm, so, Some(other))?;
    symmetric_difference_update(vm, &r, so)?;
    Ok(r)
}

fn isdisjoint(vm: &Vm, so: &PyObject, other: &PyObject) -> PyResult<bool> {
    if so.is(other) {
        return Ok(data(so).is_empty());
    }
    if let Some(od) = any_set(other) {
        let (mut big, mut small) = (data(so), od);
        if small.len() > big.len() {
            std::mem::swap(&mut big, &mut small);
        }
        for (k, h) in small.entries() {
            if big.contains(vm, &k, h)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let h = protocol::hash(vm, &k)?;
        if data(so).contains(vm, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

// --- operators ---------------------------------------------------------------------------

fn both_sets(a: &PyObject, b: &PyObject) -> bool {
    any_set(a).is_some() && any_set(b).is_some()
}

fn set_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    let r = set_copy(vm, a)?;
    if !a.is(b) {
        update(vm, &r, b)?;
    }
    Ok(r)
}

fn set_and(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    intersection(vm, a, b)
}

fn set_sub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    difference(vm, a, b)
}

fn set_xor(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    symmetric_difference(vm, a, b)
}

fn set_ior(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if any_set(b).is_none() {
        return Ok(none::not_implemented());
    }
    update(vm, a, b)?;
    Ok(a.to_ref())
}

fn intersection_update(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<()> {
    let tmp = intersection(vm, a, b)?;
    data(a).swap(data(&tmp));
    Ok(())
}

fn set_iand(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if any_set(b).is_none() {
        return Ok(none::not_implemented());
    }
    intersection_update(vm, a, b)?;
    Ok(a.to_ref())
}

fn set_isub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if any_set(b).is_none() {
        return Ok(none::not_implemented());
    }
    difference_update(vm, a, b)?;
    Ok(a.to_ref())
}

fn set_ixor(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if any_set(b).is_none() {
        return Ok(none::not_implemented());
    }
    symmetric_difference_update(vm, a, b)?;
    Ok(a.to_ref())
}

// --- construction ------------------------------------------------------------------------

fn set_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    if std::ptr::eq(tp, &*SET_TYPE) {
        crate::types::function::no_kwargs(vm, "set", kwnames)?;
    }
    Ok(alloc_object(tp, PySet { data: SetData::new() }))
}

fn set_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, "set", kwnames)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", args.len())));
    }
    if !data(obj).is_empty() {
        data(obj).clear();
    }
    if let Some(a) = args.first() {
        update(vm, obj, a)?;
    }
    Ok(())
}

fn frozenset_new_slot(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let exact = std::ptr::eq(tp, &*FROZENSET_TYPE);
    if exact {
        crate::types::function::no_kwargs(vm, "frozenset", kwnames)?;
    }
    let npos = args.len() - kwnames.len();
    if npos > 1 {
        return Err(vm.type_error(format!("frozenset expected at most 1 argument, got {npos}")));
    }
    if exact {
        if let Some(a) = args.first() {
            if a.downcast_exact::<PyFrozenSet>().is_some() {
                return Ok(a.clone());
            }
        }
    }
    let f = alloc_object(tp, PyFrozenSet { data: SetData::new(), hash: Cell::new(None) });
    if npos == 1 {
        update(vm, &f, &args[0])?;
    }
    Ok(f)
}

// --- methods -----------------------------------------------------------------------------

fn set_add_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    one_arg(vm, "set.add", args)?;
    add(vm, &args[0], &args[1])?;
    Ok(none::none())
}

fn one_arg(vm: &Vm, name: &str, args: &[PyRef]) -> PyResult<()> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("{name}() takes exactly one argument ({} given)", args.len() - 1)));
    }
    Ok(())
}

fn no_arg(vm: &Vm, name: &str, args: &[PyRef]) -> PyResult<()> {
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(())
}

fn set_clear_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_arg(vm, "set.clear", args)?;
    data(&args[0]).clear();
    Ok(none::none())
}

fn set_copy_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let name = if is_frozen(&args[0]) { "frozenset.copy" } else { "set.copy" };
    no_arg(vm, name, args)?;
    if args[0].downcast_exact::<PyFrozenSet>().is_some() {
        return Ok(args[0].clone());
    }
    set_copy(vm, &args[0])
}

fn set_discard_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    one_arg(vm, "set.discard", args)?;
    let (k, h) = lookup_key(vm, &args[1])?;
    data(&args[0]).discard(vm, &k, h)?;
    Ok(none::none())
}

fn set_remove_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    one_arg(vm, "set.remove", args)?;
    let (k, h) = lookup_key(vm, &args[1])?;
    if !data(&args[0]).discard(vm, &k, h)? {
        return Err(vm.key_error(args[1].clone()));
    }
    Ok(none::none())
}

fn set_pop_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_arg(vm, "set.pop", args)?;
    match data(&args[0]).pop() {
        Some(k) => Ok(k),
        None => Err(vm.key_error(pystr::new_str("pop from an empty set"))),
    }
}

fn set_union_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "union", kw)?;
    let r = set_copy(vm, &args[0])?;
    for o in &args[1..] {
        if !o.is(&args[0]) {
            update(vm, &r, o)?;
        }
    }
    Ok(r)
}

fn set_update_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "update", kw)?;
    for o in &args[1..] {
        update(vm, &args[0], o)?;
    }
    Ok(none::none())
}

fn set_intersection_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "intersection", kw)?;
    if args.len() == 1 {
        return set_copy(vm, &args[0]);
    }
    let mut r = args[0].clone();
    for o in &args[1..] {
        r = intersection(vm, &r, o)?;
    }
    Ok(r)
}

fn set_intersection_update_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let tmp = set_intersection_m(vm, args, kw)?;
    data(&args[0]).swap(data(&tmp));
    Ok(none::none())
}

fn set_difference_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "difference", kw)?;
    match args.len() {
        1 => set_copy(vm, &args[0]),
        2 => difference(vm, &args[0], &args[1]),
        _ => {
            let r = set_copy(vm, &args[0])?;
            for o in &args[1..] {
                difference_update(vm, &r, o)?;
            }
            Ok(r)
        }
    }
}

fn set_difference_update_m(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "difference_update", kw)?;
    for o in &args[1..] {
        difference_update(vm, &args[0], o)?;
    }
    Ok(none::none())
}

fn set_symmetric_difference_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let name = if is_frozen(&args[0]) { "frozenset.symmetric_difference" } else { "set.symmetric_difference" };
    one_arg(vm, name, args)?;
    symmetric_difference(vm, &args[0], &args[1])
}

fn set_symmetric_difference_update_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    one_arg(vm, "set.symmetric_difference_update", args)?;
    symmetric_difference_update(vm, &args[0], &args[1])?;
    Ok(none::none())
}

fn set_isdisjoint_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let name = if is_frozen(&args[0]) { "frozenset.isdisjoint" } else { "set.isdisjoint" };
    one_arg(vm, name, args)?;
    Ok(none::bool_(isdisjoint(vm, &args[0], &args[1])?))
}

fn set_issubset_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let name = if is_frozen(&args[0]) { "frozenset.issubset" } else { "set.issubset" };
    one_arg(vm, name, args)?;
    Ok(none::bool_(issubset(vm, &args[0], &args[1])?))
}

fn set_issuperset_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let name = if is_frozen(&args[0]) { "frozenset.issuperset" } else { "set.issuperset" };
    one_arg(vm, name, args)?;
    Ok(none::bool_(issuperset(vm, &args[0], &args[1])?))
}

// --- iterator ----------------------------------------------------------------------------

pub struct PySetIter {
    set: PyRef,
    pos: Cell<usize>,
    used: Cell<isize>,
    done: Cell<bool>,
    yielded: Cell<usize>,
}

impl PyPayload for PySetIter {
    fn static_type() -> &'static PyTypeObject {
        &SET_ITER_TYPE
    }
}

pub static SET_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("set_iterator"),
        tp_dealloc: Cell::new(dealloc::<PySetIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(set_iternext)),
        tp_methods: SET_ITER_METHODS,
        ..PyTypeData::BASE
    },
));

static SET_ITER_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", |_, a, _| {
    let it = a[0].downcast::<PySetIter>().unwrap();
    let n = if it.done.get() || it.used.get() < 0 { 0 } else { (it.used.get() - it.yielded.get() as isize).max(0) };
    Ok(int::new_int(n as i64))
})];

fn set_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(alloc_object(
        &SET_ITER_TYPE,
        PySetIter { set: o.to_ref(), pos: Cell::new(0), used: Cell::new(data(o).len() as isize), done: Cell::new(false), yielded: Cell::new(0) },
    ))
}

fn set_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PySetIter>().unwrap();
    if it.done.get() {
        return Ok(None);
    }
    let d = data(&it.set);
    if it.used.get() != d.len() as isize {
        it.used.set(-1);
        return Err(vm.runtime_error("Set changed size during iteration"));
    }
    match d.next_entry(it.pos.get()) {
        Some((next, k, _)) => {
            it.pos.set(next);
            it.yielded.set(it.yielded.get() + 1);
            Ok(Some(k))
        }
        None => {
            it.done.set(true);
            Ok(None)
        }
    }
}


/// The cycle collector's view of a set or frozenset: every key.
pub fn traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    if let Ok(t) = data(o).table.try_borrow() {
        t.slots.iter().filter_map(|e| e.key.as_ref()).for_each(|k| visit(k));
    }
}

/// `set_clear_internal` for the collector.
pub fn gc_clear(o: &PyObject) {
    let d = data(o);
    if d.table.try_borrow_mut().is_ok() {
        d.clear();
    }
}
