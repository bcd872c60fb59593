//! JSON Lines: one JSON object per line.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::records::{Item, RecordFields, RecordSource};
use super::{BOM, Fields, SkipReason, bytes as size};

/// JSON Lines, read one line at a time.
pub(super) struct JsonlSource {
    reader: BufReader<Box<dyn Read + Send>>,
    fields: Fields,
    /// 1-based number of the line last read.
    line: usize,
    /// Byte offset of the start of the next line, to report invalid UTF-8 precisely.
    offset: usize,
    buf: Vec<u8>,
    /// The most bytes a line may have.
    limit: u64,
    /// The record last read, which the fields handed out borrow from.
    object: Map<String, Value>,
}

impl JsonlSource {
    pub(super) fn new(reader: Box<dyn Read + Send>, fields: &Fields, limit: u64) -> JsonlSource {
        JsonlSource {
            limit,
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
            let mut too_long = false;
            match read_line(&mut self.reader, &mut self.buf, self.limit, &mut too_long) {
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
            if too_long || bytes.len() as u64 > self.limit {
                let message = format!("line longer than the size limit of {}", size(self.limit));
                return Some((self.line, Item::Bad(bad(self.line, message))));
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

/// Reads one line into `buf`, its end included, keeping no more than `limit` bytes and a line
/// end: the rest of a longer line is read past without being kept, and `too_long` is set.
/// Returns the bytes read, kept or not.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
    too_long: &mut bool,
) -> io::Result<usize> {
    let keep = usize::try_from(limit)
        .unwrap_or(usize::MAX)
        .saturating_add(2);
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(read);
        }
        let (chunk, ends) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        if !*too_long && buf.len() + chunk.len() <= keep {
            buf.extend_from_slice(chunk);
        } else {
            *too_long = true;
            buf.clear();
        }
        let n = chunk.len();
        reader.consume(n);
        read += n;
        if ends {
            return Ok(read);
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
    let id_name = fields.id.as_deref().unwrap_or("id");
    let shared = [
        fields.title.as_deref(),
        fields.date.as_deref(),
        Some(id_name),
    ]
    .contains(&Some(name.as_str()));
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
    let id = match object.get(id_name) {
        Some(Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
        Some(Value::Number(n)) => Some(Cow::Owned(n.to_string())),
        // A field asked for by name must be there; the default `id` is used where it is.
        None if fields.id.is_some() => {
            return Item::Bad(bad(line, format!("missing id field `{id_name}`")));
        }
        None => None,
        Some(other) => {
            let message = format!(
                "id field `{id_name}` must be a string or a number, found {}",
                json_kind(other)
            );
            return Item::Bad(bad(line, message));
        }
    };
    Item::Record(RecordFields {
        line,
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

/// Whether the first record of a JSONL file has a field `name`; `Err` names the line of a
/// first record without it. A file with no readable first record passes: its records are
/// skipped, each with its reason, as they are read.
pub(super) fn check_first_record(
    reader: Box<dyn Read + Send>,
    name: &str,
    limit: u64,
) -> Result<(), (usize, String)> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let mut buf = Vec::new();
    let mut too_long = false;
    for line in 1.. {
        buf.clear();
        match read_line(&mut reader, &mut buf, limit, &mut too_long) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(_) if too_long => return Ok(()),
            Ok(_) => {}
        }
        let bytes = buf.strip_prefix(BOM.as_bytes()).unwrap_or(&buf);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        return match parse_object(bytes.trim_ascii_end(), 0) {
            Ok(object) if !object.contains_key(name) => {
                Err((line, format!("no field `{name}` in the first record")))
            }
            _ => Ok(()),
        };
    }
    Ok(())
}
