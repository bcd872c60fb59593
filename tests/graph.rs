//! The network built from the seeds, end to end: hand-checked edges, co-occurrence windows,
//! lossless RON round trips, merging shards, determinism, filters, errors, `explain`,
//! `stats` and the sanity of the association scores.
//!
//! The expected numbers of the golden edges come from reading `seeds/*.txt` by hand, not
//! from program output; each list of sentences below says which ones were counted (and
//! which near misses were not), so a reviewer can re-check them with `grep -n`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{EdgeRecord, GraphDocument, NodeRecord};
use gazegraph::mentions::Annotator;

use crate::fixtures::{
    BINARY, ROOT, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, SEEDS, fails, ok, parse, run,
    tempdir,
};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// `gazegraph build seeds -f ron -q`, built once.
fn seeds_ron() -> &'static str {
    static RON: OnceLock<String> = OnceLock::new();
    RON.get_or_init(|| ok(&["build", "seeds", "-f", "ron", "-q"]))
}

fn seeds_graph() -> &'static GraphDocument {
    static GRAPH: OnceLock<GraphDocument> = OnceLock::new();
    GRAPH.get_or_init(|| parse(seeds_ron()))
}

/// The seeds graph over every part of the articles: the golden windows below were counted by
/// hand over the whole text, captions and credits included (tests/parts.rs checks what the
/// default parts leave out).
fn seeds_graph_all_parts() -> &'static GraphDocument {
    static GRAPH: OnceLock<GraphDocument> = OnceLock::new();
    GRAPH.get_or_init(|| build_graph(&["--parts", "all"]))
}

/// The seeds graph saved as `graph.ron` in a fresh temporary directory.
fn saved_seeds() -> (tempfile::TempDir, String) {
    let dir = tempdir();
    let path = dir.path().join("graph.ron");
    std::fs::write(&path, seeds_ron()).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

fn build_graph(extra: &[&str]) -> GraphDocument {
    let mut args = vec!["build", "seeds", "-f", "ron", "-q"];
    args.extend_from_slice(extra);
    parse(&ok(&args))
}

fn edge<'d>(doc: &'d GraphDocument, a: &str, b: &str) -> &'d EdgeRecord {
    try_edge(doc, a, b).unwrap_or_else(|| panic!("no edge {a} -- {b}"))
}

/// The co-occurrence edge of a pair (relation edges are tested in tests/relations.rs).
fn try_edge<'d>(doc: &'d GraphDocument, a: &str, b: &str) -> Option<&'d EdgeRecord> {
    cooccurrence(doc).find(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
}

/// The co-occurrence edges, without the typed relations beside them.
fn cooccurrence(doc: &GraphDocument) -> impl Iterator<Item = &EdgeRecord> {
    doc.edges.iter().filter(|e| e.kind == "cooccurrence")
}

fn node<'d>(doc: &'d GraphDocument, id: &str) -> &'d NodeRecord {
    doc.nodes
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn node_ids(doc: &GraphDocument) -> BTreeSet<&str> {
    doc.nodes.iter().map(|n| n.id.as_str()).collect()
}

fn edge_keys(doc: &GraphDocument) -> BTreeSet<(&str, &str, &str)> {
    doc.edges
        .iter()
        .map(|e| (e.source.as_str(), e.target.as_str(), e.kind.as_str()))
        .collect()
}

