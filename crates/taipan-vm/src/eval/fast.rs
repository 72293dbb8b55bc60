//! Fast paths for the commonest operand types of `BINARY_OP`, `COMPARE_OP`,
//! `BINARY_SUBSCR` and `STORE_SUBSCR` (the work of 3.13's specialized forms
//! `BINARY_OP_ADD_INT`, `BINARY_OP_MULTIPLY_FLOAT`, `COMPARE_OP_INT`, `COMPARE_OP_FLOAT`,
//! `COMPARE_OP_STR`, `BINARY_SUBSCR_LIST_INT`, `BINARY_SUBSCR_TUPLE_INT`,
//! `BINARY_SUBSCR_DICT`, `STORE_SUBSCR_LIST_INT`).
//!
//! Each function answers `None` when its guard fails (operand types are not exact
//! `int`/`float`/`str`/`list`/`tuple`/`dict`, an int does not fit in 64 bits, a result
//! would overflow, an error would have to be raised), and the instruction then takes the
//! general protocol path, which produces every error message. Exact built-in types have
//! no Python-level overrides, so the results equal the protocol's.

use std::cmp::Ordering;

use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::protocol::nb;
use crate::types::float::{self, PyFloat};
use crate::types::int::{self, IntValue, PyInt};
use crate::types::list::{self, PyList};
use crate::types::tuple::{self, PyTuple};
use crate::types::{dict, str as pystr};
use crate::vm::Vm;

#[inline(always)]
fn is(obj: &PyObject, tp: &PyTypeObject) -> bool {
    std::ptr::eq(obj.ob_type(), tp)
}

/// The value of an exact int that fits in an i64.
#[inline(always)]
fn small_int(obj: &PyObject) -> Option<i64> {
    if !is(obj, &int::INT_TYPE) {
        return None;
    }
    // SAFETY: an exact int.
    match unsafe { &obj.payload_unchecked::<PyInt>().value } {
        IntValue::Small(n) => Some(*n),
        IntValue::Big(_) => None,
    }
}

/// The value of an exact float, or of an exact small int where a float is the other operand.
#[inline(always)]
fn exact_float(obj: &PyObject) -> Option<f64> {
    if is(obj, &float::FLOAT_TYPE) {
        // SAFETY: an exact float.
        Some(unsafe { obj.payload_unchecked::<PyFloat>() }.value)
    } else {
        None
    }
}

/// `int op int` on machine integers; None on overflow or an operation left to int itself.
#[inline(always)]
fn int_op(x: i64, y: i64, op: u32) -> Option<i64> {
    match op {
        nb::ADD => x.checked_add(y),
        nb::SUBTRACT => x.checked_sub(y),
        nb::MULTIPLY => x.checked_mul(y),
        nb::AND => Some(x & y),
        nb::OR => Some(x | y),
        nb::XOR => Some(x ^ y),
        nb::RSHIFT if y >= 0 => Some(x >> y.min(63)),
        nb::LSHIFT if (0..64).contains(&y) => {
            let r = x << y;
            (r >> y == x).then_some(r)
        }
        nb::FLOOR_DIVIDE if y != 0 => {
            let q = x.checked_div(y)?;
            Some(if x % y != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q })
        }
        nb::REMAINDER if y != 0 => {
            let r = x.checked_rem(y)?;
            Some(if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r })
        }
        _ => None,
    }
}

/// `BINARY_OP` (and its in-place forms) on exact ints and floats.
#[inline(always)]
pub fn binary_op(a: &PyObject, b: &PyObject, oparg: u32) -> Option<PyRef> {
    let op = if oparg >= nb::INPLACE { oparg - nb::INPLACE } else { oparg };
    if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
        if let Some(r) = int_op(x, y, op) {
            return Some(int::new_int(r));
        }
        // int / int: correctly rounded when both are exact as doubles.
        const EXACT: i64 = 1 << 53;
        if op == nb::TRUE_DIVIDE && y != 0 && (-EXACT..=EXACT).contains(&x) && (-EXACT..=EXACT).contains(&y) {
            return Some(float::new_float(x as f64 / y as f64));
        }
        return None;
    }
    float_binary(a, b, oparg).map(float::new_float)
}

/// `BINARY_OP` where one operand is an exact float and the other an exact float or a
/// 64-bit int, for `+ - * /` (no error possible): the result value.
#[inline(always)]
pub fn float_binary(a: &PyObject, b: &PyObject, oparg: u32) -> Option<f64> {
    let op = if oparg >= nb::INPLACE { oparg - nb::INPLACE } else { oparg };
    let (x, y) = match (exact_float(a), exact_float(b)) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) => (x, small_int(b)? as f64),
        (None, Some(y)) => (small_int(a)? as f64, y),
        (None, None) => return None,
    };
    Some(match op {
        nb::ADD => x + y,
        nb::SUBTRACT => x - y,
        nb::MULTIPLY => x * y,
        nb::TRUE_DIVIDE if y != 0.0 => x / y,
        _ => return None,
    })
}

