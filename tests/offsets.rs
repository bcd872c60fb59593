//! Offsets a notebook can use: every mention, relation span and evidence span says which input
//! field it lies in (`title` or `text`) and where, in bytes and in characters, so that Python's
//! `record[field][char_start:char_end]` is the surface.

use gazegraph::corpus::{Corpus, CorpusConfig, Entry, Field};
use gazegraph::gazetteer::Gazetteer;
use gazegraph::mentions::Annotator;
use proptest::prelude::*;

/// Words to build records from: names the gazetteer knows, multibyte letters, emoji, the
/// whitespace `str::trim` removes, and punctuation that ends sentences.
const WORDS: &[&str] = &[
    "Haftar", "Russia", "Moscow", "Khalifa", "Putin", "naïve", "città", "🙂", "Ünal", ".", ",",
    " ", "\u{a0}", "\u{2003}", "\n", "\t",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..24).prop_map(|w| w.join(" "))
}

/// The `field` of a JSON record, as the notebook reads it.
fn field(record: &serde_json::Value, field: Field) -> &str {
    record[field.as_str()].as_str().unwrap_or("")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn char_offsets_slice_the_field_to_the_surface(title in words(), body in words(),
                                                   lead in prop::sample::select(&["", " ", "\u{a0} ", "\n"][..])) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let record = serde_json::json!({"title": format!("{lead}{title}"), "text": body});
        std::fs::write(&path, format!("{record}\n")).unwrap();
        let gazetteer = Gazetteer::builtin().unwrap();
        let annotator = Annotator::new(&gazetteer).unwrap();
        let corpus = Corpus::open(&[path], CorpusConfig::default()).unwrap();
        for entry in corpus.entries() {
            let Entry::Document(doc) = entry else { continue };
            let locator = doc.locator();
            for m in annotator.annotate(&doc.text).mentions {
                let surface = &doc.text[m.start..m.end];
                let at = locator.locate(m.start..m.end);
                let value = field(&record, at.field);
                let chars: String = value.chars().skip(at.char_start).take(at.char_end - at.char_start).collect();
                // A name split between title and text is cut at the title's end.
                let whole = !surface.contains("\n\n");
                prop_assert!(!whole || chars == surface, "{at:?} {chars:?} {surface:?}");
                prop_assert_eq!(&value[at.start..at.end], chars.as_str());
            }
        }
    }
}

/// Mentions, relations and the JSON graph of `inputs`, checked by Python against the records
/// it reads itself.
fn check_in_python(inputs: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    for (command, format, name) in [
        ("mentions", "jsonl", "m.jsonl"),
        ("relations", "jsonl", "r.jsonl"),
        ("build", "json", "g.json"),
    ] {
        let mut args = vec![command, "-q", "-f", format];
        args.extend(inputs);
        std::fs::write(out(name), crate::fixtures::ok(&args)).unwrap();
    }
    let mut args = vec![
        "tests/python/check_offsets.py".to_owned(),
        "--inputs".to_owned(),
    ];
    args.extend(inputs.iter().map(|i| i.to_string()));
    for (flag, name) in [
        ("--mentions", "m.jsonl"),
        ("--relations", "r.jsonl"),
        ("--graph", "g.json"),
    ] {
        args.extend([flag.to_owned(), out(name)]);
    }
    let output = std::process::Command::new("python3")
        .args(&args)
        .output()
        .expect("python3");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn python_slices_the_seeds_by_char_offsets() {
    let seeds: Vec<String> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_str().unwrap()))
        .collect();
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let report = check_in_python(&seeds);
    assert!(report.contains("spans checked"), "{report}");
}

#[test]
fn python_slices_titles_and_texts_of_records() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("news.jsonl");
    let csv = dir.path().join("news.csv");
    // Titles with leading whitespace (as ISOT's have), multibyte characters before names, a
    // headline-only record, and a body that starts with a name.
    let records = [
        (
            "a",
            "  Russia’s envoy meets Haftar",
            "Moscow — Khalifa Haftar met Sergei Lavrov in Moscow.",
        ),
        ("b", "\u{a0}Ünal: Turkey sends drones to Tripoli", ""),
        (
            "c",
            "",
            "Haftar’s forces, backed by Russia, advanced on Tripoli. 🙂 Putin met Haftar.",
        ),
    ];
    let mut lines = String::new();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["id", "title", "text"]).unwrap();
    for (id, title, text) in records {
        lines += &format!(
            "{}\n",
            serde_json::json!({"id": id, "title": title, "text": text})
        );
        writer
            .write_record([format!("csv-{id}").as_str(), title, text])
            .unwrap();
    }
    std::fs::write(&jsonl, lines).unwrap();
    std::fs::write(&csv, writer.into_inner().unwrap()).unwrap();
    let report = check_in_python(&[jsonl.to_str().unwrap(), csv.to_str().unwrap()]);
    let checked: usize = report.split_whitespace().next().unwrap().parse().unwrap();
    // Both files hold the same names: the title's count as much as the text's.
    assert!(checked >= 2 * 12, "{report}");
}

/// The ISOT sample (or any CSV or JSONL files) named in `GAZEGRAPH_OFFSETS_CORPUS`,
/// separated by `:`, when set: it is not in the repository.
#[test]
fn python_slices_the_corpus_named_in_the_environment() {
    let Ok(files) = std::env::var("GAZEGRAPH_OFFSETS_CORPUS") else {
        eprintln!("skipped: GAZEGRAPH_OFFSETS_CORPUS is not set");
        return;
    };
    let files: Vec<&str> = files.split(':').collect();
    let report = check_in_python(&files);
    assert!(report.contains("spans checked"), "{report}");
}
