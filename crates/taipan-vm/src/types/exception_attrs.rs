//! The attributes of the exception subclasses that have their own (`Objects/exceptions.c`):
//! `SystemExit.code`, `StopIteration.value`, `ImportError.msg/name/path/name_from`,
//! `NameError.name`, `AttributeError.name/obj`, `OSError.errno/strerror/filename/filename2`
//! (with the errno → subclass mapping of `OSError.__new__`) and the `UnicodeError` family's `encoding/object/start/end/reason`.
//!
//! Every field lives in the shared payload's `fields` vector at an index fixed per type
//! (the constants below); a missing entry reads as None. [`init_fields`] fills them from
//! `args` (called by `BaseException.__new__`/`__init__` and by exceptions made in Rust).

use crate::error::PyResult;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::types::descr::GetSetDef;
use crate::types::exceptions::{self as exc, as_exc};
use crate::types::{bytes, int, none, str as pystr, tuple, type_};
use crate::vm::Vm;

fn field(o: &PyObject, i: usize) -> PyRef {
    as_exc(o).fields.borrow().get(i).cloned().flatten().unwrap_or_else(none::none)
}

fn set_field(o: &PyObject, i: usize, v: Option<PyRef>) {
    let mut f = as_exc(o).fields.borrow_mut();
    if f.len() <= i {
        f.resize(i + 1, None);
    }
    let old = std::mem::replace(&mut f[i], v);
    drop(f);
    drop(old);
}

macro_rules! field_getsets {
    ($table:ident: $( $name:literal => $idx:expr, $get:ident, $set:ident );* $(;)?) => {
        $(
            fn $get(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
                Ok(field(o, $idx))
            }
            fn $set(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
                set_field(o, $idx, Some(v.map(|v| v.to_ref()).unwrap_or_else(none::none)));
                Ok(())
            }
        )*
        pub static $table: &[GetSetDef] = &[ $( GetSetDef::new($name, $get, Some($set)) ),* ];
    };
}

field_getsets!(SYSTEM_EXIT_GETSET: "code" => 0, se_code, se_set_code);
field_getsets!(STOP_ITERATION_GETSET: "value" => 0, si_value, si_set_value);
field_getsets!(IMPORT_ERROR_GETSET:
    "msg" => 0, ie_msg, ie_set_msg; "name" => 1, ie_name, ie_set_name;
    "path" => 2, ie_path, ie_set_path; "name_from" => 3, ie_name_from, ie_set_name_from);
field_getsets!(NAME_ERROR_GETSET: "name" => 0, ne_name, ne_set_name);
field_getsets!(ATTRIBUTE_ERROR_GETSET: "name" => 0, ae_name, ae_set_name; "obj" => 1, ae_obj, ae_set_obj);
field_getsets!(OS_ERROR_GETSET:
    "errno" => 0, os_errno, os_set_errno; "strerror" => 1, os_strerror, os_set_strerror;
    "filename" => 2, os_filename, os_set_filename; "filename2" => 3, os_filename2, os_set_filename2;
    "characters_written" => 4, os_written, os_set_written);
field_getsets!(UNICODE_ERROR_GETSET:
    "encoding" => 0, ue_encoding, ue_set_encoding; "object" => 1, ue_object, ue_set_object;
    "start" => 2, ue_start, ue_set_start; "end" => 3, ue_end, ue_set_end; "reason" => 4, ue_reason, ue_set_reason);

