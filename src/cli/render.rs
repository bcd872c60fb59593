//! `gazegraph render`: draw a saved graph with Graphviz.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::graph::GraphDocument;

use super::filter::FilterArgs;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A graph written by `gazegraph build` (graph.ron).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// The picture to write; its extension (svg, png, pdf) picks the format.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: PathBuf,
    /// Graphviz layout engine: sfdp, dot, neato, fdp, circo, twopi.
    #[arg(long, default_value = "sfdp", value_name = "ENGINE",
          value_parser = clap::builder::PossibleValuesParser::new(gazegraph::export::render::ENGINES))]
    engine: String,
    #[command(flatten)]
    filters: FilterArgs,
}

pub fn run(args: RenderArgs) -> Result<ExitCode> {
    let document = super::export::load_filtered(&args.graph, &args.filters)?;
    let format = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .context("--output needs an extension: .svg, .png or .pdf")?;
    draw(&document, &args.engine, format, &args.output)?;
    Ok(ExitCode::SUCCESS)
}

/// Renders `document` to `path`, printing Graphviz's warnings.
pub fn draw(document: &GraphDocument, engine: &str, format: &str, path: &Path) -> Result<()> {
    let dot = gazegraph::export::Format::Dot.render(document);
    let warnings = gazegraph::export::render::render(&dot, engine, format, path)
        .with_context(|| format!("cannot render {}", path.display()))?;
    for warning in warnings {
        eprintln!("warning: graphviz: {warning}");
    }
    Ok(())
}
