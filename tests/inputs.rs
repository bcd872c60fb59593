//! Bad and unusual inputs, one row each: the file, the options, and exactly what the user
//! is told (exit code, every stderr line) and, where it matters, which mentions come out.

use std::io::Write;
use std::path::Path;

use flate2::{Compression, write::GzEncoder};

use crate::fixtures::{command, tempdir};

/// One input and what `gazegraph mentions` must say about it.
struct Case {
    name: &'static str,
    /// The file, written in a fresh directory that is the working directory of the run.
    file: &'static str,
    bytes: Vec<u8>,
    args: &'static [&'static str],
    code: i32,
    /// Every line of stderr.
    stderr: &'static [&'static str],
    /// `start end text` of each mention in stdout (TSV columns 4 to 6), for cases about
    /// offsets; `None` when the case is about messages only.
    mentions: Option<&'static [&'static str]>,
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

const SENTENCE: &str = "Haftar met Putin.";
const ONE_SKIPPED_SUMMARY: &str =
    "1 documents processed (0.0 MB), 1 skipped, 2 mentions, 0 unresolved";
const ONE_MENTION_SUMMARY: &str =
    "1 documents processed (0.0 MB), 0 skipped, 2 mentions, 0 unresolved";
/// The summary's second line: these documents name no date.
const ONE_UNDATED: &str = "0 dated, 1 undated";

