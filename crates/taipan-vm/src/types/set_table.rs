//! The hash table behind `set` and `frozenset`: CPython's own set algorithm, so that
//! iteration orders equal CPython's.
//!
//! | slot state | `key`   | `hash` |
//! |------------|---------|--------|
//! | unused     | `None`  | 0      |
//! | dummy      | `None`  | -1     |
//! | active     | `Some`  | the key's hash (never -1) |
//!
//! Probing: from `i = hash & mask`, look at `LINEAR_PROBES` (9) neighbours after `i`
//! when they fit before the end of the table, then `perturb >>= 5; i = i*5 + 1 +
//! perturb`. A new key goes to the last dummy met on its probe path, else to the unused
//! slot ending it; filling an unused slot resizes when `fill*5 >= mask*3` (to the smallest
//! power of two above `used*4`, or `used*2` past 50 000 entries).
//!
//! **Re-entrancy**: comparing keys may run Python code. The candidate key is copied out,
//! the borrow released, and the probe restarts if the table was replaced meanwhile
//! (`generation`) or the slot now holds another key, as CPython does.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef};
use crate::vm::Vm;

pub const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Default)]
pub struct Entry {
    pub key: Option<PyRef>,
    pub hash: i64,
}

pub struct Table {
    pub slots: Vec<Entry>,
    /// Active plus dummy slots.
    pub fill: usize,
    /// Active slots.
    pub used: usize,
    /// Where `pop` resumes.
    pub finger: usize,
}

pub struct SetData {
    pub table: RefCell<Table>,
    /// Bumped whenever the slot vector is replaced or cleared.
    pub generation: Cell<u64>,
}

