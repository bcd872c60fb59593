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
//! a preposition, the shorter cues there are tried (`official of operations Zulkifli` is the
//! title `official`). For each cue, the rules listing it are tried in file order and the
//! first that binds wins. A cue hyphenated to the word before it (`Kremlin-backed`) is read
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
//!   Fayez Serraj` binds Serraj);
//! * a nationality adjective stands for its state only before an agent noun (`agents`:
//!   `Russian officials`, `Iraqi forces`), never before other nouns (`an attack on Libyan oil
//!   firm` binds no Libya);
//! * an actor's subject before its cue is never in a place phrase (`locatives`: `some people
//!   in the Kremlin, which favors backing Haftar` gives nothing), nor a possessor whose phrase
//!   a comma closes (`North Korea's oil, has backed`);
//! * arguments coordinated with `and`, `or` and commas are all bound (`the UAE or Egypt, who
//!   back Haftar`) when subject and object lie on both sides of the cue and the list has an
//!   `and` or `or` (`New York City, U.S.` is no list), except for titles (`coordinate: false`);
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

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::{EntityId, Form, Gazetteer, Kind, ron_options};
use crate::matcher::WholeWords;
use crate::mentions::{Annotation, Mention};
use crate::text::fold::fold_str;

/// The shipped rules file, embedded so the binary works from any directory.
pub const BUILTIN: (&str, &str) = (
    "gazetteers/relations.ron",
    include_str!("../gazetteers/relations.ron"),
);

/// Default of [`GapSpec::max`]: words allowed between two elements of a pattern.
pub const DEFAULT_MAX_GAP: u32 = 3;

/// Default of [`RulesFile::negation_window`].
pub const DEFAULT_NEGATION_WINDOW: u32 = 4;

/// One rules file as written. Every list is added to those of the files loaded before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Words and phrases that mark a relation as negated (`not`, `n't`, `refused to`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negation: Vec<String>,
    /// Words before a cue that starts its pattern searched for negation; the last file that
    /// sets it wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_window: Option<u32>,
    /// Words and punctuation no gap may contain unless its `needs` or `only` lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub barriers: Vec<String>,
    /// Ids of places that may act for a government (`moscow`, `kremlin`): kind `seat`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<String>,
    /// Nouns after which a nationality adjective stands for its state (`Russian officials`,
    /// `Iraqi forces`): a nationality adjective bound after a cue must be followed by one of
    /// these, by punctuation, or by nothing (`attack on Libyan oil firm` binds no Libya).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agents: Vec<String>,
    /// Prepositions that put the mention after them in a place phrase: such a mention is
    /// never an actor's subject before its cue (`people in the Kremlin, which favors backing`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locatives: Vec<String>,
    /// Size rank of place categories (and `state`), for `contained` types; later files
    /// override single entries.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub place_ranks: BTreeMap<String, u32>,
    /// Relation types. A type named again in a later file gets that file's rules added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationSpec>,
}

/// A relation type and its rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    /// The type: lowercase letters and `_`, the edge kind in the graph (`supports`).
    pub name: String,
    /// Whether the relation has no direction (`meets`, `fights`); default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symmetric: Option<bool>,
    /// Kinds allowed as subject: `person`, `state`, `group`, `place`, `seat`. Required for a
    /// new type; when a later file extends a type it may be left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Vec<String>>,
    /// Kinds allowed as object, as for `subject`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Vec<String>>,
    /// The object must be a larger place than the subject, by `place_ranks`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contained: Option<bool>,
    /// The rules, tried in order for each cue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RelationRule>,
}

/// One rule: cue phrases and where the arguments lie around them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRule {
    /// Unique name, written in the evidence of what it finds (`supports.passive`).
    pub name: String,
    /// Cue phrases, matched as whole words with case, accents and punctuation folded; a cue
    /// starting with punctuation (`,`, `'s`) is matched between two neighbouring mentions.
    pub cues: Vec<String>,
    /// The order of subject, object and cue: `S cue O`, `O cue S`, `S-cue O`, `cue O S`, ...
    pub pattern: String,
    /// Constraints on the gap between the first and second, and second and third elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<GapSpec>,
    /// Narrows the type's subject kinds for this rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Vec<String>>,
    /// Narrows the type's object kinds for this rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Vec<String>>,
    /// Refuse pairs inside a list joined by `and` or `or` (`Taiz, Abyan and Lahej`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_in_list: bool,
    /// Bind arguments coordinated with the one found (`the UAE or Egypt, who back Haftar`);
    /// default true. Titles set it false: in `Russian President Putin and Haftar` only Putin
    /// holds the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinate: Option<bool>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a gap between two elements of a pattern may hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapSpec {
    /// At most this many words (default [`DEFAULT_MAX_GAP`]); a possessive `'s` is no word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// When not empty, every word of the gap must be one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<String>,
    /// When not empty, the gap must hold one of these words or punctuation marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// The gap must hold none of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not: Vec<String>,
    /// The gap holds no punctuation but a possessive `'s` (titles: `Russia's President`,
    /// never `WASHINGTON (Reuters) - President`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub plain: bool,
}

/// Collects rules files, then checks and merges them.
#[derive(Debug, Default)]
pub struct RulesBuilder {
    sources: Vec<(PathBuf, String)>,
}

impl RulesBuilder {
    /// An empty builder.
    pub fn new() -> RulesBuilder {
        RulesBuilder::default()
    }

    /// Adds the shipped rules.
    pub fn builtin(&mut self) -> &mut RulesBuilder {
        self.source(BUILTIN.0, BUILTIN.1)
    }