fn read_seed(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

// ---------------------------------------------------------------------------------------
// 1. Golden, hand-counted edges (sentence window)
// ---------------------------------------------------------------------------------------

/// An edge whose windows were counted by reading the seeds.
struct Golden {
    a: &'static str,
    b: &'static str,
    /// Sentence windows holding both.
    sentences: u64,
    /// Documents with at least one such sentence.
    documents: u64,
    /// Paragraph windows holding both (`--window paragraph`).
    paragraphs: u64,
    /// Mentions of one followed by the other within 5 words (`--window tokens:5`).
    tokens5: u64,
    /// Every sentence holding both, as (document, the sentence's first words), in text order.
    found: &'static [(&'static str, &'static str)],
}

/// Haftar and Wagner: "Wagner" appears only in seeds 003 (lines 7, 17, 19) and 004 (line 23).
///
/// Counted, 2 sentences in 2 documents:
/// * 003 l.7  "Bloomberg indicated that Haftar also wanted training … occupied by Wagner
///   paramilitaries …"
/// * 004 l.23 "Through its proxy Wagner mercenaries, Russia backed Haftar’s failed bid …"
///   (`Col. Muamar Gadaffi` later on: a title, no split)
///
/// Not counted: 003 l.17 (Wagner, no Haftar); 003 l.19 "Nova said that … Wagner transferred …
/// to the southwest." | "It indicated … loyal to Haftar …" are two sentences of one paragraph
/// (so the paragraph window counts 3).
///
/// tokens:5 — only 004 l.23, where Haftar’s is the 4th word after Wagner.
const HAFTAR_WAGNER: Golden = Golden {
    a: "khalifa_haftar",
    b: "wagner_group",
    sentences: 2,
    documents: 2,
    paragraphs: 3,
    tokens5: 1,
    found: &[
        (
            SEED_003,
            "Bloomberg indicated that Haftar also wanted training",
        ),
        (
            SEED_004,
            "Through its proxy Wagner mercenaries, Russia backed Haftar’s",
        ),
    ],
};

/// Libya and Wagner (`Libyan` is Libya's demonym).
///
/// Counted, 3 sentences in 2 documents:
/// * 003 l.17 "Italian Nova news agency revealed … citing Libyan security sources, that Wagner
///   mercenaries … Wagner Group began …" (one sentence)
/// * 003 l.19 "Nova said that late last month, Wagner transferred … in central Libya to the
///   southwest." (the first of the paragraph's two sentences)
/// * 004 l.23 "Through its proxy Wagner mercenaries, … western Libya in 2019 …"
///
/// Not counted: 003 l.7 (Haftar, Wagner and Russian, but no Libya).
///
/// tokens:5 — only 003 l.17: "Libyan security sources, that Wagner" (Wagner 4 words on);
/// in 003 l.19 and 004 l.23 the two are 10+ words apart.
const LIBYA_WAGNER: Golden = Golden {
    a: "libya",
    b: "wagner_group",
    sentences: 3,
    documents: 2,
    paragraphs: 3,
    tokens5: 1,
    found: &[
        (
            SEED_003,
            "Italian Nova news agency revealed a few days ago, citing Libyan",
        ),
        (
            SEED_003,
            "Nova said that late last month, Wagner transferred",
        ),
        (SEED_004, "Through its proxy Wagner mercenaries"),
    ],
};

/// Haftar (`Haftar`, `Khalifa Haftar`, and `Haftorah` in seed 002) and Russia (`Russia`,
/// `Russia’s`, `Russian`, `Russians`; `Moscow` is a separate place entity, and longer names
/// win: `Russian Northern Fleet`, `Russian defense ministry`, `Russian Federation Council`,
/// `General Staff of the Russian Armed Forces` are groups, not Russia). Seed 001 never names
/// Haftar.
///
/// Counted, 21 sentences in 4 documents:
/// * 000 l.325 "FILE PHOTO: General Khalifa Haftar, … Russian Foreign Minister … Moscow,
///   Russia, November 29, 2016." (the photo credit after it is another sentence)
/// * 000 l.329 "MOSCOW (Reuters) – A force … from Russia … Khalifa Haftar …"
/// * 000 l.331 "It is the clearest signal to date that Moscow … Haftar — … Russia’s
///   intervention …"
/// * 000 l.375 "Haftar visited Moscow in November last year and met Russian Foreign Minister
///   Sergei Lavrov."
/// * 000 l.375 "In December, Haftar went on board a Russian aircraft carrier …"
/// * 000 l.375 "In recent weeks, Russia has taken in 100 of Haftar’s wounded fighters …"
/// * 002 l.17 "Earlier, Libyan media reported that Chief of the General Staff … Russian
///   military officials … General Khalifa Haftar."
/// * 002 l.42 "It is possible that Russia’s attempt … using Haftorah, …"
/// * 002 l.47 "Russia’s benefits from investment in Haftorah …"
/// * 002 l.47 "Judging by the reports about the last meeting between Russian military
///   officials and Haftorah …"
/// * 002 l.52 "Photos of the meeting between Supreme Commander … General Khalifa Haftar, and
///   Russian military officials … Russia’s Admiral Kuznetsov …"
/// * 003 l.5 "The newspaper added that … Russian President Vladimir Putin and Haftar …"
/// * 003 l.7 "Bloomberg indicated that Haftar … to host Russian forces."
/// * 004 l.5 "ROME — Russian vessels … Russia’s deputy defense minister … to Gen. Khalifa
///   Haftar …" (`Gen.` is a title: no split)
/// * 004 l.11 "Some experts see the uptick in activity … Haftar, … allying with Russia …"
/// * 004 l.13 "“Eastern Libya is becoming … for Russia, … the U.S. seriously misplayed
///   Haftar,” said Ben Fishman …"
/// * 004 l.15 "“There has been an continuous U.S. attempt to engage with Haftar, … closer to
///   Russia." (the paragraph's first sentence)
/// * 004 l.17 "Fishman said that Haftar had received Russian visits …"
/// * 004 l.23 "Through its proxy Wagner mercenaries, Russia backed Haftar’s …"
/// * 004 l.25 "American diplomacy has recently aimed at convincing Haftar … Russian naval
///   presence …"
/// * 004 l.29 "“For some U.S. officials, Haftar is … with the Russians,” …"
///
/// Not counted (same paragraph, other sentence, or not Russia):
/// * 000 l.333 "Haftar is opposed … in Libya." | "But some Russian policy-makers …"
/// * 000 l.373 "Haftar has been seeking … parts of Libya." | "Russia has shown …"
/// * 000 l.381 "But the diplomats say … the Russian defense ministry … backing Haftar …"
///   (`Russian defense ministry` is the ministry, not Russia)
/// * 000 l.377, 003 l.15, 004 l.19: Haftar with Moscow only
/// * 002 l.10 caption: Khalifa Haftar with the `Russian Northern Fleet` only
/// * 002 l.19 "Later, … showing Haftar …" | "Reportedly, … Russian Northern Fleet … Russian
///   Defense Minister …"
/// * 002 l.37 "Haftorah is interested …" | "In exchange, most likely, he offers Russia …"
/// * 004 l.35 "… who back Haftar." | "“Egypt has no interest in an increased Russian
///   presence …"
///
/// Paragraph window, 23 paragraphs: 000 l.325, 329, 331, 333, 373, 375 (6); 002 l.17, 19
/// (`Russian Defense Minister` is Russia), 37, 42, 47, 52 (6); 003 l.5, 7 (2); 004 l.5, 11,
/// 13, 15, 17, 23, 25, 29, 35 (9). Document window: 000, 002, 003, 004.
const HAFTAR_RUSSIA: Golden = Golden {
    a: "khalifa_haftar",
    b: "russia",
    sentences: 21,
    documents: 4,
    paragraphs: 23,
    tokens5: 0, // not hand-counted
    found: &[
        (SEED_000, "FILE PHOTO: General Khalifa Haftar"),
        (SEED_000, "MOSCOW (Reuters) – A force of several dozen"),
        (SEED_000, "It is the clearest signal to date that Moscow"),
        (SEED_000, "Haftar visited Moscow in November last year"),
        (
            SEED_000,
            "In December, Haftar went on board a Russian aircraft carrier",
        ),
        (
            SEED_000,
            "In recent weeks, Russia has taken in 100 of Haftar’s",
        ),
        (
            SEED_002,
            "Earlier, Libyan media reported that Chief of the General Staff",
        ),
        (SEED_002, "It is possible that Russia’s attempt"),
        (SEED_002, "Russia’s benefits from investment in Haftorah"),
        (SEED_002, "Judging by the reports about the last meeting"),
        (SEED_002, "Photos of the meeting between Supreme Commander"),
        (SEED_003, "The newspaper added that a defense accord"),
        (
            SEED_003,
            "Bloomberg indicated that Haftar also wanted training",
        ),
        (SEED_004, "ROME — Russian vessels have been unloading"),
        (SEED_004, "Some experts see the uptick in activity"),
        (
            SEED_004,
            "“Eastern Libya is becoming a significant way station",
        ),
        (
            SEED_004,
            "“There has been an continuous U.S. attempt to engage with Haftar",
        ),
        (
            SEED_004,
            "Fishman said that Haftar had received Russian visits",
        ),
        (
            SEED_004,
            "Through its proxy Wagner mercenaries, Russia backed Haftar’s",
        ),
        (
            SEED_004,
            "American diplomacy has recently aimed at convincing Haftar",
        ),
        (
            SEED_004,
            "“For some U.S. officials, Haftar is a good anti-terrorism asset",
        ),
    ],
};

const GOLDEN: [&Golden; 3] = [&HAFTAR_WAGNER, &LIBYA_WAGNER, &HAFTAR_RUSSIA];

/// The hand-found sentence that `text` is, if any.
fn which_sentence(golden: &Golden, document: &str, text: &str) -> Option<usize> {
    golden
        .found
        .iter()
        .position(|(doc, start)| *doc == document && text.starts_with(start))
}

#[test]
fn golden_edges_have_the_hand_counted_windows_and_documents() {
    let doc = seeds_graph_all_parts();
    for g in GOLDEN {
        assert_eq!(g.found.len() as u64, g.sentences, "{} -- {}", g.a, g.b);
        let e = edge(doc, g.a, g.b);
        assert_eq!(
            (e.source.as_str(), e.target.as_str()),
            (g.a, g.b),
            "undirected edges run from the smaller id"
        );
        assert_eq!(e.kind, "cooccurrence");
        assert!(!e.directed);
        assert_eq!(e.count, g.sentences, "{} -- {} windows", g.a, g.b);
        assert_eq!(e.documents, g.documents, "{} -- {} documents", g.a, g.b);
    }
}

#[test]
fn golden_evidence_is_among_the_hand_found_sentences() {
    let doc = seeds_graph_all_parts();
    let cap = doc.options.evidence_cap as usize;
    assert_eq!(cap, 5);
    for g in GOLDEN {
        let e = edge(doc, g.a, g.b);
        assert_eq!(
            e.evidence.len(),
            cap.min(g.found.len()),
            "{} -- {}",
            g.a,
            g.b
        );
        let mut seen = Vec::new();
        for item in &e.evidence {
            let at = which_sentence(g, &item.document, &item.text).unwrap_or_else(|| {
                panic!(
                    "{} -- {}: evidence {} sentence {} is not a hand-found sentence: {}",
                    g.a, g.b, item.document, item.sentence, item.text
                )
            });
            seen.push(at);
            assert!(!item.text.contains(" … "), "one sentence, not two");
            // The spans point at the two names, inside the quoted sentence.
            let text = read_seed(&item.document);
            let source = &text[item.source_span.start as usize..item.source_span.end as usize];
            let target = &text[item.target_span.start as usize..item.target_span.end as usize];
            assert!(item.text.contains(source) && item.text.contains(target));
            let start = text.find(&item.text).expect("evidence quotes the file");
            for span in [item.source_span, item.target_span] {
                assert!(start as u64 <= span.start && span.end as usize <= start + item.text.len());
            }
            for (id, surface) in [(g.a, source), (g.b, target)] {
                let names: &[&str] = match id {
                    "khalifa_haftar" => &["Haftar", "Khalifa Haftar", "Haftorah"],
                    "wagner_group" => &["Wagner", "Wagner Group"],
                    "russia" => &["Russia", "Russian", "Russians"],
                    "libya" => &["Libya", "Libyan"],
                    _ => unreachable!(),
                };
                assert!(names.contains(&surface), "{id} mentioned as {surface:?}");
            }
        }
        // Evidence is kept in (document, offset) order, smallest first: the first hand-found
        // sentences, in order.
        let expected: Vec<usize> = (0..e.evidence.len()).collect();
        assert_eq!(seen, expected, "{} -- {}", g.a, g.b);
    }
}

/// Every sentence where the library finds both entities is one of the hand-found sentences,
/// and every hand-found sentence is found: the complete list, not just the evidence kept.
#[test]
fn golden_sentences_are_exactly_those_the_annotator_finds() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let annotated: Vec<(&str, String, gazegraph::mentions::Annotation)> = SEEDS
        .iter()
        .map(|&path| {
            let text = read_seed(path);
            let annotation = annotator.annotate(&text);
            (path, text, annotation)
        })
        .collect();
    for g in GOLDEN {
        let mut matched = vec![0; g.found.len()];
        for (path, text, annotation) in &annotated {
            let mut by_sentence: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
            for m in &annotation.mentions {
                by_sentence
                    .entry(m.sentence)
                    .or_default()
                    .insert(gazetteer.entity(m.entity).id.as_str());
            }
            for (sentence, ids) in by_sentence {
                if !(ids.contains(g.a) && ids.contains(g.b)) {
                    continue;
                }
                let range = annotation.segments.sentences[sentence as usize]
                    .range
                    .clone();
                let sentence_text = &text[range];
                let at = which_sentence(g, path, sentence_text).unwrap_or_else(|| {
                    panic!(
                        "{} -- {}: {path} sentence {sentence} was not counted by hand: {sentence_text}",
                        g.a, g.b
                    )
                });
                matched[at] += 1;
            }
        }
        assert!(
            matched.iter().all(|&n| n == 1),
            "{} -- {}: hand-found sentences matched {matched:?} times",
            g.a,
            g.b
        );
    }
}

