//! CSV (and TSV) with a header row.

use std::borrow::Cow;
use std::io::Read;

use super::records::{Item, RecordFields, RecordSource};
use super::{Fields, SkipReason};

/// CSV with a header row, read one record at a time.
pub(super) struct CsvSource {
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::ByteRecord,
    text: (usize, String),
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    /// 1-based number of the record last read, header excluded.
    row: usize,
}

impl CsvSource {
    /// Reads the header and finds the columns. When that fails, the whole file is skipped
    /// for the reason returned as `Err`.
    pub(super) fn new(
        reader: Box<dyn Read + Send>,
        delimiter: u8,
        fields: &Fields,
    ) -> Result<CsvSource, SkipReason> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .delimiter(delimiter)
            .from_reader(reader);
        let headers = match reader.byte_headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Err(csv_error_reason(&e, 1)),
        };
        if headers.is_empty() {
            return Err(SkipReason::Empty);
        }
        let line = headers.position().map_or(1, |p| p.line() as usize);
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim_ascii() == name.as_bytes())
        };
        let missing = |name: &str| {
            let columns: Vec<String> = headers
                .iter()
                .map(|h| String::from_utf8_lossy(h).into_owned())
                .collect();
            SkipReason::BadRecord {
                line,
                message: format!("no column `{name}`; columns are: {}", columns.join(", ")),
            }
        };
        let Some(text) = find(&fields.text) else {
            return Err(missing(&fields.text));
        };
        // An id column the user asked for by name must exist; title and date are optional
        // (they are on by default, and many corpora have neither).
        let id = match &fields.id {
            Some(name) => match find(name) {
                Some(i) => Some(i),
                None => return Err(missing(name)),
            },
            None => None,
        };
        let title = fields.title.as_deref().and_then(find);
        let date = fields.date.as_deref().and_then(find);
        Ok(CsvSource {
            reader,
            record: csv::ByteRecord::new(),
            text: (text, fields.text.clone()),
            id,
            title,
            date,
            row: 0,
        })
    }

    /// The fields of the record just read.
    fn fields(&self) -> Item<'_> {
        let line = self.record.position().map_or(0, |p| p.line() as usize);
        let (text, text_name) = &self.text;
        let field = |index: usize| -> Result<&str, usize> {
            std::str::from_utf8(self.record.get(index).unwrap_or_default())
                .map_err(|e| e.valid_up_to())
        };
        let body = match field(*text) {
            Ok(body) => body,
            Err(at) => {
                let message =
                    format!("invalid UTF-8 in column `{text_name}` at byte {at} of the field");
                return Item::Bad(SkipReason::BadRecord { line, message });
            }
        };
        // Metadata that is not UTF-8 is dropped rather than losing the document.
        let optional = |index: Option<usize>| index.and_then(|i| field(i).ok());
        Item::Record(RecordFields {
            id: optional(self.id).map(Cow::Borrowed),
            title: optional(self.title),
            date: optional(self.date),
            body: Cow::Borrowed(body),
        })
    }
}

impl RecordSource for CsvSource {
    fn next_item(&mut self) -> Option<(usize, Item<'_>)> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                self.row += 1;
                Some((self.row, self.fields()))
            }
            Err(e) => {
                self.row += 1;
                let line = self.reader.position().line() as usize;
                let reason = csv_error_reason(&e, line);
                let item = if e.is_io_error() {
                    Item::Failed(reason)
                } else {
                    Item::Bad(reason)
                };
                Some((self.row, item))
            }
        }
    }
}

/// A human-readable reason for a CSV error; `line` is the fallback when the error has no
/// position.
fn csv_error_reason(error: &csv::Error, line: usize) -> SkipReason {
    let line = error.position().map_or(line, |p| p.line() as usize);
    match error.kind() {
        csv::ErrorKind::Io(e) => SkipReason::Unreadable(e.to_string()),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => SkipReason::BadRecord {
            line,
            message: format!("expected {expected_len} fields as in the header, found {len}"),
        },
        _ => SkipReason::BadRecord {
            line,
            message: error.to_string(),
        },
    }
}
