//! The built-in types, one file each (DESIGN.md §4.2).
//!
//! Each file defines the payload struct (implementing [`PyPayload`](crate::object::PyPayload)),
//! the `static` type object, its slots and its methods. [`ready_static_types`] runs
//! `type_ready` over all of them once per process, in base-before-subclass order.

pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod class;
pub mod code;
pub mod code_attrs;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod dict_views;
pub mod exceptions;
pub mod slice_methods;
pub mod exception_attrs;
pub mod exception_group;
pub mod finalize;
pub mod function;
pub mod gen;
pub mod generic_alias;
pub mod asyncgen;
pub mod function_attrs;
pub mod float;
pub mod frame;
pub mod frame_locals;
pub mod instance_attrs;
pub mod int;
pub mod int_methods;
pub mod int_ops;
pub mod iter;
pub mod iterators;
pub mod list;
pub mod list_sort;
pub mod mappingproxy;
pub mod memoryview;
pub mod module;
pub mod namespace;
pub mod none;
pub mod object;
pub mod property;
pub mod range;
pub mod set;
pub mod set_table;
pub mod slots;
pub mod slice;
pub mod str;
pub mod super_;
pub mod syntax_error;
pub mod str_format;
pub mod structseq;
pub mod str_methods;
pub mod tuple;
pub mod type_;
pub mod type_cache;
pub mod typevar;
pub mod typing_module;
pub mod union;

use std::sync::Once;

/// A complex constant.
pub fn complex_new(real: f64, imag: f64) -> crate::object::PyRef {
    complex::new_complex(real, imag)
}

/// A bytes constant.
pub fn bytes_new(b: &[u8]) -> crate::object::PyRef {
    bytes::new_bytes(b.to_vec())
}

/// A frozenset constant (its items are hashable constants, so adding cannot fail).
pub fn frozenset_new(vm: &crate::vm::Vm, items: Vec<crate::object::PyRef>) -> crate::object::PyRef {
    set::new_frozenset_constant(vm, items).expect("constant items hash and compare without errors")
}

use crate::object::PyTypeObject;

