//! Which parts of a graph to keep.

use std::fmt;
use std::str::FromStr;

use crate::error::UnknownName;
use crate::gazetteer::Kind;

/// Which edges a graph keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edges {
    /// Co-occurrence and typed relations.
    #[default]
    Both,
    /// Co-occurrence only (relations are then not even extracted).
    Cooccurrence,
    /// Typed relations only.
    Relations,
}

impl fmt::Display for Edges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Edges::Both => "both",
            Edges::Cooccurrence => "cooccurrence",
            Edges::Relations => "relations",
        })
    }
}

impl FromStr for Edges {
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<Edges, UnknownName> {
        [Edges::Both, Edges::Cooccurrence, Edges::Relations]
            .into_iter()
            .find(|e| e.to_string() == s)
            .ok_or_else(|| UnknownName::new("edges", s, "cooccurrence, relations or both"))
    }
}

/// Which parts of a graph to keep; applied in field order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep only nodes of these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Which edges to keep.
    pub edges: Edges,
    /// Drop edges seen in fewer windows.
    pub min_count: u64,
    /// Drop edges whose weight is below this.
    pub min_score: Option<f64>,
    /// Keep the neighbourhood of this entity id, up to `depth` hops.
    pub ego: Option<(String, u32)>,
    /// Keep the N nodes of highest weighted degree.
    pub top: Option<usize>,
    /// Drop nodes without edges.
    pub drop_isolated: bool,
}

impl Filter {
    /// The filters as words for the document header, in the order they apply.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            out.push(format!("kinds={}", kinds.join(",")));
        }
        if self.edges != Edges::Both {
            out.push(format!("edges={}", self.edges));
        }
        if self.min_count > 1 {
            out.push(format!("min-count={}", self.min_count));
        }
        if let Some(s) = self.min_score {
            out.push(format!("min-score={s}"));
        }
        if let Some((id, depth)) = &self.ego {
            out.push(format!("ego={id}:{depth}"));
        }
        if let Some(n) = self.top {
            out.push(format!("top={n}"));
        }
        if self.drop_isolated {
            out.push("drop-isolated".to_owned());
        }
        out
    }
}
