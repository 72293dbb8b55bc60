//! The methods of `bytes` and `bytearray` (one implementation, both self types).
//!
//! Trick: searching, splitting on an explicit separator, stripping given characters,
//! padding, replacing and partitioning behave on bytes exactly as on the Latin-1 str with
//! the same code points, so those methods map the bytes to a `PyStrData` (one byte per code
//! point), reuse `crate::unicode`'s algorithms and map back. What differs — ASCII-only case
//! mapping, classification, whitespace and line breaks — is written here on bytes.

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::bytes::{
    byte_value, bytearray_payload, bytes_like, check_resize, data_of, expect_bytes_like, is_bytearray, new_bytes,
    same_kind,
};
use crate::types::function::{check_arity, no_kwargs, MethodDef};
use crate::types::str_methods::{codec_args, codec_error, parse_args, slice_index, str_error};
use crate::types::{int, list, none, tuple};
use crate::unicode::PyStrData;
use crate::vm::Vm;

macro_rules! shared_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            MethodDef::method("capitalize", b_capitalize),
            MethodDef::method("center", b_center),
            MethodDef::method("count", b_count),
            MethodDef::method("decode", b_decode),
            MethodDef::method("endswith", b_endswith),
            MethodDef::method("expandtabs", b_expandtabs),
            MethodDef::method("find", b_find),
            MethodDef::classmethod("fromhex", b_fromhex),
            MethodDef::method("hex", b_hex),
            MethodDef::method("index", b_index),
            MethodDef::method("isalnum", b_isalnum),
            MethodDef::method("isalpha", b_isalpha),
            MethodDef::method("isascii", b_isascii),
            MethodDef::method("isdigit", b_isdigit),
            MethodDef::method("islower", b_islower),
            MethodDef::method("isspace", b_isspace),
            MethodDef::method("istitle", b_istitle),
            MethodDef::method("isupper", b_isupper),
            MethodDef::method("join", b_join),
            MethodDef::method("ljust", b_ljust),
            MethodDef::method("lower", b_lower),
            MethodDef::method("lstrip", b_lstrip),
            MethodDef::function("maketrans", b_maketrans),
            MethodDef::method("partition", b_partition),
            MethodDef::method("removeprefix", b_removeprefix),
            MethodDef::method("removesuffix", b_removesuffix),
            MethodDef::method("replace", b_replace),
            MethodDef::method("rfind", b_rfind),
            MethodDef::method("rindex", b_rindex),
            MethodDef::method("rjust", b_rjust),
            MethodDef::method("rpartition", b_rpartition),
            MethodDef::method("rsplit", b_rsplit),
            MethodDef::method("rstrip", b_rstrip),
            MethodDef::method("split", b_split),
            MethodDef::method("splitlines", b_splitlines),
            MethodDef::method("startswith", b_startswith),
            MethodDef::method("strip", b_strip),
            MethodDef::method("swapcase", b_swapcase),
            MethodDef::method("title", b_title),
            MethodDef::method("translate", b_translate),
            MethodDef::method("upper", b_upper),
            MethodDef::method("zfill", b_zfill),
            $($extra,)*
        ]
    };
}

pub static BYTES_METHODS: &[MethodDef] = shared_methods!(
    MethodDef::method("__getnewargs__", b_getnewargs),
    MethodDef::method("__bytes__", b_bytes),
);

pub static BYTEARRAY_METHODS: &[MethodDef] = shared_methods!(
    MethodDef::method("append", ba_append),
    MethodDef::method("clear", ba_clear),
    MethodDef::method("copy", ba_copy),
    MethodDef::method("extend", ba_extend),
    MethodDef::method("insert", ba_insert),
    MethodDef::method("pop", ba_pop),
    MethodDef::method("remove", ba_remove),
    MethodDef::method("reverse", ba_reverse),
    MethodDef::method("__alloc__", ba_alloc),
);

// ---------------------------------------------------------------------------------------
// Helpers

fn tname(o: &PyObject) -> &'static str {
    if is_bytearray(o) {
        "bytearray"
    } else {
        "bytes"
    }
}

fn varargs<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kw: &[PyRef], min: usize, max: usize) -> PyResult<&'a [PyRef]> {
    no_kwargs(vm, &format!("{}.{name}", tname(&args[0])), kw)?;
    check_arity(vm, name, &args[1..], min, max)?;
    Ok(&args[1..])
}

