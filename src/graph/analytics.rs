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
mod tests;
