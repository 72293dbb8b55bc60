//! Test driver for `tools/conformance/strings.py` (not installed, not a user tool): reads
//! one case per line on stdin — a method name and tab-separated arguments: strings and bytes
//! as hex (strings of their surrogatepass UTF-8), ints in decimal, `-` for None — and
//! writes one result line per case, in the encoding the runner's `render` uses:
//! `S hex` (str), `I n`, `B 0|1`, `L hex,hex…` (list of str), `Y hex` (bytes),
//! `E Kind hexmsg` (exception), `U enc start end hexreason hexmsg` (Unicode error).

use std::io::{BufRead, Write};

use taipan_vm::unicode::{decode, CodecError, PyStrData, StrError, StrErrorKind};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()).collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|c| format!("{c:02x}")).collect()
}

fn s_arg(a: &str) -> PyStrData {
    PyStrData::from_surrogatepass_utf8(&unhex(a)).unwrap_or_else(PyStrData::empty)
}

fn opt_s(a: &str) -> Option<PyStrData> {
    (a != "-").then(|| s_arg(a))
}

fn i_arg(a: &str) -> isize {
    a.parse().unwrap_or(0)
}

fn opt_i(a: &str) -> Option<isize> {
    (a != "-").then(|| i_arg(a))
}

fn s_hex(s: &PyStrData) -> String {
    // surrogatepass UTF-8 of the code points
    hex(&s.encode("utf-8", "surrogatepass").unwrap_or_default())
}

fn str_out(s: &PyStrData) -> String {
    format!("S {}", s_hex(s))
}

fn list_out(v: &[PyStrData]) -> String {
    format!("L {}", v.iter().map(s_hex).collect::<Vec<_>>().join(","))
}

fn err_out(e: &StrError) -> String {
    let k = match e.kind {
        StrErrorKind::ValueError => "ValueError",
        StrErrorKind::IndexError => "IndexError",
        StrErrorKind::OverflowError => "OverflowError",
        StrErrorKind::TypeError => "TypeError",
        StrErrorKind::LookupError => "LookupError",
        StrErrorKind::MemoryError => "MemoryError",
    };
    format!("E {k} {}", hex(e.message.as_bytes()))
}

fn codec_out(e: &CodecError) -> String {
    match e {
        CodecError::Other(e) => err_out(e),
        CodecError::Unicode(u) => format!(
            "U {} {} {} {} {}",
            u.encoding,
            u.start,
            u.end,
            hex(u.reason.as_bytes()),
            hex(u.to_string().as_bytes())
        ),
    }
}

fn b(v: bool) -> String {
    format!("B {}", v as u8)
}