fn cases() -> Vec<Case> {
    let long_line = format!(
        "{{\"text\": \"{}\"}}\n{{\"text\": \"{SENTENCE}\"}}\n",
        "a".repeat(40)
    );
    let big_csv = format!("text\n{}\n{SENTENCE}\n", "b".repeat(200_000));
    vec![
        Case {
            name: "a JSONL line over the limit is skipped, the next one read",
            file: "news.jsonl",
            bytes: long_line.into_bytes(),
            args: &["--max-document-bytes", "40"],
            code: 0,
            stderr: &[
                "warning: skipped news.jsonl#1: line 1: line longer than the size limit of 40 bytes",
                ONE_SKIPPED_SUMMARY,
                ONE_UNDATED,
            ],
            mentions: None,
        },
        Case {
            name: "a text file over the limit",
            file: "big.txt",
            bytes: format!("{SENTENCE} {}", "x".repeat(3000)).into_bytes(),
            args: &["--max-document-bytes", "2048"],
            code: 3,
            stderr: &[
                "warning: skipped big.txt: larger than the size limit of 2 KiB",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "a gzip bomb counts its inflated bytes",
            file: "bomb.txt.gz",
            bytes: gzip(&vec![b'a'; 4 << 20]),
            args: &["--max-document-bytes", "1048576"],
            code: 3,
            stderr: &[
                "warning: skipped bomb.txt.gz: larger than the size limit of 1 MiB",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "a CSV record over the limit",
            file: "news.csv",
            bytes: format!("text\n{}\n{SENTENCE}\n", "b".repeat(100)).into_bytes(),
            args: &["--max-document-bytes", "50"],
            code: 0,
            stderr: &[
                "warning: skipped news.csv#1: line 2: record longer than the size limit of 50 bytes",
                ONE_SKIPPED_SUMMARY,
                ONE_UNDATED,
            ],
            mentions: None,
        },
        Case {
            name: "a CSV record far over the limit ends the file unread",
            file: "news.csv",
            bytes: big_csv.into_bytes(),
            args: &["--max-document-bytes", "50"],
            code: 3,
            stderr: &[
                "warning: skipped news.csv#1: line 2: record longer than the size limit of 50 bytes; the rest of the file is not read",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "an unclosed quote swallowing the rows after it",
            file: "news.csv",
            bytes: format!("title,text\nA,\"{SENTENCE}\nB,two\nC,three\n").into_bytes(),
            args: &[],
            code: 3,
            stderr: &[
                "warning: skipped news.csv#1: line 2: a quoted field is never closed: this record runs to the end of the file (line 5), swallowing the rows after it",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "a quote inside an unquoted field is a character, not an opening",
            file: "news.csv",
            bytes: format!("title,text\nA 5\" gun,{SENTENCE}\n").into_bytes(),
            args: &[],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["10\t16\tHaftar", "21\t26\tPutin"]),
        },
        Case {
            name: "a quote closed on a later line with too many fields after it",
            file: "news.csv",
            bytes: format!("title,text\nA,\"{SENTENCE}\nB\",two,three\n").into_bytes(),
            args: &[],
            code: 3,
            stderr: &[
                "warning: skipped news.csv#1: line 2: expected 2 fields as in the header, found 4",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "a UTF-8 byte order mark: offsets are the file's",
            file: "bom.txt",
            bytes: format!("\u{feff}{SENTENCE}").into_bytes(),
            args: &[],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["3\t9\tHaftar", "14\t19\tPutin"]),
        },
        Case {
            name: "UTF-16 little-endian with its byte order mark is decoded",
            file: "le.txt",
            bytes: utf16le(SENTENCE),
            args: &[],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["0\t6\tHaftar", "11\t16\tPutin"]),
        },
        Case {
            name: "UTF-16 big-endian JSONL is decoded",
            file: "be.jsonl",
            bytes: utf16be(&format!("{{\"text\": \"{SENTENCE}\"}}\n")),
            args: &[],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["0\t6\tHaftar", "11\t16\tPutin"]),
        },
        Case {
            name: "Latin-1 without --encoding is not UTF-8",
            file: "latin1.txt",
            bytes: b"Caf\xe9: Haftar met Putin.".to_vec(),
            args: &[],
            code: 3,
            stderr: &[
                "warning: skipped latin1.txt: invalid UTF-8 at byte 3",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "Latin-1 with --encoding: offsets into the decoded UTF-8 text",
            file: "latin1.txt",
            bytes: b"Caf\xe9: Haftar met Putin.".to_vec(),
            args: &["--encoding", "latin1"],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["7\t13\tHaftar", "18\t23\tPutin"]),
        },
        Case {
            name: "Windows-1252 CSV with --encoding",
            file: "news.csv",
            bytes: b"title,text\n\x93Quoted\x94,Haftar met Putin.\n".to_vec(),
            args: &["--encoding", "windows-1252"],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: Some(&["14\t20\tHaftar", "25\t30\tPutin"]),
        },
        Case {
            name: "an unknown encoding",
            file: "a.txt",
            bytes: SENTENCE.as_bytes().to_vec(),
            args: &["--encoding", "klingon"],
            code: 2,
            stderr: &[
                "error: invalid value 'klingon' for '--encoding <LABEL>': unknown encoding `klingon` (try latin1, windows-1252, utf-16le)",
                "",
                "For more information, try '--help'.",
            ],
            mentions: None,
        },
        Case {
            name: "a JSONL field named id is the id; a number becomes its decimal text",
            file: "news.jsonl",
            bytes: format!("{{\"id\": 7, \"text\": \"{SENTENCE}\"}}\n").into_bytes(),
            args: &[],
            code: 0,
            stderr: &[ONE_MENTION_SUMMARY, ONE_UNDATED],
            mentions: None,
        },
        Case {
            name: "an id of another JSON type",
            file: "news.jsonl",
            bytes: format!("{{\"id\": [7], \"text\": \"{SENTENCE}\"}}\n").into_bytes(),
            args: &[],
            code: 3,
            stderr: &[
                "warning: skipped news.jsonl#1: line 1: id field `id` must be a string or a number, found an array",
                "0 documents processed (0.0 MB), 1 skipped, 0 mentions, 0 unresolved",
                "error: no document read: all 1 were skipped (see the warnings)",
            ],
            mentions: None,
        },
        Case {
            name: "an --id-field that no JSONL field has",
            file: "news.jsonl",
            bytes: format!("\n{{\"id\": 7, \"text\": \"{SENTENCE}\"}}\n").into_bytes(),
            args: &["--id-field", "guid"],
            code: 2,
            stderr: &["error: news.jsonl:2:1: no field `guid` in the first record"],
            mentions: None,
        },
        Case {
            name: "an --id-field found in the first JSONL record but not a later one",
            file: "news.jsonl",
            bytes: format!("{{\"guid\": \"a\", \"text\": \"{SENTENCE}\"}}\n{{\"text\": \"x\"}}\n")
                .into_bytes(),
            args: &["--id-field", "guid"],
            code: 0,
            stderr: &[
                "warning: skipped news.jsonl#2: line 2: missing id field `guid`",
                ONE_SKIPPED_SUMMARY,
                ONE_UNDATED,
            ],
            mentions: None,
        },
        Case {
            name: "an --id-field that no CSV column has",
            file: "news.csv",
            bytes: format!("title,text\nA,{SENTENCE}\n").into_bytes(),
            args: &["--id-field", "guid"],
            code: 2,
            stderr: &["error: news.csv:1:1: no column `guid`; columns are: title, text"],
            mentions: None,
        },
        Case {
            name: "duplicate ids are reported and counted",
            file: "news.csv",
            bytes: format!("id,text\nx,{SENTENCE}\ny,Haftar.\n x ,Putin.\n").into_bytes(),
            args: &[],
            code: 0,
            stderr: &[
                "warning: news.csv#3: duplicate id `x` (first used by news.csv#1)",
                "3 documents processed (0.0 MB), 0 skipped, 1 duplicate ids, 4 mentions, 0 unresolved",
                "0 dated, 3 undated",
            ],
            mentions: None,
        },
        Case {
            name: "an empty CSV record is named with its line",
            file: "news.csv",
            bytes: format!("title,text\n,\n\" \",{SENTENCE}\n").into_bytes(),
            args: &[],
            code: 0,
            stderr: &[
                "warning: skipped news.csv#1: line 2: empty: no text and no title",
                ONE_SKIPPED_SUMMARY,
                ONE_UNDATED,
            ],
            mentions: None,
        },
    ]
}

fn run(dir: &Path, case: &Case) -> (i32, String, String) {
    let output = command()
        .current_dir(dir)
        .arg("mentions")
        .arg(case.file)
        .args(case.args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let mut failures = Vec::new();
    for case in cases() {
        let tmp = tempdir();
        std::fs::write(tmp.path().join(case.file), &case.bytes).unwrap();
        let (code, stdout, stderr) = run(tmp.path(), &case);
        let lines: Vec<&str> = stderr.lines().collect();
        if code != case.code || lines != case.stderr {
            failures.push(format!("{}: exit {code}, stderr:\n{stderr}", case.name));
            continue;
        }
        if let Some(expected) = case.mentions {
            let spans: Vec<String> = stdout
                .lines()
                .skip(1)
                .map(|line| {
                    line.split('\t')
                        .skip(3)
                        .take(3)
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect();
            if spans != expected {
                failures.push(format!("{}: mentions {spans:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ids_from_a_field_name_the_documents() {
    let tmp = tempdir();
    let jsonl = format!(
        "{{\"id\": 7, \"text\": \"{SENTENCE}\"}}\n{{\"id\": \" x-1 \", \"text\": \"Putin.\"}}\n"
    );
    std::fs::write(tmp.path().join("news.jsonl"), jsonl).unwrap();
    let output = command()
        .current_dir(tmp.path())
        .args(["mentions", "-q", "news.jsonl"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let documents: Vec<&str> = stdout
        .lines()
        .skip(1)
        .map(|line| line.split('\t').next().unwrap())
        .collect();
    assert_eq!(documents, ["7", "7", "x-1"]);
}
