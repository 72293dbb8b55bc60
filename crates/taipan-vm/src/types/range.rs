//! `range` and its iterators.
//!
//! A range keeps its three arguments as int objects (for `start`/`stop`/`step` and the
//! repr) and its length as an `IBig`. Items are computed as `start + i*step`; when all
//! values fit an `i64` the iterator (`range_iterator`) works on machine integers, else
//! `longrange_iterator` works on big integers (CPython makes the same split).

use std::cell::{Cell, RefCell};

use dashu_int::IBig;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{CompareOp, MappingSlots, NumberSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, MethodDef};
use crate::types::{int, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyRange {
    pub start: PyRef,
    pub stop: PyRef,
    pub step: PyRef,
    pub len: IBig,
}

impl PyPayload for PyRange {
    fn static_type() -> &'static PyTypeObject {
        &RANGE_TYPE
    }
}

pub static RANGE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("range"),
        tp_flags: Cell::new(crate::object::typeobj::flags::IMMUTABLETYPE | crate::object::typeobj::flags::SEQUENCE),
        tp_dealloc: Cell::new(dealloc::<PyRange>),
        tp_repr: Cell::new(Some(range_repr)),
        tp_hash: Cell::new(Some(range_hash)),
        tp_richcompare: Cell::new(Some(range_richcompare)),
        tp_iter: Cell::new(Some(range_iter)),
        tp_new: Cell::new(Some(range_new)),
        tp_as_number: NumberSlots { nb_bool: Cell::new(Some(range_bool)), ..NumberSlots::EMPTY },
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(range_len)),
            sq_contains: Cell::new(Some(range_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(range_len)),
            mp_subscript: Cell::new(Some(range_subscript)),
            ..MappingSlots::EMPTY
        },
        tp_methods: RANGE_METHODS,
        tp_getset: RANGE_GETSET,
        ..PyTypeData::BASE
    },
));

static RANGE_METHODS: &[MethodDef] = &[
    MethodDef::method("index", range_index),
    MethodDef::method("count", range_count),
    MethodDef::method("__reversed__", range_reversed),
];

static RANGE_GETSET: &[GetSetDef] = &[
    GetSetDef::new("start", |_, o| Ok(as_range(o).start.clone()), None),
    GetSetDef::new("stop", |_, o| Ok(as_range(o).stop.clone()), None),
    GetSetDef::new("step", |_, o| Ok(as_range(o).step.clone()), None),
];

fn as_range(o: &PyObject) -> &PyRange {
    o.downcast::<PyRange>().expect("a range")
}

fn big(o: &PyObject) -> IBig {
    int::downcast_int(o).expect("an int").to_ibig()
}

fn int_obj(n: IBig) -> PyRef {
    match i64::try_from(&n) {
        Ok(v) => int::new_int(v),
        Err(_) => int::new_bigint(n),
    }
}

fn range_length(start: &IBig, stop: &IBig, step: &IBig) -> IBig {
    let zero = IBig::ZERO;
    if *step > zero {
        if start < stop { (stop - start - IBig::ONE) / step + IBig::ONE } else { zero }
    } else if start > stop {
        (start - stop - IBig::ONE) / (-step) + IBig::ONE
    } else {
        zero
    }
}

/// A new range over int objects (already `__index__`ed).
pub fn new_range(start: PyRef, stop: PyRef, step: PyRef) -> PyRef {
    let len = range_length(&big(&start), &big(&stop), &big(&step));
    alloc_object(&RANGE_TYPE, PyRange { start, stop, step, len })
}

