//! The methods of `str`: the Python-facing side of `crate::unicode`'s algorithms. Each
//! binding converts its arguments with CPython's parsing rules (Argument Clinic positional
//! or keyword parameters, or the older `METH_VARARGS` ones, with their exact messages),
//! calls the `PyStrData` method and wraps the result. Formatting (`format`, `format_map`,
//! `__format__`, `%`) lives in `str_format.rs`.

use crate::error::{PyErr, PyResult};
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::protocol;
use crate::types::function::{check_arity, MethodDef};
use crate::types::str::{downcast_str, from_data, str_data};
use crate::types::{dict, exceptions, int, list, none, tuple};
use crate::unicode::{PyStrData, StrError, StrErrorKind, Translation};
use crate::vm::Vm;

pub static STR_METHODS: &[MethodDef] = &[
    MethodDef::method("encode", str_encode),
    MethodDef::method("replace", str_replace),
    MethodDef::method("split", str_split),
    MethodDef::method("rsplit", str_rsplit),
    MethodDef::method("join", str_join),
    MethodDef::method("capitalize", str_capitalize),
    MethodDef::method("casefold", str_casefold),
    MethodDef::method("title", str_title),
    MethodDef::method("center", str_center),
    MethodDef::method("count", str_count),
    MethodDef::method("expandtabs", str_expandtabs),
    MethodDef::method("find", str_find),
    MethodDef::method("partition", str_partition),
    MethodDef::method("index", str_index),
    MethodDef::method("ljust", str_ljust),
    MethodDef::method("lower", str_lower),
    MethodDef::method("lstrip", str_lstrip),
    MethodDef::method("rfind", str_rfind),
    MethodDef::method("rindex", str_rindex),
    MethodDef::method("rjust", str_rjust),
    MethodDef::method("rstrip", str_rstrip),
    MethodDef::method("rpartition", str_rpartition),
    MethodDef::method("splitlines", str_splitlines),
    MethodDef::method("strip", str_strip),
    MethodDef::method("swapcase", str_swapcase),
    MethodDef::method("translate", str_translate),
    MethodDef::method("upper", str_upper),
    MethodDef::method("startswith", str_startswith),
    MethodDef::method("endswith", str_endswith),
    MethodDef::method("removeprefix", str_removeprefix),
    MethodDef::method("removesuffix", str_removesuffix),
    MethodDef::method("isascii", str_isascii),
    MethodDef::method("islower", str_islower),
    MethodDef::method("isupper", str_isupper),
    MethodDef::method("istitle", str_istitle),
    MethodDef::method("isspace", str_isspace),
    MethodDef::method("isdecimal", str_isdecimal),
    MethodDef::method("isdigit", str_isdigit),
    MethodDef::method("isnumeric", str_isnumeric),
    MethodDef::method("isalpha", str_isalpha),
    MethodDef::method("isalnum", str_isalnum),
    MethodDef::method("isidentifier", str_isidentifier),
    MethodDef::method("isprintable", str_isprintable),
    MethodDef::method("zfill", str_zfill),
    MethodDef::method("format", crate::types::str_format::str_format_method),
    MethodDef::method("format_map", crate::types::str_format::str_format_map),
    MethodDef::method("__format__", crate::types::str_format::str_dunder_format),
    MethodDef::function("maketrans", str_maketrans),
    MethodDef::method("__sizeof__", str_sizeof),
    MethodDef::method("__getnewargs__", str_getnewargs),
];

// ---------------------------------------------------------------------------------------
// Argument helpers

/// The Python exception a `StrError` names.
pub fn str_error(vm: &Vm, e: StrError) -> PyErr {
    match e.kind {
        StrErrorKind::ValueError => vm.value_error(e.message),
        StrErrorKind::IndexError => vm.index_error(e.message),
        StrErrorKind::OverflowError => vm.overflow_error(e.message),
        StrErrorKind::TypeError => vm.type_error(e.message),
        StrErrorKind::LookupError => vm.new_error(&exceptions::LOOKUP_ERROR, e.message),
        StrErrorKind::MemoryError => vm.new_error(&exceptions::MEMORY_ERROR, e.message),
    }
}

