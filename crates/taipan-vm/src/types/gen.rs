//! `generator`, `coroutine` and the `coroutine_wrapper` returned by `coroutine.__await__`
//! (DESIGN.md §4.3, Decided: generators and coroutines own their frame).
//!
//! **Representation.** `RETURN_GENERATOR`, the first instruction of a generator function,
//! moves the running frame off the thread's data stack: [`make_generator`] copies the
//! frame header into a `Box<InterpreterFrame>` and moves its slots (locals, cells, value
//! stack) into a boxed slice, both owned by a [`PyGen`] payload. The data-stack frame is
//! then popped like a returning frame and the generator is its return value. All three
//! kinds (generator, coroutine, async generator) share the payload; the type tells them
//! apart (see [`GenKind`]).
//!
//! **Resuming.** [`send_ex`] pushes the sent value onto the generator's value stack, links
//! the owned frame in as the thread's current frame and runs it with
//! [`crate::eval::run_generator_frame`] (one Rust recursion per resume, counted by
//! `enter_recursive_call`). The frame comes back at `YIELD_VALUE` (its `instr` then points
//! at the `RESUME` after the yield) or when it returns or raises. `throw` resumes "with an
//! error": the exception gets a traceback entry for the generator frame and unwinds from
//! that `RESUME`, so the handlers around the yield see it.
//!
//! **Handled exception.** CPython keeps one `exc_info` per generator, chained onto the
//! thread's; `sys.exception()` inside a generator with nothing handled of its own sees the
//! caller's. Here the thread has one slot (`vm.exc_value`): a resume installs the
//! generator's saved exception if it has one (else leaves the caller's visible), and a
//! suspension saves whatever differs from the caller's and restores the caller's.
//!
//! **`yield from` / `await`.** While delegating, the frame is suspended at a `RESUME`
//! whose oparg says "after yield from/await" and the sub-iterator is on top of its stack
//! (`_PyGen_yf`); `throw`/`close` forward to it from there.

use std::cell::{Cell, RefCell, UnsafeCell};

use crate::error::{PyErr, PyResult};
use crate::eval::frame::{InterpreterFrame, Slot};
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{MethodDef, PyFunction};
use crate::types::{exceptions, none, str as pystr, type_};
use crate::vm::Vm;
use taipan_bytecode::code::flags as co;

/// `gi_frame_state`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FrameState {
    Created,
    Suspended,
    Running,
    Completed,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub struct PyGen {
    frame: UnsafeCell<Box<InterpreterFrame>>,
    /// The frame's slots (the header's `localsplus` points here; only owned, never read
    /// through this field).
    #[allow(dead_code)]
    slots: UnsafeCell<Box<[Slot]>>,
    pub state: Cell<FrameState>,
    /// The exception this generator was handling when it last suspended (`gi_exc_state`).
    exc_state: RefCell<Option<PyRef>>,
    pub name: RefCell<PyRef>,
    pub qualname: RefCell<PyRef>,
    pub code: PyRef,
    /// Async generators: an `athrow`/`asend` is running (`ag_running_async`).
    pub running_async: Cell<bool>,
    /// Async generators: `aclose()`/`athrow()` already used up the generator (`ag_closed`).
    pub closed: Cell<bool>,
    /// Async generators: the first iteration hooks were called (`ag_hooks_inited`).
    pub hooks_inited: Cell<bool>,
    /// While resumed inline (`enter_inline`): the caller's handled exception, restored
    /// when the generator yields or ends.
    inline_outer: RefCell<Option<PyRef>>,
}

impl Drop for PyGen {
    fn drop(&mut self) {
        let f = self.frame.get_mut();
        f.previous = std::ptr::null_mut();
        crate::types::frame::frame_exiting(f);
        f.clear();
        f.frame_obj = None;
    }
}

impl PyPayload for PyGen {
    fn static_type() -> &'static PyTypeObject {
        &GENERATOR_TYPE
    }
}

