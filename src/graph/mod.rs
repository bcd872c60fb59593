//! The network: co-occurrence counts, typed relations, association scores, evidence, filters
//! and merging.
//!
//! [`Cooccurrence`] aggregates annotated documents into counts that add up exactly across
//! shards; [`Cooccurrence::finish`] turns them into a [`GraphDocument`] with scores. Typed
//! relations ([`crate::relations`]) added with [`Cooccurrence::add_relations`] become edges
//! of their own kind beside the co-occurrence edges of the same pair: directed (source is
//! the subject) unless the type is symmetric, counted per statement, with the negated
//! statements counted apart and every kept evidence item naming its cue and rule. Relation
//! edges have no association scores (they stay 0, so a score `--weight` gives them weight 0;
//! use `count` or `documents` to weigh them). A
//! [`Network`] holds a document as a petgraph graph for filtering and analytics, and turns
//! back into a document for export. [`merge`] adds documents built from disjoint shards: the
//! result equals the document of one run over everything.

pub mod analytics;
pub mod backbone;
pub mod document;
pub mod lookup;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::str::FromStr;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, Gazetteer, Kind};
use crate::mentions::{Annotation, Mention};
use crate::pipeline::Summary;
use crate::relations::{Relation, Relations};
pub use document::{
    CorpusStats, EdgeRecord, Evidence, GraphDocument, GraphOptions, NodeRecord, Span,
};

/// The edge kind of co-occurrence edges.
pub const COOCCURRENCE: &str = "cooccurrence";

/// What counts as "together".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
    /// Within N words after a mention (one window per mention).
    Tokens(u32),
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Document => f.write_str("document"),
            Window::Tokens(n) => write!(f, "tokens:{n}"),
        }
    }
}

impl FromStr for Window {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Window, String> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => s
                .strip_prefix("tokens:")
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .map(Window::Tokens)
                .ok_or_else(|| format!("unknown window `{s}`: use sentence, paragraph, document or tokens:N (N > 0)")),
        }
    }
}

/// The edge measure used as weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    /// Windows with both entities.
    #[default]
    Count,
    /// Documents with both entities.
    Documents,
    /// Pointwise mutual information (negative values count as 0).
    Pmi,
    /// Normalised PMI (negative values count as 0).
    Npmi,
    /// Dunning's log-likelihood ratio.
    Llr,
    /// Jaccard similarity of the windows.
    Jaccard,
}

impl Weight {
    const NAMES: [(&'static str, Weight); 6] = [
        ("count", Weight::Count),
        ("documents", Weight::Documents),
        ("pmi", Weight::Pmi),
        ("npmi", Weight::Npmi),
        ("llr", Weight::Llr),
        ("jaccard", Weight::Jaccard),
    ];

    /// The weight of an edge under this measure, never negative.
    pub fn of(self, edge: &EdgeRecord) -> f64 {
        let w = match self {
            Weight::Count => edge.count as f64,
            Weight::Documents => edge.documents as f64,
            Weight::Pmi => edge.pmi,
            Weight::Npmi => edge.npmi,
            Weight::Llr => edge.llr,
            Weight::Jaccard => edge.jaccard,
        };
        w.max(0.0)
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Weight::NAMES
            .iter()
            .find(|(_, w)| w == self)
            .map_or("count", |(n, _)| n);
        f.write_str(name)
    }
}

impl FromStr for Weight {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Weight, String> {
        Weight::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, w)| *w)
            .ok_or_else(|| {
                format!("unknown weight `{s}`: use count, documents, pmi, npmi, llr or jaccard")
            })
    }
}

/// Options of a co-occurrence build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// The co-occurrence window.
    pub window: Window,
    /// Evidence items kept per edge.
    pub evidence_cap: u32,
    /// The measure written as `weight` on edges.
    pub weight: Weight,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            window: Window::Sentence,
            evidence_cap: 5,
            weight: Weight::Count,
        }
    }
}

#[derive(Debug, Default, Clone)]
struct PairStats {
    windows: u64,
    documents: u64,
    evidence: Vec<Evidence>,
}

/// Statements of one relation between one (subject, object) pair.
#[derive(Debug, Default, Clone)]
struct RelationStats {
    directed: bool,
    statements: u64,
    documents: u64,
    negated: u64,
    evidence: Vec<Evidence>,
}