    /// Adds a rules file from disk.
    pub fn file(&mut self, path: impl AsRef<Path>) -> Result<&mut RulesBuilder> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Ok(self.source(path, text))
    }

    /// Adds rules text that came from `path` (used in messages only).
    pub fn source(
        &mut self,
        path: impl Into<PathBuf>,
        text: impl Into<String>,
    ) -> &mut RulesBuilder {
        self.sources.push((path.into(), text.into()));
        self
    }

    /// Parses, checks and merges everything added, in order.
    pub fn build(&self) -> Result<Rules> {
        let mut merged = RulesFile::default();
        let mut checked_types: Vec<TypeDef> = Vec::new();
        let mut checked_rules: Vec<RuleDef> = Vec::new();
        for (path, text) in &self.sources {
            let file: RulesFile = ron_options()
                .from_str(text)
                .map_err(|e| Error::ron(path.clone(), e))?;
            let at = |offset: usize, message: String| Error::at(path, text, offset, message);
            let mut cursor = 0;
            for word in file.negation.iter().chain(&file.barriers) {
                if word.trim().is_empty() {
                    let offset = locate(text, "\"\"", 0).unwrap_or(0);
                    return Err(at(offset, "empty negation cue or barrier".to_owned()));
                }
            }
            for spec in &file.relations {
                let offset = locate_value(text, "name", &spec.name, cursor).unwrap_or(cursor);
                cursor = offset;
                let valid = !spec.name.is_empty()
                    && spec
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_')
                    && spec.name != "cooccurrence";
                if !valid {
                    return Err(at(
                        offset,
                        format!(
                            "relation name `{}` must be lowercase letters and `_` (and not `cooccurrence`)",
                            spec.name
                        ),
                    ));
                }
                let kinds = |field: &str, list: &Option<Vec<String>>| -> Result<Option<u8>> {
                    let Some(list) = list else { return Ok(None) };
                    let mut bits = 0;
                    for kind in list {
                        bits |= kind_bit(kind).ok_or_else(|| {
                            at(
                                locate_value(text, field, kind, offset).unwrap_or(offset),
                                format!(
                                    "unknown kind `{kind}` in `{field}` of `{}`: use person, state, group, place or seat",
                                    spec.name
                                ),
                            )
                        })?;
                    }
                    if bits == 0 {
                        return Err(at(offset, format!("empty `{field}` in `{}`", spec.name)));
                    }
                    Ok(Some(bits))
                };
                let subject = kinds("subject", &spec.subject)?;
                let object = kinds("object", &spec.object)?;
                let ty = match checked_types.iter().position(|t| t.name == spec.name) {
                    Some(i) => {
                        let existing = &checked_types[i];
                        let differs = spec.symmetric.is_some_and(|s| s != existing.symmetric)
                            || spec.contained.is_some_and(|c| c != existing.contained)
                            || subject.is_some_and(|s| s != existing.subject)
                            || object.is_some_and(|o| o != existing.object);
                        if differs {
                            return Err(at(
                                offset,
                                format!(
                                    "relation `{}` is already defined with other settings; leave out symmetric, subject, object and contained to add rules to it",
                                    spec.name
                                ),
                            ));
                        }
                        i
                    }
                    None => {
                        let (Some(subject), Some(object)) = (subject, object) else {
                            return Err(at(
                                offset,
                                format!(
                                    "new relation `{}` needs `subject` and `object` kinds",
                                    spec.name
                                ),
                            ));
                        };
                        checked_types.push(TypeDef {
                            name: spec.name.clone(),
                            symmetric: spec.symmetric.unwrap_or(false),
                            contained: spec.contained.unwrap_or(false),
                            subject,
                            object,
                        });
                        merged.relations.push(RelationSpec {
                            name: spec.name.clone(),
                            symmetric: Some(spec.symmetric.unwrap_or(false)),
                            subject: spec.subject.clone(),
                            object: spec.object.clone(),
                            contained: Some(spec.contained.unwrap_or(false)),
                            rules: Vec::new(),
                        });
                        checked_types.len() - 1
                    }
                };
                for rule in &spec.rules {
                    let offset = locate_value(text, "name", &rule.name, cursor).unwrap_or(cursor);
                    cursor = offset;
                    if rule.name.trim().is_empty() {
                        return Err(at(
                            offset,
                            format!("a rule of `{}` has an empty name", spec.name),
                        ));
                    }
                    if let Some(first) = checked_rules.iter().find(|r| r.name == rule.name) {
                        return Err(at(
                            offset,
                            format!(
                                "duplicate rule name `{}` (first in relation `{}`)",
                                rule.name, checked_types[first.ty as usize].name
                            ),
                        ));
                    }
                    let pattern = Pattern::parse(&rule.pattern).map_err(|message| {
                        at(
                            locate_value(text, "pattern", &rule.pattern, offset).unwrap_or(offset),
                            format!("rule `{}`: {message}", rule.name),
                        )
                    })?;
                    if rule.gaps.len() > 2 {
                        return Err(at(
                            offset,
                            format!(
                                "rule `{}` has {} gaps; a pattern has two",
                                rule.name,
                                rule.gaps.len()
                            ),
                        ));
                    }
                    if rule.cues.is_empty() {
                        return Err(at(offset, format!("rule `{}` has no cues", rule.name)));
                    }
                    let mut cues = Vec::new();
                    for cue in &rule.cues {
                        let cue_at = locate(text, &ron::to_string(cue).unwrap_or_default(), offset)
                            .unwrap_or(offset);
                        if is_gap_cue(cue) {
                            if pattern.cue != 1 {
                                return Err(at(
                                    cue_at,
                                    format!(
                                        "rule `{}`: the punctuation cue {cue:?} needs the pattern `S cue O` or `O cue S`",
                                        rule.name
                                    ),
                                ));
                            }
                            cues.push(Cue::Gap(normalise_quotes(cue.trim()).into_owned()));
                        } else {
                            let folded = fold_str(cue);
                            if folded.is_empty() {
                                return Err(at(
                                    cue_at,
                                    format!(
                                        "rule `{}`: empty cue {cue:?}: it has no letters or digits",
                                        rule.name
                                    ),
                                ));
                            }
                            cues.push(Cue::Words(folded));
                        }
                    }
                    let narrow = |field: &str, list: &Option<Vec<String>>| -> Result<Option<u8>> {
                        let Some(list) = list else { return Ok(None) };
                        let mut bits = 0;
                        for kind in list {
                            bits |= kind_bit(kind).ok_or_else(|| {
                                at(
                                    locate_value(text, field, kind, offset).unwrap_or(offset),
                                    format!(
                                        "unknown kind `{kind}` in `{field}` of rule `{}`: use person, state, group, place or seat",
                                        rule.name
                                    ),
                                )
                            })?;
                        }
                        Ok(Some(bits))
                    };
                    let subject = narrow("subject", &rule.subject)?;
                    let object = narrow("object", &rule.object)?;
                    let mut gaps = [Gap::default(), Gap::default()];
                    for (gap, spec) in gaps.iter_mut().zip(&rule.gaps) {
                        *gap = Gap::from_spec(spec);
                    }
                    checked_rules.push(RuleDef {
                        name: rule.name.clone(),
                        ty: ty as u16,
                        pattern,
                        gaps,
                        cues,
                        subject,
                        object,
                        not_in_list: rule.not_in_list,
                        coordinate: rule.coordinate.unwrap_or(true),
                    });
                    merged.relations[ty].rules.push(rule.clone());
                }
            }
            merged.negation.extend(file.negation.iter().cloned());
            merged.barriers.extend(file.barriers.iter().cloned());
            merged.seats.extend(file.seats.iter().cloned());
            merged.agents.extend(file.agents.iter().cloned());
            merged.locatives.extend(file.locatives.iter().cloned());
            merged.place_ranks.extend(file.place_ranks.clone());
            if file.negation_window.is_some() {
                merged.negation_window = file.negation_window;
            }
        }
        let fingerprint = fingerprint(&merged);
        Ok(Rules {
            file: merged,
            types: checked_types,
            rules: checked_rules,
            fingerprint,
        })
    }
}

/// Checked, merged rules, not yet compiled against a gazetteer.
#[derive(Debug, Clone)]
pub struct Rules {
    file: RulesFile,
    types: Vec<TypeDef>,
    rules: Vec<RuleDef>,
    fingerprint: String,
}

impl Rules {
    /// The merged rules, as one file would write them.
    pub fn merged(&self) -> &RulesFile {
        &self.file
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there is no rule at all (nothing will be extracted).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// A stable fingerprint of the merged rules (FNV-1a over their canonical RON), written
    /// in graph options so `merge` refuses graphs built with different rules.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

fn fingerprint(file: &RulesFile) -> String {
    let text = ron::to_string(file).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[derive(Debug, Clone)]
struct TypeDef {
    name: String,
    symmetric: bool,
    contained: bool,
    subject: u8,
    object: u8,
}

#[derive(Debug, Clone)]
struct RuleDef {
    name: String,
    ty: u16,
    pattern: Pattern,
    gaps: [Gap; 2],
    cues: Vec<Cue>,
    subject: Option<u8>,
    object: Option<u8>,
    not_in_list: bool,
    coordinate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Cue {
    /// Folded words, matched with the automaton.
    Words(String),
    /// Punctuation matched between two neighbouring mentions.
    Gap(String),
}

/// A cue that starts with neither a letter nor a digit is looked for between mentions.
fn is_gap_cue(cue: &str) -> bool {
    cue.trim()
        .chars()
        .next()
        .is_some_and(|c| !c.is_alphanumeric())
}

/// Curly apostrophes as straight ones, for comparisons; borrowed when there are none (nearly
/// always: this runs on every gap between mentions).
fn normalise_quotes(s: &str) -> Cow<'_, str> {
    if s.contains(['\u{2019}', '\u{2018}']) {
        Cow::Owned(s.replace(['\u{2019}', '\u{2018}'], "'"))
    } else {
        Cow::Borrowed(s)
    }
}

const PERSON: u8 = 1;
const STATE: u8 = 2;
const GROUP: u8 = 4;
const PLACE: u8 = 8;
const SEAT: u8 = 16;

fn kind_bit(kind: &str) -> Option<u8> {
    Some(match kind {
        "person" => PERSON,
        "state" => STATE,
        "group" => GROUP,
        "place" => PLACE,
        "seat" => SEAT,
        _ => return None,
    })
}

/// An element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Subject,
    Object,
    Cue,
}

/// A parsed pattern: three elements, the cue's index, and which of the two gaps are a hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pattern {
    elements: [Element; 3],
    cue: usize,
    glued: [bool; 2],
}

impl Pattern {
    fn parse(text: &str) -> std::result::Result<Pattern, String> {
        let spaced = text.replace('-', " - ");
        let mut elements = Vec::new();
        let mut glued = Vec::new();
        let mut pending_glue = false;
        for token in spaced.split_whitespace() {
            let element = match token {
                "S" => Element::Subject,
                "O" => Element::Object,
                "cue" => Element::Cue,
                "-" if !elements.is_empty() && !pending_glue => {
                    pending_glue = true;
                    continue;
                }
                _ => {
                    return Err(format!(
                        "bad pattern `{text}`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)"
                    ));
                }
            };
            if !elements.is_empty() {
                glued.push(pending_glue);
            }
            pending_glue = false;
            elements.push(element);
        }
        let count = |e: Element| elements.iter().filter(|&&x| x == e).count();
        if pending_glue
            || elements.len() != 3
            || count(Element::Subject) != 1
            || count(Element::Object) != 1
            || count(Element::Cue) != 1
        {
            return Err(format!(
                "bad pattern `{text}`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)"
            ));
        }
        let cue = elements
            .iter()
            .position(|&e| e == Element::Cue)
            .expect("counted");
        // A hyphen joins the cue to an argument; two arguments cannot be glued together.
        for (i, &g) in glued.iter().enumerate() {
            if g && elements[i] != Element::Cue && elements[i + 1] != Element::Cue {
                return Err(format!(
                    "bad pattern `{text}`: a hyphen must join an argument to the cue"
                ));
            }
        }
        Ok(Pattern {
            elements: [elements[0], elements[1], elements[2]],
            cue,
            glued: [glued[0], glued[1]],
        })
    }
}

/// A compiled gap constraint; every word is lowercase, apostrophes straight.
#[derive(Debug, Clone)]
struct Gap {
    max: usize,
    only: Vec<String>,
    needs: Vec<String>,
    not: Vec<String>,
    plain: bool,
}

impl Default for Gap {
    fn default() -> Gap {
        Gap {
            max: DEFAULT_MAX_GAP as usize,
            only: Vec::new(),
            needs: Vec::new(),
            not: Vec::new(),
            plain: false,
        }
    }
}

impl Gap {
    fn from_spec(spec: &GapSpec) -> Gap {
        let words = |list: &[String]| {
            list.iter()
                .map(|w| normalise_quotes(&w.trim().to_lowercase()).into_owned())
                .collect()
        };
        Gap {
            max: spec.max.unwrap_or(DEFAULT_MAX_GAP) as usize,
            only: words(&spec.only),
            needs: words(&spec.needs),
            not: words(&spec.not),
            plain: spec.plain,
        }
    }

