//! Output plumbing shared by the subcommands: atomic or streamed writers, the progress bar,
//! warnings and the run's summary on stderr, and the exit status of a corpus command.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use gazegraph::corpus::Corpus;
use gazegraph::pipeline::Summary;

use super::RunArgs;

impl RunArgs {
    /// Runs `pass` over `corpus` with a progress bar on a terminal, then prints the summary
    /// that `summary` finds in its result (skipped documents always, totals unless quiet).
    pub fn report<T>(
        &self,
        corpus: &Corpus,
        pass: impl FnOnce(&mut dyn FnMut(&Summary)) -> T,
        summary: impl FnOnce(&T) -> &Summary,
    ) -> Result<T> {
        let bar = (!self.quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(corpus.total_bytes());
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("valid template"),
            );
            bar
        });
        let done = pass(&mut |s: &Summary| {
            if let Some(bar) = &bar {
                bar.set_position(s.bytes);
                bar.set_message(format!("{} documents", s.processed));
            }
        });
        let summary = summary(&done);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        for skipped in &summary.skipped {
            eprintln!("warning: skipped {skipped}");
        }
        let duplicates = corpus.duplicate_ids();
        for duplicate in &duplicates {
            eprintln!("warning: {duplicate}");
        }
        for (document, raw) in &summary.bad_dates {
            eprintln!(
                "warning: {document}: the date `{raw}` is not a date; the document is undated"
            );
        }
        if !self.quiet {
            let duplicates = match duplicates.len() {
                0 => String::new(),
                n => format!(", {n} duplicate ids"),
            };
            eprintln!(
                "{} documents processed ({:.1} MB), {} skipped{duplicates}, {} mentions, {} unresolved",
                summary.processed,
                summary.bytes as f64 / 1e6,
                summary.skipped.len(),
                summary.mentions,
                summary.unresolved
            );
            // Nothing read has no dates to tell of (the error below says why).
            if summary.processed + summary.excluded.outside + summary.excluded.undated > 0 {
                eprintln!("{}", dates_line(summary));
            }
        }
        Ok(done)
    }
}

/// The summary's dates: `2103 dated (2100 from a field, 3 from text), 142 undated`, and the
/// documents --from/--to left out.
fn dates_line(summary: &Summary) -> String {
    let sources = ["from a field", "from --date", "from text"];
    let by_source: Vec<String> = summary
        .dated
        .iter()
        .zip(sources)
        .filter(|(n, _)| **n > 0)
        .map(|(n, source)| format!("{n} {source}"))
        .collect();
    let mut line = format!("{} dated", summary.dated_total());
    if !by_source.is_empty() {
        line += &format!(" ({})", by_source.join(", "));
    }
    line += &format!(", {} undated", summary.undated);
    let excluded = summary.excluded;
    if excluded.outside + excluded.undated > 0 {
        line += &format!(
            "; left out by --from/--to: {} dated outside, {} undated",
            excluded.outside, excluded.undated
        );
    }
    line
}

/// The exit status of a corpus command that ran to its end: 3 when it read no document
/// (every input was skipped, or there was none: an empty directory, empty stdin), so that a
/// wrong `--text-field` is not taken for an empty result. Its outputs are still written: a
/// shard of skipped documents still counts them when merged.
pub fn finished(summary: &Summary) -> ExitCode {
    if summary.processed > 0 {
        return ExitCode::SUCCESS;
    }
    match summary.skipped.len() {
        0 => eprintln!("error: no document to read: the inputs hold none"),
        n => eprintln!("error: no document read: all {n} were skipped (see the warnings)"),
    }
    ExitCode::from(3)
}

/// Escapes what would break a TSV field: tabs, newlines and backslashes as `\t`, `\n`, `\\`.
pub fn escape_tsv(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\t', '\n', '\r', '\\']) {
        text.replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r")
            .into()
    } else {
        text.into()
    }
}

/// Writes `contents` to `path` atomically, or to stdout when `path` is `None` or `-`.
pub fn emit(path: Option<&Path>, contents: &[u8]) -> Result<()> {
    emit_with(path, |out| out.write_all(contents))
}

/// [`emit`] for output made as it is written, which then never has to fit in memory.
pub fn emit_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut Output) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = Output::open(path)?;
    match (write(&mut out), out, path) {
        (Ok(()), out, _) => out.finish(),
        (Err(e), Output::File(_), Some(path)) => {
            Err(e).with_context(|| format!("cannot write {}", path.display()))
        }
        (Err(e), _, _) => Ok(ignore_broken_pipe(e)?),
    }
}

/// `gazegraph ... | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

/// A streaming destination: stdout, or a file committed atomically by [`Output::finish`].
pub enum Output {
    /// Standard output.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// A file that appears only once complete.
    File(Box<gazegraph::export::AtomicFile>),
}

impl Output {
    /// Opens `path`, or stdout for `None` or `-`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        Ok(match path {
            Some(path) if path.as_os_str() != "-" => Output::File(Box::new(
                gazegraph::export::AtomicFile::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
            )),
            _ => Output::Stdout(std::io::BufWriter::new(std::io::stdout())),
        })
    }

    /// Completes the output: flushes stdout, or renames the file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush().or_else(ignore_broken_pipe)?,
            Output::File(file) => (*file).commit()?,
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File(file) => file.write(buf),
        }
    }

    // Forwarded so that each buffered writer's fast path for small writes is used.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::File(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(file) => file.flush(),
        }
    }
}