/// Co-occurrence counts (and typed relations) over a stream of annotated documents.
#[derive(Debug, Clone)]
pub struct Cooccurrence<'g> {
    gazetteer: &'g Gazetteer,
    options: BuildOptions,
    mentions: Vec<u64>,
    documents: Vec<u64>,
    windows: Vec<u64>,
    pairs: HashMap<(EntityId, EntityId), PairStats>,
    total_windows: u64,
    /// Relation type → (subject, object) → statements.
    relations: BTreeMap<String, HashMap<(EntityId, EntityId), RelationStats>>,
    /// Fingerprint of the relation rules, empty when relations are not extracted.
    relation_rules: String,
}

impl<'g> Cooccurrence<'g> {
    /// Empty counts for the entities of `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer, options: BuildOptions) -> Cooccurrence<'g> {
        let n = gazetteer.len();
        Cooccurrence {
            gazetteer,
            options,
            mentions: vec![0; n],
            documents: vec![0; n],
            windows: vec![0; n],
            pairs: HashMap::default(),
            total_windows: 0,
            relations: BTreeMap::new(),
            relation_rules: String::new(),
        }
    }

    /// Records that relations are extracted with `extractor`, whose rules' fingerprint the
    /// graph options then carry (so `merge` refuses graphs built with other rules).
    pub fn extract_relations_with(&mut self, extractor: &Relations) {
        self.relation_rules = extractor.fingerprint().to_owned();
    }

    /// Adds the relations `extractor` found in one annotated document (already added with
    /// [`Cooccurrence::add`]).
    pub fn add_relations(
        &mut self,
        document: &str,
        text: &str,
        annotation: &Annotation,
        relations: &[Relation],
        extractor: &Relations,
    ) {
        let cap = self.options.evidence_cap as usize;
        let mut in_document: BTreeSet<(&str, EntityId, EntityId)> = BTreeSet::new();
        for r in relations {
            let kind = extractor.kind_name(r.kind);
            let by_pair = match self.relations.get_mut(kind) {
                Some(by_pair) => by_pair,
                None => self.relations.entry(kind.to_owned()).or_default(),
            };
            let stats = by_pair
                .entry((r.subject.entity, r.object.entity))
                .or_default();
            stats.directed = !extractor.is_symmetric(r.kind);
            stats.statements += 1;
            stats.negated += u64::from(r.negated);
            in_document.insert((kind, r.subject.entity, r.object.entity));
            let sentence = annotation
                .segments
                .sentences
                .get(r.sentence as usize)
                .map_or(&text[r.cue_start..r.cue_end], |s| &text[s.range.clone()]);
            keep_smallest(
                &mut stats.evidence,
                Evidence {
                    document: document.to_owned(),
                    sentence: r.sentence,
                    source_span: span(&r.subject),
                    target_span: span(&r.object),
                    cue_span: Span {
                        start: r.cue_start as u64,
                        end: r.cue_end as u64,
                    },
                    rule: extractor.rule_name(r.rule).to_owned(),
                    negated: r.negated,
                    text: sentence.to_owned(),
                },
                cap,
            );
        }
        for (kind, a, b) in in_document {
            if let Some(stats) = self
                .relations
                .get_mut(kind)
                .and_then(|p| p.get_mut(&(a, b)))
            {
                stats.documents += 1;
            }
        }
    }

    /// Adds one annotated document.
    pub fn add(&mut self, document: &str, text: &str, annotation: &Annotation) {
        let pairs = DocumentPairs::new(self.options, text, annotation);
        self.add_pairs(document, text, annotation, &pairs);
    }

    /// Adds one annotated document whose [`DocumentPairs`] were computed beforehand (on a
    /// worker thread: this part must run in corpus order, that part need not).
    pub fn add_pairs(
        &mut self,
        document: &str,
        text: &str,
        annotation: &Annotation,
        pairs: &DocumentPairs,
    ) {
        for &(entity, mentions, windows) in &pairs.entities {
            self.mentions[entity.index()] += u64::from(mentions);
            self.documents[entity.index()] += 1;
            self.windows[entity.index()] += u64::from(windows);
        }
        self.total_windows += pairs.windows;
        let cap = self.options.evidence_cap as usize;
        let mentions = &annotation.mentions;
        for pair in &pairs.pairs {
            let stats = self.pairs.entry(pair.key).or_default();
            stats.windows += u64::from(pair.windows);
            stats.documents += 1;
            // Candidates come smallest first: once one is not kept, no later one is.
            for &(a, b) in &pairs.candidates[pair.candidates.clone()] {
                let (a, b) = (&mentions[a as usize], &mentions[b as usize]);
                if !admits(&stats.evidence, cap, document, a, b) {
                    break;
                }
                // Building evidence copies the sentence: only done when it is kept.
                keep_smallest(
                    &mut stats.evidence,
                    evidence(document, text, annotation, a, b),
                    cap,
                );
            }
        }
    }

    /// The complete graph document: every entity mentioned, every pair seen, with scores.
    pub fn finish(self, summary: &Summary) -> GraphDocument {
        let g = self.gazetteer;
        let nodes = g
            .entities()
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mentions[*i] > 0)
            .map(|(i, e)| NodeRecord {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind.as_str().to_owned(),
                category: e.category.clone().unwrap_or_default(),
                country: e.country.clone().unwrap_or_default(),
                mentions: self.mentions[i],
                documents: self.documents[i],
                windows: self.windows[i],
                degree: 0,
                weighted_degree: 0.0,
                pagerank: 0.0,
                betweenness: 0.0,
                community: 0,
            })
            .collect();
        let edges = self
            .pairs
            .into_iter()
            .map(|((a, b), stats)| EdgeRecord {
                source: g.entity(a).id.clone(),
                target: g.entity(b).id.clone(),
                kind: COOCCURRENCE.to_owned(),
                directed: false,
                count: stats.windows,
                documents: stats.documents,
                negated: 0,
                pmi: 0.0,
                npmi: 0.0,
                llr: 0.0,
                jaccard: 0.0,
                weight: 0.0,
                evidence: stats.evidence,
            })
            .chain(self.relations.into_iter().flat_map(|(kind, by_pair)| {
                by_pair.into_iter().map(move |((a, b), stats)| EdgeRecord {
                    source: g.entity(a).id.clone(),
                    target: g.entity(b).id.clone(),
                    kind: kind.clone(),
                    directed: stats.directed,
                    count: stats.statements,
                    documents: stats.documents,
                    negated: stats.negated,
                    pmi: 0.0,
                    npmi: 0.0,
                    llr: 0.0,
                    jaccard: 0.0,
                    weight: 0.0,
                    evidence: stats.evidence,
                })
            }))
            .collect();
        let mut document = GraphDocument {
            format: document::FORMAT.to_owned(),
            version: document::VERSION,
            tool: env!("CARGO_PKG_VERSION").to_owned(),
            gazetteer: g.fingerprint(),
            options: GraphOptions {
                window: self.options.window.to_string(),
                evidence_cap: self.options.evidence_cap,
                weight: self.options.weight.to_string(),
                filters: Vec::new(),
                relations: self.relation_rules,
            },
            corpus: CorpusStats {
                documents: summary.processed,
                skipped: summary.skipped.len() as u64,
                bytes: summary.bytes,
                mentions: summary.mentions,
                windows: self.total_windows,
            },
            nodes,
            edges,
        };
        rescore(&mut document);
        sort(&mut document);
        document
    }
}

