//! Dated facts: aliases, affiliations and offices that hold only between two dates.
//!
//! Names and roles change: the name `Africa Corps` means Russia's expeditionary force only
//! from 2024, Sergei Shoigu was Russia's defence minister until 12 May 2024 and Andrei
//! Belousov from 14 May 2024. An entity lists such facts under `dated`, and a file lists the
//! `offices` whose titles (`Russia's defence minister`) stand for whoever held them on a
//! document's date. The syntax is documented in `gazetteers/README.md`; loading checks every
//! date, every id a fact names, and that no two terms of one office overlap.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Alias, Entity, EntityId, Form, Gazetteer, Origin};
use crate::error::{Error, Result};
use crate::text::fold::fold_str;

/// One fact of an entity valid between two dates: exactly one of `alias`, `affiliation` and
/// `office` is given. Dates are written `2024`, `2024-05` or `2024-05-12`; a year or month
/// starts on its first day in `from` and ends on its last in `until`; both bounds are
/// inclusive and either may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// A name that means the entity only in the window. If it is also the entity's name or
    /// one of its aliases, that name is restricted to the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Id of an entity it belongs to or serves in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Id of an office (see [`Office`]) it held in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// First day of the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day of the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// A short description (`in Africa`, `acting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A post held by one person at a time, whose titles are used as names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Stable id, unique among offices: `[a-z0-9_]+`.
    pub id: String,
    /// What the post is called, for people.
    pub name: String,
    /// Phrases that name the holder in a dated document (`Russia's defence minister`), matched
    /// as whole words in any capitalisation.
    pub titles: Vec<String>,
    /// Ids of entities of which a document must name one for the titles to count: `U.N.
    /// envoy` is the Libya envoy only in a document about Libya.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
}

/// Index of an office in [`Gazetteer::offices`], in id order. 16 bits keep [`Form`], and so
/// every mention and match reading, as small as before offices existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficeId(pub u16);

impl OfficeId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Inclusive dates between which a fact holds; `None` is open-ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// First day, if bounded.
    pub from: Option<NaiveDate>,
    /// Last day, if bounded.
    pub until: Option<NaiveDate>,
}

impl Window {
    /// Whether `date` falls in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date <= until)
    }

    /// Whether two windows share a day.
    fn overlaps(&self, other: &Window) -> bool {
        let starts = |w: &Window| w.from.unwrap_or(NaiveDate::MIN);
        let ends = |w: &Window| w.until.unwrap_or(NaiveDate::MAX);
        starts(self) <= ends(other) && starts(other) <= ends(self)
    }
}

/// A date as a gazetteer writes it, taken as the first (`end == false`) or last day of the
/// year or month it names.
fn parse_bound(text: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| -> Option<u32> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let year = match parts.first() {
        Some(y) if y.len() == 4 => number(y)? as i32,
        _ => return None,
    };
    match parts[1..] {
        [] if end => NaiveDate::from_ymd_opt(year, 12, 31),
        [] => NaiveDate::from_ymd_opt(year, 1, 1),
        [month] if month.len() == 2 => {
            let first = NaiveDate::from_ymd_opt(year, number(month)?, 1)?;
            if end {
                first.checked_add_months(chrono::Months::new(1))?.pred_opt()
            } else {
                Some(first)
            }
        }
        [month, day] if month.len() == 2 && day.len() == 2 => {
            NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
        }
        _ => None,
    }
}

/// A term of an office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Who held the office.
    pub holder: EntityId,
    /// When.
    pub window: Window,
}

/// An affiliation that holds only in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedAffiliation {
    /// The entity it belongs to or serves.
    pub affiliation: EntityId,
    /// When.
    pub window: Window,
    /// As the gazetteer describes it.
    pub note: Option<String>,
}

/// The checked dated facts of a gazetteer, indexed for lookups by date.
#[derive(Debug, Clone, Default)]
pub(super) struct Dated {
    offices: Vec<Office>,
    /// Per office, its context entities.
    context: Vec<Vec<EntityId>>,
    /// Per office, its terms in date order.
    terms: Vec<Vec<Term>>,
    /// Per entity (sparse), its dated affiliations.
    affiliations: Vec<(EntityId, DatedAffiliation)>,
    /// Alias indices (into [`Gazetteer::aliases`]) that hold only in a window, sorted.
    alias_windows: Vec<(u32, Window)>,
}

