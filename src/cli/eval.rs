//! `gazegraph eval`: precision, recall and F1 per type against CoNLL-format gold.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::eval::{self, Label};
use gazegraph::mentions::Annotator;

use super::{GazetteerArgs, emit, escape_tsv};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations in CoNLL format (`token POS chunk NER`, IOB tags).
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// How many of the most frequent false alarms and misses to list per type.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let documents = eval::parse_conll(&args.gold, &text)?;
    let gazetteer = args.gazetteers.load()?;
    let evaluation = eval::evaluate(&Annotator::new(gazetteer)?, &documents);

    let mut out = String::new();
    let _ = writeln!(out, "{} documents", evaluation.documents);
    let _ = writeln!(
        out,
        "type  precision  recall     f1  correct  false  missed"
    );
    for label in Label::SCORED {
        let t = evaluation.tally(label);
        let _ = writeln!(
            out,
            "{:<4}  {:>9.3}  {:>6.3}  {:>5.3}  {:>7}  {:>5}  {:>6}",
            label.as_str(),
            t.precision(),
            t.recall(),
            t.f1(),
            t.correct,
            t.false_alarms,
            t.misses
        );
    }
    for label in Label::SCORED {
        for (what, list) in [
            ("false alarms", evaluation.top_false_alarms(label, args.top)),
            ("misses", evaluation.top_misses(label, args.top)),
        ] {
            if list.is_empty() {
                continue;
            }
            let items: Vec<String> = list
                .iter()
                .map(|(t, n)| format!("{} ({n})", escape_tsv(t)))
                .collect();
            let _ = writeln!(out, "\n{label} {what}: {}", items.join(", "));
        }
    }
    emit(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
