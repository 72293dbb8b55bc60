//! Free lists: the memory of recently freed objects of one exact built-in type, kept for
//! the next object of that type (CPython's `struct _Py_freelists`: floats, ints above the
//! small-int cache, …).
//!
//! Arithmetic on floats and on ints outside -5..=256 allocates one object per result and
//! frees one per dead operand; handing the block straight back skips the allocator's
//! size-class lookup and its free path. A list holds at most `CAP` blocks per thread (the
//! lists are thread-local, so no lock and no GIL is needed to touch them). Only objects
//! of the *exact* type go here (no managed prefix, no GC head): the block's layout is
//! always `Layout::new::<PyInner<T>>()`.
//!
//! Under the `refcheck` feature freed memory is never reused, so the lists stay empty.

use std::alloc::{dealloc as free, Layout};
use std::cell::UnsafeCell;

use super::inner::PyInner;

/// How many freed blocks a list keeps (CPython keeps 100 floats).
pub const CAP: usize = 100;

/// A stack of freed blocks, all of layout `Layout::new::<PyInner<T>>()` for one `T`.
pub struct FreeList {
    len: usize,
    items: [*mut u8; CAP],
}

impl FreeList {
    pub const fn new() -> FreeList {
        FreeList { len: 0, items: [std::ptr::null_mut(); CAP] }
    }
}

/// Take a block for a new `PyInner<T>`, if one is kept.
///
/// # Safety
/// Every block in `list` has the layout of `PyInner<T>`.
#[inline(always)]
pub unsafe fn pop<T>(list: &'static std::thread::LocalKey<UnsafeCell<FreeList>>) -> Option<*mut PyInner<T>> {
    if cfg!(feature = "refcheck") {
        return None;
    }
    list.with(|l| {
        // SAFETY: thread-local and never borrowed across a call.
        let l = unsafe { &mut *l.get() };
        if l.len == 0 {
            return None;
        }
        l.len -= 1;
        Some(l.items[l.len] as *mut PyInner<T>)
    })
}

/// Keep the block of a freed `PyInner<T>` (its payload already dropped), or free it when
/// the list is full.
///
/// # Safety
/// `block` was allocated with the layout of `PyInner<T>` and nothing refers to it.
#[inline(always)]
pub unsafe fn push<T>(list: &'static std::thread::LocalKey<UnsafeCell<FreeList>>, block: *mut PyInner<T>) {
    let kept = list.with(|l| {
        // SAFETY: as in `pop`.
        let l = unsafe { &mut *l.get() };
        if l.len == CAP {
            return false;
        }
        l.items[l.len] = block as *mut u8;
        l.len += 1;
        true
    });
    if !kept {
        // SAFETY: the caller's contract.
        unsafe { free(block as *mut u8, Layout::new::<PyInner<T>>()) };
    }
}
