use super::*;

/// What `locate_value` found before it checked the usual layout in place: the first literal
/// after the first `key:`, by plain substring search.
fn by_search(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let start = from + text.get(from..)?.find(&format!("{key}:"))?;
    let literal = ron::to_string(value).ok()?;
    Some(start + text[start..].find(&literal)?)
}

#[test]
fn values_are_located_wherever_they_are_written() {
    let text = concat!(
        "(entities: [\n",
        "  (id: \"a\", notes: \"paid: \\\"b\\\"\", name: \"A\"),\n",
        "  (id:\n\t\"b\", aliases: [\"Bé\", \"B \\\"b\\\"\"]),\n",
        "  (id: \"ab\" /* id: \"c\" */, aliases: [],),\n",
        "  (  id :\"d\"),\n",
        "])",
    );
    let cases = [
        ("id", "a", 0),
        ("id", "b", 0),
        ("id", "b", 20),
        ("id", "ab", 0),
        ("id", "ab", 60),
        ("id", "c", 0),
        ("id", "d", 0),
        ("aliases", "Bé", 0),
        ("aliases", "B \"b\"", 0),
        ("", "A", 0),
        ("name", "A", 0),
        ("name", "missing", 0),
        ("id", "a", text.len()),
        ("id", "a", text.len() + 5),
    ];
    let mut located = 0;
    for (key, value, from) in cases {
        let found = locate_value(text, key, value, from);
        assert_eq!(
            found,
            by_search(text, key, value, from),
            "{key} {value} {from}"
        );
        if let Some(at) = found {
            assert!(text[at..].starts_with(&ron::to_string(value).unwrap()));
            located += 1;
        }
    }
    // All but the missing value and the searches from the end.
    assert_eq!(located, cases.len() - 3);
    assert_eq!(
        locate_value(text, "id", "b", 0),
        text.find("\"b\", aliases")
    );
    assert_eq!(locate_value(text, "name", "missing", 0), None);
}
