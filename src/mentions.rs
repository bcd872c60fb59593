//! From candidates to mentions: one entity per place in the text, resolved per document.
//!
//! Resolution is document-level, the way a reader resolves names:
//!
//! * a **partial** form (a bare surname such as `Kim`) names an entity only where the document
//!   names that entity in full somewhere, and never when it sits inside another name
//!   (`Kim Sung-han`, `Jeongmin Kim`); a title before it is fine (`President Kim`);
//! * a full alias beats a partial reading of the same words;
//! * overlapping candidates resolve leftmost, then longest (`Libyan National Army` over
//!   `Libyan`);
//! * an alias shared by several entities goes to the one the document names otherwise (or
//!   whose country it names); when that does not decide, the mention is counted as unresolved
//!   rather than guessed;
//! * an alias can need support in the document before it counts, and related entities and cue
//!   words near it choose between entities that share it (`context`, in `mentions/context.rs`).
//!
//! In a dated document, aliases restricted to a window count only inside it and the titles of
//! offices name their holder on that date ([`roles`]).

pub mod roles;

use chrono::NaiveDate;
use rustc_hash::FxHashSet as HashSet;

use crate::error::Result;
use crate::gazetteer::{EntityId, Form, Gazetteer, Kind, is_common_word, is_given_name};
use crate::matcher::{Candidate, Matcher, Reading, TitleMatch};
use crate::text::parts::{CueHit, parts_with};
use crate::text::{Part, PartSet, Parts, Segments, segment};
use crate::words::List;

mod context;

pub use context::{Reason, Unresolved};

/// One resolved mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// Byte offset of the first character in the document text.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The entity.
    pub entity: EntityId,
    /// Whether it matched as alias, demonym or partial form.
    pub form: Form,
    /// Index of the paragraph containing it.
    pub paragraph: u32,
    /// Index of the sentence containing it, counted across the document.
    pub sentence: u32,
    /// The part of the article it lies in (headline, body, byline...).
    pub part: Part,
}

/// A document's mentions and segmentation.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Paragraphs and sentences of the text.
    pub segments: Segments,
    /// Matched names that the document did not resolve to one entity, in text order.
    pub unresolved: Vec<Unresolved>,
    /// The parts of the article, and its datelines.
    pub parts: Parts,
}

impl Annotation {
    /// The mentions in the place of the document's first dateline (`GENEVA/MOSUL, Iraq`):
    /// where the story was filed.
    pub fn dateline_mentions(&self) -> &[Mention] {
        let Some(place) = self.parts.dateline().and_then(|d| d.place.clone()) else {
            return &[];
        };
        let from = self.mentions.partition_point(|m| m.start < place.start);
        let to = self.mentions.partition_point(|m| m.start < place.end);
        &self.mentions[from..to]
    }

    /// This annotation with only the mentions in `parts`, or `None` when no mention lies
    /// elsewhere (nothing to copy): what co-occurrence and relations see.
    pub fn in_parts(&self, parts: PartSet) -> Option<Annotation> {
        if self.mentions.iter().all(|m| parts.contains(m.part)) {
            return None;
        }
        Some(Annotation {
            mentions: (self.mentions.iter())
                .filter(|m| parts.contains(m.part))
                .copied()
                .collect(),
            segments: self.segments.clone(),
            unresolved: self.unresolved.clone(),
            parts: self.parts.clone(),
        })
    }
}

/// Reusable buffers, so annotating a stream of documents does not allocate per document.
#[derive(Debug, Default)]
pub struct Scratch {
    candidates: Vec<Candidate>,
    titles: Vec<TitleMatch>,
    cues: Vec<CueHit>,
}

/// What the annotator knows of a document besides its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentFacts {
    /// Its date, on which dated aliases and the titles of offices depend (`None`: undated).
    pub date: Option<NaiveDate>,
    /// The length in bytes of the record's title at the start of the text, its headline.
    pub headline: Option<usize>,
}

