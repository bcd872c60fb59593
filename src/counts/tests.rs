use super::*;

fn table() -> CountTable {
    CountTable {
        format: FORMAT.into(),
        version: VERSION,
        documents: 3,
        entities: vec![
            CountRow {
                id: "russia".into(),
                name: "Russia".into(),
                kind: Kind::State,
                mentions: 9,
                documents: 3,
            },
            CountRow {
                id: "haftar".into(),
                name: "Khalifa \"the\" Haftar".into(),
                kind: Kind::Person,
                mentions: 4,
                documents: 2,
            },
            CountRow {
                id: "libya".into(),
                name: "Libya".into(),
                kind: Kind::State,
                mentions: 4,
                documents: 1,
            },
        ],
    }
}

#[test]
fn every_format_round_trips() {
    for format in [CountFormat::Json, CountFormat::Ron] {
        let text = table().render(format);
        assert_eq!(
            CountTable::parse(Path::new("x"), &text, format).unwrap(),
            table(),
            "{format:?}"
        );
    }
    let text = table().render(CountFormat::Tsv);
    let back = CountTable::parse(Path::new("x"), &text, CountFormat::Tsv).unwrap();
    assert_eq!(back.entities, table().entities);
    assert!(text.starts_with("id\tname\tkind\tmentions\tdocuments\nrussia\tRussia\tstate\t9\t3\n"));
}

#[test]
fn ron_writes_kinds_as_strings() {
    let text = table().render(CountFormat::Ron);
    assert!(text.contains("kind: \"state\""), "{text}");
}

#[test]
fn diff_reads_like_a_review() {
    let mut run = table();
    run.entities[0].mentions = 10;
    run.entities.remove(2);
    run.entities.push(CountRow {
        id: "tobruk".into(),
        name: "Tobruk".into(),
        kind: Kind::Place,
        mentions: 1,
        documents: 1,
    });
    assert_eq!(
        run.diff(&table()),
        [
            "- libya: expected 4 mentions in 1 documents, found none",
            "~ russia: mentions 9 -> 10 (+1), documents 3 -> 3 (+0)",
            "+ tobruk: 1 mentions in 1 documents, not expected",
        ]
    );
    assert!(table().diff(&table()).is_empty());
}

#[test]
fn bad_tsv_names_line_and_column() {
    let text = "id\tname\tkind\tmentions\tdocuments\nrussia\tRussia\tstate\tnine\t3\n";
    let err = CountTable::parse(Path::new("counts.tsv"), text, CountFormat::Tsv).unwrap_err();
    assert_eq!(err.to_string(), "counts.tsv:2:21: `nine` is not a count");
    let err = CountTable::parse(Path::new("c.tsv"), "x\n", CountFormat::Tsv).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("c.tsv:1:1: expected the header")
    );
}
