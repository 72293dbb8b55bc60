//! Walking `co_code`: each code unit is (opcode, oparg byte); EXTENDED_ARG prefixes
//! contribute the high bytes of the next oparg, and an instruction's inline CACHE units
//! follow it. This mirrors `dis._unpack_opargs`, which `dis`, the VM's adaptive copy and
//! the tests share.

use crate::opcode::Opcode;

/// One instruction of `co_code` (EXTENDED_ARG prefixes are yielded as instructions too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Byte offset of this code unit.
    pub offset: usize,
    /// Byte offset of its first EXTENDED_ARG prefix (= `offset` when there is none).
    pub start_offset: usize,
    /// The opcode as stored (possibly a specialized or instrumented one).
    pub opcode: Opcode,
    /// The full argument (`None` when the instruction takes none), a C int as in CPython:
    /// four EXTENDED_ARGs may overflow it into negative values.
    pub oparg: Option<i32>,
    /// Inline cache units after it.
    pub cache_entries: usize,
}

/// `dis._unpack_opargs(code)`.
pub fn unpack_opargs(code: &[u8]) -> impl Iterator<Item = Instruction> + '_ {
    let mut i = 0;
    let mut extended_arg: i64 = 0;
    let mut extended_args = 0;
    std::iter::from_fn(move || {
        if i >= code.len() {
            return None;
        }
        let op = Opcode(code[i] as u16);
        let deopt = op.deopt();
        let caches = deopt.cache_entries();
        let oparg = if deopt.has_arg() {
            let arg = code.get(i + 1).copied().unwrap_or(0) as i64 | extended_arg;
            extended_arg = if deopt == Opcode::EXTENDED_ARG {
                arg << 8
            } else {
                0
            };
            if extended_arg >= 1 << 31 {
                extended_arg -= 1 << 32;
            }
            Some(arg as i32)
        } else {
            extended_arg = 0;
            None
        };
        let start_offset = if deopt == Opcode::EXTENDED_ARG {
            extended_args += 1;
            i
        } else {
            let s = i - 2 * extended_args;
            extended_args = 0;
            s
        };
        let instr = Instruction {
            offset: i,
            start_offset,
            opcode: op,
            oparg,
            cache_entries: caches,
        };
        i += 2 * (1 + caches);
        Some(instr)
    })
}
