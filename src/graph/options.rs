//! How a graph is built: the co-occurrence window, the evidence cap and the edge weight.

use std::fmt;
use std::str::FromStr;

use super::EdgeRecord;
use crate::error::UnknownName;
use crate::pipeline::RunOptions;
use crate::text::PartSet;

/// The edge kind of co-occurrence edges.
pub const COOCCURRENCE: &str = "cooccurrence";

/// What counts as "together".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
    /// Within N words after a mention (one window per mention).
    Tokens(u32),
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Document => f.write_str("document"),
            Window::Tokens(n) => write!(f, "tokens:{n}"),
        }
    }
}

impl FromStr for Window {
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<Window, UnknownName> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => s
                .strip_prefix("tokens:")
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .map(Window::Tokens)
                .ok_or_else(|| {
                    UnknownName::new(
                        "window",
                        s,
                        "sentence, paragraph, document or tokens:N (N > 0)",
                    )
                }),
        }
    }
}

/// The edge measure used as weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    /// Windows with both entities.
    #[default]
    Count,
    /// Documents with both entities.
    Documents,
    /// Pointwise mutual information (negative values count as 0).
    Pmi,
    /// Normalised PMI (negative values count as 0).
    Npmi,
    /// Dunning's log-likelihood ratio.
    Llr,
    /// Jaccard similarity of the windows.
    Jaccard,
}

impl Weight {
    const NAMES: [(&'static str, Weight); 6] = [
        ("count", Weight::Count),
        ("documents", Weight::Documents),
        ("pmi", Weight::Pmi),
        ("npmi", Weight::Npmi),
        ("llr", Weight::Llr),
        ("jaccard", Weight::Jaccard),
    ];

    /// The weight of an edge under this measure, never negative.
    pub fn of(self, edge: &EdgeRecord) -> f64 {
        let w = match self {
            Weight::Count => edge.count as f64,
            Weight::Documents => edge.documents as f64,
            Weight::Pmi => edge.pmi,
            Weight::Npmi => edge.npmi,
            Weight::Llr => edge.llr,
            Weight::Jaccard => edge.jaccard,
        };
        w.max(0.0)
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Weight::NAMES
            .iter()
            .find(|(_, w)| w == self)
            .map_or("count", |(n, _)| n);
        f.write_str(name)
    }
}

impl FromStr for Weight {
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<Weight, UnknownName> {
        Weight::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, w)| *w)
            .ok_or_else(|| {
                UnknownName::new("weight", s, "count, documents, pmi, npmi, llr or jaccard")
            })
    }
}

/// Options of a build, every default in one place (the command line takes its defaults from
/// here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// The co-occurrence window.
    pub window: Window,
    /// Evidence items kept per edge.
    pub evidence_cap: u32,
    /// The measure written as `weight` on edges.
    pub weight: Weight,
    /// Worker threads and batches of the run.
    pub run: RunOptions,
    /// The unit nodes and edges count their `periods` in.
    pub period: crate::time::Period,
    /// The parts of articles whose mentions make co-occurrences and relations (headline and
    /// body by default: not bylines, credits, captions, datelines or furniture).
    pub parts: PartSet,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            window: Window::Sentence,
            evidence_cap: 5,
            weight: Weight::Count,
            run: RunOptions::default(),
            period: crate::time::Period::default(),
            parts: PartSet::default(),
        }
    }
}

#[cfg(test)]
mod tests;
