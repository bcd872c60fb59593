//! Every export of a real graph, checked by its real consumer: Graphviz (`dot`, `sfdp`) for
//! DOT, networkx for node-link JSON and GraphML, the `csv` crate for the tables.
//!
//! Graphviz, python3 and networkx are required (CI installs them); a missing one fails the
//! tests with a message saying what to install, rather than letting them pass unchecked.
//!
//! The seeds graph's contents change as the gazetteers grow, so the tests compare the exports
//! with the document they were written from, never with fixed numbers.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use gazegraph::corpus::Corpus;
use gazegraph::export::{Format, render};
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::document::DocumentRecord;
use gazegraph::graph::{
    BuildOptions, COOCCURRENCE, CorpusStats, EdgeRecord, Evidence, Filter, GraphBuilder,
    GraphDocument, GraphOptions, Network, NodeRecord,
};
use gazegraph::pipeline::RunOptions;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

use crate::fixtures::{gazegraph, root, tempdir};

/// The seeds corpus, co-occurrence graph filtered to `min-count=2`, analysed.
fn build_seeds(threads: usize) -> GraphDocument {
    let gazetteer = Gazetteer::builtin().expect("builtin gazetteer");
    let seeds = root().join("seeds");
    let corpus = Corpus::open(&[seeds], Default::default()).expect("seeds corpus");
    let options = BuildOptions {
        run: RunOptions {
            threads,
            ..Default::default()
        },
        ..Default::default()
    };
    let document = GraphBuilder::new(&gazetteer)
        .options(options)
        .build(&corpus)
        .expect("build")
        .document;
    let filter = Filter {
        min_count: 2,
        ..Default::default()
    };
    let mut network = Network::from_document(document)
        .expect("network")
        .filter(&filter)
        .expect("filter");
    network.analyse();
    network.into_document()
}

fn seeds() -> &'static GraphDocument {
    static SEEDS: OnceLock<GraphDocument> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let doc = build_seeds(0);
        assert!(
            !doc.nodes.is_empty() && !doc.edges.is_empty(),
            "the seeds graph should have nodes and edges: {} nodes, {} edges",
            doc.nodes.len(),
            doc.edges.len()
        );
        doc
    })
}

