//! `int` and `bool`.
//!
//! **Representation**: [`PyInt`] holds an `i64` when the value fits, otherwise a
//! `dashu` big integer (DESIGN.md §4.2); the invariant `Big` ⇒ outside `i64` keeps
//! equality and hashing simple. Small ints −5..=256 are immortal, created once.
//! `bool` is a subclass sharing the payload; `True`/`False` are static.

use std::cell::Cell;
use std::sync::OnceLock;

use dashu_int::IBig;

use crate::error::{PyErr, PyResult};
use crate::object::freelist;
use crate::object::inner::{dealloc, dealloc_never};
use crate::object::typeobj::{flags, CompareOp, NumberSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub enum IntValue {
    Small(i64),
    Big(IBig),
}

pub struct PyInt {
    pub value: IntValue,
}

impl PyPayload for PyInt {
    fn static_type() -> &'static PyTypeObject {
        &INT_TYPE
    }
}

pub static INT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("int"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::LONG_SUBCLASS),
        tp_dealloc: Cell::new(int_dealloc),
        tp_repr: Cell::new(Some(crate::types::int_ops::int_repr)),
        tp_hash: Cell::new(Some(crate::types::int_ops::int_hash)),
        tp_richcompare: Cell::new(Some(crate::types::int_ops::int_richcompare)),
        tp_new: Cell::new(Some(crate::types::int_ops::int_new)),
        tp_as_number: crate::types::int_ops::INT_NUMBER,
        tp_methods: crate::types::int_ops::INT_METHODS,
        tp_getset: crate::types::int_ops::INT_GETSET,
        ..PyTypeData::BASE
    },
));

pub static BOOL_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("bool"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::LONG_SUBCLASS),
        tp_base: Cell::new(&INT_TYPE.0 as *const PyTypeObject),
        tp_dealloc: Cell::new(dealloc_never),
        tp_repr: Cell::new(Some(bool_repr)),
        tp_new: Cell::new(Some(bool_new)),
        tp_as_number: NumberSlots {
            nb_and: Cell::new(Some(bool_and)),
            nb_or: Cell::new(Some(bool_or)),
            nb_xor: Cell::new(Some(bool_xor)),
            ..NumberSlots::EMPTY
        },
        ..PyTypeData::BASE
    },
));

pub static TRUE: Static<PyInner<PyInt>> = Static(PyInner::new_static(&BOOL_TYPE.0, PyInt { value: IntValue::Small(1) }));
pub static FALSE: Static<PyInner<PyInt>> = Static(PyInner::new_static(&BOOL_TYPE.0, PyInt { value: IntValue::Small(0) }));

const SMALL_MIN: i64 = -5;
const SMALL_MAX: i64 = 256;

struct SmallInts(Vec<&'static PyInner<PyInt>>);
// SAFETY: immortal objects never written after creation; shared under the GIL rule.
unsafe impl Sync for SmallInts {}
unsafe impl Send for SmallInts {}
static SMALL_INTS: OnceLock<SmallInts> = OnceLock::new();

fn small_ints() -> &'static [&'static PyInner<PyInt>] {
    &SMALL_INTS
        .get_or_init(|| {
            SmallInts(
                (SMALL_MIN..=SMALL_MAX)
                    .map(|n| &*Box::leak(Box::new(PyInner::new_static(&INT_TYPE, PyInt { value: IntValue::Small(n) }))))
                    .collect(),
            )
        })
        .0
}

/// An int object for `n` (small ints are shared).
#[inline]
pub fn new_int(n: i64) -> PyRef {
    if (SMALL_MIN..=SMALL_MAX).contains(&n) {
        return small_ints()[(n - SMALL_MIN) as usize].to_ref();
    }
    new_int_object(IntValue::Small(n))
}

thread_local! {
    static FREE_INTS: std::cell::UnsafeCell<freelist::FreeList> = const { std::cell::UnsafeCell::new(freelist::FreeList::new()) };
}

/// A new exact int object holding `value` (from the free list when it has a block).
#[inline]
fn new_int_object(value: IntValue) -> PyRef {
    // SAFETY: the list holds only blocks of exact ints (int_dealloc).
    unsafe {
        if let Some(block) = freelist::pop::<PyInt>(&FREE_INTS) {
            return crate::object::inner::init_block(block, &INT_TYPE, PyInt { value });
        }
    }
    alloc_object(&INT_TYPE, PyInt { value })
}

