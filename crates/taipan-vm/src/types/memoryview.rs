//! `memoryview`: a view of the buffer of a `bytes` or `bytearray` (CPython's buffer
//! protocol, for the exporters taipan has).
//!
//! Representation: the exporter (never another memoryview: a view of a view refers to the
//! original exporter, as CPython's shared managed buffer does), the byte offset of item
//! `[0, …, 0]`, and CPython's `Py_buffer` fields — struct `format` (as given, `"B"`,
//! `"@i"`), `itemsize`, `shape` and `strides` in bytes (negative for reversed slices).
//! Item `(i0, …, ik)` lives at `offset + Σ ij·strides[j]`. The exporter slot is emptied by
//! `release()`; every operation then raises "operation forbidden on released memoryview
//! object".
//!
//! A view of a bytearray counts as one export of it (`PyByteArray::exports`) from
//! creation until it is released or freed, so the bytearray refuses to resize meanwhile
//! and the offsets stay valid. CPython counts one export per managed buffer shared by
//! all views made from the first; counting per view refuses exactly the same resizes.
//!
//! Items are read and written in native byte order with the native struct sizes of
//! x86-64 Linux (`l`, `n`, `P`: 8 bytes); `e` is IEEE half precision, converted with
//! round-half-even as `PyFloat_Pack2` does.

use std::cell::{Cell, RefCell};

use dashu_int::IBig;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, MappingSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::bytes::{bytearray_payload, is_bytearray, new_bytes, PyBytes};
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, MethodDef};
use crate::types::str_methods::parse_args;
use crate::types::{float, int, list, none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyMemoryView {
    /// The exporter (bytes or bytearray); `None` once released.
    base: RefCell<Option<PyRef>>,
    /// Byte offset of the first item in the exporter's buffer.
    offset: isize,
    readonly: bool,
    format: Box<str>,
    /// The native struct code of `format` (`format` without its optional '@').
    code: u8,
    itemsize: usize,
    shape: Vec<usize>,
    strides: Vec<isize>,
    hash: Cell<Option<i64>>,
}

impl PyPayload for PyMemoryView {
    fn static_type() -> &'static PyTypeObject {
        &MEMORYVIEW_TYPE
    }
}

impl Drop for PyMemoryView {
    fn drop(&mut self) {
        if let Some(b) = self.base.get_mut().take() {
            unexport(&b);
        }
    }
}

pub static MEMORYVIEW_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("memoryview"),
        tp_doc: Some("Create a new memoryview object which references the given object."),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::SEQUENCE),
        tp_dealloc: Cell::new(dealloc::<PyMemoryView>),
        tp_repr: Cell::new(Some(memory_repr)),
        tp_hash: Cell::new(Some(memory_hash)),
        tp_richcompare: Cell::new(Some(memory_richcompare)),
        tp_iter: Cell::new(Some(memory_iter)),
        tp_new: Cell::new(Some(memory_new)),
        tp_as_sequence: SequenceSlots { sq_length: Cell::new(Some(memory_len)), ..SequenceSlots::EMPTY },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(memory_len)),
            mp_subscript: Cell::new(Some(memory_subscript)),
            mp_ass_subscript: Cell::new(Some(memory_ass_subscript)),
        },
        tp_methods: MEMORY_METHODS,
        tp_getset: MEMORY_GETSET,
        ..PyTypeData::BASE
    },
));

static MEMORY_METHODS: &[MethodDef] = &[
    MethodDef::method("release", memory_release),
    MethodDef::method("tobytes", memory_tobytes),
    MethodDef::method("hex", memory_hex),
    MethodDef::method("tolist", memory_tolist),
    MethodDef::method("cast", memory_cast),
    MethodDef::method("toreadonly", memory_toreadonly),
    MethodDef::method("__enter__", memory_enter),
    MethodDef::method("__exit__", memory_exit),
    MethodDef::method("__buffer__", memory_buffer),
    MethodDef::method("__release_buffer__", memory_release_buffer),
    MethodDef::classmethod("_from_flags", memory_from_flags),
];

