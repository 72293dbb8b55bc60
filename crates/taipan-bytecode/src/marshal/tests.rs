//! marshal: hand-built values round-trip; malformed input is an error, never a panic.

use super::*;
use crate::code::CodeObject;
use crate::constant::Constant;
use crate::pystr::PyStr;
use dashu_int::IBig;

fn sample_code() -> Constant {
    let inner = CodeObject {
        argcount: 1,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 2,
        flags: 3,
        code: vec![149, 0, 83, 0, 36, 0],
        consts: vec![
            Constant::None,
            Constant::str("doc string"),
            Constant::int(IBig::from(1) << 100),
        ],
        names: vec![PyStr::new("print")],
        localsplusnames: vec![PyStr::new("x")],
        localspluskinds: vec![0x26],
        filename: PyStr::new("t.py"),
        name: PyStr::new("f"),
        qualname: PyStr::new("f"),
        firstlineno: 3,
        linetable: vec![0x80, 0x00],
        exceptiontable: vec![],
    };
    let mut outer = inner.clone();
    outer.consts = vec![
        Constant::Code(inner.into()),
        Constant::tuple(vec![
            Constant::Float(-0.0),
            Constant::Complex {
                real: 1.0,
                imag: f64::NAN,
            },
        ]),
        Constant::FrozenSet(vec![Constant::str("b c"), Constant::int(7)].into()),
        Constant::Str {
            value: PyStr::from_code_points([0xD800, 0x41]).unwrap(),
            interned: false,
        },
        Constant::bytes(b"\x00\xff"),
        Constant::Ellipsis,
        Constant::Bool(true),
        Constant::int(-1 - (IBig::from(1) << 64)),
    ];
    Constant::Code(outer.into())
}

#[test]
fn code_round_trip() {
    let v = sample_code();
    let bytes = dumps(&v).unwrap();
    let back = loads(&bytes).unwrap();
    assert_eq!(back, v);
    assert_eq!(dumps(&back).unwrap(), bytes);
}

#[test]
fn long_digits() {
    for v in [
        IBig::from(1) << 31,
        -(IBig::from(1) << 31) - 1,
        IBig::from(1) << 1000,
        IBig::from(-12345678901234i64),
    ] {
        let c = Constant::Int(v.clone());
        assert_eq!(loads(&dumps(&c).unwrap()).unwrap(), c, "{v}");
    }
    // 2**31 = digits [0, 0, 2] base 2**15.
    assert_eq!(
        dumps(&Constant::Int(IBig::from(1) << 31)).unwrap(),
        b"\xec\x03\x00\x00\x00\x00\x00\x00\x00\x02\x00"
    );
}

#[test]
fn errors_carry_cpython_messages() {
    let msg = |data: &[u8]| loads(data).unwrap_err().message;
    assert_eq!(msg(b""), "EOF read where object expected");
    assert_eq!(msg(b"i\x01"), "marshal data too short");
    assert_eq!(msg(b"?"), "bad marshal data (unknown type code)");
    assert_eq!(
        msg(b"r\x00\x00\x00\x00"),
        "bad marshal data (invalid reference)"
    );
    assert_eq!(
        msg(b"l\x01\x00\x00\x00\x00\x00"),
        "bad marshal data (unnormalized long data)"
    );
    assert_eq!(
        msg(b"l\x01\x00\x00\x00\x00\x80"),
        "bad marshal data (digit out of range in long)"
    );
    assert_eq!(msg(b"0"), "NULL object in marshal data for object");
    assert_eq!(msg(b")\x010"), "NULL object in marshal data for tuple");
    assert_eq!(
        msg(b"(\xff\xff\xff\xff"),
        "bad marshal data (tuple size out of range)"
    );
    // A reference to a tuple that is still being read: CPython builds a tuple containing
    // itself, which plain data cannot hold (a documented divergence).
    assert_eq!(
        msg(b"\xa9\x01r\x00\x00\x00\x00"),
        "bad marshal data (invalid reference)"
    );
}

#[test]
fn recursion_is_bounded() {
    let mut deep = [b')', 1].repeat(MAX_MARSHAL_STACK_DEPTH + 10);
    deep.push(b'N');
    let e = loads(&deep).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::ValueError, "recursion limit exceeded")
    );
    let mut ok = [b')', 1].repeat(MAX_MARSHAL_STACK_DEPTH - 1);
    ok.push(b'N');
    assert!(loads(&ok).is_ok());

    let mut v = Constant::None;
    for _ in 0..MAX_MARSHAL_STACK_DEPTH + 10 {
        v = Constant::tuple(vec![v]);
    }
    assert_eq!(
        dumps(&v).unwrap_err().message,
        "object too deeply nested to marshal"
    );
}

/// Every truncation and many single-byte corruptions of a real code object: errors or
/// values, never a panic (what a cargo-fuzz target of `loads` checks at random).
#[test]
fn truncated_and_corrupted_inputs_never_panic() {
    let bytes = dumps(&sample_code()).unwrap();
    for n in 0..bytes.len() {
        assert!(loads(&bytes[..n]).is_err(), "prefix of {n} bytes loaded");
    }
    let mut state = 0x2545F4914F6CDD1Du64;
    for i in 0..bytes.len() {
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut corrupt = bytes.clone();
            corrupt[i] = state as u8;
            let _ = loads(&corrupt);
        }
    }
    // References that multiply: each tuple holds the previous one twice.
    let mut data = vec![0xa9, 2, b'N', b'N'];
    for k in 0..60u32 {
        let mut next = vec![0xa9, 2, b'r'];
        next.extend(k.to_le_bytes());
        next.push(b'r');
        next.extend(k.to_le_bytes());
        let mut wrapped = vec![0xa9, 2];
        wrapped.extend(&data);
        wrapped.extend(next);
        data = wrapped;
        if data.len() > 4000 {
            break;
        }
    }
    let _ = loads(&data);
}

#[test]
fn strings_pick_cpython_type_codes() {
    let code = |c: &Constant| dumps(c).unwrap()[0] & 0x7f;
    assert_eq!(
        code(&Constant::Str {
            value: PyStr::new("ab"),
            interned: true
        }),
        b'Z'
    );
    assert_eq!(
        code(&Constant::Str {
            value: PyStr::new("a b"),
            interned: false
        }),
        b'z'
    );
    assert_eq!(
        code(&Constant::Str {
            value: PyStr::new(&"x".repeat(300)),
            interned: false
        }),
        b'a'
    );
    assert_eq!(
        code(&Constant::Str {
            value: PyStr::new("é"),
            interned: true
        }),
        b't'
    );
    assert_eq!(
        code(&Constant::Str {
            value: PyStr::new("éé"),
            interned: false
        }),
        b'u'
    );
}

#[test]
fn constant_eq_and_hash_are_constant_key_identity() {
    use std::collections::HashSet;
    let mut set = HashSet::new();
    assert!(set.insert(Constant::Float(0.0)));
    assert!(set.insert(Constant::Float(-0.0)));
    assert!(set.insert(Constant::Float(f64::NAN)));
    assert!(!set.insert(Constant::Float(f64::NAN)));
    assert!(set.insert(Constant::int(1)));
    assert!(set.insert(Constant::Bool(true)));
    let a = Constant::FrozenSet(vec![Constant::int(1), Constant::str("x")].into());
    let b = Constant::FrozenSet(vec![Constant::str("x"), Constant::int(1)].into());
    assert_eq!(a, b);
    assert!(set.insert(a));
    assert!(!set.insert(b));
}
