//! `gazegraph merge`: add up graphs built over separate shards of a corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use gazegraph::Error;
use gazegraph::graph::{Network, merge};

use super::emit;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Complete (unfiltered) graphs written by `gazegraph build -f ron` or `-o DIR`, over
    /// disjoint documents: two graphs holding evidence from the same document are refused.
    #[arg(required = true, value_name = "GRAPH.ron")]
    graphs: Vec<PathBuf>,
    /// Write the merged graph (RON) here, atomically, instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
}

pub fn run(args: MergeArgs) -> Result<ExitCode> {
    let documents = args
        .graphs
        .iter()
        .map(|path| gazegraph::graph::document::read(path))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = merge(documents).map_err(|error| match &error {
        // Shards read from stdin all name their records `-` or `-#<line>`.
        Error::SharedDocument { document, .. } if document == "-" || document.starts_with("-#") => {
            anyhow::anyhow!(
                "{error} (documents read from stdin are named `-` or `-#<line>`: give each \
                 shard's records ids of their own with --id-field)"
            )
        }
        _ => error.into(),
    })?;
    let mut network = Network::from_document(merged)?;
    network.analyse();
    let merged = network.into_document();
    emit(
        args.output.as_deref(),
        gazegraph::export::Format::Ron.render(&merged).as_bytes(),
    )?;
    Ok(ExitCode::SUCCESS)
}
