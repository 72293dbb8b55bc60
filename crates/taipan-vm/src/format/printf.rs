//! printf-style `str % args` (`PyUnicode_Format` in `Objects/unicodeobject.c`) and
//! `bytes % args` (`_PyBytes_FormatEx`, PEP 461), on values
//! the object layer has already classified ([`PercentValue`]): ints and floats are
//! formatted here, every other object arrives with its `str()`, `repr()` and `ascii()`
//! computed. Parsing follows CPython character by character, so the errors ("incomplete
//! format", "not enough arguments for format string", "unsupported format character 'y'
//! (0x79) at index 3", …) come out in the same order and with the same text.

use dashu_int::IBig;

use super::int_str::{int_to_decimal, int_to_str_radix};
use super::{double_to_string, float_repr, int_to_f64, DtoaFlags, ErrorKind, FormatError, FormatResult};

/// One `%` argument.
#[derive(Clone, Debug)]
pub enum PercentValue {
    Int(IBig),
    Bool(bool),
    Float(f64),
    /// A str: the value, its `repr()` and `ascii()`.
    Str { value: String, repr: String, ascii: String },
    /// A bytes-like object (`bytes`, `bytearray`, or anything with `__bytes__` / the buffer
    /// protocol, for `%b`): its type name, contents and `repr()` (= `ascii()` = `str()`).
    Bytes { type_name: String, value: Vec<u8>, repr: String },
    /// Any other object (not a number): type name, `str()`, `repr()`, `ascii()`.
    Other { type_name: String, str_: String, repr: String, ascii: String },
}

/// The right operand of `%`: a tuple, a mapping (items, and the mapping itself as a value
/// for conversions without a key), or a single value. As in CPython, any non-tuple,
/// non-str object with `__getitem__` (`PyMapping_Check`: lists, bytes, …) counts as a
/// mapping: pass it as `Mapping` (its `items` are the keys it can be looked up by), which
/// also exempts it from "not all arguments converted".
#[derive(Clone, Debug)]
pub enum PercentArgs {
    Tuple(Vec<PercentValue>),
    Mapping { items: Vec<(String, PercentValue)>, itself: PercentValue },
    Single(PercentValue),
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

struct Arg {
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    sign: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Str,
    Bytes,
}

struct Ctx<'a> {
    mode: Mode,
    fmt: Vec<u32>,
    pos: usize,
    args: &'a PercentArgs,
    /// The current argument source: `None` = the tuple / single value, else a looked-up value.
    current: Option<&'a PercentValue>,
    arglen: i64,
    argidx: i64,
}

impl<'a> Ctx<'a> {
    fn is_dict(&self) -> bool {
        matches!(self.args, PercentArgs::Mapping { .. })
    }

    fn next_arg(&mut self) -> FormatResult<&'a PercentValue> {
        let idx = self.argidx;
        if idx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(match (self.current, self.args) {
                    (Some(v), _) => v,
                    (None, PercentArgs::Single(v)) => v,
                    (None, PercentArgs::Mapping { itself, .. }) => itself,
                    (None, PercentArgs::Tuple(_)) => unreachable_value(),
                });
            }
            if let PercentArgs::Tuple(items) = self.args {
                if let Some(v) = items.get(idx as usize) {
                    return Ok(v);
                }
            }
        }
        Err(FormatError::type_error("not enough arguments for format string"))
    }

    /// Reads the next format character, or `None` when the format is exhausted.
    fn read(&mut self) -> Option<char> {
        let c = self.fmt.get(self.pos).map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}'));
        if c.is_some() {
            self.pos += 1;
        }
        c
    }
}

fn unreachable_value() -> &'static PercentValue {
    static NONE: std::sync::OnceLock<PercentValue> = std::sync::OnceLock::new();
    NONE.get_or_init(|| PercentValue::Other {
        type_name: String::new(),
        str_: String::new(),
        repr: String::new(),
        ascii: String::new(),
    })
}

