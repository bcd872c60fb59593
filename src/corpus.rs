//! Reading a corpus: files, directories, stdin, JSONL and CSV, one document at a time.
//!
//! Two promises shape this module:
//!
//! * **Streaming.** Only one file (text) or one record (JSONL, CSV) is held in memory at a
//!   time, so a corpus larger than memory can be processed. [`Corpus::open`] only lists paths;
//!   the reading happens lazily in [`Entries::next`].
//! * **Every input is accounted for.** Each file or record yields exactly one [`Entry`]: a
//!   [`Document`] or a [`Skipped`] entry that says why (binary, invalid UTF-8, empty, a bad
//!   record with its line). Nothing panics and nothing vanishes silently, so a user can trust
//!   that counts computed from the corpus cover what they asked for, and see what they did not.
//!
//! Only a path that does not exist at all is an error ([`crate::Error::Io`]): a mistyped
//! argument makes the whole run meaningless, whereas one bad file in ten thousand does not.
//!
//! ```no_run
//! use gazegraph::corpus::{Corpus, CorpusConfig, Entry};
//! use std::path::PathBuf;
//!
//! let corpus = Corpus::open(&[PathBuf::from("news")], CorpusConfig::default())?;
//! for entry in corpus.entries() {
//!     match entry {
//!         Entry::Document(doc) => { /* annotate doc.text */ }
//!         Entry::Skipped(skipped) => { /* report: "{skipped}" */ }
//!     }
//! }
//! # Ok::<(), gazegraph::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use serde_json::Value;

use crate::{Error, Result};

/// How many leading bytes are searched for a NUL to decide that a file is binary. The same
/// heuristic as git and grep: text never contains NUL, and most binary formats do early on.
const BINARY_SNIFF_BYTES: u64 = 8 * 1024;

/// The UTF-8 byte order mark some Windows tools write at the start of a file.
const BOM: &str = "\u{feff}";

/// One document to annotate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// A stable identifier: the file path for text files, the id field or `<path>#<line>`
    /// (JSONL) / `<path>#<row>` (CSV) for records. It is what reports cite as evidence.
    pub id: String,
    /// The headline, when the record has one. It is also the first paragraph of
    /// [`Document::text`], so that names in headlines are matched.
    pub title: Option<String>,
    /// The publication date exactly as the source spells it (trimmed); not parsed, because
    /// news dates come in too many formats to guess safely.
    pub date: Option<String>,
    /// The text to annotate. For text files it is the file's content unchanged (except for a
    /// leading byte order mark), so offsets into it are offsets into the file, less the BOM.
    /// For records with a title it is `title + "\n\n" + body`.
    pub text: String,
}

/// Why an input did not become a [`Document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The file could not be read (permission denied, I/O or decompression error); the
    /// message is the operating system's.
    Unreadable(String),
    /// The bytes are not UTF-8; `offset` is the 0-based position of the first bad byte in
    /// the (decompressed) file, so the user can find it with a hex editor.
    InvalidUtf8 {
        /// 0-based byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file has a NUL byte in its first 8 KiB, so it is almost certainly not text.
    Binary,
    /// The text is empty or only whitespace (or a JSONL / CSV file has no records).
    Empty,
    /// A JSONL line or CSV record that cannot be turned into a document.
    BadRecord {
        /// 1-based line in the file where the record starts.
        line: usize,
        /// What is wrong, for a human.
        message: String,
    },
    /// Annotating the document failed on a bug in gazegraph (a panic, caught so that it
    /// costs this document only); the message is the panic's.
    Failed(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(message) => write!(f, "unreadable: {message}"),
            SkipReason::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::Empty => f.write_str("empty"),
            SkipReason::BadRecord { line, message } => write!(f, "line {line}: {message}"),
            SkipReason::Failed(message) => {
                write!(f, "internal error ({message}); please report it")
            }
        }
    }
}

/// An input that did not become a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it came from: the path of a file, or `<path>#<line>` (JSONL) / `<path>#<row>`
    /// (CSV) for a record, so the user can find it.
    pub source: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

/// One item of a corpus: every input yields exactly one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A document to annotate.
    Document(Document),
    /// An input that could not be used, with the reason.
    Skipped(Skipped),
}

/// How input files are parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide per file by extension: `.jsonl` / `.ndjson` → JSONL, `.csv` / `.tsv` → CSV,
    /// anything else → text. A trailing `.gz` is looked through. Stdin is text.
    #[default]
    Auto,
    /// One file is one document.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// Comma (or tab, for `.tsv`) separated values with a header row.
    Csv,
}

impl FromStr for Format {
    type Err = Error;

    /// Parses `auto`, `text`, `jsonl` or `csv` (as typed on the command line).
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "text" => Ok(Format::Text),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(Error::Invalid(format!(
                "unknown corpus format `{s}`; expected one of: auto, text, jsonl, csv"
            ))),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        })
    }
}

/// Which JSONL keys or CSV columns hold what. Corpora name their fields differently, so these
/// are configurable rather than guessed.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The document id; when `None` (or absent from a record) the id is `<path>#<line>` /
    /// `<path>#<row>`, which is stable and points at the record.
    pub id: Option<String>,
    /// The body text; required in every record.
    pub text: String,
    /// The headline, prepended to the text as its own paragraph when present.
    pub title: Option<String>,
    /// The publication date, kept as metadata.
    pub date: Option<String>,
}

impl Default for Fields {
    /// `text`, `title` and `date`: the names used by most news datasets (ISOT among them).
    fn default() -> Fields {
        Fields {
            id: None,
            text: "text".to_owned(),
            title: Some("title".to_owned()),
            date: Some("date".to_owned()),
        }
    }
}

/// Options for [`Corpus::open`].
#[derive(Clone, Debug, Default)]
pub struct CorpusConfig {
    /// How to parse inputs; [`Format::Auto`] decides per file by extension.
    pub format: Format,
    /// Field or column names for JSONL and CSV.
    pub fields: Fields,
    /// CSV delimiter byte; when `None`, `\t` for `.tsv` files and `,` otherwise.
    pub delimiter: Option<u8>,
}

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file, with its path normalised (no trailing slash, no leading `./`).
    Path(PathBuf),
    /// Standard input, named `-` on the command line.
    Stdin,
}

/// An item of the reading plan: a source to read, or a failure found while walking
/// directories (kept in path order with the files so the output order is stable).
#[derive(Clone, Debug)]
enum Planned {
    Read(Source),
    Failed(Skipped),
}

/// A set of inputs, expanded and ordered, ready to be read.
#[derive(Debug)]
pub struct Corpus {
    plan: Arc<[Planned]>,
    sources: Vec<Source>,
    config: Arc<CorpusConfig>,
    total_bytes: u64,
}

