//! The cycle collector (DESIGN.md §4.1): CPython's generational trial-deletion algorithm.
//!
//! **GC header.** Objects of types with [`flags::HAVE_GC`] carry a two-word [`GcHead`]
//! immediately before their `PyObject` header (a class instance's managed prefix comes
//! before that, as in CPython 3.13):
//!
//! ```text
//!   [ManagedPrefix]  [GcHead: next, prev|flags]  [ob_refcnt, ob_type, payload…]
//!                                                 ^ object pointer
//! ```
//!
//! `next` links the tracked objects of one generation into a circular doubly linked list
//! (null when the object is untracked); `prev` holds the previous element's address with
//! two flag bits in its low bits: [`FINALIZED`] (PEP 442: `__del__` already ran) and
//! [`COLLECTING`] (the object is in the set being collected). During the first phase of a
//! collection `prev` holds the object's `gc_refs` instead (shifted left by two), as in
//! CPython; the lists are whole again before any Python code runs.
//!
//! **Which objects.** Static objects (immortal) are never tracked and have no header:
//! every check below skips immortal objects. Dicts are tracked lazily as in CPython:
//! a new dict is untracked until a value that may be part of a cycle is stored in it.
//!
//! **When.** Tracking an object counts an allocation in generation 0; when the count
//! passes the threshold (2000) a collection is *scheduled* and runs at the interpreter's
//! next safe point (`RESUME`, `JUMP_BACKWARD`), never in the middle of native code —
//! CPython 3.13 does the same through its eval breaker.

mod collect;
#[cfg(feature = "refcheck")]
pub mod refcheck;
pub mod module;
pub mod traverse;

use std::cell::{Cell, UnsafeCell};

use crate::object::typeobj::flags;
use crate::object::{PyObject, Static};
use crate::vm::Vm;

pub use collect::{collect, collect_generation};

/// The two words before a tracked object's header.
#[repr(C)]
pub struct GcHead {
    next: Cell<*mut GcHead>,
    prev: Cell<usize>,
}

/// `__del__` already ran for this object (`gc.is_finalized`).
pub const FINALIZED: usize = 1;
/// The object is in the set a collection is looking at.
pub const COLLECTING: usize = 2;
const FLAGS: usize = FINALIZED | COLLECTING;

pub const HEAD_SIZE: usize = std::mem::size_of::<GcHead>();

impl GcHead {
    pub const fn new() -> GcHead {
        GcHead { next: Cell::new(std::ptr::null_mut()), prev: Cell::new(0) }
    }
    #[inline]
    fn prev_ptr(&self) -> *mut GcHead {
        (self.prev.get() & !FLAGS) as *mut GcHead
    }
    #[inline]
    fn set_prev_ptr(&self, p: *mut GcHead) {
        self.prev.set(p as usize | (self.prev.get() & FLAGS));
    }
    #[inline]
    fn flag(&self, f: usize) -> bool {
        self.prev.get() & f != 0
    }
    #[inline]
    fn set_flag(&self, f: usize, on: bool) {
        let v = self.prev.get();
        self.prev.set(if on { v | f } else { v & !f });
    }
}

/// A generation: a circular list through a sentinel head.
pub struct GcList {
    head: GcHead,
}

impl GcList {
    pub const fn new() -> GcList {
        GcList { head: GcHead::new() }
    }
    fn head(&self) -> *mut GcHead {
        &self.head as *const GcHead as *mut GcHead
    }
    /// Make the sentinel point at itself (its address is stable from here on).
    fn init(&self) {
        let h = self.head();
        self.head.next.set(h);
        self.head.prev.set(h as usize);
    }
    fn is_empty(&self) -> bool {
        self.head.next.get() == self.head()
    }
    /// Append `node` (which must not be in a list).
    fn append(&self, node: *mut GcHead) {
        // SAFETY: node and the list's last element are live heads.
        unsafe {
            let h = self.head();
            let last = (*h).prev_ptr();
            (*node).set_prev_ptr(last);
            (*node).next.set(h);
            (*last).next.set(node);
            (*h).set_prev_ptr(node);
        }
    }
    /// Move every element of `self` to the end of `to`.
    fn merge_into(&self, to: &GcList) {
        if self.is_empty() {
            return;
        }
        // SAFETY: both lists are well formed.
        unsafe {
            let h = self.head();
            let first = (*h).next.get();
            let last = (*h).prev_ptr();
            let th = to.head();
            let tlast = (*th).prev_ptr();
            (*tlast).next.set(first);
            (*first).set_prev_ptr(tlast);
            (*last).next.set(th);
            (*th).set_prev_ptr(last);
        }
        self.init();
    }
    fn len(&self) -> usize {
        let mut n = 0;
        let h = self.head();
        let mut p = self.head.next.get();
        while p != h {
            n += 1;
            // SAFETY: list elements are live.
            p = unsafe { (*p).next.get() };
        }
        n
    }
}

