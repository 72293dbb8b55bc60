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
//!
//! **LOAD_ATTR** on instances of types using the generic `__getattribute__`
//! (`LOAD_ATTR_INSTANCE_VALUE`, `LOAD_ATTR_METHOD_WITH_VALUES`, `LOAD_ATTR_CLASS`-like): an
//! [`AttrCache`] entry records the owner's type, its `tp_version_tag` and what the type's
//! MRO holds under the name — nothing, a method (function or method descriptor), or a plain
//! class attribute (no `__get__`/`__set__`). While the tag is unchanged the MRO lookup is
//! skipped: changing a class's or a base's dict (or its bases) gives it and its subclasses
//! new tags (`type_modified`), and a borrowed pointer to the class attribute stays valid
//! because the dict holding it is unchanged. The instance dict is still consulted every time.
//!
//! **STORE_ATTR** (`STORE_ATTR_INSTANCE_VALUE`, `STORE_ATTR_SLOT`) uses the same entries:
//! with the generic `__setattr__`, a name the MRO does not hold as a data descriptor goes
//! straight to the instance dict, and a data descriptor's `__set__` is called directly.

use std::cell::Cell;

use taipan_bytecode::code::CodeObject;

use crate::error::PyResult;
use crate::eval::op;
use crate::object::typeobj::flags;
use crate::object::{PyObject, PyRef, PyTypeObject};
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

/// The cache of one `LOAD_ATTR` instruction.
pub struct AttrCache {
    tp: Cell<*const PyTypeObject>,
    /// `tp_version_tag` when cached (0: nothing cached).
    version: Cell<u32>,
    kind: Cell<AttrKind>,
    /// The class attribute (borrowed) for every kind but `InstanceOnly`.
    descr: Cell<*const PyObject>,
    /// Misses to let pass before filling the entry again (a site that sees several types,
    /// or attributes the cache cannot hold, does not pay for a refill every time).
    backoff: Cell<u16>,
    /// The next backoff, doubled at each refill (up to [`MAX_BACKOFF`]).
    next_backoff: Cell<u16>,
}

const MAX_BACKOFF: u16 = 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum AttrKind {
    /// The type has no attribute of this name: only the instance dict can hold it.
    InstanceOnly,
    /// A function or method descriptor (the `LOAD_ATTR` has the method bit).
    Method,
    /// A class attribute that is not a descriptor.
    ClassAttr,
    /// A data descriptor (`__get__` and `__set__`: property, slot member, getset): it
    /// wins over the instance dict (`LOAD_ATTR_PROPERTY`, `LOAD_ATTR_SLOT`).
    DataDescr,
    /// A non-data descriptor (`__get__` only: function without the method bit,
    /// classmethod, staticmethod): the instance dict first, then `__get__`.
    NonDataDescr,
}

impl AttrCache {
    fn new() -> AttrCache {
        AttrCache {
            tp: Cell::new(std::ptr::null()),
            version: Cell::new(0),
            kind: Cell::new(AttrKind::InstanceOnly),
            descr: Cell::new(std::ptr::null()),
            backoff: Cell::new(0),
            next_backoff: Cell::new(1),
        }
    }
}

/// The quickened form of a code object.
pub struct Quickened {
    pub bytes: Box<[u8]>,
    pub globals: Box<[GlobalCache]>,
    pub attrs: Box<[AttrCache]>,
}

/// A cache index meaning "no cache entry".
pub const NO_CACHE: u16 = u16::MAX;

