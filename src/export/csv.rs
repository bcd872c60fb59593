//! CSV node and edge tables, for spreadsheets and data frames.
//!
//! Both have a header row and every scalar field of their record, in record order. An edge's
//! evidence list becomes `evidence_count` and the document, sentence and text of its first
//! item (empty when there is none). Fields are quoted by the `csv` crate as needed, so any
//! text, including commas, quotes and line breaks, reads back unchanged.

use crate::graph::GraphDocument;

/// Columns of [`nodes_csv`].
pub const NODE_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "kind",
    "category",
    "country",
    "mentions",
    "documents",
    "windows",
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "community",
];

/// Columns of [`edges_csv`].
pub const EDGE_COLUMNS: [&str; 16] = [
    "source",
    "target",
    "kind",
    "directed",
    "count",
    "documents",
    "negated",
    "pmi",
    "npmi",
    "llr",
    "jaccard",
    "weight",
    "evidence_count",
    "evidence_document",
    "evidence_sentence",
    "evidence_text",
];

/// One row per node, sorted by id.
pub fn nodes_csv(doc: &GraphDocument) -> String {
    table(
        &NODE_COLUMNS,
        doc.nodes.iter().map(|n| {
            vec![
                n.id.clone(),
                n.name.clone(),
                n.kind.clone(),
                n.category.clone(),
                n.country.clone(),
                n.mentions.to_string(),
                n.documents.to_string(),
                n.windows.to_string(),
                n.degree.to_string(),
                n.weighted_degree.to_string(),
                n.pagerank.to_string(),
                n.betweenness.to_string(),
                n.community.to_string(),
            ]
        }),
    )
}

/// One row per edge, sorted by source, target and kind.
pub fn edges_csv(doc: &GraphDocument) -> String {
    table(
        &EDGE_COLUMNS,
        doc.edges.iter().map(|e| {
            let first = e.evidence.first();
            vec![
                e.source.clone(),
                e.target.clone(),
                e.kind.clone(),
                e.directed.to_string(),
                e.count.to_string(),
                e.documents.to_string(),
                e.negated.to_string(),
                e.pmi.to_string(),
                e.npmi.to_string(),
                e.llr.to_string(),
                e.jaccard.to_string(),
                e.weight.to_string(),
                e.evidence.len().to_string(),
                first.map(|x| x.document.clone()).unwrap_or_default(),
                first.map(|x| x.sentence.to_string()).unwrap_or_default(),
                first.map(|x| x.text.clone()).unwrap_or_default(),
            ]
        }),
    )
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail, and every row has the header's length.
    writer.write_record(header).expect("CSV to memory");
    for row in rows {
        debug_assert_eq!(row.len(), header.len());
        writer.write_record(&row).expect("CSV to memory");
    }
    let bytes = writer.into_inner().expect("CSV to memory");
    String::from_utf8(bytes).expect("CSV written from strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let text = nodes_csv(&doc);
        assert_eq!(text, nodes_csv(&doc.clone()));
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
        let text = edges_csv(&doc);
        assert_eq!(text, edges_csv(&doc.clone()));
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
                }
                None => assert_eq!(&row[13..], ["", "", ""]),
            }
        }
    }

    #[test]
    fn empty_graph_has_header_only() {
        let doc = crate::graph::GraphDocument {
            nodes: Vec::new(),
            edges: Vec::new(),
            ..sample()
        };
        assert_eq!(nodes_csv(&doc), NODE_COLUMNS.join(",") + "\n");
        assert_eq!(edges_csv(&doc), EDGE_COLUMNS.join(",") + "\n");
    }
}