/// Annotates documents with the matcher of a gazetteer, built once and shared by every thread.
#[derive(Debug, Clone)]
pub struct Annotator<'a> {
    gazetteer: &'a Gazetteer,
    /// Built from `gazetteer` here, so the two cannot disagree.
    matcher: Matcher,
}

impl<'a> Annotator<'a> {
    /// An annotator for the entities of `gazetteer`, compiling its aliases.
    pub fn new(gazetteer: &'a Gazetteer) -> Result<Annotator<'a>> {
        Ok(Annotator {
            gazetteer,
            matcher: Matcher::new(gazetteer)?,
        })
    }

    /// The gazetteer behind this annotator.
    pub fn gazetteer(&self) -> &'a Gazetteer {
        self.gazetteer
    }

    /// The matcher that finds the candidates this annotator resolves.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Finds and resolves every mention in `text`.
    pub fn annotate(&self, text: &str) -> Annotation {
        self.annotate_with(text, &mut Scratch::default())
    }

    /// [`Annotator::annotate`] with caller-owned buffers.
    pub fn annotate_with(&self, text: &str, scratch: &mut Scratch) -> Annotation {
        self.annotate_in(text, DocumentFacts::default(), scratch)
    }

    /// [`Annotator::annotate_with`] for a document of `date` (`None`: undated), on which
    /// dated aliases and the titles of offices depend ([`roles`]).
    pub fn annotate_dated(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        scratch: &mut Scratch,
    ) -> Annotation {
        let facts = DocumentFacts {
            date,
            ..DocumentFacts::default()
        };
        self.annotate_in(text, facts, scratch)
    }

    /// [`Annotator::annotate_with`] for a text whose first `headline` bytes are a record's
    /// title ([`crate::corpus::Document::title`]), which is then its headline.
    pub fn annotate_titled(
        &self,
        text: &str,
        headline: Option<usize>,
        scratch: &mut Scratch,
    ) -> Annotation {
        let facts = DocumentFacts {
            headline,
            ..DocumentFacts::default()
        };
        self.annotate_in(text, facts, scratch)
    }

    /// [`Annotator::annotate_with`] with what is known of the document besides its text.
    pub fn annotate_in(
        &self,
        text: &str,
        facts: DocumentFacts,
        scratch: &mut Scratch,
    ) -> Annotation {
        let date = facts.date;
        // Titles name someone only in a dated document.
        let titles = date.is_some().then_some(&mut scratch.titles);
        let cues = Some(&mut scratch.cues);
        self.matcher
            .find(text, &mut scratch.candidates, titles, cues);
        roles::drop_out_of_date(self.gazetteer, date, &mut scratch.candidates);
        let segments = segment(text);
        let parts = parts_with(text, &segments, facts.headline, &mut scratch.cues);
        let (mut mentions, mut unresolved) =
            self.resolve(text, &mut scratch.candidates, &segments, &parts);
        let (g, at) = ((self.gazetteer, &self.matcher), (&segments, &parts));
        let out = (&mut mentions, &mut unresolved);
        roles::resolve_titles(g, text, date, at, &scratch.titles, out);
        Annotation {
            mentions,
            segments,
            unresolved,
            parts,
        }
    }

