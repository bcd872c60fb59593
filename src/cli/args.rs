//! The arguments several subcommands share: the run-wide options, the corpus to read, the
//! gazetteers and relation rules to load.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use gazegraph::corpus::Document;
use gazegraph::corpus::{Corpus, CorpusConfig, Fields, Format};
use gazegraph::gazetteer::{Gazetteer, GazetteerBuilder};
use gazegraph::mentions::{Annotation, Annotator};
use gazegraph::pipeline::{Pipeline, RunOptions, Summary};
use gazegraph::text::PartSet;
use gazegraph::time::{DateRange, NaiveDate};

use super::Output;

/// Options of the whole run, accepted before or after the subcommand (`gazegraph -j 2 build`
/// and `gazegraph build -j 2` are the same).
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Worker threads (0: all cores; at most 256). Outputs are identical for any value.
    #[arg(long, short = 'j', default_value_t = RunOptions::default().threads, value_name = "N",
          value_parser = threads, global = true)]
    threads: usize,
    /// No progress bar and no summary on stderr (warnings are still printed).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

impl RunArgs {
    /// The run's threads and batches.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            threads: self.threads,
            ..RunOptions::default()
        }
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

/// Which gazetteers to load.
#[derive(Debug, Args)]
pub struct GazetteerArgs {
    /// A gazetteer file to load besides the shipped ones (repeatable).
    #[arg(long = "gazetteer", short = 'g', value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the shipped gazetteers (states, persons, groups, places).
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Also load the shipped world places (5,400 subdivisions, cities, continents, seas and
    /// regions): better place recall on unseen news, at about twice the matching time.
    #[arg(long)]
    world_places: bool,
}

impl GazetteerArgs {
    /// Loads and checks the chosen gazetteers, for the rest of the process: freeing the
    /// world places' thousands of small strings at exit was 1.5% of `counts` on the ISOT sample.
    pub fn load(&self) -> Result<&'static Gazetteer> {
        let mut builder = GazetteerBuilder::new();
        if !self.no_default_gazetteers {
            builder.builtin();
        }
        if self.world_places {
            builder.world_places();
        }
        for path in &self.gazetteers {
            builder.file(path)?;
        }
        if self.no_default_gazetteers && self.gazetteers.is_empty() {
            anyhow::bail!("--no-default-gazetteers needs at least one --gazetteer PATH");
        }
        Ok(Box::leak(Box::new(builder.build()?)))
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
    /// JSONL field or CSV column holding the date (ISO 8601, RFC 2822, `December 31, 2017`,
    /// `Dec. 13, 2018`, `13 Dec 2018`, ...). A value that is no date is a warning; the
    /// document is then undated. Documents without the field are dated by --date, else by
    /// the first full date in their first five lines (a caption's, a dateline's).
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// The date of every document without a date field (YYYY-MM-DD), before any in its text.
    #[arg(long, value_parser = gazegraph::time::parse_iso, value_name = "YYYY-MM-DD")]
    date: Option<NaiveDate>,
    /// Only documents dated on or after this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_parser = gazegraph::time::parse_iso, value_name = "YYYY-MM-DD")]
    from: Option<NaiveDate>,
    /// Only documents dated on or before this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_parser = gazegraph::time::parse_iso, value_name = "YYYY-MM-DD")]
    to: Option<NaiveDate>,
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
        run: &RunArgs,
        gazetteer: &Gazetteer,
        sink: impl FnMut(&Document, &Annotation),
    ) -> Result<Summary> {
        let corpus = self.open()?;
        let annotator = Annotator::new(gazetteer)?;
        let pipeline = Pipeline::new(self.run_options(run))?;
        run.report(
            &corpus,
            |progress| pipeline.run(&corpus, &annotator, sink, progress),
            |summary| summary,
        )
    }

    /// The run's options: `run`'s threads, and the dates this corpus is read with.
    pub fn run_options(&self, run: &RunArgs) -> RunOptions {
        RunOptions {
            date: self.date,
            range: DateRange {
                from: self.from,
                to: self.to,
            },
            ..run.options()
        }
    }

    /// Default reading options for a plain list of inputs.
    pub fn for_inputs(inputs: Vec<PathBuf>) -> CorpusArgs {
        CorpusArgs {
            inputs,
            input_format: Format::Auto,
            id_field: None,
            text_field: "text".into(),
            title_field: "title".into(),
            date_field: "date".into(),
            date: None,
            from: None,
            to: None,
            max_document_bytes: gazegraph::corpus::DEFAULT_MAX_DOCUMENT_BYTES,
            encoding: None,
        }
    }
}

/// An encoding named by a WHATWG label (`latin1`, `windows-1252`, `utf-16le`, ...).
fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding `{label}` (try latin1, windows-1252, utf-16le)"))
}

/// Which parts of articles make co-occurrences and relations.
#[derive(Debug, Args)]
pub struct PartsArgs {
    /// Parts whose mentions make co-occurrences and relations, comma-separated: headline,
    /// dateline, byline, caption, credit, furniture, body, or all (counts and mentions always
    /// see every part).
    #[arg(long, default_value_t = PartSet::default(), value_name = "PARTS")]
    pub parts: PartSet,
}
