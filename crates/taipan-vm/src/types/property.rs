//! `property`: a data descriptor built from up to three callables (`fget`, `fset`,
//! `fdel`) and a doc string (CPython's `Objects/descrobject.c`, property part).
//!
//! The fields are `RefCell`s because `property.__init__` may run again on an existing
//! object and `__set_name__` records the attribute name after creation. `getter_doc`
//! remembers that `__doc__` was taken from the getter, so that `.getter(f)` takes the
//! new getter's doc instead of keeping the old one.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyProperty {
    pub fget: RefCell<Option<PyRef>>,
    pub fset: RefCell<Option<PyRef>>,
    pub fdel: RefCell<Option<PyRef>>,
    pub doc: RefCell<Option<PyRef>>,
    pub name: RefCell<Option<PyRef>>,
    pub getter_doc: Cell<bool>,
}

impl PyPayload for PyProperty {
    fn static_type() -> &'static PyTypeObject {
        &PROPERTY_TYPE
    }
}

pub static PROPERTY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("property"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_doc: Some("Property attribute.\n\n  fget\n    function to be used for getting an attribute value\n  fset\n    function to be used for setting an attribute value\n  fdel\n    function to be used for del'ing an attribute\n  doc\n    docstring\n\nTypical use is to define a managed attribute x:\n\nclass C(object):\n    def getx(self): return self._x\n    def setx(self, value): self._x = value\n    def delx(self): del self._x\n    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n\nDecorators make defining new properties or modifying existing ones easy:\n\nclass C(object):\n    @property\n    def x(self):\n        \"I am the 'x' property.\"\n        return self._x\n    @x.setter\n    def x(self, value):\n        self._x = value\n    @x.deleter\n    def x(self):\n        del self._x"),
        tp_dealloc: Cell::new(dealloc::<PyProperty>),
        tp_descr_get: Cell::new(Some(property_get)),
        tp_descr_set: Cell::new(Some(property_set)),
        tp_new: Cell::new(Some(property_new)),
        tp_init: Cell::new(Some(property_init)),
        tp_methods: PROPERTY_METHODS,
        tp_getset: PROPERTY_GETSET,
        ..PyTypeData::BASE
    },
));

static PROPERTY_METHODS: &[MethodDef] = &[
    MethodDef::method("getter", property_getter),
    MethodDef::method("setter", property_setter),
    MethodDef::method("deleter", property_deleter),
    MethodDef::method("__set_name__", property_set_name),
];

static PROPERTY_GETSET: &[GetSetDef] = &[
    GetSetDef::new("fget", get_fget, None),
    GetSetDef::new("fset", get_fset, None),
    GetSetDef::new("fdel", get_fdel, None),
    GetSetDef::new("__doc__", get_doc, Some(set_doc)),
    GetSetDef::new("__name__", get_name, Some(set_name)),
    GetSetDef::new("__isabstractmethod__", get_isabstract, None),
];

fn prop(o: &PyObject) -> &PyProperty {
    o.downcast::<PyProperty>().expect("a property")
}

fn opt(v: &PyRef) -> Option<PyRef> {
    if v.is(none::none_ref()) {
        None
    } else {
        Some(v.clone())
    }
}

fn property_new(_vm: &Vm, cls: &PyObject, _args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(_vm, cls)?;
    Ok(alloc_object(
        tp,
        PyProperty {
            fget: RefCell::new(None),
            fset: RefCell::new(None),
            fdel: RefCell::new(None),
            doc: RefCell::new(None),
            name: RefCell::new(None),
            getter_doc: Cell::new(false),
        },
    ))
}

/// `property.__init__(self, fget=None, fset=None, fdel=None, doc=None)`.
fn property_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    const NAMES: [&str; 4] = ["fget", "fset", "fdel", "doc"];
    let npos = args.len() - kwnames.len();
    if npos > 4 {
        return Err(vm.type_error(format!("property() takes at most 4 arguments ({} given)", args.len())));
    }
    let mut vals: [Option<PyRef>; 4] = [None, None, None, None];
    for (i, a) in args[..npos].iter().enumerate() {
        vals[i] = Some(a.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = pystr::to_string(k);
        let Some(i) = NAMES.iter().position(|n| *n == k) else {
            return Err(vm.type_error(format!("property() got an unexpected keyword argument '{k}'")));
        };
        if vals[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for property() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        vals[i] = Some(v.clone());
    }
    let [fget, fset, fdel, doc] = vals;
    let p = prop(obj);
    *p.fget.borrow_mut() = fget.as_ref().and_then(opt);
    *p.fset.borrow_mut() = fset.as_ref().and_then(opt);
    *p.fdel.borrow_mut() = fdel.as_ref().and_then(opt);
    let mut doc = doc.as_ref().and_then(opt);
    p.getter_doc.set(false);
    if doc.is_none() {
        let getter = p.fget.borrow().clone();
        if let Some(g) = getter {
            if let Some(d) = protocol::getattr_opt(vm, &g, &vm.intern("__doc__"))? {
                if !d.is(none::none_ref()) {
                    doc = Some(d);
                    p.getter_doc.set(true);
                }
            }
        }
    }
    // A subclass keeps the doc in its instance dict (its __doc__ is the class's).
    if !std::ptr::eq(obj.ob_type(), &*PROPERTY_TYPE) {
        if let Some(d) = crate::types::object::instance_dict(obj) {
            let v = doc.clone().unwrap_or_else(none::none);
            crate::types::dict::set_item(vm, &d, &vm.intern("__doc__"), &v)?;
        }
    }
    *p.doc.borrow_mut() = doc;
    Ok(())
}

/// `'x' of 'C'` / ` of 'C'` for the error messages.
fn describe(p: &PyProperty, obj: &PyObject) -> String {
    let qual = type_::type_qualname(obj.ob_type());
    match &*p.name.borrow() {
        Some(n) => format!("property '{}' of '{qual}' object", pystr::to_string(n)),
        None => format!("property of '{qual}' object"),
    }
}

fn property_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let Some(o) = obj else { return Ok(descr.to_ref()) };
    let p = prop(descr);
    let fget = p.fget.borrow().clone();
    match fget {
        Some(f) => protocol::call(vm, &f, &[o.to_ref()], &[]),
        None => Err(vm.attribute_error(format!("{} has no getter", describe(p, o)))),
    }
}