/// Positional-or-keyword parameters of an Argument Clinic method (`self` excluded from
/// `args`' count): one slot per name, `None` when not given.
pub fn parse_args(
    vm: &Vm,
    fname: &str,
    args: &[PyRef],
    kwnames: &[PyRef],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<PyRef>>> {
    let npos = args.len() - kwnames.len();
    let total = args.len();
    if npos > names.len() || total > names.len() {
        let what = if required == names.len() { "exactly" } else { "at most" };
        return Err(vm.type_error(format!(
            "{fname}() takes {what} {} argument{} ({total} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<PyRef>> = vec![None; names.len()];
    for (i, a) in args[..npos].iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let name = crate::types::str::to_string(k);
        match names.iter().position(|n| *n == name) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!("argument for {fname}() given by name ('{name}') and position ({})", i + 1)))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{name}'"))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{fname}() missing required argument '{n}' (pos {})", i + 1)));
        }
    }
    Ok(out)
}

/// `self` plus positional-only arguments, checked like `METH_VARARGS` parsing.
fn varargs<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kwnames: &[PyRef], min: usize, max: usize) -> PyResult<&'a [PyRef]> {
    crate::types::function::no_kwargs(vm, &format!("str.{name}"), kwnames)?;
    check_arity(vm, name, &args[1..], min, max)?;
    Ok(&args[1..])
}

fn noargs(vm: &Vm, name: &str, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, name, kwnames)?;
    check_arity(vm, name, &args[1..], 0, 0)
}

fn onearg<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kwnames: &[PyRef]) -> PyResult<&'a PyRef> {
    crate::types::function::no_kwargs(vm, name, kwnames)?;
    check_arity(vm, name, &args[1..], 1, 1)?;
    Ok(&args[1])
}

/// A start/end argument: None or anything with `__index__` (clamped as slice indices).
pub fn slice_index(vm: &Vm, o: Option<&PyRef>) -> PyResult<Option<isize>> {
    match o {
        None => Ok(None),
        Some(o) if o.is(none::none_ref()) => Ok(None),
        Some(o) => {
            if o.ob_type().tp_as_number.nb_index.get().is_none() {
                return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
            }
            let r = protocol::index(vm, o)?;
            let i = int::downcast_int(&r).expect("an int");
            Ok(Some(match i.as_i64() {
                Some(n) => n.clamp(isize::MIN as i64, isize::MAX as i64) as isize,
                None if i.to_ibig() < dashu_int::IBig::ZERO => isize::MIN,
                None => isize::MAX,
            }))
        }
    }
}

fn arg_str<'a>(vm: &Vm, o: &'a PyObject, msg: impl FnOnce() -> String) -> PyResult<&'a PyStrData> {
    downcast_str(o).ok_or_else(|| vm.type_error(format!("{}, not {}", msg(), o.ob_type().name())))
}

fn me(args: &[PyRef]) -> &PyStrData {
    str_data(&args[0])
}

fn ok_str(d: PyStrData) -> PyResult<PyRef> {
    Ok(from_data(d))
}

fn int_arg(vm: &Vm, o: &PyObject) -> PyResult<isize> {
    protocol::index_as_isize(vm, o)
}

// ---------------------------------------------------------------------------------------
// Case and predicates

macro_rules! unary {
    ($($fn_name:ident => $name:literal, $method:ident, $wrap:ident;)*) => {$(
        fn $fn_name(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
            noargs(vm, concat!("str.", $name), args, kw)?;
            Ok($wrap(me(args).$method()))
        }
    )*};
}

fn b(x: bool) -> PyRef {
    none::bool_(x)
}
fn s(x: PyStrData) -> PyRef {
    from_data(x)
}

