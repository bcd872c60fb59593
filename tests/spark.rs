//! The Spark recipe (`examples/spark/gazegraph_spark.py`) under Spark `local[2]`: the seeds
//! and the ISOT sample, read as several partitions, piped through the binary and merged by a
//! tree, give every export byte for byte as `gazegraph build` does on the same inputs.
//!
//! Needs `python3` with `pyspark` (tests/requirements.txt) and a Java runtime; without them
//! the test says so and passes, except under CI (`CI` set), where it fails.

use std::path::Path;
use std::process::Command;

use crate::fixtures::{BINARY, command, root, shared_data, tempdir};

const FILES: [&str; 6] = [
    "graph.ron",
    "graph.dot",
    "graph.json",
    "graph.graphml",
    "nodes.csv",
    "edges.csv",
];

/// Whether Spark can run here; under CI it must.
fn spark_available() -> bool {
    let pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(pyspark && java) && std::env::var_os("CI").is_some() {
        panic!("CI needs python3 with pyspark and java (pyspark {pyspark}, java {java})");
    }
    if !(pyspark && java) {
        eprintln!("skipped: no pyspark or no java (pip install -r tests/requirements.txt)");
    }
    pyspark && java
}

/// Runs `gazegraph build INPUTS` and the Spark recipe over the same inputs in `dir`, both
/// writing into `out`, and checks every export is the same; returns the recipe's stderr.
fn same_as_build(dir: &Path, inputs: &[&str], partitions: &str, out: &Path) -> String {
    let (reference, spark) = (out.join("reference"), out.join("spark"));
    let build = command()
        .current_dir(dir)
        .args(["build", "-q", "-o"])
        .arg(&reference)
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new("python3")
        .current_dir(dir)
        .arg(root().join("examples/spark/gazegraph_spark.py"))
        .args(inputs)
        .arg("-o")
        .arg(&spark)
        .args(["--master", "local[2]", "--binary", BINARY])
        .args(["--partitions", partitions, "--fan-in", "2"])
        .env("PYSPARK_PYTHON", "python3")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    for file in FILES {
        let expected = std::fs::read(reference.join(file)).unwrap();
        assert!(!expected.is_empty());
        assert!(
            expected == std::fs::read(spark.join(file)).unwrap(),
            "{file} differs from build's"
        );
    }
    stderr
}

/// How many partial graphs the recipe said it merged.
fn partials(stderr: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("gazegraph-spark: ") && l.contains(" partial graphs"))
        .unwrap_or_else(|| panic!("no partial graph count in: {stderr}"));
    line["gazegraph-spark: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn spark_local_gives_build_s_bytes_for_the_seeds_and_the_isot_sample() {
    if !spark_available() {
        return;
    }
    // The seeds: five text files, read whole, in three partitions.
    let out = tempdir();
    let stderr = same_as_build(root(), &["seeds"], "3", out.path());
    assert!(partials(&stderr) > 1, "{stderr}");

    let isot = shared_data("isot-sample");
    if !isot.exists() && std::env::var_os("CI").is_none() {
        eprintln!("skipped the ISOT sample: {} not found", isot.display());
        return;
    }
    // The ISOT sample: Fake_sample.csv as one JSONL file split by lines (with a blank line
    // and a bad record, which count as lines), True_sample.csv as two CSV files read whole.
    // Spark's partitions: four in all.
    let dir = tempdir();
    let fake = rows(&isot.join("Fake_sample.csv"));
    let mut jsonl = String::new();
    for (i, row) in fake.iter().enumerate() {
        jsonl.push_str(&serde_json::to_string(row).unwrap());
        jsonl.push('\n');
        if i == 100 {
            jsonl.push_str("\n{not json}\n");
        }
    }
    std::fs::write(dir.path().join("fake.jsonl"), jsonl).unwrap();
    // An empty JSONL file is one skipped input for build, and must be for Spark too.
    std::fs::write(dir.path().join("empty.jsonl"), "").unwrap();
    let true_rows = rows(&isot.join("True_sample.csv"));
    let half = true_rows.len() / 2;
    write_csv(&dir.path().join("true_a.csv"), &true_rows[..half]);
    write_csv(&dir.path().join("true_b.csv"), &true_rows[half..]);
    let stderr = same_as_build(
        dir.path(),
        &["fake.jsonl", "empty.jsonl", "true_a.csv", "true_b.csv"],
        "4",
        dir.path(),
    );
    assert!(partials(&stderr) >= 4, "{stderr}");
    let graph = std::fs::read_to_string(dir.path().join("spark/graph.ron")).unwrap();
    assert!(
        graph.contains("    skipped: 2,\n"),
        "the bad record and the empty file"
    );
}

/// The title, text and date of every row of an ISOT CSV.
fn rows(path: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .filter(|(h, _)| ["title", "text", "date"].contains(h))
                .map(|(h, v)| (h.to_owned(), serde_json::Value::from(v)))
                .collect()
        })
        .collect()
}

fn write_csv(path: &Path, rows: &[serde_json::Map<String, serde_json::Value>]) {
    let mut writer = csv::Writer::from_path(path).unwrap();
    writer.write_record(["title", "text", "date"]).unwrap();
    for row in rows {
        writer
            .write_record(["title", "text", "date"].map(|k| row[k].as_str().unwrap()))
            .unwrap();
    }
    writer.flush().unwrap();
}
