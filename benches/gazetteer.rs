//! Gazetteer scale: importing the GeoNames cities, loading them with the shipped gazetteers,
//! compiling the matcher, and matching the ISOT sample with ~120,000 more patterns.
//!
//! `cargo bench --bench gazetteer`; needs `../shared/data/geonames` (skipped without it).
//! The target: loading the world gazetteer and building its automaton within 1.5 s.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazegraph::corpus::{Corpus, CorpusConfig, Entry};
use gazegraph::gazetteer::{Gazetteer, GazetteerBuilder, import};
use gazegraph::matcher::Matcher;
use gazegraph::mentions::{Annotator, Scratch};

fn shared(path: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(path);
    path.exists().then_some(path)
}

fn load(world: &str) -> Gazetteer {
    GazetteerBuilder::new()
        .builtin()
        .source("places-world.ron", world)
        .build()
        .unwrap()
}

fn geonames(c: &mut Criterion) {
    let Some(json_path) = shared("geonames/cities15000.json") else {
        eprintln!("../shared/data/geonames is missing: skipping the gazetteer benchmarks");
        return;
    };
    let json = std::fs::read_to_string(json_path).unwrap();
    let builtin = Gazetteer::builtin().unwrap();
    // Every alternate name: the largest gazetteer the import makes (~190,000 names in).
    let options = import::ImportOptions {
        alias_min_population: 0,
        ..Default::default()
    };
    let (world, _) = import::geonames(&json, &options, &builtin).unwrap();

    let mut group = c.benchmark_group("geonames");
    group.sample_size(10);
    group.bench_function("import", |b| {
        b.iter(|| import::geonames(&json, &options, &builtin).unwrap())
    });
    group.bench_function("load", |b| b.iter(|| load(&world)));
    let gazetteer = load(&world);
    group.bench_function("matcher", |b| b.iter(|| Matcher::new(&gazetteer).unwrap()));
    // The target: file text to a ready matcher.
    group.bench_function("build", |b| {
        b.iter(|| {
            let gazetteer = load(&world);
            let matcher = Matcher::new(&gazetteer).unwrap();
            (gazetteer, matcher)
        })
    });
    group.finish();

    let Some(isot) = shared("isot-sample") else {
        return;
    };
    let docs: Vec<String> = Corpus::open(&[isot], CorpusConfig::default())
        .unwrap()
        .entries()
        .filter_map(|e| match e {
            Entry::Document(d) => Some(d.text),
            Entry::Skipped(_) => None,
        })
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let world = Annotator::new(&gazetteer).unwrap();
    let builtin = Annotator::new(&builtin).unwrap();
    let mut group = c.benchmark_group("geonames");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    for (name, annotator) in [("match", &world), ("match-builtin-only", &builtin)] {
        let matcher = annotator.matcher();
        group.bench_function(name, |b| {
            let mut candidates = Vec::new();
            b.iter(|| {
                let mut n = 0;
                for text in &docs {
                    matcher.candidates(text, &mut candidates);
                    n += candidates.len();
                }
                n
            })
        });
        let counts = name.replace("match", "annotate");
        group.bench_function(counts, |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                docs.iter()
                    .map(|text| annotator.annotate_with(text, &mut scratch).mentions.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, geonames);
criterion_main!(benches);
