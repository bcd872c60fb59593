//! Typed relations end to end: the `relations` command, relation edges in `build` and every
//! export, `explain`, user rules files, the `--edges` filter and `merge`.

use std::sync::OnceLock;

use gazegraph::graph::{EdgeRecord, GraphDocument};

use crate::fixtures::{SEED_002 as LIBYA, SEED_004 as ARMS, ok, parse, root, run, tempdir};

fn seeds_graph() -> &'static GraphDocument {
    static GRAPH: OnceLock<GraphDocument> = OnceLock::new();
    GRAPH.get_or_init(|| parse(&ok(&["build", "seeds", "-f", "ron", "-q"])))
}

fn relation<'d>(doc: &'d GraphDocument, s: &str, kind: &str, t: &str) -> &'d EdgeRecord {
    doc.edges
        .iter()
        .find(|e| e.source == s && e.kind == kind && e.target == t)
        .unwrap_or_else(|| panic!("no edge {s} {kind} {t}"))
}

/// The rows of a TSV with a header, as maps from column to value.
fn tsv_rows(tsv: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn relations_lists_each_statement_with_its_evidence() {
    let tsv = ok(&["relations", ARMS, "-q"]);
    let rows = tsv_rows(&tsv);
    assert!(rows.len() >= 10, "{tsv}");
    insta::assert_snapshot!(tsv);
    let backed = rows
        .iter()
        .find(|r| {
            r["subject"] == "russia"
                && r["relation"] == "supports"
                && r["object"] == "khalifa_haftar"
        })
        .expect("Russia backed Haftar");
    assert_eq!(backed["document"], ARMS);
    assert_eq!(backed["rule"], "supports.active");
    assert_eq!(backed["cue_text"], "backed");
    assert_eq!(backed["subject_text"], "Russia");
    assert_eq!(backed["object_text"], "Haftar");
    assert_eq!(
        (backed["negated"].as_str(), backed["directed"].as_str()),
        ("false", "true")
    );
    assert!(backed["sentence_text"].starts_with("Through its proxy Wagner mercenaries"));
    // Spans point into the document.
    let text = std::fs::read_to_string(root().join(ARMS)).unwrap();
    let span = |a: &str, b: &str| {
        &text[backed[a].parse::<usize>().unwrap()..backed[b].parse::<usize>().unwrap()]
    };
    assert_eq!(span("cue_start", "cue_end"), "backed");
    assert_eq!(span("subject_start", "subject_end"), "Russia");
    // A symmetric relation is undirected.
    assert!(
        rows.iter()
            .any(|r| r["relation"] == "meets" && r["directed"] == "false")
    );

    // JSONL: the same rows.
    let jsonl = ok(&["relations", ARMS, "-q", "--format", "jsonl"]);
    let objects: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), rows.len());
    for (o, r) in objects.iter().zip(&rows) {
        assert_eq!(o["subject"], r["subject"].as_str());
        assert_eq!(o["relation"], r["relation"].as_str());
        assert_eq!(o["cue_end"].as_u64().unwrap().to_string(), r["cue_end"]);
    }
}

#[test]
fn negated_statements_are_listed_and_marked() {
    let rows = tsv_rows(&ok(&["relations", LIBYA, "-q"]));
    let denied: Vec<_> = rows
        .iter()
        .filter(|r| {
            r["subject"] == "russia" && r["relation"] == "based_in" && r["object"] == "libya"
        })
        .collect();
    assert_eq!(denied.len(), 3, "headline and two sentences");
    assert!(denied.iter().all(|r| r["negated"] == "true"));
}