static MEMORY_GETSET: &[GetSetDef] = &[
    GetSetDef::new("obj", |vm, o| Ok(live(vm, o)?.1), None),
    GetSetDef::new("nbytes", |vm, o| Ok(int::new_int(live(vm, o)?.0.nbytes() as i64)), None),
    GetSetDef::new("readonly", |vm, o| Ok(none::bool_(live(vm, o)?.0.readonly)), None),
    GetSetDef::new("itemsize", |vm, o| Ok(int::new_int(live(vm, o)?.0.itemsize as i64)), None),
    GetSetDef::new("format", |vm, o| Ok(pystr::new_str(&live(vm, o)?.0.format)), None),
    GetSetDef::new("ndim", |vm, o| Ok(int::new_int(live(vm, o)?.0.shape.len() as i64)), None),
    GetSetDef::new("shape", |vm, o| Ok(int_tuple(live(vm, o)?.0.shape.iter().map(|&n| n as i64))), None),
    GetSetDef::new("strides", |vm, o| Ok(int_tuple(live(vm, o)?.0.strides.iter().map(|&n| n as i64))), None),
    GetSetDef::new("suboffsets", |vm, o| live(vm, o).map(|_| tuple::new_tuple(Vec::new())), None),
    GetSetDef::new("c_contiguous", |vm, o| Ok(none::bool_(live(vm, o)?.0.is_c_contiguous())), None),
    GetSetDef::new("f_contiguous", |vm, o| Ok(none::bool_(live(vm, o)?.0.is_f_contiguous())), None),
    GetSetDef::new("contiguous", |vm, o| {
        let m = live(vm, o)?.0;
        Ok(none::bool_(m.is_c_contiguous() || m.is_f_contiguous()))
    }, None),
];

fn int_tuple(v: impl Iterator<Item = i64>) -> PyRef {
    tuple::new_tuple(v.map(int::new_int).collect())
}

fn released_error(vm: &Vm) -> crate::error::PyErr {
    vm.value_error("operation forbidden on released memoryview object")
}

fn view(o: &PyObject) -> &PyMemoryView {
    o.downcast::<PyMemoryView>().expect("a memoryview")
}

/// The view and its exporter, or ValueError when released.
fn live<'a>(vm: &Vm, o: &'a PyObject) -> PyResult<(&'a PyMemoryView, PyRef)> {
    let m = view(o);
    let base = m.base.borrow().clone().ok_or_else(|| released_error(vm))?;
    Ok((m, base))
}

/// Take one export of `base` (a bytearray's resize lock).
fn export(base: &PyObject) {
    if is_bytearray(base) {
        let p = bytearray_payload(base);
        p.exports.set(p.exports.get() + 1);
    }
}

fn unexport(base: &PyObject) {
    if is_bytearray(base) {
        let p = bytearray_payload(base);
        p.exports.set(p.exports.get().saturating_sub(1));
    }
}

/// Run `f` on the exporter's whole buffer (no Python code runs meanwhile).
fn with_buffer<R>(base: &PyObject, f: impl FnOnce(&[u8]) -> R) -> R {
    match base.downcast::<PyBytes>() {
        Some(b) => f(&b.data),
        None => f(&bytearray_payload(base).data.borrow()),
    }
}

fn with_buffer_mut<R>(base: &PyObject, f: impl FnOnce(&mut [u8]) -> R) -> R {
    f(&mut bytearray_payload(base).data.borrow_mut())
}

/// The native struct code of a format string: one of `cbB?hHiIlLqQnNfdeP`, optionally
/// prefixed by '@'.
fn native_code(fmt: &str) -> Option<u8> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt).as_bytes();
    match f {
        [c] if b"cbB?hHiIlLqQnNfdeP".contains(c) => Some(*c),
        _ => None,
    }
}

fn code_size(code: u8) -> usize {
    match code {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut sd = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = sd;
        sd *= shape[i] as isize;
    }
    strides
}

impl PyMemoryView {
    fn nitems(&self) -> usize {
        self.shape.iter().product()
    }

    fn nbytes(&self) -> usize {
        self.nitems() * self.itemsize
    }

    fn is_c_contiguous(&self) -> bool {
        if self.nitems() == 0 {
            return true;
        }
        let mut sd = self.itemsize as isize;
        for i in (0..self.shape.len()).rev() {
            if self.shape[i] > 1 && self.strides[i] != sd {
                return false;
            }
            sd *= self.shape[i] as isize;
        }
        true
    }

    fn is_f_contiguous(&self) -> bool {
        if self.nitems() == 0 {
            return true;
        }
        let mut sd = self.itemsize as isize;
        for i in 0..self.shape.len() {
            if self.shape[i] > 1 && self.strides[i] != sd {
                return false;
            }
            sd *= self.shape[i] as isize;
        }
        true
    }