/// The co-occurrence of one document, apart from the totals: which entities it mentions, which
/// pairs share a window, and the mentions that could be those pairs' evidence. Computing it
/// needs nothing but the document, so the pipeline's workers do it in parallel; then
/// [`Cooccurrence::add_pairs`] adds it up in corpus order.
#[derive(Debug, Clone, Default)]
pub struct DocumentPairs {
    /// Entities mentioned, in id order: (entity, mentions, windows they appear in).
    entities: Vec<(EntityId, u32, u32)>,
    /// Windows in the document.
    windows: u64,
    /// Pairs that share a window, in key order.
    pairs: Vec<PairInDocument>,
    /// Every pair's evidence candidates, one run per pair.
    candidates: Vec<(u32, u32)>,
}

/// Where a piece of co-occurrence evidence sorts within its document: the source mention's
/// sentence, then the two spans.
type EvidenceOrder = (u32, Span, Span);

/// One pair of entities in one document.
#[derive(Debug, Clone)]
struct PairInDocument {
    key: (EntityId, EntityId),
    /// Windows the pair shares.
    windows: u32,
    /// Where in [`DocumentPairs::candidates`] the mention indices (source, target) of the
    /// evidence this document can offer lie: at most the evidence cap, smallest first in
    /// evidence order, since only those can be among the smallest of the whole corpus.
    candidates: std::ops::Range<usize>,
}

