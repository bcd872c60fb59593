//! Networks over time, measured on the ISOT sample (dated by its `date` column) and the seeds
//! (dated from their text): dated documents, slices that add up to the whole graph, first
//! and last seen checked against the CSV rows, --from/--to, and merge of slices.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazegraph::graph::GraphDocument;

use crate::fixtures::{gazegraph, shared_data};

fn isot() -> [PathBuf; 2] {
    ["True_sample.csv", "Fake_sample.csv"].map(|f| shared_data("isot-sample").join(f))
}

/// Runs gazegraph in the repository; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = gazegraph().args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn read(path: &Path) -> GraphDocument {
    gazegraph::graph::document::read(path).unwrap()
}

/// Every ISOT sample row as (date, title + text), the date read here with chrono's own
/// format strings for the two spellings the sample uses (`December 31, 2017 `, `Jul 20,
/// 2016`, `14-Feb-18`), not with gazegraph's parser: an independent reading.
fn isot_rows() -> Vec<(Option<NaiveDate>, String)> {
    let mut rows = Vec::new();
    for path in isot() {
        let mut reader = csv::Reader::from_path(path).unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            let raw = record[3].trim();
            let date = ["%B %d, %Y", "%b %d, %Y", "%d-%b-%y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(raw, f).ok());
            rows.push((date, format!("{}\n\n{}", &record[0], &record[1])));
        }
    }
    rows
}

/// Builds the ISOT sample into a temporary directory with `extra` arguments.
fn build_isot(extra: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let [a, b] = isot().map(|p| p.display().to_string());
    let mut args = vec!["build", &a, &b, "-o", out.to_str().unwrap(), "-j", "2"];
    args.extend(extra);
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    (dir, stderr)
}

#[test]
fn isot_slices_add_up_to_the_whole_graph_and_dates_match_the_rows() {
    let rows = isot_rows();
    let dated = rows.iter().filter(|(d, _)| d.is_some()).count();
    let (dir, stderr) = build_isot(&["--slice", "month", "--slice-formats", "ron,documents-csv"]);
    let out = dir.path().join("out");
    let whole = read(&out.join("graph.ron"));
    // Every row but the one whose date column holds a headline is dated.
    assert_eq!(whole.corpus.documents as usize, rows.len());
    assert_eq!(whole.corpus.dated as usize, dated);
    assert_eq!(rows.len() - dated, 1);
    let summary = format!("{dated} dated ({dated} from a field), 1 undated");
    assert!(stderr.contains(&summary), "{stderr}");
    assert!(
        stderr.contains("Fake_sample.csv#406: the date `MSNBC HOST"),
        "{stderr}"
    );
    assert_eq!(whole.documents.len(), rows.len());

    // The slice index names every slice; their graphs add up to the whole.
    let index = std::fs::read_to_string(out.join("slices.csv")).unwrap();
    let labels: Vec<&str> = index
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"2015-04"), "{index}");
    assert_eq!(labels.last(), Some(&"undated"), "{index}");
    let mut mentions: BTreeMap<String, u64> = BTreeMap::new();
    let mut counts: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut documents = 0;
    for label in &labels {
        let slice = read(&out.join(label).join("graph.ron"));
        documents += slice.corpus.documents;
        for n in slice.nodes {
            *mentions.entry(n.id).or_default() += n.mentions;
        }
        for e in slice.edges {
            *counts.entry((e.source, e.target, e.kind)).or_default() += e.count;
        }
        assert!(out.join(label).join("documents.csv").exists());
    }
    assert_eq!(documents, whole.corpus.documents);
    let expected: BTreeMap<_, _> = whole
        .nodes
        .iter()
        .map(|n| (n.id.clone(), n.mentions))
        .collect();
    assert_eq!(mentions, expected);
    let expected: BTreeMap<_, _> = whole
        .edges
        .iter()
        .map(|e| {
            (
                (e.source.clone(), e.target.clone(), e.kind.clone()),
                e.count,
            )
        })
        .collect();
    assert_eq!(counts, expected);
    // The manifest covers the slices' files, and verifies.
    let manifest = gazegraph::export::Manifest::verify(&out).unwrap();
    assert!(manifest.files.iter().any(|f| f.name == "2016-07/graph.ron"));

    // First and last seen of a few entities, checked against the rows whose title or text
    // holds one of the ways the sample spells the entity (found by grepping the CSVs; no
    // other entity's name contains them): those rows are exactly the entity's documents,
    // and their dates' minimum and maximum its first and last seen.
    let cases: [(&str, &[&str]); 2] = [
        ("recep_tayyip_erdogan", &["Erdogan", "Erdoğan"]),
        ("kim_jong_un", &["Kim Jong Un", "Kim Jong-un"]),
    ];
    for (id, names) in cases {
        let holding: Vec<Option<NaiveDate>> = rows
            .iter()
            .filter(|(_, text)| names.iter().any(|name| text.contains(name)))
            .map(|(d, _)| *d)
            .collect();
        let dates = holding.iter().flatten();
        let (first, last) = (dates.clone().min().copied(), dates.max().copied());
        let node = whole.nodes.iter().find(|n| n.id == id).unwrap();
        assert_eq!(node.documents as usize, holding.len(), "{id}");
        assert_eq!((node.first_seen, node.last_seen), (first, last), "{id}");
        // Periods hold the mentions of the dated documents only.
        let in_periods: u64 = node.periods.iter().map(|(_, n)| n).sum();
        assert!(in_periods <= node.mentions && in_periods > 0, "{id}");
    }
    // The explorer carries the dates its time slider reads.
    let html = std::fs::read_to_string(out.join("graph.html")).unwrap();
    assert!(html.contains("\"dates\":[\"20"), "no dates in the explorer");
}