// ---------------------------------------------------------------------------------------
// 2. Co-occurrence windows
// ---------------------------------------------------------------------------------------

#[test]
fn wider_windows_contain_the_narrower_ones() {
    // Every part: the hand counts of the goldens cover the whole text.
    let sentence = seeds_graph_all_parts();
    let paragraph = build_graph(&["--window", "paragraph", "--parts", "all"]);
    let document = build_graph(&["--window", "document", "--parts", "all"]);
    assert_eq!(paragraph.options.window, "paragraph");
    assert_eq!(document.options.window, "document");

    // Same entities whatever the window; fewer, larger windows.
    assert_eq!(node_ids(sentence), node_ids(&paragraph));
    assert_eq!(node_ids(sentence), node_ids(&document));
    assert_eq!(document.corpus.windows, 5);
    assert!(paragraph.corpus.windows <= sentence.corpus.windows);
    assert!(paragraph.corpus.windows > document.corpus.windows);
    for n in &sentence.nodes {
        let (p, d) = (node(&paragraph, &n.id), node(&document, &n.id));
        assert!(p.windows <= n.windows && p.windows >= d.windows, "{}", n.id);
        assert_eq!(d.windows, n.documents, "{}", n.id);
    }

    // Every pair in a sentence is in its paragraph and document.
    for e in cooccurrence(sentence) {
        let p = edge(&paragraph, &e.source, &e.target);
        let d = edge(&document, &e.source, &e.target);
        // Each document with a sentence holding both has a paragraph holding both.
        assert!(p.documents >= e.documents, "{} -- {}", e.source, e.target);
        assert!(d.count >= e.documents && d.count >= p.documents);
        // Counts need not grow: three sentences of one paragraph are one paragraph window,
        // and two sentences of one paragraph may each hold one of the pair.
    }
    for e in cooccurrence(&paragraph) {
        assert!(try_edge(&document, &e.source, &e.target).is_some());
    }
    for e in cooccurrence(&document) {
        assert_eq!(e.count, e.documents, "one window per document");
    }

    // The hand counts (see the goldens): paragraphs may hold more or fewer pairs than
    // sentences, documents are the documents.
    for g in GOLDEN {
        assert_eq!(
            edge(&paragraph, g.a, g.b).count,
            g.paragraphs,
            "{} -- {}",
            g.a,
            g.b
        );
        let d = edge(&document, g.a, g.b);
        assert_eq!((d.count, d.documents), (g.documents, g.documents));
    }
    // Haftar and Russia: 21 sentences, 23 paragraphs, 4 documents. Libya and Russia share
    // fewer paragraphs than sentences: paragraph counts are not bounded by sentence counts.
    assert!(edge(&document, "khalifa_haftar", "russia").count < 21);
    let (s, p) = (
        edge(sentence, "libya", "russia").count,
        edge(&paragraph, "libya", "russia").count,
    );
    assert!(p < s, "libya -- russia: {p} paragraphs, {s} sentences");
}

