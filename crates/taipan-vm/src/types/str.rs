//! `str`: the PEP 393 value of `crate::unicode` as an object. The methods live in
//! `str_methods.rs`; this file holds the type, construction and the core slots.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, NumberSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{none, type_};
use crate::unicode::PyStrData;
use crate::vm::Vm;

pub struct PyStr {
    pub data: PyStrData,
}

impl PyPayload for PyStr {
    fn static_type() -> &'static PyTypeObject {
        &STR_TYPE
    }
}

pub static STR_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("str"),
        tp_doc: Some("str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nCreate a new string object from the given object. If encoding or\nerrors is specified, then the object must expose a data buffer\nthat will be decoded using the given encoding and error handler.\nOtherwise, returns the result of object.__str__() (if defined)\nor repr(object).\nencoding defaults to 'utf-8'.\nerrors defaults to 'strict'."),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::UNICODE_SUBCLASS),
        tp_dealloc: Cell::new(dealloc::<PyStr>),
        tp_repr: Cell::new(Some(str_repr)),
        tp_str: Cell::new(Some(str_str)),
        tp_hash: Cell::new(Some(str_hash)),
        tp_richcompare: Cell::new(Some(str_richcompare)),
        tp_new: Cell::new(Some(str_new)),
        tp_iter: Cell::new(Some(str_iter)),
        tp_as_number: NumberSlots { nb_remainder: Cell::new(Some(str_mod)), ..NumberSlots::EMPTY },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(str_len)),
            sq_concat: Cell::new(Some(str_concat)),
            sq_repeat: Cell::new(Some(str_repeat)),
            sq_contains: Cell::new(Some(str_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_length: Cell::new(Some(str_len)),
            mp_subscript: Cell::new(Some(str_subscript)),
            ..crate::object::typeobj::MappingSlots::EMPTY
        },
        tp_methods: crate::types::str_methods::STR_METHODS,
        ..PyTypeData::BASE
    },
));

/// A str object from Rust text.
pub fn new_str(s: &str) -> PyRef {
    if s.len() == 1 {
        return char_str(s.as_bytes()[0] as u32);
    }
    from_data(PyStrData::new(s))
}

/// A str object from a PEP 393 value (a one-character Latin-1 value is the shared
/// object for that character, as every CPython str constructor returns).
pub fn from_data(data: PyStrData) -> PyRef {
    if data.len() == 1 {
        if let Some(c) = data.get(0).filter(|&c| c < 256) {
            return char_str(c);
        }
    }
    alloc_object(&STR_TYPE, PyStr { data })
}

/// The value of a str (or str subclass) object.
#[inline]
pub fn downcast_str(obj: &PyObject) -> Option<&PyStrData> {
    obj.downcast::<PyStr>().map(|s| &s.payload.data)
}

/// Append `other` to the exact str `obj` in place.
///
/// # Safety
/// `obj` is an exact, mortal str with reference count 1 held by the caller, so no other
/// reference to its value can exist.
pub unsafe fn append_in_place(obj: &PyObject, other: &PyStrData) {
    debug_assert!(obj.refcnt() == 1 && std::ptr::eq(obj.ob_type(), &*STR_TYPE));
    // SAFETY: the caller's contract: nothing else can observe the value.
    unsafe {
        let inner = obj as *const PyObject as *mut PyInner<PyStr>;
        (*inner).payload.data.append_in_place(other);
    }
}

/// The value of an object known to be a str.
#[inline]
pub fn str_data(obj: &PyObject) -> &PyStrData {
    downcast_str(obj).expect("a str object")
}

/// The text of a str object (lone surrogates replaced), or of any object's type name.
pub fn to_string(obj: &PyObject) -> String {
    match downcast_str(obj) {
        Some(s) => s.to_string_lossy(),
        None => format!("<{}>", obj.ob_type().name()),
    }
}

/// A str argument or TypeError "`fname`() `what` must be str, not X".
pub fn expect_str<'a>(vm: &Vm, obj: &'a PyObject, fname: &str, what: &str) -> PyResult<&'a PyStrData> {
    downcast_str(obj).ok_or_else(|| vm.type_error(format!("{fname}() {what} must be str, not {}", obj.ob_type().name())))
}