fn type_name(v: &PercentValue) -> &str {
    match v {
        PercentValue::Int(_) => "int",
        PercentValue::Bool(_) => "bool",
        PercentValue::Float(_) => "float",
        PercentValue::Str { .. } => "str",
        PercentValue::Bytes { type_name, .. } => type_name,
        PercentValue::Other { type_name, .. } => type_name,
    }
}

/// `str % args`.
pub fn percent_format(fmt: &str, args: &PercentArgs) -> FormatResult<String> {
    let out = format_units(Mode::Str, fmt.chars().map(|c| c as u32).collect(), args)?;
    Ok(out.into_iter().map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect())
}

/// `bytes % args`. Mapping keys are the key bytes decoded as latin-1.
pub fn bytes_percent_format(fmt: &[u8], args: &PercentArgs) -> FormatResult<Vec<u8>> {
    let out = format_units(Mode::Bytes, fmt.iter().map(|&b| u32::from(b)).collect(), args)?;
    Ok(out.into_iter().map(|u| u as u8).collect())
}

fn not_all_converted(mode: Mode) -> FormatError {
    FormatError::type_error(match mode {
        Mode::Str => "not all arguments converted during string formatting",
        Mode::Bytes => "not all arguments converted during bytes formatting",
    })
}

fn format_units(mode: Mode, fmt: Vec<u32>, args: &PercentArgs) -> FormatResult<Vec<u32>> {
    let (arglen, argidx) = match args {
        PercentArgs::Tuple(items) => (items.len() as i64, 0),
        _ => (-1, -2),
    };
    let mut ctx = Ctx { mode, fmt, pos: 0, args, current: None, arglen, argidx };
    let mut out = Vec::new();
    while ctx.pos < ctx.fmt.len() {
        let c = ctx.fmt[ctx.pos];
        if c != '%' as u32 {
            out.push(c);
            ctx.pos += 1;
            continue;
        }
        ctx.pos += 1;
        format_arg(&mut ctx, &mut out)?;
    }
    if ctx.argidx < ctx.arglen && !ctx.is_dict() {
        return Err(not_all_converted(mode));
    }
    Ok(out)
}

fn star_value(ctx: &mut Ctx) -> FormatResult<IBig> {
    match ctx.next_arg()? {
        PercentValue::Int(n) => Ok(n.clone()),
        PercentValue::Bool(b) => Ok(IBig::from(*b as u8)),
        _ => Err(FormatError::type_error("* wants int")),
    }
}

