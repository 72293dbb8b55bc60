//! `dict`: CPython's compact dict — a dense array of entries in insertion order and a
//! sparse index table (open addressing with CPython's `perturb` probing).
//!
//! | field     | meaning                                                               |
//! |-----------|-----------------------------------------------------------------------|
//! | `indices` | power-of-two table of entry numbers; `EMPTY` = -1, `DUMMY` = -2      |
//! | `entries` | `(hash, key, value)` in insertion order; `None` where one was deleted |
//! | `used`    | live entries                                                          |
//! | `version` | a fresh number on every mutation (one global counter): iteration checks, lookup restarts, LOAD_GLOBAL caches |
//!
//! **Re-entrancy**: comparing keys may run Python code (`__eq__`). The lookup copies the
//! candidate key out, releases the table borrow, compares, and restarts when the dict
//! changed meanwhile (as CPython does). Exact str and int keys compare without Python.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, MappingSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::function::{check_arity, MethodDef};
use crate::types::{dict_views, int, none, str as pystr, type_};
use crate::vm::Vm;

const EMPTY: isize = -1;
const DUMMY: isize = -2;
const MIN_SIZE: usize = 8;

struct Entry {
    hash: i64,
    key: PyRef,
    value: PyRef,
}

pub struct DictTable {
    indices: Vec<isize>,
    entries: Vec<Option<Entry>>,
    used: usize,
}

pub struct PyDict {
    table: RefCell<DictTable>,
    pub version: Cell<u64>,
}

impl PyPayload for PyDict {
    fn static_type() -> &'static PyTypeObject {
        &DICT_TYPE
    }
}

pub static DICT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("dict"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::DICT_SUBCLASS | flags::MAPPING),
        tp_dealloc: Cell::new(dealloc::<PyDict>),
        tp_repr: Cell::new(Some(dict_repr)),
        tp_richcompare: Cell::new(Some(dict_richcompare)),
        tp_iter: Cell::new(Some(dict_iter)),
        tp_new: Cell::new(Some(dict_new)),
        tp_init: Cell::new(Some(dict_init)),
        tp_as_sequence: SequenceSlots { sq_contains: Cell::new(Some(dict_contains)), ..SequenceSlots::EMPTY },
        tp_as_number: crate::object::typeobj::NumberSlots {
            nb_or: Cell::new(Some(dict_or)),
            nb_inplace_or: Cell::new(Some(dict_ior)),
            ..crate::object::typeobj::NumberSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(dict_len)),
            mp_subscript: Cell::new(Some(dict_subscript)),
            mp_ass_subscript: Cell::new(Some(dict_ass_subscript)),
        },
        tp_methods: DICT_METHODS,
        ..PyTypeData::BASE
    },
));

static DICT_METHODS: &[MethodDef] = &[
    MethodDef::method("get", dict_get),
    MethodDef::method("setdefault", dict_setdefault),
    MethodDef::method("pop", dict_pop),
    MethodDef::method("popitem", dict_popitem),
    MethodDef::method("update", dict_update_m),
    MethodDef::method("copy", dict_copy_m),
    MethodDef::method("clear", dict_clear),
    MethodDef::classmethod("fromkeys", dict_fromkeys),
    MethodDef::method("__reversed__", dict_reversed),
    MethodDef::method("keys", dict_keys_m),
    MethodDef::method("values", dict_values_m),
    MethodDef::method("items", dict_items_m),
];

impl DictTable {
    fn new() -> DictTable {
        DictTable { indices: vec![EMPTY; MIN_SIZE], entries: Vec::new(), used: 0 }
    }
    fn usable(&self) -> usize {
        self.indices.len() * 2 / 3
    }
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size * 2 / 3 <= min_used {
            size *= 2;
        }
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries).into_iter().filter(|e| e.is_some()).collect();
        self.indices = vec![EMPTY; size];
        let mask = size - 1;
        for (n, e) in entries.iter().enumerate() {
            let h = e.as_ref().unwrap().hash;
            let mut i = (h as usize) & mask;
            let mut perturb = h as u64;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
            self.indices[i] = n as isize;
        }
        self.entries = entries;
    }
    /// First EMPTY slot on the probe sequence of `hash` (new keys go there).
    fn empty_slot(&self, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut i = (hash as usize) & mask;
        let mut perturb = hash as u64;
        while self.indices[i] != EMPTY {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        i
    }
}

