//! `marshal.loads`: never panics, whatever the bytes; errors carry CPython's messages.
//!
//! Sizes read from the data are not trusted for allocation (capacity is bounded by the
//! bytes left), recursion is bounded by `MAX_MARSHAL_STACK_DEPTH`, and back-references are
//! `Arc` clones, so no input makes the reader use much more memory or time than its length.

use std::sync::Arc;

use dashu_int::{IBig, Sign, UBig};

use super::type_code as t;
use super::{ErrorKind, MarshalError, FLAG_REF, MAX_MARSHAL_STACK_DEPTH};
use crate::code::CodeObject;
use crate::constant::Constant;
use crate::pystr::PyStr;

type Result<T> = std::result::Result<T, MarshalError>;

/// `marshal.loads(data)`: the first object of `data` (trailing bytes are ignored, as CPython
/// ignores them).
pub fn loads(data: &[u8]) -> Result<Constant> {
    loads_prefix(data).map(|(v, _)| v)
}

/// The first object of `data` and the number of bytes it took.
pub fn loads_prefix(data: &[u8]) -> Result<(Constant, usize)> {
    let mut r = Reader {
        data,
        pos: 0,
        depth: 0,
        refs: Vec::new(),
    };
    match r.object()? {
        Some(v) => Ok((v, r.pos)),
        None => Err(MarshalError::new(
            ErrorKind::TypeError,
            "NULL object in marshal data for object",
        )),
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: usize,
    /// FLAG_REF objects in reading order; `None` while a container is still being read
    /// (a reference to it then is invalid, as in CPython).
    refs: Vec<Option<Constant>>,
}

fn too_short() -> MarshalError {
    MarshalError::new(ErrorKind::EOFError, "marshal data too short")
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Result<&[u8]> {
        if self.data.len() - self.pos < n {
            return Err(too_short());
        }
        let b = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    /// A one-byte length (`r_byte`), whose EOF has its own message.
    fn length_byte(&mut self) -> Result<u8> {
        let b = *self
            .data
            .get(self.pos)
            .ok_or_else(|| MarshalError::new(ErrorKind::EOFError, "EOF read where not expected"))?;
        self.pos += 1;
        Ok(b)
    }

    fn long(&mut self) -> Result<i32> {
        let b = self.bytes(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f64(&mut self) -> Result<f64> {
        let b = self.bytes(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    /// A size field: i32, negative is an error with CPython's wording for `what`.
    fn size(&mut self, what: &str) -> Result<usize> {
        let n = self.long()?;
        if n < 0 {
            return Err(MarshalError::bad(&format!("{what} size out of range")));
        }
        Ok(n as usize)
    }

    /// Capacity to reserve for `n` items of at least one byte each.
    fn cap(&self, n: usize) -> usize {
        n.min(self.data.len() - self.pos)
    }

    /// Reserve a reference slot when FLAG_REF is set (`r_ref_reserve`).
    fn reserve(&mut self, flag: bool) -> Option<usize> {
        flag.then(|| {
            self.refs.push(None);
            self.refs.len() - 1
        })
    }

    fn fill(&mut self, slot: Option<usize>, v: &Constant) {
        if let Some(i) = slot {
            self.refs[i] = Some(v.clone());
        }
    }

    /// `r_object`: `Ok(None)` is TYPE_NULL.
    fn object(&mut self) -> Result<Option<Constant>> {
        let Some(&code) = self.data.get(self.pos) else {
            return Err(eof_object());
        };
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_MARSHAL_STACK_DEPTH {
            self.depth -= 1;
            return Err(recursion_limit());
        }
        let result = self.object_body(code & !FLAG_REF, code & FLAG_REF != 0);
        // (object → object_body → container → items → object is the recursive cycle.)
        self.depth -= 1;
        result
    }

    fn item(&mut self, container: &str) -> Result<Constant> {
        match self.object()? {
            Some(v) => Ok(v),
            None => Err(null_in(container)),
        }
    }

    #[inline(never)]
    fn items(&mut self, n: usize, container: &str) -> Result<Vec<Constant>> {
        let mut v = Vec::with_capacity(self.cap(n));
        for _ in 0..n {
            v.push(self.item(container)?);
        }
        Ok(v)
    }

    /// The recursive path (object → object_body → items → object) is kept to small frames:
    /// everything that does not recurse lives in `#[inline(never)]` helpers, so that the
    /// 2000 levels CPython allows fit in a thread's default stack.
    fn object_body(&mut self, code: u8, flag: bool) -> Result<Option<Constant>> {
        match code {
            t::SMALL_TUPLE | t::TUPLE | t::LIST | t::SET | t::FROZENSET | t::DICT | t::CODE => {
                self.container(code, flag)
            }
            _ => self.simple(code, flag),
        }
    }

    /// Containers reserve their reference slot before reading their items
    /// (`r_ref_reserve`), and fill it after.
    #[inline(never)]
    fn container(&mut self, code: u8, flag: bool) -> Result<Option<Constant>> {
        let n = match code {
            t::SMALL_TUPLE => self.length_byte()? as usize,
            t::TUPLE => self.size("tuple")?,
            t::LIST => self.size("list")?,
            t::SET | t::FROZENSET => self.size("set")?,
            _ => 0,
        };
        let slot = self.reserve(flag);
        let v = match code {
            t::SMALL_TUPLE | t::TUPLE => Constant::Tuple(self.items(n, "tuple")?.into()),
            t::LIST => Constant::List(self.items(n, "list")?.into()),
            t::SET => Constant::Set(self.items(n, "set")?.into()),
            t::FROZENSET => Constant::FrozenSet(self.items(n, "set")?.into()),
            t::DICT => self.dict()?,
            _ => self.code()?,
        };
        self.fill(slot, &v);
        Ok(Some(v))
    }

    #[inline(never)]
    fn dict(&mut self) -> Result<Constant> {
        let mut pairs = Vec::new();
        while let Some(key) = self.object()? {
            match self.object()? {
                Some(value) => pairs.push((key, value)),
                None => break,
            }
        }
        Ok(Constant::Dict(pairs.into()))
    }

    /// Objects without items (registered after reading, `R_REF`).
    #[inline(never)]
    fn simple(&mut self, code: u8, flag: bool) -> Result<Option<Constant>> {
        let simple = match code {
            t::NULL => return Ok(None),
            t::NONE => return Ok(Some(Constant::None)),
            t::STOPITER => return Ok(Some(Constant::StopIteration)),
            t::ELLIPSIS => return Ok(Some(Constant::Ellipsis)),
            t::FALSE => return Ok(Some(Constant::Bool(false))),
            t::TRUE => return Ok(Some(Constant::Bool(true))),
            t::INT => Constant::Int(IBig::from(self.long()?)),
            t::INT64 => {
                let b = self.bytes(8)?;
                Constant::Int(IBig::from(i64::from_le_bytes(
                    b.try_into().expect("8 bytes"),
                )))
            }
            t::LONG => Constant::Int(self.long_digits()?),
            t::FLOAT => Constant::Float(self.text_float()?),
            t::BINARY_FLOAT => Constant::Float(self.f64()?),
            t::COMPLEX => {
                let real = self.text_float()?;
                let imag = self.text_float()?;
                Constant::Complex { real, imag }
            }
            t::BINARY_COMPLEX => {
                let real = self.f64()?;
                let imag = self.f64()?;
                Constant::Complex { real, imag }
            }
            t::STRING => {
                let n = self.size("bytes object")?;
                Constant::Bytes(self.bytes(n)?.into())
            }
            t::ASCII | t::ASCII_INTERNED => {
                let n = self.size("string")?;
                let value = PyStr::from_latin1(self.bytes(n)?);
                Constant::Str {
                    value,
                    interned: code == t::ASCII_INTERNED,
                }
            }
            t::SHORT_ASCII | t::SHORT_ASCII_INTERNED => {
                let n = self.length_byte()? as usize;
                let value = PyStr::from_latin1(self.bytes(n)?);
                Constant::Str {
                    value,
                    interned: code == t::SHORT_ASCII_INTERNED,
                }
            }
            t::UNICODE | t::INTERNED => {
                let n = self.size("string")?;
                let value = PyStr::from_surrogatepass_utf8(self.bytes(n)?)
                    .map_err(|e| MarshalError::new(ErrorKind::UnicodeDecodeError, e.to_string()))?;
                Constant::Str {
                    value,
                    interned: code == t::INTERNED,
                }
            }
            t::REF => {
                let n = self.long()?;
                return match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
                    Some(Some(v)) => Ok(Some(v.clone())),
                    _ => Err(MarshalError::bad("invalid reference")),
                };
            }
            _ => return Err(MarshalError::bad("unknown type code")),
        };
        if flag {
            self.refs.push(Some(simple.clone()));
        }
        Ok(Some(simple))
    }

    /// TYPE_FLOAT / TYPE_COMPLEX parts: a length byte and the repr text.
    #[inline(never)]
    fn text_float(&mut self) -> Result<f64> {
        let n = self.length_byte()? as usize;
        let text = self.bytes(n)?;
        std::str::from_utf8(text)
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .ok_or_else(|| {
                MarshalError::new(
                    ErrorKind::ValueError,
                    // PyOS_string_to_double's "'%.200s'".
                    format!(
                        "could not convert string to float: '{}'",
                        String::from_utf8_lossy(&text[..text.len().min(200)])
                    ),
                )
            })
    }

    /// TYPE_LONG: signed count of 15-bit digits, least significant first.
    #[inline(never)]
    fn long_digits(&mut self) -> Result<IBig> {
        let n = self.long()?;
        if n == i32::MIN {
            return Err(MarshalError::bad("long size out of range"));
        }
        let count = n.unsigned_abs() as usize;
        let raw = self.bytes(count.checked_mul(2).ok_or_else(too_short)?)?;
        // Pack the 15-bit digits into bytes, linear in the number of digits.
        let mut bytes = Vec::with_capacity(count * 15 / 8 + 2);
        let (mut acc, mut bits) = (0u32, 0u32);
        for (i, d) in raw.chunks_exact(2).enumerate() {
            let digit = u16::from_le_bytes([d[0], d[1]]);
            if digit >= 0x8000 {
                return Err(MarshalError::bad("digit out of range in long"));
            }
            if digit == 0 && i == count - 1 {
                return Err(MarshalError::bad("unnormalized long data"));
            }
            acc |= (digit as u32) << bits;
            bits += 15;
            while bits >= 8 {
                bytes.push(acc as u8);
                acc >>= 8;
                bits -= 8;
            }
        }
        if bits > 0 {
            bytes.push(acc as u8);
        }
        let sign = if n < 0 {
            Sign::Negative
        } else {
            Sign::Positive
        };
        Ok(IBig::from_parts(sign, UBig::from_le_bytes(&bytes)))
    }

    /// TYPE_CODE: the fields in marshal order, then the checks of `_PyCode_Validate` and
    /// `_PyCode_New`, with their errors.
    #[inline(never)]
    fn code(&mut self) -> Result<Constant> {
        let argcount = self.long()?;
        let posonlyargcount = self.long()?;
        let kwonlyargcount = self.long()?;
        let stacksize = self.long()?;
        let flags = self.long()?;
        let mut objects = Vec::with_capacity(10);
        for _ in 0..8 {
            match self.object()? {
                Some(v) => objects.push(v),
                None => return Err(null_in("code object")),
            }
        }
        let firstlineno = self.long()?;
        for _ in 0..2 {
            match self.object()? {
                Some(v) => objects.push(v),
                None => return Err(null_in("code object")),
            }
        }
        let mut it = objects.into_iter();
        let mut next = || it.next().expect("ten fields");
        let (code, consts, names, lpnames, lpkinds) = (next(), next(), next(), next(), next());
        let (filename, name, qualname, linetable, exceptiontable) =
            (next(), next(), next(), next(), next());
        let bad_call = || {
            MarshalError::new(
                ErrorKind::SystemError,
                "Objects/codeobject.c:412: bad argument to internal function",
            )
        };
        let bytes = |c: Constant| match c {
            Constant::Bytes(b) => Ok(b.to_vec()),
            _ => Err(bad_call()),
        };
        let tuple = |c: Constant| match c {
            Constant::Tuple(items) => Ok(items.to_vec()),
            _ => Err(bad_call()),
        };
        let string = |c: Constant| match c {
            Constant::Str { value, .. } => Ok(value),
            _ => Err(bad_call()),
        };
        if argcount < posonlyargcount
            || posonlyargcount < 0
            || kwonlyargcount < 0
            || stacksize < 0
            || flags < 0
        {
            return Err(bad_call());
        }
        let code = bytes(code)?;
        let consts = tuple(consts)?;
        let names = tuple(names)?;
        let lpnames = tuple(lpnames)?;
        let localspluskinds = bytes(lpkinds)?;
        if lpnames.len() != localspluskinds.len() {
            return Err(bad_call());
        }
        let name = string(name)?;
        let qualname = string(qualname)?;
        let filename = string(filename)?;
        let linetable = bytes(linetable)?;
        let exceptiontable = bytes(exceptiontable)?;
        if code.len() % 2 != 0 {
            return Err(MarshalError::new(
                ErrorKind::ValueError,
                "code: co_code is malformed",
            ));
        }
        let nlocals = localspluskinds
            .iter()
            .filter(|&&k| k & crate::code::kinds::CO_FAST_LOCAL != 0)
            .count() as i64;
        let nplainlocals = nlocals
            - argcount as i64
            - kwonlyargcount as i64
            - (flags & crate::code::flags::CO_VARARGS != 0) as i64
            - (flags & crate::code::flags::CO_VARKEYWORDS != 0) as i64;
        if nplainlocals < 0 {
            return Err(MarshalError::new(
                ErrorKind::ValueError,
                "code: co_varnames is too small",
            ));
        }
        let strings = |items: Vec<Constant>| -> Result<Vec<PyStr>> {
            items
                .into_iter()
                .map(|c| match c {
                    Constant::Str { value, .. } => Ok(value),
                    _ => Err(MarshalError::new(
                        ErrorKind::SystemError,
                        "non-string found in code slot",
                    )),
                })
                .collect()
        };
        let names = strings(names)?;
        let localsplusnames = strings(lpnames)?;
        Ok(Constant::Code(Arc::new(CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            code,
            consts,
            names,
            localsplusnames,
            localspluskinds,
            filename,
            name,
            qualname,
            firstlineno,
            linetable,
            exceptiontable,
        })))
    }
}

#[cold]
#[inline(never)]
fn null_in(container: &str) -> MarshalError {
    MarshalError::new(
        ErrorKind::TypeError,
        format!("NULL object in marshal data for {container}"),
    )
}

#[cold]
#[inline(never)]
fn eof_object() -> MarshalError {
    MarshalError::new(ErrorKind::EOFError, "EOF read where object expected")
}

#[cold]
#[inline(never)]
fn recursion_limit() -> MarshalError {
    MarshalError::new(ErrorKind::ValueError, "recursion limit exceeded")
}
