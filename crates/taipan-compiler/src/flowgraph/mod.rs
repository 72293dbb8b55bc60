//! The control-flow graph and its optimizations: CPython 3.13's Python/flowgraph.c.
//!
//! An `InstrSequence` from code generation is cut into basic blocks
//! (`from_instr_sequence`), optimized in CPython's order (`optimize_code_unit` =
//! `_PyCfg_OptimizeCodeUnit`), then turned back into a flat list of real instructions with
//! resolved exception handlers (`optimized_cfg_to_instructions` =
//! `_PyCfg_OptimizedCfgToInstructionSequence`), which `assemble` encodes.
//!
//! Blocks live in an arena (`Cfg::blocks`) and are chained by `next` (CPython's
//! `b_next`); a jump's target and an instruction's exception handler are block indices.
//! Every pass is written to visit blocks and instructions in the same order as CPython's,
//! because the output bytes depend on it (which duplicate gets which line, which
//! constants get appended first, …).

mod lines;
mod optimize;
mod passes;

use taipan_bytecode::Opcode;

use crate::instr_sequence::{InstrSequence, Location};

pub use passes::{optimize_code_unit, optimized_cfg_to_instructions, AsmInstr, ExceptHandler};

/// "No block".
pub(crate) const NONE: usize = usize::MAX;

/// An error CPython reports as SystemError/ValueError from the optimizer (malformed input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CfgError(pub String);

impl std::fmt::Display for CfgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CfgError {}

pub(crate) type Result<T> = std::result::Result<T, CfgError>;

/// `cfg_instr`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CfgInstr {
    pub opcode: Opcode,
    pub oparg: i32,
    pub loc: Location,
    /// Jump / block-push target block, or NONE.
    pub target: usize,
    /// Exception handler block when this instruction raises, or NONE.
    pub except: usize,
}

impl CfgInstr {
    pub fn new(opcode: Opcode, oparg: i32, loc: Location) -> CfgInstr {
        CfgInstr { opcode, oparg, loc, target: NONE, except: NONE }
    }
    pub fn set_op0(&mut self, op: Opcode) {
        self.opcode = op;
        self.oparg = 0;
    }
    pub fn set_op1(&mut self, op: Opcode, arg: i32) {
        self.opcode = op;
        self.oparg = arg;
    }
}

/// `basicblock`.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// Label id, -1 when the block is not a (labelled) jump target.
    pub label: i32,
    pub instrs: Vec<CfgInstr>,
    pub next: usize,
    pub unsafe_locals_mask: u64,
    pub predecessors: i32,
    pub startdepth: i32,
    pub preserve_lasti: bool,
    pub visited: bool,
    pub except_handler: bool,
    pub cold: bool,
    pub warm: bool,
    /// The except stack at the block's start while labelling exception targets.
    pub exceptstack: Option<Vec<usize>>,
}

impl Block {
    fn new() -> Block {
        Block {
            label: -1,
            instrs: Vec::new(),
            next: NONE,
            unsafe_locals_mask: 0,
            predecessors: 0,
            startdepth: 0,
            preserve_lasti: false,
            visited: false,
            except_handler: false,
            cold: false,
            warm: false,
            exceptstack: None,
        }
    }

    pub fn last(&self) -> Option<&CfgInstr> {
        self.instrs.last()
    }

    /// `basicblock_nofallthrough`.
    pub fn no_fallthrough(&self) -> bool {
        self.last().is_some_and(|l| is_scope_exit(l.opcode) || is_unconditional_jump(l.opcode))
    }

    pub fn has_fallthrough(&self) -> bool {
        !self.no_fallthrough()
    }

    /// `basicblock_exits_scope`.
    pub fn exits_scope(&self) -> bool {
        self.last().is_some_and(|l| is_scope_exit(l.opcode))
    }

    pub fn has_eval_break(&self) -> bool {
        self.instrs.iter().any(|i| has_eval_break(i.opcode))
    }

    pub fn has_no_lineno(&self) -> bool {
        self.instrs.iter().all(|i| i.loc.lineno < 0)
    }
}

/// The graph (`cfg_builder`).
#[derive(Clone, Debug)]
pub(crate) struct Cfg {
    pub blocks: Vec<Block>,
    pub entry: usize,
    cur: usize,
    current_label: i32,
    /// The constants' keys while optimizing (see `optimize::add_const`).
    pub const_index: Option<rustc_hash::FxHashMap<Vec<u8>, i32>>,
}

