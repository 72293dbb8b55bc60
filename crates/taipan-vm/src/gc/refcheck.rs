//! The `refcheck` feature (DESIGN.md §4.1): reference-count checking for the test suite.
//!
//! - **Over-released references** panic: freed objects' memory is never reused (it is
//!   kept, with count 0), so a decrement of a freed object finds count 0 and panics
//!   instead of corrupting memory.
//! - **The collector runs at every safe point** (every `RESUME`/`JUMP_BACKWARD` after an
//!   allocation of a container), so objects that traverse wrongly fail early.
//! - **Leaks**: every live object is recorded; [`report_leaks`] (at exit, after the main
//!   module, `sys.modules` and a full collection have released what the program made)
//!   lists the objects created by the program that are still alive, by type.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

use crate::object::PyObject;

thread_local! {
    static LIVE: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
    static BASELINE: RefCell<Option<HashSet<usize>>> = const { RefCell::new(None) };
}

/// An object was allocated.
pub fn on_alloc(obj: *const PyObject) {
    let _ = LIVE.try_with(|l| l.borrow_mut().insert(obj as usize));
}

/// An object was freed.
pub fn on_free(obj: *const PyObject) {
    let _ = LIVE.try_with(|l| l.borrow_mut().remove(&(obj as usize)));
}

/// Remember what is alive before the program runs.
pub fn set_baseline() {
    let live = LIVE.with(|l| l.borrow().clone());
    BASELINE.with(|b| *b.borrow_mut() = Some(live));
}

/// The objects created since the baseline that are still alive, counted by type name.
pub fn leaks(vm: &crate::vm::Vm) -> BTreeMap<String, usize> {
    let mut base = BASELINE.with(|b| b.borrow().clone()).unwrap_or_default();
    base.extend(vm.interned_addrs());
    let mut out = BTreeMap::new();
    LIVE.with(|l| {
        for &a in l.borrow().iter() {
            if base.contains(&a) {
                continue;
            }
            // SAFETY: recorded objects are alive (their memory is never reused here).
            let o = unsafe { &*(a as *const PyObject) };
            if o.is_immortal() {
                continue;
            }
            *out.entry(o.ob_type().name()).or_insert(0) += 1;
        }
    });
    out
}

/// Print the leaks to stderr; returns how many objects leaked.
pub fn report_leaks(vm: &crate::vm::Vm) -> usize {
    let l = leaks(vm);
    let n: usize = l.values().sum();
    if n > 0 {
        let parts: Vec<String> = l.iter().map(|(t, c)| format!("{t}: {c}")).collect();
        eprintln!("refcheck: {n} objects leaked ({})", parts.join(", "));
    }
    n
}
