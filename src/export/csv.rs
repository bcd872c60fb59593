//! CSV node and edge tables, for spreadsheets and data frames.
//!
//! Both have a header row and every scalar field of their record, in record order. An edge's
//! evidence list becomes `evidence_count` and the document, sentence, text and the two
//! mentions' places in their input field (field, bytes and characters: see
//! [`crate::graph::Span`]) of its first item (empty when there is none). Fields are quoted by the `csv` crate as needed, so any
//! text, including commas, quotes and line breaks, reads back unchanged.

use std::io::Write;

use crate::graph::GraphDocument;

/// Columns of [`nodes_csv`].
pub const NODE_COLUMNS: [&str; 15] = [
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
    "latitude",
    "longitude",
];

/// Columns of [`edges_csv`].
pub const EDGE_COLUMNS: [&str; 26] = [
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
    "evidence_source_field",
    "evidence_source_field_start",
    "evidence_source_field_end",
    "evidence_source_char_start",
    "evidence_source_char_end",
    "evidence_target_field",
    "evidence_target_field_start",
    "evidence_target_field_end",
    "evidence_target_char_start",
    "evidence_target_char_end",
];

/// One row per node, sorted by id.
pub fn nodes_csv(doc: &GraphDocument) -> String {
    super::Format::NodesCsv.render(doc)
}

/// Streams [`nodes_csv`]'s text into `out`.
pub fn write_nodes_csv<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let mut t = Table::new(out, &NODE_COLUMNS)?;
    for n in &doc.nodes {
        t.text(&n.id)?;
        t.text(&n.name)?;
        t.text(&n.kind)?;
        t.text(&n.category)?;
        t.text(&n.country)?;
        t.value(n.mentions)?;
        t.value(n.documents)?;
        t.value(n.windows)?;
        t.value(n.degree)?;
        t.value(n.weighted_degree)?;
        t.value(n.pagerank)?;
        t.value(n.betweenness)?;
        t.value(n.community)?;
        // Coordinates where known, empty cells otherwise.
        for coordinate in [n.latitude, n.longitude] {
            match coordinate {
                Some(x) => t.value(x)?,
                None => t.text("")?,
            }
        }
        t.end_row()?;
    }
    t.finish()
}

/// One row per edge, sorted by source, target and kind.
pub fn edges_csv(doc: &GraphDocument) -> String {
    super::Format::EdgesCsv.render(doc)
}

/// Streams [`edges_csv`]'s text into `out`.
pub fn write_edges_csv<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let mut t = Table::new(out, &EDGE_COLUMNS)?;
    for e in &doc.edges {
        t.text(&e.source)?;
        t.text(&e.target)?;
        t.text(&e.kind)?;
        t.value(e.directed)?;
        t.value(e.count)?;
        t.value(e.documents)?;
        t.value(e.negated)?;
        t.value(e.pmi)?;
        t.value(e.npmi)?;
        t.value(e.llr)?;
        t.value(e.jaccard)?;
        t.value(e.weight)?;
        t.value(e.evidence.len())?;
        match e.evidence.first() {
            Some(first) => {
                t.text(&first.document)?;
                t.value(first.sentence)?;
                t.text(&first.text)?;
                for span in [first.source_span, first.target_span] {
                    t.text(span.field.as_str())?;
                    t.value(span.field_start)?;
                    t.value(span.field_end)?;
                    t.value(span.char_start)?;
                    t.value(span.char_end)?;
                }
            }
            None => (0..13).try_for_each(|_| t.text(""))?,
        }
        t.end_row()?;
    }
    t.finish()
}

/// A CSV table written field by field, other values formatted in one reused buffer. The `csv`
/// writer rejects a row whose length differs from the header's.
struct Table<W: Write> {
    writer: ::csv::Writer<W>,
    scratch: String,
}

impl<W: Write> Table<W> {
    fn new(out: W, header: &[&str]) -> std::io::Result<Table<W>> {
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(header).map_err(io_error)?;
        Ok(Table {
            writer,
            scratch: String::new(),
        })
    }

    fn text(&mut self, text: &str) -> std::io::Result<()> {
        self.writer.write_field(text).map_err(io_error)
    }

    fn value(&mut self, value: impl std::fmt::Display) -> std::io::Result<()> {
        use std::fmt::Write as _;
        self.scratch.clear();
        write!(self.scratch, "{value}").expect("writing to a String cannot fail");
        self.writer.write_field(&self.scratch).map_err(io_error)
    }

    fn end_row(&mut self) -> std::io::Result<()> {
        self.writer.write_record(None::<&[u8]>).map_err(io_error)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// The I/O error a `csv` error wraps, unwrapped so that callers can tell its kind (a closed
/// pipe, say); a row of the wrong length, a bug here, becomes an error of its own.
fn io_error(error: ::csv::Error) -> std::io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("CSV: {other:?}")),
    }
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
                    assert_eq!(row[16], first.source_span.field.as_str());
                    assert_eq!(row[19], first.source_span.char_start.to_string());
                    assert_eq!(row[25], first.target_span.char_end.to_string());
                }
                None => assert!(row[13..].iter().all(String::is_empty)),
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