fn range_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let _ = cls;
    crate::types::function::no_kwargs(vm, "range", kwnames)?;
    let idx = |o: &PyObject| crate::protocol::index(vm, o);
    let (start, stop, step) = match args.len() {
        1 => (int::new_int(0), idx(&args[0])?, int::new_int(1)),
        2 => (idx(&args[0])?, idx(&args[1])?, int::new_int(1)),
        3 => {
            let (a, b, c) = (idx(&args[0])?, idx(&args[1])?, idx(&args[2])?);
            if big(&c) == IBig::ZERO {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    // bools become plain ints (range(True) has stop 1, not True)
    let norm = |o: PyRef| if int::downcast_bool(&o).is_some() { int_obj(big(&o)) } else { o };
    Ok(new_range(norm(start), norm(stop), norm(step)))
}

impl PyRange {
    fn item(&self, i: &IBig) -> IBig {
        big(&self.start) + i * big(&self.step)
    }
    /// The position of int `v` in the range, if it is an item.
    fn position(&self, v: &IBig) -> Option<IBig> {
        let (start, stop, step) = (big(&self.start), big(&self.stop), big(&self.step));
        let inside = if step > IBig::ZERO { start <= *v && *v < stop } else { stop < *v && *v <= start };
        if !inside {
            return None;
        }
        let d = v - &start;
        if (&d % &step) != IBig::ZERO {
            return None;
        }
        Some(d / step)
    }
}

fn len_usize(vm: &Vm, r: &PyRange) -> PyResult<usize> {
    match i64::try_from(&r.len) {
        Ok(n) => Ok(n as usize),
        Err(_) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn range_len(vm: &Vm, o: &PyObject) -> PyResult<usize> {
    len_usize(vm, as_range(o))
}

fn range_bool(_vm: &Vm, o: &PyObject) -> PyResult<bool> {
    Ok(as_range(o).len != IBig::ZERO)
}

fn range_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let r = as_range(o);
    let a = crate::protocol::repr_string(vm, &r.start)?;
    let b = crate::protocol::repr_string(vm, &r.stop)?;
    if big(&r.step) == IBig::ONE {
        Ok(pystr::new_str(&format!("range({a}, {b})")))
    } else {
        let c = crate::protocol::repr_string(vm, &r.step)?;
        Ok(pystr::new_str(&format!("range({a}, {b}, {c})")))
    }
}

fn range_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let r = as_range(o);
    let n = r.len.clone();
    let lh = crate::protocol::hash(vm, &int_obj(n.clone()))?;
    let nh = crate::protocol::hash(vm, none::none_ref())?;
    let hs = if n == IBig::ZERO {
        [lh, nh, nh]
    } else if n == IBig::ONE {
        [lh, crate::protocol::hash(vm, &r.start)?, nh]
    } else {
        [lh, crate::protocol::hash(vm, &r.start)?, crate::protocol::hash(vm, &r.step)?]
    };
    Ok(crate::hash::hash_tuple(&hs))
}

fn range_eq(a: &PyRange, b: &PyRange) -> bool {
    if a.len != b.len {
        return false;
    }
    if a.len == IBig::ZERO {
        return true;
    }
    if big(&a.start) != big(&b.start) {
        return false;
    }
    a.len == IBig::ONE || big(&a.step) == big(&b.step)
}

fn range_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (a.downcast::<PyRange>(), b.downcast::<PyRange>()) else {
        return Ok(none::not_implemented());
    };
    match op {
        CompareOp::Eq => Ok(none::bool_(range_eq(x, y))),
        CompareOp::Ne => Ok(none::bool_(!range_eq(x, y))),
        _ => Ok(none::not_implemented()),
    }
}

fn exact_int(o: &PyObject) -> Option<IBig> {
    let t = o.ob_type();
    if std::ptr::eq(t, &*int::INT_TYPE) || std::ptr::eq(t, &*int::BOOL_TYPE) {
        return Some(big(o));
    }
    None
}

fn range_contains(vm: &Vm, o: &PyObject, v: &PyObject) -> PyResult<bool> {
    let r = as_range(o);
    if let Some(n) = exact_int(v) {
        return Ok(r.position(&n).is_some());
    }
    crate::protocol::contains_by_iteration(vm, o, v)
}

fn range_subscript(vm: &Vm, o: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let r = as_range(o);
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let n = len_usize(vm, r)?;
        let (start, stop, step, _) = sl.adjust(vm, n)?;
        let st = big(&r.step);
        let new_start = r.item(&IBig::from(start));
        let new_stop = r.item(&IBig::from(stop));
        let new_step = st * IBig::from(step);
        return Ok(new_range(int_obj(new_start), int_obj(new_stop), int_obj(new_step)));
    }
    if int::downcast_int(key).is_none() && key.ob_type().tp_as_number.nb_index.get().is_none() {
        return Err(vm.type_error(format!(
            "range indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    }
    let i = big(&*crate::protocol::index(vm, key)?);
    let j = if i < IBig::ZERO { i + &r.len } else { i };
    if j < IBig::ZERO || j >= r.len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(int_obj(r.item(&j)))
}

fn range_index(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "range.index", &args[1..], 1, 1)?;
    let r = as_range(&args[0]);
    if let Some(n) = exact_int(&args[1]) {
        if let Some(p) = r.position(&n) {
            return Ok(int_obj(p));
        }
        return Err(vm.value_error(format!("{} is not in range", crate::protocol::repr_string(vm, &args[1])?)));
    }
    let mut i = 0i64;
    let it = range_iter(vm, &args[0])?;
    while let Some(x) = crate::protocol::next(vm, &it)? {
        if crate::protocol::eq_identity_first(vm, &x, &args[1])? {
            return Ok(int::new_int(i));
        }
        i += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

fn range_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "range.count", &args[1..], 1, 1)?;
    let r = as_range(&args[0]);
    if let Some(n) = exact_int(&args[1]) {
        return Ok(int::new_int(r.position(&n).is_some() as i64));
    }
    let mut c = 0i64;
    let it = range_iter(vm, &args[0])?;
    while let Some(x) = crate::protocol::next(vm, &it)? {
        if crate::protocol::eq_identity_first(vm, &x, &args[1])? {
            c += 1;
        }
    }
    Ok(int::new_int(c))
}

fn make_iter(start: IBig, step: IBig, len: IBig) -> PyRef {
    if let (Ok(s), Ok(st), Ok(n)) = (i64::try_from(&start), i64::try_from(&step), i64::try_from(&len)) {
        // the last item must fit too
        if s.checked_add(st.saturating_mul(n.saturating_sub(1).max(0))).is_some()
            && st.checked_mul(n.saturating_sub(1).max(0)).is_some()
        {
            return alloc_object(
                &RANGE_ITER_TYPE,
                PyRangeIter { next: Cell::new(s), step: st, remaining: Cell::new(n) },
            );
        }
    }
    alloc_object(&LONGRANGE_ITER_TYPE, PyLongRangeIter { next: RefCell::new(start), step, remaining: RefCell::new(len) })
}

fn range_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let r = as_range(o);
    Ok(make_iter(big(&r.start), big(&r.step), r.len.clone()))
}

/// `reversed(range)`.
pub fn range_reversed_iter(o: &PyObject) -> PyRef {
    let r = as_range(o);
    let step = big(&r.step);
    if r.len == IBig::ZERO {
        return make_iter(IBig::ZERO, IBig::ONE, IBig::ZERO);
    }
    let last = r.item(&(&r.len - IBig::ONE));
    make_iter(last, -step, r.len.clone())
}

fn range_reversed(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(range_reversed_iter(&args[0]))
}

pub struct PyRangeIter {
    next: Cell<i64>,
    step: i64,
    remaining: Cell<i64>,
}

impl PyPayload for PyRangeIter {
    fn static_type() -> &'static PyTypeObject {
        &RANGE_ITER_TYPE
    }
}

pub static RANGE_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("range_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyRangeIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(range_iternext)),
        tp_methods: RANGE_ITER_METHODS,
        ..PyTypeData::BASE
    },
));

