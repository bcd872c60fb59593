//! Command-line interface: one file per subcommand. Arguments become the library's checked
//! configuration types; everything the user sees is printed here, never in the library.

mod args;
mod build;
mod counts;
mod eval;
mod explain;
mod export;
mod filter;
mod gazetteer;
mod mentions;
mod merge;
mod output;
mod relations;
mod render;
mod stats;
mod timeline;
mod unresolved;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

pub use args::{CorpusArgs, GazetteerArgs, PartsArgs, RelationArgs, RunArgs};
pub use output::{Output, emit, emit_with, escape_tsv, finished};

/// Turn news text into evidence-backed networks of people, states, groups and places.
#[derive(Debug, Parser)]
#[command(
    name = "gazegraph",
    version,
    about,
    max_term_width = 100,
    after_help = "Exit codes: 0 success; 1 `counts --check` found differences (or `explain` found no\n\
                  link); 2 an error; 3 a corpus command (build, counts, mentions, relations) read\n\
                  no document: every input was skipped, or there was none; 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    run: RunArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the network from a corpus and write it in every format (and draw it).
    Build(Box<build::BuildArgs>),
    /// Re-export a saved graph (RON) in another format, optionally filtered.
    Export(export::ExportArgs),
    /// Draw a saved graph with Graphviz (SVG, PNG or PDF).
    Render(render::RenderArgs),
    /// Merge graphs built over separate shards into the graph of the whole corpus.
    Merge(merge::MergeArgs),
    /// Show why two entities are linked, with the sentences.
    Explain(explain::ExplainArgs),
    /// Summarise a saved graph: central entities and communities.
    Stats(stats::StatsArgs),
    /// Show entities over time: mentions per period, first and last seen, top partners;
    /// optionally as a chart (SVG or PNG).
    Timeline(timeline::TimelineArgs),
    /// List every mention: document, sentence, byte span, surface text, entity.
    Mentions(mentions::MentionsArgs),
    /// List every typed relation (who meets, backs, arms, fights, leads whom, and where)
    /// with its evidence: sentence, spans, cue and rule.
    Relations(relations::RelationsArgs),
    /// List the matched names left unresolved: their candidates and why.
    Unresolved(unresolved::UnresolvedArgs),
    /// Count mentions and documents per entity; save or check the counts.
    Counts(counts::CountsArgs),
    /// Score mentions against CoNLL-format gold: precision, recall, F1 per type.
    Eval(eval::EvalArgs),
    /// Inspect and check gazetteers.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(*args, &cli.run),
        Command::Export(args) => export::run(args),
        Command::Render(args) => render::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Mentions(args) => mentions::run(args, &cli.run),
        Command::Relations(args) => relations::run(args, &cli.run),
        Command::Unresolved(args) => unresolved::run(args, &cli.run),
        Command::Counts(args) => counts::run(args, &cli.run),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(command) => gazetteer::run(command),
    }
}
