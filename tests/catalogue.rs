//! The catalogue of bad inputs beyond the corpus's (those are in `tests/inputs.rs`): bad graph
//! files, gazetteers and relation rules, unknown names, options out of range, outputs that
//! would clobber something, unknown entities, overlapping shards, a closed stdout. Each row is
//! a command, every line of its stderr and its exit code.
//!
//! README.md's section "Bad input: what you get" lists these rows (and those of
//! `tests/inputs.rs`) as a table: change both together.

use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// One command and what the user is told.
struct Case {
    /// What is wrong, as the README's table says it.
    input: &'static str,
    /// The arguments, run in the directory made by [`fixtures`].
    args: &'static [&'static str],
    /// Standard input.
    stdin: &'static [u8],
    /// Whether stdout is a pipe whose reader has gone.
    closed_stdout: bool,
    code: i32,
    /// Every line of stderr.
    stderr: &'static [&'static str],
}

const CASE: Case = Case {
    input: "",
    args: &[],
    stdin: b"",
    closed_stdout: false,
    code: 2,
    stderr: &[],
};

const NEWS: &str = "Khalifa Haftar met Vladimir Putin in Moscow. Russia backed Haftar.\n";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Graph files, as `build -f ron` writes them, then edited.
    Case { input: "a graph edge naming a missing node", args: &["stats", "missing.ron"],
        stderr: &["error: missing.ron:88:5: edge `khalifa_haftar` -> `moscow` (cooccurrence) names unknown node `moscow`"], ..CASE },
    Case { input: "a duplicate graph node", args: &["export", "dupnode.ron", "-f", "json"],
        stderr: &["error: dupnode.ron:54:5: duplicate node `moscow`"], ..CASE },
    Case { input: "a duplicate graph edge", args: &["explain", "dupedge.ron", "khalifa_haftar", "russia"],
        stderr: &["error: dupedge.ron:199:5: duplicate edge `khalifa_haftar` -> `vladimir_putin` (cooccurrence)"], ..CASE },
    Case { input: "graph nodes out of order", args: &["render", "nodeorder.ron", "-o", "x.svg"],
        stderr: &["error: nodeorder.ron:71:5: node `abc` comes after `russia`: nodes must be sorted by id"], ..CASE },
    Case { input: "graph edges out of order", args: &["merge", "edgeorder.ron", "graph.ron"],
        stderr: &["error: edgeorder.ron:273:5: edge `abu` -> `khalifa_haftar` (supports) comes after edge `moscow` -> `vladimir_putin` (cooccurrence): edges must be sorted by source, target, kind"], ..CASE },
    Case { input: "a co-occurrence edge with source > target", args: &["stats", "reversed.ron"],
        stderr: &["error: reversed.ron:273:5: co-occurrence edge `russia` -> `khalifa_haftar` (cooccurrence) must be written with source < target"], ..CASE },
    Case { input: "a RON file of another format", args: &["stats", "format.ron"],
        stderr: &["error: format.ron:2:3: not a gazegraph graph (format `other-graph`)"], ..CASE },
    Case { input: "a graph of a newer schema version", args: &["export", "version.ron", "-f", "dot"],
        stderr: &["error: version.ron:3:3: graph schema version 7 is newer than this gazegraph reads (1); upgrade gazegraph"], ..CASE },
    Case { input: "a truncated graph file", args: &["stats", "truncated.ron"],
        stderr: &["error: truncated.ron:156:41: Unexpected end of RON"], ..CASE },
    Case { input: "a missing graph file", args: &["stats", "nothere.ron"],
        stderr: &["error: nothere.ron: No such file or directory (os error 2)"], ..CASE },
    // Gazetteers and relation rules.
    Case { input: "a gazetteer with a syntax error", args: &["build", "news.txt", "-g", "syntax-gazetteer.ron", "-f", "ron"],
        stderr: &["error: syntax-gazetteer.ron:6:13: Expected comma"], ..CASE },
    Case { input: "a gazetteer entity of an unknown kind", args: &["gazetteer", "list", "-g", "kind-gazetteer.ron"],
        stderr: &["error: kind-gazetteer.ron:3:26: unknown kind `wizard`, expected one of: person, state, group, place"], ..CASE },
    Case { input: "a relation rules file with an unknown field", args: &["relations", "news.txt", "--relations", "rules.ron"],
        stderr: &["error: rules.ron:3:10: Unexpected field named `type` in `RelationSpec`, expected one of `name`, `symmetric`, `subject`, `object`, `contained`, or `rules` instead"], ..CASE },
    // Unknown names and options out of range.
    Case { input: "an unknown export format", args: &["export", "graph.ron", "-f", "xml"],
        stderr: &["error: invalid value 'xml' for '--format <FORMAT>': unknown format `xml`: use ron, dot, json, graphml, nodes-csv, edges-csv or html", "", "For more information, try '--help'."], ..CASE },
    Case { input: "an unknown layout engine", args: &["render", "graph.ron", "--engine", "foo", "-o", "x.svg"],
        stderr: &["error: invalid value 'foo' for '--engine <ENGINE>'", "  [possible values: dot, neato, fdp, sfdp, circo, twopi, osage, patchwork]", "", "For more information, try '--help'."], ..CASE },
    Case { input: "an unknown corpus format", args: &["mentions", "news.txt", "--input-format", "bogus"],
        stderr: &["error: invalid value 'bogus' for '--input-format <FORMAT>': unknown corpus format `bogus`; expected one of: auto, text, jsonl, csv", "", "For more information, try '--help'."], ..CASE },
    Case { input: "an unknown window", args: &["build", "news.txt", "--window", "bogus", "-f", "ron"],
        stderr: &["error: invalid value 'bogus' for '--window <WINDOW>': unknown window `bogus`: use sentence, paragraph, document or tokens:N (N > 0)", "", "For more information, try '--help'."], ..CASE },
    Case { input: "an unknown weight", args: &["build", "news.txt", "--weight", "bogus", "-f", "ron"],
        stderr: &["error: invalid value 'bogus' for '--weight <MEASURE>': unknown weight `bogus`: use count, documents, pmi, npmi, llr or jaccard", "", "For more information, try '--help'."], ..CASE },
    Case { input: "`--min-score NaN`", args: &["export", "graph.ron", "--min-score", "NaN", "-f", "ron"],
        stderr: &["error: invalid value 'NaN' for '--min-score <X>': `NaN` is not a finite number", "", "For more information, try '--help'."], ..CASE },
    Case { input: "`-j 20000`", args: &["build", "news.txt", "-j", "20000", "-f", "ron"],
        stderr: &["error: invalid value '20000' for '--threads <N>': at most 256 threads", "", "For more information, try '--help'."], ..CASE },
    // Outputs that would clobber something.
    Case { input: "`build -o` naming a file", args: &["build", "news.txt", "-o", "news.txt"],
        stderr: &["error: news.txt: not a directory"], ..CASE },
    Case { input: "`mentions X -o X`: an input as the output", args: &["mentions", "news.txt", "-o", "news.txt"],
        stderr: &["error: refusing to write news.txt: it is an input of this run"], ..CASE },
    Case { input: "`export -o` naming a directory", args: &["export", "graph.ron", "-f", "ron", "-o", "dir"],
        stderr: &["error: dir: Is a directory (os error 21)"], ..CASE },
    // Inputs missing or empty.
    Case { input: "a missing input", args: &["build", "nothere.txt", "-f", "ron"],
        stderr: &["error: nothere.txt: No such file or directory (os error 2)"], ..CASE },
    Case { input: "an empty stdin", args: &["build", "-", "-f", "ron"], code: 3,
        stderr: &["warning: skipped -: empty", "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved", "error: no document read: all 1 were skipped (see the warnings)"], ..CASE },
    Case { input: "JSONL without the text field", args: &["mentions", "-", "--input-format", "jsonl"], stdin: b"{\"body\": \"Haftar\"}\n", code: 3,
        stderr: &["warning: skipped -#1: line 1: missing field `text`", "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved", "error: no document read: all 1 were skipped (see the warnings)"], ..CASE },
    // Entities and shards.
    Case { input: "an unknown entity for `--ego`", args: &["export", "graph.ron", "--ego", "nobody", "-f", "ron"],
        stderr: &["error: --ego nobody: no entity `nobody` (among the 4 entities of the graph)"], ..CASE },
    Case { input: "an unknown entity for `explain`", args: &["explain", "graph.ron", "khalifa_haftar", "nobody"],
        stderr: &["error: no entity `nobody` (among the 4 entities of the graph)"], ..CASE },
    Case { input: "a merge of overlapping shards", args: &["merge", "graph.ron", "graph.ron"],
        stderr: &["error: graphs 1 and 2 share document `news.txt` (both hold evidence from it): merge shards built over disjoint documents, each once"], ..CASE },
    Case { input: "a merge of a filtered graph", args: &["merge", "filtered.ron"],
        stderr: &["error: cannot merge a filtered graph (min-count=2): merge complete graphs, then filter"], ..CASE },
    Case { input: "a closed stdout (`stats graph.ron | head -c0`)", args: &["stats", "graph.ron"], closed_stdout: true, code: 0,
        stderr: &[], ..CASE },
];

