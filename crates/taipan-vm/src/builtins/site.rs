//! `exit` and `quit`: the `_sitebuiltins.Quitter` objects that CPython's `site` module puts
//! in builtins. Calling one raises `SystemExit(code)` (after closing `sys.stdin`, as
//! CPython does); its repr tells how to leave the interactive prompt.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{exceptions, str as pystr, type_};
use crate::vm::Vm;

pub struct Quitter {
    name: &'static str,
}

impl PyPayload for Quitter {
    fn static_type() -> &'static PyTypeObject {
        &QUITTER_TYPE
    }
}

pub static QUITTER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("_sitebuiltins.Quitter"),
        tp_dealloc: Cell::new(dealloc::<Quitter>),
        tp_repr: Cell::new(Some(quitter_repr)),
        tp_call: Cell::new(Some(quitter_call)),
        ..PyTypeData::BASE
    },
));

fn this(o: &PyObject) -> &Quitter {
    o.downcast::<Quitter>().expect("a Quitter")
}

fn quitter_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(&format!("Use {}() or Ctrl-D (i.e. EOF) to exit", this(o).name)))
}

fn quitter_call(vm: &Vm, _o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    if npos > 1 || kwnames.iter().any(|k| pystr::to_string(k) != "code") {
        return Err(vm.type_error("Quitter.__call__() takes from 1 to 2 positional arguments"));
    }
    // sys.stdin.close(), errors ignored.
    if let Ok(Some(stdin)) = crate::protocol::getattr_opt(vm, &vm.sys, &vm.intern("stdin")) {
        let _ = crate::protocol::call_method(vm, &stdin, "close", &[]);
    }
    Err(exceptions::new_exception(vm, &exceptions::SYSTEM_EXIT, args.to_vec()))
}

/// Put `exit` and `quit` into builtins.
pub fn init(vm: &Vm) {
    for name in ["exit", "quit"] {
        let q = alloc_object(&QUITTER_TYPE, Quitter { name });
        crate::types::dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern(name), &q);
    }
}
