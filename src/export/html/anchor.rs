//! Where an evidence item's two mentions and cue lie in its sentence, for highlighting.
//!
//! Evidence spans are byte offsets in the document, and the graph does not keep where the
//! sentence starts: only the spans' lengths and distances are known. The sentence's start is
//! found back as the offset at which every span falls on word boundaries and each mention
//! reads most like its entity's name; every evidence item of one sentence (several edges
//! share it) must agree on the same offset, which leaves few candidates. A sentence whose
//! best offset is not unique, or one with none, gets no highlight rather than a wrong one.
//! Evidence of two sentences joined by ` … ` (paragraph and token windows) places each
//! mention in its own sentence.

use std::collections::BTreeMap;

use crate::graph::{GraphDocument, Span};
use crate::text::fold::fold_str;

/// What joins two sentences in one evidence text.
const JOIN: &str = " … ";

/// Highlights of one evidence item: UTF-16 ranges in its text, as JavaScript indexes strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The source entity's mention.
    pub source: Option<(u32, u32)>,
    /// The target entity's mention.
    pub target: Option<(u32, u32)>,
    /// The relation's cue phrase.
    pub cue: Option<(u32, u32)>,
}

/// One evidence item to place: its edge's two entity names, its spans and its text.
struct Item<'a> {
    edge: usize,
    evidence: usize,
    names: [&'a str; 2],
    spans: [Span; 2],
    cue: Option<Span>,
    text: &'a str,
}

/// The marks of every evidence item of `doc`: `marks[edge][evidence]`.
pub fn anchor(doc: &GraphDocument) -> Vec<Vec<Marks>> {
    let names: BTreeMap<&str, &str> = doc
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or("");
    let mut marks: Vec<Vec<Marks>> = doc
        .edges
        .iter()
        .map(|e| vec![Marks::default(); e.evidence.len()])
        .collect();
    // Items of one sentence share its start.
    let mut sentences: BTreeMap<(&str, u32, &str), Vec<Item>> = BTreeMap::new();
    for (e, edge) in doc.edges.iter().enumerate() {
        for (k, ev) in edge.evidence.iter().enumerate() {
            sentences
                .entry((ev.document.as_str(), ev.sentence, ev.text.as_str()))
                .or_default()
                .push(Item {
                    edge: e,
                    evidence: k,
                    names: [name(&edge.source), name(&edge.target)],
                    spans: [ev.source_span, ev.target_span],
                    cue: Some(ev.cue_span).filter(|c| c.end > c.start),
                    text: &ev.text,
                });
        }
    }
    for ((_, _, text), items) in sentences {
        match sentence_start(text, &items) {
            Some(start) => {
                for item in &items {
                    let at =
                        |s: Span| utf16(text, (s.start - start) as usize, (s.end - start) as usize);
                    marks[item.edge][item.evidence] = Marks {
                        source: Some(at(item.spans[0])),
                        target: Some(at(item.spans[1])),
                        cue: item.cue.map(at),
                    };
                }
            }
            None => {
                for item in &items {
                    marks[item.edge][item.evidence] = joined(item);
                }
            }
        }
    }
    marks
}

/// The document offset of `text`'s first byte that places every item's spans best, if one
/// does alone.
fn sentence_start(text: &str, items: &[Item]) -> Option<u64> {
    let spans = || {
        items
            .iter()
            .flat_map(|i| i.spans.iter().chain(i.cue.as_ref()))
    };
    let lowest = spans().map(|s| s.start).min()?;
    let highest = spans().map(|s| s.end).max()?;
    let first = highest.saturating_sub(text.len() as u64);
    let placements = (first..=lowest).filter_map(|start| {
        // None for a span outside the text (or a corrupt one, ending before it starts).
        let slice = |s: Span| {
            let (a, b) = (s.start.checked_sub(start)?, s.end.checked_sub(start)?);
            (a <= b && b <= text.len() as u64).then_some((a as usize, b as usize))
        };
        let mut score = 0;
        let fits = items.iter().all(|item| {
            let cue_fits = item
                .cue
                .is_none_or(|c| slice(c).is_some_and(|(a, b)| on_chars(text, a, b)));
            cue_fits
                && item.spans.iter().zip(item.names).all(|(&s, name)| {
                    slice(s).is_some_and(|(a, b)| {
                        let word = word_at(text, a, b);
                        score += word.map_or(0, |w| resemblance(w, name));
                        word.is_some()
                    })
                })
        });
        fits.then_some((score, start))
    });
    unique_best(placements)
}