/// Builds an error at an entity's or office's origin, near `key: "value"` when given.
pub(super) type ErrorAt<'e> = dyn Fn(&Origin, Option<(&str, &str)>, String) -> Error + 'e;

/// Whether an id is non-empty lowercase letters, digits and `_`.
pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Sorts the offices and checks their ids, titles and context ids; returns them with each
/// one's context entities.
#[allow(clippy::type_complexity)]
fn check_offices(
    mut offices: Vec<(Office, Origin)>,
    lookup: &dyn Fn(&str) -> Option<EntityId>,
    error_at: &ErrorAt<'_>,
) -> Result<(Vec<Office>, Vec<Vec<EntityId>>)> {
    offices.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    if let Some((_, origin)) = offices.get(usize::from(u16::MAX)) {
        let message = format!("more than {} offices", u16::MAX);
        return Err(error_at(origin, None, message));
    }
    for pair in offices.windows(2) {
        if pair[0].0.id == pair[1].0.id {
            let message = format!("duplicate office id `{}`", pair[1].0.id);
            return Err(error_at(&pair[1].1, None, message));
        }
    }
    let mut context = Vec::with_capacity(offices.len());
    for (office, origin) in &offices {
        if !valid_id(&office.id) {
            let message = format!(
                "office id `{}` must be non-empty lowercase letters, digits and `_`",
                office.id
            );
            return Err(error_at(origin, None, message));
        }
        if let Some(title) = office.titles.iter().find(|t| fold_str(t).is_empty()) {
            let message = format!("empty title {title:?} of office `{}`", office.id);
            return Err(error_at(origin, Some(("titles", title)), message));
        }
        let ids = office.context.iter().map(|id| {
            lookup(id).ok_or_else(|| {
                let message = format!("office `{}` has unknown context id `{id}`", office.id);
                error_at(origin, Some(("context", id)), message)
            })
        });
        context.push(ids.collect::<Result<Vec<_>>>()?);
    }
    let (offices, _): (Vec<Office>, Vec<Origin>) = offices.into_iter().unzip();
    Ok((offices, context))
}

/// A term of an office with the entity's index and the office as written, for errors.
type PlacedTerm<'e> = (Term, usize, &'e str);

/// The entities whose dated facts are checked, and how to report what is wrong.
struct Facts<'c, 'e> {
    entities: &'e [Entity],
    origins: &'c [Origin],
    lookup: &'c dyn Fn(&str) -> Option<EntityId>,
    error_at: &'c ErrorAt<'c>,
}

