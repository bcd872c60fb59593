//! Entity counts: how often and in how many documents each entity is mentioned.
//!
//! Counts are what users pin in regression tests, so the table has one canonical order
//! (mentions, descending, then id) and round-trips through TSV, JSON and RON; [`CountTable::diff`]
//! says what changed in words a reviewer can read.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, UnknownName};
use crate::gazetteer::{Gazetteer, Kind};
use crate::mentions::Mention;
use crate::text::Part;

/// The format name written in JSON and RON count files.
pub const FORMAT: &str = "gazegraph-counts";
/// The schema version of JSON and RON count files.
pub const VERSION: u32 = 1;

/// Running totals per entity, mergeable across shards and threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counter {
    mentions: Vec<u64>,
    documents: Vec<u64>,
    /// Mentions per entity and part, in [`Part::ALL`] order.
    parts: Vec<[u64; Part::ALL.len()]>,
    /// Documents counted.
    pub processed: u64,
}

impl Counter {
    /// A counter for every entity of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Counter {
        Counter {
            mentions: vec![0; gazetteer.len()],
            documents: vec![0; gazetteer.len()],
            parts: vec![[0; Part::ALL.len()]; gazetteer.len()],
            processed: 0,
        }
    }

    /// Adds one document's mentions.
    pub fn add(&mut self, mentions: &[Mention]) {
        self.processed += 1;
        for m in mentions {
            self.parts[m.entity.index()][m.part as usize] += 1;
        }
        let mut seen: Vec<u32> = mentions.iter().map(|m| m.entity.0).collect();
        for &e in &seen {
            self.mentions[e as usize] += 1;
        }
        seen.sort_unstable();
        seen.dedup();
        for e in seen {
            self.documents[e as usize] += 1;
        }
    }

    /// Adds another counter's totals (same gazetteer).
    pub fn merge(&mut self, other: &Counter) {
        for (a, b) in self.mentions.iter_mut().zip(&other.mentions) {
            *a += b;
        }
        for (a, b) in self.documents.iter_mut().zip(&other.documents) {
            *a += b;
        }
        for (a, b) in self.parts.iter_mut().zip(&other.parts) {
            for (a, b) in a.iter_mut().zip(b) {
                *a += b;
            }
        }
        self.processed += other.processed;
    }

    /// The table of entities mentioned at least once, in canonical order.
    pub fn table(&self, gazetteer: &Gazetteer) -> CountTable {
        let rows: Vec<CountRow> = gazetteer
            .entities()
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mentions[*i] > 0)
            .map(|(i, e)| CountRow {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                mentions: self.mentions[i],
                documents: self.documents[i],
            })
            .collect();
        CountTable::new(self.processed, rows)
    }
}

impl Counter {
    /// The table with each entity's mentions broken down by part, one column per part of
    /// [`Part::ALL`] after the usual ones (TSV), or a `parts` object per entity (JSON); the
    /// parts add up to the mentions.
    pub fn render_by_part(&self, gazetteer: &Gazetteer, format: CountFormat) -> Result<String> {
        let table = self.table(gazetteer);
        let parts = |row: &CountRow| {
            gazetteer
                .lookup(&row.id)
                .map_or([0; Part::ALL.len()], |e| self.parts[e.index()])
        };
        match format {
            CountFormat::Tsv => {
                let mut out = String::from(TSV_HEADER);
                for part in Part::ALL {
                    out.push('\t');
                    out.push_str(part.as_str());
                }
                out.push('\n');
                let rows = table.render(CountFormat::Tsv);
                for (line, row) in rows.lines().skip(1).zip(&table.entities) {
                    out.push_str(line);
                    for n in parts(row) {
                        let _ = write!(out, "\t{n}");
                    }
                    out.push('\n');
                }
                Ok(out)
            }
            CountFormat::Json => {
                let mut value = serde_json::to_value(&table).expect("counts serialise");
                let rows = value["entities"].as_array_mut().expect("a list of rows");
                for (json, row) in rows.iter_mut().zip(&table.entities) {
                    let by_part: serde_json::Map<String, serde_json::Value> = Part::ALL
                        .iter()
                        .zip(parts(row))
                        .map(|(p, n)| (p.as_str().to_owned(), n.into()))
                        .collect();
                    json["parts"] = by_part.into();
                }
                let mut out = serde_json::to_string_pretty(&value).expect("counts serialise");
                out.push('\n');
                Ok(out)
            }
            CountFormat::Ron => Err(Error::CountsByPartInRon),
        }
    }
}

/// One entity's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRow {
    /// Entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind, as a string.
    pub kind: Kind,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of documents with at least one mention.
    pub documents: u64,
}

/// A versioned count file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountTable {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version, [`VERSION`].
    pub version: u32,
    /// Documents processed (0 when read from TSV, which has no room for it).
    pub documents: u64,
    /// One row per entity mentioned, mentions descending, then id.
    pub entities: Vec<CountRow>,
}

/// A count file's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountFormat {
    /// Tab-separated, with a header row.
    #[default]
    Tsv,
    /// Pretty JSON.
    Json,
    /// Pretty RON.
    Ron,
}

impl CountFormat {
    /// The format a file name implies (`.json`, `.ron`, else TSV).
    pub fn from_path(path: &Path) -> CountFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => CountFormat::Json,
            Some("ron") => CountFormat::Ron,
            _ => CountFormat::Tsv,
        }
    }
}

