//! The work of instructions too long to sit in the dispatch loop: name lookups, method
//! loads, unpacking, `with`, `super()`, `*args`/`**kwargs` calls, intrinsics.

use crate::error::{PyErr, PyResult};
use crate::eval::frame::InterpreterFrame;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::function::PyFunction;
use crate::types::{dict, exceptions, list, none, str as pystr, tuple, type_};
use crate::vm::Vm;

#[cold]
pub fn name_error(vm: &Vm, name: &PyObject) -> PyErr {
    let err = vm.name_error(format!("name '{}' is not defined", pystr::to_string(name)));
    let e = exceptions::as_exc(err.value());
    *e.fields.borrow_mut() = vec![Some(name.to_ref())];
    err
}

/// `mapping[name]` for a dict or any mapping; `None` when missing.
pub fn mapping_get(vm: &Vm, mapping: &PyObject, name: &PyObject) -> PyResult<Option<PyRef>> {
    if std::ptr::eq(mapping.ob_type(), &*dict::DICT_TYPE) {
        return dict::get_item(vm, mapping, name);
    }
    match protocol::getitem(vm, mapping, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&exceptions::KEY_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `LOAD_GLOBAL`: globals, then builtins.
#[inline]
pub fn load_global(vm: &Vm, globals: &PyObject, builtins: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    if let Some(v) = dict::get_item(vm, globals, name)? {
        return Ok(v);
    }
    if let Some(v) = mapping_get(vm, builtins, name)? {
        return Ok(v);
    }
    Err(name_error(vm, name))
}

/// `LOAD_NAME`: locals, globals, builtins.
pub fn load_name(vm: &Vm, f: &InterpreterFrame, name: &PyObject) -> PyResult<PyRef> {
    let Some(locals) = &f.locals else {
        return Err(vm.system_error(format!("no locals when loading {}", protocol::repr_string(vm, name)?)));
    };
    if let Some(v) = mapping_get(vm, locals, name)? {
        return Ok(v);
    }
    load_global(vm, &f.globals, &f.builtins, name)
}

/// `LOAD_ATTR` with the method bit: an unbound method plus `self` when the attribute is
/// a plain method descriptor found on the type (no bound-method object is made), else
/// the attribute plus NULL.
pub fn load_method(vm: &Vm, owner: &PyObject, name: &PyObject) -> PyResult<(PyRef, Option<PyRef>)> {
    let tp = owner.ob_type();
    if tp.tp_getattro.get().map(|f| f as usize) == Some(crate::types::object::generic_getattr as *const () as usize) {
        if let Some(descr) = type_::lookup(tp, name) {
            let dt = descr.ob_type();
            if dt.has_flag(crate::object::typeobj::flags::METHOD_DESCRIPTOR) {
                // A method: unless the instance dict shadows it.
                let shadowed = match crate::types::object::instance_dict_cell(owner) {
                    Some(cell) => {
                        let d = cell.borrow().clone();
                        match d {
                            Some(d) => dict::get_item(vm, &d, name)?,
                            None => None,
                        }
                    }
                    None => None,
                };
                if let Some(v) = shadowed {
                    return Ok((v, None));
                }
                return Ok((descr, Some(owner.to_ref())));
            }
        }
    }
    Ok((protocol::getattr(vm, owner, name)?, None))
}

/// `CALL_PY_EXACT_ARGS` / `CALL_PY_WITH_DEFAULTS`: when `func` takes `nargs` positional
/// parameters, or more whose trailing ones all have defaults (no `*args`/`**kwargs`/
/// keyword-only parameters), push its frame with the defaults in place and the first
/// `nargs` locals left empty for the caller to move the arguments in (and set `func`).
/// `None` when the general binding is needed.
#[inline]
pub fn push_exact_args_frame(
    vm: &Vm,
    func: &PyFunction,
    nargs: usize,
) -> Option<PyResult<*mut InterpreterFrame>> {
    use taipan_bytecode::code::flags as co;
    let codeobj = func.code.borrow();
    // SAFETY: a function's code is always a code object.
    let c = unsafe { codeobj.payload_unchecked::<crate::types::code::PyCode>() };
    let cc = &c.code;
    let argcount = cc.argcount as usize;
    if argcount < nargs || cc.kwonlyargcount != 0 || cc.flags & (co::CO_VARARGS | co::CO_VARKEYWORDS) != 0 {
        return None;
    }
    // CALL_PY_WITH_DEFAULTS: the missing trailing parameters all have defaults.
    let defaults = if argcount > nargs {
        let d = func.defaults.borrow();
        let items = match d.as_deref() {
            Some(t) => crate::types::tuple::downcast_tuple(t)?,
            None => return None,
        };
        if argcount - nargs > items.len() {
            return None;
        }
        Some(items[items.len() - (argcount - nargs)..].to_vec())
    } else {
        None
    };
    if let Err(e) = crate::eval::enter_python_frame(vm) {
        return Some(Err(e));
    }
    let code = codeobj.clone();
    drop(codeobj);
    let fp = vm.frames.push(code, None, func.globals.clone(), func.builtins.clone(), None, false);
    if let Some(defs) = defaults {
        for (i, v) in defs.into_iter().enumerate() {
            // SAFETY: the new frame's parameter slots are empty; the caller moves the
            // `nargs` arguments into the first ones.
            unsafe { (*fp).localsplus.add(nargs + i).write(Some(v)) };
        }
    }
    Some(Ok(fp))
}

/// `CALL_ALLOC_AND_ENTER_INIT`: calling a class whose metaclass is `type`, whose
/// `__new__` is `object.__new__` and whose `__init__` is a plain Python function taking
/// the `nargs` arguments positionally: allocate the instance and push `__init__`'s frame
/// with it as `self` (local 0) and `init_self`, leaving locals `1..=nargs` for the caller
/// to move the arguments in. `None` when `type.__call__` must do it.
pub fn alloc_and_enter_init(vm: &Vm, cls: &PyObject, nargs: usize) -> Option<PyResult<*mut InterpreterFrame>> {
    use crate::object::typeobj::flags;
    if !std::ptr::eq(cls.ob_type(), &*crate::types::type_::TYPE_TYPE) {
        return None;
    }
    let tp = crate::types::type_::downcast_type(cls)?;
    if !tp.is_heap_type() || tp.has_flag(flags::IS_ABSTRACT) {
        return None;
    }
    let new = tp.tp_new.get()? as usize;
    if new != crate::types::object::object_new as *const () as usize {
        return None;
    }
    let init = crate::types::type_::lookup(tp, &vm.intern("__init__"))?;
    if !std::ptr::eq(init.ob_type(), &*crate::types::function::FUNCTION_TYPE) {
        return None;
    }
    // SAFETY: an exact function.
    let func = unsafe { init.payload_unchecked::<crate::types::function::PyFunction>() };
    let fp = match push_exact_args_frame(vm, func, nargs + 1)? {
        Ok(fp) => fp,
        Err(e) => return Some(Err(e)),
    };
    let obj = crate::object::alloc_object(tp, crate::types::object::PyBaseObject);
    // SAFETY: the new frame's parameter slots are empty.
    unsafe {
        (*fp).localsplus.write(Some(obj.clone()));
        (*fp).func = Some(init);
        (*fp).init_self = Some(obj);
    }
    Some(Ok(fp))
}

/// The value a returning frame gives its caller: for an `__init__` entered by
/// `alloc_and_enter_init`, the instance, once `__init__` returned None (else TypeError).
#[inline]
pub fn finish_init(vm: &Vm, f: &mut InterpreterFrame, v: PyRef) -> PyResult<PyRef> {
    match f.init_self.take() {
        None => Ok(v),
        Some(obj) if v.is(crate::types::none::none_ref()) => Ok(obj),
        Some(_) => Err(vm.type_error(format!("__init__() should return None, not '{}'", v.ob_type().name()))),
    }
}

/// `UNPACK_SEQUENCE n`.
pub fn unpack_sequence(vm: &Vm, seq: &PyObject, n: usize) -> PyResult<Vec<PyRef>> {
    let items: Vec<PyRef> = if let Some(t) = tuple::downcast_tuple(seq) {
        t.to_vec()
    } else if let Some(l) = list::downcast_list(seq) {
        l.items.borrow().clone()
    } else {
        let it = protocol::getiter(vm, seq).map_err(|e| {
            if e.matches(&exceptions::TYPE_ERROR) && seq.ob_type().tp_iter.get().is_none() {
                vm.type_error(format!("cannot unpack non-iterable {} object", seq.ob_type().name()))
            } else {
                e
            }
        })?;
        let mut v = Vec::with_capacity(n);
        while v.len() < n {
            match protocol::next(vm, &it)? {
                Some(x) => v.push(x),
                None => {
                    return Err(vm.value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        v.len()
                    )))
                }
            }
        }
        if protocol::next(vm, &it)?.is_some() {
            return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
        }
        return Ok(v);
    };
    if items.len() < n {
        return Err(vm.value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())));
    }
    if items.len() > n {
        return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
    }
    Ok(items)
}