impl<'e> Facts<'_, 'e> {
    /// Every entity's terms of office (by office) and dated affiliations.
    #[allow(clippy::type_complexity)]
    fn terms_and_affiliations(
        &self,
        offices: &[Office],
    ) -> Result<(Vec<Vec<PlacedTerm<'e>>>, Vec<(EntityId, DatedAffiliation)>)> {
        let (lookup, error_at) = (self.lookup, self.error_at);
        let office_of = |id: &str| offices.iter().position(|o| o.id == id);
        let mut terms: Vec<Vec<PlacedTerm<'e>>> = vec![Vec::new(); offices.len()];
        let mut affiliations = Vec::new();
        for (index, entity) in self.entities.iter().enumerate() {
            let origin = &self.origins[index];
            let id = EntityId(index as u32);
            for fact in &entity.dated {
                let window = fact_window(entity, fact, origin, error_at)?;
                match (&fact.alias, &fact.affiliation, &fact.office) {
                    (Some(_), None, None) => {}
                    (None, Some(other), None) => {
                        let affiliation = lookup(other).ok_or_else(|| {
                            let message =
                                format!("`{}` is affiliated with unknown id `{other}`", entity.id);
                            error_at(origin, Some(("affiliation", other)), message)
                        })?;
                        let note = fact.note.clone();
                        let dated = DatedAffiliation {
                            affiliation,
                            window,
                            note,
                        };
                        affiliations.push((id, dated));
                    }
                    (None, None, Some(office)) => {
                        let at = office_of(office).ok_or_else(|| {
                            let message =
                                format!("`{}` holds unknown office `{office}`", entity.id);
                            error_at(origin, Some(("office", office)), message)
                        })?;
                        let term = Term { holder: id, window };
                        terms[at].push((term, index, office.as_str()));
                    }
                    _ => {
                        let message = format!(
                            "a dated fact of `{}` must give exactly one of `alias`, `affiliation` and `office`",
                            entity.id
                        );
                        return Err(error_at(origin, None, message));
                    }
                }
            }
        }
        Ok((terms, affiliations))
    }

    /// The terms of each office in time order, refusing two that overlap.
    fn without_overlaps(&self, mut terms: Vec<Vec<PlacedTerm<'e>>>) -> Result<Vec<Vec<Term>>> {
        for office_terms in &mut terms {
            office_terms.sort_by_key(|(t, ..)| (t.window.from, t.window.until, t.holder));
            for pair in office_terms.windows(2) {
                let ((first, first_at, _), (second, second_at, office)) = (&pair[0], &pair[1]);
                if first.window.overlaps(&second.window) {
                    let message = format!(
                        "the terms of `{}` and `{}` as `{office}` overlap",
                        self.entities[*first_at].id, self.entities[*second_at].id
                    );
                    let origin = &self.origins[*second_at];
                    return Err((self.error_at)(origin, Some(("office", office)), message));
                }
            }
        }
        Ok(terms
            .into_iter()
            .map(|t| t.into_iter().map(|(term, ..)| term).collect())
            .collect())
    }
}

impl Dated {
    /// Checks the offices and every entity's dated facts except aliases, which
    /// [`Dated::restrict_aliases`] indexes as the aliases are built.
    pub(super) fn check(
        offices: Vec<(Office, Origin)>,
        entities: &[Entity],
        origins: &[Origin],
        lookup: &dyn Fn(&str) -> Option<EntityId>,
        error_at: &ErrorAt<'_>,
    ) -> Result<Dated> {
        let (offices, context) = check_offices(offices, lookup, error_at)?;
        let facts = Facts {
            entities,
            origins,
            lookup,
            error_at,
        };
        let (terms, affiliations) = facts.terms_and_affiliations(&offices)?;
        let terms = facts.without_overlaps(terms)?;
        Ok(Dated {
            offices,
            context,
            terms,
            affiliations,
            alias_windows: Vec::new(),
        })
    }

    /// Restricts to their windows the aliases of `entity` (`aliases`, starting at index
    /// `first`) that one of its dated facts names.
    pub(super) fn restrict_aliases(&mut self, entity: &Entity, first: usize, aliases: &[Alias]) {
        for fact in &entity.dated {
            let Some(alias) = &fact.alias else { continue };
            let folded = fold_str(alias);
            let window = Window {
                from: fact.from.as_deref().and_then(|d| parse_bound(d, false)),
                until: fact.until.as_deref().and_then(|d| parse_bound(d, true)),
            };
            for (index, _) in aliases
                .iter()
                .enumerate()
                .filter(|(_, a)| a.folded == folded)
            {
                self.alias_windows.push(((first + index) as u32, window));
            }
            // Entities come in alias order: only this entity's windows may be out of order.
            self.alias_windows.sort_by_key(|(index, _)| *index);
        }
    }

    /// The offices in canonical RON, for the gazetteer's fingerprint.
    pub(super) fn offices_ron(&self) -> impl Iterator<Item = String> + '_ {
        self.offices
            .iter()
            .map(|o| ron::to_string(o).unwrap_or_default())
    }
}

