//! Graph filter options shared by `build`, `export` and `render`, and entities named by id,
//! name or alias wherever an id is asked for.

use std::collections::BTreeMap;

use clap::Args;
use gazegraph::Error;
use gazegraph::gazetteer::{Entity, Gazetteer};
use gazegraph::graph::lookup::{Named, resolve};
use gazegraph::graph::{Edges, Filter, GraphDocument, Network};

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
    /// Keep only the network around this entity: id (khalifa_haftar), name or alias.
    #[arg(long, value_name = "ENTITY")]
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
    /// Whether any filter was asked for (and the default picture is then not chosen).
    pub fn any(&self) -> bool {
        !self.kinds.is_empty()
            || self.edges != Edges::Both
            || self.min_count > 1
            || self.min_score.is_some()
            || self.ego.is_some()
            || self.top.is_some()
            || self.drop_isolated
    }

    /// Applies the filters to a saved graph; analytics are recomputed only when a filter
    /// changed the graph, so an unfiltered graph is returned exactly as read.
    pub fn apply(&self, document: GraphDocument) -> anyhow::Result<GraphDocument> {
        let filter = self.filter(&Entities::Document(&document))?;
        if filter.describe().is_empty() {
            return Ok(document);
        }
        let mut network = apply(Network::from_document(document)?, &filter)?;
        network.analyse();
        Ok(network.into_document())
    }

    /// The library's filter, the entity of `--ego` found by `entity` (see [`Entities`]).
    pub fn filter(&self, entities: &Entities<'_>) -> anyhow::Result<Filter> {
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
            ego: match &self.ego {
                Some(query) => Some((
                    entities
                        .resolve(query)
                        .map_err(|e| anyhow::anyhow!("--ego {query}: {e}"))?,
                    self.depth,
                )),
                None => None,
            },
            top: self.top,
            drop_isolated: self.drop_isolated,
        })
    }
}

/// `network` filtered by `filter`; an ego entity the earlier filters dropped is named with
/// its option.
pub fn apply(network: Network, filter: &Filter) -> anyhow::Result<Network> {
    network.filter(filter).map_err(|error| match error {
        Error::NotInGraph { .. } => anyhow::anyhow!(
            "--ego {error} (is the id right, is it mentioned in the corpus, and does it pass the filters before --ego?)"
        ),
        error => error.into(),
    })
}

/// Where names are looked up: the entities of a gazetteer, or of a graph (with the aliases
/// the shipped gazetteers give its ids).
pub enum Entities<'a> {
    /// Every entity of the gazetteer a graph is being built with.
    Gazetteer(&'a Gazetteer),
    /// The entities of a saved graph.
    Document(&'a GraphDocument),
}

impl Entities<'_> {
    /// The id of the entity `query` names: an id, a name or an alias; no match suggests
    /// the closest ids.
    pub fn resolve(&self, query: &str) -> anyhow::Result<String> {
        match self {
            Entities::Gazetteer(gazetteer) => {
                let named: Vec<Named<'_>> = gazetteer
                    .entities()
                    .iter()
                    .map(|e| Named {
                        id: &e.id,
                        names: aliases(e).collect(),
                    })
                    .collect();
                Ok(resolve(query, &named)?)
            }
            Entities::Document(document) => {
                if let Some(node) = document.nodes.iter().find(|n| n.id == query) {
                    return Ok(node.id.clone());
                }
                // Aliases are not in the graph; the shipped gazetteers know them.
                let builtin = Gazetteer::builtin()?;
                let known: BTreeMap<&str, &Entity> = builtin
                    .entities()
                    .iter()
                    .map(|e| (e.id.as_str(), e))
                    .collect();
                let named: Vec<Named<'_>> = document
                    .nodes
                    .iter()
                    .map(|n| Named {
                        id: &n.id,
                        names: std::iter::once(n.name.as_str())
                            .chain(
                                known
                                    .get(n.id.as_str())
                                    .into_iter()
                                    .flat_map(|e| aliases(e)),
                            )
                            .collect(),
                    })
                    .collect();
                Ok(resolve(query, &named).map_err(|e| {
                    anyhow::anyhow!("{e} (among the {} entities of the graph)", named.len())
                })?)
            }
        }
    }
}

/// An entity's name and aliases.
fn aliases(entity: &Entity) -> impl Iterator<Item = &str> {
    std::iter::once(entity.name.as_str()).chain(entity.aliases.iter().map(String::as_str))
}

/// A finite number: `NaN` would compare false with every weight and silently drop every edge.
fn finite(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(format!("`{text}` is not a finite number")),
        Err(e) => Err(e.to_string()),
    }
}
