//! Checking rules files and merging them, in load order, into [`Rules`].

use std::mem::take;
use std::sync::OnceLock;

use super::BUILTIN;
use super::checked::{Cue, Gap, Pattern, RuleDef, TypeDef, is_gap_cue, kind_bit};
use super::rules::{RelationRule, RelationSpec, RulesFile};
use super::tokens::{normalise_quotes, tokenize};
use crate::error::Result;
use crate::source::{Fingerprint, Source, Sources, collects_sources, locate, locate_value};
use crate::text::fold::fold_str;

/// Collects rules files, then checks and merges them.
#[derive(Debug, Default)]
pub struct RulesBuilder {
    sources: Sources,
}

collects_sources!(RulesBuilder, "rules");

impl RulesBuilder {
    /// An empty builder.
    pub fn new() -> RulesBuilder {
        RulesBuilder::default()
    }

    /// Adds the shipped rules.
    pub fn builtin(&mut self) -> &mut RulesBuilder {
        self.source(BUILTIN.0, BUILTIN.1)
    }

    /// Parses, checks and merges everything added, in order.
    pub fn build(&self) -> Result<Rules> {
        let mut merger = Merger::default();
        for source in self.sources.iter() {
            merger.add(source, &source.parse()?)?;
        }
        let fingerprint = fingerprint(&merger.merged);
        Ok(Rules {
            file: merger.merged,
            types: merger.types,
            rules: merger.rules,
            fingerprint,
        })
    }
}

