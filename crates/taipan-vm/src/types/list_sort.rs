//! `list.sort` and the stable sort behind `sorted`.
//!
//! A stable merge sort (binary insertion sort on short runs, then bottom-up merges) that
//! only asks `a < b` and stops at the first exception. Stability fixes the result for any
//! consistent `<`, so it equals CPython's timsort output. `reverse=True` is done as
//! CPython does: reverse, stable sort, reverse back (equal items keep their order).
//! While sorting, the list is emptied; if it is non-empty afterwards Python code changed
//! it meanwhile: "list modified during sort".

use crate::error::PyResult;
use crate::object::typeobj::CompareOp;
use crate::object::PyRef;
use crate::vm::Vm;

const RUN: usize = 32;

/// What every key is, when all keys share one exact type whose `<` needs no Python code
/// (CPython's `unsafe_long_compare`, `unsafe_float_compare`, `unsafe_latin_compare`
/// pre-check in `list.sort`).
enum KeyKind {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Str,
    Other,
}

fn key_kind(keys: &[PyRef]) -> KeyKind {
    use crate::types::{float, int, str as pystr};
    let Some(first) = keys.first() else { return KeyKind::Other };
    let tp = first.ob_type();
    if !keys.iter().all(|k| std::ptr::eq(k.ob_type(), tp)) {
        return KeyKind::Other;
    }
    if std::ptr::eq(tp, &*int::INT_TYPE) {
        let v: Option<Vec<i64>> = keys.iter().map(|k| int::downcast_int(k).and_then(|i| i.as_i64())).collect();
        return v.map_or(KeyKind::Other, KeyKind::Int);
    }
    if std::ptr::eq(tp, &*float::FLOAT_TYPE) {
        return KeyKind::Float(keys.iter().map(|k| k.downcast::<float::PyFloat>().unwrap().value).collect());
    }
    if std::ptr::eq(tp, &*pystr::STR_TYPE) {
        return KeyKind::Str;
    }
    KeyKind::Other
}

/// The stable sorted permutation of `keys` (indices).
pub fn sort_indices(vm: &Vm, keys: &[PyRef]) -> PyResult<Vec<usize>> {
    use crate::types::str as pystr;
    match key_kind(keys) {
        KeyKind::Int(v) => sort_by(keys.len(), |a, b| Ok(v[a] < v[b])),
        KeyKind::Float(v) => sort_by(keys.len(), |a, b| Ok(v[a] < v[b])),
        KeyKind::Str => sort_by(keys.len(), |a, b| Ok(pystr::str_data(&keys[a]) < pystr::str_data(&keys[b]))),
        KeyKind::Other => sort_by(keys.len(), |a, b| crate::protocol::richcompare_bool(vm, &keys[a], &keys[b], CompareOp::Lt)),
    }
}

/// The stable sorted permutation of `0..n` under `lt(a, b)` (`keys[a] < keys[b]`).
fn sort_by(n: usize, mut lt: impl FnMut(usize, usize) -> PyResult<bool>) -> PyResult<Vec<usize>> {
    let mut idx: Vec<usize> = (0..n).collect();
    // binary insertion sort on runs
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = idx[i];
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(x, idx[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            idx.copy_within(lo..i, lo + 1);
            idx[lo] = x;
        }
        start = end;
    }
    let mut width = RUN;
    let mut buf = vec![0usize; n];
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            // Runs already in order (the first of the right not below the last of the
            // left) are copied as they are: sorted input costs one comparison per run.
            if mid < hi && !lt(idx[mid], idx[mid - 1])? {
                buf[lo..hi].copy_from_slice(&idx[lo..hi]);
                lo = hi;
                continue;
            }
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if lt(idx[j], idx[i])? {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&idx[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&idx[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    Ok(idx)
}

/// Sort `items` in place (stable) by `key` (None: the items), optionally reversed.
pub fn sort_vec(vm: &Vm, items: &mut Vec<PyRef>, key: Option<&PyRef>, reverse: bool) -> PyResult<()> {
    if reverse {
        items.reverse();
    }
    let keys: Vec<PyRef> = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                ks.push(crate::protocol::call(vm, k, &[it.clone()], &[])?);
            }
            ks
        }
        None => items.clone(),
    };
    let r = sort_indices(vm, &keys);
    if let Ok(idx) = &r {
        let sorted: Vec<PyRef> = idx.iter().map(|&i| items[i].clone()).collect();
        *items = sorted;
    }
    if reverse {
        items.reverse();
    }
    r.map(|_| ())
}
