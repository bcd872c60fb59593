use super::*;
use crate::export::Format;
use crate::export::dot::sample;
use serde_json::Value;

#[test]
fn every_node_and_edge_appears_with_all_fields() {
    let doc = sample();
    let json = Format::Json.render(&doc);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["directed"], true);
    assert_eq!(value["multigraph"], true);
    assert_eq!(value["graph"]["format"], doc.format);
    assert_eq!(value["graph"]["corpus"]["documents"], 7);
    assert_eq!(value["graph"]["options"]["filters"][0], "min-count=2");
    let nodes = value["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), doc.nodes.len());
    for (n, v) in doc.nodes.iter().zip(nodes) {
        let back: NodeRecord = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(&back, n);
    }
    assert!(value.get("links").is_none(), "edges are listed once");
    let edges = value["edges"].as_array().unwrap();
    let (mirrors, arcs): (Vec<&Value>, Vec<&Value>) =
        edges.iter().partition(|v| v["mirror"] == true);
    assert_eq!(arcs.len(), doc.edges.len());
    for (e, v) in doc.edges.iter().zip(arcs) {
        assert_eq!(v["key"], e.kind);
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("key");
        v.as_object_mut().unwrap().remove("mirror");
        let back: EdgeRecord = serde_json::from_value(v).unwrap();
        assert_eq!(&back, e);
    }
    // A co-occurrence reads both ways round: its mirror follows it, without evidence.
    let undirected: Vec<&EdgeRecord> = doc.edges.iter().filter(|e| !e.directed).collect();
    assert_eq!(mirrors.len(), undirected.len());
    assert!(!undirected.is_empty());
    for (e, v) in undirected.iter().zip(mirrors) {
        assert_eq!(v["source"], e.target.as_str());
        assert_eq!(v["target"], e.source.as_str());
        assert_eq!(v["count"], e.count);
        assert_eq!(v["evidence"], serde_json::json!([]));
    }
    assert!(
        edges[0]["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Erdoğan")
    );
}

#[test]
fn output_is_deterministic_and_escaped() {
    let doc = sample();
    let json = Format::Json.render(&doc);
    assert_eq!(json, Format::Json.render(&doc.clone()));
    assert!(json.contains(r#""name": "Say \"Hi\" \\ back""#), "{json}");
    assert!(json.contains(r#""name": "a\nb""#), "{json}");
    assert!(json.ends_with("}\n"));
}
