//! Curated entity lists: loading, checking and looking up.
//!
//! The file format is documented in `gazetteers/README.md`. Entities are sorted by id after
//! loading, so [`EntityId`]s (and every output ordered by them) do not depend on the order
//! in which files were given.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

// Fx, not SipHash: loading hashes every alias and the 64,000 common words on each run.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::source::{Fingerprint, Sources, collects_sources, locate_value};
use crate::text::fold::fold_str;

pub mod import;
pub mod lint;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A named person.
    Person,
    /// A sovereign or de facto state.
    State,
    /// An armed or political group, organisation, institution or company.
    Group,
    /// A city, region, base, port or other location.
    Place,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::State, Kind::Group, Kind::Place];

    /// The name used in files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::State => "state",
            Kind::Group => "group",
            Kind::Place => "place",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown kind `{s}`, expected one of: person, state, group, place")
            })
    }
}

// Kinds are strings in every file, never bare enum variants: Python's RON reader turns a
// bare variant into an empty dict.
impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Kind, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One entity as written in a gazetteer file.
// Not `Eq`: coordinates are floats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable id, unique across all loaded files.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Canonical name; matched like an alias.
    pub name: String,
    /// Other names, matched everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Short forms matched only in documents that name the entity in full. `None` means the
    /// default: a person's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Vec<String>>,
    /// Demonyms of a state (`Russian`, `Russians`), matched like aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    /// Aliases shared with other entities on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the entity's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Ids of the entities it belongs to or serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    /// Free-text subtype: "armed group", "airbase", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Wikidata item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Latitude in WGS84 degrees (places and states), for maps and distances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude in WGS84 degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Number of inhabitants, as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// GeoNames id (`https://www.geonames.org/<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames: Option<u64>,
    /// Id of the entity that contains it: a city's province or state, a province's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Its names count only as names of their own: not run together with another
    /// capitalised word (`Sheffield United`, `Real Madrid`, `Sydney Morning Herald`) and
    /// not as a team in a results line (`CHICAGO 4 Montreal 3`). Generated world places set
    /// it: clubs, firms and newspapers borrow city names.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
}

impl Entity {
    /// The partial forms in force: the declared ones, or a person's last name by default.
    pub fn partial_forms(&self) -> Vec<String> {
        match &self.partial {
            Some(forms) => forms.clone(),
            None if self.kind == Kind::Person => {
                let last = self.name.split_whitespace().last().unwrap_or("");
                // A one-word name is already a full alias.
                if last.is_empty() || last == self.name {
                    Vec::new()
                } else {
                    vec![last.to_owned()]
                }
            }
            None => Vec::new(),
        }
    }
}

/// The on-disk file: a list of entities.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entities: Vec<Entity>,
}

/// Index of an entity in a [`Gazetteer`]; ids sort like entity ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How an alias relates to its entity; decides how a match is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// The canonical name or a listed alias.
    Alias,
    /// A demonym of a state.
    Demonym,
    /// A short form that needs the full name elsewhere in the document.
    Partial,
}

impl Form {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Alias => "alias",
            Form::Demonym => "demonym",
            Form::Partial => "partial",
        }
    }
}

/// One string to match, with what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// As written in the gazetteer.
    pub text: String,
    /// As folded for matching (see [`crate::text::fold`]).
    pub folded: String,
    /// The entity it names.
    pub entity: EntityId,
    /// Alias, demonym or partial.
    pub form: Form,
    /// Declared as shared with other entities.
    pub ambiguous: bool,
    /// Which capitalisation of the text it matches.
    pub case: CaseRule,
}

/// Which capitalisation of the text an alias matches; keeps `us` from being the US and
/// `turkey` from being Turkey while `RUSSIA` and `russia` stay Russia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseRule {
    /// Only text in capitals: short acronyms and acronyms that spell a word (`US`, `IS`, `UN`).
    Upper,
    /// Each word capitalised in the alias must be capitalised in the text (`Turkey`, `Chad`,
    /// and every partial form).
    Capitalised,
    /// Any capitalisation.
    Any,
}

impl CaseRule {
    /// The rule for an alias as written, folded to `folded`.
    pub fn of(text: &str, folded: &str, form: Form) -> CaseRule {
        if is_acronym(text) && (folded.len() <= 3 || is_common_word(&folded.replace(' ', ""))) {
            CaseRule::Upper
        } else if form == Form::Partial || is_common_word(folded) {
            CaseRule::Capitalised
        } else {
            CaseRule::Any
        }
    }
}

