//! `co_linetable` (the 3.13 location table) and `co_exceptiontable`: decoding, as
//! `co_positions()`, `co_lines()` and `dis._parse_exception_table` see them, and encoding,
//! making CPython's assembler's choices (`Python/assemble.c`) so that the bytes are equal.
//!
//! Location table: a sequence of entries, each covering 1..=8 code units. First byte
//! `1cccclll`: bit 7 set, `cccc` the form, `lll` + 1 the number of code units.
//!
//! | form  | meaning     | line            | end line    | column        | end column     |
//! |-------|-------------|-----------------|-------------|---------------|----------------|
//! | 0..=9 | short       | same            | same        | form*8 + (b>>4) | column + (b&15) |
//! | 10..=12 | one line  | + (form − 10)   | same        | byte          | byte           |
//! | 13    | no columns  | + svarint       | same        | None          | None           |
//! | 14    | long        | + svarint       | + varint    | varint − 1    | varint − 1     |
//! | 15    | no location | None            | None        | None          | None           |
//!
//! Lines are deltas from the previous entry's line, starting at `co_firstlineno`. varints
//! are little-endian groups of 6 bits, bit 6 (0x40) meaning "more"; an svarint is a varint
//! of `(|v| << 1) | sign`.
//!
//! Exception table: entries of four varints — start, length, target (all in code units)
//! and `depth << 1 | lasti`. Here varints are *big-endian* groups of 6 bits with 0x40 as
//! "more", and the first byte of each entry has bit 7 set.

use crate::code::CodeObject;

/// One code unit's source span (`co_positions()` item); `None` where Python shows None.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    pub line: Option<i32>,
    pub end_line: Option<i32>,
    pub col: Option<i32>,
    pub end_col: Option<i32>,
}

/// One entry of the location table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocationEntry {
    /// Code units covered (1..=8).
    pub length: u32,
    pub position: Position,
}

/// The table could not be decoded (truncated or malformed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError;

const SHORT0: u8 = 0;
const ONE_LINE0: u8 = 10;
const NO_COLUMNS: u8 = 13;
const LONG: u8 = 14;
const NONE: u8 = 15;

struct Bytes<'a> {
    b: &'a [u8],
    i: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> Result<u8, TableError> {
        let v = *self.b.get(self.i).ok_or(TableError)?;
        self.i += 1;
        Ok(v)
    }
    fn varint(&mut self) -> Result<u32, TableError> {
        let mut read = self.next()?;
        let mut val = (read & 63) as u32;
        let mut shift = 0;
        while read & 64 != 0 {
            read = self.next()?;
            shift += 6;
            if shift > 30 {
                return Err(TableError);
            }
            val |= ((read & 63) as u32) << shift;
        }
        Ok(val)
    }
    fn svarint(&mut self) -> Result<i32, TableError> {
        let u = self.varint()?;
        Ok(if u & 1 != 0 {
            -((u >> 1) as i32)
        } else {
            (u >> 1) as i32
        })
    }
}

/// Decode a location table into its entries.
pub fn decode_locations(table: &[u8], firstlineno: i32) -> Result<Vec<LocationEntry>, TableError> {
    LocationIter::new(table, firstlineno).collect()
}

/// The entries of a location table, decoded one at a time (no allocation: tracebacks and
/// `f_lineno` stop at the entry they need).
pub struct LocationIter<'a> {
    r: Bytes<'a>,
    line: i32,
    failed: bool,
}

impl<'a> LocationIter<'a> {
    pub fn new(table: &'a [u8], firstlineno: i32) -> Self {
        LocationIter { r: Bytes { b: table, i: 0 }, line: firstlineno, failed: false }
    }

