//! `gazegraph gazetteer`: look at and check the gazetteers.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use gazegraph::gazetteer::lint::lint;
use gazegraph::matcher::Matcher;
use gazegraph::text::Folded;

use super::{CorpusArgs, GazetteerArgs};

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Report shadowed aliases, common English words, shared aliases and (given a corpus)
    /// aliases that never match.
    Lint(LintArgs),
    /// List the loaded entities: id, kind, name, number of aliases, source file.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// A corpus to count alias hits in (files, directories, `-`).
    #[arg(value_name = "INPUT")]
    inputs: Vec<std::path::PathBuf>,
    /// Exit 1 when there is any finding.
    #[arg(long)]
    deny: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    gazetteers: GazetteerArgs,
}

pub fn run(command: GazetteerCommand) -> Result<ExitCode> {
    match command {
        GazetteerCommand::Lint(args) => run_lint(args),
        GazetteerCommand::List(args) => {
            let gazetteer = args.gazetteers.load()?;
            println!("id\tkind\tname\taliases\tsource");
            for (i, entity) in gazetteer.entities().iter().enumerate() {
                let id = gazegraph::gazetteer::EntityId(i as u32);
                let aliases = gazetteer
                    .aliases()
                    .iter()
                    .filter(|a| a.entity == id)
                    .count();
                let origin = gazetteer.origin(id);
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    entity.id,
                    entity.kind,
                    entity.name,
                    aliases,
                    origin.path.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_lint(args: LintArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let hits = if args.inputs.is_empty() {
        None
    } else {
        let corpus = CorpusArgs::for_inputs(args.inputs.clone()).open()?;
        let matcher = Matcher::new(&gazetteer)?;
        let mut hits = vec![0u64; gazetteer.aliases().len()];
        let (mut folded, mut candidates) = (Folded::default(), Vec::new());
        for entry in corpus.entries() {
            match entry {
                gazegraph::corpus::Entry::Document(doc) => {
                    folded.refill(&doc.text);
                    matcher.candidates(&doc.text, &folded, &mut candidates);
                    for reading in candidates.iter().flat_map(|c| &c.readings) {
                        hits[reading.alias as usize] += 1;
                    }
                }
                gazegraph::corpus::Entry::Skipped(skipped) => {
                    eprintln!("warning: skipped {skipped}")
                }
            }
        }
        Some(hits)
    };
    let findings = lint(&gazetteer, hits.as_deref());
    println!("check\talias\tentity\tdetail");
    for f in &findings {
        println!(
            "{}\t{}\t{}\t{}",
            f.check.as_str(),
            f.alias,
            f.entity,
            f.detail
        );
    }
    eprintln!(
        "{} findings in {} entities, {} aliases",
        findings.len(),
        gazetteer.len(),
        gazetteer.aliases().len()
    );
    Ok(if args.deny && !findings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
