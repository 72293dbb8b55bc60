//! `input([prompt])`: CPython's non-interactive path (no line editing): flush stderr,
//! write the prompt to `sys.stdout` and flush it, read one line from `sys.stdin`,
//! EOFError at end of file, the trailing newline removed.

use crate::error::PyResult;
use crate::object::PyRef;
use crate::protocol;
use crate::types::function::{no_kwargs, MethodDef};
use crate::types::{exceptions, none, str as pystr};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[MethodDef::function("input", builtin_input)];

fn builtin_input(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    no_kwargs(vm, "input", kw)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("input expected at most 1 argument, got {}", args.len())));
    }
    let stdin = protocol::getattr_str(vm, &vm.sys, "stdin")?;
    let stdout = protocol::getattr_str(vm, &vm.sys, "stdout")?;
    let stderr = protocol::getattr_str(vm, &vm.sys, "stderr")?;
    if stdin.is(none::none_ref()) {
        return Err(vm.runtime_error("input(): lost sys.stdin"));
    }
    if stdout.is(none::none_ref()) {
        return Err(vm.runtime_error("input(): lost sys.stdout"));
    }
    if !stderr.is(none::none_ref()) {
        protocol::call_method(vm, &stderr, "flush", &[])?;
    }
    if let Some(p) = args.first() {
        let s = protocol::str(vm, p)?;
        crate::sysmodule::write_to(vm, &stdout, &s)?;
    }
    protocol::call_method(vm, &stdout, "flush", &[])?;
    let line = protocol::call_method(vm, &stdin, "readline", &[])?;
    let Some(s) = pystr::downcast_str(&line) else {
        return Err(vm.type_error("object.readline() returned non-string"));
    };
    let mut text = s.to_string_lossy();
    if text.is_empty() {
        return Err(exceptions::new_exception(vm, &exceptions::EOF_ERROR, vec![crate::types::str::new_str("EOF when reading a line")]));
    }
    if text.ends_with('\n') {
        text.pop();
    }
    Ok(pystr::new_str(&text))
}
