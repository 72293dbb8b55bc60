//! Built-in functions about text and bytes: `chr`, `ord`, `ascii`, `format`, `bin`, `oct`,
//! `hex`; and the `bytes` / `bytearray` type names.

use crate::error::PyResult;
use crate::object::PyRef;
use crate::protocol;
use crate::types::function::{check_arity, new_builtin_function, no_kwargs, MethodDef};
use crate::types::{bytes, dict, int, str as pystr};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("chr", builtin_chr),
    MethodDef::function("ord", builtin_ord),
    MethodDef::function("ascii", builtin_ascii),
    MethodDef::function("format", builtin_format),
    MethodDef::function("bin", builtin_bin),
    MethodDef::function("oct", builtin_oct),
    MethodDef::function("hex", builtin_hex),
];

/// Register the functions and types of this file in `builtins`.
pub fn init(vm: &Vm) {
    let set = |name: &str, v: &crate::object::PyObject| dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern(name), v);
    for def in FUNCTIONS {
        set(def.name, &new_builtin_function(def, Some(vm.builtins.clone())));
    }
    set("bytes", bytes::BYTES_TYPE.as_object());
    set("bytearray", bytes::BYTEARRAY_TYPE.as_object());
    set("memoryview", crate::types::memoryview::MEMORYVIEW_TYPE.as_object());
}

fn builtin_chr(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "chr", kw)?;
    check_arity(vm, "chr", args, 1, 1)?;
    let i = protocol::index(vm, &args[0])?;
    match int::downcast_int(&i).and_then(|i| i.as_i64()) {
        Some(n) if (0..0x110000).contains(&n) => Ok(pystr::char_str(n as u32)),
        _ => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn builtin_ord(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "ord", kw)?;
    check_arity(vm, "ord", args, 1, 1)?;
    let o = &args[0];
    let (len, first) = if let Some(s) = pystr::downcast_str(o) {
        (s.len(), s.get(0).unwrap_or(0))
    } else if let Some(b) = bytes::bytes_like(o).filter(|_| !crate::types::memoryview::is_memoryview(o)) {
        (b.len(), b.first().copied().unwrap_or(0) as u32)
    } else {
        return Err(vm.type_error(format!("ord() expected string of length 1, but {} found", o.ob_type().name())));
    };
    if len != 1 {
        return Err(vm.type_error(format!("ord() expected a character, but string of length {len} found")));
    }
    Ok(int::new_int(first as i64))
}

fn builtin_ascii(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "ascii", kw)?;
    check_arity(vm, "ascii", args, 1, 1)?;
    crate::builtins::ascii(vm, &args[0])
}

fn builtin_format(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let a = crate::types::str_methods::parse_args(vm, "format", args, kw, &["value", "format_spec"], 0)?;
    let Some(v) = &a[0] else {
        return Err(vm.type_error("format expected at least 1 argument, got 0"));
    };
    if let Some(spec) = &a[1] {
        if pystr::downcast_str(spec).is_none() {
            return Err(vm.type_error(format!("format() argument 2 must be str, not {}", spec.ob_type().name())));
        }
    }
    crate::builtins::format_value(vm, v, a[1].as_deref())
}

fn radix(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef], base: u32) -> PyResult<PyRef> {
    no_kwargs(vm, name, kw)?;
    check_arity(vm, name, args, 1, 1)?;
    let i = protocol::index(vm, &args[0])?;
    let n = int::downcast_int(&i).expect("an int").to_ibig();
    Ok(pystr::new_str(&crate::format::int_to_str_radix(&n, base, true)))
}

fn builtin_bin(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    radix(vm, "bin", args, kw, 2)
}

fn builtin_oct(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    radix(vm, "oct", args, kw, 8)
}

fn builtin_hex(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    radix(vm, "hex", args, kw, 16)
}
