//! Curated entity lists: loading, checking and looking up.
//!
//! The file format is documented in `gazetteers/README.md`. Entities are sorted by id after
//! loading, so [`EntityId`]s (and every output ordered by them) do not depend on the order
//! in which files were given.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

// Fx, not SipHash: loading hashes every alias on each run.
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Result, UnknownName};
use crate::source::{Fingerprint, Sources, collects_sources, locate_value};

mod check;
pub mod context;
pub mod dated;
pub mod import;
pub mod lint;

use context::{Context, ContextIndex, Extension};
pub use dated::{DatedAffiliation, Fact, Office, OfficeId, Term, Window};

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
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<Kind, UnknownName> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName::new("kind", s, "person, state, group or place"))
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
    /// Aliases, affiliations and offices that hold only between two dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dated: Vec<Fact>,
    /// Names that count only with support in the document, and the evidence that gives it
    /// (`gazetteers/README.md`, "Names in context").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
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
    /// Offices whose titles name their holder (see [`dated`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    offices: Vec<Office>,
    #[serde(default)]
    entities: Vec<Entity>,
    /// More names and context for entities defined in any loaded file.
    #[serde(default)]
    extend: Vec<Extension>,
}

/// Index of an entity in a [`Gazetteer`]; ids sort like entity ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub(crate) u32);

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
    /// The title of an office, standing for whoever held it on the document's date; never
    /// an [`Alias`]'s form.
    Title(OfficeId),
}

impl Form {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Alias => "alias",
            Form::Demonym => "demonym",
            Form::Partial => "partial",
            Form::Title(_) => "title",
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

/// [`BUILTIN`] as JSON, converted by `build.rs`, in the same order.
const BUILTIN_JSON: [&str; 4] = [
    include_str!(concat!(env!("OUT_DIR"), "/states.json")),
    include_str!(concat!(env!("OUT_DIR"), "/persons.json")),
    include_str!(concat!(env!("OUT_DIR"), "/groups.json")),
    include_str!(concat!(env!("OUT_DIR"), "/places.json")),
];

/// The world places (`scripts/world_places.py`: subdivisions, capitals and cities, continents,
/// seas, regions), shipped and loaded by default ([`GazetteerBuilder::builtin`]) after the
/// curated files, whose entities they never redefine: ordinary places are most of the places
/// unseen news names.
pub const WORLD_PLACES: (&str, &str) = (
    "gazetteers/world-places.ron",
    include_str!("../../gazetteers/world-places.ron"),
);

/// [`WORLD_PLACES`] as JSON, converted by `build.rs`.
const WORLD_PLACES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/world-places.json"));

// `GIVEN_NAMES`: given names (1990 US Census and SSA baby names, public domain;
// `scripts/given_names.py`), lowercase. `COMMON_WORDS`: lowercase English words (SCOWL via
// Debian's `wamerican`). Both are perfect-hash sets made by `build.rs` from the files in
// `gazetteers/`, so no run spends time building them.
include!(concat!(env!("OUT_DIR"), "/word-sets.rs"));

/// Whether a word, in any case, is a given name such as `michael` or `ulrich`: a place, state
/// or group alias right after one is a surname (`Michael Jordan`).
pub(crate) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(word.to_ascii_lowercase().as_str())
}

/// Whether a folded, single- or multi-word string is a common English word, such as `turkey`
/// or `chad`; such aliases only match capitalised text. For the case rule and the linter.
pub(crate) fn is_common_word(folded: &str) -> bool {
    COMMON_WORDS.contains(folded)
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
    dated: dated::Dated,
    context: ContextIndex,
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

    /// Adds the shipped curated gazetteers ([`BUILTIN`]).
    pub fn builtin(&mut self) -> &mut GazetteerBuilder {
        for ((path, text), json) in BUILTIN.into_iter().zip(BUILTIN_JSON) {
            self.sources.push_compiled(path, text, json);
        }
        self
    }

    /// Adds the shipped world places ([`WORLD_PLACES`]): subdivisions, capitals and large
    /// cities, continents, oceans and seas, and regions, built from GeoNames.
    pub fn world_places(&mut self) -> &mut GazetteerBuilder {
        let (path, text) = WORLD_PLACES;
        self.sources.push_compiled(path, text, WORLD_PLACES_JSON);
        self
    }

    /// Parses and checks everything added.
    pub fn build(&self) -> Result<Gazetteer> {
        let files: Vec<File> = self
            .sources
            .iter()
            .map(|s| s.parse())
            .collect::<Result<_>>()?;
        // Sized up front: growing it moved every entity loaded so far, a few times over.
        let mut loaded: Vec<(Entity, Origin)> =
            Vec::with_capacity(files.iter().map(|f| f.entities.len()).sum());
        let mut offices = Vec::new();
        let mut extensions = Vec::new();
        for (index, (source, file)) in self.sources.iter().zip(files).enumerate() {
            let mut cursor = 0;
            for extension in file.extend {
                let offset = locate_value(&source.text, "id", &extension.id, 0).unwrap_or(0);
                extensions.push((extension, source, offset));
            }
            for office in file.offices {
                let offset = locate_value(&source.text, "id", &office.id, cursor).unwrap_or(cursor);
                cursor = offset;
                let origin = Origin {
                    path: source.path.clone(),
                    source: index,
                    offset,
                };
                offices.push((office, origin));
            }
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
        for (extension, source, offset) in extensions {
            let Some((entity, _)) = loaded.iter_mut().find(|(e, _)| e.id == extension.id) else {
                return Err(source.error(
                    offset,
                    format!("`extend` names unknown id `{}`", extension.id),
                ));
            };
            extension.apply(entity);
        }
        check::check(loaded, offices, &self.sources)
    }
}

impl Gazetteer {
    /// The shipped curated gazetteers (without the world places).
    pub fn builtin() -> Result<Gazetteer> {
        GazetteerBuilder::new().builtin().build()
    }

    /// All entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The ids of [`Gazetteer::entities`], in the same order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = EntityId> + use<> {
        (0..self.entities.len() as u32).map(EntityId)
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

    /// The compiled context rules of every entity.
    pub fn context(&self) -> &ContextIndex {
        &self.context
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
        // Offices only where there are some: fingerprints of gazetteers without stay as they were.
        for office in self.dated.offices_ron() {
            hash.write(office.as_bytes());
            hash.write(b"\n");
        }
        hash.hex()
    }
}

/// RON as gazegraph reads it: optional fields are written plainly (`country: "LY"`), not
/// as `Some("LY")`.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Whether an alias is written in capitals (`US`, `U.S.`, `LNA`, `NATO`).
pub(crate) fn is_acronym(alias: &str) -> bool {
    let mut letters = alias.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests;