    /// Whether the gap spec names `token`, which then is no barrier.
    fn allows(&self, token: &str) -> bool {
        self.only.iter().any(|w| w == token) || self.needs.iter().any(|w| w == token)
    }
}

/// Identifies a relation type of a [`Relations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationKind(pub u16);

/// Identifies a rule of a [`Relations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(pub u32);

/// One statement of a relation in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Relation {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// Byte offset of the cue's first character.
    pub cue_start: usize,
    /// Byte offset after the cue's last character.
    pub cue_end: usize,
    /// The subject's mention (for a symmetric type, the one whose entity id sorts first).
    pub subject: Mention,
    /// The object's mention.
    pub object: Mention,
    /// The relation type.
    pub kind: RelationKind,
    /// The rule that fired.
    pub rule: RuleId,
    /// Whether the statement is negated or denied.
    pub negated: bool,
}

/// Compiled rules: one automaton over every cue, and the entity facts the rules check.
#[derive(Debug, Clone)]
pub struct Relations {
    automaton: Option<WholeWords>,
    /// For each automaton pattern: the rules listing it, in file order.
    word_cues: Vec<Vec<u32>>,
    /// For each automaton pattern: whether the cue ends with a preposition (` of`, ` in`, ...),
    /// so that shorter cues at its place are tried when it binds nothing.
    open_cues: Vec<bool>,
    /// Punctuation cues and their rules.
    gap_cues: Vec<(String, Vec<u32>)>,
    types: Vec<TypeDef>,
    rules: Vec<RuleDef>,
    negation: Vec<Vec<String>>,
    negation_window: usize,
    barriers: HashSet<String>,
    agents: HashSet<String>,
    locatives: HashSet<String>,
    /// For each entity: the kind bits it satisfies and its place rank.
    entities: Vec<(u8, Option<u32>)>,
    fingerprint: String,
}

/// Bytes before the first and after the last mention of a sentence searched for cues: a cue
/// that starts or ends a pattern lies at most a few words from its nearest argument.
const CUE_MARGIN: usize = 96;

/// Bytes after a nationality adjective in which to look for the agent noun it may modify.
const AGENT_WINDOW: usize = 40;
/// Bytes after a mention in which to look for the agent noun that makes it an adjective
/// (`U.S. Defense Secretary`) rather than a name.
const ADJECTIVE_WINDOW: usize = 24;
/// Bytes before a mention in which to look for a locative preposition.
const LOCATIVE_WINDOW: usize = 32;
/// The longest gap between two mentions that a punctuation cue can join: a word on either
/// side of the mark.
const GAP_CUE_SPAN: usize = 48;

/// The text from byte `at` to about `bytes` later, stretched to the end of a multibyte
/// character at the edge rather than splitting it (`at` itself must be a boundary).
fn window_after(text: &str, at: usize, bytes: usize) -> &str {
    &text[at..text.ceil_char_boundary(text.len().min(at + bytes))]
}

/// No gap of any pattern is longer than this many bytes (12 words of ordinary length and the
/// mentions passed over in it).
const MAX_GAP_BYTES: usize = 240;

/// Words after a reporting verb that refer back to the subject: `Russia said it backs Haftar`.
const RESUMPTIVE: [&str; 5] = ["it", "they", "he", "she", "we"];

/// Reporting verbs, which a resumptive pronoun after them makes no barrier.
const REPORTING: [&str; 7] = ["said", "says", "say", "told", "tells", "added", "stated"];

/// Words that may join coordinated arguments: `the UAE or Egypt`, `Turkey, Qatar and the US`.
const COORDINATION: [&str; 6] = [",", "and", "or", "the", "as", "well"];