/// Drop a generator, running `close()` first when it is suspended inside its body
/// (`_PyGen_Finalize`; errors are reported as unraisable).
///
/// # Safety
/// `obj` is a generator whose reference count reached zero.
pub(crate) unsafe fn gen_dealloc(obj: *mut PyObject) {
    unsafe {
        let o = &*obj;
        let g = o.payload_unchecked::<PyGen>();
        if g.state.get() == FrameState::Created && matches!(kind(o), GenKind::Coroutine) {
            // _PyErr_WarnUnawaitedCoroutine
            let vmp = CURRENT_VM.with(|c| c.get());
            if !vmp.is_null() {
                let vm = &*vmp;
                let name = pystr::to_string(&g.qualname.borrow());
                let msg = format!("coroutine '{name}' was never awaited");
                if let Err(e) = crate::warnings::warn_with_hint(vm, &crate::types::exceptions::RUNTIME_WARNING, &msg, crate::warnings::Hint::Tracemalloc) {
                    crate::traceback::write_unraisable(vm, &e, None);
                }
            }
        }
        if g.state.get() == FrameState::Suspended {
            let vmp = CURRENT_VM.with(|c| c.get());
            if !vmp.is_null() {
                let vm = &*vmp;
                // Resurrect for the duration of close().
                let r = PyRef::new_ref(o);
                let res = match kind(o) {
                    GenKind::AsyncGenerator => crate::types::asyncgen::finalize(vm, &r),
                    _ => gen_close(vm, &r).map(|_| ()),
                };
                if let Err(e) = res {
                    crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &r)));
                }
                let still_used = r.refcnt() > 1;
                if still_used {
                    // Someone kept it: the last reference is theirs now.
                    drop(r);
                    return;
                }
                // Back to zero without a second deallocation.
                std::mem::forget(r);
                o.release_resurrected();
            }
        }
        crate::object::inner::dealloc::<PyGen>(obj)
    }
}

thread_local! {
    /// The thread's VM (a boxed, never-moving value), for finalizing generators from
    /// `tp_dealloc`, which gets no VM.
    static CURRENT_VM: Cell<*const Vm> = const { Cell::new(std::ptr::null()) };
}

macro_rules! gen_type {
    ($static:ident, $name:literal, $methods:ident, $getset:ident, $iter:expr, $next:expr) => {
        pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_flags: Cell::new(flags::IMMUTABLETYPE),
                tp_dealloc: Cell::new(gen_dealloc),
                tp_repr: Cell::new(Some(gen_repr)),
                tp_iter: Cell::new($iter),
                tp_iternext: Cell::new($next),
                tp_methods: $methods,
                tp_getset: $getset,
                ..PyTypeData::BASE
            },
        ));
    };
}

gen_type!(GENERATOR_TYPE, "generator", GEN_METHODS, GEN_GETSET, Some(crate::types::iter::self_iter), Some(gen_iternext));
gen_type!(COROUTINE_TYPE, "coroutine", CORO_METHODS, CORO_GETSET, None, None);

static GEN_METHODS: &[MethodDef] = &[
    MethodDef::method("send", gen_send_meth),
    MethodDef::method("throw", gen_throw_meth),
    MethodDef::method("close", gen_close_meth),
];

static CORO_METHODS: &[MethodDef] = &[
    MethodDef::method("send", gen_send_meth),
    MethodDef::method("throw", gen_throw_meth),
    MethodDef::method("close", gen_close_meth),
    MethodDef::method("__await__", coro_await_meth),
];

static GEN_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", get_name, Some(set_name)),
    GetSetDef::new("__qualname__", get_qualname, Some(set_qualname)),
    GetSetDef::new("gi_frame", get_frame, None),
    GetSetDef::new("gi_running", get_running, None),
    GetSetDef::new("gi_code", get_code, None),
    GetSetDef::new("gi_yieldfrom", get_yieldfrom, None),
    GetSetDef::new("gi_suspended", get_suspended, None),
];

static CORO_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", get_name, Some(set_name)),
    GetSetDef::new("__qualname__", get_qualname, Some(set_qualname)),
    GetSetDef::new("cr_frame", get_frame, None),
    GetSetDef::new("cr_running", get_running, None),
    GetSetDef::new("cr_code", get_code, None),
    GetSetDef::new("cr_await", get_yieldfrom, None),
    GetSetDef::new("cr_suspended", get_suspended, None),
    GetSetDef::new("cr_origin", get_none, None),
];

/// The generator payload of any of the three kinds.
pub fn as_gen(o: &PyObject) -> Option<&PyGen> {
    let tp = o.ob_type();
    if std::ptr::eq(tp, &*GENERATOR_TYPE)
        || std::ptr::eq(tp, &*COROUTINE_TYPE)
        || std::ptr::eq(tp, &*crate::types::asyncgen::ASYNC_GENERATOR_TYPE)
    {
        // SAFETY: the three types all have a PyGen payload.
        Some(unsafe { o.payload_unchecked::<PyGen>() })
    } else {
        None
    }
}

fn g(o: &PyObject) -> &PyGen {
    as_gen(o).expect("a generator")
}