unary! {
    str_capitalize => "capitalize", capitalize, s;
    str_casefold => "casefold", casefold, s;
    str_title => "title", title, s;
    str_lower => "lower", lower, s;
    str_upper => "upper", upper, s;
    str_swapcase => "swapcase", swapcase, s;
    str_isascii => "isascii", isascii, b;
    str_islower => "islower", islower, b;
    str_isupper => "isupper", isupper, b;
    str_istitle => "istitle", istitle, b;
    str_isspace => "isspace", isspace, b;
    str_isdecimal => "isdecimal", isdecimal, b;
    str_isdigit => "isdigit", isdigit, b;
    str_isnumeric => "isnumeric", isnumeric, b;
    str_isalpha => "isalpha", isalpha, b;
    str_isalnum => "isalnum", isalnum, b;
    str_isidentifier => "isidentifier", isidentifier, b;
    str_isprintable => "isprintable", isprintable, b;
}

// ---------------------------------------------------------------------------------------
// Layout

fn fill_char(vm: &Vm, o: Option<&PyRef>) -> PyResult<u32> {
    let Some(o) = o else { return Ok(' ' as u32) };
    let Some(f) = downcast_str(o) else {
        return Err(vm.type_error(format!(
            "The fill character must be a unicode character, not {}",
            o.ob_type().name()
        )));
    };
    if f.len() != 1 {
        return Err(vm.type_error("The fill character must be exactly one character long"));
    }
    Ok(f.get(0).unwrap_or(' ' as u32))
}

fn pad_method(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<(isize, u32)> {
    let a = varargs(vm, name, args, kw, 1, 2)?;
    let width = int_arg(vm, &a[0])?;
    let fill = fill_char(vm, a.get(1))?;
    Ok((width, fill))
}

fn str_center(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad_method(vm, "center", args, kw)?;
    ok_str(me(args).center(w, f))
}

fn str_ljust(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad_method(vm, "ljust", args, kw)?;
    ok_str(me(args).ljust(w, f))
}

fn str_rjust(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (w, f) = pad_method(vm, "rjust", args, kw)?;
    ok_str(me(args).rjust(w, f))
}

fn str_zfill(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let w = onearg(vm, "str.zfill", args, kw)?;
    let w = int_arg(vm, w)?;
    ok_str(me(args).zfill(w))
}

fn str_expandtabs(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "expandtabs", &args[1..], kw, &["tabsize"], 0)?;
    let n = match &a[0] {
        Some(t) => int_arg(vm, t)?,
        None => 8,
    };
    me(args).expandtabs(n).map(from_data).map_err(|e| str_error(vm, e))
}

fn str_splitlines(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "splitlines", &args[1..], kw, &["keepends"], 0)?;
    let keep = match &a[0] {
        Some(k) => bool_int_arg(vm, k)?,
        None => false,
    };
    Ok(list::new_list(me(args).splitlines(keep).into_iter().map(from_data).collect()))
}

/// A `bool` parameter of a clinic method (`int` converter: any integer, not floats).
fn bool_int_arg(vm: &Vm, o: &PyObject) -> PyResult<bool> {
    if o.ob_type().is_subtype(&crate::types::float::FLOAT_TYPE) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    protocol::is_true(vm, o)
}

fn str_join(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let it = onearg(vm, "str.join", args, kw)?;
    if it.ob_type().tp_iter.get().is_none() && it.ob_type().tp_as_sequence.sq_item.get().is_none() && protocol::lookup_special(vm, it, "__getitem__")?.is_none() {
        return Err(vm.type_error("can only join an iterable"));
    }
    let items = protocol::iterate(vm, it)?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        match downcast_str(it) {
            Some(s) => parts.push(s),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    it.ob_type().name()
                )))
            }
        }
    }
    ok_str(me(args).join(&parts))
}

// ---------------------------------------------------------------------------------------
// Search

