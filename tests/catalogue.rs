//! The catalogue of bad inputs beyond the corpus's (those are in `tests/inputs.rs`): bad graph
//! files, gazetteers and relation rules, unknown names, options out of range, outputs that
//! would clobber something, unknown entities, overlapping shards, a closed stdout. Each row is
//! a command and its exit code; every line of its stderr is in the snapshot (`SNAPSHOT`,
//! reviewed with `cargo insta review` when a message changes).
//!
//! README.md's section "Bad input: what you get" lists these rows (and those of
//! `tests/inputs.rs`) as a table, quoting the snapshot: change both together.

use std::path::Path;
use std::process::Stdio;

use tempfile::TempDir;

use crate::fixtures::{command, root, tempdir};

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
}

const CASE: Case = Case {
    input: "",
    args: &[],
    stdin: b"",
    closed_stdout: false,
    code: 2,
};

const NEWS: &str = "Khalifa Haftar met Vladimir Putin in Moscow. Russia backed Haftar.\n";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Graph files, as `build -f ron` writes them, then edited.
    Case { input: "a graph edge naming a missing node", args: &["stats", "missing.ron"], ..CASE },
    Case { input: "a duplicate graph node", args: &["export", "dupnode.ron", "-f", "json"], ..CASE },
    Case { input: "a duplicate graph edge", args: &["explain", "dupedge.ron", "khalifa_haftar", "russia"], ..CASE },
    Case { input: "graph nodes out of order", args: &["render", "nodeorder.ron", "-o", "x.svg"], ..CASE },
    Case { input: "graph edges out of order", args: &["merge", "edgeorder.ron", "graph.ron"], ..CASE },
    Case { input: "a co-occurrence edge with source > target", args: &["stats", "reversed.ron"], ..CASE },
    Case { input: "a RON file of another format", args: &["stats", "format.ron"], ..CASE },
    Case { input: "a graph of a newer schema version", args: &["export", "version.ron", "-f", "dot"], ..CASE },
    Case { input: "a truncated graph file", args: &["stats", "truncated.ron"], ..CASE },
    Case { input: "a missing graph file", args: &["stats", "nothere.ron"], ..CASE },
    // Gazetteers and relation rules.
    Case { input: "a gazetteer with a syntax error", args: &["build", "news.txt", "-g", "syntax-gazetteer.ron", "-f", "ron"], ..CASE },
    Case { input: "a gazetteer entity of an unknown kind", args: &["gazetteer", "list", "-g", "kind-gazetteer.ron"], ..CASE },
    Case { input: "a relation rules file with an unknown field", args: &["relations", "news.txt", "--relations", "rules.ron"], ..CASE },
    // Unknown names and options out of range.
    Case { input: "an unknown export format", args: &["export", "graph.ron", "-f", "xml"], ..CASE },
    Case { input: "an unknown layout engine", args: &["render", "graph.ron", "--engine", "foo", "-o", "x.svg"], ..CASE },
    Case { input: "an unknown corpus format", args: &["mentions", "news.txt", "--input-format", "bogus"], ..CASE },
    Case { input: "an unknown window", args: &["build", "news.txt", "--window", "bogus", "-f", "ron"], ..CASE },
    Case { input: "an unknown weight", args: &["build", "news.txt", "--weight", "bogus", "-f", "ron"], ..CASE },
    Case { input: "`--min-score NaN`", args: &["export", "graph.ron", "--min-score", "NaN", "-f", "ron"], ..CASE },
    Case { input: "`-j 20000`", args: &["build", "news.txt", "-j", "20000", "-f", "ron"], ..CASE },
    // Outputs that would clobber something.
    Case { input: "`build -o` naming a file", args: &["build", "news.txt", "-o", "news.txt"], ..CASE },
    Case { input: "`mentions X -o X`: an input as the output", args: &["mentions", "news.txt", "-o", "news.txt"], ..CASE },
    Case { input: "`export -o` naming a directory", args: &["export", "graph.ron", "-f", "ron", "-o", "dir"], ..CASE },
    // Inputs missing or empty.
    Case { input: "a missing input", args: &["build", "nothere.txt", "-f", "ron"], ..CASE },
    Case { input: "an empty stdin", args: &["build", "-", "-f", "ron"], code: 3, ..CASE },
    Case { input: "JSONL without the text field", args: &["mentions", "-", "--input-format", "jsonl"], stdin: b"{\"body\": \"Haftar\"}\n", code: 3, ..CASE },
    // Entities and shards.
    Case { input: "an unknown entity for `--ego`", args: &["export", "graph.ron", "--ego", "nobody", "-f", "ron"], ..CASE },
    Case { input: "an unknown entity for `explain`", args: &["explain", "graph.ron", "khalifa_haftar", "nobody"], ..CASE },
    Case { input: "a merge of overlapping shards", args: &["merge", "graph.ron", "graph.ron"], ..CASE },
    Case { input: "a merge of a filtered graph", args: &["merge", "filtered.ron"], ..CASE },
    Case { input: "a closed stdout (`stats graph.ron | head -c0`)", args: &["stats", "graph.ron"], closed_stdout: true, code: 0, ..CASE },
];

