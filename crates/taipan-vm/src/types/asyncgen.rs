//! `async_generator` and its awaitables `async_generator_asend` (from `__anext__`/`asend`)
//! and `async_generator_athrow` (from `athrow`/`aclose`).
//!
//! An async generator is a [`PyGen`](crate::types::gen::PyGen) whose frame yields two kinds
//! of values: `yield x` in the body goes through the `ASYNC_GEN_WRAP` intrinsic and comes
//! out as an `async_generator_wrapped_value`, while values yielded by an `await` inside the
//! body come out bare. The awaitables resume the generator and sort them
//! (`async_gen_unwrap_value`): a wrapped value ends the awaitable with
//! `StopIteration(value)`, a bare one is passed up to whoever drives the coroutine, and a
//! return ends it with `StopAsyncIteration`.

use std::cell::{Cell, RefCell};

use crate::error::{PyErr, PyResult};
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{no_kwargs, MethodDef};
use crate::types::gen::{self, FrameState, PyGen, SendResult};
use crate::types::{exceptions, none, type_};
use crate::vm::Vm;

pub static ASYNC_GENERATOR_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("async_generator"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(gen::gen_dealloc),
        tp_repr: Cell::new(Some(agen_repr)),
        tp_methods: AGEN_METHODS,
        tp_getset: AGEN_GETSET,
        ..PyTypeData::BASE
    },
));

static AGEN_METHODS: &[MethodDef] = &[
    MethodDef::method("asend", agen_asend),
    MethodDef::method("athrow", agen_athrow),
    MethodDef::method("aclose", agen_aclose),
    MethodDef::method("__aiter__", agen_aiter),
    MethodDef::method("__anext__", agen_anext),
];

static AGEN_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", agen_name, None),
    GetSetDef::new("__qualname__", agen_qualname, None),
    GetSetDef::new("ag_frame", gen::get_frame, None),
    GetSetDef::new("ag_running", agen_running, None),
    GetSetDef::new("ag_code", gen::get_code, None),
    GetSetDef::new("ag_await", gen::get_yieldfrom, None),
    GetSetDef::new("ag_suspended", gen::get_suspended, None),
];

fn ag(o: &PyObject) -> &PyGen {
    gen::as_gen(o).expect("an async generator")
}

fn agen_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let _ = vm;
    let q = crate::types::str::to_string(&ag(o).qualname.borrow());
    Ok(crate::types::str::new_str(&format!("<async_generator object {q} at {:#x}>", o.addr())))
}

fn agen_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ag(o).name.borrow().clone())
}

fn agen_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ag(o).qualname.borrow().clone())
}

fn agen_running(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(ag(o).running_async.get()))
}

/// Finalizing an unreachable, suspended async generator: close it (no event-loop hook yet).
pub fn finalize(vm: &Vm, o: &PyRef) -> PyResult<()> {
    gen::gen_close(vm, o).map(|_| ())
}

// ---- wrapped values --------------------------------------------------------------------

pub struct PyAsyncGenWrapped {
    pub val: PyRef,
}

impl PyPayload for PyAsyncGenWrapped {
    fn static_type() -> &'static PyTypeObject {
        &ASYNC_GEN_WRAPPED_TYPE
    }
}

pub static ASYNC_GEN_WRAPPED_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("async_generator_wrapped_value"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyAsyncGenWrapped>),
        ..PyTypeData::BASE
    },
));

/// `CALL_INTRINSIC_1` `INTRINSIC_ASYNC_GEN_WRAP`.
pub fn wrap_value(v: &PyObject) -> PyRef {
    alloc_object(&ASYNC_GEN_WRAPPED_TYPE, PyAsyncGenWrapped { val: v.to_ref() })
}

/// `async_gen_unwrap_value`: sort what resuming the generator gave.
fn unwrap_value(vm: &Vm, gen_obj: &PyObject, r: PyResult<SendResult>) -> PyResult<PyRef> {
    let g = ag(gen_obj);
    match r {
        Ok(SendResult::Yield(v)) => {
            if let Some(w) = v.downcast_exact::<PyAsyncGenWrapped>() {
                g.running_async.set(false);
                return Err(exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![w.val.clone()]));
            }
            Ok(v)
        }
        Ok(SendResult::Return(_)) => {
            g.closed.set(true);
            g.running_async.set(false);
            Err(exceptions::new_exception(vm, &exceptions::STOP_ASYNC_ITERATION, vec![]))
        }
        Err(e) => {
            if e.matches(&exceptions::STOP_ASYNC_ITERATION) || e.matches(&exceptions::GENERATOR_EXIT) {
                g.closed.set(true);
            }
            g.running_async.set(false);
            Err(e)
        }
    }
}

