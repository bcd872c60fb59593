//! `build --slice`: the whole graph of a sliced run is the graph of the same run without
//! slices (it is made by adding the slices up, not by aggregating every document twice), and
//! a run's output set replaces an earlier one's slices instead of leaving them beside it.

use std::path::{Path, PathBuf};

use crate::fixtures::{listing, shared_data, succeeds, tempdir};

/// Builds the ISOT sample into `out` with `extra` arguments.
fn build_isot(out: &Path, extra: &[&str]) {
    let [a, b] = ["True_sample.csv", "Fake_sample.csv"]
        .map(|f| shared_data("isot-sample").join(f).display().to_string());
    let mut args = vec![
        "build",
        &a,
        &b,
        "-q",
        "-j",
        "2",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    succeeds(&args);
}

/// The names of the files in `dir`, without the manifest and slice index, which differ
/// between sliced and plain runs.
fn graph_files(dir: &Path) -> Vec<PathBuf> {
    let files = listing(dir).into_iter().map(|name| dir.join(name));
    files
        .filter(|p| p.is_file())
        .filter(|p| !p.ends_with("manifest.json") && !p.ends_with("slices.csv"))
        .collect()
}

#[test]
fn the_whole_graph_of_a_sliced_run_is_that_of_a_plain_run() {
    let dir = tempdir();
    let plain = dir.path().join("plain");
    build_isot(&plain, &["--period", "quarter"]);
    // Months within quarters, and weeks across months: slices whose periods overlap.
    for slice in ["month", "week"] {
        let sliced = dir.path().join(slice);
        build_isot(&sliced, &["--period", "quarter", "--slice", slice]);
        let (want, got) = (graph_files(&plain), graph_files(&sliced));
        assert_eq!(want.len(), got.len());
        assert!(want.iter().any(|p| p.ends_with("graph.ron")), "{want:?}");
        for (want, got) in want.iter().zip(&got) {
            assert_eq!(want.file_name(), got.file_name());
            let same = std::fs::read(want).unwrap() == std::fs::read(got).unwrap();
            assert!(same, "{} differs with --slice {slice}", got.display());
        }
    }
}

/// The slice labels of `out`'s index.
fn labels(out: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(out.join("slices.csv")).unwrap();
    let rows = index.lines().skip(1);
    rows.map(|l| l.split(',').next().unwrap().to_owned())
        .collect()
}

/// The subdirectories of `out`.
fn subdirs(out: &Path) -> Vec<String> {
    let names = listing(out).into_iter();
    names.filter(|name| out.join(name).is_dir()).collect()
}

#[test]
fn a_run_replaces_the_slices_of_an_earlier_one() {
    let dir = tempdir();
    let out = dir.path().join("out");
    build_isot(&out, &["--slice", "month"]);
    assert!(out.join("2016-03/graph.ron").exists());
    // A file of the user's in a slice directory stays, and so does its directory.
    std::fs::write(out.join("2016-04/notes.txt"), "mine").unwrap();

    build_isot(
        &out,
        &["--slice", "year", "--slice-formats", "ron,nodes-csv"],
    );
    let years = labels(&out);
    assert!(years.contains(&"2016".to_owned()), "{years:?}");
    let mut expected = years.clone();
    expected.push("2016-04".to_owned());
    expected.sort();
    assert_eq!(
        subdirs(&out),
        expected,
        "no month of the earlier run is left"
    );
    assert_eq!(listing(&out.join("2016-04")), ["notes.txt"]);
    let manifest = gazegraph::export::Manifest::verify(&out).unwrap();
    assert!(manifest.files.iter().any(|f| f.name == "2016/nodes.csv"));
    assert!(!manifest.files.iter().any(|f| f.name.starts_with("2016-")));

    // Without --slice, the slices and their index go too.
    build_isot(&out, &[]);
    assert_eq!(subdirs(&out), ["2016-04"]);
    assert!(!out.join("slices.csv").exists());
    gazegraph::export::Manifest::verify(&out).unwrap();
}
