//! Refusing shards that share documents, before [`super::merge`] adds them up.
//!
//! A graph keeps no list of the documents it was built from: the only document ids it holds
//! are those of its evidence items (at most the evidence cap per edge, the smallest in
//! document order). So two shards are known to overlap when both hold evidence from the same
//! document id. That always catches a shard given twice (`merge A.ron A.ron`) and any two
//! shards of a split corpus whose shared document supports a kept evidence item; a shared
//! document whose evidence was outranked in one of the shards, or that links no entities, is
//! not seen, and neither is anything in graphs built with `--evidence 0`.

use rustc_hash::FxHashMap as HashMap;

use super::GraphDocument;
use crate::error::{Error, Result};

/// An [`Error::SharedDocument`] if two of `documents` hold evidence from the same document,
/// naming the document and the two graphs by their position in `documents`.
pub fn check_disjoint(documents: &[GraphDocument]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (shard, graph) in documents.iter().enumerate() {
        let evidence = graph.edges.iter().flat_map(|edge| &edge.evidence);
        for item in evidence {
            match seen.get(item.document.as_str()) {
                Some(&first) if first != shard => {
                    return Err(Error::SharedDocument {
                        first,
                        second: shard,
                        document: item.document.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(&item.document, shard);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