    fn resolve(
        &self,
        text: &str,
        candidates: &mut Vec<Candidate>,
        segments: &Segments,
        parts: &Parts,
    ) -> (Vec<Mention>, Vec<Unresolved>) {
        // Entities the document names in full, by an alias no other entity shares and that
        // needs no context.
        let context = self.gazetteer.context();
        let named: HashSet<EntityId> = candidates
            .iter()
            .flat_map(|c| &c.readings)
            .filter(|r| r.form != Form::Partial && !r.ambiguous && !context.gated(r.alias))
            .map(|r| r.entity)
            .collect();

        for candidate in candidates.iter_mut() {
            if candidate.readings.iter().all(|r| r.form != Form::Partial) {
                continue;
            }
            let keep_partial = candidate.readings.iter().all(|r| r.form == Form::Partial)
                && !inside_another_name(text, candidate.start, candidate.end);
            candidate
                .readings
                .retain(|r| r.form != Form::Partial || (keep_partial && named.contains(&r.entity)));
        }
        candidates.retain(|c| !c.readings.is_empty());
        let surnames = self.drop_borrowed_names(text, candidates, parts);
        let evidence = context::Evidence {
            text,
            segments,
            named: &named,
            surnames: &surnames,
            candidates,
        };

        let mut mentions = Vec::new();
        let mut unresolved = Vec::new();
        let mut covered_to = 0;
        // Sorted by start, longest first: the first candidate at each free position wins.
        for candidate in candidates.iter() {
            if candidate.start < covered_to {
                continue;
            }
            covered_to = candidate.end;
            let reading = match self.decide(candidate, &evidence) {
                Ok(reading) => reading,
                Err(reason) => {
                    let mut entities: Vec<EntityId> =
                        candidate.readings.iter().map(|r| r.entity).collect();
                    entities.sort_unstable();
                    entities.dedup();
                    unresolved.push(Unresolved {
                        start: candidate.start,
                        end: candidate.end,
                        candidates: entities,
                        reason,
                    });
                    continue;
                }
            };
            mentions.push(Mention {
                start: candidate.start,
                end: candidate.end,
                entity: reading.entity,
                form: reading.form,
                paragraph: segments.paragraph_at(candidate.start) as u32,
                sentence: segments.sentence_at(candidate.start) as u32,
                part: parts.part_at(candidate.start),
            });
        }
        (mentions, unresolved)
    }

    /// Drops the readings of places, states and groups where their name is borrowed: a
    /// person's surname (`Michael Jordan`, `Mr. Wagner`), a place or state as a team in a
    /// results line (`CHICAGO 4 Montreal 3`) or, for places, states and `strict` groups,
    /// part of a longer capitalised name (`Sheffield United`, `Air France`, `New York Stock
    /// Exchange`: on eng.train, 163 false alarms fewer for 57 places missed). Returns the
    /// aliases read as surnames.
    fn drop_borrowed_names(
        &self,
        text: &str,
        candidates: &mut Vec<Candidate>,
        parts: &Parts,
    ) -> Vec<u32> {
        // A neighbouring word that is itself a name (`Paris, Texas` without the comma) does
        // not make a longer name.
        // Sorted, for binary search: cheaper per document than hashing every candidate.
        let starts: Vec<usize> = candidates.iter().map(|c| c.start).collect();
        // A demonym before a name makes a longer one (`Indonesian Democratic Party`).
        let mut ends: Vec<usize> = candidates
            .iter()
            .filter(|c| c.readings.iter().any(|r| r.form != Form::Demonym))
            .map(|c| c.end)
            .collect();
        ends.sort_unstable();
        let (starts, ends) = (Offsets(&starts), Offsets(&ends));
        // A borrowed name is borrowed whole: `KANSAS` in `KANSAS CITY 4` is not Kansas either.
        let mut borrowed_to = 0;
        let mut surnames = Vec::new();
        for candidate in candidates.iter_mut() {
            let (start, end) = (candidate.start, candidate.end);
            if end <= borrowed_to {
                candidate.readings.clear();
                continue;
            }
            // Only places, states and groups are borrowed: most candidates are not looked at.
            let lends = |r: &Reading| r.kind != Kind::Person && r.form != Form::Demonym;
            if !candidate.readings.iter().any(lends) {
                continue;
            }
            let before = word_before(text, start);
            let given = before.is_some_and(|(at, word)| {
                is_first_name(word) && !ends.contains(&word_end(at, word))
            });
            let surname = given || before.is_some_and(|(_, word)| is_honorific(word));
            // A full name in the document (`Michael Jordan`, not `Miss Venezuela`, the
            // `Clinton White House` or an acronym after a name) makes its one-word surname
            // doubtful elsewhere in it.
            let surface = &text[start..end];
            let full_name = given
                && !surface.contains(char::is_whitespace)
                && surface.contains(char::is_lowercase);
            let team = results_line(text, end);
            let mut longer = None;
            let mut title_case = None;
            let before = candidate.readings.len();
            candidate.readings.retain(|r| {
                if !lends(r) {
                    return true;
                }
                if full_name && !surnames.contains(&r.alias) {
                    surnames.push(r.alias);
                }
                // In a title-case headline every word is capitalised: only the strict
                // names (the world places, which clubs and firms borrow) still give way.
                // Headlines only: in the body, a line of capitalised words is a table or a
                // list of names (`U.S. Treasury Balances At Fed`), where the rule holds.
                let borrowed = surname
                    || (r.kind != Kind::Group && team)
                    || ((r.strict || r.kind != Kind::Group)
                        && *longer.get_or_insert_with(|| {
                            part_of_longer_name(text, start, end, starts, ends)
                        })
                        && (r.strict
                            || !*title_case.get_or_insert_with(|| match parts.span_at(start) {
                                Some((line, Part::Headline)) => in_title_case(&text[line.clone()]),
                                _ => false,
                            })));
                !borrowed
            });
            if candidate.readings.len() < before {
                borrowed_to = borrowed_to.max(end);
            }
        }
        candidates.retain(|c| !c.readings.is_empty());
        surnames
    }

