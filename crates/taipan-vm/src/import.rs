//! Imports (DESIGN.md §4.5). For now only modules already in `sys.modules` (the built-in
//! `sys` and `builtins`) can be imported; the importer over the Lib comes with the
//! imports issue.

use crate::error::PyResult;
use crate::eval::frame::InterpreterFrame;
use crate::object::{PyObject, PyRef};
use crate::types::{dict, exceptions, str as pystr};
use crate::vm::Vm;

/// `IMPORT_NAME`.
pub fn import_name(vm: &Vm, _f: &InterpreterFrame, name: &PyObject, fromlist: &PyObject, level: &PyObject) -> PyResult<PyRef> {
    let _ = (fromlist, level);
    if let Some(m) = dict::get_item(vm, &vm.modules, name)? {
        return Ok(m);
    }
    let n = pystr::to_string(name);
    let err = vm.new_error(&exceptions::MODULE_NOT_FOUND_ERROR, format!("No module named '{n}'"));
    Err(err)
}

/// `IMPORT_FROM`.
pub fn import_from(vm: &Vm, module: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    if let Some(v) = crate::protocol::getattr_opt(vm, module, name)? {
        return Ok(v);
    }
    let mname = crate::protocol::getattr_opt(vm, module, &vm.intern("__name__"))?
        .map(|n| pystr::to_string(&n))
        .unwrap_or_else(|| "<unknown module name>".into());
    Err(vm.new_error(
        &exceptions::IMPORT_ERROR,
        format!("cannot import name '{}' from '{mname}' (unknown location)", pystr::to_string(name)),
    ))
}

/// `from m import *`.
pub fn import_star(vm: &Vm, f: &InterpreterFrame, module: &PyObject) -> PyResult<()> {
    let Some(locals) = &f.locals else {
        return Err(vm.system_error("no locals found during 'import *'"));
    };
    let d = crate::types::module::module_dict(module);
    for (k, v) in dict::items(&d) {
        if pystr::to_string(&k).starts_with('_') {
            continue;
        }
        crate::protocol::setitem(vm, locals, &k, &v)?;
    }
    Ok(())
}
