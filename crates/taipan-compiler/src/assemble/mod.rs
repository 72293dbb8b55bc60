//! The assembler: CPython 3.13's Python/assemble.c, plus `optimize_and_assemble`
//! (compile.c's `optimize_and_assemble_code_unit`), the entry point from code generation.
//!
//! From the optimizer's flat instruction list: jump directions and offsets (growing
//! EXTENDED_ARG prefixes until the sizes settle), `co_code` with zeroed inline caches, the
//! location table (one entry per run of instructions with the same location, split every
//! 8 code units), the exception table (one entry per run of instructions with the same
//! handler), and the code object's name tables (`co_localsplusnames`/`kinds`).

use taipan_bytecode::location::{encode_exception_entry, ExceptionTableEntry, LocationTableWriter, Position};
use taipan_bytecode::{CodeObject, Constant, Opcode, PyStr};

use crate::flowgraph::{optimize_code_unit, optimized_cfg_to_instructions, AsmInstr, CfgError};
use crate::instr_sequence::{InstrSequence, Location};
use crate::unit::CodeUnitMetadata;

/// A code unit that cannot be assembled (CPython: SystemError/ValueError/OverflowError).
pub type AssembleError = CfgError;

const CO_VARARGS: i32 = 0x4;
const CO_VARKEYWORDS: i32 = 0x8;

/// `optimize_and_assemble_code_unit`: optimize `seq`'s graph and build the code object.
/// Nested code objects must already be in `umd.consts`.
pub fn optimize_and_assemble(
    umd: &CodeUnitMetadata,
    seq: &InstrSequence,
    code_flags: i32,
    filename: &str,
) -> Result<CodeObject, AssembleError> {
    let mut consts: Vec<Constant> = umd.consts.items().to_vec();
    let nlocals = umd.varnames.len();
    // The symbol table's parameter list (`ste_varnames`).
    let nparams = (umd.argcount + umd.posonlyargcount + umd.kwonlyargcount) as usize
        + (code_flags & CO_VARARGS != 0) as usize
        + (code_flags & CO_VARKEYWORDS != 0) as usize;
    let cfg = optimize_code_unit(seq, &mut consts, nlocals, nparams)?;
    let (mut instrs, stackdepth, nlocalsplus) = optimized_cfg_to_instructions(cfg, umd, code_flags)?;
    resolve_unconditional_jumps(&mut instrs);
    let offsets = resolve_jump_offsets(&mut instrs);
    let code = emit_code(&instrs);
    let linetable = location_table(&instrs, umd.firstlineno);
    let exceptiontable = exception_table(&instrs, &offsets);
    let (localsplusnames, localspluskinds) = localsplus_info(umd, nlocalsplus as usize);
    Ok(CodeObject {
        argcount: umd.posonlyargcount + umd.argcount,
        posonlyargcount: umd.posonlyargcount,
        kwonlyargcount: umd.kwonlyargcount,
        stacksize: stackdepth,
        flags: code_flags,
        code,
        consts,
        names: umd.names.items().to_vec(),
        localsplusnames,
        localspluskinds,
        filename: PyStr::new(filename),
        name: umd.name.clone(),
        qualname: if umd.qualname.is_empty() { umd.name.clone() } else { umd.qualname.clone() },
        firstlineno: umd.firstlineno,
        linetable,
        exceptiontable,
    })
}

fn instr_size(opcode: Opcode, oparg: i32) -> usize {
    let extended_args = (oparg > 0xFFFFFF) as usize + (oparg > 0xFFFF) as usize + (oparg > 0xFF) as usize;
    extended_args + 1 + opcode.cache_entries()
}

fn resolve_unconditional_jumps(instrs: &mut [AsmInstr]) {
    for (i, ins) in instrs.iter_mut().enumerate() {
        let is_forward = ins.target > i;
        match ins.opcode {
            Opcode::JUMP => {
                ins.opcode = if is_forward { Opcode::JUMP_FORWARD } else { Opcode::JUMP_BACKWARD }
            }
            Opcode::JUMP_NO_INTERRUPT => {
                ins.opcode = if is_forward { Opcode::JUMP_FORWARD } else { Opcode::JUMP_BACKWARD_NO_INTERRUPT }
            }
            _ => {}
        }
    }
}

/// Jump opargs become relative offsets in code units; returns each instruction's offset.
fn resolve_jump_offsets(instrs: &mut [AsmInstr]) -> Vec<usize> {
    let mut offsets = vec![0usize; instrs.len() + 1];
    loop {
        let mut total = 0;
        for (i, ins) in instrs.iter().enumerate() {
            offsets[i] = total;
            total += instr_size(ins.opcode, ins.oparg);
        }
        offsets[instrs.len()] = total;
        let mut recompile = false;
        let mut offset = 0usize;
        for ins in instrs.iter_mut() {
            let isize = instr_size(ins.opcode, ins.oparg);
            offset += isize;
            if ins.opcode.has_jump() {
                let t = offsets[ins.target];
                ins.oparg = if t < offset { (offset - t) as i32 } else { (t - offset) as i32 };
                if instr_size(ins.opcode, ins.oparg) != isize {
                    recompile = true;
                }
            }
        }
        if !recompile {
            return offsets;
        }
    }
}

