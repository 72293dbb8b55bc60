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
    let level = crate::protocol::index_as_isize(vm, level)?;
    crate::builtins::namespace::import_module_level(vm, name, fromlist, level)
}

/// The modules built into the interpreter (`sys.builtin_module_names`), each with the
/// function that creates it on first import.
pub static BUILTIN_MODULES: &[(&str, fn(&Vm) -> PyRef)] = &[
    ("_ast", crate::ast_module::init_module),
    ("_typing", crate::types::typing_module::init_module),
    ("_weakref", crate::weakref::init_module),
    ("builtins", |vm| vm.builtins.clone()),
    ("gc", crate::gc::module::init_module),
    ("sys", |vm| vm.sys.clone()),
];

/// Import a module by its full name: `sys.modules`, else a built-in module (created and
/// entered in `sys.modules`), else ModuleNotFoundError.
pub fn import_module(vm: &Vm, name: &PyObject) -> PyResult<PyRef> {
    if let Some(m) = dict::get_item(vm, &vm.modules, name)? {
        if m.is(crate::types::none::none_ref()) {
            let n = pystr::to_string(name);
            return Err(vm.new_error(&exceptions::MODULE_NOT_FOUND_ERROR, format!("import of {n} halted; None in sys.modules")));
        }
        return Ok(m);
    }
    let n = pystr::to_string(name);
    if let Some((_, init)) = BUILTIN_MODULES.iter().find(|(m, _)| *m == n) {
        let m = init(vm);
        set_builtin_module_attrs(vm, &m, &n);
        dict::set_item(vm, &vm.modules, name, &m)?;
        return Ok(m);
    }
    let err = vm.new_error(&exceptions::MODULE_NOT_FOUND_ERROR, format!("No module named '{n}'"));
    set_import_error_fields(&err, Some(name), None);
    Err(err)
}

/// The first paragraph of the built-in modules' docstrings.
const BUILTIN_MODULE_DOCS: &[(&str, &str)] = &[
    ("sys", "This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter."),
    ("builtins", "Built-in functions, types, exceptions, and other objects."),
    ("gc", "This module provides access to the garbage collector for reference cycles."),
    ("_weakref", "Weak-reference support module."),
];

/// What the import system records on a built-in module: `__package__` is `''`,
/// `__spec__` a spec named after it with origin `'built-in'` (a namespace with a
/// ModuleSpec's attributes until importlib runs), and its docstring.
pub fn set_builtin_module_attrs(vm: &Vm, m: &PyObject, name: &str) {
    let Some(md) = m.downcast::<crate::types::module::PyModule>() else { return };
    let Some(d) = md.dict.borrow().clone() else { return };
    let none = crate::types::none::none;
    let spec = crate::types::namespace::new_namespace(
        vm,
        vec![
            ("name", pystr::new_str(name)),
            ("loader", none()),
            ("origin", pystr::new_str("built-in")),
            ("loader_state", none()),
            ("submodule_search_locations", none()),
            ("parent", pystr::new_str("")),
            ("has_location", crate::types::none::false_()),
            ("cached", none()),
        ],
    );
    dict::set_item_str_key(vm, &d, &vm.intern("__spec__"), &spec);
    dict::set_item_str_key(vm, &d, &vm.intern("__package__"), &pystr::new_str(""));
    let doc_key = vm.intern("__doc__");
    let has_doc = dict::get_item_str_key(&d, &doc_key).is_some_and(|v| !v.is(crate::types::none::none_ref()));
    if !has_doc {
        if let Some((_, doc)) = BUILTIN_MODULE_DOCS.iter().find(|(n, _)| *n == name) {
            dict::set_item_str_key(vm, &d, &doc_key, &pystr::new_str(doc));
        }
    }
}

/// `IMPORT_FROM`.
pub fn import_from(vm: &Vm, module: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    if let Some(v) = crate::protocol::getattr_opt(vm, module, name)? {
        return Ok(v);
    }
    let mname = crate::protocol::getattr_opt(vm, module, &vm.intern("__name__"))?
        .map(|n| pystr::to_string(&n))
        .unwrap_or_else(|| "<unknown module name>".into());
    let err = vm.new_error(
        &exceptions::IMPORT_ERROR,
        format!("cannot import name '{}' from '{mname}' (unknown location)", pystr::to_string(name)),
    );
    let modname = pystr::new_str(&mname);
    set_import_error_fields(&err, Some(&modname), Some(name));
    Err(err)
}

/// ImportError's `name` and `name_from` (fields 1 and 3, see exception_attrs).
fn set_import_error_fields(err: &crate::error::PyErr, name: Option<&PyObject>, name_from: Option<&PyObject>) {
    let e = exceptions::as_exc(err.value());
    let mut f = e.fields.borrow_mut();
    if f.len() < 4 {
        f.resize(4, None);
    }
    f[1] = name.map(|n| n.to_ref());
    f[3] = name_from.map(|n| n.to_ref());
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
