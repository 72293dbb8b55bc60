//! The exception hierarchy of 3.13 (`Objects/exceptions.c`): one payload,
//! [`PyBaseException`], shared by every built-in exception type; subclass-specific
//! attributes (StopIteration.value, OSError.errno, …) live in `fields`, indexed by the
//! getsets of the type that defines them.

use std::cell::{Cell, RefCell};

use crate::error::{PyErr, PyResult};
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::function::MethodDef;
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyBaseException {
    pub args: RefCell<PyRef>,
    pub traceback: RefCell<Option<PyRef>>,
    pub cause: RefCell<Option<PyRef>>,
    pub context: RefCell<Option<PyRef>>,
    pub suppress_context: Cell<bool>,
    pub dict: RefCell<Option<PyRef>>,
    /// Subclass attributes (`value`, `code`, `errno`, `name`, …), see each type's getsets.
    pub fields: RefCell<Vec<Option<PyRef>>>,
}

impl PyPayload for PyBaseException {
    fn static_type() -> &'static PyTypeObject {
        &BASE_EXCEPTION
    }
}

fn exc_dict(o: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: only called for exception instances.
    unsafe { &o.payload_unchecked::<PyBaseException>().dict }
}

pub static BASE_EXCEPTION: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("BaseException"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::BASE_EXC_SUBCLASS),
        tp_doc: Some("Common base class for all exceptions"),
        tp_dealloc: Cell::new(dealloc::<PyBaseException>),
        tp_repr: Cell::new(Some(exc_repr)),
        tp_str: Cell::new(Some(exc_str)),
        tp_new: Cell::new(Some(exc_new)),
        tp_init: Cell::new(Some(exc_init)),
        tp_dict_of: Cell::new(Some(exc_dict)),
        tp_methods: EXC_METHODS,
        tp_getset: EXC_GETSET,
        ..PyTypeData::BASE
    },
));

static EXC_METHODS: &[MethodDef] = &[
    MethodDef::method("with_traceback", exc_with_traceback),
    MethodDef::method("add_note", exc_add_note),
];

static EXC_GETSET: &[GetSetDef] = &[
    GetSetDef::new("args", exc_get_args, Some(exc_set_args)),
    GetSetDef::new("__traceback__", exc_get_tb, Some(exc_set_tb)),
    GetSetDef::new("__cause__", exc_get_cause, Some(exc_set_cause)),
    GetSetDef::new("__context__", exc_get_context, Some(exc_set_context)),
    GetSetDef::new("__suppress_context__", exc_get_suppress, Some(exc_set_suppress)),
    GetSetDef::new("__dict__", exc_get_dict, None),
];

macro_rules! exception_types {
    ($( $static:ident = $name:literal : $base:ident, $doc:literal $({ $($field:ident : $value:expr),* $(,)? })?; )*) => {
        $(
            pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
                &type_::TYPE_TYPE.0,
                PyTypeData {
                    tp_name: crate::object::typeobj::static_name($name),
                    tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE | flags::BASE_EXC_SUBCLASS),
                    tp_doc: Some($doc),
                    tp_base: Cell::new(&$base.0 as *const PyTypeObject),
                    tp_dealloc: Cell::new(dealloc::<PyBaseException>),
                    $($($field: $value,)*)?
                    ..PyTypeData::BASE
                },
            ));
        )*
        /// Every built-in exception type, bases first.
        pub fn all_exception_types() -> Vec<&'static PyTypeObject> {
            vec![&BASE_EXCEPTION, $( &$static ),*]
        }
        /// `(name, type)` for the builtins module.
        pub fn exception_builtins() -> Vec<(&'static str, &'static PyTypeObject)> {
            vec![("BaseException", &BASE_EXCEPTION), $( ($name, &$static) ),*]
        }
    };
}

