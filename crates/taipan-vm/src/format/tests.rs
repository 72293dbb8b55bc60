//! Invariants of the conversions (round trips, agreement between entry points). Exact
//! CPython output is checked in bulk by `tools/conformance/numerics.py`, whose expected
//! values the reference computes.

use dashu_int::IBig;

use super::*;

/// A small deterministic generator of float bit patterns.
fn floats() -> impl Iterator<Item = f64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..20_000).filter_map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let f = f64::from_bits(x);
        f.is_finite().then_some(f)
    })
}

#[test]
fn repr_round_trips() {
    for x in floats() {
        let r = float_repr(x);
        let back = float_from_str(&r, String::new).unwrap();
        assert_eq!(back.to_bits(), x.to_bits(), "{r}");
    }
}

#[test]
fn hex_round_trips() {
    for x in floats() {
        let h = float_hex(x);
        assert_eq!(float_fromhex(&h).unwrap().to_bits(), x.to_bits(), "{h}");
    }
}

#[test]
fn int_text_round_trips() {
    let mut n = IBig::from(1u8);
    for i in 0..300 {
        n = n * IBig::from(7u8) + IBig::from(i);
        let m = if i % 2 == 0 { -n.clone() } else { n.clone() };
        let s = int_to_decimal(&m, MAX_STR_DIGITS).unwrap();
        assert_eq!(int_from_str(&s, 10, String::new).unwrap(), m);
        for base in [2u32, 8, 16, 36] {
            let t = int_to_str_radix(&m, base, false);
            assert_eq!(int_from_str(&t, base as i64, String::new).unwrap(), m);
        }
    }
}

#[test]
fn format_without_spec_is_str() {
    for x in floats().take(2000) {
        assert_eq!(format_float(x, "", "float").unwrap(), float_repr(x));
        assert_eq!(format_float(x, "r", "float").unwrap_err().kind, ErrorKind::ValueError);
    }
    assert_eq!(format_int(&IBig::from(-42), "", "int").unwrap(), "-42");
    assert_eq!(format_str("abc", "", "str").unwrap(), "abc");
}

#[test]
fn digit_limit_applies_to_decimal_only() {
    let big = IBig::from(10u8).pow(5000);
    assert!(int_to_decimal(&big, MAX_STR_DIGITS).is_err());
    assert!(int_to_decimal(&big, 0).is_ok());
    assert!(format_int(&big, "x", "int").is_ok());
    let text = "1".repeat(5000);
    assert!(int_from_str(&text, 10, String::new).is_err());
    assert!(int_from_str(&text, 16, String::new).is_ok());
}