impl DocumentPairs {
    /// The pairs of `annotation`'s mentions in `text` under `options`' window.
    pub fn new(options: BuildOptions, text: &str, annotation: &Annotation) -> DocumentPairs {
        let mentions = &annotation.mentions;
        let mut entities: Vec<(EntityId, u32, u32)> = Vec::new();
        for m in mentions {
            entities.push((m.entity, 1, 0));
        }
        entities.sort_unstable_by_key(|e| e.0);
        entities.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += 1;
            }
            same
        });
        let windows = windows(options.window, text, annotation);
        // (key, evidence order within the document, source index, target index), one per
        // pair and window.
        let mut seen: Vec<((EntityId, EntityId), EvidenceOrder, u32, u32)> = Vec::new();
        let mut firsts: Vec<usize> = Vec::new();
        for window in &windows.groups {
            // First mention of each entity in the window, in text order.
            firsts.clear();
            for i in window.clone() {
                if !firsts
                    .iter()
                    .any(|&f| mentions[f].entity == mentions[i].entity)
                {
                    firsts.push(i);
                }
            }
            for &f in &firsts {
                let at = entities.partition_point(|e| e.0 < mentions[f].entity);
                entities[at].2 += 1;
            }
            for (k, &i) in firsts.iter().enumerate() {
                for &j in &firsts[k + 1..] {
                    // Entity ids sort like the entities' string ids.
                    let (a, b) = if mentions[i].entity < mentions[j].entity {
                        (i, j)
                    } else {
                        (j, i)
                    };
                    let (ma, mb) = (&mentions[a], &mentions[b]);
                    let order = (ma.sentence, span(ma), span(mb));
                    seen.push(((ma.entity, mb.entity), order, a as u32, b as u32));
                }
            }
        }
        seen.sort_unstable();
        let cap = options.evidence_cap as usize;
        let mut pairs: Vec<PairInDocument> = Vec::new();
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        let mut last_order = None;
        for (key, order, a, b) in seen {
            match pairs.last_mut() {
                Some(last) if last.key == key => last.windows += 1,
                _ => {
                    pairs.push(PairInDocument {
                        key,
                        windows: 1,
                        candidates: candidates.len()..candidates.len(),
                    });
                    last_order = None;
                }
            }
            let last = pairs.last_mut().expect("pushed");
            // The same two mentions in overlapping windows are one piece of evidence.
            if last.candidates.len() < cap && last_order != Some(order) {
                candidates.push((a, b));
                last.candidates.end += 1;
                last_order = Some(order);
            }
        }
        DocumentPairs {
            entities,
            windows: windows.count,
            pairs,
            candidates,
        }
    }
}

/// The co-occurrence windows of a document: groups of mention indices, and how many windows
/// the document has in all (empty ones included, as PMI needs).
struct Windows {
    /// Mentions are in text order, so every window is a run of them.
    groups: Vec<std::ops::Range<usize>>,
    count: u64,
}

fn windows(window: Window, text: &str, annotation: &Annotation) -> Windows {
    let mentions = &annotation.mentions;
    let group_by = |key: &dyn Fn(&Mention) -> u32, count: usize| {
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        let mut last = None;
        for (i, m) in mentions.iter().enumerate() {
            if last != Some(key(m)) {
                groups.push(i..i);
                last = Some(key(m));
            }
            groups.last_mut().expect("pushed").end = i + 1;
        }
        Windows {
            groups,
            count: count as u64,
        }
    };
    match window {
        Window::Sentence => group_by(&|m| m.sentence, annotation.segments.sentences.len()),
        Window::Paragraph => group_by(&|m| m.paragraph, annotation.segments.paragraphs.len()),
        Window::Document => group_by(&|_| 0, 1),
        Window::Tokens(n) => {
            // One window per maximal run of mentions spanning at most N words: the window
            // starting at each mention, unless it adds nothing to the one before.
            let positions = word_positions(text, mentions);
            let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
            let mut last_end = None;
            for i in 0..mentions.len() {
                let end = (i..mentions.len())
                    .take_while(|&j| positions[j] - positions[i] <= u64::from(n))
                    .last()
                    .unwrap_or(i);
                if last_end.is_none_or(|e| end > e) {
                    groups.push(i..end + 1);
                    last_end = Some(end);
                }
            }
            let count = groups.len() as u64;
            Windows { groups, count }
        }
    }
}

