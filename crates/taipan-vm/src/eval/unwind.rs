//! Raising and unwinding: `raise` (`do_raise`), context chaining (`_PyErr_SetObject`),
//! traceback entries (`PyTraceBack_Here`) and the exception-table lookup that finds the
//! handler of the instruction that raised (zero-cost `try`: the table is only read here).

use crate::error::{PyErr, PyResult};
use crate::eval::frame::InterpreterFrame;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::{exceptions, int, none};
use crate::vm::Vm;

/// Set `exc.__context__` to the exception being handled, cutting a cycle if one would
/// form (`_PyErr_SetObject`).
pub fn chain_context(vm: &Vm, exc: &PyObject) {
    let handled = vm.exc_value.borrow().clone();
    let Some(handled) = handled else { return };
    if handled.is(exc) {
        return;
    }
    // Walk handled's context chain; if `exc` is on it, cut the chain there.
    let mut o = handled.clone();
    let mut steps = 0usize;
    loop {
        let ctx = exceptions::as_exc(&o).context.borrow().clone();
        let Some(ctx) = ctx else { break };
        if ctx.is(exc) {
            *exceptions::as_exc(&o).context.borrow_mut() = None;
            break;
        }
        o = ctx;
        steps += 1;
        if steps > 100_000 {
            break;
        }
    }
    let old = exceptions::as_exc(exc).context.replace(Some(handled));
    drop(old);
}

/// Add a traceback entry for frame `f` at its current instruction.
pub fn traceback_here(vm: &Vm, f: &mut InterpreterFrame, err: &PyErr) {
    let frame_obj = crate::types::frame::frame_object(vm, f);
    let lasti = (f.instr * 2) as i32;
    let e = exceptions::as_exc(err.value());
    let next = e.traceback.borrow().clone();
    let tb = crate::traceback::new_traceback(next, frame_obj, lasti, crate::traceback::LINENO_LAZY);
    let old = e.traceback.replace(Some(tb));
    drop(old);
}

/// An exception arrived in frame `f`: record it, then find its handler. `Ok(())` when the
/// frame continues at a handler; `Err` gives the exception back to propagate.
pub fn handle_exception(vm: &Vm, f: &mut InterpreterFrame, err: PyErr, add_tb: bool, lookup_at: usize) -> Result<(), PyErr> {
    if add_tb {
        let e = exceptions::as_exc(err.value());
        let fresh = e.traceback.borrow().is_none() && e.context.borrow().is_none();
        if fresh {
            chain_context(vm, err.value());
        }
        traceback_here(vm, f, &err);
    }
    let handler = match taipan_bytecode::location::exception_handler(&f.code().code.exceptiontable, lookup_at as u32) {
        Ok(h) => h,
        Err(_) => None,
    };
    let Some(h) = handler else { return Err(err) };
    let n = f.code().nlocalsplus;
    while f.stack_top > h.depth as usize {
        f.stack_top -= 1;
        // SAFETY: slots below stack_top are initialized.
        unsafe {
            let v = f.localsplus.add(n + f.stack_top).replace(None);
            drop(v);
        }
    }
    if h.lasti {
        let v = int::new_int(f.instr as i64);
        unsafe { f.localsplus.add(n + f.stack_top).write(Some(v)) };
        f.stack_top += 1;
    }
    unsafe { f.localsplus.add(n + f.stack_top).write(Some(err.into_value())) };
    f.stack_top += 1;
    // The sentinel unit (see eval::cache::quicken) when the table points past the code.
    f.instr = (h.target as usize).min(f.code().code.code.len() / 2);
    Ok(())
}

/// Make an exception instance from `raise X` (a class is called with no arguments).
fn make_exception(vm: &Vm, exc: &PyObject, what: &str) -> PyResult<PyRef> {
    if exceptions::is_exception_class(exc) {
        let v = protocol::call(vm, exc, &[], &[])?;
        if !exceptions::is_exception_instance(&v) {
            return Err(vm.type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                protocol::repr_string(vm, exc)?,
                v.ob_type().name()
            )));
        }
        return Ok(v);
    }
    if exceptions::is_exception_instance(exc) {
        return Ok(exc.to_ref());
    }
    Err(vm.type_error(what.to_string()))
}

/// `RAISE_VARARGS`: `Ok(err)` to raise with a traceback entry; `Err((err, add_tb))` for
/// a bare `raise` (re-raise without a new entry) or a failure while making the exception.
pub fn do_raise(vm: &Vm, exc: Option<PyRef>, cause: Option<PyRef>) -> Result<PyErr, (PyErr, bool)> {
    let Some(exc) = exc else {
        let handled = vm.exc_value.borrow().clone();
        return match handled {
            Some(e) => Err((PyErr::from_instance(e), false)),
            None => Err((vm.runtime_error("No active exception to reraise"), true)),
        };
    };
    let value = make_exception(vm, &exc, "exceptions must derive from BaseException").map_err(|e| (e, true))?;
    if let Some(cause) = cause {
        let c = if cause.is(none::none_ref()) {
            None
        } else if exceptions::is_exception_class(&cause) {
            let v = protocol::call(vm, &cause, &[], &[]).map_err(|e| (e, true))?;
            if !exceptions::is_exception_instance(&v) {
                return Err((vm.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    protocol::repr_string(vm, &cause).unwrap_or_default(),
                    v.ob_type().name()
                )), true));
            }
            Some(v)
        } else if exceptions::is_exception_instance(&cause) {
            Some(cause)
        } else {
            return Err((vm.type_error("exception causes must derive from BaseException"), true));
        };
        let e = exceptions::as_exc(&value);
        let old = e.cause.replace(c);
        drop(old);
        e.suppress_context.set(true);
    }
    chain_context(vm, &value);
    Ok(PyErr::from_instance(value))
}
