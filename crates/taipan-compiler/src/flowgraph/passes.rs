//! The graph-level passes of flowgraph.c, and the two entry points
//! `optimize_code_unit` (`_PyCfg_OptimizeCodeUnit`) and `optimized_cfg_to_instructions`
//! (`_PyCfg_OptimizedCfgToInstructionSequence`).

use taipan_bytecode::opcode::stack_effect;
use taipan_bytecode::{Constant, Opcode};

use super::lines::resolve_line_numbers;
use super::optimize::*;
use super::{
    is_block_push, is_jump, is_terminator, is_unconditional_jump, has_target, Cfg, CfgError, CfgInstr,
    Result, NONE,
};
use crate::instr_sequence::{InstrSequence, Location};
use crate::unit::CodeUnitMetadata;

/// `CO_MAXBLOCKS`: how deeply try/with blocks may nest.
const CO_MAXBLOCKS: usize = 21;

fn translate_jump_labels_to_targets(g: &mut Cfg) -> Result<()> {
    let order = g.order();
    let max_label = g.max_label();
    let mut label2block = vec![NONE; (max_label + 1).max(0) as usize];
    for &b in &order {
        let l = g.blocks[b].label;
        if l >= 0 {
            label2block[l as usize] = b;
        }
    }
    for &b in &order {
        for ins in &mut g.blocks[b].instrs {
            if has_target(ins.opcode) {
                let t = label2block.get(ins.oparg as usize).copied().unwrap_or(NONE);
                if t == NONE {
                    return Err(CfgError("jump to an unknown label".into()));
                }
                ins.target = t;
            }
        }
    }
    Ok(())
}

fn mark_except_handlers(g: &mut Cfg) {
    for b in g.order() {
        for i in 0..g.blocks[b].instrs.len() {
            let ins = g.blocks[b].instrs[i];
            if is_block_push(ins.opcode) {
                g.blocks[ins.target].except_handler = true;
            }
        }
    }
}

/// `label_exception_targets`: which handler covers each instruction, from the
/// SETUP_*/POP_BLOCK pseudo-instructions along every path.
fn label_exception_targets(g: &mut Cfg) -> Result<()> {
    g.clear_visited();
    let entry = g.entry;
    let mut todo = vec![entry];
    g.blocks[entry].visited = true;
    g.blocks[entry].exceptstack = Some(vec![NONE]);
    while let Some(b) = todo.pop() {
        let mut stack = g.blocks[b].exceptstack.take();
        let mut handler = *stack.as_ref().unwrap().last().unwrap();
        let mut last_yield_except_depth: i32 = -1;
        let n = g.blocks[b].instrs.len();
        for i in 0..n {
            let ins = g.blocks[b].instrs[i];
            if is_block_push(ins.opcode) {
                let t = ins.target;
                if !g.blocks[t].visited {
                    g.blocks[t].exceptstack = stack.clone();
                    todo.push(t);
                    g.blocks[t].visited = true;
                }
                if matches!(ins.opcode, Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP) {
                    g.blocks[t].preserve_lasti = true;
                }
                let s = stack.as_mut().unwrap();
                if s.len() > CO_MAXBLOCKS + 1 {
                    return Err(CfgError("too many statically nested blocks".into()));
                }
                s.push(t);
                handler = t;
            } else if ins.opcode == Opcode::POP_BLOCK {
                let s = stack.as_mut().unwrap();
                if s.len() <= 1 {
                    return Err(CfgError("POP_BLOCK without a block".into()));
                }
                s.pop();
                handler = *s.last().unwrap();
                g.blocks[b].instrs[i].set_op0(Opcode::NOP);
            } else if is_jump(ins.opcode) {
                g.blocks[b].instrs[i].except = handler;
                let t = ins.target;
                if !g.blocks[t].visited {
                    if g.blocks[b].has_fallthrough() {
                        g.blocks[t].exceptstack = stack.clone();
                    } else {
                        g.blocks[t].exceptstack = stack.take();
                    }
                    todo.push(t);
                    g.blocks[t].visited = true;
                }
            } else if ins.opcode == Opcode::YIELD_VALUE {
                g.blocks[b].instrs[i].except = handler;
                last_yield_except_depth = stack.as_ref().map_or(0, |s| s.len() as i32 - 1);
            } else if ins.opcode == Opcode::RESUME {
                g.blocks[b].instrs[i].except = handler;
                if ins.oparg != 0 {
                    if last_yield_except_depth == 1 {
                        g.blocks[b].instrs[i].oparg |= 4;
                    }
                    last_yield_except_depth = -1;
                }
            } else {
                g.blocks[b].instrs[i].except = handler;
            }
        }
        let next = g.blocks[b].next;
        if g.blocks[b].has_fallthrough() && next != NONE && !g.blocks[next].visited {
            g.blocks[next].exceptstack = stack;
            todo.push(next);
            g.blocks[next].visited = true;
        }
    }
    Ok(())
}

