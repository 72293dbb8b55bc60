//! Floats as text, as CPython writes them: `PyOS_double_to_string` (`Python/pystrtod.c`) in
//! the `'e'`, `'f'`, `'g'` and `'r'` (repr) styles, and the `repr()` of `float` and `complex`
//! built on it. This is the one implementation for the whole pipeline: the parser's
//! `ast.dump`, the compiler's unparse, marshal's `%.17g` and the VM's `repr`, `format()` and
//! `%` all call it (it sits below them all, DESIGN.md §1).
//!
//! CPython gets decimal digits from David Gay's `_Py_dg_dtoa` and lays them out in
//! `format_float_short`; here the digits come from Rust's float formatting, which is exact:
//! `{:e}` gives the shortest round-tripping digits (dtoa mode 0) and `{:.N$e}` / `{:.N$}`
//! the correctly rounded, ties-to-even digits of the exact binary value (dtoa modes 2 and 3).
//! The layout rules (when to switch to an exponent, padding zeros, `#`, `.0`, `-0` coercion,
//! at least two exponent digits) follow `format_float_short`.
//!
//! Exact CPython output is checked in bulk by `tools/conformance/numerics.py` (families
//! `repr`, `format_float`, `format_complex`, `percent`, …), whose expected values the
//! reference computes.

/// Flags of `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always write a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in fixed notation get `.0`.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` alternate form (keep the point and trailing zeros).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: the `z` option, `-0` after rounding is written as `0`.
    pub no_neg_0: bool,
}

/// Decimal digits of |x| (no leading or trailing zeros, except "0" for zero) and the
/// position of the decimal point: x = 0.DIGITS × 10**decpt.
struct Digits {
    digits: Vec<u8>,
    decpt: i64,
    negative: bool,
}

/// Splits Rust's `{:e}` output "-d.ddde-N" into digits and decpt, trailing zeros removed.
fn from_sci(s: &str) -> (Vec<u8>, i64) {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(|c| c.is_ascii_digit()).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, exp + 1)
}

/// dtoa mode 0: shortest round-trip digits.
fn shortest(x: f64) -> Digits {
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return Digits { digits: vec![b'0'], decpt: 1, negative };
    }
    // Rust's shortest digits may break a tie between two equally near candidates upwards;
    // dtoa takes the correctly rounded (ties-to-even) one, which round-trips as well.
    let (digits, _) = from_sci(&format!("{:e}", x));
    significant(x, digits.len())
}

/// dtoa mode 2: `ndigits` (≥ 1) significant digits, correctly rounded.
fn significant(x: f64, ndigits: usize) -> Digits {
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return Digits { digits: vec![b'0'], decpt: 1, negative };
    }
    // A double's exact decimal expansion has at most 767 significant digits; more are
    // zeros (and Rust's formatter caps the precision at u16::MAX).
    let (digits, decpt) = from_sci(&format!("{:.*e}", ndigits.min(800) - 1, x));
    Digits { digits, decpt, negative }
}

/// dtoa mode 3: digits up to `ndigits` places after the decimal point. A value that rounds
/// to zero yields no digits with decpt = -ndigits (as dtoa's "no digits, fcvt style").
fn fixed(x: f64, ndigits: usize) -> Digits {
    let negative = x.is_sign_negative();
    if x == 0.0 {
        return Digits { digits: vec![b'0'], decpt: 1, negative };
    }
    // Every double's expansion ends within 1074 places after the point.
    let s = format!("{:.*}", ndigits.min(1100), x.abs());
    let (int_part, frac_part) = s.split_once('.').unwrap_or((&s, ""));
    let all: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let lead = all.iter().take_while(|&&c| c == b'0').count();
    if lead == all.len() {
        return Digits { digits: Vec::new(), decpt: -(ndigits as i64), negative };
    }
    let mut digits = all[lead..].to_vec();
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    let decpt = int_part.len() as i64 - lead as i64;
    Digits { digits, decpt, negative }
}

/// `repr(x)` (= `str(x)`) for a float.
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, DtoaFlags { add_dot_0: true, ..DtoaFlags::default() })
}

/// `repr(complex(real, imag))` (= `str`): `IMAGj` when the real part is +0.0, else
/// `(REAL±IMAGj)`, both parts in the `'r'` style without `.0`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let plain = DtoaFlags::default();
    if real == 0.0 && real.is_sign_positive() {
        format!("{}j", double_to_string(imag, 'r', 0, plain))
    } else {
        let re = double_to_string(real, 'r', 0, plain);
        let im = double_to_string(imag, 'r', 0, DtoaFlags { sign: true, ..plain });
        format!("({re}{im}j)")
    }
}

/// `PyOS_double_to_string(x, code, precision, flags)`: `code` is one of `e E f F g G r`
/// (`r` ignores `precision`). Upper-case codes give `E`, `INF`, `NAN`.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_infinite() {
            if x < 0.0 {
                out.push('-');
            } else if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        } else {
            if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        }
        return out;
    }
    let mut precision = precision as i64;
    let d = match code {
        'e' => {
            precision += 1;
            significant(x, precision as usize)
        }
        'f' => fixed(x, precision as usize),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            significant(x, precision as usize)
        }
        _ => shortest(x),
    };
    let digits = &d.digits;
    let digits_len = digits.len() as i64;
    let mut decpt = d.decpt;
    let mut negative = d.negative;
    if flags.no_neg_0 && negative && (digits_len == 0 || (digits_len == 1 && digits[0] == b'0')) {
        negative = false;
    }
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    let text = std::str::from_utf8(digits).unwrap_or("");
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&text[..decpt as usize]);
        out.push('.');
        out.push_str(&text[decpt as usize..]);
    } else {
        out.push_str(text);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    out
}