fn property_set(vm: &Vm, descr: &PyObject, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let p = prop(descr);
    let (func, what) = match value {
        Some(_) => (p.fset.borrow().clone(), "setter"),
        None => (p.fdel.borrow().clone(), "deleter"),
    };
    let Some(f) = func else {
        return Err(vm.attribute_error(format!("{} has no {what}", describe(p, obj))));
    };
    match value {
        Some(v) => protocol::call(vm, &f, &[obj.to_ref(), v.to_ref()], &[])?,
        None => protocol::call(vm, &f, &[obj.to_ref()], &[])?,
    };
    Ok(())
}

/// `getter`/`setter`/`deleter`: a copy made by calling `type(self)(fget, fset, fdel, doc)`.
fn property_copy(vm: &Vm, old: &PyObject, which: usize, f: &PyRef) -> PyResult<PyRef> {
    let p = prop(old);
    let get = |c: &RefCell<Option<PyRef>>| c.borrow().clone().unwrap_or_else(none::none);
    let mut parts = [get(&p.fget), get(&p.fset), get(&p.fdel)];
    parts[which] = f.clone();
    let doc = if p.getter_doc.get() && !parts[0].is(none::none_ref()) {
        none::none()
    } else {
        get(&p.doc)
    };
    let [a, b, c] = parts;
    let new = protocol::call(vm, &old.type_ref(), &[a, b, c, doc], &[])?;
    if let Some(np) = new.downcast::<PyProperty>() {
        let name = p.name.borrow().clone();
        *np.name.borrow_mut() = name;
    }
    Ok(new)
}

fn one(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, name, kw)?;
    crate::types::function::check_arity(vm, name, &args[1..], 1, 1)
}

fn property_getter(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    one(vm, "getter", args, kw)?;
    property_copy(vm, &args[0], 0, &args[1])
}
fn property_setter(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    one(vm, "setter", args, kw)?;
    property_copy(vm, &args[0], 1, &args[1])
}
fn property_deleter(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    one(vm, "deleter", args, kw)?;
    property_copy(vm, &args[0], 2, &args[1])
}

fn property_set_name(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__set_name__", kw)?;
    if args.len() != 3 {
        return Err(vm.type_error(format!("__set_name__() takes 2 positional arguments but {} were given", args.len() - 1)));
    }
    *prop(&args[0]).name.borrow_mut() = Some(args[2].clone());
    Ok(none::none())
}

fn get_fget(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(prop(o).fget.borrow().clone().unwrap_or_else(none::none))
}
fn get_fset(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(prop(o).fset.borrow().clone().unwrap_or_else(none::none))
}
fn get_fdel(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(prop(o).fdel.borrow().clone().unwrap_or_else(none::none))
}
fn get_doc(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(prop(o).doc.borrow().clone().unwrap_or_else(none::none))
}
fn set_doc(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let old = prop(o).doc.replace(v.map(|v| v.to_ref()).filter(|v| !v.is(none::none_ref())));
    drop(old);
    Ok(())
}
fn get_name(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = prop(o);
    if let Some(n) = p.name.borrow().clone() {
        return Ok(n);
    }
    let fget = p.fget.borrow().clone();
    if let Some(f) = fget {
        if let Some(n) = protocol::getattr_opt(vm, &f, &vm.intern("__name__"))? {
            return Ok(n);
        }
    }
    Err(vm.attribute_error(format!("'{}' object has no attribute '__name__'", o.ob_type().name())))
}
fn set_name(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let old = prop(o).name.replace(v.map(|v| v.to_ref()));
    drop(old);
    Ok(())
}

/// True when any of the three functions has a true `__isabstractmethod__`.
fn get_isabstract(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = prop(o);
    let funcs = [p.fget.borrow().clone(), p.fset.borrow().clone(), p.fdel.borrow().clone()];
    for f in funcs.into_iter().flatten() {
        if let Some(v) = protocol::getattr_opt(vm, &f, &vm.intern("__isabstractmethod__"))? {
            if protocol::is_true(vm, &v)? {
                return Ok(none::true_());
            }
        }
    }
    Ok(none::false_())
}