/// `(sub, start, end)` of find/index/count/...
fn search_args<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kw: &[PyRef]) -> PyResult<(&'a PyStrData, Option<isize>, Option<isize>)> {
    let a = varargs(vm, name, args, kw, 1, 3)?;
    let sub = arg_str(vm, &a[0], || format!("{name}() argument 1 must be str"))?;
    Ok((sub, slice_index(vm, a.get(1))?, slice_index(vm, a.get(2))?))
}

fn str_find(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (sub, s, e) = search_args(vm, "find", args, kw)?;
    Ok(int::new_int(me(args).find(sub, s, e) as i64))
}

fn str_rfind(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (sub, s, e) = search_args(vm, "rfind", args, kw)?;
    Ok(int::new_int(me(args).rfind(sub, s, e) as i64))
}

fn str_index(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (sub, s, e) = search_args(vm, "index", args, kw)?;
    me(args).index(sub, s, e).map(|i| int::new_int(i as i64)).map_err(|e| str_error(vm, e))
}

fn str_rindex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (sub, s, e) = search_args(vm, "rindex", args, kw)?;
    me(args).rindex(sub, s, e).map(|i| int::new_int(i as i64)).map_err(|e| str_error(vm, e))
}

fn str_count(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let (sub, s, e) = search_args(vm, "count", args, kw)?;
    Ok(int::new_int(me(args).count(sub, s, e) as i64))
}

fn affix(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], ends: bool) -> PyResult<PyRef> {
    let a = varargs(vm, name, args, kw, 1, 3)?;
    let (start, end) = (slice_index(vm, a.get(1))?, slice_index(vm, a.get(2))?);
    let test = |p: &PyStrData| if ends { me(args).endswith(p, start, end) } else { me(args).startswith(p, start, end) };
    if let Some(t) = tuple::downcast_tuple(&a[0]) {
        for item in t {
            let Some(p) = downcast_str(item) else {
                return Err(vm.type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    item.ob_type().name()
                )));
            };
            if test(p) {
                return Ok(none::bool_(true));
            }
        }
        return Ok(none::bool_(false));
    }
    let p = arg_str(vm, &a[0], || format!("{name} first arg must be str or a tuple of str"))?;
    Ok(none::bool_(test(p)))
}

fn str_startswith(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    affix(vm, "startswith", args, kw, false)
}

fn str_endswith(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    affix(vm, "endswith", args, kw, true)
}

fn str_removeprefix(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let p = onearg(vm, "str.removeprefix", args, kw)?;
    let p = arg_str(vm, p, || "removeprefix() argument must be str".into())?;
    let r = me(args).removeprefix(p);
    if r.len() == me(args).len() && std::ptr::eq(args[0].ob_type(), &*crate::types::str::STR_TYPE) {
        return Ok(args[0].clone());
    }
    ok_str(r)
}

fn str_removesuffix(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let p = onearg(vm, "str.removesuffix", args, kw)?;
    let p = arg_str(vm, p, || "removesuffix() argument must be str".into())?;
    let r = me(args).removesuffix(p);
    if r.len() == me(args).len() && std::ptr::eq(args[0].ob_type(), &*crate::types::str::STR_TYPE) {
        return Ok(args[0].clone());
    }
    ok_str(r)
}

fn str_replace(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "replace", &args[1..], kw, &["old", "new", "count"], 2)?;
    let npos = args.len() - 1 - kw.len();
    if npos < 2 {
        return Err(vm.type_error(format!("replace expected at least 2 arguments, got {npos}")));
    }
    let old = arg_str(vm, a[0].as_ref().unwrap(), || "replace() argument 1 must be str".into())?;
    let new = arg_str(vm, a[1].as_ref().unwrap(), || "replace() argument 2 must be str".into())?;
    let count = match &a[2] {
        Some(c) => int_arg(vm, c)?,
        None => -1,
    };
    ok_str(me(args).replace(old, new, count))
}

fn sep_arg<'a>(vm: &Vm, o: &'a Option<PyRef>) -> PyResult<Option<&'a PyStrData>> {
    match o {
        Some(s) if !s.is(none::none_ref()) => Ok(Some(arg_str(vm, s, || "must be str or None".into())?)),
        _ => Ok(None),
    }
}

