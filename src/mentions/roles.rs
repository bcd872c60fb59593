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

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashSet as HashSet;

use super::{Mention, is_first_name, word_after, word_before};
use crate::error::Result;
use crate::gazetteer::{EntityId, Form, Gazetteer, Kind, OfficeId};
use crate::matcher::{Candidate, WholeWords};
use crate::text::Segments;
use crate::text::fold::fold_str;

/// The titles of a gazetteer's offices, compiled.
#[derive(Debug, Clone)]
pub(super) struct Titles {
    /// `None` when no office has a title.
    words: Option<WholeWords>,
    /// For each pattern of `words`, the offices it names.
    offices: Vec<Vec<OfficeId>>,
}

impl Titles {
    pub(super) fn new(gazetteer: &Gazetteer) -> Result<Titles> {
        let mut by_pattern: BTreeMap<String, Vec<OfficeId>> = BTreeMap::new();
        for (index, office) in gazetteer.offices().iter().enumerate() {
            for title in &office.titles {
                let offices = by_pattern.entry(fold_str(title)).or_default();
                offices.push(OfficeId(index as u16));
                offices.dedup();
            }
        }
        let words = if by_pattern.is_empty() {
            None
        } else {
            Some(WholeWords::new(
                by_pattern.keys().map(|t| (t.as_str(), true)),
            )?)
        };
        Ok(Titles {
            words,
            offices: by_pattern.into_values().collect(),
        })
    }