    /// Byte offsets of every item, in C (row-major) or Fortran order.
    fn item_offsets(&self, fortran: bool) -> Vec<usize> {
        let n = self.nitems();
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let nd = self.shape.len();
        let mut idx = vec![0usize; nd];
        loop {
            let off = self.offset + idx.iter().zip(&self.strides).map(|(&i, &s)| i as isize * s).sum::<isize>();
            out.push(off as usize);
            // Advance the multi-index: the last dimension fastest in C order.
            let mut d = 0;
            loop {
                if d == nd {
                    return out;
                }
                let k = if fortran { d } else { nd - 1 - d };
                idx[k] += 1;
                if idx[k] < self.shape[k] {
                    break;
                }
                idx[k] = 0;
                d += 1;
            }
        }
    }

    /// The bytes of the view in C order (`tobytes()`).
    fn bytes_in(&self, base: &PyObject, fortran: bool) -> Vec<u8> {
        let offs = self.item_offsets(fortran);
        let size = self.itemsize;
        with_buffer(base, |buf| {
            let mut out = Vec::with_capacity(offs.len() * size);
            for o in offs {
                out.extend_from_slice(&buf[o..o + size]);
            }
            out
        })
    }

    fn items(&self, base: &PyObject) -> Vec<Item> {
        let offs = self.item_offsets(false);
        with_buffer(base, |buf| offs.iter().map(|&o| unpack(self.code, &buf[o..o + self.itemsize])).collect())
    }

    fn item_at(&self, base: &PyObject, off: usize) -> Item {
        with_buffer(base, |buf| unpack(self.code, &buf[off..off + self.itemsize]))
    }

    /// A new view of the same exporter (one more export).
    fn derive(&self, base: &PyObject, offset: isize, readonly: bool, format: &str, shape: Vec<usize>, strides: Vec<isize>) -> PyRef {
        export(base);
        let code = native_code(format).unwrap_or(b'B');
        alloc_object(
            &MEMORYVIEW_TYPE,
            PyMemoryView {
                base: RefCell::new(Some(base.to_ref())),
                offset,
                readonly,
                format: format.into(),
                code,
                itemsize: code_size(code),
                shape,
                strides,
                hash: Cell::new(None),
            },
        )
    }
}

// ---------------------------------------------------------------------------------------
// Items: unpacking and packing native struct values

#[derive(Clone, Copy, Debug)]
enum Item {
    Int(i128),
    Float(f64),
    Bool(bool),
    Char(u8),
}

fn unpack(code: u8, b: &[u8]) -> Item {
    let u = |n: usize| {
        let mut a = [0u8; 8];
        a[..n].copy_from_slice(&b[..n]);
        u64::from_ne_bytes(a)
    };
    match code {
        b'c' => Item::Char(b[0]),
        b'?' => Item::Bool(b[0] != 0),
        b'b' => Item::Int(b[0] as i8 as i128),
        b'B' => Item::Int(b[0] as i128),
        b'h' => Item::Int(u(2) as u16 as i16 as i128),
        b'H' => Item::Int(u(2) as u16 as i128),
        b'i' => Item::Int(u(4) as u32 as i32 as i128),
        b'I' => Item::Int(u(4) as u32 as i128),
        b'l' | b'q' | b'n' => Item::Int(u(8) as i64 as i128),
        b'f' => Item::Float(f32::from_bits(u(4) as u32) as f64),
        b'd' => Item::Float(f64::from_bits(u(8))),
        b'e' => Item::Float(half_to_f64(u(2) as u16)),
        _ => Item::Int(u(8) as i128), // L Q N P
    }
}

fn item_object(it: Item) -> PyRef {
    match it {
        Item::Int(n) => match i64::try_from(n) {
            Ok(v) => int::new_int(v),
            Err(_) => int::new_bigint(IBig::from(n)),
        },
        Item::Float(f) => float::new_float(f),
        Item::Bool(b) => none::bool_(b),
        Item::Char(c) => new_bytes(vec![c]),
    }
}

fn item_eq(a: Item, b: Item) -> bool {
    let num = |i: Item| match i {
        Item::Int(n) => Some((Some(n), n as f64)),
        Item::Bool(b) => Some((Some(b as i128), b as u8 as f64)),
        Item::Float(f) => Some((None, f)),
        Item::Char(_) => None,
    };
    match (a, b) {
        (Item::Char(x), Item::Char(y)) => x == y,
        _ => match (num(a), num(b)) {
            (Some((Some(x), _)), Some((Some(y), _))) => x == y,
            (Some((_, x)), Some((_, y))) => x == y,
            _ => false,
        },
    }
}