impl Relations {
    /// Compiles `rules` for the entities of `gazetteer`. Seats naming an id the gazetteer does
    /// not have are ignored, so rules work with any gazetteer.
    pub fn new(rules: &Rules, gazetteer: &Gazetteer) -> Result<Relations> {
        let mut by_cue: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        let mut gap_cues: Vec<(String, Vec<u32>)> = Vec::new();
        for (index, rule) in rules.rules.iter().enumerate() {
            for cue in &rule.cues {
                match cue {
                    Cue::Words(words) => by_cue.entry(words).or_default().push(index as u32),
                    Cue::Gap(punct) => match gap_cues.iter_mut().find(|(p, _)| p == punct) {
                        Some((_, list)) => list.push(index as u32),
                        None => gap_cues.push((punct.clone(), vec![index as u32])),
                    },
                }
            }
        }
        for list in by_cue.values_mut() {
            list.dedup();
        }
        let automaton = if by_cue.is_empty() {
            None
        } else {
            // Cues match in any case: `Meets`, `meets` and `MEETS` are the same verb.
            Some(WholeWords::new(by_cue.keys().map(|c| (*c, true)))?)
        };
        let open_cues = by_cue
            .keys()
            .map(|cue| {
                [" of", " for", " at", " in", " on"]
                    .iter()
                    .any(|p| cue.ends_with(p))
            })
            .collect();
        let file = &rules.file;
        let seats: HashSet<EntityId> = file
            .seats
            .iter()
            .filter_map(|id| gazetteer.lookup(id))
            .collect();
        let entities = gazetteer
            .entities()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut bits = match e.kind {
                    Kind::Person => PERSON,
                    Kind::State => STATE,
                    Kind::Group => GROUP,
                    Kind::Place => PLACE,
                };
                if seats.contains(&EntityId(i as u32)) {
                    bits |= SEAT;
                }
                let rank = match e.kind {
                    Kind::State => file.place_ranks.get("state").copied(),
                    Kind::Place => e
                        .category
                        .as_deref()
                        .and_then(|c| file.place_ranks.get(c).copied()),
                    _ => None,
                };
                (bits, rank)
            })
            .collect();
        Ok(Relations {
            automaton,
            word_cues: by_cue.into_values().collect(),
            open_cues,
            gap_cues,
            types: rules.types.clone(),
            rules: rules.rules.clone(),
            negation: file
                .negation
                .iter()
                .map(|n| {
                    normalise_quotes(&n.to_lowercase())
                        .into_owned()
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect()
                })
                .collect(),
            negation_window: file.negation_window.unwrap_or(DEFAULT_NEGATION_WINDOW) as usize,
            barriers: lowercase_set(&file.barriers),
            agents: lowercase_set(&file.agents),
            locatives: lowercase_set(&file.locatives),
            entities,
            fingerprint: rules.fingerprint.clone(),
        })
    }

    /// Whether there is no rule (nothing can be extracted).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The fingerprint of the rules compiled ([`Rules::fingerprint`]).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The name of a relation type (`supports`).
    pub fn kind_name(&self, kind: RelationKind) -> &str {
        &self.types[kind.0 as usize].name
    }

    /// Whether a relation type has no direction.
    pub fn is_symmetric(&self, kind: RelationKind) -> bool {
        self.types[kind.0 as usize].symmetric
    }

    /// Every relation type, in the order the rules define them.
    pub fn kinds(&self) -> impl Iterator<Item = (RelationKind, &str)> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, t)| (RelationKind(i as u16), t.name.as_str()))
    }

    /// The name of a rule (`supports.passive`).
    pub fn rule_name(&self, rule: RuleId) -> &str {
        &self.rules[rule.0 as usize].name
    }

    /// `subject kind object`, with ` NEGATED` when negated: for tests and messages.
    pub fn describe(&self, gazetteer: &Gazetteer, relation: &Relation) -> String {
        format!(
            "{} {} {}{}",
            gazetteer.entity(relation.subject.entity).id,
            self.kind_name(relation.kind),
            gazetteer.entity(relation.object.entity).id,
            if relation.negated { " NEGATED" } else { "" }
        )
    }

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
        range: std::ops::Range<usize>,
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
        // Word cues, longest first where they overlap, never inside or across a mention.
        let mut cues: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(automaton) = &self.automaton {
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
        }
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
                let bound = self.word_cues[pattern]
                    .iter()
                    .any(|&rule| self.bind(&s, rule, cs, ce, out));
                if bound || !self.open_cues[pattern] {
                    break;
                }
            }
        }
        if !self.gap_cues.is_empty() {
            self.gap_cue_relations(&s, out);
        }
    }

    /// Tries `rule` at the cue `cs..ce`; true when it bound at least one relation.
    fn bind(
        &self,
        s: &Sentence,
        rule_index: u32,
        cs: usize,
        ce: usize,
        out: &mut Vec<Relation>,
    ) -> bool {
        let rule = &self.rules[rule_index as usize];
        let ty = &self.types[rule.ty as usize];
        let kinds_of = |e: Element| match e {
            Element::Subject => rule.subject.unwrap_or(ty.subject),
            Element::Object => rule.object.unwrap_or(ty.object),
            Element::Cue => 0,
        };
        let p = rule.pattern;
        // A cue hyphenated to the word before it ends a compound (`Kremlin-backed`): only
        // rules that glue an argument there may read it.
        let compound = s.text[..cs].ends_with(['-', '\u{2010}', '\u{2011}'])
            && s.text[..cs]
                .trim_end_matches(['-', '\u{2010}', '\u{2011}'])
                .ends_with(|c: char| c.is_alphanumeric() || c == '.');
        if compound && !(p.cue > 0 && p.glued[p.cue - 1]) {
            return false;
        }
        let absorbed = |m: &Mention| cs <= m.start && m.end <= ce;
        let mut bound: [Option<usize>; 3] = [None; 3];
        let mut negation_tokens: Vec<Token> = Vec::new();
        // Elements before the cue, nearest first.
        let mut boundary = cs;
        let mut previous: Option<usize> = None;
        for j in (0..p.cue).rev() {
            let gap = &rule.gaps[j];
            let found = self.search(
                s,
                Direction::Left,
                boundary,
                previous,
                p.glued[j],
                kinds_of(p.elements[j]),
                &absorbed,
            );
            let Some((m, tokens)) = found else {
                return false;
            };
            if !p.glued[j] && !self.gap_ok(gap, &tokens) {
                return false;
            }
            // `North Korea's oil, has backed`: a possessor ends its phrase at the comma.
            if tokens.first().is_some_and(|t| t.text == "'s")
                && tokens.iter().any(|t| t.text == ",")
            {
                return false;
            }
            negation_tokens.extend(tokens);
            bound[j] = Some(m);
            boundary = s.mentions[m].start;
            previous = Some(m);
        }
        boundary = ce;
        previous = None;
        #[allow(clippy::needless_range_loop)] // j indexes the pattern, its gaps and `bound`
        for j in p.cue + 1..3 {
            let gap = &rule.gaps[j - 1];
            let found = self.search(
                s,
                Direction::Right,
                boundary,
                previous,
                p.glued[j - 1],
                kinds_of(p.elements[j]),
                &absorbed,
            );
            let Some((m, tokens)) = found else {
                return false;
            };
            if !p.glued[j - 1] && !self.gap_ok(gap, &tokens) {
                return false;
            }
            bound[j] = Some(m);
            boundary = s.mentions[m].end;
            previous = Some(m);
        }
        let index_of = |e: Element| p.elements.iter().position(|&x| x == e).expect("parsed");
        let (si, oi) = (index_of(Element::Subject), index_of(Element::Object));
        let (Some(subject), Some(object)) = (bound[si], bound[oi]) else {
            return false;
        };
        let glued_to_cue = |i: usize| (i < p.cue && p.glued[i]) || (i > p.cue && p.glued[i - 1]);
        // A nationality adjective after the cue stands for its state only before an agent
        // noun (`Russian officials`), not before any noun (`Libyan oil firm`).
        for (i, m) in bound.iter().enumerate().skip(p.cue + 1) {
            let m = &s.mentions[m.expect("bound")];
            if m.form == Form::Demonym && !glued_to_cue(i) && !self.agent_follows(s.text, m) {
                return false;
            }
        }
        // A nationality adjective as subject before its cue, followed by a noun, must be
        // followed by an agent noun too: `Russian officials arrived`, not `a Nigerien
        // national living in Gabon`.
        if si < p.cue && !glued_to_cue(si) {
            let m = &s.mentions[subject];
            let next = bound[si + 1..]
                .iter()
                .flatten()
                .map(|&i| s.mentions[i].start)
                .next()
                .unwrap_or(cs);
            let between = tokenize(&s.text[m.end..next.min(cs)]);
            let followed_by_word = between.first().is_some_and(|t| t.word);
            if m.form == Form::Demonym && followed_by_word && !self.agent_follows(s.text, m) {
                return false;
            }
        }
        // An actor's subject before its cue is not inside a place phrase.
        if si < p.cue
            && !glued_to_cue(si)
            && (rule.subject.unwrap_or(ty.subject) & PLACE) == 0
            && self.after_locative(s, &s.mentions[subject])
        {
            return false;
        }
        if p.cue == 0 {
            let before = &s.text[s.start..cs];
            let tokens = tokenize(before);
            let words: Vec<Token> = tokens.into_iter().filter(|t| t.word).collect();
            let from = words.len().saturating_sub(self.negation_window);
            negation_tokens.extend(words.into_iter().skip(from));
        }
        let negated = self.negated(&negation_tokens);
        // Coordinated arguments, when subject and object lie on both sides of the cue and
        // the list is joined by `and` or `or` somewhere (`Mosul, Iraq` is no list).
        let opposite = (si < p.cue) != (oi < p.cue);
        let expand = |index: usize, element: Element| -> Vec<usize> {
            let position = index_of(element);
            if !opposite || !rule.coordinate || glued_to_cue(position) {
                return vec![index];
            }
            let direction = if position < p.cue {
                Direction::Left
            } else {
                Direction::Right
            };
            let kinds = kinds_of(element);
            let mut all = vec![index];
            let mut conjunction = false;
            let mut current = index;
            loop {
                let next = match direction {
                    Direction::Left => current.checked_sub(1),
                    Direction::Right => Some(current + 1).filter(|&n| n < s.mentions.len()),
                };
                let Some(next) = next else { break };
                let (a, b) = match direction {
                    Direction::Left => (&s.mentions[next], &s.mentions[current]),
                    Direction::Right => (&s.mentions[current], &s.mentions[next]),
                };
                let tokens = tokenize(&s.text[a.end.min(b.start)..b.start]);
                let joins = !tokens.is_empty()
                    && tokens.iter().all(|t| COORDINATION.contains(&&*t.text))
                    && tokens
                        .iter()
                        .any(|t| matches!(&*t.text, "," | "and" | "or"));
                let candidate = &s.mentions[next];
                if !joins || !self.fits(candidate, kinds) || is_modifier(s.text, candidate) {
                    break;
                }
                conjunction |= tokens.iter().any(|t| t.text == "and" || t.text == "or");
                all.push(next);
                current = next;
            }
            if !conjunction {
                all.truncate(1);
            }
            all
        };
        let subjects = expand(subject, Element::Subject);
        let objects = expand(object, Element::Object);
        let mut any = false;
        for &a in &subjects {
            for &b in &objects {
                let (mut sm, mut om) = (s.mentions[a], s.mentions[b]);
                if sm.entity == om.entity {
                    continue;
                }
                if ty.contained {
                    let rank = |m: &Mention| self.entities[m.entity.index()].1;
                    match (rank(&sm), rank(&om)) {
                        (Some(x), Some(y)) if x < y => {}
                        _ => continue,
                    }
                }
                if ty.symmetric && om.entity < sm.entity {
                    std::mem::swap(&mut sm, &mut om);
                }
                out.push(Relation {
                    sentence: s.sentence,
                    cue_start: cs,
                    cue_end: ce,
                    subject: sm,
                    object: om,
                    kind: RelationKind(rule.ty),
                    rule: RuleId(rule_index),
                    negated,
                });
                any = true;
            }
        }
        any
    }

    /// The nearest usable mention from `boundary` in `direction`, and the gap's tokens.
    ///
    /// Mentions passed over (a bracketed repeat of the previous argument, hyphenated
    /// modifiers, nationality adjectives that belong to a name) count as one word each.
    #[allow(clippy::too_many_arguments)]
    fn search<'t>(
        &self,
        s: &Sentence<'t>,
        direction: Direction,
        boundary: usize,
        previous: Option<usize>,
        glued: bool,
        kinds: u8,
        absorbed: &dyn Fn(&Mention) -> bool,
    ) -> Option<(usize, Vec<Token<'t>>)> {
        let text = s.text;
        let gap_text = |m: &Mention| match direction {
            Direction::Left => &text[m.end..boundary],
            Direction::Right => &text[boundary..m.start],
        };
        let n = s.mentions.len();
        let first_right = s.mentions.partition_point(|m| m.start < boundary);
        let candidates = (0..n).map(|k| match direction {
            Direction::Left => n - 1 - k,
            Direction::Right => k,
        });
        // Byte spans passed over, each one word of the gap.
        let mut skipped: Vec<(usize, usize)> = Vec::new();
        let mut chosen = None;
        for i in candidates {
            let m = &s.mentions[i];
            let side = match direction {
                Direction::Left => m.end <= boundary,
                Direction::Right => i >= first_right,
            };
            if !side {
                continue;
            }
            // No pattern reaches this far: a cheap bound before any tokenizing.
            if gap_text(m).len() > MAX_GAP_BYTES {
                return None;
            }
            if absorbed(m) {
                continue;
            }
            if glued {
                if !matches!(gap_text(m), "-" | "\u{2010}" | "\u{2011}" | "\u{2013}") {
                    return None;
                }
                chosen = Some(i);
                break;
            }
            // A repeat of the argument just bound, in brackets: `UNHCR (UNHCR)`.
            let repeat = previous.is_some_and(|p| s.mentions[p].entity == m.entity)
                && tokenize(gap_text(m)).iter().all(|t| !t.word);
            // A nationality adjective before the argument just bound is part of its name:
            // `Russia is one of Syrian President Assad's allies`.
            let premodifier = direction == Direction::Left
                && previous.is_some()
                && m.form == Form::Demonym
                && is_premodifier(gap_text(m));
            if repeat || premodifier {
                skipped.push((m.start, m.end));
                continue;
            }
            if is_modifier(text, m) {
                skipped.push((m.start, compound_end(text, m)));
                continue;
            }
            chosen = Some(i);
            break;
        }
        let mut index = chosen?;
        if !glued {
            let m = s.mentions[index];
            match direction {
                Direction::Left => {
                    // `al Qaeda's Syrian wing`: the possessor, not the adjective.
                    if m.form == Form::Demonym
                        && index > 0
                        && normalise_quotes(text[s.mentions[index - 1].end..m.start].trim()) == "'s"
                        && self.fits(&s.mentions[index - 1], kinds)
                    {
                        skipped.push((m.start, m.end));
                        index -= 1;
                    }
                }
                Direction::Right => {
                    // `meeting with Russian Foreign Minister Sergei Lavrov`: the name.
                    if m.form == Form::Demonym
                        && let Some(next) = s.mentions.get(index + 1)
                        && next.form != Form::Demonym
                        && next.entity != m.entity
                        && self.fits(next, kinds)
                        && !is_modifier(text, next)
                        && is_premodifier(&text[m.end..next.start])
                    {
                        skipped.push((m.start, next.start));
                        index += 1;
                    }
                    // A possessor followed by its head in apposition: `received Haftar's
                    // rival, Fayez Serraj`; `visits by Russia's deputy defense minister
                    // Yunus-Bek Yevkurov`.
                    let m = s.mentions[index];
                    if let Some(next) = s.mentions.get(index + 1) {
                        let tokens = tokenize(&text[m.end..next.start]);
                        let words = tokens.iter().filter(|t| t.word).count();
                        let possessive = tokens.first().is_some_and(|t| t.text == "'s")
                            && (1..=3).contains(&words)
                            && tokens[1..].iter().all(|t| {
                                (t.word && !PREPOSITIONS.contains(&&*t.text)) || t.text == ","
                            });
                        if possessive
                            && next.entity != m.entity
                            && self.fits(next, kinds)
                            && !is_modifier(text, next)
                        {
                            skipped.push((m.start, next.start));
                            index += 1;
                        }
                    }
                }
            }
        }
        let m = s.mentions[index];
        if !self.fits(&m, kinds) {
            return None;
        }
        let (from, to) = match direction {
            Direction::Left => (m.end, boundary),
            Direction::Right => (boundary, m.start),
        };
        Some((index, gap_tokens(text, from, to, &skipped)))
    }

    /// Whether the word after a nationality adjective lets it stand for its state: an agent
    /// noun, or punctuation, or the end of the sentence.
    fn agent_follows(&self, text: &str, m: &Mention) -> bool {
        match tokenize(window_after(text, m.end, AGENT_WINDOW)).first() {
            None => true,
            Some(t) if !t.word => true,
            Some(t) => self.agents.contains(&*t.text),
        }
    }

    /// Whether the word before a mention (past `the`, `a`, `an`) is a locative preposition.
    fn after_locative(&self, s: &Sentence, m: &Mention) -> bool {
        let from = s
            .start
            .min(m.start)
            .max(m.start.saturating_sub(LOCATIVE_WINDOW));
        let tokens = tokenize(&s.text[s.text.ceil_char_boundary(from)..m.start]);
        let word = tokens
            .iter()
            .rev()
            .find(|t| !matches!(&*t.text, "the" | "a" | "an"));
        word.is_some_and(|t| t.word && self.locatives.contains(&*t.text))
    }

    /// Whether a mention's entity is of one of `kinds`.
    fn fits(&self, m: &Mention, kinds: u8) -> bool {
        self.entities[m.entity.index()].0 & kinds != 0
    }

    fn gap_ok(&self, gap: &Gap, tokens: &[Token]) -> bool {
        let words = tokens.iter().filter(|t| t.word).count();
        if words > gap.max {
            return false;
        }
        if !gap.only.is_empty()
            && tokens
                .iter()
                .any(|t| t.word && !t.text.is_empty() && !listed(&gap.only, &t.text))
        {
            return false;
        }
        if !gap.needs.is_empty() && !tokens.iter().any(|t| listed(&gap.needs, &t.text)) {
            return false;
        }
        if tokens.iter().any(|t| listed(&gap.not, &t.text)) {
            return false;
        }
        if gap.plain && tokens.iter().any(|t| !t.word && t.text != "'s") {
            return false;
        }
        for (i, t) in tokens.iter().enumerate() {
            if self.barriers.contains(&*t.text) && !gap.allows(&t.text) {
                let resumed = t.word
                    && REPORTING.contains(&&*t.text)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| RESUMPTIVE.contains(&&*n.text));
                if !resumed {
                    return false;
                }
            }
        }
        true
    }

    fn negated(&self, tokens: &[Token]) -> bool {
        let words: Vec<&str> = tokens.iter().filter(|t| t.word).map(|t| &*t.text).collect();
        self.negation.iter().any(|phrase| match phrase.as_slice() {
            [] => false,
            // `n't` and the like: a suffix of a word (`didn't`, `won't`).
            [one] if one.contains('\'') => words.iter().any(|w| w.ends_with(one.as_str())),
            phrase => words.windows(phrase.len()).any(|w| w == phrase),
        })
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
            for (cue, rules) in &self.gap_cues {
                let Some(at) = gap.find(cue.as_str()) else {
                    continue;
                };
                let before = tokenize(&gap[..at]);
                let after = tokenize(&gap[at + cue.len()..]);
                if before.iter().chain(&after).any(|t| !t.word) {
                    continue;
                }
                for &rule_index in rules {
                    let rule = &self.rules[rule_index as usize];
                    let ty = &self.types[rule.ty as usize];
                    if !self.gap_ok(&rule.gaps[0], &before) || !self.gap_ok(&rule.gaps[1], &after) {
                        continue;
                    }
                    let (mut sm, mut om) = if rule.pattern.elements[0] == Element::Subject {
                        (*a, *b)
                    } else {
                        (*b, *a)
                    };
                    // Names, not adjectives: `Tehran, Iranian Foreign Ministry spokesman` and
                    // `In Washington, U.S. Defense Secretary Jim Mattis` place nothing.
                    let adjective = |m: &Mention| {
                        m.form == Form::Demonym
                            || tokenize(window_after(s.text, m.end, ADJECTIVE_WINDOW))
                                .first()
                                .is_some_and(|t| t.word && self.agents.contains(&*t.text))
                    };
                    if !self.fits(&sm, rule.subject.unwrap_or(ty.subject))
                        || !self.fits(&om, rule.object.unwrap_or(ty.object))
                        || is_modifier(s.text, a)
                        || is_modifier(s.text, b)
                        || a.form == Form::Demonym
                        || adjective(b)
                    {
                        continue;
                    }
                    if ty.contained {
                        let rank = |m: &Mention| self.entities[m.entity.index()].1;
                        match (rank(&sm), rank(&om)) {
                            (Some(x), Some(y)) if x < y => {}
                            _ => continue,
                        }
                    }
                    if rule.not_in_list && in_list(s, pair) {
                        continue;
                    }
                    if ty.symmetric && om.entity < sm.entity {
                        std::mem::swap(&mut sm, &mut om);
                    }
                    // The cue's span in the original text: the punctuation's own bytes.
                    let raw = &s.text[a.end..b.start];
                    let cue_start = a.end + original_offset(raw, at);
                    let cue_end = a.end + original_offset(raw, at + cue.len());
                    out.push(Relation {
                        sentence: s.sentence,
                        cue_start,
                        cue_end,
                        subject: sm,
                        object: om,
                        kind: RelationKind(rule.ty),
                        rule: RuleId(rule_index),
                        negated: false,
                    });
                    break;
                }
            }
        }
    }
}

