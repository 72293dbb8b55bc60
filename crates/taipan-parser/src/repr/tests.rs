use super::*;

#[test]
fn floats_as_python_repr_prints_them() {
    // Expected texts are `repr()` of the same values in CPython 3.13.
    let cases = [
        (0.0, "0.0"), (1.0, "1.0"), (1.5, "1.5"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (1.23e-300, "1.23e-300"), (0.1, "0.1"),
        (123456789.125, "123456789.125"), (-2.5, "-2.5"), (f64::INFINITY, "inf"),
    ];
    for (x, want) in cases {
        assert_eq!(float_repr(x), want, "repr({x})");
    }
}

#[test]
fn imaginary_literals() {
    assert_eq!(complex_repr(0.0, 1.0), "1j");
    assert_eq!(complex_repr(0.0, 2.5), "2.5j");
    assert_eq!(complex_repr(0.0, 1e16), "1e+16j");
}

#[test]
fn str_quotes() {
    assert_eq!(str_repr("a'b"), "\"a'b\"");
    assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
    assert_eq!(str_repr("\x00\t"), "'\\x00\\t'");
}