/// 2^n exactly (for normal exponents; `powi` of negative n is not exact).
fn pow2(n: i32) -> f64 {
    f64::from_bits(((n + 1023) as u64) << 52)
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let mant = (h & 0x3ff) as f64;
    sign * match exp {
        0 => mant * pow2(-24),
        31 if mant == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + mant / 1024.0) * pow2(e - 15),
    }
}

/// IEEE half precision with round-half-even; `None` when the value overflows.
fn f64_to_half(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a < pow2(-14) {
        // Subnormal: units of 2^-24 (the scaling is exact); 1024 units is the smallest normal.
        let m = a * pow2(24);
        let f = m.floor();
        let d = m - f;
        let r = if d > 0.5 || (d == 0.5 && f % 2.0 == 1.0) { f + 1.0 } else { f };
        return Some(sign | r as u16);
    }
    let bits = a.to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let m52 = bits & ((1u64 << 52) - 1);
    let mut m10 = (m52 >> 42) as u16;
    let rem = m52 & ((1u64 << 42) - 1);
    let half = 1u64 << 41;
    if rem > half || (rem == half && m10 & 1 == 1) {
        m10 += 1;
        if m10 == 1024 {
            m10 = 0;
            exp += 1;
        }
    }
    if exp > 15 {
        return None;
    }
    Some(sign | (((exp + 15) as u16) << 10) | m10)
}

/// The bytes of `value` packed with struct code `code` (`pack_single`).
fn pack(vm: &Vm, code: u8, format: &str, value: &PyObject) -> PyResult<Vec<u8>> {
    let fmt = format.strip_prefix('@').unwrap_or(format);
    let invalid_type = || vm.type_error(format!("memoryview: invalid type for format '{fmt}'"));
    let invalid_value = || vm.value_error(format!("memoryview: invalid value for format '{fmt}'"));
    match code {
        b'c' => {
            let Some(b) = value.downcast::<PyBytes>() else { return Err(invalid_type()) };
            if b.data.len() != 1 {
                return Err(invalid_value());
            }
            Ok(b.data.to_vec())
        }
        b'?' => Ok(vec![protocol::is_true(vm, value)? as u8]),
        b'f' | b'd' | b'e' => {
            // A value that does not convert (an int too large) is an invalid value.
            let as_f64 = |o: &PyObject| float::as_f64(vm, o).map_err(|_| invalid_value());
            let x = match as_f64(value)? {
                Some(x) => x,
                None if value.ob_type().tp_as_number.nb_float.get().is_some() => float::float_of(vm, value)?,
                None if value.ob_type().tp_as_number.nb_index.get().is_some() => {
                    let i = protocol::index(vm, value)?;
                    as_f64(&i)?.unwrap_or(0.0)
                }
                None => return Err(invalid_type()),
            };
            Ok(match code {
                b'f' => (x as f32).to_ne_bytes().to_vec(),
                b'd' => x.to_ne_bytes().to_vec(),
                _ => f64_to_half(x).ok_or_else(invalid_value)?.to_ne_bytes().to_vec(),
            })
        }
        _ => {
            if value.ob_type().tp_as_number.nb_index.get().is_none() {
                return Err(invalid_type());
            }
            let i = protocol::index(vm, value)?;
            let n = int::downcast_int(&i).map(|i| i.to_ibig()).unwrap_or_default();
            let n = i128::try_from(&n).map_err(|_| invalid_value())?;
            let size = code_size(code);
            let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let (lo, hi) = if code == b'P' {
                // PyLong_AsVoidPtr: a negative int is taken as its two's complement.
                (-(1i128 << 63), (1i128 << 64) - 1)
            } else if signed {
                (-(1i128 << (size * 8 - 1)), (1i128 << (size * 8 - 1)) - 1)
            } else {
                (0, (1i128 << (size * 8)) - 1)
            };
            if n < lo || n > hi {
                return Err(invalid_value());
            }
            Ok((n as u64).to_ne_bytes()[..size].to_vec())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Construction and the hooks bytes/bytearray use

/// A view of `obj`'s buffer (`PyMemoryView_FromObject`).
pub fn memoryview_of(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    if let Some(m) = obj.downcast::<PyMemoryView>() {
        let (m, base) = live(vm, obj).map(|(_, b)| (m, b))?;
        return Ok(m.derive(&base, m.offset, m.readonly, &m.format, m.shape.clone(), m.strides.clone()));
    }
    if obj.downcast::<PyBytes>().is_some() || is_bytearray(obj) {
        let n = with_buffer(obj, |b| b.len());
        export(obj);
        return Ok(alloc_object(
            &MEMORYVIEW_TYPE,
            PyMemoryView {
                base: RefCell::new(Some(obj.to_ref())),
                offset: 0,
                readonly: !is_bytearray(obj),
                format: "B".into(),
                code: b'B',
                itemsize: 1,
                shape: vec![n],
                strides: vec![1],
                hash: Cell::new(None),
            },
        ));
    }
    // PEP 688: a class exports a buffer through `__buffer__(flags)`.
    if let Some(f) = protocol::lookup_special(vm, obj, "__buffer__")? {
        let r = protocol::call(vm, &f, &[int::new_int(PYBUF_FULL_RO)], &[])?;
        if r.downcast::<PyMemoryView>().is_none() {
            return Err(vm.type_error("__buffer__ returned non-memoryview object"));
        }
        return memoryview_of(vm, &r);
    }
    Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{}'", obj.ob_type().name())))
}

/// `PyBUF_FULL_RO`, the flags `memoryview(obj)` requests.
const PYBUF_FULL_RO: i64 = 0x100 | 0x8 | 0x10 | 0x4;

/// The bytes a memoryview shows in C order (None: not a memoryview, or released).
pub fn memoryview_bytes(o: &PyObject) -> Option<Vec<u8>> {
    let m = o.downcast::<PyMemoryView>()?;
    let base = m.base.borrow().clone()?;
    Some(m.bytes_in(&base, false))
}

/// Whether `o` is a memoryview.
pub fn is_memoryview(o: &PyObject) -> bool {
    o.downcast::<PyMemoryView>().is_some()
}

fn memory_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "memoryview", args, kwnames, &["object"], 1)?;
    memoryview_of(vm, a[0].as_ref().expect("required"))
}

fn memory_from_flags(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "_from_flags", &args[1..], kw, &["object", "flags"], 2)?;
    memoryview_of(vm, a[0].as_ref().expect("required"))
}

