//! `tuple`: an immutable boxed slice of references.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, MappingSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{iter, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyTuple {
    pub items: Box<[PyRef]>,
}

impl Drop for PyTuple {
    /// `tupledealloc` releases the items last to first (observable through `__del__`).
    fn drop(&mut self) {
        let mut v = std::mem::take(&mut self.items).into_vec();
        while let Some(x) = v.pop() {
            drop(x);
        }
    }
}

impl PyPayload for PyTuple {
    fn static_type() -> &'static PyTypeObject {
        &TUPLE_TYPE
    }
}

pub static TUPLE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("tuple"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::TUPLE_SUBCLASS | flags::SEQUENCE),
        tp_dealloc: Cell::new(dealloc::<PyTuple>),
        tp_repr: Cell::new(Some(tuple_repr)),
        tp_hash: Cell::new(Some(tuple_hash)),
        tp_richcompare: Cell::new(Some(tuple_richcompare)),
        tp_iter: Cell::new(Some(tuple_iter)),
        tp_new: Cell::new(Some(tuple_new)),
        tp_methods: TUPLE_METHODS,
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(tuple_len)),
            sq_concat: Cell::new(Some(tuple_concat)),
            sq_repeat: Cell::new(Some(tuple_repeat)),
            sq_contains: Cell::new(Some(tuple_contains)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(tuple_len)),
            mp_subscript: Cell::new(Some(tuple_subscript)),
            ..MappingSlots::EMPTY
        },
        ..PyTypeData::BASE
    },
));

/// The empty tuple: one object for the process, as in CPython (`() is ()`).
static EMPTY: Static<Cell<*const PyObject>> = Static(Cell::new(std::ptr::null()));

pub fn empty_tuple() -> PyRef {
    let p = EMPTY.get();
    if p.is_null() {
        let t = alloc_object(&TUPLE_TYPE, PyTuple { items: Box::new([]) });
        // Kept for the life of the process: this reference is never released.
        EMPTY.set(t.clone().into_raw().as_ptr());
        return t;
    }
    // SAFETY: set above to an object that is never freed.
    unsafe { &*p }.to_ref()
}

pub fn new_tuple(items: Vec<PyRef>) -> PyRef {
    if items.is_empty() {
        return empty_tuple();
    }
    alloc_object(&TUPLE_TYPE, PyTuple { items: items.into_boxed_slice() })
}

#[inline]
pub fn downcast_tuple(obj: &PyObject) -> Option<&[PyRef]> {
    obj.downcast::<PyTuple>().map(|t| &*t.payload.items)
}

/// The items of an object known to be a tuple.
#[inline]
pub fn tuple_items(obj: &PyObject) -> &[PyRef] {
    downcast_tuple(obj).expect("a tuple")
}

fn tuple_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let items = tuple_items(o);
    if items.is_empty() {
        return Ok(pystr::new_str("()"));
    }
    if !crate::protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str("(...)"));
    }
    let r = (|| {
        let mut s = String::from("(");
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&crate::protocol::repr_string(vm, it)?);
        }
        if items.len() == 1 {
            s.push(',');
        }
        s.push(')');
        Ok(pystr::new_str(&s))
    })();
    crate::protocol::repr_leave(vm, o);
    r
}

fn tuple_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let mut hs = Vec::with_capacity(tuple_items(o).len());
    for it in tuple_items(o) {
        hs.push(crate::protocol::hash(vm, it)?);
    }
    Ok(crate::hash::hash_tuple(&hs))
}

/// Lexicographic rich comparison of two sequences of references (tuple and list).
pub fn sequence_richcompare(vm: &Vm, a: &[PyRef], b: &[PyRef], op: CompareOp) -> PyResult<PyRef> {
    if a.len() != b.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::bool_(op == CompareOp::Ne));
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        if !crate::protocol::eq_identity_first(vm, &a[i], &b[i])? {
            return match op {
                CompareOp::Eq => Ok(none::false_()),
                CompareOp::Ne => Ok(none::true_()),
                _ => crate::protocol::richcompare(vm, &a[i], &b[i], op),
            };
        }
    }
    let (x, y) = (a.len(), b.len());
    let r = match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    };
    Ok(none::bool_(r))
}

fn tuple_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (downcast_tuple(a), downcast_tuple(b)) else {
        return Ok(none::not_implemented());
    };
    sequence_richcompare(vm, x, y, op)
}

fn tuple_len(_vm: &Vm, o: &PyObject) -> PyResult<usize> {
    Ok(tuple_items(o).len())
}