/// A str object for an attribute name, or TypeError.
pub fn expect_str_obj(vm: &Vm, obj: &PyObject, what: &str) -> PyResult<PyRef> {
    if downcast_str(obj).is_some() {
        return Ok(obj.to_ref());
    }
    Err(vm.type_error(format!("{what} must be string, not '{}'", obj.ob_type().name())))
}

impl PyStrData {
    /// The text, with lone surrogates written as U+FFFD (for messages and Rust APIs).
    pub fn to_string_lossy(&self) -> String {
        match self.as_str() {
            Some(s) => s.to_string(),
            None => self.iter().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect(),
        }
    }
}

fn str_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(new_str(&str_data(o).repr()))
}

fn str_str(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(o.ob_type(), &*STR_TYPE) {
        return Ok(o.to_ref());
    }
    Ok(from_data(str_data(o).clone()))
}

pub fn str_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    Ok(str_data(o).hash(crate::vm::hash_secret()))
}

/// Equality of two str values (no Python code runs).
#[inline]
pub fn str_eq(a: &PyStrData, b: &PyStrData) -> bool {
    a == b
}

fn str_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (downcast_str(a), downcast_str(b)) else {
        return Ok(none::not_implemented());
    };
    let r = match op {
        CompareOp::Eq => a.is(b) || str_eq(x, y),
        CompareOp::Ne => !(a.is(b) || str_eq(x, y)),
        _ => {
            let o = x.cmp(y);
            use std::cmp::Ordering::*;
            match op {
                CompareOp::Lt => o == Less,
                CompareOp::Le => o != Greater,
                CompareOp::Gt => o == Greater,
                _ => o != Less,
            }
        }
    };
    Ok(none::bool_(r))
}

fn str_len(_vm: &Vm, o: &PyObject) -> PyResult<usize> {
    Ok(str_data(o).len())
}

fn str_concat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(y) = downcast_str(b) else {
        return Err(vm.type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            b.ob_type().name()
        )));
    };
    // An empty operand gives the other one itself when it is an exact str (PyUnicode_Concat).
    let x = str_data(a);
    let exact = |o: &PyObject| std::ptr::eq(o.ob_type(), &*STR_TYPE);
    if y.is_empty() && exact(a) {
        return Ok(a.to_ref());
    }
    if x.is_empty() && exact(b) {
        return Ok(b.to_ref());
    }
    Ok(from_data(x.concat(y)))
}

fn str_contains(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let Some(y) = downcast_str(b) else {
        return Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            b.ob_type().name()
        )));
    };
    Ok(str_data(a).find(y, None, None) >= 0)
}

fn str_subscript(vm: &Vm, a: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let s = str_data(a);
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let (start, stop, step) = sl.indices_opt(vm)?;
        // The whole of an exact str is the str itself.
        if std::ptr::eq(a.ob_type(), &*STR_TYPE) && step.unwrap_or(1) == 1 {
            let n = s.len() as isize;
            let norm = |v: Option<isize>, d: isize| match v {
                None => d,
                Some(v) if v < 0 => (v + n).max(0),
                Some(v) => v.min(n),
            };
            if norm(start, 0) == 0 && norm(stop, n) == n && n > 0 {
                return Ok(a.to_ref());
            }
        }
        return s.slice(start, stop, step).map(from_data).map_err(|e| vm.value_error(e.message));
    }
    let i = crate::protocol::index_as_isize_for(vm, key, "string indices must be integers, not")?;
    let n = s.len() as isize;
    let j = if i < 0 { i + n } else { i };
    match (0..n).contains(&j).then(|| s.get(j as usize)).flatten() {
        Some(c) => Ok(char_str(c)),
        None => Err(vm.index_error("string index out of range")),
    }
}

fn str_mod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if downcast_str(a).is_none() {
        return Ok(none::not_implemented());
    }
    crate::types::str_format::percent_format(vm, a, b)
}

fn str_repeat(vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    let s = str_data(a);
    if n == 1 && std::ptr::eq(a.ob_type(), &*STR_TYPE) {
        return Ok(a.to_ref());
    }
    if n > 0 && s.len() > 0 && (s.len() as u128) * (n as u128) > isize::MAX as u128 {
        return Err(vm.overflow_error("repeated string is too long"));
    }
    s.repeat(n).map(from_data).map_err(|e| crate::types::str_methods::str_error(vm, e))
}

