//! Graph filter options shared by `build`, `export` and `render`.

use clap::Args;
use gazegraph::graph::{Edges, Filter};

#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Filters (applied in this order)")]
pub struct FilterArgs {
    /// Keep only entities of these kinds (comma-separated: person,state,group,place).
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    kinds: Vec<String>,
    /// Which edges to keep: cooccurrence, relations or both.
    #[arg(long, default_value = "both", value_name = "WHICH")]
    edges: Edges,
    /// Drop edges seen in fewer windows than this.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_count: u64,
    /// Drop edges whose weight (see --weight) is below this (a finite number).
    #[arg(long, value_name = "X", value_parser = finite)]
    min_score: Option<f64>,
    /// Keep only the network around this entity id (e.g. khalifa_haftar).
    #[arg(long, value_name = "ID")]
    ego: Option<String>,
    /// Hops around --ego to keep.
    #[arg(long, default_value_t = 1, value_name = "K", requires = "ego")]
    depth: u32,
    /// Keep the N entities with the highest weighted degree.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Drop entities left without edges.
    #[arg(long)]
    drop_isolated: bool,
}

impl FilterArgs {
    /// The library's filter.
    pub fn filter(&self) -> anyhow::Result<Filter> {
        let kinds = self
            .kinds
            .iter()
            .map(|kind| kind.parse().map_err(|e| anyhow::anyhow!("--kinds: {e}")))
            .collect::<anyhow::Result<_>>()?;
        Ok(Filter {
            kinds,
            edges: self.edges,
            min_count: self.min_count,
            min_score: self.min_score,
            ego: self.ego.clone().map(|id| (id, self.depth)),
            top: self.top,
            drop_isolated: self.drop_isolated,
        })
    }
}

/// A finite number: `NaN` would compare false with every weight and silently drop every edge.
fn finite(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(format!("`{text}` is not a finite number")),
        Err(e) => Err(e.to_string()),
    }
}
