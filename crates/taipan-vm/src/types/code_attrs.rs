//! The rest of the `code` type's Python surface: the `co_*` attributes computed from the
//! compiler's [`CodeObject`] (`co_varnames` & co. are filtered out of `co_localsplusnames`
//! by their kind bytes), `co_lines()` / `co_positions()` (decoded from the location table),
//! `replace()`, and equality / hashing (CPython compares everything but the file name and
//! qualified name; constants are compared by type and value).

use std::sync::Arc;

use taipan_bytecode::code::kinds;
use taipan_bytecode::{location, CodeObject, PyStr};

use crate::error::PyResult;
use crate::object::{alloc_object, CompareOp, PyObject, PyRef};
use crate::types::code::{as_code, PyCode, CODE_TYPE};
use crate::types::function::MethodDef;
use crate::types::{int, none, str as pystr, tuple};
use crate::vm::Vm;


pub static CODE_METHODS: &[MethodDef] = &[
    MethodDef::method("co_lines", code_co_lines),
    MethodDef::method("co_positions", code_co_positions),
    MethodDef::method("replace", code_replace),
    MethodDef::method("__replace__", code_replace),
    MethodDef::method("__sizeof__", code_sizeof),
];

fn int_(n: i64) -> PyRef {
    int::new_int(n)
}

fn names_of_kind(c: &PyCode, pred: impl Fn(u8) -> bool) -> PyRef {
    let items = c
        .localsplusnames
        .iter()
        .zip(&c.code.localspluskinds)
        .filter(|(_, &k)| pred(k))
        .map(|(n, _)| n.clone())
        .collect();
    tuple::new_tuple(items)
}

pub fn co_posonlyargcount(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int_(as_code(o).code.posonlyargcount as i64))
}
pub fn co_kwonlyargcount(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int_(as_code(o).code.kwonlyargcount as i64))
}
pub fn co_nlocals(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int_(as_code(o).code.nlocals() as i64))
}
pub fn co_stacksize(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int_(as_code(o).code.stacksize as i64))
}
pub fn co_varnames(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(names_of_kind(as_code(o), |k| k & kinds::CO_FAST_LOCAL != 0))
}
pub fn co_cellvars(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(names_of_kind(as_code(o), |k| k & kinds::CO_FAST_CELL != 0))
}
pub fn co_freevars(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(names_of_kind(as_code(o), |k| k & kinds::CO_FAST_FREE != 0))
}
pub fn co_code(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::bytes_new(&as_code(o).code.code))
}
pub fn co_linetable(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::bytes_new(&as_code(o).code.linetable))
}
pub fn co_exceptiontable(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::bytes_new(&as_code(o).code.exceptiontable))
}

/// `co_lnotab` (deprecated): (byte delta, line delta) pairs built from `co_lines()`.
pub fn co_lnotab(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let c = as_code(o);
    let mut out = Vec::new();
    let (mut addr, mut line) = (0u32, c.code.firstlineno as i64);
    for (start, _end, l) in location::co_lines(&c.code).unwrap_or_default() {
        let Some(l) = l else { continue };
        let (mut da, mut dl) = (start - addr, l as i64 - line);
        while da > 255 {
            out.extend([255, 0]);
            da -= 255;
        }
        while dl > 127 {
            out.extend([da as u8, 127]);
            da = 0;
            dl -= 127;
        }
        while dl < -128 {
            out.extend([da as u8, (-128i8) as u8]);
            da = 0;
            dl += 128;
        }
        if da != 0 || dl != 0 {
            out.extend([da as u8, dl as i8 as u8]);
        }
        addr = start;
        line = l as i64;
    }
    Ok(crate::types::bytes_new(&out))
}

fn opt_int(v: Option<i32>) -> PyRef {
    v.map(|n| int_(n as i64)).unwrap_or_else(none::none)
}

fn code_co_lines(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "co_lines", &args[1..], 0, 0)?;
    crate::types::function::no_kwargs(vm, "co_lines", kwnames)?;
    let c = as_code(&args[0]);
    let items: Vec<PyRef> = location::co_lines(&c.code)
        .unwrap_or_default()
        .into_iter()
        .map(|(s, e, l)| tuple::new_tuple(vec![int_(s as i64), int_(e as i64), opt_int(l)]))
        .collect();
    crate::protocol::getiter(vm, &crate::types::list::new_list(items))
}

