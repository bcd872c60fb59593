use super::*;
use crate::export::Format;
use crate::export::dot::sample;
use quick_xml::Reader;

/// (name, attributes, text) of an element.
type Element = (String, Vec<(String, String)>, String);

/// Every element, in document order.
fn parse(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    // The element whose text is being read: the last one started and not yet ended.
    let mut open = false;
    loop {
        let event = reader.read_event().unwrap();
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap();
                        (a.key.as_ref().to_owned(), value.into_owned())
                    })
                    .collect();
                out.push((e.name().as_ref().to_owned(), attrs, String::new()));
                open = matches!(event, Event::Start(_));
            }
            Event::End(_) => open = false,
            Event::Text(t) if open => out.last_mut().unwrap().2.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if open => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity {other:?}"),
                    },
                };
                out.last_mut().unwrap().2.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn attr<'a>(element: &'a Element, name: &str) -> &'a str {
    &element.1.iter().find(|(k, _)| k == name).unwrap().1
}

#[test]
fn keys_match_values() {
    let doc = sample();
    for (keys, types) in [
        (
            &GRAPH_KEYS[..],
            graph_data(&doc)
                .iter()
                .map(Value::type_name)
                .collect::<Vec<_>>(),
        ),
        (
            &NODE_KEYS[..],
            node_data(&doc.nodes[0])
                .iter()
                .map(Value::type_name)
                .collect(),
        ),
        (
            &EDGE_KEYS[..],
            edge_data(&doc.edges[0], "[]", false)
                .iter()
                .map(Value::type_name)
                .collect(),
        ),
    ] {
        assert_eq!(keys.iter().map(|(_, t)| *t).collect::<Vec<_>>(), types);
    }
}

#[test]
fn every_node_and_edge_appears_with_its_data() {
    let doc = sample();
    let xml = Format::Graphml.render(&doc);
    let elements = parse(&xml);
    let graph = elements.iter().find(|e| e.0 == "graph").unwrap();
    assert_eq!(attr(graph, "edgedefault"), "directed");
    let keys: Vec<_> = elements.iter().filter(|e| e.0 == "key").collect();
    assert_eq!(
        keys.len(),
        GRAPH_KEYS.len() + NODE_KEYS.len() + EDGE_KEYS.len()
    );
    let nodes: Vec<_> = elements
        .iter()
        .filter(|e| e.0 == "node")
        .map(|e| attr(e, "id"))
        .collect();
    assert_eq!(
        nodes,
        doc.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>()
    );
    let edges: Vec<_> = elements
        .iter()
        .filter(|e| e.0 == "edge")
        .map(|e| (attr(e, "source"), attr(e, "target")))
        .collect();
    // Each co-occurrence is followed by its mirror.
    let expected: Vec<_> = doc
        .edges
        .iter()
        .flat_map(|e| {
            let arc = (e.source.as_str(), e.target.as_str());
            std::iter::once(arc).chain((!e.directed).then_some((arc.1, arc.0)))
        })
        .collect();
    assert_eq!(edges, expected);
    // Data values survive escaping.
    let texts: Vec<&str> = elements
        .iter()
        .filter(|e| e.0 == "data")
        .map(|e| e.2.as_str())
        .collect();
    for name in [
        "Say \"Hi\" \\ back",
        "a\nb",
        "Erdoğan",
        "false",
        "true",
        "min-count=2",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(name)),
            "{name} missing from {texts:?}"
        );
    }
    let evidence: Vec<crate::graph::Evidence> =
        serde_json::from_str(texts.iter().find(|t| t.starts_with("[{")).unwrap()).unwrap();
    assert_eq!(evidence, doc.edges[0].evidence);
}

#[test]
fn output_is_deterministic_and_well_formed_for_any_string() {
    let mut doc = sample();
    doc.nodes[0].name = "<&>\"'\u{1}\r\n\t]]>".to_owned();
    let xml = Format::Graphml.render(&doc);
    assert_eq!(xml, Format::Graphml.render(&doc.clone()));
    let elements = parse(&xml);
    let name = elements
        .iter()
        .filter(|e| e.0 == "data" && attr(e, "key") == "n_name")
        .map(|e| e.2.as_str())
        .next()
        .unwrap();
    assert_eq!(name, "<&>\"'\u{FFFD}\r\n\t]]>");
}