fn split_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], rev: bool) -> PyResult<PyRef> {
    let a = parse_args(vm, name, &args[1..], kw, &["sep", "maxsplit"], 0)?;
    let sep = sep_arg(vm, &a[0])?;
    let maxsplit = match &a[1] {
        Some(m) => int_arg(vm, m)?,
        None => -1,
    };
    let r = if rev { me(args).rsplit(sep, maxsplit) } else { me(args).split(sep, maxsplit) };
    let parts = r.map_err(|e| str_error(vm, e))?;
    Ok(list::new_list(parts.into_iter().map(from_data).collect()))
}

fn str_split(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    split_impl(vm, "split", args, kw, false)
}

fn str_rsplit(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    split_impl(vm, "rsplit", args, kw, true)
}

fn partition_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], rev: bool) -> PyResult<PyRef> {
    let sep = onearg(vm, &format!("str.{name}"), args, kw)?;
    let sep = arg_str(vm, sep, || "must be str".into())?;
    let r = if rev { me(args).rpartition(sep) } else { me(args).partition(sep) };
    let [a, b, c] = r.map_err(|e| str_error(vm, e))?;
    Ok(tuple::new_tuple(vec![from_data(a), from_data(b), from_data(c)]))
}

fn str_partition(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    partition_impl(vm, "partition", args, kw, false)
}

fn str_rpartition(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    partition_impl(vm, "rpartition", args, kw, true)
}

fn strip_impl(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], which: u8) -> PyResult<PyRef> {
    let a = varargs(vm, name, args, kw, 0, 1)?;
    let chars = match a.first() {
        Some(s) if !s.is(none::none_ref()) => match downcast_str(s) {
            Some(c) => Some(c),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
        _ => None,
    };
    let me = me(args);
    ok_str(match which {
        0 => me.strip(chars),
        1 => me.lstrip(chars),
        _ => me.rstrip(chars),
    })
}

fn str_strip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "strip", args, kw, 0)
}

fn str_lstrip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "lstrip", args, kw, 1)
}

fn str_rstrip(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    strip_impl(vm, "rstrip", args, kw, 2)
}

// ---------------------------------------------------------------------------------------
// translate / maketrans

fn str_translate(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let table = onearg(vm, "str.translate", args, kw)?.clone();
    let r = me(args).translate(|c| -> PyResult<Translation> {
        let v = match protocol::getitem(vm, &table, &int::new_int(c as i64)) {
            Ok(v) => v,
            Err(e) if e.matches(&exceptions::LOOKUP_ERROR) => return Ok(Translation::Keep),
            Err(e) => return Err(e),
        };
        if v.is(none::none_ref()) {
            return Ok(Translation::Delete);
        }
        if let Some(i) = int::downcast_int(&v) {
            return match i.as_i64() {
                Some(n) if (0..0x110000).contains(&n) => Ok(Translation::Char(n as u32)),
                _ => Err(vm.value_error("character mapping must be in range(0x110000)")),
            };
        }
        if let Some(s) = downcast_str(&v) {
            return Ok(Translation::Str(s.clone()));
        }
        Err(vm.type_error("character mapping must return integer, None or str"))
    })?;
    ok_str(r)
}

