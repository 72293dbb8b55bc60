//! One collection (CPython's `gc_collect_main`), over generations `0..=g` merged:
//!
//! 1. **deduce_unreachable**: each object's `gc_refs` starts at its reference count;
//!    traversing every object subtracts the references that come from inside the set;
//!    objects left with `gc_refs > 0` are referenced from outside, and they and
//!    everything they reach are reachable. The rest is unreachable. No Python code runs
//!    in this phase, so the members are kept in a `Vec` (the list is rebuilt after).
//! 2. Survivors move to the next generation.
//! 3. **handle_weakrefs**: weak references to unreachable objects are cleared; the
//!    callbacks of those that are themselves reachable run.
//! 4. **finalize_garbage**: `__del__` (tp_finalize) of unreachable objects runs once
//!    (PEP 442), which may resurrect them.
//! 5. **handle_resurrected_objects**: step 1 again inside the unreachable set; whatever
//!    is now referenced from outside survives.
//! 6. **delete_garbage**: `tp_clear` breaks the cycles of what is left (or, with
//!    `DEBUG_SAVEALL`, it goes to `gc.garbage`); reference counting frees the objects.

use super::{has_head, head_of, object_of, state, GcHead, GcList, COLLECTING, FINALIZED, NUM_GENERATIONS};
use crate::object::{PyObject, PyRef};
use crate::vm::Vm;

const DEBUG_SAVEALL: i64 = 32;

/// The index of `obj` in the set being partitioned, if it is a member.
#[inline]
fn member_index(obj: &PyObject) -> Option<usize> {
    if !has_head(obj) {
        return None;
    }
    let h = head_of(obj);
    // SAFETY: a GC object's head is initialized.
    unsafe {
        if (*h).next.get().is_null() || !(*h).flag(COLLECTING) {
            return None;
        }
        Some((*h).prev.get() >> 2)
    }
}

fn members(list: &GcList) -> Vec<*mut GcHead> {
    let mut v = Vec::new();
    let h = list.head();
    let mut p = list.head.next.get();
    while p != h {
        v.push(p);
        // SAFETY: list elements are live.
        p = unsafe { (*p).next.get() };
    }
    v
}

fn traverse(obj: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    if let Some(t) = obj.ob_type().tp_traverse.get() {
        t(obj, visit);
    }
}

/// Partition `young`: reachable objects stay in it (in order), unreachable ones move to
/// `unreachable` and keep the COLLECTING bit (membership of the unreachable set).
fn deduce_unreachable(young: &GcList, unreachable: &GcList) {
    let heads = members(young);
    let n = heads.len();
    let mut refs: Vec<isize> = Vec::with_capacity(n);
    // update_refs; the index replaces the prev link until the lists are rebuilt.
    for (i, &h) in heads.iter().enumerate() {
        // SAFETY: members are live tracked objects.
        unsafe {
            refs.push((*object_of(h)).refcnt());
            let fin = (*h).prev.get() & FINALIZED;
            (*h).prev.set((i << 2) | COLLECTING | fin);
        }
    }
    // subtract_refs
    for &h in &heads {
        // SAFETY: as above.
        let obj = unsafe { &*object_of(h) };
        traverse(obj, &mut |r| {
            if let Some(j) = member_index(r) {
                refs[j] -= 1;
            }
        });
    }
    // move_unreachable: everything reachable from an externally referenced object.
    let mut reachable = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&i| refs[i] > 0).collect();
    for &i in &stack {
        reachable[i] = true;
    }
    while let Some(i) = stack.pop() {
        // SAFETY: as above.
        let obj = unsafe { &*object_of(heads[i]) };
        traverse(obj, &mut |r| {
            if let Some(j) = member_index(r) {
                if !reachable[j] {
                    reachable[j] = true;
                    stack.push(j);
                }
            }
        });
    }
    // Rebuild both lists (whole again before any Python code runs).
    young.init();
    unreachable.init();
    for (i, &h) in heads.iter().enumerate() {
        // SAFETY: as above.
        unsafe {
            (*h).prev.set((*h).prev.get() & FINALIZED);
            if reachable[i] {
                young.append(h);
            } else {
                (*h).set_flag(COLLECTING, true);
                unreachable.append(h);
            }
        }
    }
}

/// `untrack_tuples`: a surviving tuple whose items cannot be part of a cycle (atoms
/// and untracked tuples) stops being tracked, so later collections skip it
/// (`_PyTuple_MaybeUntrack`; `gc.is_tracked((1, 2))` is then False, as in CPython).
fn untrack_tuples(young: &GcList) {
    for h in members(young) {
        // SAFETY: members are live; no Python code runs here.
        let obj = unsafe { &*object_of(h) };
        if std::ptr::eq(obj.ob_type(), &*crate::types::tuple::TUPLE_TYPE)
            && crate::types::tuple::tuple_items(obj).iter().all(|it| !super::may_be_tracked(it))
        {
            super::untrack(obj);
        }
    }
}

fn is_unreachable_member(obj: &PyObject) -> bool {
    // SAFETY: a GC object's head is initialized.
    has_head(obj) && unsafe { !(*head_of(obj)).next.get().is_null() && (*head_of(obj)).flag(COLLECTING) }
}

