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
    /// An argument or option that makes no sense for the data (an unknown entity id, say).
    #[error("{0}")]
    Invalid(String),
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