    fn entry(&mut self) -> Result<LocationEntry, TableError> {
        let r = &mut self.r;
        let mut line = self.line;
        let first = r.next()?;
        if first & 0x80 == 0 {
            return Err(TableError);
        }
        let form = (first >> 3) & 15;
        let length = (first & 7) as u32 + 1;
        let position = match form {
            NONE => Position::default(),
            LONG => {
                line = line.wrapping_add(r.svarint()?);
                let end_line = line.wrapping_add(r.varint()? as i32);
                let col = r.varint()? as i32 - 1;
                let end_col = r.varint()? as i32 - 1;
                Position {
                    line: Some(line),
                    end_line: Some(end_line),
                    col: (col >= 0).then_some(col),
                    end_col: (end_col >= 0).then_some(end_col),
                }
            }
            NO_COLUMNS => {
                line = line.wrapping_add(r.svarint()?);
                Position {
                    line: Some(line),
                    end_line: Some(line),
                    col: None,
                    end_col: None,
                }
            }
            ONE_LINE0..=12 => {
                line = line.wrapping_add((form - ONE_LINE0) as i32);
                let col = r.next()? as i32;
                let end_col = r.next()? as i32;
                Position {
                    line: Some(line),
                    end_line: Some(line),
                    col: Some(col),
                    end_col: Some(end_col),
                }
            }
            _ => {
                let second = r.next()?;
                let col = ((form - SHORT0) as i32) << 3 | (second >> 4) as i32;
                Position {
                    line: Some(line),
                    end_line: Some(line),
                    col: Some(col),
                    end_col: Some(col + (second & 15) as i32),
                }
            }
        };
        self.line = line;
        Ok(LocationEntry { length, position })
    }
}

impl Iterator for LocationIter<'_> {
    type Item = Result<LocationEntry, TableError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.r.i >= self.r.b.len() {
            return None;
        }
        let e = self.entry();
        self.failed = e.is_err();
        Some(e)
    }
}

/// `co_positions()`: one position per code unit (caches included).
pub fn co_positions(code: &CodeObject) -> Result<Vec<Position>, TableError> {
    let mut out = Vec::new();
    for e in decode_locations(&code.linetable, code.firstlineno)? {
        out.extend(std::iter::repeat_n(e.position, e.length as usize));
    }
    Ok(out)
}

/// `co_lines()`: `(start, end, line)` byte-offset ranges, consecutive entries with the same
/// line merged.
pub fn co_lines(code: &CodeObject) -> Result<Vec<(u32, u32, Option<i32>)>, TableError> {
    let mut out: Vec<(u32, u32, Option<i32>)> = Vec::new();
    let mut offset = 0u32;
    for e in decode_locations(&code.linetable, code.firstlineno)? {
        let end = offset + 2 * e.length;
        match out.last_mut() {
            Some(last) if last.2 == e.position.line => last.1 = end,
            _ => out.push((offset, end, e.position.line)),
        }
        offset = end;
    }
    Ok(out)
}

/// `PyCode_Addr2Location`: the source span of the instruction at byte offset `addr`
/// (tracebacks' carets, `frame.f_lineno`), `None` past the end or on a malformed table.
pub fn addr2location(code: &CodeObject, addr: usize) -> Option<Position> {
    let unit = (addr / 2) as u32;
    let mut start = 0u32;
    for e in LocationIter::new(&code.linetable, code.firstlineno) {
        let e = e.ok()?;
        if unit < start + e.length {
            return Some(e.position);
        }
        start += e.length;
    }
    None
}

/// `PyCode_Addr2Line`: the line of the instruction at byte offset `addr` (`None` for an
/// instruction without a line, or an offset past the end).
pub fn addr2line(code: &CodeObject, addr: usize) -> Option<i32> {
    addr2location(code, addr)?.line
}

/// Writes a location table as CPython's assembler does (`write_location_info_entry`).
#[derive(Clone, Debug)]
pub struct LocationTableWriter {
    pub table: Vec<u8>,
    /// The line the next delta is relative to (starts at `co_firstlineno`).
    lineno: i32,
}

impl LocationTableWriter {
    pub fn new(firstlineno: i32) -> Self {
        LocationTableWriter {
            table: Vec::new(),
            lineno: firstlineno,
        }
    }

    fn first_byte(&mut self, form: u8, length: u32) {
        debug_assert!((1..=8).contains(&length));
        self.table.push(0x80 | form << 3 | (length - 1) as u8);
    }

    fn varint(&mut self, mut v: u32) {
        while v >= 64 {
            self.table.push(64 | (v & 63) as u8);
            v >>= 6;
        }
        self.table.push(v as u8);
    }

    fn svarint(&mut self, v: i32) {
        let u = if v < 0 {
            (v.unsigned_abs() << 1) | 1
        } else {
            (v as u32) << 1
        };
        self.varint(u);
    }

    /// Emit `position` for an instruction of `size` code units (`assemble_emit_location`:
    /// split into entries of at most 8). -1 or `None` both mean "absent".
    pub fn emit(&mut self, position: Position, mut size: u32) {
        while size > 8 {
            self.entry(position, 8);
            size -= 8;
        }
        if size > 0 {
            self.entry(position, size);
        }
    }

