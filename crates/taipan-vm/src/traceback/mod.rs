//! Traceback objects and the display of uncaught exceptions (`PyErr_Display`), written
//! to the process's stderr.
//!
//! Printed so far: the "Traceback (most recent call last):" block with each entry's
//! source line, chained exceptions (`__cause__` / `__context__`), notes, and the final
//! `Type: message` line. Still to come: the `~~~^^^` position markers, exception-group
//! boxes, "Did you mean" suggestions and "[Previous line repeated N more times]".

use std::cell::{Cell, RefCell};
use std::io::Write;

pub mod carets;
pub mod suggest;

use crate::error::{PyErr, PyResult};
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{exceptions, int, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyTraceback {
    pub tb_next: RefCell<Option<PyRef>>,
    pub tb_frame: PyRef,
    pub tb_lasti: i32,
    /// The line, or [`LINENO_LAZY`]: computed from `tb_lasti` and the frame's code when
    /// asked (raising does not decode the location table).
    pub tb_lineno: i32,
}

/// `tb_lineno` not computed yet.
pub const LINENO_LAZY: i32 = i32::MIN;

/// The traceback entry's line (`tb_lineno`).
pub fn lineno(entry: &PyTraceback) -> i32 {
    if entry.tb_lineno != LINENO_LAZY {
        return entry.tb_lineno;
    }
    let Some(frame) = entry.tb_frame.downcast::<crate::types::frame::PyFrame>() else { return -1 };
    if entry.tb_lasti < 0 {
        return -1;
    }
    let code = crate::types::code::as_code(&frame.code);
    taipan_bytecode::location::addr2line(&code.code, entry.tb_lasti as usize).unwrap_or(-1)
}

impl PyPayload for PyTraceback {
    fn static_type() -> &'static PyTypeObject {
        &TRACEBACK_TYPE
    }
}

pub static TRACEBACK_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("traceback"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyTraceback>),
        tp_getset: TB_GETSET,
        ..PyTypeData::BASE
    },
));

static TB_GETSET: &[GetSetDef] = &[
    GetSetDef::new("tb_next", tb_next, None),
    GetSetDef::new("tb_frame", tb_frame, None),
    GetSetDef::new("tb_lasti", tb_lasti, None),
    GetSetDef::new("tb_lineno", tb_lineno, None),
];

pub fn new_traceback(next: Option<PyRef>, frame: PyRef, lasti: i32, lineno: i32) -> PyRef {
    alloc_object(&TRACEBACK_TYPE, PyTraceback { tb_next: RefCell::new(next), tb_frame: frame, tb_lasti: lasti, tb_lineno: lineno })
}

pub fn is_traceback(o: &PyObject) -> bool {
    o.downcast::<PyTraceback>().is_some()
}

fn tb(o: &PyObject) -> &PyTraceback {
    o.downcast::<PyTraceback>().unwrap()
}
fn tb_next(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tb(o).tb_next.borrow().clone().unwrap_or_else(none::none))
}
fn tb_frame(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tb(o).tb_frame.clone())
}
fn tb_lasti(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int::new_int(tb(o).tb_lasti as i64))
}
fn tb_lineno(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int::new_int(lineno(tb(o)) as i64))
}

/// The lines of a source file as `linecache` gives them (universal newlines, decoded
/// as UTF-8 with replacement), right-stripped.
pub fn file_lines(filename: &str) -> Option<Vec<String>> {
    let bytes = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Some(text.split('\n').map(|l| l.trim_end().to_string()).collect())
}

/// Line `lineno` (1-based) of `filename`, stripped, as the traceback shows it.
pub fn source_line(filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let lines = file_lines(filename)?;
    Some(lines.get(lineno as usize - 1)?.trim().to_string())
}

/// `[Previous line repeated N more times]` after this many equal entries.
const RECURSIVE_CUTOFF: usize = 3;

fn repeated_line(count: usize, out: &mut String) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        out.push_str(&format!("  [Previous line repeated {n} more time{}]\n", if n > 1 { "s" } else { "" }));
    }
}

