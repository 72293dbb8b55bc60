//! The format mini-language (`[[fill]align][sign]["z"]["#"]["0"][width][grouping]["."
//! precision][type]`) and the layout engine shared by every built-in `__format__`, as in
//! `Python/formatter_unicode.c` (`parse_internal_render_format_spec`,
//! `calc_number_widths`, `fill_number`, `_PyUnicode_InsertThousandsGrouping`).

use super::{decimal_value, FormatError, FormatResult};

/// Which thousands separator the spec asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    None,
    /// `,` every three digits.
    Comma,
    /// `_` every three digits (decimal) …
    Underscore,
    /// … or every four (`b o x X`).
    UnderscoreFour,
}

/// A parsed format spec (`InternalFormatSpec`). `type_` is `'\0'` when omitted and no
/// default applies; width and precision are `None` when not given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub fill_specified: bool,
    pub align: char,
    pub align_specified: bool,
    pub sign: char,
    pub no_neg_0: bool,
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Grouping,
    pub precision: Option<usize>,
    pub type_: char,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// `get_integer`: Unicode decimal digits; `Ok(None)` when there are none.
fn get_integer(chars: &[char], pos: &mut usize) -> FormatResult<Option<usize>> {
    let mut acc: usize = 0;
    let mut n = 0;
    while let Some(&c) = chars.get(*pos) {
        let Some(d) = decimal_value(c as u32) else { break };
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(FormatError::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d as usize;
        *pos += 1;
        n += 1;
    }
    Ok(if n == 0 { None } else { Some(acc) })
}

fn invalid_thousands(sep: char, type_: char) -> FormatError {
    let t = type_ as u32;
    if t > 32 && t < 128 {
        FormatError::value(format!("Cannot specify '{sep}' with '{type_}'."))
    } else {
        FormatError::value(format!("Cannot specify '{sep}' with '\\x{t:x}'."))
    }
}

/// `unknown_presentation_type`.
pub fn unknown_code(type_: char, type_name: &str) -> FormatError {
    let t = type_ as u32;
    if t > 32 && t < 128 {
        FormatError::value(format!("Unknown format code '{type_}' for object of type '{type_name}'"))
    } else {
        FormatError::value(format!("Unknown format code '\\x{t:x}' for object of type '{type_name}'"))
    }
}

impl FormatSpec {
    /// `parse_internal_render_format_spec(obj, spec, default_type, default_align)`.
    /// `type_name` names the object's type in error messages.
    pub fn parse(spec: &str, default_type: char, default_align: char, type_name: &str) -> FormatResult<FormatSpec> {
        let chars: Vec<char> = spec.chars().collect();
        let end = chars.len();
        let mut f = FormatSpec {
            fill: ' ',
            fill_specified: false,
            align: default_align,
            align_specified: false,
            sign: '\0',
            no_neg_0: false,
            alternate: false,
            width: None,
            grouping: Grouping::None,
            precision: None,
            type_: default_type,
        };
        let mut pos = 0;
        if end - pos >= 2 && is_align(chars[pos + 1]) {
            f.align = chars[pos + 1];
            f.fill = chars[pos];
            f.fill_specified = true;
            f.align_specified = true;
            pos += 2;
        } else if end - pos >= 1 && is_align(chars[pos]) {
            f.align = chars[pos];
            f.align_specified = true;
            pos += 1;
        }
        if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
            f.sign = chars[pos];
            pos += 1;
        }
        if pos < end && chars[pos] == 'z' {
            f.no_neg_0 = true;
            pos += 1;
        }
        if pos < end && chars[pos] == '#' {
            f.alternate = true;
            pos += 1;
        }
        if !f.fill_specified && pos < end && chars[pos] == '0' {
            f.fill = '0';
            if !f.align_specified && default_align == '>' {
                f.align = '=';
            }
            pos += 1;
        }
        f.width = get_integer(&chars, &mut pos)?;
        if pos < end && chars[pos] == ',' {
            f.grouping = Grouping::Comma;
            pos += 1;
        }
        if pos < end && chars[pos] == '_' {
            if f.grouping != Grouping::None {
                return Err(FormatError::value("Cannot specify both ',' and '_'."));
            }
            f.grouping = Grouping::Underscore;
            pos += 1;
        }
        if pos < end && chars[pos] == ',' && f.grouping == Grouping::Underscore {
            return Err(FormatError::value("Cannot specify both ',' and '_'."));
        }
        if pos < end && chars[pos] == '.' {
            pos += 1;
            f.precision = get_integer(&chars, &mut pos)?;
            if f.precision.is_none() {
                return Err(FormatError::value("Format specifier missing precision"));
            }
        }
        if end - pos > 1 {
            return Err(FormatError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        if end - pos == 1 {
            f.type_ = chars[pos];
        }
        if f.grouping != Grouping::None {
            match f.type_ {
                'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
                'b' | 'o' | 'x' | 'X' if f.grouping == Grouping::Underscore => {
                    f.grouping = Grouping::UnderscoreFour;
                }
                t => {
                    let sep = if f.grouping == Grouping::Comma { ',' } else { '_' };
                    return Err(invalid_thousands(sep, t));
                }
            }
        }
        Ok(f)
    }

    /// The width as a signed count (`-1` when absent), as CPython's arithmetic uses it.
    pub(crate) fn width_i(&self) -> i64 {
        self.width.map_or(-1, |w| w as i64)
    }
}

/// The separator and group size for a grouping (C locale for `n`: none).
fn grouping_params(g: Grouping) -> Option<(char, usize)> {
    match g {
        Grouping::None => None,
        Grouping::Comma => Some((',', 3)),
        Grouping::Underscore => Some(('_', 3)),
        Grouping::UnderscoreFour => Some(('_', 4)),
    }
}

/// `_PyUnicode_InsertThousandsGrouping`: `digits` grouped, left-padded with zeros (and
/// separators between them) to at least `min_width` characters.
fn group_digits(digits: &str, min_width: i64, grouping: Grouping) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width;
    let mut pieces: Vec<String> = Vec::new(); // right to left
    let mut end = d.len();
    let emit = |pieces: &mut Vec<String>, end: &mut usize, n_zeros: i64, n_chars: i64, sep: Option<char>| {
        let mut s = String::new();
        for _ in 0..n_zeros {
            s.push('0');
        }
        let start = *end - n_chars as usize;
        s.extend(&d[start..*end]);
        *end = start;
        if let Some(c) = sep {
            s.push(c);
        }
        pieces.push(s);
    };
    let mut use_sep = false;
    if let Some((sep, size)) = grouping_params(grouping) {
        loop {
            let len = (size as i64).min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut pieces, &mut end, n_zeros, n_chars, if use_sep { Some(sep) } else { None });
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        }
    } else {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        emit(&mut pieces, &mut end, n_zeros, n_chars, None);
    }
    pieces.reverse();
    pieces.concat()
}

