//! The `str.isX()` predicates and the case mappings (`lower`, `upper`, `casefold`,
//! `swapcase`, `capitalize`, `title`), following `Objects/unicodeobject.c`: full
//! (SpecialCasing) mappings, and the final-sigma rule of `lower()` (Σ becomes ς at the end
//! of a word, judged by the Cased and Case_Ignorable properties around it).

use super::ctype::{self, push_full_case, CaseMapping};
use super::data::PyStrData;

const CAPITAL_SIGMA: u32 = 0x3A3;

/// `handle_capital_sigma`: ς if the Σ at `i` ends a cased word, else σ.
fn sigma_at(cps: &[u32], i: usize) -> u32 {
    let before = cps[..i].iter().rev().find(|&&c| !ctype::is_case_ignorable(c));
    let mut final_sigma = before.is_some_and(|&c| ctype::is_cased(c));
    if final_sigma {
        let after = cps[i + 1..].iter().find(|&&c| !ctype::is_case_ignorable(c));
        final_sigma = after.is_none_or(|&c| !ctype::is_cased(c));
    }
    if final_sigma { 0x3C2 } else { 0x3C3 }
}

/// `lower_ucs4`: the full lowercase of `cps[i]` with the final-sigma rule.
fn push_lower(cps: &[u32], i: usize, out: &mut Vec<u32>) {
    if cps[i] == CAPITAL_SIGMA {
        out.push(sigma_at(cps, i));
    } else {
        push_full_case(cps[i], CaseMapping::Lower, out);
    }
}

impl PyStrData {
    fn all_nonempty(&self, f: impl Fn(u32) -> bool) -> bool {
        !self.is_empty() && self.iter().all(f)
    }

    pub fn isalpha(&self) -> bool { self.all_nonempty(ctype::is_alpha) }
    pub fn isdecimal(&self) -> bool { self.all_nonempty(ctype::is_decimal) }
    pub fn isdigit(&self) -> bool { self.all_nonempty(ctype::is_digit) }
    pub fn isnumeric(&self) -> bool { self.all_nonempty(ctype::is_numeric) }
    pub fn isalnum(&self) -> bool { self.all_nonempty(ctype::is_alnum) }
    pub fn isspace(&self) -> bool { self.all_nonempty(ctype::is_space) }
    /// True for '' (unlike the other predicates).
    pub fn isprintable(&self) -> bool { self.iter().all(ctype::is_printable) }
    pub fn isascii(&self) -> bool { self.is_ascii() }

    pub fn isidentifier(&self) -> bool {
        let mut it = self.iter();
        match it.next() {
            Some(c) if ctype::is_xid_start(c) => it.all(ctype::is_xid_continue),
            _ => false,
        }
    }

    /// At least one cased character and no lowercase or titlecase one.
    pub fn isupper(&self) -> bool {
        let mut cased = false;
        for c in self.iter() {
            if ctype::is_lower(c) || ctype::is_title(c) {
                return false;
            }
            cased |= ctype::is_upper(c);
        }
        cased
    }

    pub fn islower(&self) -> bool {
        let mut cased = false;
        for c in self.iter() {
            if ctype::is_upper(c) || ctype::is_title(c) {
                return false;
            }
            cased |= ctype::is_lower(c);
        }
        cased
    }

    /// Uppercase/titlecase only after uncased characters, lowercase only after cased ones.
    pub fn istitle(&self) -> bool {
        let (mut cased, mut previous_is_cased) = (false, false);
        for c in self.iter() {
            if ctype::is_upper(c) || ctype::is_title(c) {
                if previous_is_cased {
                    return false;
                }
                previous_is_cased = true;
                cased = true;
            } else if ctype::is_lower(c) {
                if !previous_is_cased {
                    return false;
                }
                previous_is_cased = true;
                cased = true;
            } else {
                previous_is_cased = false;
            }
        }
        cased
    }

    fn map_chars(&self, f: impl Fn(&[u32], usize, &mut Vec<u32>)) -> PyStrData {
        let cps = self.to_code_points();
        let mut out = Vec::with_capacity(cps.len());
        for i in 0..cps.len() {
            f(&cps, i, &mut out);
        }
        PyStrData::from_cps_unchecked(&out)
    }

    /// ASCII text maps byte by byte (no special casing, no final sigma).
    fn ascii_map(&self, f: fn(u8) -> u8) -> Option<PyStrData> {
        let b = self.ascii_bytes()?;
        Some(PyStrData::from_ascii_vec(b.iter().map(|&c| f(c)).collect()))
    }

    pub fn lower(&self) -> PyStrData {
        if let Some(r) = self.ascii_map(|b| b.to_ascii_lowercase()) {
            return r;
        }
        self.map_chars(push_lower)
    }

    pub fn upper(&self) -> PyStrData {
        if let Some(r) = self.ascii_map(|b| b.to_ascii_uppercase()) {
            return r;
        }
        self.map_chars(|c, i, out| push_full_case(c[i], CaseMapping::Upper, out))
    }

    pub fn casefold(&self) -> PyStrData {
        if let Some(r) = self.ascii_map(|b| b.to_ascii_lowercase()) {
            return r;
        }
        self.map_chars(|c, i, out| push_full_case(c[i], CaseMapping::Fold, out))
    }

    pub fn swapcase(&self) -> PyStrData {
        let swap = |b: u8| if b.is_ascii_uppercase() { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
        if let Some(r) = self.ascii_map(swap) {
            return r;
        }
        self.map_chars(|c, i, out| {
            if ctype::is_upper(c[i]) {
                push_lower(c, i, out)
            } else if ctype::is_lower(c[i]) {
                push_full_case(c[i], CaseMapping::Upper, out)
            } else {
                out.push(c[i])
            }
        })
    }

    /// First character titlecased, the rest lowercased.
    pub fn capitalize(&self) -> PyStrData {
        if let Some(b) = self.ascii_bytes() {
            let out = b.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
            return PyStrData::from_ascii_vec(out.collect());
        }
        self.map_chars(|c, i, out| {
            if i == 0 {
                push_full_case(c[i], CaseMapping::Title, out)
            } else {
                push_lower(c, i, out)
            }
        })
    }

    /// Titlecase after an uncased character, lowercase after a cased one.
    pub fn title(&self) -> PyStrData {
        if let Some(b) = self.ascii_bytes() {
            // ASCII: cased means a letter; titlecase is uppercase.
            let mut previous_is_cased = false;
            let mut out = Vec::with_capacity(b.len());
            for &c in b {
                out.push(if previous_is_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() });
                previous_is_cased = c.is_ascii_alphabetic();
            }
            return PyStrData::from_ascii_vec(out);
        }
        let cps = self.to_code_points();
        let mut out = Vec::with_capacity(cps.len());
        let mut previous_is_cased = false;
        for i in 0..cps.len() {
            if previous_is_cased {
                push_lower(&cps, i, &mut out);
            } else {
                push_full_case(cps[i], CaseMapping::Title, &mut out);
            }
            previous_is_cased = ctype::is_cased(cps[i]);
        }
        PyStrData::from_cps_unchecked(&out)
    }
}
