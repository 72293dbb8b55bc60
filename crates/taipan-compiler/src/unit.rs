//! `CodeUnitMetadata`: what code generation knows about one code unit besides its
//! instructions — CPython 3.13's `_PyCompile_CodeUnitMetadata` (Include/internal/pycore_compile.h).
//!
//! The flow-graph optimizer and assembler turn an `InstrSequence` plus this metadata plus
//! the unit's `co_flags` into a `CodeObject`. The tables are insertion-ordered and
//! deduplicated: an entry's index is the oparg that refers to it.

use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;

use taipan_bytecode::{Constant, PyStr};

/// An insertion-ordered set whose index is the position of first insertion (CPython keeps
/// these as dicts `{key: index}`).
#[derive(Clone, Debug)]
pub struct IndexMap<K: Eq + Hash + Clone> {
    items: Vec<K>,
    index: HashMap<K, usize>,
}

impl<K: Eq + Hash + Clone> Default for IndexMap<K> {
    fn default() -> Self {
        IndexMap { items: Vec::new(), index: HashMap::default() }
    }
}

impl<K: Eq + Hash + Clone> IndexMap<K> {
    pub fn new() -> Self {
        Self::default()
    }
    /// The index of `key`, added at the end when absent.
    pub fn insert(&mut self, key: K) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.items.len();
        self.index.insert(key.clone(), i);
        self.items.push(key);
        i
    }
    pub fn get(&self, key: &K) -> Option<usize> {
        self.index.get(key).copied()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn items(&self) -> &[K] {
        &self.items
    }
}

impl IndexMap<PyStr> {
    /// [`IndexMap::insert`] of the name `s`, building the `PyStr` only when it is new.
    pub fn insert_str(&mut self, s: &str) -> usize {
        match self.index.get(s.as_bytes()) {
            Some(&i) => i,
            None => self.insert(PyStr::new(s)),
        }
    }
}

/// The constants of a unit, deduplicated as `_PyCode_ConstantKey` does: by type and value,
/// with `0`, `0.0`, `-0.0`, `False` and `0j` all distinct, tuples and frozensets compared
/// element-wise with the same rule, and code objects by identity (each is added once).
#[derive(Clone, Debug, Default)]
pub struct ConstTable {
    items: Vec<Constant>,
    index: HashMap<Vec<u8>, usize>,
}

impl ConstTable {
    pub fn new() -> Self {
        Self::default()
    }
    /// The index of `c`, added at the end when no equal-keyed constant is present.
    pub fn insert(&mut self, c: Constant) -> usize {
        if is_nan_const(&c) {
            // A folded NaN is its own object: CPython's dict lookup finds no equal key.
            self.items.push(c);
            return self.items.len() - 1;
        }
        let key = constant_key(&c);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.items.len();
        self.index.insert(key, i);
        self.items.push(c);
        i
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn items(&self) -> &[Constant] {
        &self.items
    }
}

fn is_nan_const(c: &Constant) -> bool {
    match c {
        Constant::Float(f) => f.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        _ => false,
    }
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u64).to_le_bytes());
    out.extend_from_slice(b);
}

/// A byte string that is equal for two constants exactly when `_PyCode_ConstantKey` makes
/// them equal keys.
pub fn constant_key(c: &Constant) -> Vec<u8> {
    // Most keys are short: one allocation instead of several small regrowths.
    let mut out = Vec::with_capacity(64);
    write_key(c, &mut out);
    out
}

