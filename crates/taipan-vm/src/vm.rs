//! [`Vm`]: the thread state, and the token every function that touches objects takes.
//!
//! One `Vm` exists per OS thread that runs Python code (DESIGN.md §4.4); holding `&Vm`
//! is holding the GIL. It owns the thread's frame stack, the handled-exception state
//! (`sys.exception()`), the recursion counter, and references to the interpreter-wide
//! objects (builtins, `sys.modules`, interned strings).

use std::cell::{Cell, RefCell};

use crate::error::{PyErr, PyResult};
use crate::eval::frame::FrameStack;
use crate::hash::HashSecret;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::types;

/// Start-up settings (`PyConfig`).
#[derive(Clone, Debug, Default)]
pub struct VmConfig {
    pub argv: Vec<String>,
    /// `PYTHONHASHSEED` when set to a number.
    pub hash_seed: Option<u32>,
    /// `-O` level.
    pub optimize: u8,
    /// The executable path (`sys.executable`).
    pub executable: String,
    /// `sys.path` entries.
    pub path: Vec<String>,
}

/// `Py_C_RECURSION_LIMIT` of 3.13 release builds: native recursion (repr of nested
/// containers, comparisons, …) is limited separately from Python frames.
pub const C_RECURSION_LIMIT: u32 = 10000;

static HASH_SECRET: std::sync::OnceLock<HashSecret> = std::sync::OnceLock::new();

/// `_Py_HashSecret`: chosen by the first interpreter's configuration, for the process.
pub fn hash_secret() -> &'static HashSecret {
    HASH_SECRET.get_or_init(HashSecret::random)
}

pub struct Vm {
    pub config: VmConfig,
    pub hash_secret: HashSecret,
    /// The frames of running Python functions, innermost last (DESIGN.md §4.3).
    pub frames: FrameStack,
    /// The exception being handled (`sys.exception()`), as CPython's `exc_info->exc_value`.
    pub exc_value: RefCell<Option<PyRef>>,
    /// Native recursion depth (`_Py_EnterRecursiveCall`), limited by
    /// [`C_RECURSION_LIMIT`] and the remaining native stack.
    pub recursion_depth: Cell<u32>,
    /// Python frames on this thread, limited by `sys.getrecursionlimit()`.
    pub py_depth: Cell<u32>,
    pub recursion_limit: Cell<u32>,
    /// Objects whose repr is being computed (`Py_ReprEnter`).
    pub repr_stack: RefCell<Vec<usize>>,
    /// The `builtins` module and its dict.
    pub builtins: PyRef,
    pub builtins_dict: PyRef,
    pub sys: PyRef,
    /// `sys.modules`.
    pub modules: PyRef,
    interned: RefCell<rustc_hash::FxHashMap<Box<str>, PyRef>>,
    /// Recent `intern` results by the text's address (callers mostly pass the same string
    /// literals, e.g. dunder names): a hit still compares the text, so a reused address
    /// can only miss, never answer wrongly.
    intern_recent: [Cell<(usize, *const PyObject)>; 64],
}

thread_local! {
    /// The interpreter of this thread, for code that runs without being handed one:
    /// deallocation (weak reference callbacks).
    static CURRENT_VM: Cell<*const Vm> = const { Cell::new(std::ptr::null()) };
}

/// Run `f` with this thread's interpreter, if it has one.
pub fn with_current_vm<R>(f: impl FnOnce(&Vm) -> R) -> Option<R> {
    let p = CURRENT_VM.with(|c| c.get());
    // SAFETY: set by Vm::new to the boxed Vm, which lives until the process exits
    // (the interpreter is never dropped while objects are being freed).
    if p.is_null() { None } else { Some(f(unsafe { &*p })) }
}

impl Vm {
    /// Initialize the interpreter: ready every static type, create `builtins` and `sys`.
    pub fn new(config: VmConfig) -> Box<Vm> {
        let hash_secret = match config.hash_seed {
            Some(seed) => HashSecret::from_seed(seed),
            None => HashSecret::random(),
        };
        let _ = HASH_SECRET.set(hash_secret);
        // Before the first allocation: container types get their GC slots and heads.
        crate::gc::init();
        let modules = types::dict::new_dict();
        let builtins = types::module::new_module_named("builtins");
        let builtins_dict = types::module::module_dict(&builtins);
        let sys = types::module::new_module_named("sys");
        let vm = Box::new(Vm {
            config,
            hash_secret,
            frames: FrameStack::new(),
            exc_value: RefCell::new(None),
            recursion_depth: Cell::new(0),
            py_depth: Cell::new(0),
            repr_stack: RefCell::new(Vec::new()),
            recursion_limit: Cell::new(1000),
            builtins,
            builtins_dict,
            sys,
            modules,
            interned: RefCell::new(rustc_hash::FxHashMap::default()),
            intern_recent: [const { Cell::new((0, std::ptr::null())) }; 64],
        });
        types::finalize::set_thread_vm(&vm);
        CURRENT_VM.with(|c| c.set(&*vm as *const Vm));
        types::ready_static_types(&vm);
        crate::builtins::init(&vm);
        crate::sysmodule::init(&vm);
        crate::builtins::system::init_sys(&vm);
        for m in [vm.sys.clone(), vm.builtins.clone()] {
            let name = if m.is(&vm.sys) { "sys" } else { "builtins" };
            crate::import::set_builtin_module_attrs(&vm, &m, name);
        }
        vm
    }