/// The curated gazetteer files, embedded so the binary works from any directory.
pub const BUILTIN: [(&str, &str); 4] = [
    (
        "gazetteers/states.ron",
        include_str!("../../gazetteers/states.ron"),
    ),
    (
        "gazetteers/persons.ron",
        include_str!("../../gazetteers/persons.ron"),
    ),
    (
        "gazetteers/groups.ron",
        include_str!("../../gazetteers/groups.ron"),
    ),
    (
        "gazetteers/places.ron",
        include_str!("../../gazetteers/places.ron"),
    ),
];

/// The world places (`scripts/world_places.py`: subdivisions, capitals and cities, continents,
/// seas, regions), shipped and loaded by default ([`GazetteerBuilder::builtin`]) after the
/// curated files, whose entities they never redefine: ordinary places are most of the places
/// unseen news names.
pub const WORLD_PLACES: (&str, &str) = (
    "gazetteers/world-places.ron",
    include_str!("../../gazetteers/world-places.ron"),
);

/// Given names (1990 US Census, public domain; `scripts/given_names.py`), lowercase: a
/// place, state or group alias right after one is a surname (`Michael Jordan`).
const GIVEN_NAMES: &str = include_str!("../../gazetteers/given-names.txt");

/// Whether a word, in any case, is a given name such as `michael` or `ulrich`.
pub fn is_given_name(word: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| GIVEN_NAMES.lines().collect())
        .contains(word.to_ascii_lowercase().as_str())
}

/// Lowercase English words (SCOWL via Debian's `wamerican`), for the case rule and the linter.
const COMMON_WORDS: &str = include_str!("../../gazetteers/common-words.txt");

/// Whether a folded, single- or multi-word string is a common English word, such as `turkey`
/// or `chad`; such aliases only match capitalised text.
pub fn is_common_word(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| COMMON_WORDS.lines().collect())
        .contains(folded)
}

/// Where an entity was loaded from, for error messages and the linter.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file (or the embedded file's name).
    pub path: PathBuf,
    /// Index of the file in load order: a conflict is blamed on the file loaded later.
    pub source: usize,
    /// Byte offset of the entity's id in that file.
    pub offset: usize,
}

/// A loaded, checked set of entities.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    origins: Vec<Origin>,
    by_id: HashMap<String, EntityId>,
    aliases: Vec<Alias>,
    states_by_country: BTreeMap<String, EntityId>,
}

/// Collects gazetteer sources, then checks and indexes them all at once.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    sources: Sources,
}

collects_sources!(GazetteerBuilder, "gazetteer");

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Adds every shipped gazetteer: the curated files and the world places.
    pub fn builtin(&mut self) -> &mut GazetteerBuilder {
        self.curated().source(WORLD_PLACES.0, WORLD_PLACES.1)
    }

    /// Adds the curated gazetteers only ([`BUILTIN`]), without the world places.
    pub fn curated(&mut self) -> &mut GazetteerBuilder {
        for (name, text) in BUILTIN {
            self.source(name, text);
        }
        self
    }

    /// Parses and checks everything added.
    pub fn build(&self) -> Result<Gazetteer> {
        let mut loaded: Vec<(Entity, Origin)> = Vec::new();
        for (index, source) in self.sources.iter().enumerate() {
            let file: File = source.parse()?;
            let mut cursor = 0;
            for entity in file.entities {
                let offset = locate_value(&source.text, "id", &entity.id, cursor).unwrap_or(cursor);
                cursor = offset;
                loaded.push((
                    entity,
                    Origin {
                        path: source.path.clone(),
                        source: index,
                        offset,
                    },
                ));
            }
        }
        Gazetteer::check(loaded, &self.sources)
    }
}

impl Gazetteer {
    /// The shipped gazetteers, world places included.
    pub fn builtin() -> Result<Gazetteer> {
        GazetteerBuilder::new().builtin().build()
    }

