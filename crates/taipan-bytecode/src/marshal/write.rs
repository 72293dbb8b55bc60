//! `marshal.dumps` (version 4), written to be byte-identical to CPython 3.13's output for
//! the code objects its compiler produces.
//!
//! CPython sets FLAG_REF on an object when its reference count is above one at dump time
//! (`w_ref`), always on interned strings, and then writes later occurrences of the *same
//! object* as TYPE_REF. Plain data has no reference counts, so this writer models where
//! CPython's objects are shared:
//!
//! * The compiler merges equal constants across the whole module (`_PyCode_ConstantKey`,
//!   `c_const_cache`) and interns names, so equal constants and equal names are one object.
//!   A constant value occurring more than once in the tree is "shared" → FLAG_REF, and its
//!   later occurrences become TYPE_REF.
//! * Immortal objects have a huge count → always FLAG_REF: interned strings, the small ints
//!   −5..=256, the empty tuple, and the empty and one-byte bytes constants.
//! * The compiler also merges each code object's `co_consts`, `co_names` and
//!   `co_localsplusnames` tuples into that cache (`makecode`), so equal tuples there are one
//!   object too — with each other and with equal tuple constants.
//! * Frozenset constants holding a string interned before code creation are rebuilt for
//!   each code object (see `mergeable`), so those are not merged (except as part of equal
//!   `co_consts` tuples).
//! * Equal `co_linetable`s and equal `co_exceptiontable`s are one object in CPython's output
//!   (measured over the whole Lib), so they are merged like constants.
//!   `co_localspluskinds` is a fresh object with one reference — no FLAG_REF, never merged —
//!   unless empty (then it is the singleton). `co_code` is the cached `_co_code` (two
//!   references): FLAG_REF, never referred to again.
//! * NaNs are never merged: their cache key compares by identity.
//! * `co_names`, `co_localsplusnames`, `co_filename`, `co_name`, `co_qualname` are interned
//!   by code creation, so they are written interned.
//! * The root object (what `marshal.dumps` is called with) is referenced by its caller:
//!   FLAG_REF. (CPython omits it for a temporary, `marshal.dumps([1])`, whose count is 1.)
//! * Set and frozenset elements always carry FLAG_REF: CPython's writer holds a second
//!   reference to each while it dumps it (`_PySet_NextEntryRef`, then the sort pairs).
//! * Set and frozenset elements are written sorted by their own marshalled bytes
//!   (bpo-37596, for reproducible builds), each key dumped on its own.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use dashu_int::{IBig, Sign};

use super::type_code as t;
use super::{ErrorKind, MarshalError, FLAG_REF, MAX_MARSHAL_STACK_DEPTH};
use crate::code::CodeObject;
use crate::constant::Constant;
use crate::pystr::PyStr;

type Result<T> = std::result::Result<T, MarshalError>;

/// `marshal.dumps(value)` (version 4).
pub fn dumps(value: &Constant) -> Result<Vec<u8>> {
    dumps_version(value, super::VERSION)
}

/// `marshal.dumps(value, version)`. Versions below 4 drop the short ASCII string and small
/// tuple types, below 3 also references and interning, below 2 binary floats (written as
/// `%.17g` text instead).
pub fn dumps_version(value: &Constant, version: i32) -> Result<Vec<u8>> {
    let mut identifiers = HashSet::default();
    for s in ["None", "True", "False"] {
        identifiers.insert(PyStr::new(s));
    }
    collect_identifiers(value, &mut identifiers, 0);
    let mut counts = HashMap::default();
    count_value(value, &mut counts, &identifiers, 0);
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        depth: 0,
        counts: &counts,
        identifiers: &identifiers,
        refs: HashMap::default(),
        nrefs: 0,
        plain: version < 3,
        version,
    };
    w.value(value, true)?;
    Ok(w.out)
}

/// The identity of a mergeable value: its marshal bytes without any FLAG_REF or TYPE_REF.
/// Equal keys ⇔ equal under `_PyCode_ConstantKey` (floats by bits, bool ≠ int, the
/// interned flag is part of the type code).
type Key = Vec<u8>;

/// Does the value have a constant key (`_PyCode_ConstantKey` compares it by value)?
fn keyable(c: &Constant) -> bool {
    match c {
        Constant::None
        | Constant::Ellipsis
        | Constant::Bool(_)
        | Constant::StopIteration
        | Constant::Int(_)
        | Constant::Str { .. }
        | Constant::Bytes(_) => true,
        // A NaN's cache key compares by identity: equal-looking NaNs stay distinct.
        Constant::Float(f) => !f.is_nan(),
        Constant::Complex { real, imag } => !real.is_nan() && !imag.is_nan(),
        Constant::Tuple(items) | Constant::FrozenSet(items) => items.iter().all(keyable),
        _ => false,
    }
}