    /// One entry of 1..=8 code units (`write_location_info_entry`).
    pub fn entry(&mut self, p: Position, length: u32) {
        let Some(line) = p.line.filter(|&l| l >= 0) else {
            self.first_byte(NONE, length);
            return;
        };
        let line_delta = line - self.lineno;
        let end_line = p.end_line.unwrap_or(-1);
        match (p.col, p.end_col) {
            (Some(col), Some(end_col)) if col >= 0 && end_col >= 0 => {
                if end_line == line {
                    if line_delta == 0 && col < 80 && end_col - col < 16 && end_col >= col {
                        self.first_byte(SHORT0 + (col >> 3) as u8, length);
                        self.table
                            .push(((col & 7) << 4) as u8 | (end_col - col) as u8);
                        return;
                    }
                    if (0..3).contains(&line_delta) && col < 128 && end_col < 128 {
                        self.first_byte(ONE_LINE0 + line_delta as u8, length);
                        self.table.push(col as u8);
                        self.table.push(end_col as u8);
                        self.lineno = line;
                        return;
                    }
                }
            }
            _ => {
                if end_line == line || end_line == -1 {
                    self.first_byte(NO_COLUMNS, length);
                    self.svarint(line_delta);
                    self.lineno = line;
                    return;
                }
            }
        }
        // Long form.
        self.first_byte(LONG, length);
        self.svarint(line_delta);
        self.varint((end_line - line) as u32);
        self.varint((p.col.unwrap_or(-1) + 1) as u32);
        self.varint((p.end_col.unwrap_or(-1) + 1) as u32);
        self.lineno = line;
    }
}

/// One exception-table entry, offsets in code units (`dis` shows them ×2, in bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionTableEntry {
    pub start: u32,
    /// Exclusive.
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

fn exc_varint(r: &mut Bytes<'_>) -> Result<u32, TableError> {
    let mut b = r.next()?;
    let mut val = (b & 63) as u32;
    while b & 64 != 0 {
        b = r.next()?;
        if val >= 1 << 26 {
            return Err(TableError);
        }
        val = (val << 6) | (b & 63) as u32;
    }
    Ok(val)
}

/// Decode `co_exceptiontable` (`dis._parse_exception_table`).
pub fn decode_exception_table(table: &[u8]) -> Result<Vec<ExceptionTableEntry>, TableError> {
    let mut r = Bytes { b: table, i: 0 };
    let mut out = Vec::new();
    while r.i < table.len() {
        out.push(exception_entry(&mut r)?);
    }
    Ok(out)
}

fn exception_entry(r: &mut Bytes<'_>) -> Result<ExceptionTableEntry, TableError> {
    if r.b[r.i] & 0x80 == 0 {
        return Err(TableError);
    }
    let start = exc_varint(r)?;
    let length = exc_varint(r)?;
    let target = exc_varint(r)?;
    let dl = exc_varint(r)?;
    Ok(ExceptionTableEntry {
        start,
        end: start.checked_add(length).ok_or(TableError)?,
        target,
        depth: dl >> 1,
        lasti: dl & 1 != 0,
    })
}

/// The handler for an exception raised by the instruction at code unit `unit`
/// (`get_exception_handler`): the entry whose range holds it. The compiler emits entries
/// sorted and without overlap, the innermost handler already chosen, so the first match is
/// the one.
pub fn exception_handler(
    table: &[u8],
    unit: u32,
) -> Result<Option<ExceptionTableEntry>, TableError> {
    let mut r = Bytes { b: table, i: 0 };
    while r.i < table.len() {
        let e = exception_entry(&mut r)?;
        if e.start > unit {
            break;
        }
        if unit < e.end {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// Append one entry to an exception table (`assemble_emit_exception_table_entry`).
pub fn encode_exception_entry(table: &mut Vec<u8>, e: &ExceptionTableEntry) {
    let mut item = |value: u32, msb: u8| {
        let mut msb = msb;
        for shift in [24, 18, 12, 6] {
            if value >= 1 << shift {
                table.push(((value >> shift) & 63) as u8 | 64 | msb);
                msb = 0;
            }
        }
        table.push((value & 63) as u8 | msb);
    };
    item(e.start, 0x80);
    item(e.end - e.start, 0);
    item(e.target, 0);
    item(e.depth << 1 | e.lasti as u32, 0);
}

#[cfg(test)]
mod tests;
