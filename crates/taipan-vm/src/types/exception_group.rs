//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654) and the machinery of `except*`:
//! `CHECK_EG_MATCH` ([`exception_group_match`]) and the `PREP_RERAISE_STAR` intrinsic
//! ([`prep_reraise_star`]).
//!
//! A group's fields are `[message, exceptions]` (the tuple); `args` keeps what was passed.
//! `ExceptionGroup` is, as in CPython, a class created at start-up with the bases
//! `(BaseExceptionGroup, Exception)` ([`init_exception_group`]).
//!
//! Splitting is recursive over nested groups: a leaf (or a whole group) that matches goes
//! to the match side, the rest to the other; each side is rebuilt with `derive()` and gets
//! the original's `__traceback__`, `__cause__`, `__context__` and a copy of `__notes__`.

use std::cell::Cell;
use std::collections::HashSet;

use crate::error::PyResult;
use crate::eval::frame::InterpreterFrame;
use crate::object::{PyObject, PyRef, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::exceptions::{self as exc, as_exc, is_exception_instance};
use crate::types::function::MethodDef;
use crate::types::{list, none, str as pystr, tuple, type_};
use crate::vm::Vm;

static EXCEPTION_GROUP: Static<Cell<*const PyObject>> = Static(Cell::new(std::ptr::null()));

/// The `ExceptionGroup` class.
pub fn exception_group_type() -> &'static PyTypeObject {
    let p = EXCEPTION_GROUP.get();
    // SAFETY: set once at start-up to a class kept alive for the process (see init).
    type_::downcast_type(unsafe { &*p }).expect("ExceptionGroup is created at start-up")
}

/// Create `ExceptionGroup(BaseExceptionGroup, Exception)` (CPython makes it the same way,
/// with `PyErr_NewException`); returns it for the builtins module.
pub fn init_exception_group(vm: &Vm) -> PyRef {
    if !EXCEPTION_GROUP.get().is_null() {
        // SAFETY: as above.
        return unsafe { &*EXCEPTION_GROUP.get() }.to_ref();
    }
    let bases = tuple::new_tuple(vec![exc::BASE_EXCEPTION_GROUP.as_object().to_ref(), exc::EXCEPTION.as_object().to_ref()]);
    let ns = crate::types::dict::new_dict();
    crate::types::dict::set_item_str_key(vm, &ns, &vm.intern("__module__"), &vm.intern("builtins"));
    let name = vm.intern("ExceptionGroup");
    let cls = match protocol::call(vm, type_::TYPE_TYPE.as_object(), &[name, bases, ns], &[]) {
        Ok(c) => c,
        Err(e) => panic!("ExceptionGroup class: {}", crate::traceback::format_exception_only(vm, e.value())),
    };
    // The class lives as long as the process: this reference is never released.
    EXCEPTION_GROUP.set(cls.clone().into_raw().as_ptr());
    cls
}

pub static EG_METHODS: &[MethodDef] = &[
    MethodDef::method("derive", eg_derive),
    MethodDef::method("split", eg_split),
    MethodDef::method("subgroup", eg_subgroup),
];

pub static EG_GETSET: &[GetSetDef] = &[
    GetSetDef::new("message", eg_message, None),
    GetSetDef::new("exceptions", eg_exceptions, None),
];

fn field(o: &PyObject, i: usize) -> PyRef {
    as_exc(o).fields.borrow().get(i).cloned().flatten().unwrap_or_else(none::none)
}

fn eg_message(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(field(o, 0))
}

fn eg_exceptions(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(field(o, 1))
}

/// The leaves' container of a group (its `exceptions` tuple).
fn members(o: &PyObject) -> Vec<PyRef> {
    tuple::downcast_tuple(&field(o, 1)).map(|t| t.to_vec()).unwrap_or_default()
}

/// `PySequence_Check`: indexable and not a dict.
fn is_sequence(vm: &Vm, o: &PyObject) -> PyResult<bool> {
    if tuple::downcast_tuple(o).is_some() || list::downcast_list(o).is_some() {
        return Ok(true);
    }
    if o.ob_type().has_flag(crate::object::typeobj::flags::DICT_SUBCLASS) {
        return Ok(false);
    }
    Ok(o.ob_type().tp_as_sequence.sq_item.get().is_some() || protocol::lookup_special(vm, o, "__getitem__")?.is_some())
}

