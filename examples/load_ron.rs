//! Reading a graph export in your own Rust code, the way a notebook cell would: the `ron`
//! crate and gazegraph's document types are all it takes.
//!
//! ```text
//! cargo run --example load_ron -- out/graph.ron
//! ```

use anyhow::{Context, Result};
use gazegraph::graph::GraphDocument;

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .context("usage: load_ron GRAPH.ron (written by `gazegraph build -o DIR`)")?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    // Plain `ron::from_str` is enough: the file leaves struct names out, which RON accepts
    // for named structs, and the document has no optional fields needing extensions.
    let graph: GraphDocument =
        ron::from_str(&text).with_context(|| format!("{path} is not a graph"))?;

    println!(
        "{path}: {} entities, {} edges from {} documents (window {}, filters: {})",
        graph.nodes.len(),
        graph.edges.len(),
        graph.corpus.documents,
        graph.options.window,
        if graph.options.filters.is_empty() {
            "none".to_owned()
        } else {
            graph.options.filters.join(", ")
        }
    );

    let mut by_rank: Vec<_> = graph.nodes.iter().collect();
    by_rank.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank));
    println!("\nmost central entities (PageRank):");
    for node in by_rank.iter().take(10) {
        println!(
            "  {:.4}  {:<32} {:<7} {:>4} mentions",
            node.pagerank, node.name, node.kind, node.mentions
        );
    }

    // `max_by_key` keeps the last of equal maxima; walking backwards makes ties go to the
    // first edge in the file's (source, target) order.
    let Some(strongest) = graph.edges.iter().rev().max_by_key(|e| e.count) else {
        println!("\nno edges");
        return Ok(());
    };
    println!(
        "\nstrongest edge: {} – {} ({}, {} sentences in {} documents, npmi {:.3})",
        strongest.source,
        strongest.target,
        strongest.kind,
        strongest.count,
        strongest.documents,
        strongest.npmi
    );
    for evidence in &strongest.evidence {
        println!(
            "  [{} #{}] {}",
            evidence.document, evidence.sentence, evidence.text
        );
    }
    Ok(())
}
