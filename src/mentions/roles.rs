//! Names and roles that change: dated aliases, and titles used as names.
//!
//! In a dated document an alias restricted to a window (see [`crate::gazetteer::dated`])
//! counts only inside it, and the title of an office (`Russia's defence minister`, `the U.N.
//! envoy`) is a mention of whoever held the office on that date, with the form
//! [`Form::Title`] recording the office. A title is no mention:
//!
//! * in an undated document: nothing tells whose term it falls in, so it is not guessed (and
//!   not counted as unresolved); an undated document counts every dated alias, as nothing
//!   tells it falls outside the window either;
//! * when nobody is known to have held the office on that date;
//! * when it qualifies a name that follows (`Russian Defence Minister Sergei Shoigu`, `the
//!   U.N. envoy, Ghassan Salamé`, `U.S. Secretary of State Henry Kissinger`): the name, known
//!   or not, is the person;
//! * when it does not refer to someone: a title counts at the start of a sentence or line
//!   (a headline), after `the`, or, for a possessive title (`Russia's defence minister`),
//!   after any word; never after a predicate (`while she was U.S. secretary of state`, `as the
//!   U.N. envoy`), nor after `former`, `ex-`, `then`, `late`, `deputy`, `vice`, `outgoing`,
//!   `previous`, `next`, `future` or an ordinal (`the 69th`): someone else held the office then;
//! * when an office has a `context` and the document names none of it (`the U.N. envoy` is
//!   the Libya envoy only in a document about Libya), or the title says it is for something
//!   else (`the U.N. envoy for Syria`); when two offices fit, it is counted as unresolved.
//!
//! A title covers the names inside it: `Russia's defence minister` is a mention of the
//! minister, not of Russia, as `Libyan National Army` is not a mention of Libya.

use chrono::NaiveDate;
use rustc_hash::FxHashSet as HashSet;

use super::context::{Reason, Unresolved};
use super::{Mention, is_first_name, word_after, word_before};
use crate::gazetteer::{EntityId, Form, Gazetteer, Kind};
use crate::matcher::{Candidate, Matcher, TitleMatch};
use crate::text::{Parts, Segments};

/// Adds to `mentions` (in text order) the titles of a document of `date` that name a holder,
/// in place of the mentions inside them. `found` holds the titles the matcher found in
/// `text`, ordered by start then longest first.
pub(super) fn resolve_titles(
    (gazetteer, matcher): (&Gazetteer, &Matcher),
    text: &str,
    date: Option<NaiveDate>,
    (segments, parts): (&Segments, &Parts),
    found: &[TitleMatch],
    (mentions, unresolved): (&mut Vec<Mention>, &mut Vec<Unresolved>),
) {
    let Some(date) = date else {
        return;
    };
    if found.is_empty() {
        return;
    }
    let named: HashSet<EntityId> = mentions.iter().map(|m| m.entity).collect();
    let mut titles = Vec::new();
    let mut covered_to = 0;
    for title in found {
        let (start, end) = (title.span.start, title.span.end);
        if start < covered_to || !refers_to_incumbent(text, start, end) {
            continue;
        }
        if yields_to_a_name(gazetteer, text, start..end, mentions) {
            continue;
        }
        covered_to = end;
        let for_entity = said_to_be_for(text, end, mentions);
        let mut offices = matcher.offices(title).iter().copied().filter(|&office| {
            let context = gazetteer.office_context(office);
            let about = for_entity.is_none_or(|e| context.is_empty() || context.contains(&e));
            about && (context.is_empty() || context.iter().any(|e| named.contains(e)))
        });
        let (Some(office), more) = (offices.next(), offices.next()) else {
            continue;
        };
        if let Some(second) = more {
            // Two offices fit: their holders on the date are the candidates.
            let offices = [office, second].into_iter().chain(offices);
            let mut candidates: Vec<EntityId> =
                offices.filter_map(|o| gazetteer.holder(o, date)).collect();
            candidates.sort_unstable();
            candidates.dedup();
            let reason = Reason::Undecided;
            unresolved.push(Unresolved {
                start,
                end,
                candidates,
                reason,
            });
            continue;
        }
        if let Some(holder) = gazetteer.holder(office, date) {
            titles.push(Mention {
                start,
                end,
                entity: holder,
                form: Form::Title(office),
                paragraph: segments.paragraph_at(start) as u32,
                sentence: segments.sentence_at(start) as u32,
                part: parts.part_at(start),
            });
        }
    }
    if titles.is_empty() {
        return;
    }
    mentions.retain(|m| !titles.iter().any(|t| m.start < t.end && t.start < m.end));
    mentions.extend(titles);
    mentions.sort_unstable();
}