fn emit_code(instrs: &[AsmInstr]) -> Vec<u8> {
    let mut code = Vec::with_capacity(instrs.len() * 4);
    for ins in instrs {
        let size = instr_size(ins.opcode, ins.oparg);
        let caches = ins.opcode.cache_entries();
        let oparg = ins.oparg as u32;
        let ext = size - caches - 1;
        for k in (1..=ext).rev() {
            code.push(Opcode::EXTENDED_ARG.0 as u8);
            code.push((oparg >> (8 * k)) as u8);
        }
        code.push(ins.opcode.0 as u8);
        code.push(oparg as u8);
        for _ in 0..caches {
            code.push(0);
            code.push(0);
        }
    }
    code
}

fn position(loc: Location) -> Position {
    Position {
        line: Some(loc.lineno),
        end_line: Some(loc.end_lineno),
        col: Some(loc.col_offset),
        end_col: Some(loc.end_col_offset),
    }
}

/// `assemble_location_info`.
fn location_table(instrs: &[AsmInstr], firstlineno: i32) -> Vec<u8> {
    let mut w = LocationTableWriter::new(firstlineno);
    let mut loc = Location::NONE;
    let mut size = 0u32;
    for ins in instrs {
        if ins.loc != loc {
            w.emit(position(loc), size);
            loc = ins.loc;
            size = 0;
        }
        size += instr_size(ins.opcode, ins.oparg) as u32;
    }
    w.emit(position(loc), size);
    w.table
}

/// `assemble_exception_table`.
fn exception_table(instrs: &[AsmInstr], offsets: &[usize]) -> Vec<u8> {
    let mut table = Vec::new();
    let mut handler: Option<crate::flowgraph::ExceptHandler> = None;
    let mut start = 0usize;
    let emit = |table: &mut Vec<u8>, h: &crate::flowgraph::ExceptHandler, start: usize, end: usize| {
        let mut depth = h.startdepth - 1;
        if h.preserve_lasti {
            depth -= 1;
        }
        encode_exception_entry(
            table,
            &ExceptionTableEntry {
                start: start as u32,
                end: end as u32,
                target: offsets[h.target] as u32,
                depth: depth.max(0) as u32,
                lasti: h.preserve_lasti,
            },
        );
    };
    for (i, ins) in instrs.iter().enumerate() {
        let new = ins.except.map(|h| h.target);
        if new != handler.map(|h| h.target) {
            if let Some(h) = handler {
                emit(&mut table, &h, start, offsets[i]);
            }
            start = offsets[i];
            handler = ins.except;
        }
    }
    if let Some(h) = handler {
        emit(&mut table, &h, start, offsets[instrs.len()]);
    }
    table
}

const CO_FAST_HIDDEN: u8 = 0x10;
const CO_FAST_LOCAL: u8 = 0x20;
const CO_FAST_CELL: u8 = 0x40;
const CO_FAST_FREE: u8 = 0x80;

/// `compute_localsplus_info`.
fn localsplus_info(umd: &CodeUnitMetadata, nlocalsplus: usize) -> (Vec<PyStr>, Vec<u8>) {
    let mut names = vec![PyStr::default(); nlocalsplus];
    let mut kinds = vec![0u8; nlocalsplus];
    let mut set = |i: usize, n: &PyStr, k: u8| {
        if i < nlocalsplus {
            names[i] = n.clone();
            kinds[i] = k;
        }
    };
    for (offset, k) in umd.varnames.items().iter().enumerate() {
        let mut kind = CO_FAST_LOCAL;
        if umd.fasthidden.contains(k) {
            kind |= CO_FAST_HIDDEN;
        }
        if umd.cellvars.get(k).is_some() {
            kind |= CO_FAST_CELL;
        }
        set(offset, k, kind);
    }
    let nlocals = umd.varnames.len();
    let mut numdropped = 0;
    for (i, k) in umd.cellvars.items().iter().enumerate() {
        if umd.varnames.get(k).is_some() {
            numdropped += 1;
            continue;
        }
        set(i + nlocals - numdropped, k, CO_FAST_CELL);
    }
    let ncells = umd.cellvars.len();
    for (i, k) in umd.freevars.items().iter().enumerate() {
        // A free variable's index counts the cells before it.
        set(ncells + i + nlocals - numdropped, k, CO_FAST_FREE);
    }
    (names, kinds)
}