fn code_co_positions(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "co_positions", &args[1..], 0, 0)?;
    crate::types::function::no_kwargs(vm, "co_positions", kwnames)?;
    let c = as_code(&args[0]);
    let items: Vec<PyRef> = location::co_positions(&c.code)
        .unwrap_or_default()
        .into_iter()
        .map(|p| tuple::new_tuple(vec![opt_int(p.line), opt_int(p.end_line), opt_int(p.col), opt_int(p.end_col)]))
        .collect();
    crate::protocol::getiter(vm, &crate::types::list::new_list(items))
}

fn code_sizeof(vm: &Vm, args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    let c = as_code(&args[0]);
    let _ = vm;
    Ok(int_((200 + c.code.code.len() + 8 * c.nlocalsplus) as i64))
}

fn str_of(vm: &Vm, what: &str, v: &PyRef) -> PyResult<PyStr> {
    match pystr::downcast_str(v) {
        Some(s) => Ok(PyStr::from_code_points(s.to_code_points()).unwrap_or_else(|| PyStr::new(&s.to_string_lossy()))),
        None => Err(vm.type_error(format!(
            "replace() argument '{what}' must be str, not {}",
            v.ob_type().name()
        ))),
    }
}

fn int_of(vm: &Vm, what: &str, v: &PyRef) -> PyResult<i32> {
    if v.downcast::<int::PyInt>().is_none() {
        return Err(vm.type_error(format!("replace() argument '{what}' must be int, not {}", v.ob_type().name())));
    }
    let n = crate::protocol::index_as_isize(vm, v)?;
    i32::try_from(n).map_err(|_| vm.new_error(&crate::types::exceptions::OVERFLOW_ERROR, "signed integer is greater than maximum"))
}

fn bytes_of(vm: &Vm, what: &str, v: &PyRef) -> PyResult<Vec<u8>> {
    match v.downcast::<crate::types::bytes::PyBytes>() {
        Some(_) => crate::types::bytes::expect_bytes_like(vm, v),
        None => Err(vm.type_error(format!("replace() argument '{what}' must be bytes, not {}", v.ob_type().name()))),
    }
}

fn tuple_of<'a>(vm: &Vm, what: &str, v: &'a PyRef) -> PyResult<&'a [PyRef]> {
    tuple::downcast_tuple(v)
        .ok_or_else(|| vm.type_error(format!("replace() argument '{what}' must be tuple, not {}", v.ob_type().name())))
}

fn str_tuple(vm: &Vm, what: &str, v: &PyRef) -> PyResult<Vec<PyStr>> {
    tuple_of(vm, what, v)?.iter().map(|s| str_of(vm, what, s)).collect()
}

/// `code.replace(**changes)`: a copy with some fields changed.
fn code_replace(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    if pos.len() > 1 {
        return Err(vm.type_error(format!("replace() takes exactly 0 positional arguments ({} given)", pos.len() - 1)));
    }
    let old = as_code(&pos[0]);
    let mut code: CodeObject = (*old.code).clone();
    let mut consts: Option<Vec<PyRef>> = None;
    let (mut varnames, mut cellvars, mut freevars) = (None, None, None);
    for (k, v) in kws {
        match k.as_str() {
            "co_argcount" => code.argcount = int_of(vm, &k, v)?,
            "co_posonlyargcount" => code.posonlyargcount = int_of(vm, &k, v)?,
            "co_kwonlyargcount" => code.kwonlyargcount = int_of(vm, &k, v)?,
            "co_nlocals" => {
                int_of(vm, &k, v)?;
            }
            "co_stacksize" => code.stacksize = int_of(vm, &k, v)?,
            "co_flags" => code.flags = int_of(vm, &k, v)?,
            "co_firstlineno" => code.firstlineno = int_of(vm, &k, v)?,
            "co_code" => code.code = bytes_of(vm, &k, v)?,
            "co_consts" => consts = Some(tuple_of(vm, &k, v)?.to_vec()),
            "co_names" => code.names = str_tuple(vm, &k, v)?,
            "co_varnames" => varnames = Some(str_tuple(vm, &k, v)?),
            "co_freevars" => freevars = Some(str_tuple(vm, &k, v)?),
            "co_cellvars" => cellvars = Some(str_tuple(vm, &k, v)?),
            "co_filename" => code.filename = str_of(vm, &k, v)?,
            "co_name" => code.name = str_of(vm, &k, v)?,
            "co_qualname" => code.qualname = str_of(vm, &k, v)?,
            "co_linetable" => code.linetable = bytes_of(vm, &k, v)?,
            "co_exceptiontable" => code.exceptiontable = bytes_of(vm, &k, v)?,
            _ => return Err(vm.type_error(format!("replace() got an unexpected keyword argument '{k}'"))),
        }
    }
    // Renaming locals keeps their kinds; the counts must match.
    for (names, mask) in [(varnames, kinds::CO_FAST_LOCAL), (cellvars, kinds::CO_FAST_CELL), (freevars, kinds::CO_FAST_FREE)] {
        let Some(names) = names else { continue };
        let slots: Vec<usize> = (0..code.localspluskinds.len()).filter(|&i| code.localspluskinds[i] & mask != 0).collect();
        if slots.len() != names.len() {
            return Err(vm.value_error("taipan: code.replace() cannot change the number of local variables"));
        }
        for (i, n) in slots.into_iter().zip(names) {
            code.localsplusnames[i] = n;
        }
    }
    let new = crate::types::code::new_code(vm, Arc::new(code));
    if let Some(consts) = consts {
        // The interpreter reads constants from the object array only.
        let c = as_code(&new);
        let q = crate::eval::cache::quicken(&c.code);
        let replaced = PyCode {
            code: c.code.clone(),
            consts: consts.into_boxed_slice(),
            names: c.names.clone(),
            localsplusnames: c.localsplusnames.clone(),
            filename: c.filename.clone(),
            name: c.name.clone(),
            qualname: c.qualname.clone(),
            nlocalsplus: c.nlocalsplus,
            nfreevars: c.nfreevars,
            adaptive: q.bytes,
            global_cache: q.globals,
            attr_cache: q.attrs,
        };
        return Ok(alloc_object(&CODE_TYPE, replaced));
    }
    Ok(new)
}

