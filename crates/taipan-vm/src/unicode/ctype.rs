//! Character properties (CPython's `Objects/unicodectype.c`): lookups into the generated
//! two-stage tables ([`super::tables_index`], [`super::tables_records`]).
//!
//! The tables come from the reference CPython's own `str` methods, so a predicate here is
//! exactly `chr(cp).isX()` there. Out-of-range values (> U+10FFFF) get the record of an
//! unassigned code point rather than a panic.

use super::tables_index::{INDEX1, INDEX2, SHIFT};
use super::tables_records as rec;

/// One distinct combination of character properties (`_PyUnicode_TypeRecord`).
pub struct TypeRecord {
    pub flags: u16,
    /// Full lower, upper, title and casefold mappings: deltas from the code point, or with
    /// the EXTENDED flag, offsets of `[len, cps...]` groups in `EXTENDED_CASE`.
    pub case: [i32; 4],
    /// `unicodedata.decimal` (255: none).
    pub decimal: u8,
    /// `unicodedata.digit` (255: none).
    pub digit: u8,
    /// Index into `NUMERIC_VALUES` (0: none).
    pub numeric: u16,
    /// Simple (one code point) lowercase mapping as a delta (`_PyUnicode_ToLowercase`).
    pub simple_lower: i32,
}

fn record(cp: u32) -> &'static TypeRecord {
    let cp = if cp > 0x10FFFF { 0x10FFFF } else { cp };
    let block = INDEX1[(cp >> SHIFT) as usize] as usize;
    let i = INDEX2[(block << SHIFT) + (cp & ((1 << SHIFT) - 1)) as usize];
    &rec::RECORDS[i as usize]
}

fn has(cp: u32, flag: u16) -> bool {
    record(cp).flags & flag != 0
}

pub fn is_alpha(cp: u32) -> bool { has(cp, rec::ALPHA) }
pub fn is_decimal(cp: u32) -> bool { has(cp, rec::DECIMAL) }
pub fn is_digit(cp: u32) -> bool { has(cp, rec::DIGIT) }
pub fn is_numeric(cp: u32) -> bool { has(cp, rec::NUMERIC) }
pub fn is_alnum(cp: u32) -> bool { has(cp, rec::ALNUM) }
/// `Py_UNICODE_ISSPACE`.
pub fn is_space(cp: u32) -> bool { has(cp, rec::SPACE) }
pub fn is_printable(cp: u32) -> bool { has(cp, rec::PRINTABLE) }
/// The Uppercase derived property (`Py_UNICODE_ISUPPER`).
pub fn is_upper(cp: u32) -> bool { has(cp, rec::UPPER) }
/// The Lowercase derived property (`Py_UNICODE_ISLOWER`).
pub fn is_lower(cp: u32) -> bool { has(cp, rec::LOWER) }
/// General category Lt (`Py_UNICODE_ISTITLE`).
pub fn is_title(cp: u32) -> bool { has(cp, rec::TITLE) }
pub fn is_cased(cp: u32) -> bool { has(cp, rec::CASED) }
pub fn is_case_ignorable(cp: u32) -> bool { has(cp, rec::CASE_IGNORABLE) }
/// XID_Start, plus '_' (what an identifier may start with).
pub fn is_xid_start(cp: u32) -> bool { has(cp, rec::XID_START) }
pub fn is_xid_continue(cp: u32) -> bool { has(cp, rec::XID_CONTINUE) }
/// A line boundary for `str.splitlines` (`Py_UNICODE_ISLINEBREAK`).
pub fn is_linebreak(cp: u32) -> bool { has(cp, rec::LINEBREAK) }

/// `Py_UNICODE_TODECIMAL`: the value of a decimal digit.
pub fn to_decimal(cp: u32) -> Option<u32> {
    let d = record(cp).decimal;
    (d != 255).then_some(d as u32)
}

/// `Py_UNICODE_TODIGIT`.
pub fn to_digit(cp: u32) -> Option<u32> {
    let d = record(cp).digit;
    (d != 255).then_some(d as u32)
}

/// `Py_UNICODE_TONUMERIC` (`unicodedata.numeric`).
pub fn to_numeric(cp: u32) -> Option<f64> {
    let i = record(cp).numeric;
    (i != 0).then(|| rec::NUMERIC_VALUES[i as usize])
}

/// `_PyUnicode_ToLowercase`: the simple one-code-point lowercase mapping.
pub fn simple_lower(cp: u32) -> u32 {
    (cp as i64 + record(cp).simple_lower as i64) as u32
}

/// Which full case mapping (SpecialCasing included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseMapping {
    Lower = 0,
    Upper = 1,
    Title = 2,
    Fold = 3,
}

/// Append the full `mapping` of `cp` to `out` (`_PyUnicode_ToUpperFull` and friends).
pub fn push_full_case(cp: u32, mapping: CaseMapping, out: &mut Vec<u32>) {
    let r = record(cp);
    let v = r.case[mapping as usize];
    if r.flags & rec::EXTENDED != 0 {
        let at = v as usize;
        let n = rec::EXTENDED_CASE[at] as usize;
        out.extend_from_slice(&rec::EXTENDED_CASE[at + 1..at + 1 + n]);
    } else {
        out.push((cp as i64 + v as i64) as u32);
    }
}
