//! `sys.settrace` / `sys.setprofile`: CPython's legacy tracing events (`call`, `line`,
//! `return`, `exception`) delivered to the trace function and the frame's `f_trace`, and
//! (`call`, `return`) to the profile function.
//!
//! **Cost when off.** The dispatch loop is compiled twice (`execute::<TRACE>`); the
//! traced copy calls [`instruction`] before each instruction. `run_frame_from` picks the
//! copy with one thread-local flag test each time it enters or re-enters a frame, so the
//! untraced loop has no check at all. A frame already running when tracing starts keeps
//! its untraced loop until it calls or returns (CPython traces new frames only, too).
//!
//! Per-frame state (the line last reported, the previous instruction) lives in the frame
//! object, which every traced frame gets at its `call` event.
//!
//! **Line events**: an instruction whose line differs from the last one reported in its
//! frame, or any instruction reached by a backward jump (a loop on one line), reports
//! `line` first; `RESUME` never does. Not done: `opcode` events.
//!
//! **C calls** (profiling): before a `CALL*` of a built-in the profiler gets `c_call`, and
//! the frame remembers the callee; the frame's next instruction reports `c_return`, an
//! exception arriving in the frame `c_exception`.

use std::cell::{Cell, RefCell};

use crate::error::{PyErr, PyResult};
use crate::eval::frame::InterpreterFrame;
use crate::eval::op;
use crate::object::PyRef;
use crate::types::frame::PyFrame;
use crate::types::{none, str as pystr};
use crate::vm::Vm;

thread_local! {
    /// A trace or profile function is set.
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    /// A hook is running: nothing it runs is traced.
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
    static TRACE_FUNC: RefCell<Option<PyRef>> = const { RefCell::new(None) };
    static PROFILE_FUNC: RefCell<Option<PyRef>> = const { RefCell::new(None) };
}

/// Whether frames entered now should run the traced dispatch loop.
#[inline]
pub fn active() -> bool {
    ACTIVE.with(|a| a.get())
}

fn update_active() {
    let on = TRACE_FUNC.with(|t| t.borrow().is_some()) || PROFILE_FUNC.with(|p| p.borrow().is_some());
    ACTIVE.with(|a| a.set(on));
}

pub fn set_trace(f: Option<PyRef>) {
    let old = TRACE_FUNC.with(|t| t.replace(f));
    update_active();
    drop(old);
}

pub fn set_profile(f: Option<PyRef>) {
    let old = PROFILE_FUNC.with(|p| p.replace(f));
    update_active();
    drop(old);
}

pub fn get_trace() -> Option<PyRef> {
    TRACE_FUNC.with(|t| t.borrow().clone())
}

pub fn get_profile() -> Option<PyRef> {
    PROFILE_FUNC.with(|p| p.borrow().clone())
}

fn pyframe(o: &PyRef) -> &PyFrame {
    o.downcast::<PyFrame>().expect("a frame")
}

/// Call `func(frame, event, arg)` with tracing suspended.
fn call_hook(vm: &Vm, func: &PyRef, frame: &PyRef, event: &str, arg: PyRef) -> PyResult<PyRef> {
    IN_HOOK.with(|h| h.set(true));
    let r = crate::protocol::call(vm, func, &[frame.clone(), pystr::new_str(event), arg], &[]);
    IN_HOOK.with(|h| h.set(false));
    r
}

/// Deliver a non-`call` event to the frame's local trace function (`trace_trampoline`):
/// a non-None result replaces it; an error turns tracing off.
fn local_event(vm: &Vm, frame: &PyRef, event: &str, arg: PyRef) -> PyResult<()> {
    let fo = pyframe(frame);
    let Some(local) = fo.trace.borrow().clone() else { return Ok(()) };
    match call_hook(vm, &local, frame, event, arg) {
        Ok(r) => {
            if !r.is(none::none_ref()) {
                let old = fo.trace.replace(Some(r));
                drop(old);
            }
            Ok(())
        }
        Err(e) => {
            set_trace(None);
            let old = fo.trace.replace(None);
            drop(old);
            Err(e)
        }
    }
}

fn profile_event(vm: &Vm, frame: &PyRef, event: &str, arg: PyRef) -> PyResult<()> {
    let Some(p) = get_profile() else { return Ok(()) };
    if let Err(e) = call_hook(vm, &p, frame, event, arg) {
        set_profile(None);
        return Err(e);
    }
    Ok(())
}

fn suspended() -> bool {
    IN_HOOK.with(|h| h.get()) || !active()
}

