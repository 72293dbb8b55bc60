//! Formatting methods of `str` and `bytes` over `crate::format`'s engines:
//! `str.format` / `format_map` (the markup loop calls back here for field lookup, conversion
//! and `format()`), `str.__format__`, and `str % args` / `bytes % args`.
//!
//! `%` arguments are classified up front into `PercentValue`s: ints, bools and floats by
//! value, everything else with its `str()`, `repr()` and `ascii()` (CPython computes only the
//! one a conversion asks for; the texts are the same). Mapping keys are found by scanning the
//! format for `%(key)` and looking each one up with `__getitem__`, so missing keys raise the
//! mapping's own KeyError.

use crate::error::{PyErr, PyResult};
use crate::format::{self, FieldAccessor, FormatArgs, FormatError, PercentArgs, PercentValue};
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::str::{downcast_str, new_str, str_data};
use crate::types::{dict, float, int, tuple};
use crate::vm::Vm;

/// A format-engine error or a Python exception raised by a callback.
pub enum FmtErr {
    Py(PyErr),
    Fmt(FormatError),
}

impl From<FormatError> for FmtErr {
    fn from(e: FormatError) -> FmtErr {
        FmtErr::Fmt(e)
    }
}

impl From<PyErr> for FmtErr {
    fn from(e: PyErr) -> FmtErr {
        FmtErr::Py(e)
    }
}

/// The Python exception of a `crate::format` error.
pub fn format_error(vm: &Vm, e: FormatError) -> PyErr {
    match e.kind {
        format::ErrorKind::KeyError => vm.key_error(new_str(&e.message)),
        format::ErrorKind::IndexError => vm.index_error(e.message),
        _ => int::format_error(vm, e),
    }
}

fn lower(vm: &Vm, e: FmtErr) -> PyErr {
    match e {
        FmtErr::Py(e) => e,
        FmtErr::Fmt(e) => format_error(vm, e),
    }
}

struct Args<'a> {
    vm: &'a Vm,
    positional: &'a [PyRef],
    /// `format`: the keyword arguments; `format_map`: the mapping.
    kwargs: Option<PyRef>,
    is_map: bool,
}

impl FormatArgs for Args<'_> {
    type Obj = PyRef;
    type Error = FmtErr;

    fn positional(&mut self, index: usize) -> Result<PyRef, FmtErr> {
        if self.is_map {
            return Err(FormatError::value("Format string contains positional fields").into());
        }
        self.positional.get(index).cloned().ok_or_else(|| format::replacement_index_error(index).into())
    }

    fn keyword(&mut self, name: &str) -> Result<PyRef, FmtErr> {
        let key = new_str(name);
        match &self.kwargs {
            Some(m) if self.is_map => Ok(protocol::getitem(self.vm, m, &key)?),
            Some(d) => match dict::get_item(self.vm, d, &key)? {
                Some(v) => Ok(v),
                None => Err(self.vm.key_error(key).into()),
            },
            None => Err(self.vm.key_error(key).into()),
        }
    }

    fn access(&mut self, obj: PyRef, accessor: &FieldAccessor) -> Result<PyRef, FmtErr> {
        Ok(match accessor {
            FieldAccessor::Attr(a) => protocol::getattr(self.vm, &obj, &new_str(a))?,
            FieldAccessor::Index(i) => protocol::getitem(self.vm, &obj, &int::new_int(*i as i64))?,
            FieldAccessor::Key(k) => protocol::getitem(self.vm, &obj, &new_str(k))?,
        })
    }

    fn convert(&mut self, obj: PyRef, conversion: char) -> Result<PyRef, FmtErr> {
        Ok(match conversion {
            'r' => protocol::repr(self.vm, &obj)?,
            's' => protocol::str(self.vm, &obj)?,
            _ => crate::builtins::ascii(self.vm, &obj)?,
        })
    }

    fn format(&mut self, obj: PyRef, spec: &str) -> Result<String, FmtErr> {
        let r = crate::builtins::format_value(self.vm, &obj, Some(&new_str(spec)))?;
        Ok(str_data(&r).to_string_lossy())
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format_method(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let kwargs = if kwnames.is_empty() {
        None
    } else {
        let d = dict::new_dict();
        for (k, v) in kwnames.iter().zip(&args[npos..]) {
            dict::set_item(vm, &d, k, v)?;
        }
        Some(d)
    };
    let fmt = str_data(&args[0]).to_string_lossy();
    let mut a = Args { vm, positional: &args[1..npos], kwargs, is_map: false };
    let out = format::str_format(&fmt, &mut a).map_err(|e| lower(vm, e))?;
    Ok(new_str(&out))
}

/// `str.format_map(mapping)`.
pub fn str_format_map(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "str.format_map", kwnames)?;
    crate::types::function::check_arity(vm, "str.format_map", &args[1..], 1, 1)?;
    let fmt = str_data(&args[0]).to_string_lossy();
    let mut a = Args { vm, positional: &[], kwargs: Some(args[1].clone()), is_map: true };
    let out = format::str_format(&fmt, &mut a).map_err(|e| lower(vm, e))?;
    Ok(new_str(&out))
}