/// A graph whose names need every kind of escaping, with relations (one negated) beside a
/// co-occurrence edge, and a kind the palette does not know.
fn awkward() -> GraphDocument {
    let names = [
        ("a", r#"Say "Hi" \ back"#, "person"),
        ("b", "Erdoğan", "state"),
        ("c", "a\nb", "group"),
        ("d", "AT&T <x> &amp; O'Brien -- Al-Sisi", "place"),
        ("e", r"\N \G \l \E trailing\", "vessel"),
        ("f", "x  y 中文 ✓", "person"),
    ];
    let nodes = names
        .iter()
        .enumerate()
        .map(|(i, (id, name, kind))| NodeRecord {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            kind: (*kind).to_owned(),
            category: if i % 2 == 0 {
                "cat, \"quoted\"".to_owned()
            } else {
                String::new()
            },
            country: "TR".to_owned(),
            mentions: 10 + i as u64,
            documents: 1 + i as u64,
            windows: 5 + i as u64,
            degree: 1,
            weighted_degree: 1.5,
            pagerank: 0.125 * i as f64,
            betweenness: 0.0,
            community: i as u32 % 2,
            latitude: None,
            longitude: None,
            // Every other node dated, with two periods.
            first_seen: (i % 2 == 0).then(|| day(1 + i as u32)),
            last_seen: (i % 2 == 0).then(|| day(20 + i as u32)),
            periods: if i % 2 == 0 {
                vec![("2016-07".to_owned(), 4), ("2016-08".to_owned(), 1)]
            } else {
                Vec::new()
            },
        })
        .collect();
    let edge = |source: &str, target: &str, kind: &str, count: u64, negated: u64| EdgeRecord {
        source: source.to_owned(),
        target: target.to_owned(),
        kind: kind.to_owned(),
        directed: kind != COOCCURRENCE,
        count,
        documents: count,
        negated,
        pmi: 1.25,
        npmi: -0.5,
        llr: 3.0,
        jaccard: 0.25,
        weight: count as f64,
        first_seen: (count > 1).then(|| day(3)),
        last_seen: (count > 1).then(|| day(3 + count as u32)),
        periods: if count > 1 {
            vec![("2016-07".to_owned(), count)]
        } else {
            Vec::new()
        },
        evidence: (0..count.min(2))
            .map(|i| Evidence {
                document: format!("doc \"{i}\".txt"),
                sentence: i as u32,
                source_span: Default::default(),
                target_span: Default::default(),
                cue_span: Default::default(),
                rule: String::new(),
                negated: false,
                text: "Erdoğan said \"no\" \\ <b>&amp;</b>\nnext".to_owned(),
                source_part: "body".to_owned(),
                target_part: "body".to_owned(),
            })
            .collect(),
    };
    GraphDocument {
        format: "gazegraph-graph".to_owned(),
        version: gazegraph::graph::document::VERSION,
        tool: "test".to_owned(),
        gazetteer: "f00".to_owned(),
        options: GraphOptions {
            window: "sentence".to_owned(),
            evidence_cap: 5,
            weight: "count".to_owned(),
            filters: vec!["kinds=person,state".to_owned(), "min-count=2".to_owned()],
            relations: String::new(),
            period: "month".to_owned(),
            parts: "headline,body".to_owned(),
        },
        corpus: CorpusStats {
            documents: 3,
            skipped: 1,
            bytes: 1000,
            mentions: 40,
            windows: 30,
            dated: 2,
        },
        nodes,
        edges: vec![
            edge("a", "b", COOCCURRENCE, 3, 0),
            edge("a", "b", "supports", 2, 1),
            edge("b", "a", "opposes", 1, 0),
            edge("c", "d", COOCCURRENCE, 1, 0),
            edge("d", "e", "says \"no\"", 4, 0),
            edge("e", "f", COOCCURRENCE, 2, 0),
        ],
        documents: vec![
            DocumentRecord {
                id: "doc \"0\".txt".to_owned(),
                date: Some(day(3)),
                date_source: "field".to_owned(),
            },
            DocumentRecord {
                id: "doc \"1\".txt".to_owned(),
                date: None,
                date_source: String::new(),
            },
        ],
    }
}

/// A day of July 2016, the awkward document's month.
fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2016, 7, d).unwrap()
}

/// Both documents the tests check.
fn documents() -> [(&'static str, GraphDocument); 2] {
    [("seeds", seeds().clone()), ("awkward", awkward())]
}

// ---------------------------------------------------------------------------------------
// Graphviz

fn graphviz_missing() -> String {
    "Graphviz is required by tests/exports.rs: install it (Debian/Ubuntu: apt-get install graphviz)"
        .to_owned()
}

/// Runs `engine -Tsvg` on `dot`, asserting success and a silent stderr; returns the SVG.
fn svg(engine: &str, dot: &str, what: &str) -> String {
    let mut child = Command::new(engine)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `{engine}`: {e}. {}", graphviz_missing()));
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{engine} failed on {what}: {stderr}\n{dot}"
    );
    assert!(
        stderr.trim().is_empty(),
        "{engine} warned on {what}: {stderr}"
    );
    String::from_utf8(output.stdout).expect("SVG is UTF-8")
}

/// An SVG group Graphviz drew: its class, its `<title>` and the lines of its `<text>`s,
/// all with entities decoded.
#[derive(Debug, Default)]
struct Group {
    class: String,
    title: String,
    text: Vec<String>,
}