/// Unlink `node` from whatever list holds it.
fn unlink(node: *mut GcHead) {
    // SAFETY: a tracked node's neighbours are live heads.
    unsafe {
        let prev = (*node).prev_ptr();
        let next = (*node).next.get();
        (*prev).next.set(next);
        (*next).set_prev_ptr(prev);
        (*node).next.set(std::ptr::null_mut());
        (*node).prev.set((*node).prev.get() & FLAGS);
    }
}

pub const NUM_GENERATIONS: usize = 3;

/// The collector's state, one per process (objects are only touched under the GIL).
pub struct GcState {
    pub generations: [GcList; NUM_GENERATIONS],
    /// `gc.freeze()`: the permanent generation.
    pub permanent: GcList,
    pub counts: [Cell<i64>; NUM_GENERATIONS],
    pub thresholds: [Cell<i64>; NUM_GENERATIONS],
    pub enabled: Cell<bool>,
    pub collecting: Cell<bool>,
    /// A collection is due at the next safe point.
    pub pending: Cell<bool>,
    pub debug: Cell<i64>,
    /// Objects that survived a full collection, and those added to generation 2 since.
    pub long_lived_total: Cell<i64>,
    pub long_lived_pending: Cell<i64>,
    /// Per generation: (collections, collected, uncollectable).
    pub stats: [Cell<(i64, i64, i64)>; NUM_GENERATIONS],
    initialized: Cell<bool>,
}

pub static STATE: Static<UnsafeCell<GcState>> = Static(UnsafeCell::new(GcState {
    generations: [GcList::new(), GcList::new(), GcList::new()],
    permanent: GcList::new(),
    counts: [Cell::new(0), Cell::new(0), Cell::new(0)],
    thresholds: [Cell::new(2000), Cell::new(10), Cell::new(10)],
    enabled: Cell::new(true),
    collecting: Cell::new(false),
    pending: Cell::new(false),
    debug: Cell::new(0),
    long_lived_total: Cell::new(0),
    long_lived_pending: Cell::new(0),
    stats: [Cell::new((0, 0, 0)), Cell::new((0, 0, 0)), Cell::new((0, 0, 0))],
    initialized: Cell::new(false),
}));

/// The collector's state.
#[inline]
pub fn state() -> &'static GcState {
    // SAFETY: only the GIL holder touches it; no `&mut` is ever formed.
    unsafe { &*STATE.0.get() }
}

/// Set the list sentinels up (once, before the first object is allocated).
pub fn init() {
    let s = state();
    if s.initialized.get() {
        return;
    }
    for g in &s.generations {
        g.init();
    }
    s.permanent.init();
    s.initialized.set(true);
    traverse::install();
}

/// The GC head of a GC object (its type has HAVE_GC and it is not immortal).
#[inline]
pub fn head_of(obj: &PyObject) -> *mut GcHead {
    // SAFETY: callers check `has_head`; the head is right before the header.
    unsafe { (obj as *const PyObject as *mut GcHead).sub(1) }
}

#[inline]
pub fn object_of(head: *mut GcHead) -> *mut PyObject {
    // SAFETY: pointer arithmetic within one allocation.
    unsafe { head.add(1) as *mut PyObject }
}

/// Whether `obj` carries a GC head (`_PyObject_IS_GC`).
#[inline]
pub fn has_head(obj: &PyObject) -> bool {
    obj.ob_type().has_flag(flags::HAVE_GC) && !obj.is_immortal()
}

/// `_PyObject_GC_IS_TRACKED`.
#[inline]
pub fn is_tracked(obj: &PyObject) -> bool {
    // SAFETY: objects with a head have it initialized.
    has_head(obj) && !unsafe { (*head_of(obj)).next.get() }.is_null()
}

/// Track a freshly allocated GC object (called by `alloc_object`).
#[inline]
pub fn track_new(head: *mut GcHead) {
    let s = state();
    s.generations[0].append(head);
    let c = s.counts[0].get() + 1;
    s.counts[0].set(c);
    if c > s.thresholds[0].get() && s.thresholds[0].get() != 0 && s.enabled.get() && !s.collecting.get() {
        s.pending.set(true);
    }
    #[cfg(feature = "refcheck")]
    s.pending.set(s.enabled.get() && !s.collecting.get());
}

