use super::*;

#[test]
fn positions_are_one_based_and_count_characters() {
    let text = "ab\nçd\nef";
    assert_eq!(
        Position::of_offset(text, 0),
        Position { line: 1, column: 1 }
    );
    assert_eq!(
        Position::of_offset(text, 3),
        Position { line: 2, column: 1 }
    );
    // 'ç' is two bytes but one column.
    assert_eq!(
        Position::of_offset(text, 5),
        Position { line: 2, column: 2 }
    );
    assert_eq!(
        Position::of_offset(text, 100),
        Position { line: 3, column: 3 }
    );
}
