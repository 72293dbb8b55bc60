//! The dispatch loop: `loop { match opcode }` over the frames of one thread.
//!
//! Local copies of the current frame's hot state (code bytes, instruction index, stack
//! pointer) live in Rust locals; they are written back to the frame whenever control
//! leaves it (a call pushes a frame, an exception unwinds, the frame returns). A call to
//! a Python function pushes a frame and continues in this same loop; returning pops it
//! and pushes the result onto the caller's stack. Only an *entry* frame (one pushed by a
//! Rust caller) returns out of [`run_frame`].

use crate::error::{PyErr, PyResult};
use crate::eval::frame::{InterpreterFrame, Slot};
use crate::eval::op;
use crate::eval::{cache, fast, leave_python_frame, ops, push_function_frame, unwind};
use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::code::PyCode;
use crate::types::function::{PyFunction, PyMethod, FUNCTION_TYPE};
use crate::types::{asyncgen, cell, dict, gen, int, list, none, str as pystr, tuple};
use crate::vm::Vm;

/// How an instruction sequence left the current frame.
pub(crate) enum Exit {
    /// A Python callee frame was pushed: run it.
    Call(*mut InterpreterFrame),
    /// The frame returned a value.
    Return(PyRef),
    /// A generator frame yielded a value (`YIELD_VALUE`).
    Yield(PyRef),
    /// An exception; `add_tb` is false for RERAISE (no new traceback entry).
    Error(PyErr, bool),
    /// RERAISE: the handler is looked up at the RERAISE instruction (given here), while
    /// `f.instr` holds the restored `lasti` (CPython's `exception_unwind` uses the
    /// instruction pointer, not `frame->instr_ptr`, for the lookup).
    Reraise(PyErr, usize),
}

/// Borrow stack slots known to be filled as references.
///
/// # Safety
/// Every slot in `s` is `Some`.
#[inline]
unsafe fn as_refs(s: &[Slot]) -> &[PyRef] {
    debug_assert!(s.iter().all(|x| x.is_some()));
    // SAFETY: Option<PyRef> has PyRef's layout thanks to the non-null niche.
    unsafe { std::slice::from_raw_parts(s.as_ptr() as *const PyRef, s.len()) }
}

/// Run `frame` (already pushed, with its arguments bound) until its entry frame returns.
pub fn run_frame(vm: &Vm, frame: *mut InterpreterFrame) -> PyResult<PyRef> {
    run_frame_from(vm, frame, None).map(|(v, _)| v)
}

/// Run a generator's frame (linked in as current) until it yields (`(value, true)`),
/// returns (`(value, false)`) or raises. With `throw`, the frame starts by handling that
/// exception (its traceback entry already added) at its current instruction.
pub fn run_generator_frame(vm: &Vm, frame: *mut InterpreterFrame, throw: Option<PyErr>) -> PyResult<(PyRef, bool)> {
    run_frame_from(vm, frame, throw.map(|e| (e, false)))
}

fn run_frame_from(vm: &Vm, frame: *mut InterpreterFrame, pending: Option<(PyErr, bool)>) -> PyResult<(PyRef, bool)> {
    let mut frame = frame;
    let mut pending = pending;
    loop {
        let exit = match pending.take() {
            Some((e, add_tb)) => Exit::Error(e, add_tb),
            None => {
                // SAFETY: `frame` is the thread's current, live frame.
                if crate::eval::trace::active() {
                    unsafe { execute::<true>(vm, &mut *frame) }
                } else {
                    unsafe { execute::<false>(vm, &mut *frame) }
                }
            }
        };
        if !matches!(exit, Exit::Call(_)) {
            // `execute` switches frames itself on calls and returns: the frame it left
            // from is the current one.
            frame = vm.frames.current.get();
        }
        match exit {
            Exit::Call(callee) => frame = callee,
            Exit::Yield(value) => return Ok((value, true)),
            Exit::Return(value) => {
                // SAFETY: the frame is current; after popping, `previous` is.
                let f = unsafe { &mut *frame };
                let entry = f.is_entry;
                let previous = f.previous;
                if f.is_generator {
                    return Ok((value, false));
                }
                unsafe { vm.frames.pop(frame) };
                if entry {
                    return Ok((value, false));
                }
                leave_python_frame(vm);
                frame = previous;
                let caller = unsafe { &mut *frame };
                push_value(caller, value);
                // Resume after the CALL that pushed the returning frame.
                let opcode = caller.code().code.code[2 * caller.instr];
                caller.instr += 1 + op::CACHES[opcode as usize] as usize;
            }
            Exit::Error(_, _) | Exit::Reraise(_, _) => {
                let (err, add_tb, lookup_at) = match exit {
                    Exit::Error(e, t) => (e, t, None),
                    Exit::Reraise(e, at) => (e, false, Some(at)),
                    _ => unreachable!(),
                };
                // SAFETY: as above.
                let f = unsafe { &mut *frame };
                let lookup_at = lookup_at.unwrap_or(f.instr);
                let mut err = err;
                let mut add_tb = add_tb;
                if add_tb && crate::eval::trace::active() {
                    // The traceback entry first: the `exception` event's tb shows it.
                    err = trace_exception(vm, f, err);
                    add_tb = false;
                }
                match unwind::handle_exception(vm, f, err, add_tb, lookup_at) {
                    Ok(()) => {} // a handler in this frame: continue it
                    Err(mut err) => {
                        if crate::eval::trace::active() {
                            if let Err(e) = crate::eval::trace::unwind(vm, f) {
                                err = e;
                            }
                        }
                        let entry = f.is_entry;
                        let previous = f.previous;
                        if f.is_generator && f.inline_exit != 0 {
                            // A generator resumed inline by its caller's FOR_ITER raised:
                            // it is finished, and the caller's FOR_ITER raises.
                            // SAFETY: the caller is suspended in FOR_ITER, its iterator on top.
                            let gen_obj = unsafe { stack_top_object(&*previous) };
                            crate::types::gen::leave_inline(vm, &gen_obj, true);
                            frame = previous;
                            pending = Some((err, true));
                            continue;
                        }
                        if f.is_generator {
                            return Err(err);
                        }
                        unsafe { vm.frames.pop(frame) };
                        if entry {
                            return Err(err);
                        }
                        leave_python_frame(vm);
                        frame = previous;
                        pending = Some((err, true));
                    }
                }
            }
        }
    }
}

