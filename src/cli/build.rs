//! `gazegraph build`: the main job. Corpus in; graph, exports and picture out.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gazegraph::export::Format;
use gazegraph::graph::{BuildOptions, Cooccurrence, DocumentPairs, Network, Weight, Window};

use super::filter::FilterArgs;
use super::{CorpusArgs, GazetteerArgs, RelationArgs, emit, emit_with};

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
    /// Graphviz layout engine for --render.
    #[arg(long, default_value = "sfdp", value_name = "ENGINE",
          value_parser = clap::builder::PossibleValuesParser::new(gazegraph::export::render::ENGINES))]
    engine: String,
}

/// How co-occurrence is counted.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Co-occurrence window: sentence, paragraph, document or tokens:N.
    #[arg(long, default_value = "sentence", value_name = "WINDOW")]
    window: Window,
    /// Evidence items kept per edge (the cap is written in the output).
    #[arg(long, default_value_t = 5, value_name = "K")]
    evidence: u32,
    /// Edge weight for filters, layout and analytics: count, documents, pmi, npmi, llr, jaccard.
    #[arg(long, default_value = "count", value_name = "MEASURE")]
    weight: Weight,
}

impl GraphArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            window: self.window,
            evidence_cap: self.evidence,
            weight: self.weight,
        }
    }
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let gazetteer = args.gazetteers.load()?;
    let filter = args.filters.filter()?;
    let options = args.graph.options();
    let mut cooccurrence = Cooccurrence::new(&gazetteer, options);
    // Relations are extracted unless the graph keeps co-occurrence edges only.
    let extractor = if filter.edges == gazegraph::graph::Edges::Cooccurrence {
        None
    } else {
        Some(args.relations.load(&gazetteer)?).filter(|r| !r.is_empty())
    };
    if let Some(extractor) = &extractor {
        cooccurrence.extract_relations_with(extractor);
    }
    let mut statements = 0;
    // Pairs and relations are found on the worker threads; aggregation stays in corpus order.
    let summary = args.corpus.annotate_with(
        &gazetteer,
        |doc, annotation| {
            let pairs = DocumentPairs::new(options, &doc.text, annotation);
            let found = extractor
                .as_ref()
                .map(|extractor| extractor.extract(&doc.text, annotation));
            (pairs, found)
        },
        |doc, annotation, (pairs, found)| {
            cooccurrence.add_pairs(&doc.id, &doc.text, annotation, &pairs);
            if let (Some(extractor), Some(found)) = (&extractor, found) {
                statements += found.len();
                cooccurrence.add_relations(&doc.id, &doc.text, annotation, &found, extractor);
            }
        },
    )?;
    let complete = cooccurrence.finish(&summary);
    let table = gazegraph::counts::CountTable::from_graph(&complete);
    let mut network = Network::from_document(complete)?.filter(&filter)?;
    // Analytics runs its measures side by side, on no more threads than --threads allows.
    rayon::ThreadPoolBuilder::new()
        .num_threads(args.corpus.threads)
        .build()
        .context("cannot start the analytics threads")?
        .install(|| network.analyse());
    let document = network.into_document();

    if let Some(format) = args.format {
        emit_with(None, |out| format.write(&document, out))?;
        return Ok(ExitCode::SUCCESS);
    }
    let dir = args
        .output
        .expect("clap requires --output without --format");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // The formats are streamed into their files side by side, on up to --threads threads.
    gazegraph::export::write_files(&document, &dir, &Format::ALL, args.corpus.threads)
        .context("cannot write the graph")?;
    emit(
        Some(&dir.join("counts.tsv")),
        table.render(gazegraph::counts::CountFormat::Tsv).as_bytes(),
    )?;
    if let Some(picture) = &args.render {
        let path = dir.join(format!("graph.{picture}"));
        super::render::draw(&document, &args.engine, picture, &path)?;
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
    Ok(ExitCode::SUCCESS)
}
