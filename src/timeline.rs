//! Entity timelines read from a dated graph: mentions per period, first and last seen, and
//! the partners an entity co-occurred with most in each period.
//!
//! Everything comes from the graph document's node and edge `periods`, so a timeline of a
//! merged graph is the timeline of the whole corpus, and costs no second pass over it.

use std::collections::BTreeMap;

use crate::graph::{COOCCURRENCE, GraphDocument};
use crate::time::{NaiveDate, Period};

/// One entity's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Mentions in the whole corpus, dated or not.
    pub mentions: u64,
    /// The date of the first dated document mentioning it.
    pub first_seen: Option<NaiveDate>,
    /// The date of the last dated document mentioning it.
    pub last_seen: Option<NaiveDate>,
    /// The entities it co-occurred with most over the whole corpus, with the window counts.
    pub partners: Vec<(String, u64)>,
    /// One row per period from the graph's first to its last, gaps included (with zero
    /// mentions), so charts and tables of several entities line up.
    pub periods: Vec<PeriodRow>,
}

/// An entity in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    /// The period's label (`2019-07`).
    pub period: String,
    /// Mentions in documents dated in the period.
    pub mentions: u64,
    /// The entities it co-occurred with most in the period, with the window counts, most
    /// first (ties by id).
    pub partners: Vec<(String, u64)>,
}

/// The periods of `doc` from the first to the last any node was seen in, in time order, with
/// no gap; empty for an undated graph.
pub fn span(doc: &GraphDocument) -> Vec<String> {
    // Validated on read (`graph::document::validate`).
    let unit: Period = doc.options.period.parse().unwrap_or_default();
    let starts = doc
        .nodes
        .iter()
        .flat_map(|n| &n.periods)
        .filter_map(|(label, _)| unit.bounds(label));
    let (Some(first), Some(last)) = (starts.clone().map(|b| b.0).min(), starts.map(|b| b.0).max())
    else {
        return Vec::new();
    };
    let mut labels = Vec::new();
    let mut day = first;
    while day <= last {
        labels.push(unit.label(day));
        let Some((_, end)) = unit.bounds(&unit.label(day)) else {
            break;
        };
        let Some(next) = end.succ_opt() else { break };
        day = next;
    }
    labels
}

/// The timelines of `ids` (which must be node ids of `doc`), with up to `top` partners per
/// period.
pub fn timelines(doc: &GraphDocument, ids: &[String], top: usize) -> Vec<Timeline> {
    let span = span(doc);
    ids.iter()
        .filter_map(|id| doc.nodes.iter().find(|n| &n.id == id))
        .map(|node| {
            let mentions: BTreeMap<&str, u64> =
                node.periods.iter().map(|(p, c)| (p.as_str(), *c)).collect();
            // Partner counts per period, from the co-occurrence edges touching the entity.
            let mut partners: BTreeMap<&str, Vec<(String, u64)>> = BTreeMap::new();
            let mut overall = Vec::new();
            for edge in doc.edges.iter().filter(|e| e.kind == COOCCURRENCE) {
                let other = if edge.source == node.id {
                    &edge.target
                } else if edge.target == node.id {
                    &edge.source
                } else {
                    continue;
                };
                overall.push((other.clone(), edge.count));
                for (period, count) in &edge.periods {
                    partners
                        .entry(period)
                        .or_default()
                        .push((other.clone(), *count));
                }
            }
            let periods = span
                .iter()
                .map(|period| {
                    let partners = partners.remove(period.as_str()).unwrap_or_default();
                    PeriodRow {
                        period: period.clone(),
                        mentions: mentions.get(period.as_str()).copied().unwrap_or(0),
                        partners: strongest(partners, top),
                    }
                })
                .collect();
            Timeline {
                id: node.id.clone(),
                name: node.name.clone(),
                mentions: node.mentions,
                first_seen: node.first_seen,
                last_seen: node.last_seen,
                partners: strongest(overall, top),
                periods,
            }
        })
        .collect()
}

/// The `top` partners with the most windows, ties by id.
fn strongest(mut partners: Vec<(String, u64)>, top: usize) -> Vec<(String, u64)> {
    partners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    partners.truncate(top);
    partners
}

#[cfg(test)]
mod tests;