impl std::str::FromStr for CountFormat {
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<CountFormat, UnknownName> {
        match s {
            "tsv" => Ok(CountFormat::Tsv),
            "json" => Ok(CountFormat::Json),
            "ron" => Ok(CountFormat::Ron),
            _ => Err(UnknownName::new("format", s, "tsv, json or ron")),
        }
    }
}

fn sort_rows(rows: &mut [CountRow]) {
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
}

const TSV_HEADER: &str = "id\tname\tkind\tmentions\tdocuments";

impl CountTable {
    /// The table of `entities` counted over `documents`, in canonical order.
    pub fn new(documents: u64, mut entities: Vec<CountRow>) -> CountTable {
        sort_rows(&mut entities);
        CountTable {
            format: FORMAT.to_owned(),
            version: VERSION,
            documents,
            entities,
        }
    }

    /// Renders the table.
    pub fn render(&self, format: CountFormat) -> String {
        match format {
            CountFormat::Tsv => {
                let mut out = String::from(TSV_HEADER);
                out.push('\n');
                for r in &self.entities {
                    // Names never contain tabs or newlines in a checked gazetteer, but a user's
                    // might: replace them so a row stays a row.
                    let name = r.name.replace(['\t', '\n', '\r'], " ");
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        r.id, name, r.kind, r.mentions, r.documents
                    );
                }
                out
            }
            CountFormat::Json => {
                let mut out = serde_json::to_string_pretty(self).expect("counts serialise");
                out.push('\n');
                out
            }
            CountFormat::Ron => {
                let config = ron::ser::PrettyConfig::new().struct_names(false);
                let mut out = ron::ser::to_string_pretty(self, config).expect("counts serialise");
                out.push('\n');
                out
            }
        }
    }

    /// Parses a count file written by [`CountTable::render`]; errors name `path`, line and column.
    pub fn parse(path: &Path, text: &str, format: CountFormat) -> Result<CountTable> {
        let mut table = match format {
            CountFormat::Json => serde_json::from_str(text).map_err(|e| Error::Syntax {
                path: path.to_owned(),
                position: crate::error::Position {
                    line: e.line(),
                    column: e.column(),
                },
                message: e.to_string(),
            })?,
            CountFormat::Ron => ron::from_str(text).map_err(|e| Error::ron(path.to_owned(), e))?,
            CountFormat::Tsv => parse_tsv(path, text)?,
        };
        sort_rows(&mut table.entities);
        Ok(table)
    }

    /// Lines describing how `self` (the run) differs from `expected`; empty when equal.
    pub fn diff(&self, expected: &CountTable) -> Vec<String> {
        use std::collections::BTreeMap;
        let index = |t: &CountTable| -> BTreeMap<String, (u64, u64)> {
            t.entities
                .iter()
                .map(|r| (r.id.clone(), (r.mentions, r.documents)))
                .collect()
        };
        let (got, want) = (index(self), index(expected));
        let mut lines = Vec::new();
        for (id, &(wm, wd)) in &want {
            match got.get(id) {
                None => lines.push(format!(
                    "- {id}: expected {wm} mentions in {wd} documents, found none"
                )),
                Some(&(gm, gd)) if (gm, gd) != (wm, wd) => lines.push(format!(
                    "~ {id}: mentions {wm} -> {gm} ({:+}), documents {wd} -> {gd} ({:+})",
                    gm as i64 - wm as i64,
                    gd as i64 - wd as i64
                )),
                Some(_) => {}
            }
        }
        for (id, &(gm, gd)) in &got {
            if !want.contains_key(id) {
                lines.push(format!(
                    "+ {id}: {gm} mentions in {gd} documents, not expected"
                ));
            }
        }
        if expected.documents != 0 && self.documents != expected.documents {
            lines.push(format!(
                "~ documents processed: {} -> {}",
                expected.documents, self.documents
            ));
        }
        lines
    }
}

fn parse_tsv(path: &Path, text: &str) -> Result<CountTable> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end() == TSV_HEADER => {}
        _ => {
            return Err(Error::at(
                path,
                text,
                0,
                format!(
                    "expected the header `{}`",
                    TSV_HEADER.replace('\t', "<TAB>")
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    for (_, line) in lines {
        let here = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |column: usize, message: String| {
            let col_offset: usize = fields.iter().take(column).map(|f| f.len() + 1).sum();
            Error::at(path, text, here + col_offset, message)
        };
        if fields.len() != 5 {
            return Err(bad(
                0,
                format!("expected 5 tab-separated fields, found {}", fields.len()),
            ));
        }
        let number = |i: usize| -> Result<u64> {
            fields[i]
                .trim()
                .parse()
                .map_err(|_| bad(i, format!("`{}` is not a count", fields[i])))
        };
        rows.push(CountRow {
            id: fields[0].to_owned(),
            name: fields[1].to_owned(),
            kind: fields[2]
                .parse()
                .map_err(|e: UnknownName| bad(2, e.to_string()))?,
            mentions: number(3)?,
            documents: number(4)?,
        });
    }
    Ok(CountTable {
        format: FORMAT.to_owned(),
        version: VERSION,
        documents: 0,
        entities: rows,
    })
}

#[cfg(test)]
mod tests;
