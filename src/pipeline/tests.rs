use std::path::{Path, PathBuf};

use super::*;
use crate::corpus::CorpusConfig;
use crate::gazetteer::Gazetteer;

/// For every document, in sink order: its id, its mentions as (start, entity), and what
/// `map` returned for it.
type Seen = Vec<(String, Vec<(usize, usize)>, usize)>;

fn run_corpus(inputs: &[PathBuf], threads: usize, batch_bytes: usize) -> (Seen, Summary) {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let corpus = Corpus::open(inputs, CorpusConfig::default()).unwrap();
    let mut seen = Vec::new();
    let options = RunOptions {
        threads,
        batch_bytes,
        ..RunOptions::default()
    };
    let summary = Pipeline::new(options).unwrap().run_with(
        &corpus,
        &annotator,
        |doc, annotation| doc.text.len() + annotation.mentions.len(),
        |doc, annotation, extra| {
            let mentions = annotation.mentions.iter();
            let mentions = mentions.map(|m| (m.start, m.entity.index())).collect();
            seen.push((doc.id.clone(), mentions, extra));
        },
        |_| {},
    );
    (seen, summary)
}

#[test]
fn every_batching_and_thread_count_gives_the_same_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    std::fs::write(
        &records,
        "{\"text\": \"Haftar met Putin.\"}\nnot json\n{\"text\": \"Wagner in Libya.\"}\n",
    )
    .unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let inputs = [seeds, records];
    let (reference, summary) = run_corpus(&inputs, 1, usize::MAX);
    assert_eq!(
        reference.len(),
        7,
        "the five seed files and two good records"
    );
    assert_eq!(summary.processed, 7);
    assert_eq!(summary.skipped.len(), 1, "the line that is not JSON");
    assert!(
        reference
            .iter()
            .all(|(_, mentions, _)| !mentions.is_empty())
    );
    // One document per batch, a few per batch, and everything at once, on 1 to 3 threads:
    // batches overlap with reading and the sink, but the sink sees corpus order.
    for (threads, batch_bytes) in [(1, 1), (2, 1), (3, 1), (2, 20_000), (3, usize::MAX)] {
        let (seen, other) = run_corpus(&inputs, threads, batch_bytes);
        let what = format!("{threads} threads, batches of {batch_bytes} bytes");
        assert!(seen == reference, "{what}: another sequence");
        assert_eq!(other, summary, "{what}");
    }
}

#[test]
fn a_panic_on_one_document_skips_that_document_only() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    std::fs::write(
        &records,
        "{\"text\": \"Haftar met Putin.\"}\n{\"text\": \"Wagner in Libya.\"}\n",
    )
    .unwrap();
    let corpus = Corpus::open(&[records], CorpusConfig::default()).unwrap();
    let mut sunk = Vec::new();
    for threads in [1, 2] {
        sunk.clear();
        let options = RunOptions {
            threads,
            ..RunOptions::default()
        };
        let summary = Pipeline::new(options).unwrap().run_with(
            &corpus,
            &annotator,
            |doc, _| assert!(!doc.text.contains("Wagner"), "a bug"),
            |doc, _, ()| sunk.push(doc.id.clone()),
            |_| {},
        );
        assert_eq!(sunk.len(), 1);
        assert_eq!(summary.processed, 1);
        assert_eq!(summary.skipped.len(), 1);
        let skipped = summary.skipped[0].to_string();
        assert!(
            skipped.ends_with("#2: internal error (a bug); please report it"),
            "{skipped}"
        );
    }
}
