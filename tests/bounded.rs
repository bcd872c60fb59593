//! Bounded whatever the input: evidence keeps a window of an endless sentence around its
//! mentions (offsets still exact) and real sentences whole; a corpus command that reads no
//! document fails with its own exit code instead of writing an empty result.

use std::path::Path;

use gazegraph::corpus::Locator;
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::GraphBuilder;
use gazegraph::graph::aggregate::{CUT, EVIDENCE_CONTEXT, WHOLE_SENTENCE};
use gazegraph::graph::{Evidence, GraphDocument};
use gazegraph::relations::{Relations, RulesBuilder};

use crate::fixtures::{gazegraph, tempdir};

/// The graph of one document `text`, with the shipped relation rules.
fn graph(text: &str) -> GraphDocument {
    let gazetteer = Gazetteer::builtin().expect("builtin gazetteer");
    let mut rules = RulesBuilder::new();
    rules.builtin();
    let relations = Relations::new(&rules.build().expect("rules"), &gazetteer).expect("rules");
    let engine = GraphBuilder::new(&gazetteer)
        .relations(relations)
        .engine()
        .expect("engine");
    let annotation = engine.annotator().annotate(text);
    let part = engine.part(text, &annotation);
    let mut aggregate = engine.aggregate();
    aggregate.add("doc", &Locator::new(text, None), &annotation, &part);
    aggregate.finish(0)
}

fn evidence(doc: &GraphDocument) -> impl Iterator<Item = &Evidence> {
    doc.edges.iter().flat_map(|e| &e.evidence)
}

/// Filler of about `bytes` bytes with no sentence end: words with multibyte letters, and a
/// stretch without whitespace, so that cuts must find char boundaries.
fn filler(bytes: usize) -> String {
    let unit = "naïve città über ";
    let mut text = unit.repeat(bytes / unit.len() / 2);
    text.push_str(&"é".repeat(bytes / 4));
    text.push(' ');
    text
}

#[test]
fn an_endless_sentence_keeps_a_bounded_window_around_the_mentions() {
    let text = format!(
        "{}Turkey {}Khalifa Haftar met Vladimir Putin in Moscow {}Egypt {}",
        filler(100_000),
        filler(900_000),
        filler(900_000),
        filler(100_000),
    );
    assert!(text.len() > 2_000_000);
    let doc = graph(&text);
    assert!(
        evidence(&doc).any(|e| !e.rule.is_empty()),
        "a relation was found"
    );
    let pairs = doc.edges.len();
    assert!(pairs >= 6, "{pairs} edges");
    // Three pieces at most (two mentions and a cue), each the span and its context.
    let bound = 3 * (2 * EVIDENCE_CONTEXT + 64) + 4 * CUT.len();
    for e in evidence(&doc) {
        assert!(e.text.len() <= bound, "{} bytes", e.text.len());
        assert!(
            e.text.starts_with(CUT) && e.text.ends_with(CUT),
            "{}",
            e.text
        );
        let surface = |s: gazegraph::graph::Span| &text[s.start as usize..s.end as usize];
        for span in [e.source_span, e.target_span, e.cue_span] {
            assert!(
                e.text.contains(surface(span)),
                "{:?} in {}",
                surface(span),
                e.text
            );
        }
        // Every kept piece is the document's own bytes, and starts and ends at a word.
        for piece in e.text.split(CUT).filter(|p| !p.is_empty()) {
            assert!(text.contains(piece), "{piece}");
            assert!(
                !piece.starts_with(' ') && !piece.ends_with(' '),
                "{piece:?}"
            );
        }
    }
    // Far-apart mentions of one sentence keep their own contexts, cut between them.
    let far = doc
        .edges
        .iter()
        .find(|e| e.source == "egypt" || e.target == "egypt")
        .expect("an edge of Egypt");
    assert!(
        far.evidence
            .iter()
            .all(|e| e.text.matches(CUT).count() == 3)
    );
    let ron = gazegraph::export::Format::Ron.render(&doc);
    assert!(ron.len() < text.len() / 20, "{} bytes of RON", ron.len());
}