    /// Addresses of the interned strings (they live as long as the interpreter).
    pub fn interned_addrs(&self) -> Vec<usize> {
        self.interned.borrow().values().map(|r| r.addr()).collect()
    }

    /// `sys.intern`: the one str object for `s`.
    pub fn intern(&self, s: &str) -> PyRef {
        let addr = s.as_ptr() as usize;
        let slot = &self.intern_recent[(addr >> 3) & 63];
        let (a, p) = slot.get();
        if a == addr && !p.is_null() {
            // SAFETY: interned strings live as long as the interpreter.
            let obj = unsafe { &*p };
            if types::str::str_data(obj).ascii_bytes() == Some(s.as_bytes()) {
                return obj.to_ref();
            }
        }
        if let Some(r) = self.interned.borrow().get(s) {
            slot.set((addr, r.as_ptr()));
            return r.clone();
        }
        let r = types::str::new_str(s);
        self.interned.borrow_mut().insert(s.into(), r.clone());
        r
    }

    /// Intern an existing str object: returns the canonical object for its value.
    pub fn intern_obj(&self, s: &PyObject) -> PyRef {
        let text = types::str::str_data(s).to_string_lossy();
        if let Some(r) = self.interned.borrow().get(text.as_str()) {
            return r.clone();
        }
        let r = s.to_ref();
        self.interned.borrow_mut().insert(text.into(), r.clone());
        r
    }

    /// A new exception of type `tp` with `args = (msg,)`.
    pub fn new_error(&self, tp: &PyTypeObject, msg: impl Into<String>) -> PyErr {
        let msg = types::str::new_str(&msg.into());
        types::exceptions::new_exception(self, tp, vec![msg])
    }

    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::TYPE_ERROR, msg)
    }
    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::VALUE_ERROR, msg)
    }
    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::INDEX_ERROR, msg)
    }
    pub fn overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::OVERFLOW_ERROR, msg)
    }
    pub fn zero_division_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::ZERO_DIVISION_ERROR, msg)
    }
    pub fn runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::RUNTIME_ERROR, msg)
    }
    pub fn system_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::SYSTEM_ERROR, msg)
    }
    pub fn attribute_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::ATTRIBUTE_ERROR, msg)
    }
    pub fn name_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::NAME_ERROR, msg)
    }
    pub fn recursion_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::RECURSION_ERROR, msg)
    }
    pub fn not_implemented_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&types::exceptions::NOT_IMPLEMENTED_ERROR, msg)
    }
    /// `KeyError(key)`: the key itself is the argument.
    pub fn key_error(&self, key: PyRef) -> PyErr {
        types::exceptions::new_exception(self, &types::exceptions::KEY_ERROR, vec![key])
    }
    /// `StopIteration(value)` (no argument for None).
    pub fn stop_iteration(&self, value: Option<PyRef>) -> PyErr {
        types::exceptions::new_exception(self, &types::exceptions::STOP_ITERATION, value.into_iter().collect())
    }

    /// Enter a native→Python (or deeply recursive native) call: counts against
    /// `sys.getrecursionlimit()` and checks the remaining Rust stack
    /// (`_Py_EnterRecursiveCall`).
    #[inline]
    pub fn enter_recursive_call(&self, where_: &str) -> PyResult<()> {
        let d = self.recursion_depth.get() + 1;
        if d > C_RECURSION_LIMIT || crate::eval::stack_is_low() {
            return Err(self.recursion_error(format!("maximum recursion depth exceeded{where_}")));
        }
        self.recursion_depth.set(d);
        Ok(())
    }

    #[inline]
    pub fn leave_recursive_call(&self) {
        self.recursion_depth.set(self.recursion_depth.get() - 1);
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        // Objects freed while the fields drop run no Python code.
        CURRENT_VM.with(|c| c.set(std::ptr::null()));
    }
}
