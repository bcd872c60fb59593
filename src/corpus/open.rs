//! Opening one source: resolving its kind, decompressing it, and reading a text file whole.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;
use flate2::read::MultiGzDecoder;

use super::csv::{CsvSource, check_header};
use super::jsonl::{JsonlSource, check_first_record};
use super::plan::path_id;
use super::records::Records;
use super::{
    BINARY_SNIFF_BYTES, BOM, CorpusConfig, Document, Entry, Format, Planned, SkipReason, Skipped,
    Source,
};

/// The concrete way one source is parsed, once [`Format::Auto`] has been resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Jsonl,
    Csv { delimiter: u8 },
}

/// Resolves the format of a file from the configuration and its name. Returns the kind and
/// whether the file is gzip-compressed.
pub(super) fn kind_of(path: Option<&Path>, config: &CorpusConfig) -> (Kind, bool) {
    let name = path
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_owned(), true),
        None => (name, false),
    };
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tsv = ext == "tsv";
    let csv = Kind::Csv {
        delimiter: config.delimiter.unwrap_or(if tsv { b'\t' } else { b',' }),
    };
    let kind = match config.format {
        Format::Text => Kind::Text,
        Format::Jsonl => Kind::Jsonl,
        Format::Csv => csv,
        Format::Auto if path.is_none() => Kind::Text,
        Format::Auto => match ext.as_str() {
            "jsonl" | "ndjson" => Kind::Jsonl,
            "csv" | "tsv" => csv,
            _ => Kind::Text,
        },
    };
    (kind, gz)
}

/// What opening a source gives: a single entry (a text document, or a skip), or a stream of
/// records.
pub(super) enum Opened {
    One(Entry),
    Records(Records),
}

pub(super) fn skipped(source: impl Into<String>, reason: SkipReason) -> Entry {
    Entry::Skipped(Skipped {
        source: source.into(),
        reason,
    })
}

/// Opens a file, decompressed when `gz`, or stdin when `path` is `None`.
fn open_reader(path: Option<&Path>, gz: bool) -> io::Result<Box<dyn Read + Send>> {
    Ok(match path {
        None => Box::new(io::stdin()),
        Some(path) => {
            let file = File::open(path)?;
            if gz {
                Box::new(MultiGzDecoder::new(BufReader::new(file)))
            } else {
                Box::new(file)
            }
        }
    })
}

pub(super) fn open_source(source: &Source, config: &CorpusConfig) -> Opened {
    let (name, path) = match source {
        Source::Stdin => ("-".to_owned(), None),
        Source::Path(path) => (path_id(path), Some(path.as_path())),
    };
    let (kind, gz) = kind_of(path, config);
    match open_reader(path, gz) {
        Ok(reader) => read_source(name, kind, reader, config),
        Err(e) => Opened::One(skipped(name, SkipReason::Unreadable(e.to_string()))),
    }
}

/// Checks that the id field named in `config` exists in every record file of `plan`: in the
/// header of a CSV file, in the first record of a JSONL file. Stdin is not read twice, so
/// its records are checked one by one as they are read.
pub(super) fn check_id_field(plan: &[Planned], config: &CorpusConfig) -> crate::Result<()> {
    let Some(name) = &config.fields.id else {
        return Ok(());
    };
    let max = config.max_document_bytes;
    for planned in plan {
        let Planned::Read(Source::Path(path)) = planned else {
            continue;
        };
        let (kind, gz) = kind_of(Some(path), config);
        if kind == Kind::Text {
            continue;
        }
        // An unreadable file is skipped, with its reason, when it is read.
        let Ok(reader) = open_reader(Some(path), gz).and_then(|r| decode(r, config.encoding))
        else {
            continue;
        };
        let found = match kind {
            Kind::Csv { delimiter } => check_header(reader, delimiter, name, max),
            _ => check_first_record(reader, name, max),
        };
        if let Err((line, message)) = found {
            return Err(crate::Error::Syntax {
                path: path.clone(),
                position: crate::error::Position { line, column: 1 },
                message,
            });
        }
    }
    Ok(())
}

/// Decodes `reader` to UTF-8 when it starts with a UTF-16 byte order mark or `encoding` is
/// given (a byte order mark then still decides); otherwise its bytes go on untouched, to be
/// checked as UTF-8 where they are read.
fn decode(
    mut reader: Box<dyn Read + Send>,
    encoding: Option<&'static Encoding>,
) -> io::Result<Box<dyn Read + Send>> {
    // A whole first read, not just the mark, is handed on in one piece: the CSV reader looks
    // for a UTF-8 byte order mark in its first read.
    let mut head = vec![0u8; 8 * 1024];
    let mut n = 0;
    while n < 3 {
        match reader.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let reader = Box::new(io::Cursor::new(head).chain(reader));
    if !utf16 && encoding.is_none() {
        return Ok(reader);
    }
    Ok(Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(encoding)
            .bom_override(true)
            .strip_bom(true)
            .build(reader),
    ))
}

/// Reads an opened source (a file, or stdin named `-`) as `kind`.
pub(super) fn read_source(
    name: String,
    kind: Kind,
    reader: Box<dyn Read + Send>,
    config: &CorpusConfig,
) -> Opened {
    let reader = match decode(reader, config.encoding) {
        Ok(reader) => reader,
        Err(e) => return Opened::One(skipped(name, SkipReason::Unreadable(e.to_string()))),
    };
    let max = config.max_document_bytes;
    match kind {
        Kind::Text => Opened::One(read_text(name, reader, max)),
        Kind::Jsonl => Opened::Records(Records::new(
            name,
            Box::new(JsonlSource::new(reader, &config.fields, max)),
        )),
        Kind::Csv { delimiter } => match CsvSource::new(reader, delimiter, &config.fields, max) {
            Ok(source) => Opened::Records(Records::new(name, Box::new(source))),
            Err(reason) => Opened::One(skipped(name, reason)),
        },
    }
}

/// Reads a whole text file as one document, or says why it cannot be one. No more than
/// `max` bytes (and one to tell) are read.
fn read_text(id: String, reader: impl Read, max: u64) -> Entry {
    let mut reader = reader.take(max.saturating_add(1));
    let mut bytes = Vec::new();
    // Look at the head first, so a large binary file is rejected without reading it all.
    if let Err(e) = (&mut reader)
        .take(BINARY_SNIFF_BYTES)
        .read_to_end(&mut bytes)
    {
        return skipped(id, SkipReason::Unreadable(e.to_string()));
    }
    if bytes.contains(&0) {
        return skipped(id, SkipReason::Binary);
    }
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return skipped(id, SkipReason::Unreadable(e.to_string()));
    }
    if bytes.len() as u64 > max {
        return skipped(id, SkipReason::TooLarge { limit: max });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            return skipped(id, SkipReason::InvalidUtf8 { offset });
        }
    };
    // A UTF-8 byte order mark stays, so that offsets are the file's.
    if text.strip_prefix(BOM).unwrap_or(&text).trim().is_empty() {
        return skipped(id, SkipReason::Empty);
    }
    Entry::Document(Document {
        id,
        title: None,
        date: None,
        dated: None,
        text,
    })
}