#[test]
fn merged_slices_are_the_whole_graph() {
    let (dir, _) = build_isot(&["--slice", "year", "--period", "quarter"]);
    let out = dir.path().join("out");
    let whole = read(&out.join("graph.ron"));
    // A slice is RON by default, the other formats only when asked for.
    for format in gazegraph::export::Format::ALL {
        assert_eq!(
            out.join("2016").join(format.file_name()).exists(),
            format == gazegraph::export::Format::Ron,
            "{}",
            format.name()
        );
    }
    let slices: Vec<PathBuf> = ["2015", "2016", "2017", "2018", "undated"]
        .iter()
        .map(|s| out.join(s).join("graph.ron"))
        .filter(|p| p.exists())
        .collect();
    let mut args = vec!["merge".to_owned()];
    args.extend(slices.iter().map(|p| p.display().to_string()));
    let merged = dir.path().join("merged.ron");
    args.extend(["-o".to_owned(), merged.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    let merged = read(&merged);
    assert_eq!(merged.documents, whole.documents);
    let time = |d: &GraphDocument| -> Vec<_> {
        let nodes = d
            .nodes
            .iter()
            .map(|n| (&n.id, n.mentions, n.first_seen, n.last_seen, &n.periods));
        nodes
            .map(|(id, m, f, l, p)| format!("{id} {m} {f:?} {l:?} {p:?}"))
            .collect()
    };
    assert_eq!(time(&merged), time(&whole));
    let edges = |d: &GraphDocument| -> Vec<_> {
        d.edges
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {} {:?} {:?} {:?}",
                    e.source, e.target, e.kind, e.count, e.first_seen, e.last_seen, e.periods
                )
            })
            .collect()
    };
    assert_eq!(edges(&merged), edges(&whole));
    assert!(
        whole
            .nodes
            .iter()
            .any(|n| n.periods.iter().any(|(p, _)| p == "2016-Q3"))
    );
}

#[test]
fn from_and_to_keep_the_documents_of_their_days_only() {
    let from = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    let rows = isot_rows();
    let kept = rows
        .iter()
        .filter(|(d, _)| d.is_some_and(|d| from <= d && d <= to))
        .count();
    let outside = rows.iter().filter(|(d, _)| d.is_some()).count() - kept;
    let (dir, stderr) = build_isot(&[
        "--from",
        "2017-01-01",
        "--to",
        "2017-06-30",
        "--slice",
        "quarter",
        "--slice-formats",
        "ron,nodes-csv,ron",
    ]);
    let whole = read(&dir.path().join("out/graph.ron"));
    // Two quarters, in the formats asked for only, and no undated slice: none was kept.
    let index = std::fs::read_to_string(dir.path().join("out/slices.csv")).unwrap();
    let labels: Vec<&str> = index
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(labels, ["2017-Q1", "2017-Q2"]);
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("out/2017-Q1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["graph.ron", "nodes.csv"]);
    assert_eq!(whole.corpus.documents as usize, kept);
    let dates = whole.documents.iter().map(|d| d.date.unwrap());
    assert!(dates.clone().all(|d| from <= d && d <= to));
    let line = format!("left out by --from/--to: {outside} dated outside, 1 undated");
    assert!(stderr.contains(&line), "{stderr}");
}

#[test]
fn seeds_are_dated_from_their_text_or_by_option() {
    let (code, tsv, stderr) = run(&["mentions", "seeds"]);
    assert_eq!(code, 0, "{stderr}");
    // One seed names its day in a caption (`December 13, 2018`); one other has only a
    // `FILE PHOTO` caption's date, which is the photo's; the rest name weekdays only.
    assert!(
        stderr.contains("1 dated (1 from text), 4 undated"),
        "{stderr}"
    );
    let header: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    assert_eq!(&header[15..], ["date", "date_source"]);
    let dated: std::collections::BTreeSet<(&str, &str, &str)> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| !f[15].is_empty())
        .map(|f| (f[0], f[15], f[16]))
        .collect();
    let expected = [("seeds/001_1ce6d3e731a6c1a5.txt", "2018-12-13", "text")];
    assert_eq!(dated.into_iter().collect::<Vec<_>>(), expected);

    let (code, jsonl, stderr) = run(&["mentions", "seeds", "--date", "2020-02-29", "-f", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("5 dated (5 from --date), 0 undated"),
        "{stderr}"
    );
    assert!(
        jsonl
            .lines()
            .all(|l| l.ends_with(r#""date":"2020-02-29","date_source":"option"}"#))
    );
    let (code, _, stderr) = run(&["mentions", "seeds", "--date", "2020-02-30"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`2020-02-30` is not a date YYYY-MM-DD"),
        "{stderr}"
    );
}