fn is_wrapped(r: &PyResult<SendResult>) -> bool {
    matches!(r, Ok(SendResult::Yield(v)) if v.downcast_exact::<PyAsyncGenWrapped>().is_some())
}

// ---- asend -----------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum AwaitState {
    Init,
    Iter,
    Closed,
}

pub struct PyAsyncGenASend {
    gen: PyRef,
    sendval: RefCell<Option<PyRef>>,
    state: Cell<AwaitState>,
}

impl PyPayload for PyAsyncGenASend {
    fn static_type() -> &'static PyTypeObject {
        &ASYNC_GEN_ASEND_TYPE
    }
}

pub static ASYNC_GEN_ASEND_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("async_generator_asend"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyAsyncGenASend>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(asend_iternext)),
        tp_methods: ASEND_METHODS,
        ..PyTypeData::BASE
    },
));

static ASEND_METHODS: &[MethodDef] = &[
    MethodDef::method("send", asend_send_meth),
    MethodDef::method("throw", asend_throw_meth),
    MethodDef::method("close", awaitable_close),
    MethodDef::method("__await__", self_await),
];

fn new_asend(gen_obj: &PyObject, v: Option<PyRef>) -> PyRef {
    alloc_object(
        &ASYNC_GEN_ASEND_TYPE,
        PyAsyncGenASend { gen: gen_obj.to_ref(), sendval: RefCell::new(v), state: Cell::new(AwaitState::Init) },
    )
}

fn asend_send(vm: &Vm, o: &PyObject, arg: PyRef) -> PyResult<PyRef> {
    let a = o.downcast::<PyAsyncGenASend>().unwrap();
    let g = ag(&a.gen);
    let mut arg = arg;
    match a.state.get() {
        AwaitState::Closed => return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()")),
        AwaitState::Init => {
            if g.running_async.get() {
                a.state.set(AwaitState::Closed);
                return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
            }
            if arg.is(none::none_ref()) {
                if let Some(v) = a.sendval.borrow().clone() {
                    arg = v;
                }
            }
            a.state.set(AwaitState::Iter);
        }
        AwaitState::Iter => {}
    }
    g.running_async.set(true);
    let r = gen::send_ex(vm, &a.gen, arg, None, false);
    let r = unwrap_value(vm, &a.gen, r);
    if r.is_err() {
        a.state.set(AwaitState::Closed);
    }
    r
}

fn stop_to_none(r: PyResult<PyRef>) -> PyResult<Option<PyRef>> {
    r.map(Some)
}

fn asend_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    stop_to_none(asend_send(vm, o, none::none()))
}

fn one_arg<'a>(vm: &Vm, name: &str, args: &'a [PyRef], kw: &[PyRef]) -> PyResult<&'a PyRef> {
    no_kwargs(vm, name, kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(format!("{}() takes exactly one argument ({} given)", name, args.len() - 1)));
    }
    Ok(&args[1])
}

fn asend_send_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = one_arg(vm, "send", args, kw)?;
    asend_send(vm, &args[0], v.clone())
}

fn asend_throw_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    gen::throw_args(vm, &args[1..], kw)?;
    let a = args[0].downcast::<PyAsyncGenASend>().unwrap();
    let g = ag(&a.gen);
    match a.state.get() {
        AwaitState::Closed => return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()")),
        AwaitState::Init => {
            if g.running_async.get() {
                a.state.set(AwaitState::Closed);
                return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
            }
            a.state.set(AwaitState::Iter);
            g.running_async.set(true);
        }
        AwaitState::Iter => {}
    }
    let r = gen::gen_throw(vm, &a.gen, true, &args[1..]);
    let r = unwrap_value(vm, &a.gen, r);
    if r.is_err() {
        g.running_async.set(false);
        a.state.set(AwaitState::Closed);
    }
    r
}

fn awaitable_close(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "close", kw)?;
    if let Some(a) = args[0].downcast::<PyAsyncGenASend>() {
        a.state.set(AwaitState::Closed);
    } else if let Some(a) = args[0].downcast::<PyAsyncGenAThrow>() {
        a.state.set(AwaitState::Closed);
    }
    Ok(none::none())
}

fn self_await(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(args[0].clone())
}

