//! The graph engine, shaped like aho-corasick's builder → automaton → matches: a
//! [`GraphBuilder`] holds the configuration (options, relation rules), its
//! [`GraphBuilder::engine`] compiles the annotator and starts the worker threads, and the
//! [`GraphEngine`] turns a corpus into a [`GraphDocument`]: [`GraphEngine::part`] on the
//! workers, [`Aggregate::add`] in corpus order, [`Aggregate::finish`] at the end.
//! [`GraphBuilder::build`] does it all in one call.

use super::aggregate::{Aggregate, DocumentPairs, DocumentPart};
use super::{BuildOptions, GraphDocument};
use crate::corpus::Corpus;
use crate::counts::{CountTable, Counter};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::mentions::{Annotation, Annotator};
use crate::pipeline::{Pipeline, Summary};
use crate::relations::Relations;
use crate::time::{NaiveDate, Period};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How to build a graph over the entities of a gazetteer.
#[derive(Debug, Clone)]
pub struct GraphBuilder<'g> {
    gazetteer: &'g Gazetteer,
    relations: Option<Relations>,
    options: BuildOptions,
}

impl<'g> GraphBuilder<'g> {
    /// A co-occurrence graph of the entities of `gazetteer`, with the default options.
    pub fn new(gazetteer: &'g Gazetteer) -> GraphBuilder<'g> {
        GraphBuilder {
            gazetteer,
            relations: None,
            options: BuildOptions::default(),
        }
    }

    /// Also extracts typed relations with `relations` (compiled for the same gazetteer);
    /// rules without any relation type extract nothing and leave the graph as without them.
    pub fn relations(mut self, relations: Relations) -> GraphBuilder<'g> {
        self.relations = Some(relations).filter(|r| !r.is_empty());
        self
    }

    /// Sets the options.
    pub fn options(mut self, options: BuildOptions) -> GraphBuilder<'g> {
        self.options = options;
        self
    }

    /// Compiles the annotator and starts the worker threads.
    pub fn engine(self) -> Result<GraphEngine<'g>> {
        Ok(GraphEngine {
            annotator: Annotator::new(self.gazetteer)?,
            fingerprint: OnceLock::new(),
            pipeline: Pipeline::new(self.options.run)?,
            relations: self.relations,
            options: self.options,
        })
    }

    /// The complete graph of `corpus`, in one call.
    pub fn build(self, corpus: &Corpus) -> Result<Built> {
        Ok(self.engine()?.run(corpus, |_| {}))
    }
}

/// A graph built over a corpus, and how the run went.
#[derive(Debug, Clone)]
pub struct Built {
    /// The complete graph: scores, no filters, no analytics yet.
    pub document: GraphDocument,
    /// Documents processed and skipped.
    pub summary: Summary,
    /// The graphs of the corpus's periods, when asked for ([`GraphEngine::run_sliced`]).
    pub slices: Vec<Slice>,
    /// Mentions and documents per entity in every part of the articles, as `gazegraph counts`
    /// gives them (the graph's nodes count the parts it was built from).
    pub counts: CountTable,
}

/// The graph of the documents of one period: complete, like [`Built::document`], so that
/// the slices of a corpus add up to its graph.
#[derive(Debug, Clone)]
pub struct Slice {
    /// The period's first day; `None` for the slice of undated documents.
    pub start: Option<NaiveDate>,
    /// Its name ([`Period::label`]), or `undated`.
    pub label: String,
    /// The graph of its documents (`corpus.skipped` is 0: skips belong to no period).
    pub document: GraphDocument,
}

/// The label of the slice of undated documents.
pub const UNDATED: &str = "undated";

/// A compiled [`GraphBuilder`]: its annotator, relation extractor and worker threads.
#[derive(Debug)]
pub struct GraphEngine<'g> {
    annotator: Annotator<'g>,
    /// The gazetteer's fingerprint, once an aggregate has finished.
    fingerprint: OnceLock<String>,
    relations: Option<Relations>,
    options: BuildOptions,
    pipeline: Pipeline,
}

impl<'g> GraphEngine<'g> {
    /// The complete graph of `corpus`, calling `progress` after each batch with the totals
    /// so far.
    pub fn run(&self, corpus: &Corpus, progress: impl FnMut(&Summary)) -> Built {
        self.run_sliced(corpus, None, progress)
    }

    /// [`GraphEngine::run`], and with `slice`, the graph of each period of that unit that
    /// has documents, in time order, the undated documents' last ([`Built::slices`]).
    pub fn run_sliced(
        &self,
        corpus: &Corpus,
        slice: Option<Period>,
        progress: impl FnMut(&Summary),
    ) -> Built {
        let mut aggregate = self.aggregate();
        let mut slices: BTreeMap<(bool, Option<NaiveDate>), Aggregate<'_>> = BTreeMap::new();
        let gazetteer = self.annotator.gazetteer();
        let mut counter = Counter::new(gazetteer);
        let summary = self.pipeline.run_with(
            corpus,
            &self.annotator,
            |doc, annotation| self.part(&doc.text, annotation),
            |doc, annotation, part| {
                counter.add(&annotation.mentions);
                let (id, dated, locator) = (&doc.id, doc.dated, doc.locator());
                // A sliced run adds each document to its slice only: the whole graph is
                // the slices added up, below.
                let into = match slice {
                    Some(unit) => {
                        let start = dated.map(|d| unit.start(d.date));
                        let into = slices.entry((start.is_none(), start));
                        into.or_insert_with(|| self.aggregate())
                    }
                    None => &mut aggregate,
                };
                into.add_dated(id, dated, &locator, annotation, &part);
            },
            progress,
        );
        for part in slices.values() {
            aggregate.absorb(part);
        }
        let document = aggregate.finish(summary.skipped.len() as u64);
        let slices = slices
            .into_iter()
            .map(|((_, start), aggregate)| Slice {
                start,
                label: match (start, slice) {
                    (Some(start), Some(unit)) => unit.label(start),
                    _ => UNDATED.to_owned(),
                },
                document: aggregate.finish(0),
            })
            .collect();
        Built {
            document,
            summary,
            slices,
            counts: counter.table(gazetteer),
        }
    }

    /// What one annotated document adds to the graph, found apart from every other document
    /// (on any thread).
    pub fn part(&self, text: &str, annotation: &Annotation) -> DocumentPart {
        let kept = annotation.in_parts(self.options.parts);
        let used = kept.as_ref().unwrap_or(annotation);
        DocumentPart {
            pairs: DocumentPairs::new(self.options, text, used),
            relations: self
                .relations
                .as_ref()
                .map(|r| r.extract(text, used))
                .unwrap_or_default(),
            kept,
        }
    }

    /// An empty graph, to which documents and their parts are added in corpus order.
    pub fn aggregate(&self) -> Aggregate<'_> {
        Aggregate::new(
            self.annotator.gazetteer(),
            &self.fingerprint,
            self.options,
            self.relations.as_ref(),
        )
    }

    /// The annotator, for documents not read from a [`Corpus`].
    pub fn annotator(&self) -> &Annotator<'g> {
        &self.annotator
    }

    /// The worker threads, which the run's later parallel stages (analytics, export) share.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }
}
