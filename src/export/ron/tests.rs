use crate::export::Format;
use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::export::dot::sample;
use crate::graph::NodeRecord;

/// What `ron` itself writes, escaping every string one character at a time.
fn rons_own<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ");
    ron::ser::to_string_pretty(value, config).unwrap() + "\n"
}

fn ours<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    write_pretty(value, &mut out).unwrap();
    String::from_utf8(out).unwrap() + "\n"
}

/// Strings that need every kind of escape, and some that need none.
fn awkward_strings() -> Vec<String> {
    let mut strings: Vec<String> = [
        "",
        "plain",
        "O'Brien",
        r#"Say "Hi" \ back"#,
        "a\nb\r\tc\0",
        "\u{7f}\u{1}\u{1b}[0m",
        "Erdoğan 中文 ✓ 😀",
        // Combining marks, invisible formatting, private use, non-characters.
        "e\u{301} \u{301}start",
        "\u{200b}\u{200d}\u{202e}\u{2028}\u{feff}",
        "\u{e000}\u{fffe}\u{ffff}\u{10ffff}",
        "r#\"##\"#",
    ]
    .map(str::to_owned)
    .to_vec();
    strings.push((0..=0x7f_u8).map(char::from).collect());
    strings
}

#[test]
fn the_first_escape_is_the_first_character_ron_changes() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let s = c.to_string();
        let changed = c.escape_debug().to_string() != s;
        assert_eq!(first_escape(&s), changed.then_some(0), "{c:?}");
        let s = format!("aé{s}b{s}");
        assert_eq!(first_escape(&s), changed.then_some(3), "{c:?}");
    }
    // In long texts, wherever the character falls among the chunks skipped whole, after
    // characters that stay as they are or not.
    for c in ['"', '\'', '\\', '\n', '\u{7f}', '\u{200b}', 'é', '✓', 'z'] {
        let changed = c.escape_debug().len() != 1;
        for before in ["", "é", "中文 ✓"] {
            for at in 0..100 {
                let s = format!("{before}{}{c}{}", "x".repeat(at), "y".repeat(70));
                let expected = changed.then_some(before.len() + at);
                assert_eq!(first_escape(&s), expected, "{c:?} at {at} after {before:?}");
            }
        }
    }
}

#[test]
fn documents_are_written_as_ron_itself_writes_them() {
    let mut doc = sample();
    for (i, s) in awkward_strings().into_iter().enumerate() {
        let node = doc.nodes[i % doc.nodes.len()].clone();
        doc.nodes.push(NodeRecord {
            id: format!("n{i}"),
            name: s.clone(),
            category: s,
            ..node
        });
    }
    // Read back, the document must be in the order the format promises.
    crate::graph::document::sort(&mut doc);
    doc.nodes[0].pagerank = f64::NAN;
    doc.nodes[1].betweenness = -0.0;
    doc.nodes[2].weighted_degree = f64::INFINITY;
    doc.edges[0].evidence[0].text = awkward_strings().concat();
    let text = Format::Ron.render(&doc);
    assert_eq!(text, rons_own(&doc));
    let back = crate::graph::document::parse(Path::new("graph.ron"), &text).unwrap();
    assert_eq!(back.nodes[3..], doc.nodes[3..]);
    assert_eq!(back.edges, doc.edges);
}

#[test]
fn every_shape_of_value_is_written_as_ron_writes_it() {
    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(String, char),
        Struct { name: String },
    }
    #[derive(serde::Serialize)]
    struct Newtype(String);
    #[derive(serde::Serialize)]
    struct Tuple(String, u8);
    #[derive(serde::Serialize)]
    struct Unit;
    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    #[derive(serde::Serialize)]
    struct Empty {}
    #[derive(serde::Serialize)]
    #[allow(non_snake_case)]
    struct All {
        r#true: bool,
        r#None: Empty,
        empty_map: BTreeMap<String, u8>,
        nested: Vec<Vec<u8>>,
        floats: Vec<f64>,
        some: Option<String>,
        none: Option<String>,
        shapes: Vec<Shape>,
        newtype: Newtype,
        tuple: Tuple,
        pair: (i64, f32),
        unit: Unit,
        nothing: (),
        map: BTreeMap<String, Vec<String>>,
        bytes: Bytes,
        text_bytes: Bytes,
        chars: [char; 3],
    }
    for s in awkward_strings() {
        let value = All {
            r#true: true,
            r#None: Empty {},
            empty_map: BTreeMap::new(),
            nested: vec![vec![1], vec![]],
            floats: vec![
                1e300,
                1e-7,
                -0.0,
                0.1,
                f64::NAN,
                -f64::NAN,
                f64::NEG_INFINITY,
            ],
            some: Some(s.clone()),
            none: None,
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(s.clone()),
                Shape::Tuple(s.clone(), '\''),
                Shape::Struct { name: s.clone() },
            ],
            newtype: Newtype(s.clone()),
            tuple: Tuple(s.clone(), 7),
            pair: (-3, 1.5),
            unit: Unit,
            nothing: (),
            map: BTreeMap::from([(s.clone(), vec![s.clone()]), ("k".into(), vec![])]),
            bytes: Bytes(b"\x00\xff\"\\ok"),
            text_bytes: Bytes(b"plain"),
            chars: ['a', '\n', 'é'],
        };
        assert_eq!(ours(&value), rons_own(&value), "{s:?}");
    }
}

#[test]
fn write_errors_keep_their_kind() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = write_ron(&sample(), &mut Closed).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
}