fn check_cfg(g: &Cfg) -> Result<()> {
    for b in g.order() {
        let instrs = &g.blocks[b].instrs;
        for (i, ins) in instrs.iter().enumerate() {
            if is_terminator(ins.opcode) && i != instrs.len() - 1 {
                return Err(CfgError("malformed control flow graph.".into()));
            }
        }
    }
    Ok(())
}

/// `remove_unreachable`: count predecessors, empty the blocks nothing reaches.
fn remove_unreachable(g: &mut Cfg) {
    let order = g.order();
    for &b in &order {
        g.blocks[b].predecessors = 0;
    }
    g.clear_visited();
    let entry = g.entry;
    g.blocks[entry].predecessors = 1;
    g.blocks[entry].visited = true;
    let mut stack = vec![entry];
    while let Some(b) = stack.pop() {
        let next = g.blocks[b].next;
        if next != NONE && g.blocks[b].has_fallthrough() {
            if !g.blocks[next].visited {
                stack.push(next);
                g.blocks[next].visited = true;
            }
            g.blocks[next].predecessors += 1;
        }
        for i in 0..g.blocks[b].instrs.len() {
            let ins = g.blocks[b].instrs[i];
            if is_jump(ins.opcode) || is_block_push(ins.opcode) {
                let t = ins.target;
                if !g.blocks[t].visited {
                    stack.push(t);
                    g.blocks[t].visited = true;
                }
                g.blocks[t].predecessors += 1;
            }
        }
    }
    for &b in &order {
        if g.blocks[b].predecessors == 0 {
            g.blocks[b].instrs.clear();
            g.blocks[b].except_handler = false;
        }
    }
}

fn basicblock_remove_redundant_nops(g: &mut Cfg, b: usize) -> usize {
    let n = g.blocks[b].instrs.len();
    if !g.blocks[b].instrs.iter().any(|i| i.opcode == Opcode::NOP) {
        return 0;
    }
    // The line of the first instruction of the next non-empty block that is not a
    // location-less NOP (only needed when the block ends with a NOP).
    let next_block_lineno = if g.blocks[b].instrs[n - 1].opcode == Opcode::NOP {
        let next_block = g.next_nonempty(g.blocks[b].next);
        if next_block != NONE {
            Some(
                g.blocks[next_block]
                    .instrs
                    .iter()
                    .find(|i| !(i.opcode == Opcode::NOP && i.loc.lineno == Location::NONE.lineno))
                    .map_or(Location::NONE.lineno, |i| i.loc.lineno),
            )
        } else {
            None
        }
    } else {
        None
    };
    let instrs = &mut g.blocks[b].instrs;
    let mut dest = 0;
    let mut prev_lineno = -1;
    for src in 0..n {
        let lineno = instrs[src].loc.lineno;
        if instrs[src].opcode == Opcode::NOP {
            if lineno < 0 {
                continue;
            }
            if prev_lineno == lineno {
                continue;
            }
            if src < n - 1 {
                let next_lineno = instrs[src + 1].loc.lineno;
                if next_lineno == lineno {
                    continue;
                }
                if next_lineno < 0 {
                    instrs[src + 1].loc = instrs[src].loc;
                    continue;
                }
            } else if next_block_lineno == Some(lineno) {
                continue;
            }
        }
        if dest != src {
            instrs[dest] = instrs[src];
        }
        dest += 1;
        prev_lineno = lineno;
    }
    instrs.truncate(dest);
    n - dest
}

