//! The methods of `int` beyond the number slots: `to_bytes`/`from_bytes`,
//! `as_integer_ratio`, `__round__`, `__format__`, and the correctly rounded true division
//! of big integers (`long_true_divide`).

use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::{IBig, UBig};

use crate::error::PyResult;
use crate::object::PyRef;
use crate::types::function::check_arity;
use crate::types::int::{downcast_int, format_error, new_bigint, new_int, new_int_of_type};
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

fn big(o: &PyRef) -> IBig {
    downcast_int(o).unwrap().to_ibig()
}

/// `x * 2**e` without intermediate overflow.
fn ldexp(x: f64, e: i64) -> f64 {
    let mut x = x;
    let mut e = e;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// `a / b` correctly rounded to the nearest float (round half to even).
pub fn true_divide(vm: &Vm, a: &IBig, b: &IBig) -> PyResult<f64> {
    if *b == IBig::ZERO {
        return Err(vm.zero_division_error("division by zero"));
    }
    let negative = (*a < IBig::ZERO) != (*b < IBig::ZERO);
    let (na, nb) = (a.unsigned_abs(), b.unsigned_abs());
    if na == UBig::ZERO {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let k = 55 - (na.bit_len() as i64 - nb.bit_len() as i64);
    let (n, d) = if k >= 0 { (na << k as usize, nb) } else { (na, nb << (-k) as usize) };
    let q = &n / &d;
    let sticky = &q * &d != n;
    let qbits = q.bit_len() as i64;
    let excess = qbits - 53;
    let low_mask = (UBig::ONE << excess as usize) - UBig::ONE;
    let low = &q & &low_mask;
    let mut top = q >> excess as usize;
    let half = UBig::ONE << (excess - 1) as usize;
    if low > half || (low == half && (sticky || top.bit(0))) {
        top += UBig::ONE;
    }
    let top_f = u64::try_from(&top).unwrap() as f64;
    let r = ldexp(top_f, excess - k);
    if r.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -r } else { r })
}

fn kw_arg<'a>(args: &'a [PyRef], kwnames: &'a [PyRef], name: &str) -> Option<&'a PyRef> {
    let npos = args.len() - kwnames.len();
    kwnames.iter().position(|k| pystr::to_string(k) == name).map(|i| &args[npos + i])
}

fn byteorder_little(vm: &Vm, v: Option<&PyRef>, fname: &str) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => {
            let s = pystr::expect_str(vm, v, fname, "argument 'byteorder'")?.to_string_lossy();
            match s.as_str() {
                "little" => Ok(true),
                "big" => Ok(false),
                _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            }
        }
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn int_to_bytes(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let length = match args.get(1).filter(|_| npos > 1).or_else(|| kw_arg(args, kwnames, "length")) {
        Some(l) => crate::protocol::index_as_isize(vm, l)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = byteorder_little(vm, args.get(2).filter(|_| npos > 2).or_else(|| kw_arg(args, kwnames, "byteorder")), "to_bytes")?;
    let signed = match kw_arg(args, kwnames, "signed") {
        Some(s) => crate::protocol::is_true(vm, s)?,
        None => false,
    };
    let v = big(&args[0]);
    if v < IBig::ZERO && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let length = length as usize;
    // Two's complement in `length` bytes.
    let modulus = IBig::ONE << (8 * length);
    let u = if v < IBig::ZERO { &modulus + &v } else { v.clone() };
    let fits = if signed {
        let lim = IBig::ONE << (8 * length).saturating_sub(1);
        v >= -lim.clone() && v < lim
    } else {
        u < modulus
    };
    if !fits || (length == 0 && v != IBig::ZERO) {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let mut bytes = UBig::try_from(u).unwrap_or(UBig::ZERO).to_le_bytes().to_vec();
    bytes.resize(length, 0);
    if !little {
        bytes.reverse();
    }
    Ok(crate::types::bytes_new(&bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
pub fn int_from_bytes(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let Some(data) = args.get(1).filter(|_| npos > 1).or_else(|| kw_arg(args, kwnames, "bytes")) else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let little = byteorder_little(vm, args.get(2).filter(|_| npos > 2).or_else(|| kw_arg(args, kwnames, "byteorder")), "from_bytes")?;
    let signed = match kw_arg(args, kwnames, "signed") {
        Some(s) => crate::protocol::is_true(vm, s)?,
        None => false,
    };
    let mut bytes: Vec<u8> = Vec::new();
    for it in crate::protocol::iterate(vm, data)? {
        let b = crate::protocol::index_as_isize(vm, &it)?;
        if !(0..=255).contains(&b) {
            return Err(vm.value_error("bytes must be in range(0, 256)"));
        }
        bytes.push(b as u8);
    }
    if !little {
        bytes.reverse();
    }
    let mut v = IBig::from(UBig::from_le_bytes(&bytes));
    if signed && bytes.last().is_some_and(|&b| b & 0x80 != 0) {
        v -= IBig::ONE << (8 * bytes.len());
    }
    let cls = type_::as_type(vm, &args[0])?;
    if std::ptr::eq(cls, &*crate::types::int::INT_TYPE) {
        return Ok(new_bigint(v));
    }
    crate::protocol::call(vm, &args[0], &[new_bigint(v)], &[])
}

pub fn int_as_integer_ratio(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(tuple::new_tuple(vec![new_bigint(big(&args[0])), new_int(1)]))
}

pub fn int_is_integer(_vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(none::true_())
}

/// `int.__round__(ndigits=None)`: round half to even at 10**-ndigits.
pub fn int_round_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__round__", &args[1..], 0, 1)?;
    let v = big(&args[0]);
    match args.get(1).filter(|n| !n.is(none::none_ref())) {
        None => Ok(new_bigint(v)),
        Some(n) => {
            let nd = crate::protocol::index(vm, n)?;
            Ok(new_bigint(crate::format::int_round(&v, &big(&nd))))
        }
    }
}

/// `int.__format__(spec)`.
pub fn int_format(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__format__", &args[1..], 1, 1)?;
    let spec = pystr::expect_str(vm, &args[1], "__format__", "argument")?.to_string_lossy();
    if spec.is_empty() {
        return crate::protocol::str(vm, &args[0]);
    }
    let s = crate::format::format_int(&big(&args[0]), &spec, &args[0].ob_type().name()).map_err(|e| format_error(vm, e))?;
    Ok(pystr::new_str(&s))
}

pub fn int_getnewargs(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(tuple::new_tuple(vec![new_bigint(big(&args[0]))]))
}

/// `int.__sizeof__`: CPython's layout (24 bytes + 4 per 30-bit digit beyond the first).
pub fn int_sizeof(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let bits = big(&args[0]).unsigned_abs().bit_len();
    let digits = bits.div_ceil(30).max(1);
    Ok(new_int(24 + 4 * (digits as i64 - 1)))
}

#[allow(dead_code)]
fn unused() -> PyRef {
    new_int_of_type(&crate::types::int::INT_TYPE, IBig::ZERO)
}