fn svg_groups(svg: &str) -> Vec<Group> {
    let mut reader = Reader::from_str(svg);
    let mut groups = Vec::new();
    // Open `<g>` elements: Some(index into groups) for node, edge and cluster groups.
    let mut open: Vec<Option<usize>> = Vec::new();
    // Where text currently goes: the title or a new text line of the innermost group.
    #[derive(PartialEq)]
    enum Sink {
        None,
        Title,
        Text,
    }
    let mut sink = Sink::None;
    let current = |open: &[Option<usize>]| open.iter().rev().flatten().next().copied();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad SVG: {e}\n{svg}"));
        match &event {
            Event::Start(e) => match e.name().as_ref() {
                "g" => {
                    let class = e
                        .attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == "class")
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        });
                    match class.as_deref() {
                        Some(class @ ("graph" | "node" | "edge" | "cluster")) => {
                            groups.push(Group {
                                class: class.to_owned(),
                                ..Default::default()
                            });
                            open.push(Some(groups.len() - 1));
                        }
                        _ => open.push(None),
                    }
                }
                "title" => sink = Sink::Title,
                "text" => {
                    sink = Sink::Text;
                    if let Some(i) = current(&open) {
                        groups[i].text.push(String::new());
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "g" => {
                    open.pop();
                }
                "title" | "text" => sink = Sink::None,
                _ => {}
            },
            Event::Text(_) | Event::GeneralRef(_) if sink != Sink::None => {
                let piece = match &event {
                    Event::Text(t) => t.xml10_content().into_owned(),
                    Event::GeneralRef(r) => match r.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => match r.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            other => panic!("unexpected entity &{other}; in SVG"),
                        }
                        .to_owned(),
                    },
                    _ => unreachable!(),
                };
                if let Some(i) = current(&open) {
                    let group = &mut groups[i];
                    match sink {
                        Sink::Title => group.title.push_str(&piece),
                        _ => group
                            .text
                            .last_mut()
                            .expect("inside <text>")
                            .push_str(&piece),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    groups
}

/// Graphviz writes runs of spaces as space + no-break spaces.
fn normalise_spaces(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

#[test]
fn dot_renders_without_warnings_in_dot_and_sfdp_showing_every_node_and_edge() {
    for (what, doc) in documents() {
        let source = Format::Dot.render(&doc);
        assert_eq!(
            source,
            Format::Dot.render(&doc.clone()),
            "{what}: DOT is not deterministic"
        );
        for engine in ["dot", "sfdp"] {
            let svg = svg(engine, &source, what);
            let groups = svg_groups(&svg);
            let nodes: BTreeMap<&str, String> = groups
                .iter()
                .filter(|g| g.class == "node")
                .map(|g| (g.title.as_str(), normalise_spaces(&g.text.join("\n"))))
                .collect();
            for n in &doc.nodes {
                let shown = nodes.get(n.id.as_str()).unwrap_or_else(|| {
                    panic!("{what} {engine}: node {} missing from the SVG", n.id)
                });
                assert_eq!(shown, &n.name, "{what} {engine}: label of node {}", n.id);
            }
            assert_eq!(nodes.len(), doc.nodes.len(), "{what} {engine}: extra nodes");
            // The legend is the graph's label, one table listing every kind present.
            let kinds: BTreeSet<&str> = doc.nodes.iter().map(|n| n.kind.as_str()).collect();
            let graph = groups.iter().find(|g| g.class == "graph").unwrap();
            for kind in &kinds {
                assert!(
                    graph
                        .text
                        .iter()
                        .any(|t| t.starts_with(&format!("{kind} ("))),
                    "{what} {engine}: legend {:?}",
                    graph.text
                );
            }

            let mut drawn: Vec<(String, Option<String>)> = groups
                .iter()
                .filter(|g| g.class == "edge" && !g.title.starts_with("legend:"))
                .map(|g| (g.title.clone(), g.text.first().cloned()))
                .collect();
            drawn.sort();
            let mut expected: Vec<(String, Option<String>)> = doc
                .edges
                .iter()
                .map(|e| {
                    let label = (e.kind != COOCCURRENCE).then(|| e.kind.clone());
                    (format!("{}->{}", e.source, e.target), label)
                })
                .collect();
            expected.sort();
            assert_eq!(drawn, expected, "{what} {engine}: edges");
        }
    }
}

#[test]
fn render_writes_pictures_atomically() {
    let dir = tempdir();
    let (seeds, awkward) = (Format::Dot.render(seeds()), Format::Dot.render(&awkward()));
    for (source, engine, format, magic) in [
        (&seeds, "dot", "svg", &b"<?xml"[..]),
        (&awkward, "sfdp", "png", &b"\x89PNG"[..]),
        (&seeds, "dot", "pdf", &b"%PDF"[..]),
    ] {
        let out = dir.path().join(format!("graph.{format}"));
        let source = source.replace("layout=\"neato\"", &format!("layout=\"{engine}\""));
        let warnings = render::render(&source, format, &out, &render::Options::default())
            .unwrap_or_else(|e| panic!("{engine} {format}: {e}. {}", graphviz_missing()));
        if format == "svg" {
            assert!(warnings.is_empty(), "{engine} {format}: {warnings:?}");
        }
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{engine} {format}: not a {format} file"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "temporary files left behind"
    );
}

// ---------------------------------------------------------------------------------------
// networkx

/// Loads the document's JSON and GraphML exports with networkx; returns what it read.
fn networkx(doc: &GraphDocument) -> Value {
    let dir = tempdir();
    let json_path = dir.path().join("graph.json");
    let graphml_path = dir.path().join("graph.graphml");
    std::fs::write(&json_path, Format::Json.render(doc)).unwrap();
    std::fs::write(&graphml_path, Format::Graphml.render(doc)).unwrap();
    let script = root().join("tests/python/check_exports.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&json_path)
        .arg(&graphml_path)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run python3 ({e}): tests/exports.rs needs python3 with networkx (pip install networkx)")
        });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} failed (python3 with networkx is required: pip install networkx):\n{stderr}",
        script.display()
    );
    serde_json::from_slice(&output.stdout).expect("check_exports.py prints JSON")
}

