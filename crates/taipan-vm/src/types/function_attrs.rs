//! The attributes of Python functions (`__name__`, `__defaults__`, `__code__`, …).

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::types::descr::GetSetDef;
use crate::types::function::PyFunction;
use crate::types::{dict, none, str as pystr, tuple};
use crate::vm::Vm;

pub static FUNCTION_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", get_name, Some(set_name)),
    GetSetDef::new("__qualname__", get_qualname, Some(set_qualname)),
    GetSetDef::new("__defaults__", get_defaults, Some(set_defaults)),
    GetSetDef::new("__kwdefaults__", get_kwdefaults, Some(set_kwdefaults)),
    GetSetDef::new("__code__", get_code, Some(set_code)),
    GetSetDef::new("__globals__", get_globals, None),
    GetSetDef::new("__builtins__", get_builtins, None),
    GetSetDef::new("__closure__", get_closure, None),
    GetSetDef::new("__doc__", get_doc, Some(set_doc)),
    GetSetDef::new("__module__", get_module, Some(set_module)),
    GetSetDef::new("__annotations__", get_annotations, Some(set_annotations)),
    GetSetDef::new("__dict__", get_dict, Some(set_dict)),
    GetSetDef::new("__type_params__", get_type_params, Some(set_type_params)),
];

fn f(obj: &PyObject) -> &PyFunction {
    obj.downcast::<PyFunction>().unwrap()
}

fn or_none(v: &Option<PyRef>) -> PyRef {
    v.clone().unwrap_or_else(none::none)
}

fn get_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).name.borrow().clone())
}
fn set_name(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v.filter(|v| pystr::downcast_str(v).is_some()) {
        Some(v) => {
            *f(o).name.borrow_mut() = v.to_ref();
            Ok(())
        }
        None => Err(vm.type_error("__name__ must be set to a string object")),
    }
}
fn get_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).qualname.borrow().clone())
}
fn set_qualname(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v.filter(|v| pystr::downcast_str(v).is_some()) {
        Some(v) => {
            *f(o).qualname.borrow_mut() = v.to_ref();
            Ok(())
        }
        None => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}
fn get_defaults(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(or_none(&f(o).defaults.borrow()))
}
fn set_defaults(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = v.filter(|v| !v.is(none::none_ref()));
    if let Some(v) = v {
        if tuple::downcast_tuple(v).is_none() {
            return Err(vm.type_error("__defaults__ must be set to a tuple object"));
        }
    }
    *f(o).defaults.borrow_mut() = v.map(|v| v.to_ref());
    f(o).version.set(0);
    Ok(())
}
fn get_kwdefaults(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(or_none(&f(o).kwdefaults.borrow()))
}
fn set_kwdefaults(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = v.filter(|v| !v.is(none::none_ref()));
    if let Some(v) = v {
        if dict::downcast_dict(v).is_none() {
            return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
        }
    }
    *f(o).kwdefaults.borrow_mut() = v.map(|v| v.to_ref());
    f(o).version.set(0);
    Ok(())
}
fn get_code(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).code.borrow().clone())
}
fn set_code(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let Some(v) = v.filter(|v| v.downcast::<crate::types::code::PyCode>().is_some()) else {
        return Err(vm.type_error("__code__ must be set to a code object"));
    };
    let nfree = crate::types::code_attrs::nfree(crate::types::code::as_code(v));
    let nclosure = f(o).closure.borrow().as_ref().and_then(|c| tuple::downcast_tuple(c).map(|t| t.len())).unwrap_or(0);
    if nfree != nclosure {
        return Err(vm.value_error(format!(
            "{}() requires a code object with {nclosure} free vars, not {nfree}",
            pystr::to_string(&f(o).name.borrow())
        )));
    }
    let old = f(o).code.replace(v.to_ref());
    drop(old);
    f(o).version.set(0);
    Ok(())
}
fn get_globals(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).globals.clone())
}
fn get_builtins(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).builtins.clone())
}
fn get_closure(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(or_none(&f(o).closure.borrow()))
}
fn get_doc(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).doc.borrow().clone())
}
fn set_doc(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    *f(o).doc.borrow_mut() = v.map(|v| v.to_ref()).unwrap_or_else(none::none);
    Ok(())
}
fn get_module(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).module.borrow().clone())
}
fn set_module(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    *f(o).module.borrow_mut() = v.map(|v| v.to_ref()).unwrap_or_else(none::none);
    Ok(())
}
fn get_annotations(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let cur = f(o).annotations.borrow().clone();
    let d = match cur {
        None => dict::new_dict(),
        Some(a) => match crate::types::tuple::downcast_tuple(&a) {
            // MAKE_FUNCTION's annotations: a flat (name, value, ...) tuple, made a
            // dict on first access (CPython's func_get_annotation_dict).
            Some(items) => {
                let d = dict::new_dict();
                for pair in items.chunks(2) {
                    if let [k, v] = pair {
                        dict::set_item(vm, &d, k, v)?;
                    }
                }
                d
            }
            None => return Ok(a),
        },
    };
    *f(o).annotations.borrow_mut() = Some(d.clone());
    Ok(d)
}
fn set_annotations(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = v.filter(|v| !v.is(none::none_ref()));
    if let Some(v) = v {
        if dict::downcast_dict(v).is_none() {
            return Err(vm.type_error("__annotations__ must be set to a dict object"));
        }
    }
    *f(o).annotations.borrow_mut() = v.map(|v| v.to_ref());
    Ok(())
}
fn get_dict(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::object::instance_dict(o).unwrap())
}
fn set_dict(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v {
        Some(v) if dict::downcast_dict(v).is_some() => {
            *f(o).dict.borrow_mut() = Some(v.to_ref());
            Ok(())
        }
        Some(v) => Err(vm.type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            v.ob_type().name()
        ))),
        None => Err(vm.type_error("cannot delete __dict__")),
    }
}
fn get_type_params(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(f(o).type_params.borrow().clone().unwrap_or_else(|| tuple::new_tuple(vec![])))
}
fn set_type_params(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v.filter(|v| tuple::downcast_tuple(v).is_some()) {
        Some(v) => {
            *f(o).type_params.borrow_mut() = Some(v.to_ref());
            Ok(())
        }
        None => Err(vm.type_error("__type_params__ must be set to a tuple")),
    }
}
