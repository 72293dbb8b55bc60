//! CPython 3.13's hash functions, as pure functions on Rust values (DESIGN.md §4.2).
//!
//! Hash values are observable: they decide set iteration order, dict probing, and
//! `hash(x)` itself, so every definition here reproduces CPython exactly:
//!
//! - **str / bytes** ([`HashSecret`], [`hash_bytes`], [`hash_str`]): `Py_HashBuffer`, i.e.
//!   SipHash-1-3 (`sys.hash_info.algorithm == 'siphash13'`, `cutoff == 0` so there is no
//!   small-string DJBX33A path) keyed with the first 16 bytes of `_Py_HashSecret`. A str is
//!   hashed over its **PEP 393 buffer**: 1, 2 or 4 little-endian bytes per code point chosen
//!   by its widest character, so `hash('a')` and the UCS-2 form of the same text would
//!   differ — only the canonical (narrowest) form exists in Python. The empty buffer hashes
//!   to 0.
//! - **The secret** ([`HashSecret::from_seed`]): `PYTHONHASHSEED=0` zeroes all 24 bytes;
//!   a nonzero seed fills them with `lcg_urandom` (the MSVC `rand()` LCG: `x = x*214013 +
//!   2531011`, byte = `(x >> 16) & 0xff`); unset or `random` draws from the OS.
//! - **Numbers**: ints modulo `P = 2**61 - 1` with the sign applied afterwards; floats as the
//!   exact rational `m * 2**e` reduced modulo P (`_Py_HashDouble`); `inf` → ±314159; a NaN
//!   hashes by object identity since 3.10 ([`hash_pointer`] of the object's address, which
//!   the caller supplies); complex `hash(re) + 1000003 * hash(im)`. Fraction and Decimal
//!   agree with these by construction in the Lib.
//! - **Containers**: 3.13's xxHash-based `tuple_hash`, and `frozenset_hash` (whose
//!   compensation for empty and dummy slots makes it a function of the item hashes alone).
//!
//! Every function returns a `Py_hash_t` (`i64`) and never -1 (reserved for "error").

mod siphash;

pub use siphash::siphash13;

use dashu_int::ops::UnsignedAbs;
use dashu_int::{IBig, UBig};

/// `_PyHASH_BITS`: hashes of numbers are reduced modulo `2**61 - 1`.
pub const HASH_BITS: u32 = 61;
/// `_PyHASH_MODULUS` = `sys.hash_info.modulus`.
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
/// `_PyHASH_INF` = `sys.hash_info.inf`.
pub const HASH_INF: i64 = 314159;
/// `_PyHASH_IMAG` = `sys.hash_info.imag`.
pub const HASH_IMAG: u64 = 1000003;

/// `_Py_HashSecret_t`: 24 random bytes chosen at start-up. SipHash uses the first 16 as
/// two little-endian 64-bit keys; the rest (`djbx33a.suffix`, `expat.hashsalt`) are kept
/// for pyexpat's salt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashSecret {
    pub bytes: [u8; 24],
}

impl HashSecret {
    /// The secret for `PYTHONHASHSEED=seed` (`_Py_HashRandomization_Init`): all zeros for
    /// 0, else `lcg_urandom(seed)`. Valid seeds are 0..=4294967295.
    pub fn from_seed(seed: u32) -> HashSecret {
        let mut bytes = [0u8; 24];
        if seed != 0 {
            let mut x = seed;
            for b in bytes.iter_mut() {
                x = x.wrapping_mul(214013).wrapping_add(2531011);
                *b = ((x >> 16) & 0xff) as u8;
            }
        }
        HashSecret { bytes }
    }

    /// A secret from OS randomness (the default when `PYTHONHASHSEED` is unset or
    /// `random`). Falls back to time-and-address entropy if `/dev/urandom` is unreadable.
    pub fn random() -> HashSecret {
        use std::io::Read;
        let mut bytes = [0u8; 24];
        let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).is_ok();
        if !ok {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            let addr = &bytes as *const _ as u64;
            let mut x = t ^ addr.rotate_left(32) ^ u64::from(std::process::id());
            for b in bytes.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = x as u8;
            }
        }
        HashSecret { bytes }
    }

    /// Parses a `PYTHONHASHSEED` value as CPython does (`config_init_hash_seed`): `random`
    /// or an integer in 0..=4294967295. The error text is CPython's fatal message.
    pub fn from_env_value(value: Option<&str>) -> Result<HashSecret, &'static str> {
        match value {
            None | Some("") | Some("random") => Ok(HashSecret::random()),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= u64::from(u32::MAX) && v.bytes().all(|c| c.is_ascii_digit()) => {
                    Ok(HashSecret::from_seed(n as u32))
                }
                _ => Err("PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]"),
            },
        }
    }

    /// SipHash's two keys (`_Py_HashSecret.siphash.k0/k1`).
    pub fn sip_keys(&self) -> (u64, u64) {
        let k0 = u64::from_le_bytes(self.bytes[0..8].try_into().unwrap());
        let k1 = u64::from_le_bytes(self.bytes[8..16].try_into().unwrap());
        (k0, k1)
    }
}

