//! What CPython's `site` module puts in builtins: `exit` and `quit` (the
//! `_sitebuiltins.Quitter` objects: calling one raises `SystemExit(code)` after closing
//! `sys.stdin`, as CPython does; the repr tells how to leave the interactive prompt),
//! `copyright`, `credits` and `license` (`_sitebuiltins._Printer`: the repr is the text,
//! calling prints it) and `help` (`_sitebuiltins._Helper`, which needs `pydoc`).

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

/// Put `exit`, `quit`, `copyright`, `credits`, `license` and `help` into builtins.
pub fn init(vm: &Vm) {
    let set = |name: &str, v: &PyRef| crate::types::dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern(name), v);
    for name in ["exit", "quit"] {
        set(name, &alloc_object(&QUITTER_TYPE, Quitter { name }));
    }
    let printers: [(&str, PrinterText); 3] = [
        ("copyright", PrinterText::SysCopyright),
        ("credits", PrinterText::Fixed(CREDITS, CREDITS)),
        ("license", PrinterText::Fixed("Type license() to see the full license text", LICENSE)),
    ];
    for (name, text) in printers {
        set(name, &alloc_object(&PRINTER_TYPE, Printer { text }));
    }
    set("help", &alloc_object(&HELPER_TYPE, Helper));
}

const CREDITS: &str = "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n    for supporting Python development.  See www.python.org for more information.";
/// What `license()` shows when the LICENSE file is not installed.
const LICENSE: &str = "See https://www.python.org/psf/license/";

/// The text of a printer: fixed (repr, text shown when called), or `sys.copyright`.
enum PrinterText {
    Fixed(&'static str, &'static str),
    SysCopyright,
}

pub struct Printer {
    text: PrinterText,
}

impl PyPayload for Printer {
    fn static_type() -> &'static PyTypeObject {
        &PRINTER_TYPE
    }
}

pub static PRINTER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("_sitebuiltins._Printer"),
        tp_dealloc: Cell::new(dealloc::<Printer>),
        tp_repr: Cell::new(Some(printer_repr)),
        tp_call: Cell::new(Some(printer_call)),
        ..PyTypeData::BASE
    },
));

fn printer_texts(vm: &Vm, o: &PyObject) -> PyResult<(String, String)> {
    match &o.downcast::<Printer>().expect("a _Printer").text {
        PrinterText::Fixed(r, t) => Ok((r.to_string(), t.to_string())),
        PrinterText::SysCopyright => {
            let c = crate::protocol::getattr_str(vm, &vm.sys, "copyright")?;
            let c = crate::protocol::str_string(vm, &c)?;
            Ok((c.clone(), c))
        }
    }
}

fn printer_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(&printer_texts(vm, o)?.0))
}

fn printer_call(vm: &Vm, o: &PyObject, args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    if !args.is_empty() {
        return Err(vm.type_error(format!("_Printer.__call__() takes 1 positional argument but {} were given", args.len() + 1)));
    }
    let text = printer_texts(vm, o)?.1;
    let stdout = crate::protocol::getattr_str(vm, &vm.sys, "stdout")?;
    crate::protocol::call_method(vm, &stdout, "write", &[pystr::new_str(&format!("{text}\n"))])?;
    Ok(crate::types::none::none())
}

pub struct Helper;

impl PyPayload for Helper {
    fn static_type() -> &'static PyTypeObject {
        &HELPER_TYPE
    }
}

pub static HELPER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("_sitebuiltins._Helper"),
        tp_dealloc: Cell::new(dealloc::<Helper>),
        tp_repr: Cell::new(Some(helper_repr)),
        tp_call: Cell::new(Some(helper_call)),
        ..PyTypeData::BASE
    },
));

fn helper_repr(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("Type help() for interactive help, or help(object) for help about object."))
}

fn helper_call(vm: &Vm, _o: &PyObject, _args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.not_implemented_error("taipan: help() needs the pydoc module, which is not available yet"))
}
