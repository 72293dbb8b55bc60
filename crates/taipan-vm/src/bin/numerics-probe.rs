//! Test driver for `tools/conformance/numerics.py` (not installed, not a user tool): reads
//! one case per line on stdin — a command and tab-separated arguments, strings as hex of
//! their UTF-8 (surrogatepass) bytes, floats as decimal bit patterns — and writes one line
//! per case: `OK <hex of the result's UTF-8>` or `ERR <exception type> <hex of message>`.

use std::io::{BufRead, Write};

use dashu_int::IBig;
use taipan_vm::format::{self, ErrorKind, FormatError};
use taipan_vm::hash;

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()).collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|c| format!("{c:02x}")).collect()
}

/// Generalized UTF-8 (surrogates allowed) → code points.
fn code_points(b: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as u32;
        let (n, init) = if c < 0x80 {
            (1, c)
        } else if c < 0xe0 {
            (2, c & 0x1f)
        } else if c < 0xf0 {
            (3, c & 0x0f)
        } else {
            (4, c & 0x07)
        };
        let mut cp = init;
        for k in 1..n {
            cp = (cp << 6) | (b.get(i + k).copied().unwrap_or(0x80) as u32 & 0x3f);
        }
        out.push(cp);
        i += n;
    }
    out
}

fn text(arg: &str) -> Result<String, FormatError> {
    String::from_utf8(unhex(arg)).map_err(|_| FormatError::type_error("probe: lone surrogate"))
}

fn f64_arg(arg: &str) -> f64 {
    f64::from_bits(arg.parse().unwrap_or(0))
}

/// An int as Python's `hex()` writes it.
fn int_arg(arg: &str) -> IBig {
    let (neg, rest) = match arg.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, arg),
    };
    let mag = IBig::from(dashu_int::UBig::from_str_radix(rest.trim_start_matches("0x"), 16).unwrap_or_default());
    if neg { -mag } else { mag }
}

/// One `%` argument: `i:INT`, `b:0|1`, `f:BITS`, `s:VALUE:REPR:ASCII`,
/// `y:TYPE:BYTES:REPR`, `o:TYPE:STR:REPR:ASCII` (strings hex-encoded).
fn percent_value(v: &str) -> Result<format::PercentValue, FormatError> {
    use format::PercentValue as V;
    let f: Vec<&str> = v.split(':').collect();
    let at = |i: usize| f.get(i).copied().unwrap_or("");
    Ok(match at(0) {
        "i" => V::Int(int_arg(at(1))),
        "b" => V::Bool(at(1) == "1"),
        "f" => V::Float(f64_arg(at(1))),
        "y" => V::Bytes { type_name: text(at(1))?, value: unhex(at(2)), repr: text(at(3))? },
        "s" => V::Str { value: text(at(1))?, repr: text(at(2))?, ascii: text(at(3))? },
        _ => V::Other { type_name: text(at(1))?, str_: text(at(2))?, repr: text(at(3))?, ascii: text(at(4))? },
    })
}

/// `T;v;v…` (tuple), `S;v` (single), `M;itself;key=v;…` (mapping).
fn percent_args(spec: &str) -> Result<format::PercentArgs, FormatError> {
    let parts: Vec<&str> = spec.split(';').collect();
    let rest = &parts[1.min(parts.len())..];
    Ok(match parts[0] {
        "T" => format::PercentArgs::Tuple(rest.iter().filter(|s| !s.is_empty()).map(|v| percent_value(v)).collect::<Result<_, _>>()?),
        "S" => format::PercentArgs::Single(percent_value(rest.first().copied().unwrap_or(""))?),
        _ => {
            let itself = percent_value(rest.first().copied().unwrap_or(""))?;
            let mut items = Vec::new();
            for item in rest.iter().skip(1) {
                let (k, v) = item.split_once('=').unwrap_or((item, ""));
                items.push((text(k)?, percent_value(v)?));
            }
            format::PercentArgs::Mapping { items, itself }
        }
    })
}

