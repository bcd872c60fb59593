//! Text preparation: folding for matching ([`fold`]), whole-word search for folded phrases
//! (`phrases`, inside the crate), segmentation into paragraphs and
//! sentences ([`segment()`]) and the parts of a news article ([`parts()`]: headline, dateline,
//! byline, captions, credits, furniture, body). All keep offsets into the original text.

pub mod fold;
pub mod parts;
pub(crate) mod phrases;
pub mod segment;

pub use parts::{Dateline, Part, PartSet, Parts, parts};
pub use segment::{Segments, Sentence, segment};
