//! The interpreter (DESIGN.md §4.3): entry points that run code objects and call Python
//! functions, the recursion guards, and the dispatch loop in [`ceval`].

mod args;
pub mod cache;
mod ceval;
pub(crate) mod fast;
pub mod frame;
pub mod op;
pub(crate) mod ops;
mod pattern;
pub mod trace;
mod unwind;

use std::cell::Cell;

use crate::error::PyResult;
use crate::eval::frame::InterpreterFrame;
use crate::object::{PyObject, PyRef};
use crate::types::code::PyCode;
use crate::types::function::PyFunction;
use crate::types::{dict, module};
use crate::vm::Vm;

pub use ceval::{run_frame, run_generator_frame};
pub use unwind::{chain_context, traceback_here};

thread_local! {
    /// The lowest stack address this thread's native code may reach before a
    /// RecursionError is raised instead (0 = unknown, no check).
    static STACK_LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// Record how much native stack this thread may use from here on (leaving a margin for
/// the error path itself).
pub fn set_stack_budget(bytes: usize) {
    let here = &bytes as *const usize as usize;
    STACK_LIMIT.with(|l| l.set(here.saturating_sub(bytes)));
}

/// True when the native stack is nearly exhausted.
#[inline]
pub fn stack_is_low() -> bool {
    let here = 0u8;
    let addr = &here as *const u8 as usize;
    STACK_LIMIT.with(|l| addr < l.get())
}

/// The builtins namespace a frame with these globals uses (`_PyEval_BuiltinsFromGlobals`).
pub fn builtins_of_globals(vm: &Vm, globals: &PyObject) -> PyResult<PyRef> {
    if let Some(b) = dict::get_item(vm, globals, &vm.intern("__builtins__"))? {
        if b.downcast::<module::PyModule>().is_some() {
            return Ok(module::module_dict(&b));
        }
        return Ok(b);
    }
    Ok(vm.builtins_dict.clone())
}

/// Enter one Python frame: `sys.getrecursionlimit()` counts Python frames.
#[inline]
pub(crate) fn enter_python_frame(vm: &Vm) -> PyResult<()> {
    let d = vm.py_depth.get();
    if d >= vm.recursion_limit.get() {
        return Err(vm.recursion_error("maximum recursion depth exceeded"));
    }
    vm.py_depth.set(d + 1);
    Ok(())
}

#[inline]
pub(crate) fn leave_python_frame(vm: &Vm) {
    vm.py_depth.set(vm.py_depth.get() - 1);
}

/// Run a module-level or `exec` code object in `globals` (and `locals`, default globals).
pub fn exec_code(vm: &Vm, code: PyRef, globals: PyRef, locals: Option<PyRef>) -> PyResult<PyRef> {
    if dict::get_item(vm, &globals, &vm.intern("__builtins__"))?.is_none() {
        dict::set_item(vm, &globals, &vm.intern("__builtins__"), &vm.builtins)?;
    }
    let builtins = builtins_of_globals(vm, &globals)?;
    let locals = locals.unwrap_or_else(|| globals.clone());
    vm.enter_recursive_call("")?;
    if let Err(e) = enter_python_frame(vm) {
        vm.leave_recursive_call();
        return Err(e);
    }
    let f = vm.frames.push(code, None, globals, builtins, Some(locals), true);
    let r = run_frame(vm, f);
    leave_python_frame(vm);
    vm.leave_recursive_call();
    r
}

/// Push a frame for calling the Python function `func` and bind the arguments. The frame
/// is popped again when binding fails.
pub(crate) fn push_function_frame(
    vm: &Vm,
    func_obj: &PyObject,
    args: &[PyRef],
    kwnames: &[PyRef],
    is_entry: bool,
) -> PyResult<*mut InterpreterFrame> {
    let func = func_obj.downcast::<PyFunction>().unwrap();
    enter_python_frame(vm)?;
    let code = func.code.borrow().clone();
    let f = vm.frames.push(code, Some(func_obj.to_ref()), func.globals.clone(), func.builtins.clone(), None, is_entry);
    // SAFETY: the frame was just pushed and is current.
    let fr = unsafe { &mut *f };
    let c: &PyCode = fr.code();
    let slots = fr.locals_slice();
    if let Err(e) = args::bind_args(vm, func, c, slots, args, kwnames) {
        // SAFETY: `f` is the current frame.
        unsafe { vm.frames.pop(f) };
        leave_python_frame(vm);
        return Err(e);
    }
    Ok(f)
}

/// Call a Python function from native code (`_PyFunction_Vectorcall`).
pub fn call_function(vm: &Vm, func: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    vm.enter_recursive_call("")?;
    let r = (|| {
        let f = push_function_frame(vm, func, args, kwnames, true)?;
        let r = run_frame(vm, f);
        leave_python_frame(vm);
        r
    })();
    vm.leave_recursive_call();
    r
}

/// Run a class body (a function's code) with `ns` as its locals (`__build_class__`).
pub fn run_class_body(vm: &Vm, func: &PyObject, ns: PyRef) -> PyResult<PyRef> {
    let f = func.downcast::<PyFunction>().unwrap();
    vm.enter_recursive_call("")?;
    if let Err(e) = enter_python_frame(vm) {
        vm.leave_recursive_call();
        return Err(e);
    }
    let code = f.code.borrow().clone();
    let fr = vm.frames.push(code, Some(func.to_ref()), f.globals.clone(), f.builtins.clone(), Some(ns), true);
    let r = run_frame(vm, fr);
    leave_python_frame(vm);
    vm.leave_recursive_call();
    r
}
