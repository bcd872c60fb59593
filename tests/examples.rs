//! The examples, run the way their doc comments tell users to run them, on the seeds graph.
//!
//! `examples/notebook.py` needs python3 with python-ron, networkx and pandas (CI installs
//! them with pip); without them the tests fail saying what to install, rather than passing
//! unchecked. The Rust examples are run through `cargo run --example`, which reuses this
//! build's artifacts.
//!
//! The seeds graph changes as the gazetteers grow, so the tests compare what the examples
//! print with the document they read, never with fixed numbers.

use std::path::Path;
use std::process::{Command, Output};

use gazegraph::graph::document;
use gazegraph::graph::{EdgeRecord, GraphDocument};
use serde_json::Value;
use tempfile::TempDir;

use crate::fixtures::{gazegraph, root, tempdir};

const PYTHON_DEPS: &str =
    "python3 with python-ron, networkx and pandas (pip install python-ron networkx pandas)";

/// `gazegraph build seeds -o DIR`, as the examples' docs say; returns DIR and its graph.
fn build_seeds() -> (TempDir, GraphDocument) {
    let dir = tempdir();
    gazegraph()
        .args(["build", "seeds", "--quiet", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let document = document::read(&dir.path().join("graph.ron")).unwrap();
    assert!(
        !document.nodes.is_empty() && !document.edges.is_empty(),
        "the seeds graph is empty"
    );
    (dir, document)
}

/// `cargo run --example NAME -- ARGS`, in the profile of this build (judged by its debug
/// assertions), so the library built for the tests is reused.
fn run_example(name: &str, args: &[&Path]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(root())
        .args(["run", "--quiet", "--example", name]);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let output = command
        .arg("--")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(
        output.status.success(),
        "example {name} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `python3 examples/notebook.py ARGS...`; panics, saying what to install, if python3 is
/// missing.
fn run_notebook(dir: &Path, check: bool) -> Output {
    let mut command = Command::new("python3");
    command
        .current_dir(root())
        .arg("examples/notebook.py")
        .arg(dir);
    if check {
        command.arg("--check");
    }
    command.output().unwrap_or_else(|e| {
        panic!("cannot run python3 ({e}): tests/examples.rs needs {PYTHON_DEPS}")
    })
}

/// The JSON summary on the last line of the notebook's stdout.
fn notebook_summary(output: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| {
        panic!("the notebook's last line is not a JSON summary ({e}):\n{stdout}")
    })
}

fn names(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{value} is not a list"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn notebook_reads_the_ron_export_and_finds_json_and_dot_agree() {
    let (dir, document) = build_seeds();
    let output = run_notebook(dir.path(), true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "python3 examples/notebook.py --check failed; it needs {PYTHON_DEPS}:\n{stderr}"
    );
    let summary = notebook_summary(&output);
    assert_eq!(summary["nodes"], document.nodes.len(), "{summary}");
    assert_eq!(summary["edges"], document.edges.len(), "{summary}");
    assert_eq!(summary["mismatches"], 0, "{summary}");

    let checked = &summary["checked"];
    let node_fields = names(&checked["json"]["node"]);
    for field in ["mentions", "kind", "pagerank"] {
        assert!(
            node_fields.contains(&field),
            "{field} not checked: {checked}"
        );
    }
    let edge_fields = names(&checked["json"]["edge"]);
    for field in ["count", "npmi", "evidence_length"] {
        assert!(
            edge_fields.contains(&field),
            "{field} not checked: {checked}"
        );
    }
    assert_eq!(
        names(&checked["dot"]["edge"]),
        ["source", "target", "kind", "count"]
    );

    // What a notebook user sees: the Haftar–Wagner evidence, read through pyron.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let edge = document
        .edges
        .iter()
        .find(|e| e.source == "khalifa_haftar" && e.target == "wagner_group")
        .expect("Haftar and Wagner share a sentence in the seeds");
    for evidence in &edge.evidence {
        assert!(stdout.contains(&evidence.text), "{stdout}");
    }
}

#[test]
fn notebook_check_fails_when_an_export_disagrees() {
    let (dir, document) = build_seeds();
    // One node's PageRank off in the JSON export, one edge missing from the DOT file.
    let json_path = dir.path().join("graph.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    let pagerank = json["nodes"][0]["pagerank"].as_f64().unwrap();
    json["nodes"][0]["pagerank"] = (pagerank + 0.5).into();
    std::fs::write(&json_path, json.to_string()).unwrap();
    let dot_path = dir.path().join("graph.dot");
    let dropped = &document.edges[0];
    let edge_line = format!("\"{}\" -> \"{}\" [", dropped.source, dropped.target);
    let dot: String = std::fs::read_to_string(&dot_path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim_start().starts_with(&edge_line))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&dot_path, dot).unwrap();

    let output = run_notebook(dir.path(), true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("pip install"),
        "notebook.py needs {PYTHON_DEPS}:\n{stderr}"
    );
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let node = &document.nodes[0].id;
    assert!(
        stderr.contains(&format!("graph.json node {node} pagerank")),
        "{stderr}"
    );
    assert!(
        stderr.contains("graph.dot edges missing") && stderr.contains(&dropped.target),
        "{stderr}"
    );
    assert_eq!(notebook_summary(&output)["mismatches"], 2);
}

#[test]
fn ego_network_keeps_haftar_and_his_neighbours() {
    let dir = tempdir();
    let output = run_example("ego_network", &[dir.path()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    let ego = document::read(&dir.path().join("ego.ron")).unwrap();
    assert_eq!(ego.options.filters, ["ego=khalifa_haftar:1"]);
    assert!(
        ego.nodes.iter().any(|n| n.id == "khalifa_haftar"),
        "{stdout}"
    );
    assert!(ego.nodes.iter().any(|n| n.id == "wagner_group"), "{stdout}");
    let touches_haftar =
        |e: &EdgeRecord| e.source == "khalifa_haftar" || e.target == "khalifa_haftar";
    for node in ego.nodes.iter().filter(|n| n.id != "khalifa_haftar") {
        assert!(
            ego.edges
                .iter()
                .any(|e| touches_haftar(e) && (e.source == node.id || e.target == node.id)),
            "{} is not a neighbour of khalifa_haftar",
            node.id
        );
    }
    assert!(
        stdout.contains(&format!(
            "{} entities, {} edges",
            ego.nodes.len(),
            ego.edges.len()
        )),
        "{stdout}"
    );
    let strongest = ego.edges.iter().map(|e| e.count).max().unwrap();
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{strongest} "))),
        "{stdout}"
    );

    let dot = std::fs::read_to_string(dir.path().join("ego.dot")).unwrap();
    assert!(dot.starts_with("digraph") && dot.contains("\"khalifa_haftar\""));
    let svg = dir.path().join("ego.svg");
    if Command::new("dot").arg("-V").output().is_ok() {
        let svg = std::fs::read_to_string(svg).unwrap();
        assert!(svg.contains("<svg") && svg.contains("Khalifa Haftar"));
    } else {
        assert!(!svg.exists());
        assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    }
}

#[test]
fn load_ron_prints_the_most_central_entity_and_the_evidence() {
    let (dir, document) = build_seeds();
    let output = run_example("load_ron", &[&dir.path().join("graph.ron")]);
    let stdout = String::from_utf8_lossy(&output.stdout);

    let top = document
        .nodes
        .iter()
        .max_by(|a, b| a.pagerank.total_cmp(&b.pagerank))
        .unwrap();
    assert!(
        stdout.contains(&top.name),
        "{} missing:\n{stdout}",
        top.name
    );
    // Strongest edge: highest count, the first in file order among equals.
    let strongest = document.edges.iter().rev().max_by_key(|e| e.count).unwrap();
    assert!(
        stdout.contains(&format!(
            "strongest edge: {} – {}",
            strongest.source, strongest.target
        )),
        "{stdout}"
    );
    for evidence in &strongest.evidence {
        assert!(stdout.contains(&evidence.text), "{stdout}");
    }
}

/// The Jupyter notebook runs headless, top to bottom, on the seeds graph, and what it found
/// agrees with the Rust library's reading of the same RON file: co-occurrence reads as
/// symmetric in networkx, relations keep their direction, and Haftar's neighbourhood is drawn.
#[test]
fn the_jupyter_notebook_runs_and_agrees_with_the_library() {
    let (dir, document) = build_seeds();
    let output = Command::new("python3")
        .current_dir(root())
        .args([
            "tests/python/run_notebook.py",
            "examples/haftar_network.ipynb",
        ])
        .arg(dir.path())
        .env("GAZEGRAPH_OUT", dir.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 ({e}): see tests/requirements.txt"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the notebook failed (it needs the packages of tests/requirements.txt):\n{}{}",
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("the notebook's last cell printed no JSON summary ({e}):\n{stdout}")
    });
    let cooccurrence = |e: &&EdgeRecord| e.kind == gazegraph::graph::COOCCURRENCE;
    let (haftar, wagner) = ("khalifa_haftar", "wagner_group");
    let mut neighbours: Vec<&str> = document
        .edges
        .iter()
        .filter(cooccurrence)
        .filter(|e| e.count >= 2)
        .filter_map(|e| match (e.source.as_str(), e.target.as_str()) {
            (s, t) if s == haftar => Some(t),
            (s, t) if t == haftar => Some(s),
            _ => None,
        })
        .collect();
    neighbours.sort_unstable();
    let relations = document.edges.iter().filter(|e| !cooccurrence(e)).count();
    let sentences: usize = document
        .edges
        .iter()
        .filter(|e| {
            (e.source == haftar && e.target == wagner) || (e.source == wagner && e.target == haftar)
        })
        .map(|e| e.evidence.len())
        .sum();
    assert_eq!(summary["nodes"], document.nodes.len());
    assert_eq!(
        summary["cooccurrence_edges"],
        document.edges.iter().filter(cooccurrence).count()
    );
    assert_eq!(summary["relation_edges"], relations);
    assert_eq!(summary["symmetric"], true);
    assert_eq!(names(&summary["haftar_neighbours"]), neighbours);
    assert!(neighbours.len() >= 5, "{neighbours:?}");
    assert_eq!(summary["haftar_wagner_sentences"], sentences);
    let picture =
        std::fs::read(dir.path().join("haftar.png")).expect("the notebook saves haftar.png");
    assert!(
        picture.starts_with(b"\x89PNG") && picture.len() > 20_000,
        "{} bytes",
        picture.len()
    );
}
