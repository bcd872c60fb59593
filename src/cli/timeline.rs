//! `gazegraph timeline`: how often entities are named over time, and with whom.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use gazegraph::export::{AtomicFile, chart};
use gazegraph::timeline::timelines;

use super::filter::Entities;

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A graph written by `gazegraph build` from dated documents (graph.ron).
    #[arg(value_name = "GRAPH.ron")]
    graph: PathBuf,
    /// Entities: id (wagner_group), name (Wagner Group) or alias (Wagner).
    #[arg(required = true, value_name = "ENTITY")]
    entities: Vec<String>,
    /// Partners listed per period, most co-occurrences first.
    #[arg(long, default_value_t = 3, value_name = "N")]
    top: usize,
    /// Also draw the mentions over time to this file: `.svg` or `.png`.
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
}

/// Prints one TSV table: a row `all` per entity with its total and first and last seen
/// dates, then a row per period (every period of the graph's span, gaps as zero).
pub fn run(args: TimelineArgs) -> Result<ExitCode> {
    let document = gazegraph::graph::document::read(&args.graph)?;
    let entities = Entities::Document(&document);
    let ids = args
        .entities
        .iter()
        .map(|query| entities.resolve(query))
        .collect::<Result<Vec<_>>>()?;
    let timelines = timelines(&document, &ids, args.top);
    if timelines.iter().all(|t| t.periods.is_empty()) {
        bail!(
            "{}: no dated document mentions {}; build the graph from dated documents \
             (--date-field, or --date)",
            args.graph.display(),
            args.entities.join(", ")
        );
    }
    if let Some(path) = &args.chart {
        let svg = chart::timeline_svg(&timelines, &document.options.period)?;
        let bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("svg") => svg.into_bytes(),
            Some("png") => chart::svg_to_png(&svg)?,
            _ => bail!("--chart {}: name a .svg or .png file", path.display()),
        };
        let mut file = AtomicFile::create(path)?;
        file.write_all(&bytes)?;
        file.commit()?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "entity\tperiod\tmentions\tfirst_seen\tlast_seen\tpartners"
    )?;
    let date = |d: Option<gazegraph::time::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let partners = |partners: &[(String, u64)]| {
        let partners: Vec<String> = partners.iter().map(|(id, n)| format!("{id}:{n}")).collect();
        partners.join(";")
    };
    for t in &timelines {
        writeln!(
            out,
            "{}\tall\t{}\t{}\t{}\t{}",
            t.id,
            t.mentions,
            date(t.first_seen),
            date(t.last_seen),
            partners(&t.partners)
        )?;
        for row in &t.periods {
            let (period, mentions) = (&row.period, row.mentions);
            writeln!(
                out,
                "{}\t{period}\t{mentions}\t\t\t{}",
                t.id,
                partners(&row.partners)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
