//! `compile`, `exec` and `eval`: source text goes through the same pipeline as a script
//! (taipan-parser, then taipan-compiler) and the code object runs with the given
//! namespaces (`eval/mod.rs::exec_code`).
//!
//! A parser or compiler `SyntaxError` becomes a Python `SyntaxError` built as CPython's
//! `_PyErr_RaiseSyntaxError` builds it: `SyntaxError(msg, (filename, lineno, offset,
//! text, end_lineno, end_offset))`. With `PyCF_ONLY_AST` the parsed tree is returned as
//! `ast` objects (see `ast_module`); compiling an `ast.AST` source is not supported yet.

use std::sync::Arc;

use taipan_parser::parser::{self, Mode};

use crate::error::{PyErr, PyResult};
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::function::MethodDef;
use crate::types::{code, dict, exceptions, int, none, str as pystr, tuple};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("compile", builtin_compile),
    MethodDef::function("exec", builtin_exec),
    MethodDef::function("eval", builtin_eval),
];

const PYCF_ONLY_AST: i64 = 0x400;
const PYCF_TYPE_COMMENTS: i64 = 0x1000;
/// The flags `compile()` accepts (`PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK`).
const PYCF_ALLOWED: i64 = 0x3e_0000 | 0x0010 | 0x2_0000 | 0x400 | 0x2000 | 0x4000 | 0x8000 | 0x1_0000 | 0x100_0000 | 0x200;

/// Convert the front end's error into a Python `SyntaxError` (or the MemoryError /
/// UnicodeDecodeError the parser reports the same way).
pub fn syntax_error(vm: &Vm, e: &taipan_parser::error::SyntaxError, filename: &str) -> PyErr {
    use taipan_parser::error::SyntaxErrorKind as K;
    let tp: &crate::object::PyTypeObject = match e.kind.name() {
        "IndentationError" => &exceptions::INDENTATION_ERROR,
        "TabError" => &exceptions::TAB_ERROR,
        "MemoryError" => &exceptions::MEMORY_ERROR,
        _ => &exceptions::SYNTAX_ERROR,
    };
    if matches!(e.kind, K::MemoryError) {
        return vm.new_error(tp, e.msg.clone());
    }
    let opt = |v: Option<u32>| v.map(|n| int::new_int(n as i64)).unwrap_or_else(none::none);
    let details = tuple::new_tuple(vec![
        pystr::new_str(filename),
        int::new_int(e.lineno as i64),
        int::new_int(e.offset as i64),
        e.text.as_deref().map(pystr::new_str).unwrap_or_else(none::none),
        opt(e.end_lineno),
        opt(e.end_offset),
    ]);
    exceptions::new_exception(vm, tp, vec![pystr::new_str(&e.msg), details])
}

/// Compile source text to a code object (`compile(source, filename, mode)`).
pub fn compile_source(vm: &Vm, source: &Source, filename: &str, mode: Mode, optimize: i32) -> PyResult<PyRef> {
    let tree = match source {
        Source::Text(s) => parser::parse(s, mode, filename, false),
        Source::Bytes(b) => parser::parse_bytes(b, mode, filename, false),
    }
    .map_err(|e| syntax_error(vm, &e, filename))?;
    let optimize = if optimize < 0 { vm.config.optimize as i32 } else { optimize };
    let code = taipan_compiler::compile_owned(tree, filename, optimize).map_err(|e| match e {
        taipan_compiler::CompileError::Syntax(e) => syntax_error(vm, &e, filename),
        taipan_compiler::CompileError::System(msg) => vm.system_error(msg),
    })?;
    for w in taipan_compiler::codegen::warnings::take_warnings() {
        crate::warnings::warn_explicit(vm, &exceptions::SYNTAX_WARNING, &w.msg, filename, w.lineno, None, crate::warnings::Hint::None)?;
    }
    Ok(code::new_code(vm, Arc::new(code)))
}

pub enum Source {
    Text(String),
    Bytes(Vec<u8>),
}

