//! Peephole optimizations inside basic blocks (flowgraph.c's `optimize_load_const`,
//! `optimize_basic_block`, `swaptimize`/`apply_static_swaps`, `fold_tuple_on_constants`),
//! and the later per-instruction passes: `remove_unused_consts`,
//! `add_checks_for_loads_of_uninitialized_variables` and `insert_superinstructions`.

use rustc_hash::FxHashMap as HashMap;

use taipan_bytecode::{Constant, Opcode};

use super::{is_jump, Cfg, CfgInstr, Result, NONE};
use crate::unit::constant_key;

/// `PyObject_IsTrue` of a constant.
fn is_true(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(_) => *c != Constant::int(0),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str { value, .. } => !value.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::List(t) | Constant::Set(t) | Constant::FrozenSet(t) => {
            !t.is_empty()
        }
        Constant::Dict(d) => !d.is_empty(),
        Constant::Ellipsis | Constant::StopIteration | Constant::Code(_) => true,
    }
}

fn get_const(consts: &[Constant], oparg: i32) -> Result<&Constant> {
    consts
        .get(oparg as usize)
        .ok_or_else(|| super::CfgError("Internal error: failed to get value of a constant".into()))
}

/// `add_const`: the index of an equal constant, appending it if there is none.
/// `index` caches the constants' keys (built on first use; valid while `consts` only grows).
pub(crate) fn add_const(c: Constant, consts: &mut Vec<Constant>, index: &mut Option<HashMap<Vec<u8>, i32>>) -> i32 {
    let idx = index.get_or_insert_with(|| {
        let mut m = HashMap::default();
        for (i, x) in consts.iter().enumerate() {
            m.entry(constant_key(x)).or_insert(i as i32);
        }
        m
    });
    let key = constant_key(&c);
    if let Some(&i) = idx.get(&key) {
        return i;
    }
    consts.push(c);
    let i = consts.len() as i32 - 1;
    idx.insert(key, i);
    i
}

