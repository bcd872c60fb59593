//! The default picture: the entities that matter most and the edges that say more than
//! frequency.
//!
//! Entities are ranked by PageRank. Co-occurrence edges are kept by the **disparity filter**
//! of Serrano, Boguñá and Vespignani (2009, "Extracting the multiscale backbone of complex
//! weighted networks", PNAS 106:6483): an edge stays when it carries more of either end's
//! strength than a uniform random split of that strength over the end's edges would give it,
//! at significance `alpha`. The test is local, so Russia's hundred ties do not drown a small
//! group's one strong tie, and hubs keep only the ties that stand out among their own; a
//! global floor on NPMI instead favours pairs of rare entities seen once or twice (NPMI is 1
//! for any pair always seen together), the noise a reader least needs. Typed relations are
//! statements, each worth reading: they form a layer of their own, ranked by the same test,
//! and the most significant are drawn up to a cap.

use std::collections::BTreeSet;

use super::{COOCCURRENCE, EdgeRecord, GraphDocument};

/// Entities in the default picture.
pub const TOP: usize = 40;

/// Significance level of the disparity filter in the default picture.
pub const ALPHA: f64 = 0.05;

/// At most this many co-occurrence edges per entity drawn in the default picture.
pub const COOCCURRENCE_PER_ENTITY: usize = 3;

/// For every edge of `document`, in order, the disparity filter's p-value: the smaller of
/// its two ends' `(1 - w/s)^(k-1)`, where `w` is the edge's count, `s` the sum of the counts
/// of the end's edges in the same layer and `k` their number. Co-occurrence is one layer and
/// typed relations (statements, all types together) another, so that the few statements
/// are not judged against the many windows. An end with a single edge in its layer cannot
/// judge it (its p-value is 1).
pub fn disparity(document: &GraphDocument) -> Vec<f64> {
    let index = |id: &str| {
        document
            .nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
    };
    let layer = |e: &EdgeRecord| usize::from(e.kind != COOCCURRENCE);
    let mut strength = vec![[0.0f64; 2]; document.nodes.len()];
    let mut degree = vec![[0u32; 2]; document.nodes.len()];
    let ends: Vec<Option<(usize, usize)>> = document
        .edges
        .iter()
        .map(|e| Some((index(&e.source)?, index(&e.target)?)))
        .collect();
    for (e, ends) in document.edges.iter().zip(&ends) {
        if let Some((a, b)) = *ends {
            for i in [a, b] {
                strength[i][layer(e)] += e.count as f64;
                degree[i][layer(e)] += 1;
            }
        }
    }
    let p = |i: usize, l: usize, w: f64| {
        if degree[i][l] < 2 || strength[i][l] <= 0.0 {
            1.0
        } else {
            (1.0 - w / strength[i][l]).powi(degree[i][l] as i32 - 1)
        }
    };
    document
        .edges
        .iter()
        .zip(ends)
        .map(|(e, ends)| match ends {
            Some((a, b)) => {
                let w = e.count as f64;
                p(a, layer(e), w).min(p(b, layer(e), w))
            }
            None => 1.0,
        })
        .collect()
}

/// The default picture of `document` (nodes sorted by id, as every document is): its `top`
/// entities by PageRank (ties by id); the co-occurrence edges among them that pass the
/// disparity filter at `alpha` over the whole graph; and of the typed relations among them,
/// the `top` most significant by the same test on the statement layer (a cap, not a
/// threshold: statements are few, and each is worth reading, until they are too many to
/// read). Co-occurrence is capped too, at [`COOCCURRENCE_PER_ENTITY`] edges per entity, the
/// most significant first, as a large corpus makes hundreds of edges significant. Entities left without an edge are dropped. The choice is recorded in the filters
/// of the header, so the caption says what was left out.
pub fn picture(document: &GraphDocument, top: usize, alpha: f64) -> GraphDocument {
    let mut ranked: Vec<usize> = (0..document.nodes.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (a, b) = (&document.nodes[a], &document.nodes[b]);
        b.pagerank
            .total_cmp(&a.pagerank)
            .then_with(|| a.id.cmp(&b.id))
    });
    let keep: BTreeSet<&str> = ranked
        .into_iter()
        .take(top)
        .map(|i| document.nodes[i].id.as_str())
        .collect();
    let significance = disparity(document);
    let among: Vec<(usize, f64)> = significance
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| {
            let e = &document.edges[i];
            keep.contains(e.source.as_str()) && keep.contains(e.target.as_str())
        })
        .collect();
    // Most significant first; among equals the most seen, then document order.
    let by_significance = |&(i, p): &(usize, f64), &(j, q): &(usize, f64)| {
        p.total_cmp(&q)
            .then_with(|| document.edges[j].count.cmp(&document.edges[i].count))
            .then_with(|| i.cmp(&j))
    };
    let (mut cooccurrence, mut relations): (Vec<_>, Vec<_>) = among
        .into_iter()
        .partition(|&(i, _)| document.edges[i].kind == COOCCURRENCE);
    cooccurrence.retain(|&(_, p)| p < alpha);
    cooccurrence.sort_by(by_significance);
    relations.sort_by(by_significance);
    let chosen: BTreeSet<usize> = cooccurrence
        .into_iter()
        .take(COOCCURRENCE_PER_ENTITY * top)
        .chain(relations.into_iter().take(top))
        .map(|(i, _)| i)
        .collect();
    let edges: Vec<EdgeRecord> = chosen
        .into_iter()
        .map(|i| document.edges[i].clone())
        .collect();
    // An entity whose every tie fell to the filter says nothing in a network picture.
    let linked: BTreeSet<&str> = edges
        .iter()
        .flat_map(|e: &EdgeRecord| [e.source.as_str(), e.target.as_str()])
        .collect();
    let mut picture = GraphDocument {
        nodes: document
            .nodes
            .iter()
            .filter(|n| linked.contains(n.id.as_str()))
            .cloned()
            .collect(),
        edges,
        ..header(document)
    };
    picture.options.filters.extend([
        format!("top-pagerank={top}"),
        format!("backbone=disparity:{alpha}"),
        format!("top-cooccurrence={}", COOCCURRENCE_PER_ENTITY * top),
        format!("top-relations={top}"),
        "drop-isolated".to_owned(),
    ]);
    picture
}

/// `document` without its nodes, edges and documents, which are not cloned.
fn header(document: &GraphDocument) -> GraphDocument {
    GraphDocument {
        format: document.format.clone(),
        version: document.version,
        tool: document.tool.clone(),
        gazetteer: document.gazetteer.clone(),
        options: document.options.clone(),
        corpus: document.corpus.clone(),
        nodes: Vec::new(),
        edges: Vec::new(),
        documents: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
