//! The `gc` module: CPython's interface over the collector of `gc/` (enable/disable,
//! thresholds and counts, `collect`, `gc.garbage` with `DEBUG_SAVEALL`, `gc.callbacks`,
//! `get_objects`/`get_referents`/`get_referrers`, `is_tracked`/`is_finalized`, freezing).

use crate::error::PyResult;
use crate::object::PyRef;
use crate::protocol;
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{dict, int, list, module, none, str as pystr, tuple};
use crate::vm::Vm;

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
    MethodDef::function("get_referents", gc_get_referents),
    MethodDef::function("get_referrers", gc_get_referrers),
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

/// `gc.garbage`, when the module was imported.
pub fn garbage_list(vm: &Vm) -> Option<PyRef> {
    module_attr(vm, "garbage").ok().flatten()
}

/// Call every `gc.callbacks` entry with `(phase, info)`; errors are reported as
/// unraisable.
pub fn run_callbacks(vm: &Vm, phase: &str, generation: usize, collected: i64, uncollectable: i64) {
    let Ok(Some(cbs)) = module_attr(vm, "callbacks") else { return };
    let Some(items) = cbs.downcast::<crate::types::list::PyList>().map(|l| l.items.borrow().clone()) else { return };
    if items.is_empty() {
        return;
    }
    let info = dict::new_dict();
    dict::set_item_str_key(vm, &info, &vm.intern("generation"), &int::new_int(generation as i64));
    dict::set_item_str_key(vm, &info, &vm.intern("collected"), &int::new_int(collected));
    dict::set_item_str_key(vm, &info, &vm.intern("uncollectable"), &int::new_int(uncollectable));
    let phase = pystr::new_str(phase);
    for cb in items {
        if let Err(e) = protocol::call(vm, &cb, &[phase.clone(), info.clone()], &[]) {
            crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &cb)));
        }
    }
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
    Ok(int::new_int(super::collect(vm, generation as usize)))
}

fn gc_enable(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "enable", args, 0, 0)?;
    super::state().enabled.set(true);
    Ok(none::none())
}

fn gc_disable(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "disable", args, 0, 0)?;
    super::state().enabled.set(false);
    Ok(none::none())
}

fn gc_isenabled(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "isenabled", args, 0, 0)?;
    Ok(none::bool_(super::state().enabled.get()))
}

fn gc_get_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_count", args, 0, 0)?;
    let c = &super::state().counts;
    Ok(tuple::new_tuple(c.iter().map(|x| int::new_int(x.get())).collect()))
}

fn gc_get_threshold(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_threshold", args, 0, 0)?;
    let t = &super::state().thresholds;
    Ok(tuple::new_tuple(t.iter().map(|x| int::new_int(x.get())).collect()))
}

fn gc_set_threshold(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    if args.is_empty() || args.len() > 3 {
        return Err(vm.type_error(format!(
            "set_threshold() takes {} ({} given)",
            if args.is_empty() { "at least 1 argument" } else { "at most 3 arguments" },
            args.len()
        )));
    }
    let mut vals = Vec::new();
    for a in args {
        vals.push(int::downcast_int(a).and_then(|i| i.as_i64()).ok_or_else(|| {
            vm.type_error(format!("'{}' object cannot be interpreted as an integer", a.ob_type().name()))
        })?);
    }
    for (slot, v) in super::state().thresholds.iter().zip(vals) {
        slot.set(v);
    }
    Ok(none::none())
}

fn gc_get_debug(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_debug", args, 0, 0)?;
    Ok(int::new_int(super::state().debug.get()))
}

fn gc_set_debug(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "set_debug", args, 1, 1)?;
    let v = protocol::index_as_isize(vm, &args[0])? as i64;
    super::state().debug.set(v);
    Ok(none::none())
}

fn gc_is_tracked(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "is_tracked", args, 1, 1)?;
    Ok(none::bool_(super::is_tracked(&args[0])))
}

fn gc_is_finalized(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "is_finalized", args, 1, 1)?;
    Ok(none::bool_(super::is_finalized(&args[0])))
}

fn gc_get_objects(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    let g = pos.first().cloned().or_else(|| kws.iter().find(|(k, _)| k == "generation").map(|(_, v)| (*v).clone()));
    let mut generation = None;
    if let Some(g) = g {
        if !g.is(none::none_ref()) {
            let n = protocol::index_as_isize(vm, &g)?;
            generation = Some(n.max(0) as usize);
            if n >= 3 {
                return Err(vm.value_error(format!("generation parameter must be less than the number of available generations (3)")));
            }
            if n < 0 {
                return Err(vm.value_error("generation parameter cannot be negative"));
            }
        }
    }
    Ok(list::new_list(super::objects(generation)))
}

fn gc_get_stats(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_stats", args, 0, 0)?;
    let mut out = Vec::new();
    for st in &super::state().stats {
        let (n, collected, uncollectable) = st.get();
        let d = dict::new_dict();
        dict::set_item(vm, &d, &vm.intern("collections"), &int::new_int(n))?;
        dict::set_item(vm, &d, &vm.intern("collected"), &int::new_int(collected))?;
        dict::set_item(vm, &d, &vm.intern("uncollectable"), &int::new_int(uncollectable))?;
        out.push(d);
    }
    Ok(list::new_list(out))
}

fn gc_freeze(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "freeze", args, 0, 0)?;
    super::freeze();
    Ok(none::none())
}

fn gc_unfreeze(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "unfreeze", args, 0, 0)?;
    super::unfreeze();
    Ok(none::none())
}

fn gc_get_freeze_count(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_freeze_count", args, 0, 0)?;
    Ok(int::new_int(super::freeze_count() as i64))
}

/// `gc.get_referents(*objs)`: what each object's traverse visits.
fn gc_get_referents(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let mut out = Vec::new();
    for o in args {
        if !super::has_head(o) {
            continue;
        }
        if let Some(t) = o.ob_type().tp_traverse.get() {
            t(o, &mut |r| out.push(r.to_ref()));
        }
    }
    Ok(list::new_list(out))
}

/// `gc.get_referrers(*objs)`: the tracked objects whose traverse visits one of `objs`.
fn gc_get_referrers(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let mut out = Vec::new();
    for o in super::objects(None) {
        if args.iter().any(|a| a.is(&o)) {
            continue;
        }
        let mut hit = false;
        if let Some(t) = o.ob_type().tp_traverse.get() {
            t(&o, &mut |r| hit |= args.iter().any(|a| a.is(r)));
        }
        if hit {
            out.push(o);
        }
    }
    Ok(list::new_list(out))
}