/// `str.__format__(spec)`.
pub fn str_dunder_format(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "str.__format__", kwnames)?;
    crate::types::function::check_arity(vm, "str.__format__", &args[1..], 1, 1)?;
    let Some(spec) = downcast_str(&args[1]) else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", args[1].ob_type().name())));
    };
    if spec.is_empty() {
        return protocol::str(vm, &args[0]);
    }
    let s = str_data(&args[0]).to_string_lossy();
    let out = format::format_str(&s, &spec.to_string_lossy(), "str").map_err(|e| format_error(vm, e))?;
    Ok(new_str(&out))
}

// ---------------------------------------------------------------------------------------
// %

/// One `%` argument as the engine wants it.
pub fn percent_value(vm: &Vm, v: &PyObject) -> PyResult<PercentValue> {
    if let Some(b) = int::downcast_bool(v) {
        return Ok(PercentValue::Bool(b));
    }
    if let Some(i) = int::downcast_int(v) {
        if std::ptr::eq(v.ob_type(), &*int::INT_TYPE) {
            return Ok(PercentValue::Int(i.to_ibig()));
        }
    }
    if std::ptr::eq(v.ob_type(), &*float::FLOAT_TYPE) {
        return Ok(PercentValue::Float(v.downcast::<float::PyFloat>().map_or(0.0, |f| f.value)));
    }
    if let Some(s) = downcast_str(v) {
        if std::ptr::eq(v.ob_type(), &*crate::types::str::STR_TYPE) {
            let repr = s.repr();
            let ascii = s.ascii();
            return Ok(PercentValue::Str { value: s.to_string_lossy(), repr, ascii });
        }
    }
    if let Some(b) = crate::types::bytes::bytes_like(v) {
        let repr = protocol::repr_string(vm, v)?;
        return Ok(PercentValue::Bytes { type_name: v.ob_type().name().to_string(), value: b, repr });
    }
    if let Some(i) = int::downcast_int(v) {
        return Ok(PercentValue::Int(i.to_ibig()));
    }
    if v.ob_type().is_subtype(&float::FLOAT_TYPE) {
        return Ok(PercentValue::Float(v.downcast::<float::PyFloat>().map_or(0.0, |f| f.value)));
    }
    let str_ = protocol::str_string(vm, v)?;
    let repr = protocol::repr_string(vm, v)?;
    let ascii_obj = crate::builtins::ascii(vm, v)?;
    let ascii = str_data(&ascii_obj).to_string_lossy();
    Ok(PercentValue::Other { type_name: v.ob_type().name().to_string(), str_, repr, ascii })
}

/// The `%(key)` names of a format, in order.
fn mapping_keys(fmt: &[u32]) -> Vec<Vec<u32>> {
    let mut keys = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] == '%' as u32 {
            i += 1;
            if fmt.get(i) == Some(&('(' as u32)) {
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < fmt.len() && depth > 0 {
                    if fmt[i] == ')' as u32 {
                        depth -= 1;
                    } else if fmt[i] == '(' as u32 {
                        depth += 1;
                    }
                    i += 1;
                }
                if depth == 0 {
                    keys.push(fmt[start..i - 1].to_vec());
                }
                continue;
            }
        }
        i += 1;
    }
    keys
}

/// The right operand of `%`.
pub fn percent_args(vm: &Vm, fmt: &[u32], b: &PyObject, bytes_keys: bool) -> PyResult<PercentArgs> {
    if let Some(items) = tuple::downcast_tuple(b) {
        let mut v = Vec::with_capacity(items.len());
        for it in items {
            v.push(percent_value(vm, it)?);
        }
        return Ok(PercentArgs::Tuple(v));
    }
    let is_mapping = downcast_str(b).is_none()
        && tuple::downcast_tuple(b).is_none()
        && (b.ob_type().tp_as_mapping.mp_subscript.get().is_some() || protocol::lookup_special(vm, b, "__getitem__")?.is_some());
    let single = percent_value(vm, b)?;
    if !is_mapping {
        return Ok(PercentArgs::Single(single));
    }
    let mut items = Vec::new();
    for k in mapping_keys(fmt) {
        let name: String = k.iter().map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect();
        if items.iter().any(|(n, _): &(String, PercentValue)| *n == name) {
            continue;
        }
        let key = if bytes_keys {
            crate::types::bytes::new_bytes(k.iter().map(|&u| u as u8).collect())
        } else {
            crate::types::str::from_data(crate::unicode::PyStrData::from_code_points(&k).unwrap_or_else(crate::unicode::PyStrData::empty))
        };
        let v = protocol::getitem(vm, b, &key)?;
        items.push((name, percent_value(vm, &v)?));
    }
    Ok(PercentArgs::Mapping { items, itself: single })
}

/// `str % args`.
pub fn percent_format(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let s = str_data(a);
    let cps = s.to_code_points();
    let args = percent_args(vm, &cps, b, false)?;
    let out = format::percent_format(&s.to_string_lossy(), &args).map_err(|e| format_error(vm, e))?;
    Ok(new_str(&out))
}

/// `bytes % args` (and bytearray): the formatted bytes.
pub fn bytes_percent(vm: &Vm, fmt: &[u8], b: &PyObject) -> PyResult<Vec<u8>> {
    let cps: Vec<u32> = fmt.iter().map(|&c| c as u32).collect();
    let args = percent_args(vm, &cps, b, true)?;
    format::bytes_percent_format(fmt, &args).map_err(|e| format_error(vm, e))
}
