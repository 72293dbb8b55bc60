//! The `gc` module's interface.
//!
//! **No cycle collector yet.** Objects are freed by reference counting only; a reference
//! cycle is never reclaimed. The module keeps CPython's interface and the state it reports
//! (enabled flag, thresholds, the generation counts, `gc.garbage`, `gc.callbacks`),
//! and `collect()` runs the callbacks and returns 0 objects found. The collector (trial
//! deletion over tracked containers, which needs a list of tracked objects and a traverse
//! slot on every container type) is still to be written.
//!
//! `is_tracked` answers as CPython does for its built-in types: atoms (int, str, float,
//! None, bool, …) are never tracked, containers and class instances are; a tuple or dict
//! of atoms is untracked by CPython's lazy untracking only after a collection, which is
//! reported as tracked here (as CPython reports it for a fresh one).

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{dict, int, list, module, none, str as pystr, tuple};
use crate::vm::Vm;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static THRESHOLDS: Cell<(i64, i64, i64)> = const { Cell::new((2000, 10, 0)) };
    static DEBUG: Cell<i64> = const { Cell::new(0) };
    static FROZEN: Cell<i64> = const { Cell::new(0) };
    static COLLECTIONS: Cell<[i64; 3]> = const { Cell::new([0; 3]) };
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("collect", gc_collect),
    MethodDef::function("enable", gc_enable),
    MethodDef::function("disable", gc_disable),
    MethodDef::function("isenabled", gc_isenabled),
    MethodDef::function("get_count", gc_get_count),
    MethodDef::function("get_threshold", gc_get_threshold),
    MethodDef::function("set_threshold", gc_set_threshold),
    MethodDef::function("get_debug", gc_get_debug),
    MethodDef::function("set_debug", gc_set_debug),
    MethodDef::function("is_tracked", gc_is_tracked),
    MethodDef::function("is_finalized", gc_is_finalized),
    MethodDef::function("get_objects", gc_get_objects),
    MethodDef::function("get_stats", gc_get_stats),
    MethodDef::function("freeze", gc_freeze),
    MethodDef::function("unfreeze", gc_unfreeze),
    MethodDef::function("get_freeze_count", gc_get_freeze_count),
];

/// Create the `gc` module (on first import).
pub fn init_module(vm: &Vm) -> PyRef {
    let m = module::new_module_named("gc");
    let d = module::module_dict(&m);
    for def in FUNCTIONS {
        let f = new_builtin_function(def, Some(m.clone()));
        dict::set_item_str_key(vm, &d, &vm.intern(def.name), &f);
    }
    dict::set_item_str_key(vm, &d, &vm.intern("garbage"), &list::new_list(Vec::new()));
    dict::set_item_str_key(vm, &d, &vm.intern("callbacks"), &list::new_list(Vec::new()));
    for (name, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        dict::set_item_str_key(vm, &d, &vm.intern(name), &int::new_int(v));
    }
    m
}

fn module_attr(vm: &Vm, name: &str) -> PyResult<Option<PyRef>> {
    let Some(m) = dict::get_item(vm, &vm.modules, &vm.intern("gc"))? else { return Ok(None) };
    protocol::getattr_opt(vm, &m, &vm.intern(name))
}

/// Call every `gc.callbacks` entry with `(phase, info)`.
fn run_callbacks(vm: &Vm, phase: &str, generation: i64, collected: i64) -> PyResult<()> {
    let Some(cbs) = module_attr(vm, "callbacks")? else { return Ok(()) };
    let items = protocol::iterate(vm, &cbs)?;
    if items.is_empty() {
        return Ok(());
    }
    let info = dict::new_dict();
    dict::set_item(vm, &info, &vm.intern("generation"), &int::new_int(generation))?;
    dict::set_item(vm, &info, &vm.intern("collected"), &int::new_int(collected))?;
    dict::set_item(vm, &info, &vm.intern("uncollectable"), &int::new_int(0))?;
    let phase = pystr::new_str(phase);
    for cb in items {
        if let Err(e) = protocol::call(vm, &cb, &[phase.clone(), info.clone()], &[]) {
            crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &cb)));
        }
    }
    Ok(())
}

fn gc_collect(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    if pos.len() + kws.len() > 1 {
        return Err(vm.type_error(format!("collect() takes at most 1 argument ({} given)", pos.len() + kws.len())));
    }
    let mut generation = 2;
    let arg = pos.first().cloned().or_else(|| kws.iter().find(|(k, _)| k == "generation").map(|(_, v)| (*v).clone()));
    if let Some((k, _)) = kws.iter().find(|(k, _)| k != "generation") {
        return Err(vm.type_error(format!("collect() got an unexpected keyword argument '{k}'")));
    }
    if let Some(g) = arg {
        generation = protocol::index_as_isize(vm, &g)? as i64;
        if !(0..=2).contains(&generation) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    run_callbacks(vm, "start", generation, 0)?;
    COLLECTIONS.with(|c| {
        let mut v = c.get();
        v[generation as usize] += 1;
        c.set(v);
    });
    run_callbacks(vm, "stop", generation, 0)?;
    Ok(int::new_int(0))
}

fn gc_enable(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "enable", args, 0, 0)?;
    ENABLED.with(|e| e.set(true));
    Ok(none::none())
}