impl Corpus {
    /// Expands inputs into a sorted list of sources without reading any of them.
    ///
    /// A directory is walked recursively (following symbolic links, skipping hidden files and
    /// directories, whose names start with `.`); `-` is stdin. A path that does not exist (or
    /// cannot even be examined) is an `Err` naming the path: a missing input makes the run
    /// meaningless. Errors *inside* a directory walk (an unreadable subdirectory, a broken
    /// link) become [`Skipped`] entries instead, since the rest of the corpus is still usable.
    ///
    /// Paths are normalised (`seeds/` and `./seeds` both give `seeds/...`), sorted and
    /// de-duplicated (the same file reached twice, even through a link or an absolute path,
    /// is read once, under its shortest spelling), so the order inputs are listed in never
    /// changes the output. Stdin, if given, comes first.
    pub fn open(inputs: &[PathBuf], config: CorpusConfig) -> Result<Corpus> {
        let mut stdin = false;
        // (path, size on disk or None for a failure, failure)
        let mut found: Vec<(PathBuf, Option<u64>, Option<Skipped>)> = Vec::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                stdin = true;
                continue;
            }
            let path = normalise(input);
            let meta = fs::metadata(&path).map_err(|e| Error::io(input, e))?;
            if meta.is_dir() {
                walk(&path, &mut found);
            } else {
                // Not necessarily a regular file: `<(zcat news.gz)` is a pipe, and reading it
                // is what the user asked for.
                found.push((
                    path,
                    Some(if meta.is_file() { meta.len() } else { 0 }),
                    None,
                ));
            }
        }

        // De-duplicate files by identity (the canonical path), so `seeds/a.txt`,
        // `/abs/seeds/a.txt` and a link to it are read once. The spelling kept to name the file
        // is the one with the fewest components, then the smallest: a choice that does not
        // depend on the order of the inputs.
        let mut files: HashMap<PathBuf, (PathBuf, u64)> = HashMap::new();
        let mut failures: Vec<(PathBuf, Skipped)> = Vec::new();
        for (path, size, failure) in found {
            if let Some(skipped) = failure {
                failures.push((path, skipped));
                continue;
            }
            let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            let rank = |p: &Path| (p.components().count(), p.to_path_buf());
            match files.get_mut(&key) {
                Some(kept) if rank(&path) < rank(&kept.0) => *kept = (path, size.unwrap_or(0)),
                Some(_) => {}
                None => {
                    files.insert(key, (path, size.unwrap_or(0)));
                }
            }
        }
        failures.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.reason.to_string().cmp(&b.1.reason.to_string()))
        });
        failures.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);

        let total_bytes = files.values().map(|(_, size)| size).sum();
        let mut ordered: Vec<(PathBuf, Planned)> = files
            .into_values()
            .map(|(path, _)| (path.clone(), Planned::Read(Source::Path(path))))
            .chain(
                failures
                    .into_iter()
                    .map(|(path, skipped)| (path, Planned::Failed(skipped))),
            )
            .collect();
        // Stable: a failure and a file with the same path keep failures after files.
        ordered.sort_by(|a, b| a.0.cmp(&b.0));

        let mut plan = Vec::with_capacity(ordered.len() + 1);
        if stdin {
            plan.push(Planned::Read(Source::Stdin));
        }
        plan.extend(ordered.into_iter().map(|(_, planned)| planned));
        let sources = plan
            .iter()
            .filter_map(|planned| match planned {
                Planned::Read(source) => Some(source.clone()),
                Planned::Failed(_) => None,
            })
            .collect();

        Ok(Corpus {
            plan: plan.into(),
            sources,
            config: Arc::new(config),
            total_bytes,
        })
    }

    /// The inputs that will be read, in reading order (stdin first, then files by path).
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Sum of file sizes on disk, for progress bars; stdin and pipes count 0. Compressed
    /// files count their compressed size, since that is what is read from disk.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// A lazy iterator over all entries, in source order and then record order.
    ///
    /// Nothing is read until [`Iterator::next`] is called, and only one file or record is in
    /// memory at a time. The iterator is `Send`, so it can feed a parallel pipeline (for
    /// example with rayon's `par_bridge`). Each call starts reading afresh; stdin can only be
    /// read once, so a second pass over a corpus that includes stdin sees it empty.
    pub fn entries(&self) -> Entries {
        Entries {
            plan: Arc::clone(&self.plan),
            config: Arc::clone(&self.config),
            next: 0,
            current: None,
        }
    }
}

/// Iterator over the [`Entry`]s of a [`Corpus`], made by [`Corpus::entries`].
pub struct Entries {
    plan: Arc<[Planned]>,
    config: Arc<CorpusConfig>,
    next: usize,
    current: Option<Records>,
}

impl fmt::Debug for Entries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entries")
            .field("next", &self.next)
            .field("sources", &self.plan.len())
            .field("in_records", &self.current.is_some())
            .finish()
    }
}