/// The word index at which each mention starts (mentions are in text order).
fn word_positions(text: &str, mentions: &[Mention]) -> Vec<u64> {
    let mut positions = Vec::with_capacity(mentions.len());
    let (mut words, mut in_word, mut offset) = (0u64, false, 0);
    let bytes = text.as_bytes();
    for m in mentions {
        while offset < m.start {
            let word_byte = bytes[offset].is_ascii_alphanumeric() || bytes[offset] >= 0x80;
            if word_byte && !in_word {
                words += 1;
            }
            in_word = word_byte;
            offset += 1;
        }
        positions.push(words);
    }
    positions
}

fn span(m: &Mention) -> Span {
    Span {
        start: m.start as u64,
        end: m.end as u64,
    }
}

/// The evidence for two mentions: their spans and the sentence(s) holding them.
fn evidence(
    document: &str,
    text: &str,
    annotation: &Annotation,
    a: &Mention,
    b: &Mention,
) -> Evidence {
    let sentence_text = |m: &Mention| {
        annotation
            .segments
            .sentences
            .get(m.sentence as usize)
            .map_or(&text[m.start..m.end], |s| &text[s.range.clone()])
    };
    let mut joined = sentence_text(a).to_owned();
    if b.sentence != a.sentence {
        let (first, second) = if a.sentence < b.sentence {
            (a, b)
        } else {
            (b, a)
        };
        joined = format!("{} … {}", sentence_text(first), sentence_text(second));
    }
    Evidence {
        document: document.to_owned(),
        sentence: a.sentence,
        source_span: span(a),
        target_span: span(b),
        cue_span: Span::default(),
        rule: String::new(),
        negated: false,
        text: joined,
    }
}

/// Whether evidence for mentions `a` and `b` of `document` would be among the `cap` smallest
/// kept in `items` (ordered by document, sentence, then spans).
fn admits(items: &[Evidence], cap: usize, document: &str, a: &Mention, b: &Mention) -> bool {
    match items.get(cap.wrapping_sub(1)) {
        _ if items.len() < cap => true,
        Some(last) => {
            (document, a.sentence, span(a), span(b))
                < (
                    last.document.as_str(),
                    last.sentence,
                    last.source_span,
                    last.target_span,
                )
        }
        None => false,
    }
}

/// Inserts `item` keeping `items` the `cap` smallest seen, sorted: a choice that does not
/// depend on the order documents arrive in, so shards merge exactly.
pub fn keep_smallest<T: Ord>(items: &mut Vec<T>, item: T, cap: usize) {
    if cap == 0 {
        return;
    }
    // An item seen twice (the same two mentions in overlapping windows) is kept once.
    let Err(at) = items.binary_search(&item) else {
        return;
    };
    if at >= cap {
        return;
    }
    items.insert(at, item);
    items.truncate(cap);
}

/// Recomputes every co-occurrence edge's association scores and weight from the counts.
pub fn rescore(document: &mut GraphDocument) {
    let n = document.corpus.windows as f64;
    let weight: Weight = document.options.weight.parse().unwrap_or_default();
    let marginals: HashMap<&str, u64> = document
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.windows))
        .collect();
    for edge in &mut document.edges {
        if edge.kind == COOCCURRENCE {
            let a = marginals.get(edge.source.as_str()).copied().unwrap_or(0) as f64;
            let b = marginals.get(edge.target.as_str()).copied().unwrap_or(0) as f64;
            let scores = Scores::new(edge.count as f64, a, b, n);
            edge.pmi = scores.pmi;
            edge.npmi = scores.npmi;
            edge.llr = scores.llr;
            edge.jaccard = scores.jaccard;
        }
        edge.weight = weight.of(edge);
    }
}

/// Association scores of a pair from a 2×2 contingency table of windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// log2(P(ab) / (P(a)P(b))).
    pub pmi: f64,
    /// PMI / -log2 P(ab), in [-1, 1].
    pub npmi: f64,
    /// Dunning's G² = 2 Σ O ln(O/E).
    pub llr: f64,
    /// ab / (a + b - ab).
    pub jaccard: f64,
}