pub fn is_group(o: &PyObject) -> bool {
    o.ob_type().is_subtype(&exc::BASE_EXCEPTION_GROUP)
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
pub fn eg_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let mut tp = type_::as_type(vm, cls)?;
    if !kwnames.is_empty() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", tp.name())));
    }
    if args.len() != 2 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    let (message, excs) = (&args[0], &args[1]);
    if pystr::downcast_str(message).is_none() {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            message.ob_type().name()
        )));
    }
    if !is_sequence(vm, excs)? {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = protocol::iterate(vm, excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if !is_exception_instance(e) {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !e.ob_type().is_subtype(&exc::EXCEPTION) {
            nested_base = true;
        }
    }
    let eg_type = exception_group_type();
    if std::ptr::eq(tp, &*exc::BASE_EXCEPTION_GROUP) {
        if !nested_base {
            tp = eg_type;
        }
    } else if std::ptr::eq(tp, eg_type) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nested_base && tp.is_subtype(&exc::EXCEPTION) {
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{}'", tp.name())));
    }
    let e = exc::new_exception_object(tp, args.to_vec());
    *as_exc(&e).fields.borrow_mut() = vec![Some(message.clone()), Some(tuple::new_tuple(items))];
    Ok(e)
}

/// `BaseExceptionGroup.__init__`: `args` as given (no keywords).
pub fn eg_init(vm: &Vm, e: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    if !kwnames.is_empty() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", e.ob_type().name())));
    }
    let old = as_exc(e).args.replace(tuple::new_tuple(args.to_vec()));
    drop(old);
    Ok(())
}

/// `str(eg)`: "message (N sub-exceptions)".
pub fn eg_str(vm: &Vm, e: &PyObject) -> PyResult<PyRef> {
    let msg = protocol::str(vm, &field(e, 0))?;
    let n = members(e).len();
    let s = format!("{} ({n} sub-exception{})", pystr::to_string(&msg), if n == 1 { "" } else { "s" });
    Ok(pystr::new_str(&s))
}

fn eg_derive(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "derive", &args[1..], 1, 1)?;
    protocol::call(vm, exc::BASE_EXCEPTION_GROUP.as_object(), &[field(&args[0], 0), args[1].clone()], &[])
}

/// What `split`/`subgroup` match leaves with.
enum Matcher {
    Types(PyRef),
    Predicate(PyRef),
    /// Leaves whose identity is in the set (`except*` re-raise projection).
    Ids(HashSet<usize>),
}

fn matcher(vm: &Vm, cond: &PyObject) -> PyResult<Matcher> {
    let is_exc_type = |o: &PyObject| exc::is_exception_class(o);
    if is_exc_type(cond) {
        return Ok(Matcher::Types(cond.to_ref()));
    }
    if let Some(items) = tuple::downcast_tuple(cond) {
        if items.iter().all(|t| is_exc_type(t)) {
            return Ok(Matcher::Types(cond.to_ref()));
        }
    } else if type_::downcast_type(cond).is_none() && cond.ob_type().tp_call.get().is_some() {
        return Ok(Matcher::Predicate(cond.to_ref()));
    }
    Err(vm.type_error("expected an exception type, a tuple of exception types, or a callable (other than a class)"))
}

fn matches(vm: &Vm, m: &Matcher, e: &PyObject) -> PyResult<bool> {
    match m {
        Matcher::Types(t) => protocol::isinstance(vm, e, t),
        Matcher::Predicate(f) => {
            let r = protocol::call(vm, f, &[e.to_ref()], &[])?;
            protocol::is_true(vm, &r)
        }
        Matcher::Ids(ids) => Ok(ids.contains(&e.addr())),
    }
}

/// Rebuild a group from `excs` with `orig.derive()` and copy the metadata over.
fn derive_and_copy(vm: &Vm, orig: &PyObject, excs: Vec<PyRef>) -> PyResult<PyRef> {
    let eg = protocol::call_method(vm, orig, "derive", &[list::new_list(excs)])?;
    if !is_group(&eg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    let (src, dst) = (as_exc(orig), as_exc(&eg));
    dst.traceback.replace(src.traceback.borrow().clone());
    dst.cause.replace(src.cause.borrow().clone());
    dst.context.replace(src.context.borrow().clone());
    let key = vm.intern("__notes__");
    if let Some(notes) = protocol::getattr_opt(vm, orig, &key)? {
        if is_sequence(vm, &notes)? {
            let copy = list::new_list(protocol::iterate(vm, &notes)?);
            protocol::setattr(vm, &eg, &key, &copy)?;
        }
    }
    Ok(eg)
}

/// `exceptiongroup_split_recursive`: `(match, rest)`, each None when empty.
fn split_recursive(vm: &Vm, e: &PyObject, m: &Matcher, construct_rest: bool) -> PyResult<(Option<PyRef>, Option<PyRef>)> {
    if matches(vm, m, e)? {
        return Ok((Some(e.to_ref()), None));
    }
    if !is_group(e) {
        return Ok((None, if construct_rest { Some(e.to_ref()) } else { None }));
    }
    let mut match_list = Vec::new();
    let mut rest_list = Vec::new();
    for sub in members(e) {
        let (a, b) = split_recursive(vm, &sub, m, construct_rest)?;
        match_list.extend(a);
        rest_list.extend(b);
    }
    let mtch = if match_list.is_empty() { None } else { Some(derive_and_copy(vm, e, match_list)?) };
    let rest = if construct_rest && !rest_list.is_empty() { Some(derive_and_copy(vm, e, rest_list)?) } else { None };
    Ok((mtch, rest))
}

fn or_none(o: Option<PyRef>) -> PyRef {
    o.unwrap_or_else(none::none)
}

fn eg_split(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "split", &args[1..], 1, 1)?;
    let m = matcher(vm, &args[1])?;
    let (a, b) = split_recursive(vm, &args[0], &m, true)?;
    Ok(tuple::new_tuple(vec![or_none(a), or_none(b)]))
}

