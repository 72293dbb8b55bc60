//! `super`: attribute lookup that starts after a given class in the MRO of an object's
//! type (CPython's `Objects/typeobject.c`, super part).
//!
//! A super object holds `thisclass` (where the search starts, exclusive), `obj` (the
//! instance or class the found descriptors bind to) and `obj_type` (whose MRO is
//! searched: `type(obj)`, or `obj` itself when it is a subclass of `thisclass`).
//! The zero-argument form reads the `__class__` cell and the first argument of the
//! innermost running Python frame. `LOAD_SUPER_ATTR` uses [`super_lookup`] directly, so
//! `super().f(...)` makes no super object.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{cell, none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PySuper {
    pub thisclass: RefCell<Option<PyRef>>,
    pub obj: RefCell<Option<PyRef>>,
    pub obj_type: RefCell<Option<PyRef>>,
}

impl PyPayload for PySuper {
    fn static_type() -> &'static PyTypeObject {
        &SUPER_TYPE
    }
}

pub static SUPER_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("super"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_doc: Some("super() -> same as super(__class__, <first argument>)\nsuper(type) -> unbound super object\nsuper(type, obj) -> bound super object; requires isinstance(obj, type)\nsuper(type, type2) -> bound super object; requires issubclass(type2, type)\nTypical use to call a cooperative superclass method:\nclass C(B):\n    def meth(self, arg):\n        super().meth(arg)\nThis works for class methods too:\nclass C(B):\n    @classmethod\n    def cmeth(cls, arg):\n        super().cmeth(arg)\n"),
        tp_dealloc: Cell::new(dealloc::<PySuper>),
        tp_repr: Cell::new(Some(super_repr)),
        tp_getattro: Cell::new(Some(super_getattro)),
        tp_descr_get: Cell::new(Some(super_descr_get)),
        tp_new: Cell::new(Some(super_new)),
        tp_init: Cell::new(Some(super_init)),
        tp_getset: SUPER_GETSET,
        ..PyTypeData::BASE
    },
));

static SUPER_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__thisclass__", get_thisclass, None),
    GetSetDef::new("__self__", get_self, None),
    GetSetDef::new("__self_class__", get_self_class, None),
];

fn sup(o: &PyObject) -> &PySuper {
    o.downcast::<PySuper>().expect("a super object")
}

fn get_thisclass(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(sup(o).thisclass.borrow().clone().unwrap_or_else(none::none))
}
fn get_self(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(sup(o).obj.borrow().clone().unwrap_or_else(none::none))
}
fn get_self_class(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(sup(o).obj_type.borrow().clone().unwrap_or_else(none::none))
}

fn super_new(vm: &Vm, cls: &PyObject, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    Ok(alloc_object(
        tp,
        PySuper { thisclass: RefCell::new(None), obj: RefCell::new(None), obj_type: RefCell::new(None) },
    ))
}

/// `supercheck`: the type whose MRO is searched for `super(tp, obj)`.
pub fn super_check(vm: &Vm, tp: &PyTypeObject, obj: &PyObject) -> PyResult<PyRef> {
    if let Some(t) = type_::downcast_type(obj) {
        if t.is_subtype(tp) {
            return Ok(obj.to_ref());
        }
    }
    if obj.ob_type().is_subtype(tp) {
        return Ok(obj.type_ref());
    }
    // A proxy may lie about its class.
    if let Some(c) = crate::protocol::getattr_opt(vm, obj, &vm.intern("__class__"))? {
        if let Some(ct) = type_::downcast_type(&c) {
            if !std::ptr::eq(ct, obj.ob_type()) && ct.is_subtype(tp) {
                return Ok(c.clone());
            }
        }
    }
    let what = if type_::downcast_type(obj).is_some() {
        format!("type {}", type_::type_qualname(type_::downcast_type(obj).unwrap()))
    } else {
        format!("instance of {}", type_::type_qualname(obj.ob_type()))
    };
    Err(vm.type_error(format!(
        "super(type, obj): obj ({what}) is not an instance or subtype of type ({}).",
        type_::type_qualname(tp)
    )))
}