/// `str.format` arguments for the probe: the `%` test values.
struct ProbeArgs {
    args: Vec<format::PercentValue>,
    kwargs: Vec<(String, format::PercentValue)>,
}

fn value_type(v: &format::PercentValue) -> String {
    use format::PercentValue as V;
    match v {
        V::Int(_) => "int".into(),
        V::Bool(_) => "bool".into(),
        V::Float(_) => "float".into(),
        V::Str { .. } => "str".into(),
        V::Bytes { type_name, .. } | V::Other { type_name, .. } => type_name.clone(),
    }
}

impl format::FormatArgs for ProbeArgs {
    type Obj = format::PercentValue;
    type Error = FormatError;

    fn positional(&mut self, index: usize) -> Result<Self::Obj, FormatError> {
        self.args.get(index).cloned().ok_or_else(|| format::replacement_index_error(index))
    }

    fn keyword(&mut self, name: &str) -> Result<Self::Obj, FormatError> {
        self.kwargs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| FormatError { kind: ErrorKind::KeyError, message: name.to_string() })
    }

    fn access(&mut self, obj: Self::Obj, accessor: &format::FieldAccessor) -> Result<Self::Obj, FormatError> {
        use format::{FieldAccessor as A, PercentValue as V};
        match (&obj, accessor) {
            (V::Int(_) | V::Float(_), A::Attr(n)) if n == "real" => Ok(obj),
            (V::Bool(b), A::Attr(n)) if n == "real" => Ok(V::Int(IBig::from(*b as u8))),
            (V::Int(_) | V::Bool(_), A::Attr(n)) if n == "imag" => Ok(V::Int(IBig::ZERO)),
            (V::Float(_), A::Attr(n)) if n == "imag" => Ok(V::Float(0.0)),
            // The probe's only list value is [1].
            (V::Other { type_name, .. }, A::Index(i)) if type_name == "list" => {
                if *i == 0 {
                    Ok(V::Int(IBig::ONE))
                } else {
                    Err(FormatError { kind: ErrorKind::IndexError, message: "list index out of range".into() })
                }
            }
            (V::Str { value, .. }, A::Index(i)) => match value.chars().nth(*i) {
                Some(c) => {
                    let s = c.to_string();
                    Ok(V::Str { repr: format!("'{s}'"), ascii: format!("'{s}'"), value: s })
                }
                None => Err(FormatError { kind: ErrorKind::IndexError, message: "string index out of range".into() }),
            },
            (_, A::Attr(n)) => Err(FormatError::type_error(format!("attr:'{}' object has no attribute '{n}'", value_type(&obj)))),
            (V::Str { .. }, A::Key(_)) => Err(FormatError::type_error("string indices must be integers, not 'str'")),
            _ => Err(FormatError::type_error(format!("'{}' object is not subscriptable", value_type(&obj)))),
        }
    }

    fn convert(&mut self, obj: Self::Obj, conversion: char) -> Result<Self::Obj, FormatError> {
        use format::PercentValue as V;
        let text = match (&obj, conversion) {
            (V::Int(n), _) => format::int_to_decimal(n, format::MAX_STR_DIGITS)?,
            (V::Bool(b), _) => if *b { "True" } else { "False" }.to_string(),
            (V::Float(x), _) => format::float_repr(*x),
            (V::Str { value, .. }, 's') => value.clone(),
            (V::Str { repr, .. }, 'r') => repr.clone(),
            (V::Str { ascii, .. }, _) => ascii.clone(),
            (V::Bytes { repr, .. }, _) => repr.clone(),
            (V::Other { str_, .. }, 's') => str_.clone(),
            (V::Other { repr, .. }, 'r') => repr.clone(),
            (V::Other { ascii, .. }, _) => ascii.clone(),
        };
        Ok(V::Str { value: text, repr: String::new(), ascii: String::new() })
    }

    fn format(&mut self, obj: Self::Obj, spec: &str) -> Result<String, FormatError> {
        use format::PercentValue as V;
        match &obj {
            V::Int(n) => format::format_int(n, spec, "int"),
            V::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.to_string()),
            V::Bool(b) => format::format_int(&IBig::from(*b as u8), spec, "bool"),
            V::Float(x) => format::format_float(*x, spec, "float"),
            V::Str { value, .. } => format::format_str(value, spec, "str"),
            V::Bytes { repr, .. } | V::Other { str_: repr, .. } if spec.is_empty() => Ok(repr.clone()),
            _ => Err(FormatError::type_error(format!("unsupported format string passed to {}.__format__", value_type(&obj)))),
        }
    }
}