pub(crate) fn remove_redundant_nops(g: &mut Cfg) -> usize {
    let mut changes = 0;
    let mut b = g.entry;
    while b != NONE {
        changes += basicblock_remove_redundant_nops(g, b);
        b = g.blocks[b].next;
    }
    changes
}

/// `remove_redundant_nops_and_pairs`: also `LOAD_CONST; POP_TOP` and `COPY 1; POP_TOP`,
/// across fall-through block boundaries.
fn remove_redundant_nops_and_pairs(g: &mut Cfg) {
    let mut done = false;
    while !done {
        done = true;
        let mut instr: Option<(usize, usize)> = None;
        let mut b = g.entry;
        while b != NONE {
            basicblock_remove_redundant_nops(g, b);
            if g.blocks[b].label >= 0 {
                instr = None;
            }
            for i in 0..g.blocks[b].instrs.len() {
                let prev = instr;
                instr = Some((b, i));
                let (prev_opcode, prev_oparg) = match prev {
                    Some((pb, pi)) => {
                        let p = &g.blocks[pb].instrs[pi];
                        (p.opcode, p.oparg)
                    }
                    None => (Opcode(0), 0),
                };
                if g.blocks[b].instrs[i].opcode == Opcode::POP_TOP
                    && (prev_opcode == Opcode::LOAD_CONST || (prev_opcode == Opcode::COPY && prev_oparg == 1))
                {
                    let (pb, pi) = prev.unwrap();
                    g.blocks[pb].instrs[pi].set_op0(Opcode::NOP);
                    g.blocks[b].instrs[i].set_op0(Opcode::NOP);
                    done = false;
                }
            }
            let last_is_jump = instr.is_some_and(|(ib, ii)| is_jump(g.blocks[ib].instrs[ii].opcode));
            if last_is_jump || !g.blocks[b].has_fallthrough() {
                instr = None;
            }
            b = g.blocks[b].next;
        }
    }
}

fn remove_redundant_jumps(g: &mut Cfg) -> Result<usize> {
    let mut changes = 0;
    let mut b = g.entry;
    while b != NONE {
        if let Some(last) = g.blocks[b].last().copied() {
            if is_unconditional_jump(last.opcode) {
                let jump_target = g.next_nonempty(last.target);
                if jump_target == NONE {
                    return Err(CfgError("jump with NULL target".into()));
                }
                let next = g.next_nonempty(g.blocks[b].next);
                if jump_target == next {
                    changes += 1;
                    g.blocks[b].instrs.last_mut().unwrap().set_op0(Opcode::NOP);
                }
            }
        }
        b = g.blocks[b].next;
    }
    Ok(changes)
}

fn remove_redundant_nops_and_jumps(g: &mut Cfg) -> Result<()> {
    loop {
        let removed_nops = remove_redundant_nops(g);
        let removed_jumps = remove_redundant_jumps(g)?;
        if removed_nops + removed_jumps == 0 {
            return Ok(());
        }
    }
}

const MAX_COPY_SIZE: usize = 4;

fn basicblock_inline_small_or_no_lineno_blocks(g: &mut Cfg, b: usize) -> bool {
    let Some(last) = g.blocks[b].last().copied() else { return false };
    if !is_unconditional_jump(last.opcode) {
        return false;
    }
    let target = last.target;
    let t = &g.blocks[target];
    let small_exit_block = t.exits_scope() && t.instrs.len() <= MAX_COPY_SIZE;
    let no_lineno_no_fallthrough = t.has_no_lineno() && !t.has_fallthrough();
    if small_exit_block || no_lineno_no_fallthrough {
        let removed_jump_opcode = last.opcode;
        g.blocks[b].instrs.last_mut().unwrap().set_op0(Opcode::NOP);
        let copied = g.blocks[target].instrs.clone();
        g.blocks[b].instrs.extend(copied);
        if no_lineno_no_fallthrough {
            let l = g.blocks[b].instrs.last_mut().unwrap();
            if is_unconditional_jump(l.opcode) && removed_jump_opcode == Opcode::JUMP {
                l.opcode = Opcode::JUMP;
            }
        }
        g.blocks[target].predecessors -= 1;
        return true;
    }
    false
}