/// Keys that compare without running Python code, and their comparison.
#[inline]
pub fn fast_eq(a: &PyObject, b: &PyObject) -> Option<bool> {
    let st: &PyTypeObject = &pystr::STR_TYPE;
    let it: &PyTypeObject = &int::INT_TYPE;
    let (ta, tb) = (a.ob_type(), b.ob_type());
    if std::ptr::eq(ta, st) && std::ptr::eq(tb, st) {
        return Some(pystr::str_eq(pystr::str_data(a), pystr::str_data(b)));
    }
    if std::ptr::eq(ta, it) && std::ptr::eq(tb, it) {
        let (x, y) = (int::downcast_int(a).unwrap(), int::downcast_int(b).unwrap());
        return Some(match (x.as_i64(), y.as_i64()) {
            (Some(p), Some(q)) => p == q,
            (None, None) => x.to_ibig() == y.to_ibig(),
            _ => false,
        });
    }
    None
}

/// The source of dict versions: every new dict and every mutation takes the next number,
/// so one version names one state of one dict (`LOAD_GLOBAL`'s cache compares versions
/// only). Dicts change only under the GIL, so a plain load and store suffice.
static NEXT_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[inline]
fn next_version() -> u64 {
    use std::sync::atomic::Ordering::Relaxed;
    let v = NEXT_VERSION.load(Relaxed);
    NEXT_VERSION.store(v + 1, Relaxed);
    v
}

impl PyDict {
    fn new() -> PyDict {
        PyDict { table: RefCell::new(DictTable::new()), version: Cell::new(next_version()) }
    }

    #[inline]
    fn bump(&self) {
        self.version.set(next_version());
    }

    /// The entry number holding `key`, or None.
    fn lookup(&self, vm: Option<&Vm>, key: &PyObject, hash: i64) -> PyResult<Option<usize>> {
        Ok(self.lookup_slot(vm, key, hash)?.map(|(_, ix)| ix))
    }

    /// `(index-table slot, entry number)` of `key`, or None. Runs `__eq__` only with the
    /// table released; restarts when the dict changed meanwhile.
    fn lookup_slot(&self, vm: Option<&Vm>, key: &PyObject, hash: i64) -> PyResult<Option<(usize, usize)>> {
        'restart: loop {
            let mask = self.table.borrow().indices.len() - 1;
            let mut i = (hash as usize) & mask;
            let mut perturb = hash as u64;
            loop {
                let candidate = {
                    let t = self.table.borrow();
                    if t.indices.len() - 1 != mask {
                        continue 'restart;
                    }
                    let ix = t.indices[i];
                    if ix == EMPTY {
                        return Ok(None);
                    }
                    let mut cand = None;
                    if ix >= 0 {
                        let e = t.entries[ix as usize].as_ref().unwrap();
                        if e.key.is(key) {
                            return Ok(Some((i, ix as usize)));
                        }
                        if e.hash == hash {
                            match fast_eq(&e.key, key) {
                                Some(true) => return Ok(Some((i, ix as usize))),
                                Some(false) => {}
                                None => cand = Some((e.key.clone(), ix as usize)),
                            }
                        }
                    }
                    cand
                };
                if let (Some((k, ix)), Some(vm)) = (candidate, vm) {
                    let version = self.version.get();
                    let eq = crate::protocol::richcompare_bool(vm, &k, key, CompareOp::Eq)?;
                    if self.version.get() != version {
                        continue 'restart;
                    }
                    if eq {
                        return Ok(Some((i, ix)));
                    }
                }
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
        }
    }

    fn insert_new(&self, hash: i64, key: PyRef, value: PyRef) {
        let mut t = self.table.borrow_mut();
        if t.entries.len() >= t.usable() {
            let used = t.used;
            t.resize(used * 3);
        }
        let slot = t.empty_slot(hash);
        let n = t.entries.len();
        t.indices[slot] = n as isize;
        t.entries.push(Some(Entry { hash, key, value }));
        t.used += 1;
        drop(t);
        self.bump();
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live `(key, value)` at entry position `pos` or later: `(next pos, key, value)`.
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, PyRef, PyRef)> {
        let t = self.table.borrow();
        while pos < t.entries.len() {
            if let Some(e) = &t.entries[pos] {
                return Some((pos + 1, e.key.clone(), e.value.clone()));
            }
            pos += 1;
        }
        None
    }
}

