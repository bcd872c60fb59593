//! CSV (and TSV) with a header row.
//!
//! The bytes reach the parser through [`Watched`], which caps a record's size and follows the
//! quoting: a quoted field that is never closed swallows every row after it into one record,
//! and only the quoting, not the parser, can tell.

use std::borrow::Cow;
use std::io::{self, Read};

use memchr::{memchr, memchr3};

use super::records::{Item, RecordFields, RecordSource};
use super::{Fields, SkipReason, bytes as size};

/// The parser's buffer: the bytes [`Watched`] may have handed it beyond the current record.
const BUFFER: usize = 64 * 1024;

/// Where the bytes read so far leave the quoting, as the `csv` parser sees it (RFC 4180 with
/// a quote inside an unquoted field taken literally).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: it closes the field, or doubles into a literal quote.
    QuoteInQuoted,
}

/// The reader under the parser.
struct Watched {
    inner: Box<dyn Read + Send>,
    delimiter: u8,
    /// Bytes handed to the parser so far.
    read: u64,
    /// Reading stops with an error past this many bytes: the record is over the size limit.
    limit: u64,
    over_limit: bool,
    quoting: Quoting,
    at_end: bool,
}

impl Watched {
    /// Follows the quoting through `bytes`, a quoted field's content by `memchr` for its
    /// closing quote and an unquoted field's by `memchr3` for its end.
    fn follow(&mut self, bytes: &[u8]) {
        let boundary = |b: u8| b == self.delimiter || b == b'\n' || b == b'\r';
        let mut i = 0;
        while i < bytes.len() {
            let (skip, next) = match self.quoting {
                Quoting::Quoted => match memchr(b'"', &bytes[i..]) {
                    Some(j) => (j + 1, Quoting::QuoteInQuoted),
                    None => return,
                },
                Quoting::Unquoted => match memchr3(self.delimiter, b'\n', b'\r', &bytes[i..]) {
                    Some(j) => (j + 1, Quoting::FieldStart),
                    None => return,
                },
                Quoting::FieldStart | Quoting::QuoteInQuoted => {
                    let b = bytes[i];
                    let next = match b {
                        // Opens a quoted field, or doubles into a literal quote inside one.
                        b'"' => Quoting::Quoted,
                        b if boundary(b) => Quoting::FieldStart,
                        _ => Quoting::Unquoted,
                    };
                    (1, next)
                }
            };
            i += skip;
            self.quoting = next;
        }
    }
}