/// Runs gazegraph in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], stdin: &[u8], closed_stdout: bool) -> (i32, Vec<u8>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazegraph"));
    command
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped());
    if closed_stdout {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        command.stdout(writer);
    } else {
        command.stdout(Stdio::piped());
    }
    let mut child = command.spawn().unwrap();
    // A command that never reads stdin may have exited already: a failed write is fine.
    let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The files the cases read: a news article, its graph, and bad versions of both.
fn fixtures() -> TempDir {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("news.txt", NEWS);
    std::fs::create_dir(dir.path().join("dir")).unwrap();
    let build = |extra: &[&str]| {
        let args = [&["build", "news.txt", "-f", "ron", "-q"], extra].concat();
        let (code, graph, stderr) = run(dir.path(), &args, b"", false);
        assert_eq!(code, 0, "{stderr}");
        String::from_utf8(graph).unwrap()
    };
    let graph = build(&[]);
    write("graph.ron", &graph);
    write("filtered.ron", &build(&["--min-count", "2"]));
    // Each a one-field edit of the graph.
    for (name, from, to) in [
        ("missing.ron", "id: \"moscow\"", "id: \"moskva\""),
        ("dupnode.ron", "id: \"russia\"", "id: \"moscow\""),
        ("dupedge.ron", "kind: \"meets\"", "kind: \"cooccurrence\""),
        ("nodeorder.ron", "id: \"vladimir_putin\"", "id: \"abc\""),
        ("edgeorder.ron", "source: \"russia\"", "source: \"abu\""),
        (
            "reversed.ron",
            "kind: \"supports\"",
            "kind: \"cooccurrence\"",
        ),
        ("format.ron", "\"gazegraph-graph\"", "\"other-graph\""),
        ("version.ron", "version: 1,", "version: 7,"),
    ] {
        assert!(graph.contains(from), "{from}");
        write(name, &graph.replacen(from, to, 1));
    }
    write("truncated.ron", &graph[..graph.len() / 2]);
    write(
        "syntax-gazetteer.ron",
        "(\n    entities: [\n        (\n            id: \"x\",\n            kind: \"person\"\n            name: \"X\",\n        ),\n    ],\n)\n",
    );
    write(
        "kind-gazetteer.ron",
        "(\n    entities: [\n        (id: \"x\", kind: \"wizard\", name: \"X\"),\n    ],\n)\n",
    );
    write(
        "rules.ron",
        "(\n    relations: [\n        (type: \"supports\",\n    ],\n)\n",
    );
    dir
}