    /// Adds to `mentions` (in text order) the titles of a document of `date` that name a
    /// holder, in place of the mentions inside them.
    pub(super) fn resolve(
        &self,
        gazetteer: &Gazetteer,
        text: &str,
        date: Option<NaiveDate>,
        segments: &Segments,
        mentions: &mut Vec<Mention>,
        unresolved: &mut usize,
    ) {
        let (Some(date), Some(words)) = (date, &self.words) else {
            return;
        };
        let mut found = Vec::new();
        words.find(text, |pattern, range| found.push((range, pattern)));
        if found.is_empty() {
            return;
        }
        found.sort_by(|(a, _), (b, _)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let named: HashSet<EntityId> = mentions.iter().map(|m| m.entity).collect();
        let mut titles = Vec::new();
        let mut covered_to = 0;
        for (range, pattern) in found {
            let (start, end) = (range.start, range.end);
            if start < covered_to || !refers_to_incumbent(text, start, end) {
                continue;
            }
            // A longer name around or across the title wins, as longer aliases do.
            let crossed = mentions
                .iter()
                .any(|m| m.start < end && start < m.end && (m.start < start || m.end > end));
            let next = mentions.iter().find(|m| m.start >= end);
            let names_follow = next.is_some_and(|m| {
                let gap = &text[end..m.start];
                gap.len() <= 3
                    && gap.chars().all(|c| matches!(c, ' ' | ',' | '\u{a0}'))
                    && gazetteer.entity(m.entity).kind == Kind::Person
            }) || word_after(text, end)
                .is_some_and(|(_, word)| is_first_name(word));
            if crossed || names_follow {
                continue;
            }
            covered_to = end;
            // `envoy for Syria`: the entity the title says it is for.
            let for_entity = word_after(text, end)
                .filter(|(_, word)| ["for", "to", "on"].contains(&word.to_lowercase().as_str()))
                .and_then(|(at, word)| {
                    let next = next.filter(|m| m.start == at + word.len() + 1)?;
                    Some(next.entity)
                });
            let mut offices = self.offices[pattern].iter().copied().filter(|&office| {
                let context = gazetteer.office_context(office);
                let about = for_entity.is_none_or(|e| context.is_empty() || context.contains(&e));
                about && (context.is_empty() || context.iter().any(|e| named.contains(e)))
            });
            let (Some(office), more) = (offices.next(), offices.next()) else {
                continue;
            };
            if more.is_some() {
                *unresolved += 1;
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
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;
    use crate::mentions::{Annotator, Scratch};

    const GAZETTEER: &str = r#"(
        offices: [
            (id: "ru_defence", name: "Defence minister of Russia",
             titles: ["Russia's defence minister", "Russian defence minister"]),
            (id: "un_libya", name: "UN envoy for Libya", titles: ["U.N. envoy", "U.N. Libya envoy"], context: ["libya"]),
            (id: "un_syria", name: "UN envoy for Syria", titles: ["U.N. envoy"], context: ["syria"]),
        ],
        entities: [
            (id: "russia", kind: "state", name: "Russia", demonyms: ["Russian"]),
            (id: "libya", kind: "state", name: "Libya"),
            (id: "syria", kind: "state", name: "Syria"),
            (id: "united_nations", kind: "group", name: "United Nations", aliases: ["U.N."]),
            (id: "sergei_shoigu", kind: "person", name: "Sergei Shoigu",
             dated: [(office: "ru_defence", from: "2012-11-06", until: "2024-05-12")]),
            (id: "andrei_belousov", kind: "person", name: "Andrei Belousov",
             dated: [(office: "ru_defence", from: "2024-05-14")]),
            (id: "ghassan_salame", kind: "person", name: "Ghassan Salame",
             dated: [(office: "un_libya", from: "2017-06-22", until: "2020-03-02")]),
            (id: "geir_pedersen", kind: "person", name: "Geir Pedersen",
             dated: [(office: "un_syria", from: "2019-01-07")]),
            (id: "wagner_group", kind: "group", name: "Wagner Group",
             dated: [(affiliation: "africa_corps", from: "2024", note: "in Africa")]),
            (id: "africa_corps", kind: "group", name: "Russian Africa Corps",
             dated: [(alias: "Africa Corps", from: "2024")]),
        ],
    )"#;

    fn date(text: &str) -> Option<NaiveDate> {
        crate::gazetteer::dated::parse_iso_date(text)
    }

    /// `(text, entity id, form)` of every mention of `text` on `date`, and the unresolved count.
    fn annotate(text: &str, on: &str) -> (Vec<(String, String, String)>, usize) {
        let g = GazetteerBuilder::new()
            .source("test.ron", GAZETTEER)
            .build()
            .unwrap();
        let annotator = Annotator::new(&g).unwrap();
        let a = annotator.annotate_dated(text, date(on), &mut Scratch::default());
        let found = a.mentions.iter().map(|m| {
            let entity = g.entity(m.entity).id.clone();
            (
                text[m.start..m.end].to_owned(),
                entity,
                m.form.describe(&g).into_owned(),
            )
        });
        (found.collect(), a.unresolved)
    }

    fn ids(text: &str, on: &str) -> Vec<String> {
        annotate(text, on)
            .0
            .into_iter()
            .map(|(_, id, _)| id)
            .collect()
    }

    #[test]
    fn titles_name_the_holder_on_the_documents_date() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Russia's defence minister flew in.",
                "2023-06-01",
                &["sergei_shoigu"],
            ),
            (
                "Russia's defence minister flew in.",
                "2025-03-01",
                &["andrei_belousov"],
            ),
            (
                "Russia's defence minister flew in.",
                "2024-05-12",
                &["sergei_shoigu"],
            ),
            // Between the two terms nobody held the post: Russia is still named.
            (
                "Russia's defence minister flew in.",
                "2024-05-13",
                &["russia"],
            ),
            (
                "Russia's defence minister flew in.",
                "2012-01-01",
                &["russia"],
            ),
            // Undated: no title is resolved.
            ("Russia's defence minister flew in.", "", &["russia"]),
            (
                "the Russian defence minister said",
                "2025-03-01",
                &["andrei_belousov"],
            ),
            // The title qualifies a name, or someone else's term.
            (
                "Russian defence minister Sergei Shoigu said",
                "2025-03-01",
                &["russia", "sergei_shoigu"],
            ),
            (
                "the former Russian defence minister said",
                "2025-03-01",
                &["russia"],
            ),
            (
                "Russia's deputy defence minister said",
                "2025-03-01",
                &["russia"],
            ),
            // Context: the U.N. envoy of a document about Libya; about both, unresolved.
            (
                "The U.N. envoy met Libya's rivals.",
                "2019-05-05",
                &["ghassan_salame", "libya"],
            ),
            (
                "The U.N. envoy spoke in Geneva.",
                "2019-05-05",
                &["united_nations"],
            ),
            (
                "The U.N. Libya envoy resigned.",
                "2019-05-05",
                &["ghassan_salame"],
            ),
            (
                "The U.N. envoy left Libya for Syria.",
                "2019-05-05",
                &["united_nations", "libya", "syria"],
            ),
            // A title for something else, a description, or before an unknown name.
            // "for Syria" picks the Syria envoy, though Libya is named too.
            (
                "The U.N. envoy for Syria met Libya's rivals.",
                "2019-05-05",
                &["geir_pedersen", "syria", "libya"],
            ),
            (
                "while he was the Russian defence minister",
                "2023-06-01",
                &["russia"],
            ),
            (
                "as the Russian defence minister, he",
                "2023-06-01",
                &["russia"],
            ),
            (
                "the next Russian defence minister",
                "2023-06-01",
                &["russia"],
            ),
            (
                "the 10th Russian defence minister",
                "2023-06-01",
                &["russia"],
            ),
            ("a Russian defence minister", "2023-06-01", &["russia"]),
            (
                "Russian defence minister visits Syria",
                "2023-06-01",
                &["sergei_shoigu", "syria"],
            ),
            (
                "He said. Russia's defence minister agreed",
                "2023-06-01",
                &["sergei_shoigu"],
            ),
            (
                "when Russia's defence minister visited",
                "2023-06-01",
                &["sergei_shoigu"],
            ),
            (
                "when he was Russia's defence minister",
                "2023-06-01",
                &["russia"],
            ),
            (
                "Russian defence minister Ivan Petrov said",
                "2023-06-01",
                &["russia"],
            ),
        ];
        for (text, on, want) in cases {
            assert_eq!(ids(text, on), *want, "{text} on {on:?}");
        }
    }