fn assert_close(a: &Value, b: f64, what: &str) {
    let a = a
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {a} is not a number"));
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} != {b}"
    );
}

/// Checks a graph as networkx read it against the document.
fn check_graph(read: &Value, doc: &GraphDocument, what: &str, evidence_is_text: bool) {
    assert_eq!(read["directed"], true, "{what}");
    let nodes = read["nodes"].as_object().unwrap();
    assert_eq!(
        nodes.keys().map(String::as_str).collect::<Vec<_>>(),
        doc.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        "{what}: node ids"
    );
    for n in &doc.nodes {
        let got = &nodes[&n.id];
        let w = format!("{what} node {}", n.id);
        assert_eq!(got["name"], n.name.as_str(), "{w}");
        assert_eq!(got["kind"], n.kind.as_str(), "{w}");
        assert_eq!(got["mentions"], n.mentions, "{w}");
        assert_eq!(got["documents"], n.documents, "{w}");
        assert_eq!(got["degree"], n.degree, "{w}");
        assert_eq!(got["community"], n.community, "{w}");
        assert_close(&got["pagerank"], n.pagerank, &w);
        assert_close(&got["weighted_degree"], n.weighted_degree, &w);
        if !n.category.is_empty() {
            assert_eq!(got["category"], n.category.as_str(), "{w}");
        }
    }
    // A co-occurrence is two arcs, the record and its mirror, so that it reads as symmetric.
    let (mirrors, edges): (Vec<&Value>, Vec<&Value>) = read["edges"]
        .as_array()
        .unwrap()
        .iter()
        .partition(|arc| arc[3]["mirror"] == true);
    assert_eq!(edges.len(), doc.edges.len(), "{what}: edge count");
    let undirected: Vec<&EdgeRecord> = doc.edges.iter().filter(|e| !e.directed).collect();
    assert_eq!(mirrors.len(), undirected.len(), "{what}: mirror arcs");
    let mirrors: std::collections::BTreeMap<(&str, &str, &str), &Value> = mirrors
        .iter()
        .map(|arc| {
            let name = |i: usize| arc[i].as_str().unwrap();
            ((name(0), name(1), name(2)), &arc[3])
        })
        .collect();
    for e in undirected {
        let w = format!("{what} mirror of {} {} {}", e.source, e.target, e.kind);
        let mirror = mirrors[&(e.target.as_str(), e.source.as_str(), e.kind.as_str())];
        assert_eq!(mirror["count"], e.count, "{w}");
        assert_eq!(mirror["directed"], false, "{w}");
        let no_evidence = if evidence_is_text {
            "[]".into()
        } else {
            serde_json::json!([])
        };
        assert_eq!(mirror["evidence"], no_evidence, "{w}");
    }
    let mut expected: Vec<&EdgeRecord> = doc.edges.iter().collect();
    expected.sort_by(|a, b| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)));
    for (got, e) in edges.iter().zip(expected) {
        let w = format!("{what} edge {} {} {}", e.source, e.target, e.kind);
        assert_eq!(got[0], e.source.as_str(), "{w}");
        assert_eq!(got[1], e.target.as_str(), "{w}");
        assert_eq!(got[2], e.kind.as_str(), "{w}: multigraph key");
        let data = &got[3];
        assert_eq!(data["kind"], e.kind.as_str(), "{w}");
        assert_eq!(data["directed"], e.directed, "{w}");
        assert_eq!(data["count"], e.count, "{w}");
        assert_eq!(data["documents"], e.documents, "{w}");
        assert_eq!(data["negated"], e.negated, "{w}");
        assert_eq!(data["mirror"], false, "{w}");
        for (field, value) in [
            ("pmi", e.pmi),
            ("npmi", e.npmi),
            ("llr", e.llr),
            ("weight", e.weight),
        ] {
            assert_close(&data[field], value, &format!("{w} {field}"));
        }
        let evidence: Vec<Evidence> = if evidence_is_text {
            serde_json::from_str(
                data["evidence"]
                    .as_str()
                    .expect("GraphML evidence is a string"),
            )
            .unwrap()
        } else {
            serde_json::from_value(data["evidence"].clone()).unwrap()
        };
        assert_eq!(evidence, e.evidence, "{w}: evidence");
    }
}