#[test]
fn a_normal_sentence_is_kept_whole_byte_for_byte() {
    // A run-on sentence, longer than the context kept around mentions in an endless one.
    let clause = "after a long night of talks behind closed doors, and a grey morning, ";
    let sentence = format!(
        "Late, {}Khalifa Haftar met Vladimir Putin in Moscow, {}where they discussed oil.",
        clause.repeat(10),
        clause.repeat(10),
    );
    assert!(sentence.len() > 4 * EVIDENCE_CONTEXT && sentence.len() <= WHOLE_SENTENCE);
    let text = format!("A first sentence about nothing. {sentence} Then Egypt.");
    let doc = graph(&text);
    let kept: Vec<&Evidence> = evidence(&doc).filter(|e| e.sentence == 1).collect();
    assert!(!kept.is_empty());
    for e in kept {
        assert_eq!(e.text, sentence);
    }
}

// ---------------------------------------------------------------------------------------
// No document read
// ---------------------------------------------------------------------------------------

const CORPUS_COMMANDS: [&[&str]; 4] = [
    &["build", "-f", "ron"],
    &["counts"],
    &["mentions"],
    &["relations"],
];

/// Runs `command` on `inputs` (with `stdin`), returning the exit code, stdout and stderr.
fn run(command: &[&str], inputs: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let out = gazegraph()
        .args(command)
        .args(inputs)
        .arg("-q")
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every corpus command exits 3 on `inputs`, saying why, with no entity written.
fn nothing_read(inputs: &[&str], stdin: &str, why: &str) {
    for command in CORPUS_COMMANDS {
        let (code, stdout, stderr) = run(command, inputs, stdin);
        assert_eq!(code, Some(3), "{command:?}: {stderr}");
        assert!(stderr.contains(why), "{command:?}: {stderr}");
        assert!(!stdout.contains("khalifa_haftar"), "{command:?}: {stdout}");
    }
}

#[test]
fn a_wrong_text_column_reads_nothing_and_exits_3() {
    let dir = tempdir();
    let csv = dir.path().join("news.csv");
    std::fs::write(
        &csv,
        "title,body\nTalks,Khalifa Haftar met Putin in Moscow.\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    nothing_read(&[csv], "", "no document read: all 1 were skipped");
    // The right column reads it.
    let (code, stdout, _) = run(&["counts", "--text-field", "body"], &[csv], "");
    assert_eq!(code, Some(0));
    assert!(stdout.contains("khalifa_haftar"), "{stdout}");
}

#[test]
fn empty_stdin_reads_nothing_and_exits_3() {
    nothing_read(&["-"], "", "no document read: all 1 were skipped");
}

#[test]
fn an_empty_directory_reads_nothing_and_exits_3() {
    let dir = tempdir();
    nothing_read(
        &[dir.path().to_str().unwrap()],
        "",
        "no document to read: the inputs hold none",
    );
}

/// The empty result is still written: a shard of skipped documents counts them in a merge.
#[test]
fn a_run_that_reads_nothing_still_writes_its_empty_result() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = run(
        &["build", "-o", out.to_str().unwrap()],
        &[inputs.to_str().unwrap()],
        "",
    );
    assert_eq!(code, Some(3), "{stderr}");
    let ron = std::fs::read_to_string(out.join("graph.ron")).unwrap();
    let graph = gazegraph::graph::document::parse(Path::new("graph.ron"), &ron).unwrap();
    assert!(graph.nodes.is_empty() && graph.edges.is_empty());
    assert_eq!((graph.corpus.documents, graph.corpus.skipped), (0, 1));
    for command in ["mentions", "relations"] {
        let file = dir.path().join(format!("{command}.tsv"));
        let (code, _, _) = run(
            &[command, "-o", file.to_str().unwrap()],
            &[inputs.to_str().unwrap()],
            "",
        );
        assert_eq!(code, Some(3));
        let rows = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            rows.lines().count(),
            1,
            "{command}: only the header: {rows}"
        );
    }
}