exception_types! {
    BASE_EXCEPTION_GROUP = "BaseExceptionGroup": BASE_EXCEPTION, "A combination of multiple unrelated exceptions." { tp_new: Cell::new(Some(crate::types::exception_group::eg_new)), tp_init: Cell::new(Some(crate::types::exception_group::eg_init)), tp_str: Cell::new(Some(crate::types::exception_group::eg_str)), tp_methods: crate::types::exception_group::EG_METHODS, tp_getset: crate::types::exception_group::EG_GETSET };
    GENERATOR_EXIT = "GeneratorExit": BASE_EXCEPTION, "Request that a generator exit.";
    KEYBOARD_INTERRUPT = "KeyboardInterrupt": BASE_EXCEPTION, "Program interrupted by user.";
    SYSTEM_EXIT = "SystemExit": BASE_EXCEPTION, "Request to exit from the interpreter." { tp_getset: crate::types::exception_attrs::SYSTEM_EXIT_GETSET };
    EXCEPTION = "Exception": BASE_EXCEPTION, "Common base class for all non-exit exceptions.";
    ARITHMETIC_ERROR = "ArithmeticError": EXCEPTION, "Base class for arithmetic errors.";
    FLOATING_POINT_ERROR = "FloatingPointError": ARITHMETIC_ERROR, "Floating-point operation failed.";
    OVERFLOW_ERROR = "OverflowError": ARITHMETIC_ERROR, "Result too large to be represented.";
    ZERO_DIVISION_ERROR = "ZeroDivisionError": ARITHMETIC_ERROR, "Second argument to a division or modulo operation was zero.";
    ASSERTION_ERROR = "AssertionError": EXCEPTION, "Assertion failed.";
    ATTRIBUTE_ERROR = "AttributeError": EXCEPTION, "Attribute not found." { tp_init: Cell::new(Some(crate::types::exception_attrs::attribute_error_init)), tp_getset: crate::types::exception_attrs::ATTRIBUTE_ERROR_GETSET };
    BUFFER_ERROR = "BufferError": EXCEPTION, "Buffer error.";
    EOF_ERROR = "EOFError": EXCEPTION, "Read beyond end of file.";
    IMPORT_ERROR = "ImportError": EXCEPTION, "Import can't find module, or can't find name in module." { tp_init: Cell::new(Some(crate::types::exception_attrs::import_error_init)), tp_str: Cell::new(Some(crate::types::exception_attrs::import_error_str)), tp_getset: crate::types::exception_attrs::IMPORT_ERROR_GETSET };
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError": IMPORT_ERROR, "Module not found.";
    LOOKUP_ERROR = "LookupError": EXCEPTION, "Base class for lookup errors.";
    INDEX_ERROR = "IndexError": LOOKUP_ERROR, "Sequence index out of range.";
    KEY_ERROR = "KeyError": LOOKUP_ERROR, "Mapping key not found.";
    MEMORY_ERROR = "MemoryError": EXCEPTION, "Out of memory.";
    NAME_ERROR = "NameError": EXCEPTION, "Name not found globally." { tp_init: Cell::new(Some(crate::types::exception_attrs::name_error_init)), tp_getset: crate::types::exception_attrs::NAME_ERROR_GETSET };
    UNBOUND_LOCAL_ERROR = "UnboundLocalError": NAME_ERROR, "Local name referenced but not bound to a value.";
    OS_ERROR = "OSError": EXCEPTION, "Base class for I/O related errors." { tp_new: Cell::new(Some(crate::types::exception_attrs::os_error_new)), tp_init: Cell::new(Some(crate::types::exception_attrs::os_error_init)), tp_str: Cell::new(Some(crate::types::exception_attrs::os_error_str)), tp_getset: crate::types::exception_attrs::OS_ERROR_GETSET };
    BLOCKING_IO_ERROR = "BlockingIOError": OS_ERROR, "I/O operation would block.";
    CHILD_PROCESS_ERROR = "ChildProcessError": OS_ERROR, "Child process error.";
    CONNECTION_ERROR = "ConnectionError": OS_ERROR, "Connection error.";
    BROKEN_PIPE_ERROR = "BrokenPipeError": CONNECTION_ERROR, "Broken pipe.";
    CONNECTION_ABORTED_ERROR = "ConnectionAbortedError": CONNECTION_ERROR, "Connection aborted.";
    CONNECTION_REFUSED_ERROR = "ConnectionRefusedError": CONNECTION_ERROR, "Connection refused.";
    CONNECTION_RESET_ERROR = "ConnectionResetError": CONNECTION_ERROR, "Connection reset.";
    FILE_EXISTS_ERROR = "FileExistsError": OS_ERROR, "File already exists.";
    FILE_NOT_FOUND_ERROR = "FileNotFoundError": OS_ERROR, "File not found.";
    INTERRUPTED_ERROR = "InterruptedError": OS_ERROR, "Interrupted by signal.";
    IS_A_DIRECTORY_ERROR = "IsADirectoryError": OS_ERROR, "Operation doesn't work on directories.";
    NOT_A_DIRECTORY_ERROR = "NotADirectoryError": OS_ERROR, "Operation only works on directories.";
    PERMISSION_ERROR = "PermissionError": OS_ERROR, "Not enough permissions.";
    PROCESS_LOOKUP_ERROR = "ProcessLookupError": OS_ERROR, "Process not found.";
    TIMEOUT_ERROR = "TimeoutError": OS_ERROR, "Timeout expired.";
    REFERENCE_ERROR = "ReferenceError": EXCEPTION, "Weak ref proxy used after referent went away.";
    RUNTIME_ERROR = "RuntimeError": EXCEPTION, "Unspecified run-time error.";
    NOT_IMPLEMENTED_ERROR = "NotImplementedError": RUNTIME_ERROR, "Method or function hasn't been implemented yet.";
    PYTHON_FINALIZATION_ERROR = "PythonFinalizationError": RUNTIME_ERROR, "Operation blocked during Python finalization.";
    RECURSION_ERROR = "RecursionError": RUNTIME_ERROR, "Recursion limit exceeded.";
    STOP_ASYNC_ITERATION = "StopAsyncIteration": EXCEPTION, "Signal the end from iterator.__anext__().";
    STOP_ITERATION = "StopIteration": EXCEPTION, "Signal the end from iterator.__next__()." { tp_getset: crate::types::exception_attrs::STOP_ITERATION_GETSET };
    SYNTAX_ERROR = "SyntaxError": EXCEPTION, "Invalid syntax.";
    INDENTATION_ERROR = "IndentationError": SYNTAX_ERROR, "Improper indentation.";
    TAB_ERROR = "TabError": INDENTATION_ERROR, "Improper mixture of spaces and tabs.";
    SYSTEM_ERROR = "SystemError": EXCEPTION, "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.";
    TYPE_ERROR = "TypeError": EXCEPTION, "Inappropriate argument type.";
    VALUE_ERROR = "ValueError": EXCEPTION, "Inappropriate argument value (of correct type).";
    UNICODE_ERROR = "UnicodeError": VALUE_ERROR, "Unicode related error.";
    UNICODE_DECODE_ERROR = "UnicodeDecodeError": UNICODE_ERROR, "Unicode decoding error." { tp_init: Cell::new(Some(crate::types::exception_attrs::unicode_decode_error_init)), tp_str: Cell::new(Some(crate::types::exception_attrs::unicode_decode_error_str)), tp_getset: crate::types::exception_attrs::UNICODE_ERROR_GETSET };
    UNICODE_ENCODE_ERROR = "UnicodeEncodeError": UNICODE_ERROR, "Unicode encoding error." { tp_init: Cell::new(Some(crate::types::exception_attrs::unicode_encode_error_init)), tp_str: Cell::new(Some(crate::types::exception_attrs::unicode_encode_error_str)), tp_getset: crate::types::exception_attrs::UNICODE_ERROR_GETSET };
    UNICODE_TRANSLATE_ERROR = "UnicodeTranslateError": UNICODE_ERROR, "Unicode translation error." { tp_init: Cell::new(Some(crate::types::exception_attrs::unicode_translate_error_init)), tp_str: Cell::new(Some(crate::types::exception_attrs::unicode_translate_error_str)), tp_getset: crate::types::exception_attrs::UNICODE_ERROR_GETSET };
    WARNING = "Warning": EXCEPTION, "Base class for warning categories.";
    BYTES_WARNING = "BytesWarning": WARNING, "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.";
    DEPRECATION_WARNING = "DeprecationWarning": WARNING, "Base class for warnings about deprecated features.";
    ENCODING_WARNING = "EncodingWarning": WARNING, "Base class for warnings about encodings.";
    FUTURE_WARNING = "FutureWarning": WARNING, "Base class for warnings about constructs that will change semantically\nin the future.";
    IMPORT_WARNING = "ImportWarning": WARNING, "Base class for warnings about probable mistakes in module imports";
    PENDING_DEPRECATION_WARNING = "PendingDeprecationWarning": WARNING, "Base class for warnings about features which will be deprecated\nin the future.";
    RESOURCE_WARNING = "ResourceWarning": WARNING, "Base class for warnings about resource usage.";
    RUNTIME_WARNING = "RuntimeWarning": WARNING, "Base class for warnings about dubious runtime behavior.";
    SYNTAX_WARNING = "SyntaxWarning": WARNING, "Base class for warnings about dubious syntax.";
    UNICODE_WARNING = "UnicodeWarning": WARNING, "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.";
    USER_WARNING = "UserWarning": WARNING, "Base class for warnings generated by user code.";
}

