//! The compiled model: rules turned into one cue automaton and the entity facts they check.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;

use super::builder::Rules;
use super::checked::{Cue, GROUP, PERSON, PLACE, RuleDef, SEAT, STATE, TypeDef};
use super::rules::{DEFAULT_NEGATION_WINDOW, RulesFile};
use super::tokens::{lowercase_set, normalise_quotes};
use crate::error::Result;
use crate::gazetteer::{EntityId, Gazetteer, Kind};
use crate::mentions::Mention;
use crate::text::fold::fold_str;
use crate::text::phrases::WholeWords;

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
    pub(super) cues: CueIndex,
    pub(super) types: Vec<TypeDef>,
    pub(super) rules: Vec<RuleDef>,
    /// Negation phrases, as words.
    pub(super) negation: Vec<Vec<String>>,
    pub(super) negation_window: usize,
    pub(super) words: WordSets,
    /// For each entity: the kind bits it satisfies and its place rank.
    pub(super) entities: Vec<(u8, Option<u32>)>,
    fingerprint: String,
}

/// Every cue of the rules, and the rules each one may fire.
#[derive(Debug, Clone)]
pub(super) struct CueIndex {
    /// The word cues, folded; `None` when there are none.
    pub(super) automaton: Option<WholeWords>,
    /// For each automaton pattern: the rules listing it, in file order.
    pub(super) word_cues: Vec<Vec<u32>>,
    /// For each automaton pattern: whether the cue ends with one of the rules' `open_endings`
    /// (` of`, ` in`, ...), so that shorter cues at its place are tried when it binds nothing.
    pub(super) open_cues: Vec<bool>,
    /// Punctuation cues and their rules.
    pub(super) gap_cues: Vec<(String, Vec<u32>)>,
}

impl CueIndex {
    fn new(rules: &[RuleDef], open_endings: &[String]) -> Result<CueIndex> {
        let mut by_cue: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        let mut gap_cues: Vec<(String, Vec<u32>)> = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
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
        let endings: Vec<String> = open_endings
            .iter()
            .map(|w| format!(" {}", fold_str(w)))
            .collect();
        let open_cues = by_cue
            .keys()
            .map(|cue| endings.iter().any(|e| cue.ends_with(e.as_str())))
            .collect();
        Ok(CueIndex {
            automaton,
            word_cues: by_cue.into_values().collect(),
            open_cues,
            gap_cues,
        })
    }
}

/// The word lists of the rules, as the tokens they are compared with.
#[derive(Debug, Clone)]
pub(super) struct WordSets {
    pub(super) barriers: HashSet<String>,
    pub(super) agents: HashSet<String>,
    pub(super) locatives: HashSet<String>,
    pub(super) reporting: HashSet<String>,
    pub(super) resumptive: HashSet<String>,
    pub(super) coordination: HashSet<String>,
    pub(super) prepositions: HashSet<String>,
}

impl WordSets {
    fn new(file: &RulesFile) -> WordSets {
        WordSets {
            barriers: lowercase_set(&file.barriers),
            agents: lowercase_set(&file.agents),
            locatives: lowercase_set(&file.locatives),
            reporting: lowercase_set(&file.reporting),
            resumptive: lowercase_set(&file.resumptive),
            coordination: lowercase_set(&file.coordination),
            prepositions: lowercase_set(&file.prepositions),
        }
    }
}

/// For each entity of `gazetteer`: the kind bits it satisfies (seats listed in `file` are
/// also kind `seat`) and its place rank.
fn entity_facts(file: &RulesFile, gazetteer: &Gazetteer) -> Vec<(u8, Option<u32>)> {
    let seats: HashSet<EntityId> = file
        .seats
        .iter()
        .filter_map(|id| gazetteer.lookup(id))
        .collect();
    gazetteer
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
        .collect()
}

impl Relations {
    /// Compiles `rules` for the entities of `gazetteer`. Seats naming an id the gazetteer does
    /// not have are ignored, so rules work with any gazetteer.
    pub fn new(rules: &Rules, gazetteer: &Gazetteer) -> Result<Relations> {
        let file = &rules.file;
        Ok(Relations {
            cues: CueIndex::new(&rules.rules, &file.open_endings)?,
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
            words: WordSets::new(file),
            entities: entity_facts(file, gazetteer),
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

    /// Whether a mention's entity is of one of `kinds`.
    pub(super) fn fits(&self, m: &Mention, kinds: u8) -> bool {
        self.entities[m.entity.index()].0 & kinds != 0
    }

    /// Whether the object is a larger place than the subject, as a `contained` type needs.
    pub(super) fn contains(&self, subject: &Mention, object: &Mention) -> bool {
        let rank = |m: &Mention| self.entities[m.entity.index()].1;
        matches!((rank(subject), rank(object)), (Some(x), Some(y)) if x < y)
    }
}