fn noargs(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<()> {
    let full = format!("{}.{name}", tname(&args[0]));
    no_kwargs(vm, &full, kw)?;
    check_arity(vm, &full, &args[1..], 0, 0)
}

fn onearg<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kw: &[PyRef]) -> PyResult<&'a PyRef> {
    let full = format!("{}.{name}", tname(&args[0]));
    no_kwargs(vm, &full, kw)?;
    check_arity(vm, &full, &args[1..], 1, 1)?;
    Ok(&args[1])
}

fn l1(b: &[u8]) -> PyStrData {
    PyStrData::from_latin1(b)
}

fn back(s: &PyStrData) -> Vec<u8> {
    s.iter().map(|c| c as u8).collect()
}

fn ret(self_: &PyObject, s: &PyStrData) -> PyResult<PyRef> {
    Ok(same_kind(self_, back(s)))
}

fn buf_arg(vm: &Vm, o: &PyObject) -> PyResult<Vec<u8>> {
    bytes_like(o).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", o.ob_type().name())))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

// ---------------------------------------------------------------------------------------
// Case and classification (ASCII only)

fn map_bytes(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], f: impl Fn(&[u8]) -> Vec<u8>) -> PyResult<PyRef> {
    noargs(vm, name, args, kw)?;
    Ok(same_kind(&args[0], f(&data_of(&args[0]))))
}

fn b_lower(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    map_bytes(vm, "lower", args, kw, |b| b.to_ascii_lowercase())
}
fn b_upper(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    map_bytes(vm, "upper", args, kw, |b| b.to_ascii_uppercase())
}
fn b_swapcase(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    map_bytes(vm, "swapcase", args, kw, |b| {
        b.iter().map(|&c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
    })
}
fn b_capitalize(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    map_bytes(vm, "capitalize", args, kw, |b| {
        b.iter().enumerate().map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
    })
}
fn b_title(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    map_bytes(vm, "title", args, kw, |b| {
        let mut prev_cased = false;
        b.iter()
            .map(|&c| {
                let r = if c.is_ascii_alphabetic() {
                    if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }
                } else {
                    c
                };
                prev_cased = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn pred(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], f: impl Fn(&[u8]) -> bool) -> PyResult<PyRef> {
    noargs(vm, name, args, kw)?;
    Ok(none::bool_(f(&data_of(&args[0]))))
}

fn b_isalnum(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isalnum", a, k, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_alphanumeric()))
}
fn b_isalpha(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isalpha", a, k, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_alphabetic()))
}
fn b_isascii(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isascii", a, k, |b| b.is_ascii())
}
fn b_isdigit(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isdigit", a, k, |b| !b.is_empty() && b.iter().all(|c| c.is_ascii_digit()))
}
fn b_isspace(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isspace", a, k, |b| !b.is_empty() && b.iter().all(|&c| is_space(c)))
}
fn b_islower(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "islower", a, k, |b| b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase()))
}
fn b_isupper(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "isupper", a, k, |b| b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase()))
}
fn b_istitle(vm: &Vm, a: &[PyRef], k: &[PyRef]) -> PyResult<PyRef> {
    pred(vm, "istitle", a, k, |b| {
        let (mut cased, mut prev_cased) = (false, false);
        for &c in b {
            if c.is_ascii_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_ascii_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

// ---------------------------------------------------------------------------------------
// Search

/// A `sub` argument of find/count/index: bytes-like or an int byte value.
fn sub_arg(vm: &Vm, o: &PyObject) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(o) {
        return Ok(b);
    }
    if o.ob_type().tp_as_number.nb_index.get().is_some() {
        return Ok(vec![byte_value(vm, o)?]);
    }
    Err(vm.type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        o.ob_type().name()
    )))
}

fn search(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<(PyStrData, PyStrData, Option<isize>, Option<isize>)> {
    let a = varargs(vm, name, args, kw, 1, 3)?;
    let sub = sub_arg(vm, &a[0])?;
    Ok((l1(&data_of(&args[0])), l1(&sub), slice_index(vm, a.get(1))?, slice_index(vm, a.get(2))?))
}

fn b_find(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (h, s, a, b) = search(vm, "find", args, kw)?;
    Ok(int::new_int(h.find(&s, a, b) as i64))
}
fn b_rfind(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (h, s, a, b) = search(vm, "rfind", args, kw)?;
    Ok(int::new_int(h.rfind(&s, a, b) as i64))
}
fn b_index(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (h, s, a, b) = search(vm, "index", args, kw)?;
    h.index(&s, a, b).map(|i| int::new_int(i as i64)).map_err(|e| str_error(vm, e))
}
fn b_rindex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (h, s, a, b) = search(vm, "rindex", args, kw)?;
    h.rindex(&s, a, b).map(|i| int::new_int(i as i64)).map_err(|e| str_error(vm, e))
}
fn b_count(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (h, s, a, b) = search(vm, "count", args, kw)?;
    Ok(int::new_int(h.count(&s, a, b) as i64))
}

fn affix(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], ends: bool) -> PyResult<PyRef> {
    let a = varargs(vm, name, args, kw, 1, 3)?;
    let me = l1(&data_of(&args[0]));
    let (start, end) = (slice_index(vm, a.get(1))?, slice_index(vm, a.get(2))?);
    let test = |p: &PyStrData| if ends { me.endswith(p, start, end) } else { me.startswith(p, start, end) };
    if let Some(t) = tuple::downcast_tuple(&a[0]) {
        for item in t {
            let Some(p) = bytes_like(item) else {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    item.ob_type().name()
                )));
            };
            if test(&l1(&p)) {
                return Ok(none::bool_(true));
            }
        }
        return Ok(none::bool_(false));
    }
    let Some(p) = bytes_like(&a[0]) else {
        return Err(vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            a[0].ob_type().name()
        )));
    };
    Ok(none::bool_(test(&l1(&p))))
}

