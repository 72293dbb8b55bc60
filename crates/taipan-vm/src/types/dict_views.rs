//! `dict_keys`, `dict_values`, `dict_items` and the six dict iterators (forward and
//! reversed over keys, values, items).
//!
//! A view holds its dict. An iterator holds the dict, its position in the dict's entry
//! array (forward: next index to look at; reversed: one past it) and the size it saw at
//! creation: a different size at a later step raises "dictionary changed size during
//! iteration". The kinds share one payload layout, made distinct Rust types by a const
//! parameter so that each has its own static type object.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{CompareOp, NumberSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::dict::{self, PyDict};
use crate::types::function::MethodDef;
use crate::types::{none, set, str as pystr, tuple, type_};
use crate::vm::Vm;

pub const KEYS: u8 = 0;
pub const VALUES: u8 = 1;
pub const ITEMS: u8 = 2;

pub struct DictView<const K: u8> {
    pub dict: PyRef,
}

macro_rules! view_type {
    ($static:ident, $k:expr, $name:literal, $methods:expr, $setlike:expr) => {
        impl PyPayload for DictView<{ $k }> {
            fn static_type() -> &'static PyTypeObject {
                &$static
            }
        }
        pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_dealloc: Cell::new(dealloc::<DictView<{ $k }>>),
                tp_repr: Cell::new(Some(view_repr::<{ $k }>)),
                tp_iter: Cell::new(Some(view_iter::<{ $k }>)),
                tp_richcompare: Cell::new(if $setlike { Some(view_richcompare) } else { None }),
                tp_as_number: if $setlike {
                    NumberSlots {
                        nb_and: Cell::new(Some(view_and)),
                        nb_or: Cell::new(Some(view_or)),
                        nb_subtract: Cell::new(Some(view_sub)),
                        nb_xor: Cell::new(Some(view_xor)),
                        ..NumberSlots::EMPTY
                    }
                } else {
                    NumberSlots::EMPTY
                },
                tp_as_sequence: SequenceSlots {
                    sq_length: Cell::new(Some(view_len::<{ $k }>)),
                    sq_contains: Cell::new(Some(view_contains::<{ $k }>)),
                    ..SequenceSlots::EMPTY
                },
                tp_methods: $methods,
                tp_getset: VIEW_GETSET,
                ..PyTypeData::BASE
            },
        ));
    };
}

view_type!(DICT_KEYS_TYPE, KEYS, "dict_keys", KEYS_METHODS, true);
view_type!(DICT_VALUES_TYPE, VALUES, "dict_values", VALUES_METHODS, false);
view_type!(DICT_ITEMS_TYPE, ITEMS, "dict_items", ITEMS_METHODS, true);

static KEYS_METHODS: &[MethodDef] = &[
    MethodDef::method("isdisjoint", view_isdisjoint),
    MethodDef::method("__reversed__", |_, a, _| Ok(new_iter::<{ KEYS }, true>(&view_dict(&a[0])))),
];
static VALUES_METHODS: &[MethodDef] =
    &[MethodDef::method("__reversed__", |_, a, _| Ok(new_iter::<{ VALUES }, true>(&view_dict(&a[0]))))];
static ITEMS_METHODS: &[MethodDef] = &[
    MethodDef::method("isdisjoint", view_isdisjoint),
    MethodDef::method("__reversed__", |_, a, _| Ok(new_iter::<{ ITEMS }, true>(&view_dict(&a[0])))),
];

static VIEW_GETSET: &[crate::types::descr::GetSetDef] = &[crate::types::descr::GetSetDef::new(
    "mapping",
    |_, o| Ok(crate::types::descr::new_mappingproxy(view_dict(o))),
    None,
)];

/// A new view of kind `K` over `d`.
pub fn new_view<const K: u8>(d: &PyObject) -> PyRef
where
    DictView<K>: PyPayload,
{
    alloc_object(<DictView<K> as PyPayload>::static_type(), DictView::<K> { dict: d.to_ref() })
}

/// The dict of any view (`None` if `o` is not a dict view).
pub fn any_view_dict(o: &PyObject) -> Option<(u8, PyRef)> {
    if let Some(v) = o.downcast_exact::<DictView<KEYS>>() {
        return Some((KEYS, v.dict.clone()));
    }
    if let Some(v) = o.downcast_exact::<DictView<VALUES>>() {
        return Some((VALUES, v.dict.clone()));
    }
    if let Some(v) = o.downcast_exact::<DictView<ITEMS>>() {
        return Some((ITEMS, v.dict.clone()));
    }
    None
}