// ---------------------------------------------------------------------------------------
// Slots

fn memory_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let what = if view(o).base.borrow().is_some() { "memory" } else { "released memory" };
    Ok(pystr::new_str(&format!("<{what} at {:#x}>", o.addr())))
}

fn memory_len(vm: &Vm, o: &PyObject) -> PyResult<usize> {
    let (m, _) = live(vm, o)?;
    match m.shape.first() {
        Some(&n) => Ok(n),
        None => Err(vm.type_error("0-dim memory has no length")),
    }
}

fn memory_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let m = view(o);
    if let Some(h) = m.hash.get() {
        return Ok(h);
    }
    let (m, base) = live(vm, o)?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !matches!(m.code, b'B' | b'b' | b'c') {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    // The exporter must be hashable too (a read-only view of a bytearray is not).
    protocol::hash(vm, &base)?;
    let h = crate::unicode::PyStrData::from_latin1(&m.bytes_in(&base, false)).hash(crate::vm::hash_secret());
    m.hash.set(Some(h));
    Ok(h)
}

/// The shape and items of a buffer `memoryview ==` can compare with.
fn comparable(o: &PyObject) -> Option<Option<(Vec<usize>, Vec<Item>)>> {
    if let Some(m) = o.downcast::<PyMemoryView>() {
        let base = m.base.borrow().clone();
        return Some(base.map(|b| (m.shape.clone(), m.items(&b))));
    }
    if o.downcast::<PyBytes>().is_some() || is_bytearray(o) {
        let items: Vec<Item> = with_buffer(o, |b| b.iter().map(|&c| Item::Int(c as i128)).collect());
        return Some(Some((vec![items.len()], items)));
    }
    None
}

fn memory_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let equal = if a.is(b) {
        true
    } else {
        let (Some(x), Some(y)) = (comparable(a), comparable(b)) else {
            return Ok(none::not_implemented());
        };
        match (x, y) {
            (Some((sx, ix)), Some((sy, iy))) => sx == sy && ix.iter().zip(&iy).all(|(&p, &q)| item_eq(p, q)),
            // A released view equals only itself.
            _ => false,
        }
    };
    Ok(none::bool_(equal == matches!(op, CompareOp::Eq)))
}

/// What a subscript key selects.
enum Key {
    Index(isize),
    Slice(PyRef),
    Multi(Vec<isize>),
    MultiSlice,
    Whole,
    Invalid,
}