pub fn kind(o: &PyObject) -> GenKind {
    let tp = o.ob_type();
    if std::ptr::eq(tp, &*COROUTINE_TYPE) {
        GenKind::Coroutine
    } else if std::ptr::eq(tp, &*GENERATOR_TYPE) {
        GenKind::Generator
    } else {
        GenKind::AsyncGenerator
    }
}

pub fn is_coroutine(o: &PyObject) -> bool {
    std::ptr::eq(o.ob_type(), &*COROUTINE_TYPE)
}

/// A coroutine, or a generator whose code is marked `CO_ITERABLE_COROUTINE`
/// (`types.coroutine`): both can be awaited directly.
pub fn is_awaitable_gen(o: &PyObject) -> bool {
    if is_coroutine(o) {
        return true;
    }
    std::ptr::eq(o.ob_type(), &*GENERATOR_TYPE)
        && crate::types::code::as_code(&g(o).code).code.flags & co::CO_ITERABLE_COROUTINE != 0
}

fn kind_name(k: GenKind) -> &'static str {
    match k {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

impl PyGen {
    fn frame_ptr(&self) -> *mut InterpreterFrame {
        // SAFETY: the box lives as long as the generator.
        unsafe { &mut **self.frame.get() as *mut InterpreterFrame }
    }

    fn frame(&self) -> &mut InterpreterFrame {
        // SAFETY: the frame is only touched by this thread, one user at a time.
        unsafe { &mut *self.frame_ptr() }
    }

    /// Drop the frame's locals and stack (the generator finished).
    fn clear_frame(&self) {
        let f = self.frame();
        crate::types::frame::frame_exiting(f);
        f.clear();
        f.frame_obj = None;
        self.exc_state.replace(None);
    }
}

/// `RETURN_GENERATOR`: move the running frame `f` into a new generator, coroutine or async
/// generator. `f.instr` must already point at the instruction to resume at.
pub(crate) fn make_generator(vm: &Vm, f: &mut InterpreterFrame) -> PyRef {
    CURRENT_VM.with(|c| c.set(vm as *const Vm));
    let c = f.code();
    let nlocals = c.nlocalsplus;
    let n = nlocals + c.code.stacksize as usize + 1;
    let cflags = c.code.flags;
    let mut slots: Box<[Slot]> = vec![None; n].into_boxed_slice();
    for (i, s) in slots.iter_mut().enumerate().take(nlocals + f.stack_top) {
        // SAFETY: the frame's first nlocals + stack_top slots are initialized.
        *s = unsafe { f.localsplus.add(i).replace(None) };
    }
    let mut frame = Box::new(InterpreterFrame {
        code: f.code.clone(),
        func: f.func.clone(),
        globals: f.globals.clone(),
        builtins: f.builtins.clone(),
        locals: f.locals.clone(),
        localsplus: slots.as_mut_ptr(),
        stack_top: f.stack_top,
        instr: f.instr,
        previous: std::ptr::null_mut(),
        frame_obj: f.frame_obj.take(),
        is_entry: true,
        is_generator: true,
        data_mark: (0, 0),
        inline_exit: 0,
        init_self: None,
    });
    f.stack_top = 0;
    let fptr: *mut InterpreterFrame = &mut *frame;
    if let Some(fo) = &frame.frame_obj {
        if let Some(pf) = fo.downcast::<crate::types::frame::PyFrame>() {
            pf.iframe.set(fptr);
        }
    }
    let (name, qualname) = match f.func.as_ref().and_then(|o| o.downcast::<PyFunction>()) {
        Some(func) => (func.name.borrow().clone(), func.qualname.borrow().clone()),
        None => {
            let c = f.code();
            (c.name.clone(), c.qualname.clone())
        }
    };
    let tp: &PyTypeObject = if cflags & co::CO_COROUTINE != 0 {
        &COROUTINE_TYPE
    } else if cflags & co::CO_ASYNC_GENERATOR != 0 {
        &crate::types::asyncgen::ASYNC_GENERATOR_TYPE
    } else {
        &GENERATOR_TYPE
    };
    alloc_object(
        tp,
        PyGen {
            frame: UnsafeCell::new(frame),
            slots: UnsafeCell::new(slots),
            state: Cell::new(FrameState::Created),
            exc_state: RefCell::new(None),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            code: f.code.clone(),
            running_async: Cell::new(false),
            closed: Cell::new(false),
            hooks_inited: Cell::new(false),
            inline_outer: RefCell::new(None),
        },
    )
}

/// How a resumed generator came back.
pub enum SendResult {
    Yield(PyRef),
    Return(PyRef),
}

/// Resume generator `obj` (`gen_send_ex2`): push `arg` and run, or with `exc` raise it at
/// the suspension point. `closing` is true for `close()` (a finished coroutine stays quiet).
pub fn send_ex(vm: &Vm, obj: &PyObject, arg: PyRef, exc: Option<PyErr>, closing: bool) -> PyResult<SendResult> {
    let gen = g(obj);
    let k = kind(obj);
    let state = gen.state.get();
    if state == FrameState::Created && exc.is_none() && !arg.is(none::none_ref()) {
        return Err(vm.type_error(format!("can't send non-None value to a just-started {}", kind_name(k))));
    }
    if state == FrameState::Running {
        return Err(vm.value_error(format!("{} already executing", kind_name(k))));
    }
    if state == FrameState::Completed {
        if k == GenKind::Coroutine && !closing {
            return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
        }
        return match exc {
            Some(e) => Err(e),
            None => Ok(SendResult::Return(none::none())),
        };
    }
    vm.enter_recursive_call("")?;
    if let Err(e) = crate::eval::enter_python_frame(vm) {
        vm.leave_recursive_call();
        return Err(e);
    }
    let fp = gen.frame_ptr();
    let f = gen.frame();
    // The sent value becomes the result of the yield (or is popped by the POP_TOP after
    // RETURN_GENERATOR on the first resume).
    let n = f.code().nlocalsplus;
    // SAFETY: the slot above the top is free (the stack bound includes it).
    unsafe { f.localsplus.add(n + f.stack_top).write(Some(arg)) };
    f.stack_top += 1;
    gen.state.set(FrameState::Running);
    let outer = vm.exc_value.borrow().clone();
    if let Some(saved) = gen.exc_state.take() {
        vm.exc_value.replace(Some(saved));
    }
    // SAFETY: the frame lives in the generator, which `obj` keeps alive.
    unsafe { vm.frames.link(fp) };
    let pending = exc.map(|e| {
        crate::eval::traceback_here(vm, f, &e);
        e
    });
    let r = crate::eval::run_generator_frame(vm, fp, pending);
    // SAFETY: the frame is current again (every callee it pushed has returned).
    unsafe { vm.frames.unlink(fp) };
    let cur = vm.exc_value.replace(outer.clone());
    let differs = match (&cur, &outer) {
        (Some(a), Some(b)) => !a.is(b),
        (Some(_), None) => true,
        _ => false,
    };
    crate::eval::leave_python_frame(vm);
    vm.leave_recursive_call();
    match r {
        Ok((v, true)) => {
            *gen.exc_state.borrow_mut() = if differs { cur } else { None };
            gen.state.set(FrameState::Suspended);
            Ok(SendResult::Yield(v))
        }
        Ok((v, false)) => {
            gen.state.set(FrameState::Completed);
            gen.clear_frame();
            Ok(SendResult::Return(v))
        }
        Err(e) => {
            gen.state.set(FrameState::Completed);
            gen.clear_frame();
            Err(e)
        }
    }
}

/// `FOR_ITER_GEN`: resume the plain generator `obj` (the caller's loop iterator) as a frame
/// of the caller's own dispatch loop, as `send_ex` would with `None` but without running
/// a nested loop. `exit` is the caller's instruction after the loop. The frame to switch
/// to, or None when `send_ex` must do it (another kind, not resumable, recursion limit).
pub(crate) fn enter_inline(vm: &Vm, obj: &PyObject, exit: usize) -> Option<*mut InterpreterFrame> {
    if !std::ptr::eq(obj.ob_type(), &*GENERATOR_TYPE) {
        return None;
    }
    // SAFETY: an exact generator.
    let gen = unsafe { obj.payload_unchecked::<PyGen>() };
    if !matches!(gen.state.get(), FrameState::Created | FrameState::Suspended) {
        return None;
    }
    if crate::eval::enter_python_frame(vm).is_err() {
        return None; // send_ex raises the RecursionError
    }
    let fp = gen.frame_ptr();
    let f = gen.frame();
    let n = f.code().nlocalsplus;
    // SAFETY: the slot above the top is free (the stack bound includes it).
    unsafe { f.localsplus.add(n + f.stack_top).write(Some(none::none())) };
    f.stack_top += 1;
    gen.state.set(FrameState::Running);
    let outer = vm.exc_value.borrow().clone();
    if let Some(saved) = gen.exc_state.take() {
        vm.exc_value.replace(Some(saved));
    }
    *gen.inline_outer.borrow_mut() = outer;
    f.inline_exit = exit;
    // SAFETY: the frame lives in the generator, which the caller's stack keeps alive.
    unsafe { vm.frames.link(fp) };
    Some(fp)
}

/// Undo `enter_inline` when the generator's frame yielded (`finished` false: suspend it)
/// or returned or raised (`finished`: complete it and drop its frame's values).
pub(crate) fn leave_inline(vm: &Vm, obj: &PyObject, finished: bool) {
    let gen = g(obj);
    // SAFETY: the generator's frame is current (every callee it pushed has returned).
    unsafe { vm.frames.unlink(gen.frame_ptr()) };
    gen.frame().inline_exit = 0;
    let outer = gen.inline_outer.borrow_mut().take();
    let cur = vm.exc_value.replace(outer.clone());
    let differs = match (&cur, &outer) {
        (Some(a), Some(b)) => !a.is(b),
        (Some(_), None) => true,
        _ => false,
    };
    crate::eval::leave_python_frame(vm);
    if finished {
        gen.state.set(FrameState::Completed);
        gen.clear_frame();
    } else {
        *gen.exc_state.borrow_mut() = if differs { cur } else { None };
        gen.state.set(FrameState::Suspended);
    }
}

/// The `StopIteration` (or `StopAsyncIteration` for async generators) for a return value.
fn stop_error(vm: &Vm, obj: &PyObject, v: PyRef) -> PyErr {
    if kind(obj) == GenKind::AsyncGenerator {
        return vm.new_error(&exceptions::STOP_ASYNC_ITERATION, "");
    }
    if v.is(none::none_ref()) {
        exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![])
    } else {
        exceptions::new_exception(vm, &exceptions::STOP_ITERATION, vec![v])
    }
}

