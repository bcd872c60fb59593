//! `gazegraph build`: the main job. Corpus in; graph, exports and picture out.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::export::{AtomicFile, Format, MANIFEST, OutputSet};
use gazegraph::graph::{
    BuildOptions, Filter, GraphBuilder, GraphDocument, Network, Slice, UNDATED, Weight, Window,
};
use gazegraph::pipeline::Pipeline;
use gazegraph::time::Period;

use super::filter::FilterArgs;
use super::{CorpusArgs, GazetteerArgs, PartsArgs, RelationArgs, RunArgs, emit_with};

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
    /// edges.csv, documents.csv, graph.html (the explorer) and counts.tsv into (created if
    /// missing).
    #[arg(
        long,
        short = 'o',
        value_name = "OUT_DIR",
        required_unless_present = "format"
    )]
    output: Option<PathBuf>,
    /// Write only this format to stdout instead: ron, dot, json, graphml, gexf, nodes-csv, edges-csv, documents-csv, html.
    #[arg(long, short = 'f', value_name = "FORMAT", conflicts_with_all = ["output", "render"])]
    format: Option<Format>,
    /// Also write the graph of each period of this unit (year, quarter, month or week) into
    /// OUT_DIR/<period>/graph.ron (`2019-Q3/`, undated documents in `undated/`), with the
    /// index OUT_DIR/slices.csv; all put in place with the whole graph, or none.
    #[arg(long, value_name = "UNIT", requires = "output")]
    slice: Option<Period>,
    /// The formats of the slices' graphs, comma-separated. RON by default: every format for
    /// every slice costs more CPU time than the whole graph (`gazegraph export` converts one
    /// later).
    #[arg(
        long,
        value_name = "FORMAT,...",
        value_delimiter = ',',
        default_value = "ron",
        requires = "slice"
    )]
    slice_formats: Vec<Format>,
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
    /// The unit of the mentions and counts per period on nodes and edges: year, quarter,
    /// month or week.
    #[arg(long, default_value_t = BuildOptions::default().period, value_name = "UNIT")]
    period: Period,
}

/// The graph as written: `filter` applied, analytics run on `threads`.
fn finish(document: GraphDocument, filter: &Filter, threads: &Pipeline) -> Result<GraphDocument> {
    let mut network = super::filter::apply(Network::from_document(document)?, filter)?;
    threads.install(|| network.analyse());
    Ok(network.into_document())
}

/// Writes each slice's graph in `formats`, filtered and analysed as the whole one, into its subdirectory
/// of `set`, and the index `slices.csv`; reports them unless `quiet`.
fn write_slices(
    slices: Vec<Slice>,
    formats: &[Format],
    filter: &Filter,
    threads: &Pipeline,
    set: &mut OutputSet,
    quiet: bool,
) -> Result<()> {
    let mut written = Vec::with_capacity(slices.len());
    for slice in slices {
        let document = finish(slice.document, filter, threads)?;
        let dir = set.subdir(&slice.label)?;
        threads
            .install(|| gazegraph::export::write_files_into(&document, set, &dir, formats))
            .with_context(|| format!("cannot write the graph of {}", slice.label))?;
        written.push((slice.label, document));
    }
    let index = set.dir().join(gazegraph::export::SLICE_INDEX);
    let mut file = AtomicFile::create(&index)?;
    gazegraph::export::write_slice_index(&written, &mut file)
        .with_context(|| format!("cannot write {}", index.display()))?;
    set.add(file.finish()?);
    if !quiet {
        let undated = written.iter().find(|(label, _)| label == UNDATED);
        let dated = written.len() - usize::from(undated.is_some());
        let undated = undated.map_or(0, |(_, d)| d.corpus.documents);
        eprintln!("slices: {dated} dated, and {undated} undated documents in `{UNDATED}`");
    }
    Ok(())
}

/// The graph builder the arguments ask for: options, and relation rules unless the graph
/// keeps co-occurrence edges only.
fn graph_builder<'g>(
    args: &BuildArgs,
    run: &RunArgs,
    gazetteer: &'g gazegraph::gazetteer::Gazetteer,
    filter: &Filter,
) -> Result<GraphBuilder<'g>> {
    let mut builder = GraphBuilder::new(gazetteer).options(BuildOptions {
        window: args.graph.window,
        evidence_cap: args.graph.evidence,
        weight: args.graph.weight,
        run: args.corpus.run_options(run),
        period: args.graph.period,
        parts: args.parts.parts,
    });
    if filter.edges != gazegraph::graph::Edges::Cooccurrence {
        builder = builder.relations(args.relations.load(gazetteer)?);
    }
    Ok(builder)
}

