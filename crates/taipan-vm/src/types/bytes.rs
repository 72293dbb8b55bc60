//! `bytes` and `bytearray`: a boxed byte slice (immutable) and a `RefCell<Vec<u8>>`
//! (mutable, never borrowed across Python code: methods copy the contents out first).
//! The methods both types share live in `bytes_methods.rs`; they take either type as self
//! and build their results with [`same_kind`] (a bytes from a bytes, a bytearray from a
//! bytearray). Hashes equal those of the Latin-1 str with the same code points, as in
//! CPython (both hash the raw buffer).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, MappingSlots, NumberSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::str::{downcast_str, new_str};
use crate::types::{int, none, type_};
use crate::vm::Vm;

pub struct PyBytes {
    pub data: Box<[u8]>,
}

impl PyPayload for PyBytes {
    fn static_type() -> &'static PyTypeObject {
        &BYTES_TYPE
    }
}

pub struct PyByteArray {
    pub data: RefCell<Vec<u8>>,
    /// Live buffer exports (memoryviews); resizing is refused while > 0.
    pub exports: Cell<usize>,
}

impl PyPayload for PyByteArray {
    fn static_type() -> &'static PyTypeObject {
        &BYTEARRAY_TYPE
    }
}

pub static BYTES_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("bytes"),
        tp_doc: Some("bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object\n\nConstruct an immutable array of bytes from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - any object implementing the buffer API.\n  - an integer"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::BYTES_SUBCLASS),
        tp_dealloc: Cell::new(dealloc::<PyBytes>),
        tp_repr: Cell::new(Some(bytes_repr)),
        tp_str: Cell::new(Some(bytes_str)),
        tp_hash: Cell::new(Some(bytes_hash)),
        tp_richcompare: Cell::new(Some(bytes_richcompare)),
        tp_new: Cell::new(Some(bytes_new)),
        tp_iter: Cell::new(Some(bytes_iter)),
        tp_as_number: NumberSlots { nb_remainder: Cell::new(Some(bytes_mod)), ..NumberSlots::EMPTY },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(bytes_len)),
            sq_concat: Cell::new(Some(bytes_concat)),
            sq_repeat: Cell::new(Some(bytes_repeat)),
            sq_contains: Cell::new(Some(bytes_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(bytes_len)),
            mp_subscript: Cell::new(Some(bytes_subscript)),
            ..MappingSlots::EMPTY
        },
        tp_methods: crate::types::bytes_methods::BYTES_METHODS,
        ..PyTypeData::BASE
    },
));

pub static BYTEARRAY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("bytearray"),
        tp_doc: Some("bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the buffer API.\n  - an integer"),
        tp_flags: Cell::new(flags::BASETYPE),
        tp_dealloc: Cell::new(dealloc::<PyByteArray>),
        tp_repr: Cell::new(Some(bytes_repr)),
        tp_str: Cell::new(Some(bytes_str)),
        tp_richcompare: Cell::new(Some(bytes_richcompare)),
        tp_new: Cell::new(Some(bytearray_new)),
        tp_init: Cell::new(Some(bytearray_init)),
        tp_iter: Cell::new(Some(bytes_iter)),
        tp_as_number: NumberSlots { nb_remainder: Cell::new(Some(bytes_mod)), ..NumberSlots::EMPTY },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(bytes_len)),
            sq_concat: Cell::new(Some(bytes_concat)),
            sq_repeat: Cell::new(Some(bytes_repeat)),
            sq_contains: Cell::new(Some(bytes_contains)),
            sq_inplace_concat: Cell::new(Some(bytearray_iconcat)),
            sq_inplace_repeat: Cell::new(Some(bytearray_irepeat)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(bytes_len)),
            mp_subscript: Cell::new(Some(bytes_subscript)),
            mp_ass_subscript: Cell::new(Some(bytearray_ass_subscript)),
        },
        tp_methods: crate::types::bytes_methods::BYTEARRAY_METHODS,
        ..PyTypeData::BASE
    },
));

/// A new bytes object.
pub fn new_bytes(data: Vec<u8>) -> PyRef {
    alloc_object(&BYTES_TYPE, PyBytes { data: data.into_boxed_slice() })
}

/// A new bytearray object.
pub fn new_bytearray(data: Vec<u8>) -> PyRef {
    alloc_object(&BYTEARRAY_TYPE, PyByteArray { data: RefCell::new(data), exports: Cell::new(0) })
}

/// Whether `o` is a bytearray (or subclass).
pub fn is_bytearray(o: &PyObject) -> bool {
    o.downcast::<PyByteArray>().is_some()
}

/// A bytes result for a bytes self, a bytearray for a bytearray.
pub fn same_kind(self_: &PyObject, data: Vec<u8>) -> PyRef {
    if is_bytearray(self_) {
        new_bytearray(data)
    } else {
        new_bytes(data)
    }
}

