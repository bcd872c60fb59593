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
        first_seen: None,
        last_seen: None,
        periods: Vec::new(),
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
        first_seen: None,
        last_seen: None,
        periods: Vec::new(),
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
