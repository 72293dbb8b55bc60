//! Searching and splitting: find/rfind/index/rindex/count, startswith/endswith,
//! `__contains__`, replace, split/rsplit, partition/rpartition, the strip family and
//! removeprefix/removesuffix — with CPython's index clamping (`ADJUST_INDICES`), its
//! empty-substring rules and its whitespace (`Py_UNICODE_ISSPACE`).
//!
//! `start`/`end` arguments are Python's optional slice bounds (None = omitted).

use super::ctype;
use super::data::{PyStrData, StrError};
use super::fastsearch::{self, with_units};

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

fn from(cps: &[u32]) -> PyStrData {
    PyStrData::from_cps_unchecked(cps)
}

fn empty_separator() -> StrError {
    StrError::value("empty separator")
}

impl PyStrData {
    /// find/rfind on `s[start:end]` in the buffer's own kind: the index or −1.
    fn find_impl(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>, rev: bool) -> isize {
        let (s, e) = adjust_indices(self.len(), start, end);
        if e < s || e - s < sub.len() {
            return -1;
        }
        with_units!(self, sub, |h, n| {
            let w = &h[s..e];
            let r = if rev { fastsearch::rfind(w, n) } else { fastsearch::find(w, n) };
            r.map_or(-1, |i| (i + s) as isize)
        }, -1)
    }

    /// `str.find`: index of the first occurrence, or −1.
    pub fn find(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> isize {
        self.find_impl(sub, start, end, false)
    }

    pub fn rfind(&self, sub: &PyStrData, start: Option<isize>, end: Option<isize>) -> isize {
        self.find_impl(sub, start, end, true)
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
        let (s, e) = adjust_indices(self.len(), start, end);
        if e < s || e - s < sub.len() {
            return 0;
        }
        with_units!(self, sub, |h, n| fastsearch::count(&h[s..e], n, usize::MAX), 0)
    }

    /// `sub in s`.
    pub fn contains(&self, sub: &PyStrData) -> bool {
        self.find(sub, None, None) != -1
    }

    /// Start indices of the first `max` non-overlapping occurrences of a non-empty `sub`.
    fn match_starts(&self, sub: &PyStrData, max: usize) -> Vec<usize> {
        with_units!(self, sub, |h, n| {
            let (mut out, mut at) = (Vec::new(), 0);
            while out.len() < max {
                match fastsearch::find(&h[at..], n) {
                    Some(i) => {
                        out.push(at + i);
                        at += i + n.len();
                    }
                    None => break,
                }
            }
            out
        }, Vec::new())
    }

    /// Start indices of the last `max` non-overlapping occurrences, scanning from the right.
    fn rmatch_starts(&self, sub: &PyStrData, max: usize) -> Vec<usize> {
        with_units!(self, sub, |h, n| {
            let (mut out, mut at) = (Vec::new(), h.len());
            while out.len() < max {
                match fastsearch::rfind(&h[..at], n) {
                    Some(i) => {
                        out.push(i);
                        at = i;
                    }
                    None => break,
                }
            }
            out
        }, Vec::new())
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
    pub fn replace(&self, old_str: &PyStrData, new: &PyStrData, count: isize) -> PyStrData {
        let s = self.to_code_points();
        let new = new.to_code_points();
        let max = if count < 0 { usize::MAX } else { count as usize };
        let mut out = Vec::with_capacity(s.len());
        if old_str.is_empty() {
            let mut done = 0;
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
        let mut prev = 0;
        for at in self.match_starts(old_str, max) {
            out.extend_from_slice(&s[prev..at]);
            out.extend_from_slice(&new);
            prev = at + old_str.len();
        }
        out.extend_from_slice(&s[prev..]);
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
                if sep.is_empty() {
                    return Err(empty_separator());
                }
                let mut prev = 0;
                for at in self.match_starts(sep, max) {
                    out.push(self.substring(prev, at));
                    prev = at + sep.len();
                }
                out.push(self.substring(prev, self.len()));
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
                if sep.is_empty() {
                    return Err(empty_separator());
                }
                let mut next = self.len();
                for at in self.rmatch_starts(sep, max) {
                    out.push(self.substring(at + sep.len(), next));
                    next = at;
                }
                out.push(self.substring(0, next));
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
        Ok(match self.find(sep, None, None) {
            -1 => [self.clone(), PyStrData::empty(), PyStrData::empty()],
            i => [self.substring(0, i as usize), sep.clone(), self.substring(i as usize + sep.len(), self.len())],
        })
    }

    /// `str.rpartition(sep)`: ('', '', s) when sep is absent.
    pub fn rpartition(&self, sep: &PyStrData) -> Result<[PyStrData; 3], StrError> {
        if sep.is_empty() {
            return Err(empty_separator());
        }
        Ok(match self.rfind(sep, None, None) {
            -1 => [PyStrData::empty(), PyStrData::empty(), self.clone()],
            i => [self.substring(0, i as usize), sep.clone(), self.substring(i as usize + sep.len(), self.len())],
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
