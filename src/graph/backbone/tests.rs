use super::*;
use crate::graph::NodeRecord;

fn doc(edges: &[(&str, &str, &str, u64)]) -> GraphDocument {
    let ids: BTreeSet<&str> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
    let base = crate::export::dot::sample();
    let node = base.nodes[0].clone();
    let edge = base.edges[0].clone();
    GraphDocument {
        nodes: ids
            .iter()
            .enumerate()
            .map(|(i, id)| NodeRecord {
                id: (*id).to_owned(),
                pagerank: i as f64,
                ..node.clone()
            })
            .collect(),
        edges: edges
            .iter()
            .map(|&(s, t, kind, count)| EdgeRecord {
                source: s.to_owned(),
                target: t.to_owned(),
                kind: kind.to_owned(),
                count,
                ..edge.clone()
            })
            .collect(),
        ..base
    }
}

#[test]
fn disparity_keeps_the_tie_that_stands_out_at_either_end() {
    // `a` splits 100 windows over five partners, 96 of them with `b`.
    let d = doc(&[
        ("a", "b", COOCCURRENCE, 96),
        ("a", "c", COOCCURRENCE, 1),
        ("a", "d", COOCCURRENCE, 1),
        ("a", "e", COOCCURRENCE, 1),
        ("a", "f", COOCCURRENCE, 1),
        ("a", "b", "supports", 1),
    ]);
    let p = disparity(&d);
    // (1 - 96/100)^4 for a-b; the leaves have one edge each, so only `a` judges.
    assert!((p[0] - 0.04f64.powi(4)).abs() < 1e-12, "{p:?}");
    assert!((p[1] - 0.99f64.powi(4)).abs() < 1e-12, "{p:?}");
    // The statement is the only one at both ends: its own layer cannot judge it.
    assert_eq!(p[5], 1.0);
    let picture = picture(&d, 6, ALPHA);
    let kept: Vec<(&str, &str)> = picture
        .edges
        .iter()
        .map(|e| (e.target.as_str(), e.kind.as_str()))
        .collect();
    assert_eq!(kept, [("b", COOCCURRENCE), ("b", "supports")]);
    // The leaves lost their only edge.
    let ids: Vec<&str> = picture.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(picture.options.filters.ends_with(&[
        "top-pagerank=6".to_owned(),
        "backbone=disparity:0.05".to_owned(),
        "top-cooccurrence=18".to_owned(),
        "top-relations=6".to_owned(),
        "drop-isolated".to_owned()
    ]));
}

#[test]
fn the_top_entities_by_pagerank_are_drawn() {
    // PageRank grows with the id here: f, e, d are the top three.
    let d = doc(&[
        ("a", "b", COOCCURRENCE, 5),
        ("d", "e", "fights", 1),
        ("e", "f", COOCCURRENCE, 5),
        ("c", "f", "meets", 1),
    ]);
    let picture = picture(&d, 3, 1.1);
    let ids: Vec<&str> = picture.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["d", "e", "f"]);
    let edges: Vec<&str> = picture.edges.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(edges, ["fights", COOCCURRENCE]);
}