fn view_dict(o: &PyObject) -> PyRef {
    any_view_dict(o).expect("a dict view").1
}

fn is_setlike_view(o: &PyObject) -> bool {
    matches!(any_view_dict(o), Some((KEYS | ITEMS, _)))
}

fn view_len<const K: u8>(_vm: &Vm, o: &PyObject) -> PyResult<usize> {
    Ok(dict::len(&view_dict(o)))
}

fn view_repr<const K: u8>(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    if !protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str("..."));
    }
    let r = (|| {
        let l = crate::types::list::new_list(protocol::iterate(vm, o)?);
        let inner = protocol::repr_string(vm, &l)?;
        Ok(pystr::new_str(&format!("{}({inner})", o.ob_type().name())))
    })();
    protocol::repr_leave(vm, o);
    r
}

fn items_contains(vm: &Vm, d: &PyObject, item: &PyObject) -> PyResult<bool> {
    let Some(t) = tuple::downcast_tuple(item) else { return Ok(false) };
    if t.len() != 2 {
        return Ok(false);
    }
    match dict::get_item(vm, d, &t[0])? {
        Some(v) => protocol::eq_identity_first(vm, &v, &t[1]),
        None => Ok(false),
    }
}

fn view_contains<const K: u8>(vm: &Vm, o: &PyObject, key: &PyObject) -> PyResult<bool> {
    let d = view_dict(o);
    match K {
        KEYS => Ok(dict::get_item(vm, &d, key)?.is_some()),
        ITEMS => items_contains(vm, &d, key),
        _ => protocol::contains_by_iteration(vm, o, key),
    }
}

fn view_iter<const K: u8>(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let d = view_dict(o);
    Ok(match K {
        KEYS => new_iter::<{ KEYS }, false>(&d),
        VALUES => new_iter::<{ VALUES }, false>(&d),
        _ => new_iter::<{ ITEMS }, false>(&d),
    })
}

/// `dictviews_to_set`: a set of the view's elements (a keys view takes the dict's own path).
fn to_set(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let s = set::new_set();
    match any_view_dict(o) {
        Some((KEYS, d)) => set::update(vm, &s, &d)?,
        _ => set::update(vm, &s, o)?,
    }
    Ok(s)
}

fn view_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let r = to_set(vm, a)?;
    set::update(vm, &r, b)?;
    Ok(r)
}

fn view_sub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let r = to_set(vm, a)?;
    protocol::call_method(vm, &r, "difference_update", &[b.to_ref()])?;
    Ok(r)
}

fn view_xor(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let r = to_set(vm, a)?;
    protocol::call_method(vm, &r, "symmetric_difference_update", &[b.to_ref()])?;
    Ok(r)
}

fn view_and(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (mut this, mut other) = (a.to_ref(), b.to_ref());
    if !is_setlike_view(&this) {
        std::mem::swap(&mut this, &mut other);
    }
    let len_self = protocol::len(vm, &this)?;
    if other.downcast_exact::<set::PySet>().is_some() && len_self <= protocol::len(vm, &other)? {
        return protocol::call_method(vm, &other, "intersection", &[this]);
    }
    if is_setlike_view(&other) && protocol::len(vm, &other)? > len_self {
        std::mem::swap(&mut this, &mut other);
    }
    let result = set::new_set();
    let (kind, d) = any_view_dict(&this).expect("a view");
    let it = protocol::getiter(vm, &other)?;
    while let Some(k) = protocol::next(vm, &it)? {
        let found = if kind == KEYS { dict::get_item(vm, &d, &k)?.is_some() } else { items_contains(vm, &d, &k)? };
        if found {
            set::add(vm, &result, &k)?;
        }
    }
    Ok(result)
}