fn tuple_concat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(y) = downcast_tuple(b) else {
        return Err(vm.type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            b.ob_type().name()
        )));
    };
    let mut v = tuple_items(a).to_vec();
    v.extend_from_slice(y);
    Ok(new_tuple(v))
}

fn tuple_contains(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    for it in tuple_items(a) {
        if crate::protocol::eq_identity_first(vm, it, b)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn tuple_subscript(vm: &Vm, a: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let items = tuple_items(a);
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let v = sl.select(vm, items)?;
        if v.len() == items.len() && std::ptr::eq(a.ob_type(), &*TUPLE_TYPE) && v.iter().zip(items).all(|(x, y)| x.is(y)) {
            return Ok(a.to_ref()); // t[:] is t
        }
        return Ok(new_tuple(v));
    }
    let i = crate::protocol::index_as_isize_for(vm, key, "tuple indices must be integers or slices, not")?;
    let n = items.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("tuple index out of range"));
    }
    Ok(items[j as usize].clone())
}

fn tuple_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(alloc_object(&TUPLE_ITER_TYPE, iter::PyTupleIter { tuple: o.to_ref(), index: Cell::new(0) }))
}

pub static TUPLE_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("tuple_iterator"),
        tp_dealloc: Cell::new(dealloc::<iter::PyTupleIter>),
        tp_iter: Cell::new(Some(iter::self_iter)),
        tp_iternext: Cell::new(Some(tuple_iternext)),
        ..PyTypeData::BASE
    },
));

impl PyPayload for iter::PyTupleIter {
    fn static_type() -> &'static PyTypeObject {
        &TUPLE_ITER_TYPE
    }
}

fn tuple_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<iter::PyTupleIter>().unwrap();
    let items = tuple_items(&it.tuple);
    let i = it.index.get();
    if i < items.len() {
        it.index.set(i + 1);
        Ok(Some(items[i].clone()))
    } else {
        Ok(None)
    }
}

fn tuple_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    crate::types::function::no_kwargs(vm, "tuple", kwnames)?;
    let items = match args {
        [] if std::ptr::eq(tp, &*TUPLE_TYPE) => return Ok(empty_tuple()),
        [] => vec![],
        [x] => {
            if std::ptr::eq(tp, &*TUPLE_TYPE) && std::ptr::eq(x.ob_type(), &*TUPLE_TYPE) {
                return Ok(x.clone());
            }
            crate::protocol::iterate(vm, x)?
        }
        _ => return Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", args.len()))),
    };
    if items.is_empty() && std::ptr::eq(tp, &*TUPLE_TYPE) {
        return Ok(empty_tuple());
    }
    Ok(alloc_object(tp, PyTuple { items: items.into_boxed_slice() }))
}

fn tuple_repeat(vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    let items = tuple_items(a);
    if n == 1 && std::ptr::eq(a.ob_type(), &*TUPLE_TYPE) {
        return Ok(a.to_ref());
    }
    if n <= 0 || items.is_empty() {
        return Ok(empty_tuple());
    }
    let total = items.len().checked_mul(n as usize).filter(|&t| t <= isize::MAX as usize / 8).ok_or_else(|| vm.new_error(&crate::types::exceptions::MEMORY_ERROR, ""))?;
    let mut v = Vec::with_capacity(total);
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    Ok(new_tuple(v))
}

static TUPLE_METHODS: &[crate::types::function::MethodDef] = &[
    crate::types::function::MethodDef::method("count", tuple_count),
    crate::types::function::MethodDef::method("index", tuple_index),
];

fn tuple_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "count", &args[1..], 1, 1)?;
    let mut n = 0;
    for it in tuple_items(&args[0]).to_vec() {
        if crate::protocol::eq_identity_first(vm, &it, &args[1])? {
            n += 1;
        }
    }
    Ok(crate::types::int::new_int(n))
}

fn tuple_index(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "index", &args[1..], 1, 3)?;
    let items = tuple_items(&args[0]).to_vec();
    let len = items.len() as isize;
    let bound = |i: usize, dflt: isize| -> PyResult<isize> {
        match args.get(i) {
            None => Ok(dflt),
            Some(v) => {
                let x = crate::protocol::index_as_isize_for(vm, v, "slice indices must be integers or have an __index__ method, not")?;
                Ok(if x < 0 { (x + len).max(0) } else { x.min(len) })
            }
        }
    };
    let (start, stop) = (bound(2, 0)?, bound(3, len)?);
    for i in start.max(0)..stop.min(len) {
        if crate::protocol::eq_identity_first(vm, &items[i as usize], &args[1])? {
            return Ok(crate::types::int::new_int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}
