//! Entities named the way people name them: by id, canonical name or alias, folded as the
//! matcher folds text (`erdogan` finds `Erdoğan`), with the closest ids suggested when
//! nothing matches.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::text::fold::fold_str;

/// How many ids a failed lookup suggests.
const SUGGESTIONS: usize = 3;

/// Suggested ids are at least this similar (Jaro–Winkler over folded names) to the query.
const MIN_SIMILARITY: f64 = 0.75;

/// An entity that can be looked up: its id and every name it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named<'a> {
    /// Entity id.
    pub id: &'a str,
    /// Canonical name and aliases.
    pub names: Vec<&'a str>,
}

/// The id of the one entity among `entities` that `query` names: an exact id first, then
/// any entity whose id, name or alias folds to the query's folding. No match is an error
/// suggesting the closest ids; several matches an error listing them.
pub fn resolve(query: &str, entities: &[Named<'_>]) -> Result<String> {
    if let Some(e) = entities.iter().find(|e| e.id == query) {
        return Ok(e.id.to_owned());
    }
    let folded = fold_str(query);
    let forms = |e: &Named<'_>| -> Vec<String> {
        std::iter::once(e.id)
            .chain(e.names.iter().copied())
            .map(fold_str)
            .collect()
    };
    let found: BTreeSet<&str> = entities
        .iter()
        .filter(|e| !folded.is_empty() && forms(e).contains(&folded))
        .map(|e| e.id)
        .collect();
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one match").to_owned()),
        0 => {
            let mut scored: Vec<(f64, &str)> = entities
                .iter()
                .map(|e| {
                    let best = forms(e)
                        .iter()
                        .map(|f| strsim::jaro_winkler(f, &folded))
                        .fold(0.0, f64::max);
                    (best, e.id)
                })
                .filter(|(s, _)| *s >= MIN_SIMILARITY)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            Err(Error::UnknownEntity {
                query: query.to_owned(),
                suggestions: scored
                    .iter()
                    .take(SUGGESTIONS)
                    .map(|(_, id)| (*id).to_owned())
                    .collect(),
            })
        }
        _ => Err(Error::AmbiguousEntity {
            query: query.to_owned(),
            ids: found.into_iter().map(str::to_owned).collect(),
        }),
    }
}

#[cfg(test)]
mod tests;
