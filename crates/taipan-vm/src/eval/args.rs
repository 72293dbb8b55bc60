//! Binding call arguments to a Python function's parameters (CPython's
//! `initialize_locals`), with its exact error messages.

use taipan_bytecode::code::flags as co;

use crate::error::PyResult;
use crate::eval::frame::Slot;
use crate::object::PyRef;
use crate::types::code::PyCode;
use crate::types::function::PyFunction;
use crate::types::{dict, str as pystr, tuple};
use crate::vm::Vm;

fn qualname(f: &PyFunction) -> String {
    pystr::to_string(&f.qualname.borrow())
}

fn format_names(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Fill `localsplus` from `args` (positional then keyword values named by `kwnames`).
pub fn bind_args(vm: &Vm, func: &PyFunction, code: &PyCode, localsplus: &mut [Slot], args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let c = &code.code;
    let argcount = c.argcount as usize;
    let posonly = c.posonlyargcount as usize;
    let total_args = argcount + c.kwonlyargcount as usize;
    let has_varargs = c.flags & co::CO_VARARGS != 0;
    let has_varkw = c.flags & co::CO_VARKEYWORDS != 0;
    let npos = args.len() - kwnames.len();

    let kwdict = if has_varkw {
        let d = dict::new_dict();
        localsplus[total_args + has_varargs as usize] = Some(d.clone());
        Some(d)
    } else {
        None
    };
    let n = npos.min(argcount);
    for i in 0..n {
        localsplus[i] = Some(args[i].clone());
    }
    if has_varargs {
        let extra = if npos > argcount { args[argcount..npos].to_vec() } else { vec![] };
        localsplus[total_args] = Some(tuple::new_tuple(extra));
    }

    // Keyword arguments.
    for (k, (name, value)) in kwnames.iter().zip(&args[npos..]).enumerate() {
        let _ = k;
        if pystr::downcast_str(name).is_none() {
            return Err(vm.type_error("keywords must be strings"));
        }
        let mut found = None;
        for (j, pname) in code.localsplusnames[posonly..total_args].iter().enumerate() {
            if pname.is(name) {
                found = Some(j + posonly);
                break;
            }
        }
        if found.is_none() {
            let nd = pystr::str_data(name);
            for (j, pname) in code.localsplusnames[posonly..total_args].iter().enumerate() {
                if pystr::str_eq(pystr::str_data(pname), nd) {
                    found = Some(j + posonly);
                    break;
                }
            }
        }
        match found {
            Some(j) => {
                if localsplus[j].is_some() {
                    return Err(vm.type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        qualname(func),
                        pystr::to_string(name)
                    )));
                }
                localsplus[j] = Some(value.clone());
            }
            None => match &kwdict {
                Some(d) => dict::set_item(vm, d, name, value)?,
                None => {
                    let nd = pystr::str_data(name);
                    let posonly_hits: Vec<String> = code.localsplusnames[..posonly]
                        .iter()
                        .filter(|p| pystr::str_eq(pystr::str_data(p), nd))
                        .map(|p| pystr::to_string(p))
                        .collect();
                    if !posonly_hits.is_empty() {
                        // All positional-only names passed as keywords are listed.
                        let all: Vec<String> = code.localsplusnames[..posonly]
                            .iter()
                            .filter(|p| {
                                kwnames.iter().any(|k| pystr::str_eq(pystr::str_data(k), pystr::str_data(p)))
                            })
                            .map(|p| pystr::to_string(p))
                            .collect();
                        return Err(vm.type_error(format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                            qualname(func),
                            all.join(", ")
                        )));
                    }
                    return Err(vm.type_error(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        qualname(func),
                        pystr::to_string(name)
                    )));
                }
            },
        }
    }

    let defaults: Vec<PyRef> = func.defaults.borrow().as_ref().map(|d| tuple::tuple_items(d).to_vec()).unwrap_or_default();
    if npos > argcount && !has_varargs {
        let kwonly_given = (argcount..total_args).filter(|&i| localsplus[i].is_some()).count();
        let defcount = defaults.len();
        let (sig, plural) = if defcount > 0 {
            (format!("from {} to {}", argcount - defcount, argcount), true)
        } else {
            (argcount.to_string(), argcount != 1)
        };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if npos != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return Err(vm.type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qualname(func),
            sig,
            if plural { "s" } else { "" },
            npos,
            kwonly_sig,
            if npos == 1 && kwonly_given == 0 { "was" } else { "were" }
        )));
    }

    // Missing positional arguments: defaults, else an error naming them all.
    if npos < argcount {
        let m = argcount - defaults.len();
        let mut missing = Vec::new();
        for i in npos..argcount {
            if localsplus[i].is_none() {
                if i >= m {
                    localsplus[i] = Some(defaults[i - m].clone());
                } else {
                    missing.push(pystr::to_string(&code.localsplusnames[i]));
                }
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qualname(func),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                format_names(&missing)
            )));
        }
    }

    // Keyword-only arguments.
    if total_args > argcount {
        let kwdefaults = func.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argcount..total_args {
            if localsplus[i].is_some() {
                continue;
            }
            let name = &code.localsplusnames[i];
            let v = match &kwdefaults {
                Some(kd) => dict::get_item(vm, kd, name)?,
                None => None,
            };
            match v {
                Some(v) => localsplus[i] = Some(v),
                None => missing.push(pystr::to_string(name)),
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qualname(func),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                format_names(&missing)
            )));
        }
    }
    Ok(())
}
