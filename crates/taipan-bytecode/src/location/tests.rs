use super::*;

#[test]
fn varint_forms() {
    // A long-form entry: line +200, 3 more lines, columns 5..130.
    let mut w = LocationTableWriter::new(1);
    let p = Position {
        line: Some(201),
        end_line: Some(204),
        col: Some(5),
        end_col: Some(130),
    };
    w.emit(p, 10);
    let entries = decode_locations(&w.table, 1).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!((entries[0].length, entries[1].length), (8, 2));
    assert!(entries.iter().all(|e| e.position == p));
}

#[test]
fn no_location_and_no_columns() {
    let mut w = LocationTableWriter::new(10);
    w.emit(Position::default(), 1);
    w.emit(
        Position {
            line: Some(7),
            end_line: Some(7),
            col: None,
            end_col: None,
        },
        2,
    );
    let e = decode_locations(&w.table, 10).unwrap();
    assert_eq!(e[0].position, Position::default());
    assert_eq!(e[1].position.line, Some(7));
    assert_eq!(e[1].position.col, None);
}

#[test]
fn exception_entry_round_trip() {
    let e = ExceptionTableEntry {
        start: 70000,
        end: 70100,
        target: 1 << 25,
        depth: 3,
        lasti: true,
    };
    let mut t = Vec::new();
    encode_exception_entry(&mut t, &e);
    assert_eq!(decode_exception_table(&t).unwrap(), vec![e]);
}

#[test]
fn malformed_tables_are_errors() {
    assert_eq!(decode_locations(&[0x01], 1), Err(TableError));
    assert_eq!(decode_locations(&[0x80 | 14 << 3], 1), Err(TableError));
    assert_eq!(decode_exception_table(&[0x80, 0x41]), Err(TableError));
    assert_eq!(decode_exception_table(&[0x01]), Err(TableError));
}
