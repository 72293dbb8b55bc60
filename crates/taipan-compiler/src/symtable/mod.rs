//! The symbol table: CPython 3.13's Python/symtable.c.
//!
//! Two passes, as in CPython. [`build`] walks the AST once (`builder`), opening a
//! [`SymbolTableEntry`] (a *block*) for the module, every class, function, lambda,
//! comprehension and generator expression, every PEP 695 type-parameter / type-alias /
//! type-variable scope, and — under `from __future__ import annotations` — every annotation
//! scope, recording raw facts per name (`DEF_*` bits). Then `analyze` resolves each name's
//! scope (local, global explicit/implicit, free, cell) top-down with the sets of names bound
//! in enclosing function scopes, inlines comprehensions (PEP 709) into their parent,
//! and stores the scope in bits `SCOPE_OFFSET..` of each name's flags — the same integers
//! CPython keeps in `ste_symbols`, so they can be compared with `_symtable` raw.
//!
//! ## Keys
//! CPython identifies a block by the address of the AST node that opened it and codegen
//! looks blocks up with that address (`_PySymtable_Lookup(st, node)`). taipan does the
//! same: a [`BlockKey`] is the address of a node of the (immovable during compilation) AST,
//! computed with [`key`]. The node for each kind of block:
//!
//! | block | key |
//! |---|---|
//! | module | `key(module)` (the `&ast::Mod`) |
//! | function / async function | `key(&StmtFunctionDef)` / `key(&StmtAsyncFunctionDef)` |
//! | class | `key(&StmtClassDef)` |
//! | type parameters of a def/class/type alias | [`type_params_key`]`(&stmt.type_params)` |
//! | type alias value | `key(&StmtTypeAlias)` |
//! | TypeVar bound/constraints | `key(&TypeParamTypeVar)` |
//! | TypeVar default | [`type_param_default_key`]`(&TypeParamTypeVar)` (CPython: `tp + 1`) |
//! | ParamSpec / TypeVarTuple default | `key(&TypeParamParamSpec)` / `key(&TypeParamTypeVarTuple)` |
//! | lambda | `key(&ExprLambda)` |
//! | list/set/dict comprehension, genexpr | `key(&ExprListComp)` etc. |
//! | future annotation of an `AnnAssign` / return | `key(&*annotation)` (the boxed `Expr`) |
//! | future annotations of a def's parameters | `key(&*stmt.args)` (the boxed `Arguments`) |
//!
//! Keys are only valid while every node stays where it was when [`build`] ran — including
//! the `ast::Mod` value itself (keep it in place or boxed; moving it out of a function
//! changes the module's key). ast_opt must run *before* `build`, as in CPython.
//!
//! Inlined comprehensions keep their entry (lookups still find it, `comp_inlined` is set)
//! but, as in CPython, are replaced in their parent's `children` by their own children.

use std::borrow::Cow;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use taipan_parser::ast;
use taipan_parser::error::SyntaxError;

use crate::future::FutureFeatures;

mod analyze;
mod builder;
mod mangle;

pub use mangle::{is_private_name, mangle};

/// Identifies the AST node that opened a block (see the module docs).
pub type BlockKey = usize;

/// The key of an AST node: its address.
pub fn key<T>(node: &T) -> BlockKey {
    node as *const T as usize
}

/// The key of the type-parameter block of a generic def/class/type alias:
/// `key(&stmt.type_params) + 1` (the `+ 1` keeps it distinct from the statement's own key
/// when Rust places the field first).
pub fn type_params_key(type_params: &Vec<ast::TypeParam>) -> BlockKey {
    key(type_params) + 1
}

/// The key of the block of a type parameter's default (CPython: `tp + 1`), where `tp` is
/// the `TypeParamTypeVar`/`TypeParamParamSpec`/`TypeParamTypeVarTuple`; its bound (TypeVar)
/// or, for the other two, the default itself use `key(tp)`.
pub fn type_param_default_key<T>(tp: &T) -> BlockKey {
    key(tp) + 1
}

/// Index of an entry in [`SymbolTable::entries`].
pub type EntryId = usize;

