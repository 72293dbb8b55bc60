//! `breakpoint()`, `sys.breakpointhook` and `open()`.
//!
//! `breakpoint(*args, **kws)` calls `sys.breakpointhook` (RuntimeError when it was
//! deleted). The default hook (also `sys.__breakpointhook__`) reads `$PYTHONBREAKPOINT`:
//! `0` disables it, empty or unset means `pdb.set_trace`, else `module.attr` (or a
//! builtin's name) is imported and called; an unimportable hook is a RuntimeWarning. `open` is named here so `builtins` has CPython's names; files need the `io`
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

static SYS_FUNCTIONS: &[MethodDef] = &[MethodDef::function("breakpointhook", sys_breakpointhook)];

/// Put `breakpointhook` and `__breakpointhook__` into `sys`.
pub fn init_sys(vm: &Vm) {
    for def in SYS_FUNCTIONS {
        let f = crate::types::function::new_builtin_function(def, Some(vm.sys.clone()));
        let d = crate::types::module::module_dict(&vm.sys);
        crate::types::dict::set_item_str_key(vm, &d, &vm.intern(def.name), &f);
        crate::types::dict::set_item_str_key(vm, &d, &vm.intern(&format!("__{}__", def.name)), &f);
    }
}

fn sys_breakpointhook(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let env = std::env::var("PYTHONBREAKPOINT").unwrap_or_default();
    if env == "0" {
        return Ok(crate::types::none::none());
    }
    let hookname = if env.is_empty() { "pdb.set_trace".to_string() } else { env };
    let (modname, attr) = match hookname.rsplit_once('.') {
        Some((m, a)) => (m.to_string(), a.to_string()),
        None => ("builtins".to_string(), hookname.clone()),
    };
    let hook = crate::import::import_module(vm, &crate::types::str::new_str(&modname))
        .and_then(|m| protocol::getattr_str(vm, &m, &attr));
    match hook {
        Ok(h) => protocol::call(vm, &h, args, kw),
        Err(e) if e.matches(&crate::types::exceptions::IMPORT_ERROR) || e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{hookname}\"");
            crate::warnings::warn(vm, &crate::types::exceptions::RUNTIME_WARNING, &msg)?;
            Ok(crate::types::none::none())
        }
        Err(e) => Err(e),
    }
}

fn builtin_open(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.not_implemented_error("taipan: open() needs the io module, which is not built yet"))
}
