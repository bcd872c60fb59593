//! CSV node and edge tables, for spreadsheets and data frames.
//!
//! Both have a header row and every scalar field of their record, in record order. An edge's
//! evidence list becomes `evidence_count` and the document, sentence, text and the two
//! mentions' places in their input field (field, bytes and characters: see
//! [`crate::graph::Span`]) of its first item (empty when there is none). Fields are quoted by the `csv` crate as needed, so any
//! text, including commas, quotes and line breaks, reads back unchanged.

use std::io::Write;

use crate::graph::GraphDocument;
use crate::time::NaiveDate;

/// Columns of [`nodes_csv`].
pub const NODE_COLUMNS: [&str; 18] = [
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
    "first_seen",
    "last_seen",
    "periods",
];

/// Columns of [`edges_csv`].
pub const EDGE_COLUMNS: [&str; 29] = [
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
    "first_seen",
    "last_seen",
    "periods",
];

/// Columns of the document table.
pub const DOCUMENT_COLUMNS: [&str; 3] = ["id", "date", "date_source"];

/// One row per node, sorted by id.
/// Streamed into `out`.
pub(crate) fn write_nodes_csv<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
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
        t.time(n.first_seen, n.last_seen, &n.periods)?;
        t.end_row()?;
    }
    t.finish()
}

/// One row per edge, sorted by source, target and kind.
/// Streamed into `out`.
pub(crate) fn write_edges_csv<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
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
        t.time(e.first_seen, e.last_seen, &e.periods)?;
        t.end_row()?;
    }
    t.finish()
}

/// Streams the document table into `out`: one row per document, sorted by id, with its date
/// (ISO, empty when undated) and where the date came from (`field`, `option`, `text`).
pub fn write_documents_csv<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let mut t = Table::new(out, &DOCUMENT_COLUMNS)?;
    for d in &doc.documents {
        t.text(&d.id)?;
        t.date(d.date)?;
        t.text(&d.date_source)?;
        t.end_row()?;
    }
    t.finish()
}

/// The file name of the slice index `build --slice` writes beside the whole graph.
pub const SLICE_INDEX: &str = "slices.csv";

/// Columns of [`write_slice_index`].
pub const SLICE_COLUMNS: [&str; 7] = [
    "slice",
    "first_date",
    "last_date",
    "documents",
    "nodes",
    "edges",
    "path",
];

/// The slice index: one row per slice graph, `(label, graph)` in the order given (time
/// order, `undated` last): its first and last document date (empty for undated), its
/// documents, nodes and edges, and the directory holding its files (`2019-Q3/`).
pub fn write_slice_index<W: Write>(
    slices: &[(String, GraphDocument)],
    out: &mut W,
) -> std::io::Result<()> {
    let mut t = Table::new(out, &SLICE_COLUMNS)?;
    for (label, doc) in slices {
        let dates = doc.documents.iter().filter_map(|d| d.date);
        t.text(label)?;
        t.date(dates.clone().min())?;
        t.date(dates.max())?;
        t.value(doc.corpus.documents)?;
        t.value(doc.nodes.len())?;
        t.value(doc.edges.len())?;
        t.text(&format!("{label}/"))?;
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

    /// An ISO date, or an empty cell.
    fn date(&mut self, date: Option<NaiveDate>) -> std::io::Result<()> {
        match date {
            Some(date) => self.value(date),
            None => self.text(""),
        }
    }

    /// `first_seen`, `last_seen` and `periods` (JSON text), empty cells when undated.
    fn time(
        &mut self,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
        periods: &[(String, u64)],
    ) -> std::io::Result<()> {
        self.date(first)?;
        self.date(last)?;
        self.text(super::periods_json(periods).as_deref().unwrap_or(""))
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
mod tests;