fn str_maketrans(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "str.maketrans", kw)?;
    check_arity(vm, "maketrans", args, 1, 3)?;
    let out = dict::new_dict();
    if args.len() == 1 {
        let Some(_) = dict::downcast_dict(&args[0]) else {
            return Err(vm.type_error("if you give only one argument to maketrans it must be a dict"));
        };
        for (k, v) in dict::items(&args[0]) {
            if let Some(s) = downcast_str(&k) {
                if s.len() != 1 {
                    return Err(vm.value_error("string keys in translate table must be of length 1"));
                }
                dict::set_item(vm, &out, &int::new_int(s.get(0).unwrap_or(0) as i64), &v)?;
            } else if int::downcast_int(&k).is_some() {
                dict::set_item(vm, &out, &k, &v)?;
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            }
        }
        return Ok(out);
    }
    let x = arg_str(vm, &args[0], || "maketrans() argument 1 must be str".into())?;
    let y = arg_str(vm, &args[1], || "maketrans() argument 2 must be str".into())?;
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.iter().zip(y.iter()) {
        dict::set_item(vm, &out, &int::new_int(a as i64), &int::new_int(b as i64))?;
    }
    if let Some(z) = args.get(2) {
        let z = arg_str(vm, z, || "maketrans() argument 3 must be str".into())?;
        for c in z.iter() {
            dict::set_item(vm, &out, &int::new_int(c as i64), none::none_ref())?;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Codecs and the rest

/// Raise a codec error.
pub fn codec_error(vm: &Vm, e: crate::unicode::CodecError) -> PyErr {
    match e {
        crate::unicode::CodecError::Unicode(u) => {
            let _ = &exceptions::UNICODE_ERROR;
            crate::types::exception_attrs::unicode_error(vm, &u)
        }
        crate::unicode::CodecError::Other(e) => str_error(vm, e),
    }
}

/// `(encoding, errors)` from the optional arguments of encode/decode/str().
pub fn codec_args(vm: &Vm, fname: &str, enc: &Option<PyRef>, errors: &Option<PyRef>) -> PyResult<(String, String)> {
    let get = |o: &Option<PyRef>, name: &str, dflt: &str| -> PyResult<String> {
        match o {
            None => Ok(dflt.to_string()),
            Some(o) => match downcast_str(o) {
                Some(s) => Ok(s.to_string_lossy()),
                None => Err(vm.type_error(format!("{fname}() argument '{name}' must be str, not {}", o.ob_type().name()))),
            },
        }
    };
    Ok((get(enc, "encoding", "utf-8")?, get(errors, "errors", "strict")?))
}

fn str_encode(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "encode", &args[1..], kw, &["encoding", "errors"], 0)?;
    let (enc, errors) = codec_args(vm, "encode", &a[0], &a[1])?;
    let bytes = me(args).encode(&enc, &errors).map_err(|e| codec_error(vm, e))?;
    Ok(crate::types::bytes::new_bytes(bytes))
}

fn str_sizeof(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "str.__sizeof__", args, kw)?;
    let s = me(args);
    let unit = match s.kind() {
        crate::unicode::Kind::Ucs1 => 1,
        crate::unicode::Kind::Ucs2 => 2,
        _ => 4,
    };
    let header = if s.is_ascii() { 40 } else { 56 };
    Ok(int::new_int((header + (s.len() + 1) * unit) as i64))
}

fn str_getnewargs(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    noargs(vm, "str.__getnewargs__", args, kw)?;
    Ok(tuple::new_tuple(vec![from_data(me(args).clone())]))
}

/// `str(object, encoding, errors)` / `str(object=..., encoding=...)`.
pub fn str_new_decode(vm: &Vm, tp: &PyTypeObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "str", args, kwnames, &["object", "encoding", "errors"], 0)?;
    let Some(obj) = &a[0] else {
        return Ok(crate::object::alloc_object(tp, crate::types::str::PyStr { data: PyStrData::empty() }));
    };
    if a[1].is_none() && a[2].is_none() {
        let s = protocol::str(vm, obj)?;
        return Ok(crate::object::alloc_object(tp, crate::types::str::PyStr { data: str_data(&s).clone() }));
    }
    let (enc, errors) = codec_args(vm, "str", &a[1], &a[2])?;
    let Some(bytes) = crate::types::bytes::bytes_like(obj) else {
        return Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            obj.ob_type().name()
        )));
    };
    let d = crate::unicode::decode(&bytes, &enc, &errors).map_err(|e| codec_error(vm, e))?;
    Ok(crate::object::alloc_object(tp, crate::types::str::PyStr { data: d }))
}