/// `gen.send(v)` as a Python-level call: a return becomes StopIteration(value).
pub fn gen_send(vm: &Vm, obj: &PyObject, v: PyRef) -> PyResult<PyRef> {
    match send_ex(vm, obj, v, None, false)? {
        SendResult::Yield(v) => Ok(v),
        SendResult::Return(v) => Err(stop_error(vm, obj, v)),
    }
}

fn gen_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    match send_ex(vm, o, none::none(), None, false)? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(_) => Ok(None),
    }
}

/// `next(gen)`: like `__next__`, keeping the return value in the StopIteration.
pub fn gen_next_value(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    match send_ex(vm, o, none::none(), None, false)? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(v) if v.is(none::none_ref()) => Ok(None),
        SendResult::Return(v) => Err(stop_error(vm, o, v)),
    }
}

fn gen_send_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "send", kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(format!("{}.send() takes exactly one argument ({} given)", args[0].ob_type().name(), args.len() - 1)));
    }
    gen_send(vm, &args[0], args[1].clone())
}

/// The sub-iterator a suspended generator delegates to (`_PyGen_yf`).
pub fn yield_from(o: &PyObject) -> Option<PyRef> {
    let gen = g(o);
    if gen.state.get() != FrameState::Suspended {
        return None;
    }
    let f = gen.frame();
    let c = f.code();
    let bytes = &c.code.code;
    let i = 2 * f.instr;
    if i + 1 >= bytes.len() || bytes[i] != crate::eval::op::RESUME || (bytes[i + 1] & 3) < 2 {
        return None;
    }
    f.stack_slice().last().cloned().flatten()
}

