use super::*;
use crate::gazetteer::GazetteerBuilder;

const GOLD: &str = "\
-DOCSTART- -X- O O

Russian NNP B-NP B-MISC
troops NNS I-NP O
left VBD B-VP O
Tripoli NNP B-NP I-LOC
for IN B-PP O
Tobruk NNP B-NP I-LOC
. . O O

Khalifa NNP B-NP I-PER
Haftar NNP I-NP I-PER
met VBD B-VP O
Acme NNP B-NP I-ORG
Corp NNP I-NP I-ORG
Europa NNP B-NP B-ORG
in IN O O
Libya NNP B-NP I-LOC

-DOCSTART- -X- O O

Libya NNP B-NP B-LOC
";

#[test]
fn spans_follow_iob1_and_iob2_and_keep_token_offsets() {
    let docs = parse_conll(Path::new("g"), GOLD).unwrap();
    assert_eq!(docs.len(), 2);
    let doc = &docs[0];
    assert_eq!(doc.line, 3);
    assert_eq!(
        doc.text,
        "Russian troops left Tripoli for Tobruk .\n\nKhalifa Haftar met Acme Corp Europa in Libya"
    );
    let spans: Vec<(&str, Label)> = doc
        .spans
        .iter()
        .map(|s| (&doc.text[s.start..s.end], s.label))
        .collect();
    assert_eq!(
        spans,
        [
            ("Russian", Label::Misc),
            ("Tripoli", Label::Loc),
            ("Tobruk", Label::Loc),
            ("Khalifa Haftar", Label::Per),
            ("Acme Corp", Label::Org),
            ("Europa", Label::Org),
            ("Libya", Label::Loc),
        ]
    );
    assert_eq!(docs[1].text, "Libya");
}

#[test]
fn without_docstart_documents_start_at_the_headline_before_a_dateline() {
    let gold = "A NN O O\n\nB NN O O\n\nHEADLINE NN O O\n\nLONDON NNP O B-LOC\n1996-08-30 CD O O\n\nBody NN O O\n";
    let docs = parse_conll(Path::new("g"), gold).unwrap();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["A\n\nB", "HEADLINE\n\nLONDON 1996-08-30\n\nBody"]);
    assert_eq!(docs[1].line, 5);
}

#[test]
fn bad_lines_are_errors_with_positions() {
    let err = parse_conll(Path::new("g.conll"), "Libya NNP B-NP B-LOC\nOops\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "g.conll:2:1: expected `token ... NER-tag`, found \"Oops\""
    );
    let err = parse_conll(Path::new("g.conll"), "Libya NNP B-NP B-CITY\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("g.conll:1:16: unknown NER tag `B-CITY`")
    );
}

#[test]
fn scores_exact_spans_per_type_and_skips_demonyms_and_misc() {
    let g = GazetteerBuilder::new()
        .source(
            "t.ron",
            r#"(entities: [
                    (id: "russia", kind: "state", name: "Russia", demonyms: ["Russian"]),
                    (id: "tripoli", kind: "place", name: "Tripoli"),
                    (id: "haftar", kind: "person", name: "Khalifa Haftar"),
                    (id: "acme", kind: "group", name: "Acme"),
                    (id: "europa", kind: "place", name: "Europa"),
                    (id: "libya", kind: "state", name: "Libya", demonyms: ["Libyan"]),
                ])"#,
        )
        .build()
        .unwrap();
    let a = Annotator::new(&g).unwrap();
    let docs = parse_conll(Path::new("g"), GOLD).unwrap();
    let e = evaluate(&a, &docs);
    assert_eq!(e.documents, 2);
    // Tripoli, Libya twice right; Tobruk missed; Europa, run together with `Acme Corp`,
    // is no place.
    assert_eq!(
        e.tally(Label::Loc),
        Tally {
            correct: 3,
            false_alarms: 0,
            misses: 1
        }
    );
    // Acme is not the gold span `Acme Corp`; Europa is missed as an ORG.
    assert_eq!(
        e.tally(Label::Org),
        Tally {
            correct: 0,
            false_alarms: 1,
            misses: 2
        }
    );
    assert_eq!(e.tally(Label::Per).correct, 1);
    assert_eq!(
        e.top_misses(Label::Org, 5),
        [("Acme Corp", 1), ("Europa", 1)]
    );
    assert!(e.top_false_alarms(Label::Loc, 5).is_empty());
    let loc = e.tally(Label::Loc);
    assert_eq!(loc.precision(), 1.0);
    assert_eq!(loc.recall(), 0.75);
    assert!((loc.f1() - 6.0 / 7.0).abs() < 1e-12);
}
