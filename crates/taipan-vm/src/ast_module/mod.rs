//! The `_ast` module: the node classes of `ast` and the conversion of a parsed tree to
//! them (`compile(source, filename, mode, PyCF_ONLY_AST)`).
//!
//! **Representation.** `ast.AST` is a static type (its `__init__` fills `_fields` from
//! positional and keyword arguments, and gives a missing optional field `None`, a
//! missing list field `[]` and a missing `ctx` `Load()`, as 3.13 does). Every other
//! node class is an ordinary class created when the module is first imported, from the table in [`classes`] (generated
//! from the reference's `_ast`); the module stays in `sys.modules`, so every tree of the
//! interpreter is built from the same classes.
//!
//! A parsed tree reaches Python through [`taipan_parser::ast::Tree`], the generic form
//! of a node (class name, fields in order, location) that the parser's dump walk builds.
//! Not yet: compiling an `ast.AST` back to code (the reverse conversion).

mod classes;

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name};
use crate::object::{PyInner, PyObject, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::{dict, int, list, module, none, str as pystr, tuple, type_};
use crate::vm::Vm;
use taipan_parser::ast::{Constant, Tree};

/// How `ast.AST.__init__` fills a field that was not given.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// `[]`.
    List,
    /// `None`.
    Optional,
    /// `Load()` (an `expr_context` field).
    Load,
    /// Left unset.
    Required,
}

/// One node class: name, base class name, `_fields`, own `_attributes`.
pub struct AstClass {
    pub name: &'static str,
    pub base: &'static str,
    pub fields: &'static [(&'static str, FieldKind)],
    pub attributes: &'static [&'static str],
}

pub static AST_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("ast.AST"),
        tp_flags: Cell::new(flags::BASETYPE),
        tp_dealloc: Cell::new(dealloc::<crate::types::object::PyBaseObject>),
        tp_new: Cell::new(Some(crate::types::object::object_new)),
        tp_init: Cell::new(Some(ast_init)),
        ..PyTypeData::BASE
    },
));

/// `_fields`, `_attributes` and `__match_args__` of `ast.AST` (after `type_ready`).
pub fn ready_ast_type(vm: &Vm) {
    let d = AST_TYPE.tp_dict.borrow().clone();
    if let Some(d) = d {
        for k in ["_fields", "_attributes", "__match_args__"] {
            dict::set_item_str_key(vm, &d, &vm.intern(k), &tuple::empty_tuple());
        }
        type_::type_modified(&AST_TYPE);
    }
}

fn class_entry(tp: &PyTypeObject) -> Option<&'static AstClass> {
    let name = tp.name();
    classes::CLASSES.iter().find(|c| c.name == name)
}

/// `ast.AST.__init__(*args, **kwargs)`: positional arguments fill `_fields` in order,
/// keywords set attributes; then the missing optional, list and context fields get their
/// default (`None`, `[]`, `Load()`).
fn ast_init(vm: &Vm, o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let tp = o.ob_type();
    let fields = match protocol::getattr_opt(vm, tp.as_object(), &vm.intern("_fields"))? {
        Some(f) => protocol::iterate(vm, &f)?,
        None => vec![],
    };
    let npos = args.len() - kwnames.len();
    if npos > fields.len() {
        return Err(vm.type_error(format!(
            "{} constructor takes at most {} positional argument{}",
            tp.name(),
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        )));
    }
    let mut given: Vec<String> = Vec::new();
    for (f, v) in fields.iter().zip(&args[..npos]) {
        protocol::setattr(vm, o, f, v)?;
        given.push(pystr::to_string(f));
    }
    let field_names: Vec<String> = fields.iter().map(|f| pystr::to_string(f)).collect();
    let attributes: Vec<String> = match protocol::getattr_opt(vm, tp.as_object(), &vm.intern("_attributes"))? {
        Some(a) => protocol::iterate(vm, &a)?.iter().map(|x| pystr::to_string(x)).collect(),
        None => vec![],
    };
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let ks = pystr::to_string(k);
        if given.contains(&ks) {
            return Err(vm.type_error(format!("{} got multiple values for argument '{ks}'", tp.name())));
        }
        if !field_names.contains(&ks) && !attributes.contains(&ks) {
            let msg = format!(
                "{}.__init__ got an unexpected keyword argument '{ks}'. Support for arbitrary keyword arguments is deprecated and will be removed in Python 3.15.",
                tp.name()
            );
            crate::warnings::warn(vm, &crate::types::exceptions::DEPRECATION_WARNING, &msg)?;
        }
        protocol::setattr(vm, o, k, v)?;
        given.push(ks);
    }
    // The defaults of the classes of the table (a subclass shares its base's fields).
    // The fields not given, visited as 3.13 does: in the order of a set of their names
    // (which orders the warnings about missing required fields).
    let mut t: Option<&PyTypeObject> = Some(tp);
    while let Some(x) = t {
        if let Some(entry) = class_entry(x) {
            let remaining = crate::types::set::new_set();
            for (name, _) in entry.fields {
                if !given.iter().any(|g| g == name) {
                    crate::types::set::add(vm, &remaining, &vm.intern(name))?;
                }
            }
            for n in protocol::iterate(vm, &remaining)? {
                let name = pystr::to_string(&n);
                let Some((_, kind)) = entry.fields.iter().find(|(f, _)| *f == name) else { continue };
                let v = match kind {
                    FieldKind::List => list::new_list(vec![]),
                    FieldKind::Optional => none::none(),
                    FieldKind::Load => {
                        let m = crate::import::import_module(vm, &vm.intern("_ast"))?;
                        let load = protocol::getattr_str(vm, &m, "Load")?;
                        protocol::call(vm, &load, &[], &[])?
                    }
                    FieldKind::Required => {
                        let msg = format!(
                            "{}.__init__ missing 1 required positional argument: '{name}'. This will become an error in Python 3.15.",
                            tp.name()
                        );
                        crate::warnings::warn(vm, &crate::types::exceptions::DEPRECATION_WARNING, &msg)?;
                        continue;
                    }
                };
                protocol::setattr(vm, o, &n, &v)?;
            }
            break;
        }
        t = x.base();
    }
    Ok(())
}

