//! Python's `repr()` of the literal values the front end prints: `str` (in `tokenize`
//! output and `ast.dump`), `bytes`, `float` and imaginary numbers.

use crate::ast::Wtf8Buf;
use crate::unicode::is_printable;

/// `repr(s)` for a `str`.
pub fn str_repr(s: &str) -> String {
    code_points_repr(s.chars().map(|c| c as u32), s.contains('\''), s.contains('"'))
}

/// `repr(s)` for a `str` that may hold lone surrogates.
pub fn wtf8_repr(s: &Wtf8Buf) -> String {
    let squote = s.as_bytes().contains(&b'\'');
    let dquote = s.as_bytes().contains(&b'"');
    code_points_repr(s.code_points(), squote, dquote)
}

fn code_points_repr(cps: impl Iterator<Item = u32>, squote: bool, dquote: bool) -> String {
    let quote = if squote && !dquote { '"' } else { '\'' };
    let mut out = String::with_capacity(16);
    out.push(quote);
    for cp in cps {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(cp as u8 as char),
            _ if cp < 0x80 => out.push_str(&format!("\\x{cp:02x}")),
            _ if is_printable(cp) => out.push(char::from_u32(cp).expect("printable is a char")),
            _ if cp < 0x100 => out.push_str(&format!("\\x{cp:02x}")),
            _ if cp < 0x10000 => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` for `bytes`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7E => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(x)` for a `float`: the shortest digits that round-trip, in fixed notation when
/// the decimal exponent is in -4..16, else `d.ddde±XX`; integral values get `.0`.
pub fn float_repr(x: f64) -> String {
    short_repr(x, true)
}

/// `repr(complex(real, imag))`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        format!("{}j", short_repr(imag, false))
    } else {
        let im = short_repr(imag, false);
        let sign = if im.starts_with('-') { "" } else { "+" };
        format!("({}{sign}{im}j)", short_repr(real, false))
    }
}

fn short_repr(x: f64, add_dot_zero: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's `{:e}` prints the shortest round-tripping digits: "-1.2345e-5". When two
    // candidates of that length are equally near it may pick the upper one, where CPython's
    // dtoa picks the correctly rounded (ties-to-even) one: re-round at that length.
    let shortest = format!("{x:e}");
    let n = shortest.split('e').next().map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let sci = format!("{:.*e}", n.saturating_sub(1), x);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::from(sign);
    if !(-4..16).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
    } else if exp < 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-exp - 1) as usize));
        out.push_str(&digits);
    } else {
        let point = exp as usize + 1;
        if digits.len() > point {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        } else {
            out.push_str(&digits);
            out.push_str(&"0".repeat(point - digits.len()));
            if add_dot_zero {
                out.push_str(".0");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
