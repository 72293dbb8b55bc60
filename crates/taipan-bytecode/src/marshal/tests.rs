use super::*;
use crate::constant::Constant;

#[test]
fn placeholder_roundtrip() {
    let v = Constant::tuple(vec![Constant::int(1), Constant::str("a b"), Constant::Float(1.5)]);
    let b = dumps(&v).unwrap();
    assert_eq!(loads(&b).unwrap(), v);
}
