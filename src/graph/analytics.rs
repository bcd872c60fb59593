//! Node analytics on the (filtered) graph: degree and weighted degree.

use petgraph::graph::DiGraph;

use super::document::{EdgeRecord, NodeRecord};

/// Fills the analytics fields of every node.
pub fn analyse(graph: &mut DiGraph<NodeRecord, EdgeRecord>) {
    for n in graph.node_indices() {
        let mut neighbours: Vec<_> = graph.neighbors_undirected(n).collect();
        neighbours.sort_unstable();
        neighbours.dedup();
        let weighted: f64 = graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .chain(graph.edges_directed(n, petgraph::Direction::Incoming))
            .map(|e| e.weight().weight)
            .sum();
        let node = &mut graph[n];
        node.degree = neighbours.len() as u64;
        node.weighted_degree = super::round(weighted);
    }
}
