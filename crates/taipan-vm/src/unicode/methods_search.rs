//! Searching and splitting: find/rfind/index/rindex/count, startswith/endswith,
//! `__contains__`, replace, split/rsplit, partition/rpartition, the strip family and
//! removeprefix/removesuffix — with CPython's index clamping (`ADJUST_INDICES`), its
//! empty-substring rules and its whitespace (`Py_UNICODE_ISSPACE`).
//!
//! `start`/`end` arguments are Python's optional slice bounds (None = omitted).

use super::ctype;
use super::data::{PyStrData, StrError};

/// `ADJUST_INDICES`: clamp Python start/end bounds to `0..=len` (start may exceed end).
fn adjust_indices(len: usize, start: Option<isize>, end: Option<isize>) -> (usize, usize) {
    let len = len as isize;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

fn find_in(hay: &[u32], needle: &[u32]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_in(hay: &[u32], needle: &[u32]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn count_in(hay: &[u32], needle: &[u32], max: usize) -> usize {
    if needle.is_empty() {
        return (hay.len() + 1).min(max);
    }
    let (mut n, mut i) = (0, 0);
    while n < max && i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

fn from(cps: &[u32]) -> PyStrData {
    PyStrData::from_cps_unchecked(cps)
}

fn empty_separator() -> StrError {
    StrError::value("empty separator")
}

impl PyStrData {
    /// The searched window `s[start:end]` and its offset, or None when it is shorter than `sub`.
    fn window(&self, sub_len: usize, start: Option<isize>, end: Option<isize>) -> Option<(Vec<u32>, usize)> {
        let (s, e) = adjust_indices(self.len(), start, end);
        if e < s || e - s < sub_len {
            return None;
        }
        let cps: Vec<u32> = (s..e).map(|i| self.get(i).unwrap_or(0)).collect();
        Some((cps, s))
    }

    /// `str.find`: index of the first occurrence, or −1.
    pub fn find(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> isize {
        match self.window(sub.len(), start, end) {
            Some((w, off)) => find_in(&w, &sub.to_code_points()).map_or(-1, |i| (i + off) as isize),
            None => -1,
        }
    }

    pub fn rfind(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> isize {
        match self.window(sub.len(), start, end) {
            Some((w, off)) => rfind_in(&w, &sub.to_code_points()).map_or(-1, |i| (i + off) as isize),
            None => -1,
        }
    }

    /// `str.index`: as find, but ValueError('substring not found').
    pub fn index(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> Result<usize, StrError> {
        match self.find(sub, start, end) {
            -1 => Err(StrError::value("substring not found")),
            i => Ok(i as usize),
        }
    }

    pub fn rindex(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> Result<usize, StrError> {
        match self.rfind(sub, start, end) {
            -1 => Err(StrError::value("substring not found")),
            i => Ok(i as usize),
        }
    }

    /// `str.count`: non-overlapping occurrences.
    pub fn count(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> usize {
        match self.window(sub.len(), start, end) {
            Some((w, _)) => count_in(&w, &sub.to_code_points(), usize::MAX),
            None => 0,
        }
    }

    /// `sub in s`.
    pub fn contains(&self, sub: &PyStrData) -> bool {
        find_in(&self.to_code_points(), &sub.to_code_points()).is_some()
    }

    /// `tailmatch`: does `sub` occur at the start (or end) of `s[start:end]`?
    fn tailmatch(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>, at_end: bool) -> bool {
        let (s, e) = adjust_indices(self.len(), start, end);
        let n = sub.len();
        if e < n || e - n < s {
            return false;
        }
        let at = if at_end { e - n } else { s };
        (0..n).all(|k| self.get(at + k) == sub.get(k))
    }

    /// `str.startswith` with one prefix (the object layer loops over a tuple).
    pub fn startswith(&self, prefix: &PyStrData, start: Option<isize>, end: Option<isize>) -> bool {
        self.tailmatch(prefix, start, end, false)
    }

    pub fn endswith(&self, suffix: &PyStrData, start: Option<isize>, end: Option<isize>) -> bool {
        self.tailmatch(suffix, start, end, true)
    }

    /// `str.replace(old, new, count)`; count < 0 replaces every occurrence.
    pub fn replace(&self, old: &PyStrData, new: &PyStrData, count: isize) -> PyStrData {
        let s = self.to_code_points();
        let old = old.to_code_points();
        let new = new.to_code_points();
        let max = if count < 0 { usize::MAX } else { count as usize };
        let mut out = Vec::with_capacity(s.len());
        let mut done = 0;
        if old.is_empty() {
            for &c in &s {
                if done < max {
                    out.extend_from_slice(&new);
                    done += 1;
                }
                out.push(c);
            }
            if done < max {
                out.extend_from_slice(&new);
            }
            return from(&out);
        }
        let mut i = 0;
        while i < s.len() {
            if done < max && i + old.len() <= s.len() && s[i..i + old.len()] == *old {
                out.extend_from_slice(&new);
                i += old.len();
                done += 1;
            } else {
                out.push(s[i]);
                i += 1;
            }
        }
        from(&out)
    }

    /// `str.split(sep, maxsplit)`; `sep` None splits on runs of whitespace.
    pub fn split(&self, sep: Option<&PyStrData>, maxsplit: isize) -> Result<Vec<PyStrData>, StrError> {
        let s = self.to_code_points();
        let mut max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let mut out = Vec::new();
        match sep {
            None => {
                let (mut i, n) = (0, s.len());
                while max > 0 {
                    max -= 1;
                    while i < n && ctype::is_space(s[i]) {
                        i += 1;
                    }
                    if i == n {
                        break;
                    }
                    let j = i;
                    i += 1;
                    while i < n && !ctype::is_space(s[i]) {
                        i += 1;
                    }
                    out.push(from(&s[j..i]));
                }
                while i < n && ctype::is_space(s[i]) {
                    i += 1;
                }
                if i < n {
                    out.push(from(&s[i..]));
                }
            }
            Some(sep) => {
                let sep = sep.to_code_points();
                if sep.is_empty() {
                    return Err(empty_separator());
                }
                let mut j = 0;
                let mut i = 0;
                while max > 0 && i + sep.len() <= s.len() {
                    if s[i..i + sep.len()] == *sep {
                        out.push(from(&s[j..i]));
                        i += sep.len();
                        j = i;
                        max -= 1;
                    } else {
                        i += 1;
                    }
                }
                out.push(from(&s[j..]));
            }
        }
        Ok(out)
    }

    /// `str.rsplit(sep, maxsplit)`: splits counted from the right.
    pub fn rsplit(&self, sep: Option<&PyStrData>, maxsplit: isize) -> Result<Vec<PyStrData>, StrError> {
        let s = self.to_code_points();
        let mut max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let mut out = Vec::new();
        match sep {
            None => {
                let mut i = s.len();
                while max > 0 {
                    max -= 1;
                    while i > 0 && ctype::is_space(s[i - 1]) {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    let j = i;
                    i -= 1;
                    while i > 0 && !ctype::is_space(s[i - 1]) {
                        i -= 1;
                    }
                    out.push(from(&s[i..j]));
                }
                while i > 0 && ctype::is_space(s[i - 1]) {
                    i -= 1;
                }
                if i > 0 {
                    out.push(from(&s[..i]));
                }
            }
            Some(sep) => {
                let sep = sep.to_code_points();
                if sep.is_empty() {
                    return Err(empty_separator());
                }
                let m = sep.len();
                let mut j = s.len();
                let mut i = s.len();
                while max > 0 && i >= m {
                    if s[i - m..i] == *sep {
                        out.push(from(&s[i..j]));
                        i -= m;
                        j = i;
                        max -= 1;
                    } else {
                        i -= 1;
                    }
                }
                out.push(from(&s[..j]));
            }
        }
        out.reverse();
        Ok(out)
    }

    /// `str.partition(sep)`: (head, sep, tail), or (s, '', '') when sep is absent.
    pub fn partition(&self, sep: &PyStrData) -> Result<[PyStrData; 3], StrError> {
        if sep.is_empty() {
            return Err(empty_separator());
        }
        let s = self.to_code_points();
        Ok(match find_in(&s, &sep.to_code_points()) {
            Some(i) => [from(&s[..i]), sep.clone(), from(&s[i + sep.len()..])],
            None => [self.clone(), PyStrData::empty(), PyStrData::empty()],
        })
    }

    /// `str.rpartition(sep)`: ('', '', s) when sep is absent.
    pub fn rpartition(&self, sep: &PyStrData) -> Result<[PyStrData; 3], StrError> {
        if sep.is_empty() {
            return Err(empty_separator());
        }
        let s = self.to_code_points();
        Ok(match rfind_in(&s, &sep.to_code_points()) {
            Some(i) => [from(&s[..i]), sep.clone(), from(&s[i + sep.len()..])],
            None => [PyStrData::empty(), PyStrData::empty(), self.clone()],
        })
    }

    fn do_strip(&self, chars: Option<&PyStrData>, left: bool, right: bool) -> PyStrData {
        let s = self.to_code_points();
        let set = chars.map(|c| c.to_code_points());
        let strip = |c: u32| match &set {
            None => ctype::is_space(c),
            Some(set) => set.contains(&c),
        };
        let (mut i, mut j) = (0, s.len());
        if left {
            while i < j && strip(s[i]) {
                i += 1;
            }
        }
        if right {
            while j > i && strip(s[j - 1]) {
                j -= 1;
            }
        }
        from(&s[i..j])
    }

    /// `str.strip(chars)`; None strips whitespace.
    pub fn strip(&self, chars: Option<&PyStrData>) -> PyStrData {
        self.do_strip(chars, true, true)
    }
    pub fn lstrip(&self, chars: Option<&PyStrData>) -> PyStrData {
        self.do_strip(chars, true, false)
    }
    pub fn rstrip(&self, chars: Option<&PyStrData>) -> PyStrData {
        self.do_strip(chars, false, true)
    }

    pub fn removeprefix(&self, prefix: &PyStrData) -> PyStrData {
        if self.startswith(prefix, None, None) {
            let s = self.to_code_points();
            from(&s[prefix.len()..])
        } else {
            self.clone()
        }
    }

    pub fn removesuffix(&self, suffix: &PyStrData) -> PyStrData {
        if !suffix.is_empty() && self.endswith(suffix, None, None) {
            let s = self.to_code_points();
            from(&s[..s.len() - suffix.len()])
        } else {
            self.clone()
        }
    }
}
