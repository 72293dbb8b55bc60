//! Invariants of the hash functions. Exact values against CPython are checked in bulk by
//! `tools/conformance/numerics.py` (the reference computes them in-process).

use super::*;

#[test]
fn numeric_hashes_agree_across_types() {
    for n in [-1i64, -2, 0, 1, 7, 1 << 53, -(1 << 60), i64::MAX, i64::MIN] {
        assert_eq!(hash_i64(n), hash_int(&IBig::from(n)));
        if n.unsigned_abs() <= 1 << 53 {
            assert_eq!(hash_i64(n), hash_float(n as f64, 0));
            assert_eq!(hash_i64(n), hash_complex(n as f64, 0.0, 0));
        }
    }
    assert_eq!(hash_i64(-1), -2);
    assert_eq!(hash_float(0.5, 0), 1 << 60);
}

#[test]
fn seed_zero_is_all_zero_keys() {
    assert_eq!(HashSecret::from_seed(0).sip_keys(), (0, 0));
    assert_eq!(hash_bytes(&HashSecret::from_seed(0), b""), 0);
    assert_eq!(hash_str(&HashSecret::from_seed(7), &[]), 0);
}

#[test]
fn str_hash_uses_narrowest_kind() {
    let s = HashSecret::from_seed(12345);
    assert_eq!(hash_str(&s, &[0x61, 0xe9]), hash_bytes(&s, &[0x61, 0xe9]));
    assert_eq!(hash_str(&s, &[0x61, 0x3b1]), hash_bytes(&s, &[0x61, 0, 0xb1, 0x03]));
    assert_eq!(hash_rust_str(&s, "aé"), hash_str(&s, &[0x61, 0xe9]));
}