fn basicblock_optimize_load_const(
    instrs: &mut [CfgInstr],
    consts: &mut Vec<Constant>,
    index: &mut Option<HashMap<Vec<u8>, i32>>,
) -> Result<()> {
    let mut opcode = Opcode(0);
    let mut oparg = 0;
    let n = instrs.len();
    let mut i = 0;
    while i < n {
        let inst = instrs[i];
        let is_copy_of_load_const =
            opcode == Opcode::LOAD_CONST && inst.opcode == Opcode::COPY && inst.oparg == 1;
        if !is_copy_of_load_const {
            opcode = inst.opcode;
            oparg = inst.oparg;
        }
        if opcode != Opcode::LOAD_CONST {
            i += 1;
            continue;
        }
        let nextop = if i + 1 < n { instrs[i + 1].opcode } else { Opcode(0) };
        match nextop {
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                let t = is_true(get_const(consts, oparg)?);
                instrs[i].set_op0(Opcode::NOP);
                let jump_if_true = nextop == Opcode::POP_JUMP_IF_TRUE;
                if t == jump_if_true {
                    instrs[i + 1].opcode = Opcode::JUMP;
                } else {
                    instrs[i + 1].set_op0(Opcode::NOP);
                }
            }
            Opcode::IS_OP => {
                let c = get_const(consts, oparg)?;
                if matches!(c, Constant::None) && n > i + 2 {
                    let mut j = i + 2;
                    let mut ok = true;
                    if instrs[j].opcode == Opcode::TO_BOOL {
                        instrs[j].set_op0(Opcode::NOP);
                        if n <= i + 3 {
                            ok = false;
                        } else {
                            j = i + 3;
                        }
                    }
                    if ok {
                        let mut invert = instrs[i + 1].oparg != 0;
                        let jop = instrs[j].opcode;
                        if jop == Opcode::POP_JUMP_IF_FALSE {
                            invert = !invert;
                        } else if jop != Opcode::POP_JUMP_IF_TRUE {
                            ok = false;
                        }
                        if ok {
                            instrs[i].set_op0(Opcode::NOP);
                            instrs[i + 1].set_op0(Opcode::NOP);
                            instrs[j].opcode =
                                if invert { Opcode::POP_JUMP_IF_NOT_NONE } else { Opcode::POP_JUMP_IF_NONE };
                        }
                    }
                }
            }
            Opcode::RETURN_VALUE => {
                instrs[i].set_op0(Opcode::NOP);
                i += 1;
                instrs[i].set_op1(Opcode::RETURN_CONST, oparg);
            }
            Opcode::TO_BOOL => {
                let t = is_true(get_const(consts, oparg)?);
                let index = add_const(Constant::Bool(t), consts, index);
                instrs[i].set_op0(Opcode::NOP);
                instrs[i + 1].set_op1(Opcode::LOAD_CONST, index);
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

pub(crate) fn optimize_load_const(g: &mut Cfg, consts: &mut Vec<Constant>) -> Result<()> {
    for b in g.order() {
        basicblock_optimize_load_const(&mut g.blocks[b].instrs, consts, &mut g.const_index)?;
    }
    Ok(())
}

/// `fold_tuple_on_constants`: `LOAD_CONST`×n `BUILD_TUPLE n` → `LOAD_CONST tuple`.
fn fold_tuple_on_constants(
    instrs: &mut [CfgInstr],
    start: usize,
    n: usize,
    consts: &mut Vec<Constant>,
    index: &mut Option<HashMap<Vec<u8>, i32>>,
) -> Result<()> {
    for i in 0..n {
        if !instrs[start + i].opcode.has_const() {
            return Ok(());
        }
    }
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let ins = instrs[start + i];
        if ins.opcode != Opcode::LOAD_CONST {
            return Err(super::CfgError("Internal error: failed to get value of a constant".into()));
        }
        items.push(get_const(consts, ins.oparg)?.clone());
    }
    let index = add_const(Constant::tuple(items), consts, index);
    for i in 0..n {
        instrs[start + i].set_op0(Opcode::NOP);
    }
    instrs[start + n].set_op1(Opcode::LOAD_CONST, index);
    Ok(())
}

/// `jump_thread`: make the block's last instruction a NOP and append a jump straight to
/// the target's target. The new jump has no exception handler, like CPython's.
fn jump_thread(g: &mut Cfg, b: usize, i: usize, target: CfgInstr, opcode: Opcode) -> bool {
    let inst = g.blocks[b].instrs[i];
    if inst.target != target.target {
        g.blocks[b].instrs[i].set_op0(Opcode::NOP);
        let mut j = CfgInstr::new(opcode, 0, target.loc);
        j.target = target.target;
        g.blocks[b].instrs.push(j);
        true
    } else {
        false
    }
}

pub(crate) fn optimize_basic_block(g: &mut Cfg, b: usize, consts: &mut Vec<Constant>) -> Result<()> {
    let nop = CfgInstr::new(Opcode::NOP, 0, crate::instr_sequence::Location::NONE);
    let mut i: isize = 0;
    while (i as usize) < g.blocks[b].instrs.len() {
        let iu = i as usize;
        let inst = g.blocks[b].instrs[iu];
        let opcode = inst.opcode;
        let oparg = inst.oparg;
        let target = if super::has_target(opcode) {
            g.blocks[inst.target].instrs.first().copied().unwrap_or(nop)
        } else {
            nop
        };
        let len = g.blocks[b].instrs.len();
        let nextop = if iu + 1 < len { g.blocks[b].instrs[iu + 1].opcode } else { Opcode(0) };
        let Cfg { blocks, const_index, .. } = &mut *g;
        let instrs = &mut blocks[b].instrs;
        match opcode {
            Opcode::BUILD_TUPLE => {
                if nextop == Opcode::UNPACK_SEQUENCE && oparg == instrs[iu + 1].oparg {
                    match oparg {
                        1 => {
                            instrs[iu].set_op0(Opcode::NOP);
                            instrs[iu + 1].set_op0(Opcode::NOP);
                            i += 1;
                            continue;
                        }
                        2 | 3 => {
                            instrs[iu].set_op0(Opcode::NOP);
                            instrs[iu + 1].opcode = Opcode::SWAP;
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                if oparg >= 0 && iu >= oparg as usize {
                    fold_tuple_on_constants(instrs, iu - oparg as usize, oparg as usize, consts, const_index)?;
                }
            }
            Opcode::POP_JUMP_IF_NOT_NONE | Opcode::POP_JUMP_IF_NONE | Opcode::POP_JUMP_IF_FALSE
            | Opcode::POP_JUMP_IF_TRUE => {
                if target.opcode == Opcode::JUMP && jump_thread(g, b, iu, target, opcode) {
                    i -= 1;
                }
            }
            Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT => {
                if target.opcode == Opcode::JUMP {
                    if jump_thread(g, b, iu, target, Opcode::JUMP) {
                        i -= 1;
                    }
                    i += 1;
                    continue;
                } else if target.opcode == Opcode::JUMP_NO_INTERRUPT {
                    if jump_thread(g, b, iu, target, opcode) {
                        i -= 1;
                    }
                    i += 1;
                    continue;
                }
            }
            Opcode::STORE_FAST => {
                if opcode == nextop
                    && oparg == instrs[iu + 1].oparg
                    && instrs[iu].loc.lineno == instrs[iu + 1].loc.lineno
                {
                    instrs[iu].opcode = Opcode::POP_TOP;
                    instrs[iu].oparg = 0;
                }
            }
            Opcode::SWAP => {
                if oparg == 1 {
                    instrs[iu].set_op0(Opcode::NOP);
                }
            }
            Opcode::LOAD_GLOBAL => {
                if nextop == Opcode::PUSH_NULL && (oparg & 1) == 0 {
                    instrs[iu].set_op1(Opcode::LOAD_GLOBAL, oparg | 1);
                    instrs[iu + 1].set_op0(Opcode::NOP);
                }
            }
            Opcode::COMPARE_OP => {
                if nextop == Opcode::TO_BOOL {
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op1(Opcode::COMPARE_OP, oparg | 16);
                    i += 1;
                    continue;
                }
            }
            Opcode::CONTAINS_OP | Opcode::IS_OP => {
                if nextop == Opcode::TO_BOOL {
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op1(opcode, oparg);
                    i += 1;
                    continue;
                }
            }
            Opcode::TO_BOOL => {
                if nextop == Opcode::TO_BOOL {
                    instrs[iu].set_op0(Opcode::NOP);
                    i += 1;
                    continue;
                }
            }
            Opcode::UNARY_NOT => {
                if nextop == Opcode::TO_BOOL {
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op0(Opcode::UNARY_NOT);
                    i += 1;
                    continue;
                }
                if nextop == Opcode::UNARY_NOT {
                    instrs[iu].set_op0(Opcode::NOP);
                    instrs[iu + 1].set_op0(Opcode::NOP);
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let instrs = &mut g.blocks[b].instrs;
    let mut i = 0;
    while i < instrs.len() {
        if instrs[i].opcode == Opcode::SWAP {
            swaptimize(instrs, &mut i);
            apply_static_swaps(instrs, i as isize);
        }
        i += 1;
    }
    Ok(())
}

/// `swaptimize`: replace a run of SWAPs and NOPs by an optimal one with the same effect.
fn swaptimize(block: &mut [CfgInstr], ix: &mut usize) {
    let start = *ix;
    let mut depth = block[start].oparg;
    let mut len = 0;
    let mut more = false;
    let limit = block.len() - start;
    loop {
        len += 1;
        if len >= limit {
            break;
        }
        let op = block[start + len].opcode;
        if op == Opcode::SWAP {
            depth = depth.max(block[start + len].oparg);
            more = true;
        } else if op != Opcode::NOP {
            break;
        }
    }
    if !more {
        return;
    }
    let depth = depth.max(0) as usize;
    const VISITED: isize = -1;
    let mut stack: Vec<isize> = (0..depth as isize).collect();
    for i in 0..len {
        if block[start + i].opcode == Opcode::SWAP {
            let oparg = block[start + i].oparg;
            if oparg < 1 {
                return; // malformed: SWAP 0
            }
            stack.swap(0, oparg as usize - 1);
        }
    }
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as isize {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                let c = start + current as usize;
                block[c].opcode = Opcode::SWAP;
                block[c].oparg = j as i32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        block[start + current as usize].set_op0(Opcode::NOP);
        current -= 1;
    }
    *ix += len - 1;
}

fn swappable(op: Opcode) -> bool {
    matches!(op, Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL | Opcode::POP_TOP)
}

fn stores_to(i: &CfgInstr) -> i32 {
    if matches!(i.opcode, Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL) {
        i.oparg
    } else {
        -1
    }
}

fn next_swappable_instruction(block: &[CfgInstr], mut i: isize, lineno: i32) -> isize {
    loop {
        i += 1;
        if i as usize >= block.len() {
            return -1;
        }
        let ins = &block[i as usize];
        if lineno >= 0 && ins.loc.lineno != lineno {
            return -1;
        }
        if ins.opcode == Opcode::NOP {
            continue;
        }
        if swappable(ins.opcode) {
            return i;
        }
        return -1;
    }
}

/// `apply_static_swaps`: swap the instructions instead of the stack items when possible.
fn apply_static_swaps(block: &mut [CfgInstr], mut i: isize) {
    while i >= 0 {
        let swap = block[i as usize];
        if swap.opcode != Opcode::SWAP {
            if swap.opcode == Opcode::NOP || swappable(swap.opcode) {
                i -= 1;
                continue;
            }
            return;
        }
        let j = next_swappable_instruction(block, i, -1);
        if j < 0 {
            return;
        }
        let mut k = j;
        let lineno = block[j as usize].loc.lineno;
        let mut count = swap.oparg - 1;
        while count > 0 {
            k = next_swappable_instruction(block, k, lineno);
            if k < 0 {
                return;
            }
            count -= 1;
        }
        let store_j = stores_to(&block[j as usize]);
        let store_k = stores_to(&block[k as usize]);
        if store_j >= 0 || store_k >= 0 {
            if store_j == store_k {
                return;
            }
            for idx in (j + 1) as usize..k as usize {
                let s = stores_to(&block[idx]);
                if s >= 0 && (s == store_j || s == store_k) {
                    return;
                }
            }
        }
        block[i as usize].set_op0(Opcode::NOP);
        block.swap(j as usize, k as usize);
        i -= 1;
    }
}

/// `remove_unused_consts`: drop constants no instruction loads (keeping the first, which
/// may be the docstring) and renumber.
pub(crate) fn remove_unused_consts(g: &mut Cfg, consts: &mut Vec<Constant>) {
    let n = consts.len();
    if n == 0 {
        return;
    }
    let mut used = vec![false; n];
    used[0] = true;
    let order = g.order();
    for &b in &order {
        for ins in &g.blocks[b].instrs {
            if ins.opcode.has_const() {
                if let Some(u) = used.get_mut(ins.oparg as usize) {
                    *u = true;
                }
            }
        }
    }
    if used.iter().all(|&u| u) {
        return;
    }
    let mut reverse = vec![-1i32; n];
    let mut kept = Vec::new();
    for (i, c) in consts.drain(..).enumerate() {
        if used[i] {
            reverse[i] = kept.len() as i32;
            kept.push(c);
        }
    }
    *consts = kept;
    for &b in &order {
        for ins in &mut g.blocks[b].instrs {
            if ins.opcode.has_const() {
                if let Some(&r) = reverse.get(ins.oparg as usize) {
                    ins.oparg = r;
                }
            }
        }
    }
}

fn maybe_push(g: &mut Cfg, b: usize, unsafe_mask: u64, stack: &mut Vec<usize>) {
    let blk = &mut g.blocks[b];
    let both = blk.unsafe_locals_mask | unsafe_mask;
    if blk.unsafe_locals_mask != both {
        blk.unsafe_locals_mask = both;
        if !blk.visited {
            stack.push(b);
            blk.visited = true;
        }
    }
}

fn scan_block_for_locals(g: &mut Cfg, b: usize, stack: &mut Vec<usize>) {
    let mut unsafe_mask = g.blocks[b].unsafe_locals_mask;
    for i in 0..g.blocks[b].instrs.len() {
        let ins = g.blocks[b].instrs[i];
        if ins.except != NONE {
            maybe_push(g, ins.except, unsafe_mask, stack);
        }
        if !(0..64).contains(&ins.oparg) {
            continue;
        }
        let bit = 1u64 << ins.oparg;
        match ins.opcode {
            Opcode::DELETE_FAST | Opcode::LOAD_FAST_AND_CLEAR | Opcode::STORE_FAST_MAYBE_NULL => {
                unsafe_mask |= bit
            }
            Opcode::STORE_FAST | Opcode::LOAD_FAST_CHECK => unsafe_mask &= !bit,
            Opcode::LOAD_FAST => {
                if unsafe_mask & bit != 0 {
                    g.blocks[b].instrs[i].opcode = Opcode::LOAD_FAST_CHECK;
                }
                unsafe_mask &= !bit;
            }
            _ => {}
        }
    }
    let next = g.blocks[b].next;
    if next != NONE && g.blocks[b].has_fallthrough() {
        maybe_push(g, next, unsafe_mask, stack);
    }
    if let Some(last) = g.blocks[b].last().copied() {
        if is_jump(last.opcode) {
            maybe_push(g, last.target, unsafe_mask, stack);
        }
    }
}

fn fast_scan_many_locals(g: &mut Cfg, nlocals: usize) {
    let mut states = vec![0usize; nlocals - 64];
    let mut blocknum = 0usize;
    for b in g.order() {
        blocknum += 1;
        for ins in &mut g.blocks[b].instrs {
            let arg = ins.oparg;
            if arg < 64 || arg as usize >= nlocals {
                continue;
            }
            let s = &mut states[arg as usize - 64];
            match ins.opcode {
                Opcode::DELETE_FAST | Opcode::LOAD_FAST_AND_CLEAR | Opcode::STORE_FAST_MAYBE_NULL => {
                    *s = blocknum - 1
                }
                Opcode::STORE_FAST => *s = blocknum,
                Opcode::LOAD_FAST => {
                    if *s != blocknum {
                        ins.opcode = Opcode::LOAD_FAST_CHECK;
                    }
                    *s = blocknum;
                }
                _ => {}
            }
        }
    }
}

/// `add_checks_for_loads_of_uninitialized_variables`: LOAD_FAST → LOAD_FAST_CHECK where
/// the local may be unbound.
pub(crate) fn add_checks_for_loads_of_uninitialized_variables(g: &mut Cfg, nlocals: usize, nparams: usize) {
    if nlocals == 0 {
        return;
    }
    let mut nlocals = nlocals;
    if nlocals > 64 {
        fast_scan_many_locals(g, nlocals);
        nlocals = 64;
    }
    g.clear_visited();
    let mut stack = Vec::new();
    let mut start_mask = 0u64;
    for i in nparams..nlocals {
        start_mask |= 1u64 << i;
    }
    let entry = g.entry;
    maybe_push(g, entry, start_mask, &mut stack);
    for b in g.order() {
        scan_block_for_locals(g, b, &mut stack);
    }
    while let Some(b) = stack.pop() {
        g.blocks[b].visited = false;
        scan_block_for_locals(g, b, &mut stack);
    }
}

fn make_super_instruction(instrs: &mut [CfgInstr], i: usize, super_op: Opcode) {
    let (l1, l2) = (instrs[i].loc.lineno, instrs[i + 1].loc.lineno);
    if l1 >= 0 && l2 >= 0 && l1 != l2 {
        return;
    }
    if instrs[i].oparg >= 16 || instrs[i + 1].oparg >= 16 {
        return;
    }
    let arg = (instrs[i].oparg << 4) | instrs[i + 1].oparg;
    instrs[i].set_op1(super_op, arg);
    instrs[i + 1].set_op0(Opcode::NOP);
}

pub(crate) fn insert_superinstructions(g: &mut Cfg) {
    for b in g.order() {
        let instrs = &mut g.blocks[b].instrs;
        for i in 0..instrs.len() {
            let nextop = if i + 1 < instrs.len() { instrs[i + 1].opcode } else { Opcode(0) };
            match (instrs[i].opcode, nextop) {
                (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => {
                    make_super_instruction(instrs, i, Opcode::LOAD_FAST_LOAD_FAST)
                }
                (Opcode::STORE_FAST, Opcode::LOAD_FAST) => {
                    make_super_instruction(instrs, i, Opcode::STORE_FAST_LOAD_FAST)
                }
                (Opcode::STORE_FAST, Opcode::STORE_FAST) => {
                    make_super_instruction(instrs, i, Opcode::STORE_FAST_STORE_FAST)
                }
                _ => {}
            }
        }
    }
    super::passes::remove_redundant_nops(g);
}
