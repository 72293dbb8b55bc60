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

impl Drop for PyList {
    /// `list_dealloc` releases the items last to first (observable through `__del__`).
    fn drop(&mut self) {
        let v = self.items.get_mut();
        while let Some(x) = v.pop() {
            drop(x);
        }
    }
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
            sq_repeat: Cell::new(Some(list_repeat)),
            sq_inplace_repeat: Cell::new(Some(list_inplace_repeat)),
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
    MethodDef::method("insert", list_insert),
    MethodDef::method("remove", list_remove),
    MethodDef::method("index", list_index),
    MethodDef::method("count", list_count),
    MethodDef::method("reverse", list_reverse),
    MethodDef::method("copy", list_copy),
    MethodDef::method("clear", list_clear),
    MethodDef::method("sort", list_sort),
    MethodDef::method("__reversed__", list_reversed),
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
        // Unpack first (may run __index__), then copy only the selected items.
        let (start, stop, step) = sl.indices_opt(vm)?;
        let items = downcast_list(a).unwrap().items.borrow();
        let (start, _, step, n) = crate::types::slice::adjust_indices(start, stop, step, items.len());
        let selected: Vec<PyRef> = (0..n).map(|k| items[(start + k as isize * step) as usize].clone()).collect();
        drop(items);
        return Ok(new_list(selected));
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
    if let Some(sl) = key.downcast::<crate::types::slice::PySlice>() {
        return list_ass_slice(vm, a, sl, value);
    }
    let i = crate::protocol::index_as_isize_for(vm, key, "list indices must be integers or slices, not")?;
    let old = {
        let mut items = downcast_list(a).unwrap().items.borrow_mut();
        let n = items.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.index_error("list assignment index out of range"));
        }
        match value {
            Some(v) => std::mem::replace(&mut items[j as usize], v.to_ref()),
            None => items.remove(j as usize),
        }
    };
    drop(old);
    Ok(())
}

fn list_ass_slice(vm: &Vm, a: &PyObject, sl: &crate::types::slice::PySlice, value: Option<&PyObject>) -> PyResult<()> {
    let l = downcast_list(a).unwrap();
    let new: Option<Vec<PyRef>> = match value {
        Some(v) if v.is(a) => Some(list_items(a)),
        Some(v) => Some(
            crate::protocol::iterate(vm, v)
                .map_err(|e| if e.matches(&crate::types::exceptions::TYPE_ERROR) && v.ob_type().tp_iter.get().is_none() { vm.type_error("must assign iterable to extended slice") } else { e })?,
        ),
        None => None,
    };
    let n = l.items.borrow().len();
    let (start, stop, step, slicelen) = sl.adjust(vm, n)?;
    let removed: Vec<PyRef>;
    if step == 1 {
        let start = start.max(0) as usize;
        let stop = (stop.max(start as isize) as usize).min(n).max(start);
        let mut items = l.items.borrow_mut();
        removed = items.splice(start..stop, new.unwrap_or_default()).collect();
    } else {
        match new {
            None => {
                let mut idx: Vec<usize> = (0..slicelen).map(|k| (start + k as isize * step) as usize).collect();
                idx.sort_unstable();
                let mut items = l.items.borrow_mut();
                let mut out = Vec::with_capacity(idx.len());
                for &i in idx.iter().rev() {
                    out.push(items.remove(i));
                }
                removed = out;
            }
            Some(vals) => {
                if vals.len() != slicelen {
                    return Err(vm.value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {slicelen}",
                        vals.len()
                    )));
                }
                let mut items = l.items.borrow_mut();
                let mut out = Vec::with_capacity(slicelen);
                for (k, v) in vals.into_iter().enumerate() {
                    let i = (start + k as isize * step) as usize;
                    out.push(std::mem::replace(&mut items[i], v));
                }
                removed = out;
            }
        }
    }
    drop(removed);
    Ok(())
}

fn list_repeat(_vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    let items = list_items(a);
    let n = n.max(0) as usize;
    let mut v = Vec::with_capacity(items.len().saturating_mul(n));
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    Ok(new_list(v))
}

fn list_inplace_repeat(_vm: &Vm, a: &PyObject, n: isize) -> PyResult<PyRef> {
    let items = list_items(a);
    let n = n.max(0) as usize;
    let mut v = Vec::with_capacity(items.len().saturating_mul(n));
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    let old = std::mem::replace(&mut *downcast_list(a).unwrap().items.borrow_mut(), v);
    drop(old);
    Ok(a.to_ref())
}

/// Clamp an `index()`-style bound argument into `0..=len`.
fn bound(vm: &Vm, o: Option<&PyRef>, default: isize, len: usize) -> PyResult<usize> {
    let v = match o {
        Some(o) => crate::protocol::index_as_isize_for(vm, o, "slice indices must be integers or have an __index__ method")?,
        None => default,
    };
    let n = len as isize;
    Ok(if v < 0 { (v + n).max(0) as usize } else { v.min(n) as usize })
}

fn list_insert(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "insert", &args[1..], 2, 2)?;
    let i = crate::protocol::index_as_isize(vm, &args[1])?;
    let mut items = downcast_list(&args[0]).unwrap().items.borrow_mut();
    let n = items.len() as isize;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(j as usize, args[2].clone());
    Ok(none::none())
}

