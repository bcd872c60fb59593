//! Throughput of the pipeline stages on real text: the seeds and the ISOT sample.
//!
//! `cargo bench --bench throughput`; results and how to read them are in BENCHMARKS.md.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazegraph::corpus::{Corpus, CorpusConfig, Entry};
use gazegraph::counts::Counter;
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{BuildOptions, Cooccurrence, DocumentPairs, Network};
use gazegraph::matcher::Matcher;
use gazegraph::mentions::{Annotator, Scratch};
use gazegraph::pipeline::{self, RunOptions};
use gazegraph::relations::{Relations, RulesBuilder};
use gazegraph::text::segment;

/// The documents of a corpus, in memory, so benchmarks measure processing, not disk.
fn load(inputs: &[PathBuf]) -> Vec<(String, String)> {
    Corpus::open(inputs, CorpusConfig::default())
        .expect("corpus opens")
        .entries()
        .filter_map(|e| match e {
            Entry::Document(d) => Some((d.id, d.text)),
            Entry::Skipped(_) => None,
        })
        .collect()
}

fn corpora() -> Vec<(&'static str, Vec<(String, String)>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![("seeds", load(&[root.join("seeds")]))];
    let isot = root.join("../shared/data/isot-sample");
    if isot.exists() {
        out.push(("isot", load(&[isot])));
    }
    out
}

fn stages(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin().unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    let annotator = Annotator::new(&gazetteer, &matcher);
    let extractor =
        Relations::new(&RulesBuilder::new().builtin().build().unwrap(), &gazetteer).unwrap();
    for (name, docs) in corpora() {
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        group.bench_function("segment", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|(_, t)| segment(t).sentences.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("match", |b| {
            let mut candidates = Vec::new();
            b.iter(|| {
                let mut n = 0;
                for (_, text) in &docs {
                    matcher.candidates(text, &mut candidates);
                    n += candidates.len();
                }
                n
            })
        });
        group.bench_function("counts", |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut counter = Counter::new(&gazetteer);
                for (_, text) in &docs {
                    counter.add(&annotator.annotate_with(text, &mut scratch).mentions);
                }
                counter
            })
        });
        // Relation extraction alone, on annotations made beforehand.
        group.bench_function("relations", |b| {
            let mut scratch = Scratch::default();
            let annotated: Vec<_> = docs
                .iter()
                .map(|(_, text)| annotator.annotate_with(text, &mut scratch))
                .collect();
            b.iter(|| {
                docs.iter()
                    .zip(&annotated)
                    .map(|((_, text), a)| extractor.extract(text, a).len())
                    .sum::<usize>()
            })
        });
        group.bench_function("graph", |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut cooccurrence = Cooccurrence::new(&gazetteer, BuildOptions::default());
                for (id, text) in &docs {
                    cooccurrence.add(id, text, &annotator.annotate_with(text, &mut scratch));
                }
                let summary = pipeline::Summary::default();
                let mut network = Network::from_document(cooccurrence.finish(&summary)).unwrap();
                network.analyse();
                network.into_document()
            })
        });
        // `graph` plus relation extraction and relation edges: what `gazegraph build` does.
        group.bench_function("graph+relations", |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut cooccurrence = Cooccurrence::new(&gazetteer, BuildOptions::default());
                cooccurrence.extract_relations_with(&extractor);
                for (id, text) in &docs {
                    let annotation = annotator.annotate_with(text, &mut scratch);
                    cooccurrence.add(id, text, &annotation);
                    let found = extractor.extract(text, &annotation);
                    cooccurrence.add_relations(id, text, &annotation, &found, &extractor);
                }
                let summary = pipeline::Summary::default();
                let mut network = Network::from_document(cooccurrence.finish(&summary)).unwrap();
                network.analyse();
                network.into_document()
            })
        });
        group.finish();
    }
    // End to end from disk, all cores, as `gazegraph counts` runs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let isot = root.join("../shared/data/isot-sample");
    if isot.exists() {
        let corpus = Corpus::open(&[isot], CorpusConfig::default()).unwrap();
        let mut group = c.benchmark_group("isot-end-to-end");
        group.throughput(Throughput::Bytes(corpus.total_bytes()));
        group.sample_size(10);
        group.bench_function("counts-all-cores", |b| {
            b.iter(|| {
                let mut counter = Counter::new(&gazetteer);
                pipeline::run(
                    &corpus,
                    &annotator,
                    RunOptions::default(),
                    |_, a| counter.add(&a.mentions),
                    |_| {},
                )
                .unwrap();
                counter
            })
        });
        // `gazegraph build` without and with relations: graph, analytics, all cores, with the
        // per-document work on the workers as the command does it.
        for relations in [false, true] {
            let name = if relations {
                "build+relations-all-cores"
            } else {
                "build-all-cores"
            };
            group.bench_function(name, |b| {
                b.iter(|| {
                    let options = BuildOptions::default();
                    let mut cooccurrence = Cooccurrence::new(&gazetteer, options);
                    if relations {
                        cooccurrence.extract_relations_with(&extractor);
                    }
                    let summary = pipeline::run_with(
                        &corpus,
                        &annotator,
                        RunOptions::default(),
                        |doc, a| {
                            let found = relations.then(|| extractor.extract(&doc.text, a));
                            (DocumentPairs::new(options, &doc.text, a), found)
                        },
                        |doc, a, (pairs, found)| {
                            cooccurrence.add_pairs(&doc.id, &doc.text, a, &pairs);
                            if let Some(found) = found {
                                cooccurrence
                                    .add_relations(&doc.id, &doc.text, a, &found, &extractor);
                            }
                        },
                        |_| {},
                    )
                    .unwrap();
                    let mut network =
                        Network::from_document(cooccurrence.finish(&summary)).unwrap();
                    network.analyse();
                    network.into_document()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