// ---- athrow / aclose -------------------------------------------------------------------

pub struct PyAsyncGenAThrow {
    gen: PyRef,
    /// The `athrow` arguments; None for `aclose()`.
    args: Option<Vec<PyRef>>,
    state: Cell<AwaitState>,
}

impl PyPayload for PyAsyncGenAThrow {
    fn static_type() -> &'static PyTypeObject {
        &ASYNC_GEN_ATHROW_TYPE
    }
}

pub static ASYNC_GEN_ATHROW_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("async_generator_athrow"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyAsyncGenAThrow>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(athrow_iternext)),
        tp_methods: ATHROW_METHODS,
        ..PyTypeData::BASE
    },
));

static ATHROW_METHODS: &[MethodDef] = &[
    MethodDef::method("send", athrow_send_meth),
    MethodDef::method("throw", athrow_throw_meth),
    MethodDef::method("close", awaitable_close),
    MethodDef::method("__await__", self_await),
];

fn athrow_running_msg(aclose: bool) -> &'static str {
    if aclose {
        "aclose(): asynchronous generator is already running"
    } else {
        "athrow(): asynchronous generator is already running"
    }
}

fn athrow_send(vm: &Vm, o: &PyObject, arg: PyRef) -> PyResult<PyRef> {
    let a = o.downcast::<PyAsyncGenAThrow>().unwrap();
    let g = ag(&a.gen);
    let aclose = a.args.is_none();
    if a.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    if g.state.get() == FrameState::Completed {
        a.state.set(AwaitState::Closed);
        return Err(exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![]));
    }
    let r: PyResult<PyRef>;
    if a.state.get() == AwaitState::Init {
        if g.running_async.get() {
            a.state.set(AwaitState::Closed);
            return Err(vm.runtime_error(athrow_running_msg(aclose)));
        }
        if g.closed.get() {
            a.state.set(AwaitState::Closed);
            return Err(exceptions::new_exception(vm, &exceptions::STOP_ASYNC_ITERATION, vec![]));
        }
        if !arg.is(none::none_ref()) {
            return Err(vm.runtime_error("can't send non-None value to a just-started coroutine"));
        }
        a.state.set(AwaitState::Iter);
        g.running_async.set(true);
        match &a.args {
            None => {
                g.closed.set(true);
                let ge = exceptions::GENERATOR_EXIT.to_ref();
                let res = gen::gen_throw(vm, &a.gen, false, &[ge]);
                if is_wrapped(&res) {
                    return yield_close(vm, a);
                }
                r = match res {
                    Ok(SendResult::Yield(v)) => Ok(v),
                    Ok(SendResult::Return(_)) => Err(exceptions::new_exception(vm, &exceptions::STOP_ASYNC_ITERATION, vec![])),
                    Err(e) => Err(e),
                };
            }
            Some(args) => {
                let res = gen::gen_throw(vm, &a.gen, false, args);
                r = unwrap_value(vm, &a.gen, res);
            }
        }
    } else {
        let res = gen::send_ex(vm, &a.gen, arg, None, false);
        if aclose {
            if is_wrapped(&res) {
                return yield_close(vm, a);
            }
            r = match res {
                Ok(SendResult::Yield(v)) => Ok(v),
                Ok(SendResult::Return(_)) => Err(exceptions::new_exception(vm, &exceptions::STOP_ASYNC_ITERATION, vec![])),
                Err(e) => Err(e),
            };
        } else {
            r = unwrap_value(vm, &a.gen, res);
        }
    }
    match r {
        Ok(v) => Ok(v),
        Err(e) => Err(check_error(vm, a, e)),
    }
}

fn yield_close(vm: &Vm, a: &PyAsyncGenAThrow) -> PyResult<PyRef> {
    ag(&a.gen).running_async.set(false);
    a.state.set(AwaitState::Closed);
    Err(vm.runtime_error("async generator ignored GeneratorExit"))
}

fn check_error(vm: &Vm, a: &PyAsyncGenAThrow, e: PyErr) -> PyErr {
    ag(&a.gen).running_async.set(false);
    a.state.set(AwaitState::Closed);
    if a.args.is_none() && (e.matches(&exceptions::STOP_ASYNC_ITERATION) || e.matches(&exceptions::GENERATOR_EXIT)) {
        return exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![]);
    }
    e
}

fn athrow_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    stop_to_none(athrow_send(vm, o, none::none()))
}