fn format_arg(ctx: &mut Ctx, out: &mut Vec<u32>) -> FormatResult<()> {
    if ctx.fmt.get(ctx.pos) == Some(&('%' as u32)) {
        ctx.pos += 1;
        out.push('%' as u32);
        return Ok(());
    }
    let mut arg = Arg { ch: '\0', flags: 0, width: -1, prec: -1, sign: false };
    // Mapping key: "%(name)s".
    if ctx.fmt.get(ctx.pos) == Some(&('(' as u32)) {
        let PercentArgs::Mapping { items, .. } = ctx.args else {
            return Err(FormatError::type_error("format requires a mapping"));
        };
        ctx.pos += 1;
        let start = ctx.pos;
        let mut depth = 1;
        while depth > 0 {
            let Some(c) = ctx.read() else { break };
            if c == ')' {
                depth -= 1;
            } else if c == '(' {
                depth += 1;
            }
        }
        if depth > 0 {
            return Err(FormatError::value("incomplete format key"));
        }
        let key: String = ctx.fmt[start..ctx.pos - 1].iter().map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect();
        let Some((_, v)) = items.iter().find(|(k, _)| *k == key) else {
            return Err(FormatError { kind: ErrorKind::KeyError, message: key });
        };
        ctx.current = Some(v);
        ctx.arglen = -1;
        ctx.argidx = -2;
    }
    let mut exhausted = false;
    // Whether the conversion character was last read through Py_CHARMASK (the digit loops of
    // width and precision): elsewhere _PyBytes_FormatEx reads a signed char.
    let mut masked = false;
    // Flags.
    loop {
        let Some(c) = ctx.read() else {
            exhausted = true;
            break;
        };
        arg.ch = c;
        match c {
            '-' => arg.flags |= F_LJUST,
            '+' => arg.flags |= F_SIGN,
            ' ' => arg.flags |= F_BLANK,
            '#' => arg.flags |= F_ALT,
            '0' => arg.flags |= F_ZERO,
            _ => break,
        }
    }
    let advance = |ctx: &mut Ctx, arg: &mut Arg, exhausted: &mut bool, masked: &mut bool| {
        if *exhausted {
            return;
        }
        match ctx.read() {
            Some(c) => {
                arg.ch = c;
                *masked = false;
            }
            None => *exhausted = true,
        }
    };
    // Width.
    if !exhausted && arg.ch == '*' {
        let w = star_value(ctx)?;
        let w = i64::try_from(&w).map_err(|_| FormatError::overflow("Python int too large to convert to C ssize_t"))?;
        if w < 0 {
            arg.flags |= F_LJUST;
            arg.width = w.checked_neg().unwrap_or(i64::MAX);
        } else {
            arg.width = w;
        }
        advance(ctx, &mut arg, &mut exhausted, &mut masked);
    } else if !exhausted && arg.ch.is_ascii_digit() {
        arg.width = arg.ch as i64 - '0' as i64;
        loop {
            let Some(c) = ctx.read() else {
                exhausted = true;
                break;
            };
            arg.ch = c;
            masked = true;
            if !c.is_ascii_digit() {
                break;
            }
            let d = c as i64 - '0' as i64;
            if arg.width > (isize::MAX as i64 - d) / 10 {
                return Err(FormatError::value("width too big"));
            }
            arg.width = arg.width * 10 + d;
        }
    }
    // Precision.
    if !exhausted && arg.ch == '.' {
        arg.prec = 0;
        advance(ctx, &mut arg, &mut exhausted, &mut masked);
        if !exhausted && arg.ch == '*' {
            let p = star_value(ctx)?;
            let p = i32::try_from(&p).map_err(|_| FormatError::overflow("Python int too large to convert to C int"))?;
            arg.prec = i64::from(p.max(0));
            advance(ctx, &mut arg, &mut exhausted, &mut masked);
        } else if !exhausted && arg.ch.is_ascii_digit() {
            arg.prec = arg.ch as i64 - '0' as i64;
            loop {
                let Some(c) = ctx.read() else {
                    exhausted = true;
                    break;
                };
                arg.ch = c;
                masked = true;
                if !c.is_ascii_digit() {
                    break;
                }
                let d = c as i64 - '0' as i64;
                if arg.prec > (i32::MAX as i64 - d) / 10 {
                    return Err(FormatError::value("precision too big"));
                }
                arg.prec = arg.prec * 10 + d;
            }
        }
    }
    if !exhausted && matches!(arg.ch, 'h' | 'l' | 'L') {
        advance(ctx, &mut arg, &mut exhausted, &mut masked);
    }
    if exhausted {
        return Err(FormatError::value("incomplete format"));
    }
    let v = ctx.next_arg()?;
    let bytes_mode = ctx.mode == Mode::Bytes;
    if bytes_mode && arg.ch == 'i' {
        // _PyBytes_FormatEx formats %i as %d (and names it so in errors).
        arg.ch = 'd';
    }
    let text: Vec<u32> = match arg.ch {
        'r' | 'a' if bytes_mode => units(&ascii_of(v)?),
        's' | 'b' if bytes_mode => match v {
            PercentValue::Bytes { value, .. } => value.iter().map(|&b| u32::from(b)).collect(),
            other => {
                return Err(FormatError::type_error(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    type_name(other)
                )))
            }
        },
        's' | 'r' | 'a' => units(&match v {
            PercentValue::Int(n) => int_to_decimal(n, super::int_str::max_str_digits())?,
            PercentValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            PercentValue::Float(x) => float_repr(*x),
            PercentValue::Str { value, repr, ascii } => match arg.ch {
                's' => value.clone(),
                'r' => repr.clone(),
                _ => ascii.clone(),
            },
            PercentValue::Bytes { repr, .. } => repr.clone(),
            PercentValue::Other { str_, repr, ascii, .. } => match arg.ch {
                's' => str_.clone(),
                'r' => repr.clone(),
                _ => ascii.clone(),
            },
        }),
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            let n = format_long_arg(v, arg.ch)?;
            arg.sign = true;
            units(&format_long(&n, arg.flags & F_ALT != 0, arg.prec, arg.ch)?)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match v {
                PercentValue::Float(x) => Ok(*x),
                PercentValue::Int(n) => int_to_f64(n),
                PercentValue::Bool(b) => Ok(f64::from(*b as u8)),
                other => Err(FormatError::type_error(format!("must be real number, not {}", type_name(other)))),
            };
            let x = match x {
                Ok(x) => x,
                Err(_) if bytes_mode => {
                    return Err(FormatError::type_error(format!("float argument required, not {}", type_name(v))));
                }
                Err(e) => return Err(e),
            };
            arg.sign = true;
            let prec = if arg.prec < 0 { 6 } else { arg.prec as usize };
            units(&double_to_string(x, arg.ch, prec, DtoaFlags { alt: arg.flags & F_ALT != 0, ..DtoaFlags::default() }))
        }
        'c' if bytes_mode => vec![format_byte(v)?],
        'c' => vec![format_char(v)? as u32],
        c if bytes_mode && c as u32 >= 0x80 && !masked => {
            // The byte reaches PyErr_Format's %c as a negative (signed) char.
            return Err(FormatError::overflow("character argument not in range(0x110000)"));
        }
        c => {
            let shown = if bytes_mode || (31..=126).contains(&(c as u32)) { c } else { '?' };
            return Err(FormatError::value(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {}",
                c as u32,
                ctx.pos - 1
            )));
        }
    };
    output(&mut arg, &text, out);
    if ctx.is_dict() && ctx.argidx < ctx.arglen {
        return Err(not_all_converted(ctx.mode));
    }
    Ok(())
}