/// Fill the subclass fields of `e` from its `args` (the part of each type's `__init__`
/// that does not depend on keyword arguments).
pub fn init_fields(e: &PyObject) {
    let tp = e.ob_type();
    let args = as_exc(e).args.borrow().clone();
    let items = tuple::tuple_items(&args).to_vec();
    let first = || items.first().cloned().unwrap_or_else(none::none);
    let fields: Vec<Option<PyRef>> = if tp.is_subtype(&exc::STOP_ITERATION) {
        vec![Some(first())]
    } else if tp.is_subtype(&exc::SYSTEM_EXIT) {
        vec![Some(match items.len() {
            0 => none::none(),
            1 => items[0].clone(),
            _ => args.clone(),
        })]
    } else if tp.is_subtype(&exc::IMPORT_ERROR) {
        vec![Some(if items.len() == 1 { items[0].clone() } else { none::none() })]
    } else if tp.is_subtype(&exc::OS_ERROR) {
        return os_error_fields(e, &items);
    } else if tp.is_subtype(&exc::UNICODE_ERROR) {
        if items.len() == 5 || (items.len() == 4 && tp.is_subtype(&exc::UNICODE_TRANSLATE_ERROR)) {
            if tp.is_subtype(&exc::UNICODE_TRANSLATE_ERROR) {
                vec![Some(none::none()), Some(items[0].clone()), Some(items[1].clone()), Some(items[2].clone()), Some(items[3].clone())]
            } else {
                items.iter().cloned().map(Some).collect()
            }
        } else {
            return;
        }
    } else {
        return;
    };
    *as_exc(e).fields.borrow_mut() = fields;
}

// --- ImportError, NameError, AttributeError: keyword arguments ------------------------

fn split<'a>(args: &'a [PyRef], kwnames: &'a [PyRef]) -> (&'a [PyRef], Vec<(String, PyRef)>) {
    let npos = args.len() - kwnames.len();
    let kws = kwnames.iter().zip(&args[npos..]).map(|(k, v)| (pystr::to_string(k), v.clone())).collect();
    (&args[..npos], kws)
}

fn set_args(e: &PyObject, pos: &[PyRef]) {
    let old = as_exc(e).args.replace(tuple::new_tuple(pos.to_vec()));
    drop(old);
}

fn keyword_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef], names: &[(&str, usize)], tname: &str) -> PyResult<()> {
    let (pos, kws) = split(args, kwnames);
    for (k, _) in &kws {
        if !names.iter().any(|(n, _)| n == k) {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {tname}()")));
        }
    }
    set_args(e, pos);
    init_fields(e);
    for (k, v) in kws {
        let (_, i) = names.iter().find(|(n, _)| *n == k).unwrap();
        set_field(e, *i, Some(v));
    }
    Ok(())
}

pub fn import_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    keyword_init(vm, e, args, kwnames, &[("name", 1), ("path", 2), ("name_from", 3)], "ImportError")
}

pub fn import_error_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    let msg = field(e, 0);
    if !msg.is(none::none_ref()) {
        return crate::protocol::str(vm, &msg);
    }
    base_str(vm, e)
}

pub fn name_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    keyword_init(vm, e, args, kwnames, &[("name", 0)], "NameError")
}

pub fn attribute_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    keyword_init(vm, e, args, kwnames, &[("name", 0), ("obj", 1)], "AttributeError")
}

fn no_keywords(vm: &Vm, e: &PyObject, kwnames: &[PyRef]) -> PyResult<()> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{}() takes no keyword arguments", e.ob_type().name())))
    }
}

/// `BaseException.__str__`.
fn base_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    let args = as_exc(e).args.borrow().clone();
    let items = tuple::tuple_items(&args);
    match items.len() {
        0 => Ok(pystr::new_str("")),
        1 => crate::protocol::str(vm, &items[0]),
        _ => crate::protocol::str(vm, &args),
    }
}

// --- OSError ----------------------------------------------------------------------------

/// The OSError subclass for an errno (`errnomap` of CPython, Linux numbers).
fn errno_subclass(errno: i64) -> Option<&'static PyTypeObject> {
    Some(match errno {
        11 | 114 | 115 => &exc::BLOCKING_IO_ERROR, // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
        10 => &exc::CHILD_PROCESS_ERROR,           // ECHILD
        32 | 108 => &exc::BROKEN_PIPE_ERROR,       // EPIPE, ESHUTDOWN
        103 => &exc::CONNECTION_ABORTED_ERROR,
        111 => &exc::CONNECTION_REFUSED_ERROR,
        104 => &exc::CONNECTION_RESET_ERROR,
        17 => &exc::FILE_EXISTS_ERROR,
        2 => &exc::FILE_NOT_FOUND_ERROR,
        21 => &exc::IS_A_DIRECTORY_ERROR,
        20 => &exc::NOT_A_DIRECTORY_ERROR,
        4 => &exc::INTERRUPTED_ERROR,
        1 | 13 => &exc::PERMISSION_ERROR, // EPERM, EACCES
        3 => &exc::PROCESS_LOOKUP_ERROR,
        110 => &exc::TIMEOUT_ERROR,
        _ => return None,
    })
}