/// Whether `word` is in `list`.
fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

fn lowercase_set(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .map(|w| normalise_quotes(&w.trim().to_lowercase()).into_owned())
        .collect()
}

/// The byte offset in `raw` of offset `at` in `normalise_quotes(raw)` (curly quotes are
/// three bytes, straight ones one).
fn original_offset(raw: &str, at: usize) -> usize {
    let mut normal = 0;
    for (i, c) in raw.char_indices() {
        if normal >= at {
            return i;
        }
        normal += if matches!(c, '\u{2019}' | '\u{2018}') {
            1
        } else {
            c.len_utf8()
        };
    }
    raw.len()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Left,
    Right,
}

/// A sentence being searched.
struct Sentence<'t> {
    text: &'t str,
    start: usize,
    mentions: &'t [Mention],
    sentence: u32,
}

/// A hyphenated modifier (`U.S.-led`, `Aleppo-based`): the mention is joined by a hyphen to a
/// following word.
fn is_modifier(text: &str, m: &Mention) -> bool {
    let mut rest = text[m.end..].chars();
    matches!(
        rest.next(),
        Some('-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
    ) && rest.next().is_some_and(char::is_alphanumeric)
}

/// Whether a gap is short and plain enough that a nationality adjective before it modifies
/// what follows: at most two words, no punctuation, no conjunction.
fn is_premodifier(gap: &str) -> bool {
    let tokens = tokenize(gap);
    tokens.len() <= 2
        && tokens
            .iter()
            .all(|t| t.word && t.text != "and" && t.text != "or")
}

/// A word (lowercase, apostrophes straight, joined through inner hyphens and apostrophes) or
/// a punctuation mark; a possessive `'s` is a mark, not a word. Borrowed from the text
/// unless lowercasing or straightening quotes changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: Cow<'a, str>,
    word: bool,
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let bytes = s.as_bytes();
    let alnum_at = |i: usize| char_at(s, i).is_some_and(char::is_alphanumeric);
    // An apostrophe at `i` (`len` bytes) that makes a possessive: `'s`, then no letter.
    let possessive = |i: usize, len: usize| {
        matches!(char_at(s, i + len), Some('s' | 'S')) && !alnum_at(i + len + 1)
    };
    // About one token per six bytes of news text: growing from empty cost more than tokenizing.
    let mut tokens = Vec::with_capacity(s.len() / 6 + 1);
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + len;
            // Lowercase ASCII letters, digits, `-` and `'` are their own token text.
            let mut plain = c.is_ascii_lowercase() || c.is_ascii_digit();
            loop {
                while let Some(&b) = bytes.get(j)
                    && b.is_ascii_alphanumeric()
                {
                    plain &= !b.is_ascii_uppercase();
                    j += 1;
                }
                let Some(d) = char_at(s, j) else { break };
                let after = j + d.len_utf8();
                // Inner hyphens and apostrophes join (`pro-government`, `didn't`), except a
                // possessive, which is a mark of its own (`government's forces`).
                let joins = matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                    && alnum_at(after)
                    && !(matches!(d, '\'' | '\u{2019}') && possessive(j, d.len_utf8()));
                if !(d.is_alphanumeric() || joins) {
                    break;
                }
                plain &= matches!(d, '-' | '\'');
                j = after;
            }
            let word = &s[start..j];
            let text = if plain {
                Cow::Borrowed(word)
            } else if word.is_ascii() {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                let lower = word.to_lowercase();
                Cow::Owned(match normalise_quotes(&lower) {
                    Cow::Borrowed(_) => lower,
                    Cow::Owned(normalised) => normalised,
                })
            };
            tokens.push(Token { text, word: true });
            i = j;
        } else if matches!(c, '\'' | '\u{2019}') && possessive(i, len) {
            tokens.push(Token {
                text: Cow::Borrowed("'s"),
                word: false,
            });
            i += len + 1;
        } else if c.is_whitespace() {
            i += len;
        } else {
            let text = match c {
                '\u{2013}' | '\u{2014}' => Cow::Borrowed("\u{2014}"),
                '\u{2010}' | '\u{2011}' => Cow::Borrowed("-"),
                '\u{2018}' | '\u{2019}' => Cow::Borrowed("'"),
                _ => Cow::Borrowed(&s[i..i + len]),
            };
            tokens.push(Token { text, word: false });
            i += len;
        }
    }
    tokens
}