/// `mainformatlong`'s conversion of the argument to an int.
fn format_long_arg(v: &PercentValue, ch: char) -> FormatResult<IBig> {
    match v {
        PercentValue::Int(n) => Ok(n.clone()),
        PercentValue::Bool(b) => Ok(IBig::from(*b as u8)),
        PercentValue::Float(x) if !matches!(ch, 'o' | 'x' | 'X') => {
            if x.is_nan() {
                Err(FormatError::value("cannot convert float NaN to integer"))
            } else if x.is_infinite() {
                Err(FormatError::overflow("cannot convert float infinity to integer"))
            } else {
                Ok(super::hexfloat::float_trunc_to_int(*x))
            }
        }
        other => Err(FormatError::type_error(if matches!(ch, 'o' | 'x' | 'X') {
            format!("%{ch} format: an integer is required, not {}", type_name(other))
        } else {
            format!("%{ch} format: a real number is required, not {}", type_name(other))
        })),
    }
}

/// `_PyUnicode_FormatLong`: digits with `0o`/`0x`/`0X` under `#`, zero-extended to `prec`.
fn format_long(n: &IBig, alt: bool, prec: i64, ch: char) -> FormatResult<String> {
    let s = match ch {
        'o' => int_to_str_radix(n, 8, alt),
        'x' | 'X' => int_to_str_radix(n, 16, alt),
        _ => int_to_decimal(n, super::int_str::max_str_digits())?,
    };
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", &s[..]),
    };
    let (prefix, digits) = if alt && matches!(ch, 'o' | 'x' | 'X') { rest.split_at(2) } else { ("", rest) };
    let mut out = String::with_capacity(s.len() + prec.max(0) as usize);
    out.push_str(sign);
    out.push_str(prefix);
    for _ in digits.len() as i64..prec {
        out.push('0');
    }
    out.push_str(digits);
    if ch == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

