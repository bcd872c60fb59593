//! Node analytics on the (filtered) graph: degree, weighted degree, PageRank, betweenness
//! and Louvain communities.
//!
//! Every result depends only on the node ids and the edges, never on petgraph's index or edge
//! order (filters swap-remove nodes, so index order is not id order): nodes are numbered by id,
//! adjacency lists are sorted and parallel edges merged before anything is summed, and
//! everything runs single-threaded. Floats are rounded to 9 significant decimals, so exports
//! are stable across platforms.
//!
//! Two views of the graph are used:
//!
//! * the *flow* view, for PageRank: co-occurrence edges (and any edge marked undirected) go
//!   both ways, relations go from source to target;
//! * the *undirected* view, for degree, betweenness and communities: every edge links its two
//!   ends, parallel edges are merged and their weights added.

use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use rustworkx_core::centrality::betweenness_centrality;

use super::COOCCURRENCE;
use super::document::{EdgeRecord, NodeRecord};

/// PageRank damping factor.
pub const DAMPING: f64 = 0.85;
/// PageRank stops when the L1 change between two iterations is below this.
pub const TOLERANCE: f64 = 1e-10;
/// PageRank stops after this many iterations even if not converged.
pub const MAX_ITERATIONS: usize = 200;
/// Louvain's local moving phase stops after this many passes over the nodes (a safety net:
/// every move strictly increases modularity, so it ends long before in practice).
const MAX_PASSES: usize = 1000;
/// A move must beat staying by this much (relative to the node's degree) to count as an
/// improvement, so rounding noise never makes nodes oscillate.
const MIN_GAIN: f64 = 1e-12;

/// Fills the analytics fields of every node: degree, weighted degree, PageRank, betweenness and
/// community.
pub fn analyse(graph: &mut DiGraph<NodeRecord, EdgeRecord>) {
    let view = View::new(graph);
    // Each measure is computed on one thread, in a fixed order, so its floating-point sums
    // never depend on scheduling; the three run side by side.
    let (pagerank, (betweenness, communities)) = rayon::join(
        || pagerank(&view.flow),
        || rayon::join(|| betweenness(&view.neighbours), || communities(&view)),
    );
    for (p, &n) in view.order.iter().enumerate() {
        let node = &mut graph[n];
        node.degree = view.neighbours[p].len() as u64;
        node.weighted_degree = super::round(view.strength[p]);
        node.pagerank = super::round(pagerank[p]);
        node.betweenness = super::round(betweenness[p]);
        node.community = communities[p];
    }
}

/// Adjacency lists: for each node, its neighbours in increasing order with the summed weight.
type Adjacency = Vec<Vec<(usize, f64)>>;

/// The graph renumbered by id, as adjacency lists.
struct View {
    /// Graph node at each position; positions are in id order.
    order: Vec<NodeIndex>,
    /// Directed weighted adjacency for PageRank (self-loops kept).
    flow: Adjacency,
    /// Undirected weighted adjacency without self-loops.
    neighbours: Adjacency,
    /// Weight of each node's self-loops.
    loops: Vec<f64>,
    /// Sum of the weights of each node's edges (self-loops count twice).
    strength: Vec<f64>,
}

impl View {
    fn new(graph: &DiGraph<NodeRecord, EdgeRecord>) -> View {
        let mut order: Vec<NodeIndex> = graph.node_indices().collect();
        order.sort_by(|&a, &b| graph[a].id.cmp(&graph[b].id).then(a.cmp(&b)));
        let mut position = vec![0; graph.node_count()];
        for (p, n) in order.iter().enumerate() {
            position[n.index()] = p;
        }
        let mut flow = Vec::with_capacity(graph.edge_count() * 2);
        let mut undirected = Vec::with_capacity(graph.edge_count() * 2);
        for e in graph.raw_edges() {
            let (a, b) = (position[e.source().index()], position[e.target().index()]);
            let w = clean(e.weight.weight);
            flow.push((a, b, w));
            if a != b {
                if e.weight.kind == COOCCURRENCE || !e.weight.directed {
                    flow.push((b, a, w));
                }
                undirected.push((b, a, w));
            }
            undirected.push((a, b, w));
        }
        let n = order.len();
        let flow = adjacency(n, flow);
        let mut neighbours = adjacency(n, undirected);
        let mut loops = vec![0.0; n];
        for (a, list) in neighbours.iter_mut().enumerate() {
            if let Ok(i) = list.binary_search_by_key(&a, |&(b, _)| b) {
                loops[a] = list.remove(i).1;
            }
        }
        let strength = neighbours
            .iter()
            .zip(&loops)
            .map(|(list, l)| list.iter().map(|&(_, w)| w).sum::<f64>() + 2.0 * l)
            .collect();
        View {
            order,
            flow,
            neighbours,
            loops,
            strength,
        }
    }
}

