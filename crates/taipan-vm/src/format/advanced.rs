//! `format(value, spec)` for int, float, complex and str (`_PyLong_FormatAdvancedWriter`,
//! `_PyFloat_FormatAdvancedWriter`, `_PyComplex_FormatAdvancedWriter`,
//! `_PyUnicode_FormatAdvancedWriter`). `type_name` is the object's type name for error
//! messages (a subclass's name when formatting a subclass instance).

use dashu_int::IBig;

use super::int_str::{int_to_decimal, int_to_str_radix, MAX_STR_DIGITS};
use super::spec::{fill_number, pad_text, unknown_code, FormatSpec, Grouping};
use super::{complex_repr, double_to_string, float_repr, DtoaFlags, FormatError, FormatResult};

/// `int.__format__(spec)`.
pub fn format_int(n: &IBig, spec: &str, type_name: &str) -> FormatResult<String> {
    if spec.is_empty() {
        return int_to_decimal(n, MAX_STR_DIGITS);
    }
    let f = FormatSpec::parse(spec, 'd', '>', type_name)?;
    match f.type_ {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(n, &f),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int_to_f64(n)?;
            format_float_internal(x, &f)
        }
        t => Err(unknown_code(t, type_name)),
    }
}

/// `PyLong_AsDouble`: correctly rounded, OverflowError beyond the float range.
pub fn int_to_f64(n: &IBig) -> FormatResult<f64> {
    if let Ok(small) = i64::try_from(n) {
        if small.unsigned_abs() < 1 << 53 {
            return Ok(small as f64);
        }
    }
    let x = n.to_f64().value();
    if x.is_infinite() {
        return Err(FormatError::overflow("int too large to convert to float"));
    }
    Ok(x)
}