fn b_startswith(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    affix(vm, "startswith", args, kw, false)
}
fn b_endswith(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    affix(vm, "endswith", args, kw, true)
}

fn b_removeprefix(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let p = buf_arg(vm, onearg(vm, "removeprefix", args, kw)?)?;
    let me = data_of(&args[0]);
    let out = me.strip_prefix(&p[..]).unwrap_or(&me).to_vec();
    if out.len() == me.len() && std::ptr::eq(args[0].ob_type(), &*crate::types::bytes::BYTES_TYPE) {
        return Ok(args[0].clone());
    }
    Ok(same_kind(&args[0], out))
}

fn b_removesuffix(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let p = buf_arg(vm, onearg(vm, "removesuffix", args, kw)?)?;
    let me = data_of(&args[0]);
    let out = me.strip_suffix(&p[..]).unwrap_or(&me).to_vec();
    if out.len() == me.len() && std::ptr::eq(args[0].ob_type(), &*crate::types::bytes::BYTES_TYPE) {
        return Ok(args[0].clone());
    }
    Ok(same_kind(&args[0], out))
}

fn b_replace(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "replace", &args[1..], kw, &["old", "new", "count"], 2)?;
    let old = buf_arg(vm, a[0].as_ref().unwrap())?;
    let new = buf_arg(vm, a[1].as_ref().unwrap())?;
    let count = match &a[2] {
        Some(c) => protocol::index_as_isize(vm, c)?,
        None => -1,
    };
    ret(&args[0], &l1(&data_of(&args[0])).replace(&l1(&old), &l1(&new), count))
}

// ---------------------------------------------------------------------------------------
// Split / strip / partition / layout

fn whitespace_split(b: &[u8], maxsplit: isize, rev: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest: &[u8] = b;
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    loop {
        rest = if rev {
            let n = rest.iter().rev().take_while(|&&c| is_space(c)).count();
            &rest[..rest.len() - n]
        } else {
            let n = rest.iter().take_while(|&&c| is_space(c)).count();
            &rest[n..]
        };
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest.to_vec());
            break;
        }
        if rev {
            let n = rest.iter().rev().take_while(|&&c| !is_space(c)).count();
            out.push(rest[rest.len() - n..].to_vec());
            rest = &rest[..rest.len() - n];
        } else {
            let n = rest.iter().take_while(|&&c| !is_space(c)).count();
            out.push(rest[..n].to_vec());
            rest = &rest[n..];
        }
        left -= 1;
    }
    if rev {
        out.reverse();
    }
    out
}