/// An exact float that only the caller refers to, so its value may be overwritten
/// instead of allocating a result (nothing else can observe the change).
#[inline(always)]
pub fn unique_float(o: &PyObject) -> bool {
    o.refcnt() == 1 && is(o, &float::FLOAT_TYPE)
}

#[inline(always)]
fn ordering_result(o: Ordering, cmp: CompareOp) -> bool {
    match cmp {
        CompareOp::Lt => o == Ordering::Less,
        CompareOp::Le => o != Ordering::Greater,
        CompareOp::Eq => o == Ordering::Equal,
        CompareOp::Ne => o != Ordering::Equal,
        CompareOp::Gt => o == Ordering::Greater,
        CompareOp::Ge => o != Ordering::Less,
    }
}

/// `COMPARE_OP` on two exact small ints, two exact floats, or `==`/`!=` on two exact strs.
#[inline(always)]
pub fn compare_op(a: &PyObject, b: &PyObject, cmp: CompareOp) -> Option<bool> {
    if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
        return Some(ordering_result(x.cmp(&y), cmp));
    }
    if let (Some(x), Some(y)) = (exact_float(a), exact_float(b)) {
        return Some(match cmp {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        });
    }
    if is(a, &pystr::STR_TYPE) && is(b, &pystr::STR_TYPE) {
        if matches!(cmp, CompareOp::Eq | CompareOp::Ne) {
            let eq = a.is(b) || pystr::str_eq(pystr::str_data(a), pystr::str_data(b));
            return Some(eq == matches!(cmp, CompareOp::Eq));
        }
        return Some(ordering_result(pystr::str_data(a).cmp(pystr::str_data(b)), cmp));
    }
    None
}

/// A sequence index in range, negative indices counting from the end.
#[inline(always)]
fn index_in(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// `BINARY_SUBSCR` on a list or tuple with an int index in range, or on a dict holding
/// the key.
#[inline(always)]
pub fn binary_subscr(vm: &Vm, container: &PyObject, sub: &PyObject) -> Option<PyRef> {
    if is(container, &list::LIST_TYPE) {
        // SAFETY: an exact list.
        let items = unsafe { container.payload_unchecked::<PyList>() }.items.borrow();
        let i = index_in(small_int(sub)?, items.len())?;
        return Some(items[i].clone());
    }
    if is(container, &tuple::TUPLE_TYPE) {
        // SAFETY: an exact tuple.
        let items = &unsafe { container.payload_unchecked::<PyTuple>() }.items;
        let i = index_in(small_int(sub)?, items.len())?;
        return Some(items[i].clone());
    }
    if is(container, &dict::DICT_TYPE) && (is(sub, &pystr::STR_TYPE) || is(sub, &int::INT_TYPE)) {
        // Exact str and int keys hash and compare without running Python code; a miss
        // goes the general way, which raises the KeyError.
        return dict::get_item(vm, container, sub).ok().flatten();
    }
    None
}

/// `STORE_SUBSCR` on a list with an int index in range: `Ok(())` when stored, else the
/// value back.
#[inline(always)]
pub fn store_subscr(container: &PyObject, sub: &PyObject, v: PyRef) -> Result<(), PyRef> {
    if !is(container, &list::LIST_TYPE) {
        return Err(v);
    }
    let Some(i) = small_int(sub) else { return Err(v) };
    // SAFETY: an exact list.
    let l = unsafe { container.payload_unchecked::<PyList>() };
    let mut items = l.items.borrow_mut();
    let Some(i) = index_in(i, items.len()) else { return Err(v) };
    let old = std::mem::replace(&mut items[i], v);
    drop(items);
    drop(old); // may run __del__: the list is not borrowed any more
    Ok(())
}

/// `TO_BOOL` of a bool, None, an exact int, str, list, tuple or dict (3.13's
/// `TO_BOOL_BOOL`, `TO_BOOL_NONE`, `TO_BOOL_INT`, `TO_BOOL_STR`, `TO_BOOL_LIST`).
#[inline(always)]
pub fn to_bool(v: &PyObject) -> Option<bool> {
    if v.is(int::TRUE.as_object()) {
        return Some(true);
    }
    if v.is(int::FALSE.as_object()) || v.is(crate::types::none::none_ref()) {
        return Some(false);
    }
    if is(v, &int::INT_TYPE) {
        // SAFETY: an exact int.
        return match unsafe { &v.payload_unchecked::<PyInt>().value } {
            IntValue::Small(n) => Some(*n != 0),
            IntValue::Big(_) => None,
        };
    }
    if is(v, &pystr::STR_TYPE) {
        return Some(!pystr::str_data(v).is_empty());
    }
    if is(v, &list::LIST_TYPE) {
        // SAFETY: an exact list.
        return Some(!unsafe { v.payload_unchecked::<PyList>() }.items.borrow().is_empty());
    }
    if is(v, &tuple::TUPLE_TYPE) {
        // SAFETY: an exact tuple.
        return Some(!unsafe { v.payload_unchecked::<PyTuple>() }.items.is_empty());
    }
    None
}