/// Runs gazegraph in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], stdin: &[u8], closed_stdout: bool) -> (i32, Vec<u8>, String) {
    let mut command = command();
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
    let dir = tempdir();
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
        ("version.ron", "version: 2,", "version: 7,"),
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

/// Where the snapshot of every case's stderr is kept, which README.md's table quotes.
const SNAPSHOT: &str = "tests/snapshots/integration__catalogue__every_bad_input.snap";

#[test]
fn every_bad_input_gets_its_exact_message_and_exit_code() {
    let dir = fixtures();
    let mut failures = Vec::new();
    let mut told = String::new();
    for case in CASES {
        let (code, stdout, stderr) = run(dir.path(), case.args, case.stdin, case.closed_stdout);
        told.push_str(&format!(
            "[{}]\n$ gazegraph {}\n",
            case.input,
            case.args.join(" ")
        ));
        if !case.stdin.is_empty() {
            told.push_str(&format!("< {}", String::from_utf8_lossy(case.stdin)));
        }
        if case.closed_stdout {
            told.push_str("(stdout closed)\n");
        }
        told.push_str(&format!("exit {code}\n"));
        for line in stderr.lines() {
            told.push_str(&format!(
                "|{}{line}\n",
                if line.is_empty() { "" } else { " " }
            ));
        }
        told.push('\n');
        if code != case.code {
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
    // Every line of stderr, case by case.
    insta::assert_snapshot!("every_bad_input", told);
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

/// The first line of stderr of each case, as the snapshot has it ("(nothing)" for none).
fn first_lines() -> Vec<(String, String)> {
    let snapshot = std::fs::read_to_string(root().join(SNAPSHOT)).unwrap();
    let mut firsts = Vec::new();
    for block in snapshot.split("\n[").skip(1) {
        let (input, rest) = block.split_once("]\n").expect("a case's header");
        let first = rest
            .lines()
            .find_map(|line| line.strip_prefix('|'))
            .map_or("(nothing)", str::trim_start);
        firsts.push((input.to_owned(), first.to_owned()));
    }
    firsts
}

#[test]
fn the_readme_lists_every_case() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## Bad input: what you get")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README.md has a section \"Bad input: what you get\"");
    let firsts = first_lines();
    assert_eq!(firsts.len(), CASES.len(), "every case is in {SNAPSHOT}");
    let cell = |text: &str| text.replace('|', "\\|");
    let missing: Vec<&str> = CASES
        .iter()
        .zip(&firsts)
        .filter(|(case, (input, first))| {
            assert_eq!(case.input, input, "{SNAPSHOT} lists the cases in order");
            let row = section
                .lines()
                .find(|row| row.starts_with(&format!("| {} |", cell(case.input))));
            !row.is_some_and(|row| {
                row.contains(&cell(first)) && row.ends_with(&format!("| {} |", case.code))
            })
        })
        .map(|(case, _)| case.input)
        .collect();
    assert!(
        missing.is_empty(),
        "not in README.md's table as in the test: {missing:?}"
    );
}