#[test]
fn user_rules_extend_the_shipped_ones_and_can_replace_them() {
    let dir = tempdir();
    let user = dir.path().join("mine.ron");
    std::fs::write(
        &user,
        r#"(relations: [(name: "unloads_at", subject: ["state"], object: ["place"], rules: [
            (name: "unloads_at.vessels", cues: ["vessels have been unloading"], pattern: "S cue O",
             gaps: [(max: 0), (max: 12)]),
        ])])"#,
    )
    .unwrap();
    let user = user.to_str().unwrap();
    let rows = tsv_rows(&ok(&["relations", ARMS, "-q", "--relations", user]));
    assert!(
        rows.iter()
            .any(|r| r["relation"] == "unloads_at" && r["object"] == "tobruk")
    );
    assert!(
        rows.iter().any(|r| r["relation"] == "supports"),
        "shipped rules still apply"
    );

    let only = tsv_rows(&ok(&[
        "relations",
        ARMS,
        "-q",
        "--relations",
        user,
        "--no-default-relations",
    ]));
    assert!(!only.is_empty() && only.iter().all(|r| r["relation"] == "unloads_at"));
    let none = ok(&["relations", ARMS, "-q", "--no-default-relations"]);
    assert_eq!(none.lines().count(), 1, "header only: {none}");
}

