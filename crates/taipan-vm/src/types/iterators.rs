//! The lazy iterator types of `builtins`: `enumerate`, `zip`, `map`, `filter`,
//! `reversed` and `callable_iterator` (`iter(callable, sentinel)`).
//!
//! Each keeps its source iterators in a `RefCell<Option<..>>` which is cleared when it is
//! exhausted (as CPython drops them), so later `next()` calls answer exhaustion at once.
//! Borrows are released before calling `next` on a source (which may run Python code).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::function::MethodDef;
use crate::types::{int, tuple, type_};
use crate::vm::Vm;

macro_rules! iter_type {
    ($static:ident, $name:literal, $payload:ty, $next:expr, $new:expr, $methods:expr) => {
        impl PyPayload for $payload {
            fn static_type() -> &'static PyTypeObject {
                &$static
            }
        }
        pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_flags: Cell::new(flags::BASETYPE),
                tp_dealloc: Cell::new(dealloc::<$payload>),
                tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
                tp_iternext: Cell::new(Some($next)),
                tp_new: Cell::new($new),
                tp_methods: $methods,
                ..PyTypeData::BASE
            },
        ));
    };
}

/// Positional arguments and the value of each allowed keyword (TypeError for others).
fn parse_kw<'a, const N: usize>(
    vm: &Vm,
    fname: &str,
    args: &'a [PyRef],
    kwnames: &[PyRef],
    names: [&str; N],
) -> PyResult<(&'a [PyRef], [Option<&'a PyRef>; N])> {
    let npos = args.len() - kwnames.len();
    let mut out = [None; N];
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = crate::types::str::to_string(k);
        match names.iter().position(|n| *n == k) {
            Some(i) => out[i] = Some(v),
            None => return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    Ok((&args[..npos], out))
}

// --- enumerate ---------------------------------------------------------------------------

pub struct PyEnumerate {
    iter: PyRef,
    index: RefCell<PyRef>,
    small: Cell<Option<i64>>,
}

iter_type!(ENUMERATE_TYPE, "enumerate", PyEnumerate, enumerate_next, Some(enumerate_new), &[]);

fn enumerate_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kw) = parse_kw(vm, "enumerate", args, kwnames, ["iterable", "start"])?;
    let mut iterable = kw[0];
    let mut start = kw[1];
    match pos.len() {
        0 => {}
        1 if iterable.is_none() => iterable = Some(&pos[0]),
        2 if iterable.is_none() && start.is_none() => {
            iterable = Some(&pos[0]);
            start = Some(&pos[1]);
        }
        n => {
            return Err(vm.type_error(if n > 2 {
                format!("enumerate() takes at most 2 arguments ({} given)", args.len())
            } else {
                "enumerate() got multiple values for argument 'iterable'".to_string()
            }))
        }
    }
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let start = match start {
        Some(s) => protocol::index(vm, s).map_err(|_| {
            vm.type_error(format!("'{}' object cannot be interpreted as an integer", s.ob_type().name()))
        })?,
        None => int::new_int(0),
    };
    let small = int::downcast_int(&start).and_then(|i| i.as_i64());
    let tp = type_::as_type(vm, cls)?;
    let iter = protocol::getiter(vm, iterable)?;
    Ok(alloc_object(tp, PyEnumerate { iter, index: RefCell::new(start), small: Cell::new(small) }))
}

fn enumerate_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let e = o.downcast::<PyEnumerate>().unwrap();
    let Some(v) = protocol::next(vm, &e.iter)? else { return Ok(None) };
    let idx = match e.small.get() {
        Some(n) => {
            match n.checked_add(1) {
                Some(m) => e.small.set(Some(m)),
                None => {
                    e.small.set(None);
                    *e.index.borrow_mut() = int::new_bigint(dashu_int::IBig::from(n) + dashu_int::IBig::ONE);
                }
            }
            int::new_int(n)
        }
        None => {
            let cur = e.index.borrow().clone();
            let nx = int::downcast_int(&cur).unwrap().to_ibig() + dashu_int::IBig::ONE;
            *e.index.borrow_mut() = int::new_bigint(nx);
            cur
        }
    };
    Ok(Some(tuple::new_tuple(vec![idx, v])))
}

