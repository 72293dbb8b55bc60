//! `taipan explain assemble IN OUT`: run the flow-graph optimizer and assembler alone on
//! the reference's code generation output, so they are tested independently of taipan's
//! code generation (`tools/conformance/assemble.py` writes IN with the reference's
//! `_testinternalcapi.compiler_codegen`).
//!
//! IN is marshal data: a tuple of `(filename, unit)` pairs, each unit
//! `(name, qualname, consts, names, varnames, cellvars, freevars, fasthidden, argcount,
//!   posonlyargcount, kwonlyargcount, firstlineno, flags, instructions, nested, code_slots)`
//! where instructions are `(opcode, oparg, lineno, end_lineno, col, end_col)` with jump
//! opargs already instruction indices, `nested` are the child units in creation order and
//! `code_slots` the indices in `consts` their code objects go to. OUT is marshal data: a
//! tuple with, per unit, the code object or an error message.

use std::process::ExitCode;
use std::sync::Arc;

use taipan_bytecode::{marshal, CodeObject, Constant, Opcode, PyStr};
use taipan_compiler::instr_sequence::{InstrSequence, Location};
use taipan_compiler::unit::{CodeUnitMetadata, ConstTable, IndexMap};

pub fn main(args: &[String]) -> ExitCode {
    let [input, output] = args else {
        eprintln!("usage: taipan explain assemble IN OUT");
        return ExitCode::from(2);
    };
    let data = match std::fs::read(input) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("taipan: {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let root = match marshal::loads(&data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("taipan: {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Constant::Tuple(units) = root else {
        eprintln!("taipan: {input}: expected a tuple");
        return ExitCode::FAILURE;
    };
    let results: Vec<Constant> = units
        .iter()
        .map(|pair| match items(pair).and_then(|p| Ok((string(&p[0])?, &p[1]))).and_then(|(f, u)| assemble_unit(u, &f.to_string(), 0)) {
            Ok(code) => Constant::Code(Arc::new(code)),
            Err(e) => Constant::str(e.as_str()),
        })
        .collect();
    let out = match marshal::dumps(&Constant::tuple(results)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("taipan: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(output, out) {
        eprintln!("taipan: {output}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn int(c: &Constant) -> Result<i64, String> {
    match c {
        Constant::Int(i) => i.to_string().parse().map_err(|_| "int out of range".to_string()),
        Constant::None => Ok(0),
        Constant::Bool(b) => Ok(*b as i64),
        _ => Err(format!("expected an int, got {}", c.type_name())),
    }
}

fn items(c: &Constant) -> Result<&[Constant], String> {
    match c {
        Constant::Tuple(t) | Constant::List(t) => Ok(t),
        _ => Err(format!("expected a tuple, got {}", c.type_name())),
    }
}

fn string(c: &Constant) -> Result<PyStr, String> {
    match c {
        Constant::Str { value, .. } => Ok(value.clone()),
        _ => Err(format!("expected a str, got {}", c.type_name())),
    }
}

fn names(c: &Constant) -> Result<IndexMap<PyStr>, String> {
    let mut m = IndexMap::new();
    for n in items(c)? {
        m.insert(string(n)?);
    }
    Ok(m)
}

fn assemble_unit(u: &Constant, filename: &str, depth: usize) -> Result<CodeObject, String> {
    if depth > 200 {
        return Err("too deeply nested".into());
    }
    let f = items(u)?;
    if f.len() != 16 {
        return Err("a unit has 16 fields".into());
    }
    let mut consts: Vec<Constant> = items(&f[2])?.to_vec();
    let nested = items(&f[14])?;
    let slots = items(&f[15])?;
    if nested.len() != slots.len() {
        return Err("nested units and code slots differ".into());
    }
    for (child, slot) in nested.iter().zip(slots) {
        let code = assemble_unit(child, filename, depth + 1)?;
        let i = int(slot)? as usize;
        *consts.get_mut(i).ok_or("bad code slot")? = Constant::Code(Arc::new(code));
    }
    let mut table = ConstTable::new();
    for c in consts {
        table.insert(c);
    }
    let umd = CodeUnitMetadata {
        name: string(&f[0])?,
        qualname: string(&f[1])?,
        consts: table,
        names: names(&f[3])?,
        varnames: names(&f[4])?,
        cellvars: names(&f[5])?,
        freevars: names(&f[6])?,
        fasthidden: names(&f[7])?.items().to_vec(),
        argcount: int(&f[8])? as i32,
        posonlyargcount: int(&f[9])? as i32,
        kwonlyargcount: int(&f[10])? as i32,
        firstlineno: int(&f[11])? as i32,
    };
    let flags = int(&f[12])? as i32;
    let instrs = items(&f[13])?;
    let mut seq = InstrSequence::new();
    for _ in 0..instrs.len() {
        let l = seq.new_label();
        let _ = l;
    }
    for (i, ins) in instrs.iter().enumerate() {
        let t = items(ins)?;
        if t.len() != 6 {
            return Err("an instruction has 6 fields".into());
        }
        let v: Vec<i64> = t.iter().map(int).collect::<Result<_, _>>()?;
        seq.label_map[i] = i as i32;
        seq.addop(
            Opcode(v[0] as u16),
            v[1] as i32,
            Location { lineno: v[2] as i32, end_lineno: v[3] as i32, col_offset: v[4] as i32, end_col_offset: v[5] as i32 },
        );
    }
    let mut code = taipan_compiler::optimize_and_assemble(&umd, &seq, flags, filename).map_err(|e| e.0)?;
    code.filename = PyStr::new(filename);
    Ok(code)
}