/// Checked, merged rules, not yet compiled against a gazetteer.
#[derive(Debug, Clone)]
pub struct Rules {
    pub(super) file: RulesFile,
    pub(super) types: Vec<TypeDef>,
    pub(super) rules: Vec<RuleDef>,
    pub(super) fingerprint: String,
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

/// The word lists of a rules file that are compared with single tokens, by field name.
fn single_words(file: &RulesFile) -> [(&'static str, &[String]); 8] {
    [
        ("barriers", &file.barriers),
        ("agents", &file.agents),
        ("locatives", &file.locatives),
        ("reporting", &file.reporting),
        ("resumptive", &file.resumptive),
        ("coordination", &file.coordination),
        ("prepositions", &file.prepositions),
        ("open_endings", &file.open_endings),
    ]
}

/// The word lists that came into the rules file after fingerprints were first written.
type LaterLists = [Vec<String>; 5];

/// `file` without its later word lists, and those lists.
fn split_later(mut file: RulesFile) -> (RulesFile, LaterLists) {
    let later = [
        take(&mut file.reporting),
        take(&mut file.resumptive),
        take(&mut file.coordination),
        take(&mut file.prepositions),
        take(&mut file.open_endings),
    ];
    (file, later)
}

/// FNV-1a over the canonical RON of the merged rules. The word lists that were once Rust
/// constants (`reporting`, `resumptive`, `coordination`, `prepositions`, `open_endings`) are
/// hashed only where they differ from the shipped ones, so graphs built before they moved
/// into the rules file still merge with graphs built after.
fn fingerprint(file: &RulesFile) -> String {
    static SHIPPED: OnceLock<LaterLists> = OnceLock::new();
    let shipped = SHIPPED.get_or_init(|| {
        let builtin = Source::new(BUILTIN.0, BUILTIN.1);
        split_later(builtin.parse().unwrap_or_default()).1
    });
    let (earlier, later) = split_later(file.clone());
    let mut hash = Fingerprint::new();
    hash.write(ron::to_string(&earlier).unwrap_or_default().as_bytes());
    if later != *shipped {
        hash.write(ron::to_string(&later).unwrap_or_default().as_bytes());
    }
    hash.hex()
}

/// Rules checked and merged so far.
#[derive(Default)]
struct Merger {
    merged: RulesFile,
    types: Vec<TypeDef>,
    rules: Vec<RuleDef>,
}

impl Merger {
    /// Checks one file and merges it into what came before.
    fn add(&mut self, source: &Source, file: &RulesFile) -> Result<()> {
        check_words(source, file)?;
        let mut cursor = 0;
        for spec in &file.relations {
            cursor = locate_value(&source.text, "name", &spec.name, cursor).unwrap_or(cursor);
            let ty = self.relation_type(source, spec, cursor)?;
            for rule in &spec.rules {
                cursor = locate_value(&source.text, "name", &rule.name, cursor).unwrap_or(cursor);
                let checked = self.rule(source, rule, ty, cursor)?;
                self.rules.push(checked);
                self.merged.relations[ty].rules.push(rule.clone());
            }
        }
        let merged = &mut self.merged;
        let lists = [
            (&mut merged.negation, &file.negation),
            (&mut merged.barriers, &file.barriers),
            (&mut merged.seats, &file.seats),
            (&mut merged.agents, &file.agents),
            (&mut merged.locatives, &file.locatives),
            (&mut merged.reporting, &file.reporting),
            (&mut merged.resumptive, &file.resumptive),
            (&mut merged.coordination, &file.coordination),
            (&mut merged.prepositions, &file.prepositions),
            (&mut merged.open_endings, &file.open_endings),
        ];
        for (into, from) in lists {
            into.extend(from.iter().cloned());
        }
        merged.place_ranks.extend(file.place_ranks.clone());
        if file.negation_window.is_some() {
            merged.negation_window = file.negation_window;
        }
        Ok(())
    }

    /// The index of the type `spec` names, new or extended; `offset` is where its name is.
    fn relation_type(
        &mut self,
        source: &Source,
        spec: &RelationSpec,
        offset: usize,
    ) -> Result<usize> {
        let valid = !spec.name.is_empty()
            && spec
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_')
            && spec.name != "cooccurrence";
        if !valid {
            return Err(source.error(
                offset,
                format!(
                    "relation name `{}` must be lowercase letters and `_` (and not `cooccurrence`)",
                    spec.name
                ),
            ));
        }
        let owner = format!("`{}`", spec.name);
        let subject = kind_bits(source, offset, "subject", &spec.subject, &owner)?;
        let object = kind_bits(source, offset, "object", &spec.object, &owner)?;
        for (field, bits) in [("subject", subject), ("object", object)] {
            if bits == Some(0) {
                return Err(source.error(offset, format!("empty `{field}` in {owner}")));
            }
        }
        if let Some(i) = self.types.iter().position(|t| t.name == spec.name) {
            let existing = &self.types[i];
            let differs = spec.symmetric.is_some_and(|s| s != existing.symmetric)
                || spec.contained.is_some_and(|c| c != existing.contained)
                || subject.is_some_and(|s| s != existing.subject)
                || object.is_some_and(|o| o != existing.object);
            if differs {
                return Err(source.error(
                    offset,
                    format!(
                        "relation `{}` is already defined with other settings; leave out symmetric, subject, object and contained to add rules to it",
                        spec.name
                    ),
                ));
            }
            return Ok(i);
        }
        let (Some(subject), Some(object)) = (subject, object) else {
            return Err(source.error(
                offset,
                format!("new relation {owner} needs `subject` and `object` kinds"),
            ));
        };
        self.types.push(TypeDef {
            name: spec.name.clone(),
            symmetric: spec.symmetric.unwrap_or(false),
            contained: spec.contained.unwrap_or(false),
            subject,
            object,
        });
        self.merged.relations.push(RelationSpec {
            name: spec.name.clone(),
            symmetric: Some(spec.symmetric.unwrap_or(false)),
            subject: spec.subject.clone(),
            object: spec.object.clone(),
            contained: Some(spec.contained.unwrap_or(false)),
            rules: Vec::new(),
        });
        Ok(self.types.len() - 1)
    }

    /// One rule of type `ty`, checked; `offset` is where its name is.
    fn rule(
        &self,
        source: &Source,
        rule: &RelationRule,
        ty: usize,
        offset: usize,
    ) -> Result<RuleDef> {
        if rule.name.trim().is_empty() {
            return Err(source.error(
                offset,
                format!("a rule of `{}` has an empty name", self.types[ty].name),
            ));
        }
        if let Some(first) = self.rules.iter().find(|r| r.name == rule.name) {
            return Err(source.error(
                offset,
                format!(
                    "duplicate rule name `{}` (first in relation `{}`)",
                    rule.name, self.types[first.ty as usize].name
                ),
            ));
        }
        let pattern = Pattern::parse(&rule.pattern).map_err(|message| {
            source.error(
                locate_value(&source.text, "pattern", &rule.pattern, offset).unwrap_or(offset),
                format!("rule `{}`: {message}", rule.name),
            )
        })?;
        if rule.gaps.len() > 2 {
            return Err(source.error(
                offset,
                format!(
                    "rule `{}` has {} gaps; a pattern has two",
                    rule.name,
                    rule.gaps.len()
                ),
            ));
        }
        let cues = cues(source, rule, pattern, offset)?;
        let owner = format!("rule `{}`", rule.name);
        let mut gaps = [Gap::default(), Gap::default()];
        for (gap, spec) in gaps.iter_mut().zip(&rule.gaps) {
            *gap = Gap::from_spec(spec);
        }
        Ok(RuleDef {
            name: rule.name.clone(),
            ty: ty as u16,
            pattern,
            gaps,
            cues,
            subject: kind_bits(source, offset, "subject", &rule.subject, &owner)?,
            object: kind_bits(source, offset, "object", &rule.object, &owner)?,
            not_in_list: rule.not_in_list,
            coordinate: rule.coordinate.unwrap_or(true),
        })
    }
}

/// A rule's cues, folded or, for punctuation cues, with apostrophes straight.
fn cues(source: &Source, rule: &RelationRule, pattern: Pattern, offset: usize) -> Result<Vec<Cue>> {
    if rule.cues.is_empty() {
        return Err(source.error(offset, format!("rule `{}` has no cues", rule.name)));
    }
    let mut cues = Vec::new();
    for cue in &rule.cues {
        let cue_at = locate(
            &source.text,
            &ron::to_string(cue).unwrap_or_default(),
            offset,
        )
        .unwrap_or(offset);
        if is_gap_cue(cue) {
            if pattern.cue != 1 {
                return Err(source.error(
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
                return Err(source.error(
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
    Ok(cues)
}

/// The kinds of a `subject` or `object` list as bits, `None` when it is left out; `owner`
/// names the type or rule in messages.
fn kind_bits(
    source: &Source,
    offset: usize,
    field: &str,
    list: &Option<Vec<String>>,
    owner: &str,
) -> Result<Option<u8>> {
    let Some(list) = list else { return Ok(None) };
    let mut bits = 0;
    for kind in list {
        bits |= kind_bit(kind).ok_or_else(|| {
            source.error(
                locate_value(&source.text, field, kind, offset).unwrap_or(offset),
                format!(
                    "unknown kind `{kind}` in `{field}` of {owner}: use person, state, group, place or seat"
                ),
            )
        })?;
    }
    Ok(Some(bits))
}

/// Every entry of the negation list has a word, and every entry of the other word lists is
/// one token, as the gaps it is compared with are cut.
fn check_words(source: &Source, file: &RulesFile) -> Result<()> {
    for word in file.negation.iter().chain(&file.barriers) {
        if word.trim().is_empty() {
            let offset = locate(&source.text, "\"\"", 0).unwrap_or(0);
            return Err(source.error(offset, "empty negation cue or barrier"));
        }
    }
    for (field, words) in single_words(file) {
        for word in words {
            if tokenize(word).len() != 1 {
                let offset = locate_value(&source.text, field, word, 0).unwrap_or(0);
                return Err(source.error(
                    offset,
                    format!("`{field}` lists {word:?}: give one word or mark per entry"),
                ));
            }
        }
    }
    Ok(())
}
