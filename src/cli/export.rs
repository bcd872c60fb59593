//! `gazegraph export`: re-export a saved graph in another format, filtered.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use gazegraph::export::Format;
use gazegraph::graph::GraphDocument;

use super::emit_with;
use super::filter::FilterArgs;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A graph written by `gazegraph build` or `merge` (RON).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// Output format: ron, dot, json, graphml, gexf, nodes-csv, edges-csv, documents-csv, html.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    format: Format,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filters: FilterArgs,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let document = load_filtered(&args.graph, &args.filters)?;
    emit_with(args.output.as_deref(), |out| {
        args.format.write(&document, out)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a RON graph and applies the filters ([`FilterArgs::apply`]).
pub fn load_filtered(path: &Path, filters: &FilterArgs) -> Result<GraphDocument> {
    filters.apply(gazegraph::graph::document::read(path)?)
}