/// `OSError.__new__`: `OSError(errno, strerror, …)` with a mapped errno makes the subclass.
pub fn os_error_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let mut tp = type_::as_type(vm, cls)?;
    let npos = args.len() - kwnames.len();
    if std::ptr::eq(tp, &*exc::OS_ERROR) && (2..=5).contains(&npos) {
        if let Some(n) = int::downcast_int(&args[0]).and_then(|i| i.as_i64()) {
            if let Some(sub) = errno_subclass(n) {
                tp = sub;
            }
        }
    }
    let e = exc::new_exception_object(tp, args[..npos].to_vec());
    init_fields(&e);
    Ok(e)
}

pub fn os_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    no_keywords(vm, e, kwnames)?;
    set_args(e, args);
    init_fields(e);
    Ok(())
}

fn os_error_fields(e: &PyObject, items: &[PyRef]) {
    let mut f: Vec<Option<PyRef>> = vec![None; 5];
    let blocking = e.ob_type().is_subtype(&exc::BLOCKING_IO_ERROR);
    if (2..=5).contains(&items.len()) {
        f[0] = Some(items[0].clone());
        f[1] = Some(items[1].clone());
        if items.len() >= 3 {
            if blocking && int::downcast_int(&items[2]).is_some() {
                f[4] = Some(items[2].clone());
            } else {
                f[2] = Some(items[2].clone());
                if items.len() == 5 {
                    f[3] = Some(items[4].clone());
                }
                // With a filename, args keeps only (errno, strerror).
                set_args(e, &items[..2]);
            }
        }
    }
    *as_exc(e).fields.borrow_mut() = f;
}

pub fn os_error_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    let (errno, strerror, filename, filename2) = (field(e, 0), field(e, 1), field(e, 2), field(e, 3));
    let none = |o: &PyRef| o.is(none::none_ref());
    let s = |o: &PyRef| crate::protocol::str(vm, o).map(|s| pystr::to_string(&s));
    let r = |o: &PyRef| crate::protocol::repr_string(vm, o);
    if !none(&filename) {
        let text = if !none(&filename2) {
            format!("[Errno {}] {}: {} -> {}", s(&errno)?, s(&strerror)?, r(&filename)?, r(&filename2)?)
        } else {
            format!("[Errno {}] {}: {}", s(&errno)?, s(&strerror)?, r(&filename)?)
        };
        return Ok(pystr::new_str(&text));
    }
    if !none(&errno) && !none(&strerror) {
        return Ok(pystr::new_str(&format!("[Errno {}] {}", s(&errno)?, s(&strerror)?)));
    }
    base_str(vm, e)
}

/// An OSError (or the errno's subclass) for a Rust I/O error, as `PyErr_SetFromErrno`.
pub fn from_io_error(vm: &Vm, err: &std::io::Error, filename: Option<&str>) -> crate::error::PyErr {
    let errno = err.raw_os_error().unwrap_or(0) as i64;
    let msg = err.to_string();
    let strerror = match msg.find(" (os error") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let tp = errno_subclass(errno).unwrap_or(&exc::OS_ERROR);
    let mut args = vec![int::new_int(errno), pystr::new_str(&strerror)];
    if let Some(f) = filename {
        args.push(pystr::new_str(f));
    }
    exc::new_exception(vm, tp, args)
}

// --- UnicodeError family ----------------------------------------------------------------

