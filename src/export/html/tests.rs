use super::*;
use crate::export::dot::sample;
use serde_json::Value;

fn page(doc: &GraphDocument) -> String {
    crate::export::Format::Html.render(doc)
}

/// The JSON block of a page, parsed.
fn embedded(page: &str) -> Value {
    let start = page
        .find(r#"<script type="application/json" id="graph">"#)
        .expect("data block");
    let body = &page[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let end = body.find("</script>").unwrap();
    serde_json::from_str(&body[..end]).unwrap()
}

#[test]
fn embedded_json_parses_back_with_every_node_and_edge() {
    let doc = sample();
    let data = embedded(&page(&doc));
    let nodes = data["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), doc.nodes.len());
    for (n, v) in doc.nodes.iter().zip(nodes) {
        assert_eq!(v["id"], n.id);
        assert_eq!(v["name"], n.name);
        assert!(v["x"].is_f64() && v["y"].is_f64());
    }
    let edges = data["edges"].as_array().unwrap();
    assert_eq!(edges.len(), doc.edges.len());
    for (e, v) in doc.edges.iter().zip(edges) {
        let node = |k: &str| doc.nodes[v[k].as_u64().unwrap() as usize].id.clone();
        assert_eq!(
            (node("source"), node("target")),
            (e.source.clone(), e.target.clone())
        );
        assert_eq!(v["kind"], e.kind);
        assert_eq!(v["evidence"][0]["text"], e.evidence[0].text);
    }
    assert_eq!(data["palette"]["kinds"]["person"], "#56B4E9");
    // The pictures' colours, whatever other types the graph has.
    let relation = |kind: &str| crate::export::palette::relation(kind).colour;
    assert_eq!(data["palette"]["edges"]["opposes"], relation("opposes"));
    assert_eq!(data["palette"]["edges"]["supports"], relation("supports"));
    assert_eq!(relation("supports"), "#009E73");
}

#[test]
fn nothing_in_the_data_can_close_its_script_block() {
    let mut doc = sample();
    let nasty = "</script><script>alert(1)</script> <!-- x </SCRIPT > & \u{2028}";
    doc.edges[0].evidence[0].text = nasty.to_owned();
    doc.nodes[0].name = nasty.to_owned();
    doc.options.filters = vec![nasty.to_owned()];
    let page = page(&doc);
    let data_start = page.find(r#"id="graph">"#).unwrap();
    let data_end = data_start + page[data_start..].find("</script>").unwrap();
    let data = &page[data_start + 11..data_end];
    assert!(!data.contains('<'), "{data}");
    // Outside the data block, the only scripts are the page's own two.
    assert_eq!(page.to_lowercase().matches("<script").count(), 2);
    assert!(
        page.contains("<title>gazegraph: 3 entities, 3 edges from 7 documents (&lt;/script&gt;")
    );
    let back = embedded(&page);
    assert_eq!(back["edges"][0]["evidence"][0]["text"], nasty);
    assert_eq!(back["nodes"][0]["name"], nasty);
}

#[test]
fn the_page_is_self_contained_and_deterministic() {
    let doc = sample();
    let page = page(&doc);
    assert_eq!(page, self::page(&doc.clone()));
    assert!(page.starts_with("<!DOCTYPE html>"));
    for remote in ["http://", "https://", "src=", "href="] {
        assert!(!page.contains(remote), "the page loads {remote}");
    }
    assert!(!page.contains("{{"), "a template hole was left");
}

#[test]
fn utf16_slices_are_those_of_the_text_converted_to_utf16() {
    let text = "a😀é b\u{10348}c";
    let units: Vec<u16> = text.encode_utf16().collect();
    for a in 0..=units.len() as u32 + 1 {
        for b in 0..=units.len() as u32 + 1 {
            let expected = units
                .get(a as usize..b as usize)
                .and_then(|u| String::from_utf16(u).ok());
            assert_eq!(
                utf16_slice(text, (a, b)).map(str::to_owned),
                expected,
                "{a}..{b}"
            );
        }
    }
}
