//! `dict`: CPython's compact dict — a dense array of entries in insertion order and a
//! sparse index table (open addressing with CPython's `perturb` probing).
//!
//! | field     | meaning                                                               |
//! |-----------|-----------------------------------------------------------------------|
//! | `indices` | power-of-two table of entry numbers; `EMPTY` = -1, `DUMMY` = -2      |
//! | `entries` | `(hash, key, value)` in insertion order; `None` where one was deleted |
//! | `used`    | live entries                                                          |
//! | `version` | bumped on every mutation: iteration checks and lookup restarts        |
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
use crate::types::{int, none, str as pystr, type_};
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

impl PyDict {
    fn new() -> PyDict {
        PyDict { table: RefCell::new(DictTable::new()), version: Cell::new(0) }
    }

    fn bump(&self) {
        self.version.set(self.version.get() + 1);
    }

    /// The entry number holding `key`, or None. Runs `__eq__` only with the table
    /// released; restarts when the dict changed meanwhile.
    fn lookup(&self, vm: Option<&Vm>, key: &PyObject, hash: i64) -> PyResult<Option<usize>> {
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
                            return Ok(Some(ix as usize));
                        }
                        if e.hash == hash {
                            match fast_eq(&e.key, key) {
                                Some(true) => return Ok(Some(ix as usize)),
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
                        return Ok(Some(ix));
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

/// A new empty dict.
pub fn new_dict() -> PyRef {
    alloc_object(&DICT_TYPE, PyDict::new())
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
    let dict = as_dict(d);
    let Some(ix) = dict.lookup(Some(vm), key, hash)? else { return Ok(false) };
    let old = {
        let mut t = dict.table.borrow_mut();
        let pos = t.indices.iter().position(|&x| x == ix as isize).unwrap();
        t.indices[pos] = DUMMY;
        t.used -= 1;
        t.entries[ix].take()
    };
    dict.bump();
    drop(old);
    Ok(true)
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
    Ok(alloc_object(tp, PyDict::new()))
}

fn dict_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let npos = args.len() - kwnames.len();
    if npos > 1 {
        return Err(vm.type_error(format!("dict expected at most 1 argument, got {npos}")));
    }
    if npos == 1 {
        let src = &args[0];
        if downcast_dict(src).is_some() {
            update(vm, obj, src)?;
        } else if crate::protocol::getattr_opt(vm, src, &vm.intern("keys"))?.is_some() {
            let c = copy(vm, src)?;
            update(vm, obj, &c)?;
        } else {
            for (i, item) in crate::protocol::iterate(vm, src)?.into_iter().enumerate() {
                let kv = crate::protocol::iterate(vm, &item).map_err(|_| {
                    vm.type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if kv.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        kv.len()
                    )));
                }
                set_item(vm, obj, &kv[0], &kv[1])?;
            }
        }
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        set_item(vm, obj, k, v)?;
    }
    Ok(())
}

fn dict_get(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get", &args[1..], 1, 2)?;
    Ok(get_item(vm, &args[0], &args[1])?.unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(none::none)))
}

fn dict_keys_m(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(crate::types::list::new_list(keys(&args[0])))
}
fn dict_values_m(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(crate::types::list::new_list(values(&args[0])))
}
fn dict_items_m(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(crate::types::list::new_list(
        items(&args[0]).into_iter().map(|(k, v)| crate::types::tuple::new_tuple(vec![k, v])).collect(),
    ))
}

/// Iterator over a dict's keys; raises when the dict changes size while iterating.
pub struct PyDictIter {
    pub dict: PyRef,
    pub pos: Cell<usize>,
    pub used: usize,
}

impl PyPayload for PyDictIter {
    fn static_type() -> &'static PyTypeObject {
        &DICT_KEYITER_TYPE
    }
}

pub static DICT_KEYITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("dict_keyiterator"),
        tp_dealloc: Cell::new(dealloc::<PyDictIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(dict_keyiter_next)),
        ..PyTypeData::BASE
    },
));

fn dict_iter(_vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    Ok(alloc_object(&DICT_KEYITER_TYPE, PyDictIter { dict: d.to_ref(), pos: Cell::new(0), used: len(d) }))
}

fn dict_keyiter_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyDictIter>().unwrap();
    let d = as_dict(&it.dict);
    if d.len() != it.used {
        return Err(vm.runtime_error("dictionary changed size during iteration"));
    }
    match d.next_entry(it.pos.get()) {
        Some((next, k, _)) => {
            it.pos.set(next);
            Ok(Some(k))
        }
        None => Ok(None),
    }
}

/// Insert under a key known to be new or identical-by-`fast_eq` (no Python code can
/// run): interpreter start-up, before a Vm exists.
pub fn set_item_hashed_nocmp(d: &PyObject, key: &PyObject, hash: i64, value: &PyObject) {
    let dict = as_dict(d);
    match dict.lookup(None, key, hash).ok().flatten() {
        Some(ix) => {
            let old = std::mem::replace(&mut dict.table.borrow_mut().entries[ix].as_mut().unwrap().value, value.to_ref());
            dict.bump();
            drop(old);
        }
        None => dict.insert_new(hash, key.to_ref(), value.to_ref()),
    }
}
