//! `float.hex()`, `float.fromhex()` and `round(float, ndigits)` (`Objects/floatobject.c`).
//!
//! `fromhex` rounds the exact value `coefficient × 2**exponent` half-to-even to a double,
//! with CPython's order of checks: syntax of the number first, then overflow, then
//! trailing garbage. `round` rounds the exact binary value half-to-even at the decimal
//! position (CPython's `double_round` asks dtoa mode 3 for the digits) and converts the
//! decimal result back correctly rounded.

use dashu_int::ops::BitTest;
use dashu_int::{IBig, UBig};

use super::{FormatError, FormatResult};

/// `float.hex()`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 { (0, -1022) } else { (1, biased - 1023) };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.unsigned_abs())
}

fn c_isspace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hex_value(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

fn parse_error() -> FormatError {
    FormatError::value("invalid hexadecimal floating-point string")
}

fn overflow_error() -> FormatError {
    FormatError::overflow("hexadecimal value too large to represent as a float")
}

/// `_Py_parse_inf_or_nan`: the length consumed (0 if none) and the value.
fn parse_inf_or_nan(s: &[u8]) -> (usize, f64) {
    let mut i = 0;
    let mut negate = false;
    match s.first() {
        Some(b'-') => {
            negate = true;
            i = 1;
        }
        Some(b'+') => i = 1,
        _ => {}
    }
    let rest = &s[i..];
    let starts = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    if starts(b"inf") {
        let n = if starts(b"infinity") { 8 } else { 3 };
        (i + n, if negate { f64::NEG_INFINITY } else { f64::INFINITY })
    } else if starts(b"nan") {
        (i + 3, if negate { -f64::NAN } else { f64::NAN })
    } else {
        (0, -1.0)
    }
}

/// `m × 2**e` (m > 0) rounded half-to-even to a double; `None` on overflow.
pub(crate) fn ldexp_round(m: &UBig, e: i64) -> Option<f64> {
    let top_exp = e + m.bit_len() as i64;
    if top_exp < -1074 {
        return Some(0.0);
    }
    if top_exp > 1024 {
        return None;
    }
    let lsb = top_exp.max(-1021) - 53;
    let q: u64 = if e >= lsb {
        u64::try_from(&(m << (e - lsb) as usize)).ok()?
    } else {
        let shift = (lsb - e) as usize;
        let mut q = u64::try_from(&(m >> shift)).ok()?;
        let half_bit = m.bit(shift - 1);
        let rest_nonzero = shift >= 2 && (m.clone() & ((UBig::ONE << (shift - 1)) - UBig::ONE)) != UBig::ZERO;
        if half_bit && (rest_nonzero || q & 1 == 1) {
            q += 1;
        }
        q
    };
    let (q, lsb) = if q == 1 << 53 { (q >> 1, lsb + 1) } else { (q, lsb) };
    let bits = if q >= 1 << 52 {
        let biased = lsb + 1075;
        if biased >= 2047 {
            return None;
        }
        ((biased as u64) << 52) | (q & ((1 << 52) - 1))
    } else {
        q // subnormal: lsb == -1074
    };
    Some(f64::from_bits(bits))
}

/// `float.fromhex(text)` (ASCII; any other character is a syntax error).
pub fn float_fromhex(text: &str) -> FormatResult<f64> {
    let s = text.as_bytes();
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < s.len() && c_isspace(s[i]) {
        i += 1;
    }
    let (n, special) = parse_inf_or_nan(&s[i..]);
    let x;
    let mut negate = false;
    if n > 0 {
        i += n;
        x = special;
    } else {
        if at(i) == b'-' {
            negate = true;
            i += 1;
        } else if at(i) == b'+' {
            i += 1;
        }
        if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X') {
            i += 2;
        }
        let mut digits: Vec<u8> = Vec::new();
        while let Some(d) = hex_value(at(i)) {
            digits.push(d as u8);
            i += 1;
        }
        let mut fdigits = 0i64;
        if at(i) == b'.' {
            i += 1;
            while let Some(d) = hex_value(at(i)) {
                digits.push(d as u8);
                fdigits += 1;
                i += 1;
            }
        }
        if digits.is_empty() {
            return Err(parse_error());
        }
        let mut exp: i64 = 0;
        if matches!(at(i), b'p' | b'P') {
            i += 1;
            let start = i;
            if matches!(at(i), b'-' | b'+') {
                i += 1;
            }
            if !at(i).is_ascii_digit() {
                return Err(parse_error());
            }
            while at(i).is_ascii_digit() {
                i += 1;
            }
            // strtol saturates at LONG_MIN/LONG_MAX.
            let t = std::str::from_utf8(&s[start..i]).unwrap_or("0");
            exp = t.parse::<i64>().unwrap_or(if t.starts_with('-') { i64::MIN } else { i64::MAX });
        }
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        let digits = &digits[lead..];
        if digits.is_empty() || exp < i64::MIN / 2 {
            x = 0.0;
        } else {
            if exp > i64::MAX / 2 {
                return Err(overflow_error());
            }
            let mut m = UBig::ZERO;
            for &d in digits {
                m = (m << 4) + UBig::from(d);
            }
            x = ldexp_round(&m, exp - 4 * fdigits).ok_or_else(overflow_error)?;
        }
    }
    while i < s.len() && c_isspace(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Err(parse_error());
    }
    Ok(if negate { -x } else { x })
}

/// `round(x)` with no ndigits: the nearest int, ties to even.
pub fn float_round_to_int(x: f64) -> FormatResult<IBig> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow("cannot convert float infinity to integer"));
    }
    let r = x.round_ties_even();
    Ok(float_to_int_exact(r))
}

/// `int(x)` for a finite float: truncation toward zero.
pub(crate) fn float_trunc_to_int(x: f64) -> IBig {
    float_to_int_exact(x.trunc())
}

/// The integer value of an integral finite float.
fn float_to_int_exact(x: f64) -> IBig {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        return IBig::ZERO;
    }
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    let e = biased - 1075;
    let mag = if e >= 0 { UBig::from(m) << e as usize } else { UBig::from(m >> (-e).min(63) as u32) };
    let v = IBig::from(mag);
    if x < 0.0 { -v } else { v }
}

/// Half-to-even rounding of num/den (den > 0).
fn div_round_half_even(num: &UBig, den: &UBig) -> UBig {
    let q = num / den;
    let r = num - &q * den;
    let twice = &r << 1;
    if twice > *den || (twice == *den && q.bit(0)) {
        q + UBig::ONE
    } else {
        q
    }
}

/// `round(x, ndigits)` for a float (`float.__round__` with an int ndigits).
pub fn float_round(x: f64, ndigits: i64) -> FormatResult<f64> {
    if !x.is_finite() {
        return Ok(x);
    }
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return Ok(x);
    }
    // |x| = m × 2**e exactly.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 { (frac, -1074) } else { (frac | (1 << 52), biased - 1075) };
    // q = round(|x| × 10**ndigits); result = q × 10**-ndigits.
    let ten = UBig::from(10u8);
    let mut num = UBig::from(m);
    let mut den = UBig::ONE;
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if ndigits >= 0 {
        num *= ten.pow(ndigits as usize);
    } else {
        den *= ten.pow((-ndigits) as usize);
    }
    let q = div_round_half_even(&num, &den);
    let y = if q == UBig::ZERO {
        0.0
    } else {
        let text = format!("{}e{}", q, -ndigits);
        text.parse::<f64>().unwrap_or(f64::INFINITY)
    };
    if y.is_infinite() {
        return Err(FormatError::overflow("rounded value too large to represent"));
    }
    Ok(if negative { -y } else { y })
}