/// `UNPACK_EX`: `before` targets, a starred list, `after` targets.
pub fn unpack_ex(vm: &Vm, seq: &PyObject, before: usize, after: usize) -> PyResult<Vec<PyRef>> {
    let items = protocol::iterate(vm, seq).map_err(|e| {
        if e.matches(&exceptions::TYPE_ERROR) && seq.ob_type().tp_iter.get().is_none() {
            vm.type_error(format!("cannot unpack non-iterable {} object", seq.ob_type().name()))
        } else {
            e
        }
    })?;
    if items.len() < before + after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mut out = items[..before].to_vec();
    out.push(list::new_list(items[before..items.len() - after].to_vec()));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(out)
}

/// `SET_FUNCTION_ATTRIBUTE`.
pub fn set_function_attribute(func: &PyObject, attr: &PyObject, flag: u32) {
    let f = func.downcast::<PyFunction>().unwrap();
    match flag {
        1 => *f.defaults.borrow_mut() = Some(attr.to_ref()),
        2 => *f.kwdefaults.borrow_mut() = Some(attr.to_ref()),
        4 => *f.annotations.borrow_mut() = Some(attr.to_ref()),
        8 => *f.closure.borrow_mut() = Some(attr.to_ref()),
        _ => {}
    }
}

/// `LIST_EXTEND`.
pub fn list_extend(vm: &Vm, l: &PyObject, iterable: &PyObject) -> PyResult<()> {
    let items = protocol::iterate(vm, iterable).map_err(|e| {
        if e.matches(&exceptions::TYPE_ERROR) && iterable.ob_type().tp_iter.get().is_none() {
            vm.type_error(format!("Value after * must be an iterable, not {}", iterable.ob_type().name()))
        } else {
            e
        }
    })?;
    list::downcast_list(l).unwrap().items.borrow_mut().extend(items);
    Ok(())
}