#[test]
fn networkx_reads_json_and_graphml_as_the_document() {
    for (what, doc) in documents() {
        let read = networkx(&doc);
        let json = &read["json"];
        assert_eq!(json["multigraph"], true, "{what}");
        check_graph(json, &doc, &format!("{what} json"), false);
        assert_eq!(json["graph"]["format"], doc.format.as_str());
        assert_eq!(json["graph"]["corpus"]["documents"], doc.corpus.documents);
        assert_eq!(
            json["graph"]["options"]["window"],
            doc.options.window.as_str()
        );
        // The edge list is written once, under the name networkx defaults to from 3.6.
        let file: Value = serde_json::from_str(&Format::Json.render(&doc)).unwrap();
        assert!(file.get("links").is_none(), "{what}: edges listed twice");
        let version: Vec<u32> = read["networkx"]
            .as_str()
            .unwrap()
            .split('.')
            .map_while(|p| p.parse().ok())
            .collect();
        if version >= vec![3, 6] {
            assert_eq!(read["json_call"], "node_link_graph(data)", "{what}");
        }
        let graphml = &read["graphml"];
        check_graph(graphml, &doc, &format!("{what} graphml"), true);
        assert_eq!(graphml["graph"]["corpus_documents"], doc.corpus.documents);
        let filters: Vec<String> =
            serde_json::from_str(graphml["graph"]["filters"].as_str().unwrap()).unwrap();
        assert_eq!(filters, doc.options.filters);
    }
}

// ---------------------------------------------------------------------------------------
// CSV

