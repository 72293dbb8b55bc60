//! The parsing half of `str.format` (`Objects/stringlib/unicode_format.h`), exactly what
//! `_string.formatter_parser` and `_string.formatter_field_name_split` expose:
//!
//! - [`MarkupIterator`] splits a format string into (literal, field) pieces, handling `{{`
//!   and `}}`, and reports CPython's errors lazily, at the piece where they occur, so a
//!   renderer that formats each field as it goes raises in the same order as CPython.
//! - [`field_name_split`] splits a field name into its first part (an index — Unicode
//!   digits allowed — or a name) and the `.attr` / `[key]` accessors, with auto-numbering
//!   (`{}`) and its "cannot switch" errors when an [`AutoNumber`] is given.
//!
//! Conversion characters are not validated here (`!x` is a render-time error, as in
//! CPython), nor are nested fields in a format spec expanded: the renderer re-parses the
//! spec when `spec_needs_expanding` is set.

use super::{decimal_value, FormatError, FormatResult};

/// One piece of a format string: literal text, then (if present) a replacement field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupPiece {
    pub literal: String,
    /// `Some` when a replacement field follows the literal.
    pub field: Option<MarkupField>,
}

/// A replacement field `{name!conv:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupField {
    pub name: String,
    pub conversion: Option<char>,
    pub spec: String,
    /// The spec contains `{`: nested fields to expand before formatting.
    pub spec_needs_expanding: bool,
}

/// Iterates over the pieces of a format string (`MarkupIterator_next`).
pub struct MarkupIterator {
    s: Vec<char>,
    pos: usize,
    failed: bool,
}

impl MarkupIterator {
    pub fn new(format: &str) -> MarkupIterator {
        MarkupIterator { s: format.chars().collect(), pos: 0, failed: false }
    }