fn units(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

/// `ascii(v)` for `%a`/`%r` in bytes formatting.
fn ascii_of(v: &PercentValue) -> FormatResult<String> {
    Ok(match v {
        PercentValue::Int(n) => int_to_decimal(n, super::int_str::max_str_digits())?,
        PercentValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        PercentValue::Float(x) => float_repr(*x),
        PercentValue::Str { ascii, .. } | PercentValue::Other { ascii, .. } => ascii.clone(),
        PercentValue::Bytes { repr, .. } => repr.clone(),
    })
}

/// `byte_converter` for `%c` in bytes formatting.
fn format_byte(v: &PercentValue) -> FormatResult<u32> {
    let n = match v {
        PercentValue::Bytes { value, .. } if value.len() == 1 => return Ok(u32::from(value[0])),
        PercentValue::Int(n) => i64::try_from(n).unwrap_or(-1),
        PercentValue::Bool(b) => *b as i64,
        _ => return Err(FormatError::type_error("%c requires an integer in range(256) or a single byte")),
    };
    if !(0..=255).contains(&n) {
        return Err(FormatError::overflow("%c arg not in range(256)"));
    }
    Ok(n as u32)
}

/// `formatchar`.
fn format_char(v: &PercentValue) -> FormatResult<char> {
    match v {
        PercentValue::Str { value, .. } => {
            let mut it = value.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(FormatError::type_error("%c requires int or char")),
            }
        }
        PercentValue::Int(_) | PercentValue::Bool(_) => {
            let n = match v {
                PercentValue::Int(n) => i64::try_from(n).unwrap_or(-1),
                PercentValue::Bool(b) => *b as i64,
                _ => -1,
            };
            if !(0..=0x10ffff).contains(&n) {
                return Err(FormatError::overflow("%c arg not in range(0x110000)"));
            }
            // Lone surrogates cannot live in a Rust String; the object layer handles them.
            Ok(char::from_u32(n as u32).unwrap_or('\u{FFFD}'))
        }
        _ => Err(FormatError::type_error("%c requires int or char")),
    }
}

/// `unicode_format_arg_output`: sign, `0x` prefix, padding and truncation.
fn output(arg: &mut Arg, chars: &[u32], out: &mut Vec<u32>) {
    let fill = if arg.sign && arg.flags & F_ZERO != 0 { '0' as u32 } else { ' ' as u32 };
    let space = ' ' as u32;
    let mut len = chars.len() as i64;
    if (arg.width == -1 || arg.width <= len)
        && (arg.prec == -1 || arg.prec >= len)
        && arg.flags & (F_SIGN | F_BLANK) == 0
    {
        out.extend_from_slice(chars);
        return;
    }
    if matches!(arg.ch, 's' | 'r' | 'a' | 'b') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut pindex = 0usize;
    let mut signchar = None;
    if arg.sign {
        let c = chars.first().copied().unwrap_or(0);
        if c == '-' as u32 || c == '+' as u32 {
            signchar = Some(c);
            len -= 1;
            pindex += 1;
        } else if arg.flags & F_SIGN != 0 {
            signchar = Some('+' as u32);
        } else if arg.flags & F_BLANK != 0 {
            signchar = Some(space);
        } else {
            arg.sign = false;
        }
    }
    if arg.width < len {
        arg.width = len;
    }
    if let Some(sc) = signchar {
        if fill != space {
            out.push(sc);
        }
        if arg.width > len {
            arg.width -= 1;
        }
    }
    let alt_prefix = arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o');
    if alt_prefix {
        if fill != space {
            out.push('0' as u32);
            out.push(arg.ch as u32);
            pindex += 2;
        }
        arg.width = (arg.width - 2).max(0);
        len -= 2;
    }
    if arg.width > len && arg.flags & F_LJUST == 0 {
        for _ in 0..arg.width - len {
            out.push(fill);
        }
        arg.width = len;
    }
    if fill == space {
        if let Some(sc) = signchar {
            out.push(sc);
        }
        if alt_prefix {
            out.push('0' as u32);
            out.push(arg.ch as u32);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend_from_slice(&chars[pindex..pindex + len as usize]);
    }
    if arg.width > len {
        for _ in 0..arg.width - len {
            out.push(space);
        }
    }
}
