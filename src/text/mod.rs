//! Text preparation: folding for matching ([`fold`]) and segmentation into paragraphs and
//! sentences ([`segment()`]). Both keep offsets into the original text.

pub mod fold;
pub mod segment;

pub use segment::{Segments, Sentence, segment};
