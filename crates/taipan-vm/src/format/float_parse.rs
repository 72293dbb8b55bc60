//! `float(text)` (`PyFloat_FromString`): Unicode digits and whitespace are first mapped to
//! ASCII, outer whitespace is stripped, underscores are allowed only between digits, and
//! the rest must be a decimal literal or `inf`/`infinity`/`nan` (any case, optional sign;
//! `-nan` keeps its sign bit). Decimal → binary conversion is Rust's correctly rounded
//! `str::parse::<f64>` (dtoa's `_Py_dg_strtod` is correctly rounded too); overflow gives
//! ±inf and underflow ±0, as in CPython.

use super::int_str::transform_decimal_and_space;
use super::{FormatError, FormatResult};

fn c_isspace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `float(text)`; `repr` supplies the argument's `repr()` for the error message.
pub fn float_from_str(text: &str, repr: impl FnOnce() -> String) -> FormatResult<f64> {
    let buf = transform_decimal_and_space(text);
    parse_float_ascii(&buf).ok_or_else(|| FormatError::value(format!("could not convert string to float: {}", repr())))
}

/// The ASCII core of `float()` (also `float(bytes)`): `None` for a syntax error.
pub fn parse_float_ascii(s: &[u8]) -> Option<f64> {
    let owned;
    let s = if s.contains(&b'_') {
        let mut out = Vec::with_capacity(s.len());
        let mut prev = 0u8;
        for &c in s {
            if c == b'_' {
                if !prev.is_ascii_digit() {
                    return None;
                }
            } else {
                if prev == b'_' && !c.is_ascii_digit() {
                    return None;
                }
                out.push(c);
            }
            prev = c;
        }
        if prev == b'_' {
            return None;
        }
        owned = out;
        &owned[..]
    } else {
        s
    };
    let mut a = 0;
    let mut b = s.len();
    while a < b && c_isspace(s[a]) {
        a += 1;
    }
    if a == b {
        return None;
    }
    while a < b - 1 && c_isspace(s[b - 1]) {
        b -= 1;
    }
    let t = &s[a..b];
    let (negative, body) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" {
        return Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == b"nan" {
        return Some(if negative { -f64::NAN } else { f64::NAN });
    }
    // sign? (digits ['.' digits?] | '.' digits) ([eE] sign? digits)?
    let mut i = 0;
    let int_digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if body.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = body[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = body[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        i += n;
    }
    if i != body.len() {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    let v: f64 = text.parse().ok()?;
    Some(if negative { -v } else { v })
}