/// A usable weight: negative, NaN and infinite weights count as 0.
fn clean(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 { w } else { 0.0 }
}

/// Adjacency lists of `n` nodes from `(from, to, weight)` arcs, parallel arcs merged. The arcs
/// are sorted first (weights included), so the sums do not depend on the input order.
fn adjacency(n: usize, mut arcs: Vec<(usize, usize, f64)>) -> Adjacency {
    arcs.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
    let mut lists: Adjacency = vec![Vec::new(); n];
    for (a, b, w) in arcs {
        let list = &mut lists[a];
        match list.last_mut() {
            Some((last, sum)) if *last == b => *sum += w,
            _ => list.push((b, w)),
        }
    }
    lists
}

/// Weighted PageRank by power iteration; nodes without outgoing weight (dangling) spread their
/// score uniformly. The scores sum to 1.
fn pagerank(out: &Adjacency) -> Vec<f64> {
    let n = out.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let totals: Vec<f64> = out
        .iter()
        .map(|list| list.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = x
            .iter()
            .zip(&totals)
            .filter(|&(_, &t)| t <= 0.0)
            .map(|(v, _)| v)
            .sum();
        next.fill((1.0 - DAMPING) / nf + DAMPING * dangling / nf);
        for (u, list) in out.iter().enumerate() {
            if totals[u] > 0.0 {
                let share = DAMPING * x[u] / totals[u];
                for &(v, w) in list {
                    next[v] += share * w;
                }
            }
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    let total: f64 = x.iter().sum();
    x.iter().map(|v| v / total).collect()
}

/// Normalised betweenness on the undirected, unweighted view (Brandes, via rustworkx-core,
/// single-threaded).
fn betweenness(neighbours: &Adjacency) -> Vec<f64> {
    let n = neighbours.len();
    let edges = neighbours.iter().map(Vec::len).sum::<usize>() / 2;
    let mut g = UnGraph::<(), ()>::with_capacity(n, edges);
    for _ in 0..n {
        g.add_node(());
    }
    for (a, list) in neighbours.iter().enumerate() {
        for &(b, _) in list.iter().filter(|&&(b, _)| a < b) {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
    }
    // A threshold no graph reaches keeps it on one thread, so sums happen in a fixed order.
    betweenness_centrality(&g, false, true, usize::MAX)
        .into_iter()
        .map(|b| b.unwrap_or(0.0))
        .collect()
}

/// One level of the Louvain hierarchy: an undirected weighted graph with self-loops.
struct Level {
    /// Neighbours other than the node itself, each undirected edge listed at both ends.
    neighbours: Adjacency,
    /// Self-loop weight of each node (each such edge listed once).
    loops: Vec<f64>,
}

/// Community numbers by Louvain modularity optimisation, renumbered by size: 0 is the
/// largest community (ties: the one with the smallest member id), then the next; isolated
/// nodes come last, one community each, in id order.
fn communities(view: &View) -> Vec<u32> {
    let n = view.order.len();
    let mut membership: Vec<usize> = (0..n).collect();
    let mut level = Level {
        neighbours: view.neighbours.clone(),
        loops: view.loops.clone(),
    };
    while let Some(moved) = local_moving(&level) {
        let (labels, count) = first_appearance(&moved);
        for m in &mut membership {
            *m = labels[*m];
        }
        level = aggregate(&level, &labels, count);
    }

    // Renumber: non-isolated communities by size (descending) then smallest member (positions
    // are in id order); isolated nodes after them.
    let mut groups: Vec<(bool, usize, usize)> = Vec::new(); // (isolated, size, smallest member)
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    for (p, &c) in membership.iter().enumerate() {
        let g = *group_of[c].get_or_insert_with(|| {
            groups.push((view.neighbours[p].is_empty(), 0, p));
            groups.len() - 1
        });
        groups[g].1 += 1;
    }
    let mut ranked: Vec<usize> = (0..groups.len()).collect();
    ranked.sort_by_key(|&g| (groups[g].0, std::cmp::Reverse(groups[g].1), groups[g].2));
    let mut number = vec![0u32; groups.len()];
    for (rank, &g) in ranked.iter().enumerate() {
        number[g] = rank as u32;
    }
    membership
        .iter()
        .map(|&c| number[group_of[c].unwrap_or(0)])
        .collect()
}

/// Louvain's local moving phase: each node, in order, joins the neighbouring community with
/// the largest modularity gain (ties: the smallest community label) if that beats staying;
/// passes repeat until none moves. Returns the community of each node, or `None` if no node
/// moved at all.
fn local_moving(level: &Level) -> Option<Vec<usize>> {
    let n = level.neighbours.len();
    let k: Vec<f64> = level
        .neighbours
        .iter()
        .zip(&level.loops)
        .map(|(list, l)| list.iter().map(|&(_, w)| w).sum::<f64>() + 2.0 * l)
        .collect();
    let m2: f64 = k.iter().sum();
    if m2 <= 0.0 {
        return None;
    }
    let mut community: Vec<usize> = (0..n).collect();
    let mut total = k.clone(); // sum of degrees in each community
    let mut link = vec![0.0; n]; // weight from the current node to each community
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    for _ in 0..MAX_PASSES {
        let mut moved = false;
        for i in 0..n {
            let ki = k[i];
            if ki <= 0.0 {
                continue;
            }
            for &(j, w) in &level.neighbours[i] {
                let c = community[j];
                if !seen[c] {
                    seen[c] = true;
                    touched.push(c);
                }
                link[c] += w;
            }
            let old = community[i];
            total[old] -= ki;
            // Gain of joining community c (up to a constant factor): link - total·k / 2m.
            let gain = |c: usize| link[c] - total[c] * ki / m2;
            let stay = gain(old);
            let mut best: Option<(usize, f64)> = None;
            for &c in touched.iter().filter(|&&c| c != old) {
                let g = gain(c);
                if best.is_none_or(|(bc, bg)| g > bg || (g == bg && c < bc)) {
                    best = Some((c, g));
                }
            }
            let target = match best {
                Some((c, g)) if g > stay + MIN_GAIN * ki => c,
                _ => old,
            };
            total[target] += ki;
            if target != old {
                community[i] = target;
                moved = true;
            }
            for &c in &touched {
                link[c] = 0.0;
                seen[c] = false;
            }
            touched.clear();
        }
        if !moved {
            break;
        }
        moved_any = true;
    }
    moved_any.then_some(community)
}

/// Labels renumbered 0, 1, … in order of first appearance, and how many there are.
fn first_appearance(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut number: Vec<Option<usize>> = vec![None; labels.len()];
    let mut count = 0;
    let renumbered = labels
        .iter()
        .map(|&l| {
            *number[l].get_or_insert_with(|| {
                count += 1;
                count - 1
            })
        })
        .collect();
    (renumbered, count)
}

/// The graph of communities: one node per community, internal weight as a self-loop.
fn aggregate(level: &Level, community: &[usize], count: usize) -> Level {
    let mut loops = vec![0.0; count];
    let mut arcs = Vec::new();
    for (i, list) in level.neighbours.iter().enumerate() {
        let ci = community[i];
        loops[ci] += level.loops[i];
        for &(j, w) in list {
            let cj = community[j];
            if ci == cj {
                // Listed at both ends: half each.
                loops[ci] += w / 2.0;
            } else {
                arcs.push((ci, cj, w));
            }
        }
    }
    Level {
        neighbours: adjacency(count, arcs),
        loops,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn node(id: &str) -> NodeRecord {
        NodeRecord {
            id: id.to_owned(),
            name: id.to_owned(),
            kind: "person".to_owned(),
            category: String::new(),
            country: String::new(),
            mentions: 1,
            documents: 1,
            windows: 1,
            degree: 0,
            weighted_degree: 0.0,
            pagerank: 0.0,
            betweenness: 0.0,
            community: 0,
            latitude: None,
            longitude: None,
        }
    }

    fn edge(source: &str, target: &str, kind: &str, weight: f64) -> EdgeRecord {
        let (source, target) = if kind == COOCCURRENCE && target < source {
            (target, source)
        } else {
            (source, target)
        };
        EdgeRecord {
            source: source.to_owned(),
            target: target.to_owned(),
            kind: kind.to_owned(),
            directed: kind != COOCCURRENCE,
            count: 1,
            documents: 1,
            negated: 0,
            pmi: 0.0,
            npmi: 0.0,
            llr: 0.0,
            jaccard: 0.0,
            weight,
            evidence: Vec::new(),
        }
    }

    /// A graph with these nodes (inserted in the order given) and edges `(source, target,
    /// kind, weight)`; `kind` "" means co-occurrence.
    fn graph(ids: &[&str], edges: &[(&str, &str, &str, f64)]) -> DiGraph<NodeRecord, EdgeRecord> {
        let mut g = DiGraph::new();
        let index: BTreeMap<&str, NodeIndex> =
            ids.iter().map(|&id| (id, g.add_node(node(id)))).collect();
        for &(s, t, kind, w) in edges {
            let kind = if kind.is_empty() { COOCCURRENCE } else { kind };
            let e = edge(s, t, kind, w);
            let (a, b) = (index[e.source.as_str()], index[e.target.as_str()]);
            g.add_edge(a, b, e);
        }
        g
    }

    /// Analyses and returns the nodes by id.
    fn analysed(mut g: DiGraph<NodeRecord, EdgeRecord>) -> BTreeMap<String, NodeRecord> {
        analyse(&mut g);
        g.node_weights()
            .map(|n| (n.id.clone(), n.clone()))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-8
    }

    const TRIANGLES: &[(&str, &str, &str, f64)] = &[
        ("a", "b", "", 1.0),
        ("a", "c", "", 1.0),
        ("b", "c", "", 1.0),
        ("c", "d", "", 1.0),
        ("d", "e", "", 1.0),
        ("d", "f", "", 1.0),
        ("e", "f", "", 1.0),
    ];

    fn triangles() -> BTreeMap<String, NodeRecord> {
        analysed(graph(&["a", "b", "c", "d", "e", "f"], TRIANGLES))
    }

    #[test]
    fn degree_and_weighted_degree() {
        let nodes = analysed(graph(
            &["a", "b", "c"],
            &[
                ("a", "b", "", 2.0),
                ("a", "b", "supports", 0.5),
                ("c", "a", "opposes", 1.0),
            ],
        ));
        assert_eq!(nodes["a"].degree, 2);
        assert!(close(nodes["a"].weighted_degree, 3.5));
        assert_eq!(nodes["b"].degree, 1);
        assert!(close(nodes["b"].weighted_degree, 2.5));
        assert_eq!(nodes["c"].degree, 1);
        assert!(close(nodes["c"].weighted_degree, 1.0));
    }

    #[test]
    fn pagerank_of_symmetric_nodes_is_equal_and_sums_to_one() {
        let nodes = triangles();
        let pr = |id: &str| nodes[id].pagerank;
        let sum: f64 = nodes.values().map(|n| n.pagerank).sum();
        assert!(close(sum, 1.0), "{sum}");
        assert_eq!(pr("a"), pr("b"));
        assert_eq!(pr("a"), pr("e"));
        assert_eq!(pr("e"), pr("f"));
        assert_eq!(pr("c"), pr("d"));
        assert!(pr("c") > pr("a"));
    }

    #[test]
    fn pagerank_matches_networkx() {
        // networkx 3.6.1 (pure-Python pagerank, alpha=0.85, tol=1e-15, weight="weight") on the
        // DiGraph with co-occurrence edges in both directions and parallel edges' weights added.
        let nodes = analysed(graph(
            &["a", "b", "c", "d", "e", "f", "g"],
            &[
                ("a", "b", "", 3.0),
                ("a", "c", "", 1.0),
                ("b", "c", "", 2.0),
                ("c", "d", "", 0.5),
                ("d", "e", "", 1.0),
                ("a", "b", "supports", 2.0),
                ("e", "f", "supports", 1.5),
                ("f", "c", "opposes", 1.0),
                ("d", "g", "supports", 1.0), // g is dangling
            ],
        ));
        let expected = [
            ("a", 0.237_894_577),
            ("b", 0.305_188_577),
            ("c", 0.224_129_768),
            ("d", 0.072_919_931),
            ("e", 0.052_609_664),
            ("f", 0.054_647_817),
            ("g", 0.052_609_664),
        ];
        for (id, pr) in expected {
            assert!(
                (nodes[id].pagerank - pr).abs() < 1e-8,
                "{id}: {} vs {pr}",
                nodes[id].pagerank
            );
        }
    }

    #[test]
    fn relations_direct_pagerank() {
        // a → b: b is dangling and spreads uniformly. By hand: x_a = 0.075 + 0.425 x_b,
        // x_b = 0.075 + 0.85 x_a + 0.425 x_b, x_a + x_b = 1 → x_b = 0.925 / 1.425.
        let forward = analysed(graph(&["a", "b"], &[("a", "b", "supports", 1.0)]));
        let x_b = 0.925 / 1.425;
        assert!(
            close(forward["b"].pagerank, x_b),
            "{}",
            forward["b"].pagerank
        );
        assert!(close(forward["a"].pagerank, 1.0 - x_b));
        let backward = analysed(graph(&["a", "b"], &[("b", "a", "supports", 1.0)]));
        assert_eq!(backward["a"].pagerank, forward["b"].pagerank);
        assert_eq!(backward["b"].pagerank, forward["a"].pagerank);
        let undirected = analysed(graph(&["a", "b"], &[("a", "b", "", 1.0)]));
        assert!(close(undirected["a"].pagerank, 0.5) && close(undirected["b"].pagerank, 0.5));
    }

    #[test]
    fn weights_steer_pagerank() {
        let nodes = analysed(graph(
            &["a", "b", "c"],
            &[("a", "b", "", 3.0), ("b", "c", "", 1.0)],
        ));
        assert!(nodes["a"].pagerank > nodes["c"].pagerank);
        assert!(nodes["b"].pagerank > nodes["a"].pagerank);
    }

    #[test]
    fn isolated_nodes_share_pagerank_uniformly() {
        let nodes = analysed(graph(&["a", "b", "c", "d"], &[]));
        for n in nodes.values() {
            assert!(close(n.pagerank, 0.25));
        }
    }

    #[test]
    fn bridge_ends_have_the_highest_betweenness() {
        let nodes = triangles();
        // c lies on the only shortest path of {a, b} × {d, e, f}: 6 of the C(5, 2) = 10 pairs
        // not involving c, so 6 / 10.
        assert!(
            close(nodes["c"].betweenness, 0.6),
            "{}",
            nodes["c"].betweenness
        );
        assert!(close(nodes["d"].betweenness, 0.6));
        for id in ["a", "b", "e", "f"] {
            assert_eq!(nodes[id].betweenness, 0.0);
        }
    }

    #[test]
    fn star_centre_has_betweenness_one() {
        let nodes = analysed(graph(
            &["hub", "l1", "l2", "l3", "l4"],
            &[
                ("hub", "l1", "", 1.0),
                ("hub", "l2", "", 5.0),
                ("l3", "hub", "supports", 1.0),
                ("hub", "l4", "", 1.0),
            ],
        ));
        assert_eq!(nodes["hub"].betweenness, 1.0);
        for id in ["l1", "l2", "l3", "l4"] {
            assert_eq!(nodes[id].betweenness, 0.0);
        }
    }

    #[test]
    fn parallel_edges_do_not_count_as_extra_paths() {
        // a–b by co-occurrence and two relations, b–c once: b is on the single a–c path.
        let nodes = analysed(graph(
            &["a", "b", "c", "d"],
            &[
                ("a", "b", "", 1.0),
                ("a", "b", "supports", 1.0),
                ("b", "a", "opposes", 1.0),
                ("b", "c", "", 1.0),
                ("a", "d", "", 1.0),
                ("d", "c", "", 1.0),
            ],
        ));
        // Square a-b-c-d: each node lies on one of the two shortest paths between its two
        // neighbours: 0.5 of 1 pair out of C(3, 2) = 3.
        for id in ["a", "b", "c", "d"] {
            assert!(
                close(nodes[id].betweenness, 0.5 / 3.0),
                "{id}: {}",
                nodes[id].betweenness
            );
        }
    }

    #[test]
    fn louvain_finds_the_two_triangles() {
        let nodes = triangles();
        for id in ["a", "b", "c"] {
            assert_eq!(nodes[id].community, 0, "{id}");
        }
        for id in ["d", "e", "f"] {
            assert_eq!(nodes[id].community, 1, "{id}");
        }
    }

    #[test]
    fn louvain_finds_a_ring_of_cliques_largest_first() {
        // Cliques of 3, 5, 4 and 5 nodes, joined in a ring by single edges.
        let sizes = [3, 5, 4, 5];
        let mut ids = Vec::new();
        for (c, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                ids.push(format!("c{c}n{i}"));
            }
        }
        let mut edges = Vec::new();
        for (c, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                for j in i + 1..size {
                    edges.push((format!("c{c}n{i}"), format!("c{c}n{j}")));
                }
            }
            edges.push((format!("c{c}n0"), format!("c{}n1", (c + 1) % sizes.len())));
        }
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let edge_refs: Vec<(&str, &str, &str, f64)> = edges
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str(), "", 1.0))
            .collect();
        let nodes = analysed(graph(&id_refs, &edge_refs));
        // Largest first; the two 5-cliques tie on size, c1 has the smaller ids.
        let expected = [(0, 3), (1, 0), (2, 2), (3, 1)]; // (clique, community)
        for (c, community) in expected {
            for i in 0..sizes[c] {
                assert_eq!(nodes[&format!("c{c}n{i}")].community, community, "c{c}n{i}");
            }
        }
    }

    #[test]
    fn heavy_edges_pull_communities_together() {
        // Light edges a–b and c–d, heavy b–c and triangle d–e–f: the light c–d is the cut.
        let nodes = analysed(graph(
            &["a", "b", "c", "d", "e", "f"],
            &[
                ("a", "b", "", 1.0),
                ("b", "c", "", 10.0),
                ("c", "d", "", 1.0),
                ("d", "e", "", 10.0),
                ("e", "f", "", 10.0),
                ("d", "f", "", 10.0),
            ],
        ));
        // {a, b, c} and {d, e, f}: equal sizes, so the one holding "a" is 0.
        for (id, community) in [("a", 0), ("b", 0), ("c", 0), ("d", 1), ("e", 1), ("f", 1)] {
            assert_eq!(nodes[id].community, community, "{id}");
        }
    }

    #[test]
    fn isolated_nodes_get_their_own_communities_last() {
        let mut edges = TRIANGLES.to_vec();
        edges.push(("y", "z", "", 0.0)); // linked, but with no weight: not isolated
        let nodes = analysed(graph(
            &["a", "b", "c", "d", "e", "f", "x", "w", "y", "z"],
            &edges,
        ));
        assert_eq!(nodes["a"].community, 0);
        assert_eq!(nodes["d"].community, 1);
        assert_eq!(nodes["y"].community, 2);
        assert_eq!(nodes["z"].community, 3);
        assert_eq!(nodes["w"].community, 4);
        assert_eq!(nodes["x"].community, 5);
        assert_eq!(nodes["w"].degree, 0);
        assert_eq!(nodes["w"].betweenness, 0.0);
        let sum: f64 = nodes.values().map(|n| n.pagerank).sum();
        assert!(close(sum, 1.0));
    }

    #[test]
    fn empty_graph_is_fine() {
        let mut g = graph(&[], &[]);
        analyse(&mut g);
        assert_eq!(g.node_count(), 0);
        let one = analysed(graph(&["solo"], &[]));
        assert_eq!(one["solo"].pagerank, 1.0);
        assert_eq!(one["solo"].community, 0);
    }

    /// Owned `(source, target, kind, weight)` edges; `kind` "" means co-occurrence.
    type Edges = Vec<(String, String, &'static str, f64)>;

    /// A pseudo-random graph with clusters: `n` nodes, about `m` edges of mixed kinds.
    fn random_graph(n: usize, m: usize, seed: u64) -> (Vec<String>, Edges) {
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        let ids: Vec<String> = (0..n).map(|i| format!("e{i:05}")).collect();
        let mut edges = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..m {
            let a = next() as usize % n;
            // Mostly within a block of 50, sometimes anywhere.
            let b = if next() % 5 == 0 {
                next() as usize % n
            } else {
                (a / 50 * 50 + next() as usize % 50).min(n - 1)
            };
            if a == b {
                continue;
            }
            let kind = if next() % 7 == 0 { "supports" } else { "" };
            let w = (next() % 10 + 1) as f64 / 2.0;
            let key = if kind.is_empty() {
                (a.min(b), a.max(b), kind)
            } else {
                (a, b, kind)
            };
            if seen.insert(key) {
                edges.push((ids[a].clone(), ids[b].clone(), kind, w));
            }
        }
        (ids, edges)
    }

    fn build(
        ids: &[String],
        edges: &[(String, String, &'static str, f64)],
    ) -> DiGraph<NodeRecord, EdgeRecord> {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let edges: Vec<(&str, &str, &str, f64)> = edges
            .iter()
            .map(|(a, b, k, w)| (a.as_str(), b.as_str(), *k, *w))
            .collect();
        graph(&ids, &edges)
    }

    #[test]
    fn results_are_deterministic_and_independent_of_insertion_order() {
        let (ids, edges) = random_graph(300, 2000, 7);
        let first = analysed(build(&ids, &edges));
        let again = analysed(build(&ids, &edges));
        assert_eq!(first, again);
        let (mut rev_ids, mut rev_edges) = (ids.clone(), edges.clone());
        rev_ids.reverse();
        rev_edges.reverse();
        let reversed = analysed(build(&rev_ids, &rev_edges));
        assert_eq!(first, reversed);
        // After removing a node, petgraph moves the last node into its slot.
        let mut g = build(&ids, &edges);
        let doomed = g.node_indices().find(|&n| g[n].id == "e00010").unwrap();
        g.remove_node(doomed);
        let removed = analysed(g);
        let kept: Vec<&String> = ids.iter().filter(|id| *id != "e00010").collect();
        let edges: Vec<_> = edges
            .iter()
            .filter(|e| e.0 != "e00010" && e.1 != "e00010")
            .cloned()
            .collect();
        let rebuilt = analysed(build(
            &kept.into_iter().cloned().collect::<Vec<_>>(),
            &edges,
        ));
        assert_eq!(removed, rebuilt);
        let sum: f64 = first.values().map(|n| n.pagerank).sum();
        assert!((sum - 1.0).abs() < 1e-6);
        let communities: std::collections::BTreeSet<u32> =
            first.values().map(|n| n.community).collect();
        assert!(communities.len() > 1 && communities.len() < 300);
        assert_eq!(
            communities.last().copied(),
            Some(communities.len() as u32 - 1)
        );
    }

    #[test]
    #[ignore = "timing: cargo test --release --lib graph::analytics -- --ignored"]
    fn thousands_of_nodes_are_fast() {
        let (ids, edges) = random_graph(4000, 40_000, 11);
        let g = build(&ids, &edges);
        let start = std::time::Instant::now();
        let nodes = analysed(g);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        assert_eq!(nodes.len(), 4000);
    }
}