impl Read for Watched {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = self.limit.saturating_sub(self.read);
        if room == 0 {
            self.over_limit = true;
            return Err(io::Error::other("record over the size limit"));
        }
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.at_end |= n == 0;
        self.follow(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// CSV with a header row, read one record at a time.
pub(super) struct CsvSource {
    reader: csv::Reader<Watched>,
    /// The most bytes a record may have.
    max: u64,
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
        max: u64,
    ) -> Result<CsvSource, SkipReason> {
        let (reader, header) = Header::read(reader, delimiter, max)?;
        let missing = |name: &str| {
            let (line, message) = header.missing(name);
            SkipReason::BadRecord { line, message }
        };
        let Some(text) = header.find(&fields.text) else {
            return Err(missing(&fields.text));
        };
        // An id column the user asked for by name must exist (`Corpus::open` checked it);
        // title and date are optional (they are on by default, and many corpora have
        // neither).
        let id = match &fields.id {
            Some(name) => Some(header.find(name).ok_or_else(|| missing(name))?),
            None => header.find("id"),
        };
        let title = fields.title.as_deref().and_then(|name| header.find(name));
        let date = fields.date.as_deref().and_then(|name| header.find(name));
        Ok(CsvSource {
            reader,
            max,
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
            line,
            id: optional(self.id).map(Cow::Borrowed),
            title: optional(self.title),
            date: optional(self.date),
            body: Cow::Borrowed(body),
        })
    }
}

impl CsvSource {
    /// Why the record just read, which ends the file inside a quoted field, is skipped.
    fn unclosed_quote(&self) -> SkipReason {
        let line = self.record.position().map_or(0, |p| p.line() as usize);
        let end = self.reader.position().line();
        SkipReason::BadRecord {
            line,
            message: format!(
                "a quoted field is never closed: this record runs to the end of the file \
                 (line {end}), swallowing the rows after it"
            ),
        }
    }
}

impl RecordSource for CsvSource {
    fn next_item(&mut self) -> Option<(usize, Item<'_>)> {
        let start = self.reader.position().clone();
        self.reader.get_mut().limit = start.byte() + self.max + BUFFER as u64;
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                self.row += 1;
                let watched = self.reader.get_ref();
                let runaway = watched.at_end
                    && watched.quoting == Quoting::Quoted
                    && self.reader.position().byte() == watched.read;
                if runaway {
                    return Some((self.row, Item::Bad(self.unclosed_quote())));
                }
                if self.reader.position().byte() - start.byte() > self.max {
                    let line = start.line() as usize;
                    let message =
                        format!("record longer than the size limit of {}", size(self.max));
                    return Some((self.row, Item::Bad(SkipReason::BadRecord { line, message })));
                }
                Some((self.row, self.fields()))
            }
            Err(e) => {
                self.row += 1;
                let line = self.reader.position().line() as usize;
                if self.reader.get_ref().over_limit {
                    let message = format!(
                        "record longer than the size limit of {}; the rest of the file is not read",
                        size(self.max)
                    );
                    let line = start.line() as usize;
                    return Some((
                        self.row,
                        Item::Failed(SkipReason::BadRecord { line, message }),
                    ));
                }
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

/// A file's header row.
pub(super) struct Header {
    columns: csv::ByteRecord,
    line: usize,
}

impl Header {
    /// Reads the header row of a CSV file, `Err` when the file cannot be read as CSV.
    fn read(
        reader: Box<dyn Read + Send>,
        delimiter: u8,
        max: u64,
    ) -> Result<(csv::Reader<Watched>, Header), SkipReason> {
        let watched = Watched {
            inner: reader,
            delimiter,
            read: 0,
            limit: max + BUFFER as u64,
            over_limit: false,
            quoting: Quoting::FieldStart,
            at_end: false,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .delimiter(delimiter)
            .buffer_capacity(BUFFER)
            .from_reader(watched);
        let columns = reader.byte_headers().cloned();
        let columns = match columns {
            Ok(columns) => columns,
            Err(_) if reader.get_ref().over_limit => {
                let message = format!("header longer than the size limit of {}", size(max));
                return Err(SkipReason::BadRecord { line: 1, message });
            }
            Err(e) => return Err(csv_error_reason(&e, 1)),
        };
        if columns.is_empty() {
            return Err(SkipReason::Empty);
        }
        let line = columns.position().map_or(1, |p| p.line() as usize);
        Ok((reader, Header { columns, line }))
    }

    /// The index of column `name`.
    fn find(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|h| h.trim_ascii() == name.as_bytes())
    }

    /// Why a file without column `name` cannot be read: the header's line and a message.
    fn missing(&self, name: &str) -> (usize, String) {
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        let message = format!("no column `{name}`; columns are: {}", columns.join(", "));
        (self.line, message)
    }
}

/// Whether a CSV file has a column `name`; `Err` is the line of its header and what is
/// wrong. A file whose header cannot be read passes: it is skipped, with the reason, when
/// it is read.
pub(super) fn check_header(
    reader: Box<dyn Read + Send>,
    delimiter: u8,
    name: &str,
    max: u64,
) -> Result<(), (usize, String)> {
    match Header::read(reader, delimiter, max) {
        Ok((_, header)) if header.find(name).is_none() => Err(header.missing(name)),
        _ => Ok(()),
    }
}
