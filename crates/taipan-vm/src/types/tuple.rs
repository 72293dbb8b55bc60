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
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(tuple_len)),
            sq_concat: Cell::new(Some(tuple_concat)),
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

pub fn new_tuple(items: Vec<PyRef>) -> PyRef {
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
        [] => vec![],
        [x] => {
            if std::ptr::eq(tp, &*TUPLE_TYPE) && std::ptr::eq(x.ob_type(), &*TUPLE_TYPE) {
                return Ok(x.clone());
            }
            crate::protocol::iterate(vm, x)?
        }
        _ => return Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", args.len()))),
    };
    Ok(alloc_object(tp, PyTuple { items: items.into_boxed_slice() }))
}