impl PyDict {
    /// The live entry before position `pos` (reversed iteration): `(its pos, key, value)`.
    pub fn prev_entry(&self, mut pos: isize) -> Option<(isize, PyRef, PyRef)> {
        let t = self.table.borrow();
        pos = pos.min(t.entries.len() as isize);
        while pos > 0 {
            pos -= 1;
            if let Some(e) = &t.entries[pos as usize] {
                return Some((pos, e.key.clone(), e.value.clone()));
            }
        }
        None
    }

    /// `popitem()`: remove the last entry (LIFO) and shrink the entry array.
    fn pop_last(&self) -> Option<(PyRef, PyRef)> {
        let mut t = self.table.borrow_mut();
        while let Some(None) = t.entries.last() {
            t.entries.pop();
        }
        let e = t.entries.pop()??;
        let ix = t.entries.len() as isize;
        let mask = t.indices.len() - 1;
        let mut i = (e.hash as usize) & mask;
        let mut perturb = e.hash as u64;
        while t.indices[i] != ix {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        t.indices[i] = DUMMY;
        t.used -= 1;
        drop(t);
        self.bump();
        Some((e.key, e.value))
    }
}

/// Length of the entry array (holes included): where reversed iteration starts.
pub fn entries_len(d: &PyObject) -> usize {
    as_dict(d).table.borrow().entries.len()
}

/// Live entries left for an iterator at `pos`.
pub fn remaining(d: &PyObject, pos: isize, rev: bool) -> usize {
    let t = as_dict(d).table.borrow();
    let n = t.entries.len() as isize;
    let range = if rev { 0..pos.clamp(0, n) } else { pos.clamp(0, n)..n };
    t.entries[range.start as usize..range.end as usize].iter().flatten().count()
}

/// A new empty dict.
pub fn new_dict() -> PyRef {
    let d = alloc_object(&DICT_TYPE, PyDict::new());
    // CPython tracks a dict only once it may hold a container (MAINTAIN_TRACKING).
    crate::gc::untrack(&d);
    d
}

/// The cycle collector's view of a dict: every key and value. A table borrowed by
/// running code is skipped (its references then count as external: safe).
pub fn traverse(d: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    if let Ok(t) = as_dict(d).table.try_borrow() {
        for e in t.entries.iter().flatten() {
            visit(&e.key);
            visit(&e.value);
        }
    }
}

/// `dict_tp_clear`: empty the table (the entries are dropped after the borrow ends).
pub fn gc_clear(d: &PyObject) {
    let dict = as_dict(d);
    let old = match dict.table.try_borrow_mut() {
        Ok(mut t) => std::mem::replace(&mut *t, DictTable::new()),
        Err(_) => return,
    };
    dict.bump();
    drop(old);
}

#[inline]
pub fn downcast_dict(obj: &PyObject) -> Option<&PyDict> {
    obj.downcast::<PyDict>().map(|d| &d.payload)
}

fn as_dict(obj: &PyObject) -> &PyDict {
    downcast_dict(obj).expect("a dict")
}

/// `d[key]` without KeyError: `Ok(None)` when missing.
pub fn get_item(vm: &Vm, d: &PyObject, key: &PyObject) -> PyResult<Option<PyRef>> {
    let hash = crate::protocol::hash(vm, key)?;
    get_item_hashed(vm, d, key, hash)
}

pub fn get_item_hashed(vm: &Vm, d: &PyObject, key: &PyObject, hash: i64) -> PyResult<Option<PyRef>> {
    let dict = as_dict(d);
    Ok(dict.lookup(Some(vm), key, hash)?.map(|ix| dict.table.borrow().entries[ix].as_ref().unwrap().value.clone()))
}

/// Lookup of a str key in a namespace dict; never runs Python code.
pub fn get_item_str_key(d: &PyObject, key: &PyObject) -> Option<PyRef> {
    let dict = as_dict(d);
    let hash = pystr::str_data(key).hash(crate::vm::hash_secret());
    let ix = dict.lookup(None, key, hash).ok()??;
    let t = dict.table.borrow();
    Some(t.entries[ix].as_ref().unwrap().value.clone())
}

/// `d[key] = value`.
pub fn set_item(vm: &Vm, d: &PyObject, key: &PyObject, value: &PyObject) -> PyResult<()> {
    let hash = crate::protocol::hash(vm, key)?;
    set_item_hashed(vm, d, key, hash, value)
}

pub fn set_item_hashed(vm: &Vm, d: &PyObject, key: &PyObject, hash: i64, value: &PyObject) -> PyResult<()> {
    let dict = as_dict(d);
    crate::gc::maintain_tracking(d, key, value);
    match dict.lookup(Some(vm), key, hash)? {
        Some(ix) => {
            let old = {
                let mut t = dict.table.borrow_mut();
                std::mem::replace(&mut t.entries[ix].as_mut().unwrap().value, value.to_ref())
            };
            dict.bump();
            drop(old);
        }
        None => dict.insert_new(hash, key.to_ref(), value.to_ref()),
    }
    Ok(())
}

/// Store under a str key (type dicts while readying types).
pub fn set_item_str_key(vm: &Vm, d: &PyObject, key: &PyObject, value: &PyObject) {
    set_item(vm, d, key, value).expect("str keys hash and compare without errors")
}

/// `del d[key]`; `Ok(false)` when missing.
pub fn del_item(vm: &Vm, d: &PyObject, key: &PyObject) -> PyResult<bool> {
    let hash = crate::protocol::hash(vm, key)?;
    Ok(pop_item(vm, d, key, hash)?.is_some())
}

/// Remove `key` and return its value (None when missing). The lookup gives the index
/// slot, so deletion is O(1): the slot becomes DUMMY and the entry a hole.
pub fn pop_item(vm: &Vm, d: &PyObject, key: &PyObject, hash: i64) -> PyResult<Option<PyRef>> {
    let dict = as_dict(d);
    let Some((slot, ix)) = dict.lookup_slot(Some(vm), key, hash)? else { return Ok(None) };
    let old = {
        let mut t = dict.table.borrow_mut();
        t.indices[slot] = DUMMY;
        t.used -= 1;
        t.entries[ix].take()
    };
    dict.bump();
    Ok(old.map(|e| {
        drop(e.key);
        e.value
    }))
}

/// Snapshot of the keys in order.
pub fn keys(d: &PyObject) -> Vec<PyRef> {
    as_dict(d).table.borrow().entries.iter().flatten().map(|e| e.key.clone()).collect()
}

/// Snapshot of the values in order.
pub fn values(d: &PyObject) -> Vec<PyRef> {
    as_dict(d).table.borrow().entries.iter().flatten().map(|e| e.value.clone()).collect()
}

/// Snapshot of `(key, hash)` in order (set operations reuse the stored hashes).
pub fn items_with_hash(d: &PyObject) -> Vec<(PyRef, i64)> {
    as_dict(d).table.borrow().entries.iter().flatten().map(|e| (e.key.clone(), e.hash)).collect()
}

/// Snapshot of the items in order.
pub fn items(d: &PyObject) -> Vec<(PyRef, PyRef)> {
    as_dict(d).table.borrow().entries.iter().flatten().map(|e| (e.key.clone(), e.value.clone())).collect()
}

pub fn len(d: &PyObject) -> usize {
    as_dict(d).len()
}

/// `d.update(other)` for a dict `other`.
pub fn update(vm: &Vm, d: &PyObject, other: &PyObject) -> PyResult<()> {
    for (k, v) in items(other) {
        set_item(vm, d, &k, &v)?;
    }
    Ok(())
}

/// A new dict with the items of a mapping (`dict(m)` for dicts).
pub fn copy(vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    let r = new_dict();
    if downcast_dict(d).is_some() {
        update(vm, &r, d)?;
    } else {
        let ks = crate::protocol::call_method(vm, d, "keys", &[])?;
        for k in crate::protocol::iterate(vm, &ks)? {
            let v = crate::protocol::getitem(vm, d, &k)?;
            set_item(vm, &r, &k, &v)?;
        }
    }
    Ok(r)
}

fn dict_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let its = items(o);
    if its.is_empty() {
        return Ok(pystr::new_str("{}"));
    }
    if !crate::protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str("{...}"));
    }
    let r = (|| {
        let mut s = String::from("{");
        for (i, (k, v)) in its.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&crate::protocol::repr_string(vm, k)?);
            s.push_str(": ");
            s.push_str(&crate::protocol::repr_string(vm, v)?);
        }
        s.push('}');
        Ok(pystr::new_str(&s))
    })();
    crate::protocol::repr_leave(vm, o);
    r
}