impl Table {
    fn new() -> Table {
        Table { slots: vec![Entry::default(); MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }
    pub fn mask(&self) -> usize {
        self.slots.len() - 1
    }
}

fn insert_clean(slots: &mut [Entry], key: PyRef, hash: i64) {
    let mask = slots.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        if slots[i].key.is_none() {
            slots[i] = Entry { key: Some(key), hash };
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in i + 1..=i + LINEAR_PROBES {
                if slots[j].key.is_none() {
                    slots[j] = Entry { key: Some(key), hash };
                    return;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// Keys equal without running Python code (str and int of exact types), as the dict does.
fn fast_eq(a: &PyObject, b: &PyObject) -> Option<bool> {
    crate::types::dict::fast_eq(a, b)
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

impl SetData {
    pub fn new() -> SetData {
        SetData { table: RefCell::new(Table::new()), generation: Cell::new(0) }
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn bump(&self) {
        self.generation.set(self.generation.get() + 1);
    }

    /// Rebuild into a table able to hold `minused` entries without dummies.
    pub fn resize(&self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let mut t = self.table.borrow_mut();
        let old = std::mem::replace(&mut t.slots, vec![Entry::default(); newsize]);
        for e in old {
            if let Some(k) = e.key {
                insert_clean(&mut t.slots, k, e.hash);
            }
        }
        t.fill = t.used;
        drop(t);
        self.bump();
    }

    /// The slot holding a key equal to `key`, if any.
    pub fn lookup(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<Option<usize>> {
        'restart: loop {
            let mask = self.table.borrow().mask();
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                for j in i..=i + probes {
                    let cand = {
                        let t = self.table.borrow();
                        if t.mask() != mask {
                            continue 'restart;
                        }
                        let e = &t.slots[j];
                        match &e.key {
                            None if e.hash == 0 => return Ok(None),
                            Some(k) if e.hash == hash => {
                                if k.is(key) {
                                    return Ok(Some(j));
                                }
                                match fast_eq(k, key) {
                                    Some(true) => return Ok(Some(j)),
                                    Some(false) => None,
                                    None => Some(k.clone()),
                                }
                            }
                            _ => None,
                        }
                    };
                    if let Some(k) = cand {
                        let gen = self.generation.get();
                        let eq = crate::protocol::richcompare_bool(vm, &k, key, CompareOp::Eq)?;
                        let same = self.generation.get() == gen
                            && self.table.borrow().slots.get(j).and_then(|e| e.key.as_ref()).is_some_and(|x| x.is(&k));
                        if !same {
                            continue 'restart;
                        }
                        if eq {
                            return Ok(Some(j));
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
            }
        }
    }

    pub fn contains(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<bool> {
        Ok(self.lookup(vm, key, hash)?.is_some())
    }

    /// Add `key`; `Ok(false)` when an equal key was present already.
    pub fn add(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<bool> {
        'restart: loop {
            let mask = self.table.borrow().mask();
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let mut freeslot: Option<usize> = None;
            let unused: usize = 'probe: loop {
                let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                for j in i..=i + probes {
                    let cand = {
                        let t = self.table.borrow();
                        if t.mask() != mask {
                            continue 'restart;
                        }
                        let e = &t.slots[j];
                        match &e.key {
                            None if e.hash == 0 => break 'probe j,
                            None => {
                                freeslot = Some(j);
                                None
                            }
                            Some(k) if e.hash == hash => {
                                if k.is(key) {
                                    return Ok(false);
                                }
                                match fast_eq(k, key) {
                                    Some(true) => return Ok(false),
                                    Some(false) => None,
                                    None => Some(k.clone()),
                                }
                            }
                            _ => None,
                        }
                    };
                    if let Some(k) = cand {
                        let gen = self.generation.get();
                        let eq = crate::protocol::richcompare_bool(vm, &k, key, CompareOp::Eq)?;
                        if eq {
                            return Ok(false);
                        }
                        let same = self.generation.get() == gen
                            && self.table.borrow().slots.get(j).and_then(|e| e.key.as_ref()).is_some_and(|x| x.is(&k));
                        if !same {
                            continue 'restart;
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
            };
            let mut t = self.table.borrow_mut();
            if let Some(f) = freeslot {
                t.slots[f] = Entry { key: Some(key.to_ref()), hash };
                t.used += 1;
                return Ok(true);
            }
            t.slots[unused] = Entry { key: Some(key.to_ref()), hash };
            t.fill += 1;
            t.used += 1;
            if t.fill * 5 < mask * 3 {
                return Ok(true);
            }
            let used = t.used;
            drop(t);
            self.resize(if used > 50000 { used * 2 } else { used * 4 });
            return Ok(true);
        }
    }

    /// Remove `key`; `Ok(false)` when absent.
    pub fn discard(&self, vm: &Vm, key: &PyObject, hash: i64) -> PyResult<bool> {
        let Some(j) = self.lookup(vm, key, hash)? else { return Ok(false) };
        let old = {
            let mut t = self.table.borrow_mut();
            t.used -= 1;
            std::mem::replace(&mut t.slots[j], Entry { key: None, hash: -1 })
        };
        drop(old);
        Ok(true)
    }

    pub fn clear(&self) {
        let old = std::mem::replace(&mut *self.table.borrow_mut(), Table::new());
        self.bump();
        drop(old);
    }

    /// The next active entry at slot `pos` or later: `(next pos, key, hash)`.
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, PyRef, i64)> {
        let t = self.table.borrow();
        while pos < t.slots.len() {
            if let Some(k) = &t.slots[pos].key {
                return Some((pos + 1, k.clone(), t.slots[pos].hash));
            }
            pos += 1;
        }
        None
    }

    /// Active `(key, hash)` pairs in slot order.
    pub fn entries(&self) -> Vec<(PyRef, i64)> {
        self.table.borrow().slots.iter().filter_map(|e| e.key.as_ref().map(|k| (k.clone(), e.hash))).collect()
    }

    pub fn keys(&self) -> Vec<PyRef> {
        self.table.borrow().slots.iter().filter_map(|e| e.key.clone()).collect()
    }

    /// `set.pop()`: the first active slot from the finger on.
    pub fn pop(&self) -> Option<PyRef> {
        let mut t = self.table.borrow_mut();
        if t.used == 0 {
            return None;
        }
        let n = t.slots.len();
        let mut i = t.finger & (n - 1);
        while t.slots[i].key.is_none() {
            i = (i + 1) % n;
        }
        let e = std::mem::replace(&mut t.slots[i], Entry { key: None, hash: -1 });
        t.used -= 1;
        t.finger = i + 1;
        e.key
    }

    /// `set_merge`: add every entry of another set.
    pub fn merge(&self, vm: &Vm, other: &SetData) -> PyResult<()> {
        let (ofill, oused, omask) = {
            let o = other.table.borrow();
            (o.fill, o.used, o.mask())
        };
        if oused == 0 {
            return Ok(());
        }
        let (fill, used, mask) = {
            let t = self.table.borrow();
            (t.fill, t.used, t.mask())
        };
        if (fill + oused) * 5 >= mask * 3 {
            self.resize((used + oused) * 2);
        }
        let (fill, mask) = {
            let t = self.table.borrow();
            (t.fill, t.mask())
        };
        if fill == 0 && mask == omask && ofill == oused {
            let slots = other.table.borrow().slots.clone();
            let mut t = self.table.borrow_mut();
            t.slots = slots;
            t.fill = oused;
            t.used = oused;
            drop(t);
            self.bump();
            return Ok(());
        }
        let entries = other.entries();
        if fill == 0 {
            let mut t = self.table.borrow_mut();
            for (k, h) in entries {
                insert_clean(&mut t.slots, k, h);
            }
            t.fill = oused;
            t.used = oused;
            return Ok(());
        }
        for (k, h) in entries {
            self.add(vm, &k, h)?;
        }
        Ok(())
    }

    /// Room for `n` more keys before adding a dict's keys (as `set_update_dict`).
    pub fn presize_for(&self, n: usize) {
        let (fill, used, mask) = {
            let t = self.table.borrow();
            (t.fill, t.used, t.mask())
        };
        if (fill + n) * 5 >= mask * 3 {
            self.resize((used + n) * 2);
        }
    }

    /// `frozenset.__hash__` over the whole table (as CPython: unused and dummy slots
    /// cancel out).
    pub fn frozen_hash(&self) -> i64 {
        crate::hash::hash_frozenset(&self.entries().iter().map(|e| e.1).collect::<Vec<_>>())
    }

    /// Exchange the contents of two sets (`set_swap_bodies`).
    pub fn swap(&self, other: &SetData) {
        std::mem::swap(&mut *self.table.borrow_mut(), &mut *other.table.borrow_mut());
        self.bump();
        other.bump();
    }
}
