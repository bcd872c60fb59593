//! `gazegraph build`: the main job. Corpus in; graph, exports and picture out.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::export::{AtomicFile, Format, OutputSet};
use gazegraph::graph::{BuildOptions, GraphBuilder, Network, Weight, Window};

use super::filter::FilterArgs;
use super::{CorpusArgs, GazetteerArgs, PartsArgs, RelationArgs, emit_with};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    #[command(flatten)]
    graph: GraphArgs,
    #[command(flatten)]
    relations: RelationArgs,
    #[command(flatten)]
    parts: PartsArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// Directory to write graph.ron, graph.dot, graph.json, graph.graphml, nodes.csv,
    /// edges.csv, graph.html (the explorer) and counts.tsv into (created if missing).
    #[arg(
        long,
        short = 'o',
        value_name = "OUT_DIR",
        required_unless_present = "format"
    )]
    output: Option<PathBuf>,
    /// Write only this format to stdout instead: ron, dot, json, graphml, nodes-csv, edges-csv, html.
    #[arg(long, short = 'f', value_name = "FORMAT", conflicts_with_all = ["output", "render"])]
    format: Option<Format>,
    /// Also draw the graph with Graphviz into OUT_DIR/graph.FORMAT (svg, png or pdf).
    #[arg(long, value_name = "FORMAT", requires = "output",
          value_parser = clap::builder::PossibleValuesParser::new(gazegraph::export::render::FORMATS))]
    render: Option<String>,
    #[command(flatten)]
    picture: super::render::PictureArgs,
}

/// How co-occurrence is counted.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Co-occurrence window: sentence, paragraph, document or tokens:N.
    #[arg(long, default_value_t = BuildOptions::default().window, value_name = "WINDOW")]
    window: Window,
    /// Evidence items kept per edge (the cap is written in the output).
    #[arg(long, default_value_t = BuildOptions::default().evidence_cap, value_name = "K")]
    evidence: u32,
    /// Edge weight for filters, layout and analytics: count, documents, pmi, npmi, llr, jaccard.
    #[arg(long, default_value_t = BuildOptions::default().weight, value_name = "MEASURE")]
    weight: Weight,
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    // The output directory is checked (and stale temporary files removed) before the corpus
    // is read, so that a bad `-o` costs nothing; a failed run removes a directory it created.
    let set = args.output.as_deref().map(OutputSet::create).transpose()?;
    let gazetteer = args.gazetteers.load()?;
    let filter = args
        .filters
        .filter(&super::filter::Entities::Gazetteer(&gazetteer))?;
    let mut builder = GraphBuilder::new(&gazetteer).options(BuildOptions {
        window: args.graph.window,
        evidence_cap: args.graph.evidence,
        weight: args.graph.weight,
        run: args.corpus.run_options(),
        parts: args.parts.parts,
    });
    // Relations are extracted unless the graph keeps co-occurrence edges only.
    if filter.edges != gazegraph::graph::Edges::Cooccurrence {
        builder = builder.relations(args.relations.load(&gazetteer)?);
    }
    let corpus = args.corpus.open()?;
    let engine = builder.engine()?;
    let built = args.corpus.report(
        &corpus,
        |progress| engine.run(&corpus, progress),
        |built| &built.summary,
    )?;
    let status = super::finished(&built.summary);
    let complete = built.document;
    let whole = (complete.nodes.len(), complete.edges.len());
    let table = built.counts;
    // Every relation statement counts once on the edge of its type and pair.
    let statements: u64 = complete
        .edges
        .iter()
        .filter(|e| e.kind != gazegraph::graph::COOCCURRENCE)
        .map(|e| e.count)
        .sum();
    let mut network = Network::from_document(complete)?.filter(&filter)?;
    // Analytics and export run on the same threads as annotation did.
    let threads = engine.pipeline();
    threads.install(|| network.analyse());
    let document = network.into_document();

    if let Some(format) = args.format {
        emit_with(None, |out| format.write(&document, out))?;
        return Ok(status);
    }
    let mut set = set.expect("clap requires --output without --format");
    let dir = set.dir().to_owned();
    // The formats are streamed into their files side by side, on up to --threads threads.
    threads
        .install(|| gazegraph::export::write_files(&document, &mut set, &Format::ALL))
        .context("cannot write the graph")?;
    let counts = dir.join("counts.tsv");
    let mut file = AtomicFile::create(&counts)?;
    file.write_all(table.render(gazegraph::counts::CountFormat::Tsv).as_bytes())
        .with_context(|| format!("cannot write {}", counts.display()))?;
    set.add(file.finish()?);
    set.commit().context("cannot put the outputs in place")?;
    if let Some(picture) = &args.render {
        let path = dir.join(format!("graph.{picture}"));
        let filtered = args.filters.any();
        super::render::draw(&document, whole, filtered, &args.picture, picture, &path)?;
    }
    if !args.corpus.quiet {
        let relation_edges = document
            .edges
            .iter()
            .filter(|e| e.kind != gazegraph::graph::COOCCURRENCE)
            .count();
        eprintln!(
            "graph: {} entities, {} edges ({relation_edges} typed relations from {statements} statements) -> {}",
            document.nodes.len(),
            document.edges.len(),
            dir.display()
        );
    }
    Ok(status)
}
