//! The arithmetic, comparison and conversion slots of `int` (i64 fast paths, big-integer
//! fallbacks with CPython's floor semantics for `//` and `%`).

use std::cell::Cell;

use dashu_int::IBig;

use crate::error::PyResult;
use crate::object::typeobj::{CompareOp, NumberSlots};
use crate::object::{PyObject, PyRef};
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::int::{downcast_int, format_error, hash_int_value, new_bigint, new_int, new_int_of_type, IntValue, PyInt};
use crate::types::{float, none, str as pystr, type_};
use crate::vm::Vm;

pub const INT_NUMBER: NumberSlots = NumberSlots {
    nb_add: Cell::new(Some(int_add)),
    nb_subtract: Cell::new(Some(int_sub)),
    nb_multiply: Cell::new(Some(int_mul)),
    nb_remainder: Cell::new(Some(int_mod)),
    nb_divmod: Cell::new(Some(int_divmod)),
    nb_power: Cell::new(Some(int_pow)),
    nb_negative: Cell::new(Some(int_neg)),
    nb_positive: Cell::new(Some(int_pos)),
    nb_absolute: Cell::new(Some(int_abs)),
    nb_bool: Cell::new(Some(int_bool)),
    nb_invert: Cell::new(Some(int_invert)),
    nb_lshift: Cell::new(Some(int_lshift)),
    nb_rshift: Cell::new(Some(int_rshift)),
    nb_and: Cell::new(Some(int_and)),
    nb_xor: Cell::new(Some(int_xor)),
    nb_or: Cell::new(Some(int_or)),
    nb_int: Cell::new(Some(int_pos)),
    nb_float: Cell::new(Some(int_float)),
    nb_floor_divide: Cell::new(Some(int_floordiv)),
    nb_true_divide: Cell::new(Some(int_truediv)),
    nb_index: Cell::new(Some(int_pos)),
    ..NumberSlots::EMPTY
};

pub static INT_METHODS: &[MethodDef] = &[
    MethodDef::method("bit_length", int_bit_length),
    MethodDef::method("bit_count", int_bit_count),
    MethodDef::method("conjugate", int_conjugate),
    MethodDef::method("to_bytes", crate::types::int_methods::int_to_bytes),
    MethodDef::classmethod("from_bytes", crate::types::int_methods::int_from_bytes),
    MethodDef::method("as_integer_ratio", crate::types::int_methods::int_as_integer_ratio),
    MethodDef::method("is_integer", crate::types::int_methods::int_is_integer),
    MethodDef::method("__trunc__", int_conjugate),
    MethodDef::method("__floor__", int_conjugate),
    MethodDef::method("__ceil__", int_conjugate),
    MethodDef::method("__round__", crate::types::int_methods::int_round_m),
    MethodDef::method("__format__", crate::types::int_methods::int_format),
    MethodDef::method("__getnewargs__", crate::types::int_methods::int_getnewargs),
    MethodDef::method("__sizeof__", crate::types::int_methods::int_sizeof),
];

pub static INT_GETSET: &[GetSetDef] = &[
    GetSetDef::new("real", int_real, None),
    GetSetDef::new("imag", int_imag, None),
    GetSetDef::new("numerator", int_real, None),
    GetSetDef::new("denominator", int_denominator, None),
];

fn big(i: &PyInt) -> IBig {
    i.to_ibig()
}

macro_rules! both_ints {
    ($a:ident, $b:ident) => {
        match (downcast_int($a), downcast_int($b)) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(none::not_implemented()),
        }
    };
}

pub fn int_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let i = downcast_int(o).unwrap();
    let s = match &i.value {
        IntValue::Small(n) => n.to_string(),
        IntValue::Big(b) => crate::format::int_to_decimal(b, crate::format::max_str_digits()).map_err(|e| format_error(vm, e))?,
    };
    Ok(pystr::new_str(&s))
}

pub fn int_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    Ok(hash_int_value(downcast_int(o).unwrap()))
}

fn cmp_ints(x: &PyInt, y: &PyInt) -> std::cmp::Ordering {
    match (x.as_i64(), y.as_i64()) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => big(x).cmp(&big(y)),
    }
}

pub fn int_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    let o = cmp_ints(x, y);
    use std::cmp::Ordering::*;
    let r = match op {
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    };
    Ok(none::bool_(r))
}

pub fn int_add(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if let Some(r) = p.checked_add(q) {
            return Ok(new_int(r));
        }
    }
    Ok(new_bigint(big(x) + big(y)))
}