pub fn as_exc(o: &PyObject) -> &PyBaseException {
    o.downcast::<PyBaseException>().expect("an exception")
}

pub fn is_exception_instance(o: &PyObject) -> bool {
    o.downcast::<PyBaseException>().is_some()
}

pub fn is_exception_class(o: &PyObject) -> bool {
    type_::downcast_type(o).is_some_and(|t| t.is_subtype(&BASE_EXCEPTION))
}

fn new_payload(args: Vec<PyRef>) -> PyBaseException {
    PyBaseException {
        args: RefCell::new(tuple::new_tuple(args)),
        traceback: RefCell::new(None),
        cause: RefCell::new(None),
        context: RefCell::new(None),
        suppress_context: Cell::new(false),
        dict: RefCell::new(None),
        fields: RefCell::new(Vec::new()),
    }
}

/// A new exception instance of built-in type `tp` with `args`, as an error.
pub fn new_exception(vm: &Vm, tp: &PyTypeObject, args: Vec<PyRef>) -> PyErr {
    let _ = vm;
    let e = alloc_object(tp, new_payload(args));
    init_fields(vm, &e);
    PyErr::from_instance(e)
}

/// Subclass initialization of fields from args (StopIteration.value, SystemExit.code, …).
fn init_fields(_vm: &Vm, e: &PyObject) {
    if e.ob_type().is_subtype(&SYNTAX_ERROR) {
        let _ = crate::types::syntax_error::init_fields(_vm, e);
        return;
    }
    crate::types::exception_attrs::init_fields(e);
}

