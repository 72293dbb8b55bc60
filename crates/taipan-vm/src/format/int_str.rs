//! int ↔ str: `int.__repr__`, `bin`/`oct`/`hex`, and `int(s, base)` (`PyLong_FromString`
//! after `_PyUnicode_TransformDecimalAndSpaceToASCII`), with the 4300-digit limit of
//! `sys.set_int_max_str_digits` (CVE-2020-10735) for decimal (non power-of-two) bases.

use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::{IBig, UBig};

use super::{decimal_value, is_space, FormatError, FormatResult};

/// The default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// The current limit (`sys.set_int_max_str_digits`; 0 = none), process-wide as in CPython.
static CURRENT_MAX: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(MAX_STR_DIGITS);

pub fn max_str_digits() -> usize {
    CURRENT_MAX.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn set_max_str_digits(n: usize) {
    CURRENT_MAX.store(n, std::sync::atomic::Ordering::Relaxed);
}
/// `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`: the limit only applies above this many digits.
const MAX_STR_DIGITS_THRESHOLD: usize = 640;

fn to_str_limit_error(max: usize) -> FormatError {
    FormatError::value(format!(
        "Exceeds the limit ({max} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `str(n)`: decimal digits, failing like CPython when |n| has more than `max_digits`
/// digits (`max_digits == 0` means no limit).
pub fn int_to_decimal(n: &IBig, max_digits: usize) -> FormatResult<String> {
    if max_digits > 0 {
        // Cheap rejection before converting: bits/log2(10) digits at least.
        let bits = n.unsigned_abs().bit_len();
        if bits > 0 && ((bits - 1) as f64 * std::f64::consts::LOG10_2) as usize + 1 > max_digits + 1 {
            return Err(to_str_limit_error(max_digits));
        }
    }
    let s = n.to_string();
    let len = s.len() - s.starts_with('-') as usize;
    if max_digits > 0 && len > max_digits {
        return Err(to_str_limit_error(max_digits));
    }
    Ok(s)
}

/// `n` in `base` (2..=36) with lower-case digits, a `-` for negative values, and with
/// `prefix` the `0b`/`0o`/`0x` of bases 2, 8 and 16 (`_PyLong_Format`, `bin()`…).
/// No digit limit: it only applies to base 10 ([`int_to_decimal`]).
pub fn int_to_str_radix(n: &IBig, base: u32, prefix: bool) -> String {
    let mag = n.unsigned_abs();
    let digits = if base == 10 { mag.to_string() } else { format!("{}", mag.in_radix(base as u8)) };
    let mut out = String::with_capacity(digits.len() + 3);
    if *n < IBig::ZERO {
        out.push('-');
    }
    if prefix {
        match base {
            2 => out.push_str("0b"),
            8 => out.push_str("0o"),
            16 => out.push_str("0x"),
            _ => {}
        }
    }
    out.push_str(&digits.to_ascii_lowercase());
    out
}

fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'z' => u32::from(c - b'a') + 10,
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 37,
    }
}

/// `Py_ISSPACE`: the C-locale ASCII whitespace.
fn c_isspace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace → ' ', non-ASCII
/// decimal digits → their ASCII digit; anything else ends the text with a `?` marker.
pub(crate) fn transform_decimal_and_space(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    for ch in s.chars() {
        let cp = ch as u32;
        if cp < 127 {
            out.push(cp as u8);
        } else if is_space(cp) {
            out.push(b' ');
        } else if let Some(d) = decimal_value(cp) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// The message of a syntax error, `repr` being the argument's repr (`%.200R`).
pub fn invalid_literal(base: i64, repr: &str) -> FormatError {
    let r: String = repr.chars().take(200).collect();
    FormatError::value(format!("invalid literal for int() with base {base}: {r}"))
}

/// `int(b, base)` for bytes/bytearray (`_PyLong_FromBytes`): the same grammar on the raw
/// bytes, without the Unicode digit and space mapping. `repr` gives the argument's repr.
pub fn int_from_bytes(b: &[u8], base: i64, repr: impl FnOnce() -> String) -> FormatResult<IBig> {
    if (base != 0 && base < 2) || base > 36 {
        return Err(FormatError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    match parse_ascii(b, base as u32, max_str_digits()) {
        Parsed::Ok(v) => Ok(v),
        Parsed::Err(e) => Err(e),
        Parsed::Syntax => Err(invalid_literal(base, &repr())),
    }
}

/// `round(n, ndigits)` for an int: unchanged for ndigits ≥ 0, else rounded half-to-even to
/// a multiple of `10**-ndigits` (`long_round`).
pub fn int_round(n: &IBig, ndigits: &IBig) -> IBig {
    if *ndigits >= IBig::ZERO {
        return n.clone();
    }
    let mag = n.unsigned_abs();
    // 10**k exceeds |n| * 2 once k is past the digit count: the result is 0.
    let k = usize::try_from(&(-ndigits)).unwrap_or(usize::MAX);
    let digits = (mag.bit_len() as f64 * std::f64::consts::LOG10_2) as usize + 2;
    if k > digits {
        return IBig::ZERO;
    }
    let pow = UBig::from(10u8).pow(k);
    // Floor division as CPython's _PyLong_DivmodNear, then half-to-even.
    let q = n.clone() / IBig::from(pow.clone());
    let mut q = if n.clone() - &q * IBig::from(pow.clone()) < IBig::ZERO { q - IBig::ONE } else { q };
    let r = n.clone() - &q * IBig::from(pow.clone());
    let twice = r * IBig::from(2u8);
    let p = IBig::from(pow.clone());
    if twice > p || (twice == p && (&q % IBig::from(2u8)) != IBig::ZERO) {
        q += IBig::ONE;
    }
    q * IBig::from(pow)
}

enum Parsed {
    Ok(IBig),
    Syntax,
    Err(FormatError),
}

/// `int(text, base)` for a str. `repr` supplies the argument's `repr()` for the error.
pub fn int_from_str(text: &str, base: i64, repr: impl FnOnce() -> String) -> FormatResult<IBig> {
    if (base != 0 && base < 2) || base > 36 {
        return Err(FormatError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let buf = transform_decimal_and_space(text);
    match parse_ascii(&buf, base as u32, max_str_digits()) {
        Parsed::Ok(v) => Ok(v),
        Parsed::Err(e) => Err(e),
        Parsed::Syntax => Err(invalid_literal(base, &repr())),
    }
}

/// `PyLong_FromString` on an ASCII buffer (a NUL or any other stray byte is a syntax error).
fn parse_ascii(s: &[u8], base: u32, max_digits: usize) -> Parsed {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < s.len() && c_isspace(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    // long_from_string_base
    let start = i;
    if at(start) == b'_' {
        return Parsed::Syntax;
    }
    let mut prev = 0u8;
    let mut digits = 0usize;
    while i < s.len() && (digit_value(s[i]) < base || s[i] == b'_') {
        if s[i] == b'_' {
            if prev == b'_' {
                return Parsed::Syntax;
            }
        } else {
            digits += 1;
        }
        prev = s[i];
        i += 1;
    }
    if prev == b'_' || i == start {
        return Parsed::Syntax;
    }
    let end = i;
    while i < s.len() && c_isspace(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Parsed::Syntax;
    }
    if !base.is_power_of_two() && digits > MAX_STR_DIGITS_THRESHOLD && max_digits > 0 && digits > max_digits {
        return Parsed::Err(FormatError::value(format!(
            "Exceeds the limit ({max_digits} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let clean: Vec<u8> = s[start..end].iter().copied().filter(|&c| c != b'_').collect();
    let text = std::str::from_utf8(&clean).unwrap_or("0");
    let mag = match UBig::from_str_radix(text, base) {
        Ok(m) => m,
        Err(_) => return Parsed::Syntax,
    };
    if error_if_nonzero && mag != UBig::ZERO {
        return Parsed::Syntax;
    }
    let v = IBig::from(mag);
    Parsed::Ok(if negative { -v } else { v })
}
