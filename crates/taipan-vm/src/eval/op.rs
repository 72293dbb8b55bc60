//! Opcode numbers as `u8` constants for the dispatch `match`, taken from the
//! instruction table of `taipan-bytecode` (the single source of truth).

use taipan_bytecode::Opcode;

pub const CACHE: u8 = Opcode::CACHE.0 as u8;
pub const BEFORE_ASYNC_WITH: u8 = Opcode::BEFORE_ASYNC_WITH.0 as u8;
pub const BEFORE_WITH: u8 = Opcode::BEFORE_WITH.0 as u8;
pub const BINARY_SLICE: u8 = Opcode::BINARY_SLICE.0 as u8;
pub const BINARY_SUBSCR: u8 = Opcode::BINARY_SUBSCR.0 as u8;
pub const CHECK_EG_MATCH: u8 = Opcode::CHECK_EG_MATCH.0 as u8;
pub const CHECK_EXC_MATCH: u8 = Opcode::CHECK_EXC_MATCH.0 as u8;
pub const CLEANUP_THROW: u8 = Opcode::CLEANUP_THROW.0 as u8;
pub const DELETE_SUBSCR: u8 = Opcode::DELETE_SUBSCR.0 as u8;
pub const END_ASYNC_FOR: u8 = Opcode::END_ASYNC_FOR.0 as u8;
pub const END_FOR: u8 = Opcode::END_FOR.0 as u8;
pub const END_SEND: u8 = Opcode::END_SEND.0 as u8;
pub const EXIT_INIT_CHECK: u8 = Opcode::EXIT_INIT_CHECK.0 as u8;
pub const FORMAT_SIMPLE: u8 = Opcode::FORMAT_SIMPLE.0 as u8;
pub const FORMAT_WITH_SPEC: u8 = Opcode::FORMAT_WITH_SPEC.0 as u8;
pub const GET_AITER: u8 = Opcode::GET_AITER.0 as u8;
pub const GET_ANEXT: u8 = Opcode::GET_ANEXT.0 as u8;
pub const GET_ITER: u8 = Opcode::GET_ITER.0 as u8;
pub const GET_LEN: u8 = Opcode::GET_LEN.0 as u8;
pub const GET_YIELD_FROM_ITER: u8 = Opcode::GET_YIELD_FROM_ITER.0 as u8;
pub const INTERPRETER_EXIT: u8 = Opcode::INTERPRETER_EXIT.0 as u8;
pub const LOAD_ASSERTION_ERROR: u8 = Opcode::LOAD_ASSERTION_ERROR.0 as u8;
pub const LOAD_BUILD_CLASS: u8 = Opcode::LOAD_BUILD_CLASS.0 as u8;
pub const LOAD_LOCALS: u8 = Opcode::LOAD_LOCALS.0 as u8;
pub const MAKE_FUNCTION: u8 = Opcode::MAKE_FUNCTION.0 as u8;
pub const MATCH_KEYS: u8 = Opcode::MATCH_KEYS.0 as u8;
pub const MATCH_MAPPING: u8 = Opcode::MATCH_MAPPING.0 as u8;
pub const MATCH_SEQUENCE: u8 = Opcode::MATCH_SEQUENCE.0 as u8;
pub const NOP: u8 = Opcode::NOP.0 as u8;
pub const POP_EXCEPT: u8 = Opcode::POP_EXCEPT.0 as u8;
pub const POP_TOP: u8 = Opcode::POP_TOP.0 as u8;
pub const PUSH_EXC_INFO: u8 = Opcode::PUSH_EXC_INFO.0 as u8;
pub const PUSH_NULL: u8 = Opcode::PUSH_NULL.0 as u8;
pub const RETURN_GENERATOR: u8 = Opcode::RETURN_GENERATOR.0 as u8;
pub const RETURN_VALUE: u8 = Opcode::RETURN_VALUE.0 as u8;
pub const SETUP_ANNOTATIONS: u8 = Opcode::SETUP_ANNOTATIONS.0 as u8;
pub const STORE_SLICE: u8 = Opcode::STORE_SLICE.0 as u8;
pub const STORE_SUBSCR: u8 = Opcode::STORE_SUBSCR.0 as u8;
pub const TO_BOOL: u8 = Opcode::TO_BOOL.0 as u8;
pub const UNARY_INVERT: u8 = Opcode::UNARY_INVERT.0 as u8;
pub const UNARY_NEGATIVE: u8 = Opcode::UNARY_NEGATIVE.0 as u8;
pub const UNARY_NOT: u8 = Opcode::UNARY_NOT.0 as u8;
pub const WITH_EXCEPT_START: u8 = Opcode::WITH_EXCEPT_START.0 as u8;
pub const BINARY_OP: u8 = Opcode::BINARY_OP.0 as u8;
pub const BUILD_CONST_KEY_MAP: u8 = Opcode::BUILD_CONST_KEY_MAP.0 as u8;
pub const BUILD_LIST: u8 = Opcode::BUILD_LIST.0 as u8;
pub const BUILD_MAP: u8 = Opcode::BUILD_MAP.0 as u8;
pub const BUILD_SET: u8 = Opcode::BUILD_SET.0 as u8;
pub const BUILD_SLICE: u8 = Opcode::BUILD_SLICE.0 as u8;
pub const BUILD_STRING: u8 = Opcode::BUILD_STRING.0 as u8;
pub const BUILD_TUPLE: u8 = Opcode::BUILD_TUPLE.0 as u8;
pub const CALL: u8 = Opcode::CALL.0 as u8;
pub const CALL_FUNCTION_EX: u8 = Opcode::CALL_FUNCTION_EX.0 as u8;
pub const CALL_INTRINSIC_1: u8 = Opcode::CALL_INTRINSIC_1.0 as u8;
pub const CALL_INTRINSIC_2: u8 = Opcode::CALL_INTRINSIC_2.0 as u8;
pub const CALL_KW: u8 = Opcode::CALL_KW.0 as u8;
pub const COMPARE_OP: u8 = Opcode::COMPARE_OP.0 as u8;
pub const CONTAINS_OP: u8 = Opcode::CONTAINS_OP.0 as u8;
pub const CONVERT_VALUE: u8 = Opcode::CONVERT_VALUE.0 as u8;
pub const COPY: u8 = Opcode::COPY.0 as u8;
pub const COPY_FREE_VARS: u8 = Opcode::COPY_FREE_VARS.0 as u8;
pub const DELETE_ATTR: u8 = Opcode::DELETE_ATTR.0 as u8;
pub const DELETE_DEREF: u8 = Opcode::DELETE_DEREF.0 as u8;
pub const DELETE_FAST: u8 = Opcode::DELETE_FAST.0 as u8;
pub const DELETE_GLOBAL: u8 = Opcode::DELETE_GLOBAL.0 as u8;
pub const DELETE_NAME: u8 = Opcode::DELETE_NAME.0 as u8;
pub const DICT_MERGE: u8 = Opcode::DICT_MERGE.0 as u8;
pub const DICT_UPDATE: u8 = Opcode::DICT_UPDATE.0 as u8;
pub const EXTENDED_ARG: u8 = Opcode::EXTENDED_ARG.0 as u8;
pub const FOR_ITER: u8 = Opcode::FOR_ITER.0 as u8;
pub const GET_AWAITABLE: u8 = Opcode::GET_AWAITABLE.0 as u8;
pub const IMPORT_FROM: u8 = Opcode::IMPORT_FROM.0 as u8;
pub const IMPORT_NAME: u8 = Opcode::IMPORT_NAME.0 as u8;
pub const IS_OP: u8 = Opcode::IS_OP.0 as u8;
pub const JUMP_BACKWARD: u8 = Opcode::JUMP_BACKWARD.0 as u8;
pub const JUMP_BACKWARD_NO_INTERRUPT: u8 = Opcode::JUMP_BACKWARD_NO_INTERRUPT.0 as u8;
pub const JUMP_FORWARD: u8 = Opcode::JUMP_FORWARD.0 as u8;
pub const LIST_APPEND: u8 = Opcode::LIST_APPEND.0 as u8;
pub const LIST_EXTEND: u8 = Opcode::LIST_EXTEND.0 as u8;
pub const LOAD_ATTR: u8 = Opcode::LOAD_ATTR.0 as u8;
pub const LOAD_CONST: u8 = Opcode::LOAD_CONST.0 as u8;
pub const LOAD_DEREF: u8 = Opcode::LOAD_DEREF.0 as u8;
pub const LOAD_FAST: u8 = Opcode::LOAD_FAST.0 as u8;
pub const LOAD_FAST_AND_CLEAR: u8 = Opcode::LOAD_FAST_AND_CLEAR.0 as u8;
pub const LOAD_FAST_CHECK: u8 = Opcode::LOAD_FAST_CHECK.0 as u8;
pub const LOAD_FAST_LOAD_FAST: u8 = Opcode::LOAD_FAST_LOAD_FAST.0 as u8;
pub const LOAD_FROM_DICT_OR_DEREF: u8 = Opcode::LOAD_FROM_DICT_OR_DEREF.0 as u8;
pub const LOAD_FROM_DICT_OR_GLOBALS: u8 = Opcode::LOAD_FROM_DICT_OR_GLOBALS.0 as u8;
pub const LOAD_GLOBAL: u8 = Opcode::LOAD_GLOBAL.0 as u8;
pub const LOAD_NAME: u8 = Opcode::LOAD_NAME.0 as u8;
pub const LOAD_SUPER_ATTR: u8 = Opcode::LOAD_SUPER_ATTR.0 as u8;
pub const MAKE_CELL: u8 = Opcode::MAKE_CELL.0 as u8;
pub const MAP_ADD: u8 = Opcode::MAP_ADD.0 as u8;
pub const MATCH_CLASS: u8 = Opcode::MATCH_CLASS.0 as u8;
pub const POP_JUMP_IF_FALSE: u8 = Opcode::POP_JUMP_IF_FALSE.0 as u8;
pub const POP_JUMP_IF_NONE: u8 = Opcode::POP_JUMP_IF_NONE.0 as u8;
pub const POP_JUMP_IF_NOT_NONE: u8 = Opcode::POP_JUMP_IF_NOT_NONE.0 as u8;
pub const POP_JUMP_IF_TRUE: u8 = Opcode::POP_JUMP_IF_TRUE.0 as u8;
pub const RAISE_VARARGS: u8 = Opcode::RAISE_VARARGS.0 as u8;
pub const RERAISE: u8 = Opcode::RERAISE.0 as u8;
pub const RETURN_CONST: u8 = Opcode::RETURN_CONST.0 as u8;
pub const SEND: u8 = Opcode::SEND.0 as u8;
pub const SET_ADD: u8 = Opcode::SET_ADD.0 as u8;
pub const SET_FUNCTION_ATTRIBUTE: u8 = Opcode::SET_FUNCTION_ATTRIBUTE.0 as u8;
pub const SET_UPDATE: u8 = Opcode::SET_UPDATE.0 as u8;
pub const STORE_ATTR: u8 = Opcode::STORE_ATTR.0 as u8;
pub const STORE_DEREF: u8 = Opcode::STORE_DEREF.0 as u8;
pub const STORE_FAST: u8 = Opcode::STORE_FAST.0 as u8;
pub const STORE_FAST_LOAD_FAST: u8 = Opcode::STORE_FAST_LOAD_FAST.0 as u8;
pub const STORE_FAST_STORE_FAST: u8 = Opcode::STORE_FAST_STORE_FAST.0 as u8;
pub const STORE_GLOBAL: u8 = Opcode::STORE_GLOBAL.0 as u8;
pub const STORE_NAME: u8 = Opcode::STORE_NAME.0 as u8;
pub const SWAP: u8 = Opcode::SWAP.0 as u8;
pub const UNPACK_EX: u8 = Opcode::UNPACK_EX.0 as u8;
pub const UNPACK_SEQUENCE: u8 = Opcode::UNPACK_SEQUENCE.0 as u8;
pub const YIELD_VALUE: u8 = Opcode::YIELD_VALUE.0 as u8;
pub const RESUME: u8 = Opcode::RESUME.0 as u8;

/// taipan's own: the unit appended after a code object's last instruction in the
/// executed copy, and what an instruction whose jump or caches would leave the code is
/// replaced by (`eval::cache::quicken`). Executing it raises SystemError. 148 is a
/// number 3.13 leaves unused.
pub const END_OF_CODE: u8 = 148;

/// Inline cache units after each opcode (`_PyOpcode_Caches`), computed at compile time
/// (a plain static: the dispatch loop indexes it without an initialization check).
pub static CACHES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(info) = &taipan_bytecode::opcode::OPCODE_TABLE[i] {
            t[i] = info.cache_entries as u8;
        }
        i += 1;
    }
    t
};