fn classify(vm: &Vm, key: &PyObject) -> PyResult<Key> {
    let has_index = |o: &PyObject| o.ob_type().tp_as_number.nb_index.get().is_some();
    if has_index(key) {
        return Ok(Key::Index(protocol::index_as_isize(vm, key)?));
    }
    if key.downcast::<crate::types::slice::PySlice>().is_some() {
        return Ok(Key::Slice(key.to_ref()));
    }
    if key.is(&none::ellipsis()) {
        return Ok(Key::Whole);
    }
    if let Some(items) = tuple::downcast_tuple(key) {
        if items.iter().all(|i| has_index(i)) {
            let mut v = Vec::with_capacity(items.len());
            for i in items {
                v.push(protocol::index_as_isize(vm, i)?);
            }
            return Ok(Key::Multi(v));
        }
        if items.iter().all(|i| i.downcast::<crate::types::slice::PySlice>().is_some()) {
            return Ok(Key::MultiSlice);
        }
    }
    Ok(Key::Invalid)
}

/// The byte offset of the item at `indices` (one per dimension, negatives from the end).
fn offset_of(vm: &Vm, m: &PyMemoryView, indices: &[isize]) -> PyResult<usize> {
    let mut off = m.offset;
    for (d, &i) in indices.iter().enumerate() {
        let n = m.shape[d] as isize;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.index_error(format!("index out of bounds on dimension {}", d + 1)));
        }
        off += j * m.strides[d];
    }
    Ok(off as usize)
}

fn memory_subscript(vm: &Vm, o: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let (m, base) = live(vm, o)?;
    let key = classify(vm, key)?;
    if m.shape.is_empty() {
        return match key {
            Key::Whole => Ok(o.to_ref()),
            Key::Multi(v) if v.is_empty() => Ok(item_object(m.item_at(&base, m.offset as usize))),
            _ => Err(vm.type_error("invalid indexing of 0-dim memory")),
        };
    }
    match key {
        Key::Index(i) => {
            if m.shape.len() > 1 {
                return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented"));
            }
            let off = offset_of(vm, m, &[i])?;
            Ok(item_object(m.item_at(&base, off)))
        }
        Key::Slice(sl) => {
            let sl = sl.downcast::<crate::types::slice::PySlice>().expect("a slice");
            let (start, _, step, n) = sl.adjust(vm, m.shape[0])?;
            let mut shape = m.shape.clone();
            let mut strides = m.strides.clone();
            shape[0] = n;
            strides[0] = m.strides[0] * step;
            let offset = m.offset + start * m.strides[0];
            Ok(m.derive(&base, offset, m.readonly, &m.format, shape, strides))
        }
        Key::Multi(v) => {
            if v.len() < m.shape.len() {
                return Err(vm.not_implemented_error("sub-views are not implemented"));
            }
            if v.len() > m.shape.len() {
                return Err(vm.type_error(format!(
                    "cannot index {}-dimension view with {}-element tuple",
                    m.shape.len(),
                    v.len()
                )));
            }
            let off = offset_of(vm, m, &v)?;
            Ok(item_object(m.item_at(&base, off)))
        }
        Key::MultiSlice => Err(vm.not_implemented_error("multi-dimensional slicing is not implemented")),
        Key::Whole | Key::Invalid => Err(vm.type_error("memoryview: invalid slice key")),
    }
}

fn write_item(base: &PyObject, off: usize, bytes: &[u8]) {
    with_buffer_mut(base, |buf| buf[off..off + bytes.len()].copy_from_slice(bytes));
}

