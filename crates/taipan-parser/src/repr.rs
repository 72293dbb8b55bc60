//! Python's `repr()` of the literal values the front end prints: `str` (in `tokenize`
//! output and `ast.dump`), `bytes`, `float` and imaginary numbers (the last two from
//! `taipan-dtoa`).

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

/// `repr(x)` for a `float` and `repr(complex(real, imag))`: the one implementation in
/// `taipan-dtoa` (`PyOS_double_to_string`'s `'r'` style), shared with the VM.
pub use taipan_dtoa::{complex_repr, float_repr};

#[cfg(test)]
mod tests;