/// The parts of a formatted number (`calc_number_widths` + `fill_number`): `sign_char`
/// is `'-'` or `'\0'`, `prefix` e.g. `0x`, `digits` the integer digits to group, and
/// `remainder` everything after them (the decimal point is part of it). `c` formatting
/// passes its character as `remainder` with no digits.
pub(crate) fn fill_number(
    spec: &FormatSpec,
    sign_char: char,
    prefix: &str,
    digits: &str,
    remainder: &str,
) -> String {
    let sign = match spec.sign {
        '+' => Some(if sign_char == '-' { '-' } else { '+' }),
        ' ' => Some(if sign_char == '-' { '-' } else { ' ' }),
        _ => (sign_char == '-').then_some('-'),
    };
    let n_digits = digits.chars().count() as i64;
    let n_non_digit = sign.is_some() as i64 + prefix.chars().count() as i64 + remainder.chars().count() as i64;
    let width = spec.width_i();
    let min_width = if spec.fill == '0' && spec.align == '=' { width - n_non_digit } else { 0 };
    let grouped = if n_digits == 0 { String::new() } else { group_digits(digits, min_width, spec.grouping) };
    let n_padding = width - (n_non_digit + grouped.chars().count() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match spec.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::new();
    let pad = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(spec.fill);
        }
    };
    pad(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(prefix);
    pad(&mut out, spad);
    out.push_str(&grouped);
    out.push_str(remainder);
    pad(&mut out, rpad);
    out
}

/// `calc_padding` + fill: `text` (of `len` characters) aligned in `width`.
pub(crate) fn pad_text(text: &str, len: usize, width: Option<usize>, align: char, fill: char) -> String {
    let total = width.unwrap_or(0).max(len);
    let n = total - len;
    let lpad = match align {
        '>' => n,
        '^' => n / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(text.len() + n);
    for _ in 0..lpad {
        out.push(fill);
    }
    out.push_str(text);
    for _ in 0..n - lpad {
        out.push(fill);
    }
    out
}