/// Close a sub-iterator (`gen_close_iter`).
fn close_iter(vm: &Vm, yf: &PyObject) -> PyResult<()> {
    if as_gen(yf).is_some() && kind(yf) != GenKind::AsyncGenerator {
        gen_close(vm, yf)?;
        return Ok(());
    }
    match protocol::getattr_opt(vm, yf, &vm.intern("close")) {
        Ok(Some(m)) => {
            protocol::call(vm, &m, &[], &[])?;
        }
        Ok(None) => {}
        Err(e) => crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", yf))),
    }
    Ok(())
}

/// `gen.close()`: raise GeneratorExit at the suspension point; returns the generator's
/// return value if it returned one.
pub fn gen_close(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let gen = g(obj);
    match gen.state.get() {
        FrameState::Created => {
            gen.state.set(FrameState::Completed);
            gen.clear_frame();
            return Ok(none::none());
        }
        FrameState::Completed => return Ok(none::none()),
        _ => {}
    }
    let mut err = None;
    if let Some(yf) = yield_from(obj) {
        let st = gen.state.replace(FrameState::Running);
        let r = close_iter(vm, &yf);
        gen.state.set(st);
        if let Err(e) = r {
            err = Some(e);
        }
    }
    let exc = err.unwrap_or_else(|| exceptions::new_exception(vm, &exceptions::GENERATOR_EXIT, vec![]));
    match send_ex(vm, obj, none::none(), Some(exc), true) {
        Ok(SendResult::Yield(_)) => {
            let msg = match kind(obj) {
                GenKind::Generator => "generator ignored GeneratorExit",
                GenKind::Coroutine => "coroutine ignored GeneratorExit",
                GenKind::AsyncGenerator => "async generator ignored GeneratorExit",
            };
            Err(vm.runtime_error(msg))
        }
        Ok(SendResult::Return(v)) => Ok(v),
        Err(e) if e.matches(&exceptions::STOP_ITERATION) => Ok(none::none()),
        Err(e) if e.matches(&exceptions::GENERATOR_EXIT) => Ok(none::none()),
        Err(e) => Err(e),
    }
}

