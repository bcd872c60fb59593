//! `gazegraph stats`: the graph's size, its central entities and its communities.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// A graph written by `gazegraph build` or `merge` (RON).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// How many entities to list.
    #[arg(long, default_value_t = 15, value_name = "N")]
    top: usize,
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let doc = gazegraph::graph::document::read(&args.graph)?;
    let c = &doc.corpus;
    writeln!(
        out,
        "{} entities, {} edges; {} documents ({} skipped), {} mentions, {} {} windows",
        doc.nodes.len(),
        doc.edges.len(),
        c.documents,
        c.skipped,
        c.mentions,
        c.windows,
        doc.options.window
    )?;
    if !doc.options.filters.is_empty() {
        writeln!(out, "filters: {}", doc.options.filters.join(", "))?;
    }
    let mut nodes: Vec<_> = doc.nodes.iter().collect();
    nodes.sort_by(|a, b| {
        b.pagerank
            .total_cmp(&a.pagerank)
            .then_with(|| a.id.cmp(&b.id))
    });
    writeln!(out)?;
    writeln!(
        out,
        "{:<32} {:<7} {:>8} {:>6} {:>9} {:>8} {:>11} {:>4}",
        "entity", "kind", "mentions", "degree", "w.degree", "pagerank", "betweenness", "comm"
    )?;
    for n in nodes.iter().take(args.top) {
        writeln!(
            out,
            "{:<32} {:<7} {:>8} {:>6} {:>9.1} {:>8.4} {:>11.4} {:>4}",
            n.id,
            n.kind,
            n.mentions,
            n.degree,
            n.weighted_degree,
            n.pagerank,
            n.betweenness,
            n.community
        )?;
    }
    let mut communities: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for n in &nodes {
        communities.entry(n.community).or_default().push(&n.name);
    }
    writeln!(out)?;
    writeln!(out, "communities (members by PageRank):")?;
    for (id, members) in communities.iter().filter(|(_, m)| m.len() > 1) {
        let shown: Vec<&str> = members.iter().take(8).copied().collect();
        let more = members.len().saturating_sub(8);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        writeln!(out, "  {id}: {}{tail}", shown.join(", "))?;
    }
    Ok(ExitCode::SUCCESS)
}