fn format_tb(vm: &Vm, tb_obj: &PyObject, out: &mut String) {
    let mut cache: std::collections::HashMap<String, Option<Vec<String>>> = std::collections::HashMap::new();
    let mut last: Option<(String, i32, String)> = None;
    let mut count = 0usize;
    let mut cur = Some(tb_obj.to_ref());
    while let Some(t) = cur {
        let entry = tb(&t);
        let frame = entry.tb_frame.downcast::<crate::types::frame::PyFrame>().unwrap();
        let code = crate::types::code::as_code(&frame.code);
        let filename = pystr::to_string(&code.filename);
        let name = pystr::to_string(&code.name);
        let pos = if entry.tb_lasti >= 0 {
            taipan_bytecode::location::addr2location(&code.code, entry.tb_lasti as usize).unwrap_or_default()
        } else {
            Default::default()
        };
        let lineno = match pos.line {
            Some(l) => l,
            None => lineno(entry),
        };
        let key = (filename.clone(), lineno, name.clone());
        if last.as_ref() != Some(&key) {
            repeated_line(count, out);
            last = Some(key);
            count = 0;
        }
        count += 1;
        cur = entry.tb_next.borrow().clone();
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        out.push_str(&format!("  File \"{filename}\", line {lineno}, in {name}\n"));
        let end_lineno = pos.end_line.unwrap_or(lineno);
        if lineno >= 1 && end_lineno >= lineno {
            let lines = cache.entry(filename.clone()).or_insert_with(|| file_lines(&filename));
            if let Some(lines) = lines {
                let span: Vec<String> = (lineno..=end_lineno).map(|l| lines.get(l as usize - 1).cloned().unwrap_or_default()).collect();
                out.push_str(&carets::format_source(&span, pos.col, pos.end_col));
            }
        }
    }
    repeated_line(count, out);
    let _ = vm;
}

/// `TracebackException._format_syntax_error`: the location, the source line with carets,
/// then `Type: msg`.
fn format_syntax_error(vm: &Vm, exc: &PyObject, stype: &str) -> String {
    let attr = |n: &str| crate::protocol::getattr_opt(vm, exc, &vm.intern(n)).ok().flatten().filter(|v| !v.is(none::none_ref()));
    let int_attr = |n: &str| attr(n).and_then(|v| int::downcast_int(&v).and_then(|i| i.as_i64()));
    let str_attr = |n: &str| attr(n).and_then(|v| pystr::downcast_str(&v).map(|s| s.to_string_lossy()));
    let mut out = String::new();
    let lineno = int_attr("lineno");
    let filename = attr("filename").map(|f| crate::protocol::str(vm, &f).map(|s| pystr::to_string(&s)).unwrap_or_default());
    let mut suffix = String::new();
    if let Some(l) = lineno {
        out.push_str(&format!("  File \"{}\", line {l}\n", filename.clone().filter(|f| !f.is_empty()).unwrap_or_else(|| "<string>".into())));
    } else if let Some(f) = &filename {
        suffix = format!(" ({f})");
    }
    if let Some(text) = str_attr("text") {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        match attr("offset") {
            None => out.push_str(&format!("    {ltext}\n")),
            Some(o) => {
                if let Some(mut offset) = int::downcast_int(&o).and_then(|i| i.as_i64()) {
                    let rlen = rtext.chars().count() as i64;
                    let tlen = text.chars().count() as i64;
                    let mut end_offset = if lineno == int_attr("end_lineno") {
                        int_attr("end_offset").filter(|&e| e != 0).unwrap_or(offset)
                    } else {
                        rlen + 1
                    };
                    if !text.is_empty() && offset > tlen {
                        offset = rlen + 1;
                    }
                    if !text.is_empty() && end_offset > tlen {
                        end_offset = rlen + 1;
                    }
                    if offset >= end_offset || end_offset < 0 {
                        end_offset = offset + 1;
                    }
                    let colno = offset - 1 - spaces as i64;
                    let end_colno = end_offset - 1 - spaces as i64;
                    out.push_str(&format!("    {ltext}\n"));
                    if colno >= 0 {
                        let space: String = ltext.chars().take(colno as usize).map(|c| if c.is_whitespace() { c } else { ' ' }).collect();
                        out.push_str(&format!("    {space}{}\n", "^".repeat((end_colno - colno).max(0) as usize)));
                    }
                }
            }
        }
    }
    let msg = attr("msg").map(|m| crate::protocol::str(vm, &m).map(|s| pystr::to_string(&s)).unwrap_or_default()).filter(|m| !m.is_empty());
    out.push_str(&format!("{stype}: {}{suffix}\n", msg.unwrap_or_else(|| "<no detail available>".into())));
    out
}