fn format_long_internal(n: &IBig, f: &FormatSpec) -> FormatResult<String> {
    if f.precision.is_some() {
        return Err(FormatError::value("Precision not allowed in integer format specifier"));
    }
    if f.no_neg_0 {
        return Err(FormatError::value("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if f.type_ == 'c' {
        if f.sign != '\0' {
            return Err(FormatError::value("Sign not allowed with integer format specifier 'c'"));
        }
        if f.alternate {
            return Err(FormatError::value("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let ch = i64::try_from(n)
            .map_err(|_| FormatError::overflow("Python int too large to convert to C long"))?;
        if !(0..=0x10ffff).contains(&ch) {
            return Err(FormatError::overflow("%c arg not in range(0x110000)"));
        }
        // Lone surrogates cannot live in a Rust String; the object layer formats them.
        let c = char::from_u32(ch as u32).unwrap_or('\u{FFFD}');
        return Ok(fill_number(f, '\0', "", "", &c.to_string()));
    }
    let (base, prefix) = match f.type_ {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if base == 10 { int_to_decimal(n, MAX_STR_DIGITS)? } else { int_to_str_radix(n, base, false) };
    if f.type_ == 'X' {
        digits.make_ascii_uppercase();
    }
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('\0', &digits[..]),
    };
    let prefix = if f.alternate { prefix } else { "" };
    let mut f2;
    let f = if f.type_ == 'n' {
        // 'n' uses the current locale; taipan runs in the C locale: no grouping.
        f2 = f.clone();
        f2.grouping = Grouping::None;
        &f2
    } else {
        f
    };
    Ok(fill_number(f, sign, prefix, digits, ""))
}

/// Splits a formatted float into (sign, integer digits, remainder) like `parse_number`.
fn split_number(buf: &str) -> (char, &str, &str) {
    let (sign, rest) = match buf.strip_prefix('-') {
        Some(r) => ('-', r),
        None => ('\0', buf),
    };
    let n = rest.bytes().take_while(|c| c.is_ascii_digit()).count();
    (sign, &rest[..n], &rest[n..])
}

/// `float.__format__(spec)`.
pub fn format_float(x: f64, spec: &str, type_name: &str) -> FormatResult<String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let f = FormatSpec::parse(spec, '\0', '>', type_name)?;
    match f.type_ {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(x, &f),
        t => Err(unknown_code(t, type_name)),
    }
}

fn precision_i32(f: &FormatSpec) -> FormatResult<Option<usize>> {
    match f.precision {
        Some(p) if p > i32::MAX as usize => Err(FormatError::value("precision too big")),
        p => Ok(p),
    }
}

fn format_float_internal(x: f64, f: &FormatSpec) -> FormatResult<String> {
    let precision = precision_i32(f)?;
    let mut flags = DtoaFlags { alt: f.alternate, no_neg_0: f.no_neg_0, ..DtoaFlags::default() };
    let mut type_ = f.type_;
    let mut default_precision = 6;
    if type_ == '\0' {
        flags.add_dot_0 = true;
        type_ = 'r';
        default_precision = 0;
    }
    if type_ == 'n' {
        type_ = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if type_ == '%' {
        type_ = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match precision {
        None => default_precision,
        Some(p) => {
            if type_ == 'r' {
                type_ = 'g';
            }
            p
        }
    };
    let mut buf = double_to_string(val, type_, precision, flags);
    if add_pct {
        buf.push('%');
    }
    let (sign, digits, remainder) = split_number(&buf);
    let mut f2 = f.clone();
    if f.type_ == 'n' {
        f2.grouping = Grouping::None;
    }
    Ok(fill_number(&f2, sign, "", digits, remainder))
}

/// `complex.__format__(spec)`.
pub fn format_complex(real: f64, imag: f64, spec: &str, type_name: &str) -> FormatResult<String> {
    if spec.is_empty() {
        return Ok(complex_repr(real, imag));
    }
    let f = FormatSpec::parse(spec, '\0', '>', type_name)?;
    match f.type_ {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' => {}
        t => return Err(unknown_code(t, type_name)),
    }
    let precision = precision_i32(&f)?;
    if f.fill == '0' {
        return Err(FormatError::value("Zero padding is not allowed in complex format specifier"));
    }
    if f.align == '=' {
        return Err(FormatError::value("'=' alignment flag is not allowed in complex format specifier"));
    }
    let flags = DtoaFlags { alt: f.alternate, no_neg_0: f.no_neg_0, ..DtoaFlags::default() };
    let mut type_ = f.type_;
    let mut default_precision = 6;
    let mut skip_re = false;
    let mut add_parens = false;
    if type_ == '\0' {
        type_ = 'r';
        default_precision = 0;
        if real == 0.0 && real.is_sign_positive() {
            skip_re = true;
        } else {
            add_parens = true;
        }
    }
    if type_ == 'n' {
        type_ = 'g';
    }
    let precision = match precision {
        None => default_precision,
        Some(p) => {
            if type_ == 'r' {
                type_ = 'g';
            }
            p
        }
    };
    let re_buf = double_to_string(real, type_, precision, flags);
    let im_buf = double_to_string(imag, type_, precision, flags);
    let mut tmp = f.clone();
    tmp.fill = '\0';
    tmp.align = '<';
    tmp.width = None;
    if f.type_ == 'n' {
        tmp.grouping = Grouping::None;
    }
    let (rs, rd, rr) = split_number(&re_buf);
    let re = fill_number(&tmp, rs, "", rd, rr);
    if !skip_re {
        tmp.sign = '+';
    }
    let (is, id, ir) = split_number(&im_buf);
    let im = fill_number(&tmp, is, "", id, ir);
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re);
    }
    body.push_str(&im);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let len = body.chars().count();
    Ok(pad_text(&body, len, f.width, f.align, f.fill))
}

/// `str.__format__(spec)`.
pub fn format_str(s: &str, spec: &str, type_name: &str) -> FormatResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = FormatSpec::parse(spec, 's', '<', type_name)?;
    if f.type_ != 's' {
        return Err(unknown_code(f.type_, type_name));
    }
    if f.sign != '\0' {
        return Err(FormatError::value(if f.sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(FormatError::value("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if f.alternate {
        return Err(FormatError::value("Alternate form (#) not allowed in string format specifier"));
    }
    if f.align == '=' {
        return Err(FormatError::value("'=' alignment not allowed in string format specifier"));
    }
    let mut len = s.chars().count();
    let text: String = match f.precision {
        Some(p) if p < len => {
            len = p;
            s.chars().take(p).collect()
        }
        _ => s.to_string(),
    };
    Ok(pad_text(&text, len, f.width, f.align, f.fill))
}