fn inline_small_or_no_lineno_blocks(g: &mut Cfg) {
    loop {
        let mut changes = false;
        let mut b = g.entry;
        while b != NONE {
            if basicblock_inline_small_or_no_lineno_blocks(g, b) {
                changes = true;
            }
            b = g.blocks[b].next;
        }
        if !changes {
            break;
        }
    }
}

fn optimize_cfg(g: &mut Cfg, consts: &mut Vec<Constant>) -> Result<()> {
    check_cfg(g)?;
    inline_small_or_no_lineno_blocks(g);
    remove_unreachable(g);
    resolve_line_numbers(g)?;
    optimize_load_const(g, consts)?;
    for b in g.order() {
        optimize_basic_block(g, b, consts)?;
    }
    remove_redundant_nops_and_pairs(g);
    remove_unreachable(g);
    remove_redundant_nops_and_jumps(g)?;
    Ok(())
}

fn mark_warm(g: &mut Cfg) {
    g.clear_visited();
    let entry = g.entry;
    let mut stack = vec![entry];
    g.blocks[entry].visited = true;
    while let Some(b) = stack.pop() {
        g.blocks[b].warm = true;
        let next = g.blocks[b].next;
        if next != NONE && g.blocks[b].has_fallthrough() && !g.blocks[next].visited {
            stack.push(next);
            g.blocks[next].visited = true;
        }
        for i in 0..g.blocks[b].instrs.len() {
            let ins = g.blocks[b].instrs[i];
            if is_jump(ins.opcode) && !g.blocks[ins.target].visited {
                stack.push(ins.target);
                g.blocks[ins.target].visited = true;
            }
        }
    }
}

fn mark_cold(g: &mut Cfg) {
    mark_warm(g);
    g.clear_visited();
    let mut stack = Vec::new();
    for b in g.order() {
        if g.blocks[b].except_handler {
            stack.push(b);
            g.blocks[b].visited = true;
        }
    }
    while let Some(b) = stack.pop() {
        g.blocks[b].cold = true;
        let next = g.blocks[b].next;
        if next != NONE && g.blocks[b].has_fallthrough() && !g.blocks[next].warm && !g.blocks[next].visited {
            stack.push(next);
            g.blocks[next].visited = true;
        }
        for i in 0..g.blocks[b].instrs.len() {
            let ins = g.blocks[b].instrs[i];
            if is_jump(ins.opcode) {
                let t = ins.target;
                if !g.blocks[t].warm && !g.blocks[t].visited {
                    stack.push(t);
                    g.blocks[t].visited = true;
                }
            }
        }
    }
}

fn push_cold_blocks_to_end(g: &mut Cfg) -> Result<()> {
    let entry = g.entry;
    if g.blocks[entry].next == NONE {
        return Ok(());
    }
    mark_cold(g);
    let mut next_lbl = g.max_label() + 1;
    let mut b = entry;
    while b != NONE {
        let next = g.blocks[b].next;
        if g.blocks[b].cold && g.blocks[b].has_fallthrough() && next != NONE && g.blocks[next].warm {
            let ej = g.new_block();
            if g.blocks[next].label < 0 {
                g.blocks[next].label = next_lbl;
                next_lbl += 1;
            }
            let mut j = CfgInstr::new(Opcode::JUMP_NO_INTERRUPT, g.blocks[next].label, Location::NONE);
            j.target = next;
            g.blocks[ej].instrs.push(j);
            g.blocks[ej].cold = true;
            g.blocks[ej].next = next;
            g.blocks[ej].predecessors = 1;
            g.blocks[b].next = ej;
        }
        b = g.blocks[b].next;
    }

    let mut cold_blocks = NONE;
    let mut cold_tail = NONE;
    let mut b = entry;
    while g.blocks[b].next != NONE {
        while g.blocks[b].next != NONE && !g.blocks[g.blocks[b].next].cold {
            b = g.blocks[b].next;
        }
        if g.blocks[b].next == NONE {
            break;
        }
        let start = g.blocks[b].next;
        let mut end = start;
        while g.blocks[end].next != NONE && g.blocks[g.blocks[end].next].cold {
            end = g.blocks[end].next;
        }
        if cold_blocks == NONE {
            cold_blocks = start;
        } else {
            g.blocks[cold_tail].next = start;
        }
        cold_tail = end;
        g.blocks[b].next = g.blocks[end].next;
        g.blocks[end].next = NONE;
    }
    g.blocks[b].next = cold_blocks;
    if cold_blocks != NONE {
        remove_redundant_nops_and_jumps(g)?;
    }
    Ok(())
}

