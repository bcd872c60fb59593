//! Planning: expanding the inputs into a sorted, de-duplicated list of sources.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::open::check_id_field;
use super::{Corpus, CorpusConfig, Planned, SkipReason, Skipped, Source};
use crate::{Error, Result};

impl Corpus {
    /// Expands inputs into a sorted list of sources without reading any of them, except to
    /// check that an id field named in `config` exists ([`super::Fields::id`]): it is
    /// looked for in the header of each CSV file and the first record of each JSONL file,
    /// and a file without it is an `Err` naming the file and line.
    ///
    /// A directory is walked recursively (following symbolic links, skipping hidden files and
    /// directories, whose names start with `.`); `-` is stdin. A path that does not exist (or
    /// cannot even be examined) is an `Err` naming the path: a missing input makes the run
    /// meaningless. Errors *inside* a directory walk (an unreadable subdirectory, a broken
    /// link) become [`Skipped`] entries instead, since the rest of the corpus is still usable.
    ///
    /// Paths are normalised (`seeds/` and `./seeds` both give `seeds/...`), sorted and
    /// de-duplicated (the same file reached twice, even through a link or an absolute path,
    /// is read once, under its shortest spelling), so the order inputs are listed in never
    /// changes the output. Stdin, if given, comes first.
    pub fn open(inputs: &[PathBuf], config: CorpusConfig) -> Result<Corpus> {
        let mut stdin = false;
        let mut found: Vec<Listed> = Vec::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                stdin = true;
                continue;
            }
            let path = normalise(input);
            let meta = fs::metadata(&path).map_err(|e| Error::io(input, e))?;
            if meta.is_dir() {
                walk(&path, &mut found);
            } else {
                // Not necessarily a regular file: `<(zcat news.gz)` is a pipe, and reading it
                // is what the user asked for.
                found.push((
                    path,
                    Some(if meta.is_file() { meta.len() } else { 0 }),
                    None,
                ));
            }
        }

        let (files, failures) = deduplicate(found);

        let total_bytes = files.values().map(|(_, size)| size).sum();
        let mut ordered: Vec<(PathBuf, Planned)> = files
            .into_values()
            .map(|(path, _)| (path.clone(), Planned::Read(Source::Path(path))))
            .chain(
                failures
                    .into_iter()
                    .map(|(path, skipped)| (path, Planned::Failed(skipped))),
            )
            .collect();
        // Stable: a failure and a file with the same path keep failures after files.
        ordered.sort_by(|a, b| a.0.cmp(&b.0));

        let mut plan = Vec::with_capacity(ordered.len() + 1);
        if stdin {
            plan.push(Planned::Read(Source::Stdin));
        }
        plan.extend(ordered.into_iter().map(|(_, planned)| planned));
        let sources = plan
            .iter()
            .filter_map(|planned| match planned {
                Planned::Read(source) => Some(source.clone()),
                Planned::Failed(_) => None,
            })
            .collect();

        check_id_field(&plan, &config)?;
        Ok(Corpus {
            plan: plan.into(),
            sources,
            config: Arc::new(config),
            total_bytes,
            duplicates: Arc::default(),
        })
    }
}

/// A path met while expanding the inputs: its size on disk, or `None` with the failure.
type Listed = (PathBuf, Option<u64>, Option<Skipped>);

/// Each distinct file by identity, with the spelling that names it and its size.
type Files = HashMap<PathBuf, (PathBuf, u64)>;

/// De-duplicates files by identity (the canonical path), so `seeds/a.txt`, `/abs/seeds/a.txt`
/// and a link to it are read once. The spelling kept to name the file is the one with the
/// fewest components, then the smallest: a choice that does not depend on the order of the
/// inputs. Failures come back sorted by path, each once.
fn deduplicate(found: Vec<Listed>) -> (Files, Vec<(PathBuf, Skipped)>) {
    let mut files = Files::new();
    let mut failures: Vec<(PathBuf, Skipped)> = Vec::new();
    for (path, size, failure) in found {
        if let Some(skipped) = failure {
            failures.push((path, skipped));
            continue;
        }
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let rank = |p: &Path| (p.components().count(), p.to_path_buf());
        match files.get_mut(&key) {
            Some(kept) if rank(&path) < rank(&kept.0) => *kept = (path, size.unwrap_or(0)),
            Some(_) => {}
            None => {
                files.insert(key, (path, size.unwrap_or(0)));
            }
        }
    }
    failures.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.reason.to_string().cmp(&b.1.reason.to_string()))
    });
    failures.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);

    (files, failures)
}

/// Normalises a path as typed: drops trailing and doubled slashes and interior `.`
/// (`Path::components` does that) and a leading `./`, so that `seeds`, `seeds/` and `./seeds`
/// name documents identically. It does not resolve `..` or links: ids stay as the user wrote
/// them.
pub(super) fn normalise(path: &Path) -> PathBuf {
    let mut components = path.components().peekable();
    if components.peek() == Some(&Component::CurDir) {
        let mut rest = components.clone();
        rest.next();
        if rest.peek().is_some() {
            components = rest;
        }
    }
    components.collect()
}

/// Walks `root` recursively, adding every file and every walk error to `found`.
fn walk(root: &Path, found: &mut Vec<Listed>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for item in walker {
        match item {
            Ok(entry) => {
                let file_type = entry.file_type();
                if file_type.is_dir() {
                    continue;
                }
                let path = normalise(entry.path());
                if file_type.is_file() {
                    let size = entry.metadata().map_or(0, |m| m.len());
                    found.push((path, Some(size), None));
                } else {
                    // A socket, FIFO or device inside a corpus directory: reading it could
                    // block forever, but it should not vanish either.
                    let skipped = Skipped {
                        source: path_id(&path),
                        reason: SkipReason::Unreadable("not a regular file".to_owned()),
                    };
                    found.push((path, None, Some(skipped)));
                }
            }
            Err(err) => {
                let path = normalise(err.path().unwrap_or(root));
                let message = match (err.loop_ancestor(), err.io_error()) {
                    (Some(ancestor), _) => format!(
                        "symbolic link loop back to {}",
                        path_id(&normalise(ancestor))
                    ),
                    (None, Some(io)) => io.to_string(),
                    (None, None) => err.to_string(),
                };
                let skipped = Skipped {
                    source: path_id(&path),
                    reason: SkipReason::Unreadable(message),
                };
                found.push((path, None, Some(skipped)));
            }
        }
    }
}

/// The id of a file: its (normalised) path with `/` separators on every platform, so ids
/// are the same whichever machine produced a report.
pub(super) fn path_id(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}