/// The contents of a bytes-like object (bytes, bytearray, memoryview), copied.
pub fn bytes_like(o: &PyObject) -> Option<Vec<u8>> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Some(b.data.to_vec());
    }
    if let Some(b) = o.downcast::<PyByteArray>() {
        return Some(b.data.borrow().clone());
    }
    crate::types::memoryview::memoryview_bytes(o)
}

/// A bytes-like argument or TypeError "a bytes-like object is required, not 'X'".
pub fn expect_bytes_like(vm: &Vm, o: &PyObject) -> PyResult<Vec<u8>> {
    bytes_like(o).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", o.ob_type().name())))
}

/// The contents of a bytes or bytearray self.
pub fn data_of(o: &PyObject) -> Vec<u8> {
    bytes_like(o).unwrap_or_default()
}

/// `repr()` of bytes content: `b'...'`, with `"` quotes when only `'` occurs.
pub fn bytes_repr_text(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let r = bytes_repr_text(&data_of(o));
    if is_bytearray(o) {
        let name = o.ob_type().name();
        let _ = vm;
        return Ok(new_str(&format!("{name}({r})")));
    }
    Ok(new_str(&r))
}

fn bytes_str(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    bytes_repr(vm, o)
}

fn bytes_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    Ok(crate::unicode::PyStrData::from_latin1(&data_of(o)).hash(crate::vm::hash_secret()))
}

fn bytes_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let ok = |o: &PyObject| o.downcast::<PyBytes>().is_some() || is_bytearray(o);
    if !ok(a) || !ok(b) {
        // bytearray compares with any buffer; bytes only with bytes/bytearray.
        let other_mv = crate::types::memoryview::is_memoryview(b);
        if !(is_bytearray(a) && other_mv) {
            return Ok(none::not_implemented());
        }
    }
    let (x, y) = (data_of(a), data_of(b));
    use std::cmp::Ordering::*;
    let o = x.cmp(&y);
    Ok(none::bool_(match op {
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }))
}

fn bytes_len(_vm: &Vm, o: &PyObject) -> PyResult<usize> {
    if let Some(b) = o.downcast::<PyBytes>() {
        return Ok(b.data.len());
    }
    Ok(o.downcast::<PyByteArray>().map_or(0, |b| b.data.borrow().len()))
}

fn bytes_concat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(y) = bytes_like(b) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.ob_type().name(), a.ob_type().name())));
    };
    let mut x = data_of(a);
    x.extend_from_slice(&y);
    Ok(same_kind(a, x))
}

fn bytes_repeat(vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    let x = data_of(a);
    let n = n.max(0) as usize;
    if !x.is_empty() && x.len().checked_mul(n).is_none_or(|t| t > isize::MAX as usize) {
        return Err(vm.new_error(&crate::types::exceptions::MEMORY_ERROR, ""));
    }
    if n == 1 && std::ptr::eq(a.ob_type(), &*BYTES_TYPE) {
        return Ok(a.to_ref());
    }
    Ok(same_kind(a, x.repeat(n)))
}

/// A byte value argument (`in`, `count(int)`, `append`): 0..=255.
pub fn byte_value(vm: &Vm, o: &PyObject) -> PyResult<u8> {
    let i = protocol::index(vm, o)?;
    match int::downcast_int(&i).and_then(|i| i.as_i64()) {
        Some(n) if (0..256).contains(&n) => Ok(n as u8),
        _ => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

fn bytes_contains(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let x = data_of(a);
    if b.ob_type().tp_as_number.nb_index.get().is_some() {
        let v = byte_value(vm, b)?;
        return Ok(x.contains(&v));
    }
    let sub = expect_bytes_like(vm, b)?;
    Ok(find_sub(&x, &sub).is_some())
}

/// The first index of `sub` in `hay`.
pub fn find_sub(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    if sub.len() > hay.len() {
        return None;
    }
    hay.windows(sub.len()).position(|w| w == sub)
}

fn bytes_subscript(vm: &Vm, a: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let x = data_of(a);
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let (start, _, step, n) = sl.adjust(vm, x.len())?;
        let out: Vec<u8> = (0..n).map(|k| x[(start + k as isize * step) as usize]).collect();
        return Ok(same_kind(a, out));
    }
    let what = if is_bytearray(a) { "bytearray" } else { "byte" };
    let i = protocol::index_as_isize_for(vm, key, &format!("{what} indices must be integers or slices, not"))?;
    let n = x.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        let msg = if is_bytearray(a) { "bytearray index out of range" } else { "index out of range" };
        return Err(vm.index_error(msg));
    }
    Ok(int::new_int(x[j as usize] as i64))
}