    fn check(mut loaded: Vec<(Entity, Origin)>, sources: &Sources) -> Result<Gazetteer> {
        let error_at = |origin: &Origin, needle: Option<(&str, &str)>, message: String| {
            let text = sources.text_of(&origin.path);
            let offset = needle
                .and_then(|(key, value)| locate_value(text, key, value, origin.offset))
                .unwrap_or(origin.offset);
            Error::at(&origin.path, text, offset, message)
        };

        // Stable sort: among duplicate ids the first loaded stays first, the second is reported.
        loaded.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        for pair in loaded.windows(2) {
            if pair[0].0.id == pair[1].0.id {
                let first = &pair[0].1;
                return Err(error_at(
                    &pair[1].1,
                    None,
                    format!(
                        "duplicate id `{}` (first defined in {} at {})",
                        pair[1].0.id,
                        first.path.display(),
                        position_of(sources, first)
                    ),
                ));
            }
        }

        let (entities, origins): (Vec<Entity>, Vec<Origin>) = loaded.into_iter().unzip();
        let by_id: HashMap<String, EntityId> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), EntityId(i as u32)))
            .collect();

        let mut aliases = Vec::new();
        // Full forms (aliases, names, demonyms) must each belong to one entity unless declared
        // ambiguous by every entity sharing them; partial forms may be shared freely.
        let mut owners: HashMap<String, (EntityId, bool, String)> = HashMap::default();
        for (index, entity) in entities.iter().enumerate() {
            let id = EntityId(index as u32);
            let origin = &origins[index];
            if entity.id.is_empty()
                || !entity
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(error_at(
                    origin,
                    None,
                    format!(
                        "id `{}` must be non-empty lowercase letters, digits and `_`",
                        entity.id
                    ),
                ));
            }
            let full = std::iter::once((&entity.name, Form::Alias, "name"))
                .chain(entity.aliases.iter().map(|a| (a, Form::Alias, "aliases")))
                .chain(
                    entity
                        .demonyms
                        .iter()
                        .map(|a| (a, Form::Demonym, "demonyms")),
                );
            let mut seen = HashSet::default();
            for (text, form, field) in full {
                let folded = fold_str(text);
                if folded.is_empty() {
                    return Err(error_at(
                        origin,
                        Some((field, text)),
                        format!(
                            "empty alias {text:?} in `{}`: it has no letters or digits",
                            entity.id
                        ),
                    ));
                }
                if !seen.insert(case_key(CaseRule::of(text, &folded, form), &folded)) {
                    // The same entity may list "Erdoğan" and "Erdogan"; one pattern serves both.
                    continue;
                }
                let ambiguous = entity.ambiguous.iter().any(|a| fold_str(a) == folded);
                let case = CaseRule::of(text, &folded, form);
                let key = case_key(case, &folded);
                if let Some((other, other_ambiguous, other_text)) = owners.get(&key) {
                    if *other != id && !(ambiguous && *other_ambiguous) {
                        // Blame whichever of the two was loaded later: the user's own file
                        // rather than a shipped one.
                        let first = &origins[other.index()];
                        let (blamed, blamed_text, owner, other_owner) =
                            if (first.source, first.offset) > (origin.source, origin.offset) {
                                (
                                    first,
                                    other_text.as_str(),
                                    &entities[other.index()].id,
                                    &entity.id,
                                )
                            } else {
                                (
                                    origin,
                                    text.as_str(),
                                    &entity.id,
                                    &entities[other.index()].id,
                                )
                            };
                        return Err(error_at(
                            blamed,
                            Some(("", blamed_text)),
                            format!(
                                "alias {blamed_text:?} of `{owner}` is also an alias of `{other_owner}`; list it under `ambiguous` in both to allow that"
                            ),
                        ));
                    }
                } else {
                    owners.insert(key, (id, ambiguous, text.clone()));
                }
                aliases.push(Alias {
                    text: text.clone(),
                    folded,
                    entity: id,
                    form,
                    ambiguous,
                    case,
                });
            }
            for text in entity.partial_forms() {
                let folded = fold_str(&text);
                if folded.is_empty() {
                    return Err(error_at(
                        origin,
                        Some(("partial", &text)),
                        format!("empty partial form {text:?} in `{}`", entity.id),
                    ));
                }
                if seen.contains(&folded) || seen.contains(&case_key(CaseRule::Upper, &folded)) {
                    continue;
                }
                aliases.push(Alias {
                    case: CaseRule::of(&text, &folded, Form::Partial),
                    text,
                    folded,
                    entity: id,
                    form: Form::Partial,
                    ambiguous: false,
                });
            }
            for affiliation in &entity.affiliations {
                if !by_id.contains_key(affiliation) {
                    return Err(error_at(
                        origin,
                        Some(("affiliations", affiliation)),
                        format!(
                            "`{}` is affiliated with unknown id `{affiliation}`",
                            entity.id
                        ),
                    ));
                }
            }
            if let Some(parent) = entity.parent.as_ref().filter(|p| !by_id.contains_key(*p)) {
                return Err(error_at(
                    origin,
                    Some(("parent", parent)),
                    format!("`{}` has unknown parent `{parent}`", entity.id),
                ));
            }
        }

        let states_by_country = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::State)
            .filter_map(|(i, e)| Some((e.country.clone()?, EntityId(i as u32))))
            .collect();

        Ok(Gazetteer {
            entities,
            origins,
            by_id,
            aliases,
            states_by_country,
        })
    }

    /// All entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity behind an [`EntityId`].
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    /// Where an entity was defined.
    pub fn origin(&self, id: EntityId) -> &Origin {
        &self.origins[id.index()]
    }

    /// Looks an entity up by its string id.
    pub fn lookup(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }

    /// Every string to match, with its entity and form.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The state whose ISO code is `country`, if loaded.
    pub fn state_of_country(&self, country: &str) -> Option<EntityId> {
        self.states_by_country.get(country).copied()
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether no entity is loaded.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// A stable fingerprint of the loaded entities (FNV-1a over their canonical RON), written in
    /// exports so a reader can tell which gazetteer produced them.
    pub fn fingerprint(&self) -> String {
        let mut hash = Fingerprint::new();
        for entity in &self.entities {
            hash.write(ron::to_string(entity).unwrap_or_default().as_bytes());
            hash.write(b"\n");
        }
        hash.hex()
    }
}

