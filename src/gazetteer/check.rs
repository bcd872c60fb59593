//! Checking loaded entities and indexing their aliases: unique well-formed ids, non-empty
//! aliases, full forms owned by one entity unless declared ambiguous, known affiliations and
//! parents. Every error points at the offending value in its file.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::context::ContextIndex;
use super::dated::{Dated, Office};
use super::{Alias, CaseRule, Entity, EntityId, Form, Gazetteer, Kind, Origin};
use crate::error::{Error, Position, Result};
use crate::source::{Sources, locate_value};
use crate::text::fold::fold_str;

/// Checks `loaded` and `offices` (read from `sources`) and builds the gazetteer.
pub(super) fn check(
    mut loaded: Vec<(Entity, Origin)>,
    offices: Vec<(Office, Origin)>,
    sources: &Sources,
) -> Result<Gazetteer> {
    unique_ids(&mut loaded, sources)?;
    let (entities, origins): (Vec<Entity>, Vec<Origin>) = loaded.into_iter().unzip();
    let by_id: HashMap<String, EntityId> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), EntityId(i as u32)))
        .collect();
    let lookup = |id: &str| by_id.get(id).copied();
    let error = |origin: &Origin, needle: Option<(&str, &str)>, message: String| {
        error_at(sources, origin, needle, message)
    };
    let mut dated = Dated::check(offices, &entities, &origins, &lookup, &error)?;
    let mut checker = Checker {
        sources,
        entities: &entities,
        origins: &origins,
        owners: HashMap::default(),
        // About this many (dated aliases come on top), sized up front: growing it copied
        // the world places' aliases.
        aliases: Vec::with_capacity(
            (entities.iter())
                .map(|e| {
                    1 + e.aliases.len() + e.demonyms.len() + e.partial.as_ref().map_or(1, Vec::len)
                })
                .sum(),
        ),
    };
    for (index, entity) in entities.iter().enumerate() {
        let id = EntityId(index as u32);
        checker.well_formed_id(id)?;
        let first_alias = checker.aliases.len();
        let seen = checker.full_forms(id)?;
        checker.partial_forms(id, &seen)?;
        dated.restrict_aliases(entity, first_alias, &checker.aliases[first_alias..]);
        checker.references(id, &by_id)?;
    }
    let aliases = checker.aliases;
    let context = ContextIndex::compile(&entities, &aliases, |id| by_id.get(id).copied()).map_err(
        |(id, (field, value, message))| {
            error_at(
                sources,
                &origins[id.index()],
                Some((field, &value)),
                message,
            )
        },
    )?;
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
        dated,
        context,
    })
}