impl Cfg {
    fn new() -> Cfg {
        Cfg { blocks: vec![Block::new()], entry: 0, cur: 0, current_label: -1, const_index: None }
    }

    pub fn new_block(&mut self) -> usize {
        self.blocks.push(Block::new());
        self.blocks.len() - 1
    }

    /// Blocks in `next` order.
    pub fn order(&self) -> Vec<usize> {
        let mut v = Vec::new();
        let mut b = self.entry;
        while b != NONE {
            v.push(b);
            b = self.blocks[b].next;
        }
        v
    }

    /// `make_cfg_traversal_stack`'s side effect: clear `visited` along the chain.
    pub fn clear_visited(&mut self) {
        let mut b = self.entry;
        while b != NONE {
            self.blocks[b].visited = false;
            b = self.blocks[b].next;
        }
    }

    pub fn next_nonempty(&self, mut b: usize) -> usize {
        while b != NONE && self.blocks[b].instrs.is_empty() {
            b = self.blocks[b].next;
        }
        b
    }

    pub fn max_label(&self) -> i32 {
        self.order().into_iter().map(|b| self.blocks[b].label).max().unwrap_or(-1).max(-1)
    }

    fn current_block_is_terminated(&mut self) -> bool {
        let cur = self.cur;
        if let Some(last) = self.blocks[cur].last() {
            if is_terminator(last.opcode) {
                return true;
            }
        }
        if self.current_label >= 0 {
            if self.blocks[cur].last().is_some() || self.blocks[cur].label >= 0 {
                return true;
            }
            self.blocks[cur].label = self.current_label;
            self.current_label = -1;
        }
        false
    }

    fn maybe_start_new_block(&mut self) {
        if self.current_block_is_terminated() {
            let b = self.new_block();
            self.blocks[b].label = self.current_label;
            self.current_label = -1;
            self.blocks[self.cur].next = b;
            self.cur = b;
        }
    }

    fn use_label(&mut self, lbl: i32) {
        self.current_label = lbl;
        self.maybe_start_new_block();
    }

    fn addop(&mut self, opcode: Opcode, oparg: i32, loc: Location) {
        self.maybe_start_new_block();
        self.blocks[self.cur].instrs.push(CfgInstr::new(opcode, oparg, loc));
    }
}

/// `_PyCfg_FromInstructionSequence`: labels become instruction indices, and a new block
/// starts at every jump target and after every terminator.
pub(crate) fn from_instr_sequence(seq: &InstrSequence) -> Result<Cfg> {
    let n = seq.instrs.len();
    let mut opargs: Vec<i32> = Vec::with_capacity(n);
    let mut is_target = vec![false; n];
    for ins in &seq.instrs {
        let mut arg = ins.oparg;
        if has_target(ins.opcode) {
            let lbl = usize::try_from(arg).map_err(|_| CfgError("bad label".into()))?;
            let idx = *seq.label_map.get(lbl).ok_or_else(|| CfgError("bad label".into()))?;
            if idx < 0 || idx as usize >= n {
                return Err(CfgError("jump to a label that is not placed".into()));
            }
            arg = idx;
            is_target[idx as usize] = true;
        }
        opargs.push(arg);
    }
    let mut g = Cfg::new();
    for (i, ins) in seq.instrs.iter().enumerate() {
        if is_target[i] {
            g.use_label(i as i32);
        }
        g.addop(ins.opcode, opargs[i], ins.loc);
    }
    Ok(g)
}

// --- opcode classes (pycore_opcode_utils.h)

pub(crate) fn is_block_push(op: Opcode) -> bool {
    matches!(op, Opcode::SETUP_FINALLY | Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP)
}

pub(crate) fn is_jump(op: Opcode) -> bool {
    op.has_jump()
}

pub(crate) fn has_target(op: Opcode) -> bool {
    is_jump(op) || is_block_push(op)
}

pub(crate) fn is_unconditional_jump(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    )
}

pub(crate) fn is_scope_exit(op: Opcode) -> bool {
    matches!(op, Opcode::RETURN_VALUE | Opcode::RETURN_CONST | Opcode::RAISE_VARARGS | Opcode::RERAISE)
}

pub(crate) fn is_terminator(op: Opcode) -> bool {
    is_jump(op) || is_scope_exit(op)
}

/// `OPCODE_HAS_EVAL_BREAK` for the instructions the compiler emits.
pub(crate) fn has_eval_break(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::RESUME
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP
            | Opcode::CALL
            | Opcode::CALL_KW
            | Opcode::CALL_FUNCTION_EX
    )
}
