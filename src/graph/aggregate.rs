//! Aggregation: co-occurrence counts and typed relations added up over a stream of annotated
//! documents, exactly, in an order-independent way, so that shards merge.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::document::{self, CorpusStats, EdgeRecord, Evidence, GraphDocument, GraphOptions};
use super::document::{DocumentRecord, NodeRecord, Span};
use super::seen::{Seen, Time};
use super::{BuildOptions, COOCCURRENCE, Window, rescore, sort};
use crate::corpus::Locator;
use crate::gazetteer::{EntityId, Form, Gazetteer};
use crate::mentions::{Annotation, Mention};
use crate::relations::{Relation, Relations};
use crate::time::{Dated, NaiveDate};

#[derive(Debug, Default, Clone)]
struct PairStats {
    windows: u64,
    documents: u64,
    evidence: Vec<Evidence>,
    seen: Seen,
}

/// Statements of one relation between one (subject, object) pair.
#[derive(Debug, Default, Clone)]
struct RelationStats {
    directed: bool,
    statements: u64,
    documents: u64,
    negated: u64,
    evidence: Vec<Evidence>,
    seen: Seen,
}

/// Co-occurrence counts and typed relations over a stream of annotated documents, added in
/// corpus order from the [`DocumentPart`]s the workers made; made by
/// [`super::GraphEngine::aggregate`].
#[derive(Debug, Clone)]
pub struct Aggregate<'e> {
    gazetteer: &'e Gazetteer,
    /// The gazetteer's fingerprint, computed once for all the aggregates of an engine (it
    /// serialises every entity; a sliced run finishes one aggregate per period).
    fingerprint: &'e OnceLock<String>,
    options: BuildOptions,
    /// The extractor the parts' relations come from, if any.
    extractor: Option<&'e Relations>,
    /// Corpus totals: documents, bytes and mentions added.
    corpus: CorpusStats,
    mentions: Vec<u64>,
    documents: Vec<u64>,
    windows: Vec<u64>,
    /// When each entity was seen.
    seen: Vec<Seen>,
    /// The documents added, with their dates.
    table: Vec<DocumentRecord>,
    pairs: HashMap<(EntityId, EntityId), PairStats>,
    /// Relation type → (subject, object) → statements.
    relations: BTreeMap<String, HashMap<(EntityId, EntityId), RelationStats>>,
}

/// What the workers find in one document for [`Aggregate::add`]: its co-occurring pairs and
/// its typed relations. Made by [`super::GraphEngine::part`].
#[derive(Debug, Clone, Default)]
pub struct DocumentPart {
    pub(super) pairs: DocumentPairs,
    pub(super) relations: Vec<Relation>,
    /// The annotation restricted to the graph's parts, when some mentions lie elsewhere: the
    /// pairs and relations index its mentions.
    pub(super) kept: Option<Annotation>,
}