/// The `Type: message` line of an exception (`format_exception_only`).
pub fn format_exception_only(vm: &Vm, exc: &PyObject) -> String {
    let tp = exc.ob_type();
    let module = type_::type_module_name(vm, tp).unwrap_or_default();
    let qualname = type_::type_qualname(tp);
    let name = if module == "builtins" || module == "__main__" { qualname } else { format!("{module}.{qualname}") };
    let mut s = if tp.is_subtype(&exceptions::SYNTAX_ERROR) {
        format_syntax_error(vm, exc, &name)
    } else {
        let msg = match crate::protocol::str(vm, exc) {
            Ok(s) => pystr::to_string(&s),
            Err(_) => "<exception str() failed>".to_string(),
        };
        let msg = msg + &suggest::suggestion_suffix(vm, exc);
        if msg.is_empty() { format!("{name}\n") } else { format!("{name}: {msg}\n") }
    };
    if let Ok(Some(notes)) = crate::protocol::getattr_opt(vm, exc, &vm.intern("__notes__")) {
        if let Ok(items) = crate::protocol::iterate(vm, &notes) {
            for n in items {
                match pystr::downcast_str(&n) {
                    Some(t) => {
                        s.push_str(&t.to_string_lossy());
                        s.push('\n');
                    }
                    None => {
                        let r = crate::protocol::repr_string(vm, &n).unwrap_or_default();
                        s.push_str(&r);
                        s.push('\n');
                    }
                }
            }
        }
    }
    s
}