/// The candidate of the highest score, if no other has it.
fn unique_best<T>(candidates: impl Iterator<Item = (u32, T)>) -> Option<T> {
    let mut best: Option<(u32, T)> = None;
    let mut tied = false;
    for (score, candidate) in candidates {
        match &best {
            Some((top, _)) if score < *top => {}
            Some((top, _)) if score == *top => tied = true,
            _ => {
                best = Some((score, candidate));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, candidate)| candidate)
}

/// Marks for an item whose text is two sentences joined by [`JOIN`]: the earlier mention in
/// the first, the later in the second, each where it reads most like its entity.
fn joined(item: &Item) -> Marks {
    let text = item.text;
    let first = usize::from(item.spans[1].start < item.spans[0].start);
    let mut found = [None, None];
    for (join, _) in text.match_indices(JOIN) {
        let parts = [(0, join), (join + JOIN.len(), text.len())];
        let places: Vec<_> = [first, 1 - first]
            .into_iter()
            .zip(parts)
            .map(|(m, (from, to))| {
                let len = item.spans[m].end.saturating_sub(item.spans[m].start) as usize;
                (m, best_place(text, from, to, len, item.names[m]))
            })
            .collect();
        if places.iter().all(|(_, p)| p.is_some()) {
            if found.iter().any(Option::is_some) {
                // Two ways to split the text: say nothing.
                return Marks::default();
            }
            for (m, p) in places {
                found[m] = p.map(|a| {
                    utf16(
                        text,
                        a,
                        a + item.spans[m].end.saturating_sub(item.spans[m].start) as usize,
                    )
                });
            }
        }
    }
    Marks {
        source: found[0],
        target: found[1],
        cue: None,
    }
}

/// The start of the one word of `len` bytes in `text[from..to]` that reads most like `name`,
/// if it resembles it at all and no other word does as much.
fn best_place(text: &str, from: usize, to: usize, len: usize, name: &str) -> Option<usize> {
    let words = (from..=to.checked_sub(len)?).filter_map(|a| {
        let score = resemblance(word_at(&text[..to], a, a + len)?, name);
        (score > 0).then_some((score, a))
    });
    unique_best(words)
}

fn on_chars(text: &str, a: usize, b: usize) -> bool {
    a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
}

/// `text[a..b]` if it could be a mention: whole characters, with no letter or digit right
/// before or after it (the matcher only matches whole words).
fn word_at(text: &str, a: usize, b: usize) -> Option<&str> {
    if a >= b || !on_chars(text, a, b) {
        return None;
    }
    let before = text[..a].chars().next_back();
    let after = text[b..].chars().next();
    let outside = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    (outside(before) && outside(after)).then(|| &text[a..b])
}

/// How much a mention's text reads like its entity's name: 3 for the name itself, 2 for one
/// of its words or its initials (`U.S.`, `LNA`), 1 for a word sharing its first four letters
/// with one of the name's (`Haftorah`), else 0. Folded, so case and accents do not count.
fn resemblance(mention: &str, name: &str) -> u32 {
    let (mention, name) = (fold_str(mention), fold_str(name));
    if mention.is_empty() {
        return 0;
    }
    if mention == name {
        return 3;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let squeezed: String = mention.chars().filter(|c| *c != ' ').collect();
    if words.contains(&mention.as_str()) || (initials.len() > 1 && squeezed == initials) {
        return 2;
    }
    let prefix = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let shares = mention.split(' ').any(|m| {
        words
            .iter()
            .any(|w| prefix(m, w) >= 4.min(m.len()).min(w.len()).max(3))
    });
    u32::from(shares)
}

/// Byte range `a..b` of `text` in UTF-16 code units.
fn utf16(text: &str, a: usize, b: usize) -> (u32, u32) {
    let units = |s: &str| s.encode_utf16().count() as u32;
    let start = units(&text[..a]);
    (start, start + units(&text[a..b]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::sample;

    fn span(start: u64, end: u64) -> Span {
        Span {
            start,
            end,
            ..Span::default()
        }
    }

    /// The highlighted text of an item's range.
    fn read(text: &str, range: Option<(u32, u32)>) -> Option<String> {
        let (a, b) = range?;
        let units: Vec<u16> = text.encode_utf16().collect();
        Some(String::from_utf16(&units[a as usize..b as usize]).unwrap())
    }

    #[test]
    fn mentions_are_found_back_from_document_offsets() {
        let mut doc = sample();
        // "Say" (source `say`) at 1000, "Erdoğan" at 1013: the sentence starts at 1000.
        let text = "Say \"Hi\" met Erdoğan’s men; Erdoğan said hi.";
        let edge = &mut doc.edges[2];
        edge.evidence[0].text = text.to_owned();
        edge.evidence[0].source_span = span(1000, 1003);
        edge.evidence[0].target_span = span(1013, 1021);
        edge.evidence[0].cue_span = span(1009, 1012);
        let marks = anchor(&doc);
        let m = &marks[2][0];
        assert_eq!(read(text, m.source).as_deref(), Some("Say"));
        assert_eq!(read(text, m.target).as_deref(), Some("Erdoğan"));
        assert_eq!(read(text, m.cue).as_deref(), Some("met"));
        // The other items' spans (0..0) cannot be words: no highlight.
        assert_eq!(marks[0][0], Marks::default());
    }

    #[test]
    fn an_ambiguous_sentence_gets_no_highlight() {
        let mut doc = sample();
        // "Say" then "Erdoğan" 5 bytes later, twice: either could be the one meant.
        let text = "Say and Erdoğan; Say and Erdoğan.";
        let ev = &mut doc.edges[2].evidence[0];
        ev.text = text.to_owned();
        ev.source_span = span(100, 103);
        ev.target_span = span(108, 116);
        assert_eq!(anchor(&doc)[2][0], Marks::default());
        // Where the second "Say" reads less like its entity, the first wins.
        let text = "Say and Erdoğan; Sax and Erdoğan.";
        doc.edges[2].evidence[0].text = text.to_owned();
        let m = &anchor(&doc)[2][0];
        assert_eq!(m.source, Some((0, 3)));
    }

    #[test]
    fn joined_sentences_place_each_mention_in_its_own() {
        let mut doc = sample();
        let text = "Nothing here, Erdoğan. … Then Say spoke.";
        let ev = &mut doc.edges[2].evidence[0];
        ev.text = text.to_owned();
        ev.source_span = span(9000, 9003); // "Say", later
        ev.target_span = span(40, 48); // "Erdoğan", earlier
        let m = &anchor(&doc)[2][0];
        assert_eq!(read(text, m.source).as_deref(), Some("Say"));
        assert_eq!(read(text, m.target).as_deref(), Some("Erdoğan"));
    }

    #[test]
    fn resemblance_ranks_names_words_initials_and_prefixes() {
        assert_eq!(resemblance("Khalifa Haftar", "Khalifa Haftar"), 3);
        assert_eq!(resemblance("Haftar", "Khalifa Haftar"), 2);
        assert_eq!(resemblance("U.S.", "United States"), 2);
        assert_eq!(resemblance("Haftorah", "Khalifa Haftar"), 1);
        assert_eq!(resemblance("Moscow", "Khalifa Haftar"), 0);
    }
}
