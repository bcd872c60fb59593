//! What GraphML and GEXF share to write their elements through `quick_xml` without an
//! allocation per element or attribute: a start tag whose buffer is reused for every element
//! of its name, and escaping written straight into a buffer in runs.
//!
//! XML 1.0 cannot hold most control characters, even escaped: they are written as U+FFFD.

use std::borrow::Cow;
use std::fmt::{Display, Write as _};
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// Where escaped text goes, which decides what is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Element text: `<`, `>`, `&` and carriage return, as `quick_xml::escape::partial_escape`
    /// escapes them. Quotes need no escape outside attributes, and evidence is JSON full of
    /// them: escaping them made GraphML a sixth larger.
    Text,
    /// An attribute value: also quotes, tab and newline, as `quick_xml` escapes a value
    /// given as a string (attribute-value normalisation would turn whitespace into spaces).
    Attribute,
}

/// Whether byte `b` may need changing in `context`: one to escape, a C0 control, or the lead
/// byte of U+F000..U+FFFF (U+FFFE and U+FFFF are forbidden). Almost all text has none.
/// Without a branch, so that a test over a chunk is vectorised.
#[inline(always)]
fn special<const ATTRIBUTE: bool>(b: u8) -> bool {
    let quote = ATTRIBUTE & ((b == b'"') | (b == b'\''));
    (b < 0x20) | (b == b'<') | (b == b'>') | (b == b'&') | (b == 0xef) | quote
}

/// The index of the first [`special`] byte of `bytes`.
fn first_special<const ATTRIBUTE: bool>(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let mut chunks = bytes.chunks_exact(CHUNK);
    // Chunks without a special byte are skipped whole: a fixed-size chunk tested with no
    // branch per byte is vectorised (evidence texts are long, and mostly plain).
    let plain = chunks
        .by_ref()
        .take_while(|chunk| {
            let chunk: &[u8; CHUNK] = (*chunk).try_into().expect("chunks are CHUNK long");
            !chunk
                .iter()
                .fold(false, |any, &b| any | special::<ATTRIBUTE>(b))
        })
        .count();
    let at = plain * CHUNK;
    Some(at + bytes[at..].iter().position(|&b| special::<ATTRIBUTE>(b))?)
}

/// Appends `s` to `out` escaped for `context`, with every character XML 1.0 forbids (C0
/// controls other than tab, newline and carriage return; U+FFFE and U+FFFF) replaced by
/// U+FFFD. Runs that need nothing are copied whole.
pub(super) fn escape(s: &str, context: Context, out: &mut String) {
    match context {
        Context::Text => escape_runs::<false>(s, out),
        Context::Attribute => escape_runs::<true>(s, out),
    }
}

fn escape_runs<const ATTRIBUTE: bool>(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    // `s[copied..]` is still to be written; `s[..from]` has been looked at.
    let (mut copied, mut from) = (0, 0);
    while let Some(i) = first_special::<ATTRIBUTE>(&bytes[from..]) {
        let at = from + i;
        let (replacement, len) = match bytes[at] {
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'&' => ("&amp;", 1),
            b'\r' => ("&#13;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\n' if ATTRIBUTE => ("&#10;", 1),
            b'\t' if ATTRIBUTE => ("&#9;", 1),
            b'\n' | b'\t' => ("", 0),
            0xef if s[at..].starts_with(['\u{fffe}', '\u{ffff}']) => ("\u{FFFD}", 3),
            0xef => ("", 0),
            _ => ("\u{FFFD}", 1),
        };
        if len == 0 {
            // Kept as it is: a continuation byte never looks special.
            from = at + 1;
            continue;
        }
        out.push_str(&s[copied..at]);
        out.push_str(replacement);
        (copied, from) = (at + len, at + len);
    }
    out.push_str(&s[copied..]);
}

/// A start tag reused for every element of one name: [`Tag::clear`] drops the attributes and
/// keeps the buffer, so thousands of elements allocate nothing.
pub(super) struct Tag {
    start: BytesStart<'static>,
    /// The value being added, escaped.
    value: String,
}

impl Tag {
    pub(super) fn new(name: &str) -> Tag {
        let mut content = String::with_capacity(256);
        content.push_str(name);
        Tag {
            start: BytesStart::from_content(content, name.len()),
            value: String::with_capacity(64),
        }
    }

    /// Drops the attributes, for the next element.
    pub(super) fn clear(&mut self) -> &mut Tag {
        self.start.clear_attributes();
        self
    }

    /// Adds attribute `key` with `value`, escaped.
    pub(super) fn attr(&mut self, key: &str, value: &str) -> &mut Tag {
        self.value.clear();
        escape(value, Context::Attribute, &mut self.value);
        self.push(key)
    }

    /// Adds attribute `key` with `value` as it displays, which needs no escaping (a number,
    /// a date).
    pub(super) fn display(&mut self, key: &str, value: impl Display) -> &mut Tag {
        self.value.clear();
        write!(self.value, "{value}").expect("writing to a String cannot fail");
        self.push(key)
    }

    /// Adds attribute `key` with a value already escaped.
    pub(super) fn escaped(&mut self, key: &str, value: &str) -> &mut Tag {
        self.start.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Borrowed(value),
        });
        self
    }

    fn push(&mut self, key: &str) -> &mut Tag {
        self.start.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Borrowed(&self.value),
        });
        self
    }

    /// Writes the element, empty.
    pub(super) fn empty<W: Write>(&self, w: &mut Writer<W>) -> io::Result<()> {
        w.write_event(Event::Empty(self.start.borrow()))
    }

    /// Writes the element around what `content` writes.
    pub(super) fn around<W: Write>(
        &self,
        w: &mut Writer<W>,
        content: impl FnOnce(&mut Writer<W>) -> io::Result<()>,
    ) -> io::Result<()> {
        w.write_event(Event::Start(self.start.borrow()))?;
        content(w)?;
        w.write_event(Event::End(self.start.to_end()))
    }

    /// Writes the element around `text`, already escaped.
    pub(super) fn text<W: Write>(&self, w: &mut Writer<W>, text: &str) -> io::Result<()> {
        self.around(w, |w| {
            w.write_event(Event::Text(BytesText::from_escaped(text)))
        })
    }
}

#[cfg(test)]
mod tests;