impl Iterator for Entries {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(records) = &mut self.current {
                if let Some(entry) = records.next() {
                    return Some(entry);
                }
                self.current = None;
            }
            let planned = self.plan.get(self.next)?;
            self.next += 1;
            match planned {
                Planned::Failed(skipped) => return Some(Entry::Skipped(skipped.clone())),
                Planned::Read(source) => match open_source(source, &self.config) {
                    Opened::One(entry) => return Some(entry),
                    Opened::Records(records) => self.current = Some(records),
                },
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Expanding inputs

/// Normalises a path as typed: drops trailing and doubled slashes and interior `.`
/// (`Path::components` does that) and a leading `./`, so that `seeds`, `seeds/` and `./seeds`
/// name documents identically. It does not resolve `..` or links: ids stay as the user wrote
/// them.
fn normalise(path: &Path) -> PathBuf {
    let mut components = path.components().peekable();
    if components.peek() == Some(&Component::CurDir) {
        let mut rest = components.clone();
        rest.next();
        if rest.peek().is_some() {
            components = rest;
        }
    }
    components.collect()
}

/// Walks `root` recursively, adding every file and every walk error to `found`.
fn walk(root: &Path, found: &mut Vec<(PathBuf, Option<u64>, Option<Skipped>)>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for item in walker {
        match item {
            Ok(entry) => {
                let file_type = entry.file_type();
                if file_type.is_dir() {
                    continue;
                }
                let path = normalise(entry.path());
                if file_type.is_file() {
                    let size = entry.metadata().map_or(0, |m| m.len());
                    found.push((path, Some(size), None));
                } else {
                    // A socket, FIFO or device inside a corpus directory: reading it could
                    // block forever, but it should not vanish either.
                    let skipped = Skipped {
                        source: path_id(&path),
                        reason: SkipReason::Unreadable("not a regular file".to_owned()),
                    };
                    found.push((path, None, Some(skipped)));
                }
            }
            Err(err) => {
                let path = normalise(err.path().unwrap_or(root));
                let message = match (err.loop_ancestor(), err.io_error()) {
                    (Some(ancestor), _) => format!(
                        "symbolic link loop back to {}",
                        path_id(&normalise(ancestor))
                    ),
                    (None, Some(io)) => io.to_string(),
                    (None, None) => err.to_string(),
                };
                let skipped = Skipped {
                    source: path_id(&path),
                    reason: SkipReason::Unreadable(message),
                };
                found.push((path, None, Some(skipped)));
            }
        }
    }
}

/// The id of a file: its (normalised) path with `/` separators on every platform, so ids
/// are the same whichever machine produced a report.
fn path_id(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

// ---------------------------------------------------------------------------------------------
// Opening one source

/// The concrete way one source is parsed, once [`Format::Auto`] has been resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Csv { delimiter: u8 },
}

/// Resolves the format of a file from the configuration and its name. Returns the kind and
/// whether the file is gzip-compressed.
fn kind_of(path: Option<&Path>, config: &CorpusConfig) -> (Kind, bool) {
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
enum Opened {
    One(Entry),
    Records(Records),
}

fn skipped(source: impl Into<String>, reason: SkipReason) -> Entry {
    Entry::Skipped(Skipped {
        source: source.into(),
        reason,
    })
}

fn open_source(source: &Source, config: &CorpusConfig) -> Opened {
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
fn read_source(
    name: String,
    kind: Kind,
    reader: Box<dyn Read + Send>,
    config: &CorpusConfig,
) -> Opened {
    match kind {
        Kind::Text => Opened::One(read_text(name, reader)),
        Kind::Jsonl => Opened::Records(Records::Jsonl(Box::new(JsonlRecords {
            reader: BufReader::with_capacity(64 * 1024, reader),
            source: name,
            fields: config.fields.clone(),
            line: 0,
            offset: 0,
            buf: Vec::new(),
            yielded: false,
            done: false,
        }))),
        Kind::Csv { delimiter } => match CsvRecords::new(name, reader, delimiter, &config.fields) {
            Ok(records) => Opened::Records(Records::Csv(Box::new(records))),
            Err(entry) => Opened::One(entry),
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

/// Builds the entry for one record once its fields are extracted: composes the headline
/// into the text, drops empty metadata, and skips records with neither title nor body.
fn record_entry(
    source: String,
    id: Option<String>,
    title: Option<&str>,
    date: Option<&str>,
    body: Cow<'_, str>,
) -> Entry {
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    // A headline-only item (ISOT has some) is still news: only a record with neither a title
    // nor a body is empty.
    if body.trim().is_empty() && title.is_none() {
        return skipped(source, SkipReason::Empty);
    }
    let date = date.map(str::trim).filter(|d| !d.is_empty());
    let text = match title {
        Some(title) if body.trim().is_empty() => title.to_owned(),
        Some(title) => {
            let mut text = String::with_capacity(title.len() + 2 + body.len());
            text.push_str(title);
            text.push_str("\n\n");
            text.push_str(&body);
            text
        }
        // A body read as its own string (JSON) becomes the text without a copy.
        None => body.into_owned(),
    };
    Entry::Document(Document {
        id: id.unwrap_or(source),
        title: title.map(str::to_owned),
        date: date.map(str::to_owned),
        text,
    })
}

// ---------------------------------------------------------------------------------------------
// Record streams

/// A file being read record by record.
enum Records {
    // Boxed: both carry buffers and state that an idle `Entries` need not hold inline.
    Jsonl(Box<JsonlRecords>),
    Csv(Box<CsvRecords>),
}

impl Records {
    fn next(&mut self) -> Option<Entry> {
        match self {
            Records::Jsonl(records) => records.next(),
            Records::Csv(records) => records.next(),
        }
    }
}

/// JSON Lines, read one line at a time.
struct JsonlRecords {
    reader: BufReader<Box<dyn Read + Send>>,
    /// The file's id, prefix of record ids.
    source: String,
    fields: Fields,
    /// 1-based number of the line last read.
    line: usize,
    /// Byte offset of the start of the next line, to report invalid UTF-8 precisely.
    offset: usize,
    buf: Vec<u8>,
    /// Whether any entry came out of this file; a file with none is reported as empty.
    yielded: bool,
    done: bool,
}

impl JsonlRecords {
    fn next(&mut self) -> Option<Entry> {
        let entry = self.next_inner();
        if entry.is_some() {
            self.yielded = true;
        }
        entry
    }

    fn next_inner(&mut self) -> Option<Entry> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let start = self.offset;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Err(e) => {
                    // A decompression or I/O error: the rest of the file cannot be trusted.
                    self.done = true;
                    let source = format!("{}#{}", self.source, self.line + 1);
                    return Some(skipped(source, SkipReason::Unreadable(e.to_string())));
                }
                Ok(0) => {
                    self.done = true;
                    if self.yielded {
                        return None;
                    }
                    return Some(skipped(self.source.clone(), SkipReason::Empty));
                }
                Ok(n) => {
                    self.line += 1;
                    self.offset += n;
                }
            }
            let mut bytes = self.buf.as_slice();
            bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let mut bytes_start = start;
            if self.line == 1
                && let Some(rest) = bytes.strip_prefix(BOM.as_bytes())
            {
                bytes = rest;
                bytes_start += BOM.len();
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue; // blank lines separate nothing and are not documents
            }
            return Some(self.record(bytes, bytes_start));
        }
    }

    fn record(&self, bytes: &[u8], bytes_start: usize) -> Entry {
        let line = self.line;
        let source = format!("{}#{}", self.source, line);
        let bad =
            |message: String| skipped(source.clone(), SkipReason::BadRecord { line, message });
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                return bad(format!(
                    "invalid UTF-8 at byte {}",
                    bytes_start + e.valid_up_to()
                ));
            }
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                // serde_json appends " at line 1 column N"; only the column is useful here.
                let full = e.to_string();
                let message = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(m, _)| m);
                return bad(format!("invalid JSON at column {}: {message}", e.column()));
            }
        };
        let Value::Object(mut object) = value else {
            return bad(format!(
                "expected a JSON object, found {}",
                json_kind(&value)
            ));
        };
        let name = &self.fields.text;
        // The body is taken out of the record, not copied, unless another field reads it too.
        let fields = &self.fields;
        let shared = [&fields.title, &fields.date, &fields.id]
            .iter()
            .any(|f| f.as_deref() == Some(name.as_str()));
        let body = if shared {
            object.get(name).cloned()
        } else {
            object.remove(name)
        };
        let body = match body {
            Some(Value::String(body)) => body,
            Some(other) => {
                return bad(format!(
                    "field `{name}` must be a string, found {}",
                    json_kind(&other)
                ));
            }
            None => return bad(format!("missing field `{name}`")),
        };
        let string = |field: &Option<String>| match field.as_ref().and_then(|f| object.get(f)) {
            Some(Value::String(s)) => Some(s.as_str()),
            _ => None,
        };
        let id = match self.fields.id.as_ref().and_then(|f| object.get(f)) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        record_entry(
            source.clone(),
            id,
            string(&self.fields.title),
            string(&self.fields.date),
            Cow::Owned(body),
        )
    }
}