/// The `(__class__, first argument)` of the running frame for `super()`.
fn zero_arg_super(vm: &Vm) -> PyResult<(PyRef, PyRef)> {
    let fp = vm.frames.current.get();
    if fp.is_null() {
        return Err(vm.runtime_error("super(): no current frame"));
    }
    // SAFETY: the current frame is live while its code calls super().
    let f = unsafe { &*fp };
    let co = &f.code().code;
    if co.argcount == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let locals = f.locals_slice();
    let mut first = locals.first().cloned().flatten();
    let is_cell_kind = co.localspluskinds.first().is_some_and(|k| k & taipan_bytecode::code::kinds::CO_FAST_CELL != 0);
    if is_cell_kind {
        let inner = first.as_ref().and_then(|v| v.downcast::<cell::PyCell>().map(|c| c.contents.borrow().clone()));
        if let Some(inner) = inner {
            first = inner;
        }
    }
    let Some(first) = first else {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    };
    let pos = co
        .localsplusnames
        .iter()
        .zip(&co.localspluskinds)
        .position(|(n, &k)| k & taipan_bytecode::code::kinds::CO_FAST_FREE != 0 && n.as_str() == Some("__class__"));
    let Some(i) = pos else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let c = locals.get(i).cloned().flatten();
    let class = c.and_then(|c| c.downcast::<cell::PyCell>().and_then(|c| c.contents.borrow().clone()));
    let Some(class) = class else {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    };
    if type_::downcast_type(&class).is_none() {
        return Err(vm.runtime_error(format!("super(): __class__ is not a type ({})", class.ob_type().name())));
    }
    Ok((class, first))
}

fn super_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, "super", kwnames)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("super() expected at most 2 arguments, got {}", args.len())));
    }
    let (tp, o) = match args.len() {
        0 => {
            let (c, f) = zero_arg_super(vm)?;
            (c, Some(f))
        }
        1 => (args[0].clone(), None),
        _ => (args[0].clone(), Some(args[1].clone()).filter(|o| !o.is(none::none_ref()))),
    };
    let Some(t) = type_::downcast_type(&tp) else {
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {}", tp.ob_type().name())));
    };
    let obj_type = match &o {
        Some(o) => Some(super_check(vm, t, o)?),
        None => None,
    };
    let s = sup(obj);
    let olds = (s.thisclass.replace(Some(tp.clone())), s.obj.replace(o), s.obj_type.replace(obj_type));
    drop(olds);
    Ok(())
}

/// Look `name` up in the MRO of `obj_type` after `thisclass`, binding a descriptor
/// to `obj` (or to nothing when `obj` is `obj_type` itself). `None` when not found.
pub fn super_lookup(
    vm: &Vm,
    thisclass: &PyObject,
    obj: &PyObject,
    obj_type: &PyObject,
    name: &PyObject,
) -> PyResult<Option<PyRef>> {
    let Some(start) = type_::downcast_type(obj_type) else { return Ok(None) };
    let Some(mro) = start.tp_mro.borrow().clone() else { return Ok(None) };
    let items = tuple::tuple_items(&mro);
    let Some(i) = items.iter().position(|t| t.is(thisclass)) else { return Ok(None) };
    for t in &items[i + 1..] {
        let Some(tt) = type_::downcast_type(t) else { continue };
        let d = tt.tp_dict.borrow().clone();
        let Some(d) = d else { continue };
        if let Some(res) = crate::types::dict::get_item_str_key(&d, name) {
            if let Some(get) = res.ob_type().tp_descr_get.get() {
                let inst = if obj.is(obj_type) { None } else { Some(obj) };
                return get(vm, &res, inst, obj_type).map(Some);
            }
            return Ok(Some(res));
        }
    }
    Ok(None)
}

fn super_getattro(vm: &Vm, o: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    let s = sup(o);
    let obj_type = s.obj_type.borrow().clone();
    let skip = obj_type.is_none() || pystr::downcast_str(name).is_some_and(|n| n.as_str() == Some("__class__"));
    if !skip {
        let thisclass = s.thisclass.borrow().clone().unwrap();
        let obj = s.obj.borrow().clone().unwrap();
        if let Some(v) = super_lookup(vm, &thisclass, &obj, obj_type.as_ref().unwrap(), name)? {
            return Ok(v);
        }
    }
    crate::types::object::generic_getattr(vm, o, name)
}

fn super_descr_get(vm: &Vm, d: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let s = sup(d);
    let Some(obj) = obj else { return Ok(d.to_ref()) };
    if s.obj.borrow().is_some() {
        return Ok(d.to_ref());
    }
    let thisclass = s.thisclass.borrow().clone().unwrap_or_else(none::none);
    crate::protocol::call(vm, &d.type_ref(), &[thisclass, obj.to_ref()], &[])
}

fn super_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let s = sup(o);
    let this = s.thisclass.borrow().clone();
    let this_name = this.as_ref().and_then(|t| type_::downcast_type(t)).map(|t| t.name()).unwrap_or_else(|| "NULL".into());
    let r = match &*s.obj_type.borrow() {
        Some(ot) => {
            let n = type_::downcast_type(ot).map(|t| t.name()).unwrap_or_default();
            format!("<super: <class '{this_name}'>, <{n} object>>")
        }
        None => format!("<super: <class '{this_name}'>, NULL>"),
    };
    Ok(pystr::new_str(&r))
}