impl Scores {
    /// Scores for `ab` windows with both, `a` and `b` with each, `n` in all.
    pub fn new(ab: f64, a: f64, b: f64, n: f64) -> Scores {
        if ab <= 0.0 || a <= 0.0 || b <= 0.0 || n <= 0.0 {
            return Scores {
                pmi: 0.0,
                npmi: 0.0,
                llr: 0.0,
                jaccard: 0.0,
            };
        }
        let pmi = (ab * n / (a * b)).log2();
        let p_ab = ab / n;
        let npmi = if p_ab >= 1.0 { 1.0 } else { pmi / -p_ab.log2() };
        let observed = [ab, a - ab, b - ab, n - a - b + ab];
        let expected = [
            a * b / n,
            a * (n - b) / n,
            (n - a) * b / n,
            (n - a) * (n - b) / n,
        ];
        let llr = 2.0
            * observed
                .iter()
                .zip(expected)
                .filter(|(o, e)| **o > 0.0 && *e > 0.0)
                .map(|(o, e)| o * (o / e).ln())
                .sum::<f64>();
        Scores {
            pmi: round(pmi),
            npmi: round(npmi),
            llr: round(llr.max(0.0)),
            jaccard: round(ab / (a + b - ab)),
        }
    }
}

/// Rounds to 9 significant decimals so text exports are stable across platforms' last bits.
pub fn round(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Which edges a graph keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edges {
    /// Co-occurrence and typed relations.
    #[default]
    Both,
    /// Co-occurrence only (relations are then not even extracted).
    Cooccurrence,
    /// Typed relations only.
    Relations,
}

impl fmt::Display for Edges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Edges::Both => "both",
            Edges::Cooccurrence => "cooccurrence",
            Edges::Relations => "relations",
        })
    }
}

impl FromStr for Edges {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Edges, String> {
        [Edges::Both, Edges::Cooccurrence, Edges::Relations]
            .into_iter()
            .find(|e| e.to_string() == s)
            .ok_or_else(|| format!("unknown edges `{s}`: use cooccurrence, relations or both"))
    }
}

/// Which parts of a graph to keep; applied in field order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep only nodes of these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Which edges to keep.
    pub edges: Edges,
    /// Drop edges seen in fewer windows.
    pub min_count: u64,
    /// Drop edges whose weight is below this.
    pub min_score: Option<f64>,
    /// Keep the neighbourhood of this entity id, up to `depth` hops.
    pub ego: Option<(String, u32)>,
    /// Keep the N nodes of highest weighted degree.
    pub top: Option<usize>,
    /// Drop nodes without edges.
    pub drop_isolated: bool,
}

impl Filter {
    /// The filters as words for the document header, in the order they apply.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            out.push(format!("kinds={}", kinds.join(",")));
        }
        if self.edges != Edges::Both {
            out.push(format!("edges={}", self.edges));
        }
        if self.min_count > 1 {
            out.push(format!("min-count={}", self.min_count));
        }
        if let Some(s) = self.min_score {
            out.push(format!("min-score={s}"));
        }
        if let Some((id, depth)) = &self.ego {
            out.push(format!("ego={id}:{depth}"));
        }
        if let Some(n) = self.top {
            out.push(format!("top={n}"));
        }
        if self.drop_isolated {
            out.push("drop-isolated".to_owned());
        }
        out
    }
}

/// A graph document held as a petgraph graph, for filtering and analytics.
#[derive(Debug, Clone)]
pub struct Network {
    /// The graph; co-occurrence edges point from the smaller id to the larger.
    pub graph: DiGraph<NodeRecord, EdgeRecord>,
    header: GraphDocument,
}

impl Network {
    /// Loads a document; an edge naming an unknown node is an error.
    pub fn from_document(mut document: GraphDocument) -> Result<Network> {
        let mut graph = DiGraph::new();
        let mut index: HashMap<String, NodeIndex> = HashMap::default();
        for node in std::mem::take(&mut document.nodes) {
            index.insert(node.id.clone(), graph.add_node(node));
        }
        for edge in std::mem::take(&mut document.edges) {
            let find = |id: &str| {
                index.get(id).copied().ok_or_else(|| {
                    Error::Invalid(format!(
                        "edge {} -> {} names unknown node `{id}`",
                        edge.source, edge.target
                    ))
                })
            };
            let (a, b) = (find(&edge.source)?, find(&edge.target)?);
            graph.add_edge(a, b, edge);
        }
        Ok(Network {
            graph,
            header: document,
        })
    }

