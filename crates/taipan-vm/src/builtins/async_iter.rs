//! `aiter()` and `anext()`, with the `anext_awaitable` that `anext(it, default)` returns:
//! it drives the awaitable from `__anext__` and turns its StopAsyncIteration into
//! `StopIteration(default)` (the value of the `await`).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::function::{check_arity, no_kwargs, MethodDef};
use crate::types::{exceptions, gen, none, type_};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[MethodDef::function("aiter", builtin_aiter), MethodDef::function("anext", builtin_anext)];

fn builtin_aiter(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "aiter", kw)?;
    check_arity(vm, "aiter", args, 1, 1)?;
    let o = &args[0];
    let Some(m) = protocol::lookup_special(vm, o, "__aiter__")? else {
        return Err(vm.type_error(format!("'{}' object is not an async iterable", o.ob_type().name())));
    };
    let it = protocol::call(vm, &m, &[], &[])?;
    if protocol::lookup_special(vm, &it, "__anext__")?.is_none() {
        return Err(vm.type_error(format!("aiter() returned not an async iterator of type '{}'", it.ob_type().name())));
    }
    Ok(it)
}

fn builtin_anext(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "anext", kw)?;
    check_arity(vm, "anext", args, 1, 2)?;
    let o = &args[0];
    let Some(m) = protocol::lookup_special(vm, o, "__anext__")? else {
        return Err(vm.type_error(format!("'{}' object is not an async iterator", o.ob_type().name())));
    };
    let awaitable = protocol::call(vm, &m, &[], &[])?;
    match args.get(1) {
        None => Ok(awaitable),
        Some(d) => Ok(alloc_object(
            &ANEXT_AWAITABLE_TYPE,
            PyAnextAwaitable { wrapped: awaitable, default: d.clone(), iter: RefCell::new(None) },
        )),
    }
}

pub struct PyAnextAwaitable {
    wrapped: PyRef,
    default: PyRef,
    iter: RefCell<Option<PyRef>>,
}

impl PyPayload for PyAnextAwaitable {
    fn static_type() -> &'static PyTypeObject {
        &ANEXT_AWAITABLE_TYPE
    }
}

pub static ANEXT_AWAITABLE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("anext_awaitable"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyAnextAwaitable>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(anext_iternext)),
        tp_methods: ANEXT_METHODS,
        ..PyTypeData::BASE
    },
));

static ANEXT_METHODS: &[MethodDef] = &[
    MethodDef::method("send", anext_send),
    MethodDef::method("throw", anext_throw),
    MethodDef::method("close", anext_close),
    MethodDef::method("__await__", anext_await),
];

fn aw(o: &PyObject) -> &PyAnextAwaitable {
    o.downcast::<PyAnextAwaitable>().unwrap()
}

/// The iterator of the wrapped awaitable (`anextawaitable_getiter`).
fn get_iter(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = aw(o);
    if let Some(it) = a.iter.borrow().clone() {
        return Ok(it);
    }
    let it = match gen::awaitable_iter(vm, &a.wrapped)? {
        Some(it) => it,
        None => {
            return Err(vm.type_error(format!(
                "object {} can't be used in 'await' expression",
                a.wrapped.ob_type().name()
            )))
        }
    };
    // Of what `awaitable_iter` returns, only a coroutine is no iterator: await it
    // through its `__await__` (the coroutine_wrapper), as CPython's getiter does.
    let it = if it.ob_type().tp_iternext.get().is_none() { protocol::call_method(vm, &it, "__await__", &[])? } else { it };
    *a.iter.borrow_mut() = Some(it.clone());
    Ok(it)
}

/// StopAsyncIteration from the wrapped awaitable means: the await gives the default.
fn proxy(vm: &Vm, o: &PyObject, r: PyResult<PyRef>) -> PyResult<PyRef> {
    match r {
        Err(e) if e.matches(&exceptions::STOP_ASYNC_ITERATION) => {
            Err(exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![aw(o).default.clone()]))
        }
        r => r,
    }
}

fn anext_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let it = get_iter(vm, o)?;
    let r = protocol::call_method(vm, &it, "__next__", &[]);
    proxy(vm, o, r).map(Some)
}

fn anext_send(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "send", kw)?;
    check_arity(vm, "send", &args[1..], 1, 1)?;
    let it = get_iter(vm, &args[0])?;
    let r = if args[1].is(none::none_ref()) {
        protocol::call_method(vm, &it, "__next__", &[])
    } else {
        protocol::call_method(vm, &it, "send", &[args[1].clone()])
    };
    proxy(vm, &args[0], r)
}

fn anext_throw(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    gen::throw_args(vm, &args[1..], kw)?;
    let it = get_iter(vm, &args[0])?;
    let r = protocol::call_method(vm, &it, "throw", &args[1..]);
    proxy(vm, &args[0], r)
}

fn anext_close(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "close", kw)?;
    let it = get_iter(vm, &args[0])?;
    match protocol::getattr_opt(vm, &it, &vm.intern("close"))? {
        Some(m) => protocol::call(vm, &m, &[], &[]),
        None => Ok(none::none()),
    }
}

fn anext_await(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(args[0].clone())
}