#[test]
fn csv_tables_read_back_as_the_document() {
    for (what, doc) in documents() {
        let text = Format::NodesCsv.render(&doc);
        let mut nodes = ::csv::Reader::from_reader(text.as_bytes());
        let header = nodes.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<_> = nodes.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), doc.nodes.len(), "{what}");
        for (row, n) in rows.iter().zip(&doc.nodes) {
            assert_eq!(&row[column("id")], n.id, "{what}");
            assert_eq!(&row[column("name")], n.name, "{what}");
            assert_eq!(
                row[column("mentions")].parse::<u64>().unwrap(),
                n.mentions,
                "{what}"
            );
            assert_eq!(
                row[column("pagerank")].parse::<f64>().unwrap(),
                n.pagerank,
                "{what}"
            );
        }

        let text = Format::EdgesCsv.render(&doc);
        let mut edges = ::csv::Reader::from_reader(text.as_bytes());
        let header = edges.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<_> = edges.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), doc.edges.len(), "{what}");
        for (row, e) in rows.iter().zip(&doc.edges) {
            assert_eq!(
                (
                    &row[column("source")],
                    &row[column("target")],
                    &row[column("kind")]
                ),
                (e.source.as_str(), e.target.as_str(), e.kind.as_str()),
                "{what}"
            );
            assert_eq!(
                row[column("count")].parse::<u64>().unwrap(),
                e.count,
                "{what}"
            );
            assert_eq!(row[column("llr")].parse::<f64>().unwrap(), e.llr, "{what}");
            assert_eq!(
                row[column("evidence_count")].parse::<usize>().unwrap(),
                e.evidence.len(),
                "{what}"
            );
            let first = e.evidence.first();
            assert_eq!(
                &row[column("evidence_text")],
                first.map_or("", |x| x.text.as_str()),
                "{what}"
            );
            assert_eq!(
                &row[column("evidence_document")],
                first.map_or("", |x| x.document.as_str()),
                "{what}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Determinism

#[test]
fn exports_are_byte_identical_whatever_the_thread_count() {
    let one = build_seeds(1);
    let many = seeds();
    assert_eq!(Format::Dot.render(&one), Format::Dot.render(many));
    assert_eq!(Format::Json.render(&one), Format::Json.render(many));
    assert_eq!(Format::Graphml.render(&one), Format::Graphml.render(many));
    assert_eq!(Format::NodesCsv.render(&one), Format::NodesCsv.render(many));
    assert_eq!(Format::EdgesCsv.render(&one), Format::EdgesCsv.render(many));
}

#[test]
fn build_writes_every_export_byte_identical_whatever_the_threads_and_destination() {
    let seeds = root().join("seeds");
    let dirs = [tempdir(), tempdir()];
    for (dir, threads) in dirs.iter().zip(["1", "2"]) {
        gazegraph()
            .arg("build")
            .arg(&seeds)
            .args(["-q", "-j", threads, "-o"])
            .arg(dir.path())
            .assert()
            .success();
    }
    let read = |dir: &tempfile::TempDir, name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let graph = dirs[0].path().join("graph.ron");
    for format in Format::ALL {
        let file = read(&dirs[0], format.file_name());
        assert!(!file.is_empty(), "{}", format.name());
        assert_eq!(
            file,
            read(&dirs[1], format.file_name()),
            "{}",
            format.name()
        );
        // Streamed to stdout, and re-exported from the RON file, the bytes are the same.
        let stdout = gazegraph()
            .arg("build")
            .arg(&seeds)
            .args(["-q", "-f", format.name()])
            .output()
            .unwrap()
            .stdout;
        assert!(
            file == stdout,
            "{}: build -f differs from build -o",
            format.name()
        );
        let exported = gazegraph()
            .arg("export")
            .arg(&graph)
            .args(["-f", format.name()])
            .output()
            .unwrap()
            .stdout;
        assert!(
            file == exported,
            "{}: export differs from build",
            format.name()
        );
    }
    assert_eq!(read(&dirs[0], "counts.tsv"), read(&dirs[1], "counts.tsv"));
    let names = |dir: &tempfile::TempDir| std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(
        names(&dirs[0]),
        Format::ALL.len() + 2,
        "the formats, counts.tsv and manifest.json, and no temporary files"
    );
}
