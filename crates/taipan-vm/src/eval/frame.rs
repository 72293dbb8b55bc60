//! Interpreter frames on the per-thread frame stack (DESIGN.md §4.3, Decided).
//!
//! A Python→Python call does not recurse in Rust: the interpreter pushes an
//! [`InterpreterFrame`] and keeps running in the same loop. Each frame's
//! `localsplus` — locals, cells, free variables, then the value stack — is a run of
//! slots taken from the thread's **data stack**: a list of large chunks whose slots never
//! move, allocated LIFO, so a call costs a bump of a pointer and no heap allocation once
//! the chunks exist. Frame headers come from a pool of boxes reused by depth.
//!
//! | part              | slots                      | content                          |
//! |-------------------|----------------------------|----------------------------------|
//! | `localsplus[..n]` | `co_nlocalsplus`           | fast locals, cells, free vars    |
//! | `localsplus[n..]` | `co_stacksize`             | the value stack, `stack_top` used |
//!
//! A generator's frame is not on the data stack: the generator owns its slots and its
//! header, and links the header into the thread's frame chain while it runs.
//!
//! **Stack values.** Slots hold `Option<PyRef>` (a plain owned pointer; `None` is
//! CPython's NULL, e.g. the `self_or_null` of a call). All access goes through the
//! accessors here and in `eval/mod.rs`, so the representation (DESIGN.md's tagged
//! `StackRef`) can change in one place.

use std::cell::{Cell, UnsafeCell};

use crate::object::PyRef;
use crate::types::code::PyCode;

pub type Slot = Option<PyRef>;

const CHUNK_SLOTS: usize = 1 << 16;

pub struct InterpreterFrame {
    /// The code object (a `PyCode`).
    pub code: PyRef,
    /// The function being run (None for module and class bodies, `exec`).
    pub func: Option<PyRef>,
    pub globals: PyRef,
    pub builtins: PyRef,
    /// The locals mapping of module/class bodies (`LOAD_NAME`), None for functions.
    pub locals: Option<PyRef>,
    pub localsplus: *mut Slot,
    /// Items on the value stack.
    pub stack_top: usize,
    /// The code unit of the instruction being executed (`f_lasti / 2`).
    pub instr: usize,
    /// The frame that called this one (null at the bottom).
    pub previous: *mut InterpreterFrame,
    /// The frame object, once something asked for it.
    pub frame_obj: Option<PyRef>,
    /// Returning from this frame returns to the Rust caller of the eval loop.
    pub is_entry: bool,
    /// Owned by a generator (its slots are not on the data stack).
    pub is_generator: bool,
    /// Where this frame's slots begin on the data stack (to pop them).
    pub(crate) data_mark: (usize, usize),
    /// A generator frame resumed by its caller's `FOR_ITER` inside the same dispatch loop
    /// (`FOR_ITER_GEN`): the caller's instruction after the loop, where it continues when
    /// the generator ends; 0 when the frame was not entered that way.
    pub inline_exit: usize,
    /// The instance an `__init__` frame was entered for by `CALL_ALLOC_AND_ENTER_INIT`:
    /// returning gives the caller this object (after checking that `__init__` returned
    /// None) instead of the return value.
    pub init_self: Option<PyRef>,
}

impl InterpreterFrame {
    #[inline]
    pub fn code(&self) -> &PyCode {
        // SAFETY: `code` is always a code object (checked when the frame is made).
        unsafe { self.code.payload_unchecked::<PyCode>() }
    }

    /// The slots of locals, cells and free variables.
    #[inline]
    pub fn locals_slice(&self) -> &mut [Slot] {
        // SAFETY: localsplus holds nlocalsplus initialized slots for the frame's life.
        unsafe { std::slice::from_raw_parts_mut(self.localsplus, self.code().nlocalsplus) }
    }

    /// The value stack's used part.
    #[inline]
    pub fn stack_slice(&self) -> &[Slot] {
        // SAFETY: the first `stack_top` stack slots are initialized.
        unsafe { std::slice::from_raw_parts(self.localsplus.add(self.code().nlocalsplus), self.stack_top) }
    }

    /// Drop every local and stack value (frame exit).
    pub fn clear(&mut self) {
        let n = self.code().nlocalsplus;
        // SAFETY: slots [0, n + stack_top) are initialized; each is dropped once and the
        // frame forgets them.
        unsafe {
            for i in 0..n + self.stack_top {
                std::ptr::drop_in_place(self.localsplus.add(i));
                self.localsplus.add(i).write(None);
            }
        }
        self.stack_top = 0;
    }
}

/// The thread's frame chain, data stack and frame-header pool.
pub struct FrameStack {
    pub current: Cell<*mut InterpreterFrame>,
    depth: Cell<usize>,
    chunks: UnsafeCell<Vec<Box<[Slot]>>>,
    chunk: Cell<usize>,
    top: Cell<usize>,
    pool: UnsafeCell<Vec<Box<InterpreterFrame>>>,
}

impl Default for FrameStack {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameStack {
    pub fn new() -> FrameStack {
        FrameStack {
            current: Cell::new(std::ptr::null_mut()),
            depth: Cell::new(0),
            chunks: UnsafeCell::new(Vec::new()),
            chunk: Cell::new(0),
            top: Cell::new(0),
            pool: UnsafeCell::new(Vec::new()),
        }
    }

