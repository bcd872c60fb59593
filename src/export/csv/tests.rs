use super::*;
use crate::export::Format;
use crate::export::dot::sample;

fn read(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn nodes_round_trip() {
    let doc = sample();
    let text = Format::NodesCsv.render(&doc);
    assert_eq!(text, Format::NodesCsv.render(&doc.clone()));
    let (header, rows) = read(&text);
    assert_eq!(header, NODE_COLUMNS);
    assert_eq!(rows.len(), doc.nodes.len());
    for (n, row) in doc.nodes.iter().zip(&rows) {
        assert_eq!(row.len(), NODE_COLUMNS.len());
        assert_eq!(row[0], n.id);
        assert_eq!(row[1], n.name);
        assert_eq!(row[5].parse::<u64>().unwrap(), n.mentions);
        assert_eq!(row[10].parse::<f64>().unwrap(), n.pagerank);
    }
    assert!(rows.iter().any(|r| r[1] == "Say \"Hi\" \\ back"));
    assert!(rows.iter().any(|r| r[1] == "a\nb"));
}

#[test]
fn edges_round_trip_with_first_evidence() {
    let mut doc = sample();
    doc.edges[2].evidence.clear();
    let text = Format::EdgesCsv.render(&doc);
    assert_eq!(text, Format::EdgesCsv.render(&doc.clone()));
    let (header, rows) = read(&text);
    assert_eq!(header, EDGE_COLUMNS);
    assert_eq!(rows.len(), doc.edges.len());
    for (e, row) in doc.edges.iter().zip(&rows) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (e.source.as_str(), e.target.as_str(), e.kind.as_str())
        );
        assert_eq!(row[3].parse::<bool>().unwrap(), e.directed);
        assert_eq!(row[4].parse::<u64>().unwrap(), e.count);
        assert_eq!(row[9].parse::<f64>().unwrap(), e.llr);
        assert_eq!(row[12].parse::<usize>().unwrap(), e.evidence.len());
        match e.evidence.first() {
            Some(first) => {
                assert_eq!(row[13], first.document);
                assert_eq!(row[14], first.sentence.to_string());
                assert_eq!(row[15], first.text);
                assert_eq!(row[16], first.source_span.field.as_str());
                assert_eq!(row[19], first.source_span.char_start.to_string());
                assert_eq!(row[25], first.target_span.char_end.to_string());
            }
            None => assert!(row[13..26].iter().all(String::is_empty)),
        }
    }
}

#[test]
fn time_columns_and_the_document_table() {
    use crate::graph::document::DocumentRecord;
    let day = |d| NaiveDate::from_ymd_opt(2019, 3, d);
    let mut doc = sample();
    doc.edges[1].first_seen = day(2);
    doc.edges[1].last_seen = day(9);
    doc.edges[1].periods = vec![("2019-03".to_owned(), 1)];
    doc.documents = vec![
        DocumentRecord {
            id: "a,1".into(),
            date: day(2),
            date_source: "field".into(),
        },
        DocumentRecord {
            id: "b".into(),
            date: None,
            date_source: String::new(),
        },
    ];
    let (_, rows) = read(&Format::EdgesCsv.render(&doc));
    assert_eq!(&rows[0][26..], ["", "", ""]);
    assert_eq!(
        &rows[1][26..],
        ["2019-03-02", "2019-03-09", "[[\"2019-03\",1]]"]
    );
    let (header, rows) = read(&Format::DocumentsCsv.render(&doc));
    assert_eq!(header, DOCUMENT_COLUMNS);
    assert_eq!(rows, [["a,1", "2019-03-02", "field"], ["b", "", ""]]);
}

#[test]
fn empty_graph_has_header_only() {
    let doc = crate::graph::GraphDocument {
        nodes: Vec::new(),
        edges: Vec::new(),
        ..sample()
    };
    assert_eq!(Format::NodesCsv.render(&doc), NODE_COLUMNS.join(",") + "\n");
    assert_eq!(Format::EdgesCsv.render(&doc), EDGE_COLUMNS.join(",") + "\n");
}
