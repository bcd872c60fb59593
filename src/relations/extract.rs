//! The extraction engine: sentence by sentence, find the cues and hand each to the rules that
//! list it; punctuation cues are read between neighbouring mentions.

use std::ops::Range;

use rustc_hash::FxHashSet as HashSet;

use super::checked::{Element, RuleDef};
use super::model::{Relation, RelationKind, Relations, RuleId};
use super::tokens::{Token, normalise_quotes, original_offset, tokenize, window_after};
use crate::gazetteer::{EntityId, Form};
use crate::mentions::{Annotation, Mention};

/// Bytes before the first and after the last mention of a sentence searched for cues: a cue
/// that starts or ends a pattern lies at most a few words from its nearest argument.
const CUE_MARGIN: usize = 96;

/// Bytes after a mention in which to look for the agent noun that makes it an adjective
/// (`U.S. Defense Secretary`) rather than a name.
const ADJECTIVE_WINDOW: usize = 24;

/// The longest gap between two mentions that a punctuation cue can join: a word on either
/// side of the mark.
const GAP_CUE_SPAN: usize = 48;

/// A sentence being searched.
pub(super) struct Sentence<'t> {
    pub(super) text: &'t str,
    /// Byte offset of the sentence's start.
    pub(super) start: usize,
    /// The sentence's mentions, in text order.
    pub(super) mentions: &'t [Mention],
    /// Index of the sentence in the document.
    pub(super) sentence: u32,
}

/// A word cue found in a sentence: its byte span and automaton pattern.
type CueMatch = (usize, usize, usize);

impl Relations {
    /// Every relation stated in `text`, whose mentions and sentences are `annotation`, in
    /// text order (sentence, then cue). A relation stated twice in one sentence with the same
    /// arguments and negation is reported once, at its first cue.
    pub fn extract(&self, text: &str, annotation: &Annotation) -> Vec<Relation> {
        let mut out = Vec::new();
        if self.rules.is_empty() {
            return out;
        }
        let mentions = &annotation.mentions;
        let mut start = 0;
        while start < mentions.len() {
            let sentence = mentions[start].sentence;
            let end = start
                + mentions[start..]
                    .iter()
                    .take_while(|m| m.sentence == sentence)
                    .count();
            let group = &mentions[start..end];
            start = end;
            if group.iter().all(|m| m.entity == group[0].entity) {
                continue;
            }
            let range = match annotation.segments.sentences.get(sentence as usize) {
                Some(s) => {
                    s.range.start.min(group[0].start)..s.range.end.max(group[group.len() - 1].end)
                }
                None => group[0].start..group[group.len() - 1].end,
            };
            let before = out.len();
            self.sentence(text, range, sentence, group, &mut out);
            dedup_sentence(&mut out, before);
        }
        out
    }

    /// The relations of one sentence, appended to `out`.
    fn sentence(
        &self,
        text: &str,
        range: Range<usize>,
        sentence: u32,
        mentions: &[Mention],
        out: &mut Vec<Relation>,
    ) {
        let s = Sentence {
            text,
            start: range.start,
            mentions,
            sentence,
        };
        let mut cues = self.word_cues(&s, range);
        // Leftmost first, longest first at each start; a cue overlapping a longer one before
        // it is not tried. When the longest cue at a place binds nothing and ends with a
        // preposition, the shorter cues there are tried: `official of operations Zulkifli`
        // is the title `official`, with a complement that is no entity.
        cues.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut occupied = 0;
        let mut i = 0;
        while i < cues.len() {
            let start = cues[i].0;
            let same = cues[i..].iter().take_while(|c| c.0 == start).count();
            let group = &cues[i..i + same];
            i += same;
            if start < occupied {
                continue;
            }
            occupied = group[0].1;
            for &(cs, ce, pattern) in group {
                let bound = self.cues.word_cues[pattern]
                    .iter()
                    .any(|&rule| self.bind(&s, rule, cs, ce, out));
                if bound || !self.cues.open_cues[pattern] {
                    break;
                }
            }
        }
        if !self.cues.gap_cues.is_empty() {
            self.gap_cue_relations(&s, out);
        }
    }

    /// Word cues in the sentence `range`, never inside or across a mention.
    fn word_cues(&self, s: &Sentence, range: Range<usize>) -> Vec<CueMatch> {
        let mut cues = Vec::new();
        let Some(automaton) = &self.cues.automaton else {
            return cues;
        };
        let (text, mentions) = (s.text, s.mentions);
        // Only the stretch a cue can lie in: from a little before the first mention to a
        // little after the last, cut at whitespace.
        let first = mentions[0].start;
        let last = mentions[mentions.len() - 1].end;
        let mut lo = text.ceil_char_boundary(first.saturating_sub(CUE_MARGIN).max(range.start));
        if lo > range.start {
            lo = text[lo..first]
                .find(char::is_whitespace)
                .map_or(first, |i| lo + i);
        }
        let mut hi = text.floor_char_boundary((last + CUE_MARGIN).min(range.end));
        if hi < range.end {
            hi = text[last..hi]
                .rfind(char::is_whitespace)
                .map_or(last, |i| last + i);
        }
        automaton.find(&text[lo..hi], |pattern, r| {
            let (cs, ce) = (lo + r.start, lo + r.end);
            let crosses = mentions.iter().any(|x| {
                let overlap = x.start < ce && cs < x.end;
                let contains = cs <= x.start && x.end <= ce;
                overlap && !contains
            });
            if !crosses {
                cues.push((cs, ce, pattern));
            }
        });
        cues
    }

