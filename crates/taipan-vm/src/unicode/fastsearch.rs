//! Substring search on the PEP 393 buffers themselves (CPython's `Objects/stringlib/
//! fastsearch.h` idea): the haystack is read in its own kind, the needle converted to that
//! kind — a needle wider than the haystack cannot occur in it — and long needles use a
//! Boyer-Moore-Horspool skip table indexed by the low byte of a code unit (collisions only
//! shorten a skip, so the search stays exact).

use std::borrow::Cow;

use super::data::PyStrData;

/// A code unit of one of the three kinds.
pub(crate) trait Unit: Copy + Eq + Into<u32> {
    fn from_u32(c: u32) -> Option<Self>;
}
impl Unit for u8 {
    fn from_u32(c: u32) -> Option<u8> {
        u8::try_from(c).ok()
    }
}
impl Unit for u16 {
    fn from_u32(c: u32) -> Option<u16> {
        u16::try_from(c).ok()
    }
}
impl Unit for u32 {
    fn from_u32(c: u32) -> Option<u32> {
        Some(c)
    }
}

/// The buffer of a string in its own kind.
pub(crate) enum Units<'a> {
    U1(&'a [u8]),
    U2(&'a [u16]),
    U4(&'a [u32]),
}

impl PyStrData {
    /// The needle as units of the haystack's kind; None when some code point does not fit
    /// (so the needle cannot occur).
    pub(crate) fn units_as<T: Unit>(&self) -> Option<Cow<'_, [T]>> {
        self.iter().map(T::from_u32).collect::<Option<Vec<T>>>().map(Cow::Owned)
    }
}

/// First index of `needle` in `hay`.
pub(crate) fn find<T: Unit>(hay: &[T], needle: &[T]) -> Option<usize> {
    let (n, m) = (hay.len(), needle.len());
    if m == 0 {
        return Some(0);
    }
    if m > n {
        return None;
    }
    if m == 1 {
        return hay.iter().position(|&c| c == needle[0]);
    }
    let mut skip = [m; 256];
    for (i, &c) in needle[..m - 1].iter().enumerate() {
        skip[(c.into() & 0xFF) as usize] = m - 1 - i;
    }
    let last = needle[m - 1];
    let mut i = 0;
    while i + m <= n {
        let c = hay[i + m - 1];
        if c == last && hay[i..i + m - 1] == needle[..m - 1] {
            return Some(i);
        }
        i += skip[(c.into() & 0xFF) as usize];
    }
    None
}

/// Last index of `needle` in `hay`.
pub(crate) fn rfind<T: Unit>(hay: &[T], needle: &[T]) -> Option<usize> {
    let (n, m) = (hay.len(), needle.len());
    if m == 0 {
        return Some(n);
    }
    if m > n {
        return None;
    }
    if m == 1 {
        return hay.iter().rposition(|&c| c == needle[0]);
    }
    let mut skip = [m; 256];
    for (i, &c) in needle[1..].iter().enumerate().rev() {
        skip[(c.into() & 0xFF) as usize] = i + 1;
    }
    let first = needle[0];
    let mut i = n - m;
    loop {
        let c = hay[i];
        if c == first && hay[i + 1..i + m] == needle[1..] {
            return Some(i);
        }
        let s = skip[(c.into() & 0xFF) as usize];
        if i < s {
            return None;
        }
        i -= s;
    }
}

/// Non-overlapping occurrences, at most `max`.
pub(crate) fn count<T: Unit>(hay: &[T], needle: &[T], max: usize) -> usize {
    if needle.is_empty() {
        return (hay.len() + 1).min(max);
    }
    let (mut k, mut at) = (0, 0);
    while k < max {
        match find(&hay[at..], needle) {
            Some(i) => {
                k += 1;
                at += i + needle.len();
            }
            None => break,
        }
    }
    k
}

/// Run `$body` with `$h` = the haystack's units and `$n` = the needle in that kind, or
/// evaluate `$none` when the needle is too wide to occur.
macro_rules! with_units {
    ($hay:expr, $needle:expr, |$h:ident, $n:ident| $body:expr, $none:expr) => {
        match $hay.units() {
            $crate::unicode::fastsearch::Units::U1($h) => match $needle.units_as::<u8>() {
                Some(n) => {
                    let $n: &[u8] = &n;
                    $body
                }
                None => $none,
            },
            $crate::unicode::fastsearch::Units::U2($h) => match $needle.units_as::<u16>() {
                Some(n) => {
                    let $n: &[u16] = &n;
                    $body
                }
                None => $none,
            },
            $crate::unicode::fastsearch::Units::U4($h) => match $needle.units_as::<u32>() {
                Some(n) => {
                    let $n: &[u32] = &n;
                    $body
                }
                None => $none,
            },
        }
    };
}
pub(crate) use with_units;