fn run(line: &str) -> String {
    let a: Vec<&str> = line.split('\t').collect();
    let arg = |i: usize| a.get(i).copied().unwrap_or("-");
    let s = || s_arg(arg(1));
    let r = |v: Result<PyStrData, StrError>| v.map_or_else(|e| err_out(&e), |s| str_out(&s));
    match a[0] {
        "lower" => str_out(&s().lower()),
        "upper" => str_out(&s().upper()),
        "casefold" => str_out(&s().casefold()),
        "swapcase" => str_out(&s().swapcase()),
        "capitalize" => str_out(&s().capitalize()),
        "title" => str_out(&s().title()),
        "isalpha" => b(s().isalpha()),
        "isdecimal" => b(s().isdecimal()),
        "isdigit" => b(s().isdigit()),
        "isnumeric" => b(s().isnumeric()),
        "isalnum" => b(s().isalnum()),
        "isspace" => b(s().isspace()),
        "isprintable" => b(s().isprintable()),
        "isascii" => b(s().isascii()),
        "isidentifier" => b(s().isidentifier()),
        "isupper" => b(s().isupper()),
        "islower" => b(s().islower()),
        "istitle" => b(s().istitle()),
        "repr" => format!("S {}", hex(s().repr().as_bytes())),
        "ascii" => format!("S {}", hex(s().ascii().as_bytes())),
        "len" => format!("I {}", s().len()),
        "find" => format!("I {}", s().find(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "rfind" => format!("I {}", s().rfind(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "index" => s().index(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4))).map_or_else(|e| err_out(&e), |i| format!("I {i}")),
        "rindex" => s().rindex(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4))).map_or_else(|e| err_out(&e), |i| format!("I {i}")),
        "count" => format!("I {}", s().count(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "startswith" => b(s().startswith(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "endswith" => b(s().endswith(&s_arg(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "contains" => b(s().contains(&s_arg(arg(2)))),
        "replace" => str_out(&s().replace(&s_arg(arg(2)), &s_arg(arg(3)), i_arg(arg(4)))),
        "split" => s().split(opt_s(arg(2)).as_ref(), i_arg(arg(3))).map_or_else(|e| err_out(&e), |v| list_out(&v)),
        "rsplit" => s().rsplit(opt_s(arg(2)).as_ref(), i_arg(arg(3))).map_or_else(|e| err_out(&e), |v| list_out(&v)),
        "partition" => s().partition(&s_arg(arg(2))).map_or_else(|e| err_out(&e), |v| list_out(&v)),
        "rpartition" => s().rpartition(&s_arg(arg(2))).map_or_else(|e| err_out(&e), |v| list_out(&v)),
        "strip" => str_out(&s().strip(opt_s(arg(2)).as_ref())),
        "lstrip" => str_out(&s().lstrip(opt_s(arg(2)).as_ref())),
        "rstrip" => str_out(&s().rstrip(opt_s(arg(2)).as_ref())),
        "removeprefix" => str_out(&s().removeprefix(&s_arg(arg(2)))),
        "removesuffix" => str_out(&s().removesuffix(&s_arg(arg(2)))),
        "center" => str_out(&s().center(i_arg(arg(2)), s_arg(arg(3)).get(0).unwrap_or(32))),
        "ljust" => str_out(&s().ljust(i_arg(arg(2)), s_arg(arg(3)).get(0).unwrap_or(32))),
        "rjust" => str_out(&s().rjust(i_arg(arg(2)), s_arg(arg(3)).get(0).unwrap_or(32))),
        "zfill" => str_out(&s().zfill(i_arg(arg(2)))),
        "expandtabs" => r(s().expandtabs(i_arg(arg(2)))),
        "splitlines" => list_out(&s().splitlines(arg(2) == "1")),
        "join" => {
            let items: Vec<PyStrData> = if arg(2) == "-" { Vec::new() } else { arg(2).split(',').map(s_arg).collect() };
            let refs: Vec<&PyStrData> = items.iter().collect();
            str_out(&s().join(&refs))
        }
        "getitem" => r(s().getitem(i_arg(arg(2)))),
        "slice" => r(s().slice(opt_i(arg(2)), opt_i(arg(3)), opt_i(arg(4)))),
        "mul" => r(s().repeat(i_arg(arg(2)))),
        "concat" => str_out(&s().concat(&s_arg(arg(2)))),
        "cmp" => format!("I {}", s().cmp(&s_arg(arg(2))) as i8),
        "eq" => b(s() == s_arg(arg(2))),
        "encode" => s().encode(arg(2), arg(3)).map_or_else(|e| codec_out(&e), |v| format!("Y {}", hex(&v))),
        "decode" => decode(&unhex(arg(1)), arg(2), arg(3)).map_or_else(|e| codec_out(&e), |v| str_out(&v)),
        "charmap_encode" => {
            let map = taipan_vm::unicode::charmap::EncodingMap::build(&s_arg(arg(2)));
            taipan_vm::unicode::charmap::charmap_encode(&s(), arg(3), &map)
                .map_or_else(|e| codec_out(&e), |v| format!("Y {}", hex(&v)))
        }
        "charmap_decode" => taipan_vm::unicode::charmap::charmap_decode(&unhex(arg(1)), arg(3), &s_arg(arg(2)))
            .map_or_else(|e| codec_out(&e), |v| str_out(&v)),
        "encode_escape" => {
            use taipan_vm::unicode::escape_codecs as ec;
            let v = if arg(2) == "raw" { ec::encode_raw_unicode_escape(&s()) } else { ec::encode_unicode_escape(&s()) };
            format!("Y {}", hex(&v))
        }
        "decode_escape" => {
            use taipan_vm::unicode::escape_codecs as ec;
            if arg(2) == "raw" {
                ec::decode_raw_unicode_escape(&unhex(arg(1)), arg(3)).map_or_else(|e| codec_out(&e), |v| str_out(&v))
            } else {
                ec::decode_unicode_escape(&unhex(arg(1)), arg(3)).map_or_else(
                    |e| codec_out(&e),
                    |(v, w)| match arg(4) {
                        "nowarn" => str_out(&v),
                        _ => format!("{} W {}", str_out(&v), hex(w.unwrap_or_default().as_bytes())),
                    },
                )
            }
        }
        "translate" => {
            // table: `cp=value` pairs joined by ',', value `-` (None), `!` (missing) or hex str.
            use taipan_vm::unicode::Translation;
            let table: Vec<(u32, Translation)> = arg(2)
                .split(',')
                .filter(|p| !p.is_empty())
                .filter_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    let t = match v {
                        "-" => Translation::Delete,
                        "!" => Translation::Keep,
                        _ if v.starts_with('#') => Translation::Char(v[1..].parse().ok()?),
                        _ => Translation::Str(s_arg(v)),
                    };
                    Some((k.parse().ok()?, t))
                })
                .collect();
            let r: Result<PyStrData, ()> = s().translate(|c| {
                Ok(table.iter().find(|(k, _)| *k == c).map_or(Translation::Keep, |(_, t)| t.clone()))
            });
            r.map_or_else(|_| "E Probe 00".into(), |v| str_out(&v))
        }
        "kind" => format!("I {}", s().kind() as u8),
        "utf8" => match s().as_str() {
            Some(t) => format!("S {}", hex(t.as_bytes())),
            None => "E None 00".into(),
        },
        "props" => {
            // Every code point of a block: the predicates as a bit mask (bit k = PREDICATES[k]
            // of the runner) and the four case mappings of the one-character string.
            let start: u32 = arg(1).parse().unwrap_or(0);
            let count: u32 = arg(2).parse().unwrap_or(0);
            let mut parts = Vec::new();
            for c in start..(start + count).min(0x110000) {
                let one = PyStrData::from_code_points(&[c]).unwrap_or_else(PyStrData::empty);
                let preds = [
                    one.isalpha(), one.isdecimal(), one.isdigit(), one.isnumeric(), one.isalnum(),
                    one.isspace(), one.isprintable(), one.isascii(), one.isidentifier(), one.isupper(),
                    one.islower(), one.istitle(),
                ];
                let mask: u32 = preds.iter().enumerate().map(|(k, &v)| (v as u32) << k).sum();
                parts.push(format!(
                    "{mask:x}:{}:{}:{}:{}",
                    s_hex(&one.lower()),
                    s_hex(&one.upper()),
                    s_hex(&one.title()),
                    s_hex(&one.casefold())
                ));
            }
            format!("P {}", parts.join(";"))
        }
        "ctype" => {
            use taipan_vm::unicode::ctype;
            let c: u32 = arg(1).parse().unwrap_or(0);
            let o = |v: Option<u32>| v.map_or("-".to_string(), |d| d.to_string());
            let num = ctype::to_numeric(c).map_or("-".to_string(), |v| format!("{:?}", v));
            format!("C {} {} {} {}", o(ctype::to_decimal(c)), o(ctype::to_digit(c)), num, ctype::simple_lower(c))
        }
        other => format!("E Probe {}", hex(other.as_bytes())),
    }
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let _ = writeln!(out, "{}", run(&line));
    }
}
