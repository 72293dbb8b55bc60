//! The instruction sequence: what code generation produces for one code unit and the
//! flow-graph optimizer consumes — CPython 3.13's `instr_sequence` (Python/instruction_sequence.c).
//!
//! Instructions are real or pseudo opcodes (`SETUP_FINALLY`, `JUMP`, `LOAD_CLOSURE`, …,
//! numbered 256+ as in `_opcode_metadata`). A jump's oparg is a label id until the
//! assembler resolves it. This is the seam between `codegen` and `flowgraph`: both sides
//! are checked independently against the reference's `_testinternalcapi.compiler_codegen`
//! and `optimize_cfg`/`assemble_code_object`, which use the same representation.

use taipan_bytecode::Opcode;

/// A source range: CPython's `_Py_SourceLocation`. -1 means "none" in every field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col_offset: i32,
    pub end_col_offset: i32,
}

impl Location {
    /// `NO_LOCATION`: an instruction with no position (e.g. implicit returns' cleanup).
    pub const NONE: Location = Location { lineno: -1, end_lineno: -1, col_offset: -1, end_col_offset: -1 };
}

/// A jump target. Labels are numbered from 0 per sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub i32);

/// One instruction: `(opcode, oparg, location)`, as `InstructionSequence.get_instructions()`
/// shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub opcode: Opcode,
    pub oparg: i32,
    pub loc: Location,
}

/// The instructions of one code unit, with label positions.
#[derive(Clone, Debug, Default)]
pub struct InstrSequence {
    pub instrs: Vec<Instr>,
    /// `label_map[label] = index of the instruction the label is on` (-1 until used).
    pub label_map: Vec<i32>,
}

impl InstrSequence {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn new_label(&mut self) -> Label {
        self.label_map.push(-1);
        Label(self.label_map.len() as i32 - 1)
    }

    /// Place `label` on the next instruction added.
    pub fn use_label(&mut self, label: Label) {
        self.label_map[label.0 as usize] = self.instrs.len() as i32;
    }

    pub fn addop(&mut self, opcode: Opcode, oparg: i32, loc: Location) {
        self.instrs.push(Instr { opcode, oparg, loc });
    }
}