/// A new exception object of type `tp` with `args` and no field initialization.
pub fn new_exception_object(tp: &PyTypeObject, args: Vec<PyRef>) -> PyRef {
    alloc_object(tp, new_payload(args))
}

/// `StopIteration.value` / `SystemExit.code`.
pub fn first_field(e: &PyObject) -> PyRef {
    as_exc(e).fields.borrow().first().cloned().flatten().unwrap_or_else(none::none)
}

fn exc_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let npos = args.len() - kwnames.len();
    let e = alloc_object(tp, new_payload(args[..npos].to_vec()));
    init_fields(vm, &e);
    Ok(e)
}

fn exc_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    if !kwnames.is_empty() && std::ptr::eq(obj.ob_type().tp_init.get().map_or(0, |f| f as usize) as *const u8, exc_init as *const () as usize as *const u8) {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", obj.ob_type().name())));
    }
    let npos = args.len() - kwnames.len();
    let old = as_exc(obj).args.replace(tuple::new_tuple(args[..npos].to_vec()));
    drop(old);
    init_fields(vm, obj);
    Ok(())
}

fn exc_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let name = type_::type_qualname(o.ob_type());
    let args = as_exc(o).args.borrow().clone();
    let items = tuple::tuple_items(&args);
    let s = if items.len() == 1 {
        format!("{name}({})", crate::protocol::repr_string(vm, &items[0])?)
    } else {
        format!("{name}{}", crate::protocol::repr_string(vm, &args)?)
    };
    Ok(pystr::new_str(&s))
}