fn memory_ass_subscript(vm: &Vm, o: &PyObject, key: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let (m, base) = live(vm, o)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(vm.type_error("cannot delete memory"));
    };
    let key = classify(vm, key)?;
    if m.shape.is_empty() {
        return match key {
            Key::Whole => {
                let b = pack(vm, m.code, &m.format, value)?;
                write_item(&base, m.offset as usize, &b);
                Ok(())
            }
            Key::Multi(v) if v.is_empty() => {
                let b = pack(vm, m.code, &m.format, value)?;
                write_item(&base, m.offset as usize, &b);
                Ok(())
            }
            _ => Err(vm.type_error("invalid indexing of 0-dim memory")),
        };
    }
    match key {
        Key::Index(i) => {
            if m.shape.len() > 1 {
                return Err(vm.not_implemented_error("sub-views are not implemented"));
            }
            let off = offset_of(vm, m, &[i])?;
            let b = pack(vm, m.code, &m.format, value)?;
            write_item(&base, off, &b);
            Ok(())
        }
        Key::Slice(sl) if m.shape.len() == 1 => {
            // The source: any buffer with the same item format and shape as the target.
            let src = memoryview_of(vm, value).map_err(|e| {
                if e.matches(&crate::types::exceptions::TYPE_ERROR) {
                    vm.type_error(format!("a bytes-like object is required, not '{}'", value.ob_type().name()))
                } else {
                    e
                }
            })?;
            let sv = view(&src);
            let sbase = sv.base.borrow().clone().ok_or_else(|| released_error(vm))?;
            let sl = sl.downcast::<crate::types::slice::PySlice>().expect("a slice");
            let (start, _, step, n) = sl.adjust(vm, m.shape[0])?;
            let strip = |f: &str| f.strip_prefix('@').unwrap_or(f).to_string();
            if strip(&sv.format) != strip(&m.format) || sv.itemsize != m.itemsize || sv.shape != [n] {
                return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
            }
            // Copy the source out first: it may overlap the target.
            let data = sv.bytes_in(&sbase, false);
            let size = m.itemsize;
            with_buffer_mut(&base, |buf| {
                for k in 0..n {
                    let off = (m.offset + (start + k as isize * step) * m.strides[0]) as usize;
                    buf[off..off + size].copy_from_slice(&data[k * size..(k + 1) * size]);
                }
            });
            Ok(())
        }
        Key::Multi(v) => {
            if v.len() < m.shape.len() {
                return Err(vm.not_implemented_error("sub-views are not implemented"));
            }
            if v.len() > m.shape.len() {
                return Err(vm.type_error(format!(
                    "cannot index {}-dimension view with {}-element tuple",
                    m.shape.len(),
                    v.len()
                )));
            }
            let off = offset_of(vm, m, &v)?;
            let b = pack(vm, m.code, &m.format, value)?;
            write_item(&base, off, &b);
            Ok(())
        }
        Key::Slice(_) | Key::MultiSlice => {
            Err(vm.not_implemented_error("memoryview slice assignments are currently restricted to ndim = 1"))
        }
        Key::Whole | Key::Invalid => Err(vm.type_error("memoryview: invalid slice key")),
    }
}

// ---------------------------------------------------------------------------------------
// Methods

fn memory_release(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "release", kw)?;
    check_arity(vm, "release", &args[1..], 0, 0)?;
    release(&args[0]);
    Ok(none::none())
}

fn release(o: &PyObject) {
    let taken = view(o).base.borrow_mut().take();
    if let Some(b) = taken {
        unexport(&b);
    }
}

fn memory_enter(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    live(vm, &args[0])?;
    Ok(args[0].clone())
}

fn memory_exit(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    release(&args[0]);
    Ok(none::none())
}

fn memory_buffer(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__buffer__", kw)?;
    check_arity(vm, "__buffer__", &args[1..], 1, 1)?;
    memoryview_of(vm, &args[0])
}

fn memory_release_buffer(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__release_buffer__", kw)?;
    check_arity(vm, "__release_buffer__", &args[1..], 1, 1)?;
    if is_memoryview(&args[1]) {
        release(&args[1]);
    }
    Ok(none::none())
}

fn memory_tobytes(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "tobytes", &args[1..], kw, &["order"], 0)?;
    let (m, base) = live(vm, &args[0])?;
    let fortran = match &a[0] {
        None => false,
        Some(o) if o.is(none::none_ref()) => false,
        Some(o) => match pystr::downcast_str(o).map(|s| s.to_string_lossy()).as_deref() {
            Some("C") => false,
            Some("F") => true,
            Some("A") => !m.is_c_contiguous() && m.is_f_contiguous(),
            _ => return Err(vm.value_error("order must be 'C', 'F' or 'A'")),
        },
    };
    Ok(new_bytes(m.bytes_in(&base, fortran)))
}

fn memory_hex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "hex", &args[1..], kw, &["sep", "bytes_per_sep"], 0)?;
    let (m, base) = live(vm, &args[0])?;
    crate::types::bytes_methods::hex_impl(vm, &m.bytes_in(&base, false), &a[0], &a[1])
}

fn memory_tolist(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "tolist", kw)?;
    check_arity(vm, "tolist", &args[1..], 0, 0)?;
    let (m, base) = live(vm, &args[0])?;
    let items = m.items(&base);
    if m.shape.is_empty() {
        return Ok(item_object(items[0]));
    }
    fn nest(shape: &[usize], items: &mut std::slice::Iter<'_, Item>) -> PyRef {
        let (&n, rest) = shape.split_first().expect("ndim >= 1");
        let v = (0..n)
            .map(|_| if rest.is_empty() { item_object(*items.next().expect("an item")) } else { nest(rest, items) })
            .collect();
        list::new_list(v)
    }
    Ok(nest(&m.shape, &mut items.iter()))
}

