//! Driving a corpus through the annotator: streaming, parallel, deterministic.
//!
//! A [`Pipeline`] starts a run's worker threads once. Documents are read in batches on a
//! reader thread; each batch is annotated in parallel on the workers, then handed to the
//! caller's sink in corpus order, while the workers annotate the next batch and the reader
//! reads the one after. Memory holds a few batches, not the corpus, and the sink sees the
//! same sequence whatever the thread count or batch size, so every output is byte-identical
//! for 1 or 8 threads. The same workers then serve the run's other parallel stages
//! (analytics, export) through [`Pipeline::install`].

use rayon::prelude::*;

use crate::corpus::{Corpus, Document, Entry, SkipReason, Skipped};
use crate::error::{Error, Result};
use crate::mentions::{Annotation, Annotator, Scratch};

/// How a run went, for the summary every command prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents annotated.
    pub processed: u64,
    /// Bytes of text annotated.
    pub bytes: u64,
    /// Mentions found.
    pub mentions: u64,
    /// Matches of shared aliases left unresolved.
    pub unresolved: u64,
    /// Documents skipped, with the reason, in corpus order.
    pub skipped: Vec<Skipped>,
}

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Worker threads; 0 means all cores.
    pub threads: usize,
    /// Bytes of text per batch: larger batches balance better, smaller ones hold less.
    pub batch_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            threads: 0,
            batch_bytes: 8 << 20,
        }
    }
}

/// A batch of documents with, for each, its annotation and per-document result, or the
/// message of the panic that annotating it raised.
type Annotated<T> = (
    Vec<Document>,
    Vec<std::result::Result<(Annotation, T), String>>,
);

/// Annotates one document and runs `map` on it, catching a panic so that a bug triggered by
/// one document costs that document, not the run.
fn annotate_one<T>(
    annotator: &Annotator<'_>,
    map: &impl Fn(&Document, &Annotation) -> T,
    scratch: &mut Scratch,
    doc: &Document,
) -> std::result::Result<(Annotation, T), String> {
    let work = std::panic::AssertUnwindSafe(|| {
        let annotation = annotator.annotate_with(&doc.text, scratch);
        let extra = map(doc, &annotation);
        (annotation, extra)
    });
    std::panic::catch_unwind(work).map_err(|payload| {
        *scratch = Scratch::default(); // it may have been left half-filled
        match (
            payload.downcast_ref::<&str>(),
            payload.downcast_ref::<String>(),
        ) {
            (Some(message), _) => (*message).to_owned(),
            (_, Some(message)) => message.clone(),
            _ => "a panic".to_owned(),
        }
    })
}

/// The next documents of `entries`, up to about `bytes` of text; skipped entries go to
/// `skipped`. Empty at the end of the corpus.
fn read_batch(
    entries: &mut impl Iterator<Item = Entry>,
    bytes: usize,
    skipped: &mut Vec<Skipped>,
) -> Vec<Document> {
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    while batch.is_empty() || batch_bytes < bytes {
        match entries.next() {
            Some(Entry::Document(doc)) => {
                batch_bytes += doc.text.len();
                batch.push(doc);
            }
            Some(Entry::Skipped(skip)) => skipped.push(skip),
            None => break,
        }
    }
    batch
}

/// Hands a batch's annotated documents to `sink` in corpus order, counting them in `summary`;
/// a document whose annotation panicked is counted as skipped instead.
fn hand_over<T>(
    batch: &[Document],
    results: Vec<std::result::Result<(Annotation, T), String>>,
    summary: &mut Summary,
    sink: &mut impl FnMut(&Document, &Annotation, T),
) {
    for (doc, result) in batch.iter().zip(results) {
        let (annotation, extra) = match result {
            Ok(done) => done,
            Err(message) => {
                summary.skipped.push(Skipped {
                    source: doc.id.clone(),
                    reason: SkipReason::Failed(message),
                });
                continue;
            }
        };
        summary.processed += 1;
        summary.bytes += doc.text.len() as u64;
        summary.mentions += annotation.mentions.len() as u64;
        summary.unresolved += annotation.unresolved.len() as u64;
        sink(doc, &annotation, extra);
    }
}

