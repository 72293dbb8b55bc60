//! Padding and line handling: center/ljust/rjust/zfill, expandtabs, splitlines and join,
//! as `Objects/unicodeobject.c` computes them (center's odd-margin rule, zfill's sign).

use super::ctype;
use super::data::{PyStrData, StrError, StrErrorKind};

fn from(cps: &[u32]) -> PyStrData {
    PyStrData::from_cps_unchecked(cps)
}

impl PyStrData {
    /// `pad`: `left` and `right` copies of `fill` around the string.
    fn pad(&self, left: usize, right: usize, fill: u32) -> PyStrData {
        let mut out = vec![fill; left];
        out.extend(self.iter());
        out.extend(std::iter::repeat_n(fill, right));
        from(&out)
    }

    /// `str.center(width, fillchar)`; an odd margin puts the extra fill on the left only
    /// when `width` is odd, as CPython does.
    pub fn center(&self, width: isize, fill: u32) -> PyStrData {
        let len = self.len() as isize;
        if width <= len {
            return self.clone();
        }
        let marg = width - len;
        let left = marg / 2 + (marg & width & 1);
        self.pad(left as usize, (marg - left) as usize, fill)
    }

    pub fn ljust(&self, width: isize, fill: u32) -> PyStrData {
        let len = self.len() as isize;
        if width <= len {
            return self.clone();
        }
        self.pad(0, (width - len) as usize, fill)
    }

    pub fn rjust(&self, width: isize, fill: u32) -> PyStrData {
        let len = self.len() as isize;
        if width <= len {
            return self.clone();
        }
        self.pad((width - len) as usize, 0, fill)
    }

    /// `str.zfill(width)`: zeros on the left, after a leading sign.
    pub fn zfill(&self, width: isize) -> PyStrData {
        let len = self.len() as isize;
        if width <= len {
            return self.clone();
        }
        let fill = (width - len) as usize;
        let mut out = vec![0x30; fill];
        out.extend(self.iter());
        if fill < out.len() && (out[fill] == '+' as u32 || out[fill] == '-' as u32) {
            out[0] = out[fill];
            out[fill] = 0x30;
        }
        from(&out)
    }

    /// `str.expandtabs(tabsize)`: the column restarts after '\n' and '\r'.
    pub fn expandtabs(&self, tabsize: isize) -> Result<PyStrData, StrError> {
        let mut out = Vec::with_capacity(self.len());
        let mut col: usize = 0;
        for c in self.iter() {
            if c == '\t' as u32 {
                if tabsize > 0 {
                    let n = tabsize as usize - col % tabsize as usize;
                    if out.len().checked_add(n).is_none_or(|t| t > isize::MAX as usize) {
                        return Err(StrError::new(StrErrorKind::OverflowError, "new string is too long"));
                    }
                    out.extend(std::iter::repeat_n(0x20, n));
                    col += n;
                }
            } else {
                out.push(c);
                col += 1;
                if c == '\n' as u32 || c == '\r' as u32 {
                    col = 0;
                }
            }
        }
        Ok(from(&out))
    }

    /// `str.splitlines(keepends)`: every Unicode line boundary, "\r\n" as one.
    pub fn splitlines(&self, keepends: bool) -> Vec<PyStrData> {
        let s = self.to_code_points();
        let mut out = Vec::new();
        let (mut i, n) = (0, s.len());
        while i < n {
            let j = i;
            while i < n && !ctype::is_linebreak(s[i]) {
                i += 1;
            }
            let mut eol = i;
            if i < n {
                if s[i] == '\r' as u32 && i + 1 < n && s[i + 1] == '\n' as u32 {
                    i += 2;
                } else {
                    i += 1;
                }
                if keepends {
                    eol = i;
                }
            }
            out.push(from(&s[j..eol]));
        }
        out
    }

    /// `sep.join(items)`.
    pub fn join(&self, items: &[&PyStrData]) -> PyStrData {
        PyStrData::concat_all(items, if self.is_empty() { None } else { Some(self) })
    }
}

/// What `str.translate`'s table gives for one character (the object layer turns the
/// table's `__getitem__` result into this: LookupError → `Keep`, None → `Delete`, an int →
/// `Char`, a str → `Str`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Translation {
    Keep,
    Delete,
    Char(u32),
    Str(PyStrData),
}

impl PyStrData {
    /// `str.translate(table)` with the table lookup supplied by the caller; a lookup error
    /// stops the translation and is returned as is.
    pub fn translate<E>(&self, mut lookup: impl FnMut(u32) -> Result<Translation, E>) -> Result<PyStrData, E> {
        let mut out = Vec::with_capacity(self.len());
        for c in self.iter() {
            match lookup(c)? {
                Translation::Keep => out.push(c),
                Translation::Delete => {}
                Translation::Char(m) => out.push(m.min(0x10FFFF)),
                Translation::Str(s) => out.extend(s.iter()),
            }
        }
        Ok(from(&out))
    }
}