/// Sorts `loaded` by id, refusing a duplicate id.
fn unique_ids(loaded: &mut [(Entity, Origin)], sources: &Sources) -> Result<()> {
    // Stable sort: among duplicate ids the first loaded stays first, the second is reported.
    loaded.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for pair in loaded.windows(2) {
        if pair[0].0.id == pair[1].0.id {
            let first = &pair[0].1;
            return Err(error_at(
                sources,
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
    Ok(())
}

/// An error at `origin`, or at the value `needle` (field, value) after it when found.
fn error_at(
    sources: &Sources,
    origin: &Origin,
    needle: Option<(&str, &str)>,
    message: String,
) -> Error {
    let text = sources.text_of(&origin.path);
    let offset = needle
        .and_then(|(key, value)| locate_value(text, key, value, origin.offset))
        .unwrap_or(origin.offset);
    Error::at(&origin.path, text, offset, message)
}

fn position_of(sources: &Sources, origin: &Origin) -> Position {
    Position::of_offset(sources.text_of(&origin.path), origin.offset)
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

/// The entities being checked, and the aliases indexed so far.
struct Checker<'a> {
    sources: &'a Sources,
    entities: &'a [Entity],
    origins: &'a [Origin],
    /// Full forms (aliases, names, demonyms) must each belong to one entity unless declared
    /// ambiguous by every entity sharing them; partial forms may be shared freely. By case
    /// key: the owner, whether it declared the form ambiguous, the form as it wrote it.
    owners: HashMap<String, (EntityId, bool, String)>,
    aliases: Vec<Alias>,
}

impl Checker<'_> {
    fn error(&self, id: EntityId, needle: Option<(&str, &str)>, message: String) -> Error {
        error_at(self.sources, &self.origins[id.index()], needle, message)
    }

    fn well_formed_id(&self, id: EntityId) -> Result<()> {
        let entity = &self.entities[id.index()].id;
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
        if entity.is_empty() || !entity.bytes().all(allowed) {
            return Err(self.error(
                id,
                None,
                format!("id `{entity}` must be non-empty lowercase letters, digits and `_`"),
            ));
        }
        Ok(())
    }

    /// Indexes the entity's name, aliases and demonyms; returns the case keys it indexed.
    fn full_forms(&mut self, id: EntityId) -> Result<HashSet<String>> {
        let entity = &self.entities[id.index()];
        let full = std::iter::once((&entity.name, Form::Alias, "name"))
            .chain(entity.aliases.iter().map(|a| (a, Form::Alias, "aliases")))
            .chain(
                entity
                    .demonyms
                    .iter()
                    .map(|a| (a, Form::Demonym, "demonyms")),
            )
            .chain(
                (entity.dated.iter())
                    .filter_map(|fact| Some((fact.alias.as_ref()?, Form::Alias, "alias"))),
            );
        let mut seen = HashSet::default();
        for (text, form, field) in full {
            let folded = fold_str(text);
            if folded.is_empty() {
                return Err(self.error(
                    id,
                    Some((field, text)),
                    format!(
                        "empty alias {text:?} in `{}`: it has no letters or digits",
                        entity.id
                    ),
                ));
            }
            let case = CaseRule::of(text, &folded, form);
            let key = case_key(case, &folded);
            if !seen.insert(key.clone()) {
                // The same entity may list "Erdoğan" and "Erdogan"; one pattern serves both.
                continue;
            }
            let ambiguous = entity.ambiguous.iter().any(|a| fold_str(a) == folded);
            self.own(id, key, ambiguous, text)?;
            self.aliases.push(Alias {
                text: text.clone(),
                folded,
                entity: id,
                form,
                ambiguous,
                case,
            });
        }
        Ok(seen)
    }

    /// Records `id` as an owner of the full form `text`, refusing one another entity owns
    /// unless both declared it ambiguous.
    fn own(&mut self, id: EntityId, key: String, ambiguous: bool, text: &str) -> Result<()> {
        let Some((other, other_ambiguous, other_text)) = self.owners.get(&key) else {
            self.owners.insert(key, (id, ambiguous, text.to_owned()));
            return Ok(());
        };
        if *other == id || (ambiguous && *other_ambiguous) {
            return Ok(());
        }
        // Blame whichever of the two was loaded later: the user's own file rather than a
        // shipped one.
        let (origin, first) = (&self.origins[id.index()], &self.origins[other.index()]);
        let (entity, other_entity) = (
            &self.entities[id.index()].id,
            &self.entities[other.index()].id,
        );
        let (blamed, blamed_text, owner, other_owner) =
            if (first.source, first.offset) > (origin.source, origin.offset) {
                (first, other_text.as_str(), other_entity, entity)
            } else {
                (origin, text, entity, other_entity)
            };
        Err(error_at(
            self.sources,
            blamed,
            Some(("", blamed_text)),
            format!(
                "alias {blamed_text:?} of `{owner}` is also an alias of `{other_owner}`; list it under `ambiguous` in both to allow that"
            ),
        ))
    }

    /// Indexes the entity's partial forms that are not also full forms (`seen`).
    fn partial_forms(&mut self, id: EntityId, seen: &HashSet<String>) -> Result<()> {
        let entity = &self.entities[id.index()];
        for text in entity.partial_forms() {
            let folded = fold_str(&text);
            if folded.is_empty() {
                return Err(self.error(
                    id,
                    Some(("partial", &text)),
                    format!("empty partial form {text:?} in `{}`", entity.id),
                ));
            }
            if seen.contains(&folded) || seen.contains(&case_key(CaseRule::Upper, &folded)) {
                continue;
            }
            self.aliases.push(Alias {
                case: CaseRule::of(&text, &folded, Form::Partial),
                text,
                folded,
                entity: id,
                form: Form::Partial,
                ambiguous: false,
            });
        }
        Ok(())
    }

    /// Refuses affiliations and a parent naming unknown ids.
    fn references(&self, id: EntityId, by_id: &HashMap<String, EntityId>) -> Result<()> {
        let entity = &self.entities[id.index()];
        for affiliation in &entity.affiliations {
            if !by_id.contains_key(affiliation) {
                return Err(self.error(
                    id,
                    Some(("affiliations", affiliation)),
                    format!(
                        "`{}` is affiliated with unknown id `{affiliation}`",
                        entity.id
                    ),
                ));
            }
        }
        if let Some(parent) = entity.parent.as_ref().filter(|p| !by_id.contains_key(*p)) {
            return Err(self.error(
                id,
                Some(("parent", parent)),
                format!("`{}` has unknown parent `{parent}`", entity.id),
            ));
        }
        Ok(())
    }
}