#[test]
fn token_windows_work() {
    let tokens = build_graph(&["--window", "tokens:5"]);
    assert_eq!(tokens.options.window, "tokens:5");
    // One window per maximal run of mentions within 5 words: fewer windows than mentions.
    assert!(tokens.corpus.windows < tokens.corpus.mentions);
    assert!(tokens.corpus.windows > tokens.corpus.mentions / 2);
    assert_eq!(tokens.corpus.mentions, seeds_graph().corpus.mentions);
    assert!(!tokens.edges.is_empty());
    for g in [&HAFTAR_WAGNER, &LIBYA_WAGNER] {
        let e = edge(&tokens, g.a, g.b);
        assert_eq!(e.count, g.tokens5, "{} -- {}", g.a, g.b);
        assert_eq!(e.documents, 1);
    }
    // The word-window evidence quotes the sentence of 004 l.23.
    let e = edge(&tokens, "khalifa_haftar", "wagner_group");
    assert_eq!(e.evidence.len(), 1);
    assert_eq!(e.evidence[0].document, SEED_004);
    assert!(
        e.evidence[0]
            .text
            .starts_with("Through its proxy Wagner mercenaries")
    );

    // Bad windows are refused.
    for bad in ["tokens:0", "tokens:x", "line"] {
        let out = run(&["build", "seeds", "-f", "ron", "-q", "--window", bad]);
        assert_eq!(out.code, 2, "--window {bad}");
        assert!(out.stderr.contains(bad), "{}", out.stderr);
    }
}

// ---------------------------------------------------------------------------------------
// 3. RON round trip: export without filters reproduces build's files
// ---------------------------------------------------------------------------------------

#[test]
fn unfiltered_export_reproduces_every_file_build_wrote() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let out_str = out.to_str().unwrap();
    ok(&["build", "seeds", "-o", out_str, "-q"]);
    let graph = out.join("graph.ron");
    let graph = graph.to_str().unwrap();
    // `-f ron` and `-o DIR` write the same graph.
    assert_eq!(std::fs::read_to_string(graph).unwrap(), seeds_ron());
    for (format, file) in [
        ("ron", "graph.ron"),
        ("dot", "graph.dot"),
        ("json", "graph.json"),
        ("graphml", "graph.graphml"),
        ("nodes-csv", "nodes.csv"),
        ("edges-csv", "edges.csv"),
    ] {
        let built = std::fs::read_to_string(out.join(file)).unwrap();
        let exported = ok(&["export", graph, "--format", format]);
        assert!(
            built == exported,
            "export --format {format} differs from build's {file}"
        );
        // And through -o, atomically written.
        let again = dir.path().join(format!("again.{format}"));
        ok(&["export", graph, "-f", format, "-o", again.to_str().unwrap()]);
        assert!(
            std::fs::read_to_string(&again).unwrap() == built,
            "{format} via -o"
        );
    }
    assert!(out.join("counts.tsv").exists());
    // Exporting the exported RON changes nothing either.
    let twice = dir.path().join("twice.ron");
    ok(&["export", graph, "-f", "ron", "-o", twice.to_str().unwrap()]);
    let thrice = ok(&["export", twice.to_str().unwrap(), "-f", "ron"]);
    assert!(thrice == seeds_ron());
}

#[test]
fn filtering_on_export_equals_filtering_on_build() {
    let (_dir, graph) = saved_seeds();
    for filter in [
        &["--min-count", "3"][..],
        &["--ego", "khalifa_haftar", "--depth", "2"],
        &["--kinds", "person,group", "--drop-isolated"],
    ] {
        let mut export = vec!["export", graph.as_str(), "-f", "ron"];
        export.extend_from_slice(filter);
        let mut build = vec!["build", "seeds", "-f", "ron", "-q"];
        build.extend_from_slice(filter);
        assert!(ok(&export) == ok(&build), "{filter:?}");
    }
}