    #[test]
    fn titles_record_their_office_and_ambiguity_is_counted() {
        let (found, unresolved) = annotate("Russia's defence minister flew in.", "2023-06-01");
        let title = (
            "Russia's defence minister",
            "sergei_shoigu",
            "title:ru_defence",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((&*found[0].0, &*found[0].1, &*found[0].2), title);
        assert_eq!(unresolved, 0);
        let (_, unresolved) = annotate("The U.N. envoy left Libya for Syria.", "2019-05-05");
        assert_eq!(unresolved, 1, "two offices fit");
    }

    #[test]
    fn dated_aliases_count_in_their_window_and_in_undated_documents() {
        let text = "The Africa Corps arrived.";
        for (on, want) in [
            ("2023-12-31", &[][..]),
            ("2024-01-01", &["africa_corps"]),
            ("", &["africa_corps"]),
        ] {
            assert_eq!(ids(text, on), want, "{on:?}");
        }
        // The undated name is not restricted.
        assert_eq!(
            ids("The Russian Africa Corps arrived.", "2020-01-01"),
            ["africa_corps"]
        );
    }

    #[test]
    fn affiliations_hold_in_their_window() {
        let g = GazetteerBuilder::new()
            .source("test.ron", GAZETTEER)
            .build()
            .unwrap();
        let (wagner, corps) = (
            g.lookup("wagner_group").unwrap(),
            g.lookup("africa_corps").unwrap(),
        );
        assert_eq!(g.affiliations_on(wagner, date("2023-12-31")), []);
        assert_eq!(g.affiliations_on(wagner, date("2024-01-01")), [corps]);
        assert_eq!(g.affiliations_on(wagner, None), [corps]);
        let dated: Vec<_> = g.dated_affiliations(wagner).collect();
        assert_eq!(dated[0].note.as_deref(), Some("in Africa"));
    }
}