/// Tracing: add the traceback entry, then report the `exception` event (an error in
/// the trace function replaces the exception).
#[cold]
fn trace_exception(vm: &Vm, f: &mut InterpreterFrame, err: PyErr) -> PyErr {
    let e = crate::types::exceptions::as_exc(err.value());
    let fresh = e.traceback.borrow().is_none() && e.context.borrow().is_none();
    if fresh {
        unwind::chain_context(vm, err.value());
    }
    unwind::traceback_here(vm, f, &err);
    match crate::eval::trace::exception(vm, f, &err) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The value on top of a frame's stack (the loop iterator of a caller suspended in
/// `FOR_ITER`).
///
/// # Safety
/// The frame's stack is not empty.
#[inline]
unsafe fn stack_top_object(f: &InterpreterFrame) -> PyRef {
    let n = f.code().nlocalsplus;
    // SAFETY: the caller's contract; slots below stack_top are filled.
    unsafe { (*f.localsplus.add(n + f.stack_top - 1)).clone().expect("a value on the stack") }
}

#[inline]
fn push_value(f: &mut InterpreterFrame, v: PyRef) {
    let n = f.code().nlocalsplus;
    // SAFETY: the compiler's stack depth bound holds; the slot above the top is empty.
    unsafe {
        f.localsplus.add(n + f.stack_top).write(Some(v));
    }
    f.stack_top += 1;
}

#[cold]
fn unbound_local(vm: &Vm, code: &PyCode, i: usize) -> PyErr {
    let name = pystr::to_string(&code.localsplusnames[i]);
    let kind = code.code.localspluskinds[i];
    if kind & taipan_bytecode::code::kinds::CO_FAST_FREE != 0 {
        return vm.name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ));
    }
    vm.new_error(
        &crate::types::exceptions::UNBOUND_LOCAL_ERROR,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

/// Execute instructions of frame `f` until it calls, returns or raises.
///
/// # Safety
/// `f` is the thread's current frame.
unsafe fn execute<const TRACE: bool>(vm: &Vm, f: &mut InterpreterFrame) -> Exit {
    let mut fp: *mut InterpreterFrame = f;
    // A Python-to-Python call or return switches frames here (`continue 'frame`)
    // without leaving this function; only entry and generator frames, errors and
    // tracing changes go back to run_frame_from.
    'frame: loop {
        // SAFETY: `fp` is the thread's current, live frame.
        let f: &mut InterpreterFrame = unsafe { &mut *fp };
        // SAFETY: frames always hold code objects, and a running frame keeps its code.
        let code: &PyCode = unsafe { &*(f.code.payload_unchecked::<PyCode>() as *const PyCode) };
        let bytes: &[u8] = &code.adaptive;
        let nlocals = code.nlocalsplus;
        let caches: &[u8; 256] = &op::CACHES;
        let base = unsafe { f.localsplus.add(nlocals) };
        let mut sp = unsafe { base.add(f.stack_top) };
        let mut next = f.instr;
        let localsplus = f.localsplus;

        macro_rules! push {
            ($v:expr) => {{
                let v: PyRef = $v;
                unsafe {
                    sp.write(Some(v));
                    sp = sp.add(1);
                }
            }};
        }
        macro_rules! push_slot {
            ($v:expr) => {{
                let v: Slot = $v;
                unsafe {
                    sp.write(v);
                    sp = sp.add(1);
                }
            }};
        }
        macro_rules! pop_slot {
            () => {
                unsafe {
                    sp = sp.sub(1);
                    sp.replace(None)
                }
            };
        }
        macro_rules! pop {
            () => {
                pop_slot!().expect("a value on the stack")
            };
        }
        // Move the top `n` values off the stack, bottom first.
        macro_rules! take_n {
            ($n:expr) => {{
                let n: usize = $n;
                unsafe {
                    sp = sp.sub(n);
                    let mut v: Vec<PyRef> = Vec::with_capacity(n);
                    for i in 0..n {
                        v.push((*sp.add(i)).take().expect("a value on the stack"));
                    }
                    v
                }
            }};
        }
        // Drop a value with the decrement inlined.
        macro_rules! release {
            ($v:expr) => {{
                let v: Option<PyRef> = $v;
                if let Some(v) = v {
                    v.release();
                }
            }};
        }
        macro_rules! top {
            () => {
                unsafe { (*sp.sub(1)).as_ref().expect("a value on the stack") }
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                unsafe { (*sp.sub($n)).as_ref().expect("a value on the stack") }
            };
        }
        macro_rules! local {
            ($i:expr) => {
                unsafe { &mut *localsplus.add($i) }
            };
        }
        // Leave the frame: write back the state, then hand the exit to run_frame.
        macro_rules! leave {
            ($exit:expr) => {{
                f.stack_top = unsafe { sp.offset_from(base) } as usize;
                return $exit;
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => leave!(Exit::Error(e, true)),
                }
            };
        }

        // Continue in a callee frame just pushed (its arguments bound).
        macro_rules! enter_frame {
            ($callee:expr) => {{
                let callee: *mut InterpreterFrame = $callee;
                f.stack_top = unsafe { sp.offset_from(base) } as usize;
                if TRACE || crate::eval::trace::active() {
                    return Exit::Call(callee);
                }
                fp = callee;
                continue 'frame;
            }};
        }
        // Return `v` to the calling frame (as run_frame_from does for other frames).
        macro_rules! return_value {
            ($v:expr) => {{
                let v: PyRef = $v;
                f.stack_top = unsafe { sp.offset_from(base) } as usize;
                if f.inline_exit != 0 {
                    // An inline generator ended: its caller's loop is over (the value of a
                    // generator's return is not seen by a for loop).
                    drop(v);
                    let exit = f.inline_exit;
                    let caller = f.previous;
                    // SAFETY: the caller is suspended in FOR_ITER, its iterator on top.
                    let gen_obj = unsafe { stack_top_object(&*caller) };
                    crate::types::gen::leave_inline(vm, &gen_obj, true);
                    fp = caller;
                    let c = unsafe { &mut *fp };
                    let n = c.code().nlocalsplus;
                    c.stack_top -= 1;
                    drop(unsafe { c.localsplus.add(n + c.stack_top).replace(None) });
                    drop(gen_obj);
                    c.instr = exit;
                    if TRACE != crate::eval::trace::active() {
                        return Exit::Call(fp);
                    }
                    continue 'frame;
                }
                let v = if f.init_self.is_some() {
                    match ops::finish_init(vm, f, v) {
                        Ok(v) => v,
                        Err(e) => {
                            // `__init__` returned a value: its frame is done, and the caller's
                            // CALL raises (run_frame_from handles it in the current frame).
                            unsafe { vm.frames.pop(fp) };
                            leave_python_frame(vm);
                            return Exit::Error(e, true);
                        }
                    }
                } else {
                    v
                };
                if TRACE || f.is_entry || f.is_generator || crate::eval::trace::active() {
                    return Exit::Return(v);
                }
                let previous = f.previous;
                unsafe { vm.frames.pop(fp) };
                leave_python_frame(vm);
                fp = previous;
                let caller = unsafe { &mut *fp };
                push_value(caller, v);
                // Resume after the CALL that pushed the returning frame.
                let opcode = caller.code().code.code[2 * caller.instr];
                caller.instr += 1 + op::CACHES[opcode as usize] as usize;
                continue 'frame;
            }};
        }

        // The executed copy ends with an END_OF_CODE unit and all its jumps stay inside it
        // (eval::cache::quicken): no instruction index needs a bounds check.
        debug_assert!(bytes.len() % 2 == 0 && bytes[bytes.len() - 2] == op::END_OF_CODE);
        // A test's result: when the next instruction is POP_JUMP_IF_FALSE/TRUE, take or skip
        // the jump at once (no bool pushed and popped, one dispatch fewer); else push the bool.
        macro_rules! branch {
            ($b:expr) => {{
                let b: bool = $b;
                // SAFETY: every `next` indexes a unit (quicken).
                let nop = unsafe { *bytes.get_unchecked(2 * next) };
                if nop == op::POP_JUMP_IF_FALSE || nop == op::POP_JUMP_IF_TRUE {
                    let jarg = unsafe { *bytes.get_unchecked(2 * next + 1) } as usize;
                    let after = next + 1 + caches[nop as usize] as usize;
                    next = if b == (nop == op::POP_JUMP_IF_TRUE) { after + jarg } else { after };
                    continue;
                }
                push!(none::bool_(b));
            }};
        }

        loop {
            let mut instr = next;
            // SAFETY: every `next` indexes a unit (quicken); every unit has two bytes.
            let mut opcode = unsafe { *bytes.get_unchecked(2 * instr) };
            let mut oparg = unsafe { *bytes.get_unchecked(2 * instr + 1) } as u32;
            // EXTENDED_ARG prefixes: fold them into the next instruction's argument (the
            // END_OF_CODE unit stops a chain at the end).
            while opcode == op::EXTENDED_ARG {
                instr += 1;
                opcode = unsafe { *bytes.get_unchecked(2 * instr) };
                oparg = (oparg << 8) | unsafe { *bytes.get_unchecked(2 * instr + 1) } as u32;
            }
            next = instr + 1 + caches[opcode as usize] as usize;
            f.instr = instr;
            if TRACE {
                f.stack_top = unsafe { sp.offset_from(base) } as usize;
                let top = f.stack_slice().last().cloned().flatten();
                if let Err(e) = crate::eval::trace::instruction(vm, f, instr, opcode, oparg, top) {
                    leave!(Exit::Error(e, true));
                }
            }
            match opcode {
                op::NOP | op::CACHE => {}
                op::END_OF_CODE => {
                    leave!(Exit::Error(vm.system_error("taipan: ran past the end of the bytecode"), true));
                }
                op::RESUME => {
                    if crate::gc::pending() {
                        crate::gc::run_pending(vm);
                    }
                }
                op::LOAD_CONST => push!(code.consts[oparg as usize].clone()),
                op::RETURN_CONST => return_value!(code.consts[oparg as usize].clone()),
                op::RETURN_VALUE => {
                    let v = pop!();
                    f.instr = next;
                    return_value!(v);
                }
                op::LOAD_FAST => {
                    let v = local!(oparg as usize).clone().expect("LOAD_FAST of a bound local");
                    push!(v);
                }
                op::LOAD_FAST_CHECK => match local!(oparg as usize).clone() {
                    Some(v) => push!(v),
                    None => leave!(Exit::Error(unbound_local(vm, code, oparg as usize), true)),
                },
                op::LOAD_FAST_AND_CLEAR => {
                    let v = local!(oparg as usize).take();
                    push_slot!(v);
                }
                op::LOAD_FAST_LOAD_FAST => {
                    let a = local!((oparg >> 4) as usize).clone().expect("bound local");
                    let b = local!((oparg & 15) as usize).clone().expect("bound local");
                    push!(a);
                    push!(b);
                }
                op::STORE_FAST => {
                    let v = pop_slot!();
                    let old = std::mem::replace(local!(oparg as usize), v);
                    release!(old);
                }
                op::STORE_FAST_LOAD_FAST => {
                    let v = pop_slot!();
                    let old = std::mem::replace(local!((oparg >> 4) as usize), v);
                    release!(old);
                    let w = local!((oparg & 15) as usize).clone().expect("bound local");
                    push!(w);
                }
                op::STORE_FAST_STORE_FAST => {
                    let a = pop_slot!();
                    let old = std::mem::replace(local!((oparg >> 4) as usize), a);
                    release!(old);
                    let b = pop_slot!();
                    let old = std::mem::replace(local!((oparg & 15) as usize), b);
                    release!(old);
                }
                op::DELETE_FAST => {
                    let old = local!(oparg as usize).take();
                    if old.is_none() {
                        leave!(Exit::Error(unbound_local(vm, code, oparg as usize), true));
                    }
                    drop(old);
                }
                op::POP_TOP => {
                    release!(pop_slot!());
                }
                op::PUSH_NULL => push_slot!(None),
                op::END_FOR => {
                    release!(pop_slot!());
                }
                op::COPY => {
                    let v = peek!(oparg as usize).clone();
                    push!(v);
                }
                op::SWAP => unsafe {
                    std::ptr::swap(sp.sub(1), sp.sub(oparg as usize));
                },
                op::MAKE_CELL => {
                    let v = local!(oparg as usize).take();
                    *local!(oparg as usize) = Some(cell::new_cell(v));
                }
                op::COPY_FREE_VARS => {
                    let func = f.func.clone().expect("COPY_FREE_VARS in a function");
                    let fobj = func.downcast::<PyFunction>().unwrap();
                    let closure = fobj.closure.borrow().clone().expect("a closure");
                    let cells = tuple::tuple_items(&closure);
                    let offset = nlocals - oparg as usize;
                    for (i, c) in cells.iter().enumerate() {
                        *local!(offset + i) = Some(c.clone());
                    }
                }
                op::LOAD_DEREF => {
                    let c = local!(oparg as usize).as_ref().expect("a cell");
                    let v = cell::as_cell(c).contents.borrow().clone();
                    match v {
                        Some(v) => push!(v),
                        None => leave!(Exit::Error(unbound_local(vm, code, oparg as usize), true)),
                    }
                }
                op::STORE_DEREF => {
                    let v = pop!();
                    let c = local!(oparg as usize).as_ref().expect("a cell");
                    let old = cell::as_cell(c).contents.replace(Some(v));
                    drop(old);
                }
                op::DELETE_DEREF => {
                    let c = local!(oparg as usize).clone().expect("a cell");
                    let old = cell::as_cell(&c).contents.replace(None);
                    if old.is_none() {
                        leave!(Exit::Error(unbound_local(vm, code, oparg as usize), true));
                    }
                    drop(old);
                }
                op::LOAD_FROM_DICT_OR_DEREF => {
                    let mapping = pop!();
                    let name = &code.localsplusnames[oparg as usize];
                    let v = tri!(ops::mapping_get(vm, &mapping, name));
                    match v {
                        Some(v) => push!(v),
                        None => {
                            let c = local!(oparg as usize).clone().expect("a cell");
                            let v = cell::as_cell(&c).contents.borrow().clone();
                            match v {
                                Some(v) => push!(v),
                                None => leave!(Exit::Error(unbound_local(vm, code, oparg as usize), true)),
                            }
                        }
                    }
                }
                op::LOAD_GLOBAL => {
                    // LOAD_GLOBAL_MODULE / LOAD_GLOBAL_BUILTIN (eval/cache.rs).
                    // SAFETY: the instruction's cache units are inside the code (quicken).
                    let ix = unsafe { u16::from_le_bytes([*bytes.get_unchecked(2 * instr + 2), *bytes.get_unchecked(2 * instr + 3)]) } as usize;
                    let v = match code.global_cache.get(ix) {
                        Some(entry) => match cache::load_global_hit(entry, &f.globals, &f.builtins) {
                            Some(v) => v,
                            None => {
                                let name = &code.names[(oparg >> 1) as usize];
                                tri!(cache::load_global_miss(vm, entry, &f.globals, &f.builtins, name))
                            }
                        },
                        None => tri!(ops::load_global(vm, &f.globals, &f.builtins, &code.names[(oparg >> 1) as usize])),
                    };
                    push!(v);
                    if oparg & 1 != 0 {
                        push_slot!(None);
                    }
                }
                op::STORE_GLOBAL => {
                    let v = pop!();
                    tri!(dict::set_item(vm, &f.globals, &code.names[oparg as usize], &v));
                }
                op::DELETE_GLOBAL => {
                    let name = &code.names[oparg as usize];
                    if !tri!(dict::del_item(vm, &f.globals, name)) {
                        leave!(Exit::Error(ops::name_error(vm, name), true));
                    }
                }
                op::LOAD_NAME => {
                    let name = &code.names[oparg as usize];
                    let v = tri!(ops::load_name(vm, f, name));
                    push!(v);
                }
                op::LOAD_LOCALS => match &f.locals {
                    Some(l) => push!(l.clone()),
                    None => leave!(Exit::Error(vm.system_error("no locals found"), true)),
                },
                op::LOAD_FROM_DICT_OR_GLOBALS => {
                    let mapping = pop!();
                    let name = &code.names[oparg as usize];
                    let v = match tri!(ops::mapping_get(vm, &mapping, name)) {
                        Some(v) => v,
                        None => tri!(ops::load_global(vm, &f.globals, &f.builtins, name)),
                    };
                    push!(v);
                }
                op::STORE_NAME => {
                    let v = pop!();
                    let name = &code.names[oparg as usize];
                    let Some(locals) = f.locals.clone() else {
                        leave!(Exit::Error(
                            vm.system_error(format!("no locals found when storing {}", tri!(protocol::repr_string(vm, name)))),
                            true
                        ));
                    };
                    if dict::downcast_dict(&locals).is_some() && std::ptr::eq(locals.ob_type(), &*dict::DICT_TYPE) {
                        tri!(dict::set_item(vm, &locals, name, &v));
                    } else {
                        tri!(protocol::setitem(vm, &locals, name, &v));
                    }
                }
                op::DELETE_NAME => {
                    let name = &code.names[oparg as usize];
                    let Some(locals) = f.locals.clone() else {
                        leave!(Exit::Error(vm.system_error("no locals when deleting"), true));
                    };
                    if let Err(e) = protocol::delitem(vm, &locals, name) {
                        if e.matches(&crate::types::exceptions::KEY_ERROR) {
                            leave!(Exit::Error(ops::name_error(vm, name), true));
                        }
                        leave!(Exit::Error(e, true));
                    }
                }
                op::LOAD_ATTR => {
                    let owner = pop!();
                    let name = &code.names[(oparg >> 1) as usize];
                    // LOAD_ATTR_INSTANCE_VALUE / LOAD_ATTR_METHOD_WITH_VALUES (eval/cache.rs).
                    // SAFETY: the instruction's cache units are inside the code (quicken).
                    let ix = unsafe { u16::from_le_bytes([*bytes.get_unchecked(2 * instr + 2), *bytes.get_unchecked(2 * instr + 3)]) } as usize;
                    if let Some(entry) = code.attr_cache.get(ix) {
                        if let Some((v, self_)) = tri!(cache::load_attr_hit(vm, entry, &owner, name)) {
                            owner.release();
                            push!(v);
                            if oparg & 1 != 0 {
                                push_slot!(self_);
                            }
                            continue;
                        }
                        cache::load_attr_fill(entry, &owner, name, oparg & 1 != 0);
                    }
                    if oparg & 1 != 0 {
                        let (meth, self_) = tri!(ops::load_method(vm, &owner, name));
                        push!(meth);
                        push_slot!(self_);
                    } else {
                        let v = tri!(protocol::getattr(vm, &owner, name));
                        push!(v);
                    }
                }
                op::STORE_ATTR => {
                    let owner = pop!();
                    let v = pop!();
                    // STORE_ATTR_INSTANCE_VALUE / STORE_ATTR_SLOT (eval/cache.rs).
                    // SAFETY: the instruction's cache units are inside the code (quicken).
                    let ix = unsafe { u16::from_le_bytes([*bytes.get_unchecked(2 * instr + 2), *bytes.get_unchecked(2 * instr + 3)]) } as usize;
                    if let Some(entry) = code.attr_cache.get(ix) {
                        let name = &code.names[oparg as usize];
                        if tri!(cache::store_attr_hit(vm, entry, &owner, name, &v)) {
                            owner.release();
                            v.release();
                            continue;
                        }
                        cache::store_attr_fill(entry, &owner, name);
                    }
                    tri!(protocol::setattr(vm, &owner, &code.names[oparg as usize], &v));
                }
                op::DELETE_ATTR => {
                    let owner = pop!();
                    tri!(protocol::delattr(vm, &owner, &code.names[oparg as usize]));
                }
                op::LOAD_SUPER_ATTR => {
                    let self_ = pop!();
                    let class = pop!();
                    let global_super = pop!();
                    let name = &code.names[(oparg >> 2) as usize];
                    let (v, s) = tri!(ops::load_super_attr(vm, &global_super, &class, &self_, name, oparg));
                    push!(v);
                    if oparg & 1 != 0 {
                        push_slot!(s);
                    }
                }
                op::BINARY_OP => {
                    let b = pop!();
                    let a = pop!();
                    // BINARY_OP_INPLACE_ADD_UNICODE: `s += t` where the next instruction stores
                    // back into the local holding `s`, and that local and this stack value are
                    // the only references: append to `s` itself.
                    if oparg == crate::protocol::nb::INPLACE + crate::protocol::nb::ADD
                        && std::ptr::eq(a.ob_type(), &*pystr::STR_TYPE)
                        && std::ptr::eq(b.ob_type(), &*pystr::STR_TYPE)
                        && a.refcnt() == 2
                    {
                        // SAFETY: every `next` indexes a unit (quicken).
                        let nop = unsafe { *bytes.get_unchecked(2 * next) };
                        let narg = unsafe { *bytes.get_unchecked(2 * next + 1) } as usize;
                        if nop == op::STORE_FAST && narg < nlocals && local!(narg).as_ref().is_some_and(|l| l.is(&a)) {
                            drop(local!(narg).take());
                            // SAFETY: `a` is now the only reference (count 1), exact and mortal
                            // (an immortal count is never 2).
                            unsafe { pystr::append_in_place(&a, pystr::str_data(&b)) };
                            b.release();
                            push!(a);
                            continue;
                        }
                    }
                    // BINARY_OP_{ADD,SUBTRACT,MULTIPLY}_FLOAT: a float operand about to die
                    // carries the result (no allocation, no deallocation).
                    if let Some(x) = fast::float_binary(&a, &b, oparg) {
                        let r = if fast::unique_float(&a) {
                            b.release();
                            a
                        } else if fast::unique_float(&b) {
                            a.release();
                            b
                        } else {
                            a.release();
                            b.release();
                            push!(crate::types::float::new_float(x));
                            continue;
                        };
                        // SAFETY: `r` is an exact float referred to only by this handle.
                        unsafe { crate::types::float::set_unique(&r, x) };
                        push!(r);
                        continue;
                    }
                    let r = match fast::binary_op(&a, &b, oparg) {
                        Some(r) => r,
                        None => tri!(protocol::binary_op(vm, &a, &b, oparg)),
                    };
                    a.release();
                    b.release();
                    push!(r);
                }
                op::COMPARE_OP => {
                    let b = pop!();
                    let a = pop!();
                    let cmp = CompareOp::from_u8((oparg >> 5) as u8);
                    if let Some(r) = fast::compare_op(&a, &b, cmp) {
                        a.release();
                        b.release();
                        branch!(r);
                        continue;
                    }
                    let r = tri!(protocol::richcompare(vm, &a, &b, cmp));
                    drop(a);
                    drop(b);
                    if oparg & 16 != 0 {
                        let t = tri!(protocol::is_true(vm, &r));
                        drop(r);
                        branch!(t);
                    } else {
                        push!(r);
                    }
                }
                op::IS_OP => {
                    let b = pop!();
                    let a = pop!();
                    let r = a.is(&b) != (oparg == 1);
                    drop(a);
                    drop(b);
                    branch!(r);
                }
                op::CONTAINS_OP => {
                    let container = pop!();
                    let item = pop!();
                    let r = tri!(protocol::contains(vm, &container, &item));
                    drop(container);
                    drop(item);
                    branch!(r != (oparg == 1));
                }
                op::TO_BOOL => {
                    let v = pop!();
                    let b = match fast::to_bool(&v) {
                        Some(b) => b,
                        None => tri!(protocol::is_true(vm, &v)),
                    };
                    v.release();
                    branch!(b);
                }
                op::UNARY_NOT => {
                    let v = pop!();
                    push!(none::bool_(!v.is(int::TRUE.as_object())));
                }
                op::UNARY_NEGATIVE => {
                    let v = pop!();
                    push!(tri!(protocol::negative(vm, &v)));
                }
                op::UNARY_INVERT => {
                    let v = pop!();
                    push!(tri!(protocol::invert(vm, &v)));
                }
                op::POP_JUMP_IF_FALSE => {
                    let v = pop!();
                    if v.is(int::FALSE.as_object()) {
                        next += oparg as usize;
                    }
                    v.release();
                }
                op::POP_JUMP_IF_TRUE => {
                    let v = pop!();
                    if v.is(int::TRUE.as_object()) {
                        next += oparg as usize;
                    }
                    v.release();
                }
                op::POP_JUMP_IF_NONE => {
                    let v = pop!();
                    if v.is(none::none_ref()) {
                        next += oparg as usize;
                    }
                    v.release();
                }
                op::POP_JUMP_IF_NOT_NONE => {
                    let v = pop!();
                    if !v.is(none::none_ref()) {
                        next += oparg as usize;
                    }
                    v.release();
                }
                op::JUMP_FORWARD => next += oparg as usize,
                op::JUMP_BACKWARD => {
                    next -= oparg as usize;
                    if crate::gc::pending() {
                        crate::gc::run_pending(vm);
                    }
                }
                op::JUMP_BACKWARD_NO_INTERRUPT => next -= oparg as usize,
                op::GET_ITER => {
                    let v = pop!();
                    push!(tri!(protocol::getiter(vm, &v)));
                }
                op::FOR_ITER => {
                    let it = top!();
                    // FOR_ITER_RANGE / FOR_ITER_LIST: the iterator's next step inlined.
                    let tp = it.ob_type();
                    let r = if std::ptr::eq(tp, &*crate::types::range::RANGE_ITER_TYPE) {
                        // SAFETY: an exact range iterator.
                        crate::types::range::range_iter_next(unsafe { it.payload_unchecked() })
                    } else if std::ptr::eq(tp, &*list::LIST_ITER_TYPE) {
                        // SAFETY: an exact list iterator.
                        list::list_iter_next(unsafe { it.payload_unchecked() })
                    } else if !TRACE && std::ptr::eq(tp, &*gen::GENERATOR_TYPE) && !crate::eval::trace::active() {
                        // FOR_ITER_GEN: run the generator's frame in this loop.
                        match gen::enter_inline(vm, it, next + oparg as usize + 2) {
                            Some(gf) => {
                                f.stack_top = unsafe { sp.offset_from(base) } as usize;
                                fp = gf;
                                continue 'frame;
                            }
                            None => tri!(protocol::next(vm, it)),
                        }
                    } else {
                        tri!(protocol::next(vm, it))
                    };
                    match r {
                        Some(v) => push!(v),
                        None => {
                            drop(pop_slot!());
                            next += oparg as usize + 2;
                        }
                    }
                }
                op::BUILD_TUPLE => {
                    let items = take_n!(oparg as usize);
                    push!(tuple::new_tuple(items));
                }
                op::BUILD_LIST => {
                    let items = take_n!(oparg as usize);
                    push!(list::new_list(items));
                }
                op::BUILD_MAP => {
                    let n = oparg as usize;
                    let items: Vec<PyRef> = unsafe { as_refs(std::slice::from_raw_parts(sp.sub(2 * n), 2 * n)) }.to_vec();
                    for _ in 0..2 * n {
                        drop(pop_slot!());
                    }
                    let d = dict::new_dict();
                    for kv in items.chunks(2) {
                        tri!(dict::set_item(vm, &d, &kv[0], &kv[1]));
                    }
                    push!(d);
                }
                op::BUILD_CONST_KEY_MAP => {
                    let keys = pop!();
                    let n = oparg as usize;
                    let values: Vec<PyRef> = unsafe { as_refs(std::slice::from_raw_parts(sp.sub(n), n)) }.to_vec();
                    for _ in 0..n {
                        drop(pop_slot!());
                    }
                    let d = dict::new_dict();
                    for (k, v) in tuple::tuple_items(&keys).iter().zip(values) {
                        tri!(dict::set_item(vm, &d, k, &v));
                    }
                    push!(d);
                }
                op::BUILD_STRING => {
                    let n = oparg as usize;
                    let items: Vec<PyRef> = unsafe { as_refs(std::slice::from_raw_parts(sp.sub(n), n)) }.to_vec();
                    for _ in 0..n {
                        drop(pop_slot!());
                    }
                    let parts: Vec<&crate::unicode::PyStrData> = items.iter().map(|s| pystr::str_data(s)).collect();
                    push!(pystr::from_data(crate::unicode::PyStrData::empty().join(&parts)));
                }
                op::BUILD_SLICE => {
                    let step = if oparg == 3 { pop!() } else { none::none() };
                    let stop = pop!();
                    let start = pop!();
                    push!(crate::types::slice::new_slice(start, stop, step));
                }
                op::BUILD_SET => {
                    let n = oparg as usize;
                    let items: Vec<PyRef> = unsafe { as_refs(std::slice::from_raw_parts(sp.sub(n), n)) }.to_vec();
                    for _ in 0..n {
                        drop(pop_slot!());
                    }
                    let s = crate::types::set::new_set();
                    for it in &items {
                        tri!(crate::types::set::add(vm, &s, it));
                    }
                    push!(s);
                }
                op::SET_ADD => {
                    let v = pop!();
                    tri!(crate::types::set::add(vm, peek!(oparg as usize), &v));
                }
                op::SET_UPDATE => {
                    let iterable = pop!();
                    tri!(crate::types::set::update(vm, peek!(oparg as usize), &iterable));
                }
                op::LIST_APPEND => {
                    let v = pop!();
                    list::append(peek!(oparg as usize), v);
                }
                op::LIST_EXTEND => {
                    let iterable = pop!();
                    tri!(ops::list_extend(vm, peek!(oparg as usize), &iterable));
                }
                op::MAP_ADD => {
                    let v = pop!();
                    let k = pop!();
                    tri!(dict::set_item(vm, peek!(oparg as usize), &k, &v));
                }
                op::DICT_UPDATE => {
                    let update = pop!();
                    tri!(ops::dict_update(vm, peek!(oparg as usize), &update, false, None));
                }
                op::DICT_MERGE => {
                    let update = pop!();
                    let func = peek!(oparg as usize + 3).clone();
                    tri!(ops::dict_update(vm, peek!(oparg as usize), &update, true, Some(&func)));
                }
                op::BINARY_SUBSCR => {
                    let sub = pop!();
                    let container = pop!();
                    let r = match fast::binary_subscr(vm, &container, &sub) {
                        Some(r) => r,
                        None => tri!(protocol::getitem(vm, &container, &sub)),
                    };
                    container.release();
                    sub.release();
                    push!(r);
                }
                op::STORE_SUBSCR => {
                    let sub = pop!();
                    let container = pop!();
                    let v = pop!();
                    if let Err(v) = fast::store_subscr(&container, &sub, v) {
                        tri!(protocol::setitem(vm, &container, &sub, &v));
                    }
                }
                op::DELETE_SUBSCR => {
                    let sub = pop!();
                    let container = pop!();
                    tri!(protocol::delitem(vm, &container, &sub));
                }
                op::BINARY_SLICE => {
                    let stop = pop!();
                    let start = pop!();
                    let container = pop!();
                    let s = crate::types::slice::new_slice(start, stop, none::none());
                    push!(tri!(protocol::getitem(vm, &container, &s)));
                }
                op::STORE_SLICE => {
                    let stop = pop!();
                    let start = pop!();
                    let container = pop!();
                    let v = pop!();
                    let s = crate::types::slice::new_slice(start, stop, none::none());
                    tri!(protocol::setitem(vm, &container, &s, &v));
                }
                op::UNPACK_SEQUENCE => {
                    let seq = pop!();
                    // UNPACK_SEQUENCE_TUPLE / _LIST: the right number of items, pushed last first.
                    let n = oparg as usize;
                    if std::ptr::eq(seq.ob_type(), &*tuple::TUPLE_TYPE) {
                        let items = tuple::tuple_items(&seq);
                        if items.len() == n {
                            for v in items.iter().rev() {
                                push!(v.clone());
                            }
                            seq.release();
                            continue;
                        }
                    } else if std::ptr::eq(seq.ob_type(), &*list::LIST_TYPE) {
                        let l = list::downcast_list(&seq).unwrap();
                        let items = l.items.borrow();
                        if items.len() == n {
                            for v in items.iter().rev() {
                                push!(v.clone());
                            }
                            drop(items);
                            seq.release();
                            continue;
                        }
                    }
                    let items = tri!(ops::unpack_sequence(vm, &seq, oparg as usize));
                    for v in items.into_iter().rev() {
                        push!(v);
                    }
                }
                op::UNPACK_EX => {
                    let seq = pop!();
                    let items = tri!(ops::unpack_ex(vm, &seq, (oparg & 0xFF) as usize, (oparg >> 8) as usize));
                    for v in items.into_iter().rev() {
                        push!(v);
                    }
                }
                op::MAKE_FUNCTION => {
                    let codeobj = pop!();
                    push!(tri!(crate::types::function::new_function(vm, codeobj, f.globals.clone())));
                }
                op::SET_FUNCTION_ATTRIBUTE => {
                    let func = pop!();
                    let attr = pop!();
                    ops::set_function_attribute(&func, &attr, oparg);
                    push!(func);
                }
                op::LOAD_BUILD_CLASS => {
                    let v = tri!(dict::get_item(vm, &f.builtins, &vm.intern("__build_class__")));
                    match v {
                        Some(v) => push!(v),
                        None => leave!(Exit::Error(vm.name_error("__build_class__ not found"), true)),
                    }
                }
                op::LOAD_ASSERTION_ERROR => push!(crate::types::exceptions::ASSERTION_ERROR.to_ref()),
                op::CALL | op::CALL_KW => {
                    let (nargs, kwnames) = if opcode == op::CALL_KW {
                        let kw = pop!();
                        (oparg as usize, Some(kw))
                    } else {
                        (oparg as usize, None)
                    };
                    // [callable, self_or_null, args...]
                    let callable_slot = unsafe { &mut *sp.sub(nargs + 2) };
                    let self_slot = unsafe { &mut *sp.sub(nargs + 1) };
                    if self_slot.is_none() {
                        let bound = callable_slot.as_ref().unwrap().downcast_exact::<PyMethod>().map(|m| (m.func.clone(), m.self_.clone()));
                        if let Some((func, self_)) = bound {
                            *callable_slot = Some(func);
                            *self_slot = Some(self_);
                        }
                    }
                    let total = nargs + self_slot.is_some() as usize;
                    // CALL_PY_EXACT_ARGS / CALL_PY_WITH_DEFAULTS: a plain Python function given its
                    // positional parameters (trailing ones may come from the defaults). The
                    // arguments move from this stack into the callee's locals
                    // (no binding, no reference-count traffic).
                    if kwnames.is_none() {
                        let c = callable_slot.as_ref().unwrap();
                        if std::ptr::eq(c.ob_type(), &*FUNCTION_TYPE) {
                            // SAFETY: the exact function type.
                            let func = unsafe { c.payload_unchecked::<PyFunction>() };
                            if let Some(callee) = ops::push_exact_args_frame(vm, func, total) {
                                let callee = match callee {
                                    Ok(fp) => fp,
                                    Err(e) => leave!(Exit::Error(e, true)),
                                };
                                // SAFETY: the callee's first `total` slots are empty; the
                                // arguments are the top `total` stack slots, moved (their
                                // slots become empty, as slots above the stack top must be).
                                {
                                    sp = unsafe { sp.sub(total) };
                                    unsafe {
                                        std::ptr::copy_nonoverlapping(sp, (*callee).localsplus, total);
                                        std::ptr::write_bytes(sp, 0, total);
                                    }
                                    if nargs == total {
                                        // `self_or_null` was NULL (an empty slot): skip it.
                                        // Otherwise it moved as the first argument.
                                        sp = unsafe { sp.sub(1) };
                                    }
                                    let func = pop_slot!();
                                    unsafe { (*callee).func = func };
                                }
                                enter_frame!(callee);
                            }
                        }
                    }
                    // CALL_ALLOC_AND_ENTER_INIT: a class with object.__new__ and a Python
                    // __init__: the instance is made here and __init__ runs in this loop.
                    if kwnames.is_none() && nargs == total {
                        let c = callable_slot.as_ref().unwrap();
                        if std::ptr::eq(c.ob_type(), &*crate::types::type_::TYPE_TYPE) {
                            if let Some(r) = ops::alloc_and_enter_init(vm, c, nargs) {
                                let callee = match r {
                                    Ok(fp) => fp,
                                    Err(e) => leave!(Exit::Error(e, true)),
                                };
                                // SAFETY: locals 1..=nargs of the callee are empty; the
                                // arguments move there from the top of this stack.
                                unsafe {
                                    sp = sp.sub(nargs);
                                    std::ptr::copy_nonoverlapping(sp, (*callee).localsplus.add(1), nargs);
                                    std::ptr::write_bytes(sp, 0, nargs);
                                    sp = sp.sub(1); // the empty self_or_null slot
                                }
                                drop(pop_slot!()); // the class
                                enter_frame!(callee);
                            }
                        }
                    }
                    let callable = callable_slot.clone().unwrap();
                    let kwn: &[PyRef] = match &kwnames {
                        Some(k) => tuple::tuple_items(k),
                        None => &[],
                    };
                    let args: &[PyRef] = unsafe { as_refs(std::slice::from_raw_parts(sp.sub(total), total)) };
                    if std::ptr::eq(callable.ob_type(), &*FUNCTION_TYPE) {
                        let r = push_function_frame(vm, &callable, args, kwn, false);
                        for _ in 0..nargs + 2 {
                            drop(pop_slot!());
                        }
                        // `f.instr` stays on the CALL (tracebacks, handlers); the return
                        // resumes after it (run_frame).
                        match r {
                            Ok(callee) => enter_frame!(callee),
                            Err(e) => leave!(Exit::Error(e, true)),
                        }
                    }
                    f.stack_top = unsafe { sp.offset_from(base) } as usize;
                    let r = protocol::call(vm, &callable, args, kwn);
                    for _ in 0..nargs + 2 {
                        drop(pop_slot!());
                    }
                    push!(tri!(r));
                }
                op::CALL_FUNCTION_EX => {
                    let kwargs = if oparg & 1 != 0 { Some(pop!()) } else { None };
                    let callargs = pop!();
                    let _null = pop_slot!();
                    let func = pop!();
                    let r = tri!(ops::call_function_ex(vm, &func, &callargs, kwargs.as_deref()));
                    push!(r);
                }
                op::CALL_INTRINSIC_1 => {
                    let v = pop!();
                    push!(tri!(ops::call_intrinsic_1(vm, f, &v, oparg)));
                }
                op::CALL_INTRINSIC_2 => {
                    let v1 = pop!();
                    let v2 = pop!();
                    push!(tri!(ops::call_intrinsic_2(vm, &v2, &v1, oparg)));
                }
                op::FORMAT_SIMPLE => {
                    let v = pop!();
                    if std::ptr::eq(v.ob_type(), &*pystr::STR_TYPE) {
                        push!(v);
                    } else {
                        push!(tri!(crate::builtins::format_value(vm, &v, None)));
                    }
                }
                op::FORMAT_WITH_SPEC => {
                    let spec = pop!();
                    let v = pop!();
                    push!(tri!(crate::builtins::format_value(vm, &v, Some(&spec))));
                }
                op::CONVERT_VALUE => {
                    let v = pop!();
                    let r = match oparg {
                        1 => tri!(protocol::str(vm, &v)),
                        2 => tri!(protocol::repr(vm, &v)),
                        _ => tri!(crate::builtins::ascii(vm, &v)),
                    };
                    push!(r);
                }
                op::RAISE_VARARGS => {
                    let cause = if oparg >= 2 { Some(pop!()) } else { None };
                    let exc = if oparg >= 1 { Some(pop!()) } else { None };
                    match unwind::do_raise(vm, exc, cause) {
                        Ok(e) => leave!(Exit::Error(e, true)),
                        Err((e, add_tb)) => leave!(Exit::Error(e, add_tb)),
                    }
                }
                op::RERAISE => {
                    let exc = pop!();
                    if oparg != 0 {
                        let lasti = peek!(oparg as usize);
                        if let Some(i) = int::downcast_int(lasti).and_then(|i| i.as_i64()) {
                            f.instr = i as usize;
                        }
                    }
                    leave!(Exit::Reraise(PyErr::from_instance(exc), instr));
                }
                op::PUSH_EXC_INFO => {
                    let exc = pop!();
                    let prev = vm.exc_value.replace(Some(exc.clone()));
                    push!(prev.unwrap_or_else(none::none));
                    push!(exc);
                }
                op::POP_EXCEPT => {
                    let v = pop!();
                    let old = vm.exc_value.replace(if v.is(none::none_ref()) { None } else { Some(v) });
                    drop(old);
                }
                op::CHECK_EG_MATCH => {
                    let match_type = pop!();
                    let exc_value = pop!();
                    tri!(crate::types::exception_group::check_except_star_type_valid(vm, &match_type));
                    let (rest, m) = tri!(crate::types::exception_group::exception_group_match(vm, f, &exc_value, &match_type));
                    if !m.is(none::none_ref()) {
                        let old = vm.exc_value.replace(Some(m.clone()));
                        drop(old);
                    }
                    push!(rest);
                    push!(m);
                }
                op::CHECK_EXC_MATCH => {
                    let right = pop!();
                    let left = top!().clone();
                    tri!(ops::check_except_type_valid(vm, &right));
                    push!(none::bool_(tri!(protocol::isinstance(vm, &left, &right))));
                }
                op::BEFORE_WITH => {
                    let mgr = pop!();
                    let (exit, res) = tri!(ops::before_with(vm, &mgr));
                    push!(exit);
                    push!(res);
                }
                op::WITH_EXCEPT_START => {
                    // [exit_func, lasti, prev_exc, val]
                    let val = top!().clone();
                    let exit_func = peek!(4).clone();
                    let tb = crate::types::exceptions::as_exc(&val).traceback.borrow().clone().unwrap_or_else(none::none);
                    let r = tri!(protocol::call(vm, &exit_func, &[val.type_ref(), val.clone(), tb], &[]));
                    push!(r);
                }
                op::SETUP_ANNOTATIONS => tri!(ops::setup_annotations(vm, f)),
                op::IMPORT_NAME => {
                    let fromlist = pop!();
                    let level = pop!();
                    let name = &code.names[oparg as usize];
                    push!(tri!(crate::import::import_name(vm, f, name, &fromlist, &level)));
                }
                op::IMPORT_FROM => {
                    let module = top!().clone();
                    push!(tri!(crate::import::import_from(vm, &module, &code.names[oparg as usize])));
                }
                op::MATCH_CLASS => {
                    let names = pop!();
                    let cls = pop!();
                    let subject = pop!();
                    push!(tri!(super::pattern::match_class(vm, &subject, &cls, oparg as usize, &names)));
                }
                op::MATCH_MAPPING => {
                    let r = super::pattern::match_flag(top!(), super::pattern::MAPPING);
                    push!(r);
                }
                op::MATCH_SEQUENCE => {
                    let r = super::pattern::match_flag(top!(), super::pattern::SEQUENCE);
                    push!(r);
                }
                op::MATCH_KEYS => {
                    let keys = top!().clone();
                    let subject = peek!(2).clone();
                    push!(tri!(super::pattern::match_keys(vm, &subject, &keys)));
                }
                op::RETURN_GENERATOR => {
                    f.instr = next;
                    f.stack_top = unsafe { sp.offset_from(base) } as usize;
                    let g = gen::make_generator(vm, f);
                    sp = base;
                    leave!(Exit::Return(g));
                }
                op::YIELD_VALUE => {
                    let v = pop!();
                    f.instr = next;
                    if f.inline_exit != 0 {
                        // An inline generator yielded: back to the caller's loop body.
                        f.stack_top = unsafe { sp.offset_from(base) } as usize;
                        let caller = f.previous;
                        // SAFETY: the caller is suspended in FOR_ITER, its iterator on top.
                        let gen_obj = unsafe { stack_top_object(&*caller) };
                        crate::types::gen::leave_inline(vm, &gen_obj, false);
                        drop(gen_obj);
                        fp = caller;
                        let c = unsafe { &mut *fp };
                        push_value(c, v);
                        c.instr += 1 + op::CACHES[op::FOR_ITER as usize] as usize;
                        if TRACE != crate::eval::trace::active() {
                            return Exit::Call(fp);
                        }
                        continue 'frame;
                    }
                    leave!(Exit::Yield(v));
                }
                op::SEND => {
                    let v = pop!();
                    let receiver = top!().clone();
                    f.stack_top = unsafe { sp.offset_from(base) } as usize;
                    match tri!(gen::send(vm, &receiver, v)) {
                        gen::SendResult::Yield(r) => push!(r),
                        gen::SendResult::Return(r) => {
                            push!(r);
                            next += oparg as usize;
                        }
                    }
                }
                op::END_SEND => {
                    let v = pop!();
                    drop(pop_slot!());
                    push!(v);
                }
                op::GET_YIELD_FROM_ITER => {
                    let v = pop!();
                    push!(tri!(gen::get_yield_from_iter(vm, f, v)));
                }
                op::CLEANUP_THROW => {
                    let exc = pop!();
                    if exc.ob_type().is_subtype(&crate::types::exceptions::STOP_ITERATION) {
                        drop(pop_slot!());
                        drop(pop_slot!());
                        push!(none::none());
                        push!(crate::types::exceptions::first_field(&exc));
                    } else {
                        leave!(Exit::Error(PyErr::from_instance(exc), false));
                    }
                }
                op::GET_AWAITABLE => {
                    let v = pop!();
                    push!(tri!(gen::get_awaitable(vm, &v, oparg)));
                }
                op::GET_AITER => {
                    let v = pop!();
                    push!(tri!(asyncgen::get_aiter(vm, &v)));
                }
                op::GET_ANEXT => {
                    let a = tri!(asyncgen::get_anext(vm, top!()));
                    push!(a);
                }
                op::END_ASYNC_FOR => {
                    let exc = pop!();
                    if exc.ob_type().is_subtype(&crate::types::exceptions::STOP_ASYNC_ITERATION) {
                        drop(pop_slot!());
                    } else {
                        leave!(Exit::Error(PyErr::from_instance(exc), false));
                    }
                }
                op::BEFORE_ASYNC_WITH => {
                    let mgr = pop!();
                    let (exit, res) = tri!(asyncgen::before_async_with(vm, &mgr));
                    push!(exit);
                    push!(res);
                }
                op::GET_LEN => {
                    let n = tri!(protocol::len(vm, top!()));
                    push!(int::new_int(n as i64));
                }
                _ => {
                    let name = taipan_bytecode::Opcode(opcode as u16).name();
                    leave!(Exit::Error(vm.system_error(format!("taipan: opcode {name} is not implemented yet")), true));
                }
            }
        }
    }
}

#[allow(dead_code)]
fn unused(_: &PyObject) {}