/// RON as gazegraph reads it: optional fields are written plainly (`country: "LY"`), not
/// as `Some("LY")`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Whether an alias is written in capitals (`US`, `U.S.`, `LNA`, `NATO`).
pub fn is_acronym(alias: &str) -> bool {
    let mut letters = alias.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Two aliases collide when they fold the same and would match the same text: an acronym
/// (`US`) and a word (`Us`) fold alike but match different text.
fn case_key(case: CaseRule, folded: &str) -> String {
    if case == CaseRule::Upper {
        format!("{folded}\u{0}A")
    } else {
        folded.to_owned()
    }
}

fn position_of(sources: &Sources, origin: &Origin) -> crate::error::Position {
    crate::error::Position::of_offset(sources.text_of(&origin.path), origin.offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Gazetteer> {
        GazetteerBuilder::new().source("test.ron", text).build()
    }

    fn message(text: &str) -> String {
        load(text).unwrap_err().to_string()
    }

    #[test]
    fn builtin_gazetteers_load_and_are_sorted() {
        let g = Gazetteer::builtin().unwrap();
        assert!(g.len() > 300, "only {} entities", g.len());
        let ids: Vec<&str> = g.entities().iter().map(|e| e.id.as_str()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        for kind in Kind::ALL {
            assert!(g.entities().iter().any(|e| e.kind == kind), "no {kind}");
        }
        let russia = g.lookup("russia").unwrap();
        assert_eq!(g.state_of_country("RU"), Some(russia));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let cases = [
            (
                "(entities: [(id: \"a\", kind: \"person\", name: \"A B\"),\n (id: \"a\", kind: \"person\", name: \"C D\")])",
                "test.ron:2:7: duplicate id `a` (first defined in test.ron at 1:18)",
            ),
            (
                "(entities: [\n  (id: \"a\", kind: \"person\", name: \"Ali\", aliases: [\"Bo\"]),\n  (id: \"b\", kind: \"place\", name: \"Bo\"),\n])",
                "test.ron:3:34: alias \"Bo\" of `b` is also an alias of `a`; list it under `ambiguous` in both to allow that",
            ),
            (
                "(entities: [\n  (id: \"a\", kind: \"person\", name: \"Ali\", aliases: [\"--\"]),\n])",
                "test.ron:2:52: empty alias \"--\" in `a`: it has no letters or digits",
            ),
            (
                "(entities: [\n  (id: \"a\", kind: \"planet\", name: \"Mars\"),\n])",
                "test.ron:2:20: unknown kind `planet`, expected one of: person, state, group, place",
            ),
            (
                "(entities: [\n  (id: \"a\", kind: \"group\", name: \"Mars\", affiliations: [\"zz\"]),\n])",
                "test.ron:2:57: `a` is affiliated with unknown id `zz`",
            ),
            (
                "(entities: [\n  (id: \"a\", kind: \"place\", name: \"Mars\", parent: \"zz\"),\n])",
                "test.ron:2:50: `a` has unknown parent `zz`",
            ),
            (
                "(entities: [\n  (id: \"Bad Id\", kind: \"group\", name: \"Mars\"),\n])",
                "test.ron:2:8: id `Bad Id` must be non-empty lowercase letters, digits and `_`",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(message(text), want);
        }
    }

    #[test]
    fn syntax_errors_come_from_ron_with_positions() {
        let msg = message("(entities: [\n  (id: \"a\" kind: \"group\"),\n])");
        assert!(msg.starts_with("test.ron:2:"), "{msg}");
    }

    #[test]
    fn declared_ambiguity_and_acronyms_are_allowed() {
        let g = load(
            "(entities: [
              (id: \"tripoli\", kind: \"place\", name: \"Tripoli\", ambiguous: [\"Tripoli\"]),
              (id: \"tripoli_lb\", kind: \"place\", name: \"Tripoli, Lebanon\", aliases: [\"Tripoli\"], ambiguous: [\"Tripoli\"]),
              (id: \"us\", kind: \"state\", name: \"United States\", aliases: [\"US\"]),
              (id: \"us_band\", kind: \"group\", name: \"Us\"),
            ])",
        )
        .unwrap();
        let tripoli: Vec<_> = g
            .aliases()
            .iter()
            .filter(|a| a.folded == "tripoli")
            .collect();
        assert_eq!(tripoli.len(), 2);
        assert!(tripoli.iter().all(|a| a.ambiguous));
    }

    #[test]
    fn persons_get_their_last_name_as_partial_by_default() {
        let g = load(
            "(entities: [
              (id: \"nikki_haley\", kind: \"person\", name: \"Nikki Haley\"),
              (id: \"kim_jong_un\", kind: \"person\", name: \"Kim Jong Un\", partial: [\"Kim\"]),
              (id: \"madonna\", kind: \"person\", name: \"Madonna\"),
            ])",
        )
        .unwrap();
        let partials: Vec<&str> = g
            .aliases()
            .iter()
            .filter(|a| a.form == Form::Partial)
            .map(|a| a.text.as_str())
            .collect();
        assert_eq!(partials, ["Kim", "Haley"]);
    }

    #[test]
    fn acronyms_and_common_words() {
        assert!(is_acronym("US") && is_acronym("U.S.") && is_acronym("LNA"));
        assert!(!is_acronym("Us") && !is_acronym("Russia") && !is_acronym("123"));
        let rule = |text: &str| CaseRule::of(text, &fold_str(text), Form::Alias);
        assert_eq!(rule("US"), CaseRule::Upper);
        assert_eq!(rule("U.S."), CaseRule::Upper);
        assert_eq!(rule("IS"), CaseRule::Upper);
        assert_eq!(rule("LNA"), CaseRule::Upper);
        // Not a word: "Nato" in British style still matches.
        assert_eq!(rule("NATO"), CaseRule::Any);
        assert_eq!(rule("Turkey"), CaseRule::Capitalised);
        assert_eq!(rule("Russia"), CaseRule::Any);
        assert!(is_common_word("turkey") && is_common_word("chad"));
        assert!(!is_common_word("russia") && !is_common_word("haftar"));
    }

    #[test]
    fn fingerprint_is_order_independent() {
        let a = "(entities: [(id: \"a\", kind: \"place\", name: \"Aa\")])";
        let b = "(entities: [(id: \"b\", kind: \"place\", name: \"Bb\")])";
        let one = GazetteerBuilder::new()
            .source("1", a)
            .source("2", b)
            .build()
            .unwrap();
        let two = GazetteerBuilder::new()
            .source("2", b)
            .source("1", a)
            .build()
            .unwrap();
        assert_eq!(one.fingerprint(), two.fingerprint());
        assert_eq!(one.lookup("b"), Some(EntityId(1)));
    }
}