fn run(cmd: &str, a: &[&str]) -> Result<String, FormatError> {
    let arg = |i: usize| a.get(i).copied().unwrap_or("");
    Ok(match cmd {
        "hash_str" => {
            let secret = hash::HashSecret::from_seed(arg(0).parse().unwrap_or(0));
            hash::hash_str(&secret, &code_points(&unhex(arg(1)))).to_string()
        }
        "hash_bytes" => {
            let secret = hash::HashSecret::from_seed(arg(0).parse().unwrap_or(0));
            hash::hash_bytes(&secret, &unhex(arg(1))).to_string()
        }
        "hash_int" => hash::hash_int(&int_arg(arg(0))).to_string(),
        "hash_float" => hash::hash_float(f64_arg(arg(0)), 0).to_string(),
        "hash_complex" => hash::hash_complex(f64_arg(arg(0)), f64_arg(arg(1)), 0).to_string(),
        "hash_tuple" | "hash_frozenset" => {
            let items: Vec<i64> = arg(0).split(',').filter(|s| !s.is_empty()).map(|s| hash::hash_int(&int_arg(s))).collect();
            if cmd == "hash_tuple" { hash::hash_tuple(&items) } else { hash::hash_frozenset(&items) }.to_string()
        }
        "repr_float" => format::float_repr(f64_arg(arg(0))),
        "parser_repr_float" => taipan_parser::repr::float_repr(f64_arg(arg(0))),
        "parser_repr_complex" => taipan_parser::repr::complex_repr(f64_arg(arg(0)), f64_arg(arg(1))),
        "repr_complex" => format::complex_repr(f64_arg(arg(0)), f64_arg(arg(1))),
        "format_int" => format::format_int(&int_arg(arg(0)), &text(arg(1))?, "int")?,
        "format_float" => format::format_float(f64_arg(arg(0)), &text(arg(1))?, "float")?,
        "format_complex" => format::format_complex(f64_arg(arg(0)), f64_arg(arg(1)), &text(arg(2))?, "complex")?,
        "format_str" => format::format_str(&text(arg(0))?, &text(arg(1))?, "str")?,
        "int_from_str" => {
            let repr = text(arg(2))?;
            format::int_to_str_radix(&format::int_from_str(&text(arg(0))?, arg(1).parse().unwrap_or(10), || repr)?, 16, true)
        }
        "float_from_str" => {
            let repr = text(arg(1))?;
            format::float_from_str(&text(arg(0))?, || repr)?.to_bits().to_string()
        }
        "int_to_radix" => format::int_to_str_radix(&int_arg(arg(0)), arg(1).parse().unwrap_or(10), true),
        "int_str" => format::int_to_decimal(&int_arg(arg(0)), format::MAX_STR_DIGITS)?,
        "int_from_bytes" => {
            let repr = text(arg(2))?;
            format::int_to_str_radix(&format::int_from_bytes(&unhex(arg(0)), arg(1).parse().unwrap_or(10), || repr)?, 16, true)
        }
        "float_from_bytes" => match format::parse_float_ascii(&unhex(arg(0))) {
            Some(x) => x.to_bits().to_string(),
            None => return Err(FormatError::value(format!("could not convert string to float: {}", text(arg(1))?))),
        },
        "int_round" => format::int_to_str_radix(&format::int_round(&int_arg(arg(0)), &int_arg(arg(1))), 16, true),
        "markup" => {
            let mut parts = Vec::new();
            for piece in format::MarkupIterator::new(&text(arg(0))?) {
                match piece {
                    Ok(p) => {
                        let (name, spec, conv) = match &p.field {
                            Some(f) => (hex(f.name.as_bytes()), hex(f.spec.as_bytes()), f.conversion.map_or("-".to_string(), |c| hex(c.to_string().as_bytes()))),
                            None => ("-".into(), "-".into(), "-".into()),
                        };
                        parts.push(format!("{};{name};{spec};{conv}", hex(p.literal.as_bytes())));
                    }
                    Err(e) => {
                        parts.push(format!("!{}", hex(e.message.as_bytes())));
                        break;
                    }
                }
            }
            parts.join("|")
        }
        "field_split" => {
            let mut parts = Vec::new();
            match format::field_name_split(&text(arg(0))?, None) {
                Err(e) => parts.push(format!("!{}", hex(e.message.as_bytes()))),
                Ok((first, rest)) => {
                    parts.push(match first {
                        format::FieldFirst::Index(i) => format!("i{i}"),
                        format::FieldFirst::Name(n) => format!("s{}", hex(n.as_bytes())),
                    });
                    for acc in rest {
                        match acc {
                            Ok(format::FieldAccessor::Attr(n)) => parts.push(format!("a{}", hex(n.as_bytes()))),
                            Ok(format::FieldAccessor::Index(i)) => parts.push(format!("k{i}")),
                            Ok(format::FieldAccessor::Key(n)) => parts.push(format!("K{}", hex(n.as_bytes()))),
                            Err(e) => {
                                parts.push(format!("!{}", hex(e.message.as_bytes())));
                                break;
                            }
                        }
                    }
                }
            }
            parts.join("|")
        }
        "str_format" => {
            let mut a = ProbeArgs { args: Vec::new(), kwargs: Vec::new() };
            for item in arg(1).split(';').filter(|s| !s.is_empty()) {
                match item.split_once('=') {
                    Some((k, v)) => a.kwargs.push((text(k)?, percent_value(v)?)),
                    None => a.args.push(percent_value(item)?),
                }
            }
            format::str_format(&text(arg(0))?, &mut a)?
        }
        "complex_from_str" => {
            let repr = text(arg(1))?;
            let (re, im) = format::complex_from_str(&text(arg(0))?, || repr)?;
            format!("{} {}", re.to_bits(), im.to_bits())
        }
        "float_hex" => format::float_hex(f64_arg(arg(0))),
        "float_fromhex" => format::float_fromhex(&text(arg(0))?)?.to_bits().to_string(),
        "float_round" => format::float_round(f64_arg(arg(0)), arg(1).parse().unwrap_or(0))?.to_bits().to_string(),
        "float_round_int" => format::int_to_str_radix(&format::float_round_to_int(f64_arg(arg(0)))?, 16, true),
        "bpercent" => format::bytes_percent_format(&unhex(arg(0)), &percent_args(arg(1))?)?.iter().map(|&b| b as char).collect(),
        "percent" => format::percent_format(&text(arg(0))?, &percent_args(arg(1))?)?,
        _ => return Err(FormatError::type_error(format!("probe: unknown command {cmd}"))),
    })
}

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let mut parts = line.split('\t');
        let cmd = parts.next().unwrap_or("");
        let args: Vec<&str> = parts.collect();
        let _ = match run(cmd, &args) {
            Ok(s) => writeln!(out, "OK {}", hex(s.as_bytes())),
            Err(e) => {
                let kind = match e.kind {
                    ErrorKind::ValueError => "ValueError",
                    ErrorKind::OverflowError => "OverflowError",
                    ErrorKind::TypeError if e.message.starts_with("attr:") => "AttributeError",
                    ErrorKind::TypeError => "TypeError",
                    ErrorKind::KeyError => "KeyError",
                    ErrorKind::IndexError => "IndexError",
                };
                writeln!(out, "ERR {kind} {}", hex(e.message.trim_start_matches("attr:").as_bytes()))
            }
        };
    }
}
