//! Command-line interface: one file per subcommand. Arguments become the library's checked
//! configuration types; everything the user sees is printed here, never in the library.

mod build;
mod counts;
mod eval;
mod explain;
mod export;
mod filter;
mod gazetteer;
mod mentions;
mod merge;
mod relations;
mod render;
mod stats;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use gazegraph::corpus::Document;
use gazegraph::corpus::{Corpus, CorpusConfig, Fields, Format};
use gazegraph::gazetteer::{Gazetteer, GazetteerBuilder};
use gazegraph::mentions::{Annotation, Annotator};
use gazegraph::pipeline::{Pipeline, RunOptions, Summary};

/// Turn news text into evidence-backed networks of people, states, groups and places.
#[derive(Debug, Parser)]
#[command(
    name = "gazegraph",
    version,
    about,
    max_term_width = 100,
    after_help = "Exit codes: 0 success; 1 `counts --check` found differences (or `explain` found no\n\
                  link); 2 an error; 3 a corpus command (build, counts, mentions, relations) read\n\
                  no document: every input was skipped, or there was none; 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the network from a corpus and write it in every format (and draw it).
    Build(build::BuildArgs),
    /// Re-export a saved graph (RON) in another format, optionally filtered.
    Export(export::ExportArgs),
    /// Draw a saved graph with Graphviz (SVG, PNG or PDF).
    Render(render::RenderArgs),
    /// Merge graphs built over separate shards into the graph of the whole corpus.
    Merge(merge::MergeArgs),
    /// Show why two entities are linked, with the sentences.
    Explain(explain::ExplainArgs),
    /// Summarise a saved graph: central entities and communities.
    Stats(stats::StatsArgs),
    /// List every mention: document, sentence, byte span, surface text, entity.
    Mentions(mentions::MentionsArgs),
    /// List every typed relation (who meets, backs, arms, fights, leads whom, and where)
    /// with its evidence: sentence, spans, cue and rule.
    Relations(relations::RelationsArgs),
    /// Count mentions and documents per entity; save or check the counts.
    Counts(counts::CountsArgs),
    /// Score mentions against CoNLL-format gold: precision, recall, F1 per type.
    Eval(eval::EvalArgs),
    /// Inspect and check gazetteers.
    #[command(subcommand)]
    Gazetteer(gazetteer::GazetteerCommand),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Export(args) => export::run(args),
        Command::Render(args) => render::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Mentions(args) => mentions::run(args),
        Command::Relations(args) => relations::run(args),
        Command::Counts(args) => counts::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(command) => gazetteer::run(command),
    }
}

/// Which gazetteers to load.
#[derive(Debug, Args)]
pub struct GazetteerArgs {
    /// A gazetteer file to load besides the shipped ones (repeatable).
    #[arg(long = "gazetteer", short = 'g', value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the shipped gazetteers (states, persons, groups, places, world places).
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Do not load the shipped world places (5,400 subdivisions, cities, continents, seas and
    /// regions), only the curated states, persons, groups and places.
    #[arg(long)]
    no_world_places: bool,
}

impl GazetteerArgs {
    /// Loads and checks the chosen gazetteers.
    pub fn load(&self) -> Result<Gazetteer> {
        let mut builder = GazetteerBuilder::new();
        match (self.no_default_gazetteers, self.no_world_places) {
            (true, _) => {}
            (false, true) => {
                builder.curated();
            }
            (false, false) => {
                builder.builtin();
            }
        }
        for path in &self.gazetteers {
            builder.file(path)?;
        }
        if self.no_default_gazetteers && self.gazetteers.is_empty() {
            anyhow::bail!("--no-default-gazetteers needs at least one --gazetteer PATH");
        }
        Ok(builder.build()?)
    }
}

/// Which relation rules to use.
#[derive(Debug, Args)]
#[command(next_help_heading = "Relations")]
pub struct RelationArgs {
    /// A relation rules file to load after the shipped gazetteers/relations.ron (repeatable).
    #[arg(long = "relations", value_name = "PATH")]
    relations: Vec<PathBuf>,
    /// Do not load the shipped relation rules (with no --relations, no relation is extracted).
    #[arg(long)]
    no_default_relations: bool,
}

impl RelationArgs {
    /// Loads, checks and compiles the chosen rules for `gazetteer`.
    pub fn load(&self, gazetteer: &Gazetteer) -> Result<gazegraph::relations::Relations> {
        let mut builder = gazegraph::relations::RulesBuilder::new();
        if !self.no_default_relations {
            builder.builtin();
        }
        for path in &self.relations {
            builder.file(path)?;
        }
        Ok(gazegraph::relations::Relations::new(
            &builder.build()?,
            gazetteer,
        )?)
    }
}

/// A thread count from 0 (all cores) to 256: thousands of threads only exhaust the machine
/// (`-j 20000` once hung starting them).
fn threads(text: &str) -> std::result::Result<usize, String> {
    const MAX: usize = 256;
    match text.parse::<usize>() {
        Ok(n) if n <= MAX => Ok(n),
        Ok(_) => Err(format!("at most {MAX} threads")),
        Err(e) => Err(e.to_string()),
    }
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

/// Where documents come from and how to read them.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Files or directories (read recursively) of documents; `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// How to read inputs: by extension (auto), or force text, jsonl or csv.
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    input_format: Format,
    /// JSONL field or CSV column holding the document id; it must exist. Without it, a field
    /// or column named `id` is the id where there is one, else `<file>#<line or row>`.
    #[arg(long, value_name = "NAME")]
    id_field: Option<String>,
    /// JSONL field or CSV column holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// JSONL field or CSV column holding the title, matched as the first paragraph.
    #[arg(long, default_value = "title", value_name = "NAME")]
    title_field: String,
    /// JSONL field or CSV column holding the date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// The most bytes of one document: a text file (decompressed) or a JSONL line or CSV
    /// record; a larger one is skipped, unread past the limit.
    #[arg(long, default_value_t = gazegraph::corpus::DEFAULT_MAX_DOCUMENT_BYTES,
          value_parser = clap::value_parser!(u64).range(1..), value_name = "BYTES")]
    max_document_bytes: u64,
    /// Encoding of inputs without a byte order mark, for legacy corpora: `latin1`,
    /// `windows-1252`, ... (default UTF-8; UTF-16 with a byte order mark is always read).
    /// Offsets then point into the text decoded to UTF-8, not into the file's bytes.
    #[arg(long, value_parser = parse_encoding, value_name = "LABEL")]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Worker threads (0: all cores; at most 256). Outputs are identical for any value.
    #[arg(long, short = 'j', default_value_t = RunOptions::default().threads, value_name = "N",
          value_parser = threads)]
    threads: usize,
    /// No progress bar and no summary on stderr (warnings are still printed).
    #[arg(long, short = 'q')]
    quiet: bool,
}

