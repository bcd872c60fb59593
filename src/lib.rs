//! gazegraph turns news text into evidence-backed networks of people, states, groups and
//! places.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! corpus → text (normalise, segment) → matcher → mentions → relations → counts / graph → export
//! ```
//!
//! * [`gazetteer`] loads curated entity lists (RON) and checks them;
//! * [`corpus`] reads documents from files, directories, stdin, JSONL and CSV;
//! * [`text`] defines how text folds for matching (lowercase ASCII words) and splits it into
//!   paragraphs and sentences;
//! * [`matcher`] finds every alias with Aho-Corasick, whole words only, folding the text as it
//!   feeds the automaton, so offsets stay those of the original;
//! * [`mentions`] resolves partial and ambiguous names per document;
//! * [`counts`] tallies mentions per entity;
//! * [`relations`] finds typed relations (who meets, backs, arms, fights, leads whom, and where)
//!   between the mentions of a sentence, with rules users can read and extend;
//! * [`pipeline`] drives a corpus through them in parallel, deterministically;
//! * [`graph`] aggregates co-occurrences and relations into a network with scores, evidence
//!   and analytics;
//! * [`export`] writes it as RON, DOT, JSON, GraphML and CSV, and renders pictures.
//!
//! # Finding mentions
//!
//! ```
//! use gazegraph::{gazetteer::Gazetteer, matcher::Matcher, mentions::Annotator};
//!
//! let gazetteer = Gazetteer::builtin()?;
//! let matcher = Matcher::new(&gazetteer)?;
//! let annotator = Annotator::new(&gazetteer, &matcher);
//! let text = "Russia-backed Khalifa Haftar met Putin. Haftar's LNA advanced.";
//! let found: Vec<(&str, &str)> = annotator
//!     .annotate(text)
//!     .mentions
//!     .iter()
//!     .map(|m| (&text[m.start..m.end], gazetteer.entity(m.entity).id.as_str()))
//!     .collect();
//! assert_eq!(found, [
//!     ("Russia", "russia"),
//!     ("Khalifa Haftar", "khalifa_haftar"),
//!     ("Putin", "vladimir_putin"),
//!     ("Haftar", "khalifa_haftar"),
//!     ("LNA", "libyan_national_army"),
//! ]);
//! # Ok::<(), gazegraph::Error>(())
//! ```
//!
//! # Building a network from the seeds
//!
//! [`pipeline::run`] streams a [`corpus::Corpus`] through the annotator on all cores and
//! hands each document to a sink in a fixed order; [`graph::Cooccurrence`] turns the stream
//! into a [`graph::GraphDocument`], which every [`export`] format writes.
//!
//! ```
//! use gazegraph::{corpus::Corpus, gazetteer::Gazetteer, graph, matcher::Matcher};
//! use gazegraph::{mentions::Annotator, pipeline};
//!
//! # fn main() -> Result<(), gazegraph::Error> {
//! let gazetteer = Gazetteer::builtin()?;
//! let matcher = Matcher::new(&gazetteer)?;
//! let annotator = Annotator::new(&gazetteer, &matcher);
//! let corpus = Corpus::open(&["seeds".into()], Default::default())?;
//! let mut cooccurrence = graph::Cooccurrence::new(&gazetteer, Default::default());
//! let summary = pipeline::run(&corpus, &annotator, Default::default(),
//!     |doc, annotation| cooccurrence.add(&doc.id, &doc.text, annotation), |_| {})?;
//! let document = cooccurrence.finish(&summary);
//! let edge = document.edges.iter()
//!     .find(|e| e.source == "khalifa_haftar" && e.target == "wagner_group")
//!     .expect("Haftar and Wagner share a sentence in the seeds");
//! assert!(edge.count >= 1 && !edge.evidence.is_empty());
//! let dot = gazegraph::export::dot::to_dot(&document);
//! assert!(dot.starts_with("digraph"));
//! # Ok(())
//! # }
//! ```

pub mod corpus;
pub mod counts;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod matcher;
pub mod mentions;
pub mod pipeline;
pub mod relations;
mod source;
pub mod text;

pub use error::{Error, Result};
