//! The `builtins` module: the built-in types and functions (CPython's `bltinmodule.c`).
//! This file holds the module's assembly and the core functions; groups of functions
//! live beside it.

pub(crate) mod async_iter;
pub mod iter;
mod numeric;
pub mod strings;
pub(crate) mod system;

use crate::error::PyResult;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::protocol;
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{self, dict, exceptions, int, none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub mod compile;
pub mod input;
pub mod namespace;
pub mod site;

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("__build_class__", builtin_build_class),
    MethodDef::function("abs", builtin_abs)
        .with_doc("abs($module, x, /)\n--\n\nReturn the absolute value of the argument."),
    MethodDef::function("callable", builtin_callable),
    MethodDef::function("getattr", builtin_getattr),
    MethodDef::function("globals", builtin_globals),
    MethodDef::function("hasattr", builtin_hasattr),
    MethodDef::function("hash", builtin_hash),
    MethodDef::function("id", builtin_id),
    MethodDef::function("isinstance", builtin_isinstance),
    MethodDef::function("issubclass", builtin_issubclass),
    MethodDef::function("len", builtin_len)
        .with_doc("len($module, obj, /)\n--\n\nReturn the number of items in a container."),
    MethodDef::function("next", builtin_next),
    MethodDef::function("print", builtin_print),
    MethodDef::function("repr", builtin_repr),
    MethodDef::function("setattr", builtin_setattr),
    MethodDef::function("delattr", builtin_delattr),
];

fn set(vm: &Vm, name: &str, v: &PyObject) {
    dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern(name), v);
}

/// Fill the `builtins` module.
pub fn init(vm: &Vm) {
    let types: &[(&str, &PyTypeObject)] = &[
        ("object", &types::object::OBJECT_TYPE),
        ("type", &type_::TYPE_TYPE),
        ("int", &int::INT_TYPE),
        ("bool", &int::BOOL_TYPE),
        ("float", &types::float::FLOAT_TYPE),
        ("complex", &types::complex::COMPLEX_TYPE),
        ("str", &pystr::STR_TYPE),
        ("tuple", &tuple::TUPLE_TYPE),
        ("list", &types::list::LIST_TYPE),
        ("dict", &dict::DICT_TYPE),
        ("slice", &types::slice::SLICE_TYPE),
        ("staticmethod", &types::descr::STATICMETHOD_TYPE),
        ("classmethod", &types::descr::CLASSMETHOD_TYPE),
        ("property", &types::property::PROPERTY_TYPE),
        ("super", &types::super_::SUPER_TYPE),
        ("range", &types::range::RANGE_TYPE),
        ("set", &types::set::SET_TYPE),
        ("frozenset", &types::set::FROZENSET_TYPE),
        ("enumerate", &types::iterators::ENUMERATE_TYPE),
        ("zip", &types::iterators::ZIP_TYPE),
        ("map", &types::iterators::MAP_TYPE),
        ("filter", &types::iterators::FILTER_TYPE),
        ("reversed", &types::iterators::REVERSED_TYPE),
    ];
    for (name, tp) in types {
        set(vm, name, tp.as_object());
    }
    for (name, tp) in exceptions::exception_builtins() {
        set(vm, name, tp.as_object());
    }
    site::init(vm);
    let eg = crate::types::exception_group::init_exception_group(vm);
    set(vm, "ExceptionGroup", &eg);
    set(vm, "EnvironmentError", exceptions::OS_ERROR.as_object());
    set(vm, "IOError", exceptions::OS_ERROR.as_object());
    set(vm, "None", none::none_ref());
    set(vm, "Ellipsis", &none::ellipsis());
    set(vm, "NotImplemented", none::not_implemented_ref());
    set(vm, "True", &none::true_());
    set(vm, "False", &none::false_());
    set(vm, "__debug__", &none::bool_(vm.config.optimize == 0));
    for group in [FUNCTIONS, compile::FUNCTIONS, input::FUNCTIONS, namespace::FUNCTIONS, numeric::FUNCTIONS, async_iter::FUNCTIONS, iter::FUNCTIONS, system::FUNCTIONS] {
        for def in group {
            let f = new_builtin_function(def, Some(vm.builtins.clone()));
            set(vm, def.name, &f);
        }
    }
    strings::init(vm);
    dict::set_item_str_key(vm, &vm.modules, &vm.intern("builtins"), &vm.builtins);
}

/// Split vectorcall arguments into positional ones and `(name, value)` keywords.
pub fn split_kwargs<'a>(args: &'a [PyRef], kwnames: &'a [PyRef]) -> (&'a [PyRef], Vec<(String, &'a PyRef)>) {
    let npos = args.len() - kwnames.len();
    let kws = kwnames.iter().zip(&args[npos..]).map(|(k, v)| (pystr::to_string(k), v)).collect();
    (&args[..npos], kws)
}