    /// The node of an entity id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph[i].id == id)
    }

    /// Applies `filter`, recording it in the header.
    pub fn filter(mut self, filter: &Filter) -> Result<Network> {
        let g = &mut self.graph;
        if !filter.kinds.is_empty() {
            g.retain_nodes(|g, n| filter.kinds.iter().any(|k| k.as_str() == g[n].kind));
        }
        match filter.edges {
            Edges::Both => {}
            Edges::Cooccurrence => g.retain_edges(|g, e| g[e].kind == COOCCURRENCE),
            Edges::Relations => g.retain_edges(|g, e| g[e].kind != COOCCURRENCE),
        }
        g.retain_edges(|g, e| g[e].count >= filter.min_count);
        if let Some(min) = filter.min_score {
            g.retain_edges(|g, e| g[e].weight >= min);
        }
        if let Some((id, depth)) = &filter.ego {
            if self.node(id).is_none() {
                return Err(Error::Invalid(format!(
                    "--ego {id}: no such entity in the graph (is the id right, is it mentioned in the corpus, and does it pass the filters before --ego?)"
                )));
            }
            let keep = self.neighbourhood(id, *depth);
            self.graph.retain_nodes(|g, n| keep.contains(&g[n].id));
        }
        if let Some(top) = filter.top {
            let mut ranked: Vec<(f64, String)> = self
                .graph
                .node_indices()
                .map(|n| {
                    let w: f64 = self
                        .graph
                        .edges_directed(n, petgraph::Direction::Outgoing)
                        .map(|e| e.weight().weight)
                        .sum::<f64>()
                        + self
                            .graph
                            .edges_directed(n, petgraph::Direction::Incoming)
                            .map(|e| e.weight().weight)
                            .sum::<f64>();
                    (w, self.graph[n].id.clone())
                })
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let keep: BTreeSet<String> = ranked.into_iter().take(top).map(|(_, id)| id).collect();
            self.graph.retain_nodes(|g, n| keep.contains(&g[n].id));
        }
        if filter.drop_isolated {
            self.graph
                .retain_nodes(|g, n| g.neighbors_undirected(n).next().is_some());
        }
        self.header.options.filters.extend(filter.describe());
        Ok(self)
    }

    /// Ids within `depth` hops of `id`, edges taken in either direction.
    fn neighbourhood(&self, id: &str, depth: u32) -> BTreeSet<String> {
        let Some(start) = self.node(id) else {
            return BTreeSet::new();
        };
        let mut seen = BTreeSet::from([start]);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in self.graph.neighbors_undirected(n) {
                    if seen.insert(m) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        seen.into_iter().map(|n| self.graph[n].id.clone()).collect()
    }

    /// Computes degree, weighted degree, PageRank, betweenness and communities on the graph
    /// as it is now.
    pub fn analyse(&mut self) {
        analytics::analyse(&mut self.graph);
    }

    /// The graph as a sorted document.
    pub fn into_document(self) -> GraphDocument {
        let (nodes, edges) = self.graph.into_nodes_edges();
        let mut document = self.header;
        document.nodes = nodes.into_iter().map(|n| n.weight).collect();
        document.edges = edges.into_iter().map(|e| e.weight).collect();
        sort(&mut document);
        document
    }
}

/// Puts nodes and edges in canonical order.
pub fn sort(document: &mut GraphDocument) {
    document.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    document
        .edges
        .sort_by(|a, b| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)));
}