fn dict_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if downcast_dict(a).is_none() || downcast_dict(b).is_none() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let mut eq = len(a) == len(b);
    if eq {
        for (k, v) in items(a) {
            match get_item(vm, b, &k)? {
                Some(w) => {
                    if !crate::protocol::eq_identity_first(vm, &v, &w)? {
                        eq = false;
                        break;
                    }
                }
                None => {
                    eq = false;
                    break;
                }
            }
        }
    }
    Ok(none::bool_(if op == CompareOp::Eq { eq } else { !eq }))
}

fn dict_contains(vm: &Vm, d: &PyObject, key: &PyObject) -> PyResult<bool> {
    Ok(get_item(vm, d, key)?.is_some())
}

fn dict_len(_vm: &Vm, d: &PyObject) -> PyResult<usize> {
    Ok(len(d))
}

fn dict_subscript(vm: &Vm, d: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    match get_item(vm, d, key)? {
        Some(v) => Ok(v),
        None => {
            if !std::ptr::eq(d.ob_type(), &*DICT_TYPE) {
                if let Some(missing) = crate::protocol::lookup_special(vm, d, "__missing__")? {
                    return crate::protocol::call(vm, &missing, &[key.to_ref()], &[]);
                }
            }
            Err(vm.key_error(key.to_ref()))
        }
    }
}