fn write_key(c: &Constant, out: &mut Vec<u8>) {
    match c {
        Constant::None => out.push(b'N'),
        Constant::Ellipsis => out.push(b'.'),
        Constant::StopIteration => out.push(b'S'),
        Constant::Bool(b) => out.extend_from_slice(if *b { b"T" } else { b"F" }),
        Constant::Int(i) => match i64::try_from(i) {
            Ok(small) => {
                out.push(b'i');
                out.extend_from_slice(&small.to_le_bytes());
            }
            Err(_) => {
                out.push(b'I');
                out.extend_from_slice(i.to_string().as_bytes());
                out.push(b';');
            }
        },
        Constant::Float(f) => {
            out.push(b'f');
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Constant::Complex { real, imag } => {
            out.push(b'c');
            out.extend_from_slice(&real.to_bits().to_le_bytes());
            out.extend_from_slice(&imag.to_bits().to_le_bytes());
        }
        Constant::Str { value, .. } => {
            out.push(b's');
            out.extend_from_slice(&(value.as_bytes().len() as u64).to_le_bytes());
            out.extend_from_slice(value.as_bytes());
        }
        Constant::Bytes(b) => {
            out.push(b'b');
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
        Constant::Tuple(items) | Constant::List(items) => {
            out.push(b'(');
            for i in items.iter() {
                write_key(i, out);
            }
            out.push(b')');
        }
        Constant::FrozenSet(items) | Constant::Set(items) => {
            let mut keys: Vec<Vec<u8>> = items.iter().map(constant_key).collect();
            keys.sort();
            out.push(b'{');
            for k in keys {
                out.extend_from_slice(&k);
            }
            out.push(b'}');
        }
        Constant::Code(code) => {
            // Code objects are their own keys and compare as code_richcompare does: by
            // everything but the qualname and filename.
            if let Some(key) = code_key_cache::get(code) {
                out.extend_from_slice(&key);
                return;
            }
            let start = out.len();
            out.push(b'C');
            put_bytes(out, code.name.as_bytes());
            for n in [code.argcount, code.posonlyargcount, code.kwonlyargcount, code.flags, code.firstlineno] {
                out.extend_from_slice(&n.to_le_bytes());
            }
            put_bytes(out, &code.code);
            out.extend_from_slice(&(code.consts.len() as u64).to_le_bytes());
            for k in code.consts.iter() {
                let key = constant_key(k);
                put_bytes(out, &key);
            }
            out.extend_from_slice(&(code.names.len() as u64).to_le_bytes());
            for n in code.names.iter() {
                put_bytes(out, n.as_bytes());
            }
            out.extend_from_slice(&(code.localsplusnames.len() as u64).to_le_bytes());
            for n in code.localsplusnames.iter() {
                put_bytes(out, n.as_bytes());
            }
            put_bytes(out, &code.linetable);
            put_bytes(out, &code.exceptiontable);
            code_key_cache::put(code, &out[start..]);
        }
        Constant::Dict(pairs) => {
            out.push(b'D');
            for (k, v) in pairs.iter() {
                write_key(k, out);
                write_key(v, out);
            }
            out.push(b'}');
        }
    }
}

/// The keys of the code objects of the module being compiled, so that a code object's key
/// (which holds the keys of the code objects among its constants, and so on down) is built
/// once rather than again at every level above it. Active only inside [`with_code_key_cache`];
/// the cache holds each code object, so an address cannot be reused while it is cached.
mod code_key_cache {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::Arc;

    use rustc_hash::FxHashMap;
    use taipan_bytecode::CodeObject;

    type Cache = FxHashMap<*const CodeObject, (Arc<CodeObject>, Rc<[u8]>)>;

    thread_local! {
        static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
    }

    pub(super) fn get(code: &Arc<CodeObject>) -> Option<Rc<[u8]>> {
        CACHE.with(|c| c.borrow().as_ref()?.get(&Arc::as_ptr(code)).map(|(_, k)| k.clone()))
    }

    pub(super) fn put(code: &Arc<CodeObject>, key: &[u8]) {
        CACHE.with(|c| {
            if let Some(m) = c.borrow_mut().as_mut() {
                m.insert(Arc::as_ptr(code), (code.clone(), key.into()));
            }
        });
    }

    /// Restores the enclosing state when dropped (also on unwinding).
    pub(super) struct Scope(pub(super) Option<Cache>);

    impl Drop for Scope {
        fn drop(&mut self) {
            let prev = self.0.take();
            CACHE.with(|c| *c.borrow_mut() = prev);
        }
    }

    pub(super) fn enter() -> Scope {
        Scope(CACHE.with(|c| c.borrow_mut().replace(Cache::default())))
    }
}

/// Runs `f` (one module's compilation) with the code-object key cache active.
pub fn with_code_key_cache<T>(f: impl FnOnce() -> T) -> T {
    let _scope = code_key_cache::enter();
    f()
}

/// `_PyCompile_CodeUnitMetadata`.
#[derive(Clone, Debug, Default)]
pub struct CodeUnitMetadata {
    /// `co_name`.
    pub name: PyStr,
    /// `co_qualname`.
    pub qualname: PyStr,
    /// `u_consts`.
    pub consts: ConstTable,
    /// `u_names`: global, attribute and imported names (`co_names`).
    pub names: IndexMap<PyStr>,
    /// `u_varnames`: parameters first, then the other locals.
    pub varnames: IndexMap<PyStr>,
    /// `u_cellvars`: names that are cells (sorted, as compile.c's `dictbytype`).
    pub cellvars: IndexMap<PyStr>,
    /// `u_freevars`: free variables (sorted).
    pub freevars: IndexMap<PyStr>,
    /// `u_fasthidden`: locals of inlined comprehensions hidden from `locals()`.
    pub fasthidden: Vec<PyStr>,
    pub argcount: i32,
    pub posonlyargcount: i32,
    pub kwonlyargcount: i32,
    /// `u_firstlineno`.
    pub firstlineno: i32,
}

/// A key equal for two constants exactly when Python's `==` (with equal hashes) makes them
/// the same set element: `1`, `1.0`, `True` and `1+0j` are one element; the first one
/// inserted is kept, as `frozenset` construction does.
pub fn set_element_key(c: &Constant) -> Vec<u8> {
    fn num(out: &mut Vec<u8>, real: f64) -> bool {
        if real.is_finite() && real.fract() == 0.0 && real.abs() < 9.0e15 {
            out.push(b'n');
            out.extend_from_slice((real as i64).to_string().as_bytes());
            out.push(b';');
            return true;
        }
        false
    }
    let mut out = Vec::new();
    match c {
        Constant::Bool(b) => {
            out.push(b'n');
            out.extend_from_slice(if *b { b"1;" } else { b"0;" });
        }
        Constant::Int(i) => {
            out.push(b'n');
            out.extend_from_slice(i.to_string().as_bytes());
            out.push(b';');
        }
        Constant::Float(f) => {
            if !num(&mut out, *f) {
                out = constant_key(c);
            }
        }
        Constant::Complex { real, imag } if *imag == 0.0 => {
            if !num(&mut out, *real) {
                out = constant_key(&Constant::Float(*real));
            }
        }
        Constant::Tuple(items) => {
            out.push(b'(');
            for i in items.iter() {
                let k = set_element_key(i);
                out.extend_from_slice(&(k.len() as u64).to_le_bytes());
                out.extend_from_slice(&k);
            }
            out.push(b')');
        }
        _ => out = constant_key(c),
    }
    out
}

/// The elements of `frozenset(items)`, in first-insertion order.
pub fn frozenset_items(items: impl IntoIterator<Item = Constant>) -> Vec<Constant> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    for i in items {
        if seen.insert(set_element_key(&i)) {
            out.push(i);
        }
    }
    out
}