fn gen_close_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "close", &args[1..], 0, 0)?;
    crate::types::function::no_kwargs(vm, "close", kw)?;
    gen_close(vm, &args[0])
}

/// Make the exception `throw(typ, val, tb)` raises (`_gen_throw`'s argument checks).
pub fn throw_exception(vm: &Vm, typ: &PyObject, val: Option<&PyObject>, tb: Option<&PyObject>) -> PyResult<PyErr> {
    let tb = tb.filter(|t| !t.is(none::none_ref()));
    if let Some(t) = tb {
        if !std::ptr::eq(t.ob_type(), &*crate::traceback::TRACEBACK_TYPE) {
            return Err(vm.type_error("throw() third argument must be a traceback object"));
        }
    }
    let exc = if exceptions::is_exception_class(typ) {
        match val {
            Some(v) if exceptions::is_exception_instance(v) && v.ob_type().is_subtype(type_::as_type(vm, typ)?) => v.to_ref(),
            Some(v) if !v.is(none::none_ref()) => {
                let args: Vec<PyRef> = match crate::types::tuple::downcast_tuple(v) {
                    Some(items) => items.to_vec(),
                    None => vec![v.to_ref()],
                };
                protocol::call(vm, typ, &args, &[])?
            }
            _ => protocol::call(vm, typ, &[], &[])?,
        }
    } else if exceptions::is_exception_instance(typ) {
        if val.is_some_and(|v| !v.is(none::none_ref())) {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ.to_ref()
    } else {
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.ob_type().name()
        )));
    };
    if !exceptions::is_exception_instance(&exc) {
        return Err(vm.type_error(format!(
            "calling {} should have returned an instance of BaseException, not {}",
            protocol::repr_string(vm, typ)?,
            exc.ob_type().name()
        )));
    }
    if let Some(t) = tb {
        exceptions::as_exc(&exc).traceback.replace(Some(t.to_ref()));
    }
    Ok(PyErr::from_instance(exc))
}

/// `_gen_throw`: deliver `exc` to the innermost delegate, then into this frame.
pub fn gen_throw(vm: &Vm, obj: &PyObject, close_on_genexit: bool, args: &[PyRef]) -> PyResult<SendResult> {
    let gen = g(obj);
    if let Some(yf) = yield_from(obj) {
        let is_genexit = exceptions::is_exception_class(&args[0])
            && type_::as_type(vm, &args[0])?.is_subtype(&exceptions::GENERATOR_EXIT)
            || exceptions::is_exception_instance(&args[0]) && args[0].ob_type().is_subtype(&exceptions::GENERATOR_EXIT);
        if is_genexit && close_on_genexit {
            let st = gen.state.replace(FrameState::Running);
            let r = close_iter(vm, &yf);
            gen.state.set(st);
            if let Err(e) = r {
                return send_ex(vm, obj, none::none(), Some(e), false);
            }
        } else {
            let st = gen.state.replace(FrameState::Running);
            let r = if as_gen(&yf).is_some() && kind(&yf) != GenKind::AsyncGenerator {
                gen_throw(vm, &yf, close_on_genexit, args).and_then(|r| match r {
                    SendResult::Yield(v) => Ok(Some(v)),
                    SendResult::Return(v) => Err(stop_error(vm, &yf, v)),
                })
            } else {
                match protocol::getattr_opt(vm, &yf, &vm.intern("throw")) {
                    Ok(Some(m)) => protocol::call(vm, &m, args, &[]).map(Some),
                    Ok(None) => Ok(None),
                    Err(e) => Err(e),
                }
            };
            gen.state.set(st);
            match r {
                Ok(Some(v)) => return Ok(SendResult::Yield(v)),
                Ok(None) => {} // no throw method: raise here
                Err(e) => return send_ex(vm, obj, none::none(), Some(e), false),
            }
        }
    }
    let exc = throw_exception(vm, &args[0], args.get(1).map(|v| &**v), args.get(2).map(|v| &**v))?;
    send_ex(vm, obj, none::none(), Some(exc), false)
}

