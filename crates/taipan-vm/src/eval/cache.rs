//! Inline caches (DESIGN.md §4.3): the per-code adaptive copy of `co_code` that the
//! dispatch loop executes, and the side tables its cache units point into.
//!
//! `co_code` stays pristine (`dis`, marshal). When a code object is made, [`quicken`]
//! copies its bytes; in the copy, the first CACHE unit after each `LOAD_GLOBAL` holds
//! (little-endian) the index of that instruction's [`GlobalCache`] entry.
//!
//! **LOAD_GLOBAL** (3.13's `LOAD_GLOBAL_MODULE` / `LOAD_GLOBAL_BUILTIN`): an entry records
//! the version of the globals dict (and of the builtins dict when the name came from
//! there) and a borrowed pointer to the value found. Dict versions are drawn from one
//! counter on every creation and mutation (types/dict.rs), so equal versions mean the very
//! same dict in the very same state: it still holds the value, and the borrowed pointer
//! is alive. Any store or deletion in either dict changes its version and the next
//! execution looks the name up again.

use std::cell::Cell;

use taipan_bytecode::code::CodeObject;

use crate::error::PyResult;
use crate::eval::op;
use crate::object::{PyObject, PyRef};
use crate::types::dict;
use crate::vm::Vm;

/// The cache of one `LOAD_GLOBAL` instruction.
pub struct GlobalCache {
    /// Version of the globals dict when the value was found (0: nothing cached).
    globals_version: Cell<u64>,
    /// Version of the builtins dict when the value came from it, else 0 (not checked).
    builtins_version: Cell<u64>,
    value: Cell<*const PyObject>,
}

impl GlobalCache {
    fn new() -> GlobalCache {
        GlobalCache { globals_version: Cell::new(0), builtins_version: Cell::new(0), value: Cell::new(std::ptr::null()) }
    }
}

/// A cache index meaning "no cache entry".
pub const NO_CACHE: u16 = u16::MAX;

/// The executed copy of `code`'s bytes and its `LOAD_GLOBAL` caches.
pub fn quicken(code: &CodeObject) -> (Box<[u8]>, Box<[GlobalCache]>) {
    let mut bytes = code.code.clone();
    let mut globals = Vec::new();
    let n = bytes.len() / 2;
    let mut i = 0;
    while i < n {
        let opcode = bytes[2 * i];
        let ncaches = op::CACHES[opcode as usize] as usize;
        if opcode == op::LOAD_GLOBAL && ncaches >= 1 && i + 1 < n {
            // Past 65535 sites, NO_CACHE: those instructions always look the name up.
            let ix = if globals.len() < NO_CACHE as usize {
                globals.push(GlobalCache::new());
                (globals.len() - 1) as u16
            } else {
                NO_CACHE
            };
            bytes[2 * i + 2..2 * i + 4].copy_from_slice(&ix.to_le_bytes());
        }
        i += 1 + ncaches;
    }
    (bytes.into_boxed_slice(), globals.into_boxed_slice())
}

/// The dict version of `d` when it is an exact dict, else None.
#[inline]
fn exact_dict_version(d: &PyObject) -> Option<u64> {
    if std::ptr::eq(d.ob_type(), &*dict::DICT_TYPE) {
        // SAFETY: an exact dict.
        Some(unsafe { d.payload_unchecked::<dict::PyDict>() }.version.get())
    } else {
        None
    }
}

/// The cached value of a `LOAD_GLOBAL`, when the cache still holds.
#[inline]
pub fn load_global_hit(entry: &GlobalCache, globals: &PyObject, builtins: &PyObject) -> Option<PyRef> {
    let gv = entry.globals_version.get();
    if gv == 0 || exact_dict_version(globals) != Some(gv) {
        return None;
    }
    let bv = entry.builtins_version.get();
    if bv != 0 && exact_dict_version(builtins) != Some(bv) {
        return None;
    }
    // SAFETY: the dict holding the value is unchanged since it was cached (see the module
    // documentation), so the value is alive.
    Some(PyRef::new_ref(unsafe { &*entry.value.get() }))
}

/// `LOAD_GLOBAL` the slow way, filling the cache when both namespaces are exact dicts.
#[cold]
#[inline(never)]
pub fn load_global_miss(vm: &Vm, entry: &GlobalCache, globals: &PyObject, builtins: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    entry.globals_version.set(0);
    let gv = exact_dict_version(globals);
    if let Some(v) = dict::get_item(vm, globals, name)? {
        if gv.is_some() && gv == exact_dict_version(globals) {
            entry.globals_version.set(gv.unwrap());
            entry.builtins_version.set(0);
            entry.value.set(&*v as *const PyObject);
        }
        return Ok(v);
    }
    let bv = exact_dict_version(builtins);
    if let Some(v) = crate::eval::ops::mapping_get(vm, builtins, name)? {
        if gv.is_some() && bv.is_some() && gv == exact_dict_version(globals) && bv == exact_dict_version(builtins) {
            entry.globals_version.set(gv.unwrap());
            entry.builtins_version.set(bv.unwrap());
            entry.value.set(&*v as *const PyObject);
        }
        return Ok(v);
    }
    Err(crate::eval::ops::name_error(vm, name))
}