fn athrow_send_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = one_arg(vm, "send", args, kw)?;
    athrow_send(vm, &args[0], v.clone())
}

fn athrow_throw_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    gen::throw_args(vm, &args[1..], kw)?;
    let a = args[0].downcast::<PyAsyncGenAThrow>().unwrap();
    let g = ag(&a.gen);
    let aclose = a.args.is_none();
    match a.state.get() {
        AwaitState::Closed => return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()")),
        AwaitState::Init => {
            if g.running_async.get() {
                a.state.set(AwaitState::Closed);
                return Err(vm.runtime_error(athrow_running_msg(aclose)));
            }
            a.state.set(AwaitState::Iter);
            g.running_async.set(true);
        }
        AwaitState::Iter => {}
    }
    let res = gen::gen_throw(vm, &a.gen, true, &args[1..]);
    if !aclose {
        let r = unwrap_value(vm, &a.gen, res);
        if r.is_err() {
            a.state.set(AwaitState::Closed);
        }
        return r;
    }
    if is_wrapped(&res) {
        return yield_close(vm, a);
    }
    match res {
        Ok(SendResult::Yield(v)) => Ok(v),
        Ok(SendResult::Return(_)) => {
            a.state.set(AwaitState::Closed);
            Err(exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![]))
        }
        Err(e) => {
            a.state.set(AwaitState::Closed);
            if e.matches(&exceptions::STOP_ASYNC_ITERATION) || e.matches(&exceptions::GENERATOR_EXIT) {
                return Err(exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![]));
            }
            Err(e)
        }
    }
}

// ---- async_generator methods -----------------------------------------------------------

fn agen_asend(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let v = one_arg(vm, "asend", args, kw)?;
    Ok(new_asend(&args[0], Some(v.clone())))
}

fn agen_anext(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "__anext__", kw)?;
    Ok(new_asend(&args[0], None))
}

/// `anext(agen)` / `GET_ANEXT` on an async generator.
pub fn anext(o: &PyObject) -> PyRef {
    new_asend(o, None)
}

fn agen_aiter(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "__aiter__", kw)?;
    Ok(args[0].clone())
}

fn agen_athrow(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    gen::throw_args(vm, &args[1..], kw)?;
    Ok(alloc_object(
        &ASYNC_GEN_ATHROW_TYPE,
        PyAsyncGenAThrow { gen: args[0].clone(), args: Some(args[1..].to_vec()), state: Cell::new(AwaitState::Init) },
    ))
}

fn agen_aclose(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "aclose", kw)?;
    Ok(alloc_object(&ASYNC_GEN_ATHROW_TYPE, PyAsyncGenAThrow { gen: args[0].clone(), args: None, state: Cell::new(AwaitState::Init) }))
}

// ---- instruction helpers ---------------------------------------------------------------

/// `GET_AITER`.
pub(crate) fn get_aiter(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let Some(m) = protocol::lookup_special(vm, obj, "__aiter__")? else {
        return Err(vm.type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            obj.ob_type().name()
        )));
    };
    let it = protocol::call(vm, &m, &[], &[])?;
    if protocol::lookup_special(vm, &it, "__anext__")?.is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.ob_type().name()
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`.
pub(crate) fn get_anext(vm: &Vm, aiter: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(aiter.ob_type(), &*ASYNC_GENERATOR_TYPE) {
        return Ok(anext(aiter));
    }
    let Some(m) = protocol::lookup_special(vm, aiter, "__anext__")? else {
        return Err(vm.type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            aiter.ob_type().name()
        )));
    };
    let next = protocol::call(vm, &m, &[], &[])?;
    match gen::awaitable_iter(vm, &next)? {
        Some(a) => Ok(a),
        None => Err(vm.type_error(format!(
            "'async for' received an invalid object from __anext__: {}",
            next.ob_type().name()
        ))),
    }
}

/// `BEFORE_ASYNC_WITH`: returns (`__aexit__` bound, `__aenter__()` result).
pub(crate) fn before_async_with(vm: &Vm, mgr: &PyObject) -> PyResult<(PyRef, PyRef)> {
    let Some(enter) = protocol::lookup_special(vm, mgr, "__aenter__")? else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol",
            mgr.ob_type().name()
        )));
    };
    let Some(exit) = protocol::lookup_special(vm, mgr, "__aexit__")? else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
            mgr.ob_type().name()
        )));
    };
    let res = protocol::call(vm, &enter, &[], &[])?;
    Ok((exit, res))
}