/// `throw(value)` / deprecated `throw(type[, value[, tb]])` argument handling.
pub fn throw_args(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, "throw", kw)?;
    let n = args.len();
    if n == 0 {
        return Err(vm.type_error(format!("throw expected at least 1 argument, got {n}")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("throw expected at most 3 arguments, got {n}")));
    }
    // The 3-argument form's DeprecationWarning waits for the warnings machinery.
    Ok(())
}

fn gen_throw_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    throw_args(vm, &args[1..], kw)?;
    match gen_throw(vm, &args[0], true, &args[1..])? {
        SendResult::Yield(v) => Ok(v),
        SendResult::Return(v) => Err(stop_error(vm, &args[0], v)),
    }
}

fn gen_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let q = pystr::to_string(&g(o).qualname.borrow());
    let k = match kind(o) {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    Ok(pystr::new_str(&format!("<{k} object {q} at {:#x}>", o.addr())))
}

fn get_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(g(o).name.borrow().clone())
}

fn get_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(g(o).qualname.borrow().clone())
}

fn set_str_attr(vm: &Vm, cell: &RefCell<PyRef>, v: Option<&PyObject>, what: &str) -> PyResult<()> {
    match v {
        Some(v) if v.ob_type().is_subtype(&pystr::STR_TYPE) => {
            cell.replace(v.to_ref());
            Ok(())
        }
        _ => Err(vm.type_error(format!("{what} must be set to a string object"))),
    }
}

fn set_name(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    set_str_attr(vm, &g(o).name, v, "__name__")
}

fn set_qualname(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    set_str_attr(vm, &g(o).qualname, v, "__qualname__")
}

pub(crate) fn get_frame(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let gen = g(o);
    if gen.state.get() == FrameState::Completed {
        return Ok(none::none());
    }
    Ok(crate::types::frame::frame_object(vm, gen.frame()))
}

pub(crate) fn get_running(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(g(o).state.get() == FrameState::Running))
}

pub(crate) fn get_suspended(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(g(o).state.get() == FrameState::Suspended))
}

pub(crate) fn get_code(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(g(o).code.clone())
}

pub(crate) fn get_yieldfrom(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(yield_from(o).unwrap_or_else(none::none))
}

fn get_none(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(none::none())
}

// ---- coroutine.__await__ -------------------------------------------------------------

/// `coroutine_wrapper`: the iterator `coroutine.__await__()` returns.
pub struct PyCoroWrapper {
    pub coro: PyRef,
}

impl PyPayload for PyCoroWrapper {
    fn static_type() -> &'static PyTypeObject {
        &CORO_WRAPPER_TYPE
    }
}

pub static CORO_WRAPPER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("coroutine_wrapper"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(crate::object::inner::dealloc::<PyCoroWrapper>),
        tp_iter: Cell::new(Some(crate::types::iter::self_iter)),
        tp_iternext: Cell::new(Some(wrapper_iternext)),
        tp_methods: WRAPPER_METHODS,
        ..PyTypeData::BASE
    },
));

static WRAPPER_METHODS: &[MethodDef] = &[
    MethodDef::method("send", wrapper_send),
    MethodDef::method("throw", wrapper_throw),
    MethodDef::method("close", wrapper_close),
];

fn coro_await_meth(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__await__", kw)?;
    Ok(alloc_object(&CORO_WRAPPER_TYPE, PyCoroWrapper { coro: args[0].clone() }))
}

fn wrapped(o: &PyObject) -> PyRef {
    o.downcast::<PyCoroWrapper>().unwrap().coro.clone()
}

fn wrapper_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    gen_next_value(vm, &wrapped(o))
}

fn wrapper_send(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let mut a = args.to_vec();
    a[0] = wrapped(&args[0]);
    gen_send_meth(vm, &a, kw)
}

fn wrapper_throw(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let mut a = args.to_vec();
    a[0] = wrapped(&args[0]);
    gen_throw_meth(vm, &a, kw)
}

fn wrapper_close(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let mut a = args.to_vec();
    a[0] = wrapped(&args[0]);
    gen_close_meth(vm, &a, kw)
}