fn exc_str(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    if o.ob_type().is_subtype(&SYNTAX_ERROR) {
        return crate::types::syntax_error::syntax_error_str(vm, o);
    }
    let args = as_exc(o).args.borrow().clone();
    let items = tuple::tuple_items(&args);
    match items.len() {
        0 => Ok(pystr::new_str("")),
        1 => {
            if o.ob_type().is_subtype(&KEY_ERROR) {
                return crate::protocol::repr(vm, &items[0]);
            }
            crate::protocol::str(vm, &items[0])
        }
        _ => crate::protocol::str(vm, &args),
    }
}

fn exc_with_traceback(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "with_traceback", &args[1..], 1, 1)?;
    exc_set_tb(vm, &args[0], Some(&args[1]))?;
    Ok(args[0].clone())
}

fn exc_add_note(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "add_note", &args[1..], 1, 1)?;
    if pystr::downcast_str(&args[1]).is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", args[1].ob_type().name())));
    }
    let key = vm.intern("__notes__");
    let notes = match crate::protocol::getattr_opt(vm, &args[0], &key)? {
        Some(n) => n,
        None => {
            let l = crate::types::list::new_list(vec![]);
            crate::protocol::setattr(vm, &args[0], &key, &l)?;
            l
        }
    };
    if crate::types::list::downcast_list(&notes).is_none() {
        return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
    }
    crate::types::list::append(&notes, args[1].clone());
    Ok(none::none())
}

/// `err.add_note(note)` from Rust.
pub fn add_note(vm: &Vm, err: &PyErr, note: &str) -> PyResult<()> {
    exc_add_note(vm, &[err.value().to_ref(), pystr::new_str(note)], &[]).map(|_| ())
}

/// Record `obj` and `name` on an AttributeError (for "Did you mean" suggestions).
pub fn set_attribute_error_context(vm: &Vm, err: &PyErr, obj: &PyObject, name: &PyObject) {
    let _ = vm;
    let e = as_exc(err.value());
    *e.fields.borrow_mut() = vec![Some(name.to_ref()), Some(obj.to_ref())];
}

fn exc_get_args(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(as_exc(o).args.borrow().clone())
}
fn exc_set_args(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("args may not be deleted")) };
    let t = tuple::new_tuple(crate::protocol::iterate(vm, v)?);
    let old = as_exc(o).args.replace(t);
    drop(old);
    Ok(())
}
fn opt(v: &RefCell<Option<PyRef>>) -> PyRef {
    v.borrow().clone().unwrap_or_else(none::none)
}
fn exc_get_tb(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(opt(&as_exc(o).traceback))
}
fn exc_set_tb(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = match v {
        None => return Err(vm.type_error("__traceback__ may not be deleted")),
        Some(v) if v.is(none::none_ref()) => None,
        Some(v) if crate::traceback::is_traceback(v) => Some(v.to_ref()),
        Some(_) => return Err(vm.type_error("__traceback__ must be a traceback or None")),
    };
    let old = as_exc(o).traceback.replace(v);
    drop(old);
    Ok(())
}
fn exc_get_cause(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(opt(&as_exc(o).cause))
}
fn exc_set_cause(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = match v {
        None => return Err(vm.type_error("__cause__ may not be deleted")),
        Some(v) if v.is(none::none_ref()) => None,
        Some(v) if is_exception_instance(v) => Some(v.to_ref()),
        Some(_) => return Err(vm.type_error("exception cause must be None or derive from BaseException")),
    };
    let e = as_exc(o);
    e.suppress_context.set(true);
    let old = e.cause.replace(v);
    drop(old);
    Ok(())
}
fn exc_get_context(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(opt(&as_exc(o).context))
}
fn exc_set_context(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = match v {
        None => return Err(vm.type_error("__context__ may not be deleted")),
        Some(v) if v.is(none::none_ref()) => None,
        Some(v) if is_exception_instance(v) => Some(v.to_ref()),
        Some(_) => return Err(vm.type_error("exception context must be None or derive from BaseException")),
    };
    let old = as_exc(o).context.replace(v);
    drop(old);
    Ok(())
}
fn exc_get_suppress(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(as_exc(o).suppress_context.get()))
}
fn exc_set_suppress(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let b = match v {
        Some(v) => crate::protocol::is_true(vm, v)?,
        None => false,
    };
    as_exc(o).suppress_context.set(b);
    Ok(())
}
fn exc_get_dict(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::object::instance_dict(o).unwrap())
}