// ---------------------------------------------------------------------------------------
// 4. Merge
// ---------------------------------------------------------------------------------------

/// Builds `inputs` with `extra` options into `dir/name`, returning the path.
fn build_to(dir: &Path, name: &str, inputs: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["build", "-f", "ron", "-q"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(extra);
    let path = dir.join(name);
    std::fs::write(&path, ok(&args)).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn merging_shards_equals_one_run() {
    let dir = tempdir();
    let a = build_to(dir.path(), "a.ron", &[SEED_000, SEED_001], &[]);
    let b = build_to(dir.path(), "b.ron", &[SEED_002, SEED_003, SEED_004], &[]);
    let merged = dir.path().join("merged.ron");
    ok(&["merge", &a, &b, "-o", merged.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&merged).unwrap() == seeds_ron());
    // Order of the shards does not matter; stdout is the same RON.
    assert!(ok(&["merge", &b, &a]) == seeds_ron());
    // Three shards, one of a single document.
    let c = build_to(dir.path(), "c.ron", &[SEED_002], &[]);
    let d = build_to(dir.path(), "d.ron", &[SEED_003, SEED_004], &[]);
    assert!(ok(&["merge", &c, &a, &d]) == seeds_ron());
    // The shards really are partial.
    let shard = parse(&std::fs::read_to_string(&a).unwrap());
    assert_eq!(shard.corpus.documents, 2);
    assert!(try_edge(&shard, "khalifa_haftar", "wagner_group").is_none());
}

#[test]
fn merging_other_windows_and_weights_also_equals_one_run() {
    let dir = tempdir();
    let extra = [
        "--window",
        "paragraph",
        "--weight",
        "npmi",
        "--evidence",
        "2",
    ];
    let a = build_to(dir.path(), "a.ron", &[SEED_000, SEED_003], &extra);
    let b = build_to(dir.path(), "b.ron", &[SEED_001, SEED_002, SEED_004], &extra);
    let mut whole = vec!["build", "seeds", "-f", "ron", "-q"];
    whole.extend_from_slice(&extra);
    assert!(ok(&["merge", &a, &b]) == ok(&whole));
}

#[test]
fn merging_a_filtered_graph_fails_saying_so() {
    let dir = tempdir();
    let full = build_to(dir.path(), "full.ron", &[SEED_000, SEED_001], &[]);
    let filtered = build_to(
        dir.path(),
        "filtered.ron",
        &[SEED_002, SEED_003, SEED_004],
        &["--min-count", "2"],
    );
    for args in [["merge", &full, &filtered], ["merge", &filtered, &full]] {
        let stderr = fails(&args);
        assert_eq!(
            stderr,
            "error: cannot merge a filtered graph (min-count=2): merge complete graphs, then filter\n"
        );
    }
    let out = dir.path().join("merged.ron");
    let out_str = out.to_str().unwrap();
    fails(&["merge", &full, &filtered, "-o", out_str]);
    assert!(!out.exists(), "a failed merge writes nothing");
}

#[test]
fn merging_graphs_of_different_windows_fails_naming_them() {
    let dir = tempdir();
    let sentence = build_to(dir.path(), "s.ron", &[SEED_000, SEED_001], &[]);
    let paragraph = build_to(
        dir.path(),
        "p.ron",
        &[SEED_002, SEED_003, SEED_004],
        &["--window", "paragraph"],
    );
    let stderr = fails(&["merge", &sentence, &paragraph]);
    assert!(
        stderr.contains("cannot merge graphs built differently")
            && stderr.contains("window sentence")
            && stderr.contains("window paragraph"),
        "{stderr}"
    );
}

/// Graphs built with different `--weight` (or `--evidence`) are refused, rightly, but the
/// message only shows gazetteer and window, which are the same: "window sentence vs …
/// window sentence".
#[test]
fn merging_graphs_of_different_weights_names_the_difference() {
    let dir = tempdir();
    let a = build_to(dir.path(), "a.ron", &[SEED_000, SEED_001], &[]);
    let b = build_to(
        dir.path(),
        "b.ron",
        &[SEED_002, SEED_003, SEED_004],
        &["--weight", "npmi"],
    );
    let stderr = fails(&["merge", &a, &b]);
    assert!(stderr.contains("npmi"), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// 5. Determinism
// ---------------------------------------------------------------------------------------

#[test]
fn output_is_identical_whatever_the_threads_and_input_order() {
    let mut reversed = SEEDS;
    reversed.reverse();
    for format in ["ron", "dot", "json"] {
        let base = ok(&["build", "seeds", "-f", format, "-q", "-j", "1"]);
        assert!(!base.is_empty());
        let two = ok(&["build", "seeds", "-f", format, "-q", "-j", "2"]);
        assert!(two == base, "-j 2 differs in {format}");
        let mut args = vec!["build", "-f", format, "-q"];
        args.extend_from_slice(&reversed);
        assert!(ok(&args) == base, "reversed inputs differ in {format}");
        let mut args = vec!["build", "-f", format, "-q", "-j", "2"];
        args.extend_from_slice(&SEEDS);
        assert!(ok(&args) == base, "listed inputs differ in {format}");
    }
    assert!(ok(&["build", "seeds", "-f", "ron", "-q", "-j", "1"]) == seeds_ron());
}

// ---------------------------------------------------------------------------------------
// 6. Filters
// ---------------------------------------------------------------------------------------

#[test]
fn ego_keeps_haftar_and_his_neighbours() {
    let full = seeds_graph();
    let haftar = "khalifa_haftar";
    let neighbours: BTreeSet<&str> = full
        .edges
        .iter()
        .filter_map(|e| {
            if e.source == haftar {
                Some(e.target.as_str())
            } else if e.target == haftar {
                Some(e.source.as_str())
            } else {
                None
            }
        })
        .collect();
    assert!(neighbours.contains("wagner_group") && neighbours.contains("russia"));

    let ego = build_graph(&["--ego", haftar, "--depth", "1"]);
    assert_eq!(ego.options.filters, ["ego=khalifa_haftar:1"]);
    let mut expected = neighbours.clone();
    expected.insert(haftar);
    assert_eq!(node_ids(&ego), expected);
    for n in &ego.nodes {
        if n.id != haftar {
            assert!(
                try_edge(&ego, haftar, &n.id).is_some(),
                "{} has no edge to Haftar",
                n.id
            );
        }
    }
    // The edges among the neighbours stay, with their counts.
    assert!(ego.edges.len() > neighbours.len());
    for e in cooccurrence(&ego) {
        assert_eq!(edge(full, &e.source, &e.target).count, e.count);
    }
    // Analytics are recomputed on the smaller graph.
    assert_eq!(node(&ego, haftar).degree, neighbours.len() as u64);

    // Depth 2 reaches further but still keeps a subset.
    let ego2 = build_graph(&["--ego", haftar, "--depth", "2"]);
    assert_eq!(ego2.options.filters, ["ego=khalifa_haftar:2"]);
    assert!(node_ids(&ego2).is_superset(&node_ids(&ego)));
    assert!(node_ids(&ego2).len() > node_ids(&ego).len());
    assert!(node_ids(&ego2).len() < full.nodes.len());
}

#[test]
fn kinds_keeps_only_those_kinds() {
    let full = seeds_graph();
    let doc = build_graph(&["--kinds", "person,group"]);
    assert_eq!(doc.options.filters, ["kinds=person,group"]);
    let expected: BTreeSet<&str> = full
        .nodes
        .iter()
        .filter(|n| n.kind == "person" || n.kind == "group")
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(node_ids(&doc), expected);
    let kinds: BTreeSet<&str> = doc.nodes.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, BTreeSet::from(["group", "person"]));
    let ids = node_ids(&doc);
    let expected_edges: BTreeSet<_> = edge_keys(full)
        .into_iter()
        .filter(|(s, t, _)| ids.contains(s) && ids.contains(t))
        .collect();
    assert_eq!(edge_keys(&doc), expected_edges);
    assert!(try_edge(&doc, "khalifa_haftar", "wagner_group").is_some());
    assert!(try_edge(&doc, "khalifa_haftar", "russia").is_none());

    let err = fails(&[
        "build",
        "seeds",
        "-f",
        "ron",
        "-q",
        "--kinds",
        "person,ship",
    ]);
    assert!(err.contains("ship"), "{err}");
}

#[test]
fn top_keeps_the_heaviest_nodes() {
    let full = seeds_graph();
    let doc = build_graph(&["--top", "10"]);
    assert_eq!(doc.options.filters, ["top=10"]);
    assert_eq!(doc.nodes.len(), 10);
    // The ten of highest weighted degree (weight = count), ties by id.
    let mut degree: BTreeMap<&str, f64> = BTreeMap::new();
    for e in &full.edges {
        *degree.entry(&e.source).or_default() += e.weight;
        *degree.entry(&e.target).or_default() += e.weight;
    }
    let mut ranked: Vec<(&str, f64)> = degree.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let expected: BTreeSet<&str> = ranked.iter().take(10).map(|(id, _)| *id).collect();
    assert_eq!(node_ids(&doc), expected);
    assert!(node_ids(&doc).contains("russia"));
}

#[test]
fn min_count_and_drop_isolated() {
    let full = seeds_graph();
    let doc = build_graph(&["--min-count", "3"]);
    assert_eq!(doc.options.filters, ["min-count=3"]);
    assert!(doc.edges.iter().all(|e| e.count >= 3));
    let expected: BTreeSet<_> = full
        .edges
        .iter()
        .filter(|e| e.count >= 3)
        .map(|e| (e.source.as_str(), e.target.as_str(), e.kind.as_str()))
        .collect();
    assert_eq!(edge_keys(&doc), expected);
    // Haftar -- Libya -- Wagner (3) stays, Haftar -- Wagner (2) goes.
    assert!(try_edge(&doc, "libya", "wagner_group").is_some());
    assert!(try_edge(&doc, "khalifa_haftar", "wagner_group").is_none());
    // Nodes stay unless asked otherwise, some of them now isolated.
    assert_eq!(node_ids(&doc), node_ids(full));
    let linked =
        |doc: &GraphDocument, id: &str| doc.edges.iter().any(|e| e.source == id || e.target == id);
    assert!(doc.nodes.iter().any(|n| !linked(&doc, &n.id)));

    let dropped = build_graph(&["--min-count", "3", "--drop-isolated"]);
    assert_eq!(dropped.options.filters, ["min-count=3", "drop-isolated"]);
    assert!(!dropped.nodes.is_empty());
    for n in &dropped.nodes {
        assert!(linked(&dropped, &n.id), "{} is isolated", n.id);
        assert!(n.degree > 0);
    }
    assert_eq!(edge_keys(&dropped), edge_keys(&doc));
    let expected_nodes: BTreeSet<&str> = doc
        .nodes
        .iter()
        .filter(|n| linked(&doc, &n.id))
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(node_ids(&dropped), expected_nodes);
}

#[test]
fn filters_are_recorded_in_the_order_they_apply() {
    let doc = build_graph(&[
        "--drop-isolated",
        "--top",
        "10",
        "--ego",
        "khalifa_haftar",
        "--min-count",
        "2",
        "--kinds",
        "person,group,state",
    ]);
    assert_eq!(
        doc.options.filters,
        [
            "kinds=person,group,state",
            "min-count=2",
            "ego=khalifa_haftar:1",
            "top=10",
            "drop-isolated"
        ]
    );
    assert!(doc.nodes.len() <= 10);
    assert!(node_ids(&doc).contains("khalifa_haftar"));
    // Defaults leave no trace: the complete graph has no filters.
    assert!(seeds_graph().options.filters.is_empty());
    let defaults = build_graph(&["--min-count", "1", "--edges", "both"]);
    assert!(defaults.options.filters.is_empty());
}

// ---------------------------------------------------------------------------------------
// 7. Bad input
// ---------------------------------------------------------------------------------------

#[test]
fn an_unknown_ego_is_an_error_naming_it() {
    let err = fails(&[
        "build",
        "seeds",
        "-f",
        "ron",
        "-q",
        "--ego",
        "no_such_entity",
    ]);
    assert!(err.contains("--ego no_such_entity"), "{err}");
    let (_dir, graph) = saved_seeds();
    let err = fails(&["export", &graph, "-f", "dot", "--ego", "no_such_entity"]);
    assert!(err.contains("no_such_entity"), "{err}");
}

#[test]
fn malformed_ron_is_an_error_with_file_line_and_column() {
    let dir = tempdir();
    // Line 3 of a real graph, `  version: 2,`, with a string where a number belongs: the
    // value starts in column 11.
    let text = seeds_ron();
    let bad: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 2 {
                assert_eq!(l, "  version: 2,");
                "  version:\"one\",\n".to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let bad_path = dir.path().join("bad.ron");
    std::fs::write(&bad_path, bad).unwrap();
    let bad_path = bad_path.to_str().unwrap();
    // Cut short: the error is at the end of the last line (`  version: 2,` is 13 characters).
    let short_path = dir.path().join("short.ron");
    std::fs::write(
        &short_path,
        "(\n  format: \"gazegraph-graph\",\n  version: 1,\n",
    )
    .unwrap();
    let short_path = short_path.to_str().unwrap();
    let missing = dir.path().join("missing.ron");
    let missing = missing.to_str().unwrap();

    let commands = |path: &str| -> Vec<Vec<String>> {
        [
            vec!["export", path, "-f", "json"],
            vec!["merge", path],
            vec!["explain", path, "khalifa_haftar", "russia"],
            vec!["stats", path],
            vec!["render", path, "-o", "never.svg"],
        ]
        .into_iter()
        .map(|c| c.into_iter().map(str::to_owned).collect())
        .collect()
    };
    for args in commands(bad_path) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&args);
        assert!(
            err.starts_with(&format!("error: {bad_path}:3:11: ")),
            "{args:?}: {err}"
        );
    }
    for args in commands(short_path) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&args);
        assert!(
            err.starts_with(&format!("error: {short_path}:3:14: Unexpected end of RON")),
            "{args:?}: {err}"
        );
    }
    for args in commands(missing) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&args);
        assert!(
            err.starts_with(&format!("error: {missing}: ")),
            "{args:?}: {err}"
        );
    }
    assert!(!Path::new(ROOT).join("never.svg").exists());
}

