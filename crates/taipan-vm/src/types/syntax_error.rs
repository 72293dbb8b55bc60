//! `SyntaxError`'s attributes (`msg`, `filename`, `lineno`, `offset`, `text`,
//! `end_lineno`, `end_offset`, `print_file_and_line`) and its `str()`. They live in the
//! exception's `fields` in that order, set from `args` as `SyntaxError(msg, (filename,
//! lineno, offset, text[, end_lineno, end_offset]))` does in CPython.

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::types::descr::GetSetDef;
use crate::types::exceptions::{as_exc, SYNTAX_ERROR};
use crate::types::{int, none, str as pystr, tuple};
use crate::vm::Vm;

const NAMES: [&str; 8] = ["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"];

/// The fields from `args` (`SyntaxError_init`).
pub fn init_fields(vm: &Vm, e: &PyObject) -> PyResult<()> {
    let ex = as_exc(e);
    let args = ex.args.borrow().clone();
    let items = tuple::tuple_items(&args);
    let mut fields: Vec<Option<PyRef>> = vec![None; NAMES.len()];
    if let Some(m) = items.first() {
        fields[0] = Some(m.clone());
    }
    if items.len() == 2 {
        let info = crate::protocol::iterate(vm, &items[1])?;
        if info.len() < 4 || info.len() > 6 {
            return Err(vm.type_error(format!(
                "function takes {} {} arguments ({} given)",
                if info.len() < 4 { "at least" } else { "at most" },
                if info.len() < 4 { 4 } else { 6 },
                info.len()
            )));
        }
        for (i, v) in info.into_iter().enumerate() {
            fields[1 + i] = Some(v);
        }
    }
    *ex.fields.borrow_mut() = fields;
    Ok(())
}

fn field(o: &PyObject, i: usize) -> PyRef {
    as_exc(o).fields.borrow().get(i).cloned().flatten().unwrap_or_else(none::none)
}

fn set_field(o: &PyObject, i: usize, v: Option<&PyObject>) {
    let ex = as_exc(o);
    let mut f = ex.fields.borrow_mut();
    if f.len() < NAMES.len() {
        f.resize(NAMES.len(), None);
    }
    let old = std::mem::replace(&mut f[i], v.map(|v| v.to_ref()));
    drop(f);
    drop(old);
}

/// `str(SyntaxError)`: `msg (file, line N)` with the file's base name.
pub fn syntax_error_str(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let msg = crate::protocol::str_string(vm, &field(o, 0))?;
    let filename = field(o, 1);
    let filename = pystr::downcast_str(&filename).map(|s| {
        let s = s.to_string_lossy();
        match s.rfind('/') {
            Some(i) => s[i + 1..].to_string(),
            None => s,
        }
    });
    let lineno = field(o, 2);
    let lineno = lineno.downcast::<int::PyInt>().map(|_| crate::protocol::str_string(vm, &lineno)).transpose()?;
    let s = match (filename, lineno) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    };
    Ok(pystr::new_str(&s))
}

macro_rules! accessors {
    ($( $i:literal => $get:ident, $set:ident; )*) => {
        $(
            fn $get(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
                Ok(field(o, $i))
            }
            fn $set(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
                set_field(o, $i, v);
                Ok(())
            }
        )*
    };
}

accessors! {
    0 => get_msg, set_msg;
    1 => get_filename, set_filename;
    2 => get_lineno, set_lineno;
    3 => get_offset, set_offset;
    4 => get_text, set_text;
    5 => get_end_lineno, set_end_lineno;
    6 => get_end_offset, set_end_offset;
    7 => get_pfal, set_pfal;
}

static GETSETS: [GetSetDef; 8] = [
    GetSetDef::new("msg", get_msg, Some(set_msg)),
    GetSetDef::new("filename", get_filename, Some(set_filename)),
    GetSetDef::new("lineno", get_lineno, Some(set_lineno)),
    GetSetDef::new("offset", get_offset, Some(set_offset)),
    GetSetDef::new("text", get_text, Some(set_text)),
    GetSetDef::new("end_lineno", get_end_lineno, Some(set_end_lineno)),
    GetSetDef::new("end_offset", get_end_offset, Some(set_end_offset)),
    GetSetDef::new("print_file_and_line", get_pfal, Some(set_pfal)),
];

/// Put the attribute descriptors in `SyntaxError.__dict__` (after `type_ready`).
pub(crate) fn ready_syntax_error(vm: &Vm) {
    let d = SYNTAX_ERROR.tp_dict.borrow().clone();
    let Some(d) = d else { return };
    for g in &GETSETS {
        let key = vm.intern(g.name);
        if matches!(crate::types::dict::get_item(vm, &d, &key), Ok(None)) {
            let descr = crate::types::descr::new_getset_descriptor(&SYNTAX_ERROR, g);
            crate::types::dict::set_item_str_key(vm, &d, &key, &descr);
        }
    }
}
