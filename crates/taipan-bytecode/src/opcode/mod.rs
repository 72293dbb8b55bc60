//! The instruction table of CPython 3.13: the single source of truth for opcode names,
//! numbers, inline-cache sizes, argument kinds, specialization families and stack effects.
//!
//! The data comes from the reference interpreter itself (`generated.rs`, written by
//! `tools/gen_opcodes.py`); the stack effects, which CPython computes in C from
//! `Python/bytecodes.c`, are written out in `stack_effect.rs`. Tests compare both to the
//! reference (`tests/opcode_table.rs`, goldens by `tools/gen_bytecode_golden.py`).
//!
//! Numbering (3.13): real opcodes are 0..=254 (`HAVE_ARGUMENT` = 44 splits those without an
//! argument from those with one, except RESUME = 149 which has one), specialized variants
//! live in 150..=222 and 3, instrumented ones in 236..=254, and pseudo-instructions, which
//! only exist inside the compiler and never reach `co_code`, in 256..=267.

#[rustfmt::skip]
mod generated;
mod stack_effect;

pub use generated::*;
pub use stack_effect::{stack_effect, StackEffect};

/// An opcode number. A newtype over `u16` rather than an enum so that any byte found in
/// `co_code` can be held and asked about (`info` is `None` for numbers CPython does not
/// define), and pseudo-instructions (≥ 256) fit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Opcode(pub u16);

/// One row of the table.
#[derive(Debug)]
pub struct OpcodeInfo {
    /// The name `dis` prints (`dis._all_opname`).
    pub name: &'static str,
    pub number: u16,
    /// Code units of inline cache that follow the instruction (`_PyOpcode_Caches`);
    /// specialized instructions have the cache size of their family.
    pub cache_entries: u8,
    /// `HAS_ARG | HAS_CONST | …` bits, as `_opcode.has_arg(op)`, `_opcode.has_const(op)`, ….
    pub flags: u8,
    /// The unspecialized instruction of the family (`_PyOpcode_Deopt`); itself otherwise.
    pub deopt: Opcode,
    /// The specialized forms of this instruction (`_opcode_metadata._specializations`).
    pub specializations: &'static [Opcode],
}

impl Opcode {
    /// The row for this number, `None` when `_opcode.is_valid(op)` is false.
    pub fn info(self) -> Option<&'static OpcodeInfo> {
        OPCODE_TABLE.get(self.0 as usize).and_then(Option::as_ref)
    }

    /// `_opcode.is_valid(op)`.
    pub fn is_valid(self) -> bool {
        self.info().is_some()
    }

    /// The opcode's name; `<N>` for an undefined number, as `dis` shows it.
    pub fn name(self) -> std::borrow::Cow<'static, str> {
        match self.info() {
            Some(i) => std::borrow::Cow::Borrowed(i.name),
            None => std::borrow::Cow::Owned(format!("<{}>", self.0)),
        }
    }

    /// Look an opcode up by name (real, specialized and pseudo names).
    pub fn from_name(name: &str) -> Option<Opcode> {
        OPCODE_TABLE
            .iter()
            .flatten()
            .find(|i| i.name == name)
            .map(|i| Opcode(i.number))
    }

    fn has(self, flag: u8) -> bool {
        self.info().is_some_and(|i| i.flags & flag != 0)
    }
    pub fn has_arg(self) -> bool {
        self.has(HAS_ARG)
    }
    pub fn has_const(self) -> bool {
        self.has(HAS_CONST)
    }
    pub fn has_name(self) -> bool {
        self.has(HAS_NAME)
    }
    pub fn has_jump(self) -> bool {
        self.has(HAS_JUMP)
    }
    pub fn has_local(self) -> bool {
        self.has(HAS_LOCAL)
    }
    pub fn has_free(self) -> bool {
        self.has(HAS_FREE)
    }
    pub fn has_exc(self) -> bool {
        self.has(HAS_EXC)
    }

    /// Inline cache units after this instruction in `co_code` (0 for undefined numbers).
    pub fn cache_entries(self) -> usize {
        self.info().map_or(0, |i| i.cache_entries as usize)
    }

    /// `_PyOpcode_Deopt`: the family's base instruction.
    pub fn deopt(self) -> Opcode {
        self.info().map_or(self, |i| i.deopt)
    }

    pub fn is_pseudo(self) -> bool {
        self.0 >= MIN_PSEUDO_OPCODE
    }

    pub fn is_instrumented(self) -> bool {
        (MIN_INSTRUMENTED_OPCODE..MIN_PSEUDO_OPCODE).contains(&self.0)
    }

    pub fn is_specialized(self) -> bool {
        self.deopt() != self
    }
}

impl std::fmt::Debug for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.name())
    }
}