#[test]
fn a_newer_schema_version_is_refused() {
    let dir = tempdir();
    let text = seeds_ron();
    assert!(text.contains("\n  version: 2,\n"));
    let newer = text.replacen("\n  version: 2,\n", "\n  version: 3,\n", 1);
    let path = dir.path().join("v2.ron");
    std::fs::write(&path, newer).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        &["export", path, "-f", "ron"][..],
        &["merge", path],
        &["explain", path, "khalifa_haftar", "russia"],
        &["stats", path],
    ] {
        let err = fails(args);
        assert!(
            err.starts_with(&format!("error: {path}:"))
                && err.contains("graph schema version 3 is newer than this gazegraph reads (2)"),
            "{args:?}: {err}"
        );
    }
    // Not a graph at all.
    let other = text.replacen("format: \"gazegraph-graph\"", "format: \"other\"", 1);
    std::fs::write(dir.path().join("other.ron"), other).unwrap();
    let other = dir.path().join("other.ron");
    let err = fails(&["stats", other.to_str().unwrap()]);
    assert!(
        err.contains("not a gazegraph graph (format `other`)"),
        "{err}"
    );
}

#[test]
fn render_without_graphviz_says_so() {
    let dir = tempdir();
    let empty = dir.path().join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    let graph = dir.path().join("graph.ron");
    std::fs::write(&graph, seeds_ron()).unwrap();
    let picture = dir.path().join("graph.svg");
    // The binary is run by absolute path, so an empty PATH only hides Graphviz.
    let bin = Path::new(BINARY);
    assert!(bin.is_absolute());
    let out = std::process::Command::new(bin)
        .current_dir(ROOT)
        .env("PATH", &empty)
        .args(["render", graph.to_str().unwrap(), "-o"])
        .arg(&picture)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "error: cannot render {}: Graphviz `dot` was not found on PATH; install it (Debian/Ubuntu: apt-get install graphviz)\n",
            picture.display()
        )
    );
    assert!(!picture.exists());
}