fn unicode_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef], kinds: &[&str], name: &str) -> PyResult<()> {
    no_keywords(vm, e, kwnames)?;
    if args.len() != kinds.len() {
        return Err(vm.type_error(format!(
            "function takes exactly {} arguments ({} given)",
            kinds.len(),
            args.len()
        )));
    }
    for (i, (a, k)) in args.iter().zip(kinds).enumerate() {
        let ok = match *k {
            "str" => pystr::downcast_str(a).is_some(),
            "int" => int::downcast_int(a).is_some(),
            "bytes" => bytes::bytes_like(a).is_some(),
            _ => true,
        };
        if !ok {
            let what = match *k {
                "bytes" => "a bytes-like object",
                "int" => "int",
                _ => "str",
            };
            let _ = name;
            return Err(vm.type_error(format!(
                "argument {} must be {what}, not {}",
                i + 1,
                a.ob_type().name()
            )));
        }
    }
    set_args(e, args);
    init_fields(e);
    if kinds.get(1) == Some(&"bytes") && !std::ptr::eq(args[1].ob_type(), &*bytes::BYTES_TYPE) {
        set_field(e, 1, Some(bytes::new_bytes(bytes::bytes_like(&args[1]).unwrap_or_default())));
    }
    Ok(())
}

pub fn unicode_decode_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    unicode_init(vm, e, args, kwnames, &["str", "bytes", "int", "int", "str"], "UnicodeDecodeError")
}

pub fn unicode_encode_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    unicode_init(vm, e, args, kwnames, &["str", "str", "int", "int", "str"], "UnicodeEncodeError")
}

pub fn unicode_translate_error_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    unicode_init(vm, e, args, kwnames, &["str", "int", "int", "str"], "UnicodeTranslateError")
}

fn int_field(e: &PyObject, i: usize) -> Option<i64> {
    int::downcast_int(&field(e, i)).and_then(|n| n.as_i64())
}

fn unicode_str(vm: &Vm, e: &PyObject, verb: &str) -> PyResult<PyRef> {
    if as_exc(e).fields.borrow().len() < 5 {
        return Ok(pystr::new_str(""));
    }
    let s = |o: &PyRef| crate::protocol::str(vm, o).map(|s| pystr::to_string(&s));
    let reason = s(&field(e, 4))?;
    let (Some(start), Some(end)) = (int_field(e, 2), int_field(e, 3)) else { return Ok(pystr::new_str("")) };
    let obj = field(e, 1);
    let enc = if verb == "translate" { String::new() } else { format!("'{}' codec ", s(&field(e, 0))?) };
    let text = if verb == "decode" {
        let b = bytes::bytes_like(&obj).unwrap_or_default();
        if end == start + 1 && (start as usize) < b.len() {
            format!("{enc}can't decode byte 0x{:02x} in position {start}: {reason}", b[start as usize])
        } else {
            format!("{enc}can't decode bytes in position {start}-{}: {reason}", end - 1)
        }
    } else {
        let cp = pystr::downcast_str(&obj).and_then(|d| if end == start + 1 { d.get(start as usize) } else { None });
        match cp {
            Some(c) => {
                let ch = if c <= 0xff {
                    format!("\\x{c:02x}")
                } else if c <= 0xffff {
                    format!("\\u{c:04x}")
                } else {
                    format!("\\U{c:08x}")
                };
                format!("{enc}can't {verb} character '{ch}' in position {start}: {reason}")
            }
            None => format!("{enc}can't {verb} characters in position {start}-{}: {reason}", end - 1),
        }
    };
    Ok(pystr::new_str(&text))
}

pub fn unicode_decode_error_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    unicode_str(vm, e, "decode")
}

pub fn unicode_encode_error_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    unicode_str(vm, e, "encode")
}

pub fn unicode_translate_error_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    unicode_str(vm, e, "translate")
}

/// A UnicodeEncodeError/UnicodeDecodeError with its five attributes, from a codec error.
pub fn unicode_error(vm: &Vm, u: &crate::unicode::UnicodeError) -> crate::error::PyErr {
    use crate::unicode::ErrorObject;
    let (tp, obj): (&PyTypeObject, PyRef) = match &u.object {
        ErrorObject::Bytes(b) => (&exc::UNICODE_DECODE_ERROR, bytes::new_bytes(b.clone())),
        ErrorObject::Str(cps) => (&exc::UNICODE_ENCODE_ERROR, pystr::from_data(crate::unicode::PyStrData::from_code_points(cps).unwrap_or_else(crate::unicode::PyStrData::empty))),
    };
    exc::new_exception(
        vm,
        tp,
        vec![
            pystr::new_str(u.encoding),
            obj,
            int::new_int(u.start as i64),
            int::new_int(u.end as i64),
            pystr::new_str(u.reason),
        ],
    )
}
