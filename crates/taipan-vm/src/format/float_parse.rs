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

/// `_Py_string_to_number_with_underscores`'s check and removal: `None` if an underscore
/// is not between two digits.
fn remove_underscores(s: &[u8]) -> Option<Vec<u8>> {
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
    Some(out)
}

/// `PyOS_string_to_double(s, &end, NULL)`: the longest decimal-literal (or inf/nan)
/// prefix of `s` and its length; `None` when there is none.
fn strtod_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let int_digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut j = i + int_digits;
    let mut frac_digits = 0;
    if s.get(j) == Some(&b'.') {
        frac_digits = s[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if int_digits + frac_digits > 0 {
            j += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits > 0 {
        if matches!(s.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(s.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            let n = s[k.min(s.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 0 {
                j = k + n;
            }
        }
        let text = std::str::from_utf8(&s[..j]).ok()?;
        let v: f64 = text.parse().ok()?;
        return Some((v, j));
    }
    // _Py_parse_inf_or_nan
    let negate = s.first() == Some(&b'-');
    let rest = &s[i..];
    let starts = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    if starts(b"infinity") {
        Some((if negate { f64::NEG_INFINITY } else { f64::INFINITY }, i + 8))
    } else if starts(b"inf") {
        Some((if negate { f64::NEG_INFINITY } else { f64::INFINITY }, i + 3))
    } else if starts(b"nan") {
        Some((if negate { -f64::NAN } else { f64::NAN }, i + 3))
    } else {
        None
    }
}

/// `complex(text)`: `(real, imag)`. `repr` supplies the argument's repr for the
/// underscore error ("could not convert string to complex: …"); every other syntax error
/// is "complex() arg is a malformed string".
pub fn complex_from_str(text: &str, repr: impl FnOnce() -> String) -> FormatResult<(f64, f64)> {
    let buf = transform_decimal_and_space(text);
    let buf = if buf.contains(&b'_') {
        match remove_underscores(&buf) {
            Some(b) => b,
            None => return Err(FormatError::value(format!("could not convert string to complex: {}", repr()))),
        }
    } else {
        buf
    };
    parse_complex_ascii(&buf).ok_or_else(|| FormatError::value("complex() arg is a malformed string"))
}

/// `complex_from_string_inner` on ASCII text.
fn parse_complex_ascii(s: &[u8]) -> Option<(f64, f64)> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while c_isspace(at(i)) {
        i += 1;
    }
    let mut got_bracket = false;
    if at(i) == b'(' {
        got_bracket = true;
        i += 1;
        while c_isspace(at(i)) {
            i += 1;
        }
    }
    let (mut x, mut y) = (0.0, 0.0);
    let is_j = |c: u8| c == b'j' || c == b'J';
    if let Some((z, n)) = strtod_prefix(&s[i..]) {
        i += n;
        if matches!(at(i), b'+' | b'-') {
            x = z;
            if let Some((v, n)) = strtod_prefix(&s[i..]) {
                y = v;
                i += n;
            } else {
                y = if at(i) == b'+' { 1.0 } else { -1.0 };
                i += 1;
            }
            if !is_j(at(i)) {
                return None;
            }
            i += 1;
        } else if is_j(at(i)) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if matches!(at(i), b'+' | b'-') {
            y = if at(i) == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(at(i)) {
            return None;
        }
        i += 1;
    }
    while c_isspace(at(i)) {
        i += 1;
    }
    if got_bracket {
        if at(i) != b')' {
            return None;
        }
        i += 1;
        while c_isspace(at(i)) {
            i += 1;
        }
    }
    (i == s.len()).then_some((x, y))
}
