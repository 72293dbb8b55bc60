//! Unicode properties the front end needs, as CPython 3.13's `unicodedata` has them.
//! The tables are generated from the reference interpreter (`tools/gen_unicode.py`).

mod tables;

fn in_table(table: &[(u32, u32)], cp: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `chr(cp).isprintable()`.
pub fn is_printable(cp: u32) -> bool {
    if cp < 0x80 {
        return (0x20..0x7F).contains(&cp);
    }
    in_table(tables::PRINTABLE, cp)
}

/// Whether `cp` may start an identifier (XID_Start or `_`).
pub fn is_id_start(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic() || cp == b'_' as u32;
    }
    in_table(tables::ID_START, cp)
}

/// Whether `cp` may continue an identifier (XID_Continue).
pub fn is_id_continue(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric() || cp == b'_' as u32;
    }
    in_table(tables::ID_CONTINUE, cp)
}
