//! The pictures, as a reader sees them: the default pictures of the seeds and of the ISOT
//! sample, drawn by the binary and read back from the SVG Graphviz writes, have readable
//! labels that never overlap; every exported graph.dot renders with `dot` and `sfdp` without
//! a warning; entities are found by name or alias.
//!
//! Graphviz is required (CI installs it). The ISOT sample is the shared data set at
//! `../shared/data/isot-sample` beside the repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::fixtures::{fails, gazegraph, ok, root, shared_data, succeeds, tempdir};

/// Smallest node label, in pixels at 100% zoom, a reader can take in.
const MIN_LABEL_PX: f64 = 10.0;

/// Width of an average character of Helvetica, in ems: the labels' measure in the SVG.
const CHAR_EM: f64 = 0.5;

/// A built graph's directory, kept for the whole test run.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

impl Built {
    fn file(&self, name: &str) -> String {
        self.out.join(name).to_str().unwrap().to_owned()
    }

    /// The kind of every entity in the graph, from nodes.csv.
    fn kinds(&self) -> Vec<String> {
        let mut reader = csv::Reader::from_path(self.file("nodes.csv")).unwrap();
        let column = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "kind")
            .unwrap();
        reader
            .records()
            .map(|r| r.unwrap()[column].to_owned())
            .collect()
    }
}

fn build(inputs: &[PathBuf]) -> Built {
    let dir = tempdir();
    let out = dir.path().join("out");
    let mut args: Vec<&str> = vec!["build", "-q", "-o", out.to_str().unwrap()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    ok(&args);
    Built { _dir: dir, out }
}

fn seeds() -> &'static Built {
    static SEEDS: OnceLock<Built> = OnceLock::new();
    SEEDS.get_or_init(|| build(&[root().join("seeds")]))
}

fn isot() -> &'static Built {
    static ISOT: OnceLock<Built> = OnceLock::new();
    ISOT.get_or_init(|| {
        let dir = shared_data("isot-sample");
        let inputs: Vec<PathBuf> = ["True_sample.csv", "Fake_sample.csv"]
            .iter()
            .map(|f| dir.join(f))
            .collect();
        assert!(
            inputs.iter().all(|p| p.exists()),
            "the ISOT sample is missing at {}",
            dir.display()
        );
        build(&inputs)
    })
}

/// A node label as drawn: its text, centre x, baseline y and size, in SVG pixels.
#[derive(Debug)]
struct Label {
    text: String,
    x: f64,
    y: f64,
    size: f64,
}

impl Label {
    /// The label's box: left, top, right, bottom.
    fn bounds(&self) -> (f64, f64, f64, f64) {
        let half = self.text.chars().count() as f64 * CHAR_EM * self.size / 2.0;
        (
            self.x - half,
            self.y - 0.75 * self.size,
            self.x + half,
            self.y + 0.25 * self.size,
        )
    }

    fn overlaps(&self, other: &Label) -> bool {
        let (a, b) = (self.bounds(), other.bounds());
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    }
}