    /// Python frames currently on this thread's stack.
    pub fn depth(&self) -> usize {
        self.depth.get()
    }

    /// Take `n` slots (all `None`) from the data stack.
    fn alloc_slots(&self, n: usize) -> (*mut Slot, (usize, usize)) {
        // SAFETY: only this thread touches its frame stack; chunks are boxed slices whose
        // storage never moves.
        let chunks = unsafe { &mut *self.chunks.get() };
        let mark = (self.chunk.get(), self.top.get());
        let mut c = self.chunk.get();
        let mut top = self.top.get();
        if chunks.is_empty() {
            chunks.push(vec![None; CHUNK_SLOTS.max(n)].into_boxed_slice());
        }
        if top + n > chunks[c].len() {
            c += 1;
            top = 0;
            if c == chunks.len() {
                chunks.push(vec![None; CHUNK_SLOTS.max(n)].into_boxed_slice());
            } else if chunks[c].len() < n {
                chunks[c] = vec![None; n].into_boxed_slice();
            }
        }
        let p = unsafe { chunks[c].as_mut_ptr().add(top) };
        self.chunk.set(c);
        self.top.set(top + n);
        (p, mark)
    }

    /// Push a frame for `code` (slots all empty) and make it current.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &self,
        code: PyRef,
        func: Option<PyRef>,
        globals: PyRef,
        builtins: PyRef,
        locals: Option<PyRef>,
        is_entry: bool,
    ) -> *mut InterpreterFrame {
        let c = code.downcast::<PyCode>().expect("a code object");
        let n = c.nlocalsplus + c.code.stacksize as usize + 1;
        let (localsplus, data_mark) = self.alloc_slots(n);
        // SAFETY: as in alloc_slots.
        let pool = unsafe { &mut *self.pool.get() };
        let d = self.depth.get();
        if d < pool.len() {
            // Reuse the header in place (a popped header holds only `code` and the None
            // singletons, see `pop`).
            let fr = &mut *pool[d];
            std::mem::replace(&mut fr.code, code).release();
            std::mem::replace(&mut fr.globals, globals).release();
            std::mem::replace(&mut fr.builtins, builtins).release();
            fr.func = func;
            fr.locals = locals;
            fr.localsplus = localsplus;
            fr.stack_top = 0;
            fr.instr = 0;
            fr.previous = self.current.get();
            fr.is_entry = is_entry;
            fr.is_generator = false;
            fr.data_mark = data_mark;
            fr.inline_exit = 0;
            fr.init_self = None;
        } else {
            pool.push(Box::new(InterpreterFrame {
                code,
                func,
                globals,
                builtins,
                locals,
                localsplus,
                stack_top: 0,
                instr: 0,
                previous: self.current.get(),
                frame_obj: None,
                is_entry,
                is_generator: false,
                data_mark,
                inline_exit: 0,
                init_self: None,
            }));
        }
        let p: *mut InterpreterFrame = &mut *pool[d];
        self.depth.set(d + 1);
        self.current.set(p);
        p
    }

    /// Pop the current (data-stack) frame: clear its slots, release them, and make its
    /// caller current.
    ///
    /// # Safety
    /// `frame` is the current frame, pushed by [`push`](Self::push).
    pub unsafe fn pop(&self, frame: *mut InterpreterFrame) {
        unsafe {
            let f = &mut *frame;
            crate::types::frame::frame_exiting(f);
            f.clear();
            self.current.set(f.previous);
            self.chunk.set(f.data_mark.0);
            self.top.set(f.data_mark.1);
            // Release references held by the header (the box stays in the pool).
            f.func = None;
            f.locals = None;
            f.frame_obj = None;
            f.init_self = None;
            // `code` is kept until the slot is reused (code objects hold no user state).
            let none = crate::types::none::none();
            f.globals = none.clone();
            f.builtins = none;
        }
        self.depth.set(self.depth.get() - 1);
    }

    /// Release the code objects that pooled frame headers keep (for `refcheck`'s leak
    /// report at exit: only frames that are not running are touched).
    pub fn release_pooled_code(&self) {
        // SAFETY: the pool's headers are not in use (popped frames), nothing borrows it.
        let pool = unsafe { &mut *self.pool.get() };
        for f in pool.iter_mut().skip(self.depth.get()) {
            f.code = crate::types::none::none();
        }
    }

    /// Link a generator's frame in as the current frame.
    ///
    /// # Safety
    /// `frame` stays alive until [`unlink`](Self::unlink).
    pub unsafe fn link(&self, frame: *mut InterpreterFrame) {
        unsafe {
            (*frame).previous = self.current.get();
        }
        self.current.set(frame);
    }

    /// Unlink a generator's frame (it yielded or finished).
    ///
    /// # Safety
    /// `frame` is the current frame, linked by [`link`](Self::link).
    pub unsafe fn unlink(&self, frame: *mut InterpreterFrame) {
        unsafe {
            self.current.set((*frame).previous);
            (*frame).previous = std::ptr::null_mut();
        }
    }

    /// The globals of the innermost running Python frame.
    pub fn current_globals(&self) -> Option<PyRef> {
        let f = self.current.get();
        if f.is_null() {
            None
        } else {
            // SAFETY: the current frame is live.
            Some(unsafe { (*f).globals.clone() })
        }
    }
}