impl<'e> Aggregate<'e> {
    /// Empty counts for the entities of `gazetteer`, with relations from `extractor`.
    pub(super) fn new(
        gazetteer: &'e Gazetteer,
        fingerprint: &'e OnceLock<String>,
        options: BuildOptions,
        extractor: Option<&'e Relations>,
    ) -> Aggregate<'e> {
        let n = gazetteer.len();
        Aggregate {
            gazetteer,
            fingerprint,
            options,
            extractor,
            corpus: CorpusStats::default(),
            mentions: vec![0; n],
            documents: vec![0; n],
            windows: vec![0; n],
            seen: vec![Seen::default(); n],
            table: Vec::new(),
            pairs: HashMap::default(),
            relations: BTreeMap::new(),
        }
    }

    /// Adds one undated annotated document with the `part` the workers made of it;
    /// `locator` reads the document's text and places spans in its input's fields.
    pub fn add(
        &mut self,
        document: &str,
        locator: &Locator<'_>,
        annotation: &Annotation,
        part: &DocumentPart,
    ) {
        self.add_dated(document, None, locator, annotation, part);
    }

    /// Adds one annotated document, dated or not, with the `part` the workers made of it.
    /// The result does not depend on the order documents come in: the evidence kept is the
    /// smallest, not the first, and times are minima, maxima and sums.
    pub fn add_dated(
        &mut self,
        document: &str,
        dated: Option<Dated>,
        locator: &Locator<'_>,
        annotation: &Annotation,
        part: &DocumentPart,
    ) {
        let text = locator.text();
        let annotation = part.kept.as_ref().unwrap_or(annotation);
        self.corpus.documents += 1;
        self.corpus.dated += u64::from(dated.is_some());
        self.corpus.bytes += text.len() as u64;
        self.corpus.mentions += annotation.mentions.len() as u64;
        self.table.push(DocumentRecord {
            id: document.to_owned(),
            date: dated.map(|d| d.date),
            date_source: dated.map_or("", |d| d.source.as_str()).to_owned(),
        });
        let when = dated.map(|d| (d.date, self.options.period.start(d.date)));
        self.add_pairs(document, when, locator, annotation, &part.pairs);
        if let Some(extractor) = self.extractor {
            self.add_relations(
                document,
                when,
                locator,
                annotation,
                &part.relations,
                extractor,
            );
        }
    }

    /// Adds the relations `extractor` found in one annotated document.
    fn add_relations(
        &mut self,
        document: &str,
        when: When,
        locator: &Locator<'_>,
        annotation: &Annotation,
        relations: &[Relation],
        extractor: &Relations,
    ) {
        let text = locator.text();
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
            if let Some((date, start)) = when {
                stats.seen.add(date, start, 1);
            }
            in_document.insert((kind, r.subject.entity, r.object.entity));
            let spans = [
                (r.subject.start, r.subject.end),
                (r.object.start, r.object.end),
                (r.cue_start, r.cue_end),
            ];
            let sentence = annotation
                .segments
                .sentences
                .get(r.sentence as usize)
                .map_or_else(
                    || text[r.cue_start..r.cue_end].to_owned(),
                    |s| excerpt(text, s.range.clone(), &spans),
                );
            keep_smallest(
                &mut stats.evidence,
                Evidence {
                    document: document.to_owned(),
                    sentence: r.sentence,
                    source_span: span(locator, &r.subject),
                    target_span: span(locator, &r.object),
                    cue_span: Span::of(locator, r.cue_start..r.cue_end),
                    rule: rule_of(
                        self.gazetteer,
                        extractor.rule_name(r.rule),
                        [&r.subject, &r.object],
                    ),
                    negated: r.negated,
                    text: sentence,
                    source_part: r.subject.part.as_str().to_owned(),
                    target_part: r.object.part.as_str().to_owned(),
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

    /// Adds the co-occurrences of one annotated document.
    fn add_pairs(
        &mut self,
        document: &str,
        when: When,
        locator: &Locator<'_>,
        annotation: &Annotation,
        pairs: &DocumentPairs,
    ) {
        for &(entity, mentions, windows) in &pairs.entities {
            self.mentions[entity.index()] += u64::from(mentions);
            self.documents[entity.index()] += 1;
            self.windows[entity.index()] += u64::from(windows);
            if let Some((date, start)) = when {
                self.seen[entity.index()].add(date, start, u64::from(mentions));
            }
        }
        self.corpus.windows += pairs.windows;
        let cap = self.options.evidence_cap as usize;
        let mentions = &annotation.mentions;
        for pair in &pairs.pairs {
            let stats = self.pairs.entry(pair.key).or_default();
            stats.windows += u64::from(pair.windows);
            stats.documents += 1;
            if let Some((date, start)) = when {
                stats.seen.add(date, start, u64::from(pair.windows));
            }
            // Candidates come smallest first: once one is not kept, no later one is.
            for &(a, b) in &pairs.candidates[pair.candidates.clone()] {
                let (a, b) = (&mentions[a as usize], &mentions[b as usize]);
                if !admits(&stats.evidence, cap, document, a, b) {
                    break;
                }
                // Building evidence copies the sentence: only done when it is kept.
                let mut evidence = evidence(document, locator, annotation, a, b);
                evidence.rule = rule_of(self.gazetteer, "", [a, b]);
                keep_smallest(&mut stats.evidence, evidence, cap);
            }
        }
    }

    /// Adds what `other` (of the same engine) counted, as if its documents had been added
    /// here: the whole graph of a sliced run is its slices added up, each document
    /// aggregated once. Exact, since a slice keeps the smallest evidence of its own
    /// documents, among which are those of the whole.
    pub(super) fn absorb(&mut self, other: &Aggregate<'_>) {
        let (c, o) = (&mut self.corpus, &other.corpus);
        c.documents += o.documents;
        c.dated += o.dated;
        c.bytes += o.bytes;
        c.mentions += o.mentions;
        c.windows += o.windows;
        c.skipped += o.skipped;
        for (i, &mentions) in other.mentions.iter().enumerate() {
            if mentions > 0 {
                self.mentions[i] += mentions;
                self.documents[i] += other.documents[i];
                self.windows[i] += other.windows[i];
                self.seen[i].absorb(&other.seen[i]);
            }
        }
        self.table.extend_from_slice(&other.table);
        let cap = self.options.evidence_cap as usize;
        for (key, theirs) in &other.pairs {
            let stats = self.pairs.entry(*key).or_default();
            stats.windows += theirs.windows;
            stats.documents += theirs.documents;
            stats.seen.absorb(&theirs.seen);
            absorb_evidence(&mut stats.evidence, &theirs.evidence, cap);
        }
        for (kind, by_pair) in &other.relations {
            let into = match self.relations.get_mut(kind) {
                Some(into) => into,
                None => self.relations.entry(kind.clone()).or_default(),
            };
            for (key, theirs) in by_pair {
                let stats = into.entry(*key).or_default();
                stats.directed = theirs.directed;
                stats.statements += theirs.statements;
                stats.documents += theirs.documents;
                stats.negated += theirs.negated;
                stats.seen.absorb(&theirs.seen);
                absorb_evidence(&mut stats.evidence, &theirs.evidence, cap);
            }
        }
    }

    /// The complete graph document: every entity mentioned, every pair seen, with scores;
    /// `skipped` documents of the corpus were not added.
    pub fn finish(mut self, skipped: u64) -> GraphDocument {
        let g = self.gazetteer;
        let unit = self.options.period;
        let nodes = self.nodes();
        let edges = self
            .pairs
            .into_iter()
            .map(|(pair, stats)| EdgeRecord {
                count: stats.windows,
                documents: stats.documents,
                ..unscored(
                    g,
                    pair,
                    COOCCURRENCE.to_owned(),
                    stats.evidence,
                    stats.seen.finish(unit),
                )
            })
            .chain(self.relations.into_iter().flat_map(|(kind, by_pair)| {
                by_pair.into_iter().map(move |(pair, stats)| EdgeRecord {
                    directed: stats.directed,
                    count: stats.statements,
                    documents: stats.documents,
                    negated: stats.negated,
                    ..unscored(
                        g,
                        pair,
                        kind.clone(),
                        stats.evidence,
                        stats.seen.finish(unit),
                    )
                })
            }))
            .collect();
        let mut document = GraphDocument {
            format: document::FORMAT.to_owned(),
            version: document::VERSION,
            tool: env!("CARGO_PKG_VERSION").to_owned(),
            gazetteer: self.fingerprint.get_or_init(|| g.fingerprint()).clone(),
            options: GraphOptions {
                window: self.options.window.to_string(),
                evidence_cap: self.options.evidence_cap,
                weight: self.options.weight.to_string(),
                filters: Vec::new(),
                // Graphs built with other rules do not merge.
                relations: self
                    .extractor
                    .map_or_else(String::new, |r| r.fingerprint().to_owned()),
                period: unit.to_string(),
                parts: self.options.parts.to_string(),
            },
            corpus: CorpusStats {
                skipped,
                ..self.corpus
            },
            nodes,
            edges,
            documents: self.table,
        };
        rescore(&mut document);
        sort(&mut document);
        document
    }

    /// Every entity mentioned, unscored, its time taken out of `self.seen`.
    fn nodes(&mut self) -> Vec<NodeRecord> {
        let unit = self.options.period;
        let seen = &mut self.seen;
        self.gazetteer
            .entities()
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mentions[*i] > 0)
            .map(|(i, e)| {
                let time = std::mem::take(&mut seen[i]).finish(unit);
                NodeRecord {
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
                    latitude: e.latitude,
                    longitude: e.longitude,
                    first_seen: time.first_seen,
                    last_seen: time.last_seen,
                    periods: time.periods,
                }
            })
            .collect()
    }
}

/// A document's date and the first day of its period, for adding up time.
type When = Option<(NaiveDate, NaiveDate)>;

/// An undirected edge of `kind` between `pair` with `evidence`, counts and scores still 0.
fn unscored(
    g: &Gazetteer,
    (a, b): (EntityId, EntityId),
    kind: String,
    evidence: Vec<Evidence>,
    time: Time,
) -> EdgeRecord {
    EdgeRecord {
        source: g.entity(a).id.clone(),
        target: g.entity(b).id.clone(),
        kind,
        directed: false,
        count: 0,
        documents: 0,
        negated: 0,
        pmi: 0.0,
        npmi: 0.0,
        llr: 0.0,
        jaccard: 0.0,
        weight: 0.0,
        first_seen: time.first_seen,
        last_seen: time.last_seen,
        periods: time.periods,
        evidence,
    }
}

/// The co-occurrence of one document, apart from the totals: which entities it mentions, which
/// pairs share a window, and the mentions that could be those pairs' evidence. Computing it
/// needs nothing but the document, so the pipeline's workers do it in parallel; then
/// [`Aggregate::add`] adds it up in corpus order.
#[derive(Debug, Clone, Default)]
pub(super) struct DocumentPairs {
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
type EvidenceOrder = (u32, (u64, u64), (u64, u64));

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
    pub(super) fn new(options: BuildOptions, text: &str, annotation: &Annotation) -> DocumentPairs {
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
                    let order = (ma.sentence, bytes(ma), bytes(mb));
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

/// The rule of a piece of evidence: the relation rule (empty for a co-occurrence) and, joined
/// by `+`, `title:<office>` for each mention read from an office's title, so the evidence
/// shows how a title became a person.
fn rule_of(g: &Gazetteer, rule: &str, mentions: [&Mention; 2]) -> String {
    let titles = mentions.iter().filter(|m| matches!(m.form, Form::Title(_)));
    let parts = std::iter::once(Cow::Borrowed(rule)).chain(titles.map(|m| m.form.describe(g)));
    let parts: Vec<Cow<str>> = parts.filter(|p| !p.is_empty()).collect();
    parts.join("+")
}

fn span(locator: &Locator<'_>, m: &Mention) -> Span {
    Span::of(locator, m.start..m.end)
}

/// A mention's bytes in the document: they order evidence as its spans do, whose other fields
/// follow from them.
fn bytes(m: &Mention) -> (u64, u64) {
    (m.start as u64, m.end as u64)
}

/// The evidence for two mentions: their spans and the sentence(s) holding them.
fn evidence(
    document: &str,
    locator: &Locator<'_>,
    annotation: &Annotation,
    a: &Mention,
    b: &Mention,
) -> Evidence {
    let text = locator.text();
    // The sentence holding `m`, around the given mentions of it.
    let sentence_text = |m: &Mention, around: &[&Mention]| {
        let spans: Vec<_> = around.iter().map(|m| (m.start, m.end)).collect();
        annotation
            .segments
            .sentences
            .get(m.sentence as usize)
            .map_or_else(
                || text[m.start..m.end].to_owned(),
                |s| excerpt(text, s.range.clone(), &spans),
            )
    };
    let joined = if b.sentence == a.sentence {
        sentence_text(a, &[a, b])
    } else {
        let (first, second) = if a.sentence < b.sentence {
            (a, b)
        } else {
            (b, a)
        };
        format!(
            "{} … {}",
            sentence_text(first, &[first]),
            sentence_text(second, &[second])
        )
    };
    Evidence {
        document: document.to_owned(),
        sentence: a.sentence,
        source_span: span(locator, a),
        target_span: span(locator, b),
        cue_span: Span::default(),
        rule: String::new(),
        negated: false,
        text: joined,
        source_part: a.part.as_str().to_owned(),
        target_part: b.part.as_str().to_owned(),
    }
}

/// The longest sentence an evidence text keeps whole, in bytes: a sentence that never ends
/// (a table, a feed without punctuation) would otherwise be copied whole into every evidence
/// item it holds, and a 16 MB one made a 445 MB graph. Real sentences are far shorter; run-on
/// ones reach 4.4 KB in the ISOT sample, and are kept whole.
pub const WHOLE_SENTENCE: usize = 8 << 10;

/// Bytes of context kept on each side of the mentions (and cue) in a sentence longer than
/// [`WHOLE_SENTENCE`].
pub const EVIDENCE_CONTEXT: usize = 200;

/// What stands in an evidence text where bytes of the sentence were left out.
pub const CUT: &str = "…";

/// The part of `text`'s `sentence` around `spans` (byte ranges in `text`) that evidence
/// keeps: the whole sentence up to [`WHOLE_SENTENCE`] bytes, else up to [`EVIDENCE_CONTEXT`]
/// bytes around each span, cut at whitespace where there is some, with [`CUT`] where bytes
/// were left out. Spans far apart are kept apart, so the text stays bounded however long the
/// sentence.
pub fn excerpt(text: &str, sentence: std::ops::Range<usize>, spans: &[(usize, usize)]) -> String {
    let (start, end) = (sentence.start, sentence.end);
    if end - start <= WHOLE_SENTENCE {
        return text[sentence].to_owned();
    }
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(a, b)| (a.clamp(start, end), b.clamp(start, end)))
        .collect();
    spans.sort_unstable();
    // Pieces of the sentence to keep, each a span with its context, in order.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        let from = match a.saturating_sub(EVIDENCE_CONTEXT) {
            from if from <= start => start,
            from => {
                let from = text.ceil_char_boundary(from).min(a);
                text[from..a].find(char::is_whitespace).map_or(from, |w| {
                    from + w + text[from + w..].chars().next().map_or(0, char::len_utf8)
                })
            }
        };
        let to = match b + EVIDENCE_CONTEXT {
            to if to >= end => end,
            to => {
                let to = text.floor_char_boundary(to).max(b);
                text[b..to].rfind(char::is_whitespace).map_or(to, |w| b + w)
            }
        };
        match pieces.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => pieces.push((from, to)),
        }
    }
    let mut out = String::new();
    let mut at = start;
    for (from, to) in pieces {
        if from > at {
            out.push_str(CUT);
        }
        out.push_str(&text[from..to]);
        at = to;
    }
    if at < end {
        out.push_str(CUT);
    }
    out
}