/// A JSON value's kind, with an article, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// CSV with a header row, read one record at a time.
struct CsvRecords {
    reader: csv::Reader<Box<dyn Read + Send>>,
    source: String,
    record: csv::ByteRecord,
    text: (usize, String),
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    /// 1-based number of the record last read, header excluded.
    row: usize,
    yielded: bool,
    done: bool,
}

impl CsvRecords {
    /// Reads the header and finds the columns. When that fails, the whole file is one
    /// skipped entry, returned as `Err`.
    fn new(
        source: String,
        reader: Box<dyn Read + Send>,
        delimiter: u8,
        fields: &Fields,
    ) -> std::result::Result<CsvRecords, Entry> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .delimiter(delimiter)
            .from_reader(reader);
        let headers = match reader.byte_headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Err(skipped(source, csv_error_reason(&e, 1))),
        };
        if headers.is_empty() {
            return Err(skipped(source, SkipReason::Empty));
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
            skipped(
                source.clone(),
                SkipReason::BadRecord {
                    line,
                    message: format!("no column `{name}`; columns are: {}", columns.join(", ")),
                },
            )
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
        Ok(CsvRecords {
            reader,
            source,
            record: csv::ByteRecord::new(),
            text: (text, fields.text.clone()),
            id,
            title,
            date,
            row: 0,
            yielded: false,
            done: false,
        })
    }

    fn next(&mut self) -> Option<Entry> {
        let entry = self.next_inner();
        if entry.is_some() {
            self.yielded = true;
        }
        entry
    }

    fn next_inner(&mut self) -> Option<Entry> {
        if self.done {
            return None;
        }
        let read = self.reader.read_byte_record(&mut self.record);
        match read {
            Ok(false) => {
                self.done = true;
                if self.yielded {
                    return None;
                }
                return Some(skipped(self.source.clone(), SkipReason::Empty));
            }
            Ok(true) => self.row += 1,
            Err(e) => {
                self.row += 1;
                let source = format!("{}#{}", self.source, self.row);
                if e.is_io_error() {
                    self.done = true;
                }
                let line = self.reader.position().line() as usize;
                return Some(skipped(source, csv_error_reason(&e, line)));
            }
        }
        Some(self.record())
    }

    fn record(&self) -> Entry {
        let source = format!("{}#{}", self.source, self.row);
        let line = self.record.position().map_or(0, |p| p.line() as usize);
        let (text, text_name) = &self.text;
        let field = |index: usize| -> std::result::Result<&str, usize> {
            std::str::from_utf8(self.record.get(index).unwrap_or_default())
                .map_err(|e| e.valid_up_to())
        };
        let body = match field(*text) {
            Ok(body) => body,
            Err(at) => {
                let message =
                    format!("invalid UTF-8 in column `{text_name}` at byte {at} of the field");
                return skipped(source, SkipReason::BadRecord { line, message });
            }
        };
        // Metadata that is not UTF-8 is dropped rather than losing the document.
        let optional = |index: Option<usize>| index.and_then(|i| field(i).ok());
        let id = optional(self.id)
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        let (title, date) = (optional(self.title), optional(self.date));
        record_entry(source, id, title, date, Cow::Borrowed(body))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use tempfile::TempDir;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    fn entries(inputs: &[PathBuf], config: CorpusConfig) -> Vec<Entry> {
        Corpus::open(inputs, config).unwrap().entries().collect()
    }

    fn documents(entries: &[Entry]) -> Vec<&Document> {
        entries
            .iter()
            .filter_map(|e| match e {
                Entry::Document(d) => Some(d),
                Entry::Skipped(_) => None,
            })
            .collect()
    }

    fn skips(entries: &[Entry]) -> Vec<&Skipped> {
        entries
            .iter()
            .filter_map(|e| match e {
                Entry::Skipped(s) => Some(s),
                Entry::Document(_) => None,
            })
            .collect()
    }

    /// The single entry a one-file corpus yields.
    fn only(path: PathBuf) -> Entry {
        let mut all = entries(&[path], CorpusConfig::default());
        assert_eq!(all.len(), 1, "{all:?}");
        all.pop().unwrap()
    }

    fn id(path: &Path) -> String {
        path_id(path)
    }

    #[test]
    fn entries_are_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Entries>();
        assert_send::<Corpus>();
    }

    #[test]
    fn directories_are_sorted_deduplicated_and_skip_hidden_files() {
        let tmp = TempDir::new().unwrap();
        let dir = tmp.path().join("news");
        let b = write(&dir, "b.txt", b"bee");
        let a = write(&dir, "a.txt", b"ay");
        let c = write(&dir, "sub/c.txt", b"see");
        write(&dir, ".hidden.txt", b"hidden");
        write(&dir, ".git/objects.txt", b"hidden dir");
        let expected = vec![
            Source::Path(a.clone()),
            Source::Path(b.clone()),
            Source::Path(c),
        ];

        let orders = [
            vec![dir.clone()],
            vec![b.clone(), dir.clone(), a.clone()],
            vec![
                dir.join("sub"),
                a.clone(),
                dir.clone(),
                dir.clone(),
                b.clone(),
            ],
            // Same files through a different spelling of the same directory.
            vec![dir.join("sub").join(".."), dir.clone()],
        ];
        for inputs in &orders {
            let corpus = Corpus::open(inputs, CorpusConfig::default()).unwrap();
            assert_eq!(corpus.sources(), expected.as_slice(), "inputs {inputs:?}");
            assert_eq!(corpus.total_bytes(), 2 + 3 + 3);
            let ids: Vec<String> = documents(&corpus.entries().collect::<Vec<_>>())
                .iter()
                .map(|d| d.id.clone())
                .collect();
            assert_eq!(ids, [id(&a), id(&b), id(&dir.join("sub/c.txt"))]);
        }

        // A hidden file named explicitly is read: the user asked for it.
        let hidden = dir.join(".hidden.txt");
        let Entry::Document(doc) = only(hidden) else {
            panic!()
        };
        assert_eq!(doc.text, "hidden");
    }

    #[test]
    fn trailing_slash_and_dot_slash_give_the_same_ids() {
        let tmp = TempDir::new().unwrap();
        let dir = tmp.path().join("seeds");
        let file = write(&dir, "000_e56b92874250d2c8.txt", b"Putin met Haftar.");
        let slash = PathBuf::from(format!("{}/", dir.display()));
        let doubled = PathBuf::from(format!("{}//", dir.display()));
        let ids = |input: PathBuf| -> Vec<String> {
            documents(&entries(&[input], CorpusConfig::default()))
                .iter()
                .map(|d| d.id.clone())
                .collect()
        };
        let expected = vec![format!("{}/000_e56b92874250d2c8.txt", dir.display())];
        assert_eq!(ids(dir.clone()), expected);
        assert_eq!(ids(slash), expected);
        assert_eq!(ids(doubled), expected);
        assert_eq!(ids(file), expected);

        assert_eq!(normalise(Path::new("seeds/")), Path::new("seeds"));
        assert_eq!(
            normalise(Path::new("./seeds/a.txt")),
            Path::new("seeds/a.txt")
        );
        assert_eq!(
            normalise(Path::new("seeds/./a.txt")),
            Path::new("seeds/a.txt")
        );
        assert_eq!(normalise(Path::new(".")), Path::new("."));
        assert_eq!(
            path_id(&normalise(Path::new("./seeds//x.txt"))),
            "seeds/x.txt"
        );
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let tmp = TempDir::new().unwrap();
        let good = write(tmp.path(), "ok.txt", b"fine");
        let missing = tmp.path().join("no-such-dir");
        let err = Corpus::open(&[good, missing.clone()], CorpusConfig::default()).unwrap_err();
        match &err {
            Error::Io { path, error } => {
                assert_eq!(path, &missing);
                assert_eq!(error.kind(), io::ErrorKind::NotFound);
            }
            other => panic!("expected Error::Io, got {other:?}"),
        }
        assert!(err.to_string().contains("no-such-dir"), "{err}");
    }

    #[test]
    fn invalid_utf8_reports_the_offset_of_the_first_bad_byte() {
        let tmp = TempDir::new().unwrap();
        // "Zürich " is 8 bytes (ü is two), then a lone 0xff.
        let path = write(tmp.path(), "bad.txt", b"Z\xc3\xbcrich \xff rest");
        let entry = only(path.clone());
        let expected = Skipped {
            source: id(&path),
            reason: SkipReason::InvalidUtf8 { offset: 8 },
        };
        assert_eq!(entry, Entry::Skipped(expected));
        assert_eq!(
            SkipReason::InvalidUtf8 { offset: 8 }.to_string(),
            "invalid UTF-8 at byte 8"
        );

        // A truncated multi-byte sequence at the very end.
        let path = write(tmp.path(), "cut.txt", b"abc\xe2\x82");
        let Entry::Skipped(s) = only(path) else {
            panic!()
        };
        assert_eq!(s.reason, SkipReason::InvalidUtf8 { offset: 3 });

        // The offset is in the file, BOM included.
        let path = write(tmp.path(), "bom_bad.txt", b"\xef\xbb\xbfab\xc0");
        let Entry::Skipped(s) = only(path) else {
            panic!()
        };
        assert_eq!(s.reason, SkipReason::InvalidUtf8 { offset: 5 });
    }

    #[test]
    fn binary_and_empty_files_are_skipped_with_a_reason() {
        let tmp = TempDir::new().unwrap();
        let binary = write(tmp.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        let empty = write(tmp.path(), "empty.txt", b"");
        let blank = write(tmp.path(), "blank.txt", b" \n\t\r\n  ");
        let bom_only = write(tmp.path(), "bom_only.txt", b"\xef\xbb\xbf\n");
        // A NUL after the first 8 KiB does not make a file binary (and NUL is valid UTF-8).
        let mut late = vec![b'a'; 9000];
        late.push(0);
        let late_nul = write(tmp.path(), "late_nul.txt", &late);

        assert_eq!(
            only(binary.clone()),
            Entry::Skipped(Skipped {
                source: id(&binary),
                reason: SkipReason::Binary
            })
        );
        for path in [empty, blank, bom_only] {
            assert_eq!(
                only(path.clone()),
                Entry::Skipped(Skipped {
                    source: id(&path),
                    reason: SkipReason::Empty
                })
            );
        }
        let Entry::Document(doc) = only(late_nul) else {
            panic!("late NUL should be text")
        };
        assert_eq!(doc.text.len(), 9001);

        assert_eq!(SkipReason::Binary.to_string(), "binary file");
        assert_eq!(SkipReason::Empty.to_string(), "empty");
        let skipped = Skipped {
            source: "a.txt".into(),
            reason: SkipReason::Empty,
        };
        assert_eq!(skipped.to_string(), "a.txt: empty");
    }

    #[test]
    fn bom_is_stripped_and_crlf_is_kept() {
        let tmp = TempDir::new().unwrap();
        let path = write(
            tmp.path(),
            "win.txt",
            b"\xef\xbb\xbfLine one\r\nLine two\r\n",
        );
        let Entry::Document(doc) = only(path.clone()) else {
            panic!()
        };
        assert_eq!(doc.text, "Line one\r\nLine two\r\n");
        assert_eq!(doc.id, id(&path));
        assert_eq!(doc.title, None);
        assert_eq!(doc.date, None);
    }

    #[test]
    fn files_are_read_lazily_and_a_vanished_file_is_skipped() {
        let tmp = TempDir::new().unwrap();
        let keep = write(tmp.path(), "a.txt", b"kept");
        let gone = write(tmp.path(), "b.txt", b"removed before reading");
        let corpus = Corpus::open(&[tmp.path().to_path_buf()], CorpusConfig::default()).unwrap();
        fs::remove_file(&gone).unwrap();
        let all: Vec<Entry> = corpus.entries().collect();
        assert_eq!(all.len(), 2);
        assert!(matches!(&all[0], Entry::Document(d) if d.id == id(&keep)));
        match &all[1] {
            Entry::Skipped(Skipped {
                source,
                reason: SkipReason::Unreadable(message),
            }) => {
                assert_eq!(source, &id(&gone));
                assert!(message.contains("No such file"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // A second pass reads again.
        assert_eq!(corpus.entries().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn walk_errors_become_skipped_entries_in_path_order() {
        let tmp = TempDir::new().unwrap();
        let dir = tmp.path().join("corpus");
        let a = write(&dir, "a.txt", b"first");
        let c = write(&dir, "c.txt", b"third");
        let broken = dir.join("b_broken.txt");
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), &broken).unwrap();
        // A link to a file already in the corpus is the same file, read once.
        std::os::unix::fs::symlink(&c, dir.join("d_link.txt")).unwrap();
        // A link back to an ancestor would loop forever.
        std::os::unix::fs::symlink(&dir, dir.join("e_loop")).unwrap();

        let all = entries(std::slice::from_ref(&dir), CorpusConfig::default());
        let sources: Vec<String> = all
            .iter()
            .map(|e| match e {
                Entry::Document(d) => d.id.clone(),
                Entry::Skipped(s) => s.source.clone(),
            })
            .collect();
        assert_eq!(
            sources,
            [id(&a), id(&broken), id(&c), id(&dir.join("e_loop"))]
        );
        assert!(matches!(
            &all[1],
            Entry::Skipped(Skipped {
                reason: SkipReason::Unreadable(_),
                ..
            })
        ));
        match &all[3] {
            Entry::Skipped(Skipped {
                reason: SkipReason::Unreadable(m),
                ..
            }) => {
                assert!(m.contains("loop"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn jsonl_records_good_and_bad_with_line_numbers() {
        let tmp = TempDir::new().unwrap();
        let lines = [
            r#"{"id": 17, "title": "Haftar advances", "date": " 2019-04-04 ", "text": "The LNA moved on Tripoli."}"#,
            r#"{"text": "No id, no title.", "title": ""}"#,
            "",
            r#"{"text": "unterminated"#,
            r#"["an", "array"]"#,
            r#"{"body": "wrong field"}"#,
            r#"{"id": "x-1", "text": 42}"#,
            r#"{"id": "x-2", "text": "   "}"#,
            "   ",
            "{\"id\": \"crlf\", \"text\": \"Windows line\"}\r",
            r#"{"id": null, "title": 5, "date": true, "text": "odd metadata"}"#,
        ];
        let mut content = lines.join("\n").into_bytes();
        content.extend_from_slice(b"\n{\"text\": \"bad \xff byte\"}\n");
        let path = write(tmp.path(), "news.jsonl", &content);
        let p = id(&path);
        let config = CorpusConfig {
            fields: Fields {
                id: Some("id".into()),
                ..Fields::default()
            },
            ..CorpusConfig::default()
        };
        let all = entries(std::slice::from_ref(&path), config);
        let bad = |line: usize, message: &str| {
            Entry::Skipped(Skipped {
                source: format!("{p}#{line}"),
                reason: SkipReason::BadRecord {
                    line,
                    message: message.to_owned(),
                },
            })
        };
        let doc = |id: &str, title: Option<&str>, date: Option<&str>, text: &str| {
            Entry::Document(Document {
                id: id.to_owned(),
                title: title.map(str::to_owned),
                date: date.map(str::to_owned),
                text: text.to_owned(),
            })
        };
        // Byte offset of the 0xff: everything before line 12, plus `{"text": "bad `.
        let ff_offset = content.iter().position(|&b| b == 0xff).unwrap();
        let expected = vec![
            doc(
                "17",
                Some("Haftar advances"),
                Some("2019-04-04"),
                "Haftar advances\n\nThe LNA moved on Tripoli.",
            ),
            doc(&format!("{p}#2"), None, None, "No id, no title."),
            // line 3 is blank: no entry
            bad(4, "invalid JSON at column 22: EOF while parsing a string"),
            bad(5, "expected a JSON object, found an array"),
            bad(6, "missing field `text`"),
            bad(7, "field `text` must be a string, found a number"),
            Entry::Skipped(Skipped {
                source: format!("{p}#8"),
                reason: SkipReason::Empty,
            }),
            // line 9 is whitespace: no entry
            doc("crlf", None, None, "Windows line"),
            doc(&format!("{p}#11"), None, None, "odd metadata"),
            bad(12, &format!("invalid UTF-8 at byte {ff_offset}")),
        ];
        assert_eq!(all, expected);
        assert_eq!(
            bad(6, "missing field `text`").to_string_reason(),
            "line 6: missing field `text`"
        );
    }

    impl Entry {
        fn to_string_reason(&self) -> String {
            match self {
                Entry::Skipped(s) => s.reason.to_string(),
                Entry::Document(_) => String::new(),
            }
        }
    }

    #[test]
    fn jsonl_without_documents_is_reported_empty_and_bom_is_ignored() {
        let tmp = TempDir::new().unwrap();
        let blank = write(tmp.path(), "blank.ndjson", b"\n  \n\n");
        assert_eq!(
            only(blank.clone()),
            Entry::Skipped(Skipped {
                source: id(&blank),
                reason: SkipReason::Empty
            })
        );
        let bom = write(tmp.path(), "bom.jsonl", b"\xef\xbb\xbf{\"text\": \"ok\"}\n");
        let Entry::Document(doc) = only(bom.clone()) else {
            panic!()
        };
        assert_eq!(doc.id, format!("{}#1", id(&bom)));
        assert_eq!(doc.text, "ok");
    }

    #[test]
    fn csv_records_compose_title_and_report_bad_rows() {
        let tmp = TempDir::new().unwrap();
        let content = "\u{feff}doc_id,title,text,date\n\
                       a1,Sisi meets Haftar,\"Cairo talks.\nSecond line, with comma.\",2019-04-14\n\
                       ,,Untitled body,\n\
                       a3,too,many,fields,here\n\
                       a4,Headline only,  ,2020\n\
                       a5,  Padded  ,Body,\" May 1, 2020 \"\n";
        let path = write(tmp.path(), "news.csv", content.as_bytes());
        let p = id(&path);
        let config = CorpusConfig {
            fields: Fields {
                id: Some("doc_id".into()),
                ..Fields::default()
            },
            ..CorpusConfig::default()
        };
        let all = entries(&[path], config);
        let expected = vec![
            Entry::Document(Document {
                id: "a1".into(),
                title: Some("Sisi meets Haftar".into()),
                date: Some("2019-04-14".into()),
                text: "Sisi meets Haftar\n\nCairo talks.\nSecond line, with comma.".into(),
            }),
            // Record 2 starts on line 4, because record 1 spans two lines.
            Entry::Document(Document {
                id: format!("{p}#2"),
                title: None,
                date: None,
                text: "Untitled body".into(),
            }),
            Entry::Skipped(Skipped {
                source: format!("{p}#3"),
                reason: SkipReason::BadRecord {
                    line: 5,
                    message: "expected 4 fields as in the header, found 5".into(),
                },
            }),
            // Headline only: the headline is the document.
            Entry::Document(Document {
                id: "a4".into(),
                title: Some("Headline only".into()),
                date: Some("2020".into()),
                text: "Headline only".into(),
            }),
            Entry::Document(Document {
                id: "a5".into(),
                title: Some("Padded".into()),
                date: Some("May 1, 2020".into()),
                text: "Padded\n\nBody".into(),
            }),
        ];
        assert_eq!(all, expected);
    }

    #[test]
    fn csv_without_the_text_column_is_one_skipped_entry_listing_the_columns() {
        let tmp = TempDir::new().unwrap();
        let path = write(
            tmp.path(),
            "wrong.csv",
            b"headline,body,when\nA,B,C\nD,E,F\n",
        );
        let entry = only(path.clone());
        let expected = Skipped {
            source: id(&path),
            reason: SkipReason::BadRecord {
                line: 1,
                message: "no column `text`; columns are: headline, body, when".into(),
            },
        };
        assert_eq!(entry, Entry::Skipped(expected.clone()));
        assert_eq!(
            expected.reason.to_string(),
            "line 1: no column `text`; columns are: headline, body, when"
        );

        // With the right field name the same file reads fine.
        let config = CorpusConfig {
            fields: Fields {
                text: "body".into(),
                title: Some("headline".into()),
                ..Fields::default()
            },
            ..CorpusConfig::default()
        };
        let docs: Vec<String> = documents(&entries(std::slice::from_ref(&path), config))
            .iter()
            .map(|d| d.text.clone())
            .collect();
        assert_eq!(docs, ["A\n\nB", "D\n\nE"]);

        // An id column asked for by name must exist too.
        let config = CorpusConfig {
            fields: Fields {
                text: "body".into(),
                id: Some("guid".into()),
                ..Fields::default()
            },
            ..CorpusConfig::default()
        };
        let all = entries(&[path], config);
        assert_eq!(all.len(), 1);
        assert!(
            matches!(&all[0], Entry::Skipped(Skipped { reason: SkipReason::BadRecord { message, .. }, .. })
            if message.starts_with("no column `guid`"))
        );
    }

    #[test]
    fn a_json_field_read_as_text_and_as_id_serves_both() {
        let tmp = TempDir::new().unwrap();
        let path = write(tmp.path(), "news.jsonl", br#"{"slug": "Haftar-in-Moscow"}"#);
        let config = CorpusConfig {
            fields: Fields {
                text: "slug".into(),
                id: Some("slug".into()),
                ..Fields::default()
            },
            ..CorpusConfig::default()
        };
        let all = entries(&[path], config);
        let docs = documents(&all);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "Haftar-in-Moscow");
        assert_eq!(docs[0].text, "Haftar-in-Moscow");
    }

    #[test]
    fn csv_edge_cases_tsv_header_only_invalid_utf8_and_explicit_format() {
        let tmp = TempDir::new().unwrap();
        let tsv = write(
            tmp.path(),
            "news.tsv",
            b"title\ttext\nT\tBody, with comma\n",
        );
        let Entry::Document(doc) = only(tsv) else {
            panic!()
        };
        assert_eq!(doc.text, "T\n\nBody, with comma");

        let header_only = write(tmp.path(), "header.csv", b"title,text\n");
        assert_eq!(
            only(header_only.clone()),
            Entry::Skipped(Skipped {
                source: id(&header_only),
                reason: SkipReason::Empty
            })
        );
        let zero = write(tmp.path(), "zero.csv", b"");
        assert_eq!(
            only(zero.clone()),
            Entry::Skipped(Skipped {
                source: id(&zero),
                reason: SkipReason::Empty
            })
        );

        let bad = write(
            tmp.path(),
            "bad.csv",
            b"title,text\nok,fine\nt,caf\xe9\n\xff,title is bad\n",
        );
        let all = entries(std::slice::from_ref(&bad), CorpusConfig::default());
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[1],
            Entry::Skipped(Skipped {
                source: format!("{}#2", id(&bad)),
                reason: SkipReason::BadRecord {
                    line: 3,
                    message: "invalid UTF-8 in column `text` at byte 3 of the field".into()
                },
            })
        );
        // Bad metadata loses the title, not the document.
        assert!(
            matches!(&all[2], Entry::Document(d) if d.title.is_none() && d.text == "title is bad")
        );

        // An explicit format overrides the extension; an explicit delimiter overrides `,`.
        let semi = write(tmp.path(), "export.txt", b"title;text\nT;a,b\n");
        let config = CorpusConfig {
            format: Format::Csv,
            delimiter: Some(b';'),
            ..CorpusConfig::default()
        };
        let docs = entries(std::slice::from_ref(&semi), config);
        assert!(
            matches!(&docs[..], [Entry::Document(d)] if d.text == "T\n\na,b" && d.id == format!("{}#1", id(&semi)))
        );
    }

    #[test]
    fn gzip_files_are_decompressed_by_inner_extension() {
        use flate2::{Compression, write::GzEncoder};
        let gz = |bytes: &[u8]| {
            let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
            encoder.write_all(bytes).unwrap();
            encoder.finish().unwrap()
        };
        let tmp = TempDir::new().unwrap();
        // Two gzip members back to back (as `cat a.gz b.gz` makes): both must be read.
        let mut jsonl = gz(b"{\"text\": \"one\"}\n");
        jsonl.extend(gz(b"{\"text\": \"two\"}\n"));
        let jsonl = write(tmp.path(), "news.jsonl.gz", &jsonl);
        let text = write(
            tmp.path(),
            "story.TXT.GZ",
            &gz("\u{feff}Tripoli\r\n".as_bytes()),
        );
        let csv = write(tmp.path(), "rows.csv.gz", &gz(b"title,text\nH,B\n"));
        let corrupt = write(tmp.path(), "corrupt.txt.gz", b"this is not gzip");

        let corpus = Corpus::open(&[tmp.path().to_path_buf()], CorpusConfig::default()).unwrap();
        let on_disk: u64 = [&jsonl, &text, &csv, &corrupt]
            .iter()
            .map(|p| fs::metadata(p).unwrap().len())
            .sum();
        assert_eq!(corpus.total_bytes(), on_disk);
        let all: Vec<Entry> = corpus.entries().collect();
        let texts: Vec<&str> = documents(&all).iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["one", "two", "H\n\nB", "Tripoli\r\n"]);
        assert_eq!(documents(&all)[1].id, format!("{}#2", id(&jsonl)));
        let skipped = skips(&all);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].source, id(&corrupt));
        assert!(matches!(&skipped[0].reason, SkipReason::Unreadable(m) if !m.is_empty()));
    }

    #[test]
    fn formats_parse_and_resolve() {
        assert_eq!("auto".parse::<Format>().unwrap(), Format::Auto);
        assert_eq!("TEXT".parse::<Format>().unwrap(), Format::Text);
        assert_eq!("jsonl".parse::<Format>().unwrap(), Format::Jsonl);
        assert_eq!("csv".parse::<Format>().unwrap(), Format::Csv);
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(
            err.to_string().contains("`xml`") && err.to_string().contains("jsonl"),
            "{err}"
        );
        for f in [Format::Auto, Format::Text, Format::Jsonl, Format::Csv] {
            assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
        }

        let auto = CorpusConfig::default();
        let kind = |name: &str| kind_of(Some(Path::new(name)), &auto);
        assert_eq!(kind("a/news.jsonl"), (Kind::Jsonl, false));
        assert_eq!(kind("news.ndjson.gz"), (Kind::Jsonl, true));
        assert_eq!(kind("x.csv"), (Kind::Csv { delimiter: b',' }, false));
        assert_eq!(kind("x.tsv.gz"), (Kind::Csv { delimiter: b'\t' }, true));
        assert_eq!(kind("story.txt"), (Kind::Text, false));
        assert_eq!(kind("README"), (Kind::Text, false));
        assert_eq!(kind("archive.gz"), (Kind::Text, true));
        // Stdin has no name: text unless told otherwise.
        assert_eq!(kind_of(None, &auto), (Kind::Text, false));
        let jsonl = CorpusConfig {
            format: Format::Jsonl,
            ..CorpusConfig::default()
        };
        assert_eq!(kind_of(None, &jsonl), (Kind::Jsonl, false));
        assert_eq!(
            kind_of(Some(Path::new("x.csv")), &jsonl),
            (Kind::Jsonl, false)
        );

        let fields = Fields::default();
        assert_eq!((fields.id, fields.text.as_str()), (None, "text"));
        assert_eq!(
            (fields.title.as_deref(), fields.date.as_deref()),
            (Some("title"), Some("date"))
        );
    }

    #[test]
    fn stdin_is_listed_once_and_first() {
        let tmp = TempDir::new().unwrap();
        let a = write(tmp.path(), "a.txt", b"x");
        let dash = PathBuf::from("-");
        let corpus =
            Corpus::open(&[a.clone(), dash.clone(), dash], CorpusConfig::default()).unwrap();
        assert_eq!(corpus.sources(), [Source::Stdin, Source::Path(a)]);
        assert_eq!(corpus.total_bytes(), 1);
    }

    /// Everything `read_source` yields for `bytes` read as stdin.
    fn from_stdin(kind: Kind, bytes: &str) -> Vec<Entry> {
        let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.as_bytes().to_vec()));
        match read_source("-".to_owned(), kind, reader, &CorpusConfig::default()) {
            Opened::One(entry) => vec![entry],
            Opened::Records(mut records) => std::iter::from_fn(|| records.next()).collect(),
        }
    }

    #[test]
    fn stdin_is_one_text_document_or_records_named_after_dash() {
        let text = from_stdin(Kind::Text, "\u{feff}Whole input.\n");
        assert_eq!(
            text,
            [Entry::Document(Document {
                id: "-".into(),
                title: None,
                date: None,
                text: "Whole input.\n".into()
            })]
        );
        let jsonl = from_stdin(Kind::Jsonl, "{\"text\": \"a\"}\n\nnot json\n");
        assert!(matches!(&jsonl[0], Entry::Document(d) if d.id == "-#1"));
        assert!(matches!(&jsonl[1], Entry::Skipped(s) if s.source == "-#3"));
        assert_eq!(jsonl.len(), 2);
        let csv = from_stdin(Kind::Csv { delimiter: b',' }, "text\nfirst\nsecond\n");
        let ids: Vec<&str> = documents(&csv).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["-#1", "-#2"]);
        assert_eq!(
            from_stdin(Kind::Text, ""),
            [Entry::Skipped(Skipped {
                source: "-".into(),
                reason: SkipReason::Empty
            })]
        );
    }

    /// The ISOT fake-news sample's `True_sample.csv` (columns `title,text,subject,date,label`).
    ///
    /// Expected counts were checked independently with Python's `csv` module
    /// (`csv.reader`, utf-8): 1,071 data rows, every row with 5 fields, no row with an empty
    /// or whitespace-only `text`, no empty title, so 1,071 documents and 0 skipped entries.
    /// Every `date` ends in a space (`"October 6, 2017 "`), which is trimmed.
    #[test]
    fn isot_true_sample() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/isot-sample/True_sample.csv"
        ));
        if !path.exists() {
            return;
        }
        let corpus = Corpus::open(&[path.to_path_buf()], CorpusConfig::default()).unwrap();
        let all: Vec<Entry> = corpus.entries().collect();
        let docs = documents(&all);
        assert_eq!(docs.len(), 1071);
        assert_eq!(skips(&all), Vec::<&Skipped>::new());
        let first = docs[0];
        let title = "Europe rights watchdog says Turkey's emergency laws go too far";
        assert_eq!(first.id, format!("{}#1", id(&normalise(path))));
        assert_eq!(first.title.as_deref(), Some(title));
        assert_eq!(first.date.as_deref(), Some("October 6, 2017"));
        assert!(
            first
                .text
                .starts_with(&format!("{title}\n\nBRUSSELS (Reuters) - ")),
            "{}",
            &first.text[..100]
        );
        assert_eq!(docs[1070].id, format!("{}#1071", id(&normalise(path))));
        assert!(docs.iter().all(|d| d.title.is_some() && d.date.is_some()));
    }

    /// `Fake_sample.csv` from the same sample. Python's `csv` module counts 1,174 rows of
    /// 5 fields, 26 of which have a `text` of a single space (headline-only items): their
    /// headline is their text, so all 1,174 are documents.
    #[test]
    fn isot_fake_sample() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/isot-sample/Fake_sample.csv"
        ));
        if !path.exists() {
            return;
        }
        let all = entries(&[path.to_path_buf()], CorpusConfig::default());
        assert_eq!(all.len(), 1174);
        let docs = documents(&all);
        assert_eq!(docs.len(), 1174);
        let headline_only = docs
            .iter()
            .filter(|d| Some(d.text.as_str()) == d.title.as_deref());
        assert_eq!(headline_only.count(), 26);
    }
}