/// The character starting at byte `i` of `s`, decoding only beyond ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 128 => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// The tokens of `text[from..to]`, each span of `skipped` in it one placeholder word.
fn gap_tokens<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    skipped: &[(usize, usize)],
) -> Vec<Token<'a>> {
    let mut spans: Vec<(usize, usize)> = skipped
        .iter()
        .map(|&(a, b)| (a.max(from), b.min(to)))
        .filter(|&(a, b)| a < b)
        .collect();
    spans.sort_unstable();
    let mut tokens = Vec::new();
    let mut at = from;
    for (a, b) in spans {
        if a < at {
            at = at.max(b);
            continue;
        }
        tokens.extend(tokenize(&text[at..a]));
        tokens.push(Token {
            text: Cow::Borrowed(""),
            word: true,
        });
        at = b;
    }
    tokens.extend(tokenize(&text[at..to]));
    tokens
}

/// Where the hyphenated word that a modifier mention starts ends: `Aleppo-based`.
fn compound_end(text: &str, m: &Mention) -> usize {
    let rest = &text[m.end..];
    let mut chars = rest.char_indices();
    chars.next(); // the hyphen
    for (i, c) in chars {
        if !(c.is_alphanumeric() || c == '-') {
            return m.end + i;
        }
    }
    text.len()
}

/// Prepositions: a possessor followed by one is not in apposition with what comes next.
const PREPOSITIONS: [&str; 10] = [
    "to", "of", "in", "for", "at", "on", "with", "from", "by", "into",
];

/// Byte offset of the string literal `"value"` after `key:` from `from`.
fn locate_value(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let literal = ron::to_string(value).ok()?;
    let start = text
        .get(from..)?
        .find(&format!("{key}:"))
        .map(|i| from + i)?;
    text[start..].find(&literal).map(|i| start + i)
}

