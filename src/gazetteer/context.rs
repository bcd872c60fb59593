//! Names in context, as the gazetteer declares them: aliases that count only with support in
//! the document, the related entities and cue words that give it, and `extend` records that
//! add names and context to an entity loaded from another file.
//!
//! The rules are data; `crate::mentions` weighs the evidence. The format is documented in
//! `gazetteers/README.md` ("Names in context").

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::{Alias, Entity, EntityId};
use crate::text::fold::fold_str;

/// How many words either side of a mention a cue may stand when a rule gives no `window`.
pub const DEFAULT_WINDOW: u32 = 8;

/// An entity's `context`, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Names of the entity (its `name`, aliases or partial forms) that count only where the
    /// document supports them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// Ids of entities whose mention anywhere in the document supports this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Words or phrases that support the entity within `window` words of the mention, in
    /// its sentence; folded like aliases (`PMC` = `pmc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
    /// How many words either side a cue may stand ([`DEFAULT_WINDOW`] if left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
}

impl Context {
    /// Adds another rule's needs, related entities and cues; its window, if given, wins.
    pub fn merge(&mut self, other: Context) {
        self.needs.extend(other.needs);
        self.related.extend(other.related);
        self.cues.extend(other.cues);
        self.window = other.window.or(self.window);
    }
}

/// An `extend` record: more names and context for an entity defined elsewhere, by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The id of an entity loaded from any file.
    pub id: String,
    /// More aliases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// More partial forms (kept beside a person's default last name).
    #[serde(default)]
    pub partial: Vec<String>,
    /// More aliases shared on purpose.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// More context: needs, related entities and cues are added to the entity's own.
    #[serde(default)]
    pub context: Option<Context>,
}

impl Extension {
    /// Adds this record's names and context to `entity`.
    pub fn apply(self, entity: &mut Entity) {
        entity.aliases.extend(self.aliases);
        if !self.partial.is_empty() {
            let mut forms = entity.partial_forms();
            forms.extend(self.partial);
            entity.partial = Some(forms);
        }
        entity.ambiguous.extend(self.ambiguous);
        if let Some(context) = self.context {
            entity
                .context
                .get_or_insert_with(Context::default)
                .merge(context);
        }
    }
}

/// One entity's rule, compiled: ids resolved, cues folded into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Entities whose mention supports this one.
    pub related: Vec<EntityId>,
    /// Cue phrases, each as folded words.
    pub cues: Vec<Vec<String>>,
    /// Words either side of the mention.
    pub window: usize,
}

/// The compiled context of every entity, indexed for the annotator.
#[derive(Debug, Clone, Default)]
pub struct ContextIndex {
    /// By index into `Gazetteer::aliases`: the alias needs support.
    gated: Vec<bool>,
    /// By index into `Gazetteer::aliases`: its entity has a rule (one lookup per reading).
    ruled: Vec<bool>,
    rules: HashMap<EntityId, Rule>,
}

/// What went wrong compiling a rule: the field and value to point at, and the message.
pub(super) type RuleError = (&'static str, String, String);

impl ContextIndex {
    /// Compiles the rules of `entities`, whose aliases are `aliases`; `lookup` resolves ids.
    pub(super) fn compile(
        entities: &[Entity],
        aliases: &[Alias],
        lookup: impl Fn(&str) -> Option<EntityId>,
    ) -> Result<ContextIndex, (EntityId, RuleError)> {
        let mut index = ContextIndex {
            gated: vec![false; aliases.len()],
            ruled: vec![false; aliases.len()],
            rules: HashMap::default(),
        };
        for (i, entity) in entities.iter().enumerate() {
            let id = EntityId(i as u32);
            let Some(context) = &entity.context else {
                continue;
            };
            for need in &context.needs {
                let folded = fold_str(need);
                let mut found = false;
                for (gated, alias) in index.gated.iter_mut().zip(aliases) {
                    if alias.entity == id && alias.folded == folded {
                        *gated = true;
                        found = true;
                    }
                }
                if !found {
                    return Err((
                        id,
                        (
                            "needs",
                            need.clone(),
                            format!(
                                "`{}` needs context for {need:?}, which is not one of its names",
                                entity.id
                            ),
                        ),
                    ));
                }
            }
            let mut related = Vec::new();
            for other in &context.related {
                let Some(other_id) = lookup(other) else {
                    return Err((
                        id,
                        (
                            "related",
                            other.clone(),
                            format!("`{}` is related to unknown id `{other}`", entity.id),
                        ),
                    ));
                };
                related.push(other_id);
            }
            let mut cues = Vec::new();
            for cue in &context.cues {
                let folded = fold_str(cue);
                if folded.is_empty() {
                    return Err((
                        id,
                        (
                            "cues",
                            cue.clone(),
                            format!("empty cue {cue:?} in `{}`", entity.id),
                        ),
                    ));
                }
                cues.push(folded.split(' ').map(str::to_owned).collect());
            }
            for (ruled, alias) in index.ruled.iter_mut().zip(aliases) {
                *ruled |= alias.entity == id;
            }
            let window = context.window.unwrap_or(DEFAULT_WINDOW) as usize;
            index.rules.insert(
                id,
                Rule {
                    related,
                    cues,
                    window,
                },
            );
        }
        Ok(index)
    }

    /// Whether the alias at this index of `Gazetteer::aliases` counts only with support.
    pub fn gated(&self, alias: u32) -> bool {
        self.gated.get(alias as usize).copied().unwrap_or(false)
    }

    /// Whether the alias at this index belongs to an entity with a rule.
    pub fn ruled(&self, alias: u32) -> bool {
        self.ruled.get(alias as usize).copied().unwrap_or(false)
    }

    /// The entity's rule, if it has one.
    pub fn rule(&self, entity: EntityId) -> Option<&Rule> {
        self.rules.get(&entity)
    }

    /// Whether any entity has a rule: without one, the annotator skips the evidence.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}
