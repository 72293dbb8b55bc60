//! The .pyc file: a 16-byte header, then the marshalled module code object.
//!
//! | bytes | content                                                               |
//! |-------|-----------------------------------------------------------------------|
//! | 0..4  | magic: 3571 as u16 LE, then `\r\n` → `f3 0d 0d 0a`                     |
//! | 4..8  | flags, u32 LE: 0 timestamp; bit 0 hash-based; bit 1 `check_source`    |
//! | 8..16 | flags 0: source mtime u32 LE, source size u32 LE (both mod 2**32)       |
//! |       | hash-based: `importlib.util.source_hash(source)` (8 bytes)              |
//!
//! The source hash is SipHash-1-3 of the source bytes with k0 = the magic number's four
//! bytes read as u32 LE (`_RAW_MAGIC_NUMBER`, 0x0a0d0df3) and k1 = 0 (`_Py_KeyedHash`),
//! stored little-endian.

use crate::constant::Constant;
use crate::marshal::{self, MarshalError};

/// `importlib.util.MAGIC_NUMBER` for 3.13.
pub const MAGIC_NUMBER: [u8; 4] = [0xf3, 0x0d, 0x0d, 0x0a];
/// `_RAW_MAGIC_NUMBER`, the SipHash key of `source_hash`.
pub const RAW_MAGIC_NUMBER: u64 = u32::from_le_bytes(MAGIC_NUMBER) as u64;

/// How the .pyc is tied to its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    /// flags 0: the source's mtime and size (each truncated to 32 bits).
    Timestamp { mtime: u32, size: u32 },
    /// flags 1 (`check_source` false) or 3 (true): the source hash.
    Hash {
        source_hash: [u8; 8],
        check_source: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pyc {
    pub validation: Validation,
    /// The module's code object (any marshal value for malformed files).
    pub code: Constant,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PycError {
    /// Not 3.13's magic number (the first four bytes, or fewer).
    BadMagic(Vec<u8>),
    /// Shorter than the 16-byte header.
    Truncated,
    /// Flags with bits other than 0 and 1 set.
    InvalidFlags(u32),
    Marshal(MarshalError),
}

impl PycError {
    /// importlib's message (`_classify_pyc`), given the `repr()` of the module name.
    pub fn message(&self, name_repr: &str) -> String {
        match self {
            PycError::BadMagic(m) => format!("bad magic number in {name_repr}: {}", bytes_repr(m)),
            PycError::Truncated => format!("reached EOF while reading pyc header of {name_repr}"),
            PycError::InvalidFlags(x) => format!("invalid flags {x} in {name_repr}"),
            PycError::Marshal(e) => e.message.clone(),
        }
    }
}

/// Python's `repr()` of a bytes object.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

impl std::fmt::Display for PycError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("'<pyc>'"))
    }
}

impl std::error::Error for PycError {}

/// The 16-byte header.
pub fn header(validation: Validation) -> [u8; 16] {
    let mut h = [0u8; 16];
    h[..4].copy_from_slice(&MAGIC_NUMBER);
    match validation {
        Validation::Timestamp { mtime, size } => {
            h[8..12].copy_from_slice(&mtime.to_le_bytes());
            h[12..16].copy_from_slice(&size.to_le_bytes());
        }
        Validation::Hash {
            source_hash,
            check_source,
        } => {
            let flags: u32 = 1 | (check_source as u32) << 1;
            h[4..8].copy_from_slice(&flags.to_le_bytes());
            h[8..16].copy_from_slice(&source_hash);
        }
    }
    h
}

/// Parse the header as importlib's `_classify_pyc` does: the magic number first, then the
/// length, then the flags (only bits 0 and 1 are defined; bit 1 alone is accepted and
/// means a timestamp-based file).
pub fn read_header(data: &[u8]) -> Result<Validation, PycError> {
    let magic = &data[..data.len().min(4)];
    if magic != MAGIC_NUMBER {
        return Err(PycError::BadMagic(magic.to_vec()));
    }
    if data.len() < 16 {
        return Err(PycError::Truncated);
    }
    let word = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let flags = word(4);
    if flags & !0b11 != 0 {
        return Err(PycError::InvalidFlags(flags));
    }
    if flags & 1 == 0 {
        Ok(Validation::Timestamp {
            mtime: word(8),
            size: word(12),
        })
    } else {
        Ok(Validation::Hash {
            source_hash: data[8..16].try_into().expect("8 bytes"),
            check_source: flags & 2 != 0,
        })
    }
}

/// Read a whole .pyc.
pub fn read(data: &[u8]) -> Result<Pyc, PycError> {
    let validation = read_header(data)?;
    let code = marshal::loads(&data[16..]).map_err(PycError::Marshal)?;
    Ok(Pyc { validation, code })
}

/// Write a whole .pyc.
pub fn write(pyc: &Pyc) -> Result<Vec<u8>, MarshalError> {
    let mut out = header(pyc.validation).to_vec();
    out.extend(marshal::dumps(&pyc.code)?);
    Ok(out)
}

/// `importlib.util.source_hash(source)`.
pub fn source_hash(source: &[u8]) -> [u8; 8] {
    siphash13(RAW_MAGIC_NUMBER, 0, source).to_le_bytes()
}

/// SipHash-1-3 (one compression round per word, three finalization rounds), the keyed hash
/// CPython uses for str/bytes hashing and for .pyc source hashes.
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f6d6570736575,
        k1 ^ 0x646f72616e646f6d,
        k0 ^ 0x6c7967656e657261,
        k1 ^ 0x7465646279746573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for _ in 0..3 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}
