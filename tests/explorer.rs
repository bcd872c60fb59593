//! The explorer page (`graph.html`) in a real browser, and its highlights against the real
//! mentions.
//!
//! The browser test (`tests/browser/explorer.test.mjs`) drives Debian's Chromium with
//! `playwright-core`: it needs `/usr/bin/chromium` (`apt-get install chromium`) and Node.js;
//! `npm ci` is run here when `tests/browser/node_modules` is missing. A missing browser fails
//! the test with a message saying what to install, rather than letting it pass unchecked.
//! Screenshots land in `target/tmp/explorer-shots/`; the load and frame times of the ISOT
//! sample and of a synthetic graph of 2,000 entities and 10,000 edges are printed
//! (`-- --nocapture`) for BENCHMARKS.md, never asserted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use gazegraph::export::Format;
use gazegraph::graph::{
    COOCCURRENCE, CorpusStats, EdgeRecord, Evidence, GraphDocument, GraphOptions, NodeRecord, Span,
};
use serde_json::Value;

use crate::fixtures::{ok, root, shared_data, tempdir};

fn build(inputs: &[&str], dir: &Path) {
    let mut args = vec!["build"];
    args.extend(inputs);
    args.extend(["-q", "-o", dir.to_str().unwrap()]);
    ok(&args);
}

/// The ISOT sample's two CSV files, beside the repository.
fn isot() -> Vec<String> {
    let dir = shared_data("isot-sample");
    let files: Vec<String> = ["True_sample.csv", "Fake_sample.csv"]
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_owned())
        .collect();
    for f in &files {
        assert!(
            Path::new(f).exists(),
            "{f} is missing: the ISOT sample lives in ../shared/data"
        );
    }
    files
}

/// The graph data embedded in a page.
fn embedded(page: &str) -> Value {
    let open = r#"<script type="application/json" id="graph">"#;
    let start = page.find(open).expect("data block") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("the embedded data is JSON")
}

/// UTF-16 range `r` of `text`.
fn slice(text: &str, r: &Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (a, b) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    String::from_utf16(&units[a..b]).unwrap()
}

#[test]
fn every_highlight_is_the_mention_the_matcher_found() {
    let dir = tempdir();
    build(&["seeds"], dir.path());
    let page = std::fs::read_to_string(dir.path().join("graph.html")).unwrap();
    let data = embedded(&page);
    let graph = gazegraph::graph::document::read(&dir.path().join("graph.ron")).unwrap();
    // (document, start, end) -> text, from `gazegraph mentions`.
    let tsv = ok(&["mentions", "seeds", "-q"]);
    let mentions: BTreeMap<(String, u64, u64), String> = tsv
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let n = |i: usize| f[i].parse::<u64>().unwrap();
            ((f[0].to_owned(), n(3), n(4)), f[5].to_owned())
        })
        .collect();
    let (mut placed, mut total) = (0, 0);
    let edges = data["edges"].as_array().unwrap();
    assert_eq!(edges.len(), graph.edges.len());
    for (edge, record) in edges.iter().zip(&graph.edges) {
        for (ev, kept) in edge["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&record.evidence)
        {
            let text = ev["text"].as_str().unwrap();
            assert_eq!(text, kept.text);
            for (key, span) in [("source", kept.source_span), ("target", kept.target_span)] {
                total += 1;
                if ev[key].is_null() {
                    continue;
                }
                placed += 1;
                let want = &mentions[&(kept.document.clone(), span.start, span.end)];
                assert_eq!(&slice(text, &ev[key]), want, "{key} in {text}");
            }
            if kept.cue_span.end > kept.cue_span.start {
                let cue = slice(text, &ev["cue"]);
                assert_eq!(cue.len() as u64, kept.cue_span.end - kept.cue_span.start);
            }
        }
    }
    // A mention is left unmarked only when its sentence is ambiguous: rare.
    assert!(
        placed * 100 >= total * 99,
        "{placed} of {total} mentions placed"
    );
    // Search finds entities by the other names their evidence shows.
    let haftar = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "khalifa_haftar")
        .unwrap();
    assert!(
        haftar["aliases"]
            .as_array()
            .unwrap()
            .contains(&"Haftar".into())
    );
}