/// The window of a fact, checked: dates well formed and in order.
fn fact_window(
    entity: &Entity,
    fact: &Fact,
    origin: &Origin,
    error_at: &ErrorAt<'_>,
) -> Result<Window> {
    let bound = |key: &str, text: &Option<String>, end: bool| match text {
        None => Ok(None),
        Some(text) => parse_bound(text, end).map(Some).ok_or_else(|| {
            let message = format!(
                "date {text:?} of `{}` is not YYYY, YYYY-MM or YYYY-MM-DD",
                entity.id
            );
            error_at(origin, Some((key, text)), message)
        }),
    };
    let window = Window {
        from: bound("from", &fact.from, false)?,
        until: bound("until", &fact.until, true)?,
    };
    if let (Some(from), Some(until)) = (window.from, window.until)
        && from > until
    {
        let text = fact.until.as_deref().unwrap_or_default();
        let message = format!(
            "a dated fact of `{}` ends ({until}) before it starts ({from})",
            entity.id
        );
        return Err(error_at(origin, Some(("until", text)), message));
    }
    Ok(window)
}

impl Gazetteer {
    /// The offices whose titles name their holder, sorted by id.
    pub fn offices(&self) -> &[Office] {
        &self.dated.offices
    }

    /// The office behind an [`OfficeId`].
    pub fn office(&self, id: OfficeId) -> &Office {
        &self.dated.offices[id.index()]
    }

    /// The entities a document must name for the office's titles to count (none: always).
    pub fn office_context(&self, id: OfficeId) -> &[EntityId] {
        &self.dated.context[id.index()]
    }

    /// The terms of an office, in date order.
    pub fn terms(&self, id: OfficeId) -> &[Term] {
        &self.dated.terms[id.index()]
    }

    /// Who held the office on `date`, if anyone is known to.
    pub fn holder(&self, id: OfficeId, date: NaiveDate) -> Option<EntityId> {
        let terms = self.terms(id).iter();
        terms
            .filter(|t| t.window.contains(date))
            .map(|t| t.holder)
            .next()
    }

    /// The windows an alias (index into [`Gazetteer::aliases`]) is restricted to: none for
    /// an undated alias, several when it is listed with several windows.
    pub fn alias_windows(&self, alias: u32) -> impl Iterator<Item = Window> + '_ {
        let windows = &self.dated.alias_windows;
        let at = windows.partition_point(|(index, _)| *index < alias);
        windows[at..]
            .iter()
            .take_while(move |(index, _)| *index == alias)
            .map(|(_, window)| *window)
    }

    /// Whether an alias counts in a document of `date`: in one of its windows, if it has any.
    /// Undated documents count every alias, since nothing tells they fall outside a window.
    pub fn alias_holds(&self, alias: u32, date: Option<NaiveDate>) -> bool {
        let Some(date) = date else { return true };
        let mut windows = self.alias_windows(alias).peekable();
        windows.peek().is_none() || windows.any(|w| w.contains(date))
    }

    /// The affiliations of `entity` on `date`: its undated ones and the dated ones whose
    /// window holds it (all dated ones when `date` is `None`), as ids, sorted and unique.
    pub fn affiliations_on(&self, entity: EntityId, date: Option<NaiveDate>) -> Vec<EntityId> {
        let undated = self.entity(entity).affiliations.iter();
        let mut ids: Vec<EntityId> = undated.filter_map(|id| self.lookup(id)).collect();
        let dated = self
            .dated_affiliations(entity)
            .filter(|a| date.is_none_or(|date| a.window.contains(date)));
        ids.extend(dated.map(|a| a.affiliation));
        ids.sort();
        ids.dedup();
        ids
    }

    /// The dated affiliations of `entity`.
    pub fn dated_affiliations(
        &self,
        entity: EntityId,
    ) -> impl Iterator<Item = &DatedAffiliation> + '_ {
        let all = self.dated.affiliations.iter();
        all.filter(move |(id, _)| *id == entity).map(|(_, a)| a)
    }
}

impl Form {
    /// The form as outputs write it: `title:<office id>` for a title.
    pub fn describe(self, gazetteer: &Gazetteer) -> Cow<'_, str> {
        match self {
            Form::Title(office) => Cow::Owned(format!("title:{}", gazetteer.office(office).id)),
            form => Cow::Borrowed(form.as_str()),
        }
    }
}

#[cfg(test)]
mod tests;
