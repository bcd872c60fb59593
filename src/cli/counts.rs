//! `gazegraph counts`: mentions and documents per entity, to read, save or check.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::counts::{CountFormat, CountTable, Counter};

use super::{CorpusArgs, GazetteerArgs, RunArgs, emit};

#[derive(Debug, Args)]
pub struct CountsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Output format: tsv, json or ron (default: from the output's extension, else tsv).
    #[arg(long, short = 'f', value_name = "FORMAT")]
    format: Option<CountFormat>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    /// Save the counts to EXPECTED (format from its extension) for later `--check`.
    #[arg(long, value_name = "EXPECTED", conflicts_with = "check")]
    write: Option<PathBuf>,
    /// Compare with a saved counts file; print the differences and exit 1 if any.
    #[arg(long, value_name = "EXPECTED")]
    check: Option<PathBuf>,
    /// Also break each entity's mentions down by the part of the article they lie in: one
    /// column per part (headline, dateline, byline, caption, credit, furniture, body) in TSV,
    /// a `parts` object in JSON.
    #[arg(long, conflicts_with_all = ["write", "check"])]
    by_part: bool,
}

pub fn run(args: CountsArgs, run: &RunArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    // Read the expected file first: a typo in its path should not cost a whole run.
    let expected = match &args.check {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Some(CountTable::parse(
                path,
                &text,
                CountFormat::from_path(path),
            )?)
        }
        None => None,
    };
    args.corpus.refuse_input(args.write.as_deref())?;
    args.corpus.refuse_input(args.output.as_deref())?;
    let mut counter = Counter::new(gazetteer);
    let summary = args.corpus.annotate(run, gazetteer, |_, annotation| {
        counter.add(&annotation.mentions)
    })?;
    let status = super::finished(&summary);
    let table = counter.table(gazetteer);

    if let Some(path) = &args.write {
        emit(
            Some(path),
            table.render(CountFormat::from_path(path)).as_bytes(),
        )?;
        if !run.quiet {
            eprintln!(
                "wrote {} ({} entities)",
                path.display(),
                table.entities.len()
            );
        }
        return Ok(status);
    }
    if let (Some(expected), Some(path)) = (expected, &args.check) {
        let differences = table.diff(&expected);
        if differences.is_empty() {
            if !run.quiet {
                eprintln!(
                    "counts match {} ({} entities)",
                    path.display(),
                    table.entities.len()
                );
            }
            return Ok(status);
        }
        eprintln!(
            "counts differ from {} (- expected only, + new, ~ changed):",
            path.display()
        );
        for line in &differences {
            eprintln!("  {line}");
        }
        return Ok(ExitCode::from(1));
    }
    let format = args.format.unwrap_or_else(|| {
        args.output
            .as_deref()
            .map_or(CountFormat::Tsv, CountFormat::from_path)
    });
    let rendered = if args.by_part {
        counter.render_by_part(gazetteer, format)?
    } else {
        table.render(format)
    };
    emit(args.output.as_deref(), rendered.as_bytes())?;
    Ok(status)
}
