//! The one reader of record files (JSONL, CSV): a [`RecordSource`] yields each record's
//! fields, and [`Records`] turns them into entries, so naming, skipping and composing a
//! document are written once for every record format.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::open::skipped;
use super::{Document, DuplicateId, Entry, SkipReason, lock};

/// The ids read from records so far, to report one used twice.
pub(super) struct Ids {
    /// Each id with the record that had it first.
    first: HashMap<String, String>,
    duplicates: Arc<Mutex<Vec<DuplicateId>>>,
}

impl Ids {
    pub(super) fn new(duplicates: Arc<Mutex<Vec<DuplicateId>>>) -> Ids {
        Ids {
            first: HashMap::new(),
            duplicates,
        }
    }

    /// Notes that `source` is named `id`, reporting it if an earlier record was.
    fn note(&mut self, id: &str, source: &str) {
        if let Some(first) = self.first.get(id) {
            lock(&self.duplicates).push(DuplicateId {
                id: id.to_owned(),
                source: source.to_owned(),
                first: first.clone(),
            });
        } else {
            self.first.insert(id.to_owned(), source.to_owned());
        }
    }
}

/// The fields of one record, as its format spells them.
pub(super) struct RecordFields<'a> {
    /// 1-based line of the file where the record starts.
    pub line: usize,
    /// The id field's value, if the record has one.
    pub id: Option<Cow<'a, str>>,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub body: Cow<'a, str>,
}

/// One item read from a record file.
pub(super) enum Item<'a> {
    /// A record, with its fields.
    Record(RecordFields<'a>),
    /// A record that cannot become a document; the file reads on.
    Bad(SkipReason),
    /// A read error: the rest of the file cannot be trusted, so it ends here.
    Failed(SkipReason),
}

/// A record format: reads one record at a time from a file.
pub(super) trait RecordSource: Send {
    /// The next item with the number that names it (`<file>#<number>`: the line for JSONL,
    /// the row for CSV), or `None` at the end of the file.
    fn next_item(&mut self) -> Option<(usize, Item<'_>)>;
}

/// A file being read record by record.
pub(super) struct Records {
    source: Box<dyn RecordSource>,
    /// The file's id, prefix of record ids.
    name: String,
    /// Whether any entry came out of this file; a file with none is reported as empty.
    yielded: bool,
    done: bool,
}

impl Records {
    pub(super) fn new(name: String, source: Box<dyn RecordSource>) -> Records {
        Records {
            source,
            name,
            yielded: false,
            done: false,
        }
    }

    pub(super) fn next(&mut self, ids: &mut Ids) -> Option<Entry> {
        if self.done {
            return None;
        }
        let entry = match self.source.next_item() {
            None => {
                self.done = true;
                if self.yielded {
                    return None;
                }
                skipped(self.name.clone(), SkipReason::Empty)
            }
            Some((number, item)) => {
                let source = format!("{}#{number}", self.name);
                match item {
                    Item::Record(fields) => record_entry(source, fields, ids),
                    Item::Bad(reason) => skipped(source, reason),
                    Item::Failed(reason) => {
                        self.done = true;
                        skipped(source, reason)
                    }
                }
            }
        };
        self.yielded = true;
        Some(entry)
    }
}

/// Builds the entry for one record: composes the headline into the text, drops empty
/// metadata, and skips records with neither title nor body.
fn record_entry(source: String, fields: RecordFields<'_>, ids: &mut Ids) -> Entry {
    let RecordFields {
        line,
        id,
        title,
        date,
        body,
    } = fields;
    // The title as the record has it is kept for locating spans in it; its trimmed form is
    // the text's first paragraph.
    let raw_title = title.filter(|t| !t.trim().is_empty());
    let title = raw_title.map(str::trim);
    // A headline-only item (ISOT has some) is still news: only a record with neither a title
    // nor a body is empty.
    if body.trim().is_empty() && title.is_none() {
        let message = "empty: no text and no title".to_owned();
        return skipped(source, SkipReason::BadRecord { line, message });
    }
    let date = date.map(str::trim).filter(|d| !d.is_empty());
    let id = id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    if let Some(id) = &id {
        ids.note(id, &source);
    }
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
        title: raw_title.map(str::to_owned),
        date: date.map(str::to_owned),
        dated: None,
        text,
    })
}