pub fn int_sub(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if let Some(r) = p.checked_sub(q) {
            return Ok(new_int(r));
        }
    }
    Ok(new_bigint(big(x) - big(y)))
}

pub fn int_mul(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if let Some(r) = p.checked_mul(q) {
            return Ok(new_int(r));
        }
    }
    Ok(new_bigint(big(x) * big(y)))
}

/// Floor division and modulo with Python's signs.
fn divmod_big(a: IBig, b: IBig) -> (IBig, IBig) {
    let q = &a / &b;
    let r = &a - &q * &b;
    if r != IBig::ZERO && ((r < IBig::ZERO) != (b < IBig::ZERO)) {
        (q - IBig::ONE, r + b)
    } else {
        (q, r)
    }
}

fn divmod_i64(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a - q * b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

fn is_zero(i: &PyInt) -> bool {
    i.as_i64() == Some(0)
}

pub fn int_floordiv(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if is_zero(y) {
        return Err(vm.zero_division_error("integer division or modulo by zero"));
    }
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if let Some((d, _)) = divmod_i64(p, q) {
            return Ok(new_int(d));
        }
    }
    Ok(new_bigint(divmod_big(big(x), big(y)).0))
}

pub fn int_mod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if is_zero(y) {
        return Err(vm.zero_division_error("integer modulo by zero"));
    }
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if let Some((_, m)) = divmod_i64(p, q) {
            return Ok(new_int(m));
        }
    }
    Ok(new_bigint(divmod_big(big(x), big(y)).1))
}

fn int_divmod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if is_zero(y) {
        return Err(vm.zero_division_error("integer division or modulo by zero"));
    }
    let (q, r) = divmod_big(big(x), big(y));
    Ok(crate::types::tuple::new_tuple(vec![new_bigint(q), new_bigint(r)]))
}

fn int_truediv(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if is_zero(y) {
        return Err(vm.zero_division_error("division by zero"));
    }
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        if p.unsigned_abs() < 1 << 53 && q.unsigned_abs() < 1 << 53 {
            return Ok(float::new_float(p as f64 / q as f64));
        }
    }
    crate::types::int_methods::true_divide(vm, &big(x), &big(y)).map(float::new_float)
}

