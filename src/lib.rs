//! gazegraph turns news text into evidence-backed networks of people, states, groups and
//! places.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! corpus → text (normalise, segment) → matcher → mentions → counts / graph → export
//! ```
//!
//! * [`gazetteer`] loads curated entity lists (RON) and checks them;
//! * [`corpus`] reads documents from files, directories, stdin, JSONL and CSV;
//! * [`text`] folds text for matching (keeping a map back to original offsets) and splits it
//!   into paragraphs and sentences;
//! * [`matcher`] finds every alias with Aho-Corasick, whole words only, longest match first;
//! * [`mentions`] resolves partial and ambiguous names per document;
//! * [`counts`] tallies mentions per entity.
//!
//! ```
//! use gazegraph::{gazetteer::Gazetteer, matcher::Matcher, mentions::Annotator};
//!
//! let gazetteer = Gazetteer::builtin().unwrap();
//! let matcher = Matcher::new(&gazetteer).unwrap();
//! let annotator = Annotator::new(&gazetteer, &matcher);
//! let doc = annotator.annotate("d1", "Russia-backed Khalifa Haftar met Putin. Haftar's LNA advanced.");
//! let ids: Vec<&str> = doc.mentions.iter().map(|m| gazetteer.entity(m.entity).id.as_str()).collect();
//! assert_eq!(ids, ["russia", "khalifa_haftar", "vladimir_putin", "khalifa_haftar", "libyan_national_army"]);
//! ```

pub mod corpus;
pub mod counts;
pub mod error;
pub mod export;
pub mod graph;
pub mod gazetteer;
pub mod matcher;
pub mod mentions;
pub mod pipeline;
pub mod text;

pub use error::{Error, Result};
