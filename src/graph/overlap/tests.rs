use super::*;
use crate::corpus::Locator;
use crate::gazetteer::Gazetteer;
use crate::graph::GraphBuilder;

/// The graph of `documents` (id, text), built as `build` builds a shard.
fn shard(documents: &[(&str, &str)]) -> GraphDocument {
    let gazetteer = Gazetteer::builtin().unwrap();
    let engine = GraphBuilder::new(&gazetteer).engine().unwrap();
    let mut graph = engine.aggregate();
    for (id, text) in documents {
        let annotation = engine.annotator().annotate(text);
        let locator = Locator::new(text, None);
        graph.add(id, &locator, &annotation, &engine.part(text, &annotation));
    }
    graph.finish(0)
}

#[test]
fn shards_sharing_a_document_are_refused_naming_it() {
    let a = shard(&[
        ("x.jsonl#1", "Russia backed Khalifa Haftar."),
        ("x.jsonl#2", "Sergei Lavrov met Haftar in Moscow."),
    ]);
    let b = shard(&[("x.jsonl#3", "Turkey sent drones to Tripoli.")]);
    let c = shard(&[
        ("x.jsonl#2", "Sergei Lavrov met Haftar in Moscow."),
        ("x.jsonl#9", "Egypt hosted Haftar in Cairo."),
    ]);
    // One shard cites its documents many times; disjoint shards pass.
    assert!(check_disjoint(&[a.clone(), b.clone()]).is_ok());
    let err = check_disjoint(&[a.clone(), b.clone(), c]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "graphs 1 and 3 share document `x.jsonl#2` (both hold evidence from it): \
             merge shards built over disjoint documents, each once"
    );
    // The same shard twice, through merge itself.
    let err = crate::graph::merge(vec![b.clone(), a, b]).unwrap_err();
    assert!(
        err.to_string()
            .contains("graphs 1 and 3 share document `x.jsonl#3`")
    );
    assert!(!err.to_string().contains("stdin"));
    // Shards read from stdin cannot be told apart: the error names the stdin record.
    let stdin = shard(&[("-#1", "Turkey sent drones to Tripoli.")]);
    let err = check_disjoint(&[stdin.clone(), stdin]).unwrap_err();
    assert!(
        matches!(&err, Error::SharedDocument { first: 0, second: 1, document } if document == "-#1"),
        "{err}"
    );
}