fn int_pow(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    if !m.is(none::none_ref()) {
        let Some(z) = downcast_int(m) else { return Ok(none::not_implemented()) };
        if is_zero(z) {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let modulus = big(z);
        let mut e = big(y);
        let negative_mod = modulus < IBig::ZERO;
        let modulus = if negative_mod { -modulus } else { modulus };
        let mut base = divmod_big(big(x), modulus.clone()).1;
        if e < IBig::ZERO {
            // A negative exponent: the modular inverse of the base (3.8+).
            base = mod_inverse(&base, &modulus).ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
            e = -e;
        }
        let mut result = IBig::ONE;
        while e > IBig::ZERO {
            if (&e % IBig::from(2u8)) == IBig::ONE {
                result = divmod_big(result * &base, modulus.clone()).1;
            }
            base = divmod_big(&base * &base, modulus.clone()).1;
            e >>= 1;
        }
        let r = divmod_big(result, modulus.clone()).1;
        // The result takes the sign of the modulus.
        let r = if negative_mod && r != IBig::ZERO { r - modulus } else { r };
        return Ok(new_bigint(r));
    }
    let e = big(y);
    if e < IBig::ZERO {
        let fx = crate::format::int_to_f64(&big(x)).map_err(|e| format_error(vm, e))?;
        let fe = crate::format::int_to_f64(&e).map_err(|e| format_error(vm, e))?;
        if fx == 0.0 {
            return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(float::new_float(fx.powf(fe)));
    }
    let Ok(exp) = usize::try_from(&e) else {
        return Err(vm.overflow_error("exponent too large"));
    };
    if let Some(p) = x.as_i64() {
        if let Ok(e32) = u32::try_from(exp) {
            if let Some(r) = p.checked_pow(e32) {
                return Ok(new_int(r));
            }
        }
    }
    Ok(new_bigint(big(x).pow(exp)))
}

/// The inverse of `a` modulo `m` (m > 0), if gcd(a, m) == 1.
fn mod_inverse(a: &IBig, m: &IBig) -> Option<IBig> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (IBig::ONE, IBig::ZERO);
    while r != IBig::ZERO {
        let q = divmod_big(old_r.clone(), r.clone()).0;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r != IBig::ONE {
        return None;
    }
    Some(divmod_big(old_s, m.clone()).1)
}

fn int_neg(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = downcast_int(a).unwrap();
    if let Some(p) = x.as_i64() {
        if let Some(r) = p.checked_neg() {
            return Ok(new_int(r));
        }
    }
    Ok(new_bigint(-big(x)))
}

/// `+x`, `int(x)`, `x.__index__()`: the exact int value (a new plain int for subclasses).
pub fn int_pos(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(a.ob_type(), &*crate::types::int::INT_TYPE) {
        return Ok(a.to_ref());
    }
    Ok(new_bigint(big(downcast_int(a).unwrap())))
}

fn int_abs(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = downcast_int(a).unwrap();
    if cmp_ints(x, &PyInt { value: IntValue::Small(0) }) == std::cmp::Ordering::Less {
        int_neg(vm, a)
    } else {
        int_pos(vm, a)
    }
}

fn int_bool(_vm: &Vm, a: &PyObject) -> PyResult<bool> {
    Ok(!is_zero(downcast_int(a).unwrap()))
}

fn int_invert(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = downcast_int(a).unwrap();
    match x.as_i64() {
        Some(p) => Ok(new_int(!p)),
        None => Ok(new_bigint(-big(x) - IBig::ONE)),
    }
}

fn int_lshift(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    let s = big(y);
    if s < IBig::ZERO {
        return Err(vm.value_error("negative shift count"));
    }
    let Ok(s) = usize::try_from(&s) else {
        return Err(vm.overflow_error("too many digits in integer"));
    };
    Ok(new_bigint(big(x) << s))
}

fn int_rshift(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    let s = big(y);
    if s < IBig::ZERO {
        return Err(vm.value_error("negative shift count"));
    }
    let s = usize::try_from(&s).unwrap_or(usize::MAX);
    let v = big(x);
    if s >= 1 << 20 {
        return Ok(new_int(if v < IBig::ZERO { -1 } else { 0 }));
    }
    Ok(new_bigint(v >> s))
}

pub fn int_and(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    match (x.as_i64(), y.as_i64()) {
        (Some(p), Some(q)) => Ok(new_int(p & q)),
        _ => Ok(new_bigint(big(x) & big(y))),
    }
}

pub fn int_or(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    match (x.as_i64(), y.as_i64()) {
        (Some(p), Some(q)) => Ok(new_int(p | q)),
        _ => Ok(new_bigint(big(x) | big(y))),
    }
}

pub fn int_xor(_vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = both_ints!(a, b);
    match (x.as_i64(), y.as_i64()) {
        (Some(p), Some(q)) => Ok(new_int(p ^ q)),
        _ => Ok(new_bigint(big(x) ^ big(y))),
    }
}

fn int_float(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let v = crate::format::int_to_f64(&big(downcast_int(a).unwrap())).map_err(|e| format_error(vm, e))?;
    Ok(float::new_float(v))
}

/// `int(x=0)`, `int(x, base=10)`.
pub fn int_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    crate::types::function::no_kwargs(vm, "int", kwnames)?;
    let value = match args {
        [] => IBig::ZERO,
        [x] => crate::protocol::number_int(vm, x)?,
        [x, base] => {
            let b = crate::protocol::index_as_isize(vm, base)? as i64;
            let Some(s) = pystr::downcast_str(x) else {
                return Err(vm.type_error("int() can't convert non-string with explicit base"));
            };
            let text = s.to_string_lossy();
            let repr = || s.repr();
            crate::format::int_from_str(&text, b, repr).map_err(|e| format_error(vm, e))?
        }
        _ => return Err(vm.type_error(format!("int() takes at most 2 arguments ({} given)", args.len()))),
    };
    Ok(new_int_of_type(tp, value))
}

fn int_bit_length(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let x = big(downcast_int(&args[0]).unwrap());
    use dashu_int::ops::{BitTest, UnsignedAbs};
    Ok(new_int(x.unsigned_abs().bit_len() as i64))
}

fn int_bit_count(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let i = downcast_int(&args[0]).unwrap();
    let n = match i.as_i64() {
        Some(v) => v.unsigned_abs().count_ones() as i64,
        None => {
            use dashu_int::ops::UnsignedAbs;
            let m = big(i).unsigned_abs();
            let bytes = m.to_le_bytes();
            bytes.iter().map(|b| b.count_ones() as i64).sum()
        }
    };
    Ok(new_int(n))
}

fn int_conjugate(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    int_pos(vm, &args[0])
}

fn int_real(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    int_pos(vm, o)
}
fn int_imag(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(new_int(0))
}
fn int_denominator(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(new_int(1))
}