/// Before instruction `instr` of `f` runs in the traced loop (`top`: the value on top
/// of the stack, for `return` events).
pub fn instruction(vm: &Vm, f: &mut InterpreterFrame, instr: usize, opcode: u8, oparg: u32, top: Option<PyRef>) -> PyResult<()> {
    if suspended() {
        return Ok(());
    }
    if opcode == op::RESUME {
        let frame = crate::types::frame::frame_object(vm, f);
        let fo = pyframe(&frame);
        if oparg == 0 {
            // A new call reports its first line; a resumed generator continues its line.
            fo.trace_line.set(-1);
        }
        fo.trace_prev.set(instr);
        profile_event(vm, &frame, "call", none::none())?;
        if let Some(t) = get_trace() {
            match call_hook(vm, &t, &frame, "call", none::none()) {
                Ok(r) => {
                    let r = if r.is(none::none_ref()) { None } else { Some(r) };
                    let old = fo.trace.replace(r);
                    drop(old);
                }
                Err(e) => {
                    set_trace(None);
                    return Err(e);
                }
            }
        }
        return Ok(());
    }
    if get_profile().is_some() || f.frame_obj.is_some() {
        profile_c_call(vm, f, opcode, oparg)?;
    }
    let Some(frame) = f.frame_obj.clone() else { return Ok(()) };
    let fo = pyframe(&frame);
    if fo.trace.borrow().is_some() && fo.trace_lines.get() {
        let code = f.code();
        if let Some(line) = taipan_bytecode::location::addr2line(&code.code, instr * 2) {
            let backward = instr <= fo.trace_prev.get();
            if line != fo.trace_line.get() || backward {
                fo.trace_line.set(line);
                fo.trace_prev.set(instr);
                local_event(vm, &frame, "line", none::none())?;
            }
        }
    }
    fo.trace_prev.set(instr);
    let ret = match opcode {
        op::RETURN_VALUE | op::YIELD_VALUE => top,
        op::RETURN_CONST => f.code().consts.get(oparg as usize).cloned(),
        _ => None,
    };
    if let Some(v) = ret {
        local_event(vm, &frame, "return", v.clone())?;
        profile_event(vm, &frame, "return", v)?;
    }
    Ok(())
}

/// Profiling: `c_return` for a finished call of a built-in, then `c_call` when this
/// instruction calls one (a `builtin_function_or_method`, or a method descriptor given
/// its `self`, reported bound).
fn profile_c_call(vm: &Vm, f: &mut InterpreterFrame, opcode: u8, oparg: u32) -> PyResult<()> {
    if let Some(frame) = f.frame_obj.clone() {
        let pending = pyframe(&frame).trace_pending_c.replace(None);
        if let Some(c) = pending {
            profile_event(vm, &frame, "c_return", c)?;
        }
    }
    if get_profile().is_none() {
        return Ok(());
    }
    let stack = f.stack_slice();
    let (callable, self_) = match opcode {
        op::CALL | op::CALL_KW => {
            let extra = if opcode == op::CALL_KW { 1 } else { 0 };
            let Some(i) = stack.len().checked_sub(oparg as usize + 2 + extra) else { return Ok(()) };
            (stack[i].clone(), stack[i + 1].clone())
        }
        op::CALL_FUNCTION_EX => {
            let Some(i) = stack.len().checked_sub(3 + (oparg as usize & 1)) else { return Ok(()) };
            (stack[i].clone(), None)
        }
        _ => return Ok(()),
    };
    let Some(callable) = callable else { return Ok(()) };
    let arg = if callable.downcast::<crate::types::function::PyCFunction>().is_some() {
        callable
    } else if callable.downcast::<crate::types::descr::PyMethodDescr>().is_some() {
        let Some(s) = self_ else { return Ok(()) };
        let Some(get) = callable.ob_type().tp_descr_get.get() else { return Ok(()) };
        let tp = s.type_ref();
        get(vm, &callable, Some(&s), &tp)?
    } else {
        return Ok(());
    };
    let frame = crate::types::frame::frame_object(vm, f);
    profile_event(vm, &frame, "c_call", arg.clone())?;
    let old = pyframe(&frame).trace_pending_c.replace(Some(arg));
    drop(old);
    Ok(())
}

/// An exception was raised in `f`, or reached it from a callee (`exception` event).
pub fn exception(vm: &Vm, f: &mut InterpreterFrame, err: &PyErr) -> PyResult<()> {
    if suspended() {
        return Ok(());
    }
    let Some(frame) = f.frame_obj.clone() else { return Ok(()) };
    let pending = pyframe(&frame).trace_pending_c.replace(None);
    if let Some(c) = pending {
        profile_event(vm, &frame, "c_exception", c)?;
    }
    if pyframe(&frame).trace.borrow().is_none() {
        return Ok(());
    }
    let value = err.value().to_ref();
    let tb = crate::types::exceptions::as_exc(&value).traceback.borrow().clone().unwrap_or_else(none::none);
    let arg = crate::types::tuple::new_tuple(vec![value.type_ref(), value.clone(), tb]);
    local_event(vm, &frame, "exception", arg)
}

/// `f` is left by an exception it did not handle (`return` with None).
pub fn unwind(vm: &Vm, f: &mut InterpreterFrame) -> PyResult<()> {
    if suspended() {
        return Ok(());
    }
    let Some(frame) = f.frame_obj.clone() else { return Ok(()) };
    local_event(vm, &frame, "return", none::none())?;
    profile_event(vm, &frame, "return", none::none())
}