/// Is the value merged with equal values elsewhere (and so may carry FLAG_REF)? Code
/// objects, mutable containers and the singletons (written without FLAG_REF) are not.
///
/// Frozensets are, except those holding a string that was interned before the code object
/// was made (`identifiers`: the module's names, and the keywords): code creation interns
/// string constants (`intern_string_constants`), and when that swaps an element for the
/// already-interned object it builds a new frozenset for that code object alone.
fn mergeable(c: &Constant, identifiers: &HashSet<PyStr>) -> bool {
    match c {
        Constant::None | Constant::Ellipsis | Constant::Bool(_) | Constant::StopIteration => false,
        Constant::FrozenSet(items) => {
            keyable(c) && !items.iter().any(|i| matches!(i, Constant::Str { value, .. } if identifiers.contains(value) && !singleton_str(value)))
        }
        _ => keyable(c),
    }
}

/// The empty and one-Latin-1-character strings are immortal singletons: the parser's
/// constant already is the interned object, so interning it changes nothing.
fn singleton_str(s: &PyStr) -> bool {
    let mut cps = s.code_points();
    match (cps.next(), cps.next()) {
        (None, _) => true,
        (Some(c), None) => c < 256,
        _ => false,
    }
}

/// Every name of every code object in the tree (they are interned while parsing).
fn collect_identifiers(c: &Constant, out: &mut HashSet<PyStr>, depth: usize) {
    if depth > MAX_MARSHAL_STACK_DEPTH {
        return;
    }
    match c {
        Constant::Code(code) => {
            out.extend(code.names.iter().cloned());
            out.extend(code.localsplusnames.iter().cloned());
            out.insert(code.name.clone());
            code.consts
                .iter()
                .for_each(|c| collect_identifiers(c, out, depth + 1));
        }
        Constant::Tuple(items) | Constant::List(items) => items
            .iter()
            .for_each(|c| collect_identifiers(c, out, depth + 1)),
        _ => {}
    }
}

fn plain_writer(counts: &HashMap<Key, usize>) -> Writer<'_> {
    static NO_IDENTIFIERS: std::sync::OnceLock<HashSet<PyStr>> = std::sync::OnceLock::new();
    Writer {
        // Keys are mostly short: one allocation instead of several small regrowths.
        out: Vec::with_capacity(64),
        depth: 0,
        counts,
        identifiers: NO_IDENTIFIERS.get_or_init(HashSet::default),
        refs: HashMap::default(),
        nrefs: 0,
        plain: true,
        version: super::VERSION,
    }
}

/// The key of a tuple of `items` (as `key_of(&Constant::Tuple(items))`).
fn tuple_key(items: &[Constant]) -> Key {
    let counts = HashMap::default();
    let mut w = plain_writer(&counts);
    let _ = w.seq_header(items.len(), false);
    for i in items {
        let _ = w.value(i, false);
    }
    w.out
}

/// The key of a bytes object.
fn bytes_key(b: &[u8]) -> Key {
    let counts = HashMap::default();
    let mut w = plain_writer(&counts);
    let _ = w.bytes(b, false);
    w.out
}

/// The key of a tuple of interned names.
fn names_key(names: &[PyStr]) -> Key {
    let counts = HashMap::default();
    let mut w = plain_writer(&counts);
    let _ = w.seq_header(names.len(), false);
    for n in names {
        let _ = w.str(n, true, false);
    }
    w.out
}

/// Immortal in CPython 3.13: always written with FLAG_REF.
fn immortal(c: &Constant) -> bool {
    match c {
        Constant::Str { interned, .. } => *interned,
        Constant::Int(i) => *i >= IBig::from(-5) && *i <= IBig::from(256),
        Constant::Tuple(items) => items.is_empty(),
        Constant::Bytes(b) => b.len() <= 1,
        _ => false,
    }
}

/// `None` when the value cannot be written (nested too deeply): it is then not merged, and
/// writing it reports the error.
fn key_of(c: &Constant) -> Option<Key> {
    let counts = HashMap::default();
    let mut w = plain_writer(&counts);
    w.value(c, false).ok()?;
    Some(w.out)
}