fn all_contained_in(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let it = protocol::getiter(vm, a)?;
    while let Some(x) = protocol::next(vm, &it)? {
        if !protocol::contains(vm, b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if set::any_set(b).is_none() && !is_setlike_view(b) {
        return Ok(none::not_implemented());
    }
    let (la, lb) = (protocol::len(vm, a)?, protocol::len(vm, b)?);
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = la == lb && all_contained_in(vm, a, b)?;
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Lt => la < lb && all_contained_in(vm, a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(vm, a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(vm, b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(vm, b, a)?,
    };
    Ok(none::bool_(r))
}

fn view_isdisjoint(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "isdisjoint", &args[1..], 1, 1)?;
    let (this, other) = (&args[0], &args[1]);
    if this.is(other) {
        return Ok(none::bool_(protocol::len(vm, this)? == 0));
    }
    let it = protocol::getiter(vm, other)?;
    while let Some(x) = protocol::next(vm, &it)? {
        if protocol::contains(vm, this, &x)? {
            return Ok(none::false_());
        }
    }
    Ok(none::true_())
}

// --- iterators ---------------------------------------------------------------------------

pub struct DictIter<const K: u8, const REV: bool> {
    pub dict: PyRef,
    pub pos: Cell<isize>,
    pub used: Cell<isize>,
    /// Items still expected (`di->len`): finding more means keys were replaced.
    pub len: Cell<isize>,
}

macro_rules! iter_type {
    ($static:ident, $k:expr, $rev:expr, $name:literal) => {
        impl PyPayload for DictIter<{ $k }, { $rev }> {
            fn static_type() -> &'static PyTypeObject {
                &$static
            }
        }
        pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_dealloc: Cell::new(dealloc::<DictIter<{ $k }, { $rev }>>),
                tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
                tp_iternext: Cell::new(Some(iter_next::<{ $k }, { $rev }>)),
                tp_methods: &[MethodDef::method("__length_hint__", length_hint::<{ $k }, { $rev }>)],
                ..PyTypeData::BASE
            },
        ));
    };
}

iter_type!(DICT_KEYITER_TYPE, KEYS, false, "dict_keyiterator");
iter_type!(DICT_VALUEITER_TYPE, VALUES, false, "dict_valueiterator");
iter_type!(DICT_ITEMITER_TYPE, ITEMS, false, "dict_itemiterator");
iter_type!(DICT_REVKEYITER_TYPE, KEYS, true, "dict_reversekeyiterator");
iter_type!(DICT_REVVALUEITER_TYPE, VALUES, true, "dict_reversevalueiterator");
iter_type!(DICT_REVITEMITER_TYPE, ITEMS, true, "dict_reverseitemiterator");

/// A new iterator of kind `K` over `d`.
pub fn new_iter<const K: u8, const REV: bool>(d: &PyObject) -> PyRef
where
    DictIter<K, REV>: PyPayload,
{
    let pos = if REV { dict::entries_len(d) as isize } else { 0 };
    alloc_object(
        <DictIter<K, REV> as PyPayload>::static_type(),
        DictIter::<K, REV> {
            dict: d.to_ref(),
            pos: Cell::new(pos),
            used: Cell::new(dict::len(d) as isize),
            len: Cell::new(dict::len(d) as isize),
        },
    )
}

fn length_hint<const K: u8, const REV: bool>(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef>
where
    DictIter<K, REV>: PyPayload,
{
    let it = args[0].downcast::<DictIter<K, REV>>().unwrap();
    let n = if it.used.get() < 0 { 0 } else { dict::remaining(&it.dict, it.pos.get(), REV) };
    Ok(crate::types::int::new_int(n as i64))
}

fn iter_next<const K: u8, const REV: bool>(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>>
where
    DictIter<K, REV>: PyPayload,
{
    let it = o.downcast::<DictIter<K, REV>>().unwrap();
    if it.used.get() < 0 {
        return Ok(None);
    }
    let d = it.dict.downcast::<PyDict>().map(|d| &d.payload).expect("a dict");
    if d.len() as isize != it.used.get() {
        it.used.set(-1);
        return Err(vm.runtime_error("dictionary changed size during iteration"));
    }
    let found = if REV { d.prev_entry(it.pos.get()) } else { d.next_entry(it.pos.get() as usize).map(|(p, k, v)| (p as isize, k, v)) };
    match found {
        Some((p, k, v)) => {
            if it.len.get() == 0 {
                it.used.set(-1);
                return Err(vm.runtime_error("dictionary keys changed during iteration"));
            }
            it.len.set(it.len.get() - 1);
            it.pos.set(p);
            Ok(Some(match K {
                KEYS => k,
                VALUES => v,
                _ => tuple::new_tuple(vec![k, v]),
            }))
        }
        None => {
            it.used.set(-1);
            Ok(None)
        }
    }
}