/// Create the `_ast` module (on first import).
pub fn init_module(vm: &Vm) -> PyRef {
    let m = module::new_module_named("_ast");
    let d = module::module_dict(&m);
    dict::set_item_str_key(vm, &d, &vm.intern("AST"), AST_TYPE.as_object());
    for (name, value) in [
        ("PyCF_ONLY_AST", 0x400),
        ("PyCF_TYPE_COMMENTS", 0x1000),
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", 0x2000),
        ("PyCF_OPTIMIZED_AST", 0x8400),
    ] {
        dict::set_item_str_key(vm, &d, &vm.intern(name), &int::new_int(value));
    }
    for c in classes::CLASSES {
        if let Err(e) = make_class(vm, &d, c) {
            // Class creation from fixed names and tuples cannot fail short of memory.
            crate::traceback::write_unraisable(vm, &e, None);
        }
    }
    m
}

fn make_class(vm: &Vm, d: &PyObject, c: &AstClass) -> PyResult<()> {
    let base = dict::get_item_str_key(d, &vm.intern(c.base)).ok_or_else(|| vm.system_error("_ast: base class missing"))?;
    let ns = dict::new_dict();
    let fields = tuple::new_tuple(c.fields.iter().map(|(f, _)| vm.intern(f)).collect());
    dict::set_item_str_key(vm, &ns, &vm.intern("_fields"), &fields);
    dict::set_item_str_key(vm, &ns, &vm.intern("__match_args__"), &fields);
    if !c.attributes.is_empty() {
        let attrs = tuple::new_tuple(c.attributes.iter().map(|a| vm.intern(a)).collect());
        dict::set_item_str_key(vm, &ns, &vm.intern("_attributes"), &attrs);
        // The optional location attributes read as None when unset.
        for a in ["end_lineno", "end_col_offset"] {
            if c.attributes.contains(&a) {
                dict::set_item_str_key(vm, &ns, &vm.intern(a), &none::none());
            }
        }
    }
    dict::set_item_str_key(vm, &ns, &vm.intern("__module__"), &vm.intern("ast"));
    let bases = tuple::new_tuple(vec![base]);
    let cls = protocol::call(vm, type_::TYPE_TYPE.as_object(), &[vm.intern(c.name), bases, ns], &[])?;
    dict::set_item_str_key(vm, d, &vm.intern(c.name), &cls);
    Ok(())
}

/// The `ast` objects of a parsed tree, with the classes of the `_ast` module.
pub fn tree_to_object(vm: &Vm, tree: &Tree) -> PyResult<PyRef> {
    let m = crate::import::import_module(vm, &vm.intern("_ast"))?;
    let d = module::module_dict(&m);
    convert(vm, &d, tree)
}

fn convert(vm: &Vm, d: &PyObject, t: &Tree) -> PyResult<PyRef> {
    Ok(match t {
        Tree::None => none::none(),
        Tree::Str(s) => pystr::new_str(s),
        Tree::Int(i) => int::new_int(*i),
        Tree::Constant(c) => constant(c),
        Tree::List(items) => {
            let mut v = Vec::with_capacity(items.len());
            for x in items {
                v.push(convert(vm, d, x)?);
            }
            list::new_list(v)
        }
        Tree::Node { name, fields, range } => {
            let cls = dict::get_item_str_key(d, &vm.intern(name))
                .ok_or_else(|| vm.system_error(format!("_ast has no class {name}")))?;
            let obj = crate::types::object::object_new(vm, &cls, &[], &[])?;
            for (f, v) in fields {
                let v = convert(vm, d, v)?;
                protocol::setattr(vm, &obj, &vm.intern(f), &v)?;
            }
            if let Some(r) = range {
                for (k, v) in [
                    ("lineno", r.lineno),
                    ("col_offset", r.col_offset),
                    ("end_lineno", r.end_lineno),
                    ("end_col_offset", r.end_col_offset),
                ] {
                    protocol::setattr(vm, &obj, &vm.intern(k), &int::new_int(v as i64))?;
                }
            }
            obj
        }
    })
}

fn constant(c: &Constant) -> PyRef {
    match c {
        Constant::None => none::none(),
        Constant::Bool(b) => none::bool_(*b),
        Constant::Ellipsis => none::ellipsis(),
        Constant::Int(i) => int::new_bigint(dashu_int::IBig::from(i.clone())),
        Constant::Float(f) => crate::types::float::new_float(*f),
        Constant::Complex { real, imag } => crate::types::complex_new(*real, *imag),
        Constant::Str(s) => pystr::from_data(crate::unicode::PyStrData::from_wtf8(s)),
        Constant::Bytes(b) => crate::types::bytes_new(b),
    }
}