/// `DICT_UPDATE` / `DICT_MERGE` (`merge`: duplicate keys are an error, as in `f(**a, **b)`).
pub fn dict_update(vm: &Vm, d: &PyObject, update: &PyObject, merge: bool, func: Option<&PyObject>) -> PyResult<()> {
    let is_mapping = dict::downcast_dict(update).is_some() || protocol::getattr_opt(vm, update, &vm.intern("keys"))?.is_some();
    if !is_mapping {
        return Err(if merge {
            let fname = func.map(|f| function_name(vm, f)).unwrap_or_default();
            vm.type_error(format!("{fname} argument after ** must be a mapping, not {}", update.ob_type().name()))
        } else {
            vm.type_error(format!("'{}' object is not a mapping", update.ob_type().name()))
        });
    }
    let src = dict::copy(vm, update)?;
    for (k, v) in dict::items(&src) {
        if merge {
            if pystr::downcast_str(&k).is_none() {
                return Err(vm.type_error("keywords must be strings"));
            }
            if dict::get_item(vm, d, &k)?.is_some() {
                let fname = func.map(|f| function_name(vm, f)).unwrap_or_default();
                return Err(vm.type_error(format!(
                    "{fname} got multiple values for keyword argument '{}'",
                    pystr::to_string(&k)
                )));
            }
        }
        dict::set_item(vm, d, &k, &v)?;
    }
    Ok(())
}