fn memory_toreadonly(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "toreadonly", kw)?;
    check_arity(vm, "toreadonly", &args[1..], 0, 0)?;
    let (m, base) = live(vm, &args[0])?;
    Ok(m.derive(&base, m.offset, true, &m.format, m.shape.clone(), m.strides.clone()))
}

fn memory_cast(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = parse_args(vm, "cast", &args[1..], kw, &["format", "shape"], 1)?;
    let (m, base) = live(vm, &args[0])?;
    let fmt_obj = a[0].as_ref().expect("required");
    let Some(fmt) = pystr::downcast_str(fmt_obj) else {
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {}", fmt_obj.ob_type().name())));
    };
    let fmt = fmt.to_string_lossy();
    if !m.is_c_contiguous() {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let shape_arg = a[1].clone();
    if (shape_arg.is_some() || m.shape.len() != 1) && m.shape.contains(&0) {
        return Err(vm.type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let shape_items = match &shape_arg {
        None => None,
        Some(s) => {
            let items = if let Some(t) = tuple::downcast_tuple(s) {
                t.to_vec()
            } else if list::downcast_list(s).is_some() {
                list::list_items(s)
            } else {
                return Err(vm.type_error("shape must be a list or a tuple"));
            };
            if m.shape.len() != 1 && items.len() != 1 {
                return Err(vm.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
            }
            Some(items)
        }
    };
    let Some(code) = native_code(&fmt) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let is_byte = |c: u8| matches!(c, b'B' | b'b' | b'c');
    if !is_byte(m.code) && !is_byte(code) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let itemsize = code_size(code);
    let nbytes = m.nbytes();
    let shape = match shape_items {
        None => {
            if nbytes % itemsize != 0 {
                return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
            }
            vec![nbytes / itemsize]
        }
        Some(items) => {
            if items.len() > 64 {
                return Err(vm.value_error("memoryview: number of dimensions must not exceed 64"));
            }
            let mut shape = Vec::with_capacity(items.len());
            for it in &items {
                let Some(i) = int::downcast_int(it) else {
                    return Err(vm.type_error("memoryview.cast(): elements of shape must be integers"));
                };
                match i.as_i64().filter(|&n| n > 0) {
                    Some(n) => shape.push(n as usize),
                    None => return Err(vm.value_error("memoryview.cast(): elements of shape must be integers > 0")),
                }
            }
            let total = shape.iter().try_fold(itemsize, |acc: usize, &n| acc.checked_mul(n));
            if total != Some(nbytes) {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            shape
        }
    };
    let strides = c_strides(&shape, itemsize);
    Ok(m.derive(&base, m.offset, m.readonly, &fmt, shape, strides))
}

// ---------------------------------------------------------------------------------------
// memory_iterator

pub struct PyMemoryIter {
    view: RefCell<Option<PyRef>>,
    index: Cell<usize>,
}

impl PyPayload for PyMemoryIter {
    fn static_type() -> &'static PyTypeObject {
        &MEMORY_ITER_TYPE
    }
}

pub static MEMORY_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("memory_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyMemoryIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(memory_iternext)),
        ..PyTypeData::BASE
    },
));

fn memory_iter(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let (m, _) = live(vm, o)?;
    match m.shape.len() {
        0 => Err(vm.type_error("invalid indexing of 0-dim memory")),
        1 => Ok(alloc_object(&MEMORY_ITER_TYPE, PyMemoryIter { view: RefCell::new(Some(o.to_ref())), index: Cell::new(0) })),
        _ => Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented")),
    }
}

fn memory_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyMemoryIter>().expect("a memory_iterator");
    let Some(v) = it.view.borrow().clone() else { return Ok(None) };
    let (m, base) = live(vm, &v)?;
    let i = it.index.get();
    if i >= m.shape[0] {
        *it.view.borrow_mut() = None;
        return Ok(None);
    }
    it.index.set(i + 1);
    let off = (m.offset + i as isize * m.strides[0]) as usize;
    Ok(Some(item_object(m.item_at(&base, off))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_round_trip() {
        for bits in [0u16, 1, 0x3ff, 0x400, 0x3c00, 0x7bff, 0x8001, 0xfbff] {
            assert_eq!(f64_to_half(half_to_f64(bits)), Some(bits));
        }
        assert_eq!(f64_to_half(65520.0), None);
        assert_eq!(f64_to_half(65519.0), Some(0x7bff));
        // Ties go to even.
        assert_eq!(f64_to_half(1.0 + pow2(-11)), Some(0x3c00));
        assert_eq!(f64_to_half(1.0 + 3.0 * pow2(-11)), Some(0x3c02));
    }
}