/// Constants are equal when of the same type and equal (so `1 != 1.0 != True` here).
fn consts_equal(vm: &Vm, a: &[PyRef], b: &[PyRef]) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (x, y) in a.iter().zip(b) {
        if x.is(y) {
            continue;
        }
        if !std::ptr::eq(x.ob_type(), y.ob_type()) {
            return Ok(false);
        }
        if let (Some(p), Some(q)) = (tuple::downcast_tuple(x), tuple::downcast_tuple(y)) {
            if !consts_equal(vm, p, q)? {
                return Ok(false);
            }
            continue;
        }
        if let (Some(p), Some(q)) = (x.downcast::<crate::types::float::PyFloat>(), y.downcast::<crate::types::float::PyFloat>()) {
            if p.value.to_bits() != q.value.to_bits() {
                return Ok(false);
            }
            continue;
        }
        if !crate::protocol::richcompare_bool(vm, x, y, CompareOp::Eq)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn code_eq(vm: &Vm, a: &PyCode, b: &PyCode) -> PyResult<bool> {
    let (x, y) = (&*a.code, &*b.code);
    if !(x.name == y.name
        && x.flags == y.flags
        && x.argcount == y.argcount
        && x.posonlyargcount == y.posonlyargcount
        && x.kwonlyargcount == y.kwonlyargcount
        && x.stacksize == y.stacksize
        && x.firstlineno == y.firstlineno
        && x.code == y.code
        && x.names == y.names
        && x.localsplusnames == y.localsplusnames
        && x.localspluskinds == y.localspluskinds
        && x.linetable == y.linetable
        && x.exceptiontable == y.exceptiontable)
    {
        return Ok(false);
    }
    consts_equal(vm, &a.consts, &b.consts)
}

pub fn code_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (a.downcast::<PyCode>(), b.downcast::<PyCode>()) else {
        return Ok(none::not_implemented());
    };
    match op {
        CompareOp::Eq => Ok(none::bool_(a.is(b) || code_eq(vm, x, y)?)),
        CompareOp::Ne => Ok(none::bool_(!(a.is(b) || code_eq(vm, x, y)?))),
        _ => Ok(none::not_implemented()),
    }
}

pub fn code_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    use std::hash::{Hash, Hasher};
    let c = &*as_code(o).code;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (c.name.as_bytes(), c.flags, c.argcount, c.posonlyargcount, c.kwonlyargcount, c.firstlineno).hash(&mut h);
    (&c.code, c.consts.len(), c.names.len(), &c.localspluskinds).hash(&mut h);
    let v = (h.finish() >> 1) as i64;
    Ok(if v == -1 { -2 } else { v })
}

/// `co_varnames` & co. as name lists (for `frame.f_locals`, `function()` checks).
pub fn nfree(c: &PyCode) -> usize {
    c.code.localspluskinds.iter().filter(|&&k| k & kinds::CO_FAST_FREE != 0).count()
}

