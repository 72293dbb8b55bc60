//! The method cache (CPython's `type_cache`): `_PyType_Lookup` results keyed by the
//! type's version tag and the name object.
//!
//! Looking a name up along the MRO costs one dict probe per class; a class instance's
//! attribute access, a call of a class (`__new__`, `__init__`), every dunder a slot
//! calls and every `super()` attribute does such lookups, mostly for the same few
//! (type, name) pairs. The cache is a direct-mapped table of 4096 entries indexed by
//! `version_tag ^ (name address >> 3)`; an entry holds the tag, a strong reference to the
//! name (so its address cannot be reused by another string while the entry exists) and a
//! *borrowed* pointer to the value found, or null for "not found".
//!
//! Borrowing is sound for the same reason as in CPython: the value is owned by the dict
//! of a class on the MRO, and any change to such a dict or to the MRO gives the type a
//! new version tag (`type_modified`, which also retags every subclass). Tags are never
//! reused, so an entry whose value may have been freed can never match again. A type
//! without a tag (0) is never cached.
//!
//! The table is thread-local (the GIL holder is the only user at a time anyway).

use std::cell::Cell;

use crate::object::{PyObject, PyRef, PyTypeObject};

const SIZE: usize = 4096;

struct Entry {
    version: Cell<u32>,
    /// An owned reference (from `PyRef::into_raw`), or null.
    name: Cell<*const PyObject>,
    /// Borrowed; null when the name was not found.
    value: Cell<*const PyObject>,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Entry = Entry { version: Cell::new(0), name: Cell::new(std::ptr::null()), value: Cell::new(std::ptr::null()) };

thread_local! {
    static CACHE: [Entry; SIZE] = const { [EMPTY; SIZE] };
}

#[inline(always)]
fn index(version: u32, name: &PyObject) -> usize {
    ((version as usize) ^ (name as *const PyObject as usize >> 3)) & (SIZE - 1)
}

/// `lookup` through the cache: `Some(result)` on a hit.
#[inline]
pub fn get(tp: &PyTypeObject, name: &PyObject) -> Option<Option<PyRef>> {
    let version = tp.tp_version_tag.get();
    if version == 0 {
        return None;
    }
    CACHE.with(|c| {
        let e = &c[index(version, name)];
        if e.version.get() == version && std::ptr::eq(e.name.get(), name) {
            let v = e.value.get();
            // SAFETY: a matching tag means the value is still owned by a class dict.
            Some(if v.is_null() { None } else { Some(PyRef::new_ref(unsafe { &*v })) })
        } else {
            None
        }
    })
}

/// Remember the result of a full lookup.
#[inline]
pub fn put(tp: &PyTypeObject, name: &PyObject, value: Option<&PyObject>) {
    let version = tp.tp_version_tag.get();
    if version == 0 {
        return;
    }
    let old = CACHE.with(|c| {
        let e = &c[index(version, name)];
        e.version.set(version);
        e.value.set(value.map_or(std::ptr::null(), |v| v as *const PyObject));
        if std::ptr::eq(e.name.get(), name) {
            return std::ptr::null();
        }
        e.name.replace(PyRef::new_ref(name).into_raw().as_ptr())
    });
    if !old.is_null() {
        // SAFETY: the entry owned this reference.
        drop(unsafe { PyRef::from_raw(std::ptr::NonNull::new_unchecked(old as *mut PyObject)) });
    }
}

/// Empty the cache, releasing the names (at exit, before the `refcheck` leak report).
pub fn clear() {
    let names: Vec<*const PyObject> = CACHE.with(|c| {
        c.iter()
            .map(|e| {
                e.version.set(0);
                e.value.set(std::ptr::null());
                e.name.replace(std::ptr::null())
            })
            .filter(|p| !p.is_null())
            .collect()
    });
    for p in names {
        // SAFETY: each entry owned its name reference.
        drop(unsafe { PyRef::from_raw(std::ptr::NonNull::new_unchecked(p as *mut PyObject)) });
    }
}