/// `_PyCfg_OptimizeCodeUnit`.
pub(crate) fn optimize_code_unit_cfg(
    g: &mut Cfg,
    consts: &mut Vec<Constant>,
    nlocals: usize,
    nparams: usize,
) -> Result<()> {
    translate_jump_labels_to_targets(g)?;
    mark_except_handlers(g);
    label_exception_targets(g)?;
    optimize_cfg(g, consts)?;
    remove_unused_consts(g, consts);
    add_checks_for_loads_of_uninitialized_variables(g, nlocals, nparams);
    insert_superinstructions(g);
    push_cold_blocks_to_end(g)?;
    resolve_line_numbers(g)?;
    Ok(())
}

/// Build the graph of `seq` and optimize it (`_PyCfg_FromInstructionSequence` +
/// `_PyCfg_OptimizeCodeUnit`); `consts` is the unit's constant list, which folding may
/// extend and which loses the constants no longer used.
pub fn optimize_code_unit(
    seq: &InstrSequence,
    consts: &mut Vec<Constant>,
    nlocals: usize,
    nparams: usize,
) -> std::result::Result<OptimizedCfg, CfgError> {
    let mut g = super::from_instr_sequence(seq)?;
    optimize_code_unit_cfg(&mut g, consts, nlocals, nparams)?;
    Ok(OptimizedCfg(g))
}

/// A graph after `optimize_code_unit`.
#[derive(Clone, Debug)]
pub struct OptimizedCfg(pub(crate) Cfg);

fn stackdepth_push(g: &mut Cfg, stack: &mut Vec<usize>, b: usize, depth: i32) -> Result<()> {
    let sd = g.blocks[b].startdepth;
    if !(sd < 0 || sd == depth) {
        return Err(CfgError("Invalid CFG, inconsistent stackdepth".into()));
    }
    if sd < depth && sd < 100 {
        g.blocks[b].startdepth = depth;
        stack.push(b);
    }
    Ok(())
}

fn effect(ins: &CfgInstr, jump: bool) -> Result<i32> {
    let e = stack_effect(ins.opcode, ins.oparg, Some(jump)).ok_or_else(|| {
        CfgError(format!("Invalid stack effect for opcode={}, arg={}", ins.opcode.0, ins.oparg))
    })?;
    if is_block_push(ins.opcode) && !jump {
        return Ok(0);
    }
    Ok(e.net() as i32)
}

/// `calculate_stackdepth`.
fn calculate_stackdepth(g: &mut Cfg) -> Result<i32> {
    for b in g.order() {
        g.blocks[b].startdepth = i32::MIN;
    }
    let mut stack = Vec::new();
    let mut maxdepth = 0;
    let entry = g.entry;
    stackdepth_push(g, &mut stack, entry, 0)?;
    while let Some(b) = stack.pop() {
        let mut depth = g.blocks[b].startdepth;
        let mut next = g.blocks[b].next;
        for i in 0..g.blocks[b].instrs.len() {
            let ins = g.blocks[b].instrs[i];
            let new_depth = depth + effect(&ins, false)?;
            if new_depth < 0 {
                return Err(CfgError("Invalid CFG, stack underflow".into()));
            }
            maxdepth = maxdepth.max(new_depth);
            if has_target(ins.opcode) {
                let target_depth = depth + effect(&ins, true)?;
                maxdepth = maxdepth.max(target_depth);
                stackdepth_push(g, &mut stack, ins.target, target_depth)?;
            }
            depth = new_depth;
            if is_unconditional_jump(ins.opcode) || super::is_scope_exit(ins.opcode) {
                next = NONE;
                break;
            }
        }
        if next != NONE {
            stackdepth_push(g, &mut stack, next, depth)?;
        }
    }
    Ok(maxdepth)
}

