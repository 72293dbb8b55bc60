//! `breakpoint()` and `open()`.
//!
//! `breakpoint(*args, **kws)` calls `sys.breakpointhook` (RuntimeError when it was
//! deleted). `open` is named here so `builtins` has CPython's names; files need the `io`
//! module, which is not built yet, so calling it raises NotImplementedError.

use crate::error::PyResult;
use crate::object::PyRef;
use crate::protocol;
use crate::types::function::MethodDef;
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("breakpoint", builtin_breakpoint),
    MethodDef::function("open", builtin_open),
];

fn builtin_breakpoint(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let Some(hook) = protocol::getattr_opt(vm, &vm.sys, &vm.intern("breakpointhook"))? else {
        return Err(vm.runtime_error("lost sys.breakpointhook"));
    };
    protocol::call(vm, &hook, args, kw)
}

fn builtin_open(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.not_implemented_error("taipan: open() needs the io module, which is not built yet"))
}
