//! Iteration builtins: `sorted`, `min`, `max`, `sum`, `any`, `all`, `iter` (with the
//! two-argument `iter(callable, sentinel)` form). The lazy iterator types (`enumerate`,
//! `zip`, `map`, `filter`, `reversed`, `range`) are types in `types/`.

use crate::error::PyResult;
use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::function::{check_arity, MethodDef};
use crate::types::{int, list, none, str as pystr};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("sorted", builtin_sorted),
    MethodDef::function("min", builtin_min),
    MethodDef::function("max", builtin_max),
    MethodDef::function("sum", builtin_sum),
    MethodDef::function("any", builtin_any),
    MethodDef::function("all", builtin_all),
    MethodDef::function("iter", builtin_iter),
];

fn kwargs<'a>(vm: &Vm, fname: &str, args: &'a [PyRef], kwnames: &[PyRef], names: &[&str]) -> PyResult<(&'a [PyRef], Vec<Option<&'a PyRef>>)> {
    let npos = args.len() - kwnames.len();
    let mut out = vec![None; names.len()];
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = pystr::to_string(k);
        match names.iter().position(|n| *n == k) {
            Some(i) => out[i] = Some(v),
            None => return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    Ok((&args[..npos], out))
}

fn builtin_sorted(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    if npos != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {npos}")));
    }
    let items = protocol::iterate(vm, &args[0])?;
    let l = list::new_list(items);
    list::list_sort_impl(vm, &l, &args[1..], kwnames)?;
    Ok(l)
}

fn min_max(vm: &Vm, args: &[PyRef], kwnames: &[PyRef], op: CompareOp, name: &str) -> PyResult<PyRef> {
    let (pos, kw) = kwargs(vm, name, args, kwnames, &["key", "default"])?;
    let key = kw[0].filter(|k| !k.is(none::none_ref()));
    let default = kw[1];
    let items = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => protocol::getiter(vm, &pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            protocol::getiter(vm, &crate::types::tuple::new_tuple(pos.to_vec()))?
        }
    };
    let mut best: Option<(PyRef, PyRef)> = None;
    while let Some(v) = protocol::next(vm, &items)? {
        let k = match key {
            Some(f) => protocol::call(vm, f, &[v.clone()], &[])?,
            None => v.clone(),
        };
        match &best {
            None => best = Some((k, v)),
            Some((bk, _)) => {
                if protocol::richcompare_bool(vm, &k, bk, op)? {
                    best = Some((k, v));
                }
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d.clone()),
            None => Err(vm.value_error(format!("{name}() iterable argument is empty"))),
        },
    }
}

fn builtin_min(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    min_max(vm, args, kwnames, CompareOp::Lt, "min")
}

fn builtin_max(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    min_max(vm, args, kwnames, CompareOp::Gt, "max")
}

fn builtin_sum(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kw) = kwargs(vm, "sum", args, kwnames, &["start"])?;
    if pos.is_empty() || pos.len() > 2 || (pos.len() == 2 && kw[0].is_some()) {
        if pos.len() == 2 && kw[0].is_some() {
            return Err(vm.type_error("argument for sum() given by name ('start') and position (2)"));
        }
        return Err(vm.type_error(format!(
            "sum() takes at {} 1 positional argument{} ({} given)",
            if pos.is_empty() { "least" } else { "most" },
            if pos.is_empty() { "" } else { "s" },
            pos.len()
        )));
    }
    let start = pos.get(1).or(kw[0]).cloned().unwrap_or_else(|| int::new_int(0));
    if pystr::downcast_str(&start).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let tn = start.ob_type().name();
    if tn == "bytes" {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    if tn == "bytearray" {
        return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    let it = protocol::getiter(vm, &pos[0])?;
    let mut acc = start;
    // fast path: exact small ints
    let mut small: Option<i64> = if std::ptr::eq(acc.ob_type(), &*int::INT_TYPE) {
        int::downcast_int(&acc).unwrap().as_i64()
    } else {
        None
    };
    // Floats are added with Neumaier's compensated summation, as 3.12+ does.
    let exact_float = |o: &PyObject| o.downcast_exact::<crate::types::float::PyFloat>().map(|f| f.value);
    let mut fl: Option<(f64, f64)> = if small.is_none() { exact_float(&acc).map(|x| (x, 0.0)) } else { None };
    let finish = |(s, c): (f64, f64)| crate::types::float::new_float(if c != 0.0 && c.is_finite() { s + c } else { s });
    while let Some(v) = protocol::next(vm, &it)? {
        if let Some((s, c)) = fl {
            let x = exact_float(&v).or_else(|| {
                if std::ptr::eq(v.ob_type(), &*int::INT_TYPE) {
                    int::downcast_int(&v).unwrap().as_i64().filter(|n| n.unsigned_abs() < (1u64 << 53)).map(|n| n as f64)
                } else {
                    None
                }
            });
            if let Some(x) = x {
                let t = s + x;
                let c = if s.abs() >= x.abs() { c + ((s - t) + x) } else { c + ((x - t) + s) };
                fl = Some((t, c));
                continue;
            }
            acc = finish((s, c));
            fl = None;
        }
        if let Some(s) = small {
            if std::ptr::eq(v.ob_type(), &*int::INT_TYPE) {
                if let Some(x) = int::downcast_int(&v).unwrap().as_i64() {
                    if let Some(r) = s.checked_add(x) {
                        small = Some(r);
                        continue;
                    }
                }
            }
            acc = int::new_int(s);
            small = None;
        }
        acc = protocol::binary_op(vm, &acc, &v, 0)?;
        fl = exact_float(&acc).map(|x| (x, 0.0));
    }
    if let Some(f) = fl {
        return Ok(finish(f));
    }
    Ok(match small {
        Some(s) => int::new_int(s),
        None => acc,
    })
}

fn builtin_any(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "any", kwnames)?;
    check_arity(vm, "any", args, 1, 1)?;
    let it = protocol::getiter(vm, &args[0])?;
    while let Some(v) = protocol::next(vm, &it)? {
        if protocol::is_true(vm, &v)? {
            return Ok(none::true_());
        }
    }
    Ok(none::false_())
}

fn builtin_all(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "all", kwnames)?;
    check_arity(vm, "all", args, 1, 1)?;
    let it = protocol::getiter(vm, &args[0])?;
    while let Some(v) = protocol::next(vm, &it)? {
        if !protocol::is_true(vm, &v)? {
            return Ok(none::false_());
        }
    }
    Ok(none::true_())
}

fn builtin_iter(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "iter", kwnames)?;
    check_arity(vm, "iter", args, 1, 2)?;
    if args.len() == 2 {
        if args[0].ob_type().tp_call.get().is_none() {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(crate::types::iterators::new_calliter(args[0].clone(), args[1].clone()));
    }
    protocol::getiter(vm, &args[0])
}