/// Flags of a name in a block: `DEF_*` bits, and the resolved scope in bits
/// `SCOPE_OFFSET..SCOPE_OFFSET+4` (CPython's `long` in `ste_symbols`).
pub type SymbolFlags = i64;

pub const DEF_GLOBAL: SymbolFlags = 1;
pub const DEF_LOCAL: SymbolFlags = 2;
pub const DEF_PARAM: SymbolFlags = 2 << 1;
pub const DEF_NONLOCAL: SymbolFlags = 2 << 2;
pub const USE: SymbolFlags = 2 << 3;
pub const DEF_FREE: SymbolFlags = 2 << 4;
pub const DEF_FREE_CLASS: SymbolFlags = 2 << 5;
pub const DEF_IMPORT: SymbolFlags = 2 << 6;
pub const DEF_ANNOT: SymbolFlags = 2 << 7;
pub const DEF_COMP_ITER: SymbolFlags = 2 << 8;
pub const DEF_TYPE_PARAM: SymbolFlags = 2 << 9;
pub const DEF_COMP_CELL: SymbolFlags = 2 << 10;
pub const DEF_BOUND: SymbolFlags = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

pub const SCOPE_OFFSET: u32 = 12;
pub const SCOPE_MASK: SymbolFlags = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;

/// The resolved scope of a name (`_PyST_GetScope`); discriminants are CPython's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Scope {
    Local = 1,
    GlobalExplicit = 2,
    GlobalImplicit = 3,
    Free = 4,
    Cell = 5,
}

impl Scope {
    pub fn from_int(v: i64) -> Option<Scope> {
        Some(match v {
            1 => Scope::Local,
            2 => Scope::GlobalExplicit,
            3 => Scope::GlobalImplicit,
            4 => Scope::Free,
            5 => Scope::Cell,
            _ => return None,
        })
    }
}

/// `_Py_block_ty`; discriminants are CPython's (`_symtable.TYPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BlockType {
    Function = 0,
    Class = 1,
    Module = 2,
    /// Annotations under `from __future__ import annotations`.
    Annotation = 3,
    TypeAlias = 4,
    TypeParameters = 5,
    /// Bound, constraints or default of one type parameter.
    TypeVariable = 6,
}

/// `_Py_comprehension_ty`; discriminants are CPython's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum ComprehensionType {
    #[default]
    NoComprehension = 0,
    List = 1,
    Dict = 2,
    Set = 3,
    Generator = 4,
}

/// `ste_symbols`: name → flags, in insertion order (CPython's dict order).
#[derive(Clone, Debug, Default)]
pub struct SymbolMap {
    entries: Vec<(String, SymbolFlags)>,
    index: HashMap<String, usize>,
}