fn build_cellfixedoffsets(umd: &CodeUnitMetadata) -> Vec<i32> {
    let nlocals = umd.varnames.len() as i32;
    let noffsets = umd.cellvars.len() + umd.freevars.len();
    let mut fixed: Vec<i32> = (0..noffsets as i32).map(|i| nlocals + i).collect();
    for (cellindex, name) in umd.cellvars.items().iter().enumerate() {
        if let Some(argoffset) = umd.varnames.get(name) {
            fixed[cellindex] = argoffset as i32;
        }
    }
    fixed
}

const CO_GENERATOR: i32 = 0x20;
const CO_COROUTINE: i32 = 0x80;
const CO_ASYNC_GENERATOR: i32 = 0x200;

fn insert_prefix_instructions(g: &mut Cfg, umd: &CodeUnitMetadata, fixed: &[i32], code_flags: i32) {
    let entry = g.entry;
    if code_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0 {
        let loc = Location {
            lineno: umd.firstlineno,
            end_lineno: umd.firstlineno,
            col_offset: -1,
            end_col_offset: -1,
        };
        let instrs = &mut g.blocks[entry].instrs;
        instrs.insert(0, CfgInstr::new(Opcode::RETURN_GENERATOR, 0, loc));
        instrs.insert(1, CfgInstr::new(Opcode::POP_TOP, 0, loc));
    }
    let ncellvars = umd.cellvars.len();
    if ncellvars > 0 {
        let nvars = ncellvars + umd.varnames.len();
        let mut sorted = vec![0i32; nvars];
        for (i, &f) in fixed.iter().take(ncellvars).enumerate() {
            sorted[f as usize] = i as i32 + 1;
        }
        let mut ncellsused = 0;
        let mut i = 0;
        while ncellsused < ncellvars {
            let oldindex = sorted[i] - 1;
            i += 1;
            if oldindex == -1 {
                continue;
            }
            g.blocks[entry]
                .instrs
                .insert(ncellsused, CfgInstr::new(Opcode::MAKE_CELL, oldindex, Location::NONE));
            ncellsused += 1;
        }
    }
    let nfreevars = umd.freevars.len();
    if nfreevars > 0 {
        g.blocks[entry]
            .instrs
            .insert(0, CfgInstr::new(Opcode::COPY_FREE_VARS, nfreevars as i32, Location::NONE));
    }
}

