use super::*;
use crate::export::dot::sample;
use crate::graph::{EdgeRecord, NodeRecord};

/// `n` nodes in two rings joined by one edge.
fn rings(n: usize) -> GraphDocument {
    let mut doc = sample();
    let template = doc.nodes[0].clone();
    doc.nodes = (0..n)
        .map(|i| NodeRecord {
            id: format!("n{i:04}"),
            ..template.clone()
        })
        .collect();
    let edge = doc.edges[0].clone();
    let half = n / 2;
    let link = |a: usize, b: usize| EdgeRecord {
        source: format!("n{a:04}"),
        target: format!("n{b:04}"),
        ..edge.clone()
    };
    doc.edges = (0..half)
        .map(|i| link(i, (i + 1) % half))
        .chain((half..n).map(|i| link(i, half + (i + 1 - half) % (n - half))))
        .chain([link(0, half)])
        .collect();
    doc
}

#[test]
fn layout_is_deterministic_finite_and_inside_the_box() {
    let doc = rings(60);
    let pos = layout(&doc);
    assert_eq!(pos.len(), 60);
    assert_eq!(pos, layout(&doc.clone()));
    for &(x, y) in &pos {
        assert!(x.is_finite() && y.is_finite());
        assert!(
            x.abs() <= EXTENT / 2.0 && y.abs() <= EXTENT / 2.0,
            "{x} {y}"
        );
    }
    let distinct: std::collections::BTreeSet<_> =
        pos.iter().map(|p| (p.0.to_bits(), p.1.to_bits())).collect();
    assert_eq!(distinct.len(), pos.len(), "nodes on top of each other");
}

#[test]
fn linked_nodes_end_closer_than_the_two_rings() {
    let doc = rings(40);
    let pos = layout(&doc);
    let dist = |a: usize, b: usize| (pos[a].0 - pos[b].0).hypot(pos[a].1 - pos[b].1);
    let centre = |r: std::ops::Range<usize>| {
        let k = r.len() as f64;
        let (x, y) = r.fold((0.0, 0.0), |s, i| (s.0 + pos[i].0, s.1 + pos[i].1));
        (x / k, y / k)
    };
    let (a, b) = (centre(0..20), centre(20..40));
    let between = (a.0 - b.0).hypot(a.1 - b.1);
    let neighbours = (0..19).map(|i| dist(i, i + 1)).sum::<f64>() / 19.0;
    assert!(neighbours < between, "{neighbours} vs {between}");
}

#[test]
fn tiny_graphs_do_not_break() {
    let mut doc = sample();
    doc.edges.clear();
    doc.nodes.truncate(1);
    assert_eq!(layout(&doc), [(0.0, 0.0)]);
    doc.nodes.clear();
    assert!(layout(&doc).is_empty());
}

#[test]
fn the_simulation_stops_once_settled_and_not_before() {
    let doc = rings(200);
    let springs: Vec<(usize, usize, f64)> = doc
        .edges
        .iter()
        .map(|e| {
            let index = |id: &str| id[1..].parse::<usize>().unwrap();
            (index(&e.source), index(&e.target), 1.0)
        })
        .collect();
    let mut mass = vec![1.0; 200];
    for &(a, b, _) in &springs {
        mass[a] += 1.0;
        mass[b] += 1.0;
    }
    let start: Vec<(f64, f64)> = (0..200)
        .map(|i| {
            let h = seed(&format!("n{i}"));
            (unit(h) * 100.0, unit(h.rotate_left(32)) * 100.0)
        })
        .collect();
    let mut pos = start.clone();
    let rounds = settle(&mut pos, &mass, &springs);
    assert!(WINDOW < rounds && rounds < ITERATIONS, "{rounds} rounds");
    // Settled: more rounds move the nodes little, relative to how far they came.
    let mut more = pos.clone();
    let further = settle(&mut more, &mass, &springs);
    assert!(further <= rounds, "{further} more rounds after {rounds}");
    let travelled = |a: &[(f64, f64)], b: &[(f64, f64)]| {
        a.iter()
            .zip(b)
            .map(|(p, q)| (p.0 - q.0).hypot(p.1 - q.1))
            .sum::<f64>()
    };
    assert!(travelled(&pos, &more) < travelled(&start, &pos) / 2.0);
}