/// Whether evidence for mentions `a` and `b` of `document` would be among the `cap` smallest
/// kept in `items` (ordered by document, sentence, then spans).
fn admits(items: &[Evidence], cap: usize, document: &str, a: &Mention, b: &Mention) -> bool {
    match items.get(cap.wrapping_sub(1)) {
        _ if items.len() < cap => true,
        Some(last) => {
            (document, a.sentence, bytes(a), bytes(b))
                < (
                    last.document.as_str(),
                    last.sentence,
                    (last.source_span.start, last.source_span.end),
                    (last.target_span.start, last.target_span.end),
                )
        }
        None => false,
    }
}

/// Adds the sorted `theirs` into the sorted `items`, keeping the `cap` smallest; copies only
/// what is kept.
fn absorb_evidence(items: &mut Vec<Evidence>, theirs: &[Evidence], cap: usize) {
    for item in theirs {
        if items.len() >= cap && items.last().is_some_and(|last| item >= last) {
            // `theirs` is sorted: no later item is kept either.
            break;
        }
        keep_smallest(items, item.clone(), cap);
    }
}

/// Inserts `item` keeping `items` the `cap` smallest seen, sorted: a choice that does not
/// depend on the order documents arrive in, so shards merge exactly.
pub(crate) fn keep_smallest<T: Ord>(items: &mut Vec<T>, item: T, cap: usize) {
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

#[cfg(test)]
mod tests;