    /// The reading a candidate stands for, or `None` when the document leaves it ambiguous;
    /// `evidence` adds what context rules say for a reading to its score.
    fn choose(
        &self,
        readings: &[Reading],
        named: &HashSet<EntityId>,
        evidence: impl Fn(&Reading) -> u8,
    ) -> Option<Reading> {
        let first = readings[0];
        if readings.iter().all(|r| r.entity == first.entity) {
            return Some(first);
        }
        let score = |r: &Reading| {
            let country_named = self
                .country_state(r.entity)
                .is_some_and(|state| named.contains(&state));
            2 * u8::from(named.contains(&r.entity)) + u8::from(country_named) + evidence(r)
        };
        let best = readings.iter().map(score).max()?;
        let mut winners = readings.iter().filter(|r| score(r) == best);
        let winner = *winners.next()?;
        if best == 0 || winners.any(|r| r.entity != winner.entity) {
            return None;
        }
        Some(winner)
    }

    /// The state of an entity's country, other than the entity itself.
    fn country_state(&self, entity: EntityId) -> Option<EntityId> {
        self.gazetteer
            .entity(entity)
            .country
            .as_deref()
            .and_then(|c| self.gazetteer.state_of_country(c))
            .filter(|&state| state != entity)
    }
}

/// Whether `start..end` is one word of a longer name: joined by a space or hyphen to a
/// capitalised word after it, or to a capitalised word before it that is not a title.
fn inside_another_name(text: &str, start: usize, end: usize) -> bool {
    let joined =
        |gap: &str| !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}');

    let after = &text[end..];
    let gap_len = after.len() - after.trim_start_matches([' ', '-', '\u{a0}']).len();
    let next_word = after[gap_len..].chars().next();
    if joined(&after[..gap_len]) && next_word.is_some_and(char::is_uppercase) {
        return true;
    }

    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '-', '\u{a0}']);
    if !joined(&before[trimmed.len()..]) {
        return false;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    word.chars().next().is_some_and(char::is_uppercase) && !is_title_or_function_word(word)
}

/// Sorted byte offsets of candidate starts or ends.
#[derive(Clone, Copy)]
struct Offsets<'a>(&'a [usize]);

impl Offsets<'_> {
    fn contains(&self, offset: &usize) -> bool {
        self.0.binary_search(offset).is_ok()
    }
}

/// The word joined to `start` by a single space (or no-break space), with its byte offset:
/// `("Michael", 0)` for `Jordan` in `Michael Jordan`; a trailing dot is kept (`Mr.`).
fn word_before(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = &text[..start];
    let trimmed = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('\u{a0}'))?;
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    (!word.is_empty()).then_some((word_start, word))
}

