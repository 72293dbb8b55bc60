//! Stack effects `(inputs -- outputs)` of every instruction as a function of its oparg,
//! written from the instruction definitions of CPython 3.13's `Python/bytecodes.c`.
//!
//! `stack_effect` answers exactly what `dis.stack_effect(op, oparg, jump=…)` answers
//! (`PyCompile_OpcodeStackEffectWithJump`): `None` where the reference raises
//! "invalid opcode or oparg" — undefined numbers, specialized instructions, and
//! INSTRUMENTED_LINE, which has no fixed effect. `jump` only matters for the
//! exception-block pseudo-instructions SETUP_FINALLY/SETUP_CLEANUP/SETUP_WITH: at the
//! handler (jump = true, or None meaning "the maximum") they have pushed the exception
//! (and lasti); on the fall-through path they do nothing. The compiler's stack-depth pass
//! and the VM's debug stack checks both use this function.
//!
//! The `(inputs -- outputs)` split is that of `bytecodes.c`, so that `popped` is also the
//! depth an instruction reads. Array inputs such as `unused[oparg-1]` count as given, which
//! at oparg 0 makes them -1 + 1 = 0; the reference's formulas do the same.

use super::Opcode;

/// How many values an instruction pops and then pushes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackEffect {
    pub popped: i64,
    pub pushed: i64,
}

impl StackEffect {
    /// pushed − popped: what `dis.stack_effect` returns.
    pub fn net(self) -> i64 {
        self.pushed - self.popped
    }
}

const fn e(popped: i64, pushed: i64) -> Option<StackEffect> {
    Some(StackEffect { popped, pushed })
}

