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
use crate::mentions::{Annotation, Annotator, DocumentFacts, Scratch};
use crate::time::{DateRange, NaiveDate, date_document};

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
    /// Documents annotated that have a date, by where it came from: field, option, text
    /// (the order of [`crate::time::DateSource`]).
    pub dated: [u64; 3],
    /// Documents annotated without a date.
    pub undated: u64,
    /// Documents left out by [`RunOptions::range`] (not annotated, not counted above), and
    /// how many of them had no date.
    pub excluded: Excluded,
    /// Documents whose date field is not a date, with that field, in corpus order: they
    /// are processed, undated.
    pub bad_dates: Vec<(String, String)>,
}

/// Documents a date range left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Excluded {
    /// Dated outside the range.
    pub outside: u64,
    /// Undated, so outside any bounded range.
    pub undated: u64,
}

impl Summary {
    /// Documents annotated that have a date, whatever its source.
    pub fn dated_total(&self) -> u64 {
        self.dated.iter().sum()
    }
}

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Worker threads; 0 means all cores.
    pub threads: usize,
    /// Bytes of text per batch: larger batches balance better, smaller ones hold less and
    /// reuse their memory sooner (2 MiB rather than 8: half the page faults and peak memory 75
    /// → 47 MB for `counts` of the ISOT sample eight times over).
    pub batch_bytes: usize,
    /// The date of documents that have no date field (`--date`), before any found in text.
    pub date: Option<NaiveDate>,
    /// Only documents dated in this range are annotated (`--from`, `--to`).
    pub range: DateRange,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            threads: 0,
            batch_bytes: 2 << 20,
            date: None,
            range: DateRange::default(),
        }
    }
}

/// A batch of documents with, for each, its annotation and per-document result, or the
/// message of the panic that annotating it raised.
type Annotated<T> = (
    Vec<Document>,
    Vec<std::result::Result<(Annotation, T), String>>,
);

/// The date a document is annotated as of, for the dated aliases and titles of the
/// gazetteer ([`crate::gazetteer::dated`]): the one the corpus reader found (its field,
/// `--date` or its first lines), set on the document before it reaches a worker.
fn document_date(doc: &Document) -> Option<chrono::NaiveDate> {
    doc.dated.map(|dated| dated.date)
}

/// Annotates one document and runs `map` on it, catching a panic so that a bug triggered by
/// one document costs that document, not the run.
fn annotate_one<T>(
    annotator: &Annotator<'_>,
    map: &impl Fn(&Document, &Annotation) -> T,
    scratch: &mut Scratch,
    doc: &Document,
) -> std::result::Result<(Annotation, T), String> {
    let work = std::panic::AssertUnwindSafe(|| {
        let facts = DocumentFacts {
            date: document_date(doc),
            headline: doc.title.as_ref().map(String::len),
        };
        let annotation = annotator.annotate_in(&doc.text, facts, scratch);
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

/// What the reader leaves out of a batch: skipped entries and documents outside the range.
#[derive(Debug, Default)]
struct Left {
    skipped: Vec<Skipped>,
    excluded: Excluded,
}

/// The next documents of `entries`, dated, up to about `bytes` of text; skipped entries and
/// documents outside `options.range` go to `left`. Empty at the end of the corpus.
fn read_batch(
    entries: &mut impl Iterator<Item = Entry>,
    bytes: usize,
    options: &RunOptions,
    left: &mut Left,
) -> Vec<Document> {
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    while batch.is_empty() || batch_bytes < bytes {
        match entries.next() {
            Some(Entry::Document(mut doc)) => {
                doc.dated = date_document(doc.date.as_deref(), &doc.text, options.date);
                let date = doc.dated.map(|d| d.date);
                if !options.range.contains(date) {
                    match date {
                        Some(_) => left.excluded.outside += 1,
                        None => left.excluded.undated += 1,
                    }
                    continue;
                }
                batch_bytes += doc.text.len();
                batch.push(doc);
            }
            Some(Entry::Skipped(skip)) => left.skipped.push(skip),
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
        match (doc.dated, &doc.date) {
            (Some(dated), _) => summary.dated[dated.source as usize] += 1,
            (None, Some(raw)) => {
                summary.undated += 1;
                summary.bad_dates.push((doc.id.clone(), raw.clone()));
            }
            (None, None) => summary.undated += 1,
        }
        sink(doc, &annotation, extra);
    }
}

/// A run's worker threads, and how it reads its corpus.
#[derive(Debug)]
pub struct Pipeline {
    pool: rayon::ThreadPool,
    options: RunOptions,
}

impl Pipeline {
    /// Starts the worker threads.
    pub fn new(options: RunOptions) -> Result<Pipeline> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads)
            .build()
            .map_err(|error| Error::Threads {
                threads: options.threads,
                error,
            })?;
        Ok(Pipeline { pool, options })
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
        let (pool, options) = (&self.pool, &self.options);
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
                    let mut left = Left::default();
                    let batch = read_batch(&mut entries, options.batch_bytes, options, &mut left);
                    let end = batch.is_empty();
                    if sender.send((batch, left)).is_err() || end {
                        break;
                    }
                }
            });
            let receive = |summary: &mut Summary| {
                let (batch, left) = receiver.recv().unwrap_or_default();
                summary.skipped.extend(left.skipped);
                summary.excluded.outside += left.excluded.outside;
                summary.excluded.undated += left.excluded.undated;
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
mod tests;