// --- zip ---------------------------------------------------------------------------------

pub struct PyZip {
    iters: RefCell<Option<Vec<PyRef>>>,
    strict: bool,
}

iter_type!(ZIP_TYPE, "zip", PyZip, zip_next, Some(zip_new), &[]);

fn zip_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kw) = parse_kw(vm, "zip", args, kwnames, ["strict"])?;
    let strict = match kw[0] {
        Some(s) => protocol::is_true(vm, s)?,
        None => false,
    };
    let mut iters = Vec::with_capacity(pos.len());
    for a in pos {
        iters.push(protocol::getiter(vm, a)?);
    }
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyZip { iters: RefCell::new(Some(iters)), strict }))
}

fn zip_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let z = o.downcast::<PyZip>().unwrap();
    let Some(iters) = z.iters.borrow().clone() else { return Ok(None) };
    if iters.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(iters.len());
    for (i, it) in iters.iter().enumerate() {
        match protocol::next(vm, it)? {
            Some(v) => out.push(v),
            None => {
                *z.iters.borrow_mut() = None;
                if z.strict {
                    let plural = |i: usize| if i == 1 { " 1".to_string() } else { format!("s 1-{i}") };
                    if i > 0 {
                        return Err(vm.value_error(format!(
                            "zip() argument {} is shorter than argument{}",
                            i + 1,
                            plural(i)
                        )));
                    }
                    for (j, it2) in iters.iter().enumerate().skip(1) {
                        if protocol::next(vm, it2)?.is_some() {
                            return Err(vm.value_error(format!(
                                "zip() argument {} is longer than argument{}",
                                j + 1,
                                plural(j)
                            )));
                        }
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(tuple::new_tuple(out)))
}

// --- map ---------------------------------------------------------------------------------

pub struct PyMap {
    func: PyRef,
    iters: Vec<PyRef>,
}

iter_type!(MAP_TYPE, "map", PyMap, map_next, Some(map_new), &[]);

fn map_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    if std::ptr::eq(cls, MAP_TYPE.as_object()) {
        crate::types::function::no_kwargs(vm, "map", kwnames)?;
    }
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        iters.push(protocol::getiter(vm, a)?);
    }
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyMap { func: args[0].clone(), iters }))
}

fn map_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let m = o.downcast::<PyMap>().unwrap();
    let mut vals = Vec::with_capacity(m.iters.len());
    for it in &m.iters {
        match protocol::next(vm, it)? {
            Some(v) => vals.push(v),
            None => return Ok(None),
        }
    }
    protocol::call(vm, &m.func, &vals, &[]).map(Some)
}

// --- filter ------------------------------------------------------------------------------

pub struct PyFilter {
    func: PyRef,
    iter: PyRef,
}

iter_type!(FILTER_TYPE, "filter", PyFilter, filter_next, Some(filter_new), &[]);

fn filter_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    if std::ptr::eq(cls, FILTER_TYPE.as_object()) {
        crate::types::function::no_kwargs(vm, "filter", kwnames)?;
    }
    crate::types::function::check_arity(vm, "filter", args, 2, 2)?;
    let iter = protocol::getiter(vm, &args[1])?;
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyFilter { func: args[0].clone(), iter }))
}

fn filter_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let f = o.downcast::<PyFilter>().unwrap();
    let identity = f.func.is(crate::types::none::none_ref()) || f.func.is(int::BOOL_TYPE.as_object());
    loop {
        let Some(v) = protocol::next(vm, &f.iter)? else { return Ok(None) };
        let ok = if identity {
            protocol::is_true(vm, &v)?
        } else {
            let r = protocol::call(vm, &f.func, &[v.clone()], &[])?;
            protocol::is_true(vm, &r)?
        };
        if ok {
            return Ok(Some(v));
        }
    }
}