/// The node labels of an SVG written by Graphviz, scaled by the graph's transform, and the
/// number of nodes.
fn node_labels(svg: &str) -> (Vec<Label>, usize) {
    let mut reader = Reader::from_str(svg);
    let mut scale = 1.0;
    let mut depth_in_node: Option<usize> = None;
    let mut depth = 0usize;
    let mut nodes = 0;
    let mut labels = Vec::new();
    let mut current: Option<Label> = None;
    let attribute = |e: &quick_xml::events::BytesStart<'_>, name: &str| {
        e.attributes()
            .map(|a| a.unwrap())
            .find(|a| a.key.as_ref() == name)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned()
            })
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "g" => match attribute(&e, "class").as_deref() {
                        Some("graph") => {
                            let transform = attribute(&e, "transform").unwrap_or_default();
                            if let Some(rest) = transform.strip_prefix("scale(") {
                                let first = rest.split([' ', ')', ',']).next().unwrap();
                                scale = first.parse().unwrap();
                            }
                        }
                        Some("node") => {
                            nodes += 1;
                            depth_in_node = Some(depth);
                        }
                        _ => {}
                    },
                    "text" if depth_in_node.is_some() => {
                        let number =
                            |name: &str| -> f64 { attribute(&e, name).unwrap().parse().unwrap() };
                        current = Some(Label {
                            text: String::new(),
                            x: number("x") * scale,
                            y: number("y") * scale,
                            size: number("font-size") * scale,
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(label) = &mut current {
                    label.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(_) => {
                if let Some(label) = &mut current {
                    label.text.push('&');
                }
            }
            Event::End(e) => {
                if e.name().as_ref() == "text"
                    && let Some(label) = current.take()
                {
                    labels.push(label);
                }
                if depth_in_node == Some(depth) {
                    depth_in_node = None;
                }
                depth -= 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (labels, nodes)
}

/// Draws the default picture of `built` as SVG and checks its labels.
fn check_default_picture(built: &Built, what: &str) {
    let svg_path = built.file("default.svg");
    let stderr = succeeds(&["render", &built.file("graph.ron"), "-o", &svg_path]).stderr;
    assert!(!stderr.contains("warning"), "{what}: {stderr}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let (labels, nodes) = node_labels(&svg);
    let total = built.kinds().len();
    assert!(
        nodes > 10 && nodes <= 40 && nodes < total,
        "{what}: {nodes} of {total} entities drawn"
    );
    assert_eq!(labels.len(), nodes, "{what}: one label per node");
    assert!(
        svg.contains(&format!("{nodes} of ")),
        "{what}: the caption says what was left out"
    );
    for label in &labels {
        assert!(
            label.size >= MIN_LABEL_PX,
            "{what}: label {:?} is {} px",
            label.text,
            label.size
        );
    }
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "{what}: labels overlap: {a:?} and {b:?}");
        }
    }
}

#[test]
fn default_seeds_picture_has_readable_labels_that_never_overlap() {
    check_default_picture(seeds(), "seeds");
}

#[test]
fn default_isot_picture_has_readable_labels_that_never_overlap() {
    check_default_picture(isot(), "isot");
}

#[test]
fn overlapping_labels_are_caught() {
    let label = |x: f64, text: &str| Label {
        text: text.to_owned(),
        x,
        y: 0.0,
        size: 12.0,
    };
    // Ten characters of 12 px: 60 px wide, so centres 50 px apart collide.
    assert!(label(0.0, "Washington").overlaps(&label(50.0, "Washington")));
    assert!(!label(0.0, "Washington").overlaps(&label(70.0, "Washington")));
}

#[test]
fn every_exported_graph_dot_renders_with_dot_and_sfdp_without_warnings() {
    for (what, built) in [("seeds", seeds()), ("isot", isot())] {
        let dot = built.file("graph.dot");
        for program in ["dot", "sfdp"] {
            let out = Command::new(program)
                .args(["-Tsvg", &dot])
                .output()
                .unwrap_or_else(|e| panic!("cannot run {program} (install Graphviz): {e}"));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{what} {program}: {stderr}");
            assert!(
                stderr.trim().is_empty(),
                "{what} {program} warned: {stderr}"
            );
            let (_, nodes) = node_labels(&String::from_utf8(out.stdout).unwrap());
            assert_eq!(
                nodes,
                built.kinds().len(),
                "{what} {program}: every entity drawn"
            );
        }
    }
}

#[test]
fn all_draws_every_entity_and_filters_override_the_choice() {
    let built = seeds();
    let graph = built.file("graph.ron");
    let kinds = built.kinds();
    let all = built.file("all.svg");
    ok(&["render", &graph, "-o", &all, "--all"]);
    let (_, nodes) = node_labels(&std::fs::read_to_string(&all).unwrap());
    assert_eq!(nodes, kinds.len());
    let out = built.file("persons.svg");
    ok(&["render", &graph, "-o", &out, "--kinds", "person"]);
    let svg = std::fs::read_to_string(&out).unwrap();
    let (_, persons) = node_labels(&svg);
    assert_eq!(persons, kinds.iter().filter(|k| *k == "person").count());
    assert!(
        svg.contains("filters: kinds=person"),
        "caption names the filter"
    );
    assert!(
        !svg.contains("top-pagerank"),
        "no default choice under a filter"
    );
}

#[test]
fn dot_on_the_whole_graph_is_switched_with_a_note() {
    let built = seeds();
    let out = built.file("dot.svg");
    let stderr = succeeds(&[
        "render",
        &built.file("graph.ron"),
        "-o",
        &out,
        "--all",
        "--engine",
        "dot",
    ])
    .stderr;
    assert!(
        stderr.contains("note: the dot engine") && stderr.contains("sfdp"),
        "{stderr}"
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("<svg"));
}

#[test]
fn entities_are_found_by_name_or_alias_and_misses_suggest_ids() {
    let built = seeds();
    let graph = built.file("graph.ron");
    for query in ["haftar", "Khalifa Haftar", "khalifa_haftar"] {
        let out = built.file("ego.svg");
        ok(&["render", &graph, "-o", &out, "--ego", query]);
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains("ego=khalifa_haftar:1"), "{query}");
    }
    let err = fails(&[
        "render",
        &graph,
        "-o",
        &built.file("never.svg"),
        "--ego",
        "Khalifa Hafterr",
    ]);
    assert!(err.contains("did you mean khalifa_haftar"), "{err}");
    let out = gazegraph()
        .args(["explain", &graph, "Haftar", "Wagner"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Khalifa Haftar -- Wagner Group [cooccurrence]"),
        "{stdout}"
    );
}

/// `--layout geo` puts places and states where the map has them: west is left, north is up,
/// and the labels still never overlap (overlap removal nudges neighbours apart, so only
/// distances larger than a node are checked).
#[test]
fn geo_layout_pins_entities_to_their_coordinates() {
    let built = seeds();
    let svg = Path::new(&built.out).join("geo.svg");
    let svg = svg.to_str().unwrap();
    ok(&[
        "render",
        &built.file("graph.ron"),
        "-o",
        svg,
        "--layout",
        "geo",
        "--ego",
        "Khalifa Haftar",
        "--min-count",
        "2",
    ]);
    let (labels, nodes) = node_labels(&std::fs::read_to_string(svg).unwrap());
    assert!(nodes > 10, "{nodes} entities drawn");
    let at = |name: &str| {
        let label = labels.iter().find(|l| l.text == name);
        let label = label.unwrap_or_else(|| panic!("{name} is not drawn: {labels:?}"));
        (label.x, label.y)
    };
    let (washington, moscow, tripoli, tobruk) = (
        at("United States"),
        at("Moscow"),
        at("Tripoli"),
        at("Tobruk"),
    );
    // Washington (77° W) is far west of Tripoli (13° E), Tobruk (24° E) and Moscow (38° E).
    for (name, east) in [("Tripoli", tripoli), ("Tobruk", tobruk), ("Moscow", moscow)] {
        assert!(
            washington.0 < east.0,
            "{name} {east:?} not east of {washington:?}"
        );
    }
    assert!(tripoli.0 < tobruk.0, "{tripoli:?} {tobruk:?}");
    // SVG y grows downwards: Moscow (55.8° N) is above Tripoli and Tobruk (32-33° N).
    assert!(
        moscow.1 < tripoli.1 && moscow.1 < tobruk.1,
        "{moscow:?} {tripoli:?}"
    );
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
    // Another engine cannot keep the pins.
    let message = fails(&[
        "render",
        &built.file("graph.ron"),
        "-o",
        svg,
        "--layout",
        "geo",
        "--engine",
        "sfdp",
    ]);
    assert!(
        message.contains("--layout geo pins places with neato"),
        "{message}"
    );
}