    fn parse_field(&mut self) -> FormatResult<MarkupField> {
        let end = self.s.len();
        let name_start = self.pos;
        let mut c = '\0';
        while self.pos < end {
            c = self.s[self.pos];
            self.pos += 1;
            match c {
                '{' => return Err(FormatError::value("unexpected '{' in field name")),
                '[' => {
                    while self.pos < end && self.s[self.pos] != ']' {
                        self.pos += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => break,
                _ => continue,
            }
        }
        let name: String = self.s[name_start..self.pos.saturating_sub(1).max(name_start)].iter().collect();
        let mut field = MarkupField { name, conversion: None, spec: String::new(), spec_needs_expanding: false };
        if c == '!' || c == ':' {
            if c == '!' {
                if self.pos >= end {
                    return Err(FormatError::value("end of string while looking for conversion specifier"));
                }
                field.conversion = Some(self.s[self.pos]);
                self.pos += 1;
                if self.pos < end {
                    let c2 = self.s[self.pos];
                    self.pos += 1;
                    if c2 == '}' {
                        return Ok(field);
                    }
                    if c2 != ':' {
                        return Err(FormatError::value("expected ':' after conversion specifier"));
                    }
                }
            }
            let spec_start = self.pos;
            let mut count = 1;
            while self.pos < end {
                let c = self.s[self.pos];
                self.pos += 1;
                match c {
                    '{' => {
                        field.spec_needs_expanding = true;
                        count += 1;
                    }
                    '}' => {
                        count -= 1;
                        if count == 0 {
                            field.spec = self.s[spec_start..self.pos - 1].iter().collect();
                            return Ok(field);
                        }
                    }
                    _ => {}
                }
            }
            return Err(FormatError::value("unmatched '{' in format spec"));
        } else if c != '}' {
            return Err(FormatError::value("expected '}' before end of string"));
        }
        Ok(field)
    }
}

impl Iterator for MarkupIterator {
    type Item = FormatResult<MarkupPiece>;

    fn next(&mut self) -> Option<Self::Item> {
        let end = self.s.len();
        if self.failed || self.pos >= end {
            return None;
        }
        let start = self.pos;
        let mut c = '\0';
        let mut markup_follows = false;
        while self.pos < end {
            c = self.s[self.pos];
            self.pos += 1;
            if c == '{' || c == '}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = self.pos >= end;
        let mut len = self.pos - start;
        if c == '}' && markup_follows && (at_end || self.s[self.pos] != '}') {
            self.failed = true;
            return Some(Err(FormatError::value("Single '}' encountered in format string")));
        }
        if at_end && c == '{' && markup_follows {
            self.failed = true;
            return Some(Err(FormatError::value("Single '{' encountered in format string")));
        }
        if !at_end {
            if self.s[self.pos] == c && markup_follows {
                self.pos += 1;
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        let literal: String = self.s[start..start + len].iter().collect();
        if !markup_follows {
            return Some(Ok(MarkupPiece { literal, field: None }));
        }
        match self.parse_field() {
            Ok(field) => Some(Ok(MarkupPiece { literal, field: Some(field) })),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// The first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// A positional index (explicit digits, or assigned by auto-numbering).
    Index(usize),
    /// A keyword name (possibly empty when no auto-numbering is in effect).
    Name(String),
}

/// One accessor after the first part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAccessor {
    /// `.name`
    Attr(String),
    /// `[digits]`
    Index(usize),
    /// `[key]`
    Key(String),
}

/// Auto-numbering state of one `str.format` call (`AutoNumber`).
#[derive(Clone, Debug, Default)]
pub struct AutoNumber {
    state: AutoState,
    next: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AutoState {
    #[default]
    Init,
    Auto,
    Manual,
}

/// `get_integer`: `None` when not all decimal digits (or empty).
fn get_integer(s: &[char]) -> FormatResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in s {
        let Some(d) = decimal_value(c as u32) else { return Ok(None) };
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(FormatError::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d as usize;
    }
    Ok(Some(acc))
}

/// Iterates over the accessors of a field name (`FieldNameIterator`); errors are lazy.
pub struct FieldNameIter {
    s: Vec<char>,
    pos: usize,
    failed: bool,
}

impl Iterator for FieldNameIter {
    type Item = FormatResult<FieldAccessor>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.s.len() {
            return None;
        }
        let r = self.next_inner();
        if r.is_err() {
            self.failed = true;
        }
        Some(r)
    }
}

impl FieldNameIter {
    fn next_inner(&mut self) -> FormatResult<FieldAccessor> {
        let end = self.s.len();
        let c = self.s[self.pos];
        self.pos += 1;
        let (name, acc) = match c {
            '.' => {
                let start = self.pos;
                while self.pos < end && !matches!(self.s[self.pos], '[' | '.') {
                    self.pos += 1;
                }
                let name: String = self.s[start..self.pos].iter().collect();
                (name.clone(), FieldAccessor::Attr(name))
            }
            '[' => {
                let start = self.pos;
                while self.pos < end && self.s[self.pos] != ']' {
                    self.pos += 1;
                }
                if self.pos >= end {
                    return Err(FormatError::value("Missing ']' in format string"));
                }
                self.pos += 1;
                let key = &self.s[start..self.pos - 1];
                let name: String = key.iter().collect();
                match get_integer(key)? {
                    Some(i) => (name, FieldAccessor::Index(i)),
                    None => (name.clone(), FieldAccessor::Key(name)),
                }
            }
            _ => return Err(FormatError::value("Only '.' or '[' may follow ']' in format field specifier")),
        };
        if name.is_empty() {
            return Err(FormatError::value("Empty attribute in format string"));
        }
        Ok(acc)
    }
}

/// `field_name_split`: the first part and an iterator over the accessors. With `auto`,
/// an empty first part takes the next automatic index.
pub fn field_name_split(name: &str, auto: Option<&mut AutoNumber>) -> FormatResult<(FieldFirst, FieldNameIter)> {
    let s: Vec<char> = name.chars().collect();
    let split = s.iter().position(|&c| c == '.' || c == '[').unwrap_or(s.len());
    let first = &s[..split];
    let idx = get_integer(first)?;
    let empty = first.is_empty();
    let mut first_value = match idx {
        Some(i) => FieldFirst::Index(i),
        None => FieldFirst::Name(first.iter().collect()),
    };
    if let Some(auto) = auto {
        let numeric = empty || idx.is_some();
        if auto.state == AutoState::Init && numeric {
            auto.state = if empty { AutoState::Auto } else { AutoState::Manual };
        }
        if numeric {
            if auto.state == AutoState::Manual && empty {
                return Err(FormatError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            if auto.state == AutoState::Auto && !empty {
                return Err(FormatError::value(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
        }
        if empty {
            first_value = FieldFirst::Index(auto.next);
            auto.next += 1;
        }
    }
    Ok((first_value, FieldNameIter { s: s[split..].to_vec(), pos: 0, failed: false }))
}

/// What [`str_format`] needs from the object layer: argument lookup, `.attr` / `[key]`
/// access, `!r`/`!s`/`!a` conversion and `format(obj, spec)`. Errors raised by these are
/// the object layer's own (`KeyError(name)`, `IndexError("Replacement index 3 out of
/// range for positional args tuple")`, `AttributeError`, …); see [`replacement_index_error`].
pub trait FormatArgs {
    type Obj;
    type Error: From<FormatError>;
    fn positional(&mut self, index: usize) -> Result<Self::Obj, Self::Error>;
    fn keyword(&mut self, name: &str) -> Result<Self::Obj, Self::Error>;
    fn access(&mut self, obj: Self::Obj, accessor: &FieldAccessor) -> Result<Self::Obj, Self::Error>;
    /// `conversion` is one of `r`, `s`, `a`.
    fn convert(&mut self, obj: Self::Obj, conversion: char) -> Result<Self::Obj, Self::Error>;
    fn format(&mut self, obj: Self::Obj, spec: &str) -> Result<String, Self::Error>;
}

/// The IndexError message of a positional field past the end of the arguments.
pub fn replacement_index_error(index: usize) -> FormatError {
    FormatError {
        kind: super::ErrorKind::IndexError,
        message: format!("Replacement index {index} out of range for positional args tuple"),
    }
}

/// `str.format(*args, **kwargs)` (`build_string` with recursion depth 2): literal text is
/// copied, each field is looked up, converted, its spec expanded (one level of nesting),
/// and formatted, in CPython's order.
pub fn str_format<A: FormatArgs>(format: &str, args: &mut A) -> Result<String, A::Error> {
    let mut auto = AutoNumber::default();
    build_string(format, args, 2, &mut auto)
}

fn build_string<A: FormatArgs>(
    format: &str,
    args: &mut A,
    depth: u32,
    auto: &mut AutoNumber,
) -> Result<String, A::Error> {
    if depth == 0 {
        return Err(FormatError::value("Max string recursion exceeded").into());
    }
    let mut out = String::new();
    for piece in MarkupIterator::new(format) {
        let piece = piece?;
        out.push_str(&piece.literal);
        let Some(field) = piece.field else { continue };
        let (first, rest) = field_name_split(&field.name, Some(auto))?;
        let mut obj = match &first {
            FieldFirst::Index(i) => args.positional(*i)?,
            FieldFirst::Name(n) => args.keyword(n)?,
        };
        for accessor in rest {
            obj = args.access(obj, &accessor?)?;
        }
        if let Some(c) = field.conversion {
            if !matches!(c, 'r' | 's' | 'a') {
                let code = c as u32;
                let msg = if code > 32 && code < 127 {
                    format!("Unknown conversion specifier {c}")
                } else {
                    format!("Unknown conversion specifier \\x{code:x}")
                };
                return Err(FormatError::value(msg).into());
            }
            obj = args.convert(obj, c)?;
        }
        let spec = if field.spec_needs_expanding {
            build_string(&field.spec, args, depth - 1, auto)?
        } else {
            field.spec
        };
        out.push_str(&args.format(obj, &spec)?);
    }
    Ok(out)
}