/// `PyObject_GC_Track` for an object that is not tracked (a dict getting its first
/// container).
pub fn track(obj: &PyObject) {
    if has_head(obj) && !is_tracked(obj) {
        state().generations[0].append(head_of(obj));
    }
}

/// `PyObject_GC_UnTrack`.
pub fn untrack(obj: &PyObject) {
    if is_tracked(obj) {
        unlink(head_of(obj));
    }
}

/// Called by deallocation of a GC object: unlink it, uncount it.
#[inline]
pub fn on_dealloc(head: *mut GcHead) {
    // SAFETY: the head belongs to an object being freed.
    unsafe {
        if !(*head).next.get().is_null() {
            unlink(head);
        }
    }
    let s = state();
    let c = s.counts[0].get();
    if c > 0 {
        s.counts[0].set(c - 1);
    }
}

/// Whether `obj` may be part of a cycle (`_PyObject_GC_MAY_BE_TRACKED`).
#[inline]
pub fn may_be_tracked(obj: &PyObject) -> bool {
    if !has_head(obj) {
        return false;
    }
    // A tuple is tracked when it may hold containers; untracked tuples hold atoms.
    is_tracked(obj) || !std::ptr::eq(obj.ob_type(), &*crate::types::tuple::TUPLE_TYPE)
}

/// `MAINTAIN_TRACKING` of dicts: start tracking when a possible container is stored.
#[inline]
pub fn maintain_tracking(d: &PyObject, key: &PyObject, value: &PyObject) {
    if has_head(d) && !is_tracked(d) && (may_be_tracked(key) || may_be_tracked(value)) {
        track(d);
    }
}

/// `gc.is_finalized`.
pub fn is_finalized(obj: &PyObject) -> bool {
    // SAFETY: the head exists when has_head says so.
    has_head(obj) && unsafe { (*head_of(obj)).flag(FINALIZED) }
}

/// Mark `obj` finalized (its `__del__` ran).
pub fn set_finalized(obj: &PyObject, on: bool) {
    if has_head(obj) {
        // SAFETY: as above.
        unsafe { (*head_of(obj)).set_flag(FINALIZED, on) }
    }
}

/// Whether a collection is due (checked by the interpreter at its safe points).
#[inline]
pub fn pending() -> bool {
    state().pending.get()
}

/// Run the collection that allocation scheduled (`_Py_RunGC`).
#[cold]
pub fn run_pending(vm: &Vm) {
    let s = state();
    s.pending.set(false);
    if !s.enabled.get() || s.collecting.get() {
        return;
    }
    #[cfg(feature = "refcheck")]
    {
        collect_generation(vm, 0, "automatic");
        return;
    }
    #[allow(unreachable_code)]
    {
        // gc_select_generation: the oldest generation whose count passed its threshold;
        // a full collection only when enough long-lived objects are pending (3.13).
        for g in (0..NUM_GENERATIONS).rev() {
            if s.counts[g].get() > s.thresholds[g].get() {
                if g == NUM_GENERATIONS - 1 && s.long_lived_pending.get() < s.long_lived_total.get() / 4 {
                    continue;
                }
                collect_generation(vm, g, "automatic");
                return;
            }
        }
    }
}

/// Every tracked object of generation `g` (or all generations).
pub fn objects(generation: Option<usize>) -> Vec<crate::object::PyRef> {
    let s = state();
    let mut out = Vec::new();
    for (i, g) in s.generations.iter().enumerate() {
        if generation.is_some_and(|x| x != i) {
            continue;
        }
        let h = g.head();
        let mut p = g.head.next.get();
        while p != h {
            // SAFETY: list elements are live objects.
            out.push(unsafe { &*object_of(p) }.to_ref());
            p = unsafe { (*p).next.get() };
        }
    }
    out
}

/// `gc.freeze()`: move everything to the permanent generation.
pub fn freeze() {
    let s = state();
    for g in &s.generations {
        g.merge_into(&s.permanent);
    }
    for c in &s.counts {
        c.set(0);
    }
}

/// `gc.unfreeze()`.
pub fn unfreeze() {
    let s = state();
    s.permanent.merge_into(&s.generations[NUM_GENERATIONS - 1]);
}

pub fn freeze_count() -> usize {
    state().permanent.len()
}