impl CorpusArgs {
    /// Opens `output` for writing (stdout for `None` or `-`), before the corpus is read, so
    /// that a bad destination costs nothing; refuses to overwrite one of the inputs.
    pub fn output(&self, output: Option<&Path>) -> Result<Output> {
        self.refuse_input(output)?;
        Output::open(output)
    }

    /// An error if `output` is one of the input files: the run would read what it replaces.
    pub fn refuse_input(&self, output: Option<&Path>) -> Result<()> {
        let Some(output) = output.and_then(|o| std::fs::canonicalize(o).ok()) else {
            return Ok(());
        };
        for input in &self.inputs {
            if std::fs::canonicalize(input).is_ok_and(|input| input == output) {
                anyhow::bail!(
                    "refusing to write {}: it is an input of this run",
                    input.display()
                );
            }
        }
        Ok(())
    }

    /// Opens the corpus.
    pub fn open(&self) -> Result<Corpus> {
        let config = CorpusConfig {
            format: self.input_format,
            fields: Fields {
                id: self.id_field.clone(),
                text: self.text_field.clone(),
                title: Some(self.title_field.clone()),
                date: Some(self.date_field.clone()),
            },
            delimiter: None,
            max_document_bytes: self.max_document_bytes,
            encoding: self.encoding,
        };
        Ok(Corpus::open(&self.inputs, config)?)
    }

    /// Opens the corpus and runs `sink` on every annotated document, with a progress bar on
    /// a terminal, then prints the summary (skipped documents always, totals unless quiet).
    pub fn annotate(
        &self,
        gazetteer: &Gazetteer,
        sink: impl FnMut(&Document, &Annotation),
    ) -> Result<Summary> {
        let corpus = self.open()?;
        let annotator = Annotator::new(gazetteer)?;
        let pipeline = Pipeline::new(self.run_options())?;
        self.report(
            &corpus,
            |progress| pipeline.run(&corpus, &annotator, sink, progress),
            |summary| summary,
        )
    }

    /// The run's threads and batches.
    pub fn run_options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads,
            ..RunOptions::default()
        }
    }

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
        }
        Ok(done)
    }
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

/// An encoding named by a WHATWG label (`latin1`, `windows-1252`, `utf-16le`, ...).
fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding `{label}` (try latin1, windows-1252, utf-16le)"))
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

impl CorpusArgs {
    /// Default reading options for a plain list of inputs.
    pub fn for_inputs(inputs: Vec<PathBuf>) -> CorpusArgs {
        CorpusArgs {
            inputs,
            input_format: Format::Auto,
            id_field: None,
            text_field: "text".into(),
            title_field: "title".into(),
            date_field: "date".into(),
            max_document_bytes: gazegraph::corpus::DEFAULT_MAX_DOCUMENT_BYTES,
            encoding: None,
            threads: 0,
            quiet: true,
        }
    }
}
