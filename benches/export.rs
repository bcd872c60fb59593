//! Writing the exports of a real graph: each format streamed into memory that is thrown
//! away (serialisation alone), then every file written to disk as `gazegraph build` does.
//!
//! `cargo bench --bench export`; the graph is that of the ISOT sample with relations when
//! `../shared/data/isot-sample` exists, else the seeds'. Throughput is bytes of output.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazegraph::corpus::{Corpus, CorpusConfig};
use gazegraph::export::{Format, OutputSet, write_files};
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{GraphBuilder, GraphDocument, Network};
use gazegraph::relations::{Relations, RulesBuilder};

/// The graph `gazegraph build CORPUS` writes, and the corpus's name.
fn document() -> (&'static str, GraphDocument) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let isot = root.join("../shared/data/isot-sample");
    let (name, input): (_, PathBuf) = if isot.exists() {
        ("isot", isot)
    } else {
        ("seeds", root.join("seeds"))
    };
    let gazetteer = Gazetteer::builtin().unwrap();
    let extractor =
        Relations::new(&RulesBuilder::new().builtin().build().unwrap(), &gazetteer).unwrap();
    let corpus = Corpus::open(&[input], CorpusConfig::default()).unwrap();
    let built = GraphBuilder::new(&gazetteer)
        .relations(extractor)
        .build(&corpus)
        .unwrap();
    let mut network = Network::from_document(built.document).unwrap();
    network.analyse();
    (name, network.into_document())
}

fn exports(c: &mut Criterion) {
    let (name, doc) = document();
    let sizes: Vec<u64> = Format::ALL
        .iter()
        .map(|f| f.render(&doc).len() as u64)
        .collect();
    let mut group = c.benchmark_group(format!("export-{name}"));
    group.sample_size(20);
    for (format, size) in Format::ALL.into_iter().zip(&sizes) {
        group.throughput(Throughput::Bytes(*size));
        group.bench_function(format.name(), |b| {
            b.iter(|| {
                // Buffered as files are, so the cost per small write is the same.
                let mut out = BufWriter::with_capacity(64 << 10, std::io::sink());
                format.write(&doc, &mut out).unwrap();
                out.flush().unwrap();
            })
        });
    }
    let dir = tempfile::tempdir().unwrap();
    group.throughput(Throughput::Bytes(sizes.iter().sum()));
    for threads in [1, 2] {
        group.bench_function(format!("files-{threads}-threads"), |b| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            b.iter(|| {
                let mut set = OutputSet::create(dir.path()).unwrap();
                pool.install(|| write_files(&doc, &mut set, &Format::ALL).unwrap());
                set.commit().unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