fn fix_cell_offsets(g: &mut Cfg, umd: &CodeUnitMetadata, fixed: &mut [i32]) -> i32 {
    let nlocals = umd.varnames.len() as i32;
    let mut numdropped = 0;
    for (i, f) in fixed.iter_mut().enumerate() {
        if *f == i as i32 + nlocals {
            *f -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    for b in g.order() {
        for ins in &mut g.blocks[b].instrs {
            if matches!(
                ins.opcode,
                Opcode::MAKE_CELL
                    | Opcode::LOAD_CLOSURE
                    | Opcode::LOAD_DEREF
                    | Opcode::STORE_DEREF
                    | Opcode::DELETE_DEREF
                    | Opcode::LOAD_FROM_DICT_OR_DEREF
            ) {
                if let Some(&f) = fixed.get(ins.oparg as usize) {
                    ins.oparg = f;
                }
            }
        }
    }
    numdropped
}

fn convert_pseudo_ops(g: &mut Cfg) -> Result<()> {
    for b in g.order() {
        for ins in &mut g.blocks[b].instrs {
            if is_block_push(ins.opcode) {
                ins.set_op0(Opcode::NOP);
            } else if ins.opcode == Opcode::LOAD_CLOSURE {
                ins.opcode = Opcode::LOAD_FAST;
            } else if ins.opcode == Opcode::STORE_FAST_MAYBE_NULL {
                ins.opcode = Opcode::STORE_FAST;
            }
        }
    }
    remove_redundant_nops_and_jumps(g)
}

fn normalize_jumps(g: &mut Cfg) {
    let order = g.order();
    for &b in &order {
        g.blocks[b].visited = false;
    }
    let mut b = g.entry;
    while b != NONE {
        g.blocks[b].visited = true;
        if let Some(last) = g.blocks[b].last().copied() {
            if is_jump(last.opcode) && !is_unconditional_jump(last.opcode) && g.blocks[last.target].visited {
                let reversed = match last.opcode {
                    Opcode::POP_JUMP_IF_NOT_NONE => Opcode::POP_JUMP_IF_NONE,
                    Opcode::POP_JUMP_IF_NONE => Opcode::POP_JUMP_IF_NOT_NONE,
                    Opcode::POP_JUMP_IF_FALSE => Opcode::POP_JUMP_IF_TRUE,
                    Opcode::POP_JUMP_IF_TRUE => Opcode::POP_JUMP_IF_FALSE,
                    _ => Opcode(0),
                };
                let bj = g.new_block();
                let mut j = CfgInstr::new(Opcode::JUMP, 0, last.loc);
                j.target = last.target;
                g.blocks[bj].instrs.push(j);
                let next = g.blocks[b].next;
                let l = g.blocks[b].instrs.last_mut().unwrap();
                l.opcode = reversed;
                l.target = next;
                g.blocks[bj].cold = g.blocks[b].cold;
                g.blocks[bj].next = next;
                g.blocks[b].next = bj;
            }
        }
        b = g.blocks[b].next;
    }
}

/// The exception handler of an instruction, as the assembler needs it
/// (`_PyExceptHandlerInfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptHandler {
    /// Index (in the instruction list) of the handler's first instruction.
    pub target: usize,
    pub startdepth: i32,
    pub preserve_lasti: bool,
}

/// One instruction of the final list: real opcode, jump targets as instruction indices.
#[derive(Clone, Copy, Debug)]
pub struct AsmInstr {
    pub opcode: Opcode,
    pub oparg: i32,
    pub loc: Location,
    /// For jumps: index of the target instruction.
    pub target: usize,
    pub except: Option<ExceptHandler>,
}

/// `_PyCfg_OptimizedCfgToInstructionSequence`: stack depth, prologue, cell offsets,
/// pseudo-instructions, jump directions. Returns (instructions, stackdepth, nlocalsplus).
pub fn optimized_cfg_to_instructions(
    cfg: OptimizedCfg,
    umd: &CodeUnitMetadata,
    code_flags: i32,
) -> std::result::Result<(Vec<AsmInstr>, i32, i32), CfgError> {
    let mut g = cfg.0;
    let stackdepth = calculate_stackdepth(&mut g)?;
    // prepare_localsplus
    let nlocalsplus = (umd.varnames.len() + umd.cellvars.len() + umd.freevars.len()) as i32;
    let mut fixed = build_cellfixedoffsets(umd);
    insert_prefix_instructions(&mut g, umd, &fixed, code_flags);
    let numdropped = fix_cell_offsets(&mut g, umd, &mut fixed);
    let nlocalsplus = nlocalsplus - numdropped;
    convert_pseudo_ops(&mut g)?;
    normalize_jumps(&mut g);

    // _PyCfg_ToInstructionSequence: block → index of the next instruction placed.
    let order = g.order();
    let mut first = vec![0usize; g.blocks.len()];
    let mut n = 0;
    for &b in &order {
        first[b] = n;
        n += g.blocks[b].instrs.len();
    }
    let mut out = Vec::with_capacity(n);
    for &b in &order {
        for ins in &g.blocks[b].instrs {
            let target = if has_target(ins.opcode) { first[ins.target] } else { 0 };
            let except = if ins.except != NONE {
                let h = &g.blocks[ins.except];
                Some(ExceptHandler {
                    target: first[ins.except],
                    startdepth: h.startdepth,
                    preserve_lasti: h.preserve_lasti,
                })
            } else {
                None
            };
            out.push(AsmInstr { opcode: ins.opcode, oparg: ins.oparg, loc: ins.loc, target, except });
        }
    }
    Ok((out, stackdepth, nlocalsplus))
}
