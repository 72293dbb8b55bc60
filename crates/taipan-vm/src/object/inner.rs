//! [`PyInner<T>`]: how every object is laid out, allocated, downcast and freed.
//!
//! ```text
//!             ┌──────────────────────────────┐
//!  (classes)  │ ManagedPrefix: __dict__,     │  only when the type has MANAGED_DICT
//!             │ __slots__ values, weakrefs   │  (CPython 3.13 also puts it before)
//!  ob ptr ──▶ ├──────────────────────────────┤
//!             │ ob_refcnt  (isize)           │  offset 0   ┐ PyObject, C-compatible
//!             │ ob_type    (*PyTypeObject)   │  offset 8   ┘
//!             ├──────────────────────────────┤
//!             │ payload: T                   │  offset 16: the built-in type's data
//!             └──────────────────────────────┘
//! ```
//!
//! A built-in type implements [`PyPayload`] for its payload struct, naming its static type
//! object. An instance of a class derived from it has the same payload (the class's
//! "solid base" decides the layout) plus the managed prefix; so downcasting checks
//! subtyping, not type identity, and one generic [`dealloc`] frees both shapes.

use std::alloc::{alloc, dealloc as free, handle_alloc_error, Layout};
use std::cell::{RefCell, UnsafeCell};
use std::ptr::NonNull;

use super::{PyObject, PyRef, PyTypeObject};
use super::typeobj::flags;
use crate::gc::{GcHead, HEAD_SIZE};

/// An object: the header, then the payload of its type.
#[repr(C)]
pub struct PyInner<T> {
    pub ob: PyObject,
    pub payload: T,
}

impl<T> std::ops::Deref for PyInner<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.payload
    }
}

impl<T> PyInner<T> {
    /// A statically allocated, immortal object of type `tp`.
    pub const fn new_static(tp: &'static PyTypeObject, payload: T) -> PyInner<T> {
        PyInner { ob: PyObject::new_immortal(tp as *const PyTypeObject), payload }
    }

    #[inline]
    pub fn as_object(&self) -> &PyObject {
        &self.ob
    }

    /// A new owned reference to this object.
    #[inline]
    pub fn to_ref(&self) -> PyRef {
        PyRef::new_ref(&self.ob)
    }
}

/// A `static` object. Objects are `!Sync` because only the GIL holder may touch them;
/// immortal static objects are shared by every thread under that same rule.
#[repr(transparent)]
pub struct Static<T>(pub T);
// SAFETY: see the type's doc: access is serialized by the GIL.
unsafe impl<T> Sync for Static<T> {}

impl<T> std::ops::Deref for Static<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A Rust type that is the payload of a built-in Python type.
pub trait PyPayload: Sized + 'static {
    /// The built-in type whose instances (and whose subclasses' instances) carry this payload.
    fn static_type() -> &'static PyTypeObject;
}

/// What a class instance carries before its header: `__dict__`, the values of
/// `__slots__`, and the weak references to it.
pub struct ManagedPrefix {
    pub dict: RefCell<Option<PyRef>>,
    pub slots: RefCell<Vec<Option<PyRef>>>,
    pub weaklist: UnsafeCell<*mut PyObject>,
}

const PREFIX_SIZE: usize = std::mem::size_of::<ManagedPrefix>();

/// The allocation of an object with payload `T`, and the header's offset in it:
/// `[ManagedPrefix][GcHead][PyInner<T>]`, the first two when present.
#[inline]
fn layouts<T>(managed: bool, gc: bool) -> (Layout, usize) {
    let inner = Layout::new::<PyInner<T>>();
    debug_assert!(inner.align() <= 8, "payload alignment must not exceed 8");
    let pre = if managed { PREFIX_SIZE } else { 0 } + if gc { HEAD_SIZE } else { 0 };
    if pre == 0 {
        return (inner, 0);
    }
    let l = Layout::from_size_align(pre + inner.size(), 8).expect("object layout");
    (l, pre)
}

/// Allocate an object of type `tp` (a built-in type or a class deriving from one whose
/// payload is `T`). Takes a reference to `tp` when it is a heap type.
pub fn alloc_object<T: PyPayload>(tp: &PyTypeObject, payload: T) -> PyRef {
    let managed = tp.has_flag(flags::MANAGED_DICT);
    let gc = tp.has_flag(flags::HAVE_GC);
    let (layout, off) = layouts::<T>(managed, gc);
    // SAFETY: the layout is non-zero-sized (it holds the header); every field is written
    // before the object is handed out.
    unsafe {
        let base = alloc(layout);
        if base.is_null() {
            handle_alloc_error(layout);
        }
        if managed {
            let nslots = tp.ht_nslots.get();
            (base as *mut ManagedPrefix).write(ManagedPrefix {
                dict: RefCell::new(None),
                slots: RefCell::new(vec![None; nslots]),
                weaklist: UnsafeCell::new(std::ptr::null_mut()),
            });
        }
        let obj = base.add(off) as *mut PyInner<T>;
        if tp.is_heap_type() {
            tp.ob.incref();
        }
        obj.write(PyInner { ob: PyObject::new(tp as *const PyTypeObject), payload });
        #[cfg(feature = "refcheck")]
        crate::gc::refcheck::on_alloc(obj as *const PyObject);
        if gc {
            let head = (obj as *mut GcHead).sub(1);
            head.write(GcHead::new());
            crate::gc::track_new(head);
        }
        PyRef::from_raw(NonNull::new_unchecked(obj as *mut PyObject))
    }
}