fn split_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], rev: bool) -> PyResult<PyRef> {
    let a = parse_args(vm, name, &args[1..], kw, &["sep", "maxsplit"], 0)?;
    let maxsplit = match &a[1] {
        Some(m) => protocol::index_as_isize(vm, m)?,
        None => -1,
    };
    let me = data_of(&args[0]);
    let parts: Vec<Vec<u8>> = match &a[0] {
        Some(s) if !s.is(none::none_ref()) => {
            let sep = buf_arg(vm, s)?;
            let m = l1(&me);
            let r = if rev { m.rsplit(Some(&l1(&sep)), maxsplit) } else { m.split(Some(&l1(&sep)), maxsplit) };
            r.map_err(|e| str_error(vm, e))?.iter().map(back).collect()
        }
        _ => whitespace_split(&me, maxsplit, rev),
    };
    Ok(list::new_list(parts.into_iter().map(|p| same_kind(&args[0], p)).collect()))
}

fn b_split(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    split_impl(vm, "split", args, kw, false)
}
fn b_rsplit(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    split_impl(vm, "rsplit", args, kw, true)
}

fn b_splitlines(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "splitlines", &args[1..], kw, &["keepends"], 0)?;
    let keep = match &a[0] {
        Some(k) => protocol::is_true(vm, k)?,
        None => false,
    };
    let me = data_of(&args[0]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < me.len() {
        let start = i;
        while i < me.len() && me[i] != b'\n' && me[i] != b'\r' {
            i += 1;
        }
        let eol = i;
        if i < me.len() {
            if me[i] == b'\r' && me.get(i + 1) == Some(&b'\n') {
                i += 2;
            } else {
                i += 1;
            }
        }
        let end = if keep { i } else { eol };
        out.push(same_kind(&args[0], me[start..end].to_vec()));
    }
    Ok(list::new_list(out))
}

fn strip_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], which: u8) -> PyResult<PyRef> {
    let a = varargs(vm, name, args, kw, 0, 1)?;
    let me = data_of(&args[0]);
    let chars: Option<Vec<u8>> = match a.first() {
        Some(c) if !c.is(none::none_ref()) => Some(buf_arg(vm, c)?),
        _ => None,
    };
    let strip = |c: u8| match &chars {
        Some(set) => set.contains(&c),
        None => is_space(c),
    };
    let mut s = 0;
    let mut e = me.len();
    if which != 2 {
        while s < e && strip(me[s]) {
            s += 1;
        }
    }
    if which != 1 {
        while e > s && strip(me[e - 1]) {
            e -= 1;
        }
    }
    Ok(same_kind(&args[0], me[s..e].to_vec()))
}

fn b_strip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "strip", args, kw, 0)
}
fn b_lstrip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "lstrip", args, kw, 1)
}
fn b_rstrip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "rstrip", args, kw, 2)
}

fn partition_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], rev: bool) -> PyResult<PyRef> {
    let sep = buf_arg(vm, onearg(vm, name, args, kw)?)?;
    let me = l1(&data_of(&args[0]));
    let r = if rev { me.rpartition(&l1(&sep)) } else { me.partition(&l1(&sep)) };
    let [a, b, c] = r.map_err(|e| str_error(vm, e))?;
    let mk = |s: &PyStrData| same_kind(&args[0], back(s));
    Ok(tuple::new_tuple(vec![mk(&a), mk(&b), mk(&c)]))
}

fn b_partition(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    partition_impl(vm, "partition", args, kw, false)
}
fn b_rpartition(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    partition_impl(vm, "rpartition", args, kw, true)
}

fn pad(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<(isize, u32)> {
    let a = varargs(vm, name, args, kw, 1, 2)?;
    let w = protocol::index_as_isize(vm, &a[0])?;
    let fill = match a.get(1) {
        None => b' ',
        Some(f) => match bytes_like(f) {
            Some(b) if b.len() == 1 && !crate::types::str::downcast_str(f).is_some() => b[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    f.ob_type().name()
                )))
            }
        },
    };
    Ok((w, fill as u32))
}