/// The text of a `str` source, or the bytes of a bytes-like one (`_Py_SourceAsString`).
fn source_of(vm: &Vm, obj: &PyObject, fname: &str, what: &str) -> PyResult<Source> {
    if let Some(s) = pystr::downcast_str(obj) {
        let text = s.to_string_lossy();
        if text.contains('\0') {
            return Err(vm.new_error(&exceptions::SYNTAX_ERROR, "source code string cannot contain null bytes"));
        }
        return Ok(Source::Text(text));
    }
    if let Some(b) = bytes_data(obj) {
        if b.contains(&0) {
            return Err(vm.new_error(&exceptions::SYNTAX_ERROR, "source code string cannot contain null bytes"));
        }
        return Ok(Source::Bytes(b));
    }
    Err(vm.type_error(format!("{fname}() arg 1 must be a {what} object")))
}

/// Keyword-or-positional argument parsing for the functions here.
fn bind<'a>(vm: &Vm, fname: &str, names: &[&str], required: usize, args: &'a [PyRef], kwnames: &[PyRef]) -> PyResult<Vec<Option<&'a PyRef>>> {
    let npos = args.len() - kwnames.len();
    let mut out: Vec<Option<&PyRef>> = vec![None; names.len()];
    if npos > names.len() {
        return Err(vm.type_error(format!("{fname}() takes at most {} arguments ({npos} given)", names.len())));
    }
    for (i, a) in args[..npos].iter().enumerate() {
        out[i] = Some(a);
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = pystr::to_string(k);
        match names.iter().position(|n| *n == k) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!("argument for {fname}() given by name ('{k}') and position ({})", i + 1)));
            }
            Some(i) => out[i] = Some(v),
            None => return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{fname}() missing required argument '{n}' (pos {})", i + 1)));
        }
    }
    Ok(out)
}

fn builtin_compile(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let a = bind(
        vm,
        "compile",
        &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"],
        3,
        args,
        kwnames,
    )?;
    let filename = a[1].unwrap();
    let filename = match pystr::downcast_str(filename) {
        Some(s) => s.to_string_lossy(),
        None => match bytes_data(filename) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                return Err(vm.type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    filename.ob_type().name()
                )))
            }
        },
    };
    let mode_obj = a[2].unwrap();
    let Some(mode_s) = pystr::downcast_str(mode_obj) else {
        return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {}", mode_obj.ob_type().name())));
    };
    let flags = match a[3] {
        Some(f) => int::downcast_int(f)
            .and_then(|i| i.as_i64())
            .ok_or_else(|| vm.type_error(format!("'{}' object cannot be interpreted as an integer", f.ob_type().name())))?,
        None => 0,
    };
    let optimize = match a[5] {
        Some(o) => protocol::index_as_isize(vm, o)? as i32,
        None => -1,
    };
    if flags & !PYCF_ALLOWED != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(vm.value_error("compile(): invalid optimize value"));
    }
    let mode = match mode_s.to_string_lossy().as_str() {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" if flags & PYCF_ONLY_AST != 0 => Mode::FuncType,
        _ => {
            let msg = if flags & PYCF_ONLY_AST != 0 {
                "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
            } else {
                "compile() mode must be 'exec', 'eval' or 'single'"
            };
            return Err(vm.value_error(msg));
        }
    };
    let source = source_of(vm, a[0].unwrap(), "compile", "string, bytes or AST")?;
    if flags & PYCF_ONLY_AST != 0 {
        let type_comments = flags & PYCF_TYPE_COMMENTS != 0;
        let tree = match &source {
            Source::Text(s) => parser::parse(s, mode, &filename, type_comments),
            Source::Bytes(b) => parser::parse_bytes(b, mode, &filename, type_comments),
        }
        .map_err(|e| syntax_error(vm, &e, &filename))?;
        return crate::ast_module::tree_to_object(vm, &taipan_parser::ast::to_tree(&tree));
    }
    compile_source(vm, &source, &filename, mode, optimize)
}

