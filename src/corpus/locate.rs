//! Offsets a notebook can use: which input field a span of a document's text lies in, and
//! where, in bytes and in characters (Unicode code points, as Python and spaCy slice).
//!
//! A record's [`Document::text`] is its title, `\n\n` and its body, so offsets into it are
//! offsets into neither field. [`Locator::locate`] turns them back into offsets into the
//! field the record has, such that `record[field][char_start:char_end]` in Python is the
//! surface that was matched. A text file's field is [`Field::Text`], its whole content.

use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Document;

/// The input field a span lies in.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Field {
    /// The record's title field (`--title-field`, `title` by default).
    Title,
    /// The record's text field (`--text-field`, `text` by default), or a text file's whole
    /// content.
    #[default]
    Text,
}

impl Field {
    /// `title` or `text`, as written in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Field> for &'static str {
    fn from(field: Field) -> &'static str {
        field.as_str()
    }
}

impl TryFrom<String> for Field {
    type Error = String;

    fn try_from(name: String) -> Result<Field, String> {
        match name.as_str() {
            "title" => Ok(Field::Title),
            "text" => Ok(Field::Text),
            _ => Err(format!(
                "unknown field `{name}`; expected `title` or `text`"
            )),
        }
    }
}

/// A span of a document located in its input field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Located {
    /// The field.
    pub field: Field,
    /// Byte offset of the span's start in the field.
    pub start: usize,
    /// Byte offset of the span's end in the field.
    pub end: usize,
    /// Character (code point) offset of the span's start in the field.
    pub char_start: usize,
    /// Character (code point) offset of the span's end in the field.
    pub char_end: usize,
}

/// Bytes per entry of the character index: a lookup counts at most this many bytes, and the
/// index costs 8 bytes per block.
const BLOCK: usize = 256;

/// Locates spans of one document's text in its fields; made once per document, so that
/// character offsets cost a lookup and a short count, whatever the order of the spans.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    /// The title's end in the text (0 without a title).
    title_end: usize,
    /// Whitespace trimmed off the front of the title field: (bytes, characters).
    title_lead: (usize, usize),
    /// Where the body starts in the text.
    body_start: usize,
    /// Characters before each multiple of [`BLOCK`] bytes, built at the first lookup.
    blocks: OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    /// A locator for `text` made of `title` (the title field as the record has it, whose trimmed
    /// form starts the text, followed by `\n\n` and the body when there is one) or, without a
    /// title, of the body alone.
    pub fn new(text: &'a str, title: Option<&str>) -> Locator<'a> {
        let (title_end, title_lead, body_start) = match title {
            Some(title) => {
                let trimmed = title.trim_start();
                let lead = &title[..title.len() - trimmed.len()];
                let end = trimmed.trim_end().len().min(text.len());
                let body = if text.len() > end { end + 2 } else { end };
                (end, (lead.len(), lead.chars().count()), body)
            }
            None => (0, (0, 0), 0),
        };
        Locator {
            text,
            title_end,
            title_lead,
            body_start: body_start.min(text.len()),
            blocks: OnceCell::new(),
        }
    }

    /// The document's text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Characters in `text[..offset]`: each character has exactly one byte that is not a
    /// continuation byte.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let blocks = self.blocks.get_or_init(|| {
            let mut blocks = vec![0];
            for chunk in bytes.chunks(BLOCK) {
                blocks.push(blocks[blocks.len() - 1] + starts(chunk));
            }
            blocks
        });
        let block = offset / BLOCK;
        blocks[block] + starts(&bytes[block * BLOCK..offset])
    }

    /// Where `range` (bytes of the text, on character boundaries) lies in the input's fields.
    /// A span that starts in the title lies in the title, cut at its end should it run on (a
    /// name cannot be sliced across two fields).
    pub fn locate(&self, range: Range<usize>) -> Located {
        let (field, base, lead, end) = if range.start < self.title_end {
            (
                Field::Title,
                0,
                self.title_lead,
                range.end.min(self.title_end),
            )
        } else {
            (Field::Text, self.body_start, (0, 0), range.end)
        };
        let start = range.start.max(base);
        let end = end.max(start);
        let char_start = self.chars_before(start) - self.chars_before(base) + lead.1;
        Located {
            field,
            start: start - base + lead.0,
            end: end - base + lead.0,
            char_start,
            char_end: char_start + starts(&self.text.as_bytes()[start..end]),
        }
    }
}

/// Bytes of `bytes` that start a character.
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Document {
    /// A [`Locator`] for this document's spans.
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(&self.text, self.title.as_deref())
    }
}

#[cfg(test)]
mod tests;
