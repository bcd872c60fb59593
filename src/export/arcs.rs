//! Edges as the arcs of a directed multigraph, for the readers (networkx, Gephi) that know a
//! graph as directed or not, never mixed.
//!
//! A relation is one arc, subject to object. An undirected edge (a co-occurrence, or a
//! symmetric relation such as `meets`) is two: the record as it is (`source` < `target`) and
//! its mirror, so that `G.has_edge(a, b)`
//! answers the same both ways round and Gephi draws a mutual pair. The mirror carries the
//! counts and scores but no evidence (the first arc has it), and says `mirror = true`, so a
//! reader that sums counts or weights over arcs drops the mirrors first.

use std::borrow::Cow;

use crate::graph::{EdgeRecord, GraphDocument};

/// One arc: an edge record, or the mirror of an undirected one.
pub(crate) struct Arc<'a> {
    /// The record, with `source` and `target` swapped in a mirror.
    pub edge: Cow<'a, EdgeRecord>,
    /// The edge's kind, borrowed from the document either way.
    pub kind: &'a str,
    /// Whether this is the second arc of an undirected edge.
    pub mirror: bool,
}

/// Every arc of `doc`, each undirected edge followed by its mirror.
pub(crate) fn arcs(doc: &GraphDocument) -> impl Iterator<Item = Arc<'_>> {
    doc.edges.iter().flat_map(|edge| {
        let mirror = (!edge.directed).then(|| Arc {
            edge: Cow::Owned(EdgeRecord {
                source: edge.target.clone(),
                target: edge.source.clone(),
                kind: edge.kind.clone(),
                evidence: Vec::new(),
                periods: edge.periods.clone(),
                ..*edge
            }),
            kind: &edge.kind,
            mirror: true,
        });
        let arc = Arc {
            edge: Cow::Borrowed(edge),
            kind: &edge.kind,
            mirror: false,
        };
        std::iter::once(arc).chain(mirror)
    })
}