#[test]
fn a_bad_rules_file_is_an_error_with_file_line_and_column() {
    let dir = tempdir();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(relations: [\n  (name: \"x\", subject: [\"person\"], object: [\"planet\"]),\n])",
    )
    .unwrap();
    let r = run(&[
        "relations",
        ARMS,
        "-q",
        "--relations",
        bad.to_str().unwrap(),
    ]);
    assert_ne!(r.code, 0);
    let want = format!("{}:2:45: unknown kind `planet`", bad.display());
    assert!(r.stderr.contains(&want), "{}", r.stderr);
    let r = run(&[
        "build",
        ARMS,
        "-f",
        "ron",
        "-q",
        "--relations",
        "no/such/file.ron",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("no/such/file.ron"), "{}", r.stderr);
}

#[test]
fn build_puts_relation_edges_beside_cooccurrence() {
    let doc = seeds_graph();
    assert_eq!(
        doc.options.relations.len(),
        16,
        "rules fingerprint recorded"
    );
    let backed = relation(doc, "russia", "supports", "khalifa_haftar");
    assert!(backed.directed && backed.count >= 1 && backed.negated == 0);
    assert_eq!(
        (backed.pmi, backed.llr, backed.weight),
        (0.0, 0.0, backed.count as f64)
    );
    let e = &backed.evidence[0];
    assert!(!e.rule.is_empty() && e.cue_span.end > e.cue_span.start);
    assert!(
        e.text.contains("backed") || e.text.contains("back"),
        "{}",
        e.text
    );
    // The co-occurrence edge of the pair is still there.
    assert!(
        doc.edges.iter().any(|e| e.kind == "cooccurrence"
            && e.source == "khalifa_haftar"
            && e.target == "russia")
    );
    // Negated statements are counted apart and marked in the evidence.
    let bases = relation(doc, "russia", "based_in", "libya");
    assert!(
        bases.negated >= 3 && bases.negated <= bases.count,
        "{bases:?}"
    );
    assert!(bases.evidence.iter().any(|e| e.negated));
    // Symmetric relations are undirected, smaller id first.
    let meets = doc.edges.iter().filter(|e| e.kind == "meets");
    for e in meets {
        assert!(!e.directed && e.source < e.target, "{e:?}");
    }
    // Every relation edge keeps at most the cap of sorted evidence, each with its rule.
    for e in doc.edges.iter().filter(|e| e.kind != "cooccurrence") {
        assert!(e.evidence.len() <= doc.options.evidence_cap as usize);
        assert!(e.evidence.windows(2).all(|w| w[0] <= w[1]));
        assert!(e.evidence.iter().all(|x| !x.rule.is_empty()), "{e:?}");
        assert!(e.documents >= 1 && e.documents <= e.count);
    }
}

#[test]
fn the_edges_filter_chooses_relations_or_cooccurrence() {
    let relations = parse(&ok(&[
        "build",
        "seeds",
        "-f",
        "ron",
        "-q",
        "--edges",
        "relations",
    ]));
    assert!(!relations.edges.is_empty());
    assert!(relations.edges.iter().all(|e| e.kind != "cooccurrence"));
    assert_eq!(relations.options.filters, ["edges=relations"]);
    let cooccurrence = parse(&ok(&[
        "build",
        "seeds",
        "-f",
        "ron",
        "-q",
        "--edges",
        "cooccurrence",
    ]));
    assert!(cooccurrence.edges.iter().all(|e| e.kind == "cooccurrence"));
    assert!(
        cooccurrence.options.relations.is_empty(),
        "no extraction for co-occurrence only"
    );
    let both = seeds_graph();
    assert_eq!(
        both.edges.len(),
        relations.edges.len() + cooccurrence.edges.len()
    );
}

#[test]
fn every_export_carries_relations() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    ok(&["build", "seeds", "-o", out, "-q"]);
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();

    let json: serde_json::Value = serde_json::from_str(&read("graph.json")).unwrap();
    let edge = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "russia" && e["target"] == "libya" && e["kind"] == "based_in")
        .expect("based_in edge in JSON");
    assert_eq!(edge["key"], "based_in");
    assert_eq!(edge["directed"], true);
    assert!(edge["negated"].as_u64().unwrap() >= 3);
    assert!(
        edge["evidence"][0]["rule"]
            .as_str()
            .unwrap()
            .starts_with("based_in.")
    );
    assert!(edge["evidence"][0]["cue_span"]["end"].as_u64().unwrap() > 0);

    let graphml = read("graph.graphml");
    assert!(graphml.contains(r#"attr.name="negated""#), "negated key");
    assert!(graphml.contains(">based_in<") && graphml.contains("based_in.active"));

    let dot = read("graph.dot");
    let line = dot
        .lines()
        .find(|l| l.contains(r#""russia" -> "libya""#) && l.contains(r#"label="based_in""#))
        .expect("based_in arrow in DOT");
    assert!(
        line.contains(r#"style="dashed""#),
        "negated statements: {line}"
    );
    let meets = dot
        .lines()
        .find(|l| l.contains(r#"label="meets""#) && !l.contains("legend:"))
        .expect("meets edge in DOT");
    assert!(meets.contains("dir=both"), "{meets}");

    let csv = read("edges.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("russia,libya,based_in,true,"))
    );

    let ron = parse(&read("graph.ron"));
    assert_eq!(&ron, seeds_graph());
}

#[test]
fn explain_shows_rule_cue_and_negation() {
    let dir = tempdir();
    let path = dir.path().join("graph.ron");
    std::fs::write(&path, ok(&["build", "seeds", "-f", "ron", "-q"])).unwrap();
    let text = ok(&["explain", path.to_str().unwrap(), "russia", "libya"]);
    assert!(text.contains("Russia -> Libya [based_in]"), "{text}");
    assert!(text.contains("of them negated"), "{text}");
    assert!(text.contains("rule based_in.active NEGATED"), "{text}");
    assert!(text.contains("cue ["), "{text}");
    assert!(
        text.contains("CREATION OF MILITARY BASES IN LIBYA"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn merging_graphs_built_with_other_rules_fails_naming_them() {
    let dir = tempdir();
    let user = dir.path().join("mine.ron");
    std::fs::write(
        &user,
        r#"(relations: [(name: "supports", rules: [
            (name: "supports.bankroll", cues: ["bankrolled"], pattern: "S cue O"),
        ])])"#,
    )
    .unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, ok(&["build", LIBYA, "-f", "ron", "-q"])).unwrap();
    std::fs::write(
        &b,
        ok(&[
            "build",
            ARMS,
            "-f",
            "ron",
            "-q",
            "--relations",
            user.to_str().unwrap(),
        ]),
    )
    .unwrap();
    let r = run(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("relation rules"), "{}", r.stderr);
}
