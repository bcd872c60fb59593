//! Outputs that stay bounded and whole: a relation's sentence text is cut like evidence, the
//! picture of `build --render` is part of the output set, and a run that reads no document
//! keeps the set an earlier run wrote.

use std::path::Path;

use gazegraph::graph::aggregate::{CUT, WHOLE_SENTENCE};

fn gazegraph(args: &[&str], stdin: &str) -> std::process::Output {
    crate::fixtures::gazegraph()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

#[test]
fn a_relations_sentence_text_keeps_a_bounded_window_marked_as_cut() {
    let filler = "naïve words without an end ".repeat(2 * WHOLE_SENTENCE / 27);
    let text = format!("{filler}Russia backed Khalifa Haftar {filler}.");
    let output = gazegraph(&["relations", "-q", "-f", "jsonl", "-"], &text);
    assert!(output.status.success());
    let rows: Vec<serde_json::Value> = serde_json::Deserializer::from_slice(&output.stdout)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let row = rows
        .iter()
        .find(|r| r["subject"] == "russia" && r["object"] == "khalifa_haftar")
        .expect("Russia backed Haftar");
    let sentence = row["sentence_text"].as_str().unwrap();
    assert!(sentence.len() < WHOLE_SENTENCE, "{} bytes", sentence.len());
    assert!(
        sentence.starts_with(CUT) && sentence.ends_with(CUT),
        "{sentence}"
    );
    assert!(
        sentence.contains("Russia backed Khalifa Haftar"),
        "{sentence}"
    );
    // The spans still point into the document.
    let start = row["subject_start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + "Russia".len()], "Russia");
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn the_picture_of_build_render_is_named_in_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_arg = out.to_str().unwrap();
    let output = gazegraph(
        &[
            "build",
            "-q",
            "seeds/003_fb7aa91ac16870b2.txt",
            "-o",
            out_arg,
            "--render",
            "svg",
        ],
        "",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest = manifest(&out);
    let files: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"graph.svg"), "{files:?}");
    // The manifest's hash and size are the picture's.
    gazegraph::export::Manifest::verify(&out).expect("a complete set");
}

#[test]
fn a_run_that_reads_no_document_keeps_the_set_an_earlier_run_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, "{\"text\": \"Russia backed Khalifa Haftar.\"}\n").unwrap();
    let out = dir.path().join("out");
    let (input, out_arg) = (input.to_str().unwrap(), out.to_str().unwrap());
    let good = gazegraph(&["build", "-q", input, "-o", out_arg], "");
    assert!(good.status.success());
    let before = std::fs::read(out.join("graph.ron")).unwrap();
    let manifest_before = manifest(&out);

    let wrong = gazegraph(
        &["build", "-q", input, "-o", out_arg, "--text-field", "body"],
        "",
    );
    assert_eq!(wrong.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(stderr.contains("is left as it was"), "{stderr}");
    assert_eq!(std::fs::read(out.join("graph.ron")).unwrap(), before);
    assert_eq!(manifest(&out), manifest_before);

    // Without an earlier set, the empty result is still written (and still exit 3).
    let fresh = dir.path().join("fresh");
    let empty = gazegraph(
        &[
            "build",
            "-q",
            input,
            "-o",
            fresh.to_str().unwrap(),
            "--text-field",
            "body",
        ],
        "",
    );
    assert_eq!(empty.status.code(), Some(3));
    assert!(fresh.join("manifest.json").exists());
}