fn dict_ass_subscript(vm: &Vm, d: &PyObject, key: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    match value {
        Some(v) => set_item(vm, d, key, v),
        None => {
            if del_item(vm, d, key)? {
                Ok(())
            } else {
                Err(vm.key_error(key.to_ref()))
            }
        }
    }
}

fn dict_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let d = alloc_object(tp, PyDict::new());
    if std::ptr::eq(tp, &*DICT_TYPE) {
        crate::gc::untrack(&d);
    }
    Ok(d)
}

fn dict_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    update_from_args(vm, obj, args, kwnames, "dict")
}

fn dict_get(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get", &args[1..], 1, 2)?;
    Ok(get_item(vm, &args[0], &args[1])?.unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(none::none)))
}

fn no_args(vm: &Vm, name: &str, args: &[PyRef]) -> PyResult<()> {
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(())
}

fn dict_keys_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.keys", args)?;
    Ok(dict_views::new_view::<{ dict_views::KEYS }>(&args[0]))
}
fn dict_values_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.values", args)?;
    Ok(dict_views::new_view::<{ dict_views::VALUES }>(&args[0]))
}
fn dict_items_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.items", args)?;
    Ok(dict_views::new_view::<{ dict_views::ITEMS }>(&args[0]))
}
fn dict_reversed(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.__reversed__", args)?;
    Ok(dict_views::new_iter::<{ dict_views::KEYS }, true>(&args[0]))
}

fn dict_setdefault(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "setdefault", &args[1..], 1, 2)?;
    let hash = crate::protocol::hash(vm, &args[1])?;
    if let Some(v) = get_item_hashed(vm, &args[0], &args[1], hash)? {
        return Ok(v);
    }
    let dflt = args.get(2).cloned().unwrap_or_else(none::none);
    set_item_hashed(vm, &args[0], &args[1], hash, &dflt)?;
    Ok(dflt)
}

fn dict_pop(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "pop", &args[1..], 1, 2)?;
    let hash = crate::protocol::hash(vm, &args[1])?;
    match pop_item(vm, &args[0], &args[1], hash)? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(args[1].clone())),
        },
    }
}

fn dict_popitem(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.popitem", args)?;
    match as_dict(&args[0]).pop_last() {
        Some((k, v)) => Ok(crate::types::tuple::new_tuple(vec![k, v])),
        None => Err(vm.key_error(pystr::new_str("popitem(): dictionary is empty"))),
    }
}

