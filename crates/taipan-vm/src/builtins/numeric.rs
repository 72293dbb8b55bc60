//! Numeric builtins: `divmod`, `pow`, `round`.

use crate::error::PyResult;
use crate::object::PyRef;
use crate::protocol;
use crate::types::function::{check_arity, MethodDef};
use crate::types::{none, str as pystr};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("divmod", builtin_divmod),
    MethodDef::function("pow", builtin_pow),
    MethodDef::function("round", builtin_round),
];

fn builtin_divmod(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "divmod", kw)?;
    check_arity(vm, "divmod", args, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slotv = ta.tp_as_number.nb_divmod.get();
    let slotw = if std::ptr::eq(ta, tb) { None } else { tb.tp_as_number.nb_divmod.get() };
    let mut tried_w = false;
    if let Some(w) = slotw {
        if tb.is_subtype(ta) && slotv.map(|f| f as usize) != Some(w as usize) {
            let r = w(vm, a, b)?;
            if !r.is(none::not_implemented_ref()) {
                return Ok(r);
            }
            tried_w = true;
        }
    }
    if let Some(v) = slotv {
        let r = v(vm, a, b)?;
        if !r.is(none::not_implemented_ref()) {
            return Ok(r);
        }
    }
    if let Some(w) = slotw {
        if !tried_w && slotv.map(|f| f as usize) != Some(w as usize) {
            let r = w(vm, a, b)?;
            if !r.is(none::not_implemented_ref()) {
                return Ok(r);
            }
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        ta.name(),
        tb.name()
    )))
}

fn builtin_pow(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let mut base = args.first().filter(|_| npos >= 1).cloned();
    let mut exp = args.get(1).filter(|_| npos >= 2).cloned();
    let mut m = args.get(2).filter(|_| npos >= 3).cloned();
    if npos > 3 {
        return Err(vm.type_error(format!("pow() takes at most 3 arguments ({} given)", args.len())));
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match pystr::to_string(k).as_str() {
            "base" if base.is_none() => base = Some(v.clone()),
            "exp" if exp.is_none() => exp = Some(v.clone()),
            "mod" if m.is_none() => m = Some(v.clone()),
            n => return Err(vm.type_error(format!("pow() got an unexpected keyword argument '{n}'"))),
        }
    }
    let Some(base) = base else {
        return Err(vm.type_error("pow() missing required argument 'base' (pos 1)"));
    };
    let Some(exp) = exp else {
        return Err(vm.type_error("pow() missing required argument 'exp' (pos 2)"));
    };
    let m = m.unwrap_or_else(none::none);
    protocol::power(vm, &base, &exp, &m)
}

fn builtin_round(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let mut number = args.first().filter(|_| npos >= 1).cloned();
    let mut ndigits = args.get(1).filter(|_| npos >= 2).cloned();
    if npos > 2 {
        return Err(vm.type_error(format!("round() takes at most 2 arguments ({} given)", args.len())));
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match pystr::to_string(k).as_str() {
            "number" if number.is_none() => number = Some(v.clone()),
            "ndigits" if ndigits.is_none() => ndigits = Some(v.clone()),
            n => return Err(vm.type_error(format!("round() got an unexpected keyword argument '{n}'"))),
        }
    }
    let Some(number) = number else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    let Some(f) = protocol::lookup_special(vm, &number, "__round__")? else {
        return Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            number.ob_type().name()
        )));
    };
    match ndigits.filter(|n| !n.is(none::none_ref())) {
        None => protocol::call(vm, &f, &[], &[]),
        Some(n) => protocol::call(vm, &f, &[n], &[]),
    }
}