/// The first position of `x` in `a[start..stop]`, comparing without holding the borrow.
fn find(vm: &Vm, a: &PyObject, x: &PyObject, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    loop {
        let it = {
            let items = downcast_list(a).unwrap().items.borrow();
            if i >= stop.min(items.len()) {
                return Ok(None);
            }
            items[i].clone()
        };
        if crate::protocol::eq_identity_first(vm, &it, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn list_remove(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "list.remove", &args[1..], 1, 1)?;
    match find(vm, &args[0], &args[1], 0, usize::MAX)? {
        Some(i) => {
            let old = {
                let mut items = downcast_list(&args[0]).unwrap().items.borrow_mut();
                if i < items.len() { Some(items.remove(i)) } else { None }
            };
            drop(old);
            Ok(none::none())
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn list_index(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "index", &args[1..], 1, 3)?;
    let n = downcast_list(&args[0]).unwrap().items.borrow().len();
    let start = bound(vm, args.get(2), 0, n)?;
    let stop = bound(vm, args.get(3), isize::MAX, n)?;
    match find(vm, &args[0], &args[1], start, stop)? {
        Some(i) => Ok(crate::types::int::new_int(i as i64)),
        None => Err(vm.value_error(format!("{} is not in list", crate::protocol::repr_string(vm, &args[1])?))),
    }
}

fn list_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("list.count() takes exactly one argument ({} given)", args.len() - 1)));
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(j) = find(vm, &args[0], &args[1], i, usize::MAX)? {
        c += 1;
        i = j + 1;
    }
    Ok(crate::types::int::new_int(c))
}

fn no_args(vm: &Vm, name: &str, args: &[PyRef]) -> PyResult<()> {
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({} given)", args.len() - 1)));
    }
    Ok(())
}

fn list_reverse(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "list.reverse", args)?;
    downcast_list(&args[0]).unwrap().items.borrow_mut().reverse();
    Ok(none::none())
}

fn list_copy(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "list.copy", args)?;
    Ok(new_list(list_items(&args[0])))
}

fn list_clear(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "list.clear", args)?;
    let old = std::mem::take(&mut *downcast_list(&args[0]).unwrap().items.borrow_mut());
    drop(old);
    Ok(none::none())
}

/// `list.sort(*, key=None, reverse=False)` on list `l`; `args` are the keyword values.
pub fn list_sort_impl(vm: &Vm, l: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    if args.len() > kwnames.len() {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kwnames.iter().zip(args) {
        match pystr::to_string(k).as_str() {
            "key" => key = if v.is(none::none_ref()) { None } else { Some(v) },
            "reverse" => reverse = crate::protocol::is_true(vm, v)?,
            other => return Err(vm.type_error(format!("sort() got an unexpected keyword argument '{other}'"))),
        }
    }
    let lst = downcast_list(l).unwrap();
    let mut items = std::mem::take(&mut *lst.items.borrow_mut());
    let r = crate::types::list_sort::sort_vec(vm, &mut items, key, reverse);
    let meanwhile = std::mem::replace(&mut *lst.items.borrow_mut(), items);
    let modified = !meanwhile.is_empty();
    drop(meanwhile);
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(())
}

fn list_sort(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    list_sort_impl(vm, &args[0], &args[1..], kwnames)?;
    Ok(none::none())
}

fn list_reversed(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    no_args(vm, "list.__reversed__", args)?;
    let n = downcast_list(&args[0]).unwrap().items.borrow().len();
    Ok(alloc_object(&LIST_REVITER_TYPE, PyListRevIter { list: args[0].clone(), index: Cell::new(n as isize - 1) }))
}

pub struct PyListRevIter {
    pub list: PyRef,
    pub index: Cell<isize>,
}

impl PyPayload for PyListRevIter {
    fn static_type() -> &'static PyTypeObject {
        &LIST_REVITER_TYPE
    }
}

pub static LIST_REVITER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("list_reverseiterator"),
        tp_dealloc: Cell::new(dealloc::<PyListRevIter>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(list_reviternext)),
        ..PyTypeData::BASE
    },
));

fn list_reviternext(_vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = o.downcast::<PyListRevIter>().unwrap();
    let i = it.index.get();
    if i < 0 {
        return Ok(None);
    }
    let v = downcast_list(&it.list).unwrap().items.borrow().get(i as usize).cloned();
    it.index.set(if v.is_some() { i - 1 } else { -1 });
    Ok(v)
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
        Some(x) => iterate_hinted(vm, x)?,
        None => vec![],
    };
    let old = std::mem::replace(&mut *downcast_list(obj).unwrap().items.borrow_mut(), items);
    drop(old);
    Ok(())
}

/// The items of an iterable as `list_extend` collects them: a list or tuple is copied,
/// anything else is iterated with its length hint asked first (for the capacity).
fn iterate_hinted(vm: &Vm, x: &PyObject) -> PyResult<Vec<PyRef>> {
    if crate::types::tuple::downcast_tuple(x).is_some() || downcast_list(x).is_some() {
        return crate::protocol::iterate(vm, x);
    }
    let it = crate::protocol::getiter(vm, x)?;
    let n = crate::protocol::length_hint(vm, x, 8)?;
    let mut v = Vec::with_capacity(n.min(1 << 16));
    while let Some(item) = crate::protocol::next(vm, &it)? {
        v.push(item);
    }
    Ok(v)
}

fn list_append(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "list.append", &args[1..], 1, 1)?;
    append(&args[0], args[1].clone());
    Ok(none::none())
}

fn list_extend(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "list.extend", &args[1..], 1, 1)?;
    let items = iterate_hinted(vm, &args[1])?;
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
    Ok(list_iter_next(o.downcast::<PyListIter>().unwrap()))
}

/// The next item of a list iterator (`FOR_ITER_LIST` calls this directly).
#[inline(always)]
pub fn list_iter_next(it: &PyListIter) -> Option<PyRef> {
    let i = it.index.get();
    let v = downcast_list(&it.list).unwrap().items.borrow().get(i).cloned();
    if v.is_some() {
        it.index.set(i + 1);
    }
    v
}