impl SymbolMap {
    pub fn get(&self, name: &str) -> Option<SymbolFlags> {
        self.index.get(name).map(|&i| self.entries[i].1)
    }
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
    /// Sets `name`'s flags, appending it if new (dict assignment semantics).
    pub fn insert(&mut self, name: &str, flags: SymbolFlags) {
        match self.index.get(name) {
            Some(&i) => self.entries[i].1 = flags,
            None => {
                self.index.insert(name.to_owned(), self.entries.len());
                self.entries.push((name.to_owned(), flags));
            }
        }
    }
    pub fn remove(&mut self, name: &str) -> Option<SymbolFlags> {
        let i = self.index.remove(name)?;
        let (_, flags) = self.entries.remove(i);
        for (n, _) in &self.entries[i..] {
            *self.index.get_mut(n).expect("indexed") -= 1;
        }
        Some(flags)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, SymbolFlags)> + '_ {
        self.entries.iter().map(|(n, f)| (n.as_str(), *f))
    }
    /// Every name with its flags, to update in place (order unchanged).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut SymbolFlags)> + '_ {
        self.entries.iter_mut().map(|(n, f)| (n.as_str(), f))
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `PySTEntryObject`: one block. (3.13 has no `ste_has_docstring`, `ste_method` or
/// annotation-block fields: those arrived with PEP 649 in 3.14; codegen checks
/// docstrings itself.)
#[derive(Clone, Debug)]
pub struct SymbolTableEntry {
    /// `ste_id`: the key of the node that opened the block.
    pub id: BlockKey,
    /// `ste_type`.
    pub typ: BlockType,
    /// `ste_name`: "top", the def/class name, "lambda", "listcomp", "genexpr",
    /// "setcomp", "dictcomp", "_annotation", a type param's or type alias's name, or
    /// "<generic parameters of NAME>".
    pub name: String,
    /// `ste_scope_info`: for TypeVariable blocks, "a TypeVar bound" etc. (error texts).
    pub scope_info: Option<&'static str>,
    /// `ste_symbols`.
    pub symbols: SymbolMap,
    /// `ste_varnames`: parameters in order (and `.0` of comprehensions, `.type_params`,
    /// `.defaults`, `.kwdefaults` of type-parameter blocks).
    pub varnames: Vec<String>,
    /// `ste_children`: child blocks in source order (inlined comprehensions replaced by
    /// their children).
    pub children: Vec<EntryId>,
    /// `ste_mangled_names`: for the type-parameter block of a generic class, the names
    /// that are mangled (its type params); `None` means "mangle everything".
    pub mangled_names: Option<HashSet<String>>,
    /// `ste_nested`.
    pub nested: bool,
    /// `ste_free`: the block has free variables.
    pub free: bool,
    /// `ste_child_free`: a child block has free variables (incl. implicit globals seen
    /// from a nested block).
    pub child_free: bool,
    /// `ste_generator`.
    pub generator: bool,
    /// `ste_coroutine`.
    pub coroutine: bool,
    /// `ste_comprehension`.
    pub comprehension: ComprehensionType,
    /// `ste_varargs`.
    pub varargs: bool,
    /// `ste_varkeywords`.
    pub varkeywords: bool,
    /// `ste_returns_value`.
    pub returns_value: bool,
    /// `ste_needs_class_closure`: a class block whose methods use `__class__`.
    pub needs_class_closure: bool,
    /// `ste_needs_classdict`: a class block whose annotation scopes use `__classdict__`.
    pub needs_classdict: bool,
    /// `ste_comp_inlined`: a comprehension inlined into its parent (PEP 709).
    pub comp_inlined: bool,
    /// `ste_can_see_class_scope`: an annotation scope directly in a class.
    pub can_see_class_scope: bool,
    /// `ste_lineno`, `ste_col_offset`, `ste_end_lineno`, `ste_end_col_offset`.
    pub lineno: i32,
    pub col_offset: i32,
    pub end_lineno: i32,
    pub end_col_offset: i32,
    /// The parent block (None for the module).
    pub parent: Option<EntryId>,
    // Builder state (CPython keeps these on the entry too).
    #[allow(dead_code)]
    pub(crate) comp_iter_target: bool,
    #[allow(dead_code)]
    pub(crate) comp_iter_expr: i32,
    /// `ste_directives`: (name, location) of every `global`/`nonlocal` name.
    #[allow(dead_code)]
    pub(crate) directives: Vec<(String, ast::TextRange)>,
}

impl SymbolTableEntry {
    /// `_PyST_GetSymbol`: the flags of `name`, 0 when absent.
    pub fn get_symbol(&self, name: &str) -> SymbolFlags {
        self.symbols.get(name).unwrap_or(0)
    }

    /// `_PyST_GetScope`: the resolved scope of `name` (None = CPython's 0, absent).
    pub fn get_scope(&self, name: &str) -> Option<Scope> {
        Scope::from_int((self.get_symbol(name) >> SCOPE_OFFSET) & SCOPE_MASK)
    }

    /// `_PyST_IsFunctionLike`: function, annotation, type alias, type parameters or type
    /// variable block (the ones compiled to a code object with fast locals).
    pub fn is_function_like(&self) -> bool {
        matches!(
            self.typ,
            BlockType::Function
                | BlockType::Annotation
                | BlockType::TypeAlias
                | BlockType::TypeParameters
                | BlockType::TypeVariable
        )
    }

    /// `_Py_MaybeMangle`: mangle `name` with the class name `private`, except in a generic
    /// class's type-parameter block where only its type parameters are mangled.
    pub fn maybe_mangle<'a>(&self, private: Option<&str>, name: &'a str) -> Cow<'a, str> {
        if let Some(set) = &self.mangled_names {
            if !set.contains(name) {
                return Cow::Borrowed(name);
            }
        }
        mangle(private, name)
    }
}

