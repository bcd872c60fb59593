//! `gazegraph relations`: one row per typed relation, with its evidence.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use gazegraph::graph::aggregate::excerpt;
use serde::Serialize;

use super::{CorpusArgs, GazetteerArgs, Output, PartsArgs, RelationArgs, RunArgs, escape_tsv};

#[derive(Debug, Args)]
pub struct RelationsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    #[command(flatten)]
    relations: RelationArgs,
    #[command(flatten)]
    parts: PartsArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RelationFormat::Tsv)]
    format: RelationFormat,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RelationFormat {
    /// Tab-separated with a header row; tabs, newlines and backslashes in text escaped as
    /// `\t`, `\n`, `\\`.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

/// One output row: the statement, then its evidence (byte spans in the document).
#[derive(Debug, Serialize)]
struct Row<'a> {
    document: &'a str,
    sentence: u32,
    subject: &'a str,
    relation: &'a str,
    object: &'a str,
    negated: bool,
    directed: bool,
    rule: &'a str,
    subject_start: usize,
    subject_end: usize,
    object_start: usize,
    object_end: usize,
    cue_start: usize,
    cue_end: usize,
    subject_text: &'a str,
    cue_text: &'a str,
    object_text: &'a str,
    sentence_text: &'a str,
    field: &'a str,
    subject_field_start: usize,
    subject_field_end: usize,
    object_field_start: usize,
    object_field_end: usize,
    cue_field_start: usize,
    cue_field_end: usize,
    subject_char_start: usize,
    subject_char_end: usize,
    object_char_start: usize,
    object_char_end: usize,
    cue_char_start: usize,
    cue_char_end: usize,
}

const COLUMNS: [&str; 31] = [
    "document",
    "sentence",
    "subject",
    "relation",
    "object",
    "negated",
    "directed",
    "rule",
    "subject_start",
    "subject_end",
    "object_start",
    "object_end",
    "cue_start",
    "cue_end",
    "subject_text",
    "cue_text",
    "object_text",
    "sentence_text",
    "field",
    "subject_field_start",
    "subject_field_end",
    "object_field_start",
    "object_field_end",
    "cue_field_start",
    "cue_field_end",
    "subject_char_start",
    "subject_char_end",
    "object_char_start",
    "object_char_end",
    "cue_char_start",
    "cue_char_end",
];

fn write(out: &mut Output, format: RelationFormat, row: &Row<'_>) -> std::io::Result<()> {
    match format {
        RelationFormat::Tsv => writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            escape_tsv(row.document),
            row.sentence,
            row.subject,
            row.relation,
            row.object,
            row.negated,
            row.directed,
            escape_tsv(row.rule),
            row.subject_start,
            row.subject_end,
            row.object_start,
            row.object_end,
            row.cue_start,
            row.cue_end,
            escape_tsv(row.subject_text),
            escape_tsv(row.cue_text),
            escape_tsv(row.object_text),
            escape_tsv(row.sentence_text),
            row.field,
            row.subject_field_start,
            row.subject_field_end,
            row.object_field_start,
            row.object_field_end,
            row.cue_field_start,
            row.cue_field_end,
            row.subject_char_start,
            row.subject_char_end,
            row.object_char_start,
            row.object_char_end,
            row.cue_char_start,
            row.cue_char_end,
        ),
        RelationFormat::Jsonl => {
            serde_json::to_writer(&mut *out, row).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        }
    }
}

pub fn run(args: RelationsArgs, run: &RunArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let extractor = args.relations.load(gazetteer)?;
    let mut out = args.corpus.output(args.output.as_deref())?;
    if matches!(args.format, RelationFormat::Tsv) {
        writeln!(out, "{}", COLUMNS.join("\t"))?;
    }
    let mut failure: Option<std::io::Error> = None;
    let mut count = 0u64;
    let summary = args.corpus.annotate(run, gazetteer, |doc, annotation| {
        if failure.is_some() {
            return;
        }
        let locator = doc.locator();
        let kept = annotation.in_parts(args.parts.parts);
        let annotation = kept.as_ref().unwrap_or(annotation);
        for r in extractor.extract(&doc.text, annotation) {
            let text = &doc.text;
            let spans = [
                (r.subject.start, r.subject.end),
                (r.object.start, r.object.end),
                (r.cue_start, r.cue_end),
            ];
            // Bounded like evidence: an endless sentence keeps a window around the spans.
            let sentence_text = annotation
                .segments
                .sentences
                .get(r.sentence as usize)
                .map_or_else(String::new, |s| excerpt(text, s.range.clone(), &spans));
            let [subject, object, cue] = spans.map(|(start, end)| locator.locate(start..end));
            let row = Row {
                document: &doc.id,
                sentence: r.sentence,
                subject: &gazetteer.entity(r.subject.entity).id,
                relation: extractor.kind_name(r.kind),
                object: &gazetteer.entity(r.object.entity).id,
                negated: r.negated,
                directed: !extractor.is_symmetric(r.kind),
                rule: extractor.rule_name(r.rule),
                subject_start: r.subject.start,
                subject_end: r.subject.end,
                object_start: r.object.start,
                object_end: r.object.end,
                cue_start: r.cue_start,
                cue_end: r.cue_end,
                subject_text: &text[r.subject.start..r.subject.end],
                cue_text: &text[r.cue_start..r.cue_end],
                object_text: &text[r.object.start..r.object.end],
                sentence_text: &sentence_text,
                field: subject.field.as_str(),
                subject_field_start: subject.start,
                subject_field_end: subject.end,
                object_field_start: object.start,
                object_field_end: object.end,
                cue_field_start: cue.start,
                cue_field_end: cue.end,
                subject_char_start: subject.char_start,
                subject_char_end: subject.char_end,
                object_char_start: object.char_start,
                object_char_end: object.char_end,
                cue_char_start: cue.char_start,
                cue_char_end: cue.char_end,
            };
            count += 1;
            if let Err(e) = write(&mut out, args.format, &row) {
                failure = Some(e);
                return;
            }
        }
    })?;
    match failure {
        // `gazegraph relations ... | head` closes the pipe early; that is not an error.
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => {
            out.finish()?;
            if !run.quiet {
                eprintln!("{count} relations in {} documents", summary.processed);
            }
            Ok(super::finished(&summary))
        }
    }
}
