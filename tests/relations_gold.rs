//! Precision and recall of relation extraction against a hand-annotated gold set.
//!
//! `tests/gold/relations.tsv` lists the relations a reader finds in `seeds/*.txt`, annotated
//! before the extractor existed; its header gives the guidelines. A predicted relation is
//! correct when document, sentence, subject, relation, object and negation all match (order
//! ignored for symmetric types). The test fails below precision 0.85 or recall 0.6.
//!
//! `cargo test --test integration relations_gold:: -- --nocapture` prints the scores per type and every
//! miss and false alarm.

use std::collections::{BTreeMap, BTreeSet};

use gazegraph::gazetteer::Gazetteer;
use gazegraph::mentions::Annotator;
use gazegraph::relations::{Relations, RulesBuilder};

use crate::fixtures::root;

/// (document, sentence start, subject, relation, object, negated)
type Key = (String, usize, String, String, String, bool);

const MIN_PRECISION: f64 = 0.85;
const MIN_RECALL: f64 = 0.6;

struct Gold {
    rows: BTreeSet<Key>,
    decisions: BTreeMap<Key, String>,
}

fn seeds() -> Vec<(String, String)> {
    let dir = root().join("seeds");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn symmetric(relations: &Relations, kind: &str) -> bool {
    relations
        .kinds()
        .find(|(_, name)| *name == kind)
        .is_some_and(|(k, _)| relations.is_symmetric(k))
}

fn normalise(relations: &Relations, mut key: Key) -> Key {
    if symmetric(relations, &key.3) && key.4 < key.2 {
        std::mem::swap(&mut key.2, &mut key.4);
    }
    key
}

fn load_gold(
    relations: &Relations,
    texts: &BTreeMap<String, (String, Vec<usize>)>,
    g: &Gazetteer,
) -> Gold {
    let path = root().join("tests/gold/relations.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = BTreeSet::new();
    let mut decisions = BTreeMap::new();
    let known: BTreeSet<&str> = relations.kinds().map(|(_, n)| n).collect();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("document\t") || line.trim().is_empty() {
            continue;
        }
        let at = format!("tests/gold/relations.tsv:{}", number + 1);
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 8, "{at}: want 8 tab-separated fields");
        let (document, offset, opening) = (f[0], f[1].parse::<usize>().unwrap(), f[2]);
        let (doc_text, starts) = texts
            .get(document)
            .unwrap_or_else(|| panic!("{at}: no seed {document}"));
        assert!(
            starts.contains(&offset),
            "{at}: no sentence starts at {offset}"
        );
        let words: Vec<&str> = doc_text[offset..].split_whitespace().take(4).collect();
        assert_eq!(words.join(" "), opening, "{at}: stale sentence offset");
        for id in [f[3], f[5]] {
            assert!(g.lookup(id).is_some(), "{at}: unknown entity `{id}`");
        }
        assert!(known.contains(f[4]), "{at}: unknown relation `{}`", f[4]);
        let negated = match f[6] {
            "true" => true,
            "false" => false,
            other => panic!("{at}: negated must be true or false, not {other}"),
        };
        let key = normalise(
            relations,
            (
                document.to_owned(),
                offset,
                f[3].to_owned(),
                f[4].to_owned(),
                f[5].to_owned(),
                negated,
            ),
        );
        assert!(rows.insert(key.clone()), "{at}: duplicate row");
        decisions.insert(key, f[7].to_owned());
    }
    Gold { rows, decisions }
}

#[test]
fn precision_and_recall_on_the_hand_annotated_seeds() {
    let g = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&g).unwrap();
    let relations = Relations::new(&RulesBuilder::new().builtin().build().unwrap(), &g).unwrap();

    let mut texts = BTreeMap::new();
    let mut predicted: BTreeMap<Key, String> = BTreeMap::new();
    for (name, text) in seeds() {
        let annotation = annotator.annotate(&text);
        let starts: Vec<usize> = annotation
            .segments
            .sentences
            .iter()
            .map(|s| s.range.start)
            .collect();
        for r in relations.extract(&text, &annotation) {
            let start = starts[r.sentence as usize];
            let key = normalise(
                &relations,
                (
                    name.clone(),
                    start,
                    g.entity(r.subject.entity).id.clone(),
                    relations.kind_name(r.kind).to_owned(),
                    g.entity(r.object.entity).id.clone(),
                    r.negated,
                ),
            );
            let cue = &text[r.cue_start..r.cue_end];
            predicted
                .entry(key)
                .or_insert_with(|| format!("{} via {cue:?}", relations.rule_name(r.rule)));
        }
        texts.insert(name, (text, starts));
    }
    let gold = load_gold(&relations, &texts, &g);

    let predicted_keys: BTreeSet<&Key> = predicted.keys().collect();
    let gold_keys: BTreeSet<&Key> = gold.rows.iter().collect();
    let tp = predicted_keys.intersection(&gold_keys).count();
    let (p, r) = (
        tp as f64 / predicted_keys.len().max(1) as f64,
        tp as f64 / gold_keys.len().max(1) as f64,
    );

    // Per type: (gold, predicted, correct).
    let mut by_type: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for k in &gold_keys {
        by_type.entry(k.3.as_str()).or_default().0 += 1;
    }
    for k in &predicted_keys {
        let e = by_type.entry(k.3.as_str()).or_default();
        e.1 += 1;
        if gold_keys.contains(k) {
            e.2 += 1;
        }
    }
    println!("relation      gold  pred  correct  precision  recall");
    for (kind, (gold_n, pred_n, ok)) in &by_type {
        println!(
            "{kind:<12} {gold_n:>5} {pred_n:>5} {ok:>8} {:>10.3} {:>7.3}",
            *ok as f64 / (*pred_n).max(1) as f64,
            *ok as f64 / (*gold_n).max(1) as f64
        );
    }
    println!(
        "all          {:>5} {:>5} {tp:>8} {p:>10.3} {r:>7.3}",
        gold_keys.len(),
        predicted_keys.len()
    );
    let show = |k: &Key| {
        let sentence = &texts[&k.0].0[k.1..];
        let sentence: String = sentence.chars().take(110).collect();
        format!(
            "{} @{}: {} {} {}{} | {}",
            &k.0[..3],
            k.1,
            k.2,
            k.3,
            k.4,
            if k.5 { " NEGATED" } else { "" },
            sentence.replace('\n', " ")
        )
    };
    println!("\nfalse alarms ({}):", predicted_keys.len() - tp);
    for k in predicted_keys.difference(&gold_keys) {
        println!("  {}  [{}]", show(k), predicted[*k]);
    }
    println!("\nmisses ({}):", gold_keys.len() - tp);
    for k in gold_keys.difference(&predicted_keys) {
        println!("  {}  [{}]", show(k), gold.decisions[*k]);
    }
    println!(
        "\nprecision {p:.3}  recall {r:.3}  ({tp} of {} predicted, {} gold)",
        predicted_keys.len(),
        gold_keys.len()
    );
    assert!(
        gold_keys.len() >= 60,
        "the gold set must hold at least 60 relations"
    );
    assert!(p >= MIN_PRECISION, "precision {p:.3} < {MIN_PRECISION}");
    assert!(r >= MIN_RECALL, "recall {r:.3} < {MIN_RECALL}");
}