// ---------------------------------------------------------------------------------------
// str_iterator (`iter('abc')`): an index into the string.

pub struct PyStrIter {
    pub s: std::cell::RefCell<Option<PyRef>>,
    pub index: Cell<usize>,
}

impl PyPayload for PyStrIter {
    fn static_type() -> &'static PyTypeObject {
        &STR_ITER_TYPE
    }
}

pub static STR_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("str_ascii_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyStrIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(str_iternext)),
        tp_methods: STR_ITER_METHODS,
        ..PyTypeData::BASE
    },
));

pub static STR_ITER_UNICODE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("str_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyStrIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(str_iternext)),
        tp_methods: STR_ITER_METHODS,
        ..PyTypeData::BASE
    },
));

static STR_ITER_METHODS: &[crate::types::function::MethodDef] =
    &[crate::types::function::MethodDef::method("__length_hint__", str_iter_length_hint)];

fn str_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let tp: &PyTypeObject = if str_data(o).is_ascii() { &STR_ITER_TYPE } else { &STR_ITER_UNICODE_TYPE };
    Ok(alloc_object(tp, PyStrIter { s: std::cell::RefCell::new(Some(o.to_ref())), index: Cell::new(0) }))
}

fn str_iter_payload(o: &PyObject) -> &PyStrIter {
    // SAFETY: both iterator types (ASCII and not) carry a `PyStrIter`, and these slots
    // are installed on those two types only.
    unsafe { o.payload_unchecked::<PyStrIter>() }
}

fn str_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = str_iter_payload(o);
    let Some(s) = it.s.borrow().clone() else { return Ok(None) };
    let i = it.index.get();
    match str_data(&s).get(i) {
        Some(c) => {
            it.index.set(i + 1);
            Ok(Some(char_str(c)))
        }
        None => {
            *it.s.borrow_mut() = None;
            Ok(None)
        }
    }
}

fn str_iter_length_hint(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let it = str_iter_payload(&args[0]);
    let n = match &*it.s.borrow() {
        Some(s) => str_data(s).len().saturating_sub(it.index.get()),
        None => 0,
    };
    Ok(crate::types::int::new_int(n as i64))
}

fn str_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    if !kwnames.is_empty() {
        return crate::types::str_methods::str_new_decode(vm, tp, args, kwnames);
    }
    let data = match args {
        [] => PyStrData::empty(),
        [x] => {
            let s = crate::protocol::str(vm, x)?;
            if std::ptr::eq(tp, &*STR_TYPE) {
                return Ok(s);
            }
            str_data(&s).clone()
        }
        _ => return crate::types::str_methods::str_new_decode(vm, tp, args, kwnames),
    };
    Ok(alloc_object(tp, PyStr { data }))
}

/// `hash()` of a str object (no Vm needed: the secret is per process).
pub fn str_hash_value(o: &PyObject) -> i64 {
    str_data(o).hash(crate::vm::hash_secret())
}

/// The one-character str for code point `c` (Latin-1 ones are cached by `Vm`'s interning
/// later; a fresh object for now).
pub fn char_str(c: u32) -> PyRef {
    if c < 256 {
        // One object per Latin-1 character, as CPython's `_Py_LATIN1_CHR` (immortal).
        let slot = &LATIN1_CHARS[c as usize];
        let p = slot.get();
        if !p.is_null() {
            // SAFETY: cached objects are immortal.
            return unsafe { &*p }.to_ref();
        }
        let s = alloc_object(&STR_TYPE, PyStr { data: PyStrData::from_latin1(&[c as u8]) });
        s.make_immortal();
        slot.set(s.as_ptr());
        return s;
    }
    from_data(PyStrData::from_code_points(&[c]).unwrap_or_else(PyStrData::empty))
}

/// The one-character strings U+0000..U+00FF, made on first use.
static LATIN1_CHARS: Static<[Cell<*const PyObject>; 256]> = Static([const { Cell::new(std::ptr::null()) }; 256]);