/// `format(value, spec)` (FORMAT_SIMPLE / FORMAT_WITH_SPEC).
pub fn format_value(vm: &Vm, v: &PyObject, spec: Option<&PyObject>) -> PyResult<PyRef> {
    let spec = spec.map(|s| s.to_ref()).unwrap_or_else(|| pystr::new_str(""));
    if pystr::downcast_str(&spec).is_some_and(|s| s.is_empty()) {
        if std::ptr::eq(v.ob_type(), &*pystr::STR_TYPE) {
            return Ok(v.to_ref());
        }
        if std::ptr::eq(v.ob_type(), &*int::INT_TYPE) {
            return protocol::str(vm, v);
        }
    }
    // The exact built-in types: their __format__ directly (no lookup, no bound method).
    let tp = v.ob_type();
    let direct: Option<fn(&Vm, &[PyRef], &[PyRef]) -> PyResult<PyRef>> = if std::ptr::eq(tp, &*int::INT_TYPE) {
        Some(crate::types::int_methods::int_format)
    } else if std::ptr::eq(tp, &*crate::types::float::FLOAT_TYPE) {
        Some(crate::types::float::float_format)
    } else if std::ptr::eq(tp, &*pystr::STR_TYPE) {
        Some(crate::types::str_format::str_dunder_format)
    } else {
        None
    };
    if let Some(f) = direct {
        return f(vm, &[v.to_ref(), spec], &[]);
    }
    let r = protocol::call_special(vm, v, "__format__", &[spec])?;
    if pystr::downcast_str(&r).is_none() {
        return Err(vm.type_error(format!("__format__ must return a str, not {}", r.ob_type().name())));
    }
    Ok(r)
}

/// `ascii(obj)`: the repr with non-ASCII characters escaped.
pub fn ascii(vm: &Vm, v: &PyObject) -> PyResult<PyRef> {
    let r = protocol::repr(vm, v)?;
    let s = pystr::str_data(&r);
    if s.is_ascii() {
        return Ok(r);
    }
    let mut out = String::new();
    for c in s.iter() {
        match c {
            0..=0x7f => out.push(char::from_u32(c).unwrap()),
            0x80..=0xff => out.push_str(&format!("\\x{c:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    Ok(pystr::new_str(&out))
}

fn builtin_build_class(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    if func.downcast::<types::function::PyFunction>().is_none() {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    let name = &pos[1];
    if pystr::downcast_str(name).is_none() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases = tuple::new_tuple(pos[2..].to_vec());
    let bases = types::class::update_bases(vm, &orig_bases)?;
    let mut meta: Option<PyRef> = None;
    let mut other_names = Vec::new();
    let mut other_values = Vec::new();
    for (k, v) in kws {
        if k == "metaclass" {
            meta = Some(v.clone());
        } else {
            other_names.push(vm.intern(&k));
            other_values.push(v.clone());
        }
    }
    let bases_items = tuple::tuple_items(&bases).to_vec();
    let meta = match meta {
        Some(m) => {
            if type_::downcast_type(&m).is_some() {
                types::class::calculate_metaclass(vm, &m, &bases_items)?
            } else {
                m
            }
        }
        None => match bases_items.first() {
            Some(b) => types::class::calculate_metaclass(vm, &b.type_ref(), &bases_items)?,
            None => type_::TYPE_TYPE.to_ref(),
        },
    };
    let ns = match protocol::getattr_opt(vm, &meta, &vm.intern("__prepare__"))? {
        Some(prep) => {
            let mut a = vec![name.clone(), bases.clone()];
            a.extend(other_values.iter().cloned());
            protocol::call(vm, &prep, &a, &other_names)?
        }
        None => dict::new_dict(),
    };
    if protocol::getattr_opt(vm, &ns, &vm.intern("__getitem__"))?.is_none() {
        return Err(vm.type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            type_::downcast_type(&meta).map(|t| t.name()).unwrap_or_else(|| "<metaclass>".into()),
            ns.ob_type().name()
        )));
    }
    let cell = crate::eval::run_class_body(vm, func, ns.clone())?;
    if !bases.is(&orig_bases) {
        protocol::setitem(vm, &ns, &vm.intern("__orig_bases__"), &orig_bases)?;
    }
    let mut a = vec![name.clone(), bases.clone(), ns];
    a.extend(other_values);
    let cls = protocol::call(vm, &meta, &a, &other_names)?;
    if let Some(c) = cell.downcast::<types::cell::PyCell>() {
        let inner = c.contents.borrow().clone();
        if inner.as_ref().map(|x| !x.is(&cls)).unwrap_or(true) {
            if inner.is_none() {
                return Err(vm.runtime_error(format!(
                    "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                    protocol::repr_string(vm, name)?,
                    protocol::repr_string(vm, &cls)?
                )));
            }
            return Err(vm.type_error(format!(
                "__class__ set to {} defining {} as {}",
                protocol::repr_string(vm, inner.as_ref().unwrap())?,
                protocol::repr_string(vm, name)?,
                protocol::repr_string(vm, &cls)?
            )));
        }
    }
    Ok(cls)
}

fn builtin_abs(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "abs", kw)?;
    check_arity(vm, "abs", args, 1, 1)?;
    protocol::absolute(vm, &args[0])
}

fn builtin_callable(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "callable", args, 1, 1)?;
    Ok(none::bool_(args[0].ob_type().tp_call.get().is_some()))
}

fn attr_name<'a>(vm: &Vm, name: &'a PyRef, _fname: &str) -> PyResult<&'a PyRef> {
    if pystr::downcast_str(name).is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", name.ob_type().name())));
    }
    Ok(name)
}