/// `struct symtable`: every block of a compilation unit.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    /// `st_filename`.
    pub filename: String,
    /// `st_future`.
    pub future: FutureFeatures,
    /// All entries; index 0 is the module (`st_top`).
    pub entries: Vec<SymbolTableEntry>,
    /// `st_blocks`: node key → entry.
    pub blocks: HashMap<BlockKey, EntryId>,
}

impl SymbolTable {
    /// `st_top`: the module block.
    pub fn top(&self) -> &SymbolTableEntry {
        &self.entries[0]
    }

    /// `_PySymtable_Lookup`: the block opened by the node with key `key`.
    pub fn lookup(&self, key: BlockKey) -> Option<&SymbolTableEntry> {
        self.blocks.get(&key).map(|&i| &self.entries[i])
    }

    /// The id of the block opened by the node with key `key`.
    pub fn lookup_id(&self, key: BlockKey) -> Option<EntryId> {
        self.blocks.get(&key).copied()
    }

    pub fn entry(&self, id: EntryId) -> &SymbolTableEntry {
        &self.entries[id]
    }

    /// The block a lambda, comprehension or generator expression opens.
    pub fn lookup_expr(&self, e: &ast::Expr) -> Option<&SymbolTableEntry> {
        match e {
            ast::Expr::Lambda(n) => self.lookup(key(n)),
            ast::Expr::ListComp(n) => self.lookup(key(n)),
            ast::Expr::SetComp(n) => self.lookup(key(n)),
            ast::Expr::DictComp(n) => self.lookup(key(n)),
            ast::Expr::GeneratorExp(n) => self.lookup(key(n)),
            _ => None,
        }
    }

    /// The block a def, class or type alias opens (not its type-parameter block: see
    /// [`type_params_key`]).
    pub fn lookup_stmt(&self, s: &ast::Stmt) -> Option<&SymbolTableEntry> {
        match s {
            ast::Stmt::FunctionDef(n) => self.lookup(key(n)),
            ast::Stmt::AsyncFunctionDef(n) => self.lookup(key(n)),
            ast::Stmt::ClassDef(n) => self.lookup(key(n)),
            ast::Stmt::TypeAlias(n) => self.lookup(key(n)),
            _ => None,
        }
    }
}

/// `_PySymtable_Build`: the symbol table of `module`, or the error CPython's symtable
/// raises (SyntaxError, or RecursionError for too deep an AST) (positions as CPython sets them: `offset`/`end_offset` are 1-based **UTF-8 byte**
/// offsets, since symtable.c does not convert them; `text` is left `None`, to be filled
/// from the source by whoever reports it, as CPython reads it back from the file).
///
/// Runs on a thread with a large stack: both passes recurse once per AST nesting level,
/// up to CPython's limit of 10,000.
pub fn build(
    module: &ast::Mod,
    filename: &str,
    future: FutureFeatures,
) -> Result<SymbolTable, SyntaxError> {
    build_at_depth(module, filename, future, 0)
}

/// [`build`] when the compiler is entered at C recursion depth `starting_depth` (CPython
/// counts the symtable's recursion from there: 0 for a script, about 2 for `compile()`
/// called from Python code). Too deep an AST gives a `RecursionError`-kind error.
pub fn build_at_depth(
    module: &ast::Mod,
    filename: &str,
    future: FutureFeatures,
    starting_depth: u32,
) -> Result<SymbolTable, SyntaxError> {
    let run = || {
        let mut table = builder::build(module, filename, future, starting_depth)?;
        analyze::analyze(&mut table)?;
        Ok(table)
    };
    // On the current thread when it has the stack to spare (the `taipan` command's 1 GiB
    // main thread): a thread per module was a measurable part of compiling many files.
    if stacker::remaining_stack().is_some_and(|n| n >= STACK_BYTES) {
        return run();
    }
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, run)
            .expect("spawning the symtable thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// Stack for [`build`]'s thread.
const STACK_BYTES: usize = 256 << 20;

#[cfg(test)]
mod tests;
