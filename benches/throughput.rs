//! Throughput of the pipeline stages on real text: the seeds and the ISOT sample.
//!
//! `cargo bench --bench throughput`; results and how to read them are in BENCHMARKS.md.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazegraph::corpus::{Corpus, CorpusConfig, Entry, Locator};
use gazegraph::counts::Counter;
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{GraphBuilder, GraphDocument, GraphEngine, Network};
use gazegraph::mentions::Scratch;
use gazegraph::pipeline::{Pipeline, RunOptions};
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

/// The graph of in-memory documents, one thread, analysed.
fn graph(engine: &GraphEngine, docs: &[(String, String)], scratch: &mut Scratch) -> GraphDocument {
    let mut aggregate = engine.aggregate();
    for (id, text) in docs {
        let annotation = engine.annotator().annotate_with(text, scratch);
        aggregate.add(
            id,
            &Locator::new(text, None),
            &annotation,
            &engine.part(text, &annotation),
        );
    }
    let mut network = Network::from_document(aggregate.finish(0)).unwrap();
    network.analyse();
    network.into_document()
}

fn stages(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin().unwrap();
    let extractor =
        Relations::new(&RulesBuilder::new().builtin().build().unwrap(), &gazetteer).unwrap();
    let cooccurrence = GraphBuilder::new(&gazetteer).engine().unwrap();
    let with_relations = GraphBuilder::new(&gazetteer)
        .relations(extractor.clone())
        .engine()
        .unwrap();
    let annotator = cooccurrence.annotator();
    let matcher = annotator.matcher();
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
            b.iter(|| graph(&cooccurrence, &docs, &mut scratch))
        });
        // `graph` plus relation extraction and relation edges: what `gazegraph build` does.
        group.bench_function("graph+relations", |b| {
            let mut scratch = Scratch::default();
            b.iter(|| graph(&with_relations, &docs, &mut scratch))
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
        let pipeline = Pipeline::new(RunOptions::default()).unwrap();
        group.bench_function("counts-all-cores", |b| {
            b.iter(|| {
                let mut counter = Counter::new(&gazetteer);
                pipeline.run(&corpus, annotator, |_, a| counter.add(&a.mentions), |_| {});
                counter
            })
        });
        // `gazegraph build` without and with relations: graph, analytics, all cores.
        for (name, engine) in [
            ("build-all-cores", &cooccurrence),
            ("build+relations-all-cores", &with_relations),
        ] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    let built = engine.run(&corpus, |_| {});
                    let mut network = Network::from_document(built.document).unwrap();
                    engine.pipeline().install(|| network.analyse());
                    network.into_document()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
