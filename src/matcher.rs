//! Finding every alias in a text: whole words, the right capitalisation, all candidates.
//!
//! A leftmost-longest search can hide a valid shorter match behind a longer one that fails
//! a check (an alias that ends mid-word, or `US` where the text says `us`). This module
//! avoids that by construction:
//!
//! 1. every pattern is an alias [folded](crate::text::fold), found as whole words by
//!    `text::phrases`, which reports every pattern that starts at each word, so no
//!    match hides another;
//! 2. each is then checked against the original text's capitalisation ([`CaseRule`]);
//! 3. [`crate::mentions`] resolves the surviving candidates, longest first.
//!
//! The same pass finds the titles of offices and the inline cues of the article parts
//! ([`mod@crate::text::parts`]): one walk over the words of a text serves all three.

use smallvec::SmallVec;

use crate::error::Result;
use crate::gazetteer::{CaseRule, EntityId, Form, Gazetteer, Kind, OfficeId};
use crate::text::fold::fold_str;
use crate::text::parts::{self, CueHit};
use crate::text::phrases::WholeWords;
use crate::words::List;

/// What one alias means, copied out of the gazetteer for the hot loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The entity named.
    pub entity: EntityId,
    /// Alias, demonym or partial.
    pub form: Form,
    /// Declared ambiguous.
    pub ambiguous: bool,
    /// The entity's kind and whether it is strict, copied here because the checks of every
    /// candidate read them and the entities are large: looking them up missed the cache.
    pub kind: Kind,
    /// See [`crate::gazetteer::Entity::strict`].
    pub strict: bool,
    case: CaseRule,
    /// The alias ends with a dot (`U.S.`), which folding drops but the mention should keep.
    dot: bool,
    /// Index into [`Gazetteer::aliases`].
    pub alias: u32,
}

/// One place in the text where at least one alias matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset of the first character, in the original text.
    pub(crate) start: usize,
    /// Byte offset after the last character, in the original text.
    pub(crate) end: usize,
    /// The readings whose capitalisation rule the text satisfies (never empty). Nearly
    /// always one or two, kept inline: a document has a candidate every hundred bytes or so.
    pub(crate) readings: SmallVec<[Reading; 2]>,
}

impl Candidate {
    /// Where it matches: a byte range of the original text.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The aliases that match here, as indices into [`Gazetteer::aliases`].
    pub fn aliases(&self) -> impl Iterator<Item = usize> + '_ {
        self.readings.iter().map(|r| r.alias as usize)
    }
}

/// Where the title of an office matches: found in the same pass as the aliases, since a
/// second pass over every text cost as much as the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitleMatch {
    /// The byte range of the title's words in the text.
    pub span: std::ops::Range<usize>,
    /// The matcher's pattern, whose offices [`Matcher::offices`] gives.
    pub pattern: u32,
}

/// A compiled gazetteer: one Aho-Corasick automaton over all folded aliases, the titles of
/// its offices and the inline cues of article parts.
#[derive(Debug, Clone)]
pub struct Matcher {
    words: WholeWords,
    /// For each pattern, its readings (several aliases may fold to one pattern; none when it
    /// is only a title or a cue).
    readings: Vec<Vec<Reading>>,
    /// For each pattern, the offices it is a title of (nearly always none).
    offices: Vec<Vec<OfficeId>>,
    /// For each pattern, the inline cue phrase it is, if any (see [`parts::inline_phrases`]).
    cues: Vec<Option<u16>>,
}

/// What one folded string stands for, before strings are grouped into patterns.
#[derive(Clone, Copy)]
enum Meaning {
    /// The alias at this index of [`Gazetteer::aliases`].
    Alias(usize),
    /// An office it is the title of.
    Title(OfficeId),
    /// An inline cue phrase of article parts.
    Cue(u16),
}