/// Every static type, bases before subclasses.
pub(crate) fn static_types() -> Vec<&'static PyTypeObject> {
    let mut v: Vec<&'static PyTypeObject> = vec![
        &object::OBJECT_TYPE,
        &type_::TYPE_TYPE,
        &crate::builtins::site::QUITTER_TYPE,
        &crate::builtins::site::PRINTER_TYPE,
        &crate::builtins::site::HELPER_TYPE,
        &none::NONE_TYPE,
        &none::NOT_IMPLEMENTED_TYPE,
        &none::ELLIPSIS_TYPE,
        &int::INT_TYPE,
        &int::BOOL_TYPE,
        &str::STR_TYPE,
        &float::FLOAT_TYPE,
        &complex::COMPLEX_TYPE,
        &slice::SLICE_TYPE,
        &tuple::TUPLE_TYPE,
        &list::LIST_TYPE,
        &dict::DICT_TYPE,
        &module::MODULE_TYPE,
        &code::CODE_TYPE,
        &cell::CELL_TYPE,
        &frame::FRAME_TYPE,
        &frame_locals::FRAME_LOCALS_PROXY_TYPE,
        &crate::traceback::TRACEBACK_TYPE,
        &function::FUNCTION_TYPE,
        &function::METHOD_TYPE,
        &function::BUILTIN_FUNCTION_TYPE,
        &descr::METHOD_DESCRIPTOR_TYPE,
        &descr::CLASSMETHOD_DESCRIPTOR_TYPE,
        &descr::GETSET_DESCRIPTOR_TYPE,
        &descr::WRAPPER_DESCRIPTOR_TYPE,
        &descr::METHOD_WRAPPER_TYPE,
        &descr::MEMBER_DESCRIPTOR_TYPE,
        &descr::STATICMETHOD_TYPE,
        &descr::CLASSMETHOD_TYPE,
        &namespace::NAMESPACE_TYPE,
        &crate::weakref::REF_TYPE,
        &crate::weakref::PROXY_TYPE,
        &crate::weakref::CALLABLE_PROXY_TYPE,
        &descr::TP_NEW_WRAPPER_TYPE,
        &property::PROPERTY_TYPE,
        &mappingproxy::MAPPINGPROXY_TYPE,
        &instance_attrs::SUBTYPE_GETSET_TYPE,
        &super_::SUPER_TYPE,
        &iter::SEQ_ITER_TYPE,
        &list::LIST_ITER_TYPE,
        &tuple::TUPLE_ITER_TYPE,
        &dict_views::DICT_KEYS_TYPE,
        &dict_views::DICT_VALUES_TYPE,
        &dict_views::DICT_ITEMS_TYPE,
        &dict_views::DICT_KEYITER_TYPE,
        &dict_views::DICT_VALUEITER_TYPE,
        &dict_views::DICT_ITEMITER_TYPE,
        &dict_views::DICT_REVKEYITER_TYPE,
        &dict_views::DICT_REVVALUEITER_TYPE,
        &dict_views::DICT_REVITEMITER_TYPE,
        &crate::sysmodule::STD_STREAM_TYPE,
        &str::STR_ITER_TYPE, &str::STR_ITER_UNICODE_TYPE, &bytes::BYTES_TYPE, &bytes::BYTEARRAY_TYPE, &bytes::BYTES_ITER_TYPE, &bytes::BYTEARRAY_ITER_TYPE,
        &memoryview::MEMORYVIEW_TYPE,
        &memoryview::MEMORY_ITER_TYPE,
        &gen::GENERATOR_TYPE,
        &gen::COROUTINE_TYPE,
        &gen::CORO_WRAPPER_TYPE,
        &asyncgen::ASYNC_GENERATOR_TYPE,
        &asyncgen::ASYNC_GEN_ASEND_TYPE,
        &asyncgen::ASYNC_GEN_ATHROW_TYPE,
        &asyncgen::ASYNC_GEN_WRAPPED_TYPE,
        &crate::builtins::async_iter::ANEXT_AWAITABLE_TYPE,
        &list::LIST_REVITER_TYPE,
        &range::RANGE_TYPE,
        &set::SET_TYPE,
        &set::FROZENSET_TYPE,
        &set::SET_ITER_TYPE,
        &range::RANGE_ITER_TYPE,
        &range::LONGRANGE_ITER_TYPE,
        &iterators::ENUMERATE_TYPE,
        &iterators::ZIP_TYPE,
        &iterators::MAP_TYPE,
        &iterators::FILTER_TYPE,
        &iterators::REVERSED_TYPE,
        &iterators::CALL_ITER_TYPE,
        &generic_alias::GENERIC_ALIAS_TYPE,
        &union::UNION_TYPE,
        &typevar::TYPEVAR_TYPE,
        &typevar::PARAMSPEC_TYPE,
        &typevar::TYPEVARTUPLE_TYPE,
        &typevar::NO_DEFAULT_TYPE,
        &typevar::TYPE_ALIAS_TYPE,
        &typevar::GENERIC_TYPE,
        &typing_module::PARAMSPEC_ARGS_TYPE,
        &typing_module::PARAMSPEC_KWARGS_TYPE,
        &crate::ast_module::AST_TYPE,
    ];
    v.extend(exceptions::all_exception_types());
    v
}

static READY: Once = Once::new();

/// `type_ready` every static type (once per process).
pub fn ready_static_types(vm: &crate::vm::Vm) {
    READY.call_once(|| {
        none::NONE_TYPE.tp_hash.set(Some(none::none_hash));
        for tp in static_types() {
            type_::type_ready(vm, tp);
        }
        generic_alias::install_class_getitem(vm);
        crate::ast_module::ready_ast_type(vm);
        gen::ready_stop_iteration(vm);
        syntax_error::ready_syntax_error(vm);
    });
}
