//! Reading a corpus: files, directories, stdin, JSONL and CSV, one document at a time.
//!
//! Three promises shape this module:
//!
//! * **Streaming.** Only one file (text) or one record (JSONL, CSV) is held in memory at a
//!   time, so a corpus larger than memory can be processed. [`Corpus::open`] only lists paths;
//!   the reading happens lazily in [`Entries::next`].
//! * **Every input is accounted for.** Each file or record yields exactly one [`Entry`]: a
//!   [`Document`] or a [`Skipped`] entry that says why (binary, invalid UTF-8, empty, a bad
//!   record with its line). Nothing panics and nothing vanishes silently, so a user can trust
//!   that counts computed from the corpus cover what they asked for, and see what they did not.
//! * **Bounded.** No document or record larger than [`CorpusConfig::max_document_bytes`] is
//!   read past that limit, whatever the input (`/dev/zero`, a gzip bomb, a CSV quote never
//!   closed): it is skipped with the reason.
//!
//! Only a path that does not exist at all is an error ([`crate::Error::Io`]), or an id field
//! named in the configuration that a record file does not have ([`crate::Error::Syntax`]): a
//! mistyped argument makes the whole run meaningless, whereas one bad file in ten thousand
//! does not.
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
use std::sync::{Arc, Mutex};

use crate::error::UnknownName;

mod csv;
mod jsonl;
mod locate;
mod open;
mod plan;
mod records;
#[cfg(test)]
mod tests;

pub use locate::{Field, Located, Locator};
use open::{Opened, open_source};
use records::{Ids, Records};

/// The list behind a lock that a panic elsewhere cannot make unusable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

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
    /// The headline, when the record has one, exactly as the record has it. Trimmed, it is
    /// also the first paragraph of [`Document::text`], so that names in headlines are
    /// matched; [`Document::locator`] tells offsets into the title field from offsets into
    /// the text field.
    pub title: Option<String>,
    /// The publication date exactly as the source spells it (trimmed); not parsed, because
    /// news dates come in too many formats to guess safely.
    pub date: Option<String>,
    /// The date parsed and where it came from ([`crate::time::date_document`]); set by the
    /// [`crate::pipeline::Pipeline`] as it reads the document, `None` until then.
    pub dated: Option<crate::time::Dated>,
    /// The text to annotate. For a UTF-8 text file it is the file's content unchanged, a
    /// leading byte order mark included (matching reads it as a separator), so offsets into
    /// it are offsets into the file. A file decoded from UTF-16 or from a legacy encoding
    /// ([`CorpusConfig::encoding`]) is the decoded UTF-8 text, without its byte order mark:
    /// offsets then point into that text, not into the file's bytes. For records with a
    /// title it is `title + "\n\n" + body`.
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
    /// The (decompressed, decoded) file is larger than [`CorpusConfig::max_document_bytes`];
    /// it was not read past the limit.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
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
            SkipReason::TooLarge { limit } => {
                write!(f, "larger than the size limit of {}", bytes(*limit))
            }
            SkipReason::Empty => f.write_str("empty"),
            SkipReason::BadRecord { line, message } => write!(f, "line {line}: {message}"),
            SkipReason::Failed(message) => {
                write!(f, "internal error ({message}); please report it")
            }
        }
    }
}

/// A size for a human: in MiB or KiB when it is a whole number of them.
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
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
    type Err = UnknownName;

    /// Parses `auto`, `text`, `jsonl` or `csv` (as typed on the command line).
    fn from_str(s: &str) -> std::result::Result<Format, UnknownName> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "text" => Ok(Format::Text),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(UnknownName::new(
                "corpus format",
                s,
                "auto, text, jsonl or csv",
            )),
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
    /// The document id. When `None`, a field or column named `id` is the id where there is
    /// one. A record without an id (or with an empty one) is named `<path>#<line>` (JSONL) /
    /// `<path>#<row>` (CSV), which is stable and points at the record. A field named here
    /// must exist: [`Corpus::open`] checks each file's CSV header or first JSONL record, and a
    /// later record without it is skipped. A JSON number becomes its decimal text; any other
    /// JSON type skips the record. An id used twice is reported by [`Corpus::duplicate_ids`].
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

/// The default of [`CorpusConfig::max_document_bytes`]: far above any news article, far
/// below what would exhaust memory.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// Options for [`Corpus::open`].
#[derive(Clone, Debug)]
pub struct CorpusConfig {
    /// How to parse inputs; [`Format::Auto`] decides per file by extension.
    pub format: Format,
    /// Field or column names for JSONL and CSV.
    pub fields: Fields,
    /// CSV delimiter byte; when `None`, `\t` for `.tsv` files and `,` otherwise.
    pub delimiter: Option<u8>,
    /// The most bytes one document (a text file, after decompression) or one record (a JSONL
    /// line, a CSV record) may have. What is larger is skipped with the reason, having been
    /// read no further than the limit, so that no input can exhaust memory.
    pub max_document_bytes: u64,
    /// The encoding of inputs without a byte order mark (`None`: UTF-8). Whatever this says,
    /// a UTF-16 byte order mark decodes a file as UTF-16. A decoded file's offsets point
    /// into its decoded UTF-8 text, not into its bytes.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl Default for CorpusConfig {
    fn default() -> CorpusConfig {
        CorpusConfig {
            format: Format::default(),
            fields: Fields::default(),
            delimiter: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            encoding: None,
        }
    }
}

/// A document id that an earlier document already has. The document is still read (its
/// content is not in doubt), but reports citing the id cannot tell the two apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateId {
    /// The id.
    pub id: String,
    /// The record that repeats it (`<path>#<line or row>`).
    pub source: String,
    /// The record that had it first.
    pub first: String,
}

impl fmt::Display for DuplicateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: duplicate id `{}` (first used by {})",
            self.source, self.id, self.first
        )
    }
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
    /// The duplicate ids found by the latest pass over the entries.
    duplicates: Arc<Mutex<Vec<DuplicateId>>>,
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
        lock(&self.duplicates).clear();
        Entries {
            plan: Arc::clone(&self.plan),
            config: Arc::clone(&self.config),
            next: 0,
            current: None,
            ids: Ids::new(Arc::clone(&self.duplicates)),
        }
    }

    /// The ids that the latest pass over [`Corpus::entries`] met more than once (among ids
    /// read from records), in reading order: each repetition once, with the first user.
    pub fn duplicate_ids(&self) -> Vec<DuplicateId> {
        lock(&self.duplicates).clone()
    }
}

/// Iterator over the [`Entry`]s of a [`Corpus`], made by [`Corpus::entries`].
pub struct Entries {
    plan: Arc<[Planned]>,
    config: Arc<CorpusConfig>,
    next: usize,
    current: Option<Records>,
    ids: Ids,
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
                if let Some(entry) = records.next(&mut self.ids) {
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
