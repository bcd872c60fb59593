//! `gazegraph explain`: why two entities are linked, with the sentences.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use gazegraph::graph::document::DocumentRecord;
use gazegraph::graph::{EdgeRecord, GraphDocument};

use super::filter::Entities;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A graph written by `gazegraph build` (graph.ron).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// First entity: id (khalifa_haftar), name (Khalifa Haftar) or alias (Haftar).
    a: String,
    /// Second entity: id, name or alias.
    b: String,
}

/// ` dated 2018-12-13 (text)`: the date of `id` in the document table and where it came
/// from; empty when the document is undated or not in the table (a version 1 graph).
fn date_of(document: &GraphDocument, id: &str) -> String {
    let table = &document.documents;
    let at = table.partition_point(|d| d.id.as_str() < id);
    match table.get(at).filter(|d| d.id == id) {
        Some(DocumentRecord {
            date: Some(date),
            date_source,
            ..
        }) => format!(" dated {date} ({date_source})"),
        _ => String::new(),
    }
}

pub fn run(args: ExplainArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let document = gazegraph::graph::document::read(&args.graph)?;
    let entities = Entities::Document(&document);
    let a = entities.resolve(&args.a)?;
    let b = entities.resolve(&args.b)?;
    let edges: Vec<_> = document
        .edges
        .iter()
        .filter(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
        .collect();
    let name = |id: &str| {
        document
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(id.to_owned(), |n| n.name.clone())
    };
    if edges.is_empty() {
        writeln!(
            out,
            "{} and {} are not linked in {}.",
            name(&a),
            name(&b),
            args.graph.display()
        )?;
        return Ok(ExitCode::from(1));
    }
    for edge in edges {
        write_edge(&mut out, &document, edge, &name)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One edge: its counts and dates, its scores (co-occurrence) and its evidence sentences.
fn write_edge(
    out: &mut impl Write,
    document: &GraphDocument,
    edge: &EdgeRecord,
    name: &dyn Fn(&str) -> String,
) -> std::io::Result<()> {
    let arrow = if edge.directed { "->" } else { "--" };
    let relation = edge.kind != gazegraph::graph::COOCCURRENCE;
    writeln!(
        out,
        "{} {arrow} {} [{}]: {} {} in {} document{}{}",
        name(&edge.source),
        name(&edge.target),
        edge.kind,
        edge.count,
        match (relation, edge.count) {
            (true, 1) => "statement",
            (true, _) => "statements",
            (false, 1) => "window",
            (false, _) => "windows",
        },
        edge.documents,
        if edge.documents == 1 { "" } else { "s" },
        if edge.negated > 0 {
            format!(", {} of them negated", edge.negated)
        } else {
            String::new()
        }
    )?;
    if let (Some(first), Some(last)) = (edge.first_seen, edge.last_seen) {
        writeln!(out, "  seen from {first} to {last}")?;
    }
    if !relation {
        writeln!(
            out,
            "  pmi {:.3}  npmi {:.3}  llr {:.3}  jaccard {:.3}",
            edge.pmi, edge.npmi, edge.llr, edge.jaccard
        )?;
    }
    writeln!(
        out,
        "  evidence ({} shown, at most {} kept per edge):",
        edge.evidence.len(),
        document.options.evidence_cap
    )?;
    for e in &edge.evidence {
        // A co-occurrence has no cue, but may have a rule: the titles its mentions were read from.
        let rule = match (e.rule.is_empty(), e.cue_span == Default::default()) {
            (true, _) => String::new(),
            (false, true) => format!(" rule {}", e.rule),
            (false, false) => format!(
                " cue [{}..{}] rule {}",
                e.cue_span.start, e.cue_span.end, e.rule
            ),
        };
        let negated = if e.negated { " NEGATED" } else { "" };
        let date = date_of(document, &e.document);
        writeln!(
            out,
            "  - {} sentence {} [{}..{}] [{}..{}]{rule}{negated}{date}",
            e.document,
            e.sentence,
            e.source_span.start,
            e.source_span.end,
            e.target_span.start,
            e.target_span.end
        )?;
        writeln!(
            out,
            "    {}",
            e.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(())
}