fn eg_subgroup(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "subgroup", &args[1..], 1, 1)?;
    let m = matcher(vm, &args[1])?;
    let (a, _) = split_recursive(vm, &args[0], &m, false)?;
    Ok(or_none(a))
}

/// `_PyEval_CheckExceptStarTypeValid`.
pub fn check_except_star_type_valid(vm: &Vm, right: &PyObject) -> PyResult<()> {
    crate::eval::ops::check_except_type_valid(vm, right)?;
    let is_eg = |o: &PyObject| type_::downcast_type(o).is_some_and(|t| t.is_subtype(&exc::BASE_EXCEPTION_GROUP));
    let bad = match tuple::downcast_tuple(right) {
        Some(items) => items.iter().any(|x| is_eg(x)),
        None => is_eg(right),
    };
    if bad {
        return Err(vm.type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// `CHECK_EG_MATCH` (`_PyEval_ExceptionGroupMatch`): `(rest, match)`.
pub fn exception_group_match(vm: &Vm, f: &mut InterpreterFrame, exc_value: &PyObject, match_type: &PyObject) -> PyResult<(PyRef, PyRef)> {
    if exc_value.is(none::none_ref()) {
        return Ok((none::none(), none::none()));
    }
    if protocol::isinstance(vm, exc_value, match_type)? {
        let wrapped = if is_group(exc_value) {
            exc_value.to_ref()
        } else {
            // A naked exception: wrap it, with a traceback of this frame only.
            let eg = protocol::call(
                vm,
                exc::BASE_EXCEPTION_GROUP.as_object(),
                &[pystr::new_str(""), tuple::new_tuple(vec![exc_value.to_ref()])],
                &[],
            )?;
            let frame_obj = crate::types::frame::frame_object(vm, f);
            let tb = crate::traceback::new_traceback(None, frame_obj, (f.instr * 2) as i32, crate::traceback::LINENO_LAZY);
            as_exc(&eg).traceback.replace(Some(tb));
            eg
        };
        return Ok((none::none(), wrapped));
    }
    if is_group(exc_value) {
        let pair = protocol::call_method(vm, exc_value, "split", &[match_type.to_ref()])?;
        let items = tuple::downcast_tuple(&pair).filter(|t| t.len() == 2).ok_or_else(|| {
            vm.type_error(format!("{}.split must return a 2-tuple, got {}", exc_value.ob_type().name(), pair.ob_type().name()))
        })?;
        return Ok((items[1].clone(), items[0].clone()));
    }
    Ok((exc_value.to_ref(), none::none()))
}

fn leaf_ids(e: &PyObject, out: &mut HashSet<usize>) {
    if is_group(e) {
        for sub in members(e) {
            leaf_ids(&sub, out);
        }
    } else {
        out.insert(e.addr());
    }
}

/// `is_same_exception_metadata`: a re-raise keeps the original's notes, traceback, cause
/// and context objects.
fn same_metadata(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    let key = vm.intern("__notes__");
    let na = protocol::getattr_opt(vm, a, &key)?;
    let nb = protocol::getattr_opt(vm, b, &key)?;
    let same = |x: &Option<PyRef>, y: &Option<PyRef>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => x.is(y),
        _ => false,
    };
    let (ea, eb) = (as_exc(a), as_exc(b));
    Ok(same(&na, &nb)
        && same(&ea.traceback.borrow(), &eb.traceback.borrow())
        && same(&ea.cause.borrow(), &eb.cause.borrow())
        && same(&ea.context.borrow(), &eb.context.borrow()))
}

/// `PREP_RERAISE_STAR` (`_PyExc_PrepReraiseStar`): what propagates after the `except*`
/// clauses ran, from the original exception and what each clause raised (None when it
/// raised nothing).
pub fn prep_reraise_star(vm: &Vm, orig: &PyObject, excs: &PyObject) -> PyResult<PyRef> {
    let excs = protocol::iterate(vm, excs)?;
    if excs.is_empty() {
        return Ok(none::none());
    }
    if !is_group(orig) {
        // A naked exception was wrapped: at most one clause ran.
        return Ok(excs[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in excs {
        if e.is(none::none_ref()) {
            continue;
        }
        if same_metadata(vm, &e, orig)? {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    // The re-raised leaves, as a projection of the original group.
    let reraised_eg = if reraised.is_empty() {
        None
    } else {
        let mut ids = HashSet::new();
        for e in &reraised {
            leaf_ids(e, &mut ids);
        }
        split_recursive(vm, orig, &Matcher::Ids(ids), false)?.0
    };
    if raised.is_empty() {
        return Ok(or_none(reraised_eg));
    }
    if let Some(r) = reraised_eg {
        raised.push(r);
    }
    if raised.len() > 1 {
        protocol::call(vm, exc::BASE_EXCEPTION_GROUP.as_object(), &[pystr::new_str(""), list::new_list(raised)], &[])
    } else {
        Ok(raised.pop().unwrap())
    }
}