// ---------------------------------------------------------------------------------------
// 8. explain
// ---------------------------------------------------------------------------------------

#[test]
fn explain_prints_the_evidence_sentences() {
    let (_dir, graph) = saved_seeds();
    let out = run(&["explain", &graph, "khalifa_haftar", "wagner_group"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    assert!(
        text.starts_with(
            "Khalifa Haftar -- Wagner Group [cooccurrence]: 2 windows in 2 documents\n"
        ),
        "{text}"
    );
    assert!(text.contains("evidence (2 shown, at most 5 kept per edge):"));
    assert!(
        text.contains(
            "Bloomberg indicated that Haftar also wanted training for his air force pilots"
        ),
        "{text}"
    );
    assert!(text.contains(&format!("- {SEED_004} sentence ")));
    assert!(
        text.contains("Through its proxy Wagner mercenaries, Russia backed Haftar’s failed bid")
    );
    insta::assert_snapshot!(text);

    // By name, in either order and any case, the same edge.
    let by_name = run(&["explain", &graph, "Wagner Group", "Khalifa Haftar"]);
    assert_eq!(by_name.code, 0, "{}", by_name.stderr);
    assert_eq!(by_name.stdout, text);
    let lower = run(&["explain", &graph, "khalifa haftar", "WAGNER GROUP"]);
    assert_eq!(lower.stdout, text);

    // Haftar and Russia: 21 windows by hand, 2 of them in photo captions, which the default
    // parts leave out; the first five hand-found sentences of seed 000.
    let russia = run(&["explain", &graph, "Khalifa Haftar", "russia"]).stdout;
    assert!(russia.contains("19 windows in 4 documents"), "{russia}");
    assert!(russia.contains("In December, Haftar went on board a Russian aircraft carrier"));
}

#[test]
fn explain_of_unlinked_or_unknown_entities() {
    let (_dir, graph) = saved_seeds();
    let doc = seeds_graph();
    assert!(node_ids(doc).contains("kim_jong_un"));
    assert!(try_edge(doc, "khalifa_haftar", "kim_jong_un").is_none());
    let out = run(&["explain", &graph, "khalifa_haftar", "Kim Jong Un"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("Khalifa Haftar and Kim Jong Un are not linked in {graph}.\n")
    );
    let err = fails(&["explain", &graph, "khalifa_haftar", "Nobody At All"]);
    assert!(err.contains("no entity `Nobody At All`"), "{err}");
}

// ---------------------------------------------------------------------------------------
// 9. stats
// ---------------------------------------------------------------------------------------

#[test]
fn stats_prints_counts_and_communities() {
    let (_dir, graph) = saved_seeds();
    let doc = seeds_graph();
    let out = run(&["stats", &graph]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{} entities, {} edges; 5 documents (0 skipped), {} mentions, {} sentence windows",
            doc.nodes.len(),
            doc.edges.len(),
            doc.corpus.mentions,
            doc.corpus.windows
        )
    );
    assert!(text.contains("\ncommunities (members by PageRank):\n"));
    let communities: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("communities"))
        .skip(1)
        .collect();
    assert!(communities.len() > 1);
    assert!(communities.iter().all(|l| l.starts_with("  ")));
    assert!(communities.iter().any(|l| l.contains("Khalifa Haftar")));
    // The table lists --top entities.
    let top = run(&["stats", &graph, "--top", "3"]).stdout;
    let rows = top
        .lines()
        .skip_while(|l| !l.starts_with("entity "))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .count();
    assert_eq!(rows, 3);
    // A filtered graph says so.
    let filtered = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        filtered.path(),
        ok(&["build", "seeds", "-f", "ron", "-q", "--min-count", "2"]),
    )
    .unwrap();
    let text = run(&["stats", filtered.path().to_str().unwrap()]).stdout;
    assert!(
        text.lines().nth(1) == Some("filters: min-count=2"),
        "{text}"
    );
}

