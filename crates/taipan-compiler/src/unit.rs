//! `CodeUnitMetadata`: what code generation knows about one code unit besides its
//! instructions — CPython 3.13's `_PyCompile_CodeUnitMetadata`. Code generation fills it;
//! the flow-graph optimizer and the assembler read it (and the optimizer's constant folding
//! appends to the constants).
//!
//! CPython keeps these as dicts mapping a value to its index (insertion order = index
//! order); `IndexedNames`/`ConstTable` are the same thing as plain data.

use std::collections::HashMap;
use std::sync::Arc;

use taipan_bytecode::{Constant, PyStr};

/// Names in first-seen order, each with its index (`u_names`, `u_varnames`, …).
#[derive(Clone, Debug, Default)]
pub struct IndexedNames {
    names: Vec<PyStr>,
    index: HashMap<PyStr, u32>,
}

impl IndexedNames {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `name`, adding it at the end if new (`dict_add_o`).
    pub fn add(&mut self, name: &PyStr) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.clone());
        self.index.insert(name.clone(), i);
        i
    }

    pub fn get(&self, name: &PyStr) -> Option<u32> {
        self.index.get(name).copied()
    }

    pub fn contains(&self, name: &PyStr) -> bool {
        self.index.contains_key(name)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// In index order.
    pub fn names(&self) -> &[PyStr] {
        &self.names
    }
}

impl FromIterator<PyStr> for IndexedNames {
    fn from_iter<T: IntoIterator<Item = PyStr>>(iter: T) -> Self {
        let mut n = IndexedNames::new();
        for s in iter {
            n.add(&s);
        }
        n
    }
}

/// The key `_PyCode_ConstantKey` gives a constant: equal keys are the same constant
/// (0, 0.0, -0.0, False and 0j are all distinct; a float compares by its bits; a code
/// object only equals itself).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConstKey(Vec<u8>);

impl ConstKey {
    pub fn of(c: &Constant) -> ConstKey {
        let mut k = Vec::new();
        key_into(c, &mut k);
        ConstKey(k)
    }
}

fn key_into(c: &Constant, k: &mut Vec<u8>) {
    fn len(k: &mut Vec<u8>, n: usize) {
        k.extend_from_slice(&(n as u64).to_le_bytes());
    }
    match c {
        Constant::None => k.push(b'N'),
        Constant::Ellipsis => k.push(b'.'),
        Constant::StopIteration => k.push(b'S'),
        Constant::Bool(b) => k.extend_from_slice(if *b { b"T" } else { b"F" }),
        Constant::Int(i) => {
            let s = i.to_string();
            k.push(b'i');
            len(k, s.len());
            k.extend_from_slice(s.as_bytes());
        }
        Constant::Float(f) => {
            k.push(b'g');
            k.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Constant::Complex { real, imag } => {
            k.push(b'y');
            k.extend_from_slice(&real.to_bits().to_le_bytes());
            k.extend_from_slice(&imag.to_bits().to_le_bytes());
        }
        Constant::Str { value, .. } => {
            k.push(b'u');
            len(k, value.as_bytes().len());
            k.extend_from_slice(value.as_bytes());
        }
        Constant::Bytes(b) => {
            k.push(b's');
            len(k, b.len());
            k.extend_from_slice(b);
        }
        Constant::Tuple(items) | Constant::List(items) | Constant::Set(items) => {
            k.push(match c {
                Constant::Tuple(_) => b'(',
                Constant::List(_) => b'[',
                _ => b'<',
            });
            len(k, items.len());
            for i in items.iter() {
                key_into(i, k);
            }
        }
        Constant::FrozenSet(items) => {
            // Order-independent: sort the members' keys.
            let mut keys: Vec<Vec<u8>> = items.iter().map(|i| ConstKey::of(i).0).collect();
            keys.sort();
            k.push(b'>');
            len(k, keys.len());
            for key in keys {
                len(k, key.len());
                k.extend_from_slice(&key);
            }
        }
        Constant::Code(code) => {
            k.push(b'c');
            k.extend_from_slice(&(Arc::as_ptr(code) as usize as u64).to_le_bytes());
        }
        Constant::Dict(pairs) => {
            k.push(b'{');
            len(k, pairs.len());
            for (a, b) in pairs.iter() {
                key_into(a, k);
                key_into(b, k);
            }
        }
    }
}

/// `u_consts`: constants in first-seen order, deduplicated by `ConstKey`.
#[derive(Clone, Debug, Default)]
pub struct ConstTable {
    values: Vec<Constant>,
    index: HashMap<ConstKey, u32>,
}

impl ConstTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `c`, adding it if new (`_PyCompile_AddConst`).
    pub fn add(&mut self, c: Constant) -> u32 {
        let key = ConstKey::of(&c);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.values.len() as u32;
        self.values.push(c);
        self.index.insert(key, i);
        i
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// In index order (`consts_dict_keys_inorder`).
    pub fn values(&self) -> &[Constant] {
        &self.values
    }
}

impl FromIterator<Constant> for ConstTable {
    fn from_iter<T: IntoIterator<Item = Constant>>(iter: T) -> Self {
        let mut t = ConstTable::new();
        for c in iter {
            t.add(c);
        }
        t
    }
}

/// CPython's `_PyCompile_CodeUnitMetadata`.
#[derive(Clone, Debug, Default)]
pub struct CodeUnitMetadata {
    /// `u_name`: the code object's `co_name`.
    pub name: PyStr,
    /// `u_qualname` (`None`: the name is used).
    pub qualname: Option<PyStr>,
    pub consts: ConstTable,
    pub names: IndexedNames,
    /// Locals, parameters first.
    pub varnames: IndexedNames,
    /// Names of cells (sorted by codegen, as `dictbytype` sorts them).
    pub cellvars: IndexedNames,
    pub freevars: IndexedNames,
    /// Locals hidden by inlined comprehensions (`u_fasthidden`, the ones set to True).
    pub fasthidden: IndexedNames,
    /// Positional-or-keyword parameters (not counting positional-only ones).
    pub argcount: i32,
    pub posonlyargcount: i32,
    pub kwonlyargcount: i32,
    pub firstlineno: i32,
}