    /// Relations whose cue is punctuation between two neighbouring mentions.
    fn gap_cue_relations(&self, s: &Sentence, out: &mut Vec<Relation>) {
        for pair in 0..s.mentions.len().saturating_sub(1) {
            let (a, b) = (&s.mentions[pair], &s.mentions[pair + 1]);
            if a.end > b.start || a.entity == b.entity {
                continue;
            }
            // Punctuation cues take at most a word on either side.
            if b.start - a.end > GAP_CUE_SPAN {
                continue;
            }
            let gap = normalise_quotes(&s.text[a.end..b.start]);
            for (cue, rules) in &self.cues.gap_cues {
                let Some(at) = gap.find(cue.as_str()) else {
                    continue;
                };
                let before = tokenize(&gap[..at]);
                let after = tokenize(&gap[at + cue.len()..]);
                if before.iter().chain(&after).any(|t| !t.word) {
                    continue;
                }
                // The cue's span in the original text: the punctuation's own bytes.
                let raw = &s.text[a.end..b.start];
                let span = (
                    a.end + original_offset(raw, at),
                    a.end + original_offset(raw, at + cue.len()),
                );
                let found = rules.iter().find_map(|&rule_index| {
                    self.gap_cue_relation(s, pair, [&before[..], &after[..]], span, rule_index)
                });
                out.extend(found);
            }
        }
    }

    /// The relation a rule binds with the punctuation cue `span` between mentions `pair` and
    /// `pair + 1`, whose gap's words before and after the mark are `sides`.
    fn gap_cue_relation(
        &self,
        s: &Sentence,
        pair: usize,
        sides: [&[Token]; 2],
        span: (usize, usize),
        rule_index: u32,
    ) -> Option<Relation> {
        let (a, b) = (&s.mentions[pair], &s.mentions[pair + 1]);
        let rule = &self.rules[rule_index as usize];
        let ty = &self.types[rule.ty as usize];
        if !self.gap_ok(&rule.gaps[0], sides[0]) || !self.gap_ok(&rule.gaps[1], sides[1]) {
            return None;
        }
        let (mut sm, mut om) = if rule.pattern.elements[0] == Element::Subject {
            (*a, *b)
        } else {
            (*b, *a)
        };
        let fits = self.fits(&sm, rule.subject.unwrap_or(ty.subject))
            && self.fits(&om, rule.object.unwrap_or(ty.object));
        // Names, not adjectives: `Tehran, Iranian Foreign Ministry spokesman` and `In
        // Washington, U.S. Defense Secretary Jim Mattis` place nothing.
        if !fits
            || is_modifier(s.text, a)
            || is_modifier(s.text, b)
            || a.form == Form::Demonym
            || self.is_adjective(s.text, b)
        {
            return None;
        }
        if (ty.contained && !self.contains(&sm, &om)) || (rule.not_in_list && in_list(s, pair)) {
            return None;
        }
        if ty.symmetric && om.entity < sm.entity {
            std::mem::swap(&mut sm, &mut om);
        }
        Some(relation(s, rule, rule_index, span, (sm, om), false))
    }

    /// Whether a mention is a nationality adjective or followed by an agent noun.
    fn is_adjective(&self, text: &str, m: &Mention) -> bool {
        m.form == Form::Demonym
            || tokenize(window_after(text, m.end, ADJECTIVE_WINDOW))
                .first()
                .is_some_and(|t| t.word && self.words.agents.contains(&*t.text))
    }
}

/// A relation stated by `rule` at the cue `cs..ce`.
pub(super) fn relation(
    s: &Sentence,
    rule: &RuleDef,
    rule_index: u32,
    (cue_start, cue_end): (usize, usize),
    (subject, object): (Mention, Mention),
    negated: bool,
) -> Relation {
    Relation {
        sentence: s.sentence,
        cue_start,
        cue_end,
        subject,
        object,
        kind: RelationKind(rule.ty),
        rule: RuleId(rule_index),
        negated,
    }
}

/// A hyphenated modifier (`U.S.-led`, `Aleppo-based`): the mention is joined by a hyphen to a
/// following word.
pub(super) fn is_modifier(text: &str, m: &Mention) -> bool {
    let mut rest = text[m.end..].chars();
    matches!(
        rest.next(),
        Some('-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
    ) && rest.next().is_some_and(char::is_alphanumeric)
}

/// Whether mentions `pair` and `pair + 1` belong to a run of mentions joined by commas and
/// ending in `and` or `or`: a list, not a place and its country.
fn in_list(s: &Sentence, pair: usize) -> bool {
    let joint = |i: usize| -> Option<bool> {
        let (a, b) = (&s.mentions[i], &s.mentions[i + 1]);
        let tokens = tokenize(&s.text[a.end.min(b.start)..b.start]);
        let pure = !tokens.is_empty()
            && tokens
                .iter()
                .all(|t| matches!(&*t.text, "," | "and" | "or" | "the"));
        pure.then(|| tokens.iter().any(|t| t.text == "and" || t.text == "or"))
    };
    let mut i = pair;
    loop {
        match joint(i) {
            Some(true) => return true,
            Some(false) if i > 0 => i -= 1,
            _ => break,
        }
    }
    let mut i = pair + 1;
    while i + 1 < s.mentions.len() {
        match joint(i) {
            Some(true) => return true,
            Some(false) => i += 1,
            None => break,
        }
    }
    false
}

/// Keeps the first of relations of one sentence that agree on subject, type, object and
/// negation.
fn dedup_sentence(out: &mut Vec<Relation>, from: usize) {
    let mut seen: HashSet<(EntityId, RelationKind, EntityId, bool)> = HashSet::default();
    let mut tail: Vec<Relation> = out.drain(from..).collect();
    tail.sort_by_key(|r| (r.cue_start, r.cue_end, r.subject.start, r.object.start));
    for r in tail {
        if seen.insert((r.subject.entity, r.kind, r.object.entity, r.negated)) {
            out.push(r);
        }
    }
}
