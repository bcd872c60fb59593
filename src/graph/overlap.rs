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

/// An error if two of `documents` hold evidence from the same document, naming the document
/// and the two graphs by their position (1-based) in `documents`.
pub fn check_disjoint(documents: &[GraphDocument]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (shard, graph) in documents.iter().enumerate() {
        let evidence = graph.edges.iter().flat_map(|edge| &edge.evidence);
        for item in evidence {
            match seen.get(item.document.as_str()) {
                Some(&first) if first != shard => {
                    return Err(Error::Invalid(format!(
                        "graphs {} and {} share document `{}` (both hold evidence from it): \
                         merge shards built over disjoint documents, each once",
                        first + 1,
                        shard + 1,
                        item.document
                    )));
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
mod tests {
    use super::*;
    use crate::graph::document::{CorpusStats, EdgeRecord, Evidence, GraphOptions};

    /// A graph with one co-occurrence edge whose evidence comes from `documents`.
    fn graph(documents: &[&str]) -> GraphDocument {
        let evidence = documents
            .iter()
            .map(|d| Evidence {
                document: (*d).to_owned(),
                sentence: 0,
                source_span: Default::default(),
                target_span: Default::default(),
                cue_span: Default::default(),
                rule: String::new(),
                negated: false,
                text: String::new(),
            })
            .collect();
        GraphDocument {
            format: crate::graph::document::FORMAT.to_owned(),
            version: crate::graph::document::VERSION,
            tool: String::new(),
            gazetteer: String::new(),
            options: GraphOptions {
                window: "sentence".to_owned(),
                evidence_cap: 5,
                weight: "count".to_owned(),
                filters: Vec::new(),
                relations: String::new(),
            },
            corpus: CorpusStats::default(),
            nodes: Vec::new(),
            edges: vec![EdgeRecord {
                source: "a".to_owned(),
                target: "b".to_owned(),
                kind: crate::graph::COOCCURRENCE.to_owned(),
                directed: false,
                count: 1,
                documents: 1,
                negated: 0,
                pmi: 0.0,
                npmi: 0.0,
                llr: 0.0,
                jaccard: 0.0,
                weight: 0.0,
                evidence,
            }],
        }
    }

    #[test]
    fn shards_sharing_a_document_are_refused_naming_it() {
        let a = graph(&["x.jsonl#1", "x.jsonl#2"]);
        let b = graph(&["x.jsonl#3"]);
        let c = graph(&["x.jsonl#2", "x.jsonl#9"]);
        // One shard may cite a document many times; disjoint shards pass.
        assert!(check_disjoint(&[a.clone(), b.clone()]).is_ok());
        let err = check_disjoint(&[a.clone(), b.clone(), c]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "graphs 1 and 3 share document `x.jsonl#2` (both hold evidence from it): \
             merge shards built over disjoint documents, each once"
        );
        // The same shard twice, through merge itself.
        let err = crate::graph::merge(vec![b.clone(), a, b]).unwrap_err();
        assert!(
            err.to_string()
                .contains("graphs 1 and 3 share document `x.jsonl#3`")
        );
    }
}
