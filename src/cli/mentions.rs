//! `gazegraph mentions`: one row per mention.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CorpusArgs, GazetteerArgs, Output, RunArgs, escape_tsv};

#[derive(Debug, Args)]
pub struct MentionsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = MentionFormat::Tsv)]
    format: MentionFormat,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MentionFormat {
    /// Tab-separated with a header row; tabs, newlines and backslashes in text escaped as
    /// `\t`, `\n`, `\\`.
    Tsv,
    /// Comma-separated with a header row, quoted as needed.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// One output row.
#[derive(Debug, Serialize)]
struct Row<'a> {
    document: &'a str,
    paragraph: u32,
    sentence: u32,
    start: usize,
    end: usize,
    text: &'a str,
    entity: &'a str,
    kind: &'a str,
    /// `title:<office>` for an office's title.
    form: std::borrow::Cow<'a, str>,
    part: &'a str,
    field: &'a str,
    field_start: usize,
    field_end: usize,
    char_start: usize,
    char_end: usize,
    /// The document's date (ISO), `null`/empty when undated.
    date: Option<&'a str>,
    /// Where the date came from: `field`, `option`, `text`; `null`/empty when undated.
    date_source: Option<&'static str>,
}

const COLUMNS: [&str; 17] = [
    "document",
    "paragraph",
    "sentence",
    "start",
    "end",
    "text",
    "entity",
    "kind",
    "form",
    "part",
    "field",
    "field_start",
    "field_end",
    "char_start",
    "char_end",
    "date",
    "date_source",
];

/// Where rows go, by format; the CSV writer owns the output while rows stream.
enum Rows {
    Tsv(Output),
    Csv(Box<csv::Writer<Output>>),
    Jsonl(Output),
}

impl Rows {
    fn write(&mut self, row: &Row<'_>) -> std::io::Result<()> {
        match self {
            Rows::Tsv(out) => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                escape_tsv(row.document),
                row.paragraph,
                row.sentence,
                row.start,
                row.end,
                escape_tsv(row.text),
                row.entity,
                row.kind,
                row.form,
                row.part,
                row.field,
                row.field_start,
                row.field_end,
                row.char_start,
                row.char_end,
                row.date.unwrap_or_default(),
                row.date_source.unwrap_or_default(),
            ),
            Rows::Csv(writer) => writer.serialize(row).map_err(std::io::Error::other),
            Rows::Jsonl(out) => {
                serde_json::to_writer(&mut *out, row).map_err(std::io::Error::other)?;
                out.write_all(b"\n")
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Rows::Tsv(out) | Rows::Jsonl(out) => out.finish(),
            Rows::Csv(writer) => writer.into_inner().map_err(|e| e.into_error())?.finish(),
        }
    }
}

pub fn run(args: MentionsArgs, run: &RunArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let mut out = args.corpus.output(args.output.as_deref())?;
    let mut rows = match args.format {
        MentionFormat::Tsv => {
            writeln!(out, "{}", COLUMNS.join("\t"))?;
            Rows::Tsv(out)
        }
        MentionFormat::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            writer.write_record(COLUMNS)?;
            Rows::Csv(Box::new(writer))
        }
        MentionFormat::Jsonl => Rows::Jsonl(out),
    };
    let mut failure: Option<std::io::Error> = None;
    let summary = args.corpus.annotate(run, gazetteer, |doc, annotation| {
        let date = doc.dated.map(|d| d.date.to_string());
        let locator = doc.locator();
        for m in &annotation.mentions {
            if failure.is_some() {
                return;
            }
            let entity = gazetteer.entity(m.entity);
            let at = locator.locate(m.start..m.end);
            let row = Row {
                document: &doc.id,
                paragraph: m.paragraph,
                sentence: m.sentence,
                start: m.start,
                end: m.end,
                text: &doc.text[m.start..m.end],
                entity: &entity.id,
                kind: entity.kind.as_str(),
                form: m.form.describe(gazetteer),
                part: m.part.as_str(),
                field: at.field.as_str(),
                field_start: at.start,
                field_end: at.end,
                char_start: at.char_start,
                char_end: at.char_end,
                date: date.as_deref(),
                date_source: doc.dated.map(|d| d.source.as_str()),
            };
            failure = rows.write(&row).err();
        }
    })?;
    match failure {
        // `gazegraph mentions ... | head` closes the pipe early; that is not an error.
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => {
            rows.finish()?;
            Ok(super::finished(&summary))
        }
    }
}