#[test]
fn every_bad_input_gets_its_exact_message_and_exit_code() {
    let dir = fixtures();
    let mut failures = Vec::new();
    for case in CASES {
        let (code, stdout, stderr) = run(dir.path(), case.args, case.stdin, case.closed_stdout);
        let lines: Vec<&str> = stderr.lines().collect();
        if code != case.code || lines != case.stderr {
            failures.push(format!(
                "{} ({:?}): exit {code}, stderr:\n{stderr}",
                case.input, case.args
            ));
        } else if case.code == 2 && !stdout.is_empty() {
            // An error writes nothing; exit 3 (no document read) still writes its empty
            // result, which a merge of shards counts.
            failures.push(format!("{}: a failed run printed to stdout", case.input));
        }
    }
    // Nothing was written where a run failed.
    for name in ["x.svg", "dir/graph.ron"] {
        assert!(!dir.path().join(name).exists(), "{name}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("news.txt")).unwrap(),
        NEWS
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_readme_lists_every_case() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Bad input: what you get")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README.md has a section \"Bad input: what you get\"");
    let cell = |text: &str| text.replace('|', "\\|");
    let missing: Vec<&str> = CASES
        .iter()
        .filter(|case| {
            let first = case.stderr.first().map_or("(nothing)", |line| line);
            let row = section
                .lines()
                .find(|row| row.starts_with(&format!("| {} |", cell(case.input))));
            !row.is_some_and(|row| {
                row.contains(&cell(first)) && row.ends_with(&format!("| {} |", case.code))
            })
        })
        .map(|case| case.input)
        .collect();
    assert!(
        missing.is_empty(),
        "not in README.md's table as in the test: {missing:?}"
    );
}