#[inline]
fn fix_minus_one(x: i64) -> i64 {
    if x == -1 { -2 } else { x }
}

/// `Py_HashBuffer`: the hash of `bytes`, `memoryview` and of a str's PEP 393 buffer.
pub fn hash_bytes(secret: &HashSecret, data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let (k0, k1) = secret.sip_keys();
    fix_minus_one(siphash13(k0, k1, data) as i64)
}

/// The hash of a str given as code points (lone surrogates allowed): its canonical PEP 393
/// buffer — UCS-1 if every code point is < 256, UCS-2 if < 65536, else UCS-4 — hashed
/// with [`hash_bytes`].
pub fn hash_str(secret: &HashSecret, code_points: &[u32]) -> i64 {
    let max = code_points.iter().copied().max().unwrap_or(0);
    let buf: Vec<u8> = if max < 0x100 {
        code_points.iter().map(|&c| c as u8).collect()
    } else if max < 0x10000 {
        code_points.iter().flat_map(|&c| (c as u16).to_le_bytes()).collect()
    } else {
        code_points.iter().flat_map(|&c| c.to_le_bytes()).collect()
    };
    hash_bytes(secret, &buf)
}

/// [`hash_str`] for a Rust `&str` (no lone surrogates).
pub fn hash_rust_str(secret: &HashSecret, s: &str) -> i64 {
    if s.is_ascii() {
        return hash_bytes(secret, s.as_bytes());
    }
    let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
    hash_str(secret, &cps)
}

/// `hash(n)` for an int that fits in `i64`.
pub fn hash_i64(n: i64) -> i64 {
    let m = n.unsigned_abs() % HASH_MODULUS;
    let x = if n < 0 { -(m as i64) } else { m as i64 };
    fix_minus_one(x)
}

/// `hash(n)` for any int: `|n| mod (2**61-1)`, negated for negative n, -1 mapped to -2.
pub fn hash_int(n: &IBig) -> i64 {
    if let Ok(small) = i64::try_from(n) {
        return hash_i64(small);
    }
    let mag: UBig = n.unsigned_abs();
    let m = u64::try_from(&(mag % UBig::from(HASH_MODULUS))).unwrap_or(0);
    let x = if *n < IBig::ZERO { -(m as i64) } else { m as i64 };
    fix_minus_one(x)
}

/// `_Py_HashPointer`: the hash of an object identity (default `object.__hash__`, NaN
/// floats): the address rotated right by 4 bits.
pub fn hash_pointer(addr: usize) -> i64 {
    fix_minus_one(addr.rotate_right(4) as i64)
}

/// `_Py_HashDouble`: the hash of a float. `nan_identity` is the address of the float
/// object, used only when `v` is a NaN.
pub fn hash_float(v: f64, nan_identity: usize) -> i64 {
    if v.is_nan() {
        return hash_pointer(nan_identity);
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v == 0.0 {
        return 0;
    }
    // v = ±mant * 2**exp exactly, mant a 53-bit integer.
    let bits = v.to_bits();
    let negative = bits >> 63 != 0;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if biased == 0 { (frac, -1074) } else { (frac | (1u64 << 52), biased - 1075) };
    // mant < 2**53 < P, so mant is already reduced; multiply by 2**exp mod P, where
    // 2**61 ≡ 1 so a power of two is a rotation of the 61-bit residue.
    let e = exp.rem_euclid(HASH_BITS as i32) as u32;
    let x = if e == 0 { mant } else { ((mant << e) & HASH_MODULUS) | (mant >> (HASH_BITS - e)) };
    let x = x as i64;
    fix_minus_one(if negative { -x } else { x })
}

/// `hash(complex(real, imag))`; `nan_identity` is the complex object's address.
pub fn hash_complex(real: f64, imag: f64, nan_identity: usize) -> i64 {
    let hr = hash_float(real, nan_identity) as u64;
    let hi = hash_float(imag, nan_identity) as u64;
    fix_minus_one(hr.wrapping_add(HASH_IMAG.wrapping_mul(hi)) as i64)
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// 3.13's `tuple_hash` over the items' hashes (an xxHash64-style lane mix).
pub fn hash_tuple(item_hashes: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &h in item_hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((item_hashes.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `frozenset_hash` over the hashes of the set's (distinct) items. CPython xors a
/// shuffle of every table slot and then cancels the empty and dummy slots, so only the
/// active entries count.
pub fn hash_frozenset(item_hashes: &[i64]) -> i64 {
    let mut hash: u64 = 0;
    for &h in item_hashes {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (item_hashes.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        return 590923713;
    }
    hash as i64
}

#[cfg(test)]
mod tests;