/// `_ExceptionPrintContext` of traceback.py: the nesting of exception groups being
/// printed, which indents every line and draws the group frames.
struct PrintContext {
    depth: usize,
    need_close: bool,
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    fn emit(&self, text: &str, margin: char, out: &mut String) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

const CAUSE_MESSAGE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";

fn format_chain(vm: &Vm, exc: &PyObject, seen: &mut Vec<usize>, out: &mut String) {
    let mut ctx = PrintContext { depth: 0, need_close: false };
    format_exc(vm, exc, seen, &mut ctx, out);
}

/// `TracebackException.format(chain=True)`: the chain oldest first, each exception with
/// its traceback; exception groups with their members in frames.
fn format_exc(vm: &Vm, exc: &PyObject, seen: &mut Vec<usize>, ctx: &mut PrintContext, out: &mut String) {
    let mut chain: Vec<(Option<&str>, PyRef)> = Vec::new();
    let mut cur = Some(exc.to_ref());
    while let Some(e) = cur.take() {
        seen.push(e.addr());
        let x = exceptions::as_exc(&e);
        let cause = x.cause.borrow().clone();
        let context = x.context.borrow().clone();
        let mut msg = None;
        if let Some(c) = cause {
            if !seen.contains(&c.addr()) {
                msg = Some(CAUSE_MESSAGE);
                cur = Some(c);
            }
        } else if let Some(c) = context.filter(|_| !x.suppress_context.get()) {
            if !seen.contains(&c.addr()) {
                msg = Some(CONTEXT_MESSAGE);
                cur = Some(c);
            }
        }
        chain.push((msg, e));
    }
    for (msg, e) in chain.into_iter().rev() {
        if let Some(m) = msg {
            ctx.emit(m, '|', out);
        }
        let tb = exceptions::as_exc(&e).traceback.borrow().clone();
        if !crate::types::exception_group::is_group(&e) {
            if let Some(t) = tb {
                ctx.emit("Traceback (most recent call last):\n", '|', out);
                let mut s = String::new();
                format_tb(vm, &t, &mut s);
                ctx.emit(&s, '|', out);
            }
            ctx.emit(&format_exception_only(vm, &e), '|', out);
            continue;
        }
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|', out);
            continue;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if let Some(t) = tb {
            ctx.emit("Exception Group Traceback (most recent call last):\n", if toplevel { '+' } else { '|' }, out);
            let mut s = String::new();
            format_tb(vm, &t, &mut s);
            ctx.emit(&s, '|', out);
        }
        ctx.emit(&format_exception_only(vm, &e), '|', out);
        let members = crate::protocol::getattr(vm, &e, &vm.intern("exceptions"))
            .ok()
            .and_then(|t| crate::types::tuple::downcast_tuple(&t).map(|t| t.to_vec()))
            .unwrap_or_default();
        let num = members.len();
        let n = if num <= MAX_GROUP_WIDTH { num } else { MAX_GROUP_WIDTH + 1 };
        ctx.need_close = false;
        for (i, m) in members.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
            out.push_str(&format!("{}{}+---------------- {title} ----------------\n", ctx.indent(), if i == 0 { "+-" } else { "  " }));
            ctx.depth += 1;
            if !truncated {
                format_exc(vm, m, seen, ctx, out);
            } else {
                let remaining = num - MAX_GROUP_WIDTH;
                ctx.emit(&format!("and {remaining} more exception{}\n", if remaining > 1 { "s" } else { "" }), '|', out);
            }
            if last && ctx.need_close {
                out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }
}

/// The full report of an uncaught exception, as `sys.excepthook` prints it.
pub fn format_exception(vm: &Vm, exc: &PyObject) -> String {
    let mut out = String::new();
    format_chain(vm, exc, &mut Vec::new(), &mut out);
    out
}

/// The recursion limit below which CPython 3.13 cannot print an uncaught exception with
/// the `traceback` module (its own calls overflow the limit: measured on the reference,
/// markers appear from 44 on) and falls back to the C printer, which draws no markers.
const TRACEBACK_MODULE_MIN_LIMIT: usize = 44;

/// Print an uncaught exception to stderr.
pub fn print_exception(vm: &Vm, err: &PyErr) {
    crate::sysmodule::flush_stdout(vm);
    let c_printer = (vm.recursion_limit.get() as usize) < TRACEBACK_MODULE_MIN_LIMIT;
    let saved = NO_CARETS.with(|c| c.replace(c.get() || c_printer));
    let text = format_exception(vm, err.value());
    NO_CARETS.with(|c| c.set(saved));
    let _ = std::io::stderr().write_all(text.as_bytes());
}

thread_local! {
    /// Set while an unraisable exception is formatted: 3.13's C traceback printer
    /// (`_PyTraceBack_Print`, used by the default unraisable hook) shows no markers.
    static NO_CARETS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn no_carets() -> bool {
    NO_CARETS.with(|c| c.get())
}

/// `PyErr_WriteUnraisable`: "Exception ignored in: <obj>" and the traceback.
pub fn write_unraisable(vm: &Vm, err: &PyErr, context: Option<(&str, &PyObject)>) {
    crate::sysmodule::flush_stdout(vm);
    let mut s = String::new();
    if let Some((msg, obj)) = context {
        let r = crate::protocol::repr_string(vm, obj).unwrap_or_else(|_| "<object repr() failed>".into());
        s.push_str(&format!("{msg}: {r}\n"));
    }
    let saved = NO_CARETS.with(|c| c.replace(true));
    s.push_str(&format_exception(vm, err.value()));
    NO_CARETS.with(|c| c.set(saved));
    let _ = std::io::stderr().write_all(s.as_bytes());
}