/// The executed copy of `code`'s bytes and its `LOAD_GLOBAL`, `LOAD_ATTR` and
/// `STORE_ATTR` caches (the attribute instructions share one table).
///
/// The copy is also made safe to run without bounds checks: one [`op::END_OF_CODE`] unit
/// is appended (running off the end reaches it), and an instruction whose cache units
/// run past the end or whose jump target lies outside the code becomes `END_OF_CODE`
/// too. So every `next` the dispatch loop computes indexes a unit of the copy.
pub fn quicken(code: &CodeObject) -> Quickened {
    let mut bytes = code.code.clone();
    bytes.truncate(bytes.len() & !1);
    let mut globals = Vec::new();
    let mut attrs = Vec::new();
    let n = bytes.len() / 2;
    let mut i = 0;
    let mut ext: u32 = 0;
    while i < n {
        let opcode = bytes[2 * i];
        let ncaches = op::CACHES[opcode as usize] as usize;
        // As the dispatch loop folds EXTENDED_ARG prefixes (a u32 that drops high bits).
        let arg = (ext << 8) | bytes[2 * i + 1] as u32;
        ext = if opcode == op::EXTENDED_ARG { arg } else { 0 };
        let after = (i + 1 + ncaches) as i64;
        let target = match opcode {
            op::JUMP_FORWARD | op::POP_JUMP_IF_FALSE | op::POP_JUMP_IF_TRUE | op::POP_JUMP_IF_NONE
            | op::POP_JUMP_IF_NOT_NONE | op::SEND => after + arg as i64,
            op::JUMP_BACKWARD | op::JUMP_BACKWARD_NO_INTERRUPT => after - arg as i64,
            op::FOR_ITER => after + arg as i64 + 2,
            _ => after,
        };
        if after > n as i64 || !(0..=n as i64).contains(&target) {
            bytes[2 * i] = op::END_OF_CODE;
            i += 1;
            continue;
        }
        if (opcode == op::LOAD_GLOBAL || opcode == op::LOAD_ATTR || opcode == op::STORE_ATTR) && ncaches >= 1 && i + 1 < n {
            // Past 65535 sites, NO_CACHE: those instructions always look the name up.
            let ix = if opcode == op::LOAD_GLOBAL {
                if globals.len() < NO_CACHE as usize {
                    globals.push(GlobalCache::new());
                    (globals.len() - 1) as u16
                } else {
                    NO_CACHE
                }
            } else if attrs.len() < NO_CACHE as usize {
                attrs.push(AttrCache::new());
                (attrs.len() - 1) as u16
            } else {
                NO_CACHE
            };
            bytes[2 * i + 2..2 * i + 4].copy_from_slice(&ix.to_le_bytes());
        }
        i += 1 + ncaches;
    }
    bytes.extend_from_slice(&[op::END_OF_CODE, 0]);
    Quickened { bytes: bytes.into_boxed_slice(), globals: globals.into_boxed_slice(), attrs: attrs.into_boxed_slice() }
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
#[inline(always)]
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

/// True when `tp` uses the generic `__getattribute__`.
#[inline(always)]
fn generic_getattro(tp: &PyTypeObject) -> bool {
    tp.tp_getattro.get().map(|f| f as usize) == Some(crate::types::object::generic_getattr as *const () as usize)
}

/// The instance dict's value for `name` (None: no dict or no such key).
#[inline(always)]
fn instance_value(vm: &Vm, owner: &PyObject, name: &PyObject) -> PyResult<Option<PyRef>> {
    let Some(cell) = crate::types::object::instance_dict_cell(owner) else { return Ok(None) };
    let d = cell.borrow().clone();
    match d {
        Some(d) => dict::get_item(vm, &d, name),
        None => Ok(None),
    }
}

/// A cached `LOAD_ATTR`: `Ok(Some((value, self_or_null)))` on a hit, `Ok(None)` when the
/// general path must run.
#[inline]
pub fn load_attr_hit(vm: &Vm, entry: &AttrCache, owner: &PyObject, name: &PyObject) -> PyResult<Option<(PyRef, Option<PyRef>)>> {
    let tp = owner.ob_type();
    let version = entry.version.get();
    if version == 0 || !std::ptr::eq(tp, entry.tp.get()) || tp.tp_version_tag.get() != version || !generic_getattro(tp) {
        return Ok(None);
    }
    match entry.kind.get() {
        AttrKind::InstanceOnly => Ok(instance_value(vm, owner, name)?.map(|v| (v, None))),
        AttrKind::Method => {
            if instance_value(vm, owner, name)?.is_some() || tp.tp_version_tag.get() != version {
                return Ok(None); // shadowed by the instance (or the class changed meanwhile)
            }
            // SAFETY: the type is unchanged since the method was cached (module docs).
            Ok(Some((PyRef::new_ref(unsafe { &*entry.descr.get() }), Some(owner.to_ref()))))
        }
        AttrKind::ClassAttr => {
            if let Some(v) = instance_value(vm, owner, name)? {
                return Ok(Some((v, None)));
            }
            if tp.tp_version_tag.get() != version {
                return Ok(None);
            }
            // SAFETY: as above.
            Ok(Some((PyRef::new_ref(unsafe { &*entry.descr.get() }), None)))
        }
        AttrKind::DataDescr => {
            // SAFETY: as above; the strong reference keeps it alive while `__get__` runs.
            let d = PyRef::new_ref(unsafe { &*entry.descr.get() });
            let get = d.ob_type().tp_descr_get.get().expect("a data descriptor");
            Ok(Some((get(vm, &d, Some(owner), tp.as_object())?, None)))
        }
        AttrKind::NonDataDescr => {
            if let Some(v) = instance_value(vm, owner, name)? {
                return Ok(Some((v, None)));
            }
            if tp.tp_version_tag.get() != version {
                return Ok(None);
            }
            // SAFETY: as above.
            let d = PyRef::new_ref(unsafe { &*entry.descr.get() });
            let get = d.ob_type().tp_descr_get.get().expect("a descriptor");
            Ok(Some((get(vm, &d, Some(owner), tp.as_object())?, None)))
        }
    }
}

/// After a miss: fill the cache of a `LOAD_ATTR` (before the general path runs) when the
/// owner's type allows it and the backoff has run out.
#[cold]
#[inline(never)]
pub fn load_attr_fill(entry: &AttrCache, owner: &PyObject, name: &PyObject, method: bool) {
    let b = entry.backoff.get();
    if b > 0 {
        entry.backoff.set(b - 1);
        return;
    }
    let nb = entry.next_backoff.get();
    entry.backoff.set(nb);
    entry.next_backoff.set((nb * 2).min(MAX_BACKOFF));
    entry.version.set(0);
    let tp = owner.ob_type();
    let version = tp.tp_version_tag.get();
    if version == 0 || !generic_getattro(tp) {
        return;
    }
    let (kind, descr) = match crate::types::type_::lookup(tp, name) {
        None => (AttrKind::InstanceOnly, std::ptr::null()),
        Some(d) => {
            let dt = d.ob_type();
            let kind = if method && dt.has_flag(flags::METHOD_DESCRIPTOR) {
                AttrKind::Method
            } else {
                match (dt.tp_descr_get.get().is_some(), dt.tp_descr_set.get().is_some()) {
                    (false, false) => AttrKind::ClassAttr,
                    (true, true) => AttrKind::DataDescr,
                    (true, false) => AttrKind::NonDataDescr,
                    // `__set__` without `__get__`: a data descriptor that returns itself
                    // unless the instance dict has the name; rare, left uncached.
                    (false, true) => return,
                }
            };
            (kind, &*d as *const PyObject)
        }
    };
    // The type lookup runs no Python code: the tag read above still holds.
    entry.tp.set(tp);
    entry.kind.set(kind);
    entry.descr.set(descr);
    entry.version.set(version);
}

/// True when `tp` uses the generic `__setattr__`.
#[inline(always)]
fn generic_setattro(tp: &PyTypeObject) -> bool {
    tp.tp_setattro.get().map(|f| f as usize) == Some(crate::types::object::generic_setattr as *const () as usize)
}

/// A cached `STORE_ATTR`: `Ok(true)` when stored, `Ok(false)` when the general path must
/// run.
#[inline]
pub fn store_attr_hit(vm: &Vm, entry: &AttrCache, owner: &PyObject, name: &PyObject, value: &PyObject) -> PyResult<bool> {
    let tp = owner.ob_type();
    let version = entry.version.get();
    if version == 0 || !std::ptr::eq(tp, entry.tp.get()) || tp.tp_version_tag.get() != version || !generic_setattro(tp) {
        return Ok(false);
    }
    match entry.kind.get() {
        AttrKind::InstanceOnly => {
            let Some(d) = crate::types::object::instance_dict(owner) else { return Ok(false) };
            dict::set_item(vm, &d, name, value)?;
            Ok(true)
        }
        AttrKind::DataDescr => {
            // SAFETY: the type is unchanged since the descriptor was cached; the strong
            // reference keeps it alive while `__set__` runs.
            let d = PyRef::new_ref(unsafe { &*entry.descr.get() });
            let Some(set) = d.ob_type().tp_descr_set.get() else { return Ok(false) };
            set(vm, &d, owner, Some(value))?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// After a `STORE_ATTR` miss: fill its cache (with backoff, as `load_attr_fill`).
#[cold]
#[inline(never)]
pub fn store_attr_fill(entry: &AttrCache, owner: &PyObject, name: &PyObject) {
    let b = entry.backoff.get();
    if b > 0 {
        entry.backoff.set(b - 1);
        return;
    }
    let nb = entry.next_backoff.get();
    entry.backoff.set(nb);
    entry.next_backoff.set((nb * 2).min(MAX_BACKOFF));
    entry.version.set(0);
    let tp = owner.ob_type();
    let version = tp.tp_version_tag.get();
    if version == 0 || !generic_setattro(tp) {
        return;
    }
    let (kind, descr) = match crate::types::type_::lookup(tp, name) {
        Some(d) if d.ob_type().tp_descr_set.get().is_some() => (AttrKind::DataDescr, &*d as *const PyObject),
        _ => {
            if crate::types::object::instance_dict_cell(owner).is_none() {
                return;
            }
            (AttrKind::InstanceOnly, std::ptr::null())
        }
    };
    entry.tp.set(tp);
    entry.kind.set(kind);
    entry.descr.set(descr);
    entry.version.set(version);
}
