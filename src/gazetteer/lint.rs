//! Checks that make a gazetteer better but do not stop it loading.

use std::collections::{BTreeMap, HashMap};

use super::{Alias, CaseRule, Form, Gazetteer, is_common_word};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    /// A shorter alias of another entity lies inside a longer alias, so it never matches there.
    Shadowed,
    /// The alias is a common English word; it only matches capitalised text.
    CommonWord,
    /// Several entities claim the alias; documents must disambiguate.
    Ambiguous,
    /// The alias never matched in the given corpus.
    NoHits,
}

impl Check {
    /// The name printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Shadowed => "shadowed",
            Check::CommonWord => "common-word",
            Check::Ambiguous => "ambiguous",
            Check::NoHits => "no-hits",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The check that found it.
    pub check: Check,
    /// The alias as written.
    pub alias: String,
    /// Ids of the entity (or entities) concerned.
    pub entity: String,
    /// Details for a human.
    pub detail: String,
}

/// Runs every check; `hits`, when given, holds the number of matches of each alias
/// (indexed like [`Gazetteer::aliases`]) in a corpus. Findings are sorted.
pub fn lint(gazetteer: &Gazetteer, hits: Option<&[u64]>) -> Vec<Finding> {
    let aliases = gazetteer.aliases();
    let id = |a: &Alias| gazetteer.entity(a.entity).id.clone();
    let mut by_folded: HashMap<&str, Vec<&Alias>> = HashMap::new();
    for alias in aliases {
        by_folded.entry(&alias.folded).or_default().push(alias);
    }
    let mut findings = Vec::new();

    // Every run of whole words inside a longer alias that is itself another entity's alias.
    for long in aliases.iter().filter(|a| a.form != Form::Partial) {
        let words: Vec<&str> = long.folded.split(' ').collect();
        for len in 1..words.len() {
            for start in 0..=words.len() - len {
                let inner = words[start..start + len].join(" ");
                for short in by_folded.get(inner.as_str()).into_iter().flatten() {
                    if short.entity != long.entity && short.form != Form::Partial {
                        findings.push(Finding {
                            check: Check::Shadowed,
                            alias: short.text.clone(),
                            entity: id(short),
                            detail: format!(
                                "inside {:?} ({}), which wins where both match",
                                long.text,
                                id(long)
                            ),
                        });
                    }
                }
            }
        }
    }

    for alias in aliases.iter().filter(|a| a.form != Form::Partial) {
        if alias.case == CaseRule::Capitalised && is_common_word(&alias.folded) {
            findings.push(Finding {
                check: Check::CommonWord,
                alias: alias.text.clone(),
                entity: id(alias),
                detail: format!(
                    "`{}` is an English word; only capitalised text matches",
                    alias.folded
                ),
            });
        }
    }

    let mut shared: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for alias in aliases.iter().filter(|a| a.ambiguous) {
        shared.entry(&alias.text).or_default().push(id(alias));
    }
    for (text, mut ids) in shared {
        ids.sort();
        ids.dedup();
        findings.push(Finding {
            check: Check::Ambiguous,
            alias: text.to_owned(),
            entity: ids.join(","),
            detail: format!("claimed by {} entities; resolved per document", ids.len()),
        });
    }

    if let Some(hits) = hits {
        for (alias, &n) in aliases.iter().zip(hits) {
            if n == 0 {
                findings.push(Finding {
                    check: Check::NoHits,
                    alias: alias.text.clone(),
                    entity: id(alias),
                    detail: format!("{} never matched in the corpus", alias.form.as_str()),
                });
            }
        }
    }
    findings.sort();
    findings.dedup();
    findings
}

#[cfg(test)]
mod tests;