/// Writes the graph in every format, `counts.tsv` and the slices into `set`; the formats are
/// streamed into their files side by side, on the run's threads.
fn write_set(
    args: &BuildArgs,
    document: &GraphDocument,
    counts: &gazegraph::counts::CountTable,
    slices: Vec<Slice>,
    (filter, threads): (&Filter, &Pipeline),
    set: &mut OutputSet,
    run: &RunArgs,
) -> Result<()> {
    threads
        .install(|| gazegraph::export::write_files(document, set, &Format::ALL))
        .context("cannot write the graph")?;
    let path = set.dir().join("counts.tsv");
    let mut file = AtomicFile::create(&path)?;
    file.write_all(
        counts
            .render(gazegraph::counts::CountFormat::Tsv)
            .as_bytes(),
    )
    .with_context(|| format!("cannot write {}", path.display()))?;
    set.add(file.finish()?);
    if args.slice.is_some() {
        // A format named twice is written once.
        let formats: Vec<Format> = Format::ALL
            .into_iter()
            .filter(|f| args.slice_formats.contains(f))
            .collect();
        write_slices(slices, &formats, filter, threads, set, run.quiet)?;
    }
    Ok(())
}

pub fn run(args: BuildArgs, run: &RunArgs) -> Result<ExitCode> {
    // The output directory is checked (and stale temporary files removed) before the corpus
    // is read, so that a bad `-o` costs nothing; a failed run removes a directory it created.
    let set = args.output.as_deref().map(OutputSet::create).transpose()?;
    let gazetteer = args.gazetteers.load()?;
    let filter = args
        .filters
        .filter(&super::filter::Entities::Gazetteer(gazetteer))?;
    let builder = graph_builder(&args, run, gazetteer, &filter)?;
    let corpus = args.corpus.open()?;
    let engine = builder.engine()?;
    let built = run.report(
        &corpus,
        |progress| engine.run_sliced(&corpus, args.slice, progress),
        |built| &built.summary,
    )?;
    let status = super::finished(&built.summary);
    let slices = built.slices;
    let complete = built.document;
    let whole = (complete.nodes.len(), complete.edges.len());
    // Every relation statement counts once on the edge of its type and pair.
    let statements: u64 = complete
        .edges
        .iter()
        .filter(|e| e.kind != gazegraph::graph::COOCCURRENCE)
        .map(|e| e.count)
        .sum();
    // Analytics and export run on the same threads as annotation did.
    let threads = engine.pipeline();
    let document = finish(complete, &filter, threads)?;

    if let Some(format) = args.format {
        emit_with(None, |out| format.write(&document, out))?;
        return Ok(status);
    }
    let mut set = set.expect("clap requires --output without --format");
    let dir = set.dir().to_owned();
    // Reading no document more likely means a wrong option (`--text-field`) than an empty
    // corpus: its empty result never replaces a set an earlier run wrote.
    if built.summary.processed == 0 && [MANIFEST, "graph.ron"].iter().any(|f| dir.join(f).exists())
    {
        eprintln!(
            "warning: no document read: the output set in {} is left as it was",
            dir.display()
        );
        return Ok(status);
    }
    write_set(
        &args,
        &document,
        &built.counts,
        slices,
        (&filter, threads),
        &mut set,
        run,
    )?;
    // The picture joins the set, so that the manifest names it; a picture that cannot be
    // drawn still leaves the rest of the set in place, then fails the run.
    let drawn = args
        .render
        .as_ref()
        .map(|picture| {
            let path = dir.join(format!("graph.{picture}"));
            let filtered = args.filters.any();
            super::render::draw(&document, whole, filtered, &args.picture, picture, &path)
        })
        .transpose()
        .map(|picture| picture.map(|picture| set.add(picture)));
    set.commit().context("cannot put the outputs in place")?;
    drawn?;
    if !run.quiet {
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