// ---- instruction helpers -------------------------------------------------------------

/// `SEND`: resume `receiver` with `v` (generators and coroutines directly, other iterators
/// through `__next__`/`send`), turning StopIteration into a return with its value.
pub(crate) fn send(vm: &Vm, receiver: &PyObject, v: PyRef) -> PyResult<SendResult> {
    if as_gen(receiver).is_some() && kind(receiver) != GenKind::AsyncGenerator {
        return send_ex(vm, receiver, v, None, false);
    }
    let r = if v.is(none::none_ref()) && receiver.ob_type().tp_iternext.get().is_some() {
        if receiver.ob_type().is_heap_type() {
            protocol::call_method(vm, receiver, "__next__", &[])
        } else {
            match protocol::next(vm, receiver) {
                Ok(Some(x)) => Ok(x),
                Ok(None) => return Ok(SendResult::Return(none::none())),
                Err(e) => Err(e),
            }
        }
    } else {
        protocol::call_method(vm, receiver, "send", &[v])
    };
    match r {
        Ok(x) => Ok(SendResult::Yield(x)),
        Err(e) if e.matches(&exceptions::STOP_ITERATION) => Ok(SendResult::Return(exceptions::first_field(e.value()))),
        Err(e) => Err(e),
    }
}

/// `GET_YIELD_FROM_ITER`.
pub(crate) fn get_yield_from_iter(vm: &Vm, f: &InterpreterFrame, v: PyRef) -> PyResult<PyRef> {
    if is_coroutine(&v) {
        if f.code().code.flags & (co::CO_COROUTINE | co::CO_ITERABLE_COROUTINE) == 0 {
            return Err(vm.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"));
        }
        return Ok(v);
    }
    if std::ptr::eq(v.ob_type(), &*GENERATOR_TYPE) {
        return Ok(v);
    }
    protocol::getiter(vm, &v)
}

/// The iterator `await o` drives (`_PyCoro_GetAwaitableIter`); `None` when `o` has no
/// `__await__`.
pub fn awaitable_iter(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    if is_awaitable_gen(o) {
        return Ok(Some(o.to_ref()));
    }
    let Some(m) = protocol::lookup_special(vm, o, "__await__")? else { return Ok(None) };
    let res = protocol::call(vm, &m, &[], &[])?;
    if is_awaitable_gen(&res) {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    if res.ob_type().tp_iternext.get().is_none() {
        return Err(vm.type_error(format!("__await__() returned non-iterator of type '{}'", res.ob_type().name())));
    }
    Ok(Some(res))
}

/// `GET_AWAITABLE` (oparg: 0 await, 1 `__aenter__` result, 2 `__aexit__` result).
pub(crate) fn get_awaitable(vm: &Vm, o: &PyObject, oparg: u32) -> PyResult<PyRef> {
    let it = match awaitable_iter(vm, o)? {
        Some(it) => it,
        None => {
            let t = o.ob_type().name();
            return Err(vm.type_error(match oparg {
                1 => format!("'async with' received an object from __aenter__ that does not implement __await__: {t}"),
                2 => format!("'async with' received an object from __aexit__ that does not implement __await__: {t}"),
                _ => format!("object {t} can't be used in 'await' expression"),
            }));
        }
    };
    if is_coroutine(&it) && yield_from(&it).is_some() {
        return Err(vm.runtime_error("coroutine is being awaited already"));
    }
    Ok(it)
}

// ---- StopIteration.value ---------------------------------------------------------------

static STOP_ITERATION_VALUE: GetSetDef = GetSetDef::new("value", stop_iteration_value, Some(set_stop_iteration_value));

fn stop_iteration_value(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(exceptions::first_field(o))
}

fn set_stop_iteration_value(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("can't delete attribute")) };
    *exceptions::as_exc(o).fields.borrow_mut() = vec![Some(v.to_ref())];
    Ok(())
}

/// Give `StopIteration` its `value` attribute (the generator return value), unless the
/// exception types already define it.
pub(crate) fn ready_stop_iteration(vm: &Vm) {
    let d = exceptions::STOP_ITERATION.tp_dict.borrow().clone();
    if let Some(d) = d {
        let key = vm.intern("value");
        if matches!(crate::types::dict::get_item(vm, &d, &key), Ok(None)) {
            let descr = crate::types::descr::new_getset_descriptor(&exceptions::STOP_ITERATION, &STOP_ITERATION_VALUE);
            crate::types::dict::set_item_str_key(vm, &d, &key, &descr);
        }
    }
}