fn gc_disable(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "disable", args, 0, 0)?;
    ENABLED.with(|e| e.set(false));
    Ok(none::none())
}

fn gc_isenabled(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "isenabled", args, 0, 0)?;
    Ok(none::bool_(ENABLED.with(|e| e.get())))
}

fn gc_get_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_count", args, 0, 0)?;
    Ok(tuple::new_tuple(vec![int::new_int(0), int::new_int(0), int::new_int(0)]))
}

fn gc_get_threshold(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_threshold", args, 0, 0)?;
    let (a, b, c) = THRESHOLDS.with(|t| t.get());
    Ok(tuple::new_tuple(vec![int::new_int(a), int::new_int(b), int::new_int(c)]))
}

fn gc_set_threshold(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    if args.is_empty() || args.len() > 3 {
        return Err(vm.type_error(format!(
            "set_threshold() takes {} ({} given)",
            if args.is_empty() { "at least 1 argument" } else { "at most 3 arguments" },
            args.len()
        )));
    }
    let mut t = THRESHOLDS.with(|t| t.get());
    let mut vals = Vec::new();
    for a in args {
        vals.push(int::downcast_int(a).and_then(|i| i.as_i64()).ok_or_else(|| {
            vm.type_error(format!("'{}' object cannot be interpreted as an integer", a.ob_type().name()))
        })?);
    }
    t.0 = vals[0];
    if let Some(v) = vals.get(1) {
        t.1 = *v;
    }
    if let Some(v) = vals.get(2) {
        t.2 = *v;
    }
    THRESHOLDS.with(|x| x.set(t));
    Ok(none::none())
}

fn gc_get_debug(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_debug", args, 0, 0)?;
    Ok(int::new_int(DEBUG.with(|d| d.get())))
}

fn gc_set_debug(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "set_debug", args, 1, 1)?;
    let v = protocol::index_as_isize(vm, &args[0])? as i64;
    DEBUG.with(|d| d.set(v));
    Ok(none::none())
}

/// Whether CPython's collector would track `obj`: atoms are never tracked.
fn is_tracked(obj: &PyObject) -> bool {
    let tp = obj.ob_type();
    if tp.is_heap_type() {
        return true;
    }
    !matches!(
        &*tp.name(),
        "int" | "bool" | "float" | "complex" | "str" | "bytes" | "NoneType" | "ellipsis" | "NotImplementedType" | "range" | "slice"
    )
}

fn gc_is_tracked(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "is_tracked", args, 1, 1)?;
    Ok(none::bool_(is_tracked(&args[0])))
}

fn gc_is_finalized(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "is_finalized", args, 1, 1)?;
    Ok(none::bool_(false))
}

fn gc_get_objects(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    let g = pos.first().cloned().or_else(|| kws.iter().find(|(k, _)| k == "generation").map(|(_, v)| (*v).clone()));
    if let Some(g) = g {
        if !g.is(none::none_ref()) {
            let n = protocol::index_as_isize(vm, &g)?;
            if n >= 3 {
                return Err(vm.value_error(format!("generation parameter must be less than the number of available generations (3)")));
            }
            if n < 0 {
                return Err(vm.value_error("generation parameter cannot be negative"));
            }
        }
    }
    Ok(list::new_list(Vec::new()))
}

fn gc_get_stats(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_stats", args, 0, 0)?;
    let counts = COLLECTIONS.with(|c| c.get());
    let mut out = Vec::new();
    for n in counts {
        let d = dict::new_dict();
        dict::set_item(vm, &d, &vm.intern("collections"), &int::new_int(n))?;
        dict::set_item(vm, &d, &vm.intern("collected"), &int::new_int(0))?;
        dict::set_item(vm, &d, &vm.intern("uncollectable"), &int::new_int(0))?;
        out.push(d);
    }
    Ok(list::new_list(out))
}

fn gc_freeze(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "freeze", args, 0, 0)?;
    Ok(none::none())
}

fn gc_unfreeze(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "unfreeze", args, 0, 0)?;
    FROZEN.with(|f| f.set(0));
    Ok(none::none())
}

fn gc_get_freeze_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_freeze_count", args, 0, 0)?;
    Ok(int::new_int(FROZEN.with(|f| f.get())))
}