/// A graph of `n` entities in ten communities and `m` edges, most inside a community, each
/// with two evidence sentences: the size the explorer must stay responsive at.
fn synthetic(n: usize, m: usize) -> GraphDocument {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let kinds = ["person", "state", "group", "place"];
    let nodes: Vec<NodeRecord> = (0..n)
        .map(|i| NodeRecord {
            id: format!("entity_{i:05}"),
            name: format!("Entity {i:05}"),
            kind: kinds[i % 4].to_owned(),
            category: String::new(),
            country: String::new(),
            mentions: 1 + (n / (i + 1)) as u64,
            documents: 1,
            windows: 1,
            degree: 0,
            weighted_degree: 0.0,
            pagerank: 1.0 / n as f64,
            betweenness: 0.0,
            community: (i % 10) as u32,
            latitude: None,
            longitude: None,
            first_seen: None,
            last_seen: None,
            periods: Vec::new(),
        })
        .collect();
    let mut pairs = BTreeSet::new();
    while pairs.len() < m {
        let a = next(n);
        // Four in five edges stay in the community (same index mod 10).
        let b = if next(5) > 0 {
            (next(n / 10) * 10 + a % 10) % n
        } else {
            next(n)
        };
        let kind = if next(10) == 0 {
            "supports"
        } else {
            COOCCURRENCE
        };
        if a != b {
            pairs.insert((a.min(b), a.max(b), kind));
        }
    }
    let edges = pairs
        .into_iter()
        .map(|(a, b, kind)| {
            let count = 1 + next(20) as u64;
            let evidence = (0..2)
                .map(|k| {
                    let (s, t) = (&nodes[a].name, &nodes[b].name);
                    let text = format!("In report {k}, {s} was seen with {t} once more.");
                    let base = 1000 * k as u64;
                    let at = |needle: &str| {
                        let start = base + text.find(needle).unwrap() as u64;
                        Span {
                            start,
                            end: start + needle.len() as u64,
                            ..Span::default()
                        }
                    };
                    Evidence {
                        document: format!("doc-{}", next(500)),
                        sentence: k,
                        source_span: at(s),
                        target_span: at(t),
                        cue_span: Span::default(),
                        rule: String::new(),
                        negated: false,
                        text,
                        source_part: "body".to_owned(),
                        target_part: "body".to_owned(),
                    }
                })
                .collect();
            EdgeRecord {
                source: nodes[a].id.clone(),
                target: nodes[b].id.clone(),
                kind: kind.to_owned(),
                directed: kind != COOCCURRENCE,
                count,
                documents: count,
                negated: 0,
                pmi: 1.0,
                npmi: 0.5,
                llr: 3.0,
                jaccard: 0.1,
                weight: count as f64,
                first_seen: None,
                last_seen: None,
                periods: Vec::new(),
                evidence,
            }
        })
        .collect();
    GraphDocument {
        format: "gazegraph-graph".to_owned(),
        version: gazegraph::graph::document::VERSION,
        tool: "synthetic".to_owned(),
        gazetteer: "synthetic".to_owned(),
        options: GraphOptions {
            window: "sentence".to_owned(),
            evidence_cap: 5,
            weight: "count".to_owned(),
            filters: Vec::new(),
            relations: String::new(),
            period: "month".to_owned(),
            parts: "headline,body".to_owned(),
        },
        corpus: CorpusStats::default(),
        nodes,
        edges,
        documents: Vec::new(),
    }
}

#[test]
fn the_explorer_works_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        Path::new(&chromium).exists(),
        "{chromium} is missing: install Debian's Chromium (apt-get install chromium) or set CHROMIUM"
    );
    let browser = root().join("tests/browser");
    if !browser.join("node_modules").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&browser)
            .status()
            .expect("npm (Node.js) is needed for the browser tests");
        assert!(status.success(), "npm ci failed in tests/browser");
    }
    let dir = tempdir();
    let (seeds, isot_dir) = (dir.path().join("seeds"), dir.path().join("isot"));
    build(&["seeds"], &seeds);
    let files = isot();
    build(
        &files.iter().map(String::as_str).collect::<Vec<_>>(),
        &isot_dir,
    );
    // Kept beside the screenshots, for measuring by hand.
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("explorer-shots");
    std::fs::create_dir_all(&shots).unwrap();
    let synthetic_page = shots.join("synthetic.html");
    let doc = synthetic(2000, 10_000);
    let started = Instant::now();
    let html = Format::Html.render(&doc);
    println!(
        "synthetic graph.html: {} entities, {} edges, {:.1} MB, written in {:.2} s",
        doc.nodes.len(),
        doc.edges.len(),
        html.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    std::fs::write(&synthetic_page, html).unwrap();
    let out = Command::new("node")
        .args(["--test", "--test-reporter=tap", "explorer.test.mjs"])
        .current_dir(&browser)
        .env("EXPLORER_SEEDS", &seeds)
        .env("EXPLORER_ISOT", &isot_dir)
        .env("EXPLORER_SYNTHETIC", &synthetic_page)
        .env("EXPLORER_SHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node (Node.js) is needed for the browser tests");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines().filter(|l| l.contains("bench")) {
        println!("{line}");
    }
    assert!(
        out.status.success() && stdout.contains("# fail 0") && !stdout.contains("# pass 0"),
        "browser tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !stdout.contains("# skipped 1"),
        "a browser test was skipped:\n{stdout}"
    );
}