/// Whether the title at `span` gives way to a name: a longer name around or across it (as
/// longer aliases win), or a person's name right after it (`Defence Minister Sergei Shoigu`
/// is a mention of the name, not of the title).
fn yields_to_a_name(
    gazetteer: &Gazetteer,
    text: &str,
    span: std::ops::Range<usize>,
    mentions: &[Mention],
) -> bool {
    let (start, end) = (span.start, span.end);
    let crossed = mentions
        .iter()
        .any(|m| m.start < end && start < m.end && (m.start < start || m.end > end));
    let next = mentions.iter().find(|m| m.start >= end);
    let names_follow = next.is_some_and(|m| {
        let gap = &text[end..m.start];
        gap.len() <= 3
            && gap.chars().all(|c| matches!(c, ' ' | ',' | '\u{a0}'))
            && gazetteer.entity(m.entity).kind == Kind::Person
    }) || word_after(text, end).is_some_and(|(_, word)| is_first_name(word));
    crossed || names_follow
}

/// The entity a title ending at `end` says it is for: `envoy for Syria`, `ambassador to Libya`.
fn said_to_be_for(text: &str, end: usize, mentions: &[Mention]) -> Option<EntityId> {
    let next = mentions.iter().find(|m| m.start >= end);
    word_after(text, end)
        .filter(|(_, word)| ["for", "to", "on"].contains(&word.to_lowercase().as_str()))
        .and_then(|(at, word)| {
            let next = next.filter(|m| m.start == at + word.len() + 1)?;
            Some(next.entity)
        })
}

/// Whether a title at `start..end` refers to whoever holds the office, judging by the words
/// before it (see the module's documentation).
fn refers_to_incumbent(text: &str, start: usize, end: usize) -> bool {
    /// Words that make a title someone else's, or a description rather than a reference.
    const NOT_THE_INCUMBENT: &[&str] = &[
        "former", "ex", "then", "late", "deputy", "vice", "outgoing", "previous", "next", "future",
        "a", "an",
    ];
    /// Words after which a title describes what someone is or was.
    const PREDICATES: &[&str] = &[
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "as",
        "become",
        "becomes",
        "became",
        "remain",
        "remains",
        "remained",
        "named",
        "appointed",
        "nominated",
        "serve",
        "serves",
        "served",
        "serving",
        "for",
    ];
    let before = &text.as_bytes()[..start];
    if before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"ex-") {
        return false;
    }
    let lower = |word: &str| word.trim_end_matches('.').to_lowercase();
    let Some((at, word)) = word_before(text, start) else {
        return true; // a sentence, line or headline starts with it
    };
    if word.ends_with('.') && !word[..word.len() - 1].contains('.') && lower(word).len() > 2 {
        return true; // after a full stop: `... said. Russia's defence minister ...`
    }
    let word = lower(word);
    let ordinal = word.starts_with(|c: char| c.is_ascii_digit());
    if ordinal || NOT_THE_INCUMBENT.contains(&word.as_str()) {
        return false;
    }
    let possessive = text[start..end].contains("'s") || text[start..end].contains("\u{2019}s");
    if word == "the" {
        let predicate =
            word_before(text, at).is_some_and(|(_, w)| PREDICATES.contains(&lower(w).as_str()));
        return !predicate;
    }
    possessive && !PREDICATES.contains(&word.as_str())
}

/// Drops the readings of aliases whose window does not hold `date`.
pub(super) fn drop_out_of_date(
    gazetteer: &Gazetteer,
    date: Option<NaiveDate>,
    candidates: &mut Vec<Candidate>,
) {
    if date.is_none() {
        return;
    }
    for candidate in candidates.iter_mut() {
        candidate
            .readings
            .retain(|r| gazetteer.alias_holds(r.alias, date));
    }
    candidates.retain(|c| !c.readings.is_empty());
}

#[cfg(test)]
mod tests;