impl Matcher {
    /// Compiles every alias of `gazetteer`, the titles of its offices and the inline cues of
    /// article parts.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher> {
        let titles: Vec<(String, OfficeId)> = (gazetteer.offices().iter().enumerate())
            .flat_map(|(index, office)| {
                let id = OfficeId(index as u16);
                office.titles.iter().map(move |title| (fold_str(title), id))
            })
            .collect();
        let cue_phrases: Vec<(&str, bool)> = parts::inline_phrases().collect();
        // Patterns in the order of their folded text. A stable sort of borrowed strings, not a
        // map of owned ones, which was a quarter of compiling the world places; the aliases of a
        // pattern stay in gazetteer order.
        let mut folded: Vec<(&str, Meaning)> = (gazetteer.aliases().iter().enumerate())
            .map(|(index, alias)| (alias.folded.as_str(), Meaning::Alias(index)))
            .chain(
                titles
                    .iter()
                    .map(|(t, id)| (t.as_str(), Meaning::Title(*id))),
            )
            .chain((cue_phrases.iter().enumerate()).map(|(i, &(p, _))| (p, Meaning::Cue(i as u16))))
            .collect();
        folded.sort_by(|a, b| a.0.cmp(b.0));
        let mut phrases = Vec::with_capacity(folded.len());
        let mut readings = Vec::with_capacity(folded.len());
        let mut offices = Vec::with_capacity(folded.len());
        let mut cues = Vec::with_capacity(folded.len());
        for group in folded.chunk_by(|a, b| a.0 == b.0) {
            let (mut pattern_readings, mut pattern_offices) = (Vec::new(), Vec::new());
            let mut cue = None;
            for &(_, meaning) in group {
                match meaning {
                    Meaning::Alias(index) => {
                        let alias = &gazetteer.aliases()[index];
                        let entity = gazetteer.entity(alias.entity);
                        pattern_readings.push(Reading {
                            entity: alias.entity,
                            form: alias.form,
                            ambiguous: alias.ambiguous,
                            kind: entity.kind,
                            strict: entity.strict,
                            case: alias.case,
                            dot: alias.text.ends_with('.'),
                            alias: index as u32,
                        });
                    }
                    Meaning::Title(id) if !pattern_offices.contains(&id) => {
                        pattern_offices.push(id)
                    }
                    Meaning::Title(_) => {}
                    Meaning::Cue(phrase) => cue = Some(phrase),
                }
            }
            // Titles match whatever their capitalisation (`the defence minister`).
            let lowercase = !pattern_offices.is_empty()
                || pattern_readings.iter().any(|r| r.case == CaseRule::Any)
                || cue.is_some_and(|phrase| cue_phrases[phrase as usize].1);
            phrases.push((group[0].0, lowercase));
            readings.push(pattern_readings);
            offices.push(pattern_offices);
            cues.push(cue);
        }
        Ok(Matcher {
            words: WholeWords::new(phrases)?,
            readings,
            offices,
            cues,
        })
    }

    /// The number of distinct folded patterns, the inline cues of article parts included.
    pub fn pattern_count(&self) -> usize {
        self.readings.len()
    }

    /// The offices whose title a [`TitleMatch`] is.
    pub(crate) fn offices(&self, title: &TitleMatch) -> &[OfficeId] {
        &self.offices[title.pattern as usize]
    }

    /// Every whole-word match of an alias in `text` whose capitalisation fits, overlapping
    /// ones included, ordered by start then longest first.
    pub fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        self.find(text, out, None, None);
    }

    /// [`Matcher::candidates`], and with `titles`, the titles of offices in `text` too, in
    /// the same order; with `cues`, the inline cues of article parts, in no order.
    pub(crate) fn find(
        &self,
        text: &str,
        out: &mut Vec<Candidate>,
        mut titles: Option<&mut Vec<TitleMatch>>,
        mut cues: Option<&mut Vec<CueHit>>,
    ) {
        out.clear();
        if let Some(titles) = titles.as_deref_mut() {
            titles.clear();
        }
        if let Some(cues) = cues.as_deref_mut() {
            cues.clear();
        }
        let mut glued = Vec::new();
        let with_cues = cues.is_some();
        let found = |pattern: usize, range: std::ops::Range<usize>| {
            if let Some(cues) = cues.as_deref_mut()
                && let Some(phrase) = self.cues[pattern]
            {
                parts::push_cue_hits(text, phrase as usize, range.clone(), cues);
            }
            if let Some(titles) = titles.as_deref_mut()
                && !self.offices[pattern].is_empty()
            {
                titles.push(TitleMatch {
                    span: range.clone(),
                    pattern: pattern as u32,
                });
            }
            let surface = &text[range.clone()];
            let readings: SmallVec<[Reading; 2]> = self.readings[pattern]
                .iter()
                .filter(|r| case_fits(r.case, surface))
                .copied()
                .collect();
            if readings.is_empty() {
                return;
            }
            let dot = readings.iter().any(|r| r.dot) && text[range.end..].starts_with('.');
            out.push(Candidate {
                start: range.start,
                end: range.end + usize::from(dot),
                readings,
            });
        };
        if with_cues {
            self.words.find_glued(text, found, |at| glued.push(at));
        } else {
            self.words.find(text, found);
        }
        if let Some(cues) = cues {
            for at in glued {
                parts::push_glued_hits(text, at, cues);
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        if let Some(titles) = titles {
            titles.sort_by(|a, b| {
                (a.span.start.cmp(&b.span.start)).then(b.span.end.cmp(&a.span.end))
            });
        }
    }
}

/// Whether `surface` is capitalised as `case` requires.
fn case_fits(case: CaseRule, surface: &str) -> bool {
    match case {
        CaseRule::Any => true,
        CaseRule::Upper => surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase),
        // Every word of the text must start with a capital: aliases under this rule are
        // names ("Turkey", "Chad", partial surnames), whose every word is capitalised, apart
        // from particles such as "al" or "de", which the text may write either way.
        CaseRule::Capitalised => surface
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
            .all(|(i, w)| {
                let first = w.chars().next().unwrap_or(' ');
                first.is_uppercase() || first.is_numeric() || (i > 0 && is_particle(w))
            }),
    }
}

/// Lowercase name particles that stay lowercase inside capitalised names.
fn is_particle(word: &str) -> bool {
    List::Particles.contains(word)
}

#[cfg(test)]
mod tests;