fn b_center(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad(vm, "center", args, kw)?;
    ret(&args[0], &l1(&data_of(&args[0])).center(w, f))
}
fn b_ljust(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad(vm, "ljust", args, kw)?;
    ret(&args[0], &l1(&data_of(&args[0])).ljust(w, f))
}
fn b_rjust(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad(vm, "rjust", args, kw)?;
    ret(&args[0], &l1(&data_of(&args[0])).rjust(w, f))
}
fn b_zfill(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let w = onearg(vm, "zfill", args, kw)?;
    let w = protocol::index_as_isize(vm, w)?;
    ret(&args[0], &l1(&data_of(&args[0])).zfill(w))
}
fn b_expandtabs(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "expandtabs", &args[1..], kw, &["tabsize"], 0)?;
    let n = match &a[0] {
        Some(t) => protocol::index_as_isize(vm, t)?,
        None => 8,
    };
    let me = data_of(&args[0]);
    // Bytes count only \n and \r as line ends (str also counts other breaks).
    let mut out = Vec::new();
    let mut col = 0usize;
    for &c in &me {
        match c {
            b'\t' => {
                if n > 0 {
                    let k = n as usize - col % n as usize;
                    out.extend(std::iter::repeat_n(b' ', k));
                    col += k;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(same_kind(&args[0], out))
}

fn b_join(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let it = onearg(vm, "join", args, kw)?;
    let items = protocol::iterate(vm, it)?;
    let sep = data_of(&args[0]);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = bytes_like(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                item.ob_type().name()
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(same_kind(&args[0], out))
}

// ---------------------------------------------------------------------------------------
// translate / maketrans / codecs / hex

fn b_translate(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "translate", &args[1..], kw, &["table", "delete"], 1)?;
    let table = match &a[0] {
        Some(t) if !t.is(none::none_ref()) => {
            let t = buf_arg(vm, t)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
        _ => None,
    };
    let delete = match &a[1] {
        Some(d) => buf_arg(vm, d)?,
        None => Vec::new(),
    };
    let out = data_of(&args[0])
        .into_iter()
        .filter(|c| !delete.contains(c))
        .map(|c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(same_kind(&args[0], out))
}

fn b_maketrans(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "maketrans", kw)?;
    check_arity(vm, "maketrans", args, 2, 2)?;
    let from = expect_bytes_like(vm, &args[0])?;
    let to = expect_bytes_like(vm, &args[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (f, x) in from.iter().zip(&to) {
        t[*f as usize] = *x;
    }
    Ok(new_bytes(t))
}

fn b_decode(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "decode", &args[1..], kw, &["encoding", "errors"], 0)?;
    let (enc, errors) = codec_args(vm, "decode", &a[0], &a[1])?;
    let d = crate::unicode::decode(&data_of(&args[0]), &enc, &errors).map_err(|e| codec_error(vm, e))?;
    Ok(crate::types::str::from_data(d))
}

/// `hex(sep=, bytes_per_sep=1)` of raw bytes (shared with memoryview).
pub fn hex_impl(vm: &Vm, data: &[u8], sep: &Option<PyRef>, per: &Option<PyRef>) -> PyResult<PyRef> {
    const D: &[u8; 16] = b"0123456789abcdef";
    let sep_c = match sep {
        None => None,
        Some(s) => {
            let b = if let Some(st) = crate::types::str::downcast_str(s) {
                back(st)
            } else {
                buf_arg(vm, s)?
            };
            if b.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !b[0].is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(b[0])
        }
    };
    let per = match per {
        Some(p) => protocol::index_as_isize(vm, p)?,
        None => 1,
    };
    let mut out = String::with_capacity(data.len() * 3);
    let group = per.unsigned_abs().max(1);
    let n = data.len();
    for (i, &c) in data.iter().enumerate() {
        if let Some(s) = sep_c {
            if i > 0 && per != 0 {
                // Groups count from the right for positive bytes_per_sep, from the left otherwise.
                let boundary = if per > 0 { (n - i) % group == 0 } else { i % group == 0 };
                if boundary {
                    out.push(s as char);
                }
            }
        }
        out.push(D[(c >> 4) as usize] as char);
        out.push(D[(c & 15) as usize] as char);
    }
    Ok(crate::types::str::new_str(&out))
}

fn b_hex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "hex", &args[1..], kw, &["sep", "bytes_per_sep"], 0)?;
    hex_impl(vm, &data_of(&args[0]), &a[0], &a[1])
}

fn b_fromhex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "fromhex", kw)?;
    check_arity(vm, "fromhex", &args[1..], 1, 1)?;
    let Some(s) = crate::types::str::downcast_str(&args[1]) else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", args[1].ob_type().name())));
    };
    let cps = s.to_code_points();
    let mut out = Vec::new();
    let mut i = 0;
    let hexval = |c: u32| char::from_u32(c).and_then(|c| c.to_digit(16));
    while i < cps.len() {
        if matches!(cps[i], 0x20 | 0x09 | 0x0a | 0x0b | 0x0c | 0x0d) {
            i += 1;
            continue;
        }
        let Some(hi) = hexval(cps[i]) else {
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}")));
        };
        let Some(lo) = cps.get(i + 1).and_then(|&c| hexval(c)) else {
            let pos = i + 1;
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {pos}")));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let cls = &args[0];
    if cls.is(crate::types::bytes::BYTES_TYPE.as_object()) {
        return Ok(new_bytes(out));
    }
    if cls.is(crate::types::bytes::BYTEARRAY_TYPE.as_object()) {
        return Ok(crate::types::bytes::new_bytearray(out));
    }
    protocol::call(vm, cls, &[new_bytes(out)], &[])
}

fn b_getnewargs(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "__getnewargs__", args, kw)?;
    Ok(tuple::new_tuple(vec![new_bytes(data_of(&args[0]))]))
}

