//! Running a program as `python3.13 FILE` does: compile, execute as `__main__`, report
//! an uncaught exception, honour SystemExit, flush the streams, and return the exit status.

use std::sync::Arc;

use taipan_bytecode::CodeObject;

use crate::error::PyErr;
use crate::types::{dict, exceptions, int, module, none, str as pystr};
use crate::vm::Vm;

/// Execute a compiled module as `__main__`; returns the process exit status.
pub fn run_main(vm: &Vm, code: CodeObject, filename: &str) -> u8 {
    let main = module::new_module_named("__main__");
    let globals = module::module_dict(&main);
    dict::set_item_str_key(vm, &vm.modules, &vm.intern("__main__"), &main);
    // 3.13's add_main_module gives `__main__` an empty `__annotations__` first.
    dict::set_item_str_key(vm, &globals, &vm.intern("__annotations__"), &dict::new_dict());
    dict::set_item_str_key(vm, &globals, &vm.intern("__builtins__"), &vm.builtins);
    dict::set_item_str_key(vm, &globals, &vm.intern("__file__"), &pystr::new_str(filename));
    dict::set_item_str_key(vm, &globals, &vm.intern("__cached__"), &none::none());
    let code = crate::types::code::new_code(vm, Arc::new(code));
    #[cfg(feature = "refcheck")]
    let modules_before = dict::keys(&vm.modules);
    #[cfg(feature = "refcheck")]
    crate::gc::refcheck::set_baseline();
    let r = crate::eval::exec_code(vm, code, globals.clone(), None);
    #[allow(unused_mut)]
    let mut status = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e),
    };
    // The program is over: no more trace or profile events (and no references kept).
    crate::eval::trace::set_trace(None);
    crate::eval::trace::set_profile(None);
    clear_module_dict(vm, &globals);
    crate::sysmodule::flush_stdout(vm);
    #[cfg(feature = "refcheck")]
    if refcheck_at_exit(vm, &globals, &modules_before) > 0 && status == 0 {
        status = 70;
    }
    status
}

/// Release everything the program made (its globals, the modules it imported, the
/// exception being handled, cycles) and report what is still alive.
#[cfg(feature = "refcheck")]
fn refcheck_at_exit(vm: &Vm, globals: &crate::object::PyRef, modules_before: &[crate::object::PyRef]) -> usize {
    let _ = dict::gc_clear(globals);
    for k in dict::keys(&vm.modules) {
        if !modules_before.iter().any(|m| m.is(&k)) {
            let _ = dict::del_item(vm, &vm.modules, &k);
        }
    }
    vm.exc_value.replace(None);
    // As finalize_modules: the hooks a program installed and the last exception go.
    let sd = module::module_dict(&vm.sys);
    for (name, orig) in [("excepthook", Some("__excepthook__")), ("displayhook", Some("__displayhook__")),
                         ("last_exc", None), ("last_value", None), ("last_type", None), ("last_traceback", None)] {
        let v = match orig {
            Some(o) => dict::get_item_str_key(&sd, &vm.intern(o)),
            None => None,
        };
        match v {
            Some(v) => dict::set_item_str_key(vm, &sd, &vm.intern(name), &v),
            None => {
                let _ = dict::del_item(vm, &sd, &vm.intern(name));
            }
        }
    }
    vm.frames.release_pooled_code();
    crate::types::type_cache::clear();
    for _ in 0..3 {
        crate::gc::collect(vm, 2);
    }
    crate::gc::refcheck::report_leaks(vm)
}

/// At exit, replace a module's globals with None so that finalizers (`__del__`) of the
/// objects they held run (CPython's `_PyModule_ClearDict`): names with one leading
/// underscore first, then all others but `__builtins__`.
fn clear_module_dict(vm: &Vm, d: &crate::object::PyObject) {
    let keys = dict::keys(d);
    let name = |k: &crate::object::PyRef| pystr::downcast_str(k).map(|s| s.to_string_lossy());
    for pass in 0..2 {
        for k in &keys {
            let Some(n) = name(k) else { continue };
            let take = if pass == 0 {
                n.starts_with('_') && !n.starts_with("__")
            } else {
                n != "__builtins__"
            };
            if take {
                let _ = dict::set_item(vm, d, k, &none::none());
            }
        }
    }
}

/// Print an uncaught exception (or handle SystemExit) and give the exit status.
pub fn handle_uncaught(vm: &Vm, e: PyErr) -> u8 {
    if e.matches(&exceptions::SYSTEM_EXIT) {
        let code = exceptions::first_field(e.value());
        if code.is(none::none_ref()) {
            return 0;
        }
        if let Some(i) = int::downcast_int(&code) {
            return i.as_i64().map(|n| n as u8).unwrap_or(255);
        }
        crate::sysmodule::flush_stdout(vm);
        let s = crate::protocol::str(vm, &code).map(|s| pystr::to_string(&s)).unwrap_or_default();
        eprintln!("{s}");
        return 1;
    }
    print_uncaught(vm, &e);
    if e.matches(&exceptions::KEYBOARD_INTERRUPT) {
        UNHANDLED_KEYBOARD_INTERRUPT.store(true, std::sync::atomic::Ordering::Relaxed);
        return 130;
    }
    1
}

/// Set when the program ended with an uncaught KeyboardInterrupt: as CPython, the process
/// then ends by SIGINT (status 128+2 in a shell) once the interpreter is finalized.
pub static UNHANDLED_KEYBOARD_INTERRUPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `exit_sigint`: restore SIGINT's default action and send it to this process.
pub fn exit_sigint() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
        fn raise(sig: i32) -> i32;
    }
    const SIGINT: i32 = 2;
    const SIG_DFL: usize = 0;
    // SAFETY: plain libc calls; the default action terminates the process.
    unsafe {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
}

/// Report an uncaught exception through `sys.excepthook` (the built-in one prints the
/// traceback directly); a failing hook is reported as CPython's `PyErr_Display` path does.
fn print_uncaught(vm: &Vm, e: &PyErr) {
    let sysd = module::module_dict(&vm.sys);
    let hook = dict::get_item_str_key(&sysd, &vm.intern("excepthook"));
    let default = dict::get_item_str_key(&sysd, &vm.intern("__excepthook__"));
    let hook = match hook {
        Some(h) if !default.as_ref().is_some_and(|d| d.is(&h)) && !h.is(none::none_ref()) => h,
        Some(_) => return crate::traceback::print_exception(vm, e),
        None => {
            crate::sysmodule::flush_stdout(vm);
            eprintln!("sys.excepthook is missing");
            return crate::traceback::print_exception(vm, e);
        }
    };
    let v = e.value().to_ref();
    let tb = exceptions::as_exc(&v).traceback.borrow().clone().unwrap_or_else(none::none);
    if let Err(e2) = crate::protocol::call(vm, &hook, &[v.type_ref(), v.clone(), tb], &[]) {
        if e2.matches(&exceptions::SYSTEM_EXIT) {
            return;
        }
        crate::sysmodule::flush_stdout(vm);
        eprintln!("Error in sys.excepthook:");
        crate::traceback::print_exception(vm, &e2);
        eprintln!("\nOriginal exception was:");
        crate::traceback::print_exception(vm, e);
    }
    crate::sysmodule::flush_stdout(vm);
}