/// A run's worker threads, and how it reads its corpus.
#[derive(Debug)]
pub struct Pipeline {
    pool: rayon::ThreadPool,
    batch_bytes: usize,
}

impl Pipeline {
    /// Starts the worker threads.
    pub fn new(options: RunOptions) -> Result<Pipeline> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads)
            .build()
            .map_err(|e| {
                Error::Invalid(format!("cannot start {} threads: {e}", options.threads))
            })?;
        Ok(Pipeline {
            pool,
            batch_bytes: options.batch_bytes,
        })
    }

    /// Runs `work` on the worker threads: rayon's parallel iterators inside it use them.
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.pool.install(work)
    }

    /// Annotates every document of `corpus`, calling `sink` once per document in corpus order
    /// and `progress` after each batch with the totals so far.
    pub fn run(
        &self,
        corpus: &Corpus,
        annotator: &Annotator<'_>,
        mut sink: impl FnMut(&Document, &Annotation),
        progress: impl FnMut(&Summary),
    ) -> Summary {
        self.run_with(
            corpus,
            annotator,
            |_, _| (),
            |doc, annotation, ()| sink(doc, annotation),
            progress,
        )
    }

    /// [`Pipeline::run`], with per-document work `map` (relation extraction, say) done on the
    /// worker threads beside annotation; `sink` gets its result, still in corpus order. A
    /// panic while annotating or mapping a document skips that document as
    /// [`SkipReason::Failed`].
    pub fn run_with<T: Send>(
        &self,
        corpus: &Corpus,
        annotator: &Annotator<'_>,
        map: impl Fn(&Document, &Annotation) -> T + Sync,
        mut sink: impl FnMut(&Document, &Annotation, T),
        mut progress: impl FnMut(&Summary),
    ) -> Summary {
        let (pool, batch_bytes) = (&self.pool, self.batch_bytes);
        let mut summary = Summary::default();
        std::thread::scope(|threads| {
            // A reader thread parses documents into batches (one waits in the channel) while the
            // calling thread hands the previous batch to the sink and the pool annotates the
            // current one: reading and aggregation, which must keep corpus order, overlap with
            // the parallel work instead of idling it.
            let (sender, receiver) = std::sync::mpsc::sync_channel(1);
            threads.spawn(move || {
                let mut entries = corpus.entries();
                loop {
                    let mut skipped = Vec::new();
                    let batch = read_batch(&mut entries, batch_bytes, &mut skipped);
                    let end = batch.is_empty();
                    if sender.send((batch, skipped)).is_err() || end {
                        break;
                    }
                }
            });
            let receive = |summary: &mut Summary| {
                let (batch, skipped) = receiver.recv().unwrap_or_default();
                summary.skipped.extend(skipped);
                batch
            };
            let mut current = receive(&mut summary);
            let mut done: Option<Annotated<T>> = None;
            loop {
                let mut results = Vec::new();
                pool.in_place_scope(|scope| {
                    if !current.is_empty() {
                        let (batch, results) = (&current, &mut results);
                        let map = &map;
                        scope.spawn(move |_| {
                            *results = batch
                                .par_iter()
                                .map_init(Scratch::default, |scratch, doc| {
                                    annotate_one(annotator, map, scratch, doc)
                                })
                                .collect();
                        });
                    }
                    if let Some((batch, results)) = done.take() {
                        hand_over(&batch, results, &mut summary, &mut sink);
                        progress(&summary);
                    }
                });
                if current.is_empty() {
                    break; // the corpus has ended, and its last batch has been sunk
                }
                let next = receive(&mut summary);
                done = Some((std::mem::replace(&mut current, next), results));
            }
        });
        summary
    }
}

#[cfg(test)]
mod tests {
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
}
