//! `list`: a `RefCell<Vec<PyRef>>`. Borrows are never held across calls into Python
//! (comparisons copy the items they need out first).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, MappingSlots, SequenceSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::function::{check_arity, MethodDef};
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyList {
    pub items: RefCell<Vec<PyRef>>,
}

impl PyPayload for PyList {
    fn static_type() -> &'static PyTypeObject {
        &LIST_TYPE
    }
}

pub static LIST_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("list"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::LIST_SUBCLASS | flags::SEQUENCE),
        tp_dealloc: Cell::new(dealloc::<PyList>),
        tp_repr: Cell::new(Some(list_repr)),
        tp_richcompare: Cell::new(Some(list_richcompare)),
        tp_iter: Cell::new(Some(list_iter)),
        tp_new: Cell::new(Some(list_new)),
        tp_init: Cell::new(Some(list_init)),
        tp_as_sequence: SequenceSlots {
            sq_length: Cell::new(Some(list_len)),
            sq_concat: Cell::new(Some(list_concat)),
            sq_contains: Cell::new(Some(list_contains)),
            sq_inplace_concat: Cell::new(Some(list_inplace_concat)),
            ..SequenceSlots::EMPTY
        },
        tp_as_mapping: MappingSlots {
            mp_length: Cell::new(Some(list_len)),
            mp_subscript: Cell::new(Some(list_subscript)),
            mp_ass_subscript: Cell::new(Some(list_ass_subscript)),
        },
        tp_methods: LIST_METHODS,
        ..PyTypeData::BASE
    },
));

static LIST_METHODS: &[MethodDef] = &[
    MethodDef::method("append", list_append),
    MethodDef::method("pop", list_pop),
    MethodDef::method("extend", list_extend),
];

pub fn new_list(items: Vec<PyRef>) -> PyRef {
    alloc_object(&LIST_TYPE, PyList { items: RefCell::new(items) })
}

#[inline]
pub fn downcast_list(obj: &PyObject) -> Option<&PyList> {
    obj.downcast::<PyList>().map(|l| &l.payload)
}

/// A snapshot of a list's items.
pub fn list_items(obj: &PyObject) -> Vec<PyRef> {
    downcast_list(obj).expect("a list").items.borrow().clone()
}

/// `list.append` (LIST_APPEND).
pub fn append(obj: &PyObject, v: PyRef) {
    downcast_list(obj).expect("a list").items.borrow_mut().push(v);
}

fn list_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let items = list_items(o);
    if items.is_empty() {
        return Ok(pystr::new_str("[]"));
    }
    if !crate::protocol::repr_enter(vm, o) {
        return Ok(pystr::new_str("[...]"));
    }
    let r = (|| {
        let mut s = String::from("[");
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&crate::protocol::repr_string(vm, it)?);
        }
        s.push(']');
        Ok(pystr::new_str(&s))
    })();
    crate::protocol::repr_leave(vm, o);
    r
}

fn list_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(_), Some(_)) = (downcast_list(a), downcast_list(b)) else {
        return Ok(none::not_implemented());
    };
    tuple::sequence_richcompare(vm, &list_items(a), &list_items(b), op)
}

fn list_len(_vm: &Vm, o: &PyObject) -> PyResult<usize> {
    Ok(downcast_list(o).unwrap().items.borrow().len())
}

fn list_concat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let Some(y) = downcast_list(b) else {
        return Err(vm.type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            b.ob_type().name()
        )));
    };
    let mut v = list_items(a);
    v.extend(y.items.borrow().iter().cloned());
    Ok(new_list(v))
}

fn list_inplace_concat(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let items = crate::protocol::iterate(vm, b)?;
    downcast_list(a).unwrap().items.borrow_mut().extend(items);
    Ok(a.to_ref())
}

fn list_contains(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let mut i = 0;
    loop {
        let it = match downcast_list(a).unwrap().items.borrow().get(i) {
            Some(it) => it.clone(),
            None => return Ok(false),
        };
        if crate::protocol::eq_identity_first(vm, &it, b)? {
            return Ok(true);
        }
        i += 1;
    }
}

fn list_subscript(vm: &Vm, a: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        let items = list_items(a);
        return Ok(new_list(sl.select(vm, &items)?));
    }
    let i = crate::protocol::index_as_isize_for(vm, key, "list indices must be integers or slices, not")?;
    let items = downcast_list(a).unwrap().items.borrow();
    let n = items.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("list index out of range"));
    }
    Ok(items[j as usize].clone())
}

fn list_ass_subscript(vm: &Vm, a: &PyObject, key: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    if key.downcast::<crate::types::slice::PySlice>().is_some() {
        return Err(vm.not_implemented_error("slice assignment is not implemented yet"));
    }
    let i = crate::protocol::index_as_isize_for(vm, key, "list indices must be integers or slices, not")?;
    let old = {
        let mut items = downcast_list(a).unwrap().items.borrow_mut();
        let n = items.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.index_error(if value.is_some() {
                "list assignment index out of range"
            } else {
                "list assignment index out of range"
            }));
        }
        match value {
            Some(v) => std::mem::replace(&mut items[j as usize], v.to_ref()),
            None => items.remove(j as usize),
        }
    };
    drop(old);
    Ok(())
}

fn list_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyList { items: RefCell::new(Vec::new()) }))
}

fn list_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, "list", kwnames)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("list expected at most 1 argument, got {}", args.len())));
    }
    let items = match args.first() {
        Some(x) => crate::protocol::iterate(vm, x)?,
        None => vec![],
    };
    let old = std::mem::replace(&mut *downcast_list(obj).unwrap().items.borrow_mut(), items);
    drop(old);
    Ok(())
}

fn list_append(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "list.append", &args[1..], 1, 1)?;
    append(&args[0], args[1].clone());
    Ok(none::none())
}

fn list_extend(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "list.extend", &args[1..], 1, 1)?;
    let items = crate::protocol::iterate(vm, &args[1])?;
    downcast_list(&args[0]).unwrap().items.borrow_mut().extend(items);
    Ok(none::none())
}

fn list_pop(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "pop", &args[1..], 0, 1)?;
    let l = downcast_list(&args[0]).unwrap();
    let i = match args.get(1) {
        Some(i) => crate::protocol::index_as_isize(vm, i)?,
        None => -1,
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = items.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

pub struct PyListIter {
    pub list: PyRef,
    pub index: Cell<usize>,
}

impl PyPayload for PyListIter {
    fn static_type() -> &'static PyTypeObject {
        &LIST_ITER_TYPE
    }
}

pub static LIST_ITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("list_iterator"),
        tp_dealloc: Cell::new(dealloc::<PyListIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(list_iternext)),
        ..PyTypeData::BASE
    },
));

fn list_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(alloc_object(&LIST_ITER_TYPE, PyListIter { list: o.to_ref(), index: Cell::new(0) }))
}

fn list_iternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyListIter>().unwrap();
    let i = it.index.get();
    let v = downcast_list(&it.list).unwrap().items.borrow().get(i).cloned();
    if v.is_some() {
        it.index.set(i + 1);
    }
    Ok(v)
}