/// Count how many references the tree makes to each mergeable value. The items of a
/// merged container are counted once: all its occurrences are one object, which holds one
/// reference to each item.
fn count_value(c: &Constant, counts: &mut HashMap<Key, usize>, ids: &HashSet<PyStr>, depth: usize) {
    if depth > MAX_MARSHAL_STACK_DEPTH {
        return; // the writer reports the error
    }
    if mergeable(c, ids) {
        if let Some(key) = key_of(c) {
            if bump(counts, key) > 1 {
                return;
            }
        }
    }
    match c {
        Constant::Tuple(items)
        | Constant::FrozenSet(items)
        | Constant::List(items)
        | Constant::Set(items) => items
            .iter()
            .for_each(|i| count_value(i, counts, ids, depth + 1)),
        Constant::Dict(pairs) => pairs.iter().for_each(|(k, v)| {
            count_value(k, counts, ids, depth + 1);
            count_value(v, counts, ids, depth + 1);
        }),
        Constant::Code(code) => {
            bump(counts, names_key(&code.names));
            bump(counts, names_key(&code.localsplusnames));
            bump(counts, bytes_key(&code.linetable));
            bump(counts, bytes_key(&code.exceptiontable));
            if code.consts.iter().all(keyable) && bump(counts, tuple_key(&code.consts)) > 1 {
                return;
            }
            code.consts
                .iter()
                .for_each(|c| count_value(c, counts, ids, depth + 2))
        }
        _ => {}
    }
}

fn bump(counts: &mut HashMap<Key, usize>, key: Key) -> usize {
    let n = counts.entry(key).or_insert(0);
    *n += 1;
    *n
}

