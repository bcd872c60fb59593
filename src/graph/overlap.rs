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
                    // Shards read from stdin all name their records `-#<line>`.
                    let hint = if item.document == "-" || item.document.starts_with("-#") {
                        " (documents read from stdin are named `-` or `-#<line>`: give each \
                         shard's records ids of their own with --id-field)"
                    } else {
                        ""
                    };
                    return Err(Error::Invalid(format!(
                        "graphs {} and {} share document `{}` (both hold evidence from it): \
                         merge shards built over disjoint documents, each once{hint}",
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
    use crate::corpus::Locator;
    use crate::gazetteer::Gazetteer;
    use crate::graph::GraphBuilder;

    /// The graph of `documents` (id, text), built as `build` builds a shard.
    fn shard(documents: &[(&str, &str)]) -> GraphDocument {
        let gazetteer = Gazetteer::builtin().unwrap();
        let engine = GraphBuilder::new(&gazetteer).engine().unwrap();
        let mut graph = engine.aggregate();
        for (id, text) in documents {
            let annotation = engine.annotator().annotate(text);
            let locator = Locator::new(text, None);
            graph.add(id, &locator, &annotation, &engine.part(text, &annotation));
        }
        graph.finish(0)
    }

    #[test]
    fn shards_sharing_a_document_are_refused_naming_it() {
        let a = shard(&[
            ("x.jsonl#1", "Russia backed Khalifa Haftar."),
            ("x.jsonl#2", "Sergei Lavrov met Haftar in Moscow."),
        ]);
        let b = shard(&[("x.jsonl#3", "Turkey sent drones to Tripoli.")]);
        let c = shard(&[
            ("x.jsonl#2", "Sergei Lavrov met Haftar in Moscow."),
            ("x.jsonl#9", "Egypt hosted Haftar in Cairo."),
        ]);
        // One shard cites its documents many times; disjoint shards pass.
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
        assert!(!err.to_string().contains("stdin"));
        // Shards read from stdin cannot be told apart, and the message says why.
        let stdin = shard(&[("-#1", "Turkey sent drones to Tripoli.")]);
        let err = check_disjoint(&[stdin.clone(), stdin]).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("give each shard's records ids of their own with --id-field)")
        );
    }
}
