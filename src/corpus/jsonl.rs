//! JSON Lines: one JSON object per line.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::records::{Item, RecordFields, RecordSource};
use super::{BOM, Fields, SkipReason};

/// JSON Lines, read one line at a time.
pub(super) struct JsonlSource {
    reader: BufReader<Box<dyn Read + Send>>,
    fields: Fields,
    /// 1-based number of the line last read.
    line: usize,
    /// Byte offset of the start of the next line, to report invalid UTF-8 precisely.
    offset: usize,
    buf: Vec<u8>,
    /// The record last read, which the fields handed out borrow from.
    object: Map<String, Value>,
}

impl JsonlSource {
    pub(super) fn new(reader: Box<dyn Read + Send>, fields: &Fields) -> JsonlSource {
        JsonlSource {
            reader: BufReader::with_capacity(64 * 1024, reader),
            fields: fields.clone(),
            line: 0,
            offset: 0,
            buf: Vec::new(),
            object: Map::new(),
        }
    }
}

impl RecordSource for JsonlSource {
    fn next_item(&mut self) -> Option<(usize, Item<'_>)> {
        loop {
            self.buf.clear();
            let start = self.offset;
            match self.reader.read_until(b'\n', &mut self.buf) {
                // A decompression or I/O error: the rest of the file cannot be trusted.
                Err(e) => {
                    let reason = SkipReason::Unreadable(e.to_string());
                    return Some((self.line + 1, Item::Failed(reason)));
                }
                Ok(0) => return None,
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
            let item = match parse_object(bytes, bytes_start) {
                Ok(object) => {
                    self.object = object;
                    record(&mut self.object, &self.fields, self.line)
                }
                Err(message) => Item::Bad(bad(self.line, message)),
            };
            return Some((self.line, item));
        }
    }
}

fn bad(line: usize, message: String) -> SkipReason {
    SkipReason::BadRecord { line, message }
}

/// Parses one line (starting at byte `start` of the file) as a JSON object.
fn parse_object(bytes: &[u8], start: usize) -> Result<Map<String, Value>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", start + e.valid_up_to()))?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json appends " at line 1 column N"; only the column is useful here.
        let full = e.to_string();
        let message = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(m, _)| m);
        format!("invalid JSON at column {}: {message}", e.column())
    })?;
    match value {
        Value::Object(object) => Ok(object),
        other => Err(format!(
            "expected a JSON object, found {}",
            json_kind(&other)
        )),
    }
}

/// The fields of a record, the body taken out of it unless another field reads it too.
fn record<'a>(object: &'a mut Map<String, Value>, fields: &Fields, line: usize) -> Item<'a> {
    let name = &fields.text;
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
            let message = format!(
                "field `{name}` must be a string, found {}",
                json_kind(&other)
            );
            return Item::Bad(bad(line, message));
        }
        None => return Item::Bad(bad(line, format!("missing field `{name}`"))),
    };
    let object = &*object;
    let string = |field: &Option<String>| match field.as_ref().and_then(|f| object.get(f)) {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let id = match fields.id.as_ref().and_then(|f| object.get(f)) {
        Some(Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
        Some(Value::Number(n)) => Some(Cow::Owned(n.to_string())),
        _ => None,
    };
    Item::Record(RecordFields {
        id,
        title: string(&fields.title),
        date: string(&fields.date),
        body: Cow::Owned(body),
    })
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