// --- reversed ----------------------------------------------------------------------------

pub struct PyReversed {
    seq: RefCell<Option<PyRef>>,
    index: Cell<isize>,
}

iter_type!(REVERSED_TYPE, "reversed", PyReversed, reversed_next, Some(reversed_new), REVERSED_METHODS);

static REVERSED_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", |_, a, _| {
    let r = a[0].downcast::<PyReversed>().unwrap();
    let n = if r.seq.borrow().is_some() { r.index.get() + 1 } else { 0 };
    Ok(int::new_int(n as i64))
})];

/// A `reversed` iterator over a sequence (`__len__` and `__getitem__`).
pub fn new_reversed(seq: PyRef, len: usize) -> PyRef {
    alloc_object(&REVERSED_TYPE, PyReversed { seq: RefCell::new(Some(seq)), index: Cell::new(len as isize - 1) })
}

fn reversed_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    if std::ptr::eq(cls, REVERSED_TYPE.as_object()) {
        crate::types::function::no_kwargs(vm, "reversed", kwnames)?;
    }
    crate::types::function::check_arity(vm, "reversed", args, 1, 1)?;
    let seq = &args[0];
    if let Some(m) = protocol::lookup_special(vm, seq, "__reversed__")? {
        if m.is(crate::types::none::none_ref()) {
            return Err(vm.type_error(format!("'{}' object is not reversible", seq.ob_type().name())));
        }
        return protocol::call(vm, &m, &[], &[]);
    }
    let t = seq.ob_type();
    let has_getitem = t.tp_as_mapping.mp_subscript.get().is_some() || t.tp_as_sequence.sq_item.get().is_some();
    let is_dict = t.tp_flags.get() & flags::DICT_SUBCLASS != 0;
    if !has_getitem || is_dict || (t.tp_as_sequence.sq_length.get().is_none() && t.tp_as_mapping.mp_length.get().is_none()) {
        return Err(vm.type_error(format!("'{}' object is not reversible", t.name())));
    }
    let n = protocol::len(vm, seq)?;
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(tp, PyReversed { seq: RefCell::new(Some(seq.clone())), index: Cell::new(n as isize - 1) }))
}

fn reversed_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let r = o.downcast::<PyReversed>().unwrap();
    let Some(seq) = r.seq.borrow().clone() else { return Ok(None) };
    let i = r.index.get();
    if i >= 0 {
        match protocol::getitem(vm, &seq, &int::new_int(i as i64)) {
            Ok(v) => {
                r.index.set(i - 1);
                return Ok(Some(v));
            }
            Err(e)
                if e.matches(&crate::types::exceptions::INDEX_ERROR)
                    || e.matches(&crate::types::exceptions::STOP_ITERATION) => {}
            Err(e) => return Err(e),
        }
    }
    r.index.set(-1);
    *r.seq.borrow_mut() = None;
    Ok(None)
}

// --- callable_iterator -------------------------------------------------------------------

pub struct PyCallIter {
    func: RefCell<Option<PyRef>>,
    sentinel: PyRef,
}

iter_type!(CALL_ITER_TYPE, "callable_iterator", PyCallIter, calliter_next, None, &[]);

/// `iter(callable, sentinel)`.
pub fn new_calliter(func: PyRef, sentinel: PyRef) -> PyRef {
    alloc_object(&CALL_ITER_TYPE, PyCallIter { func: RefCell::new(Some(func)), sentinel })
}

fn calliter_next(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let c = o.downcast::<PyCallIter>().unwrap();
    let Some(f) = c.func.borrow().clone() else { return Ok(None) };
    let v = match protocol::call(vm, &f, &[], &[]) {
        Ok(v) => v,
        Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => {
            *c.func.borrow_mut() = None;
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if protocol::richcompare_bool(vm, &v, &c.sentinel, crate::object::typeobj::CompareOp::Eq)? {
        *c.func.borrow_mut() = None;
        return Ok(None);
    }
    Ok(Some(v))
}
