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

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use crate::{Error, Result};

mod csv;
mod jsonl;
mod open;
mod plan;
mod records;
#[cfg(test)]
mod tests;

use open::{Opened, open_source};
use records::Records;

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