/// `_PyObject_FunctionStr`: "qualname()" with the module when not builtins.
pub fn function_name(vm: &Vm, f: &PyObject) -> String {
    let q = protocol::getattr_opt(vm, f, &vm.intern("__qualname__")).ok().flatten();
    let Some(q) = q.filter(|q| pystr::downcast_str(q).is_some()) else {
        return format!("{} object", f.ob_type().name());
    };
    let m = protocol::getattr_opt(vm, f, &vm.intern("__module__")).ok().flatten();
    match m.filter(|m| pystr::downcast_str(m).is_some()) {
        Some(m) if pystr::to_string(&m) != "builtins" => format!("{}.{}()", pystr::to_string(&m), pystr::to_string(&q)),
        _ => format!("{}()", pystr::to_string(&q)),
    }
}

/// `CALL_FUNCTION_EX`: `func(*callargs, **kwargs)`.
pub fn call_function_ex(vm: &Vm, func: &PyObject, callargs: &PyObject, kwargs: Option<&PyObject>) -> PyResult<PyRef> {
    let mut args: Vec<PyRef> = match tuple::downcast_tuple(callargs) {
        Some(t) => t.to_vec(),
        None => protocol::iterate(vm, callargs).map_err(|e| {
            if e.matches(&exceptions::TYPE_ERROR) && callargs.ob_type().tp_iter.get().is_none() {
                vm.type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    function_name(vm, func),
                    callargs.ob_type().name()
                ))
            } else {
                e
            }
        })?,
    };
    let mut names = Vec::new();
    if let Some(kw) = kwargs {
        for (k, v) in dict::items(kw) {
            names.push(k);
            args.push(v);
        }
    }
    protocol::call(vm, func, &args, &names)
}

/// The type check of `except X:` (`CHECK_EXC_MATCH`).
pub fn check_except_type_valid(vm: &Vm, right: &PyObject) -> PyResult<()> {
    let ok = |o: &PyObject| exceptions::is_exception_class(o);
    let valid = match tuple::downcast_tuple(right) {
        Some(items) => items.iter().all(|x| ok(x)),
        None => ok(right),
    };
    if !valid {
        return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"));
    }
    Ok(())
}

/// `BEFORE_WITH`: `(bound __exit__, __enter__())`.
pub fn before_with(vm: &Vm, mgr: &PyObject) -> PyResult<(PyRef, PyRef)> {
    let Some(enter) = protocol::lookup_special(vm, mgr, "__enter__")? else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the context manager protocol",
            mgr.ob_type().name()
        )));
    };
    let Some(exit) = protocol::lookup_special(vm, mgr, "__exit__")? else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            mgr.ob_type().name()
        )));
    };
    let res = protocol::call(vm, &enter, &[], &[])?;
    Ok((exit, res))
}

/// `SETUP_ANNOTATIONS`: `__annotations__ = {}` in the locals when missing.
pub fn setup_annotations(vm: &Vm, f: &InterpreterFrame) -> PyResult<()> {
    let Some(locals) = &f.locals else {
        return Err(vm.system_error("no locals found when setting up annotations"));
    };
    let key = vm.intern("__annotations__");
    if mapping_get(vm, locals, &key)?.is_none() {
        protocol::setitem(vm, locals, &key, &dict::new_dict())?;
    }
    Ok(())
}