struct Writer<'c> {
    out: Vec<u8>,
    depth: usize,
    counts: &'c HashMap<Key, usize>,
    /// See `mergeable`.
    identifiers: &'c HashSet<PyStr>,
    /// Values already written with FLAG_REF → their reference index.
    refs: HashMap<Key, u32>,
    nrefs: u32,
    /// Computing a `Key`, or a version below 3: no FLAG_REF, no TYPE_REF.
    plain: bool,
    /// The marshal format version (0..=4).
    version: i32,
}
impl Writer<'_> {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }
    fn long(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn size(&mut self, n: usize) -> Result<()> {
        let n = i32::try_from(n)
            .map_err(|_| MarshalError::new(ErrorKind::ValueError, "unmarshallable object"))?;
        self.long(n);
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_MARSHAL_STACK_DEPTH {
            self.depth -= 1;
            return Err(MarshalError::new(
                ErrorKind::ValueError,
                "object too deeply nested to marshal",
            ));
        }
        Ok(())
    }

    /// Write the type code, taking a reference index when `flag`.
    fn type_code(&mut self, code: u8, flag: bool) {
        if flag && !self.plain {
            self.nrefs += 1;
            self.byte(code | FLAG_REF);
        } else {
            self.byte(code);
        }
    }

    /// If `key` was written with FLAG_REF already, write TYPE_REF to it.
    fn back_reference(&mut self, key: &Key) -> bool {
        match self.refs.get(key) {
            Some(&idx) => {
                self.byte(t::REF);
                self.long(idx as i32);
                true
            }
            None => false,
        }
    }

    /// A mergeable object about to be written: `None` when it was written before (a
    /// TYPE_REF has been emitted), else whether it takes FLAG_REF.
    fn merged(&mut self, key: Key, immortal: bool, force_ref: bool) -> Option<bool> {
        if self.plain {
            return Some(false);
        }
        if self.back_reference(&key) {
            return None;
        }
        let flag = force_ref || immortal || self.counts.get(&key).is_some_and(|&n| n > 1);
        if flag {
            self.refs.insert(key, self.nrefs);
        }
        Some(flag)
    }

    /// `w_object` for a value (merged with equal values where CPython merges them).
    fn value(&mut self, c: &Constant, force_ref: bool) -> Result<()> {
        self.enter()?;
        let r = self.value_inner(c, force_ref);
        self.depth -= 1;
        r
    }

    fn value_inner(&mut self, c: &Constant, force_ref: bool) -> Result<()> {
        match c {
            Constant::None => {
                self.byte(t::NONE);
                return Ok(());
            }
            Constant::StopIteration => {
                self.byte(t::STOPITER);
                return Ok(());
            }
            Constant::Ellipsis => {
                self.byte(t::ELLIPSIS);
                return Ok(());
            }
            Constant::Bool(false) => {
                self.byte(t::FALSE);
                return Ok(());
            }
            Constant::Bool(true) => {
                self.byte(t::TRUE);
                return Ok(());
            }
            _ => {}
        }
        let mut flag = force_ref;
        if !self.plain && mergeable(c, self.identifiers) {
            if let Some(key) = key_of(c) {
                match self.merged(key, immortal(c), force_ref) {
                    Some(f) => flag = f,
                    None => return Ok(()),
                }
            }
        }
        match c {
            Constant::Int(i) => self.int(i, flag),
            Constant::Float(f) if self.version < 2 => {
                self.type_code(t::FLOAT, flag);
                self.text_float(*f);
            }
            Constant::Float(f) => {
                self.type_code(t::BINARY_FLOAT, flag);
                self.out.extend_from_slice(&f.to_le_bytes());
            }
            Constant::Complex { real, imag } if self.version < 2 => {
                self.type_code(t::COMPLEX, flag);
                self.text_float(*real);
                self.text_float(*imag);
            }
            Constant::Complex { real, imag } => {
                self.type_code(t::BINARY_COMPLEX, flag);
                self.out.extend_from_slice(&real.to_le_bytes());
                self.out.extend_from_slice(&imag.to_le_bytes());
            }
            Constant::Str { value, interned } => self.str(value, *interned, flag)?,
            Constant::Bytes(b) => self.bytes(b, flag)?,
            Constant::Tuple(items) => {
                self.seq_header(items.len(), flag)?;
                for item in items.iter() {
                    self.value(item, false)?;
                }
            }
            Constant::List(items) => {
                self.type_code(t::LIST, flag);
                self.size(items.len())?;
                for item in items.iter() {
                    self.value(item, false)?;
                }
            }
            Constant::FrozenSet(items) | Constant::Set(items) => {
                self.type_code(
                    if matches!(c, Constant::FrozenSet(_)) {
                        t::FROZENSET
                    } else {
                        t::SET
                    },
                    flag,
                );
                self.size(items.len())?;
                // Sorted by each element's own marshal bytes, as CPython 3.11+ does; each
                // element is referenced twice meanwhile, hence FLAG_REF in keys and output.
                let mut keyed = Vec::with_capacity(items.len());
                for item in items.iter() {
                    let mut sub = Writer {
                        out: Vec::new(),
                        depth: self.depth,
                        counts: self.counts,
                        identifiers: self.identifiers,
                        refs: HashMap::default(),
                        nrefs: 0,
                        plain: self.plain,
                        version: self.version,
                    };
                    sub.value(item, true)?;
                    keyed.push((sub.out, item));
                }
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, item) in keyed {
                    self.value(item, true)?;
                }
            }
            Constant::Dict(pairs) => {
                self.type_code(t::DICT, flag);
                for (k, v) in pairs.iter() {
                    self.value(k, false)?;
                    self.value(v, false)?;
                }
                self.byte(t::NULL);
            }
            Constant::Code(code) => self.code(code, flag)?,
            Constant::None | Constant::StopIteration | Constant::Ellipsis | Constant::Bool(_) => {}
        }
        Ok(())
    }

    /// TYPE_FLOAT text (marshal versions 0 and 1): a length byte and C's `%.17g`, i.e.
    /// `PyOS_double_to_string(x, 'g', 17, 0, NULL)`.
    fn text_float(&mut self, f: f64) {
        let text = taipan_dtoa::double_to_string(f, 'g', 17, taipan_dtoa::DtoaFlags::default());
        self.byte(text.len() as u8);
        self.out.extend_from_slice(text.as_bytes());
    }

    fn seq_header(&mut self, n: usize, flag: bool) -> Result<()> {
        if n < 256 && self.version >= 4 {
            self.type_code(t::SMALL_TUPLE, flag);
            self.byte(n as u8);
            Ok(())
        } else {
            self.type_code(t::TUPLE, flag);
            self.size(n)
        }
    }

    fn int(&mut self, i: &IBig, flag: bool) {
        if let Ok(small) = i32::try_from(i) {
            self.type_code(t::INT, flag);
            self.long(small);
            return;
        }
        // TYPE_LONG: |n| 15-bit digits, least significant first, n < 0 for negatives.
        let (sign, magnitude) = i.clone().into_parts();
        let bytes = magnitude.to_le_bytes();
        let mut digits = Vec::with_capacity(bytes.len() * 8 / 15 + 1);
        let (mut acc, mut bits) = (0u32, 0u32);
        for &b in bytes.iter() {
            acc |= (b as u32) << bits;
            bits += 8;
            while bits >= 15 {
                digits.push((acc & 0x7FFF) as u16);
                acc >>= 15;
                bits -= 15;
            }
        }
        if bits > 0 {
            digits.push(acc as u16);
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        self.type_code(t::LONG, flag);
        let n = digits.len() as i32;
        self.long(if sign == Sign::Negative { -n } else { n });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }

    fn str(&mut self, s: &PyStr, interned: bool, flag: bool) -> Result<()> {
        let b = s.as_bytes();
        let interned = interned && self.version >= 3;
        if s.is_ascii() && self.version >= 4 {
            if b.len() < 256 {
                self.type_code(
                    if interned {
                        t::SHORT_ASCII_INTERNED
                    } else {
                        t::SHORT_ASCII
                    },
                    flag,
                );
                self.byte(b.len() as u8);
            } else {
                self.type_code(
                    if interned {
                        t::ASCII_INTERNED
                    } else {
                        t::ASCII
                    },
                    flag,
                );
                self.size(b.len())?;
            }
        } else {
            self.type_code(if interned { t::INTERNED } else { t::UNICODE }, flag);
            self.size(b.len())?;
        }
        self.out.extend_from_slice(b);
        Ok(())
    }

    fn bytes(&mut self, b: &[u8], flag: bool) -> Result<()> {
        self.type_code(t::STRING, flag);
        self.size(b.len())?;
        self.out.extend_from_slice(b);
        Ok(())
    }

    /// A name of a code object (`co_names` items, `co_filename`, …): an interned str.
    fn name(&mut self, s: &PyStr) -> Result<()> {
        self.value(
            &Constant::Str {
                value: s.clone(),
                interned: true,
            },
            false,
        )
    }

    /// `co_names` / `co_localsplusnames`: a tuple of interned names, merged like constants.
    fn names_tuple(&mut self, names: &[PyStr]) -> Result<()> {
        self.enter()?;
        let r = (|| {
            let Some(flag) = self.merged(names_key(names), names.is_empty(), false) else {
                return Ok(());
            };
            self.seq_header(names.len(), flag)?;
            names.iter().try_for_each(|n| self.name(n))
        })();
        self.depth -= 1;
        r
    }

    /// `co_linetable` / `co_exceptiontable`: equal tables are one object in CPython's
    /// output, so they are merged like constants.
    fn shared_bytes(&mut self, b: &[u8]) -> Result<()> {
        self.enter()?;
        let r = match self.merged(bytes_key(b), b.len() <= 1, false) {
            Some(flag) => self.bytes(b, flag),
            None => Ok(()),
        };
        self.depth -= 1;
        r
    }

    /// A bytes field of a code object: a fresh object, except the empty singleton.
    fn field_bytes(&mut self, b: &[u8], flag: bool) -> Result<()> {
        if b.is_empty() {
            return self.value(&Constant::Bytes(Vec::new().into()), false);
        }
        self.enter()?;
        let r = self.bytes(b, flag);
        self.depth -= 1;
        r
    }

    fn code(&mut self, code: &CodeObject, flag: bool) -> Result<()> {
        self.type_code(t::CODE, flag);
        for v in [
            code.argcount,
            code.posonlyargcount,
            code.kwonlyargcount,
            code.stacksize,
            code.flags,
        ] {
            self.long(v);
        }
        // co_code is the cached `_co_code` bytes: two references, so FLAG_REF.
        self.field_bytes(&code.code, true)?;
        self.enter()?;
        let consts = (|| {
            let mut flag = false;
            if code.consts.iter().all(keyable) {
                match self.merged(tuple_key(&code.consts), code.consts.is_empty(), false) {
                    Some(f) => flag = f,
                    None => return Ok(()),
                }
            }
            self.seq_header(code.consts.len(), flag)?;
            code.consts.iter().try_for_each(|c| self.value(c, false))
        })();
        self.depth -= 1;
        consts?;
        self.names_tuple(&code.names)?;
        self.names_tuple(&code.localsplusnames)?;
        self.field_bytes(&code.localspluskinds, false)?;
        self.name(&code.filename)?;
        self.name(&code.name)?;
        self.name(&code.qualname)?;
        self.long(code.firstlineno);
        self.shared_bytes(&code.linetable)?;
        self.shared_bytes(&code.exceptiontable)?;
        Ok(())
    }
}