fn builtin_getattr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(format!("getattr expected at least 2 arguments, got {}", args.len())));
    }
    let name = attr_name(vm, &args[1], "getattr")?;
    if args.len() == 3 {
        return Ok(protocol::getattr_opt(vm, &args[0], name)?.unwrap_or_else(|| args[2].clone()));
    }
    protocol::getattr(vm, &args[0], name)
}

fn builtin_hasattr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, &args[1], "hasattr")?;
    Ok(none::bool_(protocol::getattr_opt(vm, &args[0], name)?.is_some()))
}

fn builtin_setattr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, &args[1], "setattr")?;
    protocol::setattr(vm, &args[0], name, &args[2])?;
    Ok(none::none())
}

fn builtin_delattr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, &args[1], "delattr")?;
    protocol::delattr(vm, &args[0], name)?;
    Ok(none::none())
}

fn builtin_globals(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(vm.frames.current_globals().unwrap_or_else(dict::new_dict))
}

fn builtin_hash(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "hash", args, 1, 1)?;
    Ok(int::new_int(protocol::hash(vm, &args[0])?))
}

fn builtin_id(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "id", args, 1, 1)?;
    Ok(int::new_bigint(dashu_int::IBig::from(args[0].addr())))
}

fn builtin_isinstance(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "isinstance", args, 2, 2)?;
    Ok(none::bool_(protocol::isinstance(vm, &args[0], &args[1])?))
}

fn builtin_issubclass(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "issubclass", args, 2, 2)?;
    Ok(none::bool_(protocol::issubclass(vm, &args[0], &args[1])?))
}

fn builtin_len(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "len", args, 1, 1)?;
    Ok(int::new_int(protocol::len(vm, &args[0])? as i64))
}

fn builtin_next(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "next", args, 1, 2)?;
    if args[0].ob_type().tp_iternext.get().is_none() {
        return Err(vm.type_error(format!("'{}' object is not an iterator", args[0].ob_type().name())));
    }
    // A generator's return value travels in its StopIteration (`gen_iternext`).
    let r = if args.len() == 1 && crate::types::gen::as_gen(&args[0]).is_some() {
        crate::types::gen::gen_next_value(vm, &args[0])?
    } else {
        protocol::next(vm, &args[0])?
    };
    match r {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(None)),
        },
    }
}

fn builtin_print(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut sep = None;
    let mut end = None;
    let mut file = None;
    let mut flush = false;
    for (k, v) in kws {
        let v_none = v.is(none::none_ref());
        match k.as_str() {
            "sep" if !v_none => {
                if pystr::downcast_str(v).is_none() {
                    return Err(vm.type_error(format!("sep must be None or a string, not {}", v.ob_type().name())));
                }
                sep = Some(v.clone());
            }
            "end" if !v_none => {
                if pystr::downcast_str(v).is_none() {
                    return Err(vm.type_error(format!("end must be None or a string, not {}", v.ob_type().name())));
                }
                end = Some(v.clone());
            }
            "file" if !v_none => file = Some(v.clone()),
            "flush" => flush = protocol::is_true(vm, v)?,
            "sep" | "end" | "file" => {}
            _ => return Err(vm.type_error(format!("print() got an unexpected keyword argument '{k}'"))),
        }
    }
    let file = match file {
        Some(f) => f,
        None => protocol::getattr_str(vm, &vm.sys, "stdout")?,
    };
    if file.is(none::none_ref()) {
        return Ok(none::none());
    }
    let sep = sep.unwrap_or_else(|| pystr::new_str(" "));
    let end = end.unwrap_or_else(|| pystr::new_str("\n"));
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            crate::sysmodule::write_to(vm, &file, &sep)?;
        }
        let s = protocol::str(vm, a)?;
        crate::sysmodule::write_to(vm, &file, &s)?;
    }
    crate::sysmodule::write_to(vm, &file, &end)?;
    if flush {
        protocol::call_method(vm, &file, "flush", &[])?;
    }
    Ok(none::none())
}

fn builtin_repr(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "repr", args, 1, 1)?;
    protocol::repr(vm, &args[0])
}