/// `tp_dealloc` of int: an exact int's block goes to the free list.
///
/// # Safety
/// As every `tp_dealloc`: `obj` is an int (or subclass instance) with count zero.
unsafe fn int_dealloc(obj: *mut PyObject) {
    unsafe {
        if std::ptr::eq((*obj).ob_type(), &*INT_TYPE) && !cfg!(feature = "refcheck") {
            let inner = obj as *mut PyInner<PyInt>;
            std::ptr::drop_in_place(&mut (*inner).payload);
            freelist::push::<PyInt>(&FREE_INTS, inner);
        } else {
            dealloc::<PyInt>(obj);
        }
    }
}

/// An int object for a big integer (normalized to `Small` when it fits).
pub fn new_bigint(n: IBig) -> PyRef {
    match i64::try_from(&n) {
        Ok(s) => new_int(s),
        Err(_) => new_int_object(IntValue::Big(n)),
    }
}

/// An instance of `cls` (int or a subclass) with value `n`.
pub fn new_int_of_type(cls: &PyTypeObject, n: IBig) -> PyRef {
    if std::ptr::eq(cls, &*INT_TYPE) {
        return new_bigint(n);
    }
    let value = match i64::try_from(&n) {
        Ok(s) => IntValue::Small(s),
        Err(_) => IntValue::Big(n),
    };
    alloc_object(cls, PyInt { value })
}

impl PyInt {
    /// The value as `i64` when it fits.
    #[inline]
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            IntValue::Small(n) => Some(*n),
            IntValue::Big(_) => None,
        }
    }

    pub fn to_ibig(&self) -> IBig {
        match &self.value {
            IntValue::Small(n) => IBig::from(*n),
            IntValue::Big(b) => b.clone(),
        }
    }
}

/// The int payload of an int (or bool, or int subclass) object.
#[inline]
pub fn downcast_int(obj: &PyObject) -> Option<&PyInt> {
    obj.downcast::<PyInt>().map(|i| &i.payload)
}

/// `True`/`False` of a bool object (not of other ints).
pub fn downcast_bool(obj: &PyObject) -> Option<bool> {
    if obj.is(TRUE.as_object()) {
        Some(true)
    } else if obj.is(FALSE.as_object()) {
        Some(false)
    } else {
        None
    }
}

/// `hash(int)`.
pub fn hash_int_value(i: &PyInt) -> i64 {
    match &i.value {
        IntValue::Small(n) => crate::hash::hash_i64(*n),
        IntValue::Big(b) => crate::hash::hash_int(b),
    }
}

fn bool_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(if o.is(TRUE.as_object()) { "True" } else { "False" }))
}

fn bool_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "bool", kwnames)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("bool expected at most 1 argument, got {}", args.len())));
    }
    match args.first() {
        None => Ok(none::false_()),
        Some(a) => Ok(none::bool_(crate::protocol::is_true(vm, a)?)),
    }
}

fn bool_binop(vm: &Vm, a: &PyObject, b: &PyObject, f: fn(bool, bool) -> bool, int_slot: fn(&Vm, &PyObject, &PyObject) -> PyResult<PyRef>) -> PyResult<PyRef> {
    match (downcast_bool(a), downcast_bool(b)) {
        (Some(x), Some(y)) => Ok(none::bool_(f(x, y))),
        _ => int_slot(vm, a, b),
    }
}
fn bool_and(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    bool_binop(vm, a, b, |x, y| x & y, crate::types::int_ops::int_and)
}
fn bool_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    bool_binop(vm, a, b, |x, y| x | y, crate::types::int_ops::int_or)
}
fn bool_xor(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    bool_binop(vm, a, b, |x, y| x ^ y, crate::types::int_ops::int_xor)
}

/// Convert a `format` module error into the Python exception it names.
pub fn format_error(vm: &Vm, e: crate::format::FormatError) -> PyErr {
    use crate::format::ErrorKind;
    match e.kind {
        ErrorKind::ValueError => vm.value_error(e.message),
        ErrorKind::OverflowError => vm.overflow_error(e.message),
        ErrorKind::TypeError => vm.type_error(e.message),
        #[allow(unreachable_patterns)]
        _ => vm.value_error(e.message),
    }
}

#[allow(dead_code)]
fn unused(_: CompareOp) {}