/// Adds graph documents built over disjoint shards of a corpus with the same gazetteer and
/// options; the result is the document of one run over all shards (analytics not yet run).
pub fn merge(documents: Vec<GraphDocument>) -> Result<GraphDocument> {
    let mut documents = documents.into_iter();
    let mut total = documents
        .next()
        .ok_or_else(|| Error::Invalid("merge needs at least one graph".to_owned()))?;
    check_mergeable(&total)?;
    let mut nodes: BTreeMap<String, NodeRecord> = std::mem::take(&mut total.nodes)
        .into_iter()
        .map(|n| (n.id.clone(), n))
        .collect();
    let mut edges: BTreeMap<(String, String, String), EdgeRecord> =
        std::mem::take(&mut total.edges)
            .into_iter()
            .map(|e| ((e.source.clone(), e.target.clone(), e.kind.clone()), e))
            .collect();
    for doc in documents {
        check_mergeable(&doc)?;
        if doc.gazetteer != total.gazetteer || doc.options != total.options {
            let describe = |d: &GraphDocument| {
                format!(
                    "gazetteer {}, window {}, weight {}, evidence {}, relation rules {}",
                    d.gazetteer,
                    d.options.window,
                    d.options.weight,
                    d.options.evidence_cap,
                    if d.options.relations.is_empty() {
                        "none"
                    } else {
                        d.options.relations.as_str()
                    }
                )
            };
            return Err(Error::Invalid(format!(
                "cannot merge graphs built differently: {} vs {}",
                describe(&total),
                describe(&doc)
            )));
        }
        let c = &mut total.corpus;
        c.documents += doc.corpus.documents;
        c.skipped += doc.corpus.skipped;
        c.bytes += doc.corpus.bytes;
        c.mentions += doc.corpus.mentions;
        c.windows += doc.corpus.windows;
        for node in doc.nodes {
            match nodes.get_mut(&node.id) {
                Some(n) => {
                    n.mentions += node.mentions;
                    n.documents += node.documents;
                    n.windows += node.windows;
                }
                None => {
                    nodes.insert(node.id.clone(), node);
                }
            }
        }
        let cap = total.options.evidence_cap as usize;
        for edge in doc.edges {
            match edges.get_mut(&(edge.source.clone(), edge.target.clone(), edge.kind.clone())) {
                Some(e) => {
                    e.count += edge.count;
                    e.documents += edge.documents;
                    e.negated += edge.negated;
                    for item in edge.evidence {
                        keep_smallest(&mut e.evidence, item, cap);
                    }
                }
                None => {
                    edges.insert(
                        (edge.source.clone(), edge.target.clone(), edge.kind.clone()),
                        edge,
                    );
                }
            }
        }
    }
    total.nodes = nodes.into_values().collect();
    total.edges = edges.into_values().collect();
    for node in &mut total.nodes {
        (
            node.degree,
            node.weighted_degree,
            node.pagerank,
            node.betweenness,
            node.community,
        ) = (0, 0.0, 0.0, 0.0, 0);
    }
    rescore(&mut total);
    sort(&mut total);
    Ok(total)
}

fn check_mergeable(document: &GraphDocument) -> Result<()> {
    if document.format != document::FORMAT || document.version != document::VERSION {
        return Err(Error::Invalid(format!(
            "not a gazegraph graph of version {}: format `{}` version {}",
            document::VERSION,
            document.format,
            document.version
        )));
    }
    if !document.options.filters.is_empty() {
        return Err(Error::Invalid(format!(
            "cannot merge a filtered graph ({}): merge complete graphs, then filter",
            document.options.filters.join(", ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_hand_computation() {
        // 10 windows; a in 4, b in 2, both in 2.
        let s = Scores::new(2.0, 4.0, 2.0, 10.0);
        assert!((s.pmi - (2.0f64 * 10.0 / 8.0).log2()).abs() < 1e-9);
        assert!((s.npmi - s.pmi / -(0.2f64).log2()).abs() < 1e-9);
        assert!((s.jaccard - 0.5).abs() < 1e-9);
        // G² by hand: O = [2, 2, 0, 6], E = [0.8, 3.2, 1.2, 4.8].
        let g2 = 2.0
            * (2.0 * (2.0f64 / 0.8).ln() + 2.0 * (2.0f64 / 3.2).ln() + 6.0 * (6.0f64 / 4.8).ln());
        assert!((s.llr - g2).abs() < 1e-6, "{} vs {g2}", s.llr);
        // Independence scores zero.
        let s = Scores::new(1.0, 2.0, 5.0, 10.0);
        assert!(s.pmi.abs() < 1e-9 && s.llr.abs() < 1e-9);
    }

    #[test]
    fn windows_parse_and_print() {
        for w in ["sentence", "paragraph", "document", "tokens:12"] {
            assert_eq!(w.parse::<Window>().unwrap().to_string(), w);
        }
        assert!("tokens:0".parse::<Window>().is_err());
        assert!("line".parse::<Window>().unwrap_err().contains("tokens:N"));
    }

    #[test]
    fn keep_smallest_is_order_independent() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        for x in [5, 1, 9, 3, 7] {
            keep_smallest(&mut a, x, 3);
        }
        for x in [9, 7, 5, 3, 1] {
            keep_smallest(&mut b, x, 3);
        }
        assert_eq!(a, [1, 3, 5]);
        assert_eq!(a, b);
    }
}