/// Byte offset of `needle` at or after `from`.
fn locate(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::Annotator;
    use std::sync::OnceLock;

    /// The shipped gazetteers, their annotator and the shipped rules, compiled once.
    fn shipped() -> &'static (&'static Gazetteer, Annotator<'static>, Relations) {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        static SHIPPED: OnceLock<(&Gazetteer, Annotator, Relations)> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let g = GAZETTEER.get_or_init(|| Gazetteer::builtin().unwrap());
            let m = Annotator::new(g).unwrap();
            let r = Relations::new(&RulesBuilder::new().builtin().build().unwrap(), g).unwrap();
            (g, m, r)
        })
    }

    /// Every relation in `text`, as `subject type object [NEGATED]`.
    fn found(text: &str) -> Vec<String> {
        let (g, m, r) = shipped();
        let annotation = m.annotate(text);
        r.extract(text, &annotation)
            .iter()
            .map(|x| r.describe(g, x))
            .collect()
    }

    /// Runs a table of (text, expected relations), reporting every failing row at once.
    fn check(table: &[(&str, &[&str])]) {
        let failures: Vec<String> = table
            .iter()
            .filter_map(|(text, want)| {
                let got = found(text);
                (got != *want).then(|| format!("{text:?}\n   want {want:?}\n    got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    /// Every byte window around a mention (cue margins, agent nouns, locatives, punctuation
    /// cues) meets a multibyte character at every offset without splitting it.
    #[test]
    fn multibyte_characters_at_any_distance_from_a_mention() {
        for filler in 0..100 {
            let pad = "x".repeat(filler);
            for text in [
                format!("Aleppo, Syria, is a city in the nort{pad}\u{2019}s"),
                format!("Aleppo, {pad}\u{2019}Syria"),
                format!("\u{2019}{pad} in Tripoli, Libya, Russian {pad}\u{00e9} fighters"),
                format!("Haftar met Putin{pad}\u{1F600} in Moscow \u{2014}{pad}."),
            ] {
                found(&text); // must not panic
            }
        }
        assert_eq!(
            found("Aleppo, Syria, is a city in the nort\u{2019}s"),
            ["aleppo located_in syria"]
        );
    }

    #[test]
    fn each_type_has_working_cues() {
        check(&[
            // meets: verbs, coordination, "between", visits received
            (
                "Haftar met Lavrov in Moscow.",
                &["khalifa_haftar meets sergei_lavrov"],
            ),
            (
                "Putin and Erdogan met in Sochi.",
                &["recep_tayyip_erdogan meets vladimir_putin"],
            ),
            (
                "Talks between Russia and Turkey resumed.",
                &["russia meets turkey"],
            ),
            (
                "Lavrov visited Haftar.",
                &["khalifa_haftar meets sergei_lavrov"],
            ),
            (
                "Haftar had received Russian visits.",
                &["khalifa_haftar meets russia"],
            ),
            // visits: a place or a state, not a person
            ("Haftar visited Moscow.", &["khalifa_haftar visits moscow"]),
            (
                "Pompeo flew to Pyongyang.",
                &["mike_pompeo visits pyongyang"],
            ),
            // supports
            ("Russia backed Haftar.", &["russia supports khalifa_haftar"]),
            (
                "Turkey's support for the GNA grew.",
                &["turkey supports government_of_national_accord"],
            ),
            (
                "Egypt, an ally of Haftar, objected.",
                &["egypt supports khalifa_haftar"],
            ),
            // supplies
            (
                "Russia supplied Haftar with weapons.",
                &["russia supplies khalifa_haftar"],
            ),
            (
                "Turkey sent drones to the GNA.",
                &["turkey supplies government_of_national_accord"],
            ),
            // fights: symmetric, smaller id first
            (
                "The LNA attacked the GNA.",
                &["government_of_national_accord fights libyan_national_army"],
            ),
            (
                "Clashes between the LNA and the GNA killed ten.",
                &["government_of_national_accord fights libyan_national_army"],
            ),
            // leads and member_of
            (
                "Kremlin spokesman Dmitry Peskov said so.",
                &["dmitry_peskov member_of kremlin"],
            ),
            (
                "Turkey, a NATO member, objected.",
                &["turkey member_of nato"],
            ),
            // based_in
            (
                "Wagner mercenaries stationed at Al-Jufra base left.",
                &["wagner_group based_in al_jufra_airbase"],
            ),
            (
                "Lebanese group Hezbollah fired.",
                &["hezbollah based_in lebanon"],
            ),
            // located_in: comma, possessive, "in", "the <demonym> port of"
            (
                "Fighting in Mosul, Iraq continued.",
                &["mosul located_in iraq"],
            ),
            ("Rockets hit Syria's Homs.", &["homs located_in syria"]),
            (
                "Floods hit Derna in eastern Libya.",
                &["derna located_in libya"],
            ),
            (
                "Ships docked in the Libyan port of Tobruk.",
                &["tobruk located_in libya"],
            ),
            // controls
            (
                "They shelled the Houthi-held port city of Hodeidah.",
                &["houthi_movement controls hodeidah"],
            ),
            (
                "Palmyra fell to Islamic State.",
                &["islamic_state controls palmyra"],
            ),
            // accuses, denies
            (
                "Russia accused Turkey of aggression.",
                &["russia accuses turkey"],
            ),
            (
                "North Korea rejected the resolution adopted by the U.N. Human Rights Council.",
                &["north_korea denies un_human_rights_council"],
            ),
        ]);
    }

    #[test]
    fn direction_follows_the_language() {
        check(&[
            // Active, passive and hyphenated: one relation, one direction.
            (
                "Russia backed the LNA.",
                &["russia supports libyan_national_army"],
            ),
            (
                "The LNA, backed by Russia, advanced.",
                &["russia supports libyan_national_army"],
            ),
            (
                "The Russia-backed LNA advanced.",
                &["russia supports libyan_national_army"],
            ),
            (
                "The Britain-based Syrian Observatory said so.",
                &["syrian_observatory_for_human_rights based_in united_kingdom"],
            ),
            // Alliance wording: the allied side supports.
            (
                "The Iran-allied Houthis fired.",
                &["houthi_movement supports iran"],
            ),
            (
                "Hezbollah, an ally of Assad, fought.",
                &["hezbollah supports bashar_al_assad"],
            ),
            (
                "Haftar is a protege of the CIA.",
                &["central_intelligence_agency supports khalifa_haftar"],
            ),
            // Symmetric types come out the same whatever the order in the text.
            (
                "The LNA and the GNA clashed.",
                &["government_of_national_accord fights libyan_national_army"],
            ),
            (
                "The GNA and the LNA clashed.",
                &["government_of_national_accord fights libyan_national_army"],
            ),
            // Coordinated arguments are all bound.
            (
                "The UAE or Egypt, who back Haftar, objected.",
                &[
                    "united_arab_emirates supports khalifa_haftar",
                    "egypt supports khalifa_haftar",
                ],
            ),
            (
                "The LNA is backed by Russia and Egypt.",
                &[
                    "russia supports libyan_national_army",
                    "egypt supports libyan_national_army",
                ],
            ),
            // "X, Y" is a place and its country, not a list.
            (
                "Nikki Haley met Antonio Guterres at U.N. headquarters in New York City, U.S.",
                &[
                    "antonio_guterres meets nikki_haley",
                    "un_headquarters located_in new_york_city",
                    "new_york_city located_in united_states",
                ],
            ),
            // A list is no place hierarchy.
            ("Taiz, Abyan and Lahej are at risk.", &[]),
            // A modifier is not the actor: the US leads an unnamed coalition.
            ("A U.S.-led coalition targets Islamic State.", &[]),
            // A verb cue at the end of a compound belongs to the compound.
            (
                "The U.S. operations of Kremlin-backed outlet RT shrank.",
                &["kremlin supports rt"],
            ),
        ]);
    }

    #[test]
    fn negation_and_denial_are_kept_and_marked() {
        check(&[
            (
                "Russia is not conducting talks on creating military bases in Libya.",
                &["russia based_in libya NEGATED"],
            ),
            (
                "RUSSIA DENIES TALKS ON CREATION OF MILITARY BASES IN LIBYA",
                &["russia based_in libya NEGATED"],
            ),
            (
                "Moscow denies backing Haftar.",
                &["moscow supports khalifa_haftar NEGATED"],
            ),
            (
                "Russia did not back Haftar.",
                &["russia supports khalifa_haftar NEGATED"],
            ),
            (
                "Russia didn't back Haftar.",
                &["russia supports khalifa_haftar NEGATED"],
            ),
            (
                "Russia never backed Haftar.",
                &["russia supports khalifa_haftar NEGATED"],
            ),
            (
                "Egypt refused to back Haftar.",
                &["egypt supports khalifa_haftar NEGATED"],
            ),
            (
                "Iran has denied supplying the Houthis with weapons.",
                &["iran supplies houthi_movement NEGATED"],
            ),
            (
                "Austria, which is not a NATO member, objected.",
                &["austria member_of nato NEGATED"],
            ),
            // Negation elsewhere in the sentence does not reach the cue.
            (
                "Russia backed Haftar but not Serraj.",
                &["russia supports khalifa_haftar"],
            ),
            (
                "Not only Russia backed Haftar.",
                &["russia supports khalifa_haftar"],
            ),
        ]);
    }

    #[test]
    fn titles_and_appositions_give_roles() {
        check(&[
            (
                "Russian President Vladimir Putin spoke.",
                &["vladimir_putin leads russia"],
            ),
            (
                "Russian Foreign Minister Sergei Lavrov spoke.",
                &["sergei_lavrov member_of russia"],
            ),
            (
                "Russia's deputy defense minister Yunus-Bek Yevkurov arrived.",
                &["yunus_bek_yevkurov member_of russia"],
            ),
            (
                "Dutch Prime Minister Mark Rutte spoke.",
                &["mark_rutte leads netherlands"],
            ),
            (
                "Commander of the Libyan National Army, General Khalifa Haftar, spoke.",
                &["khalifa_haftar leads libyan_national_army"],
            ),
            (
                "Deputy Commander of the Russian Northern Fleet, Vice Admiral Victor Sokolov, spoke.",
                &["viktor_sokolov member_of northern_fleet"],
            ),
            (
                "Head of the Russian Federation Council's defense committee, Viktor Ozerov, spoke.",
                &["viktor_ozerov member_of federation_council"],
            ),
            (
                "Oleg Krinitsyn, owner of RSB-group, said so.",
                &["oleg_krinitsyn leads rsb_group"],
            ),
            (
                "Babar Baloch, UNHCR spokesman, said so.",
                &["babar_baloch member_of unhcr"],
            ),
            (
                "Maria Zakharova, a spokeswoman for the Russian Foreign Ministry, said so.",
                &["maria_zakharova member_of russian_foreign_ministry"],
            ),
            (
                "Wagner mercenaries stationed at the Brak al-Shati base feared an advance.",
                &["wagner_group based_in brak_al_shati_airbase"],
            ),
            // A title belongs to the name it stands before, not to a name joined to it.
            (
                "Russian President Vladimir Putin and Haftar met.",
                &[
                    "vladimir_putin leads russia",
                    "khalifa_haftar meets vladimir_putin",
                ],
            ),
            // A dateline is no title holder.
            ("WASHINGTON (Reuters) - President Donald Trump spoke.", &[]),
        ]);
    }

    #[test]
    fn relations_carry_spans_cue_sentence_and_rule() {
        let (_, m, r) = shipped();
        let text = "Fighting went on. The LNA, backed by Russia, advanced.";
        let annotation = m.annotate(text);
        let found = r.extract(text, &annotation);
        assert_eq!(found.len(), 1);
        let x = &found[0];
        assert_eq!(x.sentence, 1);
        assert_eq!(&text[x.subject.start..x.subject.end], "Russia");
        assert_eq!(&text[x.object.start..x.object.end], "LNA");
        assert_eq!(&text[x.cue_start..x.cue_end], "backed by");
        assert_eq!(r.rule_name(x.rule), "supports.passive");
        assert_eq!(r.kind_name(x.kind), "supports");
        assert!(!r.is_symmetric(x.kind) && !x.negated);
    }

    #[test]
    fn a_relation_stated_twice_in_a_sentence_is_one_statement() {
        let once = found("Russia backed Haftar and Russia supported Haftar.");
        assert_eq!(once, ["russia supports khalifa_haftar"]);
    }

    fn build(text: &str) -> Result<Rules> {
        RulesBuilder::new().source("test.ron", text).build()
    }

    fn message(text: &str) -> String {
        build(text).unwrap_err().to_string()
    }

    #[test]
    fn loading_errors_name_file_line_and_column() {
        let cases = [
            (
                "(relations: [\n  (name: \"x\", subject: [\"person\"], object: [\"planet\"]),\n])",
                "test.ron:2:45: unknown kind `planet` in `object` of `x`: use person, state, group, place or seat",
            ),
            (
                "(relations: [\n  (name: \"Bad\", subject: [\"person\"], object: [\"state\"]),\n])",
                "test.ron:2:10: relation name `Bad` must be lowercase letters and `_` (and not `cooccurrence`)",
            ),
            (
                "(relations: [\n  (name: \"x\"),\n])",
                "test.ron:2:10: new relation `x` needs `subject` and `object` kinds",
            ),
            (
                "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S cue cue\"),\n])])",
                "test.ron:2:41: rule `x.a`: bad pattern `S cue cue`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)",
            ),
            (
                "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S-O cue\"),\n])])",
                "test.ron:2:41: rule `x.a`: bad pattern `S-O cue`: a hyphen must join an argument to the cue",
            ),
            (
                "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\" \"], pattern: \"S cue O\"),\n  (name: \"x.b\", cues: [\"met\"], pattern: \"S O cue\"),\n])])",
                "test.ron:2:24: rule `x.a`: empty cue \" \": it has no letters or digits",
            ),
            (
                "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\",\"], pattern: \"cue S O\"),\n])])",
                "test.ron:2:24: rule `x.a`: the punctuation cue \",\" needs the pattern `S cue O` or `O cue S`",
            ),
            (
                "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S cue O\"),\n  (name: \"x.a\", cues: [\"saw\"], pattern: \"S cue O\"),\n])])",
                "test.ron:3:10: duplicate rule name `x.a` (first in relation `x`)",
            ),
            (
                "(relations: [\n  (name: \"x\", subject: [\"person\"], object: [\"state\"]),\n  (name: \"x\", symmetric: true),\n])",
                "test.ron:3:10: relation `x` is already defined with other settings; leave out symmetric, subject, object and contained to add rules to it",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(message(text), want, "{text}");
        }
    }

    #[test]
    fn syntax_errors_and_unknown_fields_come_from_ron_with_positions() {
        let msg = message("(relations: [\n  (name: \"x\" subject: [\"person\"]),\n])");
        assert!(msg.starts_with("test.ron:2:"), "{msg}");
        let msg = message("(relations: [\n  (name: \"x\", subjekt: [\"person\"]),\n])");
        assert!(
            msg.starts_with("test.ron:2:") && msg.contains("subjekt"),
            "{msg}"
        );
        // Types and directions are strings: a bare identifier is an error.
        let msg = message("(relations: [(name: \"x\", subject: [person], object: [\"state\"])])");
        assert!(msg.starts_with("test.ron:1:"), "{msg}");
    }

    #[test]
    fn user_files_add_types_and_rules_to_the_shipped_ones() {
        let (g, m, _) = shipped();
        let user = r#"(
            relations: [
                // More cues for a shipped type: settings left out.
                (name: "supports", rules: [
                    (name: "supports.bankroll", cues: ["bankrolls", "bankrolled"], pattern: "S cue O"),
                ]),
                // A new type.
                (name: "sanctions", subject: ["state", "group"], object: ["state", "group", "person"],
                 rules: [(name: "sanctions.active", cues: ["sanctioned"], pattern: "S cue O")]),
            ],
        )"#;
        let rules = RulesBuilder::new()
            .builtin()
            .source("user.ron", user)
            .build()
            .unwrap();
        assert_ne!(
            rules.fingerprint(),
            RulesBuilder::new().builtin().build().unwrap().fingerprint()
        );
        let r = Relations::new(&rules, g).unwrap();
        let text = "Russia bankrolled Haftar. The United States sanctioned Russia.";
        let annotation = m.annotate(text);
        let found: Vec<String> = r
            .extract(text, &annotation)
            .iter()
            .map(|x| format!("{} {}", r.describe(g, x), r.rule_name(x.rule)))
            .collect();
        assert_eq!(
            found,
            [
                "russia supports khalifa_haftar supports.bankroll",
                "united_states sanctions russia sanctions.active",
            ]
        );
        // Without rules, nothing is extracted.
        let none = Relations::new(&RulesBuilder::new().build().unwrap(), g).unwrap();
        assert!(none.is_empty() && none.extract(text, &annotation).is_empty());
    }

    #[test]
    fn the_shipped_rules_load_and_are_stable() {
        let rules = RulesBuilder::new().builtin().build().unwrap();
        assert!(rules.len() > 40, "{} rules", rules.len());
        let (_, _, r) = shipped();
        let kinds: Vec<&str> = r.kinds().map(|(_, k)| k).collect();
        for kind in [
            "meets",
            "visits",
            "supports",
            "supplies",
            "fights",
            "leads",
            "member_of",
            "based_in",
            "located_in",
            "controls",
            "accuses",
            "denies",
        ] {
            assert!(kinds.contains(&kind), "no {kind}");
        }
        assert_eq!(
            rules.fingerprint(),
            RulesBuilder::new().builtin().build().unwrap().fingerprint()
        );
    }

    #[test]
    fn patterns_parse() {
        let p = Pattern::parse("S-cue O").unwrap();
        assert_eq!(
            p.elements,
            [Element::Subject, Element::Cue, Element::Object]
        );
        assert_eq!((p.cue, p.glued), (1, [true, false]));
        let p = Pattern::parse("S O-cue").unwrap();
        assert_eq!((p.cue, p.glued), (2, [false, true]));
        assert!(Pattern::parse("S cue").is_err());
        assert!(Pattern::parse("S O O").is_err());
        assert!(Pattern::parse("S--cue O").is_err());
    }

    #[test]
    fn tokens_keep_words_marks_and_possessives_apart() {
        let t: Vec<(String, bool)> = tokenize("Russia’s pro-government, didn't (R) – x")
            .into_iter()
            .map(|t| (t.text.into_owned(), t.word))
            .collect();
        let want = [
            ("russia", true),
            ("'s", false),
            ("pro-government", true),
            (",", false),
            ("didn't", true),
            ("(", false),
            ("r", true),
            (")", false),
            ("\u{2014}", false),
            ("x", true),
        ];
        let want: Vec<(String, bool)> = want.iter().map(|(s, w)| (s.to_string(), *w)).collect();
        assert_eq!(t, want);
        // Capitals are lowered (beyond ASCII too), curly apostrophes inside a word made
        // straight, and a possessive splits off only before a word's end.
        let t: Vec<String> = tokenize("NATO’s Ürümqi-based O’Brien Sts. ISIS’Smith 4’s")
            .into_iter()
            .map(|t| t.text.into_owned())
            .collect();
        let want = [
            "nato",
            "'s",
            "ürümqi-based",
            "o'brien",
            "sts",
            ".",
            "isis'smith",
            "4",
            "'s",
        ];
        assert_eq!(t, want);
    }
}
