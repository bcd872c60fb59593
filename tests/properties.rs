//! Properties that hold for any input, checked on generated ones (proptest): mention offsets
//! slice the original text on character boundaries and never overlap; merging shards is
//! commutative and associative and equals one run; a graph read back and written again is
//! the same file.

use std::path::Path;
use std::sync::OnceLock;

use gazegraph::export::Format;
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{GraphDocument, document};
use gazegraph::mentions::Annotator;
use proptest::prelude::*;

use crate::fixtures::{ok, root, tempdir};

fn annotator() -> &'static Annotator<'static> {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    static ANNOTATOR: OnceLock<Annotator<'static>> = OnceLock::new();
    ANNOTATOR.get_or_init(|| {
        Annotator::new(GAZETTEER.get_or_init(|| Gazetteer::builtin().unwrap())).unwrap()
    })
}

/// Text made of names, their pieces and neighbours that matching treats specially:
/// possessives, typographic quotes and dashes, multibyte letters, hyphens, capitals.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Khalifa Haftar".to_owned()),
        Just("Haftar".to_owned()),
        Just("Wagner".to_owned()),
        Just("Wagner Group".to_owned()),
        Just("Russia".to_owned()),
        Just("Russian".to_owned()),
        Just("Moscow".to_owned()),
        Just("Tripoli".to_owned()),
        Just("U.S.".to_owned()),
        Just("LNA".to_owned()),
        Just("Erdoğan".to_owned()),
        Just("’s".to_owned()),
        Just("'s".to_owned()),
        Just("\u{201c}".to_owned()),
        Just("\u{2014}".to_owned()),
        Just("-".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        "[ a-zA-Zéü’,.]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mentions_slice_the_text_on_char_boundaries_and_never_overlap(text in newsy_text()) {
        let annotation = annotator().annotate(&text);
        let mut last_end = 0;
        for m in &annotation.mentions {
            prop_assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "overlap at {m:?}");
            prop_assert!(!text[m.start..m.end].trim().is_empty());
            last_end = m.end;
        }
    }
}

/// The graph of `files` (paths under `dir`) as RON, written to `name` in `dir`.
fn build_shard(dir: &Path, name: &str, files: &[String]) -> String {
    let path = dir.join(name).to_str().unwrap().to_owned();
    let mut args = vec!["build", "-q", "-f", "ron"];
    args.extend(files.iter().map(String::as_str));
    std::fs::write(&path, ok(&args)).unwrap();
    path
}

fn merge(dir: &Path, name: &str, shards: &[&str]) -> String {
    let path = dir.join(name).to_str().unwrap().to_owned();
    let mut args = vec!["merge", "-o", path.as_str()];
    args.extend(shards);
    ok(&args);
    path
}

/// The seeds plus a few small documents of generated text.
fn corpus(dir: &Path, texts: &[String]) -> Vec<String> {
    let seeds = root().join("seeds");
    let mut files: Vec<String> = std::fs::read_dir(seeds)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_owned())
        .collect();
    files.sort();
    for (i, text) in texts.iter().enumerate() {
        let path = dir.join(format!("generated-{i}.txt"));
        std::fs::write(&path, format!("Haftar met Putin in Moscow. {text}")).unwrap();
        files.push(path.to_str().unwrap().to_owned());
    }
    files
}

proptest! {
    // Every case runs the binary a dozen times.
    #![proptest_config(ProptestConfig::with_cases(3))]

    #[test]
    fn merge_is_commutative_associative_and_equals_one_run(
        texts in prop::collection::vec(newsy_text(), 0..3),
        cuts in prop::collection::vec(0usize..8, 2),
    ) {
        let dir = tempdir();
        let files = corpus(dir.path(), &texts);
        let (mut a, mut b) = (cuts[0].min(files.len()), cuts[1].min(files.len()));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        // Three non-empty shards where the cuts allow; an empty one is left out.
        let parts: Vec<&[String]> = [&files[..a], &files[a..b], &files[b..]]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        let shards: Vec<String> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| build_shard(dir.path(), &format!("shard{i}.ron"), p))
            .collect();
        let whole = std::fs::read_to_string(build_shard(dir.path(), "whole.ron", &files)).unwrap();
        let refs: Vec<&str> = shards.iter().map(String::as_str).collect();
        let flat = merge(dir.path(), "flat.ron", &refs);
        prop_assert_eq!(&std::fs::read_to_string(&flat).unwrap(), &whole);
        let mut reversed = refs.clone();
        reversed.reverse();
        let backwards = merge(dir.path(), "backwards.ron", &reversed);
        prop_assert_eq!(&std::fs::read_to_string(&backwards).unwrap(), &whole);
        if refs.len() == 3 {
            let left = merge(dir.path(), "left.ron", &refs[..2]);
            let left = merge(dir.path(), "left-all.ron", &[left.as_str(), refs[2]]);
            let right = merge(dir.path(), "right.ron", &refs[1..]);
            let right = merge(dir.path(), "right-all.ron", &[refs[0], right.as_str()]);
            prop_assert_eq!(&std::fs::read_to_string(&left).unwrap(), &whole);
            prop_assert_eq!(&std::fs::read_to_string(&right).unwrap(), &whole);
        }
    }
}

/// A part of the seeds graph, read from RON: its 40 most mentioned entities and the edges
/// among them.
fn seeds_graph() -> &'static GraphDocument {
    static GRAPH: OnceLock<GraphDocument> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let text = ok(&["build", "seeds", "-q", "-f", "ron"]);
        let mut doc = document::parse(Path::new("seeds.ron"), &text).unwrap();
        let mut by_mentions: Vec<u64> = doc.nodes.iter().map(|n| n.mentions).collect();
        by_mentions.sort_unstable_by(|a, b| b.cmp(a));
        doc.nodes.retain(|n| n.mentions >= by_mentions[39]);
        let kept = |id: &str| doc.nodes.iter().any(|n| n.id == id);
        let edges = doc
            .edges
            .iter()
            .filter(|e| kept(&e.source) && kept(&e.target));
        doc.edges = edges.cloned().collect();
        assert!(doc.edges.len() > 20 && doc.edges.iter().any(|e| !e.evidence.is_empty()));
        doc
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Names, evidence and scores of any shape survive RON: written, read and written again,
    /// the file is the same and so is the document.
    #[test]
    fn ron_export_read_export_is_the_identity(
        names in prop::collection::vec(any::<String>(), 1..20),
        sentences in prop::collection::vec(any::<String>(), 1..20),
        scores in prop::collection::vec(
            prop_oneof![any::<f64>().prop_filter("finite", |x| x.is_finite()), Just(0.0), Just(-0.0)],
            1..20,
        ),
    ) {
        let mut doc = seeds_graph().clone();
        for (node, name) in doc.nodes.iter_mut().zip(&names) {
            node.name = name.clone();
            node.category = name.chars().rev().collect();
        }
        let evidence = doc.edges.iter_mut().flat_map(|e| e.evidence.iter_mut());
        for (item, text) in evidence.zip(&sentences) {
            item.text = text.clone();
            item.document = text.chars().take(5).collect();
        }
        for (edge, score) in doc.edges.iter_mut().zip(&scores) {
            edge.pmi = *score;
            edge.weight = -*score;
        }
        let written = Format::Ron.render(&doc);
        let read = document::parse(Path::new("generated.ron"), &written).unwrap();
        prop_assert_eq!(Format::Ron.render(&read), written);
        prop_assert!(read == doc);
    }
}
