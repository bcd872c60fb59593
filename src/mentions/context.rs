//! Weighing the evidence for a candidate: which of its readings the document supports, and
//! why a mention stays unresolved when it does not decide.
//!
//! A reading whose alias `needs` context (`gazetteers/README.md`, "Names in context") is
//! dropped unless the document supports it: the entity named in full elsewhere, one of its
//! `related` entities named anywhere, or one of its `cues` within `window` words in the same
//! sentence. The readings left are scored, and the best wins only if it is alone:
//!
//! * a cue near the mention: 8 (local evidence outweighs everything else in the document);
//! * its country's state or a `related` entity named in the same paragraph: 4 (a file that
//!   runs several articles together names Lebanon in one and Tripoli, Libya in another);
//! * the entity named in full elsewhere: 2;
//! * one for each distinct entity named in the document among its country's state and its
//!   `related` entities (Tripoli goes to Libya in a document naming Libya, the GNU and
//!   Haftar even if it mentions Lebanon once).
//!
//! A reading whose alias the document also uses as a person's surname (`Michael Jordan`, then
//! `Jordan`) counts only with a cue near it.

use std::fmt;

use rustc_hash::FxHashSet as HashSet;

use super::Annotator;
use crate::gazetteer::context::Rule;
use crate::gazetteer::{EntityId, Form};
use crate::matcher::{Candidate, Reading};
use crate::text::Segments;
use crate::text::fold::fold_str;

/// Why a matched name was not made a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Its only readings need context, and the document gives none.
    NoSupport,
    /// The document uses the same name as a person's surname, and nothing near it says otherwise.
    Surname,
    /// Several entities share the name and the evidence does not single one out.
    Undecided,
}

impl Reason {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoSupport => "no-support",
            Reason::Surname => "surname",
            Reason::Undecided => "undecided",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A matched name left unresolved: where, which entities it could be, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unresolved {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The entities it could name, sorted, without repeats.
    pub candidates: Vec<EntityId>,
    /// Why none was chosen.
    pub reason: Reason,
}

/// What the document says about the names in it, gathered once per document.
pub(super) struct Evidence<'d> {
    pub text: &'d str,
    pub segments: &'d Segments,
    /// Entities named in full, by an alias no other entity shares and that needs no context.
    pub named: &'d HashSet<EntityId>,
    /// Aliases (indices) the document also uses as a person's surname.
    pub surnames: &'d [u32],
    /// Every candidate left, sorted by start, for what a paragraph names.
    pub candidates: &'d [Candidate],
}

impl Evidence<'_> {
    /// Whether the paragraph around `at` names any of `entities` in full.
    fn paragraph_names(&self, at: usize, entities: &[EntityId]) -> bool {
        let Some(paragraph) = self.segments.paragraphs.get(self.segments.paragraph_at(at)) else {
            return false;
        };
        let first = self
            .candidates
            .partition_point(|c| c.start < paragraph.start);
        self.candidates[first..]
            .iter()
            .take_while(|c| c.start < paragraph.end)
            .flat_map(|c| &c.readings)
            .any(|r| r.form != Form::Partial && !r.ambiguous && entities.contains(&r.entity))
    }
}

impl Annotator<'_> {
    /// The reading a candidate stands for, or why there is none.
    pub(super) fn decide(
        &self,
        candidate: &Candidate,
        evidence: &Evidence,
    ) -> Result<Reading, Reason> {
        let context = self.gazetteer.context();
        let readings = &candidate.readings;
        let ruled = !evidence.surnames.is_empty()
            || (!context.is_empty() && readings.iter().any(|r| context.ruled(r.alias)));
        if !ruled {
            return self
                .choose(readings, evidence.named, |_| 0)
                .ok_or(Reason::Undecided);
        }
        let mut cue_words: Option<Vec<String>> = None;
        let mut kept = Vec::with_capacity(readings.len());
        let mut surname = false;
        for reading in readings {
            let rule = context.rule(reading.entity);
            let cue = rule.is_some_and(|rule| {
                let words = cue_words.get_or_insert_with(|| {
                    words_around(evidence.text, evidence.segments, candidate, rule.window)
                });
                cue_near(words, rule)
            });
            if evidence.surnames.contains(&reading.alias) && !cue {
                surname = true;
                continue;
            }
            let supported = cue
                || evidence.named.contains(&reading.entity)
                || rule.is_some_and(|rule| rule.related.iter().any(|r| evidence.named.contains(r)));
            if context.gated(reading.alias) && !supported {
                continue;
            }
            kept.push((*reading, 8 * u8::from(cue)));
        }
        if kept.is_empty() {
            return Err(if surname {
                Reason::Surname
            } else {
                Reason::NoSupport
            });
        }
        let readings: Vec<Reading> = kept.iter().map(|(r, _)| *r).collect();
        let local = |r: &Reading| {
            let cue = kept.iter().find(|(k, _)| k == r).map_or(0, |(_, s)| *s);
            // Entities without a rule are scored as they always were.
            let Some(rule) = context.rule(r.entity) else {
                return cue;
            };
            let country = self.country_state(r.entity);
            let related = &rule.related[..];
            let mut seen: Vec<EntityId> = related
                .iter()
                .copied()
                .filter(|e| evidence.named.contains(e) && Some(*e) != country)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            let mut near: Vec<EntityId> = related.to_vec();
            near.extend(country);
            let paragraph = evidence.paragraph_names(candidate.start, &near);
            cue + 4 * u8::from(paragraph) + seen.len() as u8
        };
        self.choose(&readings, evidence.named, local)
            .ok_or(Reason::Undecided)
    }
}

/// Folded words of the mention's sentence, up to `window` either side of it.
fn words_around(
    text: &str,
    segments: &Segments,
    candidate: &Candidate,
    window: usize,
) -> Vec<String> {
    let sentence = segments
        .sentences
        .get(segments.sentence_at(candidate.start))
        .map_or(0..text.len(), |s| s.range.clone());
    let from = sentence.start.min(candidate.start);
    let to = sentence.end.max(candidate.end).min(text.len());
    let words = |s: &str| -> Vec<String> {
        fold_str(s)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let before = words(&text[from..candidate.start]);
    let after = words(&text[candidate.end..to]);
    let mut out: Vec<String> = before[before.len().saturating_sub(window)..].to_vec();
    // A gap, so that no cue phrase runs across the mention itself.
    out.push(String::new());
    out.extend(after.into_iter().take(window));
    out
}

fn cue_near(words: &[String], rule: &Rule) -> bool {
    rule.cues
        .iter()
        .any(|cue| words.windows(cue.len()).any(|w| w == cue.as_slice()))
}