/// Make a new object of the static, non-GC, prefix-less type `tp` in `block` (memory of
/// `PyInner<T>`'s layout taken from a free list).
///
/// # Safety
/// `block` is such memory, unused; `tp` has no MANAGED_DICT or HAVE_GC flag.
#[inline(always)]
pub unsafe fn init_block<T: PyPayload>(block: *mut PyInner<T>, tp: &'static PyTypeObject, payload: T) -> PyRef {
    unsafe {
        block.write(PyInner { ob: PyObject::new(tp as *const PyTypeObject), payload });
        PyRef::from_raw(NonNull::new_unchecked(block as *mut PyObject))
    }
}

/// The managed prefix of a class instance, if its type has one.
pub fn managed_prefix(obj: &PyObject) -> Option<&ManagedPrefix> {
    let tp = obj.ob_type();
    if tp.has_flag(flags::MANAGED_DICT) {
        let off = PREFIX_SIZE + if tp.has_flag(flags::HAVE_GC) { HEAD_SIZE } else { 0 };
        // SAFETY: objects of MANAGED_DICT types were allocated with the prefix before
        // the header and the GC head (alloc_object).
        Some(unsafe { &*((obj as *const PyObject as *const u8).sub(off) as *const ManagedPrefix) })
    } else {
        None
    }
}

/// `tp_dealloc` of every type whose instances carry payload `T`: drop the payload and
/// the managed prefix, free the memory, release the reference to a heap type.
///
/// # Safety
/// `obj` is an object of a type whose payload is `T`, with count zero.
pub unsafe fn dealloc<T: PyPayload>(obj: *mut PyObject) {
    unsafe {
        let tp = (*obj).ob_type() as *const PyTypeObject;
        let managed = (*tp).has_flag(flags::MANAGED_DICT);
        let gc = (*tp).has_flag(flags::HAVE_GC);
        let heap = (*tp).is_heap_type();
        let (layout, off) = layouts::<T>(managed, gc);
        if gc {
            crate::gc::on_dealloc((obj as *mut GcHead).sub(1));
        }
        let inner = obj as *mut PyInner<T>;
        std::ptr::drop_in_place(&mut (*inner).payload);
        let base = (obj as *mut u8).sub(off);
        if managed {
            std::ptr::drop_in_place(base as *mut ManagedPrefix);
        }
        #[cfg(feature = "refcheck")]
        {
            // Never reused: a later decrement of this object finds count 0 and panics.
            let _ = (base, layout, free as unsafe fn(*mut u8, Layout));
            crate::gc::refcheck::on_free(obj);
        }
        #[cfg(not(feature = "refcheck"))]
        free(base, layout);
        if heap {
            drop(PyRef::from_raw(NonNull::new_unchecked(tp as *mut PyObject)));
        }
    }
}

/// The `tp_dealloc` of immortal singletons: never called.
///
/// # Safety
/// Never unsafe: it does nothing.
pub unsafe fn dealloc_never(_obj: *mut PyObject) {}

impl PyObject {
    /// Borrow the payload when this object is an instance of `T`'s type or a subclass.
    #[inline]
    pub fn downcast<T: PyPayload>(&self) -> Option<&PyInner<T>> {
        let tp = self.ob_type();
        if std::ptr::eq(tp, T::static_type()) || tp.is_subtype(T::static_type()) {
            // SAFETY: instances of T's type and its subclasses are PyInner<T>.
            Some(unsafe { &*(self as *const PyObject as *const PyInner<T>) })
        } else {
            None
        }
    }

    /// Borrow the payload when this object's type is exactly `T`'s type.
    #[inline]
    pub fn downcast_exact<T: PyPayload>(&self) -> Option<&PyInner<T>> {
        if std::ptr::eq(self.ob_type(), T::static_type()) {
            // SAFETY: as in `downcast`.
            Some(unsafe { &*(self as *const PyObject as *const PyInner<T>) })
        } else {
            None
        }
    }

    /// `isinstance(self, T's type)` by type only (no `__instancecheck__`).
    #[inline]
    pub fn is_instance_of<T: PyPayload>(&self) -> bool {
        self.downcast::<T>().is_some()
    }

    /// Borrow the payload of an object already known to carry `T`.
    ///
    /// # Safety
    /// The object's type is `T`'s type or a subclass of it.
    #[inline]
    pub unsafe fn payload_unchecked<T: PyPayload>(&self) -> &T {
        unsafe { &(*(self as *const PyObject as *const PyInner<T>)).payload }
    }

    /// `obj is other`.
    #[inline]
    pub fn is(&self, other: &PyObject) -> bool {
        std::ptr::eq(self, other)
    }

    /// The object's address, as `id()` reports it.
    #[inline]
    pub fn addr(&self) -> usize {
        self as *const PyObject as usize
    }

    /// A new owned reference (`Py_NewRef`).
    #[inline]
    pub fn to_ref(&self) -> PyRef {
        PyRef::new_ref(self)
    }

    /// The type as an owned object reference.
    #[inline]
    pub fn type_ref(&self) -> PyRef {
        PyRef::new_ref(self.ob_type().as_object())
    }
}