/// The word joined to `end` by a single space, with its byte offset.
fn word_after(text: &str, end: usize) -> Option<(usize, &str)> {
    let after = text[end..]
        .strip_prefix(' ')
        .or_else(|| text[end..].strip_prefix('\u{a0}'))?;
    let at = text.len() - after.len();
    let len = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    (len > 0).then(|| (at, &after[..len]))
}

fn word_end(at: usize, word: &str) -> usize {
    at + word.trim_end_matches('.').len()
}

/// A capitalised given name that is not also a common word or a month: `Michael`, `Ulrich`,
/// but not `Long`, `Will` or `June`, which start sentences and dates.
fn is_first_name(word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = word.to_lowercase();
    is_given_name(&lower) && !is_common_word(&lower) && !is_direction_or_date(&lower)
}

/// `Mr.`, `Mrs`, `Dr.`, `Sir`...: what only stands before a person's name, capitalised (the
/// verb in `will miss England's opening` is no title).
fn is_honorific(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && List::Honorifics.contains(&word.trim_end_matches('.').to_lowercase())
}

/// Whether `start..end` runs together with a capitalised word that is not a name of its own,
/// a title or a function word: `Sheffield United`, `Real Madrid`, `Sydney Morning Herald`.
/// In a line of capitals (a headline) every word is capitalised, so that tells nothing.
fn part_of_longer_name(
    text: &str,
    start: usize,
    end: usize,
    starts: Offsets,
    ends: Offsets,
) -> bool {
    let surface = &text[start..end];
    let capitals = is_capitals(surface);
    let extends = |word: &str, free: bool| {
        free && word.chars().next().is_some_and(char::is_uppercase)
            && !(capitals && is_capitals(word))
            && !is_title_or_function_word(word.trim_end_matches('.'))
            && !is_direction_or_date(word)
    };
    // A word that ends with a full stop ends a sentence (`on Wednesday. Saudi Arabia`) or
    // is an abbreviation, which titles are; a possessive names another thing (`Syria's
    // Homs`); a word that starts a sentence is capitalised whatever it is (`Underscoring
    // Libya's volatility`, `Two U.S. officials`).
    word_after(text, end).is_some_and(|(at, word)| extends(word, !starts.contains(&at)))
        || word_before(text, start).is_some_and(|(at, word)| {
            extends(
                word,
                !word.ends_with('.')
                    && !word.ends_with("'s")
                    && !starts_sentence(text, at)
                    && !ends.contains(&word_end(at, word)),
            )
        })
}

/// Whether a headline is written in title case (`Russia Looks East`, `Trump Blasts Germany
/// Over Trade Deficit`): three capitalised words or more, and no lowercase word but those
/// title case leaves so.
fn in_title_case(line: &str) -> bool {
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        match word.chars().next() {
            Some(first) if first.is_uppercase() => capitalised += 1,
            Some(first) if first.is_lowercase() && !List::TitleCaseMinor.contains(word) => {
                return false;
            }
            _ => {}
        }
    }
    capitalised >= 3
}

/// Whether the word at `at` starts the text, a line or a sentence.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':', '"', '“', '‘', '\''])
}

fn is_capitals(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// Words that qualify a place without renaming it (`Northern`, `Greater`) or follow it in a
/// dateline (`Monday`, `August`).
fn is_direction_or_date(word: &str) -> bool {
    List::DirectionsAndDates.contains(&word.to_lowercase())
}

/// Whether a score follows: `CHICAGO 4 Montreal 3`, `Leeds 2 Everton 0`.
fn results_line(text: &str, end: usize) -> bool {
    let Some(after) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && after[digits..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace())
}

/// Capitalised words that may stand right before a surname without being part of the name.
fn is_title_or_function_word(word: &str) -> bool {
    List::Titles.contains(&word.to_lowercase())
}

#[cfg(test)]
mod tests;