fn b_bytes(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "__bytes__", args, kw)?;
    if std::ptr::eq(args[0].ob_type(), &*crate::types::bytes::BYTES_TYPE) {
        return Ok(args[0].clone());
    }
    Ok(new_bytes(data_of(&args[0])))
}

// ---------------------------------------------------------------------------------------
// bytearray mutators

fn ba_append(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = onearg(vm, "append", args, kw)?;
    let b = byte_value(vm, v)?;
    check_resize(vm, &args[0])?;
    bytearray_payload(&args[0]).data.borrow_mut().push(b);
    Ok(none::none())
}

fn ba_clear(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "clear", args, kw)?;
    check_resize(vm, &args[0])?;
    bytearray_payload(&args[0]).data.borrow_mut().clear();
    Ok(none::none())
}

fn ba_copy(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "copy", args, kw)?;
    Ok(crate::types::bytes::new_bytearray(data_of(&args[0])))
}

fn ba_extend(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = onearg(vm, "extend", args, kw)?;
    let extra = match bytes_like(v) {
        Some(b) => b,
        None => {
            if crate::types::str::downcast_str(v).is_some() {
                return Err(vm.type_error("expected iterable of integers; got: 'str'"));
            }
            if v.ob_type().tp_iter.get().is_none() && protocol::lookup_special(vm, v, "__getitem__")?.is_none() {
                return Err(vm.type_error(format!("can't extend bytearray with {}", v.ob_type().name())));
            }
            let items = protocol::iterate(vm, v)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                if it.ob_type().tp_as_number.nb_index.get().is_none() {
                    return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", it.ob_type().name())));
                }
                out.push(byte_value(vm, &it)?);
            }
            out
        }
    };
    check_resize(vm, &args[0])?;
    bytearray_payload(&args[0]).data.borrow_mut().extend_from_slice(&extra);
    Ok(none::none())
}

fn ba_insert(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = varargs(vm, "insert", args, kw, 2, 2)?;
    let i = protocol::index_as_isize(vm, &a[0])?;
    let b = byte_value(vm, &a[1])?;
    check_resize(vm, &args[0])?;
    let mut d = bytearray_payload(&args[0]).data.borrow_mut();
    let n = d.len() as isize;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(j as usize, b);
    Ok(none::none())
}

fn ba_pop(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = varargs(vm, "pop", args, kw, 0, 1)?;
    let i = match a.first() {
        Some(i) => protocol::index_as_isize(vm, i)?,
        None => -1,
    };
    check_resize(vm, &args[0])?;
    let mut d = bytearray_payload(&args[0]).data.borrow_mut();
    if d.is_empty() {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let n = d.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(int::new_int(d.remove(j as usize) as i64))
}

fn ba_remove(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = onearg(vm, "remove", args, kw)?;
    let b = byte_value(vm, v)?;
    check_resize(vm, &args[0])?;
    let mut d = bytearray_payload(&args[0]).data.borrow_mut();
    match d.iter().position(|&c| c == b) {
        Some(i) => {
            d.remove(i);
            Ok(none::none())
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn ba_reverse(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "reverse", args, kw)?;
    bytearray_payload(&args[0]).data.borrow_mut().reverse();
    Ok(none::none())
}

fn ba_alloc(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "__alloc__", args, kw)?;
    let n = bytearray_payload(&args[0]).data.borrow().capacity();
    Ok(int::new_int(n as i64 + 1))
}