static RANGE_ITER_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", |_, a, _| {
    Ok(int::new_int(a[0].downcast::<PyRangeIter>().unwrap().remaining.get()))
})];

fn range_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    Ok(range_iter_next(o.downcast::<PyRangeIter>().unwrap()))
}

/// The next value of a range iterator (`FOR_ITER_RANGE` calls this directly).
#[inline(always)]
pub fn range_iter_next(it: &PyRangeIter) -> Option<PyRef> {
    let n = it.remaining.get();
    if n <= 0 {
        return None;
    }
    let v = it.next.get();
    it.remaining.set(n - 1);
    if n > 1 {
        it.next.set(v + it.step);
    }
    Some(int::new_int(v))
}

pub struct PyLongRangeIter {
    next: RefCell<IBig>,
    step: IBig,
    remaining: RefCell<IBig>,
}

impl PyPayload for PyLongRangeIter {
    fn static_type() -> &'static PyTypeObject {
        &LONGRANGE_ITER_TYPE
    }
}

pub static LONGRANGE_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("longrange_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyLongRangeIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(longrange_iternext)),
        ..PyTypeData::BASE
    },
));

fn longrange_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyLongRangeIter>().unwrap();
    if *it.remaining.borrow() <= IBig::ZERO {
        return Ok(None);
    }
    *it.remaining.borrow_mut() -= IBig::ONE;
    let v = it.next.borrow().clone();
    *it.next.borrow_mut() += &it.step;
    Ok(Some(int_obj(v)))
}
