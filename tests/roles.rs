//! Roles and names that change, from the command line: a JSONL corpus whose ISO `date` field
//! decides who a title names and whether a dated alias counts.

use crate::fixtures::gazegraph;

const CORPUS: &str = r#"{"id": "2023", "date": "2023-06-01", "text": "Russia's defence minister visited Libya."}
{"id": "2025", "date": "2025-03-01", "text": "Russia's defence minister visited Libya."}
{"id": "undated", "text": "Russia's defence minister visited Libya."}
{"id": "spelled", "date": "June 1, 2023", "text": "Russia's defence minister visited Libya."}
{"id": "envoy", "date": "2020-06-01", "text": "The U.N. envoy met Haftar in Benghazi, Libya."}
{"id": "corps-2019", "date": "2019-05-05", "text": "The Africa Korps fought on."}
{"id": "corps-2024", "date": "2024-05-05", "text": "The Africa Korps arrived in Niger."}
"#;

/// Runs `gazegraph ARGS... CORPUS` on CORPUS written to `dir`, and returns its stdout.
fn run_on_corpus(dir: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, CORPUS).unwrap();
    let out = gazegraph().args(args).arg(&corpus).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    out.stdout
}

/// `(document, text, entity, form)` of every mention `gazegraph mentions` writes for CORPUS.
fn mentions(dir: &std::path::Path) -> Vec<(String, String, String, String)> {
    let stdout = run_on_corpus(dir, &["mentions", "-q", "-f", "jsonl"]);
    let field = |row: &serde_json::Value, key: &str| row[key].as_str().unwrap().to_owned();
    String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let fields = ["document", "text", "entity", "form"].map(|k| field(&row, k));
            let [document, text, entity, form] = fields;
            (document, text, entity, form)
        })
        .collect()
}

/// `(text, entity, form)` of a mention.
type Row<'a> = (&'a str, &'a str, &'a str);

#[test]
fn the_date_field_decides_who_a_title_names_and_whether_a_dated_alias_counts() {
    let dir = tempfile::tempdir().unwrap();
    let found = mentions(dir.path());
    let of = |document: &str| -> Vec<Row> {
        let rows = found.iter().filter(|(d, ..)| d == document);
        rows.map(|(_, t, e, f)| (t.as_str(), e.as_str(), f.as_str()))
            .collect()
    };
    let title = "title:russia_defence_minister";
    let minister = "Russia's defence minister";
    let cases: &[(&str, &[Row])] = &[
        (
            "2023",
            &[
                (minister, "sergei_shoigu", title),
                ("Libya", "libya", "alias"),
            ],
        ),
        (
            "2025",
            &[
                (minister, "andrei_belousov", title),
                ("Libya", "libya", "alias"),
            ],
        ),
        // Undated: the title names nobody.
        (
            "undated",
            &[("Russia", "russia", "alias"), ("Libya", "libya", "alias")],
        ),
        // A date in words is read as well as an ISO one.
        (
            "spelled",
            &[
                (minister, "sergei_shoigu", title),
                ("Libya", "libya", "alias"),
            ],
        ),
        (
            "envoy",
            &[
                ("U.N. envoy", "stephanie_williams", "title:un_envoy_libya"),
                ("Haftar", "khalifa_haftar", "alias"),
                ("Benghazi", "benghazi", "alias"),
                ("Libya", "libya", "alias"),
            ],
        ),
        // Before 2024 the name is not the Russian formation, and `Africa` inside a longer
        // capitalised name (the Second World War's corps) is not the continent either.
        ("corps-2019", &[]),
        (
            "corps-2024",
            &[
                ("Africa Korps", "africa_corps", "alias"),
                ("Niger", "niger", "alias"),
            ],
        ),
    ];
    for (document, want) in cases {
        assert_eq!(of(document), *want, "{document}");
    }
}

#[test]
fn graph_evidence_records_the_title_rule() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = format!("--output={}", out.display());
    run_on_corpus(dir.path(), &["build", "-q", &output]);
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let edges = graph["edges"].as_array().unwrap();
    let edge = |a: &str, b: &str| {
        edges.iter().find(|e| {
            let ends = [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()];
            e["kind"] == "cooccurrence" && ends.contains(&a) && ends.contains(&b)
        })
    };
    let belousov = edge("andrei_belousov", "libya").expect("Belousov and Libya co-occur");
    let rules: Vec<&str> = belousov["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["title:russia_defence_minister"]);
    // Undated, the same sentence joins Russia and Libya by name.
    let russia = edge("libya", "russia").expect("Russia and Libya co-occur");
    assert!(
        russia["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["rule"] == "")
    );
    // `explain` shows the rule, without the empty cue of a co-occurrence.
    let explained = gazegraph()
        .arg("explain")
        .arg(out.join("graph.ron"))
        .args(["andrei_belousov", "libya"])
        .output()
        .unwrap();
    let explained = String::from_utf8(explained.stdout).unwrap();
    let line = explained
        .lines()
        .find(|l| l.contains("rule"))
        .unwrap_or_default();
    assert!(
        line.contains("] rule title:russia_defence_minister dated 2025-03-01 (field)"),
        "{explained}"
    );
    assert!(!line.contains("cue"), "{line}");
}
