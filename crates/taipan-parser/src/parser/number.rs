//! NUMBER tokens to constants (CPython's `parsenumber`): ints of any size, floats
//! correctly rounded, imaginary literals.

use crate::ast::Constant;
use dashu_int::UBig;

/// CPython's default `sys.get_int_max_str_digits()`.
const INT_MAX_STR_DIGITS: usize = 4300;

/// The value of a NUMBER token, or the message of the SyntaxError CPython raises.
pub fn parse_number(text: &str) -> Result<Constant, String> {
    let cleaned: std::borrow::Cow<str> =
        if text.contains('_') { text.replace('_', "").into() } else { text.into() };
    let s = cleaned.as_ref();
    let bytes = s.as_bytes();
    if let Some(&last) = bytes.last() {
        if last == b'j' || last == b'J' {
            let imag = parse_float(&s[..s.len() - 1])?;
            return Ok(Constant::Complex { real: 0.0, imag });
        }
    }
    if bytes.len() > 1 && bytes[0] == b'0' {
        let radix = match bytes[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return UBig::from_str_radix(&s[2..], radix)
                .map(Constant::Int)
                .map_err(|_| format!("invalid literal {text:?}"));
        }
    }
    if s.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return parse_float(s).map(Constant::Float);
    }
    if s.len() > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; \
             use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer \
             literals to avoid decimal conversion limits.",
            s.len()
        ));
    }
    if s.len() <= 19 {
        if let Ok(v) = s.parse::<u64>() {
            return Ok(Constant::Int(UBig::from(v)));
        }
    }
    UBig::from_str_radix(s, 10).map(Constant::Int).map_err(|_| format!("invalid literal {text:?}"))
}

fn parse_float(s: &str) -> Result<f64, String> {
    s.parse::<f64>().map_err(|_| format!("invalid float literal {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1_000").unwrap(), Constant::Int(UBig::from(1000u32)));
        assert_eq!(parse_number("0x_ff").unwrap(), Constant::Int(UBig::from(255u32)));
        assert_eq!(parse_number("0o17").unwrap(), Constant::Int(UBig::from(15u32)));
        assert_eq!(parse_number("0b101").unwrap(), Constant::Int(UBig::from(5u32)));
        assert_eq!(parse_number("1.5e3").unwrap(), Constant::Float(1500.0));
        assert_eq!(parse_number("1.").unwrap(), Constant::Float(1.0));
        assert_eq!(parse_number(".5").unwrap(), Constant::Float(0.5));
        assert_eq!(parse_number("2j").unwrap(), Constant::Complex { real: 0.0, imag: 2.0 });
        assert_eq!(parse_number("1e400").unwrap(), Constant::Float(f64::INFINITY));
        assert!(parse_number(&"1".repeat(4301)).is_err());
        assert!(parse_number(&"1".repeat(4300)).is_ok());
    }
}
