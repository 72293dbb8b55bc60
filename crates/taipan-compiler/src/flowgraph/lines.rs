//! Line numbers of instructions that have none (PEP 626): `resolve_line_numbers` =
//! duplicate exit blocks without a line so that each has one predecessor to inherit a line
//! from (`duplicate_exits_without_lineno`), then `propagate_line_numbers`.

use super::{Cfg, Result, NONE};
use crate::instr_sequence::Location;

fn is_exit_or_eval_check_without_lineno(g: &Cfg, b: usize) -> bool {
    let blk = &g.blocks[b];
    if blk.exits_scope() || blk.has_eval_break() {
        blk.has_no_lineno()
    } else {
        false
    }
}

fn duplicate_exits_without_lineno(g: &mut Cfg) -> Result<()> {
    let mut next_lbl = g.max_label() + 1;
    let mut b = g.entry;
    while b != NONE {
        if let Some(last) = g.blocks[b].last().copied() {
            if super::is_jump(last.opcode) {
                let target = g.next_nonempty(last.target);
                if target != NONE
                    && is_exit_or_eval_check_without_lineno(g, target)
                    && g.blocks[target].predecessors > 1
                {
                    // copy_basicblock
                    let nt = g.new_block();
                    g.blocks[nt].instrs = g.blocks[target].instrs.clone();
                    g.blocks[nt].instrs[0].loc = last.loc;
                    let li = g.blocks[b].instrs.len() - 1;
                    g.blocks[b].instrs[li].target = nt;
                    g.blocks[target].predecessors -= 1;
                    g.blocks[nt].predecessors = 1;
                    g.blocks[nt].next = g.blocks[target].next;
                    g.blocks[nt].label = next_lbl;
                    next_lbl += 1;
                    g.blocks[target].next = nt;
                }
            }
        }
        b = g.blocks[b].next;
    }
    // Any remaining reachable exit blocks without line number can only be reached by
    // fall through, and thus can only have a single predecessor.
    let mut b = g.entry;
    while b != NONE {
        let next = g.blocks[b].next;
        if g.blocks[b].has_fallthrough() && next != NONE && !g.blocks[b].instrs.is_empty() {
            if is_exit_or_eval_check_without_lineno(g, next) {
                let loc = g.blocks[b].last().unwrap().loc;
                g.blocks[next].instrs[0].loc = loc;
            }
        }
        b = next;
    }
    Ok(())
}

fn propagate_line_numbers(g: &mut Cfg) {
    let mut b = g.entry;
    while b != NONE {
        let blk = &mut g.blocks[b];
        let Some(last) = blk.last().copied() else {
            b = blk.next;
            continue;
        };
        let mut prev = Location::NONE;
        for ins in blk.instrs.iter_mut() {
            if ins.loc.lineno < 0 {
                ins.loc = prev;
            } else {
                prev = ins.loc;
            }
        }
        let next = blk.next;
        let ft = blk.has_fallthrough();
        if ft && next != NONE && g.blocks[next].predecessors == 1 {
            if let Some(first) = g.blocks[next].instrs.first_mut() {
                if first.loc.lineno < 0 {
                    first.loc = prev;
                }
            }
        }
        if super::is_jump(last.opcode) {
            let t = last.target;
            if g.blocks[t].predecessors == 1 {
                if let Some(first) = g.blocks[t].instrs.first_mut() {
                    if first.loc.lineno < 0 {
                        first.loc = prev;
                    }
                }
            }
        }
        b = next;
    }
}

pub(crate) fn resolve_line_numbers(g: &mut Cfg) -> Result<()> {
    duplicate_exits_without_lineno(g)?;
    propagate_line_numbers(g);
    Ok(())
}
