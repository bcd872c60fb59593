//! `gazegraph unresolved`: one row per matched name the document did not resolve, with the
//! entities it could name and why none was chosen.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::{CorpusArgs, GazetteerArgs, RunArgs, escape_tsv};

#[derive(Debug, Args)]
#[command(
    after_help = "Columns (TSV, with a header row): document, start, end (byte offsets), text, \
                        candidates (entity ids, comma-separated), reason:\n  \
                        no-support  the name needs context (the entity named in full, a related \
                        entity or a cue near it) and the document gives none;\n  \
                        surname     the document uses the name as a person's surname and nothing \
                        near it says otherwise;\n  \
                        undecided   entities share the name and the evidence does not single one out."
)]
pub struct UnresolvedArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn run(args: UnresolvedArgs, run: &RunArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let mut out = args.corpus.output(args.output.as_deref())?;
    writeln!(out, "document\tstart\tend\ttext\tcandidates\treason")?;
    let mut failure: Option<std::io::Error> = None;
    let summary = args.corpus.annotate(run, gazetteer, |doc, annotation| {
        for u in &annotation.unresolved {
            if failure.is_some() {
                return;
            }
            let candidates: Vec<&str> = u
                .candidates
                .iter()
                .map(|&e| gazetteer.entity(e).id.as_str())
                .collect();
            failure = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                escape_tsv(&doc.id),
                u.start,
                u.end,
                escape_tsv(&doc.text[u.start..u.end]),
                candidates.join(","),
                u.reason
            )
            .err();
        }
    })?;
    match failure {
        // `gazegraph unresolved ... | head` closes the pipe early; that is not an error.
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => {
            out.finish()?;
            Ok(super::finished(&summary))
        }
    }
}