/// The Libya articles (seeds 003 and 004) only, so the snapshot stays short enough to read.
#[test]
fn stats_of_the_libya_articles() {
    let dir = tempdir();
    let graph = build_to(dir.path(), "libya.ron", &[SEED_003, SEED_004], &[]);
    let out = run(&["stats", &graph, "--top", "10"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

// ---------------------------------------------------------------------------------------
// 10. Scores
// ---------------------------------------------------------------------------------------

#[test]
fn scores_are_within_their_ranges_on_the_real_graph() {
    for doc in [
        seeds_graph(),
        &build_graph(&["--window", "paragraph"]),
        &build_graph(&["--window", "tokens:5"]),
    ] {
        let window = &doc.options.window;
        assert!(!doc.edges.is_empty());
        let windows: BTreeMap<&str, u64> = doc
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.windows))
            .collect();
        for e in cooccurrence(doc) {
            let name = format!("{window}: {} -- {}", e.source, e.target);
            assert!(e.source < e.target, "{name}");
            assert!(
                (0.0..=1.0).contains(&e.jaccard),
                "{name}: jaccard {}",
                e.jaccard
            );
            assert!((-1.0..=1.0).contains(&e.npmi), "{name}: npmi {}", e.npmi);
            assert!(e.llr >= 0.0, "{name}: llr {}", e.llr);
            assert!(e.pmi.is_finite() && e.npmi.is_finite() && e.llr.is_finite());
            assert!(e.count >= 1 && e.documents >= 1, "{name}");
            assert!(e.documents <= e.count, "{name}");
            let min = windows[e.source.as_str()].min(windows[e.target.as_str()]);
            assert!(e.count <= min, "{name}: count {} > {min}", e.count);
            assert_eq!(e.weight, e.count as f64, "{name}: weight is the count");
            assert!(e.evidence.len() <= doc.options.evidence_cap as usize);
            assert!(
                e.evidence.windows(2).all(|w| w[0] <= w[1]),
                "{name}: evidence order"
            );
            assert!(
                e.evidence.windows(2).all(|w| w[0] != w[1]),
                "{name}: repeated evidence"
            );
        }
        for n in &doc.nodes {
            assert!(n.documents >= 1 && n.documents <= n.windows, "{}", n.id);
            if !window.starts_with("tokens:") {
                // A word window holds every mention within reach, so a mention may be in
                // several; sentences and paragraphs hold each mention once.
                assert!(n.windows <= n.mentions, "{}", n.id);
            }
        }
    }
    // Haftar and Wagner by hand: 2 of 677 sentence windows; Haftar's and Wagner's windows
    // from the graph. Jaccard = ab / (a + b - ab).
    let doc = seeds_graph();
    let (a, b) = (
        node(doc, "khalifa_haftar").windows as f64,
        node(doc, "wagner_group").windows as f64,
    );
    let e = edge(doc, "khalifa_haftar", "wagner_group");
    assert!((e.jaccard - 2.0 / (a + b - 2.0)).abs() < 1e-8);
    let n = doc.corpus.windows as f64;
    assert!((e.pmi - (2.0 * n / (a * b)).log2()).abs() < 1e-8);
}

/// With `--window tokens:N` every mention opens a window reaching N words on, so a pair of
/// mentions that are close together is also in the windows opened by every mention just
/// before them: in "Russia, Libya and Egypt." the one Libya–Egypt co-mention is in Russia's
/// window and in Libya's, so it is counted twice and its evidence item is kept twice.
#[test]
fn token_windows_count_each_pair_of_mentions_once() {
    let dir = tempdir();
    let path = dir.path().join("three.txt");
    std::fs::write(&path, "Russia, Libya and Egypt.\n").unwrap();
    let doc = parse(&ok(&[
        "build",
        path.to_str().unwrap(),
        "-f",
        "ron",
        "-q",
        "--window",
        "tokens:5",
    ]));
    for (a, b) in [("egypt", "russia"), ("libya", "russia"), ("egypt", "libya")] {
        let e = edge(&doc, a, b);
        assert_eq!((e.count, e.evidence.len()), (1, 1), "{a} -- {b}");
    }
}
