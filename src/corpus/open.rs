//! Opening one source: resolving its kind, decompressing it, and reading a text file whole.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::csv::CsvSource;
use super::jsonl::JsonlSource;
use super::plan::path_id;
use super::records::Records;
use super::{
    BINARY_SNIFF_BYTES, BOM, CorpusConfig, Document, Entry, Format, SkipReason, Skipped, Source,
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

pub(super) fn open_source(source: &Source, config: &CorpusConfig) -> Opened {
    let (name, path) = match source {
        Source::Stdin => ("-".to_owned(), None),
        Source::Path(path) => (path_id(path), Some(path.as_path())),
    };
    let (kind, gz) = kind_of(path, config);
    let reader: Box<dyn Read + Send> = match path {
        None => Box::new(io::stdin()),
        Some(path) => match File::open(path) {
            Ok(file) if gz => Box::new(MultiGzDecoder::new(BufReader::new(file))),
            Ok(file) => Box::new(file),
            Err(e) => return Opened::One(skipped(name, SkipReason::Unreadable(e.to_string()))),
        },
    };
    read_source(name, kind, reader, config)
}

/// Reads an opened source (a file, or stdin named `-`) as `kind`.
pub(super) fn read_source(
    name: String,
    kind: Kind,
    reader: Box<dyn Read + Send>,
    config: &CorpusConfig,
) -> Opened {
    match kind {
        Kind::Text => Opened::One(read_text(name, reader)),
        Kind::Jsonl => Opened::Records(Records::new(
            name,
            Box::new(JsonlSource::new(reader, &config.fields)),
        )),
        Kind::Csv { delimiter } => match CsvSource::new(reader, delimiter, &config.fields) {
            Ok(source) => Opened::Records(Records::new(name, Box::new(source))),
            Err(reason) => Opened::One(skipped(name, reason)),
        },
    }
}

/// Reads a whole text file as one document, or says why it cannot be one.
fn read_text(id: String, mut reader: impl Read) -> Entry {
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
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            return skipped(id, SkipReason::InvalidUtf8 { offset });
        }
    };
    if text.starts_with(BOM) {
        text.drain(..BOM.len());
    }
    if text.trim().is_empty() {
        return skipped(id, SkipReason::Empty);
    }
    Entry::Document(Document {
        id,
        title: None,
        date: None,
        text,
    })
}
