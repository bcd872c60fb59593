//! The network: co-occurrence counts, typed relations, association scores, evidence, filters
//! and merging.
//!
//! A [`GraphBuilder`] ([`engine`]) drives a corpus through the annotator and relation
//! extractor; its [`Aggregate`] ([`aggregate`]) adds the documents up into counts that add up
//! exactly across shards, and [`Aggregate::finish`] turns them into a [`GraphDocument`]
//! ([`document`], which also reads it back) with [`scores`]. Typed relations
//! ([`crate::relations`]) become edges of their own kind beside the co-occurrence edges of the
//! same pair: directed (source is the subject) unless the type is symmetric, counted per
//! statement, with the negated statements counted apart and every kept evidence item naming
//! its cue and rule. Relation edges have no association scores (they stay 0, so a score
//! `--weight` gives them weight 0; use `count` or `documents` to weigh them). A [`Network`]
//! ([`network`]) holds a document as a petgraph graph for [`filter`]ing and [`analytics`], and
//! turns back into a document for export. [`merge()`] adds documents built from disjoint
//! shards: the result equals the document of one run over everything.

pub mod aggregate;
pub mod analytics;
pub mod backbone;
pub mod document;
pub mod engine;
pub mod filter;
pub mod lookup;
pub mod merge;
pub mod network;
pub mod options;
mod overlap;
pub mod scores;
mod seen;

pub(crate) use aggregate::keep_smallest;
pub use aggregate::{Aggregate, DocumentPart};
pub(crate) use document::sort;
pub use document::{
    CorpusStats, EdgeRecord, Evidence, GraphDocument, GraphOptions, NodeRecord, Span,
};
pub use engine::{Built, GraphBuilder, GraphEngine, Slice, UNDATED};
pub use filter::{Edges, Filter};
pub use merge::merge;
pub use network::Network;
pub use options::{BuildOptions, COOCCURRENCE, Weight, Window};
pub use scores::Scores;
pub(crate) use scores::{rescore, round};
