//! The network: a graph document held as a petgraph graph, for filtering and analytics.

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap as HashMap;

use super::{COOCCURRENCE, EdgeRecord, Edges, Filter, GraphDocument, NodeRecord, analytics, sort};
use crate::error::{Error, Result};

/// A graph document held as a petgraph graph, for filtering and analytics.
#[derive(Debug, Clone)]
pub struct Network {
    /// The graph; co-occurrence edges point from the smaller id to the larger.
    pub(crate) graph: DiGraph<NodeRecord, EdgeRecord>,
    header: GraphDocument,
}

impl Network {
    /// Loads a document; an edge naming an unknown node is an error.
    pub fn from_document(mut document: GraphDocument) -> Result<Network> {
        let mut graph = DiGraph::new();
        let mut index: HashMap<String, NodeIndex> = HashMap::default();
        for node in std::mem::take(&mut document.nodes) {
            index.insert(node.id.clone(), graph.add_node(node));
        }
        for edge in std::mem::take(&mut document.edges) {
            let find = |id: &str| {
                index.get(id).copied().ok_or_else(|| Error::UnknownNode {
                    from: edge.source.clone(),
                    to: edge.target.clone(),
                    id: id.to_owned(),
                })
            };
            let (a, b) = (find(&edge.source)?, find(&edge.target)?);
            graph.add_edge(a, b, edge);
        }
        Ok(Network {
            graph,
            header: document,
        })
    }

    /// The graph; co-occurrence edges point from the smaller id to the larger.
    pub fn graph(&self) -> &DiGraph<NodeRecord, EdgeRecord> {
        &self.graph
    }

    /// The node of an entity id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph[i].id == id)
    }

    /// Applies `filter`, recording it in the header.
    pub fn filter(mut self, filter: &Filter) -> Result<Network> {
        let g = &mut self.graph;
        if !filter.kinds.is_empty() {
            g.retain_nodes(|g, n| filter.kinds.iter().any(|k| k.as_str() == g[n].kind));
        }
        match filter.edges {
            Edges::Both => {}
            Edges::Cooccurrence => g.retain_edges(|g, e| g[e].kind == COOCCURRENCE),
            Edges::Relations => g.retain_edges(|g, e| g[e].kind != COOCCURRENCE),
        }
        g.retain_edges(|g, e| g[e].count >= filter.min_count);
        if let Some(min) = filter.min_score {
            g.retain_edges(|g, e| g[e].weight >= min);
        }
        if let Some((id, depth)) = &filter.ego {
            if self.node(id).is_none() {
                return Err(Error::NotInGraph { id: id.clone() });
            }
            let keep = self.neighbourhood(id, *depth);
            self.graph.retain_nodes(|g, n| keep.contains(&g[n].id));
        }
        if let Some(top) = filter.top {
            let mut ranked: Vec<(f64, String)> = self
                .graph
                .node_indices()
                .map(|n| {
                    let w: f64 = self
                        .graph
                        .edges_directed(n, petgraph::Direction::Outgoing)
                        .map(|e| e.weight().weight)
                        .sum::<f64>()
                        + self
                            .graph
                            .edges_directed(n, petgraph::Direction::Incoming)
                            .map(|e| e.weight().weight)
                            .sum::<f64>();
                    (w, self.graph[n].id.clone())
                })
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let keep: BTreeSet<String> = ranked.into_iter().take(top).map(|(_, id)| id).collect();
            self.graph.retain_nodes(|g, n| keep.contains(&g[n].id));
        }
        if filter.drop_isolated {
            self.graph
                .retain_nodes(|g, n| g.neighbors_undirected(n).next().is_some());
        }
        self.header.options.filters.extend(filter.describe());
        Ok(self)
    }

    /// Ids within `depth` hops of `id`, edges taken in either direction.
    fn neighbourhood(&self, id: &str, depth: u32) -> BTreeSet<String> {
        let Some(start) = self.node(id) else {
            return BTreeSet::new();
        };
        let mut seen = BTreeSet::from([start]);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in self.graph.neighbors_undirected(n) {
                    if seen.insert(m) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        seen.into_iter().map(|n| self.graph[n].id.clone()).collect()
    }

    /// Computes degree, weighted degree, PageRank, betweenness and communities on the graph
    /// as it is now.
    pub fn analyse(&mut self) {
        analytics::analyse(&mut self.graph);
    }

    /// The graph as a sorted document.
    pub fn into_document(self) -> GraphDocument {
        let (nodes, edges) = self.graph.into_nodes_edges();
        let mut document = self.header;
        document.nodes = nodes.into_iter().map(|n| n.weight).collect();
        document.edges = edges.into_iter().map(|e| e.weight).collect();
        sort(&mut document);
        document
    }
}
