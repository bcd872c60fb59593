//! gazegraph turns news text into evidence-backed networks of people, states, groups and
//! places.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! corpus → text (normalise, segment) → matcher → mentions → relations → graph → export
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
//! * [`pipeline`] drives a corpus through the annotator in parallel, deterministically;
//! * [`graph`] builds the network from a corpus (mentions, relations, co-occurrences) with
//!   scores, evidence and analytics, and reads it back;
//! * [`export`] writes it as RON, DOT, JSON, GraphML and CSV, and renders pictures;
//! * [`eval`] scores mentions against CoNLL-format gold.
//!
//! The types most callers need are re-exported here at the root.
//!
//! # Finding mentions
//!
//! ```
//! use gazegraph::{Annotator, Gazetteer};
//!
//! let gazetteer = Gazetteer::builtin()?;
//! let annotator = Annotator::new(&gazetteer)?;
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
//! A [`graph::GraphBuilder`] streams a [`corpus::Corpus`] through the annotator and the
//! relation extractor on all cores and adds the documents up in a fixed order into a
//! [`graph::GraphDocument`], which every [`export`] format writes; `gazegraph build` does
//! exactly this.
//!
//! ```
//! use gazegraph::{Corpus, Format, Gazetteer, GraphBuilder, Relations, RulesBuilder};
//!
//! # fn main() -> Result<(), gazegraph::Error> {
//! let gazetteer = Gazetteer::builtin()?;
//! let rules = Relations::new(&RulesBuilder::new().builtin().build()?, &gazetteer)?;
//! let corpus = Corpus::open(&["seeds".into()], Default::default())?;
//! let document = GraphBuilder::new(&gazetteer).relations(rules).build(&corpus)?.document;
//! let edge = document.edges.iter()
//!     .find(|e| e.source == "khalifa_haftar" && e.target == "wagner_group")
//!     .expect("Haftar and Wagner share a sentence in the seeds");
//! assert!(edge.count >= 1 && !edge.evidence.is_empty());
//! let dot = Format::Dot.render(&document);
//! assert!(dot.starts_with("digraph"));
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod corpus;
pub mod counts;
pub mod error;
pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod matcher;
pub mod mentions;
pub mod pipeline;
pub mod relations;
mod source;
pub mod text;
pub mod time;
pub mod timeline;
mod words;

pub use corpus::{Corpus, CorpusConfig, Document};
pub use error::{Error, Result, UnknownName};
pub use export::{Format, OutputSet};
pub use gazetteer::{Entity, EntityId, Gazetteer, GazetteerBuilder, Kind};
pub use graph::{BuildOptions, Filter, GraphBuilder, GraphDocument, Network};
pub use mentions::{Annotation, Annotator, Mention};
pub use relations::{Relations, RulesBuilder};
