//! `gazegraph render`: draw a saved graph with Graphviz.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::Error;
use gazegraph::export::Finished;
use gazegraph::export::dot::{Colour, Style};
use gazegraph::export::render::{ENGINES, Options, engine_for};
use gazegraph::graph::GraphDocument;
use gazegraph::graph::backbone;

use super::filter::FilterArgs;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A graph written by `gazegraph build` (graph.ron).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// The picture to write; its extension (svg, png, pdf) picks the format.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: PathBuf,
    #[command(flatten)]
    picture: PictureArgs,
    #[command(flatten)]
    filters: FilterArgs,
}

/// How a picture is drawn; shared by `render` and `build --render`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Picture")]
pub struct PictureArgs {
    /// Graphviz layout engine: neato, sfdp, dot, fdp, circo, twopi... (default: neato for
    /// small pictures, sfdp for large; dot on a graph too large for it switches to sfdp).
    #[arg(long, value_name = "ENGINE",
          value_parser = clap::builder::PossibleValuesParser::new(ENGINES))]
    engine: Option<String>,
    /// Fill nodes by entity kind or by community (shapes always tell the kind).
    #[arg(long = "color", default_value = "kind", value_name = "BY")]
    colour: Colour,
    /// Draw every entity and edge. Without it and without filters the picture shows the
    /// top entities by PageRank and the edges of the disparity-filter backbone.
    #[arg(long)]
    all: bool,
    /// Layout: `force` (the engine's own), or `geo`: entities with coordinates (places,
    /// states at their capitals) pinned to a map, the others laid out around them.
    #[arg(long, default_value = "force", value_name = "LAYOUT",
          value_parser = clap::builder::PossibleValuesParser::new(["force", "geo"]))]
    layout: String,
    /// Resolution of PNG pictures, in dots per inch (Graphviz's default is 96; 200 suits a
    /// slide).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(10..=1200))]
    dpi: Option<u32>,
    /// Stop Graphviz after this many seconds.
    #[arg(long, default_value_t = 120, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
}

pub fn run(args: RenderArgs) -> Result<ExitCode> {
    let document = gazegraph::graph::document::read(&args.graph)?;
    let whole = (document.nodes.len(), document.edges.len());
    let filtered = args.filters.any();
    let document = args.filters.apply(document)?;
    let format = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .context("--output needs an extension: .svg, .png or .pdf")?;
    draw(
        &document,
        whole,
        filtered,
        &args.picture,
        format,
        &args.output,
    )?
    .commit()?;
    Ok(ExitCode::SUCCESS)
}

/// Renders `document` for `path`, printing why an engine was switched and Graphviz's
/// warnings, and returns the picture written beside `path`, for the caller to put in place.
/// `whole` is the size of the graph before any filter; without filters (and without
/// `--all`) the default picture is drawn.
pub fn draw(
    document: &GraphDocument,
    whole: (usize, usize),
    filtered: bool,
    picture: &PictureArgs,
    format: &str,
    path: &Path,
) -> Result<Finished> {
    let chosen;
    let shown = if filtered || picture.all {
        document
    } else {
        chosen = backbone::picture(document, backbone::TOP, backbone::ALPHA);
        &chosen
    };
    let geo = picture.layout == "geo";
    if geo && picture.engine.as_deref().is_some_and(|e| e != "neato") {
        anyhow::bail!("--layout geo pins places with neato; leave out --engine or give neato");
    }
    let (engine, note) = engine_for(
        picture.engine.as_deref().or(geo.then_some("neato")),
        shown.nodes.len(),
        shown.edges.len(),
    )?;
    if let Some(note) = note {
        eprintln!("note: {note} (filter the graph, e.g. --top 60, to use dot)");
    }
    let style = Style {
        layout: Some(engine.to_owned()),
        colour: picture.colour,
        whole: (whole != (shown.nodes.len(), shown.edges.len())).then_some(whole),
        geo,
    };
    let dot = gazegraph::export::dot::to_dot_with(shown, &style);
    let options = Options {
        dpi: picture.dpi,
        timeout: Duration::from_secs(picture.timeout),
    };
    let (file, warnings) = gazegraph::export::render::render_file(&dot, format, path, &options)
        .map_err(|error| match error {
            Error::GraphvizTimeout { .. } => anyhow::anyhow!(
                "{error}; draw fewer entities (--top N, --min-count N) or another engine (--engine sfdp)"
            ),
            error => error.into(),
        })
        .with_context(|| format!("cannot render {}", path.display()))?;
    for warning in warnings {
        eprintln!("warning: graphviz: {warning}");
    }
    Ok(file)
}