/// `LOAD_SUPER_ATTR`: `super().name` without making the super object when possible.
pub fn load_super_attr(
    vm: &Vm,
    global_super: &PyObject,
    class: &PyObject,
    self_: &PyObject,
    name: &PyObject,
    oparg: u32,
) -> PyResult<(PyRef, Option<PyRef>)> {
    // Fast path (CPython's `_PySuper_Lookup`): the builtin super with a class; no super
    // object is made.
    if global_super.is(crate::types::super_::SUPER_TYPE.as_object()) && crate::types::type_::downcast_type(class).is_some() {
        let tp = crate::types::type_::downcast_type(class).unwrap();
        let obj_type = crate::types::super_::super_check(vm, tp, self_)?;
        let found = crate::types::super_::super_lookup(vm, class, self_, &obj_type, name)?;
        match found {
            Some(v) => return Ok((v, None)),
            None => {
                let sup = protocol::call(vm, global_super, &[class.to_ref(), self_.to_ref()], &[])?;
                return Ok((protocol::getattr(vm, &sup, name)?, None));
            }
        }
    }
    let sup = if oparg & 2 != 0 {
        protocol::call(vm, global_super, &[class.to_ref(), self_.to_ref()], &[])?
    } else {
        protocol::call(vm, global_super, &[], &[])?
    };
    if oparg & 1 != 0 {
        let (m, s) = load_method(vm, &sup, name)?;
        return Ok((m, s));
    }
    Ok((protocol::getattr(vm, &sup, name)?, None))
}

/// `CALL_INTRINSIC_1`.
pub fn call_intrinsic_1(vm: &Vm, f: &InterpreterFrame, v: &PyObject, oparg: u32) -> PyResult<PyRef> {
    match oparg {
        1 => {
            // INTRINSIC_PRINT (interactive mode): sys.displayhook(v)
            let hook = protocol::getattr_str(vm, &vm.sys, "displayhook")?;
            protocol::call(vm, &hook, &[v.to_ref()], &[])
        }
        2 => {
            crate::import::import_star(vm, f, v)?;
            Ok(none::none())
        }
        3 => {
            // INTRINSIC_STOPITERATION_ERROR
            let cflags = f.code().code.flags;
            let is_agen = cflags & taipan_bytecode::code::flags::CO_ASYNC_GENERATOR != 0;
            let msg = if v.ob_type().is_subtype(&exceptions::STOP_ITERATION) {
                Some(if is_agen {
                    "async generator raised StopIteration"
                } else if cflags & taipan_bytecode::code::flags::CO_COROUTINE != 0 {
                    "coroutine raised StopIteration"
                } else {
                    "generator raised StopIteration"
                })
            } else if is_agen && v.ob_type().is_subtype(&exceptions::STOP_ASYNC_ITERATION) {
                Some("async generator raised StopAsyncIteration")
            } else {
                None
            };
            if let Some(msg) = msg {
                let e = vm.runtime_error(msg);
                *exceptions::as_exc(e.value()).cause.borrow_mut() = Some(v.to_ref());
                exceptions::as_exc(e.value()).suppress_context.set(true);
                *exceptions::as_exc(e.value()).context.borrow_mut() = Some(v.to_ref());
                // Pushed for the RERAISE that follows (no traceback entry of its own).
                return Ok(e.into_value());
            }
            Ok(v.to_ref())
        }
        4 => Ok(crate::types::asyncgen::wrap_value(v)),
        5 => protocol::positive(vm, v),
        6 => Ok(tuple::new_tuple(list::list_items(v))),
        _ => crate::types::typevar::intrinsic_1(vm, v, oparg),
    }
}

/// `CALL_INTRINSIC_2`.
pub fn call_intrinsic_2(vm: &Vm, a: &PyObject, b: &PyObject, oparg: u32) -> PyResult<PyRef> {
    match oparg {
        // INTRINSIC_PREP_RERAISE_STAR(orig, excs)
        1 => crate::types::exception_group::prep_reraise_star(vm, a, b),
        _ => crate::types::typevar::intrinsic_2(vm, a, b, oparg),
    }
}