/// Step 3: clear the weak references to unreachable objects, then run the callbacks of
/// the weak references that are not garbage themselves.
fn handle_weakrefs(vm: &Vm, unreachable: &GcList) {
    let mut to_call: Vec<(PyRef, PyRef)> = Vec::new();
    for h in members(unreachable) {
        // SAFETY: members are live (no Python code runs in this loop).
        let obj = unsafe { &*object_of(h) };
        if obj.ob_type().tp_flags.get() & crate::weakref::WEAKREFERENCED == 0 {
            continue;
        }
        for (wr, cb) in crate::weakref::take_weakrefs(obj) {
            if let Some(cb) = cb {
                if !is_unreachable_member(&wr) {
                    to_call.push((wr, cb));
                }
            }
        }
    }
    for (wr, cb) in to_call {
        if let Err(e) = crate::protocol::call(vm, &cb, &[wr], &[]) {
            crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &cb)));
        }
    }
}

/// Step 4: call each unreachable object's finalizer once.
fn finalize_garbage(vm: &Vm, unreachable: &GcList) {
    let seen = Box::new(GcList::new());
    seen.init();
    while !unreachable.is_empty() {
        let h = unreachable.head.next.get();
        super::unlink(h);
        seen.append(h);
        // SAFETY: h is live: it is in a list.
        let obj = unsafe { &*object_of(h) };
        let Some(fin) = obj.ob_type().tp_finalize.get() else { continue };
        // SAFETY: as above.
        if unsafe { (*h).flag(FINALIZED) } {
            continue;
        }
        unsafe { (*h).set_flag(FINALIZED, true) };
        let r = obj.to_ref();
        fin(vm, obj);
        drop(r); // may free it: it then leaves `seen` by itself
    }
    seen.merge_into(unreachable);
}

/// Step 6: break the cycles of the objects that are still unreachable.
fn delete_garbage(vm: &Vm, unreachable: &GcList, old: &GcList) {
    let saveall = state().debug.get() & DEBUG_SAVEALL != 0;
    let garbage = if saveall { super::module::garbage_list(vm) } else { None };
    while !unreachable.is_empty() {
        let h = unreachable.head.next.get();
        super::unlink(h);
        // SAFETY: h was in a list, so it is live.
        unsafe { (*h).set_flag(COLLECTING, false) };
        old.append(h);
        let obj = unsafe { &*object_of(h) };
        if let Some(g) = &garbage {
            crate::types::list::append(g, obj.to_ref());
            continue;
        }
        let r = obj.to_ref();
        if let Some(clear) = obj.ob_type().tp_clear.get() {
            clear(obj);
        }
        drop(r);
    }
}

fn clear_collecting(list: &GcList) {
    for h in members(list) {
        // SAFETY: members are live.
        unsafe { (*h).set_flag(COLLECTING, false) };
    }
}

/// Collect generation `g` (and the younger ones); returns the number of unreachable
/// objects found. Runs the `gc.callbacks`.
pub fn collect_generation(vm: &Vm, g: usize, _reason: &str) -> i64 {
    let s = state();
    if s.collecting.get() {
        return 0;
    }
    s.collecting.set(true);
    super::module::run_callbacks(vm, "start", g, 0, 0);
    let found = collect_main(vm, g);
    let (c, f, u) = s.stats[g].get();
    s.stats[g].set((c + 1, f + found, u));
    super::module::run_callbacks(vm, "stop", g, found, 0);
    s.collecting.set(false);
    found
}

/// `gc.collect(generation)`.
pub fn collect(vm: &Vm, g: usize) -> i64 {
    collect_generation(vm, g, "manual")
}

fn collect_main(vm: &Vm, g: usize) -> i64 {
    let s = state();
    if g + 1 < NUM_GENERATIONS {
        s.counts[g + 1].set(s.counts[g + 1].get() + 1);
    }
    for i in 0..=g {
        s.counts[i].set(0);
    }
    for i in 0..g {
        s.generations[i].merge_into(&s.generations[g]);
    }
    let young = &s.generations[g];
    let old = &s.generations[(g + 1).min(NUM_GENERATIONS - 1)];
    let unreachable = Box::new(GcList::new());
    unreachable.init();
    deduce_unreachable(young, &unreachable);
    untrack_tuples(young);
    if g == NUM_GENERATIONS - 1 {
        s.long_lived_pending.set(0);
        s.long_lived_total.set(young.len() as i64);
    } else if g == NUM_GENERATIONS - 2 {
        s.long_lived_pending.set(s.long_lived_pending.get() + young.len() as i64);
    }
    if g != NUM_GENERATIONS - 1 {
        young.merge_into(old);
    }
    let found = unreachable.len() as i64;
    if found == 0 {
        return 0;
    }
    handle_weakrefs(vm, &unreachable);
    finalize_garbage(vm, &unreachable);
    // handle_resurrected_objects: partition the unreachable set again.
    let still = Box::new(GcList::new());
    still.init();
    clear_collecting(&unreachable);
    deduce_unreachable(&unreachable, &still);
    unreachable.merge_into(old);
    delete_garbage(vm, &still, old);
    found
}