fn bytes_mod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if a.downcast::<PyBytes>().is_none() && !is_bytearray(a) {
        return Ok(none::not_implemented());
    }
    let out = crate::types::str_format::bytes_percent(vm, &data_of(a), b)?;
    Ok(same_kind(a, out))
}

// ---------------------------------------------------------------------------------------
// Construction

/// The bytes of `bytes(x)` / `bytearray(x)` for one non-str argument.
fn from_object(vm: &Vm, x: &PyObject, for_bytes: bool) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(x) {
        return Ok(b);
    }
    if for_bytes {
        if let Some(m) = protocol::lookup_special(vm, x, "__bytes__")? {
            let r = protocol::call(vm, &m, &[], &[])?;
            if r.downcast::<PyBytes>().is_none() {
                return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", r.ob_type().name())));
            }
            return Ok(data_of(&r));
        }
    }
    // PEP 688: a class exporting a buffer through `__buffer__`.
    if protocol::lookup_special(vm, x, "__buffer__")?.is_some() {
        let m = crate::types::memoryview::memoryview_of(vm, x)?;
        return Ok(crate::types::memoryview::memoryview_bytes(&m).unwrap_or_default());
    }
    if downcast_str(x).is_some() {
        let msg = if for_bytes { "string argument without an encoding" } else { "string argument without an encoding" };
        return Err(vm.type_error(msg));
    }
    if x.ob_type().tp_as_number.nb_index.get().is_some() {
        let n = protocol::index(vm, x)?;
        let n = int::downcast_int(&n).and_then(|i| i.as_i64());
        return match n {
            Some(n) if n < 0 => Err(vm.value_error("negative count")),
            Some(n) if n <= isize::MAX as i64 / 2 => Ok(vec![0; n as usize]),
            _ => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        };
    }
    if x.ob_type().tp_iter.get().is_none() && protocol::lookup_special(vm, x, "__getitem__")?.is_none() {
        let what = if for_bytes { "bytes" } else { "bytearray" };
        return Err(vm.type_error(format!("cannot convert '{}' object to {what}", x.ob_type().name())));
    }
    let items = protocol::iterate(vm, x)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if it.ob_type().tp_as_number.nb_index.get().is_none() {
            return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", it.ob_type().name())));
        }
        let i = protocol::index(vm, &it)?;
        match int::downcast_int(&i).and_then(|i| i.as_i64()) {
            Some(n) if (0..256).contains(&n) => out.push(n as u8),
            _ => {
                let what = if for_bytes { "bytes" } else { "byte" };
                return Err(vm.value_error(format!("{what} must be in range(0, 256)")));
            }
        }
    }
    Ok(out)
}

/// `bytes(...)` / `bytearray(...)` arguments: `(source, encoding, errors)`.
fn construct(vm: &Vm, name: &str, args: &[PyRef], kwnames: &[PyRef], for_bytes: bool) -> PyResult<Vec<u8>> {
    let a = crate::types::str_methods::parse_args(vm, name, args, kwnames, &["source", "encoding", "errors"], 0)?;
    let Some(src) = &a[0] else {
        if a[1].is_some() || a[2].is_some() {
            let msg = if a[1].is_some() { "encoding without a string argument" } else { "errors without a string argument" };
            return Err(vm.type_error(msg));
        }
        return Ok(Vec::new());
    };
    if a[1].is_some() || a[2].is_some() {
        let Some(s) = downcast_str(src) else {
            let msg = if a[1].is_some() { "encoding without a string argument" } else { "errors without a string argument" };
            return Err(vm.type_error(msg));
        };
        if a[1].is_none() {
            return Err(vm.type_error("string argument without an encoding"));
        }
        let (enc, errors) = crate::types::str_methods::codec_args(vm, name, &a[1], &a[2])?;
        return s.encode(&enc, &errors).map_err(|e| crate::types::str_methods::codec_error(vm, e));
    }
    from_object(vm, src, for_bytes)
}

fn bytes_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    if kwnames.is_empty() && args.len() == 1 && std::ptr::eq(args[0].ob_type(), &*BYTES_TYPE) && std::ptr::eq(tp, &*BYTES_TYPE) {
        return Ok(args[0].clone());
    }
    let data = construct(vm, "bytes", args, kwnames, true)?;
    Ok(alloc_object(tp, PyBytes { data: data.into_boxed_slice() }))
}

fn bytearray_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyByteArray { data: RefCell::new(Vec::new()), exports: Cell::new(0) }))
}

