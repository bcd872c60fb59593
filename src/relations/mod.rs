//! Typed relations between mentions: who meets, backs, arms, fights, leads whom, and where.
//!
//! A dictionary coder in the tradition of PETRARCH and TABARI, without a parser: a rules file
//! lists relation types, each with cue phrases and the place of its two arguments around the
//! cue; the extractor finds the cues with one Aho-Corasick automaton (whole words, text folded
//! like aliases) and binds the arguments to the mentions [`crate::mentions`] already found in
//! the same sentence. Every [`Relation`] carries the spans of both arguments and of the cue,
//! the sentence and the rule that fired, so each edge of the graph can be checked by a reader.
//!
//! The shipped rules are `gazetteers/relations.ron` (embedded in the binary); the file's
//! header documents the format, which is summarised here.
//!
//! # Rules
//!
//! A relation type has a `name` (the edge kind in the graph), whether it is `symmetric`
//! (`meets`, `fights`: stored with the smaller id as subject, drawn without arrowhead), the
//! entity kinds allowed as `subject` and `object` (`person`, `state`, `group`, `place`, and
//! `seat` for the places listed under `seats`, such as Moscow, that stand for their
//! government), and its rules. A rule has a `name` (written in the evidence), `cues` and a
//! `pattern` saying where the subject `S` and object `O` lie around the `cue`:
//!
//! | pattern     | example                                            |
//! |-------------|----------------------------------------------------|
//! | `S cue O`   | *Russia **backed** Haftar*                         |
//! | `O cue S`   | *the LNA, **backed by** Russia*; *Russian **President** Putin* |
//! | `S-cue O`   | *Russia-**backed** LNA* (S glued to the cue by a hyphen) |
//! | `O-cue S`   | *Britain-**based** Syrian Observatory*             |
//! | `cue O S`   | ***Commander of** the LNA, General Khalifa Haftar* |
//! | `cue S O`   | ***visits by** Yevkurov to Haftar*                 |
//! | `S O cue`   | *Babar Baloch, UNHCR **spokesman***; *X and Y **clashed*** |
//!
//! Each of the two gaps between consecutive elements may be constrained (`gaps`): at most
//! `max` words, `only` these words, `needs` one of these words or punctuation marks, `not`
//! these. A gap never contains another mention, except hyphenated modifiers (`U.S.-led`),
//! which are never arguments unless glued to the cue, and never crosses a barrier (`said`,
//! `but`, `;`, ...) unless the gap's `needs` or `only` lists it. A cue that starts with
//! punctuation (`,` or `'s`) is matched in the text between two neighbouring mentions instead
//! (`Mosul, Iraq`; `Syria's Homs`).
//!
//! # Binding
//!
//! Cues are looked for in each sentence with at least two entities. Overlapping cues resolve
//! to the leftmost, then longest; when the longest cue at a place binds nothing and ends with
//! a preposition (`open_endings`), the shorter cues there are tried (`official of operations
//! Zulkifli` is the title `official`). For each cue, the rules listing it are tried in file
//! order and the first that binds wins. A cue hyphenated to the word before it (`Kremlin-backed`) is read
//! only by rules that glue an argument there.
//!
//! Arguments are the nearest mentions in the pattern's direction, with these refinements,
//! each listed in the rules file where it depends on words:
//!
//! * passed over: a bracketed repeat of the argument just bound (`UNHCR (UNHCR)`), and
//!   hyphenated modifiers (`U.S.-led`), which are arguments only when glued to the cue;
//! * a nationality adjective right before a name belongs to it: `meeting with Russian Foreign
//!   Minister Sergei Lavrov` binds Lavrov, `Russia is one of Syrian President Assad's allies`
//!   binds Russia; a possessor in apposition gives way to its head (`received Haftar's rival,
//!   Fayez Serraj` binds Serraj), unless a preposition ends its phrase (`prepositions`:
//!   `Russia's support for Haftar`);
//! * a nationality adjective stands for its state only before an agent noun (`agents`:
//!   `Russian officials`, `Iraqi forces`), never before other nouns (`an attack on Libyan oil
//!   firm` binds no Libya);
//! * an actor's subject before its cue is never in a place phrase (`locatives`: `some people
//!   in the Kremlin, which favors backing Haftar` gives nothing), nor a possessor whose phrase
//!   a comma closes (`North Korea's oil, has backed`);
//! * a reporting verb followed by a pronoun that resumes the subject is no barrier
//!   (`reporting`, `resumptive`: `Russia said it backs Haftar`);
//! * arguments coordinated with `and`, `or` and commas (`coordination`) are all bound (`the
//!   UAE or Egypt, who back Haftar`) when subject and object lie on both sides of the cue and
//!   the list has an `and` or `or` (`New York City, U.S.` is no list), except for titles
//!   (`coordinate: false`);
//! * a type marked `contained` (located_in) needs the object to be a larger place than the
//!   subject, by `place_ranks` of gazetteer categories (town < region < state).
//!
//! A relation is **negated** when a negation cue (`not`, `never`, `n't`, `denies`, `refused`,
//! ...) lies in a gap before the cue, or within `negation_window` words before a cue that
//! starts its pattern. Negated relations are kept and marked, never dropped. A sentence that
//! states the same relation twice (same arguments, type and negation) counts it once.
//!
//! # Measured quality
//!
//! `tests/relations_gold.rs` scores the shipped rules against 303 relations annotated by hand
//! in `seeds/` (guidelines in `tests/gold/relations.tsv`); it fails below precision 0.85 or
//! recall 0.6. The rules were developed on the same seeds, so their score there is optimistic;
//! on unseen news (a random sample of 100 relations from the ISOT sample, judged by hand after
//! the rules were frozen) 87 were right.
//!
//! # Known limitations
//!
//! * No syntax: arguments are found by adjacency, so a relative clause, an apposition or a
//!   long parenthesis between a verb and its subject loses the relation (`Haftar, commander of
//!   the LNA, met Lavrov` binds the LNA as the one who met), pronouns are never arguments and
//!   a relation stated across sentences is not found.
//! * Modality is ignored: `Clinton will meet Sisi` and `Russia wants to back Haftar` give
//!   `meets` and `supports` like statements of fact; so do relations inside reported claims.
//! * Time is ignored: a former role is a role.
//! * Words have one sense per cue: `clashed with` is always fighting (also in debate),
//!   `targeted` always an attack; plural nationality nouns (`Syrians arrived`) stand for the
//!   state like `Russian officials` do.
//! * Seats of government act for their state only when listed (`seats`); other metonymy
//!   (`the White House`, `Beijing` when not listed) is taken literally.
//!
//! # Cost
//!
//! One Aho-Corasick DFA over the folded cues, run only on the stretch of each sentence
//! between its first and last mention (plus a margin); argument search looks at the mentions
//! of that sentence only and tokenizes short gaps without allocating for plain words. On the
//! ISOT news sample, extraction alone runs at about 200 MB/s on one core, after annotation.
//!
//! ```
//! use gazegraph::{gazetteer::Gazetteer, mentions::Annotator};
//! use gazegraph::relations::{Relations, RulesBuilder};
//!
//! let gazetteer = Gazetteer::builtin()?;
//! let annotator = Annotator::new(&gazetteer)?;
//! let relations = Relations::new(&RulesBuilder::new().builtin().build()?, &gazetteer)?;
//! let text = "The LNA, backed by Russia, attacked Tripoli. Moscow denies backing Haftar.";
//! let found: Vec<String> = relations
//!     .extract(text, &annotator.annotate(text))
//!     .iter()
//!     .map(|r| relations.describe(&gazetteer, r))
//!     .collect();
//! assert_eq!(found, [
//!     "russia supports libyan_national_army",
//!     "moscow supports khalifa_haftar NEGATED",
//! ]);
//! # Ok::<(), gazegraph::Error>(())
//! ```

mod bind;
mod builder;
mod checked;
mod extract;
mod model;
mod rules;
mod tokens;

#[cfg(test)]
mod tests;

pub use builder::{Rules, RulesBuilder};
pub use model::{Relation, RelationKind, Relations, RuleId};
pub use rules::{
    DEFAULT_MAX_GAP, DEFAULT_NEGATION_WINDOW, GapSpec, RelationRule, RelationSpec, RulesFile,
};

/// The shipped rules file, embedded so the binary works from any directory.
pub const BUILTIN: (&str, &str) = (
    "gazetteers/relations.ron",
    include_str!("../../gazetteers/relations.ron"),
);
