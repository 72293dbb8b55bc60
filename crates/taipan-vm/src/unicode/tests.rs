//! Unit tests of the representation; behaviour in bulk is tools/conformance/strings.py.

use super::*;
use crate::hash::{hash_str, HashSecret};

#[test]
fn narrowest_kind_and_flags() {
    assert_eq!(PyStrData::new("abc").kind(), Kind::Ucs1);
    assert!(PyStrData::new("abc").is_ascii());
    assert_eq!(PyStrData::new("é").kind(), Kind::Ucs1);
    assert!(!PyStrData::new("é").is_ascii());
    assert_eq!(PyStrData::new("Σ").kind(), Kind::Ucs2);
    assert_eq!(PyStrData::new("😀").kind(), Kind::Ucs4);
    // Concatenation takes the wider kind; slicing narrows again.
    let s = PyStrData::new("a").concat(&PyStrData::new("😀"));
    assert_eq!(s.kind(), Kind::Ucs4);
    assert_eq!(s.slice(Some(0), Some(1), None).unwrap().kind(), Kind::Ucs1);
    assert_eq!(s.slice(Some(0), Some(1), None).unwrap(), PyStrData::new("a"));
}

#[test]
fn surrogates_stay_code_points() {
    let pair = PyStrData::from_code_points(&[0xD83D, 0xDE00]).unwrap();
    assert_eq!(pair.len(), 2);
    assert_eq!(pair.as_str(), None);
    assert!(pair.encode("utf-8", "strict").is_err());
    assert_eq!(pair.encode("utf-8", "surrogatepass").unwrap(), b"\xed\xa0\xbd\xed\xb8\x80");
    assert!(PyStrData::from_code_points(&[0x110000]).is_none());
    let joined = PyStrData::from_code_points(&[0xD83D]).unwrap().concat(&PyStrData::from_code_points(&[0xDE00]).unwrap());
    assert_eq!(joined, pair);
    assert_ne!(joined, PyStrData::new("😀"));
}

#[test]
fn conversions() {
    let mut w = taipan_parser::ast::Wtf8Buf::new();
    w.push_str("x");
    w.push_code_point(0xDC80);
    let s = PyStrData::from_wtf8(&w);
    assert_eq!(s.to_code_points(), vec![0x78, 0xDC80]);
    let p = s.to_pystr();
    assert_eq!(PyStrData::from_pystr(&p), s);
    assert_eq!(PyStrData::from_pystr(&taipan_bytecode::PyStr::new("héllo")).as_str(), Some("héllo"));
}

#[test]
fn hash_matches_crate_hash() {
    let secret = HashSecret::from_seed(0);
    for t in ["", "abc", "é", "Σσ", "😀x"] {
        let s = PyStrData::new(t);
        let cps: Vec<u32> = t.chars().map(|c| c as u32).collect();
        assert_eq!(s.hash(&secret), hash_str(&secret, &cps));
        assert_eq!(s.hash(&secret), hash_str(&secret, &cps)); // cached
    }
}

#[test]
fn errors_are_data() {
    let e = PyStrData::new("aéé").encode("ascii", "strict").unwrap_err();
    match e {
        CodecError::Unicode(u) => {
            assert_eq!((u.start, u.end, u.reason), (1, 3, "ordinal not in range(128)"));
            assert_eq!(u.to_string(), "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
        }
        CodecError::Other(_) => panic!("expected a UnicodeEncodeError"),
    }
    assert_eq!(PyStrData::new("abc").index(&PyStrData::new("z"), None, None).unwrap_err().message, "substring not found");
    assert_eq!(PyStrData::new("ß").upper(), PyStrData::new("SS"));
    assert_eq!(PyStrData::new("ΑΣ").lower(), PyStrData::new("ας"));
}
