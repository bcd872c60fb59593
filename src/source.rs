//! RON source files as the gazetteer and rules builders collect them: each text with the path
//! its messages name, and the byte offsets of values in it, so that a check done after parsing
//! can still point at a line and column.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::gazetteer::ron_options;

/// One file's text and the path that names it in messages.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    /// Borrowed for a shipped file: copying the world places' 1.2 MB was a cost of every run.
    pub(crate) text: Cow<'static, str>,
    /// The same content as JSON, converted at build time (`build.rs`), read instead of the
    /// text: `serde_json` is about ten times as fast as `ron`.
    pub(crate) json: Option<&'static str>,
}

impl Source {
    /// A file's text, read as RON.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<Cow<'static, str>>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            json: None,
        }
    }

    /// The file parsed as gazegraph reads RON; a syntax error names its line and column.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        if let Some(parsed) = self.json.and_then(|json| serde_json::from_str(json).ok()) {
            return Ok(parsed);
        }
        ron_options()
            .from_str(&self.text)
            .map_err(|e| Error::ron(self.path.clone(), e))
    }

    /// An error at byte `offset` of the file.
    pub(crate) fn error(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::at(&self.path, &self.text, offset, message)
    }
}

/// The files a builder has collected, in load order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sources(Vec<Source>);

impl Sources {
    /// Adds a file from disk.
    pub(crate) fn read(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.push(path, text);
        Ok(())
    }

    /// Adds text that came from `path`.
    pub(crate) fn push(&mut self, path: impl Into<PathBuf>, text: impl Into<Cow<'static, str>>) {
        self.0.push(Source::new(path, text));
    }

    /// Adds a shipped file with its JSON twin (see [`Source::json`]).
    pub(crate) fn push_compiled(&mut self, path: &str, text: &'static str, json: &'static str) {
        let json = Some(json);
        self.0.push(Source {
            json,
            ..Source::new(path, text)
        });
    }

    /// Every file, in load order.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Source> {
        self.0.iter()
    }

    /// The text of the first file loaded from `path` (empty when there is none).
    pub(crate) fn text_of(&self, path: &Path) -> &str {
        self.0
            .iter()
            .find(|s| s.path == path)
            .map_or("", |s| &s.text)
    }
}

/// Byte offset of the string literal `"value"` that follows `key:` (or sits in `key`'s list),
/// searching from `from`; `None` when the literal is not written plainly.
///
/// Loading locates every entity of every file, so the usual layout, `key: "value"`, is checked
/// in place before any search: allocating the needles and setting up a searcher for each was a
/// tenth of loading the world places.
pub(crate) fn locate_value(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let start = locate_key(text, key, from)?;
    let after = start + key.len() + 1;
    let at = after
        + text[after..]
            .bytes()
            .take_while(u8::is_ascii_whitespace)
            .count();
    // Only white space lies between `key:` and `at`, and the literal starts with a quote: if
    // it is at `at`, that is its first place after `key:`.
    let plain = value
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    if plain {
        let quoted = |i: usize| text.as_bytes().get(i) == Some(&b'"');
        if quoted(at) && text[at + 1..].starts_with(value) && quoted(at + 1 + value.len()) {
            return Some(at);
        }
        locate(text, &format!("\"{value}\""), start)
    } else {
        locate(text, &ron::to_string(value).ok()?, start)
    }
}

/// Byte offset of `key:` at or after `from`. By its colons: the key is nearly always a few
/// fields on.
fn locate_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first_colon = from.checked_add(key.len())?;
    let colons = memchr::memchr_iter(b':', bytes.get(first_colon..)?);
    colons
        .map(|i| first_colon + i - key.len())
        .find(|&i| &bytes[i..i + key.len()] == key.as_bytes())
}

/// Byte offset of `needle` at or after `from`. With SIMD (`memmem`): every entity of every
/// loaded file is located, and `str::find` made that a tenth of loading the world places.
pub(crate) fn locate(text: &str, needle: &str, from: usize) -> Option<usize> {
    let haystack = text.as_bytes().get(from..)?;
    memchr::memmem::find(haystack, needle.as_bytes()).map(|i| from + i)
}

/// A stable 64-bit FNV-1a hash, written as 16 hex digits: fingerprints of loaded files that
/// exports record and `merge` compares, so it must never change with the platform or the
/// Rust version (as `std`'s hasher may).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Fingerprint {
    pub(crate) fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub(crate) fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The `file` and `source` methods of a builder that collects [`Sources`] in its field
/// `sources`; `$what` names its files in the docs.
macro_rules! collects_sources {
    ($builder:ident, $what:literal) => {
        impl $builder {
            #[doc = concat!("Adds a ", $what, " file from disk.")]
            pub fn file(
                &mut self,
                path: impl AsRef<std::path::Path>,
            ) -> $crate::Result<&mut $builder> {
                self.sources.read(path.as_ref())?;
                Ok(self)
            }

            #[doc = concat!("Adds ", $what, " text that came from `path` (used in messages only).")]
            pub fn source(
                &mut self,
                path: impl Into<std::path::PathBuf>,
                text: impl Into<String>,
            ) -> &mut $builder {
                self.sources.push(path, text.into());
                self
            }
        }
    };
}
pub(crate) use collects_sources;

#[cfg(test)]
mod tests;
