//! The rules file as written: what `gazetteers/relations.ron` and users' files hold.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// Reporting verbs (`said`, `told`): a barrier in a gap, unless a word of `resumptive`
    /// follows it (`Russia said it backs Haftar`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<String>,
    /// Pronouns that, right after a reporting verb, refer back to the subject (`it`, `they`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resumptive: Vec<String>,
    /// The words and marks that may join coordinated arguments (`the UAE or Egypt`, `Turkey,
    /// Qatar and the US`); such a list is bound whole when it has an `and` or `or`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coordination: Vec<String>,
    /// Prepositions that keep a possessor from giving way to the next mention: `Haftar's rival,
    /// Fayez Serraj` is an apposition, `Russia's support for Haftar` is not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepositions: Vec<String>,
    /// Prepositions that leave a cue open: when a cue ending in one binds nothing, the shorter
    /// cues at its place are tried (`official of operations Zulkifli` is the title `official`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_endings: Vec<String>,
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
