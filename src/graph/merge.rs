//! Merging graphs built over disjoint shards of a corpus.

use std::collections::BTreeMap;

use super::document::{self, EdgeRecord, GraphDocument, NodeRecord};
use super::seen::{self, Time};
use super::{keep_smallest, rescore, sort};
use crate::error::{Error, Result};

/// Adds graph documents built over disjoint shards of a corpus with the same gazetteer and
/// options; the result is the document of one run over all shards (analytics not yet run).
/// Shards seen to share a document (both holding evidence from the same document id) are
/// refused: the graph keeps no other record of its documents.
pub fn merge(documents: Vec<GraphDocument>) -> Result<GraphDocument> {
    super::overlap::check_disjoint(&documents)?;
    let mut documents = documents.into_iter();
    let mut total = documents.next().ok_or(Error::NothingToMerge)?;
    check_mergeable(&total)?;
    let mut nodes: BTreeMap<String, NodeRecord> = std::mem::take(&mut total.nodes)
        .into_iter()
        .map(|n| (n.id.clone(), n))
        .collect();
    let mut edges: BTreeMap<(String, String, String), EdgeRecord> =
        std::mem::take(&mut total.edges)
            .into_iter()
            .map(|e| ((e.source.clone(), e.target.clone(), e.kind.clone()), e))
            .collect();
    for doc in documents {
        check_mergeable(&doc)?;
        check_built_alike(&total, &doc)?;
        let c = &mut total.corpus;
        c.documents += doc.corpus.documents;
        c.skipped += doc.corpus.skipped;
        c.bytes += doc.corpus.bytes;
        c.mentions += doc.corpus.mentions;
        c.windows += doc.corpus.windows;
        c.dated += doc.corpus.dated;
        total.documents.extend(doc.documents);
        for node in doc.nodes {
            match nodes.get_mut(&node.id) {
                Some(n) => {
                    n.mentions += node.mentions;
                    n.documents += node.documents;
                    n.windows += node.windows;
                    let time = Time::of(node.first_seen, node.last_seen, node.periods);
                    seen::merge((&mut n.first_seen, &mut n.last_seen, &mut n.periods), time);
                }
                None => {
                    nodes.insert(node.id.clone(), node);
                }
            }
        }
        let cap = total.options.evidence_cap as usize;
        for edge in doc.edges {
            match edges.get_mut(&(edge.source.clone(), edge.target.clone(), edge.kind.clone())) {
                Some(e) => {
                    e.count += edge.count;
                    e.documents += edge.documents;
                    e.negated += edge.negated;
                    let time = Time::of(edge.first_seen, edge.last_seen, edge.periods);
                    seen::merge((&mut e.first_seen, &mut e.last_seen, &mut e.periods), time);
                    for item in edge.evidence {
                        keep_smallest(&mut e.evidence, item, cap);
                    }
                }
                None => {
                    edges.insert(
                        (edge.source.clone(), edge.target.clone(), edge.kind.clone()),
                        edge,
                    );
                }
            }
        }
    }
    total.nodes = nodes.into_values().collect();
    total.edges = edges.into_values().collect();
    for node in &mut total.nodes {
        (
            node.degree,
            node.weighted_degree,
            node.pagerank,
            node.betweenness,
            node.community,
        ) = (0, 0.0, 0.0, 0.0, 0);
    }
    rescore(&mut total);
    sort(&mut total);
    Ok(total)
}

/// Graphs merge only if built with the same gazetteer and options.
fn check_built_alike(a: &GraphDocument, b: &GraphDocument) -> Result<()> {
    if a.gazetteer == b.gazetteer && a.options == b.options {
        return Ok(());
    }
    let describe = |d: &GraphDocument| {
        format!(
            "gazetteer {}, window {}, weight {}, evidence {}, relation rules {}, parts {}",
            d.gazetteer,
            d.options.window,
            d.options.weight,
            d.options.evidence_cap,
            if d.options.relations.is_empty() {
                "none"
            } else {
                d.options.relations.as_str()
            },
            d.options.parts
        )
    };
    Err(Error::BuiltDifferently {
        first: describe(a),
        second: describe(b),
    })
}

/// A graph merges only if it is a valid document ([`document::validate`]: [`document::read`]
/// already checked files, but not documents made in memory) and complete.
fn check_mergeable(document: &GraphDocument) -> Result<()> {
    document::validate(document)?;
    if !document.options.filters.is_empty() {
        return Err(Error::FilteredGraph {
            filters: document.options.filters.clone(),
        });
    }
    Ok(())
}