/// The globals and locals `exec`/`eval` run with: the caller's when none are given
/// (`locals()` of the calling frame), globals for locals when only globals are given.
fn namespaces(vm: &Vm, fname: &str, globals: Option<&PyRef>, locals: Option<&PyRef>) -> PyResult<(PyRef, PyRef)> {
    let globals = globals.filter(|g| !g.is(none::none_ref()));
    let locals = locals.filter(|l| !l.is(none::none_ref()));
    if let Some(g) = globals {
        if dict::downcast_dict(g).is_none() {
            let msg = if fname == "exec" {
                format!("exec() globals must be a dict, not {}", g.ob_type().name())
            } else if locals.is_some() {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            };
            return Err(vm.type_error(msg));
        }
    }
    if let Some(l) = locals {
        if protocol::getattr_opt(vm, l, &vm.intern("__getitem__"))?.is_none() {
            let msg = if fname == "exec" {
                format!("locals must be a mapping or None, not {}", l.ob_type().name())
            } else {
                "locals must be a mapping".to_string()
            };
            return Err(vm.type_error(msg));
        }
    }
    Ok(match (globals, locals) {
        (Some(g), Some(l)) => (g.clone(), l.clone()),
        (Some(g), None) => (g.clone(), g.clone()),
        (None, l) => {
            let g = vm
                .frames
                .current_globals()
                .ok_or_else(|| vm.system_error(format!("{fname}(): no globals found")))?;
            let l = match l {
                Some(l) => l.clone(),
                None => super::namespace::caller_locals(vm).unwrap_or_else(|| g.clone()),
            };
            (g, l)
        }
    })
}

fn run(vm: &Vm, code: PyRef, globals: PyRef, locals: PyRef) -> PyResult<PyRef> {
    if dict::get_item(vm, &globals, &vm.intern("__builtins__"))?.is_none() {
        dict::set_item(vm, &globals, &vm.intern("__builtins__"), &vm.builtins)?;
    }
    crate::eval::exec_code(vm, code, globals, Some(locals))
}

fn builtin_exec(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let a = bind(vm, "exec", &["source", "globals", "locals", "closure"], 1, args, kwnames)?;
    let (globals, locals) = namespaces(vm, "exec", a[1], a[2])?;
    let src = a[0].unwrap();
    let code = if src.downcast::<code::PyCode>().is_some() {
        if code::as_code(src).nfreevars > 0 {
            return Err(vm.type_error("code object requires a closure of exactly length 0".to_string()));
        }
        src.clone()
    } else {
        let source = source_of(vm, src, "exec", "string, bytes or code")?;
        compile_source(vm, &source, "<string>", Mode::Exec, -1)?
    };
    run(vm, code, globals, locals)?;
    Ok(none::none())
}

fn builtin_eval(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let a = bind(vm, "eval", &["source", "globals", "locals"], 1, args, kwnames)?;
    let (globals, locals) = namespaces(vm, "eval", a[1], a[2])?;
    let src = a[0].unwrap();
    let code = if src.downcast::<code::PyCode>().is_some() {
        if code::as_code(src).nfreevars > 0 {
            return Err(vm.type_error("code object passed to eval() may not contain free variables".to_string()));
        }
        src.clone()
    } else {
        // eval() strips leading spaces and tabs of a string source.
        let source = match source_of(vm, src, "eval", "string, bytes or code")? {
            Source::Text(s) => Source::Text(s.trim_start_matches([' ', '\t']).to_string()),
            Source::Bytes(b) => {
                let k = b.iter().position(|c| *c != b' ' && *c != b'\t').unwrap_or(b.len());
                Source::Bytes(b[k..].to_vec())
            }
        };
        compile_source(vm, &source, "<string>", Mode::Eval, -1)?
    };
    run(vm, code, globals, locals)
}

/// The contents of a bytes-like source (bytes, bytearray, memoryview).
fn bytes_data(obj: &PyObject) -> Option<Vec<u8>> {
    crate::types::bytes::bytes_like(obj)
}