/// `dict.update(other=(), /, **kwargs)` semantics shared by `dict()` and `dict.update`.
fn update_from_args(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef], name: &str) -> PyResult<()> {
    let npos = args.len() - kwnames.len();
    if npos > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {npos}")));
    }
    if npos == 1 {
        update_from(vm, obj, &args[0])?;
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        set_item(vm, obj, k, v)?;
    }
    Ok(())
}

/// Merge a mapping (has `keys`) or an iterable of pairs into `obj`.
fn update_from(vm: &Vm, obj: &PyObject, src: &PyObject) -> PyResult<()> {
    if downcast_dict(src).is_some() && src.ob_type().tp_iter.get().map(|f| f as usize) == Some(dict_iter as *const () as usize) {
        return update(vm, obj, src);
    }
    if crate::protocol::getattr_opt(vm, src, &vm.intern("keys"))?.is_some() {
        let ks = crate::protocol::call_method(vm, src, "keys", &[])?;
        for k in crate::protocol::iterate(vm, &ks)? {
            let v = crate::protocol::getitem(vm, src, &k)?;
            set_item(vm, obj, &k, &v)?;
        }
        return Ok(());
    }
    let it = crate::protocol::getiter(vm, src)?;
    let mut i = 0;
    while let Some(item) = crate::protocol::next(vm, &it)? {
        let kv = match crate::protocol::getiter(vm, &item) {
            Ok(_) => crate::protocol::iterate(vm, &item)?,
            Err(e) if e.matches(&crate::types::exceptions::TYPE_ERROR) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )))
            }
            Err(e) => return Err(e),
        };
        if kv.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                kv.len()
            )));
        }
        set_item(vm, obj, &kv[0], &kv[1])?;
        i += 1;
    }
    Ok(())
}

fn dict_update_m(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    update_from_args(vm, &args[0], &args[1..], kwnames, "update")?;
    Ok(none::none())
}

fn dict_copy_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.copy", args)?;
    let r = new_dict();
    update(vm, &r, &args[0])?;
    Ok(r)
}

fn dict_clear(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "dict.clear", args)?;
    let d = as_dict(&args[0]);
    let old = std::mem::replace(&mut *d.table.borrow_mut(), DictTable::new());
    d.bump();
    drop(old);
    Ok(none::none())
}

fn dict_fromkeys(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "fromkeys", &args[1..], 1, 2)?;
    let d = crate::protocol::call(vm, &args[0], &[], &[])?;
    let v = args.get(2).cloned().unwrap_or_else(none::none);
    let it = crate::protocol::getiter(vm, &args[1])?;
    let exact = d.downcast_exact::<PyDict>().is_some();
    while let Some(k) = crate::protocol::next(vm, &it)? {
        if exact {
            set_item(vm, &d, &k, &v)?;
        } else {
            crate::protocol::setitem(vm, &d, &k, &v)?;
        }
    }
    Ok(d)
}

fn dict_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if downcast_dict(a).is_none() || downcast_dict(b).is_none() {
        return Ok(none::not_implemented());
    }
    let r = new_dict();
    update(vm, &r, a)?;
    update(vm, &r, b)?;
    Ok(r)
}

fn dict_ior(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    update_from(vm, a, b)?;
    Ok(a.to_ref())
}

fn dict_iter(_vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::dict_views::new_iter::<{ dict_views::KEYS }, false>(d))
}

/// Insert under a key known to be new or identical-by-`fast_eq` (no Python code can
/// run): interpreter start-up, before a Vm exists.
pub fn set_item_hashed_nocmp(d: &PyObject, key: &PyObject, hash: i64, value: &PyObject) {
    let dict = as_dict(d);
    crate::gc::maintain_tracking(d, key, value);
    match dict.lookup(None, key, hash).ok().flatten() {
        Some(ix) => {
            let old = std::mem::replace(&mut dict.table.borrow_mut().entries[ix].as_mut().unwrap().value, value.to_ref());
            dict.bump();
            drop(old);
        }
        None => dict.insert_new(hash, key.to_ref(), value.to_ref()),
    }
}