fn bytearray_init(vm: &Vm, o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    // The old contents go first, which an exported buffer refuses.
    if is_bytearray(o) && !bytearray_payload(o).data.borrow().is_empty() {
        check_resize(vm, o)?;
    }
    let data = construct(vm, "bytearray", args, kwnames, false)?;
    if let Some(b) = o.downcast::<PyByteArray>() {
        *b.data.borrow_mut() = data;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// bytearray mutation

/// The payload of a bytearray self.
pub fn bytearray_payload(o: &PyObject) -> &PyByteArray {
    &o.downcast::<PyByteArray>().expect("a bytearray").payload
}

/// Refuse resizing while a memoryview exports the buffer.
pub fn check_resize(vm: &Vm, o: &PyObject) -> PyResult<()> {
    if bytearray_payload(o).exports.get() > 0 {
        return Err(vm.new_error(&crate::types::exceptions::BUFFER_ERROR, "Existing exports of data: object cannot be re-sized"));
    }
    Ok(())
}

fn bytearray_iconcat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(y) = bytes_like(b) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.ob_type().name(), a.ob_type().name())));
    };
    check_resize(vm, a)?;
    bytearray_payload(a).data.borrow_mut().extend_from_slice(&y);
    Ok(a.to_ref())
}

fn bytearray_irepeat(vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    check_resize(vm, a)?;
    let p = bytearray_payload(a);
    let x = p.data.borrow().clone();
    *p.data.borrow_mut() = x.repeat(n.max(0) as usize);
    Ok(a.to_ref())
}

fn bytearray_ass_subscript(vm: &Vm, a: &PyObject, key: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let p = bytearray_payload(a);
    let len = p.data.borrow().len();
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let (start, stop, step, n) = sl.adjust(vm, len)?;
        let new: Vec<u8> = match value {
            None => Vec::new(),
            Some(v) if v.is(a) => p.data.borrow().clone(),
            Some(v) => {
                if v.ob_type().tp_as_number.nb_index.get().is_some() {
                    return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                }
                match bytes_like(v) {
                    Some(b) => b,
                    None => {
                        if downcast_str(v).is_some() {
                            return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                        }
                        from_object(vm, v, false)?
                    }
                }
            }
        };
        if step == 1 {
            let stop = stop.max(start) as usize;
            if new.len() != stop - start as usize {
                check_resize(vm, a)?;
            }
            p.data.borrow_mut().splice(start as usize..stop, new);
            return Ok(());
        }
        if value.is_none() {
            check_resize(vm, a)?;
            let mut idx: Vec<usize> = (0..n).map(|k| (start + k as isize * step) as usize).collect();
            idx.sort_unstable();
            let mut d = p.data.borrow_mut();
            for (removed, i) in idx.into_iter().enumerate() {
                d.remove(i - removed);
            }
            return Ok(());
        }
        if new.len() != n {
            return Err(vm.value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {n}",
                new.len()
            )));
        }
        let mut d = p.data.borrow_mut();
        for (k, byte) in new.into_iter().enumerate() {
            d[(start + k as isize * step) as usize] = byte;
        }
        return Ok(());
    }
    let i = protocol::index_as_isize_for(vm, key, "bytearray indices must be integers or slices, not")?;
    let j = if i < 0 { i + len as isize } else { i };
    if j < 0 || j >= len as isize {
        return Err(vm.index_error("bytearray index out of range"));
    }
    match value {
        Some(v) => {
            let b = byte_value(vm, v)?;
            p.data.borrow_mut()[j as usize] = b;
        }
        None => {
            check_resize(vm, a)?;
            p.data.borrow_mut().remove(j as usize);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Iterators (`bytes_iterator`, `bytearray_iterator`): an index into the object.

pub struct PyBytesIter {
    pub seq: RefCell<Option<PyRef>>,
    pub index: Cell<usize>,
}

impl PyPayload for PyBytesIter {
    fn static_type() -> &'static PyTypeObject {
        &BYTES_ITER_TYPE
    }
}

pub static BYTES_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("bytes_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyBytesIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(bytes_iternext)),
        ..PyTypeData::BASE
    },
));

pub static BYTEARRAY_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("bytearray_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyBytesIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(bytes_iternext)),
        ..PyTypeData::BASE
    },
));

fn bytes_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let tp: &PyTypeObject = if is_bytearray(o) { &BYTEARRAY_ITER_TYPE } else { &BYTES_ITER_TYPE };
    Ok(alloc_object(tp, PyBytesIter { seq: RefCell::new(Some(o.to_ref())), index: Cell::new(0) }))
}

fn bytes_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    // SAFETY: both iterator types carry a `PyBytesIter` and only they install this slot.
    let it = unsafe { o.payload_unchecked::<PyBytesIter>() };
    let Some(seq) = it.seq.borrow().clone() else { return Ok(None) };
    let i = it.index.get();
    let v = if let Some(b) = seq.downcast::<PyBytes>() {
        b.data.get(i).copied()
    } else {
        bytearray_payload(&seq).data.borrow().get(i).copied()
    };
    match v {
        Some(c) => {
            it.index.set(i + 1);
            Ok(Some(int::new_int(c as i64)))
        }
        None => {
            *it.seq.borrow_mut() = None;
            Ok(None)
        }
    }
}