/// `dis.stack_effect(op, oparg, jump=jump)` as inputs and outputs.
pub fn stack_effect(op: Opcode, oparg: i32, jump: Option<bool>) -> Option<StackEffect> {
    let n = oparg as i64;
    // The branch taken (None asks for the larger of the two).
    let jumps = jump.unwrap_or(true);
    match op {
        // --- no stack traffic
        Opcode::CACHE
        | Opcode::RESERVED
        | Opcode::NOP
        | Opcode::RESUME
        | Opcode::EXTENDED_ARG
        | Opcode::ENTER_EXECUTOR
        | Opcode::SETUP_ANNOTATIONS
        | Opcode::COPY_FREE_VARS
        | Opcode::MAKE_CELL
        | Opcode::DELETE_FAST
        | Opcode::DELETE_DEREF
        | Opcode::DELETE_GLOBAL
        | Opcode::DELETE_NAME
        | Opcode::RETURN_CONST
        | Opcode::JUMP_FORWARD
        | Opcode::JUMP_BACKWARD
        | Opcode::JUMP_BACKWARD_NO_INTERRUPT => e(0, 0),
        // --- loads: ( -- value)
        Opcode::LOAD_CONST
        | Opcode::LOAD_FAST
        | Opcode::LOAD_FAST_CHECK
        | Opcode::LOAD_FAST_AND_CLEAR
        | Opcode::LOAD_DEREF
        | Opcode::LOAD_NAME
        | Opcode::LOAD_ASSERTION_ERROR
        | Opcode::LOAD_BUILD_CLASS
        | Opcode::LOAD_LOCALS
        | Opcode::PUSH_NULL
        | Opcode::RETURN_GENERATOR => e(0, 1),
        Opcode::LOAD_FAST_LOAD_FAST => e(0, 2),
        // ( -- res, null if (oparg & 1))
        Opcode::LOAD_GLOBAL => e(0, 1 + (n & 1)),
        // (owner -- attr, self_or_null if (oparg & 1))
        Opcode::LOAD_ATTR => e(1, 1 + (n & 1)),
        // (global_super, class, self -- attr, null if (oparg & 1))
        Opcode::LOAD_SUPER_ATTR => e(3, 1 + (n & 1)),
        Opcode::LOAD_FROM_DICT_OR_DEREF | Opcode::LOAD_FROM_DICT_OR_GLOBALS => e(1, 1),
        // --- stores: (value -- )
        Opcode::STORE_FAST
        | Opcode::STORE_DEREF
        | Opcode::STORE_GLOBAL
        | Opcode::STORE_NAME
        | Opcode::POP_TOP
        | Opcode::DELETE_ATTR
        | Opcode::RETURN_VALUE
        | Opcode::INTERPRETER_EXIT
        | Opcode::POP_EXCEPT
        | Opcode::EXIT_INIT_CHECK
        | Opcode::END_FOR => e(1, 0),
        Opcode::STORE_FAST_LOAD_FAST => e(1, 1),
        Opcode::STORE_FAST_STORE_FAST => e(2, 0),
        // (v, owner -- )
        Opcode::STORE_ATTR | Opcode::DELETE_SUBSCR => e(2, 0),
        // (v, container, sub -- )
        Opcode::STORE_SUBSCR => e(3, 0),
        // (v, container, start, stop -- )
        Opcode::STORE_SLICE => e(4, 0),
        // --- unary: (value -- res)
        Opcode::UNARY_NEGATIVE
        | Opcode::UNARY_NOT
        | Opcode::UNARY_INVERT
        | Opcode::TO_BOOL
        | Opcode::GET_ITER
        | Opcode::GET_YIELD_FROM_ITER
        | Opcode::GET_AITER
        | Opcode::GET_AWAITABLE
        | Opcode::FORMAT_SIMPLE
        | Opcode::CONVERT_VALUE
        | Opcode::CALL_INTRINSIC_1
        | Opcode::MAKE_FUNCTION
        | Opcode::YIELD_VALUE => e(1, 1),
        // --- binary: (left, right -- res)
        Opcode::BINARY_OP
        | Opcode::BINARY_SUBSCR
        | Opcode::COMPARE_OP
        | Opcode::IS_OP
        | Opcode::CONTAINS_OP
        | Opcode::CALL_INTRINSIC_2
        | Opcode::FORMAT_WITH_SPEC
        | Opcode::IMPORT_NAME
        | Opcode::SET_FUNCTION_ATTRIBUTE
        | Opcode::END_SEND => e(2, 1),
        // (container, start, stop -- res)
        Opcode::BINARY_SLICE => e(3, 1),
        // (left, right -- left, b) and (exc_value, match_type -- rest, match)
        Opcode::CHECK_EXC_MATCH | Opcode::CHECK_EG_MATCH => e(2, 2),
        // (receiver, v -- receiver, retval)
        Opcode::SEND => e(2, 2),
        // (sub_iter, last_sent_val, exc_value -- none, value)
        Opcode::CLEANUP_THROW => e(3, 2),
        // (awaitable, exc -- )
        Opcode::END_ASYNC_FOR => e(2, 0),
        // (mgr -- exit, res)
        Opcode::BEFORE_WITH | Opcode::BEFORE_ASYNC_WITH => e(1, 2),
        // (aiter -- aiter, awaitable), (obj -- obj, len), (subject -- subject, res),
        // (from -- from, res), (new_exc -- prev_exc, new_exc), (iter -- iter, next)
        Opcode::GET_ANEXT
        | Opcode::GET_LEN
        | Opcode::MATCH_MAPPING
        | Opcode::MATCH_SEQUENCE
        | Opcode::IMPORT_FROM
        | Opcode::PUSH_EXC_INFO
        | Opcode::FOR_ITER => e(1, 2),
        // (subject, keys -- subject, keys, values_or_none)
        Opcode::MATCH_KEYS => e(2, 3),
        // (subject, type, names -- attrs)
        Opcode::MATCH_CLASS => e(3, 1),
        // (exit_func, lasti, unused, val -- exit_func, lasti, unused, val, res)
        Opcode::WITH_EXCEPT_START => e(4, 5),
        // --- builders: (values[oparg] -- collection)
        Opcode::BUILD_LIST | Opcode::BUILD_SET | Opcode::BUILD_TUPLE | Opcode::BUILD_STRING => {
            e(n, 1)
        }
        Opcode::BUILD_MAP => e(n * 2, 1),
        Opcode::BUILD_CONST_KEY_MAP => e(n + 1, 1),
        // (start, stop, step if (oparg == 3) -- slice)
        Opcode::BUILD_SLICE => e(2 + (n == 3) as i64, 1),
        // (list, unused[oparg-1], v -- list, unused[oparg-1])
        Opcode::LIST_APPEND
        | Opcode::SET_ADD
        | Opcode::LIST_EXTEND
        | Opcode::SET_UPDATE
        | Opcode::DICT_UPDATE => e((n - 1) + 2, (n - 1) + 1),
        // (callable, unused, unused, dict, unused[oparg-1], update -- callable, unused, unused, dict, unused[oparg-1])
        Opcode::DICT_MERGE => e((n - 1) + 5, (n - 1) + 4),
        // (dict, unused[oparg-1], key, value -- dict, unused[oparg-1])
        Opcode::MAP_ADD => e((n - 1) + 3, (n - 1) + 1),
        // (seq -- unused[oparg])
        Opcode::UNPACK_SEQUENCE => e(1, n),
        // (seq -- unused[oparg & 0xFF], unused, unused[oparg >> 8])
        Opcode::UNPACK_EX => e(1, (n & 0xFF) + (n >> 8) + 1),
        // --- stack manipulation
        // (bottom, unused[oparg-1] -- bottom, unused[oparg-1], top)
        Opcode::COPY => e((n - 1) + 1, (n - 1) + 2),
        // (bottom, unused[oparg-2], top -- top, unused[oparg-2], bottom)
        Opcode::SWAP => e((n - 2) + 2, (n - 2) + 2),
        // --- calls
        // (callable, self_or_null, args[oparg] -- res)
        Opcode::CALL => e(n + 2, 1),
        // (callable, self_or_null, args[oparg], kwnames -- res)
        Opcode::CALL_KW => e(n + 3, 1),
        // (func, unused, callargs, kwargs if (oparg & 1) -- result)
        Opcode::CALL_FUNCTION_EX => e(3 + (n & 1), 1),
        // --- control flow
        Opcode::POP_JUMP_IF_FALSE
        | Opcode::POP_JUMP_IF_TRUE
        | Opcode::POP_JUMP_IF_NONE
        | Opcode::POP_JUMP_IF_NOT_NONE => e(1, 0),
        // (args[oparg] -- )
        Opcode::RAISE_VARARGS => e(n, 0),
        // (values[oparg], exc -- values[oparg])
        Opcode::RERAISE => e(n + 1, n),
        // --- instrumented forms (they act on the stack through the instruction they wrap)
        Opcode::INSTRUMENTED_RESUME
        | Opcode::INSTRUMENTED_RETURN_CONST
        | Opcode::INSTRUMENTED_FOR_ITER
        | Opcode::INSTRUMENTED_CALL
        | Opcode::INSTRUMENTED_CALL_KW
        | Opcode::INSTRUMENTED_CALL_FUNCTION_EX
        | Opcode::INSTRUMENTED_INSTRUCTION
        | Opcode::INSTRUMENTED_JUMP_FORWARD
        | Opcode::INSTRUMENTED_JUMP_BACKWARD
        | Opcode::INSTRUMENTED_POP_JUMP_IF_TRUE
        | Opcode::INSTRUMENTED_POP_JUMP_IF_FALSE
        | Opcode::INSTRUMENTED_POP_JUMP_IF_NONE
        | Opcode::INSTRUMENTED_POP_JUMP_IF_NOT_NONE => e(0, 0),
        // (receiver, value -- receiver) and (receiver, value -- value)
        Opcode::INSTRUMENTED_END_FOR | Opcode::INSTRUMENTED_END_SEND => e(2, 1),
        Opcode::INSTRUMENTED_RETURN_VALUE => e(1, 0),
        Opcode::INSTRUMENTED_YIELD_VALUE => e(1, 1),
        Opcode::INSTRUMENTED_LOAD_SUPER_ATTR => e(3, 1 + (n & 1)),
        // --- pseudo-instructions (resolved by the compiler before assembly)
        Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT | Opcode::POP_BLOCK => e(0, 0),
        Opcode::LOAD_CLOSURE => e(0, 1),
        Opcode::STORE_FAST_MAYBE_NULL => e(1, 0),
        // (owner -- method, self_or_null)
        Opcode::LOAD_METHOD => e(1, 2),
        // (global_super, class, self -- attr, self_or_null) and the attribute form, which the
        // reference also counts as -1
        Opcode::LOAD_SUPER_METHOD
        | Opcode::LOAD_ZERO_SUPER_METHOD
        | Opcode::LOAD_ZERO_SUPER_ATTR => e(3, 2),
        // At the handler: the exception (SETUP_FINALLY, SETUP_WITH) or lasti and the
        // exception (SETUP_CLEANUP) have been pushed.
        Opcode::SETUP_FINALLY | Opcode::SETUP_WITH => e(0, jumps as i64),
        Opcode::SETUP_CLEANUP => e(0, 2 * jumps as i64),
        _ => None,
    }
}
